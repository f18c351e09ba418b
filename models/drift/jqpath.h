#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <memory>

namespace gitops::drift {

/// A jq path expression of an ignore rule (Argo CD's `ignoreDifferences.jqPathExpressions`),
/// in the subset such rules are written in: field access (`.a.b`, `."a/b"`, `.a["b.c"]`),
/// iteration (`.a[]`, `.a[]?`), indices (`.a[0]`, `.a[-1]`), `|` chaining, `,` between
/// alternatives, and `select(...)` with `==`, `!=`, `and`, `or`, `not`, and `startswith`,
/// `endswith`, `contains` or `test` after a pipe. Anything else does not parse: the rule then
/// says why (error()) and selects nothing, so that it never hides more than it says.
/// A plain value, immutable once parsed; safe on any thread.
class JqPath
{
public:
    JqPath();
    ~JqPath();
    JqPath(const JqPath &);
    JqPath &operator=(const JqPath &);

    /// Parses @p expression.
    static JqPath parse(const QString &expression);

    bool isValid() const { return m_error.isEmpty(); }
    /// Why the expression is not supported ("" when it is).
    QString error() const { return m_error; }
    QString expression() const { return m_expression; }

    /// RFC 6901 pointers of the values the expression selects in @p object, in document
    /// order. Nothing for an invalid expression.
    QStringList pointersIn(const QJsonObject &object) const;
    /// Removes every value the expression selects from @p object.
    void removeFrom(QJsonObject &object) const;

    struct Term;
    struct Condition;

private:
    QString m_expression;
    QString m_error;
    // Stages (`|`) of branches (`,`) of steps; opaque outside jqpath.cpp.
    std::shared_ptr<const QList<QList<QList<Term>>>> m_program;
};

} // namespace gitops::drift
