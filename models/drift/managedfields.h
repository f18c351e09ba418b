#pragma once

#include "drift/difference.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace gitops::drift {

/// The metadata.managedFields of one live object: which field manager owns which fields
/// (FieldsV1). Paths are lists of FieldsV1 elements: `f:<field>`, `k:<compact JSON of the
/// key fields>` for an item of a keyed list, `v:<JSON>` for a set element. A value; reads
/// only, safe on any thread.
class ManagedFields
{
public:
    struct Entry
    {
        FieldWriter writer; ///< without its time, which lastWriter() reads from timeText
        QString timeText;
        QJsonObject fields; ///< the FieldsV1 tree
    };

    ManagedFields() = default;
    explicit ManagedFields(const QJsonObject &liveObject);

    const QList<Entry> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }

    /// Whether entry @p index owns the field at @p path (the path is a member of its set).
    /// Atomic maps are owned whole, but comparison treats them whole itself.
    bool owns(qsizetype index, const QStringList &path) const;
    /// The entries whose set holds @p path itself or, failing that, the nearest owned field
    /// above it; the latest of them.
    FieldWriter lastWriter(const QStringList &path) const;

    /// The newest write to @p liveObject (the entry of its metadata.managedFields with the
    /// latest time), with that time; invalid when it has none. Reads only what it returns,
    /// for a comparison asks it of every live object.
    static FieldWriter newestWriter(const QJsonObject &liveObject);

    /// The FieldsV1 element for a keyed list item with @p keys.
    static QString keyElement(const QJsonObject &keys);
    /// The FieldsV1 element for a set element.
    static QString valueElement(const QJsonValue &value);

private:
    // The node at path[0..depth) in entry @p index, or nothing.
    bool nodeAt(qsizetype index, const QStringList &path, qsizetype depth, QJsonObject *node) const;

    QList<Entry> m_entries;
};

} // namespace gitops::drift
