#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace gitops::git {

/// The commit CommitBuilder wrote. A plain value; safe to copy between threads.
struct CommitResult
{
    QString commitId;
    QString treeId;
    QString branch; ///< short name of the branch that points at the commit
    QStringList changedPaths; ///< files that differ from the base, sorted
    /// The branch already pointed at an identical commit (same tree, parents and message),
    /// so nothing was written: a retry of the same change.
    bool alreadyThere = false;
};

/// A file that could not be merged while reverting.
struct FileConflict
{
    QString path;
    QString commitId; ///< the commit whose revert conflicted
    QString reason; ///< "changed since", "deleted since", ...
};

/// Why CommitBuilder wrote nothing: a message for a person, and for a revert the files that
/// conflicted.
struct CommitError
{
    QString message;
    QList<FileConflict> conflicts = {};
};

} // namespace gitops::git
