#pragma once

#include "typeref.h"

#include <QStringList>

namespace kubeemu {

/// How a list merges, shared by strategic merge patch and server-side apply (the
/// `x-kubernetes-list-type` / `patchStrategy` markers of the built-in types).
/// Atomic: replaced as a whole. Set: a set of scalars (metadata.finalizers). Map: items
/// identified by `keys` (SSA's listMapKeys); strategic merge patch matches on `patchMergeKey`,
/// which for ports is only the first key (containerPort, port).
struct ListSemantics
{
    enum Kind { Atomic, Set, Map } kind = Atomic;
    QStringList keys;
    QString patchMergeKey;
};

/// Whether the type is one of Kubernetes' own (not a custom resource). Strategic merge patch
/// only exists for these: the real server answers 415 UnsupportedMediaType for custom
/// resources.
bool isBuiltInType(const TypeRef &type);

/// The semantics of the list at `path`: field names from the object root, list items skipped
/// (`{"spec","template","spec","containers","ports"}` is every container's ports). Lists of
/// unknown types and custom resources are atomic, as the real server treats them without a
/// schema.
ListSemantics listSemantics(const TypeRef &type, const QStringList &path);

/// Whether the object at `path` is owned and replaced as a whole (structType/mapType atomic):
/// label selectors (`spec.selector` of workloads, any `labelSelector`), Service `spec.selector`,
/// pod `nodeSelector`, required node affinity.
bool isAtomicStruct(const TypeRef &type, const QStringList &path);

/// Where the pod specs of a built-in kind sit (`{"spec","template","spec"}` for a Deployment,
/// `{"spec"}` for a Pod); empty for kinds without one.
QList<QStringList> podSpecPaths(const TypeRef &type);

/// The default of a list map key the OpenAPI schema declares (ports' protocol is "TCP");
/// an empty string when there is none.
QString listMapKeyDefault(const TypeRef &type, const QStringList &path, const QString &key);

} // namespace kubeemu
