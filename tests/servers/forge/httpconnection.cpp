#include "httpconnection.h"

#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace localforge {

namespace {

constexpr qsizetype maxHeaderBytes = 64 * 1024;
constexpr qsizetype maxBodyBytes = 16 * 1024 * 1024;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readData);
    connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    QTimer::singleShot(0, this, &HttpConnection::readData);
}

QByteArray HttpConnection::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

void HttpConnection::readData()
{
    m_buffer += m_socket->readAll();
    while (!m_busy && parseOne()) { }
}

// Parses one complete request from the buffer and emits it; false when more bytes are
// needed (or the request was refused).
bool HttpConnection::parseOne()
{
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_buffer.size() > maxHeaderBytes)
            fail(431, "request header too large");
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        fail(400, "malformed request line");
        return false;
    }
    HttpRequest request;
    request.method = requestLine.at(0);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const QByteArray target = requestLine.at(1);
    const qsizetype question = target.indexOf('?');
    request.rawPath = question < 0 ? target : target.left(question);
    request.path = QUrl::fromPercentEncoding(request.rawPath);
    if (question >= 0) {
        QByteArray query = target.mid(question + 1);
        query.replace('+', "%20");
        request.query.setQuery(QString::fromUtf8(query));
    }

    qsizetype consumed = 0;
    if (request.header("transfer-encoding").toLower() == "chunked") {
        // git sends pushes larger than http.postBuffer chunked.
        qsizetype at = headerEnd + 4;
        while (true) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n", at);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qsizetype size =
                m_buffer.mid(at, lineEnd - at).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || request.body.size() + size > maxBodyBytes) {
                fail(413, "bad or too large chunked body");
                return false;
            }
            if (m_buffer.size() < lineEnd + 2 + size + 2)
                return false;
            if (size == 0) {
                consumed = lineEnd + 4; // the last chunk, no trailers
                break;
            }
            request.body += m_buffer.mid(lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    } else {
        qsizetype bodyLength = 0;
        if (request.headers.contains("content-length")) {
            bool ok = false;
            bodyLength = request.header("content-length").toLongLong(&ok);
            if (!ok || bodyLength < 0 || bodyLength > maxBodyBytes) {
                fail(413, "request body too large");
                return false;
            }
        }
        consumed = headerEnd + 4 + bodyLength;
        if (m_buffer.size() < consumed)
            return false;
        request.body = m_buffer.mid(headerEnd + 4, bodyLength);
    }
    m_buffer.remove(0, consumed);

    m_closeAfterResponse =
        request.header("connection").toLower() == "close" || requestLine.at(2) == "HTTP/1.0";
    m_busy = true;
    Q_EMIT requestReceived(request);
    return true;
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (response.drop) {
        abort();
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reasonPhrase(response.status) + "\r\nContent-Type: " + response.contentType
        + "\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    if (m_closeAfterResponse)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
    m_socket->write(response.body);
    m_busy = false;
    if (m_closeAfterResponse) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_buffer.isEmpty())
        QTimer::singleShot(0, this, &HttpConnection::readData);
}

void HttpConnection::abort()
{
    m_buffer.clear();
    m_socket->abort();
    deleteLater();
}

void HttpConnection::fail(int status, const QByteArray &message)
{
    m_closeAfterResponse = true;
    m_buffer.clear();
    HttpResponse response;
    response.status = status;
    response.contentType = "text/plain";
    response.body = message + '\n';
    respond(response);
}

} // namespace localforge
