#include "forge/forgeclient.h"

#include "forge/forgelogging.h"
#include "forge/giteaclient.h"
#include "forge/githubclient.h"
#include "forge/gitlabclient.h"
#include "version.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>

namespace gitops::forge {

std::unique_ptr<ForgeClient> ForgeClient::create(const ForgeRemote &remote, const QByteArray &token,
                                                 ForgeError *error, QObject *parent)
{
    switch (remote.type()) {
    case ForgeType::GitHub:
        return std::unique_ptr<ForgeClient>(new GitHubClient(remote, token, parent));
    case ForgeType::GitLab:
        return std::unique_ptr<ForgeClient>(new GitLabClient(remote, token, parent));
    case ForgeType::Gitea:
        return std::unique_ptr<ForgeClient>(new GiteaClient(remote, token, parent));
    case ForgeType::Bitbucket:
    case ForgeType::Unknown:
        break;
    }
    error->kind = ForgeError::Kind::Unsupported;
    error->host = remote.host();
    error->message = remote.type() == ForgeType::Unknown
        ? remote.unknownForgeHint()
        : QStringLiteral("the console opens no pull requests on %1 yet: the branch was pushed, "
                         "open it at %2")
              .arg(forgeTypeName(remote.type()), remote.webUrl().toString());
    return nullptr;
}

ForgeClient::ForgeClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent)
    : QObject(parent)
    , m_remote(remote)
    , m_token(token)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setAutoDeleteReplies(false);
}

ForgeClient::~ForgeClient() = default;

void ForgeClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                       const QJsonValue &body, QObject *context, ReplyCallback done)
{
    QUrl url = m_remote.apiBase();
    // Tolerant mode keeps the caller's percent-encoding (GitLab's %2F) as it is.
    url.setPath(url.path() + path, QUrl::TolerantMode);
    url.setQuery(query);
    sendTo(method, url, body, context, std::move(done));
}

std::pair<QString, QByteArray> ForgeClient::gitCredential() const
{
    const QString user = m_remote.type() == ForgeType::GitHub ? QStringLiteral("x-access-token")
                                                              : QStringLiteral("oauth2");
    return {user, m_token};
}

void ForgeClient::sendTo(const QByteArray &method, const QUrl &url, const QJsonValue &body,
                         QObject *context, ReplyCallback done)
{
    QByteArray payload;
    if (!body.isUndefined())
        payload = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    attempt(method, url, payload, !body.isUndefined(), context, std::move(done), 1);
}

void ForgeClient::attempt(const QByteArray &method, const QUrl &url, const QByteArray &payload,
                          bool hasBody, QObject *context, ReplyCallback done, int attemptNumber)
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", "gitops-console/" + applicationVersion().toUtf8());
    request.setTransferTimeout(m_timeoutMs);
    authorize(request);
    if (hasBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    // Never the token nor the body.
    qCDebug(lcForge).noquote() << method << url.toString(QUrl::RemoveUserInfo)
                               << QStringLiteral("(attempt %1)").arg(attemptNumber);

    QNetworkReply *reply = m_network->sendCustomRequest(request, method, payload);
    const QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, guard, context, done, method, url, payload, hasBody, attemptNumber] {
                reply->deleteLater();
                Reply answer;
                answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                answer.body = reply->readAll();
                for (const auto &[name, value] : reply->rawHeaderPairs())
                    answer.headers.insert(name.toLower(), value);
                if (answer.status == 0)
                    answer.networkError = reply->errorString();
                qCDebug(lcForge).noquote() << method << reply->url().path() << "->" << answer.status
                                           << answer.networkError;
                if (context && !guard)
                    return; // whoever asked is gone

                // A 429 (or GitHub's 403 with no requests left) was not acted on: sending
                // it again after the reset is safe, also for a create.
                const ForgeError error = check(answer);
                constexpr int maximumAttempts = 3;
                if (error.kind == ForgeError::Kind::RateLimited && attemptNumber < maximumAttempts
                    && error.retryAt.isValid()) {
                    const qint64 waitMs =
                        qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(error.retryAt))
                        + 250;
                    if (waitMs <= qint64(m_longestRateLimitWaitS) * 1000) {
                        qCDebug(lcForge) << "rate limited; waiting" << waitMs << "ms";
                        Q_EMIT waitingForRateLimit(error.host, error.retryAt);
                        QTimer::singleShot(waitMs, this,
                                           [this, method, url, payload, hasBody, guard, context,
                                            done, attemptNumber] {
                                               if (context && !guard)
                                                   return;
                                               attempt(method, url, payload, hasBody, context, done,
                                                       attemptNumber + 1);
                                           });
                        return;
                    }
                }
                done(answer);
            });
}

void ForgeClient::fetchAll(const QString &path, const QUrlQuery &query, QObject *context,
                           std::function<void(const QJsonArray &, const ForgeError &)> done,
                           int maxPages)
{
    QUrl url = m_remote.apiBase();
    url.setPath(url.path() + path, QUrl::TolerantMode);
    url.setQuery(query);
    fetchPage(url, std::make_shared<QJsonArray>(), maxPages, context, std::move(done));
}

void ForgeClient::fetchPage(const QUrl &url, std::shared_ptr<QJsonArray> items, int pagesLeft,
                            QObject *context,
                            std::function<void(const QJsonArray &, const ForgeError &)> done)
{
    sendTo("GET", url, QJsonValue::Undefined, context,
           [this, url, items, pagesLeft, context, done](const Reply &reply) {
               const ForgeError error = check(reply);
               if (error.isError()) {
                   done({}, error);
                   return;
               }
               const QJsonDocument page = QJsonDocument::fromJson(reply.body);
               if (!page.isArray()) {
                   done({}, protocolError(QStringLiteral("a list was expected")));
                   return;
               }
               for (const QJsonValue &item : page.array())
                   items->append(item);
               // Link: <https://...&page=2>; rel="next", <...>; rel="last"
               static const QRegularExpression next(
                   QStringLiteral("<([^>]+)>\\s*;\\s*rel=\"next\""));
               const QRegularExpressionMatch match =
                   next.match(QString::fromLatin1(reply.header("link")));
               QUrl nextUrl;
               if (match.hasMatch()) {
                   nextUrl = QUrl(match.captured(1));
               } else if (const QByteArray page = reply.header("x-next-page").trimmed();
                          !page.isEmpty()) {
                   // GitLab's own headers, where a proxy dropped Link: the same query, the
                   // page it names.
                   nextUrl = url;
                   QUrlQuery query(nextUrl);
                   query.removeAllQueryItems(QStringLiteral("page"));
                   query.addQueryItem(QStringLiteral("page"), QString::fromLatin1(page));
                   nextUrl.setQuery(query);
               }
               if (nextUrl.isValid() && pagesLeft > 1) {
                   // Only where this client sends its token.
                   if (nextUrl.host() == m_remote.apiBase().host()
                       && nextUrl.port() == m_remote.apiBase().port()) {
                       fetchPage(nextUrl, items, pagesLeft - 1, context, done);
                       return;
                   }
               }
               done(*items, ForgeError());
           });
}

ForgeError ForgeClient::check(const Reply &reply) const
{
    ForgeError error;
    if (reply.status == 0) {
        error.kind = ForgeError::Kind::Network;
        error.host = m_remote.apiBase().host();
        error.message = reply.networkError;
        return error;
    }
    if (reply.status >= 200 && reply.status < 300)
        return error;
    error = errorFor(reply);
    error.status = reply.status;
    error.host = m_remote.apiBase().host();
    if (error.message.isEmpty())
        error.message = messageOf(reply.body);
    return error;
}

ForgeError ForgeClient::protocolError(const QString &what) const
{
    ForgeError error;
    error.kind = ForgeError::Kind::Protocol;
    error.host = m_remote.apiBase().host();
    error.message = what;
    return error;
}

QString ForgeClient::messageOf(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue message = object.value(u"message");
        if (message.isString())
            return message.toString();
        if (message.isArray()) {
            QStringList parts;
            for (const QJsonValue &part : message.toArray())
                parts << part.toString();
            return parts.join(QStringLiteral("; "));
        }
        if (message.isObject()) {
            // GitLab's field errors: {"title": ["can't be blank"]}
            QStringList parts;
            const QJsonObject fields = message.toObject();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                QStringList reasons;
                for (const QJsonValue &reason : it.value().toArray())
                    reasons << reason.toString();
                parts << it.key() + u' ' + reasons.join(QStringLiteral(", "));
            }
            return parts.join(QStringLiteral("; "));
        }
        if (object.value(u"error_description").isString())
            return object.value(u"error_description").toString();
        if (object.value(u"error").isString())
            return object.value(u"error").toString();
    }
    // A proxy's HTML page or plain text: its words, without markup, in one line.
    QString text = QString::fromUtf8(body);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    text.replace(tags, QStringLiteral(" "));
    text = text.replace(spaces, QStringLiteral(" ")).trimmed();
    return text.left(300);
}

QDateTime ForgeClient::epochHeader(const QByteArray &value)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    return ok ? QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::UTC) : QDateTime();
}

void ForgeClient::requestReviewers(const QString &path, const PullRequestResult &result,
                                   const QStringList &reviewers, QObject *context,
                                   PullRequestCallback done)
{
    if (reviewers.isEmpty() || !result.pullRequest) {
        done(result);
        return;
    }
    const QJsonObject body{{QStringLiteral("reviewers"), QJsonArray::fromStringList(reviewers)}};
    send("POST", path, {}, body, context, [this, result, reviewers, done](const Reply &reply) {
        PullRequestResult asked = result;
        const ForgeError error = check(reply);
        if (error.isError()) {
            const QString warning = QStringLiteral("reviewers not asked: %1").arg(error.text());
            asked.warning = asked.warning.isEmpty() ? warning : asked.warning + u"; " + warning;
        } else {
            asked.pullRequest->reviewers = reviewers;
        }
        done(asked);
    });
}

void ForgeClient::listOpen(const QString &headPrefix, QObject *context,
                           PullRequestListCallback done)
{
    const auto [path, query] = openListRequest();
    fetchAll(path, query, context,
             [this, headPrefix, done](const QJsonArray &items, const ForgeError &error) {
                 QList<PullRequest> result;
                 for (const QJsonValue &item : items) {
                     const PullRequest pr = parseOne(item.toObject());
                     if (pr.isOpen() && pr.head.startsWith(headPrefix))
                         result << pr;
                 }
                 done(error.isError() ? QList<PullRequest>() : result, error);
             });
}

void ForgeClient::open(const PullRequestDraft &draft, QObject *context, PullRequestCallback done)
{
    findByHead(draft.head, draft.base, context,
               [this, draft, context, done](const PullRequestResult &found) {
                   if (found.error.isError() || found.pullRequest) {
                       done(found);
                       return;
                   }
                   createPullRequest(
                       draft, context,
                       [this, draft, context, done](const PullRequestResult &created) {
                           if (created.error.kind != ForgeError::Kind::AlreadyExists) {
                               done(created);
                               return;
                           }
                           // Made meanwhile: by another client, or by our own request
                           // that Qt resent after a dropped connection. Adopt it.
                           qCDebug(lcForge) << "pull request already exists; adopting it";
                           findByHead(draft.head, draft.base, context,
                                      [created, done](const PullRequestResult &again) {
                                          if (again.pullRequest || again.error.isError())
                                              done(again);
                                          else
                                              done(created);
                                      });
                       });
               });
}

QDateTime ForgeClient::retryTimeOf(const Reply &reply, const char *resetHeader)
{
    bool ok = false;
    const int retryAfter = reply.header("retry-after").toInt(&ok);
    if (ok)
        return QDateTime::currentDateTimeUtc().addSecs(retryAfter);
    return epochHeader(reply.header(resetHeader));
}

QUrlQuery ForgeClient::pageQuery() const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("per_page"), QString::number(m_pageSize));
    return query;
}

QString ForgeClient::ownerRepoPath() const
{
    return QStringLiteral("/repos/")
        + QString::fromLatin1(QUrl::toPercentEncoding(m_remote.owner())) + u'/'
        + QString::fromLatin1(QUrl::toPercentEncoding(m_remote.name()));
}

PullRequest ForgeClient::parseGitHubShaped(const QJsonObject &json)
{
    PullRequest pr;
    pr.number = json.value(u"number").toInt();
    pr.title = json.value(u"title").toString();
    pr.body = json.value(u"body").toString();
    pr.head = json.value(u"head").toObject().value(u"ref").toString();
    pr.headSha = json.value(u"head").toObject().value(u"sha").toString();
    pr.base = json.value(u"base").toObject().value(u"ref").toString();
    pr.draft = json.value(u"draft").toBool();
    // GitHub's lists omit `merged`; `merged_at` is in both forges' answers.
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
    // GitHub's lists omit merged_by; the single pull request's answer has it.
    pr.mergedBy = json.value(u"merged_by").toObject().value(u"login").toString();
    pr.mergedAt = QDateTime::fromString(json.value(u"merged_at").toString(), Qt::ISODate);
    return pr;
}

void ForgeClient::getOne(const QString &path, QObject *context, PullRequestCallback done)
{
    send("GET", path, {}, QJsonValue::Undefined, context, [this, done](const Reply &reply) {
        PullRequestResult result;
        result.error = check(reply);
        if (!result.error.isError())
            result.pullRequest = parseOne(QJsonDocument::fromJson(reply.body).object());
        done(result);
    });
}

void ForgeClient::listAt(const QString &path, const QUrlQuery &query, QObject *context,
                         PullRequestListCallback done)
{
    fetchAll(path, query, context, [this, done](const QJsonArray &items, const ForgeError &error) {
        QList<PullRequest> result;
        for (const QJsonValue &item : items)
            result << parseOne(item.toObject());
        done(result, error);
    });
}

void ForgeClient::listChangedFiles(const QString &path, const QUrlQuery &query, int pageSize,
                                   const QStringList &pathKeys, QObject *context,
                                   ChangedFilesCallback done)
{
    // GitHub lists at most 3,000 files of a pull request; the same bound keeps a huge
    // GitLab or Gitea change from costing more than 30 requests at 100 a page.
    constexpr int maximumFiles = 3000;
    const int pages = (maximumFiles + qMax(1, pageSize) - 1) / qMax(1, pageSize);
    fetchAll(
        path, query, context,
        [pathKeys, done](const QJsonArray &items, const ForgeError &error) {
            if (error.isError()) {
                done({}, error);
                return;
            }
            QStringList paths;
            for (const QJsonValue &item : items) {
                for (const QString &key : pathKeys) {
                    const QString changed = item.toObject().value(key).toString();
                    if (!changed.isEmpty())
                        paths << changed;
                }
            }
            paths.removeDuplicates();
            done(paths, ForgeError());
        },
        pages);
}

void ForgeClient::findAmong(const QString &path, const QUrlQuery &query, const QString &head,
                            const QString &base, QObject *context, PullRequestCallback done)
{
    listAt(path, query, context,
           [head, base, done](const QList<PullRequest> &pulls, const ForgeError &error) {
               PullRequestResult result;
               result.error = error;
               QList<PullRequest> candidates;
               for (const PullRequest &pr : pulls) {
                   if (pr.head == head && pr.base == base)
                       candidates << pr;
               }
               if (!error.isError())
                   result.pullRequest = adoptablePullRequest(candidates);
               done(result);
           });
}

void ForgeClient::readGitHubShapedReviews(const PullRequest &pull, QObject *context,
                                          PullRequestCallback done)
{
    get(pull.number, context, [this, context, done](const PullRequestResult &got) {
        if (got.error.isError() || !got.pullRequest) {
            done(got);
            return;
        }
        const PullRequest read = *got.pullRequest;
        readApprovals(read, ownerRepoPath() + QStringLiteral("/pulls/%1/reviews").arg(read.number),
                      pageQuery(), context, done);
    });
}

QList<PullRequestApproval> ForgeClient::standingApprovals(const QJsonArray &reviews)
{
    QList<PullRequestApproval> approvals;
    for (const QJsonValue &value : reviews) {
        const QJsonObject review = value.toObject();
        const QString state = review.value(u"state").toString();
        const QString user = review.value(u"user").toObject().value(u"login").toString();
        if (user.isEmpty())
            continue;
        const bool approved = state == u"APPROVED" && !review.value(u"dismissed").toBool();
        const bool decides = approved || state == u"APPROVED" || state == u"CHANGES_REQUESTED"
            || state == u"REQUEST_CHANGES" || state == u"DISMISSED";
        if (!decides)
            continue;
        approvals.removeIf([&](const PullRequestApproval &a) { return a.user == user; });
        if (approved)
            approvals << PullRequestApproval{
                user,
                QDateTime::fromString(review.value(u"submitted_at").toString(), Qt::ISODateWithMs)};
    }
    return approvals;
}

CommitVerification ForgeClient::verificationOf(const QJsonObject &verification)
{
    CommitVerification answer;
    answer.verified = verification.value(u"verified").toBool();
    answer.reason = verification.value(u"reason").toString();
    return answer;
}

void ForgeClient::readApprovals(const PullRequest &read, const QString &path,
                                const QUrlQuery &query, QObject *context, PullRequestCallback done)
{
    fetchAll(path, query, context,
             [read, done](const QJsonArray &reviews, const ForgeError &error) {
                 PullRequestResult result;
                 result.error = error;
                 result.pullRequest = read;
                 if (!error.isError()) {
                     result.pullRequest->approvals = standingApprovals(reviews);
                     result.pullRequest->approvalsRead = true;
                 }
                 done(result);
             });
}

void ForgeClient::readVerification(const QString &path, QObject *context, VerificationCallback done)
{
    send("GET", path, {}, QJsonValue::Undefined, context, [this, done](const Reply &reply) {
        const ForgeError error = check(reply);
        if (error.isError()) {
            done({}, error);
            return;
        }
        const QJsonObject commit =
            QJsonDocument::fromJson(reply.body).object().value(u"commit").toObject();
        if (!commit.contains(u"verification")) {
            done({}, protocolError(QStringLiteral("the commit has no verification")));
            return;
        }
        done(verificationOf(commit.value(u"verification").toObject()), {});
    });
}

} // namespace gitops::forge
