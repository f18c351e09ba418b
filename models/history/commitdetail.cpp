#include "commitdetail.h"

#include "drift/secretmask.h"
#include "drift/yamlwriter.h"
#include "history/rollbackplan.h"
#include "workspace/desiredstate.h"
#include "workspace/workspacecomparison.h"

#include <QMap>

namespace gitops::history {

namespace {

// The resources of @p state by identity, in a stable order.
QMap<QString, const manifest::Resource *> byId(const AppDesiredState &state)
{
    QMap<QString, const manifest::Resource *> resources;
    for (const manifest::Resource &resource : state.resources)
        resources.insert(resource.id.toString(), &resource);
    return resources;
}

// One resource on both sides as YAML; a Secret's values masked with one mask for both, so
// a changed value still shows as changed.
ResourceChange changeOf(const manifest::Resource *before, const manifest::Resource *after)
{
    drift::SecretMask mask;
    const auto yaml = [&mask](const manifest::Resource *resource) {
        if (!resource)
            return QString();
        const QJsonObject object = drift::SecretMask::isSecret(resource->object)
            ? mask.maskSecret(resource->object)
            : resource->object;
        return drift::YamlWriter::write(object, resource->fieldLines);
    };
    ResourceChange change;
    change.id = (after ? after : before)->id;
    change.how = !before ? ResourceChange::How::Added
        : !after         ? ResourceChange::How::Removed
                         : ResourceChange::How::Changed;
    change.before = yaml(before);
    change.after = yaml(after);
    return change;
}

} // namespace

std::variant<CommitDetail, QString> commitDetail(const git::Repository &repository,
                                                 AppStateReader &reader, const App &app,
                                                 const HistoryEntry &entry,
                                                 const std::optional<LiveEvidence> &evidence)
{
    CommitDetail detail;
    detail.commit = entry.id;
    const auto info = repository.commit(entry.id);
    if (const auto *message = std::get_if<QString>(&info))
        return *message;
    detail.message = std::get<git::CommitInfo>(info).message;
    const QString parent = entry.parentIds.value(0);

    // The files: the app's inputs at the commit against its first parent's.
    if (parent.isEmpty()) {
        git::Revision revision;
        revision.commitId = entry.id;
        for (const QString &path : app.paths) {
            const auto files = repository.files(revision, path);
            if (const auto *message = std::get_if<QString>(&files))
                return *message;
            for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(files))
                detail.files << FileChange{file.path, FileChange::How::Added};
        }
    } else {
        // Restoring the parent's inputs on top of the commit is exactly what the commit did,
        // backwards.
        const auto undo = restoreInputs(repository, app, parent, entry.id);
        if (const auto *message = std::get_if<QString>(&undo))
            return *message;
        const auto files = rollbackFiles(repository, std::get<RollbackPlan>(undo));
        if (const auto *message = std::get_if<QString>(&files))
            return *message;
        for (const RollbackFile &file : std::get<QList<RollbackFile>>(files)) {
            const FileChange::How how = file.removed ? FileChange::How::Added
                : file.before.isEmpty()              ? FileChange::How::Deleted
                                                     : FileChange::How::Modified;
            detail.files << FileChange{file.path, how};
        }
    }

    // The rendered resources at the commit and at its parent.
    const auto now = reader.read(entry.id);
    if (const auto *message = std::get_if<QString>(&now))
        return *message;
    const AppStateReader::StatePointer state = std::get<AppStateReader::StatePointer>(now);
    AppStateReader::StatePointer before;
    if (!parent.isEmpty()) {
        const auto then = reader.read(parent);
        if (const auto *message = std::get_if<QString>(&then))
            return *message;
        before = std::get<AppStateReader::StatePointer>(then);
    }
    if (!state->error.isEmpty()) {
        detail.renderError = state->error;
    } else if (before && !before->error.isEmpty()) {
        detail.renderError = before->error;
    } else {
        const auto after = byId(*state);
        const auto previous = before ? byId(*before) : QMap<QString, const manifest::Resource *>();
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            const manifest::Resource *old = previous.value(it.key());
            if (!old || old->object != it.value()->object)
                detail.changes << changeOf(old, it.value());
        }
        for (auto it = previous.cbegin(); it != previous.cend(); ++it) {
            if (!after.contains(it.key()))
                detail.changes << changeOf(it.value(), nullptr);
        }
    }

    // Rolling back to the commit: its desired state against live, as the window compares.
    if (evidence && state->error.isEmpty()) {
        detail.liveKnown = true;
        const drift::WorkspaceDrift snapshot =
            compareWorkspace(evidence->resolved(*state), evidence->objects, evidence->comparison);
        for (const drift::AppWorkspaceDrift &compared : snapshot.apps) {
            if (compared.name != app.name)
                continue;
            for (const drift::ResourceDrift &resource : compared.drift.resources) {
                if (resource.status != drift::SyncStatus::Synced)
                    detail.rollback << resource;
            }
        }
    }
    return detail;
}

} // namespace gitops::history
