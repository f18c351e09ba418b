#pragma once

#include "git/libgit2.h"

#include <QString>

#include <memory>
#include <variant>

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

private:
    explicit Repository(RepositoryHandle handle);

    RepositoryHandle m_handle;
};

} // namespace gitops::git
