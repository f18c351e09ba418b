#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace gitops::drift {

/// How a list in a Kubernetes object merges, read from the built-in types' schema markers
/// (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `patchMergeKey`): Atomic lists
/// are owned and compared whole, Set lists are sets of scalars, Map lists are matched item by
/// item on `keys`. Lists of custom resources are atomic unless their definition's schema says
/// otherwise (CustomResourceRules). A plain value.
struct ListRule
{
    enum class Kind { Atomic, Set, Map };
    Kind kind = Kind::Atomic;
    QStringList keys;
    /// Values the server gives keys an item leaves out, when a custom resource's schema
    /// says (the built-in types' are FieldRules::listKeyDefault()).
    QJsonObject keyDefaults;
};

/// Per-field knowledge of the built-in Kubernetes types that comparison needs. Paths are field
/// names from the object root with list items skipped: {"spec","template","spec","containers",
/// "ports"} is every container's ports. Pure functions, safe on any thread.
class FieldRules
{
public:
    /// The merge rule of the list at @p path in an object of @p group / @p kind.
    static ListRule listRule(const QString &group, const QString &kind, const QStringList &path);
    /// The value the API server gives a list-map key that an item leaves out ("TCP" for a
    /// port's protocol), or an empty string.
    static QString listKeyDefault(const QStringList &path, const QString &key);
    /// Whether the map at @p path is replaced as a whole (label selectors, node selectors).
    static bool isAtomicMap(const QString &group, const QString &kind, const QStringList &path);
    /// Whether the value at @p path is a resource quantity ("500m", "1Gi").
    static bool isQuantity(const QStringList &path);
    /// Whether the value at @p path is an IntOrString (a port, maxSurge, minAvailable).
    static bool isIntOrString(const QStringList &path);
    /// Where pod specs sit in a built-in kind ({"spec","template","spec"} for a Deployment).
    static QList<QStringList> podSpecPaths(const QString &group, const QString &kind);
    /// Whether @p group is one of Kubernetes' own API groups ("" for the core group).
    static bool isBuiltInGroup(const QString &group);
};

} // namespace gitops::drift
