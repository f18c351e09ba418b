#pragma once

#include <QHash>
#include <QJsonValue>
#include <QString>

namespace gitops::drift {

/// Writes JSON values as normalised YAML for display and diffs: 2-space indent, list items
/// indented under their key, keys in the order a source gave them (by line, from a JSON
/// pointer -> line table) and then alphabetically, strings quoted only where YAML would read
/// them as something else. The same value always gives the same text. Pure functions.
class YamlWriter
{
public:
    /// @p value as YAML; @p order maps JSON pointers ("/spec/replicas") to the source line
    /// that gives their key's position. Ends with a newline unless empty.
    static QString write(const QJsonValue &value, const QHash<QString, int> &order = {});

    /// The lines (0-based, first and last) a field takes in write()'s text: its key's line
    /// through its value's last one; a list item from its "- " line.
    struct LineRange
    {
        int first = -1;
        int last = -1;
        bool isValid() const { return first >= 0; }
    };
    /// write(), and in @p fields the line range of every field and list item by JSON
    /// pointer ("/metadata/labels/app.kubernetes.io~1name"); the root is "".
    static QString write(const QJsonValue &value, const QHash<QString, int> &order,
                         QHash<QString, LineRange> *fields);

    /// One scalar as YAML writes it (plain or double-quoted).
    static QString scalar(const QJsonValue &value);
};

} // namespace gitops::drift
