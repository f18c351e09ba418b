#include "githubapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

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

// GitHub's documented `verification.reason` words (its OpenAPI description's enum).
QString githubReason(const BareRepository::CommitObject &object)
{
    using Kind = SignatureCheck::Kind;
    using Status = SignatureCheck::Status;
    const SignatureCheck &check = object.check;
    if (check.kind == Kind::None)
        return u"unsigned"_s;
    if (check.kind == Kind::Ssh)
        return check.status == Status::Good ? u"valid"_s : u"unknown_key"_s;
    const bool x509 = check.kind == Kind::X509;
    switch (check.status) {
    case Status::Good:
        // The committer's address must be one of the key's (certificate's) identities.
        return check.emailMatches ? u"valid"_s : u"bad_email"_s;
    case Status::Bad:
        return u"invalid"_s;
    case Status::Malformed:
        return u"malformed_signature"_s;
    case Status::ExpiredKey:
        return x509 ? u"bad_cert"_s : u"expired_key"_s;
    case Status::RevokedKey:
        return x509 ? u"bad_cert"_s : u"invalid"_s;
    case Status::Unsigned:
    case Status::NotChecked:
    case Status::UnknownKey:
    case Status::UntrustedCertificate:
        break;
    }
    // S/MIME: GitHub registers no certificates, it checks their chain; OpenPGP: no user
    // uploaded the key.
    return x509 ? u"bad_cert"_s : u"unknown_key"_s;
}

QJsonObject fieldError(const QString &field, const QString &code)
{
    return QJsonObject{{QStringLiteral("resource"), QStringLiteral("PullRequest")},
                       {QStringLiteral("field"), field},
                       {QStringLiteral("code"), code}};
}

} // namespace

QByteArray GitHubApi::tokenOf(const testhttp::Request &request) const
{
    const QByteArray authorization = request.header("authorization");
    for (const QByteArray &scheme : {QByteArray("Bearer "), QByteArray("token ")}) {
        if (authorization.startsWith(scheme))
            return authorization.mid(scheme.size()).trimmed();
    }
    return {};
}

testhttp::Response GitHubApi::error(int status, const QString &message, const QJsonArray &errors)
{
    QJsonObject body{
        {QStringLiteral("message"), message},
        {QStringLiteral("documentation_url"), QStringLiteral("https://docs.github.com/rest")},
        {QStringLiteral("status"), QString::number(status)}};
    if (!errors.isEmpty())
        body.insert(QStringLiteral("errors"), errors);
    return json(status, body);
}

testhttp::Response GitHubApi::unauthorized() const
{
    return error(401, QStringLiteral("Bad credentials"));
}

testhttp::Response GitHubApi::missingScope() const
{
    // A classic token without `repo`: GitHub names the scopes the endpoint accepts and the
    // ones the token has.
    testhttp::Response response =
        error(403, QStringLiteral("Resource not accessible by personal access token"));
    response.headers.emplaceBack("X-Accepted-OAuth-Scopes", "repo");
    response.headers.emplaceBack("X-OAuth-Scopes", "read:org");
    return response;
}

testhttp::Response GitHubApi::faultResponse(const FaultRule &rule) const
{
    if (rule.status == 403 && rule.message.contains(u"secondary rate limit")) {
        // Abuse detection: requests are left, Retry-After says how long to wait.
        testhttp::Response response = error(403, rule.message);
        response.headers.emplaceBack("Retry-After", QByteArray::number(rule.resetSeconds));
        response.headers.emplaceBack("X-RateLimit-Remaining", "4990");
        return response;
    }
    if (rule.status == 429 || (rule.status == 403 && rule.message.contains(u"rate limit"))) {
        testhttp::Response response =
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
        testhttp::Response response;
        response.status = rule.status;
        response.contentType = "text/html";
        response.body = "<html><body><h1>" + QByteArray::number(rule.status) + ' '
            + testhttp::reasonPhrase(rule.status) + "</h1></body></html>\n";
        return response;
    }
    return error(rule.status,
                 rule.message.isEmpty() ? QStringLiteral("Server Error") : rule.message);
}

testhttp::Response GitHubApi::route(const testhttp::Request &request)
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
    if (parts.size() == 5 && parts.at(3) == u"commits" && request.method == "GET")
        return commit(project, parts.at(4));
    if (parts.size() == 6 && parts.at(3) == u"pulls" && parts.at(5) == u"files"
        && request.method == "GET")
        return record ? files(request, *record) : error(404, QStringLiteral("Not Found"));
    if (parts.size() == 6 && parts.at(3) == u"pulls" && parts.at(5) == u"reviews"
        && request.method == "GET") {
        if (!record)
            return error(404, QStringLiteral("Not Found"));
        QJsonArray items;
        for (const ReviewRecord &review : record->reviews)
            items.append(reviewJson(*record, review));
        return json(200, items);
    }
    if (parts.size() == 6 && parts.at(3) == u"issues" && parts.at(5) == u"labels"
        && request.method == "POST")
        return record ? addLabels(request, record) : error(404, QStringLiteral("Not Found"));
    return error(404, QStringLiteral("Not Found"));
}

testhttp::Response GitHubApi::list(const testhttp::Request &request, const QString &project)
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
    testhttp::Response response;
    const QList<PullRequestRecord> page =
        paginate(matches, request, QStringLiteral("per_page"), 30, 100, false, &response);
    QJsonArray items;
    for (const PullRequestRecord &record : page)
        items.append(toJson(record));
    const testhttp::Response body = json(200, items);
    response.status = 200;
    response.body = body.body;
    return response;
}

testhttp::Response GitHubApi::create(const testhttp::Request &request, const QString &project)
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

testhttp::Response GitHubApi::addLabels(const testhttp::Request &request, PullRequestRecord *record)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    for (const QJsonValue &label : body.value(u"labels").toArray()) {
        if (!record->labels.contains(label.toString()))
            record->labels.append(label.toString());
    }
    record->updatedAt = QDateTime::currentDateTimeUtc();
    QJsonArray labels;
    for (const QString &name : record->labels)
        labels.append(labelJson(record->project, name));
    return json(200, labels);
}

QJsonObject GitHubApi::simpleUser(const QString &login) const
{
    const QString url = apiUrl() + u"/users/"_s + login;
    const qint64 id = (qHash(login) & 0xffffff) + 1;
    return QJsonObject{
        {u"login"_s, login},
        {u"id"_s, id},
        {u"node_id"_s, QString(u"U_"_s + QString::number(id))},
        {u"avatar_url"_s, QString(m_origin + u"/avatars/"_s + login)},
        {u"gravatar_id"_s, QString()},
        {u"url"_s, url},
        {u"html_url"_s, QString(m_origin + u'/' + login)},
        {u"followers_url"_s, QString(url + u"/followers"_s)},
        {u"following_url"_s, QString(url + u"/following{/other_user}"_s)},
        {u"gists_url"_s, QString(url + u"/gists{/gist_id}"_s)},
        {u"starred_url"_s, QString(url + u"/starred{/owner}{/repo}"_s)},
        {u"subscriptions_url"_s, QString(url + u"/subscriptions"_s)},
        {u"organizations_url"_s, QString(url + u"/orgs"_s)},
        {u"repos_url"_s, QString(url + u"/repos"_s)},
        {u"events_url"_s, QString(url + u"/events{/privacy}"_s)},
        {u"received_events_url"_s, QString(url + u"/received_events"_s)},
        {u"type"_s, u"User"_s},
        {u"site_admin"_s, false},
    };
}

QJsonObject GitHubApi::repositoryJson(const QString &project) const
{
    const QString url = apiUrl() + u"/repos/"_s + project;
    const QString html = webUrl(project);
    QJsonObject repo{
        {u"id"_s, m_store.projectIdIfKnown(project)},
        {u"node_id"_s, QString(u"R_"_s + project)},
        {u"name"_s, project.section(u'/', -1)},
        {u"full_name"_s, project},
        {u"owner"_s, simpleUser(project.section(u'/', 0, 0))},
        {u"private"_s, false},
        {u"html_url"_s, html},
        {u"description"_s, QJsonValue()},
        {u"fork"_s, false},
        {u"url"_s, url},
        {u"clone_url"_s, QString(html + u".git"_s)},
        {u"git_url"_s, QString(u"git://127.0.0.1/"_s + project + u".git"_s)},
        {u"ssh_url"_s, QString(u"git@127.0.0.1:"_s + project + u".git"_s)},
        {u"svn_url"_s, html},
        {u"mirror_url"_s, QJsonValue()},
        {u"homepage"_s, QJsonValue()},
        {u"language"_s, QJsonValue()},
        {u"license"_s, QJsonValue()},
        {u"default_branch"_s, u"main"_s},
        {u"archived"_s, false},
        {u"disabled"_s, false},
        {u"has_downloads"_s, true},
        {u"has_issues"_s, true},
        {u"has_projects"_s, false},
        {u"has_wiki"_s, false},
        {u"has_pages"_s, false},
        {u"pushed_at"_s, QJsonValue()},
        {u"created_at"_s, QJsonValue()},
        {u"updated_at"_s, QJsonValue()},
    };
    for (const char *name : {"forks", "forks_count", "open_issues", "open_issues_count", "size",
                             "stargazers_count", "watchers", "watchers_count"})
        repo.insert(QString::fromLatin1(name), 0);
    // The API's hypermedia links, as GitHub spells them (RFC 6570 templates).
    static const std::pair<const char *, const char *> links[] = {
        {"archive_url", "/{archive_format}{/ref}"},
        {"assignees_url", "/assignees{/user}"},
        {"blobs_url", "/git/blobs{/sha}"},
        {"branches_url", "/branches{/branch}"},
        {"collaborators_url", "/collaborators{/collaborator}"},
        {"comments_url", "/comments{/number}"},
        {"commits_url", "/commits{/sha}"},
        {"compare_url", "/compare/{base}...{head}"},
        {"contents_url", "/contents/{+path}"},
        {"contributors_url", "/contributors"},
        {"deployments_url", "/deployments"},
        {"downloads_url", "/downloads"},
        {"events_url", "/events"},
        {"forks_url", "/forks"},
        {"git_commits_url", "/git/commits{/sha}"},
        {"git_refs_url", "/git/refs{/sha}"},
        {"git_tags_url", "/git/tags{/sha}"},
        {"hooks_url", "/hooks"},
        {"issue_comment_url", "/issues/comments{/number}"},
        {"issue_events_url", "/issues/events{/number}"},
        {"issues_url", "/issues{/number}"},
        {"keys_url", "/keys{/key_id}"},
        {"labels_url", "/labels{/name}"},
        {"languages_url", "/languages"},
        {"merges_url", "/merges"},
        {"milestones_url", "/milestones{/number}"},
        {"notifications_url", "/notifications{?since,all,participating}"},
        {"pulls_url", "/pulls{/number}"},
        {"releases_url", "/releases{/id}"},
        {"stargazers_url", "/stargazers"},
        {"statuses_url", "/statuses/{sha}"},
        {"subscribers_url", "/subscribers"},
        {"subscription_url", "/subscription"},
        {"tags_url", "/tags"},
        {"teams_url", "/teams"},
        {"trees_url", "/git/trees{/sha}"},
    };
    for (const auto &[name, suffix] : links)
        repo.insert(QString::fromLatin1(name), QString(url + QString::fromLatin1(suffix)));
    return repo;
}

QJsonObject GitHubApi::labelJson(const QString &project, const QString &name) const
{
    const qint64 id = (qHash(name) & 0xffffff) + 1;
    return QJsonObject{
        {u"id"_s, id},
        {u"node_id"_s, QString(u"LA_"_s + QString::number(id))},
        {u"url"_s, QString(apiUrl() + u"/repos/"_s + project + u"/labels/"_s + name)},
        {u"name"_s, name},
        // A string, not null: pull-request-simple's labels do not allow null.
        {u"description"_s, QString()},
        {u"color"_s, u"ededed"_s},
        {u"default"_s, false},
    };
}

QJsonObject GitHubApi::toJson(const PullRequestRecord &record) const
{
    const QString owner = record.project.section(u'/', 0, 0);
    const BareRepository repo = repository(record.project);
    const QString repoUrl = apiUrl() + u"/repos/"_s + record.project;
    const QString number = QString::number(record.number);
    const QString url = repoUrl + u"/pulls/"_s + number;
    const QString html = webUrl(record.project) + u"/pull/"_s + number;
    const QString issue = repoUrl + u"/issues/"_s + number;
    auto branch = [&](const QString &ref, const QString &sha) {
        return QJsonObject{{u"label"_s, QString(owner + u':' + ref)},
                           {u"ref"_s, ref},
                           {u"sha"_s, sha},
                           {u"user"_s, simpleUser(owner)},
                           {u"repo"_s, repositoryJson(record.project)}};
    };
    auto link = [](const QString &href) { return QJsonObject{{u"href"_s, href}}; };
    QJsonArray labels;
    for (const QString &name : record.labels)
        labels.append(labelJson(record.project, name));
    QJsonArray reviewers;
    for (const QString &login : record.reviewers)
        reviewers.append(simpleUser(login));
    const bool merged = record.state == PullRequestRecord::State::Merged;
    const bool open = record.state == PullRequestRecord::State::Open;
    const int commits = qMax(0, repo.commitsAhead(record.baseSha, record.headSha));
    return QJsonObject{
        {u"url"_s, url},
        {u"id"_s, record.id},
        {u"node_id"_s, QString(u"PR_"_s + QString::number(record.id))},
        {u"html_url"_s, html},
        {u"diff_url"_s, QString(html + u".diff"_s)},
        {u"patch_url"_s, QString(html + u".patch"_s)},
        {u"issue_url"_s, issue},
        {u"commits_url"_s, QString(url + u"/commits"_s)},
        {u"review_comments_url"_s, QString(url + u"/comments"_s)},
        {u"review_comment_url"_s, QString(repoUrl + u"/pulls/comments{/number}"_s)},
        {u"comments_url"_s, QString(issue + u"/comments"_s)},
        {u"statuses_url"_s, QString(repoUrl + u"/statuses/"_s + record.headSha)},
        {u"number"_s, record.number},
        {u"state"_s, open ? u"open"_s : u"closed"_s},
        {u"locked"_s, false},
        {u"title"_s, record.title},
        {u"body"_s, record.body},
        {u"draft"_s, record.draft},
        {u"user"_s, simpleUser(record.author)},
        {u"labels"_s, labels},
        {u"assignee"_s, QJsonValue()},
        {u"assignees"_s, QJsonArray()},
        {u"requested_reviewers"_s, reviewers},
        {u"requested_teams"_s, QJsonArray()},
        {u"milestone"_s, QJsonValue()},
        {u"head"_s, branch(record.head, record.headSha)},
        {u"base"_s, branch(record.base, repo.branchTip(record.base))},
        {u"_links"_s,
         QJsonObject{{u"self"_s, link(url)},
                     {u"html"_s, link(html)},
                     {u"issue"_s, link(issue)},
                     {u"comments"_s, link(issue + u"/comments"_s)},
                     {u"review_comments"_s, link(url + u"/comments"_s)},
                     {u"review_comment"_s, link(repoUrl + u"/pulls/comments{/number}"_s)},
                     {u"commits"_s, link(url + u"/commits"_s)},
                     {u"statuses"_s, link(repoUrl + u"/statuses/"_s + record.headSha)}}},
        {u"author_association"_s, u"OWNER"_s},
        {u"auto_merge"_s, QJsonValue()},
        {u"merged"_s, merged},
        {u"mergeable"_s, open ? QJsonValue(true) : QJsonValue()},
        {u"mergeable_state"_s, open ? u"clean"_s : u"unknown"_s},
        {u"merged_by"_s, merged ? QJsonValue(simpleUser(record.mergedBy)) : QJsonValue()},
        {u"merge_commit_sha"_s,
         record.mergeCommit.isEmpty() ? QJsonValue() : QJsonValue(record.mergeCommit)},
        {u"comments"_s, 0},
        {u"review_comments"_s, 0},
        {u"maintainer_can_modify"_s, true},
        {u"commits"_s, commits},
        {u"additions"_s, 0},
        {u"deletions"_s, 0},
        {u"changed_files"_s, 0},
        {u"created_at"_s, timestamp(record.createdAt)},
        {u"updated_at"_s, timestamp(record.updatedAt)},
        {u"closed_at"_s, timestamp(record.closedAt)},
        {u"merged_at"_s, timestamp(record.mergedAt)},
    };
}

testhttp::Response GitHubApi::files(const testhttp::Request &request,
                                    const PullRequestRecord &record) const
{
    QString head;
    const QList<BareRepository::ChangedFile> changed = changedFilesOf(record, &head);
    const QString html = webUrl(record.project);
    const QString contents = apiUrl() + u"/repos/"_s + record.project + u"/contents/"_s;
    QJsonArray items;
    for (const BareRepository::ChangedFile &file : changed) {
        const bool removed = file.status == u'D';
        // diff-entry's status words; T (the mode or type changed) is "changed".
        const QString status = file.status == u'A' ? u"added"_s
            : removed                              ? u"removed"_s
            : file.status == u'R'                  ? u"renamed"_s
            : file.status == u'C'                  ? u"copied"_s
            : file.status == u'T'                  ? u"changed"_s
                                                   : u"modified"_s;
        // A removed file's links name the base's blob, as GitHub's do.
        const QString ref = removed ? record.baseSha : head;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(file.path, "/"));
        QJsonObject entry{
            {u"sha"_s, removed ? file.oldBlob : file.newBlob},
            {u"filename"_s, file.path},
            {u"status"_s, status},
            {u"additions"_s, file.additions},
            {u"deletions"_s, file.deletions},
            {u"changes"_s, file.additions + file.deletions},
            {u"blob_url"_s, QString(html + u"/blob/"_s + ref + u'/' + encoded)},
            {u"raw_url"_s, QString(html + u"/raw/"_s + ref + u'/' + encoded)},
            {u"contents_url"_s, QString(contents + encoded + u"?ref="_s + ref)},
        };
        if (!file.patch.isEmpty())
            entry.insert(u"patch"_s, file.patch);
        if (!file.previousPath.isEmpty())
            entry.insert(u"previous_filename"_s, file.previousPath);
        items.append(entry);
    }
    testhttp::Response response;
    const QJsonArray page =
        paginate(items, request, QStringLiteral("per_page"), 30, 100, false, &response);
    response.status = 200;
    response.body = json(200, page).body;
    return response;
}

QString GitHubApi::mergeMessage(const PullRequestRecord &record) const
{
    return QStringLiteral("Merge pull request #%1 from %2/%3\n\n%4")
        .arg(QString::number(record.number), record.project.section(u'/', 0, 0), record.head,
             record.title);
}

QJsonObject GitHubApi::reviewJson(const PullRequestRecord &record, const ReviewRecord &review) const
{
    const QString pull =
        apiUrl() + u"/repos/"_s + record.project + u"/pulls/"_s + QString::number(record.number);
    const QString html = webUrl(record.project) + u"/pull/"_s + QString::number(record.number)
        + u"#pullrequestreview-"_s + QString::number(review.id);
    return QJsonObject{
        {u"id"_s, review.id},
        {u"node_id"_s, QString(u"PRR_"_s + QString::number(review.id))},
        {u"user"_s, simpleUser(review.user)},
        {u"body"_s, QString()},
        {u"state"_s, review.state},
        {u"html_url"_s, html},
        {u"pull_request_url"_s, pull},
        {u"_links"_s,
         QJsonObject{{u"html"_s, QJsonObject{{u"href"_s, html}}},
                     {u"pull_request"_s, QJsonObject{{u"href"_s, pull}}}}},
        {u"submitted_at"_s, timestamp(review.submittedAt)},
        {u"commit_id"_s, record.headSha},
        {u"author_association"_s, u"COLLABORATOR"_s},
    };
}

testhttp::Response GitHubApi::commit(const QString &project, const QString &sha) const
{
    const BareRepository::CommitObject object = repository(project).commitObject(sha, keyrings());
    if (!object.found)
        return error(422, QStringLiteral("No commit found for SHA: %1").arg(sha));
    const QString repoUrl = apiUrl() + u"/repos/"_s + project;
    const QString url = repoUrl + u"/commits/"_s + sha;
    const QString html = webUrl(project) + u"/commit/"_s + sha;
    auto gitUser = [](const QString &name, const QString &email, const QString &date) {
        return QJsonObject{{u"name"_s, name}, {u"email"_s, email}, {u"date"_s, date}};
    };
    QJsonArray parents;
    for (const QString &parent : object.parents)
        parents.append(
            QJsonObject{{u"sha"_s, parent},
                        {u"url"_s, QString(repoUrl + u"/commits/"_s + parent)},
                        {u"html_url"_s, QString(webUrl(project) + u"/commit/"_s + parent)}});
    const bool isSigned = !object.signature.isEmpty();
    const bool verified = object.verified();
    const QJsonObject verification{
        {u"verified"_s, verified},
        {u"reason"_s, githubReason(object)},
        {u"signature"_s, isSigned ? QJsonValue(object.signature) : QJsonValue()},
        {u"payload"_s, isSigned ? QJsonValue(object.payload) : QJsonValue()},
        {u"verified_at"_s, verified ? QJsonValue(object.committerDate) : QJsonValue()},
    };
    return json(
        200,
        QJsonObject{
            {u"url"_s, url},
            {u"sha"_s, sha},
            {u"node_id"_s, QString(u"C_"_s + sha)},
            {u"html_url"_s, html},
            {u"comments_url"_s, QString(url + u"/comments"_s)},
            {u"commit"_s,
             QJsonObject{
                 {u"url"_s, QString(repoUrl + u"/git/commits/"_s + sha)},
                 {u"author"_s, gitUser(object.authorName, object.authorEmail, object.authorDate)},
                 {u"committer"_s,
                  gitUser(object.committerName, object.committerEmail, object.committerDate)},
                 {u"message"_s, object.message.trimmed()},
                 {u"comment_count"_s, 0},
                 {u"tree"_s,
                  QJsonObject{{u"sha"_s, object.tree},
                              {u"url"_s, QString(repoUrl + u"/git/trees/"_s + object.tree)}}},
                 {u"verification"_s, verification},
             }},
            // Not linked to forge accounts: GitHub gives null for an unknown email.
            {u"author"_s, QJsonValue()},
            {u"committer"_s, QJsonValue()},
            {u"parents"_s, parents},
            {u"stats"_s, QJsonObject{{u"additions"_s, 0}, {u"deletions"_s, 0}, {u"total"_s, 0}}},
            {u"files"_s, QJsonArray()},
        });
}

} // namespace localforge
