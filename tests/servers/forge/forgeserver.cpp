#include "forgeserver.h"

#include "connection.h"
#include "giteaapi.h"
#include "githubapi.h"
#include "gitlabapi.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace localforge {

using namespace Qt::StringLiterals;

namespace {

testhttp::Response adminAnswer(int status, const QJsonValue &value)
{
    testhttp::Response response;
    response.status = status;
    response.body = value.isArray()
        ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
        : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

testhttp::Response adminError(int status, const QString &message)
{
    return adminAnswer(status, QJsonObject{{QStringLiteral("message"), message}});
}

} // namespace

std::optional<ForgeServer::Flavor> ForgeServer::flavorFromName(const QString &name)
{
    if (name == u"github")
        return Flavor::GitHub;
    if (name == u"gitlab")
        return Flavor::GitLab;
    if (name == u"gitea" || name == u"forgejo")
        return Flavor::Gitea;
    return std::nullopt;
}

ForgeServer::ForgeServer(Flavor flavor, const ForgeSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_git(settings.root)
{
    switch (flavor) {
    case Flavor::GitHub:
        m_api = std::make_unique<GitHubApi>(m_settings, m_store);
        break;
    case Flavor::GitLab:
        m_api = std::make_unique<GitLabApi>(m_settings, m_store);
        break;
    case Flavor::Gitea:
        m_api = std::make_unique<GiteaApi>(m_settings, m_store);
        break;
    }
    m_http.setHandler([this](testhttp::Connection *connection, const testhttp::Request &request) {
        handle(connection, request);
    });
}

ForgeServer::~ForgeServer() = default;

bool ForgeServer::listen(quint16 port, QString *error)
{
    if (!m_http.listen(QHostAddress::LocalHost, port, error))
        return false;
    m_api->setOrigin(origin());
    return true;
}

QString ForgeServer::origin() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_http.port());
}

void ForgeServer::handle(testhttp::Connection *connection, const testhttp::Request &request)
{
    if (request.path.startsWith(u"/_forge/")) {
        connection->respond(admin(request));
        return;
    }
    if (GitHttpBackend::handles(request.path)) {
        serveGit(connection, request);
        return;
    }
    if (!request.path.startsWith(m_api->basePath() + u'/')) {
        connection->respond(adminError(404, QStringLiteral("not found")));
        return;
    }
    const std::optional<FaultRule> fault = m_faults.take(request);
    if (fault && fault->drop == u"before") {
        connection->abort();
        return;
    }
    if (fault && fault->status != 0) {
        connection->respond(m_api->faultResponse(*fault));
        return;
    }
    testhttp::Response response = m_api->serve(request);
    if (!m_recordPath.isEmpty()) {
        QFile log(m_recordPath);
        if (log.open(QIODevice::Append)) {
            const QJsonObject entry{
                {QStringLiteral("method"), QString::fromLatin1(request.method)},
                {QStringLiteral("path"), request.path.mid(m_api->basePath().size())},
                {QStringLiteral("query"), request.query.toString(QUrl::FullyDecoded)},
                {QStringLiteral("requestBody"), QString::fromUtf8(request.body)},
                {QStringLiteral("status"), response.status},
                {QStringLiteral("contentType"), QString::fromLatin1(response.contentType)},
                {QStringLiteral("responseBody"), QString::fromUtf8(response.body)},
            };
            log.write(QJsonDocument(entry).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    if (fault && !fault->withoutHeader.isEmpty()) {
        response.headers.removeIf([&fault](const auto &header) {
            return header.first.compare(fault->withoutHeader, Qt::CaseInsensitive) == 0;
        });
    }
    // The forge has acted; the client never hears of it.
    response.drop = fault && fault->drop == u"after";
    connection->respond(response);
}

void ForgeServer::serveGit(testhttp::Connection *connection, const testhttp::Request &request)
{
    // Basic auth, the token as password (git's credential helpers send it so).
    const QByteArray authorization = request.header("authorization");
    const QByteArray credentials = authorization.startsWith("Basic ")
        ? QByteArray::fromBase64(authorization.mid(6).trimmed())
        : QByteArray();
    const qsizetype colon = credentials.indexOf(':');
    const QByteArray user = colon < 0 ? credentials : credentials.left(colon);
    const QByteArray password = colon < 0 ? QByteArray() : credentials.mid(colon + 1);
    const bool writer =
        m_settings.token.isEmpty() || (!password.isEmpty() && password == m_settings.token);
    const bool reader =
        writer || (!m_settings.readToken.isEmpty() && password == m_settings.readToken);
    if (!reader) {
        testhttp::Response response;
        response.status = 401;
        response.contentType = "text/plain";
        response.body = "authentication required\n";
        response.headers.emplaceBack("WWW-Authenticate", "Basic realm=\"local-forge\"");
        connection->respond(response);
        return;
    }
    if (!writer && GitHttpBackend::isPush(request)) {
        testhttp::Response response;
        response.status = 403;
        response.contentType = "text/plain";
        response.body = "this token may not push\n";
        connection->respond(response);
        return;
    }
    const QPointer<testhttp::Connection> alive(connection);
    m_git.serve(request, user.isEmpty() ? QStringLiteral("forge-user") : QString::fromUtf8(user),
                connection, [alive](const testhttp::Response &response) {
                    if (alive)
                        alive->respond(response);
                });
}

testhttp::Response ForgeServer::admin(const testhttp::Request &request)
{
    if (request.path == u"/_forge/pulls" && request.method == "GET")
        return adminAnswer(200, m_store.toJson());
    if (request.path == u"/_forge/faults" && request.method == "POST") {
        QString error;
        if (!setFaults(QJsonDocument::fromJson(request.body).object(), &error))
            return adminError(400, error);
        return adminAnswer(200, QJsonObject{});
    }
    if ((request.path == u"/_forge/merge" || request.path == u"/_forge/close")
        && request.method == "POST") {
        const QString project =
            request.query.queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded);
        PullRequestRecord *record =
            m_store.find(project, request.query.queryItemValue(QStringLiteral("number")).toInt());
        if (!record)
            return adminError(404, QStringLiteral("no such pull request"));
        const QString user = request.query.queryItemValue(QStringLiteral("user"));
        record->mergedBy = user.isEmpty() ? QStringLiteral("forge-user") : user;
        return finish(record, request.path == u"/_forge/merge");
    }
    // A review as a person submits it in the forge's web page: ?project=&number=&user=
    // &state=APPROVED|CHANGES_REQUESTED|COMMENTED.
    if (request.path == u"/_forge/review" && request.method == "POST") {
        const QString project =
            request.query.queryItemValue(QStringLiteral("project"), QUrl::FullyDecoded);
        PullRequestRecord *record =
            m_store.find(project, request.query.queryItemValue(QStringLiteral("number")).toInt());
        if (!record)
            return adminError(404, QStringLiteral("no such pull request"));
        ReviewRecord review;
        review.user = request.query.queryItemValue(QStringLiteral("user"));
        review.state = request.query.queryItemValue(QStringLiteral("state"));
        if (review.state.isEmpty())
            review.state = QStringLiteral("APPROVED");
        if (review.user.isEmpty()
            || !QStringList{u"APPROVED"_s, u"CHANGES_REQUESTED"_s, u"COMMENTED"_s}.contains(
                review.state))
            return adminError(400,
                              QStringLiteral("user and state APPROVED, CHANGES_REQUESTED "
                                             "or COMMENTED are needed"));
        review.id = record->id * 1000 + record->reviews.size() + 1;
        review.submittedAt = QDateTime::currentDateTimeUtc();
        record->reviews << review;
        record->updatedAt = review.submittedAt;
        return adminAnswer(200, record->toJson());
    }
    // The ssh keys the forge knows its users sign with, as an allowed-signers file
    // (`EMAIL namespaces="git" ssh-ed25519 AAAA...` lines): the body replaces the file.
    if (request.path == u"/_forge/signers" && request.method == "POST") {
        QFile file(QDir(m_settings.root).filePath(QStringLiteral(".allowed_signers")));
        if (!file.open(QIODevice::WriteOnly) || file.write(request.body) != request.body.size())
            return adminError(500, file.errorString());
        return adminAnswer(200, QJsonObject{});
    }
    return adminError(404, QStringLiteral("not found"));
}

testhttp::Response ForgeServer::finish(PullRequestRecord *record, bool merge)
{
    if (record->state != PullRequestRecord::State::Open)
        return adminError(405, QStringLiteral("the pull request is not open"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (merge) {
        QString error;
        const BareRepository repository(
            QDir(m_settings.root).filePath(record->project + QStringLiteral(".git")));
        const QString commit =
            repository.merge(record->base, record->head, m_api->mergeMessage(*record), &error);
        if (commit.isEmpty())
            return adminError(409, error);
        record->state = PullRequestRecord::State::Merged;
        record->mergeCommit = commit;
        record->mergedAt = now;
    } else {
        record->state = PullRequestRecord::State::Closed;
    }
    record->closedAt = now;
    record->updatedAt = now;
    return adminAnswer(200, record->toJson());
}

} // namespace localforge
