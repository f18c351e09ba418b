#include "labelselector.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace kubeemu {

namespace {

// The token kinds of apimachinery's selector lexer.
enum class Token {
    End,
    Identifier,
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Bang,
    Greater,
    Less,
    OpenParen,
    CloseParen,
    Comma,
};

struct Lexeme
{
    Token token = Token::End;
    QString text;
};

bool isSpecial(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('!') || c == QLatin1Char('(')
        || c == QLatin1Char(')') || c == QLatin1Char(',') || c == QLatin1Char('>')
        || c == QLatin1Char('<');
}

QList<Lexeme> lex(const QString &text)
{
    QList<Lexeme> out;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (isSpecial(c)) {
            const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
            if (c == QLatin1Char('=') && next == QLatin1Char('=')) {
                out.append({Token::DoubleEquals, QStringLiteral("==")});
                i += 2;
            } else if (c == QLatin1Char('!') && next == QLatin1Char('=')) {
                out.append({Token::NotEquals, QStringLiteral("!=")});
                i += 2;
            } else {
                static const QHash<QChar, Token> single = {
                    {QLatin1Char('='), Token::Equals},    {QLatin1Char('!'), Token::Bang},
                    {QLatin1Char('('), Token::OpenParen}, {QLatin1Char(')'), Token::CloseParen},
                    {QLatin1Char(','), Token::Comma},     {QLatin1Char('>'), Token::Greater},
                    {QLatin1Char('<'), Token::Less},
                };
                out.append({single.value(c), QString(c)});
                ++i;
            }
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && !text.at(end).isSpace() && !isSpecial(text.at(end)))
            ++end;
        const QString word = text.mid(i, end - i);
        Token token = Token::Identifier;
        if (word == QLatin1String("in"))
            token = Token::In;
        else if (word == QLatin1String("notin"))
            token = Token::NotIn;
        out.append({token, word});
        i = end;
    }
    out.append({Token::End, QString()});
    return out;
}

const QString nameMessage = QStringLiteral(
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
    "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");

QString invalid(const QString &field, const QString &value, const QString &message)
{
    return field + QStringLiteral(": Invalid value: \"") + value + QStringLiteral("\": ") + message;
}

// Validates a label key as a qualified name ([prefix/]name), as IsQualifiedName does; returns
// its messages (the parser joins them with "; ").
QStringList validateKey(const QString &key)
{
    static const QRegularExpression name(
        QStringLiteral("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$"));
    static const QRegularExpression subdomain(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    QStringList errors;
    const QStringList parts = key.split(QLatin1Char('/'));
    if (parts.size() > 2)
        return {QStringLiteral("a qualified name must consist of alphanumeric characters, '-', '_' "
                               "or '.', and must start and end with an alphanumeric character "
                               "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                               "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with "
                               "an optional DNS subdomain prefix and '/' (e.g. "
                               "'example.com/MyName')")};
    const QString namePart = parts.last();
    if (parts.size() == 2) {
        const QString prefix = parts.first();
        if (prefix.isEmpty()) {
            errors << QStringLiteral("prefix part must be non-empty");
        } else {
            if (prefix.size() > 253)
                errors << QStringLiteral("prefix part must be no more than 253 characters");
            if (!subdomain.match(prefix).hasMatch())
                errors << QStringLiteral(
                    "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
                    "alphanumeric characters, '-' or '.', and must start and end with an "
                    "alphanumeric character (e.g. 'example.com', regex used for validation is "
                    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        }
    }
    if (namePart.isEmpty())
        errors << QStringLiteral("name part must be non-empty");
    else if (namePart.size() > 63)
        errors << QStringLiteral("name part must be no more than 63 characters");
    if (!name.match(namePart).hasMatch())
        errors << nameMessage;
    return errors;
}

QStringList validateValue(const QString &key, const QString &value, int index)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"));
    const QString field = QStringLiteral("values[%1][%2]").arg(index).arg(key);
    if (value.size() > 63)
        return {invalid(field, value, QStringLiteral("must be no more than 63 characters"))};
    if (!pattern.match(value).hasMatch())
        return {invalid(
            field, value,
            QStringLiteral("a valid label must be an empty string or consist of alphanumeric "
                           "characters, '-', '_' or '.', and must start and end with an "
                           "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                           "'12345', regex used for validation is "
                           "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"))};
    return {};
}

QString aggregate(const QStringList &errors)
{
    if (errors.size() == 1)
        return errors.first();
    return QLatin1Char('[') + errors.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

std::optional<LabelSelector> LabelSelector::parse(const QString &text, QString *error)
{
    const QList<Lexeme> tokens = lex(text);
    qsizetype pos = 0;
    auto fail = [&](const QString &message) -> std::optional<LabelSelector> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    auto found = [](const Lexeme &l, const QString &expected) {
        return QStringLiteral("found '%1', expected: %2").arg(l.text, expected);
    };
    // `in` and `notin` are plain words where a key or value is expected (`in in (in)`).
    auto isWord = [](const Lexeme &l) {
        return l.token == Token::Identifier || l.token == Token::In || l.token == Token::NotIn;
    };
    const QString requirementPrefix = QStringLiteral("unable to parse requirement: ");

    LabelSelector selector;
    while (true) {
        const Lexeme &first = tokens.at(pos);
        if (first.token == Token::End)
            break;
        if (!isWord(first) && first.token != Token::Bang)
            return fail(found(first, QStringLiteral("!, identifier, or 'end of string'")));

        // The key (after an optional `!`), validated before anything else.
        Requirement requirement;
        if (first.token == Token::Bang) {
            requirement.op = Operator::DoesNotExist;
            ++pos;
        }
        const Lexeme &key = tokens.at(pos++);
        if (!isWord(key))
            return fail(requirementPrefix + found(key, QStringLiteral("identifier")));
        requirement.key = key.text;
        if (const QStringList keyErrors = validateKey(requirement.key); !keyErrors.isEmpty())
            return fail(requirementPrefix
                        + invalid(QStringLiteral("<nil>"), requirement.key,
                                  keyErrors.join(QStringLiteral("; "))));

        const Lexeme &op = tokens.at(pos);
        if (requirement.op == Operator::DoesNotExist) {
            // Unary: whatever follows is checked as the separator below.
        } else if (op.token == Token::End || op.token == Token::Comma) {
            requirement.op = Operator::Exists;
        } else {
            switch (op.token) {
            case Token::Equals:
            case Token::DoubleEquals:
                requirement.op = Operator::Equals;
                break;
            case Token::NotEquals:
                requirement.op = Operator::NotEquals;
                break;
            case Token::In:
                requirement.op = Operator::In;
                break;
            case Token::NotIn:
                requirement.op = Operator::NotIn;
                break;
            case Token::Greater:
                requirement.op = Operator::GreaterThan;
                break;
            case Token::Less:
                requirement.op = Operator::LessThan;
                break;
            default:
                return fail(requirementPrefix
                            + found(op, QStringLiteral("in, notin, =, ==, !=, gt, lt")));
            }
            ++pos;
            if (requirement.op == Operator::In || requirement.op == Operator::NotIn) {
                if (tokens.at(pos).token != Token::OpenParen)
                    return fail(
                        requirementPrefix
                        + QStringLiteral("found '%1' expected: '('").arg(tokens.at(pos).text));
                ++pos;
                const Lexeme &start = tokens.at(pos);
                if (start.token == Token::CloseParen) {
                    requirement.values << QString(); // `()` is the empty value
                    ++pos;
                } else if (isWord(start) || start.token == Token::Comma) {
                    // A possibly empty, comma-separated list; empty slots are "".
                    while (true) {
                        const Lexeme &l = tokens.at(pos++);
                        if (isWord(l)) {
                            requirement.values << l.text;
                            const Lexeme &next = tokens.at(pos);
                            if (next.token == Token::Comma)
                                continue;
                            if (next.token == Token::CloseParen)
                                break;
                            return fail(requirementPrefix
                                        + found(next, QStringLiteral("',' or ')'")));
                        }
                        if (l.token == Token::Comma) {
                            if (requirement.values.isEmpty())
                                requirement.values << QString();
                            const Lexeme &next = tokens.at(pos);
                            if (next.token == Token::CloseParen) {
                                requirement.values << QString();
                                break;
                            }
                            if (next.token == Token::Comma) {
                                ++pos;
                                requirement.values << QString();
                            }
                            continue;
                        }
                        return fail(requirementPrefix
                                    + found(l, QStringLiteral("',', or identifier")));
                    }
                    if (tokens.at(pos).token != Token::CloseParen)
                        return fail(requirementPrefix
                                    + found(tokens.at(pos), QStringLiteral("')'")));
                    ++pos;
                } else {
                    return fail(requirementPrefix
                                + found(start, QStringLiteral("',', ')' or identifier")));
                }
                requirement.values.removeDuplicates();
            } else {
                const Lexeme &value = tokens.at(pos);
                if (value.token == Token::End || value.token == Token::Comma) {
                    requirement.values << QString(); // `key=` selects the empty value
                } else if (isWord(value)) {
                    requirement.values << value.text;
                    ++pos;
                } else {
                    return fail(requirementPrefix + found(value, QStringLiteral("identifier")));
                }
            }
        }

        // The values, as NewRequirement validates them.
        QStringList errors;
        if (requirement.op == Operator::GreaterThan || requirement.op == Operator::LessThan) {
            bool isInteger = false;
            requirement.values.value(0).toLongLong(&isInteger);
            if (!isInteger)
                errors << invalid(
                    QStringLiteral("values[0]"), requirement.values.value(0),
                    QStringLiteral("for 'Gt', 'Lt' operators, the value must be an integer"));
        } else {
            for (int i = 0; i < requirement.values.size(); ++i)
                errors << validateValue(requirement.key, requirement.values.at(i), i);
        }
        if (!errors.isEmpty())
            return fail(requirementPrefix + aggregate(errors));
        selector.m_requirements.append(requirement);

        const Lexeme &after = tokens.at(pos);
        if (after.token == Token::End)
            break;
        if (after.token != Token::Comma)
            return fail(found(after, QStringLiteral("',' or 'end of string'")));
        ++pos;
        const Lexeme &next = tokens.at(pos);
        if (!isWord(next) && next.token != Token::Bang)
            return fail(found(next, QStringLiteral("identifier after ','")));
    }
    return selector;
}

std::optional<LabelSelector> LabelSelector::fromObject(const QJsonObject &object, QString *error)
{
    LabelSelector selector;
    const QJsonObject matchLabels = object.value(QLatin1String("matchLabels")).toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        selector.m_requirements.append({it.key(), Operator::Equals, {it.value().toString()}});
    const QJsonArray expressions = object.value(QLatin1String("matchExpressions")).toArray();
    for (const QJsonValue &value : expressions) {
        const QJsonObject expression = value.toObject();
        Requirement requirement;
        requirement.key = expression.value(QLatin1String("key")).toString();
        const QString op = expression.value(QLatin1String("operator")).toString();
        if (op == QLatin1String("In"))
            requirement.op = Operator::In;
        else if (op == QLatin1String("NotIn"))
            requirement.op = Operator::NotIn;
        else if (op == QLatin1String("Exists"))
            requirement.op = Operator::Exists;
        else if (op == QLatin1String("DoesNotExist"))
            requirement.op = Operator::DoesNotExist;
        else {
            if (error)
                *error = QStringLiteral("\"%1\" is not a valid label selector operator").arg(op);
            return std::nullopt;
        }
        for (const QJsonValue &v : expression.value(QLatin1String("values")).toArray())
            requirement.values << v.toString();
        selector.m_requirements.append(requirement);
    }
    return selector;
}

bool LabelSelector::matches(const QJsonObject &labels) const
{
    for (const Requirement &r : m_requirements) {
        const bool has = labels.contains(r.key);
        const QString value = labels.value(r.key).toString();
        switch (r.op) {
        case Operator::Equals:
        case Operator::In:
            if (!has || !r.values.contains(value))
                return false;
            break;
        case Operator::NotEquals:
        case Operator::NotIn:
            if (has && r.values.contains(value))
                return false;
            break;
        case Operator::Exists:
            if (!has)
                return false;
            break;
        case Operator::DoesNotExist:
            if (has)
                return false;
            break;
        case Operator::GreaterThan:
        case Operator::LessThan: {
            bool ok = false;
            const qlonglong actual = value.toLongLong(&ok);
            if (!has || !ok)
                return false;
            const qlonglong bound = r.values.value(0).toLongLong();
            if (r.op == Operator::GreaterThan ? actual <= bound : actual >= bound)
                return false;
            break;
        }
        }
    }
    return true;
}

} // namespace kubeemu
