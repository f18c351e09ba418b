#pragma once

#include "changepreview.h"
#include "pendingchange.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QToolButton;

namespace gitops {

namespace git {
class RepositoryWorker;
} // namespace git

class ManifestEditor;

/// The "Edit in git" pane: one file of the pending change in a ManifestEditor (the file's
/// bytes at the revision, then as edited), a choice of the change's files, and a line that
/// says what the editor found: the parser's error, or how the edit compares with live.
/// Typing is reported with edited() for the owner to put on the undo stack; the pane
/// follows the PendingChange (undo, redo, adoption) without reporting that back. A moment
/// after the text changes it parses it and compares the resource being looked at
/// (previewEdit()) on the thread pool and says so with previewed(). For a kustomize app
/// the preview is the app rendered with every file of the change in place of git's
/// (change::RenderTree, from the repository set with setRepository()), a render still
/// running stopped when the text changes again. GUI thread.
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
    /// non-empty: the app's files are not rendered for a preview (Helm), no preview is made
    /// and the note says so. A kustomize app is rendered (with a repository set).
    void setPreviewTarget(const AppDesiredState &app, const manifest::ResourceId &id,
                          const QJsonObject &live, const QString &renderedNote = {});
    void clearPreviewTarget();
    /// The repository kustomize apps' previews read the revision's other files from.
    void setRepository(const std::shared_ptr<git::RepositoryWorker> &worker);

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
    /// The target is a kustomize app that is rendered for the preview.
    bool rendersTarget() const;

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

    std::weak_ptr<git::RepositoryWorker> m_repository;
    std::shared_ptr<const change::RenderTree> m_tree;
    QString m_treeError;
    QString m_treeWanted; ///< the revision whose copy is being written
    std::shared_ptr<std::atomic_bool> m_stopRender;
};

} // namespace gitops
