#include "kubeemulatorprocess.h"

#include "childprocess.h"

#include <QDeadlineTimer>

#include <csignal>

namespace gitops::test {

KubeEmulatorProcess::~KubeEmulatorProcess()
{
    stop();
}

bool KubeEmulatorProcess::start(const QString &executable, const QStringList &arguments,
                                QString *error)
{
    endWithTheTest(m_process);
    m_process.setProgram(executable);
    m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--kubeconfig-out"), kubeconfig()}
                           + arguments);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(20000);
    QByteArray line;
    while (!deadline.hasExpired()) {
        if (!m_process.canReadLine()
            && !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_process.state() != QProcess::Running)
                break;
            continue;
        }
        line = m_process.readLine().trimmed();
        if (line.startsWith("listening on ")) {
            m_url = QString::fromUtf8(line.mid(13));
            return true;
        }
    }
    *error = QStringLiteral("kube-emulator did not start: %1")
                 .arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
    stop();
    return false;
}

void KubeEmulatorProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString KubeEmulatorProcess::errorOutput()
{
    return QString::fromLocal8Bit(m_process.readAllStandardError());
}

CommandResult runCommand(const QString &program, const QStringList &arguments,
                         const QByteArray &input, const QStringList &environment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &assignment : environment) {
        const qsizetype equals = assignment.indexOf(u'=');
        env.insert(assignment.left(equals), assignment.mid(equals + 1));
    }
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    CommandResult result;
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = QStringLiteral("timed out after %1 ms").arg(timeoutMs);
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace gitops::test
