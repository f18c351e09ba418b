#include "forge/githubclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

namespace gitops::forge {

using namespace Qt::StringLiterals;

GitHubClient::GitHubClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent)
    : ForgeClient(remote, token, parent)
{ }

void GitHubClient::authorize(QNetworkRequest &request) const
{
    request.setRawHeader("Accept", "application/vnd.github+json");
    request.setRawHeader("X-GitHub-Api-Version", "2022-11-28");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
}

PullRequest GitHubClient::parse(const QJsonObject &json)
{
    return parseGitHubShaped(json);
}

ForgeError GitHubClient::errorFor(const Reply &reply) const
{
    ForgeError error;
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    error.message = body.value(u"message").toString();
    const QByteArray accepted = reply.header("x-accepted-oauth-scopes").trimmed();
    const QList<QByteArray> granted = reply.header("x-oauth-scopes").split(',');
    auto lacksAcceptedScope = [&] {
        if (accepted.isEmpty())
            return false;
        for (const QByteArray &scope : accepted.split(',')) {
            for (const QByteArray &have : granted) {
                if (have.trimmed() == scope.trimmed())
                    return false;
            }
        }
        return true;
    };

    if (reply.status == 401) {
        error.kind = ForgeError::Kind::BadToken;
    } else if (reply.status == 429
               || (reply.status == 403 && reply.header("x-ratelimit-remaining") == "0")
               || (reply.status == 403 && !reply.header("retry-after").isEmpty())) {
        // Primary limits spend X-RateLimit-Remaining; the secondary (abuse) limit answers
        // 403 with Retry-After while requests are left.
        error.kind = ForgeError::Kind::RateLimited;
        error.retryAt = retryTimeOf(reply, "x-ratelimit-reset");
    } else if ((reply.status == 403 || reply.status == 404) && lacksAcceptedScope()) {
        error.kind = ForgeError::Kind::MissingScope;
        error.scope = QString::fromLatin1(accepted.split(',').first().trimmed());
    } else if (reply.status == 403) {
        error.kind = ForgeError::Kind::Forbidden;
    } else if (reply.status == 404) {
        error.kind = ForgeError::Kind::NotFound;
    } else if (reply.status == 422) {
        // "Validation Failed" says little; the reasons are in errors[].
        error.kind = ForgeError::Kind::Validation;
        QStringList reasons;
        for (const QJsonValue &item : body.value(u"errors").toArray()) {
            const QJsonObject reason = item.toObject();
            const QString message = reason.value(u"message").toString();
            if (message.startsWith(u"A pull request already exists"))
                error.kind = ForgeError::Kind::AlreadyExists;
            reasons << (message.isEmpty() ? QStringLiteral("%1 %2").arg(
                            reason.value(u"field").toString(), reason.value(u"code").toString())
                                          : message);
        }
        if (!reasons.isEmpty())
            error.message = reasons.join(QStringLiteral("; "));
    } else if (reply.status >= 500) {
        error.kind = ForgeError::Kind::ServerError;
    } else {
        error.kind = ForgeError::Kind::Validation;
    }
    return error;
}

void GitHubClient::findByHead(const QString &head, const QString &base, QObject *context,
                              PullRequestCallback done)
{
    QUrlQuery query = pageQuery();
    // `head` must be `owner:branch`: a bare branch name is read as a user and matches
    // nothing (or everything of that user).
    query.addQueryItem(u"head"_s, m_remote.owner() + u':' + head);
    query.addQueryItem(u"base"_s, base);
    query.addQueryItem(u"state"_s, u"all"_s);
    findAmong(ownerRepoPath() + u"/pulls"_s, query, head, base, context, std::move(done));
}

void GitHubClient::createPullRequest(const PullRequestDraft &draft, QObject *context,
                                     PullRequestCallback done)
{
    const QJsonObject body{{u"title"_s, draft.title}, {u"body"_s, draft.body},
                           {u"head"_s, draft.head},   {u"base"_s, draft.base},
                           {u"draft"_s, draft.draft}, {u"maintainer_can_modify"_s, true}};
    send("POST", ownerRepoPath() + u"/pulls"_s, {}, body, context,
         [this, draft, context, done](const Reply &reply) {
             PullRequestResult result;
             result.error = check(reply);
             if (result.error.isError()) {
                 done(result);
                 return;
             }
             result.pullRequest = parse(QJsonDocument::fromJson(reply.body).object());
             result.created = true;
             const QString number = QString::number(result.pullRequest->number);
             auto askReviewers = [this, number, draft, context, done](const PullRequestResult &r) {
                 requestReviewers(ownerRepoPath() + u"/pulls/"_s + number
                                      + u"/requested_reviewers"_s,
                                  r, draft.reviewers, context, done);
             };
             if (draft.labels.isEmpty()) {
                 askReviewers(result);
                 return;
             }
             // Labels are the issue's: another request. The pull request exists either way.
             const QJsonObject labels{{u"labels"_s, QJsonArray::fromStringList(draft.labels)}};
             send("POST", ownerRepoPath() + u"/issues/"_s + number + u"/labels"_s, {}, labels,
                  context, [this, result, draft, askReviewers](const Reply &labelReply) {
                      PullRequestResult labelled = result;
                      const ForgeError error = check(labelReply);
                      if (error.isError())
                          labelled.warning = QStringLiteral("labels not set: %1").arg(error.text());
                      else
                          labelled.pullRequest->labels = draft.labels;
                      askReviewers(labelled);
                  });
         });
}

void GitHubClient::get(int number, QObject *context, PullRequestCallback done)
{
    getOne(ownerRepoPath() + u"/pulls/"_s + QString::number(number), context, std::move(done));
}

std::pair<QString, QUrlQuery> GitHubClient::openListRequest() const
{
    QUrlQuery query = pageQuery();
    query.addQueryItem(u"state"_s, u"open"_s);
    return {ownerRepoPath() + u"/pulls"_s, query};
}

void GitHubClient::pullRequestsForCommit(const QString &sha, QObject *context,
                                         PullRequestListCallback done)
{
    listAt(ownerRepoPath() + u"/commits/"_s + sha + u"/pulls"_s, pageQuery(), context,
           std::move(done));
}

void GitHubClient::readReviews(const PullRequest &pull, QObject *context, PullRequestCallback done)
{
    readGitHubShapedReviews(pull, context, std::move(done));
}

void GitHubClient::changedFiles(int number, QObject *context, ChangedFilesCallback done)
{
    // diff-entry: `filename`, and `previous_filename` for a rename.
    listChangedFiles(ownerRepoPath() + u"/pulls/"_s + QString::number(number) + u"/files"_s,
                     pageQuery(), m_pageSize, {u"filename"_s, u"previous_filename"_s}, context,
                     std::move(done));
}

void GitHubClient::verifyCommit(const QString &sha, QObject *context, VerificationCallback done)
{
    readVerification(ownerRepoPath() + u"/commits/"_s + sha, context, std::move(done));
}

} // namespace gitops::forge
