#include "sshagent.h"

#include "childprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

namespace gitops::test {

SshAgent::SshAgent(const QString &folder)
    : m_socket(QDir(folder).filePath(QStringLiteral("agent.sock")))
{ }

SshAgent::~SshAgent()
{
    if (m_agent && m_agent->state() != QProcess::NotRunning) {
        m_agent->terminate();
        if (!m_agent->waitForFinished(3000)) {
            m_agent->kill();
            m_agent->waitForFinished(1000);
        }
    }
}

bool SshAgent::start()
{
    m_agent = std::make_unique<QProcess>();
    dieWithTheTest(*m_agent);
    m_agent->setProcessChannelMode(QProcess::MergedChannels);
    m_agent->start(QStringLiteral("ssh-agent"),
                   {QStringLiteral("-D"), QStringLiteral("-a"), m_socket});
    if (!m_agent->waitForStarted(5000)) {
        m_error = QStringLiteral("ssh-agent: %1").arg(m_agent->errorString());
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    while (!QFileInfo::exists(m_socket) && timer.elapsed() < 5000
           && m_agent->state() == QProcess::Running)
        QThread::msleep(10);
    if (!QFileInfo::exists(m_socket)) {
        m_error = QStringLiteral("ssh-agent made no socket: %1")
                      .arg(QString::fromLocal8Bit(m_agent->readAll()));
        return false;
    }
    return true;
}

bool SshAgent::add(const QString &privateKeyFile)
{
    QProcess add;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("SSH_AUTH_SOCK"), m_socket);
    add.setProcessEnvironment(environment);
    add.setProcessChannelMode(QProcess::MergedChannels);
    add.start(QStringLiteral("ssh-add"), {QStringLiteral("-q"), privateKeyFile});
    if (!add.waitForFinished(10000) || add.exitCode() != 0) {
        m_error = QStringLiteral("ssh-add: %1").arg(QString::fromLocal8Bit(add.readAll()));
        return false;
    }
    return true;
}

} // namespace gitops::test
