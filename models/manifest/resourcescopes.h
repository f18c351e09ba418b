#pragma once

#include "manifest/resource.h"

#include <QHash>
#include <QList>
#include <QString>

namespace gitops::manifest {

/// Whether kinds are namespaced or cluster-scoped, known without a cluster: a built-in
/// table of the Kubernetes API's kinds plus CustomResourceDefinitions found in the
/// repository, overridden by what a connected cluster's discovery reports.
/// A plain value; copy it per thread.
class ResourceScopes
{
public:
    enum class Scope { Namespaced, Cluster, Unknown };

    /// The built-in table only.
    ResourceScopes();

    /// Learns the scope of the kind that @p crd (a CustomResourceDefinition) defines.
    /// Returns false if @p crd is not a usable CRD.
    bool addDefinition(const Resource &crd);
    /// Adds every CustomResourceDefinition among @p resources.
    void addDefinitions(const QList<Resource> &resources);

    /// Records what a cluster's discovery says about a kind; it wins over the table and
    /// over CRDs in the repository, as the API server is the authority.
    void setScope(const QString &group, const QString &kind, Scope scope);

    Scope scope(const QString &group, const QString &kind) const;

private:
    QHash<QString, Scope> m_scopes; // "group/Kind" -> scope
    QHash<QString, Scope> m_discovered; // from a cluster: consulted first
};

} // namespace gitops::manifest
