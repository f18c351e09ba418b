#include "giteaapi.h"

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

// Gitea's verification: the signer and key for a verified one, else a translation key.
// Gitea reads OpenPGP and ssh signatures only: gpgsm's CMS is "extract_sign" to it.
QJsonObject giteaVerification(const BareRepository::CommitObject &object)
{
    using Kind = SignatureCheck::Kind;
    using Status = SignatureCheck::Status;
    const SignatureCheck &check = object.check;
    const bool verified = object.verified() && check.kind != Kind::X509;
    QString reason;
    // The forge has no accounts: a user is named by the committer's address.
    if (verified)
        reason =
            object.committerEmail + u" / "_s + (check.kind == Kind::Ssh ? u"ssh"_s : check.keyId);
    else if (check.kind == Kind::None)
        reason = u"gpg.error.not_signed_commit"_s;
    else if (check.kind == Kind::Ssh)
        reason = u"gpg.error.no_committer_account"_s;
    else if (check.kind == Kind::X509 || check.status == Status::Malformed)
        reason = u"gpg.error.extract_sign"_s;
    else if (check.status == Status::Bad)
        reason = u"gpg.error.probable_bad_signature"_s;
    else
        reason = u"gpg.error.no_gpg_keys_found"_s;
    return QJsonObject{
        {u"verified"_s, verified},
        {u"reason"_s, reason},
        {u"signature"_s, object.signature},
        {u"signer"_s,
         verified && check.kind == Kind::OpenPgp
             ? QJsonValue(QJsonObject{{u"name"_s, check.signerName()},
                                      {u"email"_s, object.committerEmail},
                                      {u"username"_s, object.committerEmail}})
             : QJsonValue()},
        {u"payload"_s, object.payload},
    };
}

} // namespace

QByteArray GiteaApi::tokenOf(const testhttp::Request &request) const
{
    const QByteArray authorization = request.header("authorization");
    for (const QByteArray &scheme : {QByteArray("token "), QByteArray("Bearer ")}) {
        if (authorization.startsWith(scheme))
            return authorization.mid(scheme.size()).trimmed();
    }
    return {};
}

testhttp::Response GiteaApi::message(int status, const QString &text) const
{
    return json(status,
                QJsonObject{{QStringLiteral("message"), text},
                            {QStringLiteral("url"), QString(apiUrl() + u"/swagger"_s)}});
}

testhttp::Response GiteaApi::unauthorized() const
{
    return message(401, QStringLiteral("token is required"));
}

testhttp::Response GiteaApi::missingScope() const
{
    return message(403,
                   QStringLiteral("token does not have at least one of required scope(s): "
                                  "[write:repository]"));
}

testhttp::Response GiteaApi::faultResponse(const FaultRule &rule) const
{
    if (rule.status == 429) {
        testhttp::Response response = message(
            429, rule.message.isEmpty() ? QStringLiteral("too many requests") : rule.message);
        response.headers.emplaceBack("Retry-After", QByteArray::number(rule.resetSeconds));
        response.headers.emplaceBack(
            "X-RateLimit-Reset",
            QByteArray::number(QDateTime::currentSecsSinceEpoch() + rule.resetSeconds));
        return response;
    }
    if (rule.status == 502 || rule.status == 504) {
        testhttp::Response response;
        response.status = rule.status;
        response.contentType = "text/html";
        response.body = "<html><body><h1>" + QByteArray::number(rule.status) + ' '
            + testhttp::reasonPhrase(rule.status) + "</h1></body></html>\n";
        return response;
    }
    return message(rule.status,
                   rule.message.isEmpty() ? QStringLiteral("internal server error") : rule.message);
}

testhttp::Response GiteaApi::route(const testhttp::Request &request)
{
    const QStringList parts = segments(request);
    if (parts == QStringList{u"version"_s} && request.method == "GET")
        return json(200, QJsonObject{{QStringLiteral("version"), QStringLiteral("1.24.0")}});
    if (parts.size() < 4 || parts.at(0) != u"repos")
        return message(404, QStringLiteral("not found"));
    const QString project = parts.at(1) + u'/' + parts.at(2);
    if (!repository(project).exists())
        return message(404, QStringLiteral("The target couldn't be found."));

    if (parts.size() == 4 && parts.at(3) == u"labels" && request.method == "GET") {
        QJsonArray labels;
        for (const QString &name : m_settings.labels)
            labels.append(label(name));
        return json(200, labels);
    }
    if (parts.size() == 6 && parts.at(3) == u"commits" && parts.at(5) == u"pull"
        && request.method == "GET") {
        // Gitea: the pull request that merged the commit, only.
        for (const PullRequestRecord &record : pullRequestsOf(project, parts.at(4))) {
            if (record.state == PullRequestRecord::State::Merged)
                return json(200, toJson(record));
        }
        return message(404, QStringLiteral("pull request does not exist"));
    }
    if (parts.size() == 4 && parts.at(3) == u"pulls") {
        if (request.method == "GET")
            return list(request, project);
        if (request.method == "POST")
            return create(request, project);
    }
    if (parts.size() == 6 && parts.at(3) == u"pulls" && parts.at(5) == u"requested_reviewers"
        && request.method == "POST") {
        bool ok = false;
        PullRequestRecord *record = m_store.find(project, parts.at(4).toInt(&ok));
        if (!record)
            return message(404, QStringLiteral("not found"));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QJsonArray reviews;
        for (const QJsonValue &login : body.value(u"reviewers").toArray()) {
            if (!m_settings.users.contains(login.toString()))
                return message(
                    422,
                    QStringLiteral("user does not exist [uid: 0, name: %1]").arg(login.toString()));
            if (!record->reviewers.contains(login.toString()))
                record->reviewers << login.toString();
            reviews.append(QJsonObject{
                {QStringLiteral("state"), QStringLiteral("REQUEST_REVIEW")},
                {QStringLiteral("user"), QJsonObject{{QStringLiteral("login"), login}}}});
        }
        return json(201, reviews);
    }
    if (parts.size() == 5 && parts.at(3) == u"pulls" && request.method == "GET") {
        bool ok = false;
        const PullRequestRecord *record = m_store.find(project, parts.at(4).toInt(&ok));
        return ok && record ? json(200, toJson(*record))
                            : message(404, QStringLiteral("not found"));
    }
    if (parts.size() == 6 && parts.at(3) == u"pulls" && parts.at(5) == u"files"
        && request.method == "GET") {
        // Before pulls/{base}/{head}, as Gitea routes pulls/{index}/files.
        bool ok = false;
        const PullRequestRecord *record = m_store.find(project, parts.at(4).toInt(&ok));
        if (ok && record)
            return files(request, *record);
        if (ok)
            return message(404,
                           QStringLiteral("pull request does not exist [id: 0, issue_id: "
                                          "0, head_repo_id: 0, base_repo_id: 0, "
                                          "head_branch: , base_branch: ]"));
    }
    if (parts.size() == 6 && parts.at(3) == u"pulls" && parts.at(5) == u"reviews"
        && request.method == "GET") {
        bool ok = false;
        const PullRequestRecord *record = m_store.find(project, parts.at(4).toInt(&ok));
        if (ok && record) {
            // Gitea's PullReview; its states are REQUEST_CHANGES and COMMENT where GitHub
            // says CHANGES_REQUESTED and COMMENTED.
            QJsonArray reviews;
            for (const ReviewRecord &review : record->reviews) {
                const QString state = review.state == u"CHANGES_REQUESTED" ? u"REQUEST_CHANGES"_s
                    : review.state == u"COMMENTED"                         ? u"COMMENT"_s
                                                                           : review.state;
                reviews.append(QJsonObject{
                    {u"id"_s, review.id},
                    {u"user"_s, QJsonObject{{u"login"_s, review.user}}},
                    {u"team"_s, QJsonValue()},
                    {u"state"_s, state},
                    {u"body"_s, QString()},
                    {u"commit_id"_s, record->headSha},
                    {u"stale"_s, false},
                    {u"official"_s, true},
                    {u"dismissed"_s, false},
                    {u"comments_count"_s, 0},
                    {u"submitted_at"_s, timestamp(review.submittedAt)},
                    {u"updated_at"_s, timestamp(review.submittedAt)},
                    {u"html_url"_s,
                     QString(webUrl(project) + u"/pulls/"_s + QString::number(record->number)
                             + u"#issuecomment-"_s + QString::number(review.id))},
                    {u"pull_request_url"_s,
                     QString(webUrl(project) + u"/pulls/"_s + QString::number(record->number))},
                });
            }
            return json(200, reviews);
        }
    }
    if (parts.size() == 6 && parts.at(3) == u"git" && parts.at(4) == u"commits"
        && request.method == "GET") {
        const BareRepository::CommitObject object =
            repository(project).commitObject(parts.at(5), keyrings());
        if (!object.found)
            return message(
                404, QStringLiteral("object does not exist [id: %1, rel_path: ]").arg(parts.at(5)));
        const QString sha = parts.at(5);
        const QString apiRepo = apiUrl() + u"/repos/"_s + project;
        auto gitUser = [](const QString &name, const QString &email, const QString &date) {
            return QJsonObject{{u"name"_s, name}, {u"email"_s, email}, {u"date"_s, date}};
        };
        QJsonArray parents;
        for (const QString &parent : object.parents)
            parents.append(QJsonObject{{u"url"_s, QString(apiRepo + u"/git/commits/"_s + parent)},
                                       {u"sha"_s, parent}});
        const QJsonObject verification = giteaVerification(object);
        return json(
            200,
            QJsonObject{
                {u"url"_s, QString(apiRepo + u"/git/commits/"_s + sha)},
                {u"sha"_s, sha},
                {u"created"_s, object.committerDate},
                {u"html_url"_s, QString(webUrl(project) + u"/commit/"_s + sha)},
                {u"commit"_s,
                 QJsonObject{
                     {u"url"_s, QString(apiRepo + u"/git/commits/"_s + sha)},
                     {u"author"_s,
                      gitUser(object.authorName, object.authorEmail, object.authorDate)},
                     {u"committer"_s,
                      gitUser(object.committerName, object.committerEmail, object.committerDate)},
                     {u"message"_s, object.message},
                     {u"tree"_s,
                      QJsonObject{{u"url"_s, QString(apiRepo + u"/git/trees/"_s + object.tree)},
                                  {u"sha"_s, object.tree}}},
                     {u"verification"_s, verification},
                 }},
                {u"author"_s, QJsonValue()},
                {u"committer"_s, QJsonValue()},
                {u"parents"_s, parents},
            });
    }
    if (parts.size() >= 6 && parts.at(3) == u"pulls" && request.method == "GET") {
        // pulls/{base}/{head}: the head may hold slashes. Like Gitea's
        // GetPullRequestByBaseHeadInfo, the first one for the pair, whatever its state.
        const QString base = parts.at(4);
        const QString head = parts.mid(5).join(u'/');
        for (const PullRequestRecord &record : m_store.forProject(project)) {
            if (record.base == base && record.head == head)
                return json(200, toJson(record));
        }
        return message(
            404,
            QStringLiteral("pull request does not exist [base: %1, head: %2]").arg(base, head));
    }
    return message(404, QStringLiteral("not found"));
}

testhttp::Response GiteaApi::list(const testhttp::Request &request, const QString &project)
{
    const QString state = request.query.queryItemValue(QStringLiteral("state"));
    QList<PullRequestRecord> matches;
    for (const PullRequestRecord &record : m_store.forProject(project)) {
        const bool open = record.state == PullRequestRecord::State::Open;
        if ((state.isEmpty() || state == u"open") && !open)
            continue;
        if (state == u"closed" && open)
            continue;
        matches.append(record);
    }
    std::reverse(matches.begin(), matches.end());
    testhttp::Response response;
    const QList<PullRequestRecord> page =
        paginate(matches, request, QStringLiteral("limit"), 30, 50, false, &response);
    QJsonArray items;
    for (const PullRequestRecord &record : page)
        items.append(toJson(record));
    response.body = json(200, items).body;
    return response;
}

testhttp::Response GiteaApi::files(const testhttp::Request &request,
                                   const PullRequestRecord &record) const
{
    QString head;
    const QList<BareRepository::ChangedFile> changed = changedFilesOf(record, &head);
    const QString html = webUrl(record.project);
    const QString contents = apiUrl() + u"/repos/"_s + record.project + u"/contents/"_s;
    QJsonArray items;
    for (const BareRepository::ChangedFile &file : changed) {
        // Gitea's ChangedFile status words (convert.ToChangedFile); only a rename names
        // the file's previous path.
        const QString status = file.status == u'A'       ? u"added"_s
            : file.status == u'D'                        ? u"deleted"_s
            : file.status == u'R'                        ? u"renamed"_s
            : file.status == u'C'                        ? u"copied"_s
            : file.additions == 0 && file.deletions == 0 ? u"unchanged"_s
                                                         : u"changed"_s;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(file.path, "/"));
        QJsonObject entry{
            {u"filename"_s, file.path},
            {u"status"_s, status},
            {u"additions"_s, file.additions},
            {u"deletions"_s, file.deletions},
            {u"changes"_s, file.additions + file.deletions},
            {u"html_url"_s, QString(html + u"/src/commit/"_s + head + u'/' + encoded)},
            {u"contents_url"_s, QString(contents + encoded + u"?ref="_s + head)},
            {u"raw_url"_s, QString(html + u"/raw/commit/"_s + head + u'/' + encoded)},
        };
        if (file.status == u'R')
            entry.insert(u"previous_filename"_s, file.previousPath);
        items.append(entry);
    }
    testhttp::Response response;
    const QJsonArray page =
        paginate(items, request, QStringLiteral("limit"), 30, 50, false, &response);
    response.body = json(200, page).body;
    return response;
}

testhttp::Response GiteaApi::create(const testhttp::Request &request, const QString &project)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString head = body.value(u"head").toString();
    const QString base = body.value(u"base").toString();
    if (head.isEmpty() || base.isEmpty() || body.value(u"title").toString().isEmpty())
        return message(422, QStringLiteral("[Head Base Title]: Required"));
    const BareRepository repo = repository(project);
    if (repo.branchTip(head).isEmpty() || repo.branchTip(base).isEmpty())
        return message(404, QStringLiteral("The target couldn't be found."));
    if (const PullRequestRecord *open = m_store.open(project, head, base)) {
        return message(409,
                       QStringLiteral("pull request already exists for these targets [id: "
                                      "%1, issue_id: %2, head_repo_id: 1, base_repo_id: 1, "
                                      "head_branch: %3, base_branch: %4]")
                           .arg(open->id)
                           .arg(open->number)
                           .arg(head, base));
    }
    if (repo.commitsAhead(base, head) <= 0)
        return message(422,
                       QStringLiteral("Invalid PullRequest: There are no changes between the "
                                      "head and the base"));

    PullRequestRecord record;
    record.project = project;
    record.title = body.value(u"title").toString();
    record.body = body.value(u"body").toString();
    record.head = head;
    record.base = base;
    record.baseSha = repo.branchTip(base);
    record.headSha = repo.branchTip(head);
    record.draft = record.title.startsWith(u"WIP:", Qt::CaseInsensitive)
        || record.title.startsWith(u"[WIP]", Qt::CaseInsensitive);
    for (const QJsonValue &id : body.value(u"labels").toArray()) {
        const qsizetype index = qsizetype(id.toInteger()) - 1;
        if (index < 0 || index >= m_settings.labels.size())
            return message(422,
                           QStringLiteral("label does not exist [id: %1]").arg(id.toInteger()));
        record.labels.append(m_settings.labels.at(index));
    }
    return json(201, toJson(m_store.add(record)));
}

QJsonObject GiteaApi::label(const QString &name) const
{
    return QJsonObject{{QStringLiteral("id"), m_settings.labels.indexOf(name) + 1},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("color"), QStringLiteral("00aabb")}};
}

QJsonObject GiteaApi::toJson(const PullRequestRecord &record) const
{
    const BareRepository repo = repository(record.project);
    auto branch = [&](const QString &ref, const QString &sha) {
        return QJsonObject{{QStringLiteral("label"), ref},
                           {QStringLiteral("ref"), ref},
                           {QStringLiteral("sha"), sha},
                           {QStringLiteral("repo_id"), 1}};
    };
    QJsonArray labels;
    for (const QString &name : record.labels)
        labels.append(label(name));
    QJsonArray reviewers;
    for (const QString &login : record.reviewers)
        reviewers.append(QJsonObject{{QStringLiteral("login"), login}});
    return QJsonObject{
        {QStringLiteral("id"), record.id},
        {QStringLiteral("number"), record.number},
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("login"), record.author}}},
        {QStringLiteral("title"), record.title},
        {QStringLiteral("body"), record.body},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("requested_reviewers"), reviewers},
        {QStringLiteral("state"),
         record.state == PullRequestRecord::State::Open ? u"open"_s : u"closed"_s},
        {QStringLiteral("draft"), record.draft},
        {QStringLiteral("html_url"),
         QString(webUrl(record.project) + u"/pulls/"_s + QString::number(record.number))},
        {QStringLiteral("merged"), record.state == PullRequestRecord::State::Merged},
        {QStringLiteral("merged_at"), timestamp(record.mergedAt)},
        {QStringLiteral("merged_by"),
         record.state == PullRequestRecord::State::Merged
             ? QJsonValue(QJsonObject{{QStringLiteral("login"), record.mergedBy}})
             : QJsonValue()},
        {QStringLiteral("merge_commit_sha"),
         record.mergeCommit.isEmpty() ? QJsonValue() : QJsonValue(record.mergeCommit)},
        {QStringLiteral("head"), branch(record.head, record.headSha)},
        {QStringLiteral("base"), branch(record.base, repo.branchTip(record.base))},
        {QStringLiteral("created_at"), timestamp(record.createdAt)},
        {QStringLiteral("updated_at"), timestamp(record.updatedAt)},
        {QStringLiteral("closed_at"), timestamp(record.closedAt)},
    };
}

QString GiteaApi::mergeMessage(const PullRequestRecord &record) const
{
    return QStringLiteral("Merge pull request '%1' (#%2) from %3 into %4")
        .arg(record.title, QString::number(record.number), record.head, record.base);
}

} // namespace localforge
