#pragma once

#include <QByteArray>
#include <QString>

namespace gitops::kube {

/// Why a request to the API server failed, in terms a person can act on: the server's
/// Status (code, reason, message) or the transport failure, with what was being done
/// (verb, resource, namespace) and where (server). A plain value.
struct ApiError
{
    enum class Kind { None, Status, Tls, Network, Timeout, Credentials, Parse, Cancelled };

    Kind kind = Kind::None;
    int code = 0; ///< HTTP status (0: no response)
    QString reason; ///< Status.reason: NotFound, Forbidden, Gone, TooManyRequests...
    QString message; ///< the server's Status.message, or the transport error
    QString verb; ///< get, list, watch, patch...
    QString resource; ///< "deployments.apps", "configmaps"
    QString namespaceName;
    QString server;

    bool isError() const { return kind != Kind::None; }
    bool isGone() const { return code == 410; }
    /// One sentence for the error banner, e.g. `Forbidden (403): cannot list
    /// deployments.apps in namespace "team-b" on https://...: <server message>`.
    QString text() const;

    /// Reads a Status object (or any body) returned with HTTP @p code.
    static ApiError fromStatus(int code, const QByteArray &body);
};

} // namespace gitops::kube
