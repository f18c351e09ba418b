#include "yamldocument.h"

#include <QJsonArray>
#include <QJsonObject>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gitops::manifest {

namespace {

// Expanding aliases can multiply a small file into a huge one ("billion laughs"); values
// are shared copies, but the line map is not, so it is what we bound.
constexpr size_t MaximumLineEntries = 2'000'000;

const std::string MergeKey = "<<";

struct ParseFailure
{
    YAML::Mark mark;
    Text message;
};

bool isDigits(const std::string &text, size_t from, int base)
{
    if (from >= text.size())
        return false;
    for (size_t i = from; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                                   : (c >= '0' && c < char('0' + base));
        if (!ok)
            return false;
    }
    return true;
}

std::optional<QJsonValue> integerValue(const std::string &text)
{
    size_t start = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        start = 1;
    }
    int base = 10;
    size_t digits = start;
    if (text.compare(start, 2, "0x") == 0) {
        base = 16;
        digits += 2;
    } else if (text.compare(start, 2, "0o") == 0) {
        base = 8;
        digits += 2;
    } else if (text.compare(start, 2, "0b") == 0) {
        base = 2;
        digits += 2;
    } else if (text.size() > start + 1 && text[start] == '0') {
        // Go's ParseInt(s, 0, 64), which both YAML libraries of Kubernetes use, reads a
        // leading zero as octal: `012` is 10 for kubectl, not 12.
        base = 8;
        digits += 1;
    }
    if (!isDigits(text, digits, base))
        return std::nullopt;
    errno = 0;
    char *end = nullptr;
    const unsigned long long magnitude = std::strtoull(text.c_str() + digits, &end, base);
    if (errno == ERANGE)
        return QJsonValue(std::strtod(text.c_str(), nullptr));
    constexpr auto limit = static_cast<unsigned long long>(std::numeric_limits<qint64>::max());
    if (magnitude > limit + (negative ? 1 : 0))
        return QJsonValue(negative ? -double(magnitude) : double(magnitude));
    if (negative)
        return QJsonValue(magnitude == limit + 1 ? std::numeric_limits<qint64>::min()
                                                 : -static_cast<qint64>(magnitude));
    return QJsonValue(static_cast<qint64>(magnitude));
}

std::optional<QJsonValue> floatValue(const std::string &text)
{
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+'))
        ++i;
    size_t before = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        ++i;
        ++before;
    }
    size_t after = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
            ++after;
        }
    }
    if (before == 0 && after == 0)
        return std::nullopt;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+'))
            ++i;
        size_t exponent = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
            ++exponent;
        }
        if (exponent == 0)
            return std::nullopt;
    }
    if (i != text.size())
        return std::nullopt;
    const double value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(value))
        return std::nullopt;
    return QJsonValue(value);
}

bool isOneOf(const std::string &text, std::initializer_list<const char *> words)
{
    for (const char *word : words) {
        if (text == word)
            return true;
    }
    return false;
}

QJsonValue resolvePlain(const std::string &text)
{
    if (isOneOf(text, {"", "~", "null", "Null", "NULL"}))
        return QJsonValue(QJsonValue::Null);
    if (isOneOf(text, {"true", "True", "TRUE"}))
        return QJsonValue(true);
    if (isOneOf(text, {"false", "False", "FALSE"}))
        return QJsonValue(false);
    if (!text.empty()
        && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-' || text[0] == '+'
            || text[0] == '.')) {
        if (auto integer = integerValue(text))
            return *integer;
        if (auto number = floatValue(text))
            return *number;
    }
    // `.inf` and `.nan` have no JSON form; like every other word they stay text.
    return QJsonValue(QString::fromStdString(text));
}

// Whether the quoted scalar that opens at @p start (on its quote) is closed before the end.
// yaml-cpp 0.8 quietly ends an unterminated quoted scalar at the end of the input, taking
// every following line into the value; Kubernetes' YAML readers refuse such a file.
bool isClosedQuote(const QByteArray &bytes, qsizetype start)
{
    const char quote = bytes.at(start);
    for (qsizetype i = start + 1; i < bytes.size(); ++i) {
        const char c = bytes.at(i);
        if (quote == '"' && c == '\\') {
            ++i; // an escaped character, whatever it is
        } else if (c == quote) {
            if (quote == '\'' && i + 1 < bytes.size() && bytes.at(i + 1) == '\'') {
                ++i; // '' is a quote inside a single-quoted scalar
                continue;
            }
            return true;
        }
    }
    return false;
}

class DocumentBuilder final : public YAML::EventHandler
{
public:
    explicit DocumentBuilder(const QByteArray &bytes)
        : m_bytes(bytes)
    { }

    QList<YamlDocument> documents;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        // yaml-cpp 0.8 can report the same empty document at the same place for ever on
        // some malformed input (a stray ',' where a value should start; fixed upstream
        // after 0.8.0 by jbeder/yaml-cpp#1319). A document that starts where the previous
        // one started made no progress: stop with an error instead of filling memory.
        if (m_documentStarted && mark.pos == m_lastDocumentPosition)
            fail(mark,
                 Text(QT_TRANSLATE_NOOP("gitops::Text", "did not find the expected value here")));
        m_documentStarted = true;
        m_lastDocumentPosition = mark.pos;
        m_current = YamlDocument();
        m_current.line = mark.line + 1;
        m_lines.clear();
        m_anchors.clear();
        m_stack.clear();
        m_rootSet = false;
    }

    void OnDocumentEnd() override
    {
        m_current.lines.reserve(qsizetype(m_lines.size()));
        for (auto &[path, line] : m_lines)
            m_current.lines.insert(path, line);
        // An empty document (only comments, or a lone `---`) has no value at all.
        if (m_rootSet)
            documents.append(std::move(m_current));
    }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (expectingKey()) {
            takeKey(mark, QStringLiteral("null"));
            return;
        }
        const QString path = beginValue(mark);
        const QJsonValue value(QJsonValue::Null);
        remember(anchor, value, path, m_lines.size() - 1);
        finishValue(value);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto found = m_anchors.find(anchor);
        if (found == m_anchors.end())
            fail(mark,
                 Text(QT_TRANSLATE_NOOP("gitops::Text",
                                        "alias to an anchor that is not defined yet")));
        if (expectingKey()) {
            if (!found->second.value.isString())
                fail(mark, Text(QT_TRANSLATE_NOOP("gitops::Text", "only text can be a map key")));
            takeKey(mark, found->second.value.toString());
            return;
        }
        const QString path = beginValue(mark);
        for (const auto &[relative, line] : found->second.lines) {
            if (!relative.isEmpty())
                addLine(path + relative, line, mark);
        }
        finishValue(found->second.value);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &text) override
    {
        if (tag == "!" && mark.pos >= 0 && mark.pos < m_bytes.size()
            && (m_bytes.at(mark.pos) == '"' || m_bytes.at(mark.pos) == '\'')
            && !isClosedQuote(m_bytes, mark.pos))
            fail(mark,
                 Text(QT_TRANSLATE_NOOP("gitops::Text",
                                        "quoted text is not closed before the end of the file")));
        if (expectingKey()) {
            Frame &frame = m_stack.back();
            frame.keyIsMerge = tag == "?" && text == MergeKey;
            takeKey(mark, QString::fromStdString(text));
            return;
        }
        const QString path = beginValue(mark);
        const QJsonValue value = typedScalar(text, tag);
        if (tag != "!" && tag != "?" && tag.rfind("tag:yaml.org,2002:", 0) == 0
            && tag != "tag:yaml.org,2002:str" && tag != "tag:yaml.org,2002:binary"
            && tag != "tag:yaml.org,2002:timestamp" && value.isString())
            // The value stays out of the message: it may be a Secret's, and the document
            // is not known to be one until it parses.
            fail(mark,
                 Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                  "the value is not the %1 its tag says it is"),
                                QString::fromStdString(tag).replace(
                                    QLatin1String("tag:yaml.org,2002:"), QLatin1String("!!"))));
        if (tag == "!" && value.isString())
            m_current.quoted.insert(path);
        remember(anchor, value, path, m_lines.size() - 1);
        finishValue(value);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        openContainer(mark, anchor, false);
    }

    void OnSequenceEnd() override { closeContainer(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        openContainer(mark, anchor, true);
    }

    void OnMapEnd() override { closeContainer(); }

private:
    struct Frame
    {
        bool isMap = true;
        QJsonObject object;
        QJsonArray array;
        QString path;
        YAML::anchor_t anchor = 0;
        size_t firstLine = 0; // index into m_lines of this container's own entry
        bool expectKey = true;
        QString key;
        int keyLine = 0;
        bool keyIsMerge = false;
        std::vector<QJsonValue> merges;
    };

    struct Anchored
    {
        QJsonValue value;
        std::vector<std::pair<QString, int>> lines; // relative pointer -> line
    };

    bool expectingKey() const
    {
        return !m_stack.empty() && m_stack.back().isMap && m_stack.back().expectKey;
    }

    [[noreturn]] void fail(const YAML::Mark &mark, const Text &message)
    {
        throw ParseFailure{mark, message};
    }

    void addLine(const QString &path, int line, const YAML::Mark &mark)
    {
        if (m_lines.size() >= MaximumLineEntries)
            fail(mark,
                 Text(QT_TRANSLATE_NOOP(
                     "gitops::Text", "the document is too large once its aliases are expanded")));
        m_lines.emplace_back(path, line);
    }

    void takeKey(const YAML::Mark &mark, const QString &key)
    {
        Frame &frame = m_stack.back();
        if (!frame.keyIsMerge && frame.object.contains(key))
            fail(mark,
                 Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "duplicate key “%1”"), key));
        frame.key = key;
        frame.keyLine = mark.line + 1;
        frame.expectKey = false;
    }

    // Records where the next value starts and returns its JSON pointer.
    QString beginValue(const YAML::Mark &mark)
    {
        if (m_stack.empty()) {
            if (m_rootSet)
                fail(mark,
                     Text(QT_TRANSLATE_NOOP("gitops::Text", "more than one value in a document")));
            addLine(QString(), mark.line + 1, mark);
            return QString();
        }
        const Frame &frame = m_stack.back();
        QString path;
        int line = mark.line + 1;
        if (frame.isMap) {
            path = frame.path + QLatin1Char('/') + pointerSegment(frame.key);
            line = frame.keyLine;
        } else {
            path = frame.path + QLatin1Char('/') + QString::number(frame.array.size());
        }
        addLine(path, line, mark);
        return path;
    }

    void finishValue(const QJsonValue &value)
    {
        if (m_stack.empty()) {
            m_current.value = value;
            m_rootSet = true;
            return;
        }
        Frame &frame = m_stack.back();
        if (!frame.isMap) {
            frame.array.append(value);
            return;
        }
        if (frame.keyIsMerge)
            frame.merges.push_back(value);
        else
            frame.object.insert(frame.key, value);
        frame.expectKey = true;
        frame.keyIsMerge = false;
    }

    void remember(YAML::anchor_t anchor, const QJsonValue &value, const QString &path,
                  size_t firstLine)
    {
        if (anchor == 0)
            return;
        Anchored anchored;
        anchored.value = value;
        for (size_t i = firstLine; i < m_lines.size(); ++i)
            anchored.lines.emplace_back(m_lines[i].first.mid(path.size()), m_lines[i].second);
        m_anchors[anchor] = std::move(anchored);
    }

    void openContainer(const YAML::Mark &mark, YAML::anchor_t anchor, bool isMap)
    {
        if (expectingKey())
            fail(mark, Text(QT_TRANSLATE_NOOP("gitops::Text", "only text can be a map key")));
        Frame frame;
        frame.isMap = isMap;
        frame.path = beginValue(mark);
        frame.anchor = anchor;
        frame.firstLine = m_lines.size() - 1;
        m_stack.push_back(std::move(frame));
    }

    void closeContainer()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        if (frame.isMap && !frame.merges.empty())
            applyMerges(frame);
        const QJsonValue value = frame.isMap ? QJsonValue(frame.object) : QJsonValue(frame.array);
        remember(frame.anchor, value, frame.path, frame.firstLine);
        finishValue(value);
    }

    // `<<: *base` or `<<: [*a, *b]`: keys of the map itself win, then earlier sources.
    void applyMerges(Frame &frame)
    {
        const QString mergePath = frame.path + QLatin1String("/<<");
        // The line-map prefix of each source, so merged fields keep their own lines.
        std::vector<std::pair<QJsonObject, QString>> sources;
        for (const QJsonValue &merge : frame.merges) {
            if (merge.isObject()) {
                sources.emplace_back(merge.toObject(), mergePath);
            } else if (merge.isArray()) {
                const QJsonArray list = merge.toArray();
                for (qsizetype i = 0; i < list.size(); ++i) {
                    if (!list.at(i).isObject())
                        fail(YAML::Mark(),
                             Text(QT_TRANSLATE_NOOP("gitops::Text", "a << merge key needs maps")));
                    sources.emplace_back(list.at(i).toObject(),
                                         mergePath + QLatin1Char('/') + QString::number(i));
                }
            } else {
                throw ParseFailure{
                    YAML::Mark(),
                    Text(QT_TRANSLATE_NOOP("gitops::Text",
                                           "the value of a << merge key must be a map or a list "
                                           "of maps"))};
            }
        }
        QHash<QString, QString> prefixOfKey; // merged key -> source prefix it came from
        for (const auto &[source, prefix] : sources) {
            for (auto it = source.begin(); it != source.end(); ++it) {
                if (frame.object.contains(it.key()))
                    continue;
                frame.object.insert(it.key(), it.value());
                prefixOfKey.insert(it.key(), prefix);
            }
        }
        std::vector<std::pair<QString, int>> kept;
        for (size_t i = frame.firstLine; i < m_lines.size(); ++i) {
            auto &[path, line] = m_lines[i];
            if (!path.startsWith(mergePath)
                || (path.size() > mergePath.size()
                    && path.at(mergePath.size()) != QLatin1Char('/'))) {
                kept.emplace_back(std::move(path), line);
                continue;
            }
            for (auto it = prefixOfKey.cbegin(); it != prefixOfKey.cend(); ++it) {
                const QString from = it.value() + QLatin1Char('/') + pointerSegment(it.key());
                if (path == from
                    || (path.startsWith(from) && path.at(from.size()) == QLatin1Char('/'))) {
                    kept.emplace_back(frame.path + QLatin1Char('/') + pointerSegment(it.key())
                                          + path.mid(from.size()),
                                      line);
                    break;
                }
            }
        }
        m_lines.resize(frame.firstLine);
        for (auto &entry : kept)
            m_lines.push_back(std::move(entry));
    }

    const QByteArray &m_bytes;
    YamlDocument m_current;
    std::vector<std::pair<QString, int>> m_lines;
    std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
    std::vector<Frame> m_stack;
    bool m_rootSet = false;
    bool m_documentStarted = false;
    int m_lastDocumentPosition = -1;
};

} // namespace

QString pointerSegment(const QString &key)
{
    if (!key.contains(QLatin1Char('~')) && !key.contains(QLatin1Char('/')))
        return key;
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

QJsonValue typedScalar(const std::string &value, const std::string &tag)
{
    if (tag == "?")
        return resolvePlain(value);
    if (tag == "!" || tag == "tag:yaml.org,2002:str")
        return QJsonValue(QString::fromStdString(value));
    if (tag == "tag:yaml.org,2002:null")
        return QJsonValue(QJsonValue::Null);
    if (tag == "tag:yaml.org,2002:bool") {
        const QJsonValue resolved = resolvePlain(value);
        return resolved.isBool() ? resolved : QJsonValue(QString::fromStdString(value));
    }
    if (tag == "tag:yaml.org,2002:int") {
        if (auto integer = integerValue(value))
            return *integer;
        return QJsonValue(QString::fromStdString(value));
    }
    if (tag == "tag:yaml.org,2002:float") {
        if (auto integer = integerValue(value))
            return QJsonValue(integer->toDouble());
        if (auto number = floatValue(value))
            return *number;
        return QJsonValue(QString::fromStdString(value));
    }
    // Any other tag (!!binary, !!timestamp, application tags): the text itself.
    return QJsonValue(QString::fromStdString(value));
}

namespace {

// yaml-cpp's own messages (yaml-cpp/exceptions.h, ErrorMsg) that a manifest can meet, as
// sentences the window can translate; the English is yaml-cpp's, letter for letter. Others
// stay as yaml-cpp wrote them.
Text yamlCppMessage(const std::string &message)
{
    static const char *const whole[] = {
        QT_TRANSLATE_NOOP("gitops::Text", "YAML directives must have exactly one argument"),
        QT_TRANSLATE_NOOP("gitops::Text", "YAML major version too large"),
        QT_TRANSLATE_NOOP("gitops::Text", "repeated YAML directive"),
        QT_TRANSLATE_NOOP("gitops::Text", "TAG directives must have exactly two arguments"),
        QT_TRANSLATE_NOOP("gitops::Text", "repeated TAG directive"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal character found while scanning tag handle"),
        QT_TRANSLATE_NOOP("gitops::Text", "tag handle with no suffix"),
        QT_TRANSLATE_NOOP("gitops::Text", "end of verbatim tag not found"),
        QT_TRANSLATE_NOOP("gitops::Text", "end of map not found"),
        QT_TRANSLATE_NOOP("gitops::Text", "end of map flow not found"),
        QT_TRANSLATE_NOOP("gitops::Text", "end of sequence not found"),
        QT_TRANSLATE_NOOP("gitops::Text", "end of sequence flow not found"),
        QT_TRANSLATE_NOOP("gitops::Text", "cannot assign multiple tags to the same node"),
        QT_TRANSLATE_NOOP("gitops::Text", "cannot assign multiple anchors to the same node"),
        QT_TRANSLATE_NOOP("gitops::Text", "cannot assign multiple aliases to the same node"),
        QT_TRANSLATE_NOOP("gitops::Text", "aliases can't have any content, *including* tags"),
        QT_TRANSLATE_NOOP("gitops::Text", "bad character found while scanning hex number"),
        QT_TRANSLATE_NOOP("gitops::Text", "unknown token"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal document indicator in scalar"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal EOF in scalar"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal character in scalar"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal tab when looking for indentation"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal flow end"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal block entry"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal map key"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal map value"),
        QT_TRANSLATE_NOOP("gitops::Text", "alias not found after *"),
        QT_TRANSLATE_NOOP("gitops::Text", "anchor not found after &"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal character found while scanning alias"),
        QT_TRANSLATE_NOOP("gitops::Text", "illegal character found while scanning anchor"),
        QT_TRANSLATE_NOOP("gitops::Text", "cannot set zero indentation for a block scalar"),
        QT_TRANSLATE_NOOP("gitops::Text", "unexpected character in block scalar"),
        QT_TRANSLATE_NOOP("gitops::Text", "cannot assign the same alias to multiple nodes"),
        QT_TRANSLATE_NOOP("gitops::Text", "invalid character in single-quoted string"),
    };
    // Messages that go on with what yaml-cpp found ("unknown escape character: q").
    static const char *const prefixed[] = {
        QT_TRANSLATE_NOOP("gitops::Text", "bad YAML version: %1"),
        QT_TRANSLATE_NOOP("gitops::Text", "invalid unicode: %1"),
        QT_TRANSLATE_NOOP("gitops::Text", "unknown escape character: %1"),
        QT_TRANSLATE_NOOP("gitops::Text", "the referenced anchor is not defined: %1"),
    };
    for (const char *source : whole) {
        if (message == source)
            return Text(source);
    }
    for (const char *source : prefixed) {
        const std::string_view prefix(source, std::strlen(source) - 2); // without "%1"
        if (message.size() > prefix.size() && message.compare(0, prefix.size(), prefix) == 0)
            return Text::sentence(source, QString::fromStdString(message.substr(prefix.size())));
    }
    return Text::verbatim(QString::fromStdString(message));
}

} // namespace

std::variant<QList<YamlDocument>, YamlError> parseYamlDocuments(const QByteArray &bytes)
{
    std::istringstream stream(std::string(bytes.constData(), size_t(bytes.size())));
    DocumentBuilder builder(bytes);
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(builder)) { }
    } catch (const ParseFailure &failure) {
        return YamlError{failure.mark.line + 1, failure.mark.column + 1, failure.message.toString(),
                         failure.message};
    } catch (const YAML::Exception &error) {
        const Text message = yamlCppMessage(error.msg);
        return YamlError{error.mark.line + 1, error.mark.column + 1, message.toString(), message};
    } catch (const std::exception &error) {
        const QString message = QString::fromLocal8Bit(error.what());
        return YamlError{0, 0, message, Text::verbatim(message)};
    }
    return std::move(builder.documents);
}

} // namespace gitops::manifest
