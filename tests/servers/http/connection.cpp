#include "connection.h"

#include <QSslSocket>
#include <QTimer>

namespace testhttp {

Connection::Connection(QTcpSocket *socket, const ParseLimits &limits, const Headers &headers,
                       QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_headers(headers)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::readData);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        Q_EMIT closed();
        deleteLater();
    });
    // A request may already be buffered when the connection is handed over (after the
    // TLS handshake).
    QTimer::singleShot(0, this, &Connection::readData);
}

QSslCertificate Connection::peerCertificate() const
{
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket);
    return tls ? tls->peerCertificate() : QSslCertificate();
}

void Connection::readData()
{
    m_buffer += m_socket->readAll();
    while (!m_busy && parseOne()) { }
}

// Emits the next complete request of the buffer; false when more bytes are needed (or the
// request was refused and the connection is closing).
bool Connection::parseOne()
{
    ParseResult parsed = parseRequest(m_buffer, m_limits);
    switch (parsed.outcome) {
    case ParseResult::Outcome::NeedMore:
        return false;
    case ParseResult::Outcome::Refused:
        m_closeAfterResponse = true;
        m_buffer.clear();
        respond(Response::text(parsed.status, parsed.message + '\n'));
        return false;
    case ParseResult::Outcome::Complete:
        break;
    }
    m_buffer.remove(0, parsed.consumed);
    m_closeAfterResponse = parsed.request.closeAfterResponse;
    m_busy = true;
    Q_EMIT requestReceived(parsed.request);
    return true;
}

QByteArray Connection::head(int status, const QByteArray &contentType, const Headers &headers) const
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: " + contentType + "\r\n";
    for (const auto &[name, value] : m_headers)
        head += name + ": " + value + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    return head;
}

void Connection::respond(const Response &response)
{
    if (response.drop) {
        abort();
        return;
    }
    if (!m_socket || m_streaming)
        return;
    QByteArray bytes = head(response.status, response.contentType, response.headers)
        + "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (m_closeAfterResponse)
        bytes += "Connection: close\r\n";
    bytes += "\r\n";
    m_socket->write(bytes);
    m_socket->write(response.body);
    finishResponse();
}

void Connection::respond(int status, const QByteArray &contentType, const QByteArray &body,
                         const Headers &headers)
{
    respond(Response{status, contentType, body, headers, false});
}

void Connection::beginStream(int status, const QByteArray &contentType, const Headers &headers)
{
    m_streaming = true;
    m_socket->write(head(status, contentType, headers) + "Transfer-Encoding: chunked\r\n\r\n");
}

void Connection::writeChunk(const QByteArray &data)
{
    if (!m_streaming || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void Connection::endStream()
{
    if (!m_streaming)
        return;
    m_socket->write("0\r\n\r\n");
    m_streaming = false;
    finishResponse();
}

void Connection::abort()
{
    m_streaming = false;
    m_buffer.clear();
    m_socket->abort();
}

void Connection::finishResponse()
{
    m_busy = false;
    if (m_closeAfterResponse) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_buffer.isEmpty())
        QTimer::singleShot(0, this, &Connection::readData);
}

} // namespace testhttp
