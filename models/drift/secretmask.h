#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace gitops::drift {

struct ResourceDrift;

/// Replaces Secret values with runs of `+` so that a change stays visible but the value never
/// shows: equal values get the same mask, different values different masks (8 `+` for the
/// first distinct value, 9 for the second, ...). One mask covers every text made from one
/// comparison, so desired and live of a Secret use the same masks. A value; not shared
/// between threads.
class SecretMask
{
public:
    /// The mask of @p value, assigning the next one when it is new.
    QString mask(const QString &value);

    /// Masks data and stringData values of @p secret (a Secret object), and the same
    /// values inside its last-applied-configuration annotation.
    QJsonObject maskSecret(const QJsonObject &secret);

    /// Masks every Secret value @p drift holds: both sides, the projection, the differences.
    /// Leaves other kinds alone.
    static void maskResource(ResourceDrift &drift);

    /// Whether @p object is a core Secret.
    static bool isSecret(const QJsonObject &object);

private:
    QJsonObject maskValues(const QJsonObject &values);

    QHash<QString, QString> m_masks;
};

} // namespace gitops::drift
