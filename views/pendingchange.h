#pragma once

#include "change/changedraft.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace gitops {

/// The change being prepared in the window, before it is a pull request: per
/// repository-relative file the bytes it had at the revision the edit began from, its bytes
/// now, the app it belongs to and one line per edit (for the review and the commit
/// message). Only DraftEditCommand changes it, so that every edit is on the document's
/// undo stack. Lives on the GUI thread, owned by the window's ChangeRequests.
class PendingChange : public QObject
{
    Q_OBJECT

public:
    /// One file of the change. A plain value.
    struct File
    {
        QString app;
        QString revision; ///< what the original bytes were read at ("a1b2c3d4", "WORKING")
        QByteArray original;
        QByteArray current;
        QStringList summary; ///< what was done to it, one line an edit
        bool handEdited = false;
        /// The full id of the commit the original bytes were read at (the submission's
        /// SubmissionRequest::draftBase); for the working copy the commit HEAD points to.
        QString commit;
        /// The change deletes the file (a rollback to a commit that lacks it); current is empty.
        bool removed = false;

        bool operator==(const File &) const = default;
    };

    explicit PendingChange(QObject *parent = nullptr);

    /// The file at @p path, if the change holds it (changed or opened for editing).
    std::optional<File> file(const QString &path) const;
    QStringList paths() const { return m_files.keys(); }
    /// The files whose bytes differ from their original, sorted.
    QStringList changedPaths() const;
    bool isEmpty() const { return changedPaths().isEmpty(); }
    /// The apps the changed files belong to, sorted.
    QStringList apps() const;
    /// The changed files' new bytes and every edit's line, for change::SubmissionRequest;
    /// removed files are in removedPaths() instead.
    change::ChangeDraft draft() const;
    /// The files the change deletes, sorted.
    QStringList removedPaths() const;

    /// Sets (or, with nullopt, forgets) the file at @p path; for DraftEditCommand.
    void setFile(const QString &path, const std::optional<File> &file);
    /// Forgets everything (a submitted change, another workspace).
    void clear();

Q_SIGNALS:
    void fileChanged(const QString &path);
    /// Any file changed; changedPaths() may have grown or shrunk.
    void changed();

private:
    QMap<QString, File> m_files;
};

} // namespace gitops
