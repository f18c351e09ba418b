#pragma once

#include "drift/difference.h"
#include "drift/health.h"
#include "manifest/resourceid.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gitops::drift {

/// Whether a resource's live object matches git (DESIGN.md, "Kubernetes semantics").
enum class SyncStatus {
    Synced,
    OutOfSync, ///< live differs from desired
    Missing, ///< in git, not live
    Extraneous, ///< live and tracked by the app, not in git
    Unknown, ///< could not be compared; the reason says why
};

QString syncStatusName(SyncStatus status);

/// The verdict on one resource: its sync status with the differences that make it, its
/// health, and both sides normalised for display (Secret values already masked). An
/// immutable value once compareResource() returns it; cheap to copy (implicitly shared).
struct ResourceDrift
{
    manifest::ResourceId id;
    SyncStatus status = SyncStatus::Unknown;
    /// Why the status is Unknown.
    QString reason;
    QList<Difference> differences;
    Health health;

    /// Desired as compared: Secret stringData folded into data, server-populated and ignored
    /// fields removed. Empty for Extraneous.
    QJsonObject desired;
    /// The live object as read (masked). Empty for Missing.
    QJsonObject live;
    /// Live limited to the fields desired sets plus the drifted ones, with values that only
    /// differ in spelling shown as desired spells them.
    QJsonObject liveProjection;
    /// Desired's source lines per JSON pointer, for its key order in display.
    QHash<QString, int> desiredLines;
    /// The reason as a sentence the window shows in its language (reason is its English).
    Text reasonText;
};

} // namespace gitops::drift
