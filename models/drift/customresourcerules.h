#pragma once

#include "drift/fieldrules.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSharedData>
#include <QString>
#include <QStringList>

#include <optional>

namespace gitops::drift {

/// The merge rules of one custom kind at one version, from its structural schema: lists
/// marked `x-kubernetes-list-type: map` (matched on `x-kubernetes-list-map-keys`) or `set`,
/// and maps marked `x-kubernetes-map-type: atomic`. Paths are field names from the object
/// root with list items skipped, as FieldRules takes them; a map's free-form keys
/// (`additionalProperties`) match any name. A plain value.
class CustomKindRules
{
public:
    /// The rule the schema gives the list at @p path, if it marks it.
    std::optional<ListRule> listRule(const QStringList &path) const;
    /// Whether the schema marks the map at @p path atomic.
    bool isAtomicMap(const QStringList &path) const;
    bool isEmpty() const
    {
        return m_lists.isEmpty() && m_atomicMaps.isEmpty() && m_wildcardLists.isEmpty()
            && m_wildcardMaps.isEmpty();
    }

    /// Reads the markers of an `openAPIV3Schema`.
    static CustomKindRules fromSchema(const QJsonObject &schema);

private:
    void read(const QJsonObject &schema, QStringList &path);
    static bool matches(const QStringList &pattern, const QStringList &path);

    // Paths joined with '/'. Paths under a free-form map hold "*" for its keys; they are
    // few and kept apart, so that the common case is one hash lookup.
    QHash<QString, ListRule> m_lists;
    QSet<QString> m_atomicMaps;
    QList<QPair<QStringList, ListRule>> m_wildcardLists;
    QList<QStringList> m_wildcardMaps;
};

/// The merge rules of custom resources, read from CustomResourceDefinitions (in git or live):
/// which lists of a custom resource match their items by keys (like containers by name), which
/// are sets, which maps are atomic. Lists the definitions do not mark stay atomic, as the API
/// server treats them. A plain value, implicitly shared; read from any thread.
class CustomResourceRules
{
public:
    CustomResourceRules();
    ~CustomResourceRules();
    CustomResourceRules(const CustomResourceRules &);
    CustomResourceRules &operator=(const CustomResourceRules &);

    /// Adds the rules of @p definition, an apiextensions.k8s.io CustomResourceDefinition as
    /// git holds it or the API server returns it, replacing earlier rules for its kind. False
    /// when @p definition is no CustomResourceDefinition.
    bool addDefinition(const QJsonObject &definition);
    /// Adds every CustomResourceDefinition among @p objects (other objects are skipped).
    void addDefinitions(const QList<QJsonObject> &objects);
    /// Whether a definition of @p group / @p kind was added.
    bool contains(const QString &group, const QString &kind) const;
    bool isEmpty() const;

    /// The rules of @p group / @p kind at @p version, else at the definition's storage
    /// version (an object read in a version the definition no longer names), else null.
    const CustomKindRules *find(const QString &group, const QString &kind,
                                const QString &version) const;

private:
    struct Definition
    {
        QHash<QString, CustomKindRules> versions;
        QString storageVersion;
    };
    struct Data : QSharedData
    {
        QHash<QString, Definition> kinds; // "group/kind"
    };
    QSharedDataPointer<Data> d;
};

} // namespace gitops::drift
