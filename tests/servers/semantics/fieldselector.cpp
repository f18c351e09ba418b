#include "fieldselector.h"

#include <QJsonValue>

namespace kubeemu {

namespace {

// The extra fields a type can be selected by, beyond metadata.name and metadata.namespace
// (the apiserver's per-type field label conversion functions).
QStringList selectableFields(const TypeRef &type)
{
    if (type.group.isEmpty()) {
        if (type.kind == QLatin1String("Pod"))
            return {
                QStringLiteral("spec.nodeName"),      QStringLiteral("spec.restartPolicy"),
                QStringLiteral("spec.schedulerName"), QStringLiteral("spec.serviceAccountName"),
                QStringLiteral("spec.hostNetwork"),   QStringLiteral("status.phase"),
                QStringLiteral("status.podIP"),       QStringLiteral("status.nominatedNodeName")};
        if (type.kind == QLatin1String("Secret"))
            return {QStringLiteral("type")};
        if (type.kind == QLatin1String("Namespace"))
            return {QStringLiteral("status.phase")};
        if (type.kind == QLatin1String("Node"))
            return {QStringLiteral("spec.unschedulable")};
        if (type.kind == QLatin1String("Event"))
            return {QStringLiteral("involvedObject.kind"),
                    QStringLiteral("involvedObject.namespace"),
                    QStringLiteral("involvedObject.name"),
                    QStringLiteral("involvedObject.uid"),
                    QStringLiteral("involvedObject.apiVersion"),
                    QStringLiteral("involvedObject.resourceVersion"),
                    QStringLiteral("involvedObject.fieldPath"),
                    QStringLiteral("reason"),
                    QStringLiteral("reportingComponent"),
                    QStringLiteral("source"),
                    QStringLiteral("type")};
    }
    if (type.group == QLatin1String("apps") && type.kind == QLatin1String("ReplicaSet"))
        return {QStringLiteral("status.replicas")};
    if (type.group == QLatin1String("batch") && type.kind == QLatin1String("Job"))
        return {QStringLiteral("status.successful")};
    return {};
}

// Splits on `separator` outside backslash escapes; unescapes `\,`, `\=`, `\\`.
QString unescape(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('\\') && i + 1 < text.size())
            ++i;
        out.append(text.at(i));
    }
    return out;
}

QStringList splitTerms(const QString &text)
{
    QStringList parts;
    QString current;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') && i + 1 < text.size()) {
            current.append(c);
            current.append(text.at(++i));
        } else if (c == QLatin1Char(',')) {
            parts << current;
            current.clear();
        } else {
            current.append(c);
        }
    }
    parts << current;
    return parts;
}

// Index of the first unescaped occurrence of `op` in `term`, or -1.
qsizetype findOperator(const QString &term, QLatin1String op)
{
    for (qsizetype i = 0; i < term.size(); ++i) {
        if (term.at(i) == QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (QStringView(term).mid(i).startsWith(op))
            return i;
    }
    return -1;
}

QString fieldText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String:
        return value.toString();
    default:
        return QString();
    }
}

} // namespace

std::optional<FieldSelector> FieldSelector::parse(const QString &text, QString *error)
{
    return parse(text, TypeRef(), error);
}

std::optional<FieldSelector> FieldSelector::parse(const QString &text, const TypeRef &type,
                                                  QString *error)
{
    FieldSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    const QStringList allowed =
        QStringList{QStringLiteral("metadata.name"), QStringLiteral("metadata.namespace")}
        + selectableFields(type);
    for (const QString &term : splitTerms(text)) {
        if (term.isEmpty())
            continue; // `a=b,` is accepted, as fields.ParseSelector skips empty terms
        Term parsed;
        qsizetype at = -1;
        qsizetype length = 0;
        if ((at = findOperator(term, QLatin1String("!="))) >= 0) {
            parsed.negated = true;
            length = 2;
        } else if ((at = findOperator(term, QLatin1String("=="))) >= 0) {
            length = 2;
        } else if ((at = findOperator(term, QLatin1String("="))) >= 0) {
            length = 1;
        } else {
            if (error)
                *error =
                    QStringLiteral("invalid selector: '%1'; can't understand '%2'").arg(text, term);
            return std::nullopt;
        }
        const QString field = unescape(term.left(at)).trimmed();
        parsed.value = unescape(term.mid(at + length));
        if (!allowed.contains(field)) {
            if (error)
                *error = QStringLiteral("field label not supported: %1").arg(field);
            return std::nullopt;
        }
        parsed.field = field.split(QLatin1Char('.'));
        selector.m_terms.append(parsed);
    }
    return selector;
}

bool FieldSelector::matches(const QJsonObject &object) const
{
    for (const Term &term : m_terms) {
        QJsonValue value = object;
        for (const QString &step : term.field)
            value = value.toObject().value(step);
        // The apiserver's field sets hold "" for an unset string field.
        const bool equal = fieldText(value) == term.value;
        if (equal == term.negated)
            return false;
    }
    return true;
}

} // namespace kubeemu
