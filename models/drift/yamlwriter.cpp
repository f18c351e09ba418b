#include "drift/yamlwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>

#include <algorithm>
#include <cmath>

namespace gitops::drift {

namespace {

QString pointerSegment(const QString &key)
{
    QString s = key;
    s.replace(QLatin1Char('~'), QLatin1String("~0"));
    s.replace(QLatin1Char('/'), QLatin1String("~1"));
    return s;
}

bool needsQuotes(const QString &s)
{
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace())
        return true;
    static const QRegularExpression special(QStringLiteral(
        "^(?:[-?:,\\[\\]{}#&*!|>'\"%@`]|~$|null$|Null$|NULL$|true$|True$|TRUE$|false$|False$"
        "|FALSE$|yes$|Yes$|YES$|no$|No$|NO$|on$|On$|ON$|off$|Off$|OFF$|y$|Y$|n$|N$"
        "|[-+]?(?:\\.[0-9]|[0-9])[0-9_.eE+-]*$|0x[0-9a-fA-F_]+$|0o[0-7]+$"
        "|[-+]?\\.(?:inf|Inf|INF)$|\\.(?:nan|NaN|NAN)$)"));
    if (special.match(s).hasMatch())
        return true;
    if (s.contains(QLatin1String(": ")) || s.contains(QLatin1String(" #"))
        || s.endsWith(QLatin1Char(':')))
        return true;
    for (const QChar c : s) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

QString quoted(const QString &s)
{
    QString out;
    out.reserve(s.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += QLatin1Char('"');
    return out;
}

// A multi-line string that a literal block keeps exactly.
bool fitsLiteralBlock(const QString &s)
{
    if (!s.contains(QLatin1Char('\n')) || s.front().isSpace())
        return false;
    const QStringList lines = s.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.isEmpty() && line.back().isSpace())
            return false;
        for (const QChar c : line) {
            if (c.unicode() < 0x20 && c != QLatin1Char('\t'))
                return false;
        }
    }
    // Several trailing newlines would need `|+`; keep it simple and quote.
    return !s.endsWith(QLatin1String("\n\n"));
}

class Writer
{
public:
    explicit Writer(const QHash<QString, int> &order)
        : m_order(order)
    { }

    QString out;
    /// Character offsets [start, end) of each field in out, when asked for.
    QHash<QString, std::pair<qsizetype, qsizetype>> *spans = nullptr;

    void value(const QJsonValue &v, int indent, const QString &pointer)
    {
        if (v.isObject())
            map(v.toObject(), indent, pointer, false);
        else if (v.isArray())
            list(v.toArray(), indent, pointer);
        else
            out += QString(indent, QLatin1Char(' ')) + YamlWriter::scalar(v) + QLatin1Char('\n');
    }

    // Writes @p object's keys; with @p continueLine the first key goes right after text
    // already written ("- ").
    void map(const QJsonObject &object, int indent, const QString &pointer, bool continueLine)
    {
        QStringList keys = object.keys();
        if (!m_order.isEmpty()) {
            std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
                const int la = m_order.value(pointer + QLatin1Char('/') + pointerSegment(a), -1);
                const int lb = m_order.value(pointer + QLatin1Char('/') + pointerSegment(b), -1);
                if ((la < 0) != (lb < 0))
                    return la >= 0; // known keys first
                if (la != lb)
                    return la < lb;
                return a < b;
            });
        }
        bool first = true;
        for (const QString &key : std::as_const(keys)) {
            if (!(first && continueLine))
                out += QString(indent, QLatin1Char(' '));
            first = false;
            entry(key, object.value(key), indent, pointer + QLatin1Char('/') + pointerSegment(key));
        }
    }

    void entry(const QString &key, const QJsonValue &v, int indent, const QString &pointer)
    {
        // The indentation is already written: the line starts at or before out's end.
        const qsizetype start = out.size();
        entryText(key, v, indent, pointer);
        if (spans)
            spans->insert(pointer, {start, out.size()});
    }

    void entryText(const QString &key, const QJsonValue &v, int indent, const QString &pointer)
    {
        out += (needsQuotes(key) ? quoted(key) : key) + QLatin1Char(':');
        if (v.isObject() && !v.toObject().isEmpty()) {
            out += QLatin1Char('\n');
            map(v.toObject(), indent + 2, pointer, false);
        } else if (v.isArray() && !v.toArray().isEmpty()) {
            out += QLatin1Char('\n');
            list(v.toArray(), indent + 2, pointer);
        } else if (v.isString() && fitsLiteralBlock(v.toString())) {
            block(v.toString(), indent + 2);
        } else {
            out += QLatin1Char(' ') + YamlWriter::scalar(v) + QLatin1Char('\n');
        }
    }

    void list(const QJsonArray &array, int indent, const QString &pointer)
    {
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue item = array.at(i);
            const QString itemPointer = pointer + QLatin1Char('/') + QString::number(i);
            const qsizetype start = out.size();
            const auto recorded = qScopeGuard([&] {
                if (spans)
                    spans->insert(itemPointer, {start, out.size()});
            });
            out += QString(indent, QLatin1Char(' ')) + QLatin1String("- ");
            if (item.isObject() && !item.toObject().isEmpty()) {
                map(item.toObject(), indent + 2, itemPointer, true);
            } else if (item.isArray() && !item.toArray().isEmpty()) {
                out += QLatin1Char('\n');
                list(item.toArray(), indent + 2, itemPointer);
            } else if (item.isString() && fitsLiteralBlock(item.toString())) {
                out.chop(1);
                block(item.toString(), indent + 2);
            } else {
                out += YamlWriter::scalar(item) + QLatin1Char('\n');
            }
        }
    }

    void block(const QString &s, int indent)
    {
        const bool trailingNewline = s.endsWith(QLatin1Char('\n'));
        out += trailingNewline ? QLatin1String(" |\n") : QLatin1String(" |-\n");
        QStringList lines = s.split(QLatin1Char('\n'));
        if (trailingNewline)
            lines.removeLast();
        for (const QString &line : std::as_const(lines)) {
            if (!line.isEmpty())
                out += QString(indent, QLatin1Char(' ')) + line;
            out += QLatin1Char('\n');
        }
    }

private:
    const QHash<QString, int> &m_order;
};

} // namespace

QString YamlWriter::scalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String: {
        const QString s = value.toString();
        return needsQuotes(s) ? quoted(s) : s;
    }
    case QJsonValue::Array:
        return QStringLiteral("[]");
    case QJsonValue::Object:
        return QStringLiteral("{}");
    }
    return QString();
}

QString YamlWriter::write(const QJsonValue &value, const QHash<QString, int> &order,
                          QHash<QString, LineRange> *fields)
{
    fields->clear();
    QHash<QString, std::pair<qsizetype, qsizetype>> spans;
    Writer writer(order);
    writer.spans = &spans;
    if (value.isObject() && value.toObject().isEmpty())
        return QString();
    writer.value(value, 0, QString());
    const QString &out = writer.out;
    // Offsets to lines: the line of an offset is the number of newlines before it.
    QList<qsizetype> newlines;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (out.at(i) == QLatin1Char('\n'))
            newlines << i;
    }
    const auto lineOf = [&](qsizetype offset) {
        return int(std::lower_bound(newlines.cbegin(), newlines.cend(), offset)
                   - newlines.cbegin());
    };
    fields->insert(QString(), {0, std::max(0, int(newlines.size()) - 1)});
    for (auto it = spans.cbegin(); it != spans.cend(); ++it) {
        // The end is just past the field's last newline.
        const int first = lineOf(it->first);
        fields->insert(it.key(), {first, std::max(first, lineOf(it->second - 1))});
    }
    return out;
}

QString YamlWriter::write(const QJsonValue &value, const QHash<QString, int> &order)
{
    Writer writer(order);
    if (value.isObject() && value.toObject().isEmpty())
        return QString();
    writer.value(value, 0, QString());
    return writer.out;
}

} // namespace gitops::drift
