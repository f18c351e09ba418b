#include "gitbuilder.h"
#include "gitfixture.h"
#include "imagecheck.h"

#include "version.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the real executable. Without a display unless @p platform names one; with @p home,
// that HOME (no kubeconfig, no remembered settings).
Run run(const QStringList &arguments, const QString &platform = {}, const QString &home = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    if (!platform.isEmpty())
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    if (!home.isEmpty()) {
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        environment.remove(QStringLiteral("KUBECONFIG"));
    }
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
    void helpListsTheCommands_data();
    void helpListsTheCommands();
    void commandUsageNamesTheCommand_data();
    void commandUsageNamesTheCommand();
    void unknownCommands_data();
    void unknownCommands();
    void extraArgumentsAreErrors_data();
    void extraArgumentsAreErrors();
    void helpAllNeedsNoDisplay();
    void qtOptionsReachTheWindow();
    void selectingAnAbsentKeyFailsAtOnce();
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

    const Run result =
        run({QStringLiteral("--screenshot"), file, repository}, QStringLiteral("offscreen"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QImage opened(file);
    QVERIFY(!opened.isNull());
    // Opening the repository changes what the window shows (its name, branch, empty state).
    QVERIFY(opened != empty);
}

void tst_CommandLine::helpListsTheCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")};
    QTest::newRow("help") << QStringList{QStringLiteral("help")};
}

void tst_CommandLine::helpListsTheCommands()
{
    QFETCH(QStringList, arguments);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(
        result.out.startsWith(QStringLiteral("Usage: gitops-console [options] [repository]\n")),
        qPrintable(result.out));
    // One line per command: its name, then what it does.
    for (const char *command : {"status", "diff", "help"}) {
        const QRegularExpression line(
            QStringLiteral("\n  %1 +\\S[^\n]+\n").arg(QLatin1String(command)));
        QVERIFY2(
            line.match(result.out).hasMatch(),
            qPrintable(
                QStringLiteral("no line for %1 in:\n%2").arg(QLatin1String(command), result.out)));
    }
}

void tst_CommandLine::commandUsageNamesTheCommand_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("status --help")
        << QStringList{QStringLiteral("status"), QStringLiteral("--help")}
        << QStringLiteral("Usage: gitops-console status [options]\n")
        << QStringList{QStringLiteral("--repo <dir>"), QStringLiteral("-o, --output <format>"),
                       QStringLiteral("--timeout <seconds>")};
    QTest::newRow("help status") << QStringList{QStringLiteral("help"), QStringLiteral("status")}
                                 << QStringLiteral("Usage: gitops-console status [options]\n")
                                 << QStringList{QStringLiteral("--revision <rev>")};
    // Both forms: against a cluster, and offline.
    QTest::newRow("diff --help")
        << QStringList{QStringLiteral("diff"), QStringLiteral("--help")}
        << QStringLiteral("Usage: gitops-console diff [options]\n")
        << QStringList{QStringLiteral("gitops-console diff [--repo DIR] [--context NAME]"),
                       QStringLiteral("gitops-console diff --desired PATH --live PATH"),
                       QStringLiteral("--field-manager <name>"), QStringLiteral("--exact")};
}

void tst_CommandLine::commandUsageNamesTheCommand()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);
    QFETCH(QStringList, mentions);
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(usage), qPrintable(result.out));
    for (const QString &mention : std::as_const(mentions))
        QVERIFY2(result.out.contains(mention), qPrintable(mention + u'\n' + result.out));
}

void tst_CommandLine::unknownCommands_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("typo") << QStringList{QStringLiteral("statu")}
                          << QStringLiteral("unknown command 'statu' (did you mean 'status'?)");
    QTest::newRow("typo with options")
        << QStringList{QStringLiteral("dif"), QStringLiteral("--repo"), QStringLiteral("."),
                       QStringLiteral("-o"), QStringLiteral("json")}
        << QStringLiteral("unknown command 'dif' (did you mean 'diff'?)");
    QTest::newRow("typo and another word")
        << QStringList{QStringLiteral("statsu"), QStringLiteral("shop")}
        << QStringLiteral("unknown command 'statsu' (did you mean 'status'?)");
    QTest::newRow("help for a typo")
        << QStringList{QStringLiteral("help"), QStringLiteral("statu")}
        << QStringLiteral("unknown command 'statu' (did you mean 'status'?)");
    QTest::newRow("no such command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command 'frobnicate'");
}

void tst_CommandLine::unknownCommands()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    // No display: the answer must not need one (a window would abort in xcb).
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("gitops-console: ") + message),
             qPrintable(result.err));
    QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
}

void tst_CommandLine::extraArgumentsAreErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("status") << QStringList{QStringLiteral("status"), QStringLiteral("shop")}
                            << QStringLiteral("status: unexpected argument shop");
    QTest::newRow("diff") << QStringList{QStringLiteral("diff"), QStringLiteral("-o"),
                                         QStringLiteral("json"), QStringLiteral("a"),
                                         QStringLiteral("b")}
                          << QStringLiteral("diff: unexpected argument a b");
    QTest::newRow("help") << QStringList{QStringLiteral("help"), QStringLiteral("status"),
                                         QStringLiteral("diff")}
                          << QStringLiteral("help takes one command");
}

void tst_CommandLine::extraArgumentsAreErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir home;
    const Run result = run(arguments, {}, home.path());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    // With -o json, the error is on stdout too.
    if (arguments.contains(QStringLiteral("json"))) {
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QVERIFY2(json.value(u"error").toString().contains(message), qPrintable(result.out));
    }
}

void tst_CommandLine::helpAllNeedsNoDisplay()
{
    const Run result = run({QStringLiteral("--help-all")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(
        result.out.startsWith(QStringLiteral("Usage: gitops-console [options] [repository]\n")),
        qPrintable(result.out));
    // Qt's own options for the window, beside ours.
    for (const char *expected : {"--platform", "--reverse", "--screenshot <file>", "status"})
        QVERIFY2(result.out.contains(QLatin1String(expected)), qPrintable(result.out));
}

void tst_CommandLine::qtOptionsReachTheWindow()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    const Run result = run(
        {QStringLiteral("-style"), QStringLiteral("Fusion"), QStringLiteral("--screenshot"), file},
        QStringLiteral("offscreen"), dir.path());
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(!QImage(file).isNull());
}

void tst_CommandLine::selectingAnAbsentKeyFailsAtOnce()
{
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    {
        gitops::test::GitBuilder git(repository);
        git.commit(
            QStringLiteral("main"),
            {{QStringLiteral("gitops-console.yaml"), "apps:\n  - name: web\n    path: web\n"},
             {QStringLiteral("web/deployment.yaml"),
              "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
              "  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n"
              "  template:\n    metadata:\n      labels: {app: web}\n    spec:\n"
              "      containers:\n        - name: web\n          image: nginx\n"}},
            QStringLiteral("web"));
        git.checkout(QStringLiteral("main"));
    }
    QElapsedTimer timer;
    timer.start();
    const Run result = run({QStringLiteral("--screenshot"),
                            dir.filePath(QStringLiteral("shot.png")), QStringLiteral("--select"),
                            QStringLiteral("web/shop/Deployment.apps/wbe"), repository},
                           QStringLiteral("offscreen"), dir.path());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral(
                 "--select web/shop/Deployment.apps/wbe: no such resource; the nearest: "
                 "web/shop/Deployment.apps/web")),
             qPrintable(result.err));
    // Once the tree is loaded, not after the 60 s a resource that exists may take to show.
    QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));

    // A repository that does not open has no tree to wait for.
    timer.restart();
    const Run missing =
        run({QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("shot.png")),
             QStringLiteral("--select"), QStringLiteral("web/shop/Deployment.apps/web"),
             dir.filePath(QStringLiteral("nowhere"))},
            QStringLiteral("offscreen"), dir.path());
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QStringLiteral(
                 "--select web/shop/Deployment.apps/web: Could not open the workspace. ")),
             qPrintable(missing.err));
    QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
