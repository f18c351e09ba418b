#include "checkoutfingerprint.h"
#include "gitfixture.h"

#include "git/commitbuilder.h"
#include "git/remote.h"
#include "git/repository.h"
#include "git/repositoryworker.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace gitops;
using gitops::test::runGit;

namespace {

std::unique_ptr<git::Repository> openRepository(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened))
        qFatal("open: %s", qPrintable(*message));
    return std::move(std::get<std::unique_ptr<git::Repository>>(opened));
}

/// A bare remote with main, a user's clone of it with uncommitted work, and a second clone
/// ("a colleague") that pushes to the remote behind the user's back.
struct Remotes
{
    QTemporaryDir dir;
    QString bare, clone, colleague, base;

    explicit Remotes(bool fileUrl)
    {
        bare = dir.filePath(QStringLiteral("remote.git"));
        clone = dir.filePath(QStringLiteral("clone"));
        colleague = dir.filePath(QStringLiteral("colleague"));
        QDir().mkpath(bare);
        runGit(bare,
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                QStringLiteral("-b"), QStringLiteral("main")});
        base = test::makeRepository(clone, QStringLiteral("deploy.yaml"));
        const QString url = fileUrl ? QUrl::fromLocalFile(bare).toString() : bare;
        runGit(clone,
               {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), url});
        runGit(clone,
               {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                QStringLiteral("main")});
        runGit(dir.path(), {QStringLiteral("clone"), QStringLiteral("-q"), bare, colleague});
        QFile edit(QDir(clone).filePath(QStringLiteral("deploy.yaml")));
        if (edit.open(QIODevice::WriteOnly))
            edit.write("uncommitted\n");
        QFile untracked(QDir(clone).filePath(QStringLiteral("notes.txt")));
        if (untracked.open(QIODevice::WriteOnly))
            untracked.write("untracked\n");
    }

    QString colleagueCommits(const QString &file)
    {
        QFile out(QDir(colleague).filePath(file));
        if (out.open(QIODevice::WriteOnly))
            out.write("from a colleague\n");
        out.close();
        runGit(colleague, {QStringLiteral("add"), file});
        runGit(colleague,
               {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), file});
        runGit(colleague,
               {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                QStringLiteral("HEAD")});
        return runGit(colleague, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    }

    /// A commit on a new branch of the clone, built the console's way.
    QString change(git::Repository &repository, const QString &branch, const QString &base)
    {
        git::CommitRequest request;
        request.base = base;
        request.branch = branch;
        request.subject = QStringLiteral("change on ") + branch;
        request.author =
            git::Identity{QStringLiteral("Op"), QStringLiteral("op@example.invalid"), {}};
        request.committer = request.author;
        request.edits = {
            git::FileEdit::write(QStringLiteral("replicas.yaml"), branch.toUtf8() + '\n')};
        const auto outcome = git::CommitBuilder(repository).commit(request);
        if (const auto *error = std::get_if<git::CommitError>(&outcome))
            qFatal("commit: %s", qPrintable(error->message));
        return std::get<git::CommitResult>(outcome).commitId;
    }

    QString remoteBranch(const QString &branch) const
    {
        return runGit(bare,
                      {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(objectname)"),
                       QStringLiteral("refs/heads/") + branch});
    }
};

/// The error's message, or "" when @p outcome is not an error (QVERIFY2 evaluates its
/// message even when the check passes).
template<typename T>
QString failure(const std::variant<T, git::RemoteError> &outcome)
{
    const auto *error = std::get_if<git::RemoteError>(&outcome);
    return error ? error->message : QString();
}

} // namespace

class tst_Remote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchesTheTargetBranch_data();
    void fetchesTheTargetBranch();
    void pushesANewBranch_data();
    void pushesANewBranch();
    void neverPushesTheTargetBranch();
    void reportsANonFastForwardPush();
    void stopsWhenCancelled();
    void errorsNameTheRemoteAndTheUrl();
    void runsAsWorkerJobs();
};

void tst_Remote::initTestCase()
{
    static QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    qunsetenv("SSH_AUTH_SOCK");
}

void tst_Remote::fetchesTheTargetBranch_data()
{
    QTest::addColumn<bool>("fileUrl");
    QTest::newRow("path") << false;
    QTest::newRow("file://") << true;
}

void tst_Remote::fetchesTheTargetBranch()
{
    QFETCH(bool, fileUrl);
    Remotes remotes(fileUrl);
    const QString tip = remotes.colleagueCommits(QStringLiteral("svc.yaml"));
    const QStringList before = test::checkoutFingerprint(remotes.clone);

    auto repository = openRepository(remotes.clone);
    git::Remote origin(*repository, QStringLiteral("origin"));
    QList<git::TransferProgress> steps;
    origin.setProgressHandler([&](const git::TransferProgress &step) { steps << step; });
    const auto fetched = origin.fetch(QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::FetchResult>(fetched), qPrintable(failure(fetched)));
    QCOMPARE(std::get<git::FetchResult>(fetched).trackingRef,
             QStringLiteral("refs/remotes/origin/main"));
    QCOMPARE(std::get<git::FetchResult>(fetched).commitId, tip);
    QCOMPARE(runGit(remotes.clone, {QStringLiteral("rev-parse"), QStringLiteral("origin/main")}),
             tip);
    // The checked-out main stays where the user left it.
    QCOMPARE(runGit(remotes.clone, {QStringLiteral("rev-parse"), QStringLiteral("main")}),
             remotes.base);
    QCOMPARE(test::checkoutFingerprint(remotes.clone), before);

    const auto missing = origin.fetch(QStringLiteral("nope"));
    QVERIFY(std::holds_alternative<git::RemoteError>(missing));
    QCOMPARE(std::get<git::RemoteError>(missing).message,
             QStringLiteral("origin (%1) has no branch \u201cnope\u201d")
                 .arg(runGit(remotes.clone,
                             {QStringLiteral("remote"), QStringLiteral("get-url"),
                              QStringLiteral("origin")})));
}

void tst_Remote::pushesANewBranch_data()
{
    fetchesTheTargetBranch_data();
}

void tst_Remote::pushesANewBranch()
{
    QFETCH(bool, fileUrl);
    Remotes remotes(fileUrl);
    auto repository = openRepository(remotes.clone);
    const QString commit =
        remotes.change(*repository, QStringLiteral("gitops/scale-web"), QStringLiteral("main"));
    const QStringList before = test::checkoutFingerprint(remotes.clone);

    git::Remote origin(*repository, QStringLiteral("origin"));
    const auto pushed = origin.push(QStringLiteral("gitops/scale-web"), QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    const git::PushResult result = std::get<git::PushResult>(pushed);
    QVERIFY(result.succeeded());
    QCOMPARE(result.refs.size(), 1);
    QCOMPARE(result.refs.first().ref, QStringLiteral("refs/heads/gitops/scale-web"));
    QCOMPARE(result.refs.first().status, git::RefUpdate::Status::Updated);
    QCOMPARE(remotes.remoteBranch(QStringLiteral("gitops/scale-web")), commit);
    QCOMPARE(remotes.remoteBranch(QStringLiteral("main")), remotes.base);
    QCOMPARE(runGit(remotes.bare, {QStringLiteral("fsck"), QStringLiteral("--no-progress")}),
             QString());
    QCOMPARE(test::checkoutFingerprint(remotes.clone), before);

    // Pushing it again changes nothing.
    const auto again = origin.push(QStringLiteral("gitops/scale-web"), QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::PushResult>(again));
    QCOMPARE(std::get<git::PushResult>(again).refs.value(0).status,
             git::RefUpdate::Status::UpToDate);
}

void tst_Remote::neverPushesTheTargetBranch()
{
    Remotes remotes(false);
    auto repository = openRepository(remotes.clone);
    git::Remote origin(*repository, QStringLiteral("origin"));
    const auto pushed = origin.push(QStringLiteral("main"), QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(pushed));
    QCOMPARE(std::get<git::RemoteError>(pushed).message,
             QStringLiteral("refusing to push to origin's target branch \u201cmain\u201d: a change "
                            "goes on a branch of its own"));
}

void tst_Remote::reportsANonFastForwardPush()
{
    Remotes remotes(true);
    auto repository = openRepository(remotes.clone);
    const QString pushedCommit =
        remotes.change(*repository, QStringLiteral("gitops/x"), QStringLiteral("main"));
    const QStringList before = test::checkoutFingerprint(remotes.clone);
    git::Remote origin(*repository, QStringLiteral("origin"));
    QVERIFY(std::holds_alternative<git::PushResult>(
        origin.push(QStringLiteral("gitops/x"), QStringLiteral("main"))));

    // The local branch moves elsewhere (here: back); pushing it would drop the remote's
    // commit, so it is refused and the remote keeps its branch.
    runGit(
        remotes.clone,
        {QStringLiteral("branch"), QStringLiteral("-f"), QStringLiteral("gitops/x"), remotes.base});
    const auto pushed = origin.push(QStringLiteral("gitops/x"), QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    const git::PushResult result = std::get<git::PushResult>(pushed);
    QVERIFY(!result.succeeded());
    QCOMPARE(result.refs.value(0).status, git::RefUpdate::Status::RejectedNonFastForward);
    QVERIFY2(result.refs.value(0).message.startsWith(
                 QStringLiteral("gitops/x on origin (%1) has commits that gitops/x does not")
                     .arg(QUrl::fromLocalFile(remotes.bare).toString())),
             qPrintable(result.refs.value(0).message));
    QCOMPARE(remotes.remoteBranch(QStringLiteral("gitops/x")), pushedCommit);
    QCOMPARE(test::checkoutFingerprint(remotes.clone), before);
}

void tst_Remote::stopsWhenCancelled()
{
    Remotes remotes(false);
    auto repository = openRepository(remotes.clone);
    remotes.change(*repository, QStringLiteral("gitops/x"), QStringLiteral("main"));
    const QStringList before = test::checkoutFingerprint(remotes.clone);
    git::Remote origin(*repository, QStringLiteral("origin"));
    origin.setStopPredicate([] { return true; });
    const auto pushed = origin.push(QStringLiteral("gitops/x"), QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(pushed));
    QVERIFY(std::get<git::RemoteError>(pushed).cancelled);
    QCOMPARE(std::get<git::RemoteError>(pushed).message,
             QStringLiteral("pushing gitops/x to origin (%1) was cancelled").arg(remotes.bare));
    QCOMPARE(remotes.remoteBranch(QStringLiteral("gitops/x")), QString());

    const auto fetched = origin.fetch(QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(fetched));
    QVERIFY(std::get<git::RemoteError>(fetched).cancelled);
    QCOMPARE(test::checkoutFingerprint(remotes.clone), before);
}

void tst_Remote::errorsNameTheRemoteAndTheUrl()
{
    Remotes remotes(false);
    runGit(remotes.clone,
           {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("gone"),
            QStringLiteral("file:///nonexistent/remote.git")});
    auto repository = openRepository(remotes.clone);
    const auto fetched =
        git::Remote(*repository, QStringLiteral("gone")).fetch(QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(fetched));
    const QString message = std::get<git::RemoteError>(fetched).message;
    QVERIFY2(message.startsWith(
                 QLatin1String("fetching main from gone (file:///nonexistent/remote.git): ")),
             qPrintable(message));
    QVERIFY2(message.endsWith(
                 QLatin1String("; check the remote's URL and that the server is reachable")),
             qPrintable(message));

    const auto unknown = git::Remote(*repository, QStringLiteral("upstream"))
                             .push(QStringLiteral("main"), QStringLiteral("release"));
    QVERIFY(std::holds_alternative<git::RemoteError>(unknown));
    QVERIFY2(
        std::get<git::RemoteError>(unknown).message.startsWith(u"no remote \u201cupstream\u201d"),
        qPrintable(failure(unknown)));

    QCOMPARE(git::Remote::displayUrl(QStringLiteral("https://user:s3cret@example.com/a/b.git")),
             QStringLiteral("https://example.com/a/b.git"));
    QCOMPARE(git::Remote::displayUrl(QStringLiteral("ssh://git@example.com:2222/a/b.git")),
             QStringLiteral("ssh://git@example.com:2222/a/b.git"));
    QCOMPARE(git::Remote::displayUrl(QStringLiteral("git@example.com:a/b.git")),
             QStringLiteral("git@example.com:a/b.git"));
}

void tst_Remote::runsAsWorkerJobs()
{
    Remotes remotes(true);
    const QString tip = remotes.colleagueCommits(QStringLiteral("svc.yaml"));
    git::RepositoryWorker worker(remotes.clone);

    auto fetched = worker.fetch(QStringLiteral("origin"), QStringLiteral("main"));
    QFutureWatcher<std::variant<git::FetchResult, git::RemoteError>> fetchWatcher;
    QSignalSpy fetchDone(&fetchWatcher, &QFutureWatcherBase::finished);
    fetchWatcher.setFuture(fetched);
    QVERIFY(fetched.isFinished() || fetchDone.wait(10000));
    QVERIFY2(std::holds_alternative<git::FetchResult>(fetched.result()),
             qPrintable(failure(fetched.result())));

    // Build on the fetched tip, as a change request does, and push.
    git::CommitRequest request;
    request.base = QStringLiteral("origin/main");
    request.branch = QStringLiteral("gitops/on-tip");
    request.subject = QStringLiteral("on the remote's tip");
    request.author = git::Identity{QStringLiteral("Op"), QStringLiteral("op@example.invalid"), {}};
    request.committer = request.author;
    request.edits = {git::FileEdit::write(QStringLiteral("svc.yaml"), "port: 81\n")};
    auto committed = worker.commit(request);
    auto pushed = worker.push(QStringLiteral("origin"), QStringLiteral("gitops/on-tip"),
                              QStringLiteral("main"));
    QFutureWatcher<std::variant<git::PushResult, git::RemoteError>> pushWatcher;
    QSignalSpy pushDone(&pushWatcher, &QFutureWatcherBase::finished);
    pushWatcher.setFuture(pushed);
    QVERIFY(pushed.isFinished() || pushDone.wait(10000));
    QVERIFY(std::holds_alternative<git::CommitResult>(committed.result()));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed.result()),
             qPrintable(failure(pushed.result())));
    QVERIFY(std::get<git::PushResult>(pushed.result()).succeeded());
    QCOMPARE(runGit(remotes.bare, {QStringLiteral("rev-parse"), QStringLiteral("gitops/on-tip^")}),
             tip);
}

QTEST_GUILESS_MAIN(tst_Remote)
#include "tst_remote.moc"
