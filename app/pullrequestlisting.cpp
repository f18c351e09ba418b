#include "pullrequestlisting.h"

#include "forge/forgeclient.h"
#include "forge/forgeprobe.h"
#include "forge/tokenstore.h"

namespace gitops {

PullRequestListing::PullRequestListing(QObject *parent)
    : QObject(parent)
{ }

PullRequestListing::~PullRequestListing() = default;

void PullRequestListing::start(const QString &remoteUrl, const QString &headPrefix)
{
    m_headPrefix = headPrefix;
    m_remote = forge::ForgeRemote::fromUrl(remoteUrl);
    if (!m_remote.isValid()) {
        fail(tr("%1 names no project on a forge: %2").arg(remoteUrl, m_remote.error()));
        return;
    }
    if (m_remote.type() != forge::ForgeType::Unknown) {
        withForge(m_remote);
        return;
    }
    // Not a well-known host: ask it what it runs.
    m_probe = std::make_unique<forge::ForgeProbe>();
    m_probe->probe(
        m_remote, this, [this](const forge::ForgeRemote &remote, const QString &problem) {
            if (remote.type() == forge::ForgeType::Unknown) {
                fail(problem.isEmpty() ? tr("%1 runs no forge the console knows (GitHub, GitLab, "
                                            "Gitea)")
                                             .arg(m_remote.host())
                                       : problem);
                return;
            }
            withForge(remote);
        });
}

void PullRequestListing::withForge(const forge::ForgeRemote &remote)
{
    m_remote = remote;
    m_tokens = std::make_unique<forge::TokenStore>();
    m_tokens->lookup(remote.host(), remote.type(), this, [this](const forge::TokenLookup &lookup) {
        if (!lookup.found()) {
            fail(tr("no token for %1 (%2): store one in the keychain, or set %3")
                     .arg(m_remote.host(),
                          lookup.problem.isEmpty() ? tr("none in the keychain or the environment")
                                                   : lookup.problem,
                          m_remote.type() == forge::ForgeType::GitHub
                              ? QStringLiteral("GITHUB_TOKEN")
                              : m_remote.type() == forge::ForgeType::GitLab
                              ? QStringLiteral("GITLAB_TOKEN")
                              : QStringLiteral("GITEA_TOKEN")));
            return;
        }
        forge::ForgeError error;
        m_client = forge::ForgeClient::create(m_remote, lookup.token, &error);
        if (!m_client) {
            fail(error.text());
            return;
        }
        m_client->listOpen(
            m_headPrefix, this,
            [this](const QList<forge::PullRequest> &requests, const forge::ForgeError &error) {
                if (error.isError()) {
                    fail(error.text());
                    return;
                }
                m_done = true;
                Q_EMIT finished(requests, QString());
            });
    });
}

void PullRequestListing::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished({}, error);
}

} // namespace gitops
