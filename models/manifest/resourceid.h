#pragma once

#include <QHashFunctions>
#include <QString>

namespace gitops::manifest {

/// The identity of a Kubernetes object: (API group, kind, namespace, name). The version is
/// not part of it: `apps/v1` and `apps/v1beta2` name the same Deployment. The namespace is
/// empty for cluster-scoped objects. A plain value.
struct ResourceId
{
    QString group; ///< "" for the core group (apiVersion "v1")
    QString kind;
    QString namespaceName;
    QString name;

    /// The group of an apiVersion: "apps" for "apps/v1", "" for "v1".
    static QString groupOf(const QString &apiVersion);

    /// "apps/Deployment web/frontend", "Namespace web", "Service default/api".
    QString toString() const;

    friend bool operator==(const ResourceId &, const ResourceId &) = default;
    friend size_t qHash(const ResourceId &id, size_t seed = 0)
    {
        return qHashMulti(seed, id.group, id.kind, id.namespaceName, id.name);
    }
};

} // namespace gitops::manifest
