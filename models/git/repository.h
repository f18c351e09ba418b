#pragma once

#include "git/commitinfo.h"
#include "git/revision.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <variant>

// libgit2's handle type, opaque here: only .cpp files of models/ include <git2.h> (through
// git/libgit2.h), since gitops_models links libgit2 PRIVATE.
struct git_repository;

namespace gitops::git {

/// A git repository opened for reading. Owns its libgit2 handle; use it on one thread only
/// (libgit2 handles are not shared between threads, DESIGN.md "Threading").
/// Nothing here writes to the working tree, the index or the checked-out branch.
class Repository
{
public:
    /// Opens the repository that contains @p path (searching upwards, like `git`).
    /// Returns the repository or a message that names the path and libgit2's reason.
    static std::variant<std::unique_ptr<Repository>, QString> open(const QString &path);

    /// The working-tree folder, without a trailing slash; empty for a bare repository.
    QString workingDirectory() const;
    /// The git folder (`.git` or the bare repository itself), without a trailing slash.
    QString gitDirectory() const;
    bool isBare() const;
    /// The checked-out branch's short name, "" when HEAD is detached or unborn.
    QString currentBranch() const;
    /// The full id of the commit HEAD points to, "" when HEAD is unborn.
    QString headCommitId() const;

    /// Resolves @p spec the way `git rev-parse` does: HEAD, branches, remote branches
    /// ("origin/main"), tags (annotated tags are peeled), full and short ids, "HEAD~3",
    /// "main^2". Revision::workingCopySpec() names the working copy.
    /// Returns the revision or a message naming @p spec and the reason.
    std::variant<Revision, QString> resolve(const QString &spec) const;

    /// The files of @p revision under @p folder ("" for all), sorted by path. Submodules and
    /// symbolic links are left out. For the working copy, files that differ from HEAD (or
    /// are untracked and not ignored) are read from disk; deleted files are left out. The
    /// index and the working tree are only read, never written.
    std::variant<QList<TreeFile>, QString> files(const Revision &revision,
                                                 const QString &folder = QString()) const;

    /// The content of @p file: its bytes from disk, or its blob from the object database.
    std::variant<QByteArray, QString> read(const TreeFile &file) const;

    /// A branch, remote branch or tag, with the commit it names.
    struct Reference
    {
        enum class Kind { Branch, RemoteBranch, Tag };
        QString name; ///< short name: "main", "origin/main", "v1.2"
        Kind kind = Kind::Branch;
        QString commitId;
    };
    /// The branches, remote branches and tags, each group sorted by name (remote HEAD
    /// aliases and references that do not lead to a commit are left out).
    QList<Reference> references() const;

    /// The fetch URLs of the repository's remotes, in libgit2's order.
    QStringList remoteUrls() const;

    /// The commits reachable from @p spec, newest first (topological, then by time), at most
    /// @p maxCount of them (0: all). @p stopRequested is asked between commits; when it says
    /// yes the walk ends with a message saying it was stopped.
    std::variant<QList<CommitInfo>, QString>
    log(const QString &spec, int maxCount = 0,
        const std::function<bool()> &stopRequested = {}) const;

    /// The commit @p id (a full id), as log() lists it.
    std::variant<CommitInfo, QString> commit(const QString &id) const;

    /// What @p paths name in the tree of commit @p commitId (a full id), in their order: a
    /// tree id for a folder, a blob id for a file, "" where nothing is ("" names the root).
    /// History compares these between a commit and its first parent instead of diffing.
    std::variant<QStringList, QString> entryIds(const QString &commitId,
                                                const QStringList &paths) const;

    /// The parents of commit @p commitId (a full id), first parent first; none for a root
    /// commit or where a shallow clone ends. Reads the commit's header lines only.
    std::variant<QStringList, QString> parentIds(const QString &commitId) const;

    /// The libgit2 handle, for the other classes of models/git on the same thread.
    git_repository *handle() const { return m_handle.get(); }

private:
    /// Frees the handle (git_repository_free, in repository.cpp).
    struct HandleFree
    {
        void operator()(git_repository *handle) const;
    };

    /// Takes ownership of @p handle.
    explicit Repository(git_repository *handle);
    std::variant<QList<TreeFile>, QString>
    applyWorkingCopyEdits(const QList<TreeFile> &committed) const;

    std::unique_ptr<git_repository, HandleFree> m_handle;
};

} // namespace gitops::git
