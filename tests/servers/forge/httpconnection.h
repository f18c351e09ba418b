#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QUrlQuery>

#include <utility>

class QTcpSocket;

namespace localforge {

/// One parsed HTTP/1.1 request.
struct HttpRequest
{
    QByteArray method;
    QByteArray rawPath; ///< as sent, still percent-encoded (GitLab's `group%2Fproject`)
    QString path; ///< percent-decoded, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;

    QByteArray header(const char *lowerCaseName) const
    {
        return headers.value(QByteArray(lowerCaseName));
    }
};

/// One answer. `drop` asks the connection to close without writing it (fault injection).
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    bool drop = false;
};

/// Serves HTTP/1.1 on one accepted plain TCP socket (the local forge listens on 127.0.0.1
/// only): parses requests one at a time and writes each answer with a Content-Length.
/// Keep-alive unless the client says `Connection: close`. Owns the socket; deletes itself
/// when the connection closes.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    explicit HttpConnection(QTcpSocket *socket, QObject *parent = nullptr);

    void respond(const HttpResponse &response);
    /// Drops the connection at once, as a network failure would.
    void abort();

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void requestReceived(const localforge::HttpRequest &request);

private:
    void readData();
    bool parseOne();
    void fail(int status, const QByteArray &message);

    QTcpSocket *m_socket;
    QByteArray m_buffer;
    bool m_busy = false; ///< a request is being answered
    bool m_closeAfterResponse = false;
};

} // namespace localforge
