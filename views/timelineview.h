#pragma once

#include "change/changesubmission.h"
#include "forge/commitpullrequests.h"
#include "git/commitresult.h"
#include "history/commitdetail.h"
#include "history/livecommit.h"
#include "history/rollbackplan.h"

#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProcessEnvironment>
#include <QWidget>

#include <memory>
#include <optional>
#include <variant>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace gitops {

class ChangeRequests;
class CommitDetailPane;
class TimelineModel;
class WorkspaceDocument;

/// The rollback timeline of one app (issue 16, items 3 and 4), a window of its own: the
/// app's commits newest first (TimelineModel, loaded in pages as the list scrolls) with the
/// HEAD, live and deploy markers, a text and an author filter, the live commit found by
/// content in the background with its progress, and the selected commit's detail
/// (CommitDetailPane). "Roll Back to This Commit" plans the rollback on the repository
/// worker (history::planRollback() on the fetched target branch) and hands its files to the
/// window's ChangeRequests, whose review submits it. Every git read is a job on the
/// document's repository worker. GUI thread.
class TimelineView : public QWidget
{
    Q_OBJECT

public:
    /// The timeline of @p appName of @p document's workspace; rollbacks go to @p changes.
    TimelineView(WorkspaceDocument *document, ChangeRequests *changes, const QString &appName,
                 QWidget *parent = nullptr);
    ~TimelineView() override;

    QString appName() const { return m_app.name; }
    TimelineModel *model() const { return m_model; }
    QTreeView *list() const { return m_list; }
    QLineEdit *textFilter() const { return m_textFilter; }
    QComboBox *authorFilter() const { return m_authorFilter; }
    QLabel *liveStatus() const { return m_liveStatus; }
    CommitDetailPane *detail() const { return m_detail; }
    QPushButton *rollbackButton() const { return m_rollbackButton; }
    QAction *liveAction() const { return m_liveAction; }
    /// The full id of the selected commit, "" when none is.
    QString selectedCommit() const;
    /// The commit whose detail is shown, "" while none is.
    QString detailCommit() const { return m_detailCommit; }
    /// The selected commits' full ids, newest first (the current one when none is selected).
    QStringList selectedCommits() const;
    /// Selects @p commitId once it is loaded (loading pages until it is).
    void selectCommit(const QString &commitId);

    /// Rolls back to the selected commit: plans it and opens the review.
    void rollBack();
    /// Reverts the selected commits (one real revert on the target branch tip, newest first)
    /// into the review. A revert that conflicts asks (conflictDialog()): a draft pull request
    /// whose conflicted files stay as the tip has them, listed to resolve by hand, or cancel.
    void revert();
    /// The question about a conflicting revert while it is open, else null.
    QMessageBox *conflictDialog() const { return m_conflicts; }
    QPushButton *revertButton() const { return m_revertButton; }
    /// What the forge says about pull requests ("" while asking or when all is well).
    QLabel *forgeStatus() const { return m_forgeStatus; }
    /// The forge is being asked (pullRequestsKnown() follows).
    bool askingForge() const
    {
        return !m_noRemote
            && (m_remoteUrl.isEmpty() ? !m_waitingCommits.isEmpty() : m_pulls->isAsking());
    }
    /// Where the forge token comes from (forge::ForgeConnection::setTokenSource()); tests
    /// give their local forge's. Call before the first page arrives.
    void setTokenSource(const QProcessEnvironment &environment, bool useKeychain);

Q_SIGNALS:
    /// The forge answered for every loaded commit, or said why it cannot.
    void pullRequestsKnown();
    /// The live commit search ended (found or not); liveStatus() says what it found.
    void liveFound();
    /// The selected commit's detail is shown.
    void detailShown(const QString &commitId);
    /// A rollback or revert was planned and handed to the review, or refused with @p message.
    void rollbackProposed();
    void rollbackRefused(const QString &message);

private:
    /// Starts the history and the live search once the workspace's apps are read.
    void start();
    void findLive();
    void showLive(const std::variant<history::LiveCommit, QString> &result);
    void selectionChanged();
    void fillAuthors();
    void applyFilters();
    void refuse(const QString &message);
    /// Asks the forge which pull requests hold the commits loaded since the last ask.
    void askForge();
    void updateButtons();
    void propose(bool revert);
    void planRollback(const change::FetchedTarget &target, const QString &commit);
    /// @p leaveConflicts: the files that conflict stay as the tip has them (the user chose a
    /// draft pull request in askAboutConflicts()).
    void planRevert(const change::FetchedTarget &target, const QStringList &commits,
                    bool leaveConflicts = false);
    /// A revert that conflicts: the files named, the user chooses a draft pull request with
    /// them left to resolve by hand, or to cancel.
    void askAboutConflicts(const change::FetchedTarget &target, const QStringList &commits,
                           const QList<git::FileConflict> &conflicts);
    /// Makes @p files the pending change and opens the review.
    void handOver(const QList<history::RollbackFile> &files, const QString &tip,
                  const QString &revision, const QString &title, const QString &description);

    WorkspaceDocument *m_document;
    ChangeRequests *m_changes;
    App m_app;
    TimelineModel *m_model;
    QSortFilterProxyModel *m_authorProxy;
    QSortFilterProxyModel *m_textProxy;
    QTreeView *m_list;
    QLineEdit *m_textFilter;
    QComboBox *m_authorFilter;
    QLabel *m_liveStatus;
    QProgressBar *m_liveProgress;
    CommitDetailPane *m_detail;
    QPushButton *m_rollbackButton;
    QPushButton *m_revertButton;
    QAction *m_liveAction;
    QAction *m_headAction;
    QFutureWatcher<std::variant<history::LiveCommit, QString>> m_liveWatcher;
    /// The app's states, kept across the commits the user looks at; created and used by jobs
    /// on the repository worker only (it borrows the worker's repository). Whoever drops the
    /// last reference frees it, which touches no repository: it holds parsed values only.
    std::shared_ptr<std::unique_ptr<history::AppStateReader>> m_reader;
    std::optional<history::LiveEvidence> m_evidence;
    QString m_shownCommit;
    QString m_detailCommit;
    QString m_wanted; ///< selectCommit()'s commit, until it is loaded
    bool m_planning = false;
    QPointer<QMessageBox> m_conflicts;
    bool m_waitingForLive = false;
    QLabel *m_forgeStatus;
    forge::CommitPullRequests *m_pulls;
    QString m_remoteUrl; ///< the forge's remote, once read
    QStringList m_waitingCommits; ///< to ask about once the remote is read
    bool m_noRemote = false;
    int m_pullsAsked = 0; ///< the model's rows given to m_pulls so far ///< findLive() again once
                          ///< the cluster is listed
};

} // namespace gitops
