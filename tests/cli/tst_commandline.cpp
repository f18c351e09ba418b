#include "gitfixture.h"
#include "imagecheck.h"

#include "version.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the real executable. Without a display unless @p platform names one.
Run run(const QStringList &arguments, const QString &platform = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    if (!platform.isEmpty())
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), arguments);
    Run result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.err = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

} // namespace

class tst_CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionWithoutDisplay();
    void helpListsOptions_data();
    void helpListsOptions();
    void rejectsUnknownOptions_data();
    void rejectsUnknownOptions();
    void screenshotShowsTheWindow();
    void screenshotOfARepository();
};

void tst_CommandLine::versionWithoutDisplay()
{
    const Run result = run({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QStringLiteral("gitops-console %1\n").arg(gitops::applicationVersion()));
    QVERIFY(!gitops::applicationVersion().isEmpty());
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
}

void tst_CommandLine::helpListsOptions_data()
{
    QTest::addColumn<QString>("argument");
    QTest::newRow("long") << QStringLiteral("--help");
    QTest::newRow("short") << QStringLiteral("-h");
}

void tst_CommandLine::helpListsOptions()
{
    QFETCH(QString, argument);
    const Run result = run({argument});
    QCOMPARE(result.exitCode, 0);
    for (const char *expected :
        {"Usage:", "--help", "--version", "--screenshot <file>", "repository"})
        QVERIFY2(result.out.contains(QString::fromLatin1(expected)),
            qPrintable(QStringLiteral("missing %1 in:\n%2")
                           .arg(QString::fromLatin1(expected), result.out)));
}

void tst_CommandLine::rejectsUnknownOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")}
                                    << QStringLiteral("Unknown option 'frobnicate'");
    QTest::newRow("missing value") << QStringList{QStringLiteral("--screenshot")}
                                   << QStringLiteral("Missing value after '--screenshot'");
    QTest::newRow("two repositories") << QStringList{QStringLiteral("a"), QStringLiteral("b")}
                                      << QStringLiteral("at most one repository");
}

void tst_CommandLine::rejectsUnknownOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run result = run(arguments);
    QVERIFY2(result.exitCode > 0, qPrintable(result.err));
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
}

void tst_CommandLine::screenshotShowsTheWindow()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    const Run result = run({QStringLiteral("--screenshot"), file}, QStringLiteral("offscreen"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QImage image(file);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 640 && image.height() >= 400);
    const auto content = gitops::test::inspect(image);
    QVERIFY2(content.distinctColours > 30, qPrintable(QString::number(content.distinctColours)));
    QVERIFY(content.foregroundShare > 0.01);
}

void tst_CommandLine::screenshotOfARepository()
{
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    gitops::test::makeRepository(repository);
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    const QImage empty = [&] {
        run({QStringLiteral("--screenshot"), file}, QStringLiteral("offscreen"));
        return QImage(file);
    }();

    const Run result
        = run({QStringLiteral("--screenshot"), file, repository}, QStringLiteral("offscreen"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QImage opened(file);
    QVERIFY(!opened.isNull());
    // Opening the repository changes what the window shows (its name, branch, empty state).
    QVERIFY(opened != empty);
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
