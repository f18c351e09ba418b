#pragma once

#include "text.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <variant>

class QJsonValue;
class QSettings;

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

/// Why a list of forge entries was refused: the JSON path of the entry ("/forges/1/type")
/// and what is wrong with it.
struct ForgeHostsError
{
    QString path;
    Text message;
};

/// Reads a `forges:` list (each entry `host` and `type` required, `api` an optional http or
/// https URL; no other fields), as `gitops-console.yaml` and the settings write it. @p path
/// is where the list is, for the error. A pure function.
std::variant<QList<ForgeHost>, ForgeHostsError> readForgeHosts(const QJsonValue &list,
                                                               const QString &path);

/// The user's own per-host entries: the `forges` array of the settings
/// (`forges/1/host=git.example.com`, `forges/1/type=gitlab`, `forges/1/api=…`,
/// `forges/size=1`). Entries that do not read are left out with a warning in the log.
QList<ForgeHost> userForgeHosts(QSettings &settings);
/// userForgeHosts() of the application's settings.
QList<ForgeHost> userForgeHosts();
/// The per-host entries that decide a remote's forge, in their order: the user's settings
/// (userForgeHosts()) before @p repository's `gitops-console.yaml` (the first entry naming
/// a host wins).
QList<ForgeHost> configuredForgeHosts(const QList<ForgeHost> &repository);

} // namespace gitops::forge
