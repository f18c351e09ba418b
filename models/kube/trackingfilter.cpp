#include "kube/trackingfilter.h"

#include <QRegularExpression>

namespace gitops::kube {

namespace {

// Kubernetes' label syntax: a name of at most 63 characters, alphanumeric at both ends,
// with '-', '_' and '.' inside; a key may have a DNS subdomain prefix and '/'.
bool isLabelName(QStringView text)
{
    static const QRegularExpression name(
        QStringLiteral("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$"));
    return name.matchView(text).hasMatch();
}

bool isLabelKey(const QString &key)
{
    static const QRegularExpression prefix(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    const qsizetype slash = key.indexOf(u'/');
    if (slash < 0)
        return isLabelName(key);
    return slash <= 253 && prefix.matchView(QStringView(key).first(slash)).hasMatch()
        && isLabelName(QStringView(key).mid(slash + 1));
}

} // namespace

QString TrackingFilter::labelSelector() const
{
    if (labelKey.isEmpty() || !annotationKey.isEmpty())
        return {}; // label OR annotation cannot be said in one selector
    // A key or value outside the label syntax ("app!" of "app!=web") would be read by the
    // server as another selector, or refused: then the console filters on its own.
    if (!isLabelKey(labelKey) || (!labelValue.isEmpty() && !isLabelName(labelValue)))
        return {};
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
