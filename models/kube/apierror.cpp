#include "kube/apierror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gitops::kube {

namespace {

QString reasonForCode(int code)
{
    switch (code) {
    case 400:
        return QStringLiteral("BadRequest");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("NotFound");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 422:
        return QStringLiteral("Invalid");
    case 429:
        return QStringLiteral("TooManyRequests");
    case 500:
        return QStringLiteral("InternalError");
    case 503:
        return QStringLiteral("ServiceUnavailable");
    case 504:
        return QStringLiteral("Timeout");
    default:
        return QStringLiteral("HTTP %1").arg(code);
    }
}

} // namespace

ApiError ApiError::fromStatus(int code, const QByteArray &body)
{
    ApiError error;
    error.kind = Kind::Status;
    error.code = code;
    const QJsonObject status = QJsonDocument::fromJson(body).object();
    if (status.value(u"kind").toString() == u"Status") {
        error.reason = status.value(u"reason").toString();
        error.message = status.value(u"message").toString();
        if (status.value(u"code").toInt() > 0)
            error.code = status.value(u"code").toInt();
    } else {
        // Proxies and load balancers answer with HTML or plain text; keep a readable start.
        error.message = QString::fromUtf8(body.left(300)).simplified();
    }
    if (error.reason.isEmpty())
        error.reason = reasonForCode(error.code);
    return error;
}

QString ApiError::text() const
{
    QString what;
    if (!verb.isEmpty() && !resource.isEmpty()) {
        what = QStringLiteral("cannot %1 %2").arg(verb, resource);
        what += namespaceName.isEmpty() ? QStringLiteral(" (all namespaces or cluster scope)")
                                        : QStringLiteral(" in namespace \"%1\"").arg(namespaceName);
    } else if (!verb.isEmpty()) {
        what = QStringLiteral("%1 failed").arg(verb);
    }
    if (!server.isEmpty())
        what += (what.isEmpty() ? QString() : QStringLiteral(" "))
            + QStringLiteral("on %1").arg(server);
    QString head;
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Status:
        head = QStringLiteral("%1 (%2)").arg(reason).arg(code);
        break;
    case Kind::Tls:
        head = QStringLiteral("TLS error");
        break;
    case Kind::Network:
        head = QStringLiteral("Network error");
        break;
    case Kind::Timeout:
        head = QStringLiteral("Timed out");
        break;
    case Kind::Credentials:
        head = QStringLiteral("No credentials");
        break;
    case Kind::Parse:
        head = QStringLiteral("Unreadable answer");
        break;
    case Kind::Cancelled:
        head = QStringLiteral("Cancelled");
        break;
    }
    QString result = head;
    if (!what.isEmpty())
        result += QStringLiteral(": ") + what;
    if (!message.isEmpty())
        result += QStringLiteral(": ") + message;
    if (code == 401)
        result += QStringLiteral(" (the server did not accept the kubeconfig's credentials)");
    return result;
}

} // namespace gitops::kube
