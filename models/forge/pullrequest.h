#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace gitops::forge {

/// One approval of a pull request: who, and when (invalid when the forge does not say, as
/// GitLab's free tier). A plain value.
struct PullRequestApproval
{
    QString user; ///< the forge login (GitLab: username)
    QDateTime time;
};

/// What a forge says of a commit's signature. A plain value.
struct CommitVerification
{
    bool verified = false;
    /// The forge's own word for why ("valid", "unknown_key", GitLab's "unverified_key").
    QString reason;
};

/// A pull request (GitLab: merge request) as the console reads it back from any forge.
/// A plain value; any thread.
struct PullRequest
{
    enum class State { Open, Merged, Closed };

    int number = 0; ///< GitHub number, GitLab iid, Gitea index: what users call it
    QString title;
    QString body;
    QString head; ///< source branch
    QString base; ///< target branch
    QString headSha;
    State state = State::Open;
    bool draft = false;
    QStringList labels;
    QStringList reviewers; ///< logins asked to review
    QString mergeCommit; ///< once merged
    QUrl webUrl;
    QDateTime createdAt;
    QString author; ///< the login that opened it; "" when the forge did not say
    QString mergedBy; ///< the login that merged it, once merged and when the forge says
    QDateTime mergedAt;
    /// The approvals standing (a later change request or dismissal withdraws one), once
    /// ForgeClient::readReviews() has read them; approvalsRead says whether it has.
    QList<PullRequestApproval> approvals;
    bool approvalsRead = false;

    bool isOpen() const { return state == State::Open; }
};

/// What the console asks a forge to open. A plain value.
struct PullRequestDraft
{
    QString title;
    QString body;
    QString head;
    QString base;
    bool draft = false;
    QStringList labels;
    QStringList reviewers; ///< logins (usernames)
};

/// "open", "merged" or "closed".
QString pullRequestStateName(PullRequest::State state);

/// The pull request a change's branch already has, among @p candidates for the same head
/// and base: the newest open one, else the newest merged one (the change is in), else
/// none: a closed-unmerged pull request was abandoned, and a new one may be opened.
std::optional<PullRequest> adoptablePullRequest(const QList<PullRequest> &candidates);

} // namespace gitops::forge
