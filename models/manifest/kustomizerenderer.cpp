#include "kustomizerenderer.h"

#include "logging.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

namespace gitops::manifest {

KustomizeOutput renderKustomization(const QString &folder, const QStringList &searchPaths,
                                    const std::function<bool()> &cancelled, const QString &root)
{
    const auto stopAsked = [&cancelled] {
        return cancelled ? cancelled() : QThread::currentThread()->isInterruptionRequested();
    };
    KustomizeOutput output;
    QString program = QStandardPaths::findExecutable(QStringLiteral("kustomize"), searchPaths);
    QStringList arguments = {QStringLiteral("build"), folder};
    output.tool = QStringLiteral("kustomize build");
    if (program.isEmpty()) {
        program = QStandardPaths::findExecutable(QStringLiteral("kubectl"), searchPaths);
        arguments = {QStringLiteral("kustomize"), folder};
        output.tool = QStringLiteral("kubectl kustomize");
    }
    if (program.isEmpty()) {
        output.tool.clear();
        output.error = Text(QT_TRANSLATE_NOOP("gitops::Text",
                                              "cannot render the kustomization: neither "
                                              "“kustomize” nor “kubectl” was "
                                              "found on PATH; install one of them"));
        return output;
    }

    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.setWorkingDirectory(folder);
    qCDebug(lcManifest) << "running" << program << arguments;
    process.start();
    // This runs on a worker thread (see the header), where waiting is what we want.
    if (!process.waitForStarted(10000)) {
        output.error = Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 did not start: %2"),
                                      output.tool, process.errorString());
        return output;
    }
    QElapsedTimer running;
    running.start();
    while (!process.waitForFinished(50)) {
        if (process.state() == QProcess::NotRunning)
            break;
        const bool stop = stopAsked();
        if (stop || running.hasExpired(120000)) {
            process.kill();
            process.waitForFinished(5000);
            output.cancelled = stop;
            output.error = stop
                ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 was stopped"), output.tool)
                : Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "%1 did not finish within two minutes"),
                    output.tool);
            return output;
        }
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // The renderer's own words, with our temporary folder taken out of them.
        QString message = QString::fromUtf8(process.readAllStandardError()).trimmed();
        message.replace(folder + QLatin1Char('/'), QString());
        message.replace(folder, QStringLiteral("."));
        if (!root.isEmpty())
            message.replace(root + QLatin1Char('/'), QString());
        output.error = Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "%1 failed: %2"), output.tool,
            message.isEmpty() ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "exit code %1"),
                                               qint64(process.exitCode()))
                              : Text::verbatim(message));
        return output;
    }
    output.yaml = process.readAllStandardOutput();
    return output;
}

} // namespace gitops::manifest
