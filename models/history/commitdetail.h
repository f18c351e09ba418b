#pragma once

#include "drift/resourcedrift.h"
#include "history/apphistory.h"
#include "history/appstatereader.h"
#include "history/livecommit.h"
#include "manifest/resourceid.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace gitops::history {

/// One rendered resource a commit changed: its normalised YAML before and after (Secret
/// values masked, as the drift views mask them).
struct ResourceChange
{
    enum class How { Changed, Added, Removed };
    manifest::ResourceId id;
    How how = How::Changed;
    QString before; ///< at the first parent; empty when added
    QString after; ///< at the commit; empty when removed
};

/// One file of the app's inputs a commit changed.
struct FileChange
{
    enum class How { Modified, Added, Deleted };
    QString path;
    How how = How::Modified;
};

/// What the timeline shows for one selected commit of an app: what it changed in git (per
/// rendered resource, and per file), its message, and what rolling back to it would change
/// in the cluster (its desired state against live, by the drift engine). A plain value.
struct CommitDetail
{
    QString commit;
    QString message;
    QList<FileChange> files;
    QList<ResourceChange> changes;
    /// The app could not be rendered at the commit or its parent; changes then is empty.
    QString renderError;
    /// Live was known: rollback lists the resources whose verdict against the commit's
    /// desired state is not Synced (empty: rolling back changes nothing in the cluster).
    bool liveKnown = false;
    QList<drift::ResourceDrift> rollback;
};

/// The detail of @p entry, a commit of @p app's history (entries of AppHistory::page()),
/// with states from @p reader (which caches them for the next commit asked) and, when
/// @p evidence is given, the rollback preview against its live objects. Synchronous: run it as
/// a RepositoryWorker job on the repository @p reader borrows.
std::variant<CommitDetail, QString> commitDetail(const git::Repository &repository,
                                                 AppStateReader &reader, const App &app,
                                                 const HistoryEntry &entry,
                                                 const std::optional<LiveEvidence> &evidence);

} // namespace gitops::history
