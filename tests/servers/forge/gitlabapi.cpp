#include "gitlabapi.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace localforge {

using namespace Qt::StringLiterals;

namespace {

// GET /projects/:id/repository/commits/:sha/signature of a signed commit, as GitLab's
// Gpg::Commit, X509::Signature and Ssh::Signature decide it. The forge's keyring stands
// for GitLab's users' keys (and, for X.509, its trusted CAs); its keyNumber for their ids.
QJsonObject signatureJson(const SignatureCheck &check)
{
    using Kind = SignatureCheck::Kind;
    using Status = SignatureCheck::Status;
    const auto orNull = [](const QString &value) {
        return value.isEmpty() ? QJsonValue() : QJsonValue(value);
    };
    if (check.kind == Kind::Ssh)
        return QJsonObject{
            {u"signature_type"_s, u"SSH"_s},
            {u"verification_status"_s, check.verified() ? u"verified"_s : u"unknown_key"_s},
            {u"key"_s, QJsonValue()},
            {u"commit_source"_s, u"gitaly"_s},
        };
    const bool known = check.keyNumber > 0;
    if (check.kind == Kind::X509) {
        QJsonValue certificate;
        if (known) {
            // GitLab sends the serial as a JSON number; one beyond 63 bits is rounded here.
            bool ok = false;
            const qulonglong serial = check.serial.toULongLong(&ok, 16);
            QJsonValue serialNumber;
            if (ok && serial <= qulonglong(std::numeric_limits<qint64>::max())) {
                serialNumber = qint64(serial);
            } else if (!check.serial.isEmpty()) {
                double rounded = 0;
                for (const QChar digit : check.serial)
                    rounded = rounded * 16 + QString(digit).toInt(nullptr, 16);
                serialNumber = rounded;
            }
            certificate = QJsonObject{
                {u"id"_s, check.keyNumber},
                {u"subject"_s, check.subject},
                {u"subject_key_identifier"_s, orNull(check.subjectKeyId)},
                {u"email"_s, orNull(check.signerEmail())},
                {u"serial_number"_s, serialNumber},
                {u"certificate_status"_s,
                 check.status == Status::RevokedKey ? u"revoked"_s : u"good"_s},
                {u"x509_issuer"_s,
                 QJsonObject{
                     {u"id"_s,
                      check.issuerNumber > 0 ? QJsonValue(check.issuerNumber) : QJsonValue()},
                     {u"subject"_s, check.issuer},
                     // A certificate's authority key id is its issuer's subject key id.
                     {u"subject_key_identifier"_s, orNull(check.authorityKeyId)},
                     {u"crl_url"_s, orNull(check.crlUrl)},
                 }},
            };
        }
        // X.509 is "verified" or "unverified": a trusted chain and the committer's address.
        return QJsonObject{
            {u"signature_type"_s, u"X509"_s},
            {u"verification_status"_s, check.verified() ? u"verified"_s : u"unverified"_s},
            {u"x509_certificate"_s, certificate},
            {u"commit_source"_s, u"gitaly"_s},
        };
    }
    QString status;
    if (!known || check.status == Status::UnknownKey || check.status == Status::NotChecked)
        status = u"unknown_key"_s;
    else if (check.status != Status::Good)
        status = u"unverified"_s;
    else
        // The key is a user's; the committer's address is not among its identities.
        status = check.emailMatches ? u"verified"_s : u"other_user"_s;
    // GitLab names an unknown key by the signature's fingerprint (GPGME's).
    const QString unknownId = check.fingerprint.isEmpty() ? check.keyId : check.fingerprint;
    return QJsonObject{
        {u"signature_type"_s, u"PGP"_s},
        {u"verification_status"_s, status},
        {u"gpg_key_id"_s, known ? QJsonValue(check.keyNumber) : QJsonValue()},
        {u"gpg_key_primary_keyid"_s, orNull(known ? check.primaryKeyId : unknownId)},
        {u"gpg_key_user_name"_s, known ? orNull(check.signerName()) : QJsonValue()},
        {u"gpg_key_user_email"_s, known ? orNull(check.signerEmail()) : QJsonValue()},
        {u"gpg_key_subkey_id"_s, QJsonValue()},
        {u"commit_source"_s, u"gitaly"_s},
    };
}

QJsonValue timestamp(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QString stateName(PullRequestRecord::State state)
{
    switch (state) {
    case PullRequestRecord::State::Open:
        return QStringLiteral("opened");
    case PullRequestRecord::State::Closed:
        return QStringLiteral("closed");
    case PullRequestRecord::State::Merged:
        return QStringLiteral("merged");
    }
    return {};
}

// The request body as GitLab reads it: JSON, or form fields.
QJsonObject fields(const testhttp::Request &request)
{
    if (request.header("content-type").startsWith("application/json"))
        return QJsonDocument::fromJson(request.body).object();
    QJsonObject result;
    QByteArray form = request.body;
    form.replace('+', "%20");
    const QUrlQuery query(QString::fromUtf8(form));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        result.insert(key, value);
    return result;
}

} // namespace

QByteArray GitLabApi::tokenOf(const testhttp::Request &request) const
{
    const QByteArray privateToken = request.header("private-token");
    if (!privateToken.isEmpty())
        return privateToken;
    const QByteArray authorization = request.header("authorization");
    return authorization.startsWith("Bearer ") ? authorization.mid(7).trimmed() : QByteArray();
}

testhttp::Response GitLabApi::message(int status, const QJsonValue &message)
{
    return json(status, QJsonObject{{QStringLiteral("message"), message}});
}

testhttp::Response GitLabApi::unauthorized() const
{
    return message(401, QStringLiteral("401 Unauthorized"));
}

testhttp::Response GitLabApi::missingScope() const
{
    testhttp::Response response =
        json(403,
             QJsonObject{{QStringLiteral("error"), QStringLiteral("insufficient_scope")},
                         {QStringLiteral("error_description"),
                          QStringLiteral("The request requires higher privileges than "
                                         "provided by the access token.")},
                         {QStringLiteral("scope"), QStringLiteral("api")}});
    response.headers.emplaceBack(
        "WWW-Authenticate",
        "Bearer realm=\"\", error=\"insufficient_scope\", error_description=\"The request "
        "requires higher privileges than provided by the access token.\", scope=\"api\"");
    return response;
}

testhttp::Response GitLabApi::faultResponse(const FaultRule &rule) const
{
    testhttp::Response response;
    response.status = rule.status;
    if (rule.status == 429) {
        // GitLab's rate limiter answers in plain text with RateLimit-* headers.
        const QDateTime reset = QDateTime::currentDateTimeUtc().addSecs(rule.resetSeconds);
        response.contentType = "text/plain";
        response.body =
            rule.message.isEmpty() ? QByteArray("Retry later\n") : rule.message.toUtf8();
        response.headers.emplaceBack("RateLimit-Limit", "600");
        response.headers.emplaceBack("RateLimit-Observed", "600");
        response.headers.emplaceBack("RateLimit-Remaining", "0");
        response.headers.emplaceBack("RateLimit-Reset",
                                     QByteArray::number(reset.toSecsSinceEpoch()));
        response.headers.emplaceBack("RateLimit-ResetTime",
                                     reset.toString(Qt::RFC2822Date).toLatin1());
        response.headers.emplaceBack("Retry-After", QByteArray::number(rule.resetSeconds));
        return response;
    }
    if (rule.status == 502 || rule.status == 504) {
        response.contentType = "text/html";
        response.body = "<html><body><h1>" + QByteArray::number(rule.status) + ' '
            + testhttp::reasonPhrase(rule.status) + "</h1></body></html>\n";
        return response;
    }
    return message(rule.status,
                   rule.message.isEmpty() ? QString::number(rule.status) + u' '
                           + QString::fromLatin1(testhttp::reasonPhrase(rule.status))
                                          : rule.message);
}

testhttp::Response GitLabApi::route(const testhttp::Request &request)
{
    // Segments of the raw path: `projects/group%2Fsub%2Fproject/...` names one project.
    QStringList parts;
    const QByteArray path = m_settings.decodeSlashes ? request.path.toUtf8() : request.rawPath;
    for (const QByteArray &segment : path.mid(basePath().size()).split('/'))
        if (!segment.isEmpty())
            parts.append(QUrl::fromPercentEncoding(segment));
    if (parts == QStringList{u"version"_s} && request.method == "GET")
        return json(200,
                    QJsonObject{{QStringLiteral("version"), QStringLiteral("17.9.0-ee")},
                                {QStringLiteral("revision"), QStringLiteral("local")}});
    if (parts == QStringList{u"users"_s} && request.method == "GET") {
        const QString username = request.query.queryItemValue(u"username"_s, QUrl::FullyDecoded);
        QJsonArray users;
        const qsizetype index = m_settings.users.indexOf(username);
        if (index >= 0)
            users.append(QJsonObject{{QStringLiteral("id"), index + 1},
                                     {QStringLiteral("username"), username}});
        return json(200, users);
    }
    if (parts == QStringList{u"projects"_s} && request.method == "GET")
        return searchProjects(request);
    if (parts.size() < 2 || parts.at(0) != u"projects")
        return message(404, QStringLiteral("404 Not Found"));
    bool numeric = false;
    const qint64 id = parts.at(1).toLongLong(&numeric);
    const QString project = numeric ? m_store.projectForId(id) : parts.at(1);
    if (project.isEmpty() || !repository(project).exists())
        return message(404, QStringLiteral("404 Project Not Found"));

    if (parts.size() == 2 && request.method == "GET") {
        return json(200,
                    QJsonObject{{QStringLiteral("id"), m_store.projectId(project)},
                                {QStringLiteral("path_with_namespace"), project},
                                {QStringLiteral("web_url"), webUrl(project)}});
    }
    if (parts.size() == 3 && parts.at(2) == u"merge_requests") {
        if (request.method == "GET")
            return list(request, project);
        if (request.method == "POST")
            return create(request, project);
    }
    if (parts.size() == 6 && parts.at(2) == u"repository" && parts.at(3) == u"commits"
        && parts.at(5) == u"merge_requests" && request.method == "GET") {
        QJsonArray items;
        for (const PullRequestRecord &record : pullRequestsOf(project, parts.at(4)))
            items.append(toJson(record));
        return json(200, items);
    }
    if (parts.size() == 5 && parts.at(2) == u"merge_requests" && parts.at(4) == u"approvals"
        && request.method == "GET") {
        bool ok = false;
        const PullRequestRecord *record = m_store.find(project, parts.at(3).toInt(&ok));
        if (!ok || !record)
            return message(404, QStringLiteral("404 Not found"));
        // Each user's latest review decides; the free tier's answer has no time per approval.
        QStringList approvers;
        for (const ReviewRecord &review : record->reviews) {
            if (review.state == u"COMMENTED")
                continue;
            approvers.removeAll(review.user);
            if (review.state == u"APPROVED")
                approvers << review.user;
        }
        QJsonArray approvedBy;
        for (const QString &user : approvers)
            approvedBy.append(QJsonObject{{u"user"_s,
                                           QJsonObject{
                                               {u"id"_s, m_settings.users.indexOf(user) + 1},
                                               {u"username"_s, user},
                                               {u"name"_s, user},
                                               {u"state"_s, u"active"_s},
                                               {u"web_url"_s, QString(m_origin + u'/' + user)},
                                           }}});
        return json(200,
                    QJsonObject{
                        {u"id"_s, record->id},
                        {u"iid"_s, record->number},
                        {u"project_id"_s, m_store.projectId(project)},
                        {u"title"_s, record->title},
                        {u"state"_s, stateName(record->state)},
                        {u"approved"_s, !approvers.isEmpty()},
                        {u"approvals_required"_s, 0},
                        {u"approvals_left"_s, 0},
                        {u"approved_by"_s, approvedBy},
                    });
    }
    if (parts.size() == 6 && parts.at(2) == u"repository" && parts.at(3) == u"commits"
        && parts.at(5) == u"signature" && request.method == "GET") {
        const BareRepository::CommitObject object =
            repository(project).commitObject(parts.at(4), keyrings());
        if (!object.found)
            return message(404, QStringLiteral("404 Commit Not Found"));
        if (object.signature.isEmpty())
            return message(404, QStringLiteral("404 Signature Not Found"));
        return json(200, signatureJson(object.check));
    }
    if (parts.size() == 5 && parts.at(2) == u"merge_requests" && parts.at(4) == u"diffs"
        && request.method == "GET") {
        bool ok = false;
        const PullRequestRecord *record = m_store.find(project, parts.at(3).toInt(&ok));
        if (!ok || !record)
            return message(404, QStringLiteral("404 Not found"));
        return diffs(request, *record);
    }
    if (parts.size() == 4 && parts.at(2) == u"merge_requests" && request.method == "GET") {
        bool ok = false;
        const PullRequestRecord *record = m_store.find(project, parts.at(3).toInt(&ok));
        return ok && record ? json(200, toJson(*record))
                            : message(404, QStringLiteral("404 Not found"));
    }
    return message(404, QStringLiteral("404 Not Found"));
}

testhttp::Response GitLabApi::list(const testhttp::Request &request, const QString &project)
{
    const QString state = request.query.queryItemValue(QStringLiteral("state"));
    const QString source =
        request.query.queryItemValue(QStringLiteral("source_branch"), QUrl::FullyDecoded);
    const QString target =
        request.query.queryItemValue(QStringLiteral("target_branch"), QUrl::FullyDecoded);
    QList<PullRequestRecord> matches;
    for (const PullRequestRecord &record : m_store.forProject(project)) {
        if (!state.isEmpty() && state != u"all" && stateName(record.state) != state)
            continue;
        if (!source.isEmpty() && record.head != source)
            continue;
        if (!target.isEmpty() && record.base != target)
            continue;
        matches.append(record);
    }
    std::reverse(matches.begin(), matches.end()); // newest first (order_by=created_at, desc)
    testhttp::Response response;
    const QList<PullRequestRecord> page =
        paginate(matches, request, QStringLiteral("per_page"), 20, 100, true, &response);
    QJsonArray items;
    for (const PullRequestRecord &record : page)
        items.append(toJson(record));
    response.body = json(200, items).body;
    return response;
}

testhttp::Response GitLabApi::create(const testhttp::Request &request, const QString &project)
{
    const QJsonObject body = fields(request);
    for (const QString &field : {u"source_branch"_s, u"target_branch"_s, u"title"_s}) {
        if (body.value(field).toString().isEmpty())
            return json(400,
                        QJsonObject{{QStringLiteral("error"), QString(field + u" is missing"_s)}});
    }
    const QString head = body.value(u"source_branch").toString();
    const QString base = body.value(u"target_branch").toString();
    const BareRepository repo = repository(project);
    // GitLab's validate_branches errors are 409s (conflict!), like the duplicate.
    if (head == base)
        return message(409,
                       QJsonArray{u"You can't use same project/branch for source and target"_s});
    if (repo.branchTip(head).isEmpty())
        return message(409, QJsonArray{u"Source branch \"%1\" does not exist"_s.arg(head)});
    if (repo.branchTip(base).isEmpty())
        return message(409, QJsonArray{u"Target branch \"%1\" does not exist"_s.arg(base)});
    if (const PullRequestRecord *open = m_store.open(project, head, base))
        return message(
            409,
            QJsonArray{
                u"Another open merge request already exists for this source branch: !%1"_s.arg(
                    open->number)});
    // GitLab, unlike GitHub and Gitea, accepts a merge request with no changes.

    PullRequestRecord record;
    record.project = project;
    record.title = body.value(u"title").toString();
    record.body = body.value(u"description").toString();
    record.head = head;
    record.base = base;
    record.baseSha = repo.branchTip(base);
    record.headSha = repo.branchTip(head);
    record.draft = record.title.startsWith(u"Draft:", Qt::CaseInsensitive)
        || record.title.startsWith(u"[Draft]", Qt::CaseInsensitive)
        || record.title.startsWith(u"(Draft)", Qt::CaseInsensitive);
    const QJsonValue labels = body.value(u"labels");
    const QStringList names = labels.isArray()
        ? QVariant(labels.toArray().toVariantList()).toStringList()
        : labels.toString().split(u',', Qt::SkipEmptyParts);
    for (const QString &name : names)
        record.labels.append(name.trimmed());
    for (const QJsonValue &id : body.value(u"reviewer_ids").toArray()) {
        const qsizetype index = qsizetype(id.toInteger()) - 1;
        if (index < 0 || index >= m_settings.users.size())
            return message(400, QJsonObject{{u"reviewers"_s, QJsonArray{u"is invalid"_s}}});
        record.reviewers.append(m_settings.users.at(index));
    }
    return json(201, toJson(m_store.add(record)));
}

testhttp::Response GitLabApi::diffs(const testhttp::Request &request,
                                    const PullRequestRecord &record) const
{
    // GitLab writes a missing mode as "0".
    const auto mode = [](const QString &gitMode) {
        return gitMode.count(u'0') == gitMode.size() ? u"0"_s : gitMode;
    };
    QJsonArray items;
    for (const BareRepository::ChangedFile &file : changedFilesOf(record)) {
        const bool renamed = file.status == u'R';
        items.append(QJsonObject{
            {u"old_path"_s, file.previousPath.isEmpty() ? file.path : file.previousPath},
            {u"new_path"_s, file.path},
            {u"a_mode"_s, mode(file.oldMode)},
            {u"b_mode"_s, mode(file.newMode)},
            {u"new_file"_s, file.status == u'A' || file.status == u'C'},
            {u"renamed_file"_s, renamed},
            {u"deleted_file"_s, file.status == u'D'},
            {u"generated_file"_s, false},
            {u"diff"_s, file.patch},
            {u"collapsed"_s, false},
            {u"too_large"_s, false},
        });
    }
    testhttp::Response response;
    const QJsonArray page =
        paginate(items, request, QStringLiteral("per_page"), 20, 100, true, &response);
    response.body = json(200, page).body;
    return response;
}

testhttp::Response GitLabApi::searchProjects(const testhttp::Request &request)
{
    // Every bare repository under the root is a project; `search` matches its name.
    const QString search = request.query.queryItemValue(u"search"_s, QUrl::FullyDecoded);
    QStringList projects;
    QDirIterator folders(m_settings.root, {u"*.git"_s}, QDir::Dirs, QDirIterator::Subdirectories);
    while (folders.hasNext()) {
        const QString project = QDir(m_settings.root).relativeFilePath(folders.next()).chopped(4);
        if (search.isEmpty() || project.section(u'/', -1).contains(search, Qt::CaseInsensitive))
            projects << project;
    }
    projects.sort();
    QJsonArray items;
    for (const QString &project : projects)
        items.append(QJsonObject{{QStringLiteral("id"), m_store.projectId(project)},
                                 {QStringLiteral("path_with_namespace"), project},
                                 {QStringLiteral("web_url"), webUrl(project)}});
    return json(200, items);
}

QJsonArray GitLabApi::reviewersJson(const PullRequestRecord &record) const
{
    QJsonArray result;
    for (const QString &login : record.reviewers)
        result.append(QJsonObject{{QStringLiteral("id"), m_settings.users.indexOf(login) + 1},
                                  {QStringLiteral("username"), login}});
    return result;
}

QJsonObject GitLabApi::toJson(const PullRequestRecord &record)
{
    return QJsonObject{
        {QStringLiteral("id"), record.id},
        {QStringLiteral("iid"), record.number},
        {QStringLiteral("project_id"), m_store.projectId(record.project)},
        {QStringLiteral("title"), record.title},
        {QStringLiteral("description"), record.body},
        {QStringLiteral("state"), stateName(record.state)},
        {QStringLiteral("source_branch"), record.head},
        {QStringLiteral("target_branch"), record.base},
        {QStringLiteral("draft"), record.draft},
        {QStringLiteral("work_in_progress"), record.draft},
        {QStringLiteral("labels"), QJsonArray::fromStringList(record.labels)},
        {QStringLiteral("reviewers"), reviewersJson(record)},
        {QStringLiteral("sha"), record.headSha},
        {QStringLiteral("merge_commit_sha"),
         record.mergeCommit.isEmpty() ? QJsonValue() : QJsonValue(record.mergeCommit)},
        {QStringLiteral("author"), QJsonObject{{QStringLiteral("username"), record.author}}},
        {QStringLiteral("merge_user"),
         record.state == PullRequestRecord::State::Merged
             ? QJsonValue(QJsonObject{{QStringLiteral("username"), record.mergedBy}})
             : QJsonValue()},
        {QStringLiteral("web_url"),
         QString(webUrl(record.project) + u"/-/merge_requests/"_s
                 + QString::number(record.number))},
        {QStringLiteral("references"),
         QJsonObject{{QStringLiteral("full"),
                      QString(record.project + u'!' + QString::number(record.number))}}},
        {QStringLiteral("created_at"), timestamp(record.createdAt)},
        {QStringLiteral("updated_at"), timestamp(record.updatedAt)},
        {QStringLiteral("closed_at"), timestamp(record.closedAt)},
        {QStringLiteral("merged_at"), timestamp(record.mergedAt)},
    };
}

QString GitLabApi::mergeMessage(const PullRequestRecord &record) const
{
    return QStringLiteral("Merge branch '%1' into '%2'\n\n%3\n\nSee merge request %4!%5")
        .arg(record.head, record.base, record.title, record.project,
             QString::number(record.number));
}

} // namespace localforge
