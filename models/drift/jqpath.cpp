#include "drift/jqpath.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>

namespace gitops::drift {

struct JqPath::Term
{
    enum Kind { Field, Iterate, Index, Select };
    Kind kind = Field;
    QString key;
    qsizetype index = 0;
    std::shared_ptr<const Condition> condition;
};

// `|` separates stages, binding loosest as in jq; `,` separates the branches of a stage;
// a branch is one path (its steps) or one select.
using Branch = QList<JqPath::Term>;
using Stage = QList<Branch>;
using Program = QList<Stage>;

struct JqPath::Condition
{
    enum Kind { Truthy, Equal, NotEqual, StartsWith, EndsWith, Contains, Test, And, Or, Not };
    Kind kind = Truthy;
    Program operand;
    QJsonValue literal;
    QRegularExpression pattern;
    std::shared_ptr<const Condition> left;
    std::shared_ptr<const Condition> right;
};

namespace {

using Term = JqPath::Term;
using Condition = JqPath::Condition;

// One step of a location: a key, or an index when index >= 0.
struct Segment
{
    QString key;
    qsizetype index = -1;
};

struct Node
{
    QList<Segment> location;
    QJsonValue value;
};

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}
bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// A recursive-descent parser of the supported subset. Every failure names what it met.
class Parser
{
public:
    explicit Parser(const QString &text)
        : m_text(text)
    { }

    QString error;

    Program expression()
    {
        Program program = pipeline(false);
        if (ok()) {
            skipSpace();
            if (m_at < m_text.size())
                fail(QStringLiteral("unexpected \u201c%1\u201d").arg(rest()));
        }
        return program;
    }

private:
    bool ok() const { return error.isEmpty(); }

    void fail(const QString &message)
    {
        if (error.isEmpty())
            error = message + QStringLiteral(" at column %1").arg(m_at + 1);
    }

    QString rest() const { return m_text.mid(m_at, 12); }

    void skipSpace()
    {
        while (m_at < m_text.size() && m_text.at(m_at).isSpace())
            ++m_at;
    }

    QChar peek()
    {
        skipSpace();
        return m_at < m_text.size() ? m_text.at(m_at) : QChar();
    }

    bool eat(char16_t c)
    {
        if (peek() != QChar(c))
            return false;
        ++m_at;
        return true;
    }

    bool eat(QLatin1String token)
    {
        skipSpace();
        if (!QStringView(m_text).mid(m_at).startsWith(token))
            return false;
        m_at += token.size();
        return true;
    }

    // A keyword or function name at the current position (not consumed).
    QString peekWord()
    {
        skipSpace();
        qsizetype end = m_at;
        while (end < m_text.size() && isNameChar(m_text.at(end)))
            ++end;
        return m_text.mid(m_at, end - m_at);
    }

    bool eatWord(QLatin1String word)
    {
        if (peekWord() != word)
            return false;
        m_at += word.size();
        return true;
    }

    static bool isFunction(const QString &word)
    {
        return word == QLatin1String("startswith") || word == QLatin1String("endswith")
            || word == QLatin1String("contains") || word == QLatin1String("test")
            || word == QLatin1String("not");
    }

    // Stages separated by `|`. Inside a condition, a `|` before a function ends the operand.
    Program pipeline(bool operand)
    {
        Program program;
        program.append(stage());
        while (ok()) {
            const qsizetype before = m_at;
            if (!eat(u'|'))
                break;
            if (operand && isFunction(peekWord())) {
                m_at = before;
                break;
            }
            program.append(stage());
        }
        return program;
    }

    Stage stage()
    {
        Stage branches;
        do {
            Branch branch;
            term(branch);
            branches.append(branch);
        } while (ok() && eat(u','));
        return branches;
    }

    void term(QList<Term> &terms)
    {
        const QChar c = peek();
        if (c == QLatin1Char('.')) {
            path(terms);
            return;
        }
        if (eatWord(QLatin1String("select"))) {
            if (!eat(u'(')) {
                fail(QStringLiteral("expected \u201c(\u201d after select"));
                return;
            }
            Term select;
            select.kind = Term::Select;
            select.condition = orCondition();
            if (ok() && !eat(u')'))
                fail(QStringLiteral("expected \u201c)\u201d"));
            terms.append(select);
            return;
        }
        if (c.isNull())
            fail(QStringLiteral("expected a path"));
        else
            fail(QStringLiteral("unsupported \u201c%1\u201d (supported: .field, [\"key\"], [], "
                                "[N], select(...), |)")
                     .arg(rest()));
    }

    void path(QList<Term> &terms)
    {
        bool first = true;
        while (ok() && m_at < m_text.size()) {
            const QChar c = m_text.at(m_at);
            if (c == QLatin1Char('.')) {
                ++m_at;
                if (m_at < m_text.size() && isNameStart(m_text.at(m_at))) {
                    const qsizetype start = m_at;
                    while (m_at < m_text.size() && isNameChar(m_text.at(m_at)))
                        ++m_at;
                    terms.append({Term::Field, m_text.mid(start, m_at - start), 0, nullptr});
                } else if (m_at < m_text.size() && m_text.at(m_at) == QLatin1Char('"')) {
                    terms.append({Term::Field, string(), 0, nullptr});
                } else if (m_at < m_text.size() && m_text.at(m_at) == QLatin1Char('[')) {
                    continue; // `.[`: the bracket follows
                } else if (m_at < m_text.size() && m_text.at(m_at) == QLatin1Char('.')) {
                    fail(QStringLiteral("recursive descent (..) is not supported"));
                } else if (!first) {
                    fail(QStringLiteral("expected a field name after \u201c.\u201d"));
                }
                // A lone "." is the value itself.
            } else if (c == QLatin1Char('[')) {
                ++m_at;
                bracket(terms);
            } else if (c == QLatin1Char('?')) {
                ++m_at; // errors are never raised: `?` changes nothing
            } else {
                break;
            }
            first = false;
        }
    }

    void bracket(QList<Term> &terms)
    {
        const QChar c = peek();
        if (eat(u']')) {
            terms.append({Term::Iterate, {}, 0, nullptr});
            return;
        }
        if (c == QLatin1Char('"')) {
            terms.append({Term::Field, string(), 0, nullptr});
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            const qsizetype start = m_at;
            ++m_at;
            while (m_at < m_text.size() && m_text.at(m_at).isDigit())
                ++m_at;
            bool number = false;
            const qsizetype index = m_text.mid(start, m_at - start).toLongLong(&number);
            if (!number) {
                fail(QStringLiteral("expected an index"));
                return;
            }
            terms.append({Term::Index, {}, index, nullptr});
        } else {
            fail(QStringLiteral("unsupported subscript \u201c[%1\u201d (supported: [], [N], "
                                "[\"key\"])")
                     .arg(rest()));
            return;
        }
        if (ok() && !eat(u']'))
            fail(QStringLiteral("unsupported subscript (slices and unions are not supported)"));
    }

    QString string()
    {
        skipSpace();
        if (m_at >= m_text.size() || m_text.at(m_at) != QLatin1Char('"')) {
            fail(QStringLiteral("expected a string"));
            return {};
        }
        ++m_at;
        QString value;
        while (m_at < m_text.size()) {
            const QChar c = m_text.at(m_at++);
            if (c == QLatin1Char('"'))
                return value;
            if (c != QLatin1Char('\\')) {
                value += c;
                continue;
            }
            if (m_at >= m_text.size())
                break;
            const QChar e = m_text.at(m_at++);
            switch (e.unicode()) {
            case 'n':
                value += QLatin1Char('\n');
                break;
            case 't':
                value += QLatin1Char('\t');
                break;
            case 'r':
                value += QLatin1Char('\r');
                break;
            case 'u': {
                bool hex = false;
                const uint code = m_text.mid(m_at, 4).toUInt(&hex, 16);
                if (!hex || m_at + 4 > m_text.size()) {
                    fail(QStringLiteral("bad \\u escape"));
                    return {};
                }
                value += QChar(char16_t(code));
                m_at += 4;
                break;
            }
            case '(':
                fail(QStringLiteral("string interpolation is not supported"));
                return {};
            default:
                value += e; // \" \\ \/
            }
        }
        fail(QStringLiteral("unterminated string"));
        return {};
    }

    QJsonValue literal()
    {
        const QChar c = peek();
        if (c == QLatin1Char('"'))
            return string();
        if (eatWord(QLatin1String("null")))
            return QJsonValue(QJsonValue::Null);
        if (eatWord(QLatin1String("true")))
            return true;
        if (eatWord(QLatin1String("false")))
            return false;
        if (c.isDigit() || c == QLatin1Char('-')) {
            const qsizetype start = m_at;
            ++m_at;
            while (m_at < m_text.size()
                   && (m_text.at(m_at).isDigit() || m_text.at(m_at) == QLatin1Char('.')
                       || m_text.at(m_at) == QLatin1Char('e')
                       || m_text.at(m_at) == QLatin1Char('E')))
                ++m_at;
            bool number = false;
            const double value = m_text.mid(start, m_at - start).toDouble(&number);
            if (number)
                return value;
        }
        fail(QStringLiteral("expected a string, number, true, false or null"));
        return {};
    }

    std::shared_ptr<const Condition> orCondition()
    {
        auto left = andCondition();
        while (ok() && eatWord(QLatin1String("or"))) {
            auto both = std::make_shared<Condition>();
            both->kind = Condition::Or;
            both->left = left;
            both->right = andCondition();
            left = both;
        }
        return left;
    }

    std::shared_ptr<const Condition> andCondition()
    {
        auto left = comparison();
        while (ok() && eatWord(QLatin1String("and"))) {
            auto both = std::make_shared<Condition>();
            both->kind = Condition::And;
            both->left = left;
            both->right = comparison();
            left = both;
        }
        return left;
    }

    std::shared_ptr<const Condition> comparison()
    {
        std::shared_ptr<const Condition> result;
        if (eat(u'(')) {
            result = orCondition();
            if (ok() && !eat(u')'))
                fail(QStringLiteral("expected \u201c)\u201d"));
        } else {
            auto condition = std::make_shared<Condition>();
            condition->operand = pipeline(true);
            if (eat(QLatin1String("=="))) {
                condition->kind = Condition::Equal;
                condition->literal = literal();
            } else if (eat(QLatin1String("!="))) {
                condition->kind = Condition::NotEqual;
                condition->literal = literal();
            } else {
                const qsizetype before = m_at;
                if (eat(u'|') && peekWord() != QLatin1String("not")) {
                    const QString function = peekWord();
                    m_at += function.size();
                    if (function == QLatin1String("startswith"))
                        condition->kind = Condition::StartsWith;
                    else if (function == QLatin1String("endswith"))
                        condition->kind = Condition::EndsWith;
                    else if (function == QLatin1String("contains"))
                        condition->kind = Condition::Contains;
                    else
                        condition->kind = Condition::Test;
                    if (!eat(u'(')) {
                        fail(QStringLiteral("expected \u201c(\u201d after %1").arg(function));
                        return condition;
                    }
                    condition->literal = string();
                    if (ok() && !eat(u')'))
                        fail(QStringLiteral("expected \u201c)\u201d"));
                    if (condition->kind == Condition::Test) {
                        condition->pattern = QRegularExpression(condition->literal.toString());
                        if (!condition->pattern.isValid())
                            fail(QStringLiteral("bad regular expression: %1")
                                     .arg(condition->pattern.errorString()));
                    }
                } else {
                    m_at = before;
                }
            }
            result = condition;
        }
        // `... | not`
        const qsizetype before = m_at;
        if (ok() && eat(u'|')) {
            if (eatWord(QLatin1String("not"))) {
                auto negated = std::make_shared<Condition>();
                negated->kind = Condition::Not;
                negated->left = result;
                return negated;
            }
            m_at = before;
        }
        return result;
    }

    const QString &m_text;
    qsizetype m_at = 0;
};

void step(const Term &term, const QList<Node> &in, QList<Node> &out, bool values);

bool holds(const Condition &condition, const QJsonValue &value);

// Applies @p program to @p nodes. With @p values (inside a condition), absent fields read
// as null as jq reads them; else only values that exist are located.
QList<Node> evaluate(const Program &program, QList<Node> nodes, bool values)
{
    for (const Stage &stage : program) {
        QList<Node> next;
        for (const Node &node : std::as_const(nodes)) {
            for (const Branch &branch : stage) {
                QList<Node> outputs{node};
                for (const Term &term : branch) {
                    QList<Node> stepped;
                    step(term, outputs, stepped, values);
                    outputs = std::move(stepped);
                    if (outputs.isEmpty())
                        break;
                }
                next += outputs;
            }
        }
        nodes = std::move(next);
        if (nodes.isEmpty())
            break;
    }
    return nodes;
}

void step(const Term &term, const QList<Node> &in, QList<Node> &out, bool values)
{
    for (const Node &node : in) {
        switch (term.kind) {
        case Term::Field:
            if (node.value.isObject()) {
                const QJsonObject object = node.value.toObject();
                const auto it = object.constFind(term.key);
                if (it != object.constEnd())
                    out.append({node.location + QList<Segment>{{term.key, -1}}, it.value()});
                else if (values)
                    out.append({{}, QJsonValue(QJsonValue::Null)});
            } else if (values && node.value.isNull()) {
                out.append({{}, QJsonValue(QJsonValue::Null)});
            }
            break;
        case Term::Iterate:
            if (node.value.isArray()) {
                const QJsonArray array = node.value.toArray();
                for (qsizetype i = 0; i < array.size(); ++i)
                    out.append({node.location + QList<Segment>{{QString(), i}}, array.at(i)});
            } else if (node.value.isObject()) {
                const QJsonObject object = node.value.toObject();
                for (auto it = object.begin(); it != object.end(); ++it)
                    out.append({node.location + QList<Segment>{{it.key(), -1}}, it.value()});
            }
            break;
        case Term::Index:
            if (node.value.isArray()) {
                const QJsonArray array = node.value.toArray();
                const qsizetype i = term.index < 0 ? array.size() + term.index : term.index;
                if (i >= 0 && i < array.size())
                    out.append({node.location + QList<Segment>{{QString(), i}}, array.at(i)});
                else if (values)
                    out.append({{}, QJsonValue(QJsonValue::Null)});
            } else if (values && node.value.isNull()) {
                out.append({{}, QJsonValue(QJsonValue::Null)});
            }
            break;
        case Term::Select:
            if (holds(*term.condition, node.value))
                out.append(node);
            break;
        }
    }
}

bool holds(const Condition &condition, const QJsonValue &value)
{
    switch (condition.kind) {
    case Condition::And:
        return holds(*condition.left, value) && holds(*condition.right, value);
    case Condition::Or:
        return holds(*condition.left, value) || holds(*condition.right, value);
    case Condition::Not:
        return !holds(*condition.left, value);
    default:
        break;
    }
    // Like jq's select, true when any output of the operand passes.
    const QList<Node> operands = evaluate(condition.operand, {{{}, value}}, true);
    for (const Node &operand : operands) {
        const QJsonValue &v = operand.value;
        const QString text = v.toString();
        bool passes = false;
        switch (condition.kind) {
        case Condition::Truthy:
            passes = !v.isNull() && !v.isUndefined() && !(v.isBool() && !v.toBool());
            break;
        case Condition::Equal:
            passes = v == condition.literal;
            break;
        case Condition::NotEqual:
            passes = v != condition.literal;
            break;
        case Condition::StartsWith:
            passes = v.isString() && text.startsWith(condition.literal.toString());
            break;
        case Condition::EndsWith:
            passes = v.isString() && text.endsWith(condition.literal.toString());
            break;
        case Condition::Contains:
            passes = v.isString() && text.contains(condition.literal.toString());
            break;
        case Condition::Test:
            passes = v.isString() && condition.pattern.match(text).hasMatch();
            break;
        default:
            break;
        }
        if (passes)
            return true;
    }
    return false;
}

QString pointerOf(const QList<Segment> &location)
{
    QString pointer;
    for (const Segment &segment : location) {
        QString s = segment.index >= 0 ? QString::number(segment.index) : segment.key;
        s.replace(QLatin1Char('~'), QLatin1String("~0"));
        s.replace(QLatin1Char('/'), QLatin1String("~1"));
        pointer += QLatin1Char('/') + s;
    }
    return pointer;
}

// Later locations first: a list's items go from the back so that earlier indices stay
// right, and values inside an item go before the item.
bool removedBefore(const QList<Segment> &a, const QList<Segment> &b)
{
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        const Segment &x = a.at(i);
        const Segment &y = b.at(i);
        if (x.index != y.index)
            return x.index > y.index;
        if (x.key != y.key)
            return x.key > y.key;
    }
    return a.size() > b.size();
}

void remove(QJsonValue &value, const QList<Segment> &location, qsizetype from)
{
    const Segment &segment = location.at(from);
    const bool last = from + 1 == location.size();
    if (segment.index < 0 && value.isObject()) {
        QJsonObject object = value.toObject();
        if (!object.contains(segment.key))
            return;
        if (last) {
            object.remove(segment.key);
        } else {
            QJsonValue child = object.value(segment.key);
            remove(child, location, from + 1);
            object.insert(segment.key, child);
        }
        value = object;
    } else if (segment.index >= 0 && value.isArray()) {
        QJsonArray array = value.toArray();
        if (segment.index >= array.size())
            return;
        if (last) {
            array.removeAt(segment.index);
        } else {
            QJsonValue child = array.at(segment.index);
            remove(child, location, from + 1);
            array.replace(segment.index, child);
        }
        value = array;
    }
}

QList<Node> locate(const Program &program, const QJsonObject &object)
{
    QList<Node> found;
    for (Node &node : evaluate(program, {{{}, object}}, false)) {
        if (!node.location.isEmpty()) // the whole object is never ignored
            found.append(std::move(node));
    }
    return found;
}

} // namespace

JqPath::JqPath() = default;
JqPath::~JqPath() = default;
JqPath::JqPath(const JqPath &) = default;
JqPath &JqPath::operator=(const JqPath &) = default;

JqPath JqPath::parse(const QString &expression)
{
    JqPath path;
    path.m_expression = expression;
    if (expression.trimmed().isEmpty()) {
        path.m_error = QStringLiteral("empty expression");
        return path;
    }
    Parser parser(expression);
    Program program = parser.expression();
    if (!parser.error.isEmpty()) {
        path.m_error = parser.error;
        return path;
    }
    path.m_program = std::make_shared<const Program>(std::move(program));
    return path;
}

QStringList JqPath::pointersIn(const QJsonObject &object) const
{
    QStringList pointers;
    if (!m_program)
        return pointers;
    for (const Node &node : locate(*m_program, object))
        pointers << pointerOf(node.location);
    return pointers;
}

void JqPath::removeFrom(QJsonObject &object) const
{
    if (!m_program)
        return;
    QList<Node> found = locate(*m_program, object);
    if (found.isEmpty())
        return;
    std::sort(found.begin(), found.end(),
              [](const Node &a, const Node &b) { return removedBefore(a.location, b.location); });
    QJsonValue root = object;
    for (qsizetype i = 0; i < found.size(); ++i) {
        if (i > 0 && pointerOf(found.at(i).location) == pointerOf(found.at(i - 1).location))
            continue; // selected twice
        remove(root, found.at(i).location, 0);
    }
    object = root.toObject();
}

} // namespace gitops::drift
