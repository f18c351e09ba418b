#include "forgeconnection.h"

#include "forge/forgeclient.h"
#include "forge/forgeerror.h"
#include "forge/forgeprobe.h"
#include "forge/tokenstore.h"

#include <QPointer>

namespace gitops::forge {

ForgeConnection::ForgeConnection(QObject *parent)
    : QObject(parent)
{ }

ForgeConnection::~ForgeConnection() = default;

void ForgeConnection::setTokenSource(const QProcessEnvironment &environment, bool useKeychain)
{
    m_environment = environment;
    m_useKeychain = useKeychain;
}

QString ForgeConnection::tokenVariable(ForgeType type)
{
    switch (type) {
    case ForgeType::GitHub:
        return QStringLiteral("GITHUB_TOKEN");
    case ForgeType::GitLab:
        return QStringLiteral("GITLAB_TOKEN");
    case ForgeType::Gitea:
        return QStringLiteral("GITEA_TOKEN");
    default:
        return {};
    }
}

void ForgeConnection::connectTo(const QString &remoteUrl, QObject *context, Callback done)
{
    ++m_generation;
    m_client.reset();
    m_probe.reset();
    m_tokens.reset();
    const ForgeRemote remote = ForgeRemote::fromUrl(remoteUrl, configuredForgeHosts(m_hosts));
    if (!remote.isValid()) {
        ForgeConnectionResult result;
        result.problem = ForgeConnectionResult::Problem::NoProject;
        result.remote = remote;
        result.error =
            tr("%1 names no project on a forge: %2")
                .arg(remote.remoteUrl().isEmpty() ? remoteUrl : remote.remoteUrl(), remote.error());
        done(result);
        return;
    }
    if (remote.type() != ForgeType::Unknown) {
        withForge(remote, context, std::move(done));
        return;
    }
    // Not a well-known host, and no setting names it: ask it what it runs.
    m_probe = std::make_unique<ForgeProbe>();
    m_probe->setTimeout(m_timeoutMs);
    const int generation = m_generation;
    const QPointer<QObject> guard(context);
    m_probe->probe(
        remote, this,
        [this, generation, guard, remote, done](const ForgeRemote &found, const QString &problem) {
            if (generation != m_generation || !guard)
                return;
            if (found.type() == ForgeType::Unknown) {
                ForgeConnectionResult result;
                result.problem = ForgeConnectionResult::Problem::UnknownForge;
                result.remote = found;
                result.error = problem.isEmpty()
                    ? tr("%1 runs no forge the console knows (GitHub, GitLab, Gitea)")
                          .arg(remote.host())
                    : problem;
                done(result);
                return;
            }
            withForge(found, guard, done);
        });
}

void ForgeConnection::withForge(const ForgeRemote &remote, QObject *context, Callback done)
{
    if (remote.type() == ForgeType::Bitbucket) {
        ForgeConnectionResult result;
        result.problem = ForgeConnectionResult::Problem::NoClient;
        result.remote = remote;
        result.error = tr("the console opens no pull requests on Bitbucket (%1) yet: open it on "
                          "the compare page")
                           .arg(remote.host());
        done(result);
        return;
    }
    const int generation = m_generation;
    if (const QByteArray entered = m_sessionTokens.value(remote.host().toLower());
        !entered.isEmpty()) {
        withToken(remote, entered, tr("entered for this session"), done);
        return;
    }
    if (!m_useKeychain) {
        const auto found = tokenFromEnvironment(remote.type(), remote.host(), m_environment);
        withToken(remote, found ? found->second : QByteArray(), found ? found->first : QString(),
                  done);
        return;
    }
    m_tokens = std::make_unique<TokenStore>();
    m_tokens->setEnvironment(m_environment);
    const QPointer<QObject> guard(context);
    m_tokens->lookup(remote.host(), remote.type(), this,
                     [this, generation, guard, remote, done](const TokenLookup &lookup) {
                         if (generation != m_generation || !guard)
                             return;
                         if (!lookup.found()) {
                             ForgeConnectionResult result;
                             result.problem = ForgeConnectionResult::Problem::NoToken;
                             result.remote = remote;
                             result.error =
                                 tr("no token for %1 (%2): store one in the keychain, or set %3")
                                     .arg(remote.host(),
                                          lookup.problem.isEmpty()
                                              ? tr("none in the keychain or the environment")
                                              : lookup.problem,
                                          tokenVariable(remote.type()));
                             done(result);
                             return;
                         }
                         withToken(remote, lookup.token, lookup.source, done);
                     });
}

void ForgeConnection::withToken(const ForgeRemote &remote, const QByteArray &token,
                                const QString &source, const Callback &done)
{
    ForgeConnectionResult result;
    result.remote = remote;
    result.tokenSource = source;
    if (token.isEmpty()) {
        result.problem = ForgeConnectionResult::Problem::NoToken;
        result.error =
            tr("no token for %1: set %2").arg(remote.host(), tokenVariable(remote.type()));
        done(result);
        return;
    }
    ForgeError error;
    m_client = ForgeClient::create(remote, token, &error);
    if (!m_client) {
        result.problem = ForgeConnectionResult::Problem::NoClient;
        result.error = error.text();
        done(result);
        return;
    }
    m_client->setTimeout(m_timeoutMs);
    result.client = m_client.get();
    done(result);
}

} // namespace gitops::forge
