#include "apiserver.h"

#include "auditlog.h"
#include "connection.h"
#include "discovery.h"
#include "objectselectors.h"
#include "protobufbody.h"
#include "table.h"
#include "yamljson.h"

#include "apply.h"
#include "defaults.h"
#include "fieldselector.h"
#include "labelselector.h"
#include "patch.h"
#include "typeref.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <chrono>

namespace kubeemu {

namespace {

const QString adminUser = QStringLiteral("admin");
const QString mastersGroup = QStringLiteral("system:masters");
const QString readersGroup = QStringLiteral("gitops:readers");
const QString namespaceGroupPrefix = QStringLiteral("gitops:ns:");

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

QJsonObject metadataOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject();
}

QString nameOf(const QJsonObject &object)
{
    return metadataOf(object).value(u"name").toString();
}

QString namespaceOf(const QJsonObject &object)
{
    return metadataOf(object).value(u"namespace").toString();
}

void setMetadata(QJsonObject &object, const QString &key, const QJsonValue &value)
{
    QJsonObject metadata = metadataOf(object);
    if (value.isUndefined())
        metadata.remove(key);
    else
        metadata.insert(key, value);
    object.insert(QStringLiteral("metadata"), metadata);
}

TypeRef typeRef(const ResourceType &type)
{
    return {type.group, type.version, type.kind};
}

QString randomToken(int bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(data.data()),
                                          bytes / int(sizeof(quint32)));
    return QString::fromLatin1(data.toHex());
}

QString randomSuffix()
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString suffix;
    for (int i = 0; i < 5; ++i)
        suffix +=
            QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet) - 1)]);
    return suffix;
}

// Everything but metadata and status: what `generation` counts changes of.
QJsonObject specPart(QJsonObject object)
{
    object.remove(QStringLiteral("metadata"));
    object.remove(QStringLiteral("status"));
    return object;
}

// The object without the times in managedFields: a write that changes only those is a
// no-op, as on the real server.
QJsonObject withoutFieldTimes(QJsonObject object)
{
    QJsonObject metadata = metadataOf(object);
    QJsonArray managed = metadata.value(u"managedFields").toArray();
    for (qsizetype i = 0; i < managed.size(); ++i) {
        QJsonObject entry = managed.at(i).toObject();
        entry.remove(QStringLiteral("time"));
        managed.replace(i, entry);
    }
    metadata.insert(QStringLiteral("managedFields"), managed);
    metadata.remove(QStringLiteral("resourceVersion"));
    object.insert(QStringLiteral("metadata"), metadata);
    return object;
}

const QRegularExpression &subdomainPattern()
{
    static const QRegularExpression pattern(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return pattern;
}

const QRegularExpression &labelPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return pattern;
}

const QRegularExpression &dns1035Pattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z]([-a-z0-9]*[a-z0-9])?$"));
    return pattern;
}

std::optional<QJsonObject> parseBody(const testhttp::Request &request, QString *error)
{
    const QByteArray contentType = request.header("content-type");
    // kubectl writes protobuf (create, run, expose, replace): decoded with the official
    // .proto files into the object the same request would have sent as JSON.
    if (isProtobufMediaType(contentType))
        return decodeProtobufObject(request.body, error);
    if (contentType.contains("protobuf") || contentType.contains("cbor")) {
        *error = QStringLiteral("unsupported media type");
        return std::nullopt;
    }
    if (contentType.contains("yaml")) {
        const QList<QJsonValue> documents = parseYamlDocuments(request.body, error);
        if (!error->isEmpty())
            return std::nullopt;
        if (documents.size() != 1 || !documents.first().isObject()) {
            *error = QStringLiteral("the body must hold exactly one object");
            return std::nullopt;
        }
        return documents.first().toObject();
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("couldn't get version/kind; json parse error: %1")
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    return document.object();
}

// A query flag, read as Go's strconv.ParseBool reads it (the Python client sends "True").
bool queryFlag(const testhttp::Request &request, const QString &name)
{
    static const QStringList truths{QStringLiteral("1"),    QStringLiteral("t"),
                                    QStringLiteral("T"),    QStringLiteral("true"),
                                    QStringLiteral("True"), QStringLiteral("TRUE")};
    return truths.contains(request.query.queryItemValue(name));
}

WriteOptions writeOptions(const testhttp::Request &request)
{
    WriteOptions options;
    options.fieldManager = request.query.queryItemValue(QStringLiteral("fieldManager"));
    if (options.fieldManager.isEmpty()) {
        // The real server names an unnamed manager after the user agent's first word.
        const QByteArray agent = request.header("user-agent");
        options.fieldManager = QString::fromUtf8(agent.left(agent.indexOf('/')));
        if (options.fieldManager.isEmpty())
            options.fieldManager = QStringLiteral("unknown");
    }
    options.dryRun = request.query.queryItemValue(QStringLiteral("dryRun")) == u"All";
    options.force = queryFlag(request, QStringLiteral("force"));
    return options;
}

// The autoscaling/v1 Scale of a workload, as the scale subresource shows it.
QJsonObject toScale(const QJsonObject &object)
{
    QJsonObject metadata = metadataOf(object);
    metadata.remove(QStringLiteral("managedFields"));
    const QJsonObject spec = object.value(u"spec").toObject();
    const QJsonObject status = object.value(u"status").toObject();
    QJsonObject scaleStatus{{QStringLiteral("replicas"), status.value(u"replicas").toInt()}};
    QStringList selector;
    const QJsonObject matchLabels =
        spec.value(u"selector").toObject().value(u"matchLabels").toObject();
    for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it)
        selector << it.key() + u'=' + it.value().toString();
    if (!selector.isEmpty())
        scaleStatus.insert(QStringLiteral("selector"), selector.join(u','));
    return {{QStringLiteral("kind"), QStringLiteral("Scale")},
            {QStringLiteral("apiVersion"), QStringLiteral("autoscaling/v1")},
            {QStringLiteral("metadata"), metadata},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("replicas"), spec.value(u"replicas").toInt(1)}}},
            {QStringLiteral("status"), scaleStatus}};
}

} // namespace

// --- fault settings ---------------------------------------------------------------------

QJsonObject FaultSettings::toJson() const
{
    return {{QStringLiteral("latencyMs"), latencyMs},
            {QStringLiteral("errorRate"), errorRate},
            {QStringLiteral("errorCode"), errorCode},
            {QStringLiteral("retryAfterSeconds"), retryAfterSeconds},
            {QStringLiteral("dropRate"), dropRate},
            {QStringLiteral("cutWatchesAfter"), cutWatchesAfter}};
}

FaultSettings FaultSettings::fromJson(const QJsonObject &json)
{
    FaultSettings faults;
    faults.latencyMs = json.value(u"latencyMs").toInt();
    faults.errorRate = json.value(u"errorRate").toDouble();
    faults.errorCode = json.value(u"errorCode").toInt(503);
    faults.retryAfterSeconds = json.value(u"retryAfterSeconds").toInt(1);
    faults.dropRate = json.value(u"dropRate").toDouble();
    faults.cutWatchesAfter = json.value(u"cutWatchesAfter").toInt();
    return faults;
}

// --- request targets and watches --------------------------------------------------------

struct ApiServer::Target
{
    ResourceType type;
    QString ns; ///< empty: cluster-scoped, or all namespaces for a list
    QString name; ///< empty: the collection
    QString subresource;
};

// --- lifecycle --------------------------------------------------------------------------

ApiServer::ApiServer(QObject *parent)
    : QObject(parent)
    , m_watches(m_store, [this] { return m_faults.cutWatchesAfter; })
{
    addRoutes();
    m_tokens.insert(randomToken(16), {QStringLiteral("reader"), {readersGroup}});
    m_tokens.insert(
        randomToken(16),
        {QStringLiteral("restricted"), {namespaceGroupPrefix + QStringLiteral("team-a")}});
    bootstrap();
}

// What kube-apiserver's bootstrap controller writes into every new cluster, as its own
// Update (field manager kube-apiserver): the system namespaces and the Service that names
// the API server itself, on the first IP of the service range.
void ApiServer::bootstrap()
{
    WriteOptions options;
    options.fieldManager = QStringLiteral("kube-apiserver");
    const ResourceType namespaces =
        *m_registry.byKind(QString(), QStringLiteral("v1"), QStringLiteral("Namespace"));
    for (const char *name : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
        const QJsonObject object{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Namespace")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)}}}};
        [[maybe_unused]] const auto created = create(namespaces, QString(), object, options);
        Q_ASSERT(std::holds_alternative<QJsonObject>(created));
    }
    const ResourceType services =
        *m_registry.byKind(QString(), QStringLiteral("v1"), QStringLiteral("Service"));
    const QJsonObject kubernetes{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Service")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("kubernetes")},
                     {QStringLiteral("labels"),
                      QJsonObject{{QStringLiteral("component"), QStringLiteral("apiserver")},
                                  {QStringLiteral("provider"), QStringLiteral("kubernetes")}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("ClusterIP")},
                     {QStringLiteral("clusterIP"), QStringLiteral("10.96.0.1")},
                     {QStringLiteral("sessionAffinity"), QStringLiteral("None")},
                     {QStringLiteral("internalTrafficPolicy"), QStringLiteral("Cluster")},
                     {QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack")},
                     {QStringLiteral("ports"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("https")},
                                             {QStringLiteral("protocol"), QStringLiteral("TCP")},
                                             {QStringLiteral("port"), 443},
                                             {QStringLiteral("targetPort"), 6443}}}}}}};
    [[maybe_unused]] const auto created =
        create(services, QStringLiteral("default"), kubernetes, options);
    Q_ASSERT(std::holds_alternative<QJsonObject>(created));
}

ApiServer::~ApiServer() = default;

bool ApiServer::start(quint16 port, QString *error)
{
    m_ca = CertificateAuthority::create(QStringLiteral("kube-emulator-ca"), error);
    if (!m_ca)
        return false;
    const KeyPair serving = m_ca->issueServer({QStringLiteral("localhost")},
                                              {QStringLiteral("127.0.0.1"), QStringLiteral("::1")});
    m_adminCredentials = m_ca->issueClient(adminUser, {mastersGroup});

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(serving.certificatePem));
    tls.setPrivateKey(QSslKey(serving.keyPem, QSsl::Ec));
    tls.setCaCertificates({QSslCertificate(m_ca->certificatePem())});
    // Ask for a client certificate but accept callers without one (tokens); the
    // certificate is verified against our CA in authenticate().
    tls.setPeerVerifyMode(QSslSocket::QueryPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);

    m_http.setTls(tls, 10000);
    // Clients of the API send bodies with a length; chunked uploads are not needed.
    testhttp::ParseLimits limits;
    limits.chunkedBodies = false;
    m_http.setLimits(limits);
    m_http.setDefaultHeaders({{"Cache-Control", "no-cache, private"}});
    m_http.setHandler([this](testhttp::Connection *connection, const testhttp::Request &request) {
        handle(connection, request);
    });
    return m_http.listen(QHostAddress::LocalHost, port, error);
}

quint16 ApiServer::port() const
{
    return m_http.port();
}

QString ApiServer::url() const
{
    return QStringLiteral("https://127.0.0.1:%1").arg(port());
}

bool ApiServer::loadTokens(const QString &file, QString *error)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(file, in.errorString());
        return false;
    }
    QHash<QString, Identity> tokens;
    int lineNumber = 0;
    while (!in.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        // token,user,uid[,"group1,group2"]
        static const QRegularExpression pattern(
            QStringLiteral("^([^,]+),([^,]+),([^,]*)(?:,\"?([^\"]*)\"?)?$"));
        const auto match = pattern.match(line);
        if (!match.hasMatch()) {
            *error = QStringLiteral("%1:%2: expected token,user,uid[,\"groups\"]")
                         .arg(file)
                         .arg(lineNumber);
            return false;
        }
        Identity who{match.captured(2), {}};
        if (!match.captured(4).isEmpty())
            who.groups = match.captured(4).split(u',', Qt::SkipEmptyParts);
        tokens.insert(match.captured(1), who);
    }
    m_tokens = tokens;
    return true;
}

QByteArray ApiServer::kubeconfig() const
{
    const auto base64 = [](const QByteArray &data) { return QString::fromLatin1(data.toBase64()); };
    QJsonArray users{QJsonObject{
        {QStringLiteral("name"), adminUser},
        {QStringLiteral("user"),
         QJsonObject{
             {QStringLiteral("client-certificate-data"), base64(m_adminCredentials.certificatePem)},
             {QStringLiteral("client-key-data"), base64(m_adminCredentials.keyPem)}}}}};
    QJsonArray contexts{
        QJsonObject{{QStringLiteral("name"), adminUser},
                    {QStringLiteral("context"),
                     QJsonObject{{QStringLiteral("cluster"), QStringLiteral("emulator")},
                                 {QStringLiteral("user"), adminUser},
                                 {QStringLiteral("namespace"), QStringLiteral("default")}}}}};
    QStringList names;
    for (auto it = m_tokens.cbegin(); it != m_tokens.cend(); ++it)
        names << it.key();
    std::sort(names.begin(), names.end(), [this](const QString &a, const QString &b) {
        return m_tokens.value(a).user < m_tokens.value(b).user;
    });
    for (const QString &token : std::as_const(names)) {
        const Identity who = m_tokens.value(token);
        users.append(
            QJsonObject{{QStringLiteral("name"), who.user},
                        {QStringLiteral("user"), QJsonObject{{QStringLiteral("token"), token}}}});
        QJsonObject context{{QStringLiteral("cluster"), QStringLiteral("emulator")},
                            {QStringLiteral("user"), who.user}};
        for (const QString &group : who.groups) {
            if (group.startsWith(namespaceGroupPrefix))
                context.insert(QStringLiteral("namespace"), group.mid(namespaceGroupPrefix.size()));
        }
        contexts.append(
            QJsonObject{{QStringLiteral("name"), who.user}, {QStringLiteral("context"), context}});
    }
    const QJsonObject config{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Config")},
        {QStringLiteral("clusters"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("emulator")},
                                {QStringLiteral("cluster"),
                                 QJsonObject{{QStringLiteral("server"), url()},
                                             {QStringLiteral("certificate-authority-data"),
                                              base64(m_ca->certificatePem())}}}}}},
        {QStringLiteral("users"), users},
        {QStringLiteral("contexts"), contexts},
        {QStringLiteral("current-context"), adminUser},
        {QStringLiteral("preferences"), QJsonObject()}};
    // JSON is YAML; kubectl and every kubeconfig reader take it as is.
    return QJsonDocument(config).toJson(QJsonDocument::Indented);
}

bool ApiServer::writeKubeconfig(const QString &path, QString *error) const
{
    const QByteArray data = kubeconfig();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

// --- connections and dispatch -----------------------------------------------------------

void ApiServer::handle(testhttp::Connection *connection, const testhttp::Request &request)
{
    const bool control = request.path.startsWith(u"/emulator/");
    if (!control && m_faults.latencyMs > 0) {
        QPointer<testhttp::Connection> guard(connection);
        QTimer::singleShot(m_faults.latencyMs, this, [this, guard, request] {
            if (guard)
                dispatch(guard, request);
        });
        return;
    }
    dispatch(connection, request);
}

void ApiServer::dispatch(testhttp::Connection *connection, const testhttp::Request &request)
{
    const std::optional<Identity> who = authenticate(connection, request);
    if (!who) {
        sendError(connection, ApiError::unauthorized());
        return;
    }
    // The emulator's own controls are for the admin, and never meet injected faults.
    if (request.path.startsWith(u"/emulator/")) {
        if (!who->groups.contains(mastersGroup)) {
            sendError(connection,
                      {403,
                       QStringLiteral("Forbidden"),
                       QStringLiteral("only the admin may change faults"),
                       {}});
            return;
        }
        const auto control = m_controls.match(request.method, request.path);
        if (!control.handler) {
            sendError(connection,
                      {404, QStringLiteral("NotFound"), QStringLiteral("no such control"), {}});
            return;
        }
        (*control.handler)(connection, request, *who);
        return;
    }
    auto *random = QRandomGenerator::global();
    if (m_faults.dropRate > 0 && random->generateDouble() < m_faults.dropRate) {
        // Headers promise a body that never comes: the connection drops mid-response.
        connection->beginStream(200, "application/json");
        connection->writeChunk("{\"kind\":");
        connection->abort();
        return;
    }
    if (m_faults.errorRate > 0 && random->generateDouble() < m_faults.errorRate) {
        ApiError error = m_faults.errorCode == 429
            ? ApiError::tooManyRequests(m_faults.retryAfterSeconds)
            : m_faults.errorCode == 503 ? ApiError::unavailable(m_faults.retryAfterSeconds)
                                        : ApiError::internal(QStringLiteral("injected fault"));
        sendError(connection, error);
        return;
    }

    const auto route = m_routes.match(request.method, request.path);
    if (!route.handler) {
        // OpenAPI and everything else we do not serve: 404 at once.
        sendError(connection,
                  {404,
                   QStringLiteral("NotFound"),
                   QStringLiteral("the server could not find the requested resource"),
                   {}});
        return;
    }
    (*route.handler)(connection, request, *who);
}

// The paths the server answers (after authentication and injected faults), and who answers
// them.
void ApiServer::addRoutes()
{
    using Connection = testhttp::Connection;
    using Request = testhttp::Request;
    m_controls.add({}, QStringLiteral("/emulator/faults"),
                   [this](Connection *connection, const Request &request, const Identity &) {
                       serveFaults(connection, request);
                   });
    m_controls.add(
        "POST", QStringLiteral("/emulator/compact"),
        [this](Connection *connection, const Request &, const Identity &) {
            m_store.compact();
            sendJson(connection, 200,
                     {{QStringLiteral("compactedThrough"), QString::number(m_store.revision())}});
        });
    m_routes.add({}, QStringLiteral("/version"),
                 [this](Connection *connection, const Request &, const Identity &) {
                     sendJson(connection, 200, versionInfo());
                 });
    for (const char *path : {"/healthz", "/livez", "/readyz"}) {
        m_routes.add({}, QString::fromLatin1(path),
                     [](Connection *connection, const Request &, const Identity &) {
                         connection->respond(200, "text/plain; charset=utf-8", "ok");
                     });
    }
    for (const bool core : {true, false}) {
        const auto serveGroups = [this, core](Connection *connection, const Request &request,
                                              const Identity &) {
            if (discovery::wantsAggregated(request.header("accept")))
                sendJson(connection, 200, discovery::aggregated(m_registry, core),
                         discovery::aggregatedContentType());
            else if (core)
                sendJson(connection, 200,
                         discovery::coreVersions(QStringLiteral("127.0.0.1:%1").arg(port())));
            else
                sendJson(connection, 200, discovery::groupList(m_registry));
        };
        const QString root = core ? QStringLiteral("/api") : QStringLiteral("/apis");
        m_routes.add({}, root, serveGroups);
        m_routes.add({}, root + u'/', serveGroups);
        // /api/v1/... or /apis/GROUP/VERSION/...
        m_routes.addPrefix({}, root + u'/',
                           [this](Connection *connection, const Request &request,
                                  const Identity &who) { serveApi(connection, request, who); });
    }
}

QJsonObject ApiServer::versionInfo()
{
    return {
        {QStringLiteral("major"), QStringLiteral("1")},
        {QStringLiteral("minor"), QStringLiteral("32")},
        {QStringLiteral("gitVersion"), QStringLiteral("v1.32.0-kube-emulator")},
        {QStringLiteral("gitCommit"), QStringLiteral("0000000000000000000000000000000000000000")},
        {QStringLiteral("gitTreeState"), QStringLiteral("clean")},
        {QStringLiteral("buildDate"), QStringLiteral("2026-01-01T00:00:00Z")},
        {QStringLiteral("goVersion"), QStringLiteral("none")},
        {QStringLiteral("compiler"), QStringLiteral("gc")},
        {QStringLiteral("platform"), QStringLiteral("linux/amd64")}};
}

// A path under /api/ or /apis/: a group version's resource list, or a resource.
void ApiServer::serveApi(testhttp::Connection *connection, const testhttp::Request &request,
                         const Identity &who)
{
    const QString &path = request.path;
    // /api/v1/... or /apis/GROUP/VERSION/...
    QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    QString group;
    QString version;
    if (segments.value(0) == u"api" && segments.size() >= 2) {
        version = segments.at(1);
        segments = segments.mid(2);
    } else if (segments.value(0) == u"apis" && segments.size() >= 3) {
        group = segments.at(1);
        version = segments.at(2);
        segments = segments.mid(3);
    } else {
        // OpenAPI and everything else we do not serve: 404 at once.
        sendError(connection,
                  {404,
                   QStringLiteral("NotFound"),
                   QStringLiteral("the server could not find the requested resource"),
                   {}});
        return;
    }
    if (m_registry.versions(group).isEmpty() || !m_registry.versions(group).contains(version)) {
        sendError(connection,
                  {404,
                   QStringLiteral("NotFound"),
                   QStringLiteral("the server could not find the requested resource"),
                   {}});
        return;
    }
    if (segments.isEmpty()) {
        if (request.method != "GET") {
            sendError(connection, ApiError::methodNotAllowed(QStringLiteral("method not allowed")));
            return;
        }
        sendJson(connection, 200, discovery::resourceList(m_registry, group, version));
        return;
    }

    Target target;
    if (segments.at(0) == u"namespaces" && segments.size() >= 3 && segments.at(2) != u"status"
        && segments.at(2) != u"finalize") {
        target.ns = segments.at(1);
        segments = segments.mid(2);
    }
    const std::optional<ResourceType> type = m_registry.byResource(group, version, segments.at(0));
    if (!type || segments.size() > 3 || (!target.ns.isEmpty() && !type->namespaced)) {
        sendError(connection,
                  {404,
                   QStringLiteral("NotFound"),
                   QStringLiteral("the server could not find the requested resource"),
                   {}});
        return;
    }
    target.type = *type;
    target.name = segments.value(1);
    target.subresource = segments.value(2);
    if (!target.subresource.isEmpty() && !type->subresources.contains(target.subresource)) {
        sendError(connection,
                  {404,
                   QStringLiteral("NotFound"),
                   QStringLiteral("the server could not find the requested resource"),
                   {}});
        return;
    }
    serveResource(connection, request, who, target);
}

std::optional<Identity> ApiServer::authenticate(testhttp::Connection *connection,
                                                const testhttp::Request &request) const
{
    const QSslCertificate peer = connection->peerCertificate();
    if (!peer.isNull()) {
        CertificateIdentity identity;
        if (m_ca->verifyClient(peer.toDer(), &identity))
            return Identity{identity.user, identity.groups};
        return std::nullopt; // a certificate we did not sign is refused outright
    }
    const QByteArray authorization = request.header("authorization");
    if (authorization.startsWith("Bearer ")) {
        const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
        const auto it = m_tokens.constFind(token);
        if (it != m_tokens.constEnd())
            return *it;
    }
    return std::nullopt;
}

bool ApiServer::authorized(const Identity &who, const QString &verb, const QString &group,
                           const QString &ns) const
{
    Q_UNUSED(group);
    if (who.groups.contains(mastersGroup))
        return true;
    const bool read = verb == u"get" || verb == u"list" || verb == u"watch";
    if (read && who.groups.contains(readersGroup))
        return true;
    return !ns.isEmpty() && who.groups.contains(namespaceGroupPrefix + ns);
}

void ApiServer::sendJson(testhttp::Connection *connection, int status, const QJsonObject &body,
                         const QByteArray &contentType)
{
    connection->respond(status, contentType, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void ApiServer::sendError(testhttp::Connection *connection, const ApiError &error)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    const int retryAfter = error.details.value(u"retryAfterSeconds").toInt();
    if (retryAfter > 0)
        headers.append({"Retry-After", QByteArray::number(retryAfter)});
    connection->respond(error.code, "application/json",
                        QJsonDocument(error.toStatus()).toJson(QJsonDocument::Compact), headers);
}

void ApiServer::serveFaults(testhttp::Connection *connection, const testhttp::Request &request)
{
    if (request.method == "POST" || request.method == "PUT") {
        QString error;
        const std::optional<QJsonObject> body = parseBody(request, &error);
        if (!body) {
            sendError(connection, ApiError::badRequest(error));
            return;
        }
        m_faults = FaultSettings::fromJson(*body);
    }
    sendJson(connection, 200, m_faults.toJson());
}

// --- resources --------------------------------------------------------------------------

void ApiServer::serveResource(testhttp::Connection *connection, const testhttp::Request &request,
                              const Identity &who, const Target &target)
{
    const auto received = std::chrono::system_clock::now();
    const QByteArray &method = request.method;
    const bool watch = queryFlag(request, QStringLiteral("watch"));
    QString verb;
    if (method == "GET")
        verb = target.name.isEmpty() ? (watch ? QStringLiteral("watch") : QStringLiteral("list"))
                                     : QStringLiteral("get");
    else if (method == "POST" && target.name.isEmpty())
        verb = QStringLiteral("create");
    else if (method == "PUT" && !target.name.isEmpty())
        verb = QStringLiteral("update");
    else if (method == "PATCH" && !target.name.isEmpty())
        verb = QStringLiteral("patch");
    else if (method == "DELETE")
        verb =
            target.name.isEmpty() ? QStringLiteral("deletecollection") : QStringLiteral("delete");
    else {
        sendError(connection,
                  ApiError::methodNotAllowed(
                      QStringLiteral("%1 is not supported here").arg(QString::fromLatin1(method))));
        return;
    }

    const bool write = verb != u"get" && verb != u"list" && verb != u"watch";
    if (!authorized(who, verb, target.type.group, target.ns)) {
        const ApiError error = ApiError::forbidden(who.user, verb,
                                                   target.subresource.isEmpty() ? target.type.plural
                                                                                : target.type.plural
                                                           + u'/' + target.subresource,
                                                   target.type.group, target.ns, target.name);
        if (write)
            auditRequest(connection, request, who, verb, target, target.name, &error, false,
                         received);
        sendError(connection, error);
        return;
    }
    if (verb == u"get") {
        serveGet(connection, request, target);
        return;
    }
    if (verb == u"list") {
        serveList(connection, request, target);
        return;
    }
    if (verb == u"watch") {
        serveWatch(connection, request, target);
        return;
    }

    const WriteOptions options = writeOptions(request);
    if (verb == u"deletecollection") {
        serveDeleteCollection(connection, request, target, options);
        auditRequest(connection, request, who, verb, target, QString(), nullptr, true, received);
        return;
    }
    std::variant<QJsonObject, ApiError> result;
    int successCode = 200;
    if (verb == u"create" || verb == u"update") {
        QString error;
        std::optional<QJsonObject> body = parseBody(request, &error);
        if (!body) {
            // The emulator reads JSON, YAML and Kubernetes protobuf: other protobuf and CBOR
            // bodies get 415, as a real server answers a media type it cannot decode.
            const QByteArray contentType = request.header("content-type");
            sendError(connection,
                      (contentType.contains("protobuf") && !isProtobufMediaType(contentType))
                              || contentType.contains("cbor")
                          ? ApiError::unsupportedMediaType(QString::fromLatin1(contentType))
                          : ApiError::badRequest(error));
            return;
        }
        if (verb == u"create") {
            result = create(target.type, target.ns, *body, options);
            successCode = 201;
        } else {
            result =
                update(target.type, target.ns, target.name, *body, target.subresource, options);
        }
    } else if (verb == u"patch") {
        result = patch(target.type, target.ns, target.name, request.header("content-type"),
                       request.body, target.subresource, options);
    } else {
        result = remove(target.type, target.ns, target.name, options);
    }
    if (const auto *error = std::get_if<ApiError>(&result)) {
        auditRequest(connection, request, who, verb, target, target.name, error, true, received);
        sendError(connection, *error);
        return;
    }
    const QJsonObject &object = std::get<QJsonObject>(result);
    // A create names its object in the body; the record names it as the real server does.
    auditRequest(connection, request, who, verb, target,
                 target.name.isEmpty() ? nameOf(object) : target.name, nullptr, true, received,
                 successCode);
    sendJson(connection, successCode, target.subresource == u"scale" ? toScale(object) : object);
}

// --- audit log --------------------------------------------------------------------------

bool ApiServer::setAuditLog(const QString &path, QString *error)
{
    m_auditLog = std::make_unique<AuditLogWriter>();
    if (m_auditLog->open(path, error))
        return true;
    m_auditLog.reset();
    return false;
}

void ApiServer::auditRequest(testhttp::Connection *connection, const testhttp::Request &request,
                             const Identity &who, const QString &verb, const Target &target,
                             const QString &name, const ApiError *error, bool allowed,
                             std::chrono::system_clock::time_point received, int code)
{
    if (!m_auditLog)
        return;
    AuditEntry entry;
    entry.verb = verb;
    entry.requestUri = QString::fromUtf8(request.rawPath);
    if (!request.query.isEmpty())
        entry.requestUri += u'?' + request.query.query(QUrl::FullyEncoded);
    entry.username = who.user;
    entry.groups = who.groups;
    // Every authenticated request carries this group on a real server.
    if (!entry.groups.contains(u"system:authenticated"))
        entry.groups << QStringLiteral("system:authenticated");
    const QTcpSocket *socket = connection ? connection->socket() : nullptr;
    entry.sourceIp = socket ? socket->peerAddress().toString() : QStringLiteral("127.0.0.1");
    entry.userAgent = QString::fromUtf8(request.header("user-agent"));
    entry.resource = target.type.plural;
    entry.subresource = target.subresource;
    entry.namespaceName = target.ns;
    entry.name = name;
    entry.apiGroup = target.type.group;
    entry.apiVersion = target.type.version;
    entry.code = error ? error->code : code;
    if (error) {
        entry.reason = error->reason;
        entry.message = error->message;
    }
    entry.allowed = allowed;
    entry.received = received;
    m_auditLog->write(entry);
}

// The writes of the server's own clients (the simulated controllers, the seed) go through
// the API on a real cluster, so they are audited as such: kube-controller-manager as its
// user, the seed as the admin's `kubectl apply --server-side`.
void ApiServer::auditInternal(const QString &verb, const ResourceType &type, const QString &ns,
                              const QString &name, const QString &subresource,
                              const QString &manager,
                              const std::variant<QJsonObject, ApiError> &result,
                              std::chrono::system_clock::time_point received, const QString &query)
{
    if (!m_auditLog)
        return;
    const bool controller = manager == u"kube-controller-manager";
    Identity who = controller ? Identity{QStringLiteral("system:kube-controller-manager"), {}}
                              : Identity{adminUser, {mastersGroup}};
    QString path = type.group.isEmpty()
        ? QStringLiteral("/api/v1")
        : QStringLiteral("/apis/%1/%2").arg(type.group, type.version);
    if (type.namespaced && !ns.isEmpty())
        path += QStringLiteral("/namespaces/") + ns;
    path += u'/' + type.plural;
    if (verb != u"create")
        path += u'/' + name;
    if (!subresource.isEmpty())
        path += u'/' + subresource;
    testhttp::Request request;
    request.rawPath = path.toUtf8();
    request.query.setQuery(query);
    request.headers.insert("user-agent",
                           controller ? QByteArrayLiteral("kube-controller-manager/v1.32.0 "
                                                          "(linux/amd64) kubernetes/kube-emulator")
                                      : QByteArrayLiteral("kube-emulator-seed"));
    Target target;
    target.type = type;
    target.ns = type.namespaced ? ns : QString();
    target.name = name;
    target.subresource = subresource;
    const ApiError *error = std::get_if<ApiError>(&result);
    auditRequest(nullptr, request, who, verb, target, name, error, true, received,
                 verb == u"create" ? 201 : 200);
}

void ApiServer::serveGet(testhttp::Connection *connection, const testhttp::Request &request,
                         const Target &target)
{
    Q_UNUSED(request);
    const StoredObject *stored = m_store.get(target.type.storageKey(), target.ns, target.name);
    if (!stored) {
        sendError(connection,
                  ApiError::notFound(target.type.groupResource(), target.name, target.type.group,
                                     target.type.plural));
        return;
    }
    if (target.subresource == u"scale") {
        sendJson(connection, 200, toScale(stored->object));
        return;
    }
    connection->respond(200, "application/json", stored->json);
}

void ApiServer::serveList(testhttp::Connection *connection, const testhttp::Request &request,
                          const Target &target)
{
    QString error;
    const std::optional<ObjectSelectors> selectors = ObjectSelectors::of(request, &error);
    if (!selectors) {
        sendError(connection, ApiError::badRequest(error));
        return;
    }

    const qint64 limit = request.query.queryItemValue(QStringLiteral("limit")).toLongLong();
    QString after;
    const QString continueToken = request.query.queryItemValue(QStringLiteral("continue"));
    if (!continueToken.isEmpty()) {
        const QJsonObject token =
            QJsonDocument::fromJson(QByteArray::fromBase64(continueToken.toLatin1())).object();
        const quint64 revision = token.value(u"rv").toString().toULongLong();
        after = token.value(u"start").toString();
        if (after.isEmpty() || revision == 0) {
            sendError(connection,
                      ApiError::badRequest(QStringLiteral("continue key is not valid")));
            return;
        }
        if (revision < m_store.oldestRetained()) {
            sendError(connection,
                      ApiError::gone(
                          QStringLiteral("The provided continue parameter is too old to display a "
                                         "consistent list result. You can start a new list without "
                                         "the continue parameter.")));
            return;
        }
    }

    const QList<const StoredObject *> candidates =
        m_store.list(target.type.storageKey(), target.ns, after);
    QList<const StoredObject *> items;
    QString lastKey;
    qsizetype index = 0;
    for (; index < candidates.size(); ++index) {
        const StoredObject *stored = candidates.at(index);
        if (!selectors->matches(stored->object))
            continue;
        if (limit > 0 && items.size() == limit)
            break;
        items << stored;
        lastKey = Store::keyOf(namespaceOf(stored->object), nameOf(stored->object));
    }
    QJsonObject listMetadata{
        {QStringLiteral("resourceVersion"), QString::number(m_store.revision())}};
    if (index < candidates.size()) {
        const QJsonObject token{{QStringLiteral("rv"), QString::number(m_store.revision())},
                                {QStringLiteral("start"), lastKey}};
        listMetadata.insert(
            QStringLiteral("continue"),
            QString::fromLatin1(QJsonDocument(token).toJson(QJsonDocument::Compact).toBase64()));
        if (selectors->isEmpty())
            listMetadata.insert(QStringLiteral("remainingItemCount"),
                                qint64(candidates.size() - index));
    }

    if (table::wanted(request.header("accept"))) {
        QList<QJsonObject> objects;
        for (const StoredObject *stored : std::as_const(items))
            objects << stored->object;
        sendJson(connection, 200,
                 table::render(target.type, objects, listMetadata,
                               request.query.queryItemValue(QStringLiteral("includeObject")), true,
                               QDateTime::currentDateTimeUtc()));
        return;
    }
    // Lists are assembled from each object's cached JSON: no re-serialisation per reader.
    QByteArray body = "{\"kind\":\"" + target.type.kind.toUtf8() + "List\",\"apiVersion\":\""
        + target.type.apiVersion().toUtf8() + "\",\"metadata\":"
        + QJsonDocument(listMetadata).toJson(QJsonDocument::Compact) + ",\"items\":[";
    qsizetype size = body.size() + 2;
    for (const StoredObject *stored : std::as_const(items))
        size += stored->json.size() + 1;
    body.reserve(size);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            body += ',';
        body += items.at(i)->json;
    }
    body += "]}";
    connection->respond(200, "application/json", body);
}

void ApiServer::serveDeleteCollection(testhttp::Connection *connection,
                                      const testhttp::Request &request, const Target &target,
                                      const WriteOptions &options)
{
    QString error;
    const std::optional<ObjectSelectors> selectors = ObjectSelectors::of(request, &error);
    if (!selectors) {
        sendError(connection, ApiError::badRequest(error));
        return;
    }
    QList<std::pair<QString, QString>> doomed;
    for (const StoredObject *stored : m_store.list(target.type.storageKey(), target.ns)) {
        if (selectors->matches(stored->object))
            doomed.append({namespaceOf(stored->object), nameOf(stored->object)});
    }
    QJsonArray items;
    for (const auto &[ns, name] : std::as_const(doomed)) {
        const auto removed = remove(target.type, ns, name, options);
        if (const auto *object = std::get_if<QJsonObject>(&removed))
            items.append(*object);
    }
    sendJson(
        connection, 200,
        {{QStringLiteral("kind"), QString(target.type.kind + QStringLiteral("List"))},
         {QStringLiteral("apiVersion"), target.type.apiVersion()},
         {QStringLiteral("metadata"),
          QJsonObject{{QStringLiteral("resourceVersion"), QString::number(m_store.revision())}}},
         {QStringLiteral("items"), items}});
}

void ApiServer::serveWatch(testhttp::Connection *connection, const testhttp::Request &request,
                           const Target &target)
{
    QString error;
    const std::optional<ObjectSelectors> selectors = ObjectSelectors::of(request, &error);
    if (!selectors) {
        sendError(connection, ApiError::badRequest(error));
        return;
    }
    WatchRequest watch;
    watch.type = target.type;
    watch.ns = target.ns;
    watch.selectors = *selectors;
    watch.table = table::wanted(request.header("accept"));
    watch.includeObject = request.query.queryItemValue(QStringLiteral("includeObject"));
    watch.resourceVersion = request.query.queryItemValue(QStringLiteral("resourceVersion"));
    watch.bookmarks = queryFlag(request, QStringLiteral("allowWatchBookmarks"));
    watch.timeoutSeconds = request.query.queryItemValue(QStringLiteral("timeoutSeconds")).toInt();
    m_watches.open(connection, watch);
}

// --- writes -----------------------------------------------------------------------------

std::variant<QJsonObject, ApiError> ApiServer::create(const ResourceType &type, const QString &ns,
                                                      QJsonObject object,
                                                      const WriteOptions &options,
                                                      const QString &operation)
{
    if (type.namespaced && ns.isEmpty())
        return ApiError::methodNotAllowed(
            QStringLiteral("create of namespaced %1 needs a namespace in the path")
                .arg(type.plural));
    // Like the real server, a body without apiVersion and kind takes them from the URL.
    const QString apiVersion = object.value(u"apiVersion").toString(type.apiVersion());
    const QString kind = object.value(u"kind").toString(type.kind);
    if (kind != type.kind || apiVersion != type.apiVersion())
        return ApiError::badRequest(
            QStringLiteral("the API version in the data (%1) does not match the expected API "
                           "version (%2)")
                .arg(apiVersion.isEmpty() ? kind : apiVersion + u", Kind=" + kind,
                     type.apiVersion() + u", Kind=" + type.kind));
    const QString bodyNamespace = namespaceOf(object);
    if (type.namespaced) {
        if (!bodyNamespace.isEmpty() && bodyNamespace != ns)
            return ApiError::badRequest(QStringLiteral(
                "the namespace of the provided object does not match the namespace sent on the "
                "request"));
        setMetadata(object, QStringLiteral("namespace"), ns);
    } else {
        setMetadata(object, QStringLiteral("namespace"), QJsonValue::Undefined);
    }
    QString name = nameOf(object);
    if (name.isEmpty()) {
        const QString prefix = metadataOf(object).value(u"generateName").toString();
        if (prefix.isEmpty())
            return ApiError::invalid(
                type.kind, QString(), type.group,
                {invalidCause(QStringLiteral("FieldValueRequired"), QStringLiteral("metadata.name"),
                              QStringLiteral("Required value: name or "
                                             "generateName is required"))});
        name = prefix + randomSuffix();
        setMetadata(object, QStringLiteral("name"), name);
    }
    if (type.namespaced && !m_store.get(QStringLiteral("/namespaces"), QString(), ns))
        return ApiError::notFound(QStringLiteral("namespaces"), ns, QString(),
                                  QStringLiteral("namespaces"));
    if (m_store.get(type.storageKey(), ns, name))
        return ApiError::alreadyExists(type.groupResource(), name, type.group, type.plural);

    setMetadata(object, QStringLiteral("uid"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    setMetadata(object, QStringLiteral("creationTimestamp"), now());
    setMetadata(object, QStringLiteral("resourceVersion"), QJsonValue::Undefined);
    if (operation != u"Apply")
        setMetadata(object, QStringLiteral("managedFields"), QJsonValue::Undefined);
    if (type.subresources.contains(u"status"))
        object.remove(QStringLiteral("status"));
    if (type.group.isEmpty() && type.kind == u"Namespace") {
        object.insert(
            QStringLiteral("spec"),
            QJsonObject{{QStringLiteral("finalizers"), QJsonArray{QStringLiteral("kubernetes")}}});
        object.insert(QStringLiteral("status"),
                      QJsonObject{{QStringLiteral("phase"), QStringLiteral("Active")}});
    }
    return commit(type, nullptr, object, operation, QString(), options);
}

std::variant<QJsonObject, ApiError> ApiServer::update(const ResourceType &type, const QString &ns,
                                                      const QString &name, QJsonObject object,
                                                      const QString &subresource,
                                                      const WriteOptions &options)
{
    const StoredObject *before = m_store.get(type.storageKey(), ns, name);
    if (!before)
        return ApiError::notFound(type.groupResource(), name, type.group, type.plural);
    if (subresource == u"scale") {
        QJsonObject after = before->object;
        QJsonObject spec = after.value(u"spec").toObject();
        spec.insert(QStringLiteral("replicas"),
                    object.value(u"spec").toObject().value(u"replicas"));
        after.insert(QStringLiteral("spec"), spec);
        return commit(type, before, after, QStringLiteral("Update"), subresource, options);
    }
    if (nameOf(object) != name)
        return ApiError::badRequest(
            QStringLiteral("the name of the object (%1) does not match the name on the URL (%2)")
                .arg(nameOf(object), name));
    const QString precondition = metadataOf(object).value(u"resourceVersion").toString();
    if (!precondition.isEmpty()
        && precondition != metadataOf(before->object).value(u"resourceVersion").toString())
        return ApiError::conflict(type.groupResource(), name, type.group, type.plural,
                                  QStringLiteral("the object has been modified; please apply "
                                                 "your changes to the latest version and try "
                                                 "again"));
    return commit(type, before, object, QStringLiteral("Update"), subresource, options);
}

std::variant<QJsonObject, ApiError>
ApiServer::patch(const ResourceType &type, const QString &ns, const QString &name,
                 const QByteArray &contentType, const QByteArray &body, const QString &subresource,
                 const WriteOptions &options)
{
    const QByteArray mediaType = contentType.split(';').first().trimmed();
    const StoredObject *before = m_store.get(type.storageKey(), ns, name);

    if (mediaType == "application/apply-patch+yaml") {
        QString error;
        const QList<QJsonValue> documents = parseYamlDocuments(body, &error);
        if (!error.isEmpty() || documents.size() != 1 || !documents.first().isObject())
            return ApiError::badRequest(
                error.isEmpty() ? QStringLiteral("the apply body must hold one object") : error);
        QJsonObject applied = documents.first().toObject();
        if (applied.value(u"kind").toString() != type.kind)
            return ApiError::badRequest(QStringLiteral("the kind of the applied object (%1) does "
                                                       "not match the URL (%2)")
                                            .arg(applied.value(u"kind").toString(), type.kind));
        if (nameOf(applied) != name)
            return ApiError::badRequest(
                QStringLiteral(
                    "the name of the object (%1) does not match the name on the URL (%2)")
                    .arg(nameOf(applied), name));
        if (type.namespaced) {
            if (!namespaceOf(applied).isEmpty() && namespaceOf(applied) != ns)
                return ApiError::badRequest(QStringLiteral(
                    "the namespace of the provided object does not match the namespace sent on "
                    "the request"));
            setMetadata(applied, QStringLiteral("namespace"), ns);
        }
        QJsonObject live;
        if (before) {
            live = before->object;
        } else {
            if (type.namespaced && !m_store.get(QStringLiteral("/namespaces"), QString(), ns))
                return ApiError::notFound(QStringLiteral("namespaces"), ns, QString(),
                                          QStringLiteral("namespaces"));
        }
        const ApplyOutcome outcome =
            serverSideApply(typeRef(type), live, applied, options.fieldManager, options.force,
                            QDateTime::currentDateTimeUtc());
        if (!outcome.error.isEmpty())
            return ApiError::badRequest(outcome.error);
        if (!outcome.conflicts.isEmpty()) {
            QJsonArray causes;
            for (const ApplyConflict &conflict : outcome.conflicts)
                causes.append(invalidCause(QStringLiteral("FieldManagerConflict"), conflict.field,
                                           QStringLiteral("conflict with %1").arg(conflict.who)));
            ApiError error =
                ApiError::conflict(type.groupResource(), name, type.group, type.plural, QString());
            error.message = applyConflictMessage(outcome.conflicts);
            error.details.insert(QStringLiteral("causes"), causes);
            return error;
        }
        if (before)
            return commit(type, before, outcome.object, QStringLiteral("Apply"), subresource,
                          options);
        // Apply creates what does not exist yet, recording the applier's fields only.
        return create(type, ns, outcome.object, options, QStringLiteral("Apply"));
    }

    if (!before)
        return ApiError::notFound(type.groupResource(), name, type.group, type.plural);
    QJsonObject base = subresource == u"scale" ? toScale(before->object) : before->object;
    QJsonObject patched;
    QString error;
    if (mediaType == "application/merge-patch+json"
        || mediaType == "application/strategic-merge-patch+json") {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (!document.isObject())
            return ApiError::badRequest(
                QStringLiteral("invalid patch: %1").arg(parseError.errorString()));
        if (mediaType == "application/merge-patch+json") {
            patched = jsonMergePatch(base, document.object());
        } else {
            const std::optional<QJsonObject> result =
                strategicMergePatch(typeRef(type), base, document.object(), &error);
            if (!result)
                return ApiError::badRequest(error);
            patched = *result;
        }
    } else if (mediaType == "application/json-patch+json") {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (!document.isArray())
            return ApiError::badRequest(
                QStringLiteral("invalid JSON patch: %1").arg(parseError.errorString()));
        const std::optional<QJsonValue> result = jsonPatch(base, document.array(), &error);
        if (!result)
            return {ApiError{422, QStringLiteral("Invalid"), error, {}}};
        patched = result->toObject();
    } else {
        return ApiError::unsupportedMediaType(QString::fromLatin1(contentType));
    }
    if (subresource == u"scale")
        return update(type, ns, name, patched, subresource, options);
    return commit(type, before, patched, QStringLiteral("Update"), subresource, options);
}

std::variant<QJsonObject, ApiError> ApiServer::remove(const ResourceType &type, const QString &ns,
                                                      const QString &name,
                                                      const WriteOptions &options)
{
    const StoredObject *before = m_store.get(type.storageKey(), ns, name);
    if (!before)
        return ApiError::notFound(type.groupResource(), name, type.group, type.plural);
    if (options.dryRun)
        return before->object;
    const QJsonObject object = before->object;
    if (type.group.isEmpty() && type.kind == u"Namespace") {
        // The namespace controller's work, done at once: everything inside goes too.
        for (const ResourceType &inner : m_registry.types()) {
            if (!inner.namespaced || inner.version != m_registry.versions(inner.group).first())
                continue;
            for (const StoredObject *stored : m_store.list(inner.storageKey(), name))
                m_store.remove(inner.storageKey(), name, nameOf(stored->object));
        }
    }
    if (type.kind == u"CustomResourceDefinition") {
        const QJsonObject spec = object.value(u"spec").toObject();
        const QString key = spec.value(u"group").toString() + u'/'
            + spec.value(u"names").toObject().value(u"plural").toString();
        for (const StoredObject *stored : m_store.list(key, QString()))
            m_store.remove(key, namespaceOf(stored->object), nameOf(stored->object));
        m_registry.unregisterCrd(name);
    }
    return m_store.remove(type.storageKey(), ns, name).object;
}

std::variant<QJsonObject, ApiError>
ApiServer::commit(const ResourceType &type, const StoredObject *before, QJsonObject after,
                  const QString &operation, const QString &subresource, const WriteOptions &options)
{
    after.insert(QStringLiteral("apiVersion"), type.apiVersion());
    after.insert(QStringLiteral("kind"), type.kind);
    if (before) {
        const QJsonObject old = before->object;
        const QJsonObject oldMetadata = metadataOf(old);
        if (subresource == u"status") {
            // The status subresource changes status only.
            QJsonObject merged = old;
            merged.insert(QStringLiteral("status"), after.value(u"status"));
            after = merged;
        } else if (type.subresources.contains(u"status")) {
            // ...and the main resource everything but status.
            if (old.contains(u"status"))
                after.insert(QStringLiteral("status"), old.value(u"status"));
            else
                after.remove(QStringLiteral("status"));
        }
        QJsonObject metadata = metadataOf(after);
        for (const char *key :
             {"uid", "creationTimestamp", "name", "namespace", "generation", "deletionTimestamp"}) {
            const QString field = QString::fromLatin1(key);
            if (oldMetadata.contains(field))
                metadata.insert(field, oldMetadata.value(field));
            else
                metadata.remove(field);
        }
        if (operation != u"Apply")
            metadata.insert(QStringLiteral("managedFields"), oldMetadata.value(u"managedFields"));
        metadata.remove(QStringLiteral("resourceVersion"));
        after.insert(QStringLiteral("metadata"), metadata);
    }

    if (const std::optional<ApiError> error =
            validate(type, after, before ? &before->object : nullptr))
        return *error;
    applyDefaults(typeRef(type), after);
    allocate(type, after, before ? &before->object : nullptr);

    if (after.contains(u"spec")) {
        const qint64 generation =
            before ? metadataOf(before->object).value(u"generation").toInteger(1) : 1;
        const bool changed = before && specPart(after) != specPart(before->object);
        setMetadata(after, QStringLiteral("generation"), generation + (changed ? 1 : 0));
    }
    if (operation == u"Update") {
        after = recordUpdate(typeRef(type), before ? before->object : QJsonObject(), after,
                             options.fieldManager, subresource, QDateTime::currentDateTimeUtc());
    }
    if (type.kind == u"CustomResourceDefinition" && subresource.isEmpty()) {
        const QString error = TypeRegistry(m_registry).registerCrd(after);
        if (!error.isEmpty())
            return ApiError::invalid(
                type.kind, nameOf(after), type.group,
                {invalidCause(QStringLiteral("FieldValueInvalid"), QStringLiteral("spec"), error)});
        const QJsonObject names = after.value(u"spec").toObject().value(u"names").toObject();
        QJsonArray stored;
        for (const QJsonValue &version :
             after.value(u"spec").toObject().value(u"versions").toArray()) {
            if (version.toObject().value(u"storage").toBool())
                stored.append(version.toObject().value(u"name"));
        }
        const QString time = now();
        after.insert(
            QStringLiteral("status"),
            QJsonObject{
                {QStringLiteral("acceptedNames"), names},
                {QStringLiteral("storedVersions"), stored},
                {QStringLiteral("conditions"),
                 QJsonArray{
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("NamesAccepted")},
                                 {QStringLiteral("status"), QStringLiteral("True")},
                                 {QStringLiteral("reason"), QStringLiteral("NoConflicts")},
                                 {QStringLiteral("message"), QStringLiteral("no conflicts found")},
                                 {QStringLiteral("lastTransitionTime"), time}},
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("Established")},
                                 {QStringLiteral("status"), QStringLiteral("True")},
                                 {QStringLiteral("reason"), QStringLiteral("InitialNamesAccepted")},
                                 {QStringLiteral("message"),
                                  QStringLiteral("the initial names have been accepted")},
                                 {QStringLiteral("lastTransitionTime"), time}}}}});
    }

    if (before && withoutFieldTimes(after) == withoutFieldTimes(before->object))
        return before->object; // nothing changed: no write, same resourceVersion
    if (options.dryRun) {
        if (before)
            setMetadata(after, QStringLiteral("resourceVersion"),
                        metadataOf(before->object).value(u"resourceVersion"));
        return after;
    }
    const StoredObject &stored = m_store.put(type.storageKey(), after);
    if (type.kind == u"CustomResourceDefinition")
        m_registry.registerCrd(stored.object);
    Q_EMIT objectWritten(type.storageKey());
    return stored.object;
}

std::optional<ApiError> ApiServer::validate(const ResourceType &type, const QJsonObject &object,
                                            const QJsonObject *before) const
{
    QJsonArray causes;
    const QString name = nameOf(object);
    const auto invalidName = [&](const QString &message) {
        causes.append(invalidCause(QStringLiteral("FieldValueInvalid"),
                                   QStringLiteral("metadata.name"),
                                   QStringLiteral("Invalid value: \"%1\": %2").arg(name, message)));
    };
    const QString key = type.group + u'/' + type.kind;
    if (key == u"/Namespace") {
        if (name.size() > 63 || !labelPattern().match(name).hasMatch())
            invalidName(QStringLiteral(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
                "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
    } else if (key == u"/Service") {
        if (name.size() > 63 || !dns1035Pattern().match(name).hasMatch())
            invalidName(QStringLiteral(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                "start with an alphabetic character, and end with an alphanumeric character (e.g. "
                "'my-name',  or 'abc-123', regex used for validation is "
                "'[a-z]([-a-z0-9]*[a-z0-9])?')"));
    } else if (type.group == u"rbac.authorization.k8s.io") {
        if (name == u"." || name == u".." || name.contains(u'/') || name.contains(u'%'))
            invalidName(QStringLiteral("may not contain '/' or '%' and may not be '.' or '..'"));
    } else if (name.size() > 253 || !subdomainPattern().match(name).hasMatch()) {
        invalidName(QStringLiteral(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            "'-' or '.', and must start and end with an alphanumeric character (e.g. "
            "'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
    }

    const QJsonObject spec = object.value(u"spec").toObject();
    const bool workload = type.group == u"apps";
    if (workload) {
        const QJsonObject selector = spec.value(u"selector").toObject();
        const QJsonObject templateLabels = spec.value(u"template")
                                               .toObject()
                                               .value(u"metadata")
                                               .toObject()
                                               .value(u"labels")
                                               .toObject();
        if (selector.isEmpty()) {
            causes.append(invalidCause(QStringLiteral("FieldValueRequired"),
                                       QStringLiteral("spec.selector"),
                                       QStringLiteral("Required value")));
        } else {
            const QJsonObject matchLabels = selector.value(u"matchLabels").toObject();
            for (auto it = matchLabels.begin(); it != matchLabels.end(); ++it) {
                if (templateLabels.value(it.key()) != it.value()) {
                    causes.append(invalidCause(
                        QStringLiteral("FieldValueInvalid"),
                        QStringLiteral("spec.template.metadata.labels"),
                        QStringLiteral(
                            "Invalid value: %1: `selector` does not match template `labels`")
                            .arg(QString::fromUtf8(
                                QJsonDocument(templateLabels).toJson(QJsonDocument::Compact)))));
                    break;
                }
            }
        }
    }
    if (before) {
        const QJsonObject oldSpec = before->value(u"spec").toObject();
        const auto immutable = [&](const QString &field, const QJsonValue &was,
                                   const QJsonValue &is) {
            if (was != is)
                causes.append(invalidCause(
                    QStringLiteral("FieldValueInvalid"), field,
                    QStringLiteral("Invalid value: %1: field is immutable")
                        .arg(QString::fromUtf8(
                                 QJsonDocument(QJsonArray{is}).toJson(QJsonDocument::Compact))
                                 .mid(1)
                                 .chopped(1))));
        };
        if (workload)
            immutable(QStringLiteral("spec.selector"), oldSpec.value(u"selector"),
                      spec.value(u"selector"));
        if (key == u"/Service" && spec.contains(u"clusterIP")
            && !spec.value(u"clusterIP").toString().isEmpty())
            immutable(QStringLiteral("spec.clusterIP"), oldSpec.value(u"clusterIP"),
                      spec.value(u"clusterIP"));
        if (key == u"batch/Job") {
            immutable(QStringLiteral("spec.template"), oldSpec.value(u"template"),
                      spec.value(u"template"));
            immutable(QStringLiteral("spec.selector"), oldSpec.value(u"selector"),
                      spec.value(u"selector"));
        }
    }
    if (causes.isEmpty())
        return std::nullopt;
    return ApiError::invalid(type.kind, name, type.group, causes);
}

void ApiServer::allocate(const ResourceType &type, QJsonObject &object, const QJsonObject *before)
{
    if (!type.group.isEmpty() || type.kind != u"Service")
        return;
    QJsonObject spec = object.value(u"spec").toObject();
    const QJsonObject oldSpec = before ? before->value(u"spec").toObject() : QJsonObject();
    const QString serviceType = spec.value(u"type").toString(QStringLiteral("ClusterIP"));
    if (serviceType != u"ExternalName") {
        QString ip = spec.value(u"clusterIP").toString();
        if (ip.isEmpty())
            ip = oldSpec.value(u"clusterIP").toString();
        if (ip.isEmpty()) {
            ip = QStringLiteral("10.96.%1.%2")
                     .arg(m_nextClusterIp / 250)
                     .arg(m_nextClusterIp % 250 + 1);
            ++m_nextClusterIp;
        }
        spec.insert(QStringLiteral("clusterIP"), ip);
        spec.insert(QStringLiteral("clusterIPs"), QJsonArray{ip});
        if (!spec.contains(u"ipFamilies"))
            spec.insert(QStringLiteral("ipFamilies"), QJsonArray{QStringLiteral("IPv4")});
        if (!spec.contains(u"ipFamilyPolicy"))
            spec.insert(QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack"));
    }
    if (serviceType == u"NodePort" || serviceType == u"LoadBalancer") {
        const QJsonArray oldPorts = oldSpec.value(u"ports").toArray();
        QJsonArray ports = spec.value(u"ports").toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject port = ports.at(i).toObject();
            if (port.value(u"nodePort").toInt() == 0) {
                int allocated = 0;
                for (const QJsonValue &old : oldPorts) {
                    if (old.toObject().value(u"port") == port.value(u"port"))
                        allocated = old.toObject().value(u"nodePort").toInt();
                }
                port.insert(QStringLiteral("nodePort"),
                            allocated ? allocated : int(m_nextNodePort++));
                ports.replace(i, port);
            }
        }
        spec.insert(QStringLiteral("ports"), ports);
    }
    object.insert(QStringLiteral("spec"), spec);
}

// --- seeding, direct writes, state ------------------------------------------------------

std::variant<QJsonObject, ApiError> ApiServer::apply(const QJsonObject &object,
                                                     const QString &manager, bool force)
{
    const QString apiVersion = object.value(u"apiVersion").toString();
    const qsizetype slash = apiVersion.indexOf(u'/');
    const QString group = slash < 0 ? QString() : apiVersion.left(slash);
    const QString version = slash < 0 ? apiVersion : apiVersion.mid(slash + 1);
    const QString kind = object.value(u"kind").toString();
    const std::optional<ResourceType> type = m_registry.byKind(group, version, kind);
    if (!type)
        return ApiError{
            404,
            QStringLiteral("NotFound"),
            QStringLiteral("no matches for kind \"%1\" in version \"%2\"").arg(kind, apiVersion),
            {}};
    QString ns = namespaceOf(object);
    if (type->namespaced && ns.isEmpty())
        ns = QStringLiteral("default");
    WriteOptions options;
    options.fieldManager = manager;
    options.force = force;
    const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    const auto received = std::chrono::system_clock::now();
    auto result = patch(*type, type->namespaced ? ns : QString(), nameOf(object),
                        "application/apply-patch+yaml", body, QString(), options);
    auditInternal(QStringLiteral("patch"), *type, ns, nameOf(object), QString(), manager, result,
                  received,
                  QStringLiteral("fieldManager=%1%2")
                      .arg(manager, force ? QStringLiteral("&force=true") : QString()));
    return result;
}

std::variant<QJsonObject, ApiError> ApiServer::updateStatus(const ResourceType &type,
                                                            const QString &ns, const QString &name,
                                                            const QJsonObject &status,
                                                            const QString &manager)
{
    WriteOptions options;
    options.fieldManager = manager;
    const StoredObject *before = m_store.get(type.storageKey(), ns, name);
    if (!before)
        return ApiError::notFound(type.groupResource(), name, type.group, type.plural);
    QJsonObject after = before->object;
    after.insert(QStringLiteral("status"), status);
    const auto received = std::chrono::system_clock::now();
    auto result =
        commit(type, before, after, QStringLiteral("Update"), QStringLiteral("status"), options);
    auditInternal(QStringLiteral("update"), type, ns, name, QStringLiteral("status"), manager,
                  result, received);
    return result;
}

std::variant<QJsonObject, ApiError> ApiServer::scale(const ResourceType &type, const QString &ns,
                                                     const QString &name, int replicas,
                                                     const QString &manager)
{
    WriteOptions options;
    options.fieldManager = manager;
    const QJsonObject body{
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}};
    const auto received = std::chrono::system_clock::now();
    auto result = update(type, ns, name, body, QStringLiteral("scale"), options);
    auditInternal(QStringLiteral("update"), type, ns, name, QStringLiteral("scale"), manager,
                  result, received);
    return result;
}

std::variant<QJsonObject, ApiError> ApiServer::deleteObject(const ResourceType &type,
                                                            const QString &ns, const QString &name)
{
    const auto received = std::chrono::system_clock::now();
    auto result = remove(type, ns, name, WriteOptions());
    auditInternal(QStringLiteral("delete"), type, ns, name, QString(),
                  QStringLiteral("kube-controller-manager"), result, received);
    return result;
}

std::variant<QJsonObject, ApiError> ApiServer::recordEvent(const QJsonObject &event)
{
    const ResourceType type =
        *m_registry.byKind(QString(), QStringLiteral("v1"), QStringLiteral("Event"));
    WriteOptions options;
    options.fieldManager = QStringLiteral("kube-controller-manager");
    const QString ns = namespaceOf(event);
    const auto received = std::chrono::system_clock::now();
    auto result = create(type, ns, event, options);
    auditInternal(QStringLiteral("create"), type, ns, nameOf(event), QString(),
                  options.fieldManager, result, received);
    return result;
}

QStringList ApiServer::seed(const QString &folder)
{
    QStringList errors;
    QStringList files;
    QDirIterator it(folder,
                    {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    std::sort(files.begin(), files.end());

    QList<std::pair<QString, QJsonObject>> objects;
    for (const QString &file : std::as_const(files)) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            errors << QStringLiteral("%1: %2").arg(file, in.errorString());
            continue;
        }
        QString error;
        const QList<QJsonValue> documents = parseYamlDocuments(in.readAll(), &error);
        if (!error.isEmpty()) {
            errors << QStringLiteral("%1: %2").arg(file, error);
            continue;
        }
        for (const QJsonValue &document : documents) {
            const QJsonObject object = document.toObject();
            if (object.value(u"kind").toString().endsWith(u"List") && object.contains(u"items")) {
                for (const QJsonValue &item : object.value(u"items").toArray())
                    objects.append({file, item.toObject()});
            } else {
                objects.append({file, object});
            }
        }
    }
    // Namespaces and CRDs first, as their contents need them.
    const auto rank = [](const QJsonObject &object) {
        const QString kind = object.value(u"kind").toString();
        return kind == u"Namespace" ? 0 : kind == u"CustomResourceDefinition" ? 1 : 2;
    };
    std::stable_sort(objects.begin(), objects.end(),
                     [&](const auto &a, const auto &b) { return rank(a.second) < rank(b.second); });
    for (const auto &[file, object] : std::as_const(objects)) {
        const auto result = apply(object, QStringLiteral("seed"), true);
        if (const auto *error = std::get_if<ApiError>(&result))
            errors << QStringLiteral("%1: %2 %3: %4")
                          .arg(file, object.value(u"kind").toString(), nameOf(object),
                               error->message);
    }
    return errors;
}

QJsonObject ApiServer::stateDump() const
{
    QJsonArray objects;
    for (const ResourceType &type : m_registry.types()) {
        if (type.version != m_registry.versions(type.group).first())
            continue;
        for (const StoredObject *stored : m_store.list(type.storageKey(), QString()))
            objects.append(stored->object);
    }
    return {{QStringLiteral("resourceVersion"), QString::number(m_store.revision())},
            {QStringLiteral("objects"), objects}};
}

} // namespace kubeemu
