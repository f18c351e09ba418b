#include "forge/gitlabclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

#include "forge/forgelogging.h"

namespace gitops::forge {

using namespace Qt::StringLiterals;

GitLabClient::GitLabClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent)
    : ForgeClient(remote, token, parent)
{ }

void GitLabClient::authorize(QNetworkRequest &request) const
{
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("PRIVATE-TOKEN", m_token);
}

QString GitLabClient::projectPath() const
{
    if (m_projectId > 0)
        return u"/projects/"_s + QString::number(m_projectId);
    // `group/sub/project` as one path segment: group%2Fsub%2Fproject.
    return u"/projects/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_remote.projectPath()));
}

void GitLabClient::withProject(QObject *context, std::function<void(const ForgeError &)> then)
{
    if (m_projectId > 0) {
        then(ForgeError());
        return;
    }
    send("GET", projectPath(), {}, QJsonValue::Undefined, context,
         [this, context, then](const Reply &reply) {
             const ForgeError error = check(reply);
             if (!error.isError()) {
                 m_projectId =
                     QJsonDocument::fromJson(reply.body).object().value(u"id").toInteger();
                 then(ForgeError());
                 return;
             }
             if (error.kind != ForgeError::Kind::NotFound) {
                 then(error);
                 return;
             }
             // A proxy that decodes %2F turns the path into other segments: find the id.
             QUrlQuery query = pageQuery();
             query.addQueryItem(u"search"_s, m_remote.name());
             fetchAll(u"/projects"_s, query, context,
                      [this, error, then](const QJsonArray &items, const ForgeError &searchError) {
                          for (const QJsonValue &item : items) {
                              const QJsonObject project = item.toObject();
                              if (project.value(u"path_with_namespace").toString()
                                  == m_remote.projectPath()) {
                                  m_projectId = project.value(u"id").toInteger();
                                  qCDebug(lcForge) << "GitLab project by id" << m_projectId;
                                  then(ForgeError());
                                  return;
                              }
                          }
                          then(searchError.isError() ? searchError : error);
                      });
         });
}

PullRequest GitLabClient::parse(const QJsonObject &json)
{
    PullRequest pr;
    pr.number = json.value(u"iid").toInt();
    pr.title = json.value(u"title").toString();
    pr.body = json.value(u"description").toString();
    pr.head = json.value(u"source_branch").toString();
    pr.base = json.value(u"target_branch").toString();
    pr.headSha = json.value(u"sha").toString();
    pr.draft = json.value(u"draft").toBool() || json.value(u"work_in_progress").toBool();
    const QString state = json.value(u"state").toString();
    // "locked" is an open merge request whose discussion is locked.
    pr.state = state == u"merged" ? PullRequest::State::Merged
        : state == u"closed"      ? PullRequest::State::Closed
                                  : PullRequest::State::Open;
    pr.mergeCommit = json.value(u"merge_commit_sha").toString();
    if (pr.mergeCommit.isEmpty())
        pr.mergeCommit = json.value(u"squash_commit_sha").toString();
    for (const QJsonValue &label : json.value(u"labels").toArray())
        pr.labels << (label.isObject() ? label.toObject().value(u"name").toString()
                                       : label.toString());
    for (const QJsonValue &reviewer : json.value(u"reviewers").toArray())
        pr.reviewers << reviewer.toObject().value(u"username").toString();
    pr.webUrl = QUrl(json.value(u"web_url").toString());
    pr.createdAt = QDateTime::fromString(json.value(u"created_at").toString(), Qt::ISODateWithMs);
    pr.author = json.value(u"author").toObject().value(u"username").toString();
    // merged_by is deprecated since GitLab 14.7 in favour of merge_user; either may be set.
    pr.mergedBy = json.value(u"merge_user").toObject().value(u"username").toString();
    if (pr.mergedBy.isEmpty())
        pr.mergedBy = json.value(u"merged_by").toObject().value(u"username").toString();
    pr.mergedAt = QDateTime::fromString(json.value(u"merged_at").toString(), Qt::ISODateWithMs);
    return pr;
}

ForgeError GitLabClient::errorFor(const Reply &reply) const
{
    ForgeError error;
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    if (reply.status == 401) {
        error.kind = ForgeError::Kind::BadToken;
    } else if (reply.status == 403 && body.value(u"error").toString() == u"insufficient_scope") {
        error.kind = ForgeError::Kind::MissingScope;
        error.scope = body.value(u"scope").toString();
        if (error.scope.isEmpty())
            error.scope = QStringLiteral("api");
    } else if (reply.status == 403) {
        error.kind = ForgeError::Kind::Forbidden;
    } else if (reply.status == 404) {
        error.kind = ForgeError::Kind::NotFound;
    } else if (reply.status == 409) {
        // validate_branches errors are 409s too ("Source branch ... does not exist").
        error.kind = messageOf(reply.body).contains(u"already exists")
            ? ForgeError::Kind::AlreadyExists
            : ForgeError::Kind::Validation;
    } else if (reply.status == 429) {
        error.kind = ForgeError::Kind::RateLimited;
        error.retryAt = retryTimeOf(reply, "ratelimit-reset");
    } else if (reply.status >= 500) {
        error.kind = ForgeError::Kind::ServerError;
    } else {
        error.kind = ForgeError::Kind::Validation;
    }
    return error;
}

void GitLabClient::findByHead(const QString &head, const QString &base, QObject *context,
                              PullRequestCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            PullRequestResult result;
            result.error = error;
            done(result);
            return;
        }
        QUrlQuery query = pageQuery();
        query.addQueryItem(u"source_branch"_s, head);
        query.addQueryItem(u"target_branch"_s, base);
        query.addQueryItem(u"state"_s, u"all"_s);
        findAmong(projectPath() + u"/merge_requests"_s, query, head, base, context, done);
    });
}

void GitLabClient::createPullRequest(const PullRequestDraft &draft, QObject *context,
                                     PullRequestCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            PullRequestResult result;
            result.error = error;
            done(result);
            return;
        }
        if (draft.reviewers.isEmpty()) {
            post(draft, {}, context, done);
            return;
        }
        resolveUsers(draft.reviewers, {}, context,
                     [this, draft, context, done](const QJsonArray &ids, const ForgeError &error) {
                         if (error.isError()) {
                             PullRequestResult result;
                             result.error = error;
                             done(result);
                             return;
                         }
                         post(draft, ids, context, done);
                     });
    });
}

void GitLabClient::resolveUsers(QStringList usernames, QJsonArray ids, QObject *context,
                                std::function<void(const QJsonArray &, const ForgeError &)> done)
{
    if (usernames.isEmpty()) {
        done(ids, ForgeError());
        return;
    }
    const QString username = usernames.takeFirst();
    QUrlQuery query;
    query.addQueryItem(u"username"_s, username);
    send("GET", u"/users"_s, query, QJsonValue::Undefined, context,
         [this, username, usernames, ids, context, done](const Reply &reply) {
             ForgeError error = check(reply);
             const QJsonArray users = QJsonDocument::fromJson(reply.body).array();
             if (!error.isError() && users.isEmpty()) {
                 error.kind = ForgeError::Kind::Validation;
                 error.host = m_remote.apiBase().host();
                 error.message =
                     QStringLiteral("no GitLab user named %1 to ask for a review").arg(username);
             }
             if (error.isError()) {
                 done({}, error);
                 return;
             }
             QJsonArray more = ids;
             more.append(users.first().toObject().value(u"id"));
             resolveUsers(usernames, more, context, done);
         });
}

void GitLabClient::post(const PullRequestDraft &draft, const QJsonArray &reviewerIds,
                        QObject *context, PullRequestCallback done)
{
    QString title = draft.title;
    if (draft.draft && !title.startsWith(u"Draft:", Qt::CaseInsensitive))
        title = u"Draft: "_s + title;
    QJsonObject body{{u"title"_s, title},
                     {u"description"_s, draft.body},
                     {u"source_branch"_s, draft.head},
                     {u"target_branch"_s, draft.base}};
    if (!draft.labels.isEmpty())
        body.insert(u"labels"_s, draft.labels.join(u','));
    if (!reviewerIds.isEmpty())
        body.insert(u"reviewer_ids"_s, reviewerIds);
    send("POST", projectPath() + u"/merge_requests"_s, {}, body, context,
         [this, done](const Reply &reply) {
             PullRequestResult result;
             result.error = check(reply);
             if (!result.error.isError()) {
                 result.pullRequest = parse(QJsonDocument::fromJson(reply.body).object());
                 result.created = true;
             }
             done(result);
         });
}

void GitLabClient::get(int number, QObject *context, PullRequestCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            PullRequestResult result;
            result.error = error;
            done(result);
            return;
        }
        getOne(projectPath() + u"/merge_requests/"_s + QString::number(number), context, done);
    });
}

std::pair<QString, QUrlQuery> GitLabClient::openListRequest() const
{
    QUrlQuery query = pageQuery();
    query.addQueryItem(u"state"_s, u"opened"_s);
    return {projectPath() + u"/merge_requests"_s, query};
}

void GitLabClient::pullRequestsForCommit(const QString &sha, QObject *context,
                                         PullRequestListCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            done({}, error);
            return;
        }
        listAt(projectPath() + u"/repository/commits/"_s + sha + u"/merge_requests"_s, pageQuery(),
               context, done);
    });
}

void GitLabClient::listOpen(const QString &headPrefix, QObject *context,
                            PullRequestListCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            done({}, error);
            return;
        }
        ForgeClient::listOpen(headPrefix, context, done);
    });
}

void GitLabClient::readReviews(const PullRequest &pull, QObject *context, PullRequestCallback done)
{
    get(pull.number, context, [this, context, done](const PullRequestResult &got) {
        if (got.error.isError() || !got.pullRequest) {
            done(got);
            return;
        }
        const PullRequest read = *got.pullRequest;
        send("GET",
             projectPath() + u"/merge_requests/"_s + QString::number(read.number) + u"/approvals"_s,
             {}, QJsonValue::Undefined, context, [this, read, done](const Reply &reply) {
                 PullRequestResult result;
                 result.error = check(reply);
                 result.pullRequest = read;
                 if (!result.error.isError()) {
                     // approved_by[].user; the free tier gives no time per approval.
                     const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
                     for (const QJsonValue &entry : body.value(u"approved_by").toArray()) {
                         const QString user = entry.toObject()
                                                  .value(u"user")
                                                  .toObject()
                                                  .value(u"username")
                                                  .toString();
                         if (!user.isEmpty())
                             result.pullRequest->approvals << PullRequestApproval{user, {}};
                     }
                     result.pullRequest->approvalsRead = true;
                 }
                 done(result);
             });
    });
}

void GitLabClient::changedFiles(int number, QObject *context, ChangedFilesCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            done({}, error);
            return;
        }
        // GitLab 15.7's list of diffs (each with its diff text: there is no lighter list);
        // `old_path` differs from `new_path` for a rename.
        listChangedFiles(projectPath() + u"/merge_requests/"_s + QString::number(number)
                             + u"/diffs"_s,
                         pageQuery(), m_pageSize, {u"new_path"_s, u"old_path"_s}, context, done);
    });
}

void GitLabClient::verifyCommit(const QString &sha, QObject *context, VerificationCallback done)
{
    withProject(context, [=, this](const ForgeError &error) {
        if (error.isError()) {
            done({}, error);
            return;
        }
        send("GET", projectPath() + u"/repository/commits/"_s + sha + u"/signature"_s, {},
             QJsonValue::Undefined, context, [this, done](const Reply &reply) {
                 const ForgeError error = check(reply);
                 if (error.kind == ForgeError::Kind::NotFound) {
                     // "404 Signature Not Found": GitLab sees no signature on the commit.
                     done(CommitVerification{false, u"unsigned"_s}, {});
                     return;
                 }
                 if (error.isError()) {
                     done({}, error);
                     return;
                 }
                 const QString status = QJsonDocument::fromJson(reply.body)
                                            .object()
                                            .value(u"verification_status")
                                            .toString();
                 done(CommitVerification{status == u"verified" || status == u"verified_system"
                                             || status == u"verified_ca",
                                         status},
                      {});
             });
    });
}

} // namespace gitops::forge
