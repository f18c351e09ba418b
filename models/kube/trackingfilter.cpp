#include "kube/trackingfilter.h"

namespace gitops::kube {

QString TrackingFilter::labelSelector() const
{
    if (labelKey.isEmpty() || !annotationKey.isEmpty())
        return {}; // label OR annotation cannot be said in one selector
    return labelValue.isEmpty() ? labelKey : labelKey + u'=' + labelValue;
}

bool TrackingFilter::matches(const QJsonObject &object) const
{
    if (isEmpty())
        return true;
    const QJsonObject metadata = object.value(u"metadata").toObject();
    if (!labelKey.isEmpty()) {
        const QJsonValue label = metadata.value(u"labels").toObject().value(labelKey);
        if (label.isString() && (labelValue.isEmpty() || label.toString() == labelValue))
            return true;
    }
    if (!annotationKey.isEmpty()) {
        const QJsonValue annotation =
            metadata.value(u"annotations").toObject().value(annotationKey);
        if (annotation.isString() && annotation.toString().startsWith(annotationPrefix))
            return true;
    }
    return false;
}

TrackingFilter TrackingFilter::argoCd(const QString &appName)
{
    return {QStringLiteral("app.kubernetes.io/instance"), appName,
            QStringLiteral("argocd.argoproj.io/tracking-id"), appName + u':'};
}

TrackingFilter TrackingFilter::flux(const QString &kustomizationName)
{
    return {QStringLiteral("kustomize.toolkit.fluxcd.io/name"), kustomizationName, {}, {}};
}

TrackingFilter TrackingFilter::label(const QString &keyOrKeyValue)
{
    const qsizetype equals = keyOrKeyValue.indexOf(u'=');
    if (equals < 0)
        return {keyOrKeyValue.trimmed(), {}, {}, {}};
    return {keyOrKeyValue.left(equals).trimmed(), keyOrKeyValue.mid(equals + 1).trimmed(), {}, {}};
}

} // namespace gitops::kube
