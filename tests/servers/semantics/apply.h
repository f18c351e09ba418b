#pragma once

#include "typeref.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace kubeemu {

/// One field another manager owns that an apply would change: the manager's name and the
/// field as structured-merge-diff prints it (".spec.replicas",
/// `.spec.template.spec.containers[name="web"].image`).
struct ApplyConflict
{
    QString manager;
    QString field;
    /// The manager as the real server's Status names it: `"kubectl-edit" using apps/v1` for an
    /// Update entry, `"kubectl" with subresource "scale" using apps/v1`, `"argocd"` for an
    /// applier.
    QString who;
};

/// The message of the 409 Status the real server returns for these conflicts:
/// `Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas`,
/// or for several, one `conflicts with <who>:` line per manager followed by `- <field>` lines.
/// Each conflict is also a Status cause: type FieldManagerConflict, message
/// `conflict with <who>`, field.
QString applyConflictMessage(const QList<ApplyConflict> &conflicts);

/// What serverSideApply produced: the merged object with metadata.managedFields updated, or
/// the conflicts that stopped it (409 Conflict), or an error in the configuration itself
/// (a list item without its key, duplicate keys: 400 BadRequest / 422). When conflicts or error
/// are set, `object` is meaningless.
struct ApplyOutcome
{
    QJsonObject object;
    QList<ApplyConflict> conflicts;
    /// Like `.spec.template.spec.containers: element 0: associative list with keys has an
    /// element that omits key field "name" (and doesn't have default value)`.
    QString error;
};

/// Server-side apply (`application/apply-patch+yaml`) as the real API server does it with
/// structured-merge-diff. `live` is the stored object ({} when creating); `applied` the apply
/// configuration. The configuration merges into live (maps recursively, associative lists by
/// their keys, atomic lists and structs replaced); the manager's set becomes exactly the fields
/// it applied; fields it applied before but no longer does are removed unless another manager
/// owns them. A field that another manager owns and whose value the apply changes is a conflict;
/// with `force` the manager takes it over instead. managedFields entries: manager, operation
/// "Apply", apiVersion, time (`now`, only when the object changed), fieldsType FieldsV1,
/// fieldsV1; sorted as the real server sorts them. The caller applies defaults afterwards, and
/// resets `status` (and checks a `resourceVersion` precondition) as its strategy requires: the
/// configuration's own status and metadata.resourceVersion are merged like any other field.
ApplyOutcome serverSideApply(const TypeRef &type, const QJsonObject &live,
                             const QJsonObject &applied, const QString &manager, bool force,
                             const QDateTime &now);

/// Records a create, update or (non-apply) patch in metadata.managedFields the way the real
/// server does for operation "Update": the fields this write added or changed become owned by
/// `manager` (entry keyed by manager, apiVersion and subresource), are taken out of every other
/// manager's set, removed fields leave every set, managers left with nothing are dropped. The
/// comparison sees the Go zero values the real server sees (a new container's `resources: {}`
/// is owned, a template's `metadata` is not). `before` is {} for a create; call it after
/// defaulting: what the create strategy and allocators add (a Service's clusterIP(s), IP
/// families and node ports, a Job's generated selector and labels, a Namespace's finalizer) is
/// left unowned, as on a real server. A request that sets managedFields to `[{}]` clears them;
/// other managedFields in the request replace the stored ones. At most ten Update entries are
/// kept; older ones merge into "ancient-changes". `subresource` is "", "status" or "scale".
QJsonObject recordUpdate(const TypeRef &type, const QJsonObject &before, QJsonObject after,
                         const QString &manager, const QString &subresource, const QDateTime &now);

/// The object without metadata.managedFields, for no-op checks that must ignore ownership
/// bookkeeping.
QJsonObject withoutManagedFields(QJsonObject object);

} // namespace kubeemu
