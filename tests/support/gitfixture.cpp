#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

namespace gitops::test {

QString runGit(const QString &folder, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    environment.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    environment.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Test Author"));
    environment.insert(
        QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("author@example.invalid"));
    environment.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Test Committer"));
    environment.insert(
        QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("committer@example.invalid"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("git"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        QTest::qFail(qPrintable(QStringLiteral("git %1 failed: %2")
                                    .arg(arguments.join(QLatin1Char(' ')),
                                        QString::fromLocal8Bit(process.readAllStandardError()))),
            __FILE__, __LINE__);
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

QString makeRepository(const QString &folder, const QString &file)
{
    QDir().mkpath(folder);
    runGit(folder,
        {QStringLiteral("init"), QStringLiteral("--quiet"), QStringLiteral("-b"),
            QStringLiteral("main")});
    QFile out(QDir(folder).filePath(file));
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write("hello\n");
    out.close();
    runGit(folder, {QStringLiteral("add"), file});
    runGit(folder,
        {QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("-m"),
            QStringLiteral("first")});
    return runGit(folder, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
}

} // namespace gitops::test
