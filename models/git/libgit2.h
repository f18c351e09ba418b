#pragma once

#include "git/objectid.h"

#include <QByteArray>
#include <QString>

#include <git2.h>

#include <memory>

namespace gitops::git {

/// Initialises libgit2 once for the life of the process; call before any git_* function.
/// Thread-safe. libgit2 is never shut down: per-thread error state of threads that already
/// ended would otherwise leak, and a process-wide library has nothing to release early.
void ensureLibGit2();

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};

// RAII owners of libgit2 handles (STYLE.md rule 9).
using RepositoryHandle =
    std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using ReferenceHandle = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using ObjectHandle = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using CommitHandle = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using TreeHandle = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using TreeEntryHandle =
    std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;
using OdbHandle = std::unique_ptr<git_odb, Deleter<git_odb, git_odb_free>>;
using OdbObjectHandle =
    std::unique_ptr<git_odb_object, Deleter<git_odb_object, git_odb_object_free>>;
using BlobHandle = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using RemoteHandle = std::unique_ptr<git_remote, Deleter<git_remote, git_remote_free>>;
using StatusListHandle =
    std::unique_ptr<git_status_list, Deleter<git_status_list, git_status_list_free>>;
using RevwalkHandle = std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>>;
using IndexHandle = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using SignatureHandle = std::unique_ptr<git_signature, Deleter<git_signature, git_signature_free>>;
using ConfigHandle = std::unique_ptr<git_config, Deleter<git_config, git_config_free>>;
using IndexConflictIteratorHandle =
    std::unique_ptr<git_index_conflict_iterator,
                    Deleter<git_index_conflict_iterator, git_index_conflict_iterator_free>>;

/// Owns the strings of a git_strarray that libgit2 filled in.
class StringArray
{
public:
    StringArray() = default;
    ~StringArray() { git_strarray_dispose(&m_array); }
    StringArray(const StringArray &) = delete;
    StringArray &operator=(const StringArray &) = delete;

    git_strarray *get() { return &m_array; }
    const git_strarray &operator*() const { return m_array; }

private:
    git_strarray m_array = {nullptr, 0};
};

/// The hexadecimal text of @p oid.
QString oidToString(const git_oid &oid);

/// Parses a full hexadecimal id; false when @p text is not one.
bool oidFromString(git_oid *oid, const QString &text);

/// @p id as libgit2's id type, and back.
inline git_oid toOid(const ObjectId &id)
{
    git_oid oid;
    git_oid_fromraw(&oid, id.data());
    return oid;
}
inline ObjectId fromOid(const git_oid &oid)
{
    return ObjectId::fromRaw(oid.id);
}

/// The text of libgit2's last error on this thread, or a generic text naming the code.
QString lastErrorMessage(int code);

} // namespace gitops::git
