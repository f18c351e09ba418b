#pragma once

#include "change/changesubmission.h"
#include "changepreview.h"

#include <QDialog>
#include <QFuture>

#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace gitops {

class PendingChange;
class SideBySideDiffView;

/// What the review pane is told about the change besides its files: per app the branch its
/// controller follows, and how the change was made (for the description).
struct ReviewContext
{
    QString targetBranch; ///< empty: the remote's default branch
    QString targetNote; ///< why that branch, in words
    QString context; ///< the kubeconfig context live values were taken from
    /// A change made whole by the console (a rollback): its title and the description's
    /// opening, which replace what the edits would say; empty: made from the edits.
    QString title;
    QString description;
    /// The apps and live objects the resources' verdicts before and after the change are
    /// computed against (asked on the GUI thread each time the change changes); unset: no
    /// verdicts.
    std::function<VerdictBasis()> basis;
    /// Where a kustomize app's other files are read from to render it with the change
    /// (the verdicts after the change); unset: they are not computed.
    std::shared_ptr<git::RepositoryWorker> repository;
};

/// The review of a pending change before it becomes a pull request (issue 15, item 3):
/// the file diff (unified, or side by side per file), the resources it changes with their
/// verdicts against live now and after the change ("OutOfSync → Synced") in every app that
/// reads the changed files (each overlay of an edited kustomize base), the
/// target branch, the branch name (forge::changeBranchName() by default, editable), title
/// and description prefilled from the edits, draft and "open a pull request" toggles;
/// Submit asks the owner to submit, which reports back with setRunning() and showResult().
/// Non-modal; reads the change again whenever it changes. GUI thread.
class ChangeReviewDialog : public QDialog
{
    Q_OBJECT

public:
    ChangeReviewDialog(PendingChange *change, QWidget *parent = nullptr);
    ~ChangeReviewDialog() override;

    void setContext(const ReviewContext &context);
    /// The request Submit sends: the change's files and what the fields say.
    change::SubmissionRequest request() const;

    /// A submission runs (Submit disabled, Cancel stops it) or ended.
    void setRunning(bool running);
    void showResult(const change::SubmissionResult &result);

    QPlainTextEdit *unifiedDiff() const { return m_unified; }
    QTreeWidget *resources() const { return m_resources; }
    QLineEdit *branch() const { return m_branch; }
    QLineEdit *target() const { return m_target; }
    QLineEdit *title() const { return m_title; }
    QPlainTextEdit *body() const { return m_body; }
    QLineEdit *labels() const { return m_labels; }
    QLineEdit *reviewers() const { return m_reviewers; }
    QCheckBox *draftToggle() const { return m_draft; }
    QCheckBox *openPullRequestToggle() const { return m_openPullRequest; }
    QPushButton *submitButton() const { return m_submit; }
    QLabel *outcome() const { return m_outcome; }

    /// The title a change is given until the user writes another: @p contextTitle
    /// (ReviewContext::title) if set, else made from @p change's edits.
    static QString titleFor(const PendingChange *change, const QString &contextTitle);

    /// The columns of resources().
    enum ResourceColumn {
        ResourceNameColumn,
        ResourceAppColumn, ///< the app whose resource it is (an edited base's overlays)
        ResourceFileColumn,
        ResourceHowColumn,
        VerdictColumn
    };

Q_SIGNALS:
    void submitRequested(const gitops::change::SubmissionRequest &request);
    void cancelRequested();

private:
    void refresh();
    void fillTexts();
    void showFile(int index);
    void verdictsFrom(QFuture<QList<ResourceVerdict>> future);
    void showVerdicts(const QList<ResourceVerdict> &verdicts);
    QString defaultBranch() const;
    QString defaultTitle() const;
    QString defaultBody() const;

    PendingChange *m_change;
    ReviewContext m_context;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_unified;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    SideBySideDiffView *m_sideBySide;
    QTreeWidget *m_files;
    QTreeWidget *m_resources;
    QLineEdit *m_target;
    QLineEdit *m_branch;
    QLineEdit *m_title;
    QPlainTextEdit *m_body;
    QLineEdit *m_labels;
    QLineEdit *m_reviewers;
    QCheckBox *m_draft;
    QCheckBox *m_openPullRequest;
    QLabel *m_outcome;
    QPushButton *m_submit;
    QPushButton *m_close;
    bool m_running = false;
    /// What the prefilled fields said last: a field the user changed keeps their text.
    QString m_shownTarget;
    QString m_shownBranch;
    QString m_shownTitle;
    QString m_shownBody;
    quint64 m_verdictGeneration = 0;
    /// The copy kustomize apps render from, and the revision it is being written for.
    std::shared_ptr<const change::RenderTree> m_tree;
    QString m_treeWanted;
    QString m_treeError;
    std::shared_ptr<std::atomic_bool> m_stopRender;
    /// The kustomize apps' inputs at the commit the edit began from (which other apps read
    /// the changed files), and the commit they are being read for.
    AppInputs m_inputs;
    QString m_inputsCommit;
    QString m_inputsWanted;
};

} // namespace gitops
