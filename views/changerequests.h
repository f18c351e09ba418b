#pragma once

#include "change/changesubmission.h"
#include "changepreview.h"
#include "drift/difference.h"
#include "history/rollbackplan.h"
#include "manifest/resource.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <functional>

class QAction;
class QDockWidget;
class QLabel;
class QMainWindow;
class QMenu;
class QProgressBar;
class QToolButton;

namespace gitops {

class ChangeReviewDialog;
class DriftBrowser;
class ForgeTokenDialog;
class ManifestEditPane;
class MessageBanner;
class PendingChange;
class WorkspaceDocument;

/// The window's change requests (issue 15): "Take Live Value into Git" on differences and
/// resources, "Edit Source in Git" with its editor dock, the pending change and its
/// indicator in the status bar, the review, and the submission through
/// change::ChangeSubmission on the document's repository worker, with its steps in the
/// status bar and the submitted changes listed in the Change menu. Every edit is a
/// DraftEditCommand on the document's undo stack. Owned by the main window; GUI thread.
class ChangeRequests : public QObject
{
    Q_OBJECT

public:
    ChangeRequests(WorkspaceDocument *document, DriftBrowser *browser, MessageBanner *banner,
                   QMainWindow *window);
    ~ChangeRequests() override;

    /// Undo and Redo, for the Edit menu.
    QList<QAction *> editActions() const;
    QMenu *menu() const { return m_menu; }
    QDockWidget *editDock() const { return m_dock; }
    ManifestEditPane *editPane() const { return m_pane; }
    PendingChange *pending() const { return m_pending; }
    /// The review, once opened.
    ChangeReviewDialog *review() const;
    QToolButton *pendingIndicator() const { return m_pendingButton; }
    QLabel *submissionStatus() const { return m_submissionLabel; }
    QList<change::SubmissionResult> submitted() const { return m_submitted; }
    /// The token dialog, while a submission that found no token (or a refused one) asks.
    ForgeTokenDialog *tokenDialog() const;

    QAction *adoptAction() const { return m_adoptAction; }
    QAction *adoptResourceAction() const { return m_adoptResourceAction; }
    QAction *adoptObjectAction() const { return m_adoptObjectAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *reviewAction() const { return m_reviewAction; }
    QAction *discardAction() const { return m_discardAction; }

    /// Takes the live values of @p differences of the selected resource into the change.
    void adopt(const QList<drift::Difference> &differences);
    /// Adds the selected resource, which the app runs and git does not name, to git as a
    /// new file in the app's folder (and to its kustomization), as `gitops-console adopt`
    /// does (change::adoptLiveObject()).
    void adoptObject();
    void editSource();
    void showReview();
    /// Makes @p files of @p app the pending change (one undo step; the pending change must
    /// be empty), read at commit @p base, restoring what they are at @p revision, and opens
    /// the review with @p title and @p description (a rollback from the timeline).
    void proposeFiles(const QString &app, const QList<history::RollbackFile> &files,
                      const QString &base, const QString &revision, const QString &title,
                      const QString &description);
    /// Where submissions take the forge token from (ChangeSubmission::setTokenSource());
    /// tests give their local forge's. Default: the keychain, then the environment.
    void setTokenSource(const QProcessEnvironment &environment, bool useKeychain);

Q_SIGNALS:
    /// An adoption ended: @p refusals are "field: reason" lines (empty when all were taken).
    void adoptionDone(const QStringList &refusals);
    void submissionFinished(const gitops::change::SubmissionResult &result);

private:
    /// What a resource's change is made in: its app, file and manifest at the revision.
    struct Source
    {
        QString app;
        QString revision;
        manifest::Resource resource;
        bool rendered = false;
        QString renderer;
    };
    std::optional<Source> sourceOfSelected(QString *why) const;
    /// The file's original and current bytes and the commit the original was read at (for
    /// the working copy, HEAD's): the pending change's, else read at the revision on the repository
    /// worker; or why they could not be read.
    void withBytes(const Source &source,
                   std::function<void(const QByteArray &original, const QByteArray &current,
                                      const QString &commit, const QString &error)>
                       then);
    void adoptInto(const Source &source, const QList<drift::Difference> &differences,
                   const QByteArray &original, const QByteArray &current, const QString &commit);
    /// A kustomize-rendered resource's fields go to the files that literally hold them,
    /// found with change::renderedSources() among the revision's files (the CLI's rule).
    void adoptRendered(const Source &source, const QList<drift::Difference> &allowed,
                       const QStringList &refusals);
    void openInEditor(const Source &source, const QByteArray &original, const QString &commit);
    void typed(const QString &path, const QByteArray &bytes);
    void revertFile(const QString &path);
    void discard();
    void updateActions();
    void updatePending();
    void updatePreviewTarget();
    void previewed(const QString &path, const EditPreview &preview);
    void submit(const change::SubmissionRequest &request);
    void submissionEnded(const change::SubmissionResult &result);
    void askForToken(const change::SubmissionResult &result);
    void refuse(const QString &message);
    void forgetProposal();
    /// The tree's marks on the resources the pending change touches (cleared with it).
    void updateMarks();
    void showMarks();

    WorkspaceDocument *m_document;
    DriftBrowser *m_browser;
    MessageBanner *m_banner;
    QMainWindow *m_window;
    PendingChange *m_pending;
    ManifestEditPane *m_pane;
    QDockWidget *m_dock;
    QPointer<ChangeReviewDialog> m_review;
    change::ChangeSubmission *m_submission = nullptr;
    change::SubmissionRequest m_lastRequest; ///< submitted again once a token is entered
    QPointer<ForgeTokenDialog> m_tokenDialog;
    QList<change::SubmissionResult> m_submitted;
    std::optional<std::pair<QProcessEnvironment, bool>> m_tokenSource;

    QMenu *m_menu;
    QMenu *m_submittedMenu;
    QAction *m_undoAction;
    QAction *m_redoAction;
    QAction *m_adoptAction;
    QAction *m_adoptResourceAction;
    QAction *m_adoptObjectAction;
    QAction *m_editAction;
    QAction *m_reviewAction;
    QAction *m_discardAction;

    QToolButton *m_pendingButton;
    QLabel *m_submissionLabel;
    QProgressBar *m_submissionBar;
    QToolButton *m_submissionCancel;
    /// What the editor pane previews against, to ask again only when it changes.
    QString m_previewKey;
    QJsonObject m_previewLive;
    /// proposeFiles()' title and description, until the pending change is empty again.
    QString m_proposalTitle;
    QString m_proposalDescription;
    QList<manifest::ResourceId> m_marked;
    quint64 m_marksGeneration = 0;
};

} // namespace gitops
