#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace gitops::forge {

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
