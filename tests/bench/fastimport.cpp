#include "fastimport.h"

#include <QDir>
#include <QProcess>

namespace gitops::bench {

QByteArray runGit(const QString &folder, const QStringList &arguments, const QByteArray &input,
                  const QStringList &extraEnvironment)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    environment.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    for (const char *who : {"AUTHOR", "COMMITTER"}) {
        environment.insert(QStringLiteral("GIT_%1_NAME").arg(QLatin1String(who)),
                           QStringLiteral("Bench"));
        environment.insert(QStringLiteral("GIT_%1_EMAIL").arg(QLatin1String(who)),
                           QStringLiteral("bench@example.invalid"));
    }
    for (const QString &setting : extraEnvironment)
        environment.insert(setting.section(QLatin1Char('='), 0, 0),
                           setting.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral("git"), arguments);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(600000) || process.exitCode() != 0)
        qFatal("git %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
               process.readAllStandardError().constData());
    return process.readAllStandardOutput().trimmed();
}

QByteArray blob(const QByteArray &content)
{
    return "data " + QByteArray::number(content.size()) + '\n' + content + '\n';
}

QByteArray commitHeader(int c)
{
    return "commit refs/heads/main\nauthor Bench <bench@example.invalid> "
        + QByteArray::number(1700000000 + c) + " +0000\ncommitter Bench <bench@example.invalid> "
        + QByteArray::number(1700000000 + c) + " +0000\n" + blob("change " + QByteArray::number(c));
}

QString makeRepository(const QString &folder, const QByteArray &stream)
{
    QDir().mkpath(folder);
    runGit(folder,
           {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
            QStringLiteral("main")});
    runGit(folder, {QStringLiteral("fast-import"), QStringLiteral("--quiet")}, stream);
    return folder;
}

} // namespace gitops::bench
