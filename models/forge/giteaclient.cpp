#include "forge/giteaclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace gitops::forge {

using namespace Qt::StringLiterals;

GiteaClient::GiteaClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent)
    : ForgeClient(remote, token, parent)
{ }

void GiteaClient::authorize(QNetworkRequest &request) const
{
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "token " + m_token);
}

PullRequest GiteaClient::parse(const QJsonObject &json)
{
    return parseGitHubShaped(json);
}

QUrlQuery GiteaClient::pageQuery() const
{
    // Gitea's page size is `limit`, at most 50 by default (MAX_RESPONSE_ITEMS).
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(qMin(m_pageSize, 50)));
    return query;
}

ForgeError GiteaClient::errorFor(const Reply &reply) const
{
    ForgeError error;
    const QString message = messageOf(reply.body);
    if (reply.status == 401) {
        error.kind = ForgeError::Kind::BadToken;
    } else if (reply.status == 403) {
        // "token does not have at least one of required scope(s): [write:repository]"
        static const QRegularExpression scopes(
            QStringLiteral("required scope\\(s\\): \\[([^\\]]+)\\]"));
        const QRegularExpressionMatch match = scopes.match(message);
        error.kind =
            match.hasMatch() ? ForgeError::Kind::MissingScope : ForgeError::Kind::Forbidden;
        error.scope = match.captured(1).section(u' ', 0, 0);
    } else if (reply.status == 404) {
        error.kind = ForgeError::Kind::NotFound;
    } else if (reply.status == 409) {
        error.kind = message.contains(u"already exists") ? ForgeError::Kind::AlreadyExists
                                                         : ForgeError::Kind::Validation;
    } else if (reply.status == 429) {
        error.kind = ForgeError::Kind::RateLimited;
        error.retryAt = retryTimeOf(reply, "x-ratelimit-reset");
    } else if (reply.status >= 500) {
        error.kind = ForgeError::Kind::ServerError;
    } else {
        error.kind = ForgeError::Kind::Validation;
    }
    return error;
}

void GiteaClient::findByHead(const QString &head, const QString &base, QObject *context,
                             PullRequestCallback done)
{
    // The head keeps its slashes: Gitea routes `pulls/{base}/*`.
    const QString path = ownerRepoPath() + u"/pulls/"_s
        + QString::fromLatin1(QUrl::toPercentEncoding(base)) + u'/'
        + QString::fromLatin1(QUrl::toPercentEncoding(head, "/"));
    send("GET", path, {}, QJsonValue::Undefined, context,
         [this, head, base, context, done](const Reply &reply) {
             const ForgeError error = check(reply);
             if (!error.isError()) {
                 const PullRequest pr = parse(QJsonDocument::fromJson(reply.body).object());
                 if (pr.state != PullRequest::State::Closed) {
                     PullRequestResult result;
                     result.pullRequest = pr;
                     done(result);
                     return;
                 }
             } else if (error.kind != ForgeError::Kind::NotFound) {
                 PullRequestResult result;
                 result.error = error;
                 done(result);
                 return;
             }
             // None, or an abandoned one that may hide a newer one: read the list.
             findInList(head, base, context, done);
         });
}

void GiteaClient::findInList(const QString &head, const QString &base, QObject *context,
                             PullRequestCallback done)
{
    QUrlQuery query = pageQuery();
    query.addQueryItem(u"state"_s, u"all"_s);
    findAmong(ownerRepoPath() + u"/pulls"_s, query, head, base, context, std::move(done));
}

void GiteaClient::createPullRequest(const PullRequestDraft &draft, QObject *context,
                                    PullRequestCallback done)
{
    if (draft.labels.isEmpty()) {
        post(draft, {}, context, std::move(done));
        return;
    }
    // Gitea takes label ids, not names.
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"50"_s);
    fetchAll(ownerRepoPath() + u"/labels"_s, query, context,
             [this, draft, context, done](const QJsonArray &labels, const ForgeError &error) {
                 if (error.isError()) {
                     PullRequestResult result;
                     result.error = error;
                     done(result);
                     return;
                 }
                 QJsonArray ids;
                 QStringList missing;
                 for (const QString &name : draft.labels) {
                     qint64 id = 0;
                     for (const QJsonValue &label : labels) {
                         if (label.toObject().value(u"name").toString() == name)
                             id = label.toObject().value(u"id").toInteger();
                     }
                     if (id > 0)
                         ids.append(id);
                     else
                         missing << name;
                 }
                 if (!missing.isEmpty()) {
                     PullRequestResult result;
                     result.error.kind = ForgeError::Kind::Validation;
                     result.error.host = m_remote.apiBase().host();
                     result.error.message =
                         QStringLiteral("%1 has no label named %2; create it "
                                        "on the forge first")
                             .arg(m_remote.projectPath(), missing.join(QStringLiteral(", ")));
                     done(result);
                     return;
                 }
                 post(draft, ids, context, done);
             });
}

void GiteaClient::post(const PullRequestDraft &draft, const QJsonArray &labelIds, QObject *context,
                       PullRequestCallback done)
{
    QString title = draft.title;
    if (draft.draft && !title.startsWith(u"WIP:", Qt::CaseInsensitive))
        title = u"WIP: "_s + title;
    QJsonObject body{{u"title"_s, title},
                     {u"body"_s, draft.body},
                     {u"head"_s, draft.head},
                     {u"base"_s, draft.base}};
    if (!labelIds.isEmpty())
        body.insert(u"labels"_s, labelIds);
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
             requestReviewers(ownerRepoPath() + u"/pulls/"_s
                                  + QString::number(result.pullRequest->number)
                                  + u"/requested_reviewers"_s,
                              result, draft.reviewers, context, done);
         });
}

void GiteaClient::get(int number, QObject *context, PullRequestCallback done)
{
    getOne(ownerRepoPath() + u"/pulls/"_s + QString::number(number), context, std::move(done));
}

std::pair<QString, QUrlQuery> GiteaClient::openListRequest() const
{
    QUrlQuery query = pageQuery();
    query.addQueryItem(u"state"_s, u"open"_s);
    return {ownerRepoPath() + u"/pulls"_s, query};
}

void GiteaClient::pullRequestsForCommit(const QString &sha, QObject *context,
                                        PullRequestListCallback done)
{
    // Gitea names one pull request: the one that merged the commit (404: none).
    send("GET", ownerRepoPath() + u"/commits/"_s + sha + u"/pull"_s, {}, QJsonValue::Undefined,
         context, [this, done](const Reply &reply) {
             const ForgeError error = check(reply);
             if (error.kind == ForgeError::Kind::NotFound) {
                 done({}, ForgeError());
                 return;
             }
             if (error.isError()) {
                 done({}, error);
                 return;
             }
             done({parse(QJsonDocument::fromJson(reply.body).object())}, ForgeError());
         });
}

void GiteaClient::readReviews(const PullRequest &pull, QObject *context, PullRequestCallback done)
{
    readGitHubShapedReviews(pull, context, std::move(done));
}

void GiteaClient::changedFiles(int number, QObject *context, ChangedFilesCallback done)
{
    // ChangedFile, GitHub's shape: `filename`, `previous_filename` for a rename.
    listChangedFiles(ownerRepoPath() + u"/pulls/"_s + QString::number(number) + u"/files"_s,
                     pageQuery(), qMin(m_pageSize, 50), {u"filename"_s, u"previous_filename"_s},
                     context, std::move(done));
}

void GiteaClient::verifyCommit(const QString &sha, QObject *context, VerificationCallback done)
{
    readVerification(ownerRepoPath() + u"/git/commits/"_s + sha, context, done);
}

} // namespace gitops::forge
