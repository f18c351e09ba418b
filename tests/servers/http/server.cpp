#include "server.h"

#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

namespace testhttp {

Server::Server(QObject *parent)
    : QObject(parent)
{ }

Server::~Server() = default;

void Server::setTls(const QSslConfiguration &configuration, int handshakeTimeoutMs)
{
    m_tls = configuration;
    m_handshakeTimeoutMs = handshakeTimeoutMs;
}

bool Server::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (m_tls) {
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(*m_tls);
        server->setHandshakeTimeout(m_handshakeTimeoutMs);
        m_server = std::move(server);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    // A TLS connection is pending once its handshake is done.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &Server::accept);
    if (!m_server->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(m_server->errorString());
        return false;
    }
    return true;
}

quint16 Server::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void Server::accept()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            continue;
        auto *connection = new Connection(socket, m_limits, m_headers, this);
        connect(connection, &Connection::requestReceived, this,
                [this, connection](const Request &request) {
                    if (m_handler)
                        m_handler(connection, request);
                    else
                        connection->respond(Response::text(404, "nothing is served here\n"));
                });
    }
}

} // namespace testhttp
