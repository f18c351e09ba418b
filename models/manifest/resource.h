#pragma once

#include "manifest/resourceid.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace gitops::manifest {

/// One Kubernetes object read from a manifest: its identity, its fields typed as the API
/// server would read them, and where each field came from. A plain value, cheap to copy
/// (QJsonObject and QHash are implicitly shared); safe to pass between threads.
struct Resource
{
    ResourceId id;
    QString apiVersion;
    QJsonObject object;
    /// Repository-relative path of the source file (or of the kustomization it was
    /// rendered from).
    QString file;
    /// 1-based line where the object starts in that file.
    int line = 0;
    /// JSON pointer of every value ("/spec/replicas", "/metadata/labels/app") -> 1-based
    /// line in `file`. "" maps to the object itself.
    QHash<QString, int> fieldLines;
    /// Only metadata.generateName is set: the server picks the name, so the live object
    /// cannot be matched to this manifest.
    bool untrackable = false;

    /// "file:line", for messages.
    QString location() const { return file + QLatin1Char(':') + QString::number(line); }
};

} // namespace gitops::manifest
