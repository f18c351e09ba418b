#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gitops::git {

/// One change to the files of a base commit, as CommitBuilder applies it.
/// A plain value; safe to copy between threads.
struct FileEdit
{
    enum class Kind {
        Write, ///< set the file's bytes (adds the file when new; keeps an existing file's mode)
        Remove, ///< remove the file, or every file under the folder
        RestoreFolder, ///< make the folder exactly what it is in another revision
    };
    Kind kind = Kind::Write;
    /// A path relative to the repository root with '/' separators ("" is the root folder,
    /// for RestoreFolder only).
    QString path;
    QByteArray content; ///< Write only
    bool executable = false; ///< Write only, for a new file
    QString sourceRevision; ///< RestoreFolder only: the revision to take the folder from

    static FileEdit write(const QString &path, const QByteArray &content)
    {
        return {Kind::Write, path, content, false, {}};
    }
    static FileEdit remove(const QString &path) { return {Kind::Remove, path, {}, false, {}}; }
    static FileEdit restoreFolder(const QString &folder, const QString &revision)
    {
        return {Kind::RestoreFolder, folder, {}, false, revision};
    }
};

/// Who wrote or committed a change; an invalid time means "now".
struct Identity
{
    QString name;
    QString email;
    QDateTime when;
};

/// What a new commit should hold and where it goes: the edits are applied to @c base's
/// tree, and the commit (whose one parent is @c base) is put on the new branch @c branch.
/// Author and committer come from the environment (GIT_AUTHOR_NAME, ..._EMAIL, ..._DATE and
/// GIT_COMMITTER_*) and the repository's and user's git config (user.name, user.email),
/// unless given here.
struct CommitRequest
{
    QString base; ///< a revision spec: "origin/main", a commit id
    QString branch; ///< short name of the branch to create: "gitops/scale-web"
    QList<FileEdit> edits;
    QString subject; ///< one line
    QString body; ///< optional paragraphs after the subject
    std::optional<Identity> author;
    std::optional<Identity> committer;
};

/// Reverts @c commits (in that order, each against its first parent) on top of @c base and
/// puts the one resulting commit on the new branch @c branch. Without a subject the message
/// is git's own ("Revert "<subject>"" / "This reverts commit <id>.").
struct RevertRequest
{
    QString base;
    QString branch;
    QStringList commits; ///< revision specs
    QString subject;
    QString body;
    std::optional<Identity> author;
    std::optional<Identity> committer;
};

} // namespace gitops::git
