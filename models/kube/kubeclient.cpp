#include "kube/kubeclient.h"

#include "kube/authenticator.h"
#include "logging.h"
#include "version.h"

#include <QHttp1Configuration>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QTimer>

namespace gitops::kube {

namespace {

constexpr int maximumRetryDelayMs = 30000;

// Full jitter around the nominal delay keeps many clients from retrying in step.
int jittered(int delayMs)
{
    const double factor = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return int(delayMs * factor);
}

} // namespace

// --- ApiCall ------------------------------------------------------------------------------

ApiCall::ApiCall(KubeClient *client, const ApiRequest &request)
    : QObject(client)
    , m_client(client)
    , m_request(request)
{ }

void ApiCall::cancel()
{
    m_cancelled = true;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    deleteLater();
}

void ApiCall::attempt()
{
    if (m_cancelled)
        return;
    ++m_attempts;
    m_client->m_authenticator->obtain(this,
                                      [this](const Credential &credential, const QString &error) {
                                          if (m_cancelled)
                                              return;
                                          if (!error.isEmpty()) {
                                              ApiError failure;
                                              failure.kind = ApiError::Kind::Credentials;
                                              failure.message = error;
                                              ApiResponse response;
                                              response.error = describe(failure);
                                              finish(response);
                                              return;
                                          }
                                          send(credential);
                                      });
}

void ApiCall::send(const Credential &credential)
{
    const ClusterAccess &access = m_client->m_access;
    QUrl url = access.server;
    url.setPath(access.server.path().chopped(access.server.path().endsWith(u'/') ? 1 : 0)
                + m_request.path);
    url.setQuery(m_request.query);

    QNetworkRequest request(url);
    request.setRawHeader("Accept", m_request.accept);
    request.setRawHeader("User-Agent", KubeClient::userAgent());
    if (!m_request.contentType.isEmpty())
        request.setRawHeader("Content-Type", m_request.contentType);
    if (!credential.authorization.isEmpty())
        request.setRawHeader("Authorization", credential.authorization);
    request.setTransferTimeout(m_request.timeoutMs);
    // Every watch holds a connection open. HTTP/2 (negotiated by ALPN with real API
    // servers) multiplexes them; over HTTP/1.1 Qt's default of six connections per host
    // would leave lists queued behind watches.
    QHttp1Configuration http1;
    http1.setNumberOfConnectionsPerHost(m_client->m_connectionsPerHost);
    request.setHttp1Configuration(http1);
    if (url.scheme() == u"https") {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!access.caCertificates.isEmpty())
            tls.setCaCertificates(access.caCertificates);
        if (access.insecureSkipTlsVerify)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        const QSslCertificate &certificate =
            credential.certificate.isNull() ? access.clientCertificate : credential.certificate;
        const QSslKey &key = credential.certificate.isNull() ? access.clientKey : credential.key;
        if (!certificate.isNull()) {
            tls.setLocalCertificate(certificate);
            tls.setPrivateKey(key);
        }
        request.setSslConfiguration(tls);
        if (!access.tlsServerName.isEmpty())
            request.setPeerVerifyName(access.tlsServerName);
    }

    // Never the Authorization header nor the body: they may carry secrets.
    qCDebug(lcKube).noquote() << m_request.method << url.toString(QUrl::RemoveUserInfo)
                              << QStringLiteral("(attempt %1)").arg(m_attempts);

    m_tlsErrors.clear();
    m_streaming = false;
    m_reply = m_client->m_network->sendCustomRequest(request, m_request.method, m_request.body);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_tlsErrors << error.errorString();
    });
    if (m_request.stream) {
        connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status < 200 || status >= 300)
                return; // an error body, read whole when finished
            m_streaming = true;
            Q_EMIT dataReceived(reply->readAll());
        });
    }
    connect(reply, &QNetworkReply::finished, this, &ApiCall::replyFinished);
}

ApiError ApiCall::describe(ApiError error) const
{
    error.verb = m_request.verb;
    error.resource = m_request.resource;
    error.namespaceName = m_request.namespaceName;
    error.server = m_client->server();
    return error;
}

void ApiCall::replyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    if (m_cancelled)
        return;

    ApiResponse response;
    response.attempts = m_attempts;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError networkError = reply->error();
    qCDebug(lcKube).noquote() << m_request.method << reply->url().path() << "->" << response.status
                              << networkError;

    if (m_streaming && m_request.stream) {
        if (!body.isEmpty())
            Q_EMIT dataReceived(body);
        if (networkError != QNetworkReply::NoError
            && networkError != QNetworkReply::RemoteHostClosedError) {
            ApiError error;
            error.kind = ApiError::Kind::Network;
            error.message = reply->errorString();
            response.error = describe(error);
        }
        finish(response);
        return;
    }

    if (response.status == 0) {
        ApiError error;
        error.message = reply->errorString();
        if (networkError == QNetworkReply::SslHandshakeFailedError || !m_tlsErrors.isEmpty()) {
            error.kind = ApiError::Kind::Tls;
            error.message =
                QStringLiteral("certificate verification failed for %1: %2 (check the "
                               "cluster's certificate-authority in the kubeconfig)")
                    .arg(m_client->server(),
                         m_tlsErrors.isEmpty() ? reply->errorString()
                                               : m_tlsErrors.join(QStringLiteral("; ")));
        } else if (networkError == QNetworkReply::TimeoutError
                   || networkError == QNetworkReply::OperationCanceledError) {
            error.kind = ApiError::Kind::Timeout;
            error.message =
                QStringLiteral("no answer within %1 s").arg(m_request.timeoutMs / 1000.0);
        } else {
            error.kind = ApiError::Kind::Network;
        }
        response.error = describe(error);
        finish(response);
        return;
    }

    if (response.status >= 200 && response.status < 300) {
        response.body = body;
        finish(response);
        return;
    }

    if (response.status == 401 && !m_reauthenticated && m_client->m_authenticator->invalidate()) {
        // An exec credential may have been revoked early, a token file rotated: ask again once.
        m_reauthenticated = true;
        --m_attempts; // re-authentication is not a retry of an overloaded server
        retryLater(0);
        return;
    }

    if ((response.status == 429 || response.status == 503)
        && m_attempts < m_client->m_maxAttempts) {
        bool ok = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        int delayMs = ok && retryAfter >= 0
            ? retryAfter * 1000 + int(QRandomGenerator::global()->bounded(250))
            : jittered(m_client->m_baseDelayMs << qMin(m_attempts - 1, 10));
        delayMs = qMin(delayMs, maximumRetryDelayMs);
        qCDebug(lcKube) << "server busy (" << response.status << "), retrying in" << delayMs
                        << "ms";
        retryLater(delayMs);
        return;
    }

    response.error = describe(ApiError::fromStatus(response.status, body));
    response.body = body;
    finish(response);
}

void ApiCall::retryLater(int delayMs)
{
    QTimer::singleShot(delayMs, this, &ApiCall::attempt);
}

void ApiCall::finish(const ApiResponse &response)
{
    if (m_cancelled)
        return;
    m_cancelled = true; // exactly one finished()
    Q_EMIT finished(response);
    deleteLater();
}

// --- KubeClient ---------------------------------------------------------------------------

KubeClient::KubeClient(const ClusterAccess &access, QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_authenticator(new Authenticator(access, this))
    , m_access(access)
{
    if (access.proxy)
        m_network->setProxy(*access.proxy);
    else
        m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setAutoDeleteReplies(false);
    for (const QString &warning : access.warnings)
        qCWarning(lcKube).noquote() << warning;
}

KubeClient::~KubeClient() = default;

QByteArray KubeClient::userAgent()
{
    return "gitops-console/" + applicationVersion().toUtf8();
}

ApiCall *KubeClient::send(const ApiRequest &request)
{
    auto *call = new ApiCall(this, request);
    QTimer::singleShot(0, call, &ApiCall::attempt);
    return call;
}

ApiCall *KubeClient::dryRunApply(const ApiResource &type, const QJsonObject &object,
                                 const QString &namespaceName, const QString &fieldManager)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    QString ns = metadata.value(u"namespace").toString();
    if (ns.isEmpty() && type.namespaced)
        ns = namespaceName;
    QJsonObject body = object;
    if (type.namespaced && metadata.value(u"namespace").toString().isEmpty()) {
        QJsonObject withNamespace = metadata;
        withNamespace.insert(QStringLiteral("namespace"), ns);
        body.insert(QStringLiteral("metadata"), withNamespace);
    }
    ApiRequest request;
    request.method = "PATCH";
    request.path = type.objectPath(ns, metadata.value(u"name").toString());
    request.query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    request.query.addQueryItem(QStringLiteral("fieldManager"), fieldManager);
    request.query.addQueryItem(QStringLiteral("force"), QStringLiteral("true"));
    // JSON is YAML: the apply content type takes it as is.
    request.contentType = "application/apply-patch+yaml";
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    request.verb = QStringLiteral("patch (dry-run apply)");
    request.resource = type.displayName();
    request.namespaceName = type.namespaced ? ns : QString();
    return send(request);
}

void KubeClient::setRetryPolicy(int maxAttempts, int baseDelayMs)
{
    m_maxAttempts = qMax(1, maxAttempts);
    m_baseDelayMs = qMax(1, baseDelayMs);
}

} // namespace gitops::kube
