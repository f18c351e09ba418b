#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <set>

namespace kubeemu {

/// A set of field paths, the unit of ownership in managedFields. A path is a list of encoded
/// elements exactly as FieldsV1 spells them: `f:<field>`, `k:<compact JSON of the key
/// fields>` (associative list item), `v:<JSON>` (set element). A path is a member when it was
/// inserted; its ancestors are not members unless inserted themselves (FieldsV1 writes a
/// member that has members below it as a `.` entry). An immutable-style value type.
class FieldSet
{
public:
    using Path = QStringList;

    static FieldSet fromFieldsV1(const QJsonObject &fields);
    QJsonObject toFieldsV1() const;

    void insert(const Path &path) { m_paths.insert(path); }
    void remove(const Path &path) { m_paths.erase(path); }
    bool contains(const Path &path) const { return m_paths.count(path) > 0; }
    bool isEmpty() const { return m_paths.empty(); }
    const std::set<Path> &paths() const { return m_paths; }

    FieldSet united(const FieldSet &other) const;
    FieldSet subtracted(const FieldSet &other) const;
    FieldSet intersected(const FieldSet &other) const;
    /// Without the paths that equal or lie under one of `prefixes`.
    FieldSet withoutPrefixes(const QList<Path> &prefixes) const;
    /// Only the paths that equal or lie under one of `prefixes`.
    FieldSet onlyPrefixes(const QList<Path> &prefixes) const;
    /// Whether a member lies strictly under `path`.
    bool hasMemberUnder(const Path &path) const;

    /// The path as structured-merge-diff prints it in conflict messages:
    /// `.spec.template.spec.containers[name="web"].image`.
    static QString describe(const Path &path);

    bool operator==(const FieldSet &other) const { return m_paths == other.m_paths; }

private:
    std::set<Path> m_paths;
};

} // namespace kubeemu
