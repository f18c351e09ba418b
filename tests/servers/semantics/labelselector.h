#pragma once

#include "fieldselector.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace kubeemu {

/// A parsed label selector in the API's string form (`app=web,tier in (front,back),!legacy`):
/// requirements joined by commas, all of which must hold. Operators: `=`, `==`, `!=`, `in`,
/// `notin`, existence (`key`), absence (`!key`), and `gt`/`lt` (`key>3`). Parsing follows
/// k8s.io/apimachinery's lexer and its error messages. An immutable value.
class LabelSelector
{
public:
    /// On failure returns nothing and sets *error (when given) to the apiserver's message.
    static std::optional<LabelSelector> parse(const QString &text, QString *error);
    /// The selector a LabelSelector object (`matchLabels`, `matchExpressions`) describes;
    /// nothing when an expression uses an unknown operator.
    static std::optional<LabelSelector> fromObject(const QJsonObject &selector, QString *error);

    bool matches(const QJsonObject &labels) const;
    bool isEmpty() const { return m_requirements.isEmpty(); }

private:
    enum class Operator {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan
    };
    struct Requirement
    {
        QString key;
        Operator op = Operator::Exists;
        QStringList values;
    };
    QList<Requirement> m_requirements;
};

} // namespace kubeemu
