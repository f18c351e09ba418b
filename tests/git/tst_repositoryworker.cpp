#include "gitbuilder.h"
#include "gitfixture.h"

#include "git/repositoryworker.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>

using namespace gitops;
using gitops::test::runGit;

namespace {

/// Waits (in the test's event loop) for @p future and returns its result, or nothing when
/// it ended cancelled or took longer than @p timeoutMs.
template<typename T>
std::optional<T> await(QFuture<T> future, int timeoutMs = 10000)
{
    QFutureWatcher<T> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished() && !finished.wait(timeoutMs))
        return std::nullopt;
    if (future.isCanceled() || future.resultCount() == 0)
        return std::nullopt;
    return future.result();
}

template<typename T>
T valueOf(const std::variant<T, QString> &result)
{
    if (const auto *message = std::get_if<QString>(&result))
        qFatal("unexpected error: %s", qPrintable(*message));
    return std::get<T>(result);
}

using Waited = std::variant<int, QString>;

/// A job that runs until it is told to stop (at most 20 s), counting its checks.
std::function<Waited(git::Repository &, const git::JobControl &)>
untilStopped(std::atomic<bool> *started)
{
    return [started](git::Repository &, const git::JobControl &control) -> Waited {
        started->store(true);
        QElapsedTimer timer;
        timer.start();
        int checks = 0;
        while (!control.stopRequested() && timer.elapsed() < 20000) {
            ++checks;
            QThread::msleep(5);
        }
        return control.stopRequested() ? Waited(QStringLiteral("stopped")) : Waited(checks);
    };
}

} // namespace

class tst_RepositoryWorker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatGitReads();
    void logListsHistoryNewestFirst();
    void everyJobReportsAnOpenFailure();
    void jobsRunOnTheWorkersOwnThread();
    void cancellingAFutureStopsItsJob();
    void destroyingReturnsPromptlyWhileAJobRuns();
};

void tst_RepositoryWorker::readsWhatGitReads()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(QStringLiteral("main"), {{QStringLiteral("apps/web/deploy.yaml"), "kind: A\n"}},
                   QStringLiteral("first"));
    const QString second = builder.commit(
        QStringLiteral("main"), {{QStringLiteral("apps/api/svc.yaml"), "kind: Service\n"}},
        QStringLiteral("second"));
    builder.commit(QStringLiteral("feature"), {{QStringLiteral("x.yaml"), "x\n"}},
                   QStringLiteral("side"));
    builder.tag(QStringLiteral("v1"), second, true);
    builder.checkout(QStringLiteral("main"));

    git::RepositoryWorker worker(dir.path());
    const auto revision = await(worker.resolve(QStringLiteral("v1")));
    QVERIFY(revision);
    const git::Revision resolved = valueOf(*revision);
    QCOMPARE(resolved.commitId, second);
    QCOMPARE(resolved.treeId,
             runGit(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("v1^{tree}")}));

    const auto unknown = await(worker.resolve(QStringLiteral("nope")));
    QVERIFY(unknown);
    QCOMPARE(std::get<QString>(*unknown), QStringLiteral("unknown revision \u201cnope\u201d"));

    const auto references = await(worker.references());
    QVERIFY(references);
    QStringList names;
    for (const auto &reference : valueOf(*references))
        names << reference.name;
    QCOMPARE(
        names,
        (QStringList{QStringLiteral("feature"), QStringLiteral("main"), QStringLiteral("v1")}));

    const auto files = await(worker.files(resolved, QStringLiteral("apps")));
    QVERIFY(files);
    const QList<git::TreeFile> listed = valueOf(*files);
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).path, QStringLiteral("apps/api/svc.yaml"));
    QCOMPARE(
        listed.at(0).blobId,
        runGit(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("v1:apps/api/svc.yaml")}));

    const auto content = await(worker.read(listed.at(0)));
    QVERIFY(content);
    QCOMPARE(valueOf(*content), QByteArray("kind: Service\n"));
}

void tst_RepositoryWorker::logListsHistoryNewestFirst()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    for (int i = 0; i < 30; ++i)
        builder.commit(QStringLiteral("main"), {{QStringLiteral("n.txt"), QByteArray::number(i)}},
                       QStringLiteral("change %1\n\nbody %1\n").arg(i));

    git::RepositoryWorker worker(dir.path());
    const auto all = await(worker.log(QStringLiteral("main")));
    QVERIFY(all);
    const QList<git::CommitInfo> commits = valueOf(*all);
    QStringList ids;
    for (const auto &commit : commits)
        ids << commit.id;
    QCOMPARE(
        ids.join(QLatin1Char('\n')),
        runGit(dir.path(),
               {QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("main")}));
    QCOMPARE(commits.first().summary, QStringLiteral("change 29"));
    QCOMPARE(commits.first().message, QStringLiteral("change 29\n\nbody 29\n"));
    QCOMPARE(commits.first().authorName, QStringLiteral("Test Author"));
    QCOMPARE(commits.first().parentIds, QStringList{commits.at(1).id});
    QVERIFY(commits.last().parentIds.isEmpty());

    const auto three = await(worker.log(QStringLiteral("main~2"), 3));
    QVERIFY(three);
    QCOMPARE(valueOf(*three).size(), 3);
    QCOMPARE(valueOf(*three).first().id, commits.at(2).id);
}

void tst_RepositoryWorker::everyJobReportsAnOpenFailure()
{
    QTemporaryDir dir;
    git::RepositoryWorker worker(dir.path());
    const auto revision = await(worker.resolve(QStringLiteral("HEAD")));
    QVERIFY(revision);
    QVERIFY2(std::get<QString>(*revision).endsWith(QLatin1String("is not inside a git repository")),
             qPrintable(std::get<QString>(*revision)));
    const auto log = await(worker.log(QStringLiteral("HEAD")));
    QVERIFY(log);
    QVERIFY(std::holds_alternative<QString>(*log));
}

void tst_RepositoryWorker::jobsRunOnTheWorkersOwnThread()
{
    QTemporaryDir dir;
    test::makeRepository(dir.path());
    git::RepositoryWorker worker(dir.path());
    using R = std::variant<QThread *, QString>;
    auto where = [](git::Repository &, const git::JobControl &) -> R {
        return QThread::currentThread();
    };
    const auto first = await(worker.run<R>(where));
    const auto second = await(worker.run<R>(where));
    QVERIFY(first && second);
    QVERIFY(std::get<QThread *>(*first) != QThread::currentThread());
    QCOMPARE(std::get<QThread *>(*first), std::get<QThread *>(*second));
}

void tst_RepositoryWorker::cancellingAFutureStopsItsJob()
{
    QTemporaryDir dir;
    test::makeRepository(dir.path());
    git::RepositoryWorker worker(dir.path());
    std::atomic<bool> started = false;
    QFuture<Waited> running = worker.run<Waited>(untilStopped(&started));
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 5000);

    QElapsedTimer timer;
    timer.start();
    running.cancel();
    QFutureWatcher<Waited> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<Waited>::finished);
    watcher.setFuture(running);
    QVERIFY(running.isFinished() || finished.wait(5000));
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(running.isCanceled());

    // The worker goes on serving the next job.
    const auto head = await(worker.resolve(QStringLiteral("HEAD")));
    QVERIFY(head);
    QVERIFY(std::holds_alternative<git::Revision>(*head));
}

void tst_RepositoryWorker::destroyingReturnsPromptlyWhileAJobRuns()
{
    QTemporaryDir dir;
    test::makeRepository(dir.path());
    auto worker = std::make_unique<git::RepositoryWorker>(dir.path());
    std::atomic<bool> started = false;
    QFuture<Waited> running = worker->run<Waited>(untilStopped(&started));
    QFuture<std::variant<git::Revision, QString>> queued = worker->resolve(QStringLiteral("HEAD"));
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 5000);

    QElapsedTimer timer;
    timer.start();
    worker.reset();
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(running.isFinished());
    QCOMPARE(running.result(), Waited(QStringLiteral("stopped")));
    // The job still queued never ran: its future ended cancelled, without a result.
    QVERIFY(queued.isFinished());
    QVERIFY(queued.isCanceled());
    QCOMPARE(queued.resultCount(), 0);
}

QTEST_GUILESS_MAIN(tst_RepositoryWorker)
#include "tst_repositoryworker.moc"
