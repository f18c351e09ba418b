#include "resourceid.h"

namespace gitops::manifest {

QString ResourceId::groupOf(const QString &apiVersion)
{
    const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : apiVersion.left(slash);
}

QString ResourceId::toString() const
{
    const QString type = group.isEmpty() ? kind : group + QLatin1Char('/') + kind;
    const QString object = namespaceName.isEmpty() ? name : namespaceName + QLatin1Char('/') + name;
    return type + QLatin1Char(' ') + object;
}

} // namespace gitops::manifest
