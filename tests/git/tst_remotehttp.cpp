#include "checkoutfingerprint.h"
#include "gitfixture.h"
#include "smarthttpserver.h"

#include "git/commitbuilder.h"
#include "git/remote.h"
#include "git/repository.h"
#include "git/repositoryworker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using gitops::test::runGit;

namespace {

const QString user = QStringLiteral("alice");
const QString password = QStringLiteral("s3cret-token-42");

std::unique_ptr<git::Repository> openRepository(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened))
        qFatal("open: %s", qPrintable(*message));
    return std::move(std::get<std::unique_ptr<git::Repository>>(opened));
}

template<typename T>
QString failure(const std::variant<T, git::RemoteError> &outcome)
{
    const auto *error = std::get_if<git::RemoteError>(&outcome);
    return error ? error->message : QString();
}

QByteArray readFile(const QString &path)
{
    QFile in(path);
    return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(content);
}

/// A bare repository served over smart HTTP with basic auth, and a user's clone whose
/// origin is that URL and whose credential helper is `git credential-store` on a file.
struct HttpRemote
{
    QTemporaryDir dir;
    QString root, bare, clone, store;
    std::unique_ptr<test::SmartHttpServer> server;

    HttpRemote()
    {
        root = dir.filePath(QStringLiteral("served"));
        bare = root + QStringLiteral("/remote.git");
        clone = dir.filePath(QStringLiteral("clone"));
        store = dir.filePath(QStringLiteral("credentials"));
        QDir().mkpath(bare);
        runGit(bare,
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                QStringLiteral("-b"), QStringLiteral("main")});
        test::makeRepository(clone, QStringLiteral("deploy.yaml"));
        runGit(clone, {QStringLiteral("push"), QStringLiteral("-q"), bare, QStringLiteral("main")});
        server = std::make_unique<test::SmartHttpServer>(root, user, password);
        server->listen();
        runGit(clone,
               {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
                server->url(QStringLiteral("remote.git"))});
        runGit(clone,
               {QStringLiteral("config"), QStringLiteral("credential.helper"),
                QStringLiteral("store --file=") + store});
        // The user's own work in progress, which no push may touch.
        writeFile(QDir(clone).filePath(QStringLiteral("deploy.yaml")), "uncommitted\n");
        writeFile(QDir(clone).filePath(QStringLiteral("notes.txt")), "untracked\n");
    }

    /// What credential-store keeps for the server: "http://user:password@127.0.0.1:port".
    void storeCredentials(const QString &name, const QString &secret)
    {
        writeFile(store,
                  QStringLiteral("http://%1:%2@127.0.0.1:%3\n")
                      .arg(name, secret)
                      .arg(server->port())
                      .toUtf8());
    }

    QString change(git::Repository &repository, const QString &branch)
    {
        git::CommitRequest request;
        request.base = QStringLiteral("main");
        request.branch = branch;
        request.subject = QStringLiteral("change on ") + branch;
        request.author =
            git::Identity{QStringLiteral("Op"), QStringLiteral("op@example.invalid"), {}};
        request.committer = request.author;
        request.edits = {git::FileEdit::write(QStringLiteral("replicas.yaml"), "replicas: 3\n")};
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

QMutex logMutex;
QStringList logged;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    const QMutexLocker locker(&logMutex);
    logged << QString::fromUtf8(context.category ? context.category : "") + QLatin1Char(' ')
            + message;
}

} // namespace

class tst_RemoteHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pushesWithTheCredentialHelpersAnswer();
    void wrongCredentialsAreRefusedAndForgotten();
    void noCredentialsSaysWhatToDo();
    void aForbiddenPushIsNamed();
    void aHookRejectionReachesTheUser();
    void aProtectedBranchIsNamed_data();
    void aProtectedBranchIsNamed();
    void nothingSecretInTheLog();
    void workerReportsProgressOfAPush();
    void closingDoesNotWaitForTheNetwork();
};

void tst_RemoteHttp::initTestCase()
{
    static QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("GIT_TERMINAL_PROMPT", "0");
    if (runGit(QDir::tempPath(), {QStringLiteral("--exec-path")}).isEmpty())
        QSKIP("no git");
}

void tst_RemoteHttp::pushesWithTheCredentialHelpersAnswer()
{
    HttpRemote remote;
    remote.storeCredentials(user, password);
    auto repository = openRepository(remote.clone);
    const QString commit = remote.change(*repository, QStringLiteral("gitops/scale"));
    const QStringList before = test::checkoutFingerprint(remote.clone);

    git::Remote origin(*repository, QStringLiteral("origin"));
    QList<git::TransferProgress> steps;
    origin.setProgressHandler([&](const git::TransferProgress &step) { steps << step; });
    const auto pushed = origin.push(QStringLiteral("gitops/scale"), QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    QVERIFY(std::get<git::PushResult>(pushed).succeeded());
    QCOMPARE(remote.remoteBranch(QStringLiteral("gitops/scale")), commit);
    QCOMPARE(runGit(remote.bare, {QStringLiteral("fsck"), QStringLiteral("--no-progress")}),
             QString());
    // The server asked (401) and the helper's answer worked, so it is still stored.
    QVERIFY2(remote.server->requests().join(QLatin1Char('\n')).contains(QLatin1String(" 401")),
             qPrintable(remote.server->requests().join(QLatin1Char('\n'))));
    QVERIFY(readFile(remote.store).contains(password.toUtf8()));
    QVERIFY(!steps.isEmpty());
    QCOMPARE(steps.last().stage, git::TransferProgress::Stage::Sending);
    QVERIFY(steps.last().objects > 0);
    QCOMPARE(test::checkoutFingerprint(remote.clone), before);

    // A fetch over the same URL.
    const auto fetched = origin.fetch(QStringLiteral("gitops/scale"));
    QVERIFY2(std::holds_alternative<git::FetchResult>(fetched), qPrintable(failure(fetched)));
    QCOMPARE(std::get<git::FetchResult>(fetched).commitId, commit);
}

void tst_RemoteHttp::wrongCredentialsAreRefusedAndForgotten()
{
    HttpRemote remote;
    remote.storeCredentials(user, QStringLiteral("wrong-password"));
    auto repository = openRepository(remote.clone);
    remote.change(*repository, QStringLiteral("gitops/scale"));
    const QStringList before = test::checkoutFingerprint(remote.clone);

    const auto pushed = git::Remote(*repository, QStringLiteral("origin"))
                            .push(QStringLiteral("gitops/scale"), QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(pushed));
    const QString url = remote.server->url(QStringLiteral("remote.git"));
    QCOMPARE(failure(pushed),
             QStringLiteral("pushing gitops/scale to origin (%1): the server refused the "
                            "credentials for %1; correct them in your git credential helper (or "
                            "run git push once by hand to be asked again)")
                 .arg(url));
    QVERIFY(!failure(pushed).contains(QLatin1String("wrong-password")));
    // Rejected: credential-store forgot them, as git push would have made it.
    QVERIFY(!readFile(remote.store).contains("wrong-password"));
    QCOMPARE(remote.remoteBranch(QStringLiteral("gitops/scale")), QString());

    // Credentials inside the remote's URL never show either.
    runGit(remote.clone,
           {QStringLiteral("remote"), QStringLiteral("set-url"), QStringLiteral("origin"),
            QStringLiteral("http://alice:in-url-secret@127.0.0.1:%1/remote.git")
                .arg(remote.server->port())});
    const auto again = git::Remote(*repository, QStringLiteral("origin"))
                           .push(QStringLiteral("gitops/scale"), QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(again));
    QVERIFY2(!failure(again).contains(QLatin1String("in-url-secret")), qPrintable(failure(again)));
    QVERIFY2(failure(again).contains(url), qPrintable(failure(again)));
    QCOMPARE(test::checkoutFingerprint(remote.clone), before);
}

void tst_RemoteHttp::noCredentialsSaysWhatToDo()
{
    HttpRemote remote;
    auto repository = openRepository(remote.clone);
    const auto fetched =
        git::Remote(*repository, QStringLiteral("origin")).fetch(QStringLiteral("main"));
    QVERIFY(std::holds_alternative<git::RemoteError>(fetched));
    const QString url = remote.server->url(QStringLiteral("remote.git"));
    QVERIFY2(failure(fetched).startsWith(
                 QStringLiteral("fetching main from origin (%1): %1 asks for credentials and "
                                "git's credential helpers have none")
                     .arg(url)),
             qPrintable(failure(fetched)));
    QVERIFY2(
        failure(fetched).endsWith(QLatin1String("store them with a credential helper (git config "
                                                "credential.helper) or run git push once by hand")),
        qPrintable(failure(fetched)));
}

void tst_RemoteHttp::aForbiddenPushIsNamed()
{
    HttpRemote remote;
    remote.storeCredentials(user, password);
    remote.server->setPushForbidden(true);
    auto repository = openRepository(remote.clone);
    remote.change(*repository, QStringLiteral("gitops/read-only"));
    const QStringList before = test::checkoutFingerprint(remote.clone);
    const auto pushed = git::Remote(*repository, QStringLiteral("origin"))
                            .push(QStringLiteral("gitops/read-only"), QStringLiteral("main"));
    const QString url = remote.server->url(QStringLiteral("remote.git"));
    QCOMPARE(failure(pushed),
             QStringLiteral("pushing gitops/read-only to origin (%1): the server refused access "
                            "(HTTP 403); the credentials were accepted but may not allow this; "
                            "check that the account or token may push to the repository")
                 .arg(url));
    // Not a wrong password: the helper keeps the credentials.
    QVERIFY(readFile(remote.store).contains(password.toUtf8()));
    QCOMPARE(test::checkoutFingerprint(remote.clone), before);
}

void tst_RemoteHttp::aHookRejectionReachesTheUser()
{
    HttpRemote remote;
    remote.storeCredentials(user, password);
    const QString hook = remote.bare + QStringLiteral("/hooks/pre-receive");
    writeFile(hook,
              "#!/bin/sh\n"
              "echo 'policy: changes to production need a ticket number' >&2\n"
              "exit 1\n");
    QFile::setPermissions(hook,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto repository = openRepository(remote.clone);
    remote.change(*repository, QStringLiteral("gitops/prod"));
    const QStringList before = test::checkoutFingerprint(remote.clone);

    const auto pushed = git::Remote(*repository, QStringLiteral("origin"))
                            .push(QStringLiteral("gitops/prod"), QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    const git::PushResult result = std::get<git::PushResult>(pushed);
    QVERIFY(!result.succeeded());
    QCOMPARE(result.refs.size(), 1);
    QCOMPARE(result.refs.first().status, git::RefUpdate::Status::RejectedByServer);
    const QString url = remote.server->url(QStringLiteral("remote.git"));
    QCOMPARE(result.refs.first().message,
             QStringLiteral("origin (%1) refused gitops/prod: pre-receive hook declined\n"
                            "policy: changes to production need a ticket number")
                 .arg(url));
    QCOMPARE(remote.remoteBranch(QStringLiteral("gitops/prod")), QString());
    QCOMPARE(test::checkoutFingerprint(remote.clone), before);
}

void tst_RemoteHttp::aProtectedBranchIsNamed_data()
{
    // Each forge's own words, as its pre-receive hook prints them.
    QTest::addColumn<QByteArray>("hookOutput");
    QTest::newRow("GitHub") << QByteArray("error: GH006: Protected branch update failed for "
                                          "refs/heads/gitops/prod.");
    QTest::newRow("GitLab") << QByteArray("GitLab: You are not allowed to push code to "
                                          "protected branches on this project.");
    QTest::newRow("Gitea") << QByteArray("Gitea: Not allowed to push to protected branch "
                                         "gitops/prod");
}

void tst_RemoteHttp::aProtectedBranchIsNamed()
{
    QFETCH(QByteArray, hookOutput);
    HttpRemote remote;
    remote.storeCredentials(user, password);
    const QString hook = remote.bare + QStringLiteral("/hooks/pre-receive");
    writeFile(hook, "#!/bin/sh\necho '" + hookOutput + "' >&2\nexit 1\n");
    QFile::setPermissions(hook,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto repository = openRepository(remote.clone);
    remote.change(*repository, QStringLiteral("gitops/prod"));
    const QStringList before = test::checkoutFingerprint(remote.clone);

    const auto pushed = git::Remote(*repository, QStringLiteral("origin"))
                            .push(QStringLiteral("gitops/prod"), QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    const git::PushResult result = std::get<git::PushResult>(pushed);
    QVERIFY(!result.succeeded());
    QCOMPARE(result.refs.size(), 1);
    QCOMPARE(result.refs.first().status, git::RefUpdate::Status::RejectedProtectedBranch);
    const QString url = remote.server->url(QStringLiteral("remote.git"));
    QCOMPARE(result.refs.first().message,
             QStringLiteral("origin (%1) refused gitops/prod because the branch is protected "
                            "there (pre-receive hook declined); push to a branch of another "
                            "name, or ask the repository's maintainers about its protection "
                            "rules\n%2")
                 .arg(url, QString::fromUtf8(hookOutput)));
    QCOMPARE(remote.remoteBranch(QStringLiteral("gitops/prod")), QString());
    QCOMPARE(test::checkoutFingerprint(remote.clone), before);
}

void tst_RemoteHttp::nothingSecretInTheLog()
{
    HttpRemote remote;
    remote.storeCredentials(user, password);
    auto repository = openRepository(remote.clone);
    remote.change(*repository, QStringLiteral("gitops/logged"));
    QLoggingCategory::setFilterRules(QStringLiteral("gitops.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const auto restore = qScopeGuard([previous] {
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
    });

    const auto pushed = git::Remote(*repository, QStringLiteral("origin"))
                            .push(QStringLiteral("gitops/logged"), QStringLiteral("main"));
    remote.storeCredentials(user, QStringLiteral("second-secret"));
    const auto refused =
        git::Remote(*repository, QStringLiteral("origin")).fetch(QStringLiteral("main"));
    qInstallMessageHandler(previous);
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    QVERIFY(std::holds_alternative<git::RemoteError>(refused));

    const QMutexLocker locker(&logMutex);
    const QString log = logged.join(QLatin1Char('\n'));
    QVERIFY2(log.contains(QLatin1String("gitops.git")), qPrintable(log)); // logging was on
    QVERIFY2(!log.contains(password), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String("second-secret")), qPrintable(log));
    QVERIFY(!failure(refused).contains(QLatin1String("second-secret")));
}

void tst_RemoteHttp::workerReportsProgressOfAPush()
{
    HttpRemote remote;
    remote.storeCredentials(user, password);
    {
        auto repository = openRepository(remote.clone);
        remote.change(*repository, QStringLiteral("gitops/progress"));
    }
    git::RepositoryWorker worker(remote.clone);
    using Pushed = std::variant<git::PushResult, git::RemoteError>;
    QFutureWatcher<Pushed> watcher;
    QSignalSpy texts(&watcher, &QFutureWatcherBase::progressTextChanged);
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(worker.push(QStringLiteral("origin"), QStringLiteral("gitops/progress"),
                                  QStringLiteral("main")));
    QVERIFY(finished.wait(20000));
    QVERIFY2(std::holds_alternative<git::PushResult>(watcher.result()),
             qPrintable(failure(watcher.result())));
    QVERIFY(!texts.isEmpty());
    QVERIFY2(texts.last().value(0).toString().startsWith(QLatin1String("sending objects: 3/3, ")),
             qPrintable(texts.last().value(0).toString()));
}

void tst_RemoteHttp::closingDoesNotWaitForTheNetwork()
{
    HttpRemote remote;
    remote.storeCredentials(user, password);
    remote.server->setResponseDelay(3000); // libgit2 sits in a read all that time
    auto worker = std::make_unique<git::RepositoryWorker>(remote.clone);
    QFuture<std::variant<git::FetchResult, git::RemoteError>> fetched =
        worker->fetch(QStringLiteral("origin"), QStringLiteral("main"));
    QTRY_VERIFY_WITH_TIMEOUT(remote.server->connections() > 0, 10000);

    QElapsedTimer timer;
    timer.start();
    worker.reset();
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));

    // The stuck job ends once the server answers, as cancelled, and its thread goes away.
    QTRY_VERIFY_WITH_TIMEOUT(fetched.isFinished(), 15000);
    QCOMPARE(fetched.resultCount(), 1);
    QVERIFY(std::holds_alternative<git::RemoteError>(fetched.result()));
    QVERIFY(std::get<git::RemoteError>(fetched.result()).cancelled);
}

QTEST_GUILESS_MAIN(tst_RemoteHttp)
#include "tst_remotehttp.moc"
