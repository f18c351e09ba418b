#include "gitfixture.h"

#include "git/repository.h"
#include "git/repositoryworker.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacesession.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using gitops::test::runGit;

class tst_Repository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBranchAndCommit();
    void findsRepositoryFromSubfolder();
    void unbornBranch();
    void detachedHead();
    void bareRepository();
    void refusesWhatIsNotARepository_data();
    void refusesWhatIsNotARepository();
    void openerReportsOffTheGuiThread();
};

void tst_Repository::readsBranchAndCommit()
{
    QTemporaryDir dir;
    const QString commit = test::makeRepository(dir.path());
    runGit(dir.path(),
           {QStringLiteral("checkout"), QStringLiteral("--quiet"), QStringLiteral("-b"),
            QStringLiteral("feature/x")});

    const WorkspaceInfo info = readWorkspaceInfo(dir.path());
    QVERIFY2(info.isValid(), qPrintable(info.error));
    QCOMPARE(info.root, QDir(dir.path()).canonicalPath());
    QCOMPARE(info.name, QDir(dir.path()).dirName());
    QCOMPARE(info.branch, QStringLiteral("feature/x"));
    QCOMPARE(info.headCommit, commit);
}

void tst_Repository::findsRepositoryFromSubfolder()
{
    QTemporaryDir dir;
    test::makeRepository(dir.path());
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("apps/web")));

    const WorkspaceInfo info = readWorkspaceInfo(dir.filePath(QStringLiteral("apps/web")));
    QVERIFY2(info.isValid(), qPrintable(info.error));
    QCOMPARE(info.root, QDir(dir.path()).canonicalPath());
}

void tst_Repository::unbornBranch()
{
    QTemporaryDir dir;
    runGit(dir.path(),
           {QStringLiteral("init"), QStringLiteral("--quiet"), QStringLiteral("-b"),
            QStringLiteral("trunk")});

    const WorkspaceInfo info = readWorkspaceInfo(dir.path());
    QVERIFY2(info.isValid(), qPrintable(info.error));
    QCOMPARE(info.branch, QStringLiteral("trunk"));
    QVERIFY(info.headCommit.isEmpty());
}

void tst_Repository::detachedHead()
{
    QTemporaryDir dir;
    const QString commit = test::makeRepository(dir.path());
    runGit(dir.path(), {QStringLiteral("checkout"), QStringLiteral("--quiet"), commit});

    const WorkspaceInfo info = readWorkspaceInfo(dir.path());
    QVERIFY2(info.isValid(), qPrintable(info.error));
    QVERIFY(info.branch.isEmpty());
    QCOMPARE(info.headCommit, commit);
}

void tst_Repository::bareRepository()
{
    QTemporaryDir dir;
    const QString work = dir.filePath(QStringLiteral("work"));
    const QString commit = test::makeRepository(work);
    runGit(dir.path(),
           {QStringLiteral("clone"), QStringLiteral("--quiet"), QStringLiteral("--bare"), work,
            QStringLiteral("remote.git")});

    auto opened = git::Repository::open(dir.filePath(QStringLiteral("remote.git")));
    QVERIFY(std::holds_alternative<std::unique_ptr<git::Repository>>(opened));
    const auto &repository = std::get<std::unique_ptr<git::Repository>>(opened);
    QVERIFY(repository->isBare());
    QVERIFY(repository->workingDirectory().isEmpty());
    QCOMPARE(repository->headCommitId(), commit);
    QCOMPARE(repository->currentBranch(), QStringLiteral("main"));
}

void tst_Repository::refusesWhatIsNotARepository_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain folder") << QStringLiteral("plain")
                                  << QStringLiteral("is not inside a git repository");
    QTest::newRow("missing folder")
        << QStringLiteral("does-not-exist") << QStringLiteral("no such folder");
}

void tst_Repository::refusesWhatIsNotARepository()
{
    QFETCH(QString, relative);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("plain")));
    const QString path = dir.filePath(relative);
    const WorkspaceInfo info = readWorkspaceInfo(path);
    QVERIFY(!info.isValid());
    QVERIFY2(info.error.contains(path), qPrintable(info.error));
    QVERIFY2(info.error.contains(expected), qPrintable(info.error));
}

void tst_Repository::openerReportsOffTheGuiThread()
{
    QTemporaryDir dir;
    const QString commit = test::makeRepository(dir.path());

    WorkspaceDocument document;
    QSignalSpy opened(&document, &WorkspaceDocument::opened);
    document.open(dir.filePath(QStringLiteral("missing-first")));
    document.open(dir.path()); // supersedes the first request
    // Never inside open(), even when the worker finished before open() attached its answer.
    QCOMPARE(opened.size(), 0);
    QVERIFY(opened.wait(10000));
    QTest::qWait(50);
    QCOMPARE(opened.size(), 1);
    const auto info = opened.at(0).at(0).value<WorkspaceInfo>();
    QCOMPARE(info.headCommit, commit);
    QCOMPARE(document.info().headCommit, commit);
    // One worker owns the repository, and the session reads through it.
    QVERIFY(document.repository());
    QCOMPARE(document.session()->repository(), document.repository());

    // A branch made meanwhile shows after a refresh (F5).
    QVERIFY(!std::any_of(info.references.cbegin(), info.references.cend(),
                         [](const auto &reference) { return reference.name == u"later"; }));
    QProcess git;
    git.setWorkingDirectory(dir.path());
    git.start(QStringLiteral("git"), {QStringLiteral("branch"), QStringLiteral("later")});
    QVERIFY(git.waitForFinished(10000) && git.exitCode() == 0);
    QSignalSpy changed(&document, &WorkspaceDocument::infoChanged);
    document.refresh();
    QVERIFY(changed.wait(10000));
    const auto again = changed.at(0).at(0).value<WorkspaceInfo>();
    QVERIFY(std::any_of(again.references.cbegin(), again.references.cend(),
                        [](const auto &reference) { return reference.name == u"later"; }));
}

QTEST_GUILESS_MAIN(tst_Repository)
#include "tst_repository.moc"
