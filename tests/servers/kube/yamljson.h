#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace kubeemu {

/// Parses a (multi-document) YAML or JSON text into JSON values, typing plain scalars by
/// the YAML 1.2 core schema as sigs.k8s.io/yaml does (quoted scalars stay strings). Empty
/// documents are skipped. On a syntax error returns no documents and sets @p error
/// ("line L, column C: message").
QList<QJsonValue> parseYamlDocuments(const QByteArray &text, QString *error);

} // namespace kubeemu
