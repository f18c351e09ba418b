#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QSslSocket;

namespace kubeemu {

/// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method;
    QString path; ///< percent-decoded path, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;

    QByteArray header(const char *lowerCaseName) const
    {
        return headers.value(QByteArray(lowerCaseName));
    }
};

/// Serves HTTP/1.1 on one accepted TLS socket: parses requests one at a time (the next is
/// read only once the current response is complete), writes responses with a
/// Content-Length, or streams them chunked (watches). Keep-alive unless the client says
/// `Connection: close`. Owns the socket; deletes itself when the connection closes.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    explicit HttpConnection(QSslSocket *socket, QObject *parent = nullptr);

    QSslSocket *socket() const { return m_socket; }

    void respond(int status, const QByteArray &contentType, const QByteArray &body,
                 const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    void beginStream(int status, const QByteArray &contentType);
    void writeChunk(const QByteArray &data);
    void endStream();
    bool isStreaming() const { return m_streaming; }
    /// Drops the connection at once, as a network failure would (fault injection).
    void abort();

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void requestReceived(const kubeemu::HttpRequest &request);
    void closed();

private:
    void readData();
    bool parseOne();
    void finishResponse();
    void fail(int status, const QByteArray &message);

    QSslSocket *m_socket;
    QByteArray m_buffer;
    bool m_busy = false; ///< a request is being answered
    bool m_streaming = false;
    bool m_closeAfterResponse = false;
};

} // namespace kubeemu
