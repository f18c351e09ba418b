#include "yamledit.h"

#include "manifest/yamldocument.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <vector>

namespace gitops::change {

namespace {

using Refusal = YamlEditRefusal;

// One node of a YAML document with where its text is. yaml-cpp tells where a node starts
// (its properties included); where it ends is found in the text (see SourceTree::finish).
struct Node
{
    enum class Kind { Scalar, Null, Map, Sequence, Alias };
    Kind kind = Kind::Scalar;
    qsizetype mark = 0; // where yaml-cpp says the node starts: on its &anchor or !tag
    qsizetype start = 0; // where its own text starts (after properties)
    qsizetype end = 0; // one past its last byte
    bool flow = false; // a flow container itself
    bool inFlow = false; // inside a flow container
    bool anchored = false;
    bool emptyNull = false; // nothing written: `key:`
    bool unlocated = false; // an empty list item: no place in the text to point at
    bool hasMerge = false; // a map with a `<<` key
    char style = 0; // 0 plain, '\'' or '"' quoted, '|' or '>' block
    int parent = -1;
    int keyNode = -1; // for a value in a map: its key
    QString key;
    QList<int> children; // map: values in order; sequence: items
};

struct SourceDocument
{
    std::vector<Node> nodes; // nodes[0] is the root
};

class TreeBuilder final : public YAML::EventHandler
{
public:
    QList<SourceDocument> documents;

    void OnDocumentStart(const YAML::Mark &) override
    {
        m_current = SourceDocument();
        m_stack.clear();
        m_pendingKey = -1;
    }
    void OnDocumentEnd() override
    {
        if (!m_current.nodes.empty())
            documents.append(std::move(m_current));
    }
    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        add(Node::Kind::Null, mark, anchor, QStringLiteral("null"));
    }
    void OnAlias(const YAML::Mark &mark, YAML::anchor_t) override
    {
        add(Node::Kind::Alias, mark, 0, QString());
    }
    void OnScalar(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        add(Node::Kind::Scalar, mark, anchor, QString::fromStdString(value));
    }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override
    {
        m_stack.push_back(add(Node::Kind::Sequence, mark, anchor, QString()));
        m_current.nodes.back().flow = style == YAML::EmitterStyle::Flow;
    }
    void OnSequenceEnd() override { m_stack.pop_back(); }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override
    {
        m_stack.push_back(add(Node::Kind::Map, mark, anchor, QString()));
        m_current.nodes.back().flow = style == YAML::EmitterStyle::Flow;
    }
    void OnMapEnd() override { m_stack.pop_back(); }

private:
    int add(Node::Kind kind, const YAML::Mark &mark, YAML::anchor_t anchor, const QString &text)
    {
        Node node;
        node.kind = kind;
        node.mark = mark.pos;
        node.anchored = anchor != 0;
        const int index = int(m_current.nodes.size());
        if (!m_stack.empty()) {
            Node &parent = m_current.nodes[size_t(m_stack.back())];
            node.parent = m_stack.back();
            node.inFlow = parent.flow || parent.inFlow;
            if (parent.kind == Node::Kind::Map) {
                if (m_pendingKey < 0) {
                    // A key: remembered until its value comes.
                    node.key = text;
                    if (kind == Node::Kind::Scalar && text == QLatin1String("<<"))
                        parent.hasMerge = true;
                    m_current.nodes.push_back(std::move(node));
                    m_pendingKey = index;
                    return index;
                }
                node.keyNode = m_pendingKey;
                node.key = m_current.nodes[size_t(m_pendingKey)].key;
                m_pendingKey = -1;
            }
            m_current.nodes[size_t(node.parent)].children.append(index);
        }
        m_current.nodes.push_back(std::move(node));
        return index;
    }

    SourceDocument m_current;
    std::vector<int> m_stack;
    int m_pendingKey = -1;
};

// The text of a file and what can be asked about its lines.
class Text
{
public:
    explicit Text(const QByteArray &bytes)
        : b(bytes)
    {
        const qsizetype newline = b.indexOf('\n');
        eol = newline > 0 && b.at(newline - 1) == '\r' ? QByteArray("\r\n") : QByteArray("\n");
    }

    const QByteArray &b;
    QByteArray eol;

    char at(qsizetype i) const { return i >= 0 && i < b.size() ? b.at(i) : '\0'; }
    static bool isBlank(char c) { return c == ' ' || c == '\t'; }
    static bool isBreak(char c) { return c == '\n' || c == '\r'; }
    bool isSpaceAt(qsizetype i) const { return i >= b.size() || isBlank(at(i)) || isBreak(at(i)); }

    qsizetype lineStart(qsizetype pos) const
    {
        const qsizetype newline = pos > 0 ? b.lastIndexOf('\n', pos - 1) : -1;
        return newline + 1;
    }
    // Where the content of the line holding @p pos ends (before "\r\n" or "\n").
    qsizetype lineEnd(qsizetype pos) const
    {
        qsizetype newline = b.indexOf('\n', pos);
        if (newline < 0)
            return b.size();
        if (newline > 0 && b.at(newline - 1) == '\r')
            --newline;
        return newline;
    }
    // The start of the next line, or the end of the file.
    qsizetype nextLine(qsizetype pos) const
    {
        const qsizetype newline = b.indexOf('\n', pos);
        return newline < 0 ? b.size() : newline + 1;
    }
    int column(qsizetype pos) const { return int(pos - lineStart(pos)); }
    int indentOfLine(qsizetype lineBegin) const
    {
        qsizetype i = lineBegin;
        while (at(i) == ' ')
            ++i;
        return int(i - lineBegin);
    }
    bool onlySpacesBefore(qsizetype pos) const
    {
        for (qsizetype i = lineStart(pos); i < pos; ++i) {
            if (!isBlank(at(i)))
                return false;
        }
        return true;
    }
    // Skips `&anchor` and `!tag` properties and the blanks after them.
    qsizetype skipProperties(qsizetype pos) const
    {
        while (at(pos) == '&' || at(pos) == '!') {
            while (pos < b.size() && !isSpaceAt(pos))
                ++pos;
            while (pos < b.size() && (isBlank(at(pos)) || isBreak(at(pos))))
                ++pos;
        }
        return pos;
    }
    qsizetype quotedEnd(qsizetype pos) const
    {
        const char quote = at(pos);
        for (qsizetype i = pos + 1; i < b.size(); ++i) {
            const char c = b.at(i);
            if (quote == '"' && c == '\\') {
                ++i;
            } else if (c == quote) {
                if (quote == '\'' && at(i + 1) == '\'') {
                    ++i;
                    continue;
                }
                return i + 1;
            }
        }
        return b.size();
    }
    // The end of the content of one line of a plain scalar starting at @p pos.
    qsizetype plainLineEnd(qsizetype pos, bool inFlow) const
    {
        qsizetype i = pos;
        qsizetype last = pos;
        while (i < b.size() && !isBreak(at(i))) {
            const char c = at(i);
            if (c == '#' && i > pos && isBlank(at(i - 1)))
                break;
            if (c == ':'
                && (isSpaceAt(i + 1) || (inFlow && QByteArray(",[]{}").contains(at(i + 1)))))
                break;
            if (inFlow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'))
                break;
            ++i;
            if (!isBlank(c))
                last = i;
        }
        return last;
    }
    // A plain scalar may go on over more lines indented deeper than its parent.
    qsizetype plainEnd(qsizetype pos, bool inFlow, int parentIndent) const
    {
        qsizetype end = plainLineEnd(pos, inFlow);
        if (inFlow)
            return end;
        const qsizetype firstLineEnd = lineEnd(pos);
        if (end < firstLineEnd)
            return end; // a comment ends it
        qsizetype line = nextLine(end);
        while (line < b.size()) {
            const int indent = indentOfLine(line);
            const qsizetype first = line + indent;
            const char c = at(first);
            if (isBreak(c) || first >= b.size()) {
                line = nextLine(first);
                continue;
            }
            if (indent <= parentIndent || c == '#' || c == '\t')
                break;
            if (indent == 0 && (b.mid(first, 3) == "---" || b.mid(first, 3) == "..."))
                break;
            const qsizetype lineContent = plainLineEnd(first, false);
            if (lineContent == first)
                break;
            end = lineContent;
            if (lineContent < lineEnd(first))
                break;
            line = nextLine(first);
        }
        return end;
    }
    // A block scalar (`|`, `>`): its header, then the lines indented deeper than its parent.
    qsizetype blockScalarEnd(qsizetype pos, int parentIndent) const
    {
        qsizetype end = lineEnd(pos);
        // The header may carry a comment; the value starts on the next line anyway.
        qsizetype i = pos + 1;
        while (i < end && !isBlank(at(i)))
            ++i;
        end = i;
        qsizetype line = nextLine(pos);
        while (line < b.size()) {
            const int indent = indentOfLine(line);
            const qsizetype first = line + indent;
            if (first >= b.size() || isBreak(at(first))) {
                line = nextLine(first);
                continue;
            }
            if (indent <= parentIndent)
                break;
            end = lineEnd(first);
            line = nextLine(first);
        }
        return end;
    }
    // The bracket that closes the flow node opening at @p pos.
    qsizetype flowEnd(qsizetype pos) const
    {
        int depth = 0;
        for (qsizetype i = pos; i < b.size(); ++i) {
            const char c = b.at(i);
            if (c == '"' || c == '\'') {
                if (c == '\'' && i > pos && !isSpaceAt(i - 1)
                    && !QByteArray("[{,:").contains(at(i - 1))) // an apostrophe in a plain word
                    continue;
                i = quotedEnd(i) - 1;
            } else if (c == '#' && isSpaceAt(i - 1)) {
                i = lineEnd(i) - 1;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}') {
                if (--depth == 0)
                    return i + 1;
            }
        }
        return b.size();
    }
};

bool isNullWord(const QByteArray &word)
{
    return word == "~" || word == "null" || word == "Null" || word == "NULL";
}

class SourceTree
{
public:
    SourceTree(const Text &text, SourceDocument document)
        : t(text)
        , nodes(std::move(document.nodes))
    {
        finish();
    }

    const Text &t;
    std::vector<Node> nodes;
    int indentStep = 2;

    const Node &node(int i) const { return nodes[size_t(i)]; }

    // The indentation of the block collection @p i: the column of its first key or dash.
    int blockIndent(int i) const
    {
        const Node &n = node(i);
        if (n.children.isEmpty())
            return t.column(n.start);
        if (n.kind == Node::Kind::Map)
            return t.column(node(node(n.children.first()).keyNode).start);
        return t.column(dashOf(n.children.first()));
    }
    // The '-' of the block sequence item @p i.
    qsizetype dashOf(int i) const
    {
        qsizetype pos = node(i).mark - 1;
        while (pos >= 0 && (Text::isBlank(t.at(pos)) || Text::isBreak(t.at(pos))))
            --pos;
        return pos;
    }
    // After the ':' that follows the key of map value @p i.
    qsizetype colonEnd(int i) const
    {
        qsizetype pos = node(node(i).keyNode).end;
        while (Text::isBlank(t.at(pos)))
            ++pos;
        return t.at(pos) == ':' ? pos + 1 : pos;
    }
    // The indentation a value's own lines are measured against.
    int parentIndent(int i) const
    {
        const Node &n = node(i);
        if (n.parent < 0)
            return -1;
        const Node &parent = node(n.parent);
        if (parent.kind == Node::Kind::Map) {
            const int key = n.keyNode >= 0 ? n.keyNode : i;
            return t.column(node(key).start);
        }
        return t.column(dashOf(i));
    }

private:
    void finish()
    {
        // Keys first (values measure their indentation and colon from them), then values:
        // children come after their parents, so settling from the end settles them first.
        for (int pass = 0; pass < 2; ++pass) {
            for (int i = int(nodes.size()) - 1; i >= 0; --i) {
                const Node &n = node(i);
                const bool isKey =
                    n.parent >= 0 && node(n.parent).kind == Node::Kind::Map && n.keyNode < 0;
                if (isKey == (pass == 0))
                    place(i);
            }
        }
        // The step a nested block map is indented by, as this file writes it.
        for (const Node &n : nodes) {
            if (n.kind != Node::Kind::Map || n.flow || n.parent < 0 || n.keyNode < 0
                || n.children.isEmpty())
                continue;
            const int step = blockIndent(int(&n - nodes.data())) - t.column(node(n.keyNode).start);
            if (step > 0) {
                indentStep = step;
                break;
            }
        }
    }

    void place(int i)
    {
        Node &n = nodes[size_t(i)];
        const bool isKey = n.parent >= 0 && node(n.parent).kind == Node::Kind::Map && n.keyNode < 0;
        n.start = t.skipProperties(n.mark);
        switch (n.kind) {
        case Node::Kind::Alias: {
            qsizetype end = n.start + 1;
            while (end < t.b.size() && !t.isSpaceAt(end)
                   && !(n.inFlow && QByteArray(",]}").contains(t.at(end))))
                ++end;
            n.end = end;
            return;
        }
        case Node::Kind::Null:
            placeNull(i, isKey);
            return;
        case Node::Kind::Scalar: {
            const char c = t.at(n.start);
            if (c == '"' || c == '\'') {
                n.style = c;
                n.end = t.quotedEnd(n.start);
            } else if ((c == '|' || c == '>') && !isKey) {
                n.style = c;
                n.end = t.blockScalarEnd(n.start, parentIndent(i));
            } else {
                n.end = isKey ? t.plainLineEnd(n.start, n.inFlow)
                              : t.plainEnd(n.start, n.inFlow, parentIndent(i));
            }
            return;
        }
        case Node::Kind::Map:
        case Node::Kind::Sequence:
            if (n.flow) {
                n.end = t.flowEnd(n.start);
                return;
            }
            n.end = n.start;
            for (int child : std::as_const(n.children)) {
                n.end = std::max(n.end, node(child).end);
                if (node(child).keyNode >= 0)
                    n.end = std::max(n.end, node(node(child).keyNode).end);
            }
            // A block collection starts at its first key or dash, not on its properties.
            if (!n.children.isEmpty()) {
                const int first = n.children.first();
                n.start =
                    n.kind == Node::Kind::Map ? node(node(first).keyNode).start : dashOf(first);
            }
            return;
        }
    }

    void placeNull(int i, bool isKey)
    {
        Node &n = nodes[size_t(i)];
        qsizetype word = n.start;
        qsizetype wordEnd = word;
        while (wordEnd < t.b.size() && !t.isSpaceAt(wordEnd)
               && !QByteArray(",]}:#").contains(t.at(wordEnd)))
            ++wordEnd;
        const bool explicitWord = isNullWord(t.b.mid(word, wordEnd - word))
            && (t.isSpaceAt(wordEnd) || QByteArray(",]}#").contains(t.at(wordEnd)));
        if (isKey) {
            n.end = explicitWord ? wordEnd : n.start;
            return;
        }
        const Node &parent = node(n.parent >= 0 ? n.parent : 0);
        if (n.parent >= 0 && parent.kind == Node::Kind::Map) {
            const qsizetype afterColon = colonEnd(i);
            if (explicitWord && word >= afterColon) {
                n.end = wordEnd;
                return;
            }
            n.emptyNull = true;
            n.start = n.end = afterColon;
            return;
        }
        if (explicitWord) {
            n.end = wordEnd;
            return;
        }
        n.unlocated = true;
        n.emptyNull = true;
        n.end = n.start;
    }
};

// --- Writing values ------------------------------------------------------------------

bool isYaml11Word(const QString &s)
{
    static const QStringList words = {
        QStringLiteral("y"),  QStringLiteral("yes"), QStringLiteral("n"), QStringLiteral("no"),
        QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("=")};
    return words.contains(s.toLower());
}

bool looksNumeric(const QString &s)
{
    // YAML 1.1 readers take 1_000, 1:30 and .5 as numbers; quoting them is always safe.
    if (s.count(QLatin1Char('.')) > 1)
        return false;
    bool digit = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isDigit() && c.unicode() < 128)
            digit = true;
        else if (!(c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char(':')
                   || ((c == QLatin1Char('-') || c == QLatin1Char('+')) && i == 0)))
            return false;
    }
    return digit;
}

bool hasControl(const QString &s, bool allowNewline)
{
    for (const QChar c : s) {
        if ((c.unicode() < 0x20 && !(allowNewline && c == QLatin1Char('\n'))
             && c != QLatin1Char('\t'))
            || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

bool isPlainSafe(const QString &s, bool inFlow)
{
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace())
        return false;
    if (QStringLiteral(",[]{}#&*!|>'\"%@`").contains(s.front()))
        return false;
    if ((s.front() == QLatin1Char('-') || s.front() == QLatin1Char('?')
         || s.front() == QLatin1Char(':'))
        && (s.size() == 1 || s.at(1).isSpace()))
        return false;
    if (s.contains(QLatin1String(": ")) || s.contains(QLatin1String(" #"))
        || s.endsWith(QLatin1Char(':')) || s.contains(QLatin1Char('\t')) || hasControl(s, false)
        || s.contains(QLatin1Char('\n')))
        return false;
    if (inFlow) {
        for (const QChar c : s) {
            if (QStringLiteral(",[]{}").contains(c))
                return false;
        }
    }
    if (s == QLatin1String("---") || s == QLatin1String("...") || s == QLatin1String("<<"))
        return false;
    if (isYaml11Word(s) || looksNumeric(s))
        return false;
    const QJsonValue typed = manifest::typedScalar(s.toStdString(), "?");
    return typed.isString() && typed.toString() == s;
}

QByteArray doubleQuoted(const QString &s)
{
    QByteArray out = "\"";
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (u < 0x20 || u == 0x7f)
            out += "\\x" + QByteArray::number(int(u), 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out + "\"";
}

bool fitsLiteral(const QString &s)
{
    if (!s.contains(QLatin1Char('\n')) || hasControl(s, true) || s.contains(QLatin1Char('\r')))
        return false;
    if (s.front().isSpace())
        return false;
    // `|` keeps one final newline, `|-` none; more would need `|+`: quoted instead.
    return !s.endsWith(QLatin1String("\n\n"));
}

QByteArray literalBlock(const QString &s, int indent, const QByteArray &eol)
{
    const bool clip = s.endsWith(QLatin1Char('\n'));
    const QString body = clip ? s.chopped(1) : s;
    QByteArray out = clip ? "|" : "|-";
    const QByteArray pad(indent, ' ');
    for (const QString &line : body.split(QLatin1Char('\n'))) {
        out += eol;
        if (!line.isEmpty())
            out += pad + line.toUtf8();
    }
    return out;
}

QByteArray numberText(double d)
{
    if (std::floor(d) == d && std::abs(d) < 9007199254740992.0)
        return QByteArray::number(qint64(d));
    QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    if (!text.contains('.') && !text.contains('e'))
        text += ".0";
    return text;
}

QByteArray keyText(const QString &key, bool inFlow)
{
    return isPlainSafe(key, inFlow) ? key.toUtf8() : doubleQuoted(key);
}

// A scalar (or an empty map or list) on one line, in the style @p oldStyle when it fits.
QByteArray inlineText(const QJsonValue &value, char oldStyle, bool inFlow)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return "null";
    case QJsonValue::Bool:
        return value.toBool() ? "true" : "false";
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::String: {
        const QString s = value.toString();
        if (oldStyle == '\'' && !hasControl(s, false) && !s.contains(QLatin1Char('\n')))
            return "'" + s.toUtf8().replace('\'', "''") + "'";
        if (oldStyle == '"')
            return doubleQuoted(s);
        return isPlainSafe(s, inFlow) ? s.toUtf8() : doubleQuoted(s);
    }
    case QJsonValue::Array:
    case QJsonValue::Object:
        break;
    }
    return {};
}

QByteArray flowText(const QJsonValue &value, char oldStyle)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QList<QByteArray> parts;
        for (auto it = object.begin(); it != object.end(); ++it)
            parts.append(keyText(it.key(), true) + ": " + flowText(it.value(), 0));
        return "{" + parts.join(", ") + "}";
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        QList<QByteArray> parts;
        for (const QJsonValue &item : array)
            parts.append(flowText(item, 0));
        return "[" + parts.join(", ") + "]";
    }
    return inlineText(value, oldStyle, true);
}

bool isBlockContainer(const QJsonValue &value)
{
    return (value.isObject() && !value.toObject().isEmpty())
        || (value.isArray() && !value.toArray().isEmpty());
}

bool isLiteral(const QJsonValue &value)
{
    return value.isString() && fitsLiteral(value.toString());
}

// A non-empty map or list as block YAML, each line indented by @p indent.
void appendBlock(QList<QByteArray> &lines, const QJsonValue &value, int indent, int step,
                 const QByteArray &eol)
{
    const QByteArray pad(indent, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QByteArray key = pad + keyText(it.key(), false) + ":";
            if (isBlockContainer(it.value())) {
                lines.append(key);
                appendBlock(lines, it.value(), indent + step, step, eol);
            } else if (isLiteral(it.value())) {
                lines.append(key + " " + literalBlock(it.value().toString(), indent + step, eol));
            } else if (it.value().isObject()) {
                lines.append(key + " {}");
            } else if (it.value().isArray()) {
                lines.append(key + " []");
            } else {
                lines.append(key + " " + inlineText(it.value(), 0, false));
            }
        }
        return;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (isBlockContainer(item)) {
            QList<QByteArray> inner;
            appendBlock(inner, item, indent + 2, step, eol);
            lines.append(pad + "- " + inner.first().mid(indent + 2));
            lines.append(inner.mid(1));
        } else if (isLiteral(item)) {
            lines.append(pad + "- " + literalBlock(item.toString(), indent + 2, eol));
        } else if (item.isObject()) {
            lines.append(pad + "- {}");
        } else if (item.isArray()) {
            lines.append(pad + "- []");
        } else {
            lines.append(pad + "- " + inlineText(item, 0, false));
        }
    }
}

// Block YAML for @p value whose first line goes where the cursor already is.
QByteArray blockText(const QJsonValue &value, int indent, int step, const QByteArray &eol)
{
    QList<QByteArray> lines;
    appendBlock(lines, value, indent, step, eol);
    lines.first() = lines.first().mid(indent);
    return lines.join(eol);
}

// --- The edit --------------------------------------------------------------------------

QStringList splitPointer(const QString &pointer)
{
    QStringList segments = pointer.split(QLatin1Char('/'));
    segments.removeFirst();
    for (QString &segment : segments) {
        segment.replace(QLatin1String("~1"), QLatin1String("/"));
        segment.replace(QLatin1String("~0"), QLatin1String("~"));
    }
    return segments;
}

std::optional<int> listIndex(const QString &segment)
{
    bool ok = false;
    const int index = segment.toInt(&ok);
    if (!ok || index < 0 || (segment.size() > 1 && segment.startsWith(QLatin1Char('0'))))
        return std::nullopt;
    return index;
}

// The document's value with @p segments set to @p value (or removed).
std::optional<QJsonValue> changed(const QJsonValue &at, const QStringList &segments, qsizetype i,
                                  const QJsonValue &value, bool remove)
{
    if (i == segments.size())
        return value;
    const QString &segment = segments.at(i);
    if (at.isArray()) {
        QJsonArray array = at.toArray();
        const auto index = listIndex(segment);
        if (!index || *index > array.size() || (remove && *index == array.size()))
            return std::nullopt;
        if (remove && i + 1 == segments.size()) {
            array.removeAt(*index);
            return array;
        }
        const QJsonValue old = *index < array.size() ? array.at(*index) : QJsonValue();
        const auto inner = changed(old, segments, i + 1, value, remove);
        if (!inner)
            return std::nullopt;
        if (*index == array.size())
            array.append(*inner);
        else
            array.replace(*index, *inner);
        return array;
    }
    if (!at.isObject() && !at.isNull() && !at.isUndefined())
        return std::nullopt;
    QJsonObject object = at.toObject();
    if (remove && i + 1 == segments.size()) {
        if (!object.contains(segment))
            return std::nullopt;
        object.remove(segment);
        return object;
    }
    const auto inner = changed(object.value(segment), segments, i + 1, value, remove);
    if (!inner)
        return std::nullopt;
    object.insert(segment, *inner);
    return object;
}

struct Splice
{
    qsizetype from = 0;
    qsizetype to = 0;
    QByteArray text;
};

class Editor
{
public:
    Editor(const SourceTree &tree, const QString &pointer)
        : s(tree)
        , t(tree.t)
        , m_pointer(pointer)
    { }

    std::variant<Splice, Refusal> edit(const QStringList &segments, const QJsonValue &value,
                                       bool remove)
    {
        int at = 0;
        qsizetype depth = 0;
        for (; depth < segments.size(); ++depth) {
            if (auto refusal = guard(at))
                return *refusal;
            const Node &n = s.node(at);
            const QString &segment = segments.at(depth);
            int next = -1;
            if (n.kind == Node::Kind::Map) {
                for (int child : n.children) {
                    if (s.node(child).key == segment)
                        next = child;
                }
                if (next < 0 && n.hasMerge)
                    return refuse(QStringLiteral("%1 comes from a << merge key; changing it "
                                                 "would change the map it is merged from")
                                      .arg(m_pointer));
            } else if (n.kind == Node::Kind::Sequence) {
                const auto index = listIndex(segment);
                if (!index)
                    return refuse(QStringLiteral("%1: \u201c%2\u201d is not a list index")
                                      .arg(m_pointer, segment));
                if (*index < n.children.size())
                    next = n.children.at(*index);
                else if (*index > n.children.size() || depth + 1 < segments.size())
                    return refuse(
                        QStringLiteral("%1: the list has no item %2").arg(m_pointer, segment));
            } else if (n.kind != Node::Kind::Null) {
                return refuse(QStringLiteral("%1: the value at %2 is not a map or a list")
                                  .arg(m_pointer, prefix(segments, depth)));
            }
            if (next < 0)
                break;
            at = next;
        }
        if (depth == segments.size()) {
            if (auto refusal = guard(at))
                return *refusal;
            if (auto refusal = guardSubtree(at))
                return *refusal;
            return remove ? removeNode(at) : replace(at, value);
        }
        if (remove)
            return refuse(
                QStringLiteral("%1 is not in the file: nothing to remove").arg(m_pointer));
        // Missing from here on: what is inserted is the rest of the path wrapped in maps.
        QJsonValue inserted = value;
        for (qsizetype i = segments.size() - 1; i > depth; --i)
            inserted = QJsonObject{{segments.at(i), inserted}};
        const Node &n = s.node(at);
        if (n.kind == Node::Kind::Null)
            return replace(at, QJsonObject{{segments.at(depth), inserted}});
        return insert(at, segments.at(depth), inserted);
    }

private:
    const SourceTree &s;
    const Text &t;
    QString m_pointer;

    static QString prefix(const QStringList &segments, qsizetype depth)
    {
        QString out;
        for (qsizetype i = 0; i < depth; ++i)
            out += QLatin1Char('/') + manifest::pointerSegment(segments.at(i));
        return out.isEmpty() ? QStringLiteral("the document") : out;
    }

    static Refusal refuse(const QString &reason) { return Refusal{reason}; }

    std::optional<Refusal> guard(int i) const
    {
        const Node &n = s.node(i);
        if (n.kind == Node::Kind::Alias)
            return refuse(QStringLiteral("%1 goes through an alias (*); changing it would "
                                         "change the anchored value and every other alias "
                                         "of it")
                              .arg(m_pointer));
        if (n.anchored)
            return refuse(QStringLiteral("%1 is inside an anchored value (&); changing it "
                                         "would change every alias of it too")
                              .arg(m_pointer));
        return std::nullopt;
    }

    std::optional<Refusal> guardSubtree(int i) const
    {
        for (size_t k = size_t(i) + 1; k < s.nodes.size(); ++k) {
            const Node &n = s.nodes[k];
            if (n.start >= s.node(i).end && n.mark >= s.node(i).end)
                break;
            if (n.anchored)
                return refuse(QStringLiteral("%1 holds an anchor (&) that aliases elsewhere "
                                             "may refer to")
                                  .arg(m_pointer));
        }
        return std::nullopt;
    }

    bool isMapValue(int i) const
    {
        const Node &n = s.node(i);
        return n.parent >= 0 && s.node(n.parent).kind == Node::Kind::Map;
    }

    // Where the lines of a value go when it becomes a block collection.
    int childIndent(int i) const
    {
        const Node &n = s.node(i);
        if (n.parent < 0)
            return 0;
        return s.parentIndent(i) + (isMapValue(i) ? s.indentStep : 2);
    }

    std::variant<Splice, Refusal> replace(int i, const QJsonValue &value)
    {
        const Node &n = s.node(i);
        if (n.unlocated)
            return refuse(QStringLiteral("%1 is an empty list item; write a value there by "
                                         "hand first")
                              .arg(m_pointer));
        const bool oldBlock =
            (n.kind == Node::Kind::Map || n.kind == Node::Kind::Sequence) && !n.flow;
        const char style = n.kind == Node::Kind::Scalar ? n.style : 0;
        if (n.inFlow)
            return Splice{n.mark, n.end, flowText(value, style)};
        if (isBlockContainer(value))
            return replaceWithBlock(i, value, oldBlock);
        QByteArray text;
        if (value.isObject())
            text = "{}";
        else if (value.isArray())
            text = "[]";
        else if (value.isString() && (style == '|' || style == '>') && isLiteral(value))
            text = literalBlock(value.toString(), childIndent(i), t.eol);
        else if (value.isNull() && n.kind == Node::Kind::Null && !n.emptyNull)
            text = t.b.mid(n.start, n.end - n.start); // keeps `~` or `null` as written
        else
            text = inlineText(value, style, false);
        if (isMapValue(i) && (oldBlock || n.emptyNull))
            return Splice{s.colonEnd(i), n.end, " " + text};
        if (oldBlock) // a list item or the document itself
            return Splice{n.mark, n.end, text};
        return Splice{n.mark, n.end, text};
    }

    std::variant<Splice, Refusal> replaceWithBlock(int i, const QJsonValue &value, bool oldBlock)
    {
        const Node &n = s.node(i);
        if (!isMapValue(i)) {
            // A list item (`- a: 1` goes on the dash's line) or the document itself.
            const int indent = n.parent < 0 ? t.column(n.start) : t.column(n.start);
            if (n.parent >= 0 && n.emptyNull)
                return refuse(QStringLiteral("%1 is an empty list item").arg(m_pointer));
            return Splice{oldBlock ? n.start : n.mark, n.end,
                          blockText(value, indent, s.indentStep, t.eol)};
        }
        const int keyColumn = s.parentIndent(i);
        if (oldBlock && t.column(n.start) > keyColumn && t.onlySpacesBefore(n.start))
            return Splice{n.start, n.end, blockText(value, t.column(n.start), s.indentStep, t.eol)};
        const int indent = keyColumn + s.indentStep;
        const QByteArray block =
            t.eol + QByteArray(indent, ' ') + blockText(value, indent, s.indentStep, t.eol);
        if (oldBlock)
            return Splice{s.colonEnd(i), n.end, block};
        // `key: old  # note` keeps its note on the key's line.
        const qsizetype lineEnd = t.lineEnd(n.end);
        return Splice{s.colonEnd(i), lineEnd, t.b.mid(n.end, lineEnd - n.end) + block};
    }

    std::variant<Splice, Refusal> insert(int i, const QString &key, const QJsonValue &value)
    {
        const Node &n = s.node(i);
        if (n.kind == Node::Kind::Sequence) {
            // Appending: the index is the list's size (checked by the walk).
            if (n.flow || n.inFlow)
                return flowInsert(i, flowText(value, 0));
            const qsizetype dash = s.dashOf(n.children.last());
            const int column = t.column(dash);
            QByteArray item;
            if (isBlockContainer(value))
                item = blockText(value, column + 2, s.indentStep, t.eol);
            else if (isLiteral(value))
                item = literalBlock(value.toString(), column + 2, t.eol);
            else
                item = value.isObject() ? "{}"
                    : value.isArray()   ? "[]"
                                        : inlineText(value, 0, false);
            const qsizetype at = t.lineEnd(n.end);
            return Splice{at, at, t.eol + QByteArray(column, ' ') + "- " + item};
        }
        if (n.flow || n.inFlow)
            return flowInsert(i, keyText(key, true) + ": " + flowText(value, 0));
        const int column = s.blockIndent(i);
        QList<QByteArray> lines;
        appendBlock(lines, QJsonObject{{key, value}}, column, s.indentStep, t.eol);
        const qsizetype at = t.lineEnd(n.end);
        return Splice{at, at, t.eol + lines.join(t.eol)};
    }

    std::variant<Splice, Refusal> flowInsert(int i, const QByteArray &entry)
    {
        const Node &n = s.node(i);
        if (n.children.isEmpty())
            return Splice{n.start + 1, n.end - 1, entry};
        const qsizetype after = s.node(n.children.last()).end;
        return Splice{after, after, ", " + entry};
    }

    qsizetype entryStart(int child) const
    {
        const Node &n = s.node(child);
        if (n.keyNode >= 0)
            return s.node(n.keyNode).mark;
        return n.mark;
    }

    std::variant<Splice, Refusal> removeNode(int i)
    {
        const Node &n = s.node(i);
        if (n.parent < 0)
            return refuse(QStringLiteral("the whole document cannot be removed with a field "
                                         "edit"));
        const Node &parent = s.node(n.parent);
        const qsizetype index = parent.children.indexOf(i);
        if (parent.children.size() == 1) {
            // A map or list left empty stays, empty: it may mean something on its own.
            if (auto refusal = guard(n.parent))
                return *refusal;
            return replace(n.parent,
                           parent.kind == Node::Kind::Map ? QJsonValue(QJsonObject())
                                                          : QJsonValue(QJsonArray()));
        }
        if (parent.flow) {
            if (index + 1 < parent.children.size())
                return Splice{entryStart(i), entryStart(parent.children.at(index + 1)), {}};
            return Splice{s.node(parent.children.at(index - 1)).end, n.end, {}};
        }
        const qsizetype begin =
            parent.kind == Node::Kind::Map ? s.node(n.keyNode).mark : s.dashOf(i);
        if (!t.onlySpacesBefore(begin)) {
            // The first entry on a list item's line (`- name: a`): the next one moves up,
            // unless comments stand between them: then the dash keeps its line alone
            // (`-`, the comments, the next entry where it was), so no comment is lost.
            if (index == 0 && parent.kind == Node::Kind::Map) {
                const qsizetype next = entryStart(parent.children.at(1));
                const qsizetype valueEnd = t.lineEnd(n.end);
                if (!t.b.mid(valueEnd, next - valueEnd).contains('#'))
                    return Splice{begin, next, {}};
                qsizetype from = begin;
                while (from > 0 && t.isBlank(t.at(from - 1)))
                    --from;
                return Splice{from, valueEnd, {}};
            }
            return refuse(QStringLiteral("%1 shares its line with another value; remove it "
                                         "by hand")
                              .arg(m_pointer));
        }
        const qsizetype from = t.lineStart(begin);
        const qsizetype lastLineEnd = t.lineEnd(n.end);
        if (lastLineEnd < t.b.size())
            return Splice{from, t.nextLine(lastLineEnd), {}};
        // The last line of a file without a final newline: the break before it goes.
        qsizetype before = from;
        if (before > 0 && t.at(before - 1) == '\n')
            --before;
        if (before > 0 && t.at(before - 1) == '\r')
            --before;
        return Splice{before, lastLineEnd, {}};
    }
};

bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    return a == b;
}

} // namespace

std::variant<QByteArray, YamlEditRefusal> applyYamlEdit(const QByteArray &bytes,
                                                        const YamlEdit &edit)
{
    if (!edit.pointer.isEmpty() && !edit.pointer.startsWith(QLatin1Char('/')))
        return Refusal{QStringLiteral("\u201c%1\u201d is not a JSON pointer").arg(edit.pointer)};
    auto parsed = manifest::parseYamlDocuments(bytes);
    if (const auto *error = std::get_if<manifest::YamlError>(&parsed))
        return Refusal{QStringLiteral("the file does not read as YAML (line %1, column %2: %3)")
                           .arg(error->line)
                           .arg(error->column)
                           .arg(error->message)};
    const auto &documents = std::get<QList<manifest::YamlDocument>>(parsed);
    if (edit.document < 0 || edit.document >= documents.size())
        return Refusal{QStringLiteral("the file has no document %1 (it has %2)")
                           .arg(edit.document + 1)
                           .arg(documents.size())};
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return Refusal{QStringLiteral("the file starts with a byte order mark; edit it by hand")};

    TreeBuilder builder;
    try {
        std::istringstream stream(std::string(bytes.constData(), size_t(bytes.size())));
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) { }
    } catch (const YAML::Exception &error) {
        return Refusal{QString::fromStdString(error.msg)};
    }
    if (builder.documents.size() != documents.size())
        return Refusal{QStringLiteral("the documents of the file could not be told apart")};

    const QStringList segments = splitPointer(edit.pointer);
    const auto expected =
        changed(documents.at(edit.document).value, segments, 0, edit.value, edit.remove);
    if (!expected)
        return Refusal{
            edit.remove
                ? QStringLiteral("%1 is not in the document: nothing to remove").arg(edit.pointer)
                : QStringLiteral("%1 cannot be set: a value on the way is not a map "
                                 "or a list with that index")
                      .arg(edit.pointer)};

    const Text text(bytes);
    const SourceTree tree(text, builder.documents.at(edit.document));
    Editor editor(tree, edit.pointer);
    const auto result = editor.edit(segments, edit.value, edit.remove);
    if (const auto *refusal = std::get_if<Refusal>(&result))
        return *refusal;
    const Splice &splice = std::get<Splice>(result);
    QByteArray out = bytes;
    out.replace(splice.from, splice.to - splice.from, splice.text);

    // The edit is only as good as what reads back: exactly that value changed.
    auto reread = manifest::parseYamlDocuments(out);
    const auto *after = std::get_if<QList<manifest::YamlDocument>>(&reread);
    bool same = after && after->size() == documents.size();
    for (qsizetype i = 0; same && i < documents.size(); ++i)
        same =
            sameValue(after->at(i).value, i == edit.document ? *expected : documents.at(i).value);
    if (!same)
        return Refusal{QStringLiteral("%1 could not be changed without disturbing the rest "
                                      "of the file; edit it by hand")
                           .arg(edit.pointer)};
    return out;
}

} // namespace gitops::change
