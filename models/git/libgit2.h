#pragma once

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
using RepositoryHandle
    = std::unique_ptr<git_repository, Deleter<git_repository, git_repository_free>>;
using ReferenceHandle = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using ObjectHandle = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;

/// The text of libgit2's last error on this thread, or a generic text naming the code.
QString lastErrorMessage(int code);

} // namespace gitops::git
