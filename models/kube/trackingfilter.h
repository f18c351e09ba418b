#pragma once

#include <QJsonObject>
#include <QString>

namespace gitops::kube {

/// Which live objects belong to an app, read the way its controller marks them
/// (DESIGN.md "Tracking"): a label (optionally with a value), an annotation whose value
/// starts with a prefix (Argo CD's tracking-id is "<app>:<group>/<kind>:<ns>/<name>"), or
/// either. The label part doubles as a server-side labelSelector. A plain value.
struct TrackingFilter
{
    QString labelKey;
    QString labelValue; ///< empty: any value
    QString annotationKey;
    QString annotationPrefix;

    bool isEmpty() const { return labelKey.isEmpty() && annotationKey.isEmpty(); }
    bool operator==(const TrackingFilter &) const = default;
    /// A labelSelector the server can apply, when the label alone decides.
    QString labelSelector() const;
    bool matches(const QJsonObject &object) const;

    /// Argo CD: the app's tracking-id annotation or its app.kubernetes.io/instance label.
    static TrackingFilter argoCd(const QString &appName);
    /// Flux: the kustomize.toolkit.fluxcd.io/name label.
    static TrackingFilter flux(const QString &kustomizationName);
    /// A label the workspace names: "key" or "key=value".
    static TrackingFilter label(const QString &keyOrKeyValue);
};

} // namespace gitops::kube
