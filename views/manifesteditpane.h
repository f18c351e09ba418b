#pragma once

#include "changepreview.h"
#include "pendingchange.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QToolButton;

namespace gitops {

class ManifestEditor;

/// The "Edit in git" pane: one file of the pending change in a ManifestEditor (the file's
/// bytes at the revision, then as edited), a choice of the change's files, and a line that
/// says what the editor found: the parser's error, or how the edit compares with live.
/// Typing is reported with edited() for the owner to put on the undo stack; the pane
/// follows the PendingChange (undo, redo, adoption) without reporting that back. A moment
/// after the text changes it parses it and compares the resource being looked at
/// (previewEdit()) on the thread pool and says so with previewed(). GUI thread.
class ManifestEditPane : public QWidget
{
    Q_OBJECT

public:
    explicit ManifestEditPane(PendingChange *change, QWidget *parent = nullptr);
    ~ManifestEditPane() override;

    /// Shows the change's file @p path, its lines @p first to @p last marked (0: none).
    void showFile(const QString &path, int first = 0, int last = 0);
    QString shownPath() const { return m_path; }
    /// What previews compare: the resource @p id of @p app against @p live. @p renderedNote
    /// non-empty: the app's files are rendered (kustomize), no preview is made and the note
    /// says so.
    void setPreviewTarget(const AppDesiredState &app, const manifest::ResourceId &id,
                          const QJsonObject &live, const QString &renderedNote = {});
    void clearPreviewTarget();

    ManifestEditor *editor() const { return m_editor; }
    QLabel *status() const { return m_status; }
    QComboBox *files() const { return m_files; }
    /// The latest preview (for tests and the review).
    const EditPreview &preview() const { return m_preview; }

Q_SIGNALS:
    /// The user typed: @p bytes are the file's new content (line ends as the file had them).
    void edited(const QString &path, const QByteArray &bytes);
    /// The user asks to drop their edits of @p path (back to the revision's bytes).
    void revertRequested(const QString &path);
    /// A preview of @p path is ready (the text as it is now).
    void previewed(const QString &path, const gitops::EditPreview &preview);

private:
    void fileChanged(const QString &path);
    void fillFiles();
    void setEditorBytes(const QByteArray &bytes);
    QByteArray editorBytes() const;
    void schedulePreview();
    void startPreview();
    void showPreview();

    PendingChange *m_change;
    QComboBox *m_files;
    QLabel *m_where;
    QToolButton *m_revert;
    ManifestEditor *m_editor;
    QLabel *m_status;
    QString m_path;
    bool m_crlf = false;
    bool m_applying = false;

    std::optional<AppDesiredState> m_app;
    manifest::ResourceId m_id;
    QJsonObject m_live;
    QString m_renderedNote;

    QTimer m_debounce;
    QFutureWatcher<EditPreview> m_watcher;
    quint64 m_generation = 0;
    quint64 m_running = 0;
    bool m_again = false;
    EditPreview m_preview;
};

} // namespace gitops
