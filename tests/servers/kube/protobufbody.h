#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace kubeemu {

/// True for the media type kubectl sends its writes in: application/vnd.kubernetes.protobuf.
bool isProtobufMediaType(const QByteArray &contentType);

/// Decodes a Kubernetes protobuf body (the "k8s\0" magic, then a runtime.Unknown whose
/// typeMeta names the kind and whose raw holds the object) into the JSON object the same
/// request would have carried as JSON: Quantity and IntOrString as strings or numbers,
/// Time as RFC 3339 seconds, MicroTime with microseconds, bytes as base64, RawExtension as
/// its embedded JSON. The kinds are those of the official .proto files compiled into the
/// emulator (core/v1, apps/v1, batch/v1, networking/v1, rbac/v1, autoscaling/v2); any other
/// kind, or bytes that do not parse, give nullopt and a message in *error.
std::optional<QJsonObject> decodeProtobufObject(const QByteArray &body, QString *error);

} // namespace kubeemu
