#include "goldenfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace gitops::test {

bool matchesGoldenFile(const QString &actual, const QString &referencePath)
{
    if (qEnvironmentVariableIntValue("GITOPS_REGENERATE_GOLDEN") == 1) {
        QDir().mkpath(QFileInfo(referencePath).absolutePath());
        QFile out(referencePath);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            QTest::qFail(qPrintable(referencePath + QLatin1String(": ") + out.errorString()),
                         __FILE__, __LINE__);
            return false;
        }
        out.write(actual.toUtf8());
        qInfo("regenerated %s", qPrintable(referencePath));
        return true;
    }
    QFile in(referencePath);
    if (!in.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(QStringLiteral("%1: %2 (run with GITOPS_REGENERATE_GOLDEN=1 "
                                               "to create it)")
                                    .arg(referencePath, in.errorString())),
                     __FILE__, __LINE__);
        return false;
    }
    const QString expected = QString::fromUtf8(in.readAll());
    if (expected == actual)
        return true;

    QTemporaryDir dir;
    const QString actualPath = dir.filePath(QFileInfo(referencePath).fileName());
    QFile out(actualPath);
    if (out.open(QIODevice::WriteOnly))
        out.write(actual.toUtf8());
    out.close();
    QProcess diff;
    diff.start(QStringLiteral("diff"),
               {QStringLiteral("-u"), QStringLiteral("--label"), QStringLiteral("reference"),
                QStringLiteral("--label"), QStringLiteral("actual"), referencePath, actualPath});
    diff.waitForFinished(10000);
    const QString text = QString::fromUtf8(diff.readAllStandardOutput());
    QTest::qFail(qPrintable(QStringLiteral("%1 differs (GITOPS_REGENERATE_GOLDEN=1 rewrites "
                                           "it):\n%2")
                                .arg(referencePath, text)),
                 __FILE__, __LINE__);
    return false;
}

} // namespace gitops::test
