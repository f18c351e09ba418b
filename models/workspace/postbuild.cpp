#include "postbuild.h"

#include "drift/yamlwriter.h"
#include "manifest/yamldocument.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace gitops {

namespace {

const QLatin1String optOutKey("kustomize.toolkit.fluxcd.io/substitute");

bool isNameCharacter(QChar c)
{
    // As envsubst reads a name: a '-' belongs to it, so `${A-x}` names "A-x".
    return c.isLetterOrNumber() || c == u'_' || c == u'-';
}

/// What an expression evaluates to: its text, or unknown (a variable nobody could say).
using Value = std::optional<QString>;

/// One pass over the text of a postBuild substitution: a recursive-descent reader of
/// `${...}` expressions that evaluates as it reads.
class Expander
{
public:
    Expander(const QString &text, const VariableLookup &lookup)
        : m_text(text)
        , m_lookup(lookup)
    { }

    std::variant<QString, SubstitutionError> run()
    {
        QString out;
        out.reserve(m_text.size());
        while (m_at < m_text.size()) {
            const QChar c = m_text.at(m_at);
            const QChar next = m_at + 1 < m_text.size() ? m_text.at(m_at + 1) : QChar();
            if ((c == u'$' && next == u'$') || (c == u'\\' && (next == u'\\' || next == u'/'))) {
                out += next;
                m_at += 2;
                continue;
            }
            if (c == u'$' && next == u'{') {
                const qsizetype start = m_at;
                m_at += 2;
                const Value value = expression();
                if (m_bad)
                    return SubstitutionError{badSubstitution(start)};
                out += value ? *value : m_text.mid(start, m_at - start);
                continue;
            }
            out += c;
            ++m_at;
        }
        return out;
    }

private:
    QChar peek(qsizetype ahead = 0) const
    {
        return m_at + ahead < m_text.size() ? m_text.at(m_at + ahead) : QChar();
    }

    void bad() { m_bad = true; }

    /// "bad substitution in “LINE”", LINE the one where the expression at @p start begins.
    Text badSubstitution(qsizetype start) const
    {
        const qsizetype lineStart = start > 0 ? m_text.lastIndexOf(u'\n', start - 1) + 1 : 0;
        qsizetype lineEnd = m_text.indexOf(u'\n', start);
        if (lineEnd < 0)
            lineEnd = m_text.size();
        return Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "bad substitution in \u201c%1\u201d"),
            m_text.mid(lineStart, lineEnd - lineStart).trimmed());
    }

    bool expect(QChar c)
    {
        if (peek() != c) {
            bad();
            return false;
        }
        ++m_at;
        return true;
    }

    QString name()
    {
        const qsizetype start = m_at;
        while (m_at < m_text.size() && isNameCharacter(m_text.at(m_at)))
            ++m_at;
        if (m_at == start)
            bad();
        return m_text.mid(start, m_at - start);
    }

    /// Text and nested expressions up to (not including) a character @p stop accepts;
    /// with @p escapes, `\/` and `\\` are read as '/' and '\'.
    Value argument(const std::function<bool(QChar)> &stop, bool escapes)
    {
        QString out;
        bool known = true;
        while (m_at < m_text.size() && !m_bad) {
            const QChar c = m_text.at(m_at);
            if (c == u'$' && peek(1) == u'{') {
                m_at += 2;
                const Value nested = expression();
                known = known && nested.has_value();
                out += nested.value_or(QString());
                continue;
            }
            if (escapes && c == u'\\' && (peek(1) == u'/' || peek(1) == u'\\')) {
                out += peek(1);
                m_at += 2;
                continue;
            }
            if (stop(c))
                break;
            out += c;
            ++m_at;
        }
        if (!known)
            return std::nullopt;
        return out;
    }

    // After "${": the expression and its closing brace.
    Value expression()
    {
        if (peek() == u'#') {
            ++m_at;
            const QString variable = name();
            if (m_bad || !expect(u'}'))
                return {};
            const Value value = m_lookup(variable);
            return value ? Value(QString::number(value->size())) : Value();
        }
        const QString variable = name();
        if (m_bad)
            return {};
        const Value value = m_lookup(variable);
        const QChar op = peek();
        if (op == u'}') {
            ++m_at;
            return value;
        }
        if (op == u':' && QStringView(u"=-?+").contains(peek(1))) {
            const QChar kind = peek(1);
            m_at += 2;
            return fallback(value, kind == u'=' || kind == u'-');
        }
        if (op == u'=') {
            ++m_at;
            return fallback(value, true);
        }
        if (op == u':')
            return substring(value);
        if (op == u',' || op == u'^')
            return casing(value);
        if (op == u'/')
            return replacement(value);
        if (op == u'#' || op == u'%')
            return trimmed(value);
        bad();
        return {};
    }

    // ${VAR:=word}, ${VAR:-word}, ${VAR=word}; ${VAR:?word} and ${VAR:+word}, which envsubst
    // reads but does not apply, give the value.
    Value fallback(const Value &value, bool applies)
    {
        const Value word = argument([](QChar c) { return c == u'}'; }, false);
        if (m_bad || !expect(u'}'))
            return {};
        if (!value)
            return {};
        if (applies && value->isEmpty())
            return word;
        return value;
    }

    // ${VAR:offset} and ${VAR:offset:length}, bash's rules for negative and
    // out-of-range numbers.
    Value substring(const Value &value)
    {
        ++m_at; // ':'
        const Value offset = argument([](QChar c) { return c == u':' || c == u'}'; }, false);
        Value length;
        bool hasLength = false;
        if (!m_bad && peek() == u':') {
            ++m_at;
            hasLength = true;
            length = argument([](QChar c) { return c == u'}'; }, false);
        }
        if (m_bad || !expect(u'}'))
            return {};
        if (!value || !offset || (hasLength && !length))
            return {};
        // envsubst takes Go's integers: no spaces around them.
        const auto number = [](const QString &text, bool *ok) {
            *ok = !text.isEmpty() && !text.front().isSpace() && !text.back().isSpace();
            return *ok ? text.toLongLong(ok) : 0;
        };
        bool ok = false;
        qsizetype position = number(*offset, &ok);
        if (!ok)
            return value;
        if (position < 0)
            position = std::max<qsizetype>(0, value->size() + position);
        if (!hasLength)
            return position < value->size() ? value->mid(position) : QString();
        const qsizetype count = number(*length, &ok);
        if (!ok)
            return value;
        if (position + count >= value->size())
            return value->mid(position);
        return value->mid(position, count);
    }

    // ${VAR^}, ${VAR^^}, ${VAR,}, ${VAR,,}
    Value casing(const Value &value)
    {
        const QChar kind = peek();
        const bool all = peek(1) == kind;
        m_at += all ? 2 : 1;
        if (!expect(u'}') || !value)
            return {};
        const bool upper = kind == u'^';
        if (all)
            return upper ? value->toUpper() : value->toLower();
        if (value->isEmpty())
            return value;
        return (upper ? value->left(1).toUpper() : value->left(1).toLower()) + value->mid(1);
    }

    // ${VAR/from/to}, ${VAR//from/to}, ${VAR/#from/to}, ${VAR/%from/to}: literal text.
    Value replacement(const Value &value)
    {
        ++m_at; // '/'
        QChar mode = u'/';
        if (peek() == u'/' || peek() == u'#' || peek() == u'%')
            mode = m_text.at(m_at++);
        else
            mode = QChar();
        const Value from = argument([](QChar c) { return c == u'/'; }, true);
        if (m_bad || !expect(u'/'))
            return {};
        const Value to = argument([](QChar c) { return c == u'}'; }, true);
        if (m_bad || !expect(u'}'))
            return {};
        if (!value || !from || !to)
            return {};
        QString result = *value;
        if (mode == u'/')
            return result.replace(*from, *to);
        if (mode == u'#')
            return result.startsWith(*from) ? *to + result.mid(from->size()) : result;
        if (mode == u'%')
            return result.endsWith(*from) ? result.left(result.size() - from->size()) + *to
                                          : result;
        const qsizetype at = result.indexOf(*from);
        return at < 0 ? result : result.replace(at, from->size(), *to);
    }

    // ${VAR#glob}, ${VAR##glob} (from the start), ${VAR%glob}, ${VAR%%glob} (from the end):
    // the shortest or the longest part that the glob matches, as a path glob (`*` stops
    // at '/').
    Value trimmed(const Value &value)
    {
        const QChar kind = peek();
        const bool longest = peek(1) == kind;
        m_at += longest ? 2 : 1;
        const Value pattern = argument([](QChar c) { return c == u'}'; }, false);
        if (m_bad || !expect(u'}'))
            return {};
        if (!value || !pattern)
            return {};
        const QRegularExpression glob(
            QRegularExpression::anchoredPattern(QRegularExpression::wildcardToRegularExpression(
                *pattern, QRegularExpression::UnanchoredWildcardConversion)));
        if (!glob.isValid())
            return value;
        const qsizetype size = value->size();
        for (qsizetype i = 0; i < size; ++i) {
            // Longest first counts down from the whole text, shortest up from one character.
            const qsizetype length = longest ? size - i : i + 1;
            const QString part = kind == u'#' ? value->left(length) : value->right(length);
            if (glob.match(part).hasMatch())
                return kind == u'#' ? value->mid(length) : value->left(size - length);
        }
        return value;
    }

    const QString &m_text;
    const VariableLookup &m_lookup;
    qsizetype m_at = 0;
    bool m_bad = false;
};

bool optsOut(const QJsonObject &object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    return metadata.value(u"labels").toObject().value(optOutKey).toString()
        == QLatin1String("disabled")
        || metadata.value(u"annotations").toObject().value(optOutKey).toString()
        == QLatin1String("disabled");
}

} // namespace

PostBuild PostBuild::fromSpec(const QJsonObject &spec)
{
    PostBuild postBuild;
    const QJsonObject object = spec.value(u"postBuild").toObject();
    const QJsonObject substitute = object.value(u"substitute").toObject();
    for (auto it = substitute.constBegin(); it != substitute.constEnd(); ++it) {
        // Flux reads the values as strings, and drops line breaks from them.
        const QJsonValue value = it.value();
        QString text =
            value.isString() ? value.toString() : drift::YamlWriter::scalar(value).trimmed();
        postBuild.substitute.insert(it.key(), text.remove(u'\n'));
    }
    for (const QJsonValue &entry : object.value(u"substituteFrom").toArray()) {
        const QJsonObject source = entry.toObject();
        postBuild.substituteFrom.append({source.value(u"kind").toString(),
                                         source.value(u"name").toString(),
                                         source.value(u"optional").toBool()});
    }
    postBuild.unreadSources = postBuild.substituteFrom; // until resolveSources()
    return postBuild;
}

void PostBuild::resolveSources(const QString &namespaceName, const QList<QJsonObject> &objects)
{
    fromSources.clear();
    unreadSources.clear();
    for (const Source &source : std::as_const(substituteFrom)) {
        const auto found =
            std::find_if(objects.cbegin(), objects.cend(), [&](const QJsonObject &o) {
                const QJsonObject metadata = o.value(u"metadata").toObject();
                return o.value(u"apiVersion").toString() == u"v1"
                    && o.value(u"kind").toString() == source.kind
                    && metadata.value(u"namespace").toString() == namespaceName
                    && metadata.value(u"name").toString() == source.name;
            });
        if (found == objects.cend()) {
            if (!source.optional)
                unreadSources.append(source);
            continue;
        }
        const QJsonObject data = found->value(u"data").toObject();
        for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
            QString text = source.kind == u"Secret"
                ? QString::fromUtf8(QByteArray::fromBase64(it.value().toString().toLatin1()))
                : it.value().toString();
            fromSources.insert(it.key(), text.remove(u'\n'));
        }
    }
}

std::optional<QString> PostBuild::value(const QString &name) const
{
    if (const auto found = substitute.constFind(name); found != substitute.cend())
        return *found;
    if (const auto found = fromSources.constFind(name); found != fromSources.cend())
        return *found;
    if (!unreadSources.isEmpty())
        return std::nullopt;
    return QString();
}

std::variant<QString, SubstitutionError> expandVariables(const QString &text,
                                                         const VariableLookup &lookup)
{
    return Expander(text, lookup).run();
}

Text invalidVariableName(const QString &name)
{
    static const QRegularExpression valid(QStringLiteral("^[_a-zA-Z][_a-zA-Z0-9]*$"));
    if (valid.match(name).hasMatch())
        return {};
    return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                            "postBuild variable \u201c%1\u201d is not a valid "
                                            "name (letters, digits and '_', not starting with a "
                                            "digit)"),
                          name);
}

namespace {

// Expands every key and text value of @p value (at @p pointer) as Flux's text substitution
// does to the object's YAML: a value written plain is read again as YAML reads a plain
// scalar (`${REPLICAS}` becomes the number 3), a quoted one stays text.
QJsonValue substituted(const QJsonValue &value, const QString &pointer,
                       const VariableLookup &lookup, const QSet<QString> &quoted, Text *error)
{
    const auto expand = [&](const QString &text) -> std::optional<QString> {
        auto expanded = expandVariables(text, lookup);
        if (const auto *problem = std::get_if<SubstitutionError>(&expanded)) {
            if (error->isEmpty())
                *error = problem->message;
            return std::nullopt;
        }
        return std::get<QString>(std::move(expanded));
    };
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QJsonObject out;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = expand(it.key()).value_or(it.key());
            out.insert(key,
                       substituted(it.value(), pointer + u'/' + manifest::pointerSegment(it.key()),
                                   lookup, quoted, error));
        }
        return out;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        QJsonArray out;
        for (qsizetype i = 0; i < array.size(); ++i)
            out.append(substituted(array.at(i), pointer + u'/' + QString::number(i), lookup, quoted,
                                   error));
        return out;
    }
    if (!value.isString())
        return value;
    const QString text = value.toString();
    if (!text.contains(u'$') && !text.contains(u'\\'))
        return value;
    const std::optional<QString> expanded = expand(text);
    if (!expanded || *expanded == text)
        return value;
    if (quoted.contains(pointer))
        return *expanded;
    // Plain: typed as the YAML reader types a plain scalar; a result that reads as more
    // than one scalar (a map, a list) stays text here.
    return manifest::typedScalar(expanded->toStdString(), "?");
}

} // namespace

QJsonObject substituteVariables(const QJsonObject &object, const VariableLookup &lookup,
                                bool hasVariables, const QSet<QString> &quoted, Text *error)
{
    if (!hasVariables || optsOut(object))
        return object;
    Text problem;
    const QJsonValue out = substituted(object, QString(), lookup, quoted, &problem);
    if (!problem.isEmpty()) {
        // The message quotes the value; a Secret's value never shows.
        if (error)
            *error = object.value(QLatin1String("kind")) == QLatin1String("Secret")
                    && object.value(QLatin1String("apiVersion")) == QLatin1String("v1")
                ? Text(QT_TRANSLATE_NOOP("gitops::Text",
                                         "bad substitution in a value of the Secret (not shown)"))
                : problem;
        return object;
    }
    return out.toObject();
}

} // namespace gitops
