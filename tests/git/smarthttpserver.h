#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>

class QTcpSocket;

namespace gitops::test {

/// Serves the bare repositories under a folder over git's smart HTTP protocol on
/// 127.0.0.1, running the real `git http-backend` as a CGI program for every request, behind
/// HTTP basic authentication of one user. Runs on a thread of its own, one request at a
/// time, and stops in its destructor (nothing outlives the test). For tests only.
class SmartHttpServer : public QThread
{
public:
    SmartHttpServer(const QString &projectRoot, const QString &user, const QString &password);
    ~SmartHttpServer() override;

    /// Starts listening on a free port; false (with a test failure) when it cannot.
    bool listen();
    quint16 port() const { return m_port.load(); }
    /// "http://127.0.0.1:<port>/<repository>"
    QString url(const QString &repository) const;
    /// "<method> <path> <status>" per request so far.
    QStringList requests() const;
    /// Connections accepted so far (counted before the request is read).
    int connections() const { return m_connections.load(); }
    /// Waits this long before answering each request: a slow or stuck server.
    void setResponseDelay(int milliseconds) { m_delayMs.store(milliseconds); }
    /// Answers authenticated pushes with 403, as a forge does for a read-only token.
    void setPushForbidden(bool forbidden) { m_pushForbidden.store(forbidden); }

protected:
    void run() override;

private:
    void serve(QTcpSocket &socket);

    const QString m_projectRoot;
    const QByteArray m_credentials; // "user:password", base64-encoded
    std::atomic<quint16> m_port = 0;
    std::atomic<int> m_connections = 0;
    std::atomic<int> m_delayMs = 0;
    std::atomic<bool> m_pushForbidden = false;
    mutable QMutex m_mutex;
    QStringList m_requests;
};

} // namespace gitops::test
