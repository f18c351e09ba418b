#include "desiredstate.h"

namespace gitops {

DesiredState resolveDefaultNamespaces(
    DesiredState state, const QString &contextNamespace,
    const std::function<bool(const QString &group, const QString &kind)> &isClusterScoped)
{
    const bool fromContext = !contextNamespace.isEmpty();
    const QString fallback = fromContext ? contextNamespace : QStringLiteral("default");
    for (AppDesiredState &app : state.apps) {
        for (manifest::Resource &resource : app.resources) {
            if (resource.namespaceFrom == manifest::NamespaceFrom::None)
                continue;
            if (isClusterScoped && isClusterScoped(resource.id.group, resource.id.kind)) {
                resource.id.namespaceName.clear();
                resource.namespaceFrom = manifest::NamespaceFrom::None;
                continue;
            }
            if (resource.namespaceFrom == manifest::NamespaceFrom::Context
                || resource.namespaceFrom == manifest::NamespaceFrom::Default) {
                resource.id.namespaceName = fallback;
                resource.namespaceFrom = fromContext ? manifest::NamespaceFrom::Context
                                                     : manifest::NamespaceFrom::Default;
            }
        }
    }
    return state;
}

QString namespaceFromName(manifest::NamespaceFrom from)
{
    switch (from) {
    case manifest::NamespaceFrom::Manifest:
        return QStringLiteral("manifest");
    case manifest::NamespaceFrom::ArgoCdDestination:
        return QStringLiteral("application");
    case manifest::NamespaceFrom::FluxTargetNamespace:
        return QStringLiteral("targetNamespace");
    case manifest::NamespaceFrom::WorkspaceFile:
        return QStringLiteral("workspaceFile");
    case manifest::NamespaceFrom::Context:
        return QStringLiteral("context");
    case manifest::NamespaceFrom::Default:
        return QStringLiteral("default");
    case manifest::NamespaceFrom::None:
        break;
    }
    return {};
}

} // namespace gitops
