#pragma once

#include "git/commitrequest.h"
#include "git/commitresult.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <variant>

namespace gitops::git {

class Repository;

/// One file a revert changes, with its bytes on the base and after the revert.
struct RevertedFile
{
    QString path;
    QByteArray before; ///< empty when the base lacks it
    QByteArray after; ///< empty when the revert removes it
    bool removed = false;
};

/// What a revert changes when each conflicting file is left as the base has it.
struct PartialRevert
{
    QList<RevertedFile> files; ///< what reverted cleanly, file by file
    QList<FileConflict> conflicts; ///< left at the base's content, for a person to resolve
};

/// Writes one commit built in the object database (an in-memory index over the base's
/// tree, never the repository's index) and a new branch pointing at it. The working tree,
/// the index, HEAD and the checked-out branch are never touched (DESIGN.md: "the user's
/// checkout is sacred"). Synchronous; use it on the thread that owns the Repository
/// (RepositoryWorker::commit() and ::revert() run it as a job).
class CommitBuilder
{
public:
    explicit CommitBuilder(Repository &repository);

    /// Applies the edits to the base and commits them on the new branch. Refuses, writing
    /// no branch: an edit that leaves the tree as it was, a branch that exists with other
    /// content, a path outside the repository, a missing author.
    std::variant<CommitResult, CommitError> commit(const CommitRequest &request);

    /// Reverts the commits onto the base as one commit on the new branch. A conflict in any
    /// file ends it with every conflicting file named and nothing on any branch.
    std::variant<CommitResult, CommitError> revert(const RevertRequest &request);
    /// What revert() would change, file by file, writing nothing (no commit, no branch); a
    /// conflict ends it as revert() does. The subject, body and branch of @p request are unused.
    std::variant<QList<RevertedFile>, CommitError> revertedFiles(const RevertRequest &request);
    /// As revertedFiles(), but a conflicting file does not end it: the file stays as the base
    /// (or the commits reverted before it) has it, no conflict markers, and is named in
    /// PartialRevert::conflicts; every other file's revert applies.
    std::variant<PartialRevert, CommitError> revertLeavingConflicts(const RevertRequest &request);

private:
    Repository &m_repository;
};

} // namespace gitops::git
