#pragma once

#include "typeregistry.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace kubeemu::table {

/// True when an Accept header asks for meta.k8s.io/v1 Table (kubectl get does).
bool wanted(const QByteArray &accept);

/// A Table of @p objects, as the server prints them for kubectl: Name, a few kind-specific
/// columns, Age. @p includeObject is the request's includeObject (None, Metadata, Object).
QJsonObject render(const ResourceType &type, const QList<QJsonObject> &objects,
                   const QJsonObject &listMetadata, const QString &includeObject, bool withColumns,
                   const QDateTime &now);

/// kubectl's short durations: "42s", "5m10s", "3h", "12d".
QString humanDuration(qint64 seconds);

} // namespace kubeemu::table
