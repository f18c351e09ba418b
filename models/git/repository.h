#pragma once

#include "git/commitinfo.h"
#include "git/objectid.h"
#include "git/revision.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <functional>
#include <memory>
#include <variant>

// libgit2's handle type, opaque here: only .cpp files of models/ include <git2.h> (through
// git/libgit2.h), since gitops_models links libgit2 PRIVATE.
struct git_repository;
struct git_odb;

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

    // A history walk reads a commit header and a few tree entries per commit, ten thousand
    // times: the functions below are those steps on ids as bytes, with nothing parsed that
    // is not asked for (about half the time of libgit2's commit and tree objects).

    /// A commit's tree and its parents, first parent first.
    struct CommitHeader
    {
        ObjectId tree;
        QVarLengthArray<ObjectId, 2> parents;
    };
    /// The header of commit @p id: its tree and parents (none for a root commit or where a
    /// shallow clone ends).
    std::variant<CommitHeader, QString> commitHeader(const ObjectId &id) const;
    /// The header of the commit a full 40-digit id names; a message for any other text.
    std::variant<CommitHeader, QString> commitHeader(const QString &commitId) const;

    /// A path inside a tree, split into its names once for the many trees it is looked up in.
    class TreePath
    {
    public:
        /// The root.
        TreePath() = default;
        /// @p path with "./" in front and "/" at the end ignored ("" and "." are the root).
        explicit TreePath(const QString &path);
        /// The path as given to the constructor, normalised.
        const QString &text() const { return m_text; }
        const QList<QByteArray> &names() const { return m_names; }

    private:
        QString m_text;
        QList<QByteArray> m_names;
    };

    /// What @p paths name in tree @p tree, written to @p ids in their order: a tree id for a
    /// folder, a blob id for a file, the null id where nothing is (@p tree for the root).
    /// Folders that paths in a row share are read once. False with @p error (naming what could
    /// not be read) when a tree on the way cannot be read.
    bool entryIds(const ObjectId &tree, const QList<TreePath> &paths, QList<ObjectId> *ids,
                  QString *error) const;

    /// The libgit2 handle, for the other classes of models/git on the same thread.
    git_repository *handle() const { return m_handle.get(); }

private:
    /// Frees the handle (git_repository_free, in repository.cpp).
    struct HandleFree
    {
        void operator()(git_repository *handle) const;
    };

    struct OdbFree
    {
        void operator()(git_odb *odb) const;
    };

    /// Takes ownership of @p handle.
    explicit Repository(git_repository *handle);
    std::variant<QList<TreeFile>, QString>
    applyWorkingCopyEdits(const QList<TreeFile> &committed) const;

    /// The object database, taken from the handle on first use (commitHeader(), entryIds()).
    git_odb *odb(QString *error) const;
    /// Whether the repository is a shallow clone. Asking libgit2 reads the file system, which
    /// is too slow once per commit of a walk: the answer is kept for up to a second.
    bool isShallow() const;

    std::unique_ptr<git_repository, HandleFree> m_handle;
    mutable std::unique_ptr<git_odb, OdbFree> m_odb; // after m_handle: freed before it
    mutable QElapsedTimer m_shallowCheck;
    mutable bool m_shallow = false;
};

} // namespace gitops::git
