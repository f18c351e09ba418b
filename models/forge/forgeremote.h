#pragma once

#include "forge/forgehost.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace gitops::forge {

/// A git remote URL read as a project on a forge: host, port and project path, the forge
/// type and its API base, the project's web page and its compare ("new pull request")
/// page. Built by fromUrl(); a plain value, any thread.
///
/// The project path keeps its case (web URLs and API paths are case-sensitive on some
/// forges); the host is lower case. GitLab's nested groups stay whole in the path.
class ForgeRemote
{
public:
    ForgeRemote() = default;

    /// Parses @p remoteUrl (`git@host:path`, `ssh://[user@]host[:port]/path`,
    /// `https://[user@]host[:port]/path[.git]`) and picks its forge: an entry of @p hosts
    /// for the host, else a well-known host (github.com, gitlab.com, codeberg.org,
    /// bitbucket.org), else Unknown. Invalid (with error()) for local paths and URLs that
    /// name no project.
    static ForgeRemote fromUrl(const QString &remoteUrl, const QList<ForgeHost> &hosts = {});

    /// This remote on a forge found otherwise (by ForgeProbe): @p api is the API base URL.
    ForgeRemote withForge(ForgeType type, const QUrl &api) const;

    bool isValid() const { return m_error.isEmpty() && !m_host.isEmpty(); }
    QString error() const { return m_error; }

    /// The remote URL as given, without a password (a token) it may hold.
    QString remoteUrl() const { return m_remoteUrl; }
    /// "ssh", "https" or "http".
    QString transport() const { return m_transport; }
    QString host() const { return m_host; }
    /// The remote URL's port, -1 when it names none. For ssh remotes this is the ssh port,
    /// which says nothing about the web server's.
    int port() const { return m_port; }
    /// The path on the forge: `owner/repo`, `group/sub/project`; no `.git`, no sub-path
    /// under which the forge is installed.
    QString projectPath() const { return m_projectPath; }
    /// Everything before the last segment of projectPath() (the owner, or the groups).
    QString owner() const;
    /// The last segment of projectPath().
    QString name() const;

    ForgeType type() const { return m_type; }
    /// The REST API base (`https://api.github.com`, `https://host/api/v3`,
    /// `https://host/gitlab/api/v4`, `https://host/git/api/v1`); empty when Unknown.
    QUrl apiBase() const { return m_api; }
    /// The project's web page; for an Unknown forge a guess from an https remote, else
    /// empty.
    QUrl webUrl() const;
    /// The page that offers a pull request from @p head into @p base; empty where none can
    /// be built (an Unknown forge).
    QUrl compareUrl(const QString &base, const QString &head) const;
    /// One sentence for a user whose forge is Unknown: the branch is pushed, open the pull
    /// request by hand, and how to name the forge in the settings.
    QString unknownForgeHint() const;

private:
    void resolve(const QList<ForgeHost> &hosts);
    void applyForge(ForgeType type, const QUrl &api);

    QString m_remoteUrl;
    QString m_error;
    QString m_transport;
    QString m_host;
    int m_port = -1;
    QString m_fullPath; ///< the path as the remote URL spells it, without `.git`
    QString m_projectPath;
    ForgeType m_type = ForgeType::Unknown;
    QUrl m_api;
    QUrl m_webBase; ///< scheme, host, port and the forge's sub-path
};

} // namespace gitops::forge
