#include "githubapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace localforge {

using namespace Qt::StringLiterals;

namespace {

QJsonValue timestamp(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonObject validationError(const QString &message)
{
    return QJsonObject{{QStringLiteral("resource"), QStringLiteral("PullRequest")},
                       {QStringLiteral("code"), QStringLiteral("custom")},
                       {QStringLiteral("message"), message}};
}

QJsonObject fieldError(const QString &field, const QString &code)
{
    return QJsonObject{{QStringLiteral("resource"), QStringLiteral("PullRequest")},
                       {QStringLiteral("field"), field},
                       {QStringLiteral("code"), code}};
}

} // namespace

QByteArray GitHubApi::tokenOf(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("authorization");
    for (const QByteArray &scheme : {QByteArray("Bearer "), QByteArray("token ")}) {
        if (authorization.startsWith(scheme))
            return authorization.mid(scheme.size()).trimmed();
    }
    return {};
}

HttpResponse GitHubApi::error(int status, const QString &message, const QJsonArray &errors)
{
    QJsonObject body{
        {QStringLiteral("message"), message},
        {QStringLiteral("documentation_url"), QStringLiteral("https://docs.github.com/rest")},
        {QStringLiteral("status"), QString::number(status)}};
    if (!errors.isEmpty())
        body.insert(QStringLiteral("errors"), errors);
    return json(status, body);
}

HttpResponse GitHubApi::unauthorized() const
{
    return error(401, QStringLiteral("Bad credentials"));
}

HttpResponse GitHubApi::missingScope() const
{
    // A classic token without `repo`: GitHub names the scopes the endpoint accepts and the
    // ones the token has.
    HttpResponse response =
        error(403, QStringLiteral("Resource not accessible by personal access token"));
    response.headers.emplaceBack("X-Accepted-OAuth-Scopes", "repo");
    response.headers.emplaceBack("X-OAuth-Scopes", "read:org");
    return response;
}

HttpResponse GitHubApi::faultResponse(const FaultRule &rule) const
{
    if (rule.status == 429 || (rule.status == 403 && rule.message.contains(u"rate limit"))) {
        HttpResponse response =
            error(rule.status,
                  rule.message.isEmpty() ? QStringLiteral("API rate limit exceeded for user ID 1.")
                                         : rule.message);
        const qint64 reset = QDateTime::currentSecsSinceEpoch() + rule.resetSeconds;
        response.headers.emplaceBack("X-RateLimit-Limit", "5000");
        response.headers.emplaceBack("X-RateLimit-Remaining", "0");
        response.headers.emplaceBack("X-RateLimit-Used", "5000");
        response.headers.emplaceBack("X-RateLimit-Reset", QByteArray::number(reset));
        response.headers.emplaceBack("X-RateLimit-Resource", "core");
        return response;
    }
    if (rule.status == 502 || rule.status == 504) {
        // What a proxy in front of the server says: not JSON.
        HttpResponse response;
        response.status = rule.status;
        response.contentType = "text/html";
        response.body = "<html><body><h1>" + QByteArray::number(rule.status) + ' '
            + HttpConnection::reasonPhrase(rule.status) + "</h1></body></html>\n";
        return response;
    }
    return error(rule.status,
                 rule.message.isEmpty() ? QStringLiteral("Server Error") : rule.message);
}

HttpResponse GitHubApi::route(const HttpRequest &request)
{
    const QStringList parts = segments(request);
    if (parts == QStringList{QStringLiteral("meta")} && request.method == "GET")
        return json(200,
                    QJsonObject{{QStringLiteral("verifiable_password_authentication"), false},
                                {QStringLiteral("installed_version"), QStringLiteral("3.18.0")}});
    if (parts.size() < 4 || parts.at(0) != u"repos")
        return error(404, QStringLiteral("Not Found"));
    const QString project = parts.at(1) + u'/' + parts.at(2);
    if (!repository(project).exists())
        return error(404, QStringLiteral("Not Found"));

    if (parts.size() == 4 && parts.at(3) == u"pulls") {
        if (request.method == "GET")
            return list(request, project);
        if (request.method == "POST")
            return create(request, project);
    }
    if (parts.size() == 6 && parts.at(3) == u"commits" && parts.at(5) == u"pulls"
        && request.method == "GET") {
        QJsonArray items;
        for (const PullRequestRecord &record : pullRequestsOf(project, parts.at(4)))
            items.append(toJson(record));
        return json(200, items);
    }
    bool ok = false;
    const int number = parts.value(4).toInt(&ok);
    PullRequestRecord *record = ok ? m_store.find(project, number) : nullptr;
    if (parts.size() == 5 && parts.at(3) == u"pulls" && request.method == "GET")
        return record ? json(200, toJson(*record)) : error(404, QStringLiteral("Not Found"));
    if (parts.size() == 6 && parts.at(3) == u"pulls" && parts.at(5) == u"requested_reviewers"
        && request.method == "POST") {
        if (!record)
            return error(404, QStringLiteral("Not Found"));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QStringList asked;
        for (const QJsonValue &login : body.value(u"reviewers").toArray()) {
            if (!m_settings.users.contains(login.toString()))
                return error(422,
                             QStringLiteral("Reviews may only be requested from collaborators. "
                                            "One or more of the users or teams you specified "
                                            "is not a collaborator of the %1 repository.")
                                 .arg(project));
            asked << login.toString();
        }
        for (const QString &login : asked) {
            if (!record->reviewers.contains(login))
                record->reviewers << login;
        }
        return json(201, toJson(*record));
    }
    if (parts.size() == 6 && parts.at(3) == u"issues" && parts.at(5) == u"labels"
        && request.method == "POST")
        return record ? addLabels(request, record) : error(404, QStringLiteral("Not Found"));
    return error(404, QStringLiteral("Not Found"));
}

HttpResponse GitHubApi::list(const HttpRequest &request, const QString &project)
{
    const QString owner = project.section(u'/', 0, 0);
    const QString state = request.query.queryItemValue(QStringLiteral("state"));
    const QString head = request.query.queryItemValue(QStringLiteral("head"), QUrl::FullyDecoded);
    const QString base = request.query.queryItemValue(QStringLiteral("base"), QUrl::FullyDecoded);
    // GitHub reads `head` as `user:ref-name`; a bare branch name is taken as a user, which
    // matches nobody but that user's forks. Here every branch is the owner's.
    QString headOwner = head.section(u':', 0, 0);
    const QString headRef = head.contains(u':') ? head.section(u':', 1) : QString();

    QList<PullRequestRecord> matches;
    for (const PullRequestRecord &record : m_store.forProject(project)) {
        const bool open = record.state == PullRequestRecord::State::Open;
        if ((state.isEmpty() || state == u"open") && !open)
            continue;
        if (state == u"closed" && open)
            continue;
        if (!head.isEmpty()
            && (headOwner != owner || (!headRef.isEmpty() && record.head != headRef)))
            continue;
        if (!base.isEmpty() && record.base != base)
            continue;
        matches.append(record);
    }
    std::reverse(matches.begin(), matches.end()); // newest first, GitHub's default
    HttpResponse response;
    const QList<PullRequestRecord> page =
        paginate(matches, request, QStringLiteral("per_page"), 30, 100, false, &response);
    QJsonArray items;
    for (const PullRequestRecord &record : page)
        items.append(toJson(record));
    const HttpResponse body = json(200, items);
    response.status = 200;
    response.body = body.body;
    return response;
}

HttpResponse GitHubApi::create(const HttpRequest &request, const QString &project)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString owner = project.section(u'/', 0, 0);
    for (const QString &field :
         {QStringLiteral("title"), QStringLiteral("head"), QStringLiteral("base")}) {
        if (body.value(field).toString().isEmpty())
            return error(422, QStringLiteral("Validation Failed"),
                         QJsonArray{fieldError(field, QStringLiteral("missing_field"))});
    }
    QString head = body.value(u"head").toString();
    if (head.contains(u':')) {
        if (head.section(u':', 0, 0) != owner)
            return error(422, QStringLiteral("Validation Failed"),
                         QJsonArray{fieldError(QStringLiteral("head"), QStringLiteral("invalid"))});
        head = head.section(u':', 1);
    }
    const QString base = body.value(u"base").toString();
    const BareRepository repo = repository(project);
    const QString headSha = repo.branchTip(head);
    if (headSha.isEmpty())
        return error(422, QStringLiteral("Validation Failed"),
                     QJsonArray{fieldError(QStringLiteral("head"), QStringLiteral("invalid"))});
    if (repo.branchTip(base).isEmpty())
        return error(422, QStringLiteral("Validation Failed"),
                     QJsonArray{fieldError(QStringLiteral("base"), QStringLiteral("invalid"))});
    if (m_store.open(project, head, base))
        return error(
            422, QStringLiteral("Validation Failed"),
            QJsonArray{validationError(
                QStringLiteral("A pull request already exists for %1:%2.").arg(owner, head))});
    if (repo.commitsAhead(base, head) <= 0)
        return error(422, QStringLiteral("Validation Failed"),
                     QJsonArray{validationError(
                         QStringLiteral("No commits between %1 and %2").arg(base, head))});

    PullRequestRecord record;
    record.project = project;
    record.title = body.value(u"title").toString();
    record.body = body.value(u"body").toString();
    record.head = head;
    record.base = base;
    record.baseSha = repo.branchTip(base);
    record.headSha = headSha;
    record.draft = body.value(u"draft").toBool();
    return json(201, toJson(m_store.add(record)));
}

HttpResponse GitHubApi::addLabels(const HttpRequest &request, PullRequestRecord *record)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    for (const QJsonValue &label : body.value(u"labels").toArray()) {
        if (!record->labels.contains(label.toString()))
            record->labels.append(label.toString());
    }
    record->updatedAt = QDateTime::currentDateTimeUtc();
    return json(200, toJson(*record).value(u"labels"));
}

QJsonObject GitHubApi::toJson(const PullRequestRecord &record) const
{
    const QString owner = record.project.section(u'/', 0, 0);
    const BareRepository repo = repository(record.project);
    auto branch = [&](const QString &ref, const QString &sha) {
        return QJsonObject{
            {QStringLiteral("label"), QString(owner + u':' + ref)},
            {QStringLiteral("ref"), ref},
            {QStringLiteral("sha"), sha},
            {QStringLiteral("repo"), QJsonObject{{QStringLiteral("full_name"), record.project}}}};
    };
    QJsonArray labels;
    for (const QString &name : record.labels)
        labels.append(QJsonObject{{QStringLiteral("name"), name}});
    QJsonArray reviewers;
    for (const QString &login : record.reviewers)
        reviewers.append(QJsonObject{{QStringLiteral("login"), login}});
    const bool merged = record.state == PullRequestRecord::State::Merged;
    return QJsonObject{
        {QStringLiteral("url"),
         QString(apiUrl() + u"/repos/"_s + record.project + u"/pulls/"_s
                 + QString::number(record.number))},
        {QStringLiteral("id"), record.id},
        {QStringLiteral("number"), record.number},
        {QStringLiteral("state"),
         record.state == PullRequestRecord::State::Open ? u"open"_s : u"closed"_s},
        {QStringLiteral("title"), record.title},
        {QStringLiteral("body"), record.body},
        {QStringLiteral("draft"), record.draft},
        {QStringLiteral("user"),
         QJsonObject{{QStringLiteral("login"), QStringLiteral("forge-user")}}},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("requested_reviewers"), reviewers},
        {QStringLiteral("html_url"),
         QString(webUrl(record.project) + u"/pull/"_s + QString::number(record.number))},
        {QStringLiteral("head"), branch(record.head, record.headSha)},
        {QStringLiteral("base"), branch(record.base, repo.branchTip(record.base))},
        {QStringLiteral("merged"), merged},
        {QStringLiteral("merge_commit_sha"),
         record.mergeCommit.isEmpty() ? QJsonValue() : QJsonValue(record.mergeCommit)},
        {QStringLiteral("created_at"), timestamp(record.createdAt)},
        {QStringLiteral("updated_at"), timestamp(record.updatedAt)},
        {QStringLiteral("closed_at"), timestamp(record.closedAt)},
        {QStringLiteral("merged_at"), timestamp(record.mergedAt)},
    };
}

QString GitHubApi::mergeMessage(const PullRequestRecord &record) const
{
    return QStringLiteral("Merge pull request #%1 from %2/%3\n\n%4")
        .arg(QString::number(record.number), record.project.section(u'/', 0, 0), record.head,
             record.title);
}

} // namespace localforge
