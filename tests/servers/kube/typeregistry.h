#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kubeemu {

/// One kind the server serves at one group/version, as discovery describes it.
struct ResourceType
{
    QString group; ///< "" for the core group
    QString version;
    QString kind;
    QString plural;
    QString singular;
    bool namespaced = true;
    QStringList shortNames;
    QStringList categories;
    QStringList subresources; ///< "status", "scale"
    bool fromCrd = false;

    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    /// "deployments.apps", "pods": how the real server names a resource in messages.
    QString groupResource() const { return group.isEmpty() ? plural : plural + u'.' + group; }
    /// Storage key, independent of the version: "apps/deployments".
    QString storageKey() const { return group + u'/' + plural; }
};

/// The kinds the server serves: the built-in ones and those registered by CRDs.
/// Lives on the server's thread.
class TypeRegistry
{
public:
    TypeRegistry();

    const QList<ResourceType> &types() const { return m_types; }
    /// Groups in the order discovery lists them, core ("") first.
    QStringList groups() const;
    QStringList versions(const QString &group) const;
    QList<ResourceType> typesIn(const QString &group, const QString &version) const;

    std::optional<ResourceType> byResource(const QString &group, const QString &version,
                                           const QString &plural) const;
    std::optional<ResourceType> byKind(const QString &group, const QString &version,
                                       const QString &kind) const;
    /// By kind in any served version of @p group (used for apply bodies and seeds).
    std::optional<ResourceType> byKindAnyVersion(const QString &group, const QString &kind) const;

    /// Registers (or replaces) the kinds a CustomResourceDefinition declares.
    /// Returns an error text when the CRD is unusable.
    QString registerCrd(const QJsonObject &crd);
    /// Removes the kinds of the CRD named @p name ("plural.group").
    void unregisterCrd(const QString &name);

private:
    QList<ResourceType> m_types;
};

} // namespace kubeemu
