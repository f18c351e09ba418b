#pragma once

#include "drift/appdrift.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace gitops {

/// One app as the drift browser shows it: its verdict per resource, or why it has none.
struct AppSnapshot
{
    QString name;
    drift::AppDrift drift;
    /// Why the app could not be compared (render failure, unreachable cluster, ...).
    QString error;
    /// Per-file notes: parse errors with file:line, ignored and skipped files.
    QStringList notes;
    /// Where each desired resource is defined: "file:line" in the repository.
    QHash<manifest::ResourceId, QString> sources;
};

/// Everything the drift browser shows at one moment: an immutable value, built off the
/// GUI thread and swapped into the item models in one step (STYLE.md rule 3).
struct DriftSnapshot
{
    QList<AppSnapshot> apps;
    QString revision; ///< the git revision the desired side was read at
    QString context; ///< the kubeconfig context the live side came from
};

} // namespace gitops
