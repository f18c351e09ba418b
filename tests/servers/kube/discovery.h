#pragma once

#include "typeregistry.h"

#include <QJsonObject>

namespace kubeemu {

/// Discovery documents as the real API server writes them, built from the served types.
namespace discovery {

/// True when one alternative of an Accept header carries every one of @p parameters
/// ("as=Table", "g=meta.k8s.io", ...): how clients ask for a representation.
bool acceptsParameters(const QByteArray &accept, std::initializer_list<const char *> parameters);

/// The media type of aggregated discovery (apidiscovery.k8s.io/v2).
QByteArray aggregatedContentType();
/// True when an Accept header asks for aggregated discovery v2.
bool wantsAggregated(const QByteArray &accept);

QJsonObject coreVersions(const QString &serverAddress); ///< GET /api
QJsonObject groupList(const TypeRegistry &registry); ///< GET /apis
QJsonObject resourceList(const TypeRegistry &registry, const QString &group,
                         const QString &version); ///< GET /api/v1, /apis/G/V
QJsonObject aggregated(const TypeRegistry &registry, bool core); ///< /api or /apis, v2

/// The verbs a type supports.
QStringList verbs();

} // namespace discovery

} // namespace kubeemu
