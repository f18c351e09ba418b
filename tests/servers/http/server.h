#pragma once

#include "connection.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <memory>
#include <optional>

class QTcpServer;

namespace testhttp {

/// Listens for HTTP/1.1 over plain TCP or TLS and hands each request, with the connection
/// that answers it, to one handler. The handler may answer at once or later (a delayed or
/// streamed answer); the Connection is deleted when the client goes, so keep a QPointer
/// across the event loop. Lives on the thread that created it.
class Server : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(Connection *connection, const Request &request)>;

    explicit Server(QObject *parent = nullptr);
    ~Server() override;

    /// Serves TLS with @p configuration (certificate, key, peer verification) from listen() on.
    void setTls(const QSslConfiguration &configuration, int handshakeTimeoutMs = 10000);
    void setLimits(const ParseLimits &limits) { m_limits = limits; }
    /// Headers every response carries.
    void setDefaultHeaders(const Headers &headers) { m_headers = headers; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    /// Listens on @p address:@p port (0: any free port); false with @p error naming both.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    bool isTls() const { return m_tls.has_value(); }

private:
    void accept();

    std::unique_ptr<QTcpServer> m_server;
    std::optional<QSslConfiguration> m_tls;
    int m_handshakeTimeoutMs = 10000;
    ParseLimits m_limits;
    Headers m_headers;
    Handler m_handler;
};

} // namespace testhttp
