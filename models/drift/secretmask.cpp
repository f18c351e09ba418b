#include "drift/secretmask.h"

#include "drift/resourcedrift.h"

#include <QJsonDocument>

namespace gitops::drift {

namespace {

const QLatin1String lastAppliedKey("kubectl.kubernetes.io/last-applied-configuration");

// Secret values compare by their bytes: stringData as UTF-8, data decoded from base64.
QString canonicalData(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QString();
    const QByteArray text = value.toString().toLatin1();
    const auto decoded =
        QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? QString::fromLatin1(decoded.decoded.toBase64()) : value.toString();
}

} // namespace

bool SecretMask::isSecret(const QJsonObject &object)
{
    return object.value(QLatin1String("kind")).toString() == QLatin1String("Secret")
        && object.value(QLatin1String("apiVersion")).toString() == QLatin1String("v1");
}

QString SecretMask::mask(const QString &value)
{
    const auto it = m_masks.constFind(value);
    if (it != m_masks.constEnd())
        return it.value();
    const QString fresh(8 + m_masks.size(), QLatin1Char('+'));
    m_masks.insert(value, fresh);
    return fresh;
}

QJsonObject SecretMask::maskValues(const QJsonObject &values)
{
    QJsonObject masked;
    // Sorted keys (QJsonObject's order): masks do not depend on how the source was written.
    for (auto it = values.begin(); it != values.end(); ++it)
        masked.insert(it.key(), mask(canonicalData(it.value())));
    return masked;
}

QJsonObject SecretMask::maskSecret(const QJsonObject &secret)
{
    QJsonObject result = secret;
    if (secret.value(QLatin1String("data")).isObject())
        result.insert(QLatin1String("data"),
                      maskValues(secret.value(QLatin1String("data")).toObject()));
    if (secret.value(QLatin1String("stringData")).isObject()) {
        QJsonObject encoded;
        const QJsonObject plain = secret.value(QLatin1String("stringData")).toObject();
        for (auto it = plain.begin(); it != plain.end(); ++it)
            encoded.insert(it.key(),
                           QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
        result.insert(QLatin1String("stringData"), maskValues(encoded));
    }
    QJsonObject metadata = result.value(QLatin1String("metadata")).toObject();
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    if (annotations.contains(lastAppliedKey)) {
        const QJsonObject applied =
            QJsonDocument::fromJson(annotations.value(lastAppliedKey).toString().toUtf8()).object();
        const QJsonObject masked = maskSecret(applied);
        annotations.insert(lastAppliedKey,
                           QString::fromUtf8(QJsonDocument(masked).toJson(QJsonDocument::Compact)));
        metadata.insert(QLatin1String("annotations"), annotations);
        result.insert(QLatin1String("metadata"), metadata);
    }
    return result;
}

void SecretMask::maskResource(ResourceDrift &drift)
{
    if (drift.id.group != QLatin1String("") || drift.id.kind != QLatin1String("Secret"))
        return;
    SecretMask mask;
    // Desired first, then live: the first value a reader meets gets the shortest mask.
    drift.desired = mask.maskSecret(drift.desired);
    drift.liveProjection = mask.maskSecret(drift.liveProjection);
    drift.live = mask.maskSecret(drift.live);
    for (Difference &difference : drift.differences) {
        const bool whole = difference.path == QLatin1String(".data")
            || difference.path == QLatin1String(".stringData");
        const bool one = difference.path.startsWith(QLatin1String(".data"))
            || difference.path.startsWith(QLatin1String(".stringData"));
        for (QJsonValue *value : {&difference.desired, &difference.live}) {
            if (value->isUndefined())
                continue;
            if (whole && value->isObject())
                *value = mask.maskValues(value->toObject());
            else if (one)
                *value = mask.mask(canonicalData(*value));
        }
    }
}

} // namespace gitops::drift
