#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace gitops::git {

/// A revision resolved by Repository::resolve(): a commit and its root tree, or the working
/// copy (the committed files plus every uncommitted edit, as they are on disk).
/// A plain value; safe to copy between threads.
struct Revision
{
    /// What the user asked for ("HEAD~3", "origin/main", a short id, "WORKING").
    QString spec;
    /// Full id of the commit; for the working copy the commit HEAD points to ("" if unborn).
    QString commitId;
    /// Full id of the commit's root tree; empty for the working copy.
    QString treeId;
    bool workingCopy = false;

    /// The spec that names the working copy in resolve().
    static QString workingCopySpec() { return QStringLiteral("WORKING"); }
};

/// One file of a revision, as Repository::files() lists it.
struct TreeFile
{
    /// Path relative to the repository root, with '/' separators.
    QString path;
    /// The git blob id of the content (for uncommitted files: the id git would give it).
    QString blobId;
    /// For working-copy files that differ from HEAD: the bytes read from disk. Empty (and
    /// unused) for files read from the object database.
    QByteArray content;
    bool fromDisk = false;
};

} // namespace gitops::git
