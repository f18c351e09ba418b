#pragma once

#include <QJsonObject>
#include <QString>

namespace kubeemu {

/// The canonical spelling of a resource quantity, as k8s.io/apimachinery's resource.Quantity
/// writes it back: the format of the input is kept (binary SI `Ki`..`Ei`, decimal SI `n`..`E`,
/// or a decimal exponent `1e3`), the largest suffix that keeps the number whole is chosen,
/// binary values that are not whole or are below 1024 switch to decimal SI, and precision
/// below 1n is rounded up. Examples: "0.5" -> "500m", "1024Mi" -> "1Gi", "1000m" -> "1",
/// "1.5Gi" -> "1536Mi", "1e3" -> "1e3", "1E6" -> "1e6". Sets *ok to false (and returns the
/// input unchanged) when the text is no quantity, or is one beyond 2^127 that this server
/// cannot spell exactly (Kubernetes can).
QString canonicalQuantity(const QString &text, bool *ok = nullptr);

/// Canonicalises every string value of a quantity map (`requests`, `limits`, `capacity`).
void canonicalizeQuantityMap(QJsonObject &map);

} // namespace kubeemu
