// The YAML text editor (change/yamledit): the fuzzer's first bytes choose a document, a
// value of it (or a key to add) and a new value (or a removal); the rest is the YAML file.
// An edit that is made must give YAML that parses, reads as the original with exactly that
// value changed, and leaves every line that holds another value where it was: the lines
// before the edited node as they were, the lines after it as they were.

#include "fuzztarget.h"

#include "change/yamledit.h"
#include "manifest/yamldocument.h"

#include <QJsonArray>
#include <QSet>

using namespace gitops::change;
using namespace gitops::manifest;

namespace {

QStringList segmentsOf(const QString &pointer)
{
    QStringList segments = pointer.split(u'/');
    segments.removeFirst();
    for (QString &segment : segments) {
        segment.replace(QStringLiteral("~1"), QStringLiteral("/"));
        segment.replace(QStringLiteral("~0"), QStringLiteral("~"));
    }
    return segments;
}

// @p root with the value at @p segments set (missing maps made) or, when @p value is
// undefined, removed: what the editor promises the file reads as.
QJsonValue edited(const QJsonValue &root, const QStringList &segments, const QJsonValue &value,
                  qsizetype i = 0)
{
    if (i == segments.size())
        return value;
    const QString &segment = segments.at(i);
    if (root.isArray()) {
        QJsonArray array = root.toArray();
        const qsizetype index = segment.toLongLong();
        const QJsonValue inner = edited(array.at(index), segments, value, i + 1);
        if (inner.isUndefined())
            array.removeAt(index);
        else
            array.replace(index, inner);
        return array;
    }
    QJsonObject object = root.toObject();
    const QJsonValue inner = edited(object.value(segment), segments, value, i + 1);
    if (inner.isUndefined())
        object.remove(segment);
    else
        object.insert(segment, inner);
    return object;
}

void collect(const QJsonValue &value, const QString &path, QStringList &pointers, QStringList &maps)
{
    if (value.isObject()) {
        maps.append(path);
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString child = path + u'/' + pointerSegment(it.key());
            pointers.append(child);
            collect(it.value(), child, pointers, maps);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString child = path + u'/' + QString::number(i);
            pointers.append(child);
            collect(array.at(i), child, pointers, maps);
        }
    }
}

bool within(const QString &pointer, const QString &node)
{
    return pointer == node || node.isEmpty() || pointer.startsWith(node + u'/');
}

QString fuzzString(gitops::fuzz::InputBytes &input)
{
    static const QString alphabet = QStringLiteral("abcxyz019 :#-'\"\\{}[],&*!|>%@`\n\t.~/ä");
    QString text;
    const int length = input.byte() % 12;
    for (int i = 0; i < length; ++i)
        text += alphabet.at(input.byte() % alphabet.size());
    return text;
}

QList<YamlDocument> documentsOf(const QByteArray &bytes, bool *ok)
{
    const auto parsed = parseYamlDocuments(bytes);
    *ok = std::holds_alternative<QList<YamlDocument>>(parsed);
    return *ok ? std::get<QList<YamlDocument>>(parsed) : QList<YamlDocument>();
}

} // namespace

GITOPS_FUZZ_TARGET(yamledit)
{
    gitops::fuzz::InputBytes input(data, size);
    const quint8 documentChoice = input.byte();
    const quint16 pointerChoice = input.number();
    const quint8 valueKind = input.byte();
    QJsonValue value;
    switch (valueKind % 8) {
    case 0:
        value = QJsonValue(QJsonValue::Undefined);
        break; // remove
    case 1:
        value = bool(valueKind & 0x80);
        break;
    case 2:
        value = int(input.number()) - 1000;
        break;
    case 3:
        value = fuzzString(input);
        break;
    case 4:
        value = QJsonValue(QJsonValue::Null);
        break;
    case 5:
        value = QJsonObject{{fuzzString(input), fuzzString(input)}};
        break;
    case 6:
        value = QJsonArray{fuzzString(input), 1};
        break;
    default:
        value = QString();
        break;
    }
    const QString newKey = fuzzString(input);
    const QByteArray bytes = input.rest();

    bool ok = false;
    const QList<YamlDocument> before = documentsOf(bytes, &ok);
    if (!ok || before.isEmpty())
        return 0;
    const qsizetype d = documentChoice % before.size();
    QStringList pointers, maps;
    collect(before.at(d).value, QString(), pointers, maps);
    for (const QString &map : std::as_const(maps)) {
        pointers.append(map + u'/'
                        + pointerSegment(newKey.isEmpty() ? QStringLiteral("k") : newKey));
        pointers.append(map + QStringLiteral("/new-parent/") + pointerSegment(newKey));
    }
    if (pointers.isEmpty())
        return 0;
    const QString pointer = pointers.at(pointerChoice % pointers.size());
    const bool exists = !gitops::fuzz::valueAtPointer(before.at(d).value, pointer).isUndefined();
    if (value.isUndefined() && !exists)
        return 0;

    const YamlEdit edit{int(d), pointer, value.isUndefined() ? QJsonValue() : value,
                        value.isUndefined()};
    const auto result = applyYamlEdit(bytes, edit);
    if (const auto *refusal = std::get_if<YamlEditRefusal>(&result)) {
        FUZZ_CHECK(!refusal->reason.isEmpty(), pointer);
        return 0;
    }
    const QByteArray output = std::get<QByteArray>(result);
    const QList<YamlDocument> after = documentsOf(output, &ok);
    FUZZ_CHECK(ok, pointer + u": the edited file does not parse");
    FUZZ_CHECK(after.size() == before.size(), pointer);
    for (qsizetype i = 0; i < before.size(); ++i) {
        const QJsonValue expected =
            i == d ? edited(before.at(i).value, segmentsOf(pointer), value) : before.at(i).value;
        FUZZ_CHECK(after.at(i).value == expected, pointer + u" in document " + QString::number(i));
    }

    // Lines that hold values outside the edited node (for a new key: outside the map
    // that gets it) are unchanged: those before it in the common prefix of lines. Those
    // after it keep their text in the common suffix of bytes, at the same column; only
    // what stands before that text on its line may go. Not the whole line: removing the
    // first key of a list item (`- name: a` over `  image: b`) moves the next key up
    // onto the dash's line (`- image: b`), by design (yamledit.cpp, removeNode). Its
    // bytes and column stay, but its line is not the same line any more, so a check of
    // whole lines called a correct edit a moved value.
    QString node = pointer;
    while (!node.isEmpty() && gitops::fuzz::valueAtPointer(before.at(d).value, node).isUndefined())
        node.truncate(node.lastIndexOf(u'/'));
    const QHash<QString, int> &lines = before.at(d).lines;
    int first = lines.value(node, 0), last = first;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        if (within(it.key(), node))
            last = qMax(last, it.value());
    }
    if (node.isEmpty())
        return 0; // the whole document: every line may change
    // A node may end on a later line than any value in it starts (`lines` has where
    // values start, not where they end): a quoted or plain scalar over several lines, or
    // a flow entry whose line has an open bracket or quote (`[a: b` then `c, -x]`). The
    // line where it ends can hold the next value too, and a removal takes the bytes before
    // that value, so that one line is not checked against the suffix: after the start-free
    // lines of a string node, or right after a node whose last line leaves a bracket or
    // quote open. Lines of block collections are checked in full.
    // Counted from the first bracket on: a key may hold `]` or `}` as plain text.
    const auto leavesOpen = [](const QByteArray &whole) {
        qsizetype from = whole.size();
        for (const char bracket : {'[', '{'}) {
            const qsizetype at = whole.indexOf(bracket);
            if (at >= 0)
                from = qMin(from, at);
        }
        const QByteArray line = whole.mid(from);
        return line.count('[') > line.count(']') || line.count('{') > line.count('}')
            || whole.count('"') % 2 == 1 || whole.count('\'') % 2 == 1;
    };
    const QList<QByteArray> sourceLines = bytes.split('\n');
    const bool open =
        last >= 1 && last <= sourceLines.size() && leavesOpen(sourceLines.at(last - 1));
    int end = last;
    const bool isString = gitops::fuzz::valueAtPointer(before.at(d).value, node).isString();
    if (isString || open) {
        QSet<int> starts;
        for (auto it = lines.cbegin(); it != lines.cend(); ++it)
            starts.insert(it.value());
        const int lineCount = int(bytes.count('\n')) + 1;
        while (end < lineCount && !starts.contains(end + 1))
            ++end;
    }
    // Lines without their breaks: removing the last line of a file without a final
    // newline takes the break before it, `\r` too (yamledit.cpp, removeNode).
    QList<QByteArray> in = bytes.split('\n');
    QList<QByteArray> out = output.split('\n');
    for (QList<QByteArray> *list : {&in, &out}) {
        for (QByteArray &line : *list) {
            if (line.endsWith('\r'))
                line.chop(1);
        }
    }
    qsizetype prefix = 0;
    while (prefix < in.size() && prefix < out.size() && in.at(prefix) == out.at(prefix))
        ++prefix;
    // Not bounded by a common prefix: only the lines after the node are checked with it.
    qsizetype byteSuffix = 0;
    while (byteSuffix < bytes.size() && byteSuffix < output.size()
           && bytes.at(bytes.size() - 1 - byteSuffix) == output.at(output.size() - 1 - byteSuffix))
        ++byteSuffix;
    QList<qsizetype> lineStarts{0};
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes.at(i) == '\n')
            lineStarts.append(i + 1);
    }
    const qsizetype shift = output.size() - bytes.size();
    const bool sharesEnd = ((isString || open) && end > last) || open;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        if (within(it.key(), node) || within(node, it.key()))
            continue; // the node, what it holds, and the maps and lists that hold it
        const qsizetype index = it.value() - 1;
        if (it.value() < first) {
            FUZZ_CHECK(index < prefix, it.key() + u" moved, editing " + pointer);
        } else if (it.value() > last && index < lineStarts.size()
                   && !(sharesEnd && it.value() == end + 1)) {
            // The line's text: after its indentation (blanks, a stray `\r` the parser reads as
            // one) and the dashes of list items.
            qsizetype text = lineStarts.at(index);
            while (text < bytes.size()
                   && (bytes.at(text) == ' ' || bytes.at(text) == '\t' || bytes.at(text) == '\r'
                       || (bytes.at(text) == '-'
                           && (text + 1 == bytes.size() || bytes.at(text + 1) == ' '))))
                ++text;
            FUZZ_CHECK(text >= bytes.size() - byteSuffix,
                       it.key() + u" changed, editing " + pointer);
            const qsizetype column = text - lineStarts.at(index);
            const qsizetype moved = text + shift;
            const qsizetype lineStart = moved == 0 ? 0 : output.lastIndexOf('\n', moved - 1) + 1;
            FUZZ_CHECK(moved - lineStart == column, it.key() + u" moved, editing " + pointer);
        }
    }
    return 0;
}
