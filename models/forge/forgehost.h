#pragma once

#include <QString>
#include <QUrl>

namespace gitops::forge {

/// The forges the console knows. Bitbucket has no client: only its compare URL is built.
enum class ForgeType { Unknown, GitHub, GitLab, Gitea, Bitbucket };

/// Lower-case name as written in settings and `gitops-console.yaml` ("github", "gitlab",
/// "gitea", "bitbucket"); "unknown" for Unknown.
QString forgeTypeName(ForgeType type);
/// The type named @p name (case-insensitive; "forgejo" is Gitea); Unknown otherwise.
ForgeType forgeTypeFromName(const QString &name);

/// One per-host entry of the user's settings or of `gitops-console.yaml`
/// (`forges: - host: git.example.com, type: gitlab, api: https://git.example.com/gitlab/api/v4`).
/// An empty @c api means the forge's default base at the host's root. A plain value.
struct ForgeHost
{
    QString host; ///< compared case-insensitively with the remote's host
    ForgeType type = ForgeType::Unknown;
    QUrl api;
};

} // namespace gitops::forge
