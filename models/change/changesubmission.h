#pragma once

#include "change/changedraft.h"
#include "forge/forgehost.h"
#include "forge/pullrequest.h"
#include "git/transfer.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>
#include <variant>

namespace gitops::git {
class RepositoryWorker;
} // namespace gitops::git

namespace gitops::change {

/// What to submit: the draft, where it goes, and what the pull request says. A plain value.
struct SubmissionRequest
{
    ChangeDraft draft; ///< repository-relative path -> new bytes (empty bytes never delete)
    QStringList removedFiles; ///< repository-relative paths the change deletes
    /// Folders to make exactly what they are at @c restoreRevision (a rollback); empty: none.
    QStringList restoredFolders;
    QString restoreRevision;
    /// Commits to revert on top of the target branch tip (a revert); empty: none. Exclusive
    /// with the file edits above.
    QStringList revertedCommits;

    QString app; ///< the app's name, for the branch name and the messages
    QString remote = QStringLiteral("origin");
    /// The branch the pull request targets: the app's targetRevision when it names a branch,
    /// else empty for the remote's default branch (its HEAD, read when fetching).
    QString targetBranch;
    QString branch; ///< empty: forge::changeBranchName(app, the change's content)

    QString title; ///< the commit's subject and the pull request's title
    QString body; ///< the commit's body and the pull request's description
    bool draftPullRequest = false;
    QStringList labels;
    QStringList reviewers;
    bool openPullRequest = true; ///< false (`--no-pr`): push the branch only

    QString knownHostsFile; ///< empty: ~/.ssh/known_hosts

    /// The commit the draft's files were read at; empty: the fetched tip. When the target
    /// branch has moved on from it, a draft whose files are as they were there is committed
    /// on the new tip (a rebase); files changed since end the submission, named, in
    /// SubmissionResult::conflicts.
    QString draftBase;
};

/// The steps of a submission, in order.
enum class SubmissionStep { Fetch, Commit, Push, PullRequest };

/// How a submission ended. On success @c error is empty; on failure @c failedStep names
/// the step and @c error the forge's or git's own words. A plain value.
struct SubmissionResult
{
    QString branch;
    /// The target branch tip the change was made on: the fetched tip, or an older one when
    /// the branch held this change already (a retry after the target moved on)
    QString baseCommit;
    QString commitId;
    QStringList files; ///< changed, repository-relative, sorted
    std::optional<forge::PullRequest> pullRequest;
    bool pullRequestCreated = false; ///< made now (false: an existing one was adopted)
    QUrl compareUrl; ///< without a pull request: where one can be opened by hand, if known
    QString warning; ///< done, but not all of it (no forge known, labels refused), in words

    std::optional<SubmissionStep> failedStep;
    QString error;
    bool cancelled = false;
    /// The files that changed on the target branch since @c draftBase, or that a revert
    /// could not merge: why the commit step failed.
    QStringList conflicts;
    /// The pull request step found no token for this forge host, or the forge refused the
    /// one it had, or an HTTPS remote whose credential helpers have nothing found no forge
    /// token either: a person can enter one (ChangeSubmission::setSessionToken()) and retry.
    QString tokenHost;
    forge::ForgeType tokenForge = forge::ForgeType::Unknown;
    /// The fetch or push met an SSH host key known_hosts does not accept: unknown (a person
    /// may trust it, then retry) or changed (always refused).
    std::optional<git::HostKey> refusedHostKey;

    bool succeeded() const { return error.isEmpty() && !cancelled; }
};

/// A remote's target branch as fetched: its name (the remote's default branch when none was
/// asked for), its tip, and the remote's URL. A plain value.
struct FetchedTarget
{
    QString branch;
    QString tip;
    QString remoteUrl;
};

/// The branch a change of an app targets, from the app's @p targetRevision: the branch it
/// names (without refs/heads/), or "" (the remote's default branch) when it names none:
/// empty, HEAD, a tag under refs/tags/ or a commit id.
QString targetBranchOf(const QString &targetRevision);

/// Fetches @p branch of @p remote (empty: the branch the remote's HEAD names, asked of the
/// remote) into refs/remotes/REMOTE/BRANCH, as a job on @p worker: what a change is built
/// on, and what the command line compares with the cluster before adopting. Cancelling the
/// future stops the transfer.
QFuture<std::variant<FetchedTarget, git::RemoteError>>
fetchTarget(git::RepositoryWorker &worker, const QString &remote, const QString &branch,
            const QString &knownHostsFile = {});

/// One change request from draft to pull request (DESIGN.md, the write path): fetch the
/// remote's target branch, commit the change on a new branch on top of its tip (in the
/// object database, never the checkout), push the branch, open the pull request once
/// (forge::ForgeClient::open(): a retry adopts the one opened before). Runs the git steps
/// on the document's repository worker and the forge steps on this object's thread.
/// Running the same request again after a failure or a cancel lands on the same branch and
/// pull request. Lives on the thread that created it (the GUI thread or the CLI's loop).
class ChangeSubmission : public QObject
{
    Q_OBJECT

public:
    explicit ChangeSubmission(std::shared_ptr<git::RepositoryWorker> worker,
                              QObject *parent = nullptr);
    ~ChangeSubmission() override;

    /// Starts @p request; one submission at a time (a second start() while running is
    /// refused through finished()).
    void start(const SubmissionRequest &request);
    /// Stops at the next point that allows it; finished() follows with @c cancelled.
    void cancel();
    bool isRunning() const;

    /// Per-host forges for finding the forge, before those the target branch's
    /// `gitops-console.yaml` names; the user's settings come before both
    /// (forge::configuredForgeHosts()).
    void setForgeHosts(const QList<forge::ForgeHost> &hosts);
    /// A token a person entered for @p host, used before the keychain and the environment
    /// for as long as this object lives; never stored.
    void setSessionToken(const QString &host, const QByteArray &token);
    /// Where the forge token comes from: @p environment (GITHUB_TOKEN, GITLAB_TOKEN,
    /// GITEA_TOKEN) instead of the process's, and the keychain first only when
    /// @p useKeychain. Tests pass their local forge's token this way.
    void setTokenSource(const QProcessEnvironment &environment, bool useKeychain);
    /// Longest wait for each forge request (default 30 s).
    void setForgeTimeout(int milliseconds);

    /// The branch @p request lands on: its own, else forge::changeBranchName() of the app and
    /// the change's content (the same change always gets the same branch).
    static QString branchFor(const SubmissionRequest &request);
    /// What the change is, in words: "empty" when nothing would be committed, else "".
    static QString problemOf(const SubmissionRequest &request);
    /// A step's name for a person: "fetch", "commit", "push", "pull request".
    static QString stepName(SubmissionStep step);

Q_SIGNALS:
    void stepStarted(gitops::change::SubmissionStep step, const QString &text);
    /// Transfer progress of the fetch or push; @p total 0 when unknown.
    void progress(qint64 done, qint64 total, const QString &text);
    void finished(const gitops::change::SubmissionResult &result);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace gitops::change
