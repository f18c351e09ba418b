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

QString GitHubClient::repoPath() const
{
    return u"/repos/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_remote.owner())) + u'/'
        + QString::fromLatin1(QUrl::toPercentEncoding(m_remote.name()));
}

PullRequest GitHubClient::parse(const QJsonObject &json)
{
    PullRequest pr;
    pr.number = json.value(u"number").toInt();
    pr.title = json.value(u"title").toString();
    pr.body = json.value(u"body").toString();
    pr.head = json.value(u"head").toObject().value(u"ref").toString();
    pr.headSha = json.value(u"head").toObject().value(u"sha").toString();
    pr.base = json.value(u"base").toObject().value(u"ref").toString();
    pr.draft = json.value(u"draft").toBool();
    // Lists omit `merged`; `merged_at` is in both.
    const bool merged = json.value(u"merged").toBool() || !json.value(u"merged_at").isNull();
    pr.state = json.value(u"state").toString() == u"open" ? PullRequest::State::Open
        : merged                                          ? PullRequest::State::Merged
                                                          : PullRequest::State::Closed;
    if (pr.state == PullRequest::State::Merged)
        pr.mergeCommit = json.value(u"merge_commit_sha").toString();
    for (const QJsonValue &label : json.value(u"labels").toArray())
        pr.labels << label.toObject().value(u"name").toString();
    for (const QJsonValue &reviewer : json.value(u"requested_reviewers").toArray())
        pr.reviewers << reviewer.toObject().value(u"login").toString();
    pr.webUrl = QUrl(json.value(u"html_url").toString());
    pr.createdAt = QDateTime::fromString(json.value(u"created_at").toString(), Qt::ISODate);
    pr.author = json.value(u"user").toObject().value(u"login").toString();
    // Only the single pull request's answer has merged_by (lists omit it).
    pr.mergedBy = json.value(u"merged_by").toObject().value(u"login").toString();
    pr.mergedAt = QDateTime::fromString(json.value(u"merged_at").toString(), Qt::ISODate);
    return pr;
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
        error.retryAt = epochHeader(reply.header("x-ratelimit-reset"));
        bool ok = false;
        const int retryAfter = reply.header("retry-after").toInt(&ok);
        if (ok)
            error.retryAt = QDateTime::currentDateTimeUtc().addSecs(retryAfter);
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
    QUrlQuery query;
    // `head` must be `owner:branch`: a bare branch name is read as a user and matches
    // nothing (or everything of that user).
    query.addQueryItem(u"head"_s, m_remote.owner() + u':' + head);
    query.addQueryItem(u"base"_s, base);
    query.addQueryItem(u"state"_s, u"all"_s);
    query.addQueryItem(u"per_page"_s, QString::number(m_pageSize));
    fetchAll(repoPath() + u"/pulls"_s, query, context,
             [head, base, done](const QJsonArray &items, const ForgeError &error) {
                 PullRequestResult result;
                 result.error = error;
                 QList<PullRequest> candidates;
                 for (const QJsonValue &item : items) {
                     const PullRequest pr = parse(item.toObject());
                     if (pr.head == head && pr.base == base)
                         candidates << pr;
                 }
                 if (!error.isError())
                     result.pullRequest = adoptablePullRequest(candidates);
                 done(result);
             });
}

void GitHubClient::createPullRequest(const PullRequestDraft &draft, QObject *context,
                                     PullRequestCallback done)
{
    const QJsonObject body{{u"title"_s, draft.title}, {u"body"_s, draft.body},
                           {u"head"_s, draft.head},   {u"base"_s, draft.base},
                           {u"draft"_s, draft.draft}, {u"maintainer_can_modify"_s, true}};
    send("POST", repoPath() + u"/pulls"_s, {}, body, context,
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
                 requestReviewers(repoPath() + u"/pulls/"_s + number + u"/requested_reviewers"_s, r,
                                  draft.reviewers, context, done);
             };
             if (draft.labels.isEmpty()) {
                 askReviewers(result);
                 return;
             }
             // Labels are the issue's: another request. The pull request exists either way.
             const QJsonObject labels{{u"labels"_s, QJsonArray::fromStringList(draft.labels)}};
             send("POST", repoPath() + u"/issues/"_s + number + u"/labels"_s, {}, labels, context,
                  [this, result, draft, askReviewers](const Reply &labelReply) {
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
    send("GET", repoPath() + u"/pulls/"_s + QString::number(number), {}, QJsonValue::Undefined,
         context, [this, done](const Reply &reply) {
             PullRequestResult result;
             result.error = check(reply);
             if (!result.error.isError())
                 result.pullRequest = parse(QJsonDocument::fromJson(reply.body).object());
             done(result);
         });
}

std::pair<QString, QUrlQuery> GitHubClient::openListRequest() const
{
    QUrlQuery query;
    query.addQueryItem(u"state"_s, u"open"_s);
    query.addQueryItem(u"per_page"_s, QString::number(m_pageSize));
    return {repoPath() + u"/pulls"_s, query};
}

void GitHubClient::pullRequestsForCommit(const QString &sha, QObject *context,
                                         PullRequestListCallback done)
{
    QUrlQuery query;
    query.addQueryItem(u"per_page"_s, QString::number(m_pageSize));
    fetchAll(repoPath() + u"/commits/"_s + sha + u"/pulls"_s, query, context,
             [done](const QJsonArray &items, const ForgeError &error) {
                 QList<PullRequest> result;
                 for (const QJsonValue &item : items)
                     result << parse(item.toObject());
                 done(result, error);
             });
}

void GitHubClient::readReviews(const PullRequest &pull, QObject *context, PullRequestCallback done)
{
    get(pull.number, context, [this, context, done](const PullRequestResult &got) {
        if (got.error.isError() || !got.pullRequest) {
            done(got);
            return;
        }
        const PullRequest read = *got.pullRequest;
        QUrlQuery query;
        query.addQueryItem(u"per_page"_s, QString::number(m_pageSize));
        readApprovals(read,
                      repoPath() + u"/pulls/"_s + QString::number(read.number) + u"/reviews"_s,
                      query, context, done);
    });
}

void GitHubClient::verifyCommit(const QString &sha, QObject *context, VerificationCallback done)
{
    readVerification(repoPath() + u"/commits/"_s + sha, context, done);
}

} // namespace gitops::forge
