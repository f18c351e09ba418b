#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace kubeemu::test {

/// A JSON object from a literal in a test table; fails the test on a typo.
inline QJsonObject object(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad JSON literal in test: %s (%s)", text, qPrintable(error.errorString()));
    return document.object();
}

inline QJsonArray array(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray())
        qFatal("bad JSON literal in test: %s (%s)", text, qPrintable(error.errorString()));
    return document.array();
}

/// Compact JSON for readable comparisons (keys sorted, as QJsonObject keeps them).
inline QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return compact(value.toObject());
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // Scalars: wrap to serialise, then strip the wrapper.
    const QString wrapped
        = QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace kubeemu::test
