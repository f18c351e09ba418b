#pragma once

#include "drift/workspacedrift.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacesession.h"

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace gitops {

class AuditView;
class ChangeRequests;
class ComparePane;
class DriftBrowser;
class EmptyState;
class MessageBanner;
class TimelineView;

/// The console's main window: the workspace bar, the resource area on the left, the
/// side-by-side desired/live area on the right, a banner for errors, and the status bar.
/// Lives on the GUI thread; all slow work goes through models that report back to it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens the repository containing @p path, asynchronously. Errors show in the banner.
    void openWorkspace(const QString &path);
    /// Compares with the kubeconfig context @p context ("" for none).
    void selectContext(const QString &context);
    /// Reads the desired state at @p spec (branch, tag, commit, "HEAD", or the working tree).
    void selectRevision(const QString &spec);
    /// Selects the resource with tree key @p key as soon as the browser has it, and emits
    /// resourceDisplayed() once its diff is shown with live data.
    void selectWhenAvailable(const QString &key);
    const WorkspaceInfo &workspace() const { return m_workspace; }
    /// The open workspace: its repository worker, session and undo stack.
    WorkspaceDocument *document() const { return m_document; }

    // Parts that tests and later features address directly.
    EmptyState *resourceEmptyState() const { return m_resourceEmpty; }
    ComparePane *comparePane() const { return m_compare; }
    MessageBanner *banner() const { return m_banner; }
    QLabel *contextStatus() const { return m_contextStatus; }
    DriftBrowser *browser() const { return m_browser; }
    QComboBox *contextSelector() const { return m_contextCombo; }
    QComboBox *revisionSelector() const { return m_revisionCombo; }
    QLabel *progressLabel() const { return m_progressLabel; }
    QAction *stopAction() const { return m_stopAction; }
    /// Adopting live values, editing sources, the pending change, review and submission.
    ChangeRequests *changeRequests() const { return m_changes; }
    /// The audit view of @p app ("": the selected resource's app), built anew; with
    /// auditLogFile()'s writes joined in. Who Changed This? filters it to a difference.
    AuditView *openAudit(const QString &app = {});
    AuditView *auditView() const { return m_audit; }
    /// The Kubernetes audit log file the audit view reads ("" for none).
    void setAuditLogFile(const QString &file) { m_auditLogFile = file; }
    QString auditLogFile() const { return m_auditLogFile; }
    QAction *auditAction() const { return m_auditAction; }
    QAction *whoChangedAction() const { return m_whoChangedAction; }
    /// The rollback timeline of @p app ("": the selected resource's app) in a window of its
    /// own; null (and a banner) when no workspace is open.
    TimelineView *openTimeline(const QString &app = {});
    QAction *historyAction() const { return m_historyAction; }

Q_SIGNALS:
    /// Emitted once an open (successful or not) has been shown.
    void workspaceShown();
    /// The resource asked for with selectWhenAvailable() is shown, compared with live.
    void resourceDisplayed();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createWorkspaceBar();
    void showWorkspace(const WorkspaceInfo &info);
    void showNoWorkspace();
    void showSnapshot(const drift::WorkspaceDrift &snapshot);
    void showReadProblems(const drift::WorkspaceDrift &snapshot);
    void fillContexts();
    void fillRevisions(const WorkspaceInfo &info);
    void createProgressIndicator();
    void showProgress(const SessionProgress &progress);
    void chooseWorkspace();
    void rememberWorkspace(const QString &root);
    void rebuildRecentMenu();
    void showAbout();
    void createAuditActions(QMenu *menu);
    void showWhoChanged();
    void restoreSettings();
    void saveSettings() const;

    WorkspaceDocument *m_document;
    WorkspaceInfo m_workspace;

    QAction *m_openAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_historyAction = nullptr;
    QMenu *m_recentMenu = nullptr;

    QToolButton *m_workspaceButton = nullptr;
    QComboBox *m_contextCombo = nullptr;
    QComboBox *m_revisionCombo = nullptr;
    QLabel *m_progressLabel = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QToolButton *m_stopButton = nullptr;
    MessageBanner *m_banner = nullptr;
    QSplitter *m_splitter = nullptr;

    EmptyState *m_resourceEmpty = nullptr;
    ComparePane *m_compare = nullptr;
    QLabel *m_contextStatus = nullptr;
    QStackedWidget *m_pages = nullptr;
    DriftBrowser *m_browser = nullptr;
    WorkspaceSession *m_session = nullptr; ///< the document's
    ChangeRequests *m_changes = nullptr;
    QAction *m_auditAction = nullptr;
    QAction *m_whoChangedAction = nullptr;
    AuditView *m_audit = nullptr;
    QString m_auditLogFile;
    bool m_discardOnClose = false; ///< the user chose to discard the pending change
    QString m_pendingSelection;
    QStringList m_shownProblems; ///< the apps' read errors the banner was last given
    QString m_problemText;
};

} // namespace gitops
