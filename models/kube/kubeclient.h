#pragma once

#include "kube/apierror.h"
#include "kube/apiresource.h"
#include "kube/clusteraccess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace gitops::kube {

class Authenticator;
class KubeClient;
struct Credential;

/// One request to the API server. verb, resource and namespaceName only describe it for
/// error messages ("cannot list deployments.apps in namespace ...").
struct ApiRequest
{
    QByteArray method = "GET";
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QByteArray accept = "application/json";
    int timeoutMs = 30000; ///< for streams: the longest silence before giving up
    bool stream = false; ///< deliver the body in chunks as it arrives (watch)
    QString verb;
    QString resource;
    QString namespaceName;
};

/// The outcome of an ApiRequest. A plain value.
struct ApiResponse
{
    int status = 0;
    QByteArray body; ///< empty for streams (delivered by ApiCall::dataReceived)
    QByteArray contentType;
    ApiError error;
    int attempts = 0; ///< including retries after 429/503 and re-authentication after 401
};

/// One request in flight: retries 429/503 after Retry-After (or a jittered back-off), asks
/// the Authenticator again after a 401, and ends with exactly one finished(). Created and
/// owned by KubeClient, lives on its thread, deletes itself after finished() or cancel().
class ApiCall : public QObject
{
    Q_OBJECT

public:
    /// Stops the request; finished() is not emitted.
    void cancel();

Q_SIGNALS:
    /// For stream requests with a 2xx status: body bytes as they arrive.
    void dataReceived(const QByteArray &bytes);
    void finished(const gitops::kube::ApiResponse &response);

private:
    friend class KubeClient;
    ApiCall(KubeClient *client, const ApiRequest &request);
    void attempt();
    void send(const Credential &credential);
    void replyFinished();
    void retryLater(int delayMs);
    void finish(const ApiResponse &response);
    ApiError describe(ApiError error) const;

    KubeClient *m_client;
    ApiRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QStringList m_tlsErrors;
    bool m_streaming = false;
    bool m_reauthenticated = false;
    bool m_cancelled = false;
    int m_attempts = 0;
};

/// A client of one cluster as one user (a resolved kubeconfig context): owns one
/// QNetworkAccessManager and the Authenticator, verifies TLS against the kubeconfig's CA,
/// sends `gitops-console/VERSION` as user agent, and logs requests (category
/// gitops.kube) without bodies or credentials. Read-only towards the cluster: its only
/// write is a server-side dry-run apply. Lives on the thread that created it.
class KubeClient : public QObject
{
    Q_OBJECT

public:
    explicit KubeClient(const ClusterAccess &access, QObject *parent = nullptr);
    ~KubeClient() override;

    const ClusterAccess &access() const { return m_access; }
    QString server() const { return m_access.server.toString(QUrl::RemoveUserInfo); }
    Authenticator *authenticator() const { return m_authenticator; }

    /// Starts @p request on the next event-loop turn; connect to the call's signals first.
    ApiCall *send(const ApiRequest &request);

    /// Server-side apply of @p object with dryRun=All and force: nothing is stored, the
    /// answer is what the cluster would hold. @p namespaceName is used when the object
    /// names none.
    ApiCall *dryRunApply(const ApiResource &type, const QJsonObject &object,
                         const QString &namespaceName,
                         const QString &fieldManager = QStringLiteral("gitops-console"));

    /// Retries of 429/503 answers: at most @p maxAttempts in all, back-off from
    /// @p baseDelayMs (doubling, jittered) when the server gives no Retry-After.
    void setRetryPolicy(int maxAttempts, int baseDelayMs);
    int maxAttempts() const { return m_maxAttempts; }
    int baseDelayMs() const { return m_baseDelayMs; }

    static QByteArray userAgent();

private:
    friend class ApiCall;
    QNetworkAccessManager *m_network;
    Authenticator *m_authenticator;
    ClusterAccess m_access;
    int m_connectionsPerHost = 128;
    int m_maxAttempts = 5;
    int m_baseDelayMs = 250;
};

} // namespace gitops::kube
