#pragma once

#include "apistatus.h"
#include "certificates.h"
#include "router.h"
#include "server.h"
#include "store.h"
#include "typeregistry.h"
#include "watchstreams.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <variant>

class QTimer;

namespace kubeemu {

class AuditLogWriter;

/// The caller, as authentication established it.
struct Identity
{
    QString user;
    QStringList groups;
};

/// Faults the server injects, for tests of clients' error handling. Changed with
/// setFaults() or, with admin credentials, by POSTing this object's JSON to
/// /emulator/faults.
struct FaultSettings
{
    int latencyMs = 0; ///< added to every API request
    double errorRate = 0.0; ///< share of API requests answered with errorCode
    int errorCode = 503; ///< 500, 503 or 429 (503 and 429 carry Retry-After)
    int retryAfterSeconds = 1;
    double dropRate = 0.0; ///< share of requests whose connection is dropped mid-response
    int cutWatchesAfter = 0; ///< close every watch stream after this many events (0: never)

    QJsonObject toJson() const;
    static FaultSettings fromJson(const QJsonObject &json);
};

/// Options of one write, from the request's query and headers.
struct WriteOptions
{
    QString fieldManager;
    bool dryRun = false;
    bool force = false;
};

/// A local Kubernetes API server for tests and the demo: HTTPS with client-certificate and
/// bearer-token authentication, discovery, list/watch with resourceVersions, create,
/// update, patch (apply, merge, strategic, JSON patch), delete, dry-run, defaulting and
/// managedFields, following the real server's conventions. Starts as a real cluster does,
/// with the namespaces default, kube-system, kube-public and kube-node-lease and the
/// `kubernetes` Service in default. Single-threaded: lives on the thread that runs its
/// event loop. Not for running workloads.
class ApiServer : public QObject
{
    Q_OBJECT

public:
    explicit ApiServer(QObject *parent = nullptr);
    ~ApiServer() override;

    /// Generates the CA and certificates and listens on 127.0.0.1:@p port (0: any free).
    bool start(quint16 port, QString *error);
    quint16 port() const;
    QString url() const;

    /// Static tokens: token -> identity. Defaults: a read-only user and a user restricted
    /// to the namespace "team-a". Replaces them when a tokens file is loaded (CSV as
    /// kube-apiserver's --token-auth-file: token,user,uid,"group1,group2").
    bool loadTokens(const QString &file, QString *error);

    /// A kubeconfig for kubectl: contexts admin (client certificate), reader (token) and
    /// restricted (token, namespace team-a); current context admin.
    QByteArray kubeconfig() const;
    /// Writes kubeconfig() to @p path; false with @p error naming the file and the reason.
    bool writeKubeconfig(const QString &path, QString *error) const;

    /// Applies every manifest under @p folder as `kubectl apply --server-side` would, with
    /// field manager "seed"; namespaces and CRDs first. Returns error texts (empty: fine).
    QStringList seed(const QString &folder);

    /// Server-side apply of one object, as a client with full rights would do it.
    std::variant<QJsonObject, ApiError> apply(const QJsonObject &object, const QString &manager,
                                              bool force = true);
    /// Writes the status subresource of a stored object (controllers do this).
    std::variant<QJsonObject, ApiError> updateStatus(const ResourceType &type, const QString &ns,
                                                     const QString &name, const QJsonObject &status,
                                                     const QString &manager);
    /// Sets spec.replicas through the scale subresource.
    std::variant<QJsonObject, ApiError> scale(const ResourceType &type, const QString &ns,
                                              const QString &name, int replicas,
                                              const QString &manager);
    /// Deletes an object, as a client with full rights would.
    std::variant<QJsonObject, ApiError> deleteObject(const ResourceType &type, const QString &ns,
                                                     const QString &name);
    /// Creates a core v1 Event (controllers report what they did with these).
    std::variant<QJsonObject, ApiError> recordEvent(const QJsonObject &event);

    /// Appends an `audit.k8s.io/v1` Event line (level Metadata, stage ResponseComplete) to
    /// @p path for every write from now on: the clients' requests, allowed or refused, and
    /// the writes of the simulated controllers and the seed, as a real cluster audits them.
    bool setAuditLog(const QString &path, QString *error);

    Store &store() { return m_store; }
    const TypeRegistry &registry() const { return m_registry; }
    void setFaults(const FaultSettings &faults) { m_faults = faults; }
    const FaultSettings &faults() const { return m_faults; }
    void setBookmarkInterval(int milliseconds) { m_watches.setBookmarkInterval(milliseconds); }
    /// Every stored object, for --state-dump.
    QJsonObject stateDump() const;

Q_SIGNALS:
    /// A write was stored (not for dry runs); controllers react to it.
    void objectWritten(const QString &storageKey);

private:
    struct Target;

    /// Answers a request the router matched, for the caller authentication established.
    using Route =
        std::function<void(testhttp::Connection *, const testhttp::Request &, const Identity &)>;

    void bootstrap();
    void addRoutes();
    static QJsonObject versionInfo();
    void handle(testhttp::Connection *connection, const testhttp::Request &request);
    void dispatch(testhttp::Connection *connection, const testhttp::Request &request);
    std::optional<Identity> authenticate(testhttp::Connection *connection,
                                         const testhttp::Request &request) const;
    bool authorized(const Identity &who, const QString &verb, const QString &group,
                    const QString &ns) const;

    void sendJson(testhttp::Connection *connection, int status, const QJsonObject &body,
                  const QByteArray &contentType = "application/json");
    void sendError(testhttp::Connection *connection, const ApiError &error);

    void serveResource(testhttp::Connection *connection, const testhttp::Request &request,
                       const Identity &who, const Target &target);
    void serveGet(testhttp::Connection *connection, const testhttp::Request &request,
                  const Target &target);
    void serveList(testhttp::Connection *connection, const testhttp::Request &request,
                   const Target &target);
    void serveWatch(testhttp::Connection *connection, const testhttp::Request &request,
                    const Target &target);
    void serveDeleteCollection(testhttp::Connection *connection, const testhttp::Request &request,
                               const Target &target, const WriteOptions &options);
    void serveApi(testhttp::Connection *connection, const testhttp::Request &request,
                  const Identity &who);
    void serveFaults(testhttp::Connection *connection, const testhttp::Request &request);
    void auditRequest(testhttp::Connection *connection, const testhttp::Request &request,
                      const Identity &who, const QString &verb, const Target &target,
                      const QString &name, const ApiError *error, bool allowed,
                      std::chrono::system_clock::time_point received, int code = 200);
    void auditInternal(const QString &verb, const ResourceType &type, const QString &ns,
                       const QString &name, const QString &subresource, const QString &manager,
                       const std::variant<QJsonObject, ApiError> &result,
                       std::chrono::system_clock::time_point received, const QString &query = {});

    // Writes. Each returns the object as stored (or as it would be, for a dry run).
    std::variant<QJsonObject, ApiError> create(const ResourceType &type, const QString &ns,
                                               QJsonObject object, const WriteOptions &options,
                                               const QString &operation = QStringLiteral("Update"));
    std::variant<QJsonObject, ApiError> update(const ResourceType &type, const QString &ns,
                                               const QString &name, QJsonObject object,
                                               const QString &subresource,
                                               const WriteOptions &options);
    std::variant<QJsonObject, ApiError> patch(const ResourceType &type, const QString &ns,
                                              const QString &name, const QByteArray &contentType,
                                              const QByteArray &body, const QString &subresource,
                                              const WriteOptions &options);
    std::variant<QJsonObject, ApiError> remove(const ResourceType &type, const QString &ns,
                                               const QString &name, const WriteOptions &options);
    std::variant<QJsonObject, ApiError> commit(const ResourceType &type, const StoredObject *before,
                                               QJsonObject after, const QString &operation,
                                               const QString &subresource,
                                               const WriteOptions &options);
    std::optional<ApiError> validate(const ResourceType &type, const QJsonObject &object,
                                     const QJsonObject *before) const;
    void allocate(const ResourceType &type, QJsonObject &object, const QJsonObject *before);

    std::unique_ptr<CertificateAuthority> m_ca;
    KeyPair m_adminCredentials;
    testhttp::Server m_http;
    testhttp::Router<Route> m_routes;
    testhttp::Router<Route> m_controls; ///< /emulator/..., for the admin, without faults
    Store m_store;
    WatchStreams m_watches; ///< after m_store, which it watches
    TypeRegistry m_registry;
    QHash<QString, Identity> m_tokens;
    FaultSettings m_faults;
    std::unique_ptr<AuditLogWriter> m_auditLog;
    quint32 m_nextClusterIp = 10;
    quint32 m_nextNodePort = 30000;
};

} // namespace kubeemu
