#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace gitops::test {

/// Runs the kube-emulator executable for a test: a fresh server on a free port on
/// 127.0.0.1 with its kubeconfig in a temporary folder. Stopped with SIGTERM when
/// destroyed.
class KubeEmulatorProcess
{
public:
    KubeEmulatorProcess() = default;
    ~KubeEmulatorProcess();
    KubeEmulatorProcess(const KubeEmulatorProcess &) = delete;
    KubeEmulatorProcess &operator=(const KubeEmulatorProcess &) = delete;

    /// Starts @p executable with @p arguments; false (and @p error) when it does not say
    /// "listening on ..." within 20 s.
    bool start(const QString &executable, const QStringList &arguments, QString *error);
    void stop();

    QString url() const { return m_url; }
    QString kubeconfig() const { return m_dir.filePath(QStringLiteral("kubeconfig")); }
    QString folder() const { return m_dir.path(); }
    QString errorOutput();

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_url;
};

/// What a finished command printed, with its exit code (-1: did not finish).
struct CommandResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs @p program with @p arguments (and @p input on stdin), bounded by @p timeoutMs.
CommandResult runCommand(const QString &program, const QStringList &arguments,
    const QByteArray &input = {}, const QStringList &environment = {}, int timeoutMs = 60000);

} // namespace gitops::test
