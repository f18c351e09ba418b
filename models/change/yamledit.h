#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <variant>

namespace gitops::change {

/// One change to one value of a YAML file: the document (counted as parseYamlDocuments()
/// counts them: empty documents do not count), the JSON pointer of the value, and the
/// new value, or its removal. A plain value.
struct YamlEdit
{
    int document = 0;
    QString pointer;
    QJsonValue value;
    bool remove = false;
};

/// Why an edit was not made, in words a person can act on.
struct YamlEditRefusal
{
    QString reason;
};

/// Applies @p edit to the YAML text @p bytes as a text edit: comments, key order, quoting,
/// indentation, line ends, a missing final newline and every byte outside the edited value
/// stay as they were. A missing key is inserted after its last sibling at the siblings'
/// indentation, missing parent maps are created as block maps. A removed key or list item
/// takes its lines with it; a map or list left empty becomes `{}` or `[]` (kept rather
/// than removed: an empty parent can mean something, such as `resources: {}`). Inside a
/// flow node (`{a: 1}`, `[x, y]`) only that node's text changes. Scalars keep the style
/// of the value they replace when it still fits; a string that needs quoting gets double
/// quotes; a map or list becomes block YAML. A value that is an alias, inside an anchored
/// node, or merged in with `<<` is refused: changing it would change other places too.
/// The result is read back with the project's parser and refused unless it reads as the
/// original with exactly that value changed. A pure function: safe on any thread.
std::variant<QByteArray, YamlEditRefusal> applyYamlEdit(const QByteArray &bytes,
                                                        const YamlEdit &edit);

} // namespace gitops::change
