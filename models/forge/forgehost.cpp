#include "forge/forgehost.h"

namespace gitops::forge {

QString forgeTypeName(ForgeType type)
{
    switch (type) {
    case ForgeType::GitHub:
        return QStringLiteral("github");
    case ForgeType::GitLab:
        return QStringLiteral("gitlab");
    case ForgeType::Gitea:
        return QStringLiteral("gitea");
    case ForgeType::Bitbucket:
        return QStringLiteral("bitbucket");
    case ForgeType::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ForgeType forgeTypeFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"github")
        return ForgeType::GitHub;
    if (lower == u"gitlab")
        return ForgeType::GitLab;
    if (lower == u"gitea" || lower == u"forgejo")
        return ForgeType::Gitea;
    if (lower == u"bitbucket")
        return ForgeType::Bitbucket;
    return ForgeType::Unknown;
}

} // namespace gitops::forge
