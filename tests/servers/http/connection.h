#pragma once

#include "request.h"
#include "response.h"

#include <QObject>
#include <QSslCertificate>

class QTcpSocket;

namespace testhttp {

/// Serves HTTP/1.1 on one accepted socket, plain or TLS (a QSslSocket whose handshake is
/// done): parses requests one at a time (the next is read only once the current response is
/// complete), writes responses with a Content-Length or streams them chunked (a watch).
/// Keep-alive unless the client says `Connection: close`. Owns the socket; deletes itself
/// (later) when the connection closes. Lives on the thread of its server.
class Connection : public QObject
{
    Q_OBJECT

public:
    /// @p headers go into every response (`Cache-Control: no-cache, private`).
    Connection(QTcpSocket *socket, const ParseLimits &limits, const Headers &headers = {},
               QObject *parent = nullptr);

    QTcpSocket *socket() const { return m_socket; }
    /// The client's certificate over TLS, if it sent one; null over plain HTTP.
    QSslCertificate peerCertificate() const;

    void respond(const Response &response);
    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const Headers &headers = {});
    /// A chunked response: beginStream(), any number of writeChunk(), endStream().
    void beginStream(int status, const QByteArray &contentType, const Headers &headers = {});
    void writeChunk(const QByteArray &data);
    void endStream();
    bool isStreaming() const { return m_streaming; }
    /// Drops the connection at once, as a network failure would.
    void abort();

Q_SIGNALS:
    void requestReceived(const testhttp::Request &request);
    void closed();

private:
    void readData();
    bool parseOne();
    QByteArray head(int status, const QByteArray &contentType, const Headers &headers) const;
    void finishResponse();

    QTcpSocket *m_socket;
    ParseLimits m_limits;
    Headers m_headers;
    QByteArray m_buffer;
    bool m_busy = false; ///< a request is being answered
    bool m_streaming = false;
    bool m_closeAfterResponse = false;
};

} // namespace testhttp
