#include "forge/forgeremote.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace gitops::forge {

using namespace Qt::StringLiterals;

namespace {

struct WellKnownHost
{
    QStringView host; ///< as remotes spell it (ssh-over-443 aliases included)
    QStringView webHost;
    ForgeType type;
};

// ssh.github.com, altssh.gitlab.com and altssh.bitbucket.org serve ssh on port 443 for
// networks that block port 22; they are the same forges.
constexpr WellKnownHost wellKnownHosts[] = {
    {u"github.com", u"github.com", ForgeType::GitHub},
    {u"ssh.github.com", u"github.com", ForgeType::GitHub},
    {u"gitlab.com", u"gitlab.com", ForgeType::GitLab},
    {u"altssh.gitlab.com", u"gitlab.com", ForgeType::GitLab},
    {u"codeberg.org", u"codeberg.org", ForgeType::Gitea},
    {u"bitbucket.org", u"bitbucket.org", ForgeType::Bitbucket},
    {u"altssh.bitbucket.org", u"bitbucket.org", ForgeType::Bitbucket},
};

QString apiSuffix(ForgeType type)
{
    switch (type) {
    case ForgeType::GitHub:
        return QStringLiteral("/api/v3");
    case ForgeType::GitLab:
        return QStringLiteral("/api/v4");
    case ForgeType::Gitea:
        return QStringLiteral("/api/v1");
    case ForgeType::Bitbucket:
    case ForgeType::Unknown:
        break;
    }
    return {};
}

QString trimSlashes(QString path)
{
    while (path.startsWith(u'/'))
        path.remove(0, 1);
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

// A branch name as one piece of a URL path: slashes stay (forges route them), the rest is
// percent-encoded.
QString pathEncoded(const QString &branch)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(branch, "/"));
}

} // namespace

ForgeRemote ForgeRemote::fromUrl(const QString &remoteUrl, const QList<ForgeHost> &hosts)
{
    ForgeRemote remote;
    // A remote may carry a token as its password (https://x-access-token:TOKEN@host/...):
    // it is dropped here, so no message or log built from this value can show it.
    static const QRegularExpression password(
        QStringLiteral("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/@]*@"));
    const QString text = remoteUrl.trimmed().replace(password, QStringLiteral("\\1@"));
    remote.m_remoteUrl = text;
    if (text.isEmpty()) {
        remote.m_error = QStringLiteral("the remote has no URL");
        return remote;
    }

    QString path;
    const qsizetype schemeEnd = text.indexOf(u"://");
    if (schemeEnd > 0) {
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty()) {
            remote.m_error = QStringLiteral("%1 is not a URL git can reach a forge at").arg(text);
            return remote;
        }
        if (scheme == u"ssh" || scheme == u"git+ssh" || scheme == u"ssh+git") {
            remote.m_transport = QStringLiteral("ssh");
        } else if (scheme == u"https" || scheme == u"http") {
            remote.m_transport = scheme;
        } else {
            remote.m_error =
                QStringLiteral("%1: remotes over %2 name no forge").arg(text, url.scheme());
            return remote;
        }
        remote.m_host = url.host().toLower(); // QUrl lowers it already; say so
        remote.m_port = url.port();
        path = url.path(QUrl::FullyDecoded);
    } else {
        // scp-like syntax: [user@]host:path, where the part before the colon has no slash
        // (git's own rule for telling it from a local path).
        const qsizetype colon = text.indexOf(u':');
        const qsizetype slash = text.indexOf(u'/');
        if (colon <= 0 || (slash >= 0 && slash < colon)) {
            remote.m_error = QStringLiteral("%1 is a local path, not a forge").arg(text);
            return remote;
        }
        QString host = text.left(colon);
        const qsizetype at = host.lastIndexOf(u'@');
        if (at >= 0)
            host = host.mid(at + 1);
        remote.m_transport = QStringLiteral("ssh");
        remote.m_host = host.toLower();
        path = text.mid(colon + 1);
    }

    path = trimSlashes(path);
    if (path.endsWith(u".git"))
        path.chop(4);
    path = trimSlashes(path);
    if (remote.m_host.isEmpty() || !path.contains(u'/')) {
        remote.m_error =
            QStringLiteral("%1 names no project (expected host and owner/repository)").arg(text);
        return remote;
    }
    remote.m_fullPath = path;
    remote.m_projectPath = path;
    remote.resolve(hosts);
    return remote;
}

void ForgeRemote::resolve(const QList<ForgeHost> &hosts)
{
    for (const ForgeHost &entry : hosts) {
        if (entry.host.compare(m_host, Qt::CaseInsensitive) == 0
            && entry.type != ForgeType::Unknown) {
            applyForge(entry.type, entry.api);
            return;
        }
    }
    for (const WellKnownHost &known : wellKnownHosts) {
        if (known.host == m_host) {
            const QString webHost = known.webHost.toString();
            QUrl api;
            if (known.type == ForgeType::GitHub)
                api = QUrl(QStringLiteral("https://api.github.com"));
            else if (known.type == ForgeType::Bitbucket)
                api = QUrl(QStringLiteral("https://api.bitbucket.org/2.0"));
            else
                api = QUrl(u"https://"_s + webHost + apiSuffix(known.type));
            applyForge(known.type, api);
            m_webBase = QUrl(u"https://"_s + webHost);
            return;
        }
    }
    m_type = ForgeType::Unknown;
    m_api.clear();
    m_webBase.clear();
    if (m_transport != u"ssh") {
        m_webBase.setScheme(m_transport);
        m_webBase.setHost(m_host);
        m_webBase.setPort(m_port);
    }
}

ForgeRemote ForgeRemote::withForge(ForgeType type, const QUrl &api) const
{
    ForgeRemote copy = *this;
    copy.m_projectPath = copy.m_fullPath;
    copy.applyForge(type, api);
    return copy;
}

void ForgeRemote::applyForge(ForgeType type, const QUrl &api)
{
    m_type = type;
    m_api = api;
    if (m_api.isEmpty()) {
        // The forge at the host's root, reached the way the remote is (the ssh port says
        // nothing about the web server's, so ssh remotes get plain https).
        const bool web = m_transport != u"ssh";
        m_api.setScheme(web ? m_transport : QStringLiteral("https"));
        m_api.setHost(m_host);
        if (web)
            m_api.setPort(m_port);
        m_api.setPath(apiSuffix(type));
    }
    QString prefix = m_api.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    const QString suffix = apiSuffix(type);
    if (!suffix.isEmpty() && prefix.endsWith(suffix))
        prefix.chop(suffix.size());
    m_api.setPath(m_api.path().endsWith(u'/') ? m_api.path().chopped(1) : m_api.path());

    m_webBase = QUrl();
    m_webBase.setScheme(m_api.scheme());
    m_webBase.setHost(m_api.host());
    m_webBase.setPort(m_api.port());
    m_webBase.setPath(prefix);

    // A forge under a sub-path (GitLab's relative_url_root, Gitea's ROOT_URL) has that
    // sub-path in its https clone URLs, not in its ssh ones.
    const QString inner = trimSlashes(prefix);
    m_projectPath = m_fullPath;
    if (m_transport != u"ssh" && !inner.isEmpty() && m_fullPath.startsWith(inner + u'/'))
        m_projectPath = m_fullPath.mid(inner.size() + 1);
}

QString ForgeRemote::owner() const
{
    const qsizetype slash = m_projectPath.lastIndexOf(u'/');
    return slash < 0 ? QString() : m_projectPath.left(slash);
}

QString ForgeRemote::name() const
{
    return m_projectPath.mid(m_projectPath.lastIndexOf(u'/') + 1);
}

QUrl ForgeRemote::webUrl() const
{
    if (!isValid() || m_webBase.isEmpty())
        return {};
    QUrl url = m_webBase;
    url.setPath(url.path() + u'/' + m_projectPath);
    return url;
}

QUrl ForgeRemote::compareUrl(const QString &base, const QString &head) const
{
    QUrl url = webUrl();
    if (url.isEmpty())
        return {};
    QUrlQuery query;
    switch (m_type) {
    case ForgeType::GitHub:
        // The form GitHub itself links after a push: the pull request form, opened.
        url.setPath(url.path() + u"/compare/"_s + pathEncoded(base) + u"..."_s + pathEncoded(head),
                    QUrl::TolerantMode);
        query.addQueryItem(QStringLiteral("expand"), QStringLiteral("1"));
        break;
    case ForgeType::GitLab:
        // What `git push` prints on GitLab ("To create a merge request for ...").
        url.setPath(url.path() + u"/-/merge_requests/new"_s);
        query.addQueryItem(QStringLiteral("merge_request[source_branch]"),
                           QString::fromLatin1(QUrl::toPercentEncoding(head)));
        query.addQueryItem(QStringLiteral("merge_request[target_branch]"),
                           QString::fromLatin1(QUrl::toPercentEncoding(base)));
        break;
    case ForgeType::Gitea:
        url.setPath(url.path() + u"/compare/"_s + pathEncoded(base) + u"..."_s + pathEncoded(head),
                    QUrl::TolerantMode);
        break;
    case ForgeType::Bitbucket:
        url.setPath(url.path() + u"/pull-requests/new"_s);
        query.addQueryItem(QStringLiteral("source"),
                           QString::fromLatin1(QUrl::toPercentEncoding(head)));
        query.addQueryItem(QStringLiteral("dest"),
                           QString::fromLatin1(QUrl::toPercentEncoding(base)));
        break;
    case ForgeType::Unknown:
        return {};
    }
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QString ForgeRemote::unknownForgeHint() const
{
    return QStringLiteral(
               "%1 is not a forge the console knows: the branch was pushed, open the pull "
               "request on the forge's web page, or name the forge for this host in the "
               "settings (host: %1, type: github, gitlab or gitea, api: its API URL).")
        .arg(m_host);
}

} // namespace gitops::forge
