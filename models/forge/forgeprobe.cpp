#include "forge/forgeprobe.h"

#include "forge/forgelogging.h"
#include "version.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

#include <optional>

namespace gitops::forge {

using namespace Qt::StringLiterals;

namespace {

// GitHub first: its Enterprise servers may also sit behind paths another forge uses.
const QStringList endpoints = {u"/api/v3/meta"_s, u"/api/v4/version"_s, u"/api/v1/version"_s};

QString cacheKey(const QUrl &origin)
{
    return origin.host() + u':' + QString::number(origin.port(-1));
}

// What each host runs, found by any probe of the process: a change submission, `pr list`
// and the audit view each make their own connection, and none should ask the host again.
// Only answers are kept; a host that answered nothing is asked again next time.
struct FoundForges
{
    QMutex mutex;
    QHash<QString, ForgeHost> byOrigin;
};

FoundForges &foundForges()
{
    static FoundForges found;
    return found;
}

std::optional<ForgeHost> foundForge(const QString &key)
{
    FoundForges &found = foundForges();
    const QMutexLocker lock(&found.mutex);
    const auto it = found.byOrigin.constFind(key);
    if (it == found.byOrigin.constEnd())
        return std::nullopt;
    return *it;
}

void rememberForge(const QString &key, const ForgeHost &host)
{
    FoundForges &found = foundForges();
    const QMutexLocker lock(&found.mutex);
    found.byOrigin.insert(key, host);
}

} // namespace

ForgeProbe::ForgeProbe(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setAutoDeleteReplies(false);
}

ForgeProbe::~ForgeProbe() = default;

QStringList ForgeProbe::candidateRoots(const ForgeRemote &remote)
{
    QStringList roots{QString()};
    if (remote.transport() == u"ssh")
        return roots; // ssh paths never hold the web server's sub-path
    // The path as the remote spells it: the probe runs before any sub-path is known.
    const QStringList segments = remote.projectPath().split(u'/', Qt::SkipEmptyParts);
    if (segments.size() >= 3)
        roots << u'/' + segments.first();
    return roots;
}

ForgeType ForgeProbe::identify(const QString &endpoint, int status, const QByteArray &body)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (endpoint.endsWith(u"/api/v3/meta"))
        return status == 200
                && (json.contains(u"verifiable_password_authentication")
                    || json.contains(u"installed_version"))
            ? ForgeType::GitHub
            : ForgeType::Unknown;
    if (endpoint.endsWith(u"/api/v4/version")) {
        if (status == 200 && json.contains(u"version") && json.contains(u"revision"))
            return ForgeType::GitLab;
        // GitLab asks for a token even here; its 401 has its own words.
        if (status == 401 && json.value(u"message").toString() == u"401 Unauthorized")
            return ForgeType::GitLab;
        return ForgeType::Unknown;
    }
    if (endpoint.endsWith(u"/api/v1/version"))
        return status == 200 && json.value(u"version").isString() && !json.contains(u"revision")
            ? ForgeType::Gitea
            : ForgeType::Unknown;
    return ForgeType::Unknown;
}

void ForgeProbe::probe(const ForgeRemote &remote, QObject *context, Callback done)
{
    if (!remote.isValid() || remote.type() != ForgeType::Unknown) {
        done(remote, remote.error());
        return;
    }
    QUrl origin;
    const bool web = remote.transport() != u"ssh";
    origin.setScheme(web ? remote.transport() : u"https"_s);
    origin.setHost(remote.host());
    if (web)
        origin.setPort(remote.port());

    if (const std::optional<ForgeHost> cached = foundForge(cacheKey(origin))) {
        done(ForgeRemote::fromUrl(remote.remoteUrl(), {*cached}), QString());
        return;
    }
    QList<Attempt> attempts;
    for (const QString &root : candidateRoots(remote)) {
        for (const QString &endpoint : endpoints)
            attempts.append({root, endpoint});
    }
    next(remote, origin, attempts, context, std::move(done));
}

void ForgeProbe::next(const ForgeRemote &remote, const QUrl &origin, QList<Attempt> attempts,
                      QObject *context, Callback done)
{
    if (attempts.isEmpty()) {
        done(remote,
             QStringLiteral("no GitHub, GitLab or Gitea answered at %1; %2")
                 .arg(origin.toString(), remote.unknownForgeHint()));
        return;
    }
    const Attempt attempt = attempts.takeFirst();
    QUrl url = origin;
    url.setPath(attempt.root + attempt.endpoint);
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", "gitops-console/" + applicationVersion().toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    qCDebug(lcForge).noquote() << "probe" << url.toString();
    QNetworkReply *reply = m_network->get(request);
    const QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, remote, origin, attempts, attempt, guard, context, done] {
                reply->deleteLater();
                if (context && !guard)
                    return;
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const ForgeType type = identify(attempt.endpoint, status, reply->readAll());
                if (type == ForgeType::Unknown) {
                    next(remote, origin, attempts, context, done);
                    return;
                }
                QUrl api = origin;
                api.setPath(attempt.root + attempt.endpoint.section(u'/', 0, 2));
                const ForgeHost found{remote.host(), type, api};
                rememberForge(cacheKey(origin), found);
                qCDebug(lcForge).noquote() << "probe:" << remote.host() << "is"
                                           << forgeTypeName(type) << "at" << api.toString();
                done(ForgeRemote::fromUrl(remote.remoteUrl(), {found}), QString());
            });
}

} // namespace gitops::forge
