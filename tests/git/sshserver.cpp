#include "sshserver.h"

#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace gitops::test {

SshServer::SshServer(const QString &folder)
    : m_folder(folder)
{ }

SshServer::~SshServer()
{
    if (m_sshd && m_sshd->state() != QProcess::NotRunning) {
        m_sshd->terminate();
        if (!m_sshd->waitForFinished(3000)) {
            m_sshd->kill();
            m_sshd->waitForFinished(1000);
        }
    }
}

QString SshServer::run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(20000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_error = QStringLiteral("%1 %2: %3 %4")
                      .arg(program, arguments.join(QLatin1Char(' ')), process.errorString(),
                           QString::fromLocal8Bit(process.readAllStandardError()));
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

QString SshServer::hostPublicKeyFile() const
{
    return QDir(m_folder).filePath(QStringLiteral("host_ed25519.pub"));
}

bool SshServer::start(const QString &publicKeyFile)
{
    // sshd re-executes itself and so must be started by its absolute path.
    const QString sshd = QStandardPaths::findExecutable(
        QStringLiteral("sshd"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin")});
    if (sshd.isEmpty()) {
        m_error = QStringLiteral("no sshd (install openssh-server)");
        return false;
    }
    m_user = run(QStringLiteral("id"), {QStringLiteral("-un")});
    if (m_user.isEmpty())
        return false;
    const QDir folder(m_folder);
    const QString hostKey = folder.filePath(QStringLiteral("host_ed25519"));
    m_error.clear();
    run(QStringLiteral("ssh-keygen"),
        {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
         QStringLiteral("-N"), QString(), QStringLiteral("-f"), hostKey});
    if (!m_error.isEmpty())
        return false;
    const QString authorized = folder.filePath(QStringLiteral("authorized_keys"));
    if (!QFile::copy(publicKeyFile, authorized)) {
        m_error = QStringLiteral("cannot copy %1").arg(publicKeyFile);
        return false;
    }

    // A free port: ask the system for one, then hand it to sshd.
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = probe.errorString();
            return false;
        }
        m_port = probe.serverPort();
    }
    const QString config = folder.filePath(QStringLiteral("sshd_config"));
    QFile out(config);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)) {
        m_error = out.errorString();
        return false;
    }
    out.write(QStringLiteral("Port %1\n"
                             "ListenAddress 127.0.0.1\n"
                             "HostKey %2\n"
                             "PidFile %3\n"
                             "AuthorizedKeysFile %4\n"
                             "AllowUsers %5\n"
                             "StrictModes no\n"
                             "PasswordAuthentication no\n"
                             "KbdInteractiveAuthentication no\n"
                             "PubkeyAuthentication yes\n"
                             "PermitRootLogin prohibit-password\n"
                             "UsePAM no\n"
                             "LogLevel ERROR\n")
                  .arg(m_port)
                  .arg(hostKey, folder.filePath(QStringLiteral("sshd.pid")), authorized, m_user)
                  .toUtf8());
    out.close();

    m_sshd = std::make_unique<QProcess>();
    dieWithTheTest(*m_sshd);
    m_sshd->setProcessChannelMode(QProcess::MergedChannels);
    m_sshd->start(sshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), config});
    if (!m_sshd->waitForStarted(5000)) {
        m_error = QStringLiteral("sshd: %1").arg(m_sshd->errorString());
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000 && m_sshd->state() == QProcess::Running) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        QThread::msleep(20);
    }
    m_sshd->waitForFinished(100);
    m_error =
        QStringLiteral("sshd did not start: %1").arg(QString::fromLocal8Bit(m_sshd->readAll()));
    return false;
}

QString SshServer::url(const QString &path) const
{
    return QStringLiteral("ssh://%1@127.0.0.1:%2%3").arg(m_user).arg(m_port).arg(path);
}

QString SshServer::knownHostsLine() const
{
    QFile in(hostPublicKeyFile());
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> fields = in.readAll().trimmed().split(' ');
    return QStringLiteral("[127.0.0.1]:%1 %2 %3")
        .arg(m_port)
        .arg(QString::fromLatin1(fields.value(0)), QString::fromLatin1(fields.value(1)));
}

} // namespace gitops::test
