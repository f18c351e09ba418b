#pragma once

#include "forge/forgeerror.h"
#include "forge/forgeremote.h"
#include "forge/pullrequest.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkRequest;

namespace gitops::forge {

/// The outcome of one client operation. @c pullRequest is empty when a lookup found none.
struct PullRequestResult
{
    ForgeError error;
    std::optional<PullRequest> pullRequest;
    bool created = false; ///< open(): made now, not adopted
    QString warning; ///< done, but not all of it (labels not set), in words
};

using PullRequestCallback = std::function<void(const PullRequestResult &)>;
using VerificationCallback =
    std::function<void(const CommitVerification &verification, const ForgeError &error)>;
using PullRequestListCallback =
    std::function<void(const QList<PullRequest> &pullRequests, const ForgeError &error)>;
using ChangedFilesCallback = std::function<void(const QStringList &paths, const ForgeError &error)>;

/// A client of one project on one forge (GitHub, GitLab or Gitea; made by create()) with
/// one token: owns one QNetworkAccessManager, sends the forge's own auth header, maps
/// answers to typed ForgeErrors with the forge's message, deletes every reply. Logs
/// requests (category gitops.forge) without tokens or bodies. Every operation is
/// asynchronous and ends in exactly one call of its callback, on this object's thread,
/// unless @p context is destroyed first. Lives on the thread that created it.
class ForgeClient : public QObject
{
    Q_OBJECT

public:
    /// The client for @p remote's forge, or nullptr (and @p error) for a forge without one
    /// (Unknown, Bitbucket).
    static std::unique_ptr<ForgeClient> create(const ForgeRemote &remote, const QByteArray &token,
                                               ForgeError *error, QObject *parent = nullptr);
    ~ForgeClient() override;

    const ForgeRemote &remote() const { return m_remote; }
    /// The user name and password git's HTTPS transport sends to this forge's git server
    /// with the client's token, for a remote whose credential helpers have none: the token
    /// is the password; the user name is GitHub's "x-access-token", GitLab's "oauth2"
    /// (both documented for tokens), and "oauth2" on Gitea, which reads the user from the
    /// token and ignores the name.
    std::pair<QString, QByteArray> gitCredential() const;

    /// The pull request to adopt for @p head into @p base (adoptablePullRequest()), or none.
    virtual void findByHead(const QString &head, const QString &base, QObject *context,
                            PullRequestCallback done) = 0;
    /// Opens a pull request; fails with AlreadyExists when one is open for the branch.
    virtual void createPullRequest(const PullRequestDraft &draft, QObject *context,
                                   PullRequestCallback done) = 0;
    virtual void get(int number, QObject *context, PullRequestCallback done) = 0;
    /// The pull requests @p sha came with (for the audit view): GitHub and GitLab name the
    /// open ones holding it and the one that merged it, Gitea only the one that merged it.
    virtual void pullRequestsForCommit(const QString &sha, QObject *context,
                                       PullRequestListCallback done) = 0;
    /// @p pull with its author, merger, merge time and standing approvals read from the
    /// forge (the pull request itself, then its reviews or approvals): the answer's
    /// pullRequest has approvalsRead set.
    virtual void readReviews(const PullRequest &pull, QObject *context,
                             PullRequestCallback done) = 0;
    /// What the forge says of commit @p sha's signature (GitHub and Gitea: the commit's
    /// `verification`; GitLab: its `signature`, 404 for none, read as not verified,
    /// reason "unsigned").
    virtual void verifyCommit(const QString &sha, QObject *context, VerificationCallback done) = 0;
    /// The open pull requests whose head branch starts with @p headPrefix (the console's
    /// `gitops/`; empty: all), every page, newest first.
    virtual void listOpen(const QString &headPrefix, QObject *context,
                          PullRequestListCallback done);
    /// The repository paths pull request @p number changes, as the forge lists its files
    /// (GitHub `pulls/N/files`, GitLab `merge_requests/N/diffs`, Gitea `pulls/N/files`:
    /// what differs between the base and the head), every page up to the forge's own
    /// maximum (GitHub lists 3,000 files); a rename names its old path too. In the forge's
    /// order, each path once.
    virtual void changedFiles(int number, QObject *context, ChangedFilesCallback done) = 0;

    /// Opens @p draft once: adopts the branch's open (or merged) pull request if it has
    /// one, else creates it; when the forge answers that one already exists (a concurrent
    /// or resent create), looks it up and adopts it. A closed-unmerged pull request does
    /// not count: a new one is opened. Safe to call again after any failure.
    void open(const PullRequestDraft &draft, QObject *context, PullRequestCallback done);

    /// Longest time to wait for an answer.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    /// Items per page of list requests (the forges' maximum, 100 or 50, by default).
    void setPageSize(int items) { m_pageSize = qMax(1, items); }
    /// A rate-limited request is sent again once the forge's reset time has come, when that
    /// is at most @p seconds away (default 60; 0: never wait, fail with RateLimited).
    void setLongestRateLimitWait(int seconds) { m_longestRateLimitWaitS = qMax(0, seconds); }

Q_SIGNALS:
    /// A request waits for the forge's rate limit to reset at @p until (for progress text).
    void waitingForRateLimit(const QString &host, const QDateTime &until);

protected:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QHash<QByteArray, QByteArray> headers; ///< names in lower case
        QString networkError; ///< empty when the forge answered
        QByteArray header(const char *lowerCaseName) const
        {
            return headers.value(QByteArray(lowerCaseName));
        }
    };
    using ReplyCallback = std::function<void(const Reply &)>;

    ForgeClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent);

    /// Sends @p method to the API base + @p path (already percent-encoded where the forge
    /// wants it, as GitLab's `group%2Fproject`).
    void send(const QByteArray &method, const QString &path, const QUrlQuery &query,
              const QJsonValue &body, QObject *context, ReplyCallback done);
    void sendTo(const QByteArray &method, const QUrl &url, const QJsonValue &body, QObject *context,
                ReplyCallback done);
    /// GETs @p path and the pages its `Link: <...>; rel="next"` headers name (at most
    /// @p maxPages), concatenating the JSON arrays.
    void fetchAll(const QString &path, const QUrlQuery &query, QObject *context,
                  std::function<void(const QJsonArray &, const ForgeError &)> done,
                  int maxPages = 20);

    virtual void authorize(QNetworkRequest &request) const = 0;
    /// The list of open pull requests: path and query.
    virtual std::pair<QString, QUrlQuery> openListRequest() const = 0;
    virtual PullRequest parseOne(const QJsonObject &json) const = 0;
    /// The typed error for an answer outside 2xx.
    virtual ForgeError errorFor(const Reply &reply) const = 0;
    /// The error for @p reply: transport failures, then errorFor(); None for 2xx.
    ForgeError check(const Reply &reply) const;
    /// When a rate-limited @p reply may be sent again: its Retry-After when given, else the
    /// epoch seconds of the forge's reset header @p resetHeader; invalid when neither says.
    static QDateTime retryTimeOf(const Reply &reply, const char *resetHeader);
    /// The query item that sets the page size of list requests (`per_page`; Gitea: `limit`).
    virtual QUrlQuery pageQuery() const;

    /// `/repos/OWNER/NAME`, the project's path on GitHub's and Gitea's REST APIs.
    QString ownerRepoPath() const;
    /// One pull request of GitHub's JSON, whose shape Gitea's API copies.
    static PullRequest parseGitHubShaped(const QJsonObject &json);
    /// GETs the pull request at @p path.
    void getOne(const QString &path, QObject *context, PullRequestCallback done);
    /// The paths named by @p pathKeys (`filename` and `previous_filename`; `new_path` and
    /// `old_path`) in the file list at @p path, whose pages hold @p pageSize files: all pages
    /// up to 3,000 files, GitHub's maximum.
    void listChangedFiles(const QString &path, const QUrlQuery &query, int pageSize,
                          const QStringList &pathKeys, QObject *context, ChangedFilesCallback done);
    /// Every pull request of the list at @p path (all pages).
    void listAt(const QString &path, const QUrlQuery &query, QObject *context,
                PullRequestListCallback done);
    /// The pull request to adopt (adoptablePullRequest()) among those of the list at @p path
    /// whose head is @p head and base @p base.
    void findAmong(const QString &path, const QUrlQuery &query, const QString &head,
                   const QString &base, QObject *context, PullRequestCallback done);
    /// @p pull read again (GitHub, Gitea), with the approvals standing in its reviews.
    void readGitHubShapedReviews(const PullRequest &pull, QObject *context,
                                 PullRequestCallback done);
    ForgeError protocolError(const QString &what) const;
    /// POSTs `{"reviewers": [...]}` to @p path (GitHub's and Gitea's requested_reviewers):
    /// the pull request exists either way, a refusal becomes @p result's warning.
    void requestReviewers(const QString &path, const PullRequestResult &result,
                          const QStringList &reviewers, QObject *context, PullRequestCallback done);

    /// The approvals standing in a GitHub or Gitea review list (oldest first): each user's
    /// latest deciding review (approved, changes requested, dismissed) counts; comments and
    /// pending reviews decide nothing; a Gitea review marked `dismissed` is withdrawn.
    static QList<PullRequestApproval> standingApprovals(const QJsonArray &reviews);
    /// `verification` of a GitHub or Gitea commit object.
    static CommitVerification verificationOf(const QJsonObject &verification);
    /// @p read with the approvals standing in the GitHub- or Gitea-shaped review list at
    /// @p path (standingApprovals()).
    void readApprovals(const PullRequest &read, const QString &path, const QUrlQuery &query,
                       QObject *context, PullRequestCallback done);
    /// The `commit.verification` of the GitHub- or Gitea-shaped commit at @p path.
    void readVerification(const QString &path, QObject *context, VerificationCallback done);

    /// An answer's `message` in whatever shape the forge sent it (string, list, object of
    /// lists), else the body's text.
    static QString messageOf(const QByteArray &body);
    static QDateTime epochHeader(const QByteArray &value);

    ForgeRemote m_remote;
    QByteArray m_token;
    int m_pageSize = 100;

private:
    void attempt(const QByteArray &method, const QUrl &url, const QByteArray &payload, bool hasBody,
                 QObject *context, ReplyCallback done, int attemptNumber);
    void fetchPage(const QUrl &url, std::shared_ptr<QJsonArray> items, int pagesLeft,
                   QObject *context,
                   std::function<void(const QJsonArray &, const ForgeError &)> done);

    QNetworkAccessManager *m_network;
    int m_timeoutMs = 30000;
    int m_longestRateLimitWaitS = 60;
};

} // namespace gitops::forge
