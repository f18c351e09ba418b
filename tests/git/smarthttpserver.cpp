#include "smarthttpserver.h"

#include <QElapsedTimer>
#include <QMutexLocker>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

namespace gitops::test {

namespace {

constexpr int ioTimeoutMs = 10000;

/// Reads until @p buffer holds @p size bytes; false on timeout or a closed connection.
bool readAtLeast(QTcpSocket &socket, QByteArray &buffer, qsizetype size)
{
    while (buffer.size() < size) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(ioTimeoutMs))
            return false;
        buffer += socket.readAll();
    }
    return true;
}

bool readUntil(QTcpSocket &socket, QByteArray &buffer, const QByteArray &marker, qsizetype from = 0)
{
    while (buffer.indexOf(marker, from) < 0) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(ioTimeoutMs))
            return false;
        buffer += socket.readAll();
    }
    return true;
}

void respond(QTcpSocket &socket, const QByteArray &status, const QByteArray &headers,
             const QByteArray &body)
{
    socket.write("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: "
                 + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    while (socket.bytesToWrite() > 0 && socket.waitForBytesWritten(ioTimeoutMs)) { }
    socket.disconnectFromHost();
    if (socket.state() != QAbstractSocket::UnconnectedState)
        socket.waitForDisconnected(1000);
}

} // namespace

SmartHttpServer::SmartHttpServer(const QString &projectRoot, const QString &user,
                                 const QString &password)
    : m_projectRoot(projectRoot)
    , m_credentials((user + QLatin1Char(':') + password).toUtf8().toBase64())
{ }

SmartHttpServer::~SmartHttpServer()
{
    requestInterruption();
    wait();
}

bool SmartHttpServer::listen()
{
    // The port is chosen on the server's thread; wait for it here.
    start();
    QElapsedTimer timer;
    timer.start();
    while (m_port == 0 && timer.elapsed() < 10000 && isRunning())
        QThread::msleep(5);
    if (m_port == 0) {
        QTest::qFail("the smart HTTP server did not start", __FILE__, __LINE__);
        return false;
    }
    return true;
}

QString SmartHttpServer::url(const QString &repository) const
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(port()).arg(repository);
}

QStringList SmartHttpServer::requests() const
{
    QMutexLocker locker(&m_mutex);
    return m_requests;
}

void SmartHttpServer::run()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return;
    m_port = server.serverPort();
    while (!isInterruptionRequested()) {
        if (!server.waitForNewConnection(50))
            continue;
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            ++m_connections;
            QElapsedTimer delay;
            delay.start();
            while (delay.elapsed() < m_delayMs.load() && !isInterruptionRequested())
                QThread::msleep(10);
            serve(*socket);
            delete socket;
        }
    }
}

void SmartHttpServer::serve(QTcpSocket &socket)
{
    QByteArray buffer;
    if (!readUntil(socket, buffer, "\r\n\r\n"))
        return;
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    QByteArray body = buffer.mid(headerEnd + 4);
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QByteArray method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    QMap<QByteArray, QByteArray> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                           lines.at(i).mid(colon + 1).trimmed());
    }

    // The request body: by length, or chunked (libgit2 streams a push that way).
    if (headers.value("transfer-encoding").toLower() == "chunked") {
        QByteArray decoded;
        qsizetype at = 0;
        for (;;) {
            if (!readUntil(socket, body, "\r\n", at))
                return;
            const qsizetype lineEnd = body.indexOf("\r\n", at);
            bool ok = false;
            const qsizetype size =
                body.mid(at, lineEnd - at).split(';').value(0).toLongLong(&ok, 16);
            if (!ok)
                return;
            if (!readAtLeast(socket, body, lineEnd + 2 + size + 2))
                return;
            decoded += body.mid(lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
            if (size == 0)
                break;
        }
        body = decoded;
    } else {
        const qsizetype length = headers.value("content-length").toLongLong();
        if (!readAtLeast(socket, body, length))
            return;
        body.truncate(length);
    }

    const QByteArray expected = "Basic " + m_credentials;
    if (headers.value("authorization") != expected) {
        {
            QMutexLocker locker(&m_mutex);
            m_requests << QString::fromUtf8(method + ' ' + target + " 401");
        }
        // No body: with one (and Connection: close) libgit2 1.9 failed the retried request
        // with "http parser error: invalid constant string". Seen here; cause not pinned down.
        respond(socket, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"git\"\r\n",
                QByteArray());
        return;
    }

    if (m_pushForbidden.load() && target.contains("git-receive-pack")) {
        {
            QMutexLocker locker(&m_mutex);
            m_requests << QString::fromUtf8(method + ' ' + target + " 403");
        }
        respond(socket, "403 Forbidden", {}, QByteArray());
        return;
    }

    const QUrl url(QString::fromUtf8("http://127.0.0.1" + target));
    QProcess backend;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GIT_PROJECT_ROOT"), m_projectRoot);
    environment.insert(QStringLiteral("GIT_HTTP_EXPORT_ALL"), QStringLiteral("1"));
    environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    environment.insert(QStringLiteral("REQUEST_METHOD"), QString::fromUtf8(method));
    environment.insert(QStringLiteral("PATH_INFO"), url.path());
    environment.insert(QStringLiteral("QUERY_STRING"), url.query(QUrl::FullyEncoded));
    environment.insert(QStringLiteral("CONTENT_TYPE"),
                       QString::fromUtf8(headers.value("content-type")));
    environment.insert(QStringLiteral("CONTENT_LENGTH"), QString::number(body.size()));
    environment.insert(
        QStringLiteral("REMOTE_USER"),
        QString::fromUtf8(QByteArray::fromBase64(m_credentials).split(':').value(0)));
    environment.insert(QStringLiteral("REMOTE_ADDR"), QStringLiteral("127.0.0.1"));
    environment.insert(QStringLiteral("GATEWAY_INTERFACE"), QStringLiteral("CGI/1.1"));
    environment.insert(QStringLiteral("SERVER_PROTOCOL"), QStringLiteral("HTTP/1.1"));
    if (headers.contains("git-protocol"))
        environment.insert(QStringLiteral("HTTP_GIT_PROTOCOL"),
                           QString::fromUtf8(headers.value("git-protocol")));
    if (headers.contains("content-encoding"))
        environment.insert(QStringLiteral("HTTP_CONTENT_ENCODING"),
                           QString::fromUtf8(headers.value("content-encoding")));
    backend.setProcessEnvironment(environment);
    backend.start(QStringLiteral("git"), {QStringLiteral("http-backend")});
    backend.write(body);
    backend.closeWriteChannel();
    if (!backend.waitForFinished(30000)) {
        backend.kill();
        backend.waitForFinished(1000);
        respond(socket, "500 Internal Server Error", {}, "http-backend timed out\n");
        return;
    }
    const QByteArray output = backend.readAllStandardOutput();
    qsizetype split = output.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    if (split < 0) {
        split = output.indexOf("\n\n");
        skip = 2;
    }
    QByteArray status = "200 OK";
    QByteArray responseHeaders;
    for (const QByteArray &line : output.left(split).split('\n')) {
        const QByteArray header = line.trimmed();
        if (header.isEmpty())
            continue;
        if (header.toLower().startsWith("status:"))
            status = header.mid(7).trimmed();
        else
            responseHeaders += header + "\r\n";
    }
    {
        QMutexLocker locker(&m_mutex);
        m_requests << QString::fromUtf8(method + ' ' + target + ' ' + status.left(3));
    }
    respond(socket, status, responseHeaders, split < 0 ? QByteArray() : output.mid(split + skip));
}

} // namespace gitops::test
