#pragma once

#include "kube/apiresource.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>

namespace gitops::kube {

/// What changed in the live state of one resource type since the last change set: whole
/// objects (as the server returned them, with apiVersion and kind set) that appeared,
/// changed, or went away (their last known state). A plain value, handed to later stages
/// so that they update only what changed.
struct LiveChangeSet
{
    ApiResource type;
    QList<QJsonObject> added;
    QList<QJsonObject> modified;
    QList<QJsonObject> deleted;

    bool isEmpty() const { return added.isEmpty() && modified.isEmpty() && deleted.isEmpty(); }
    qsizetype size() const { return added.size() + modified.size() + deleted.size(); }
};

} // namespace gitops::kube

Q_DECLARE_METATYPE(gitops::kube::LiveChangeSet)
