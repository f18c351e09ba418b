#include "checkoutfingerprint.h"
#include "gitfixture.h"

#include "git/commitbuilder.h"
#include "git/repository.h"
#include "git/repositoryworker.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using gitops::test::runGit;

namespace {

void writeFile(const QString &root, const QString &path, const QByteArray &content)
{
    const QString file = QDir(root).filePath(path);
    QDir().mkpath(QFileInfo(file).absolutePath());
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(content);
}

/// A user's checkout: three commits on main, then uncommitted work (an edited file, a
/// staged edit, an untracked file) that no write may touch.
struct Checkout
{
    QTemporaryDir dir;
    QString first, second, third;

    Checkout()
    {
        const QString root = dir.path();
        runGit(root,
               {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                QStringLiteral("main")});
        runGit(
            root,
            {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Repo User")});
        runGit(root,
               {QStringLiteral("config"), QStringLiteral("user.email"),
                QStringLiteral("repo@example.invalid")});
        writeFile(root, QStringLiteral("README.md"), "readme\n");
        writeFile(root, QStringLiteral("apps/web/deploy.yaml"), "replicas: 1\nimage: web:1\n");
        writeFile(root, QStringLiteral("apps/web/svc.yaml"), "port: 80\n");
        writeFile(root, QStringLiteral("apps/api/deploy.yaml"), "replicas: 2\n");
        writeFile(root, QStringLiteral("scripts/run.sh"), "#!/bin/sh\n");
        QFile::setPermissions(QDir(root).filePath(QStringLiteral("scripts/run.sh")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                  | QFileDevice::ExeOwner);
        first = commitAll(QStringLiteral("first"));
        writeFile(root, QStringLiteral("apps/web/deploy.yaml"), "replicas: 3\nimage: web:2\n");
        writeFile(root, QStringLiteral("apps/web/hpa.yaml"), "max: 5\n");
        second = commitAll(QStringLiteral("web: scale and hpa"));
        writeFile(root, QStringLiteral("apps/api/deploy.yaml"), "replicas: 4\n");
        third = commitAll(QStringLiteral("api: four replicas"));

        writeFile(root, QStringLiteral("README.md"), "readme, edited, not staged\n");
        writeFile(root, QStringLiteral("apps/web/svc.yaml"), "port: 8080\n");
        runGit(root, {QStringLiteral("add"), QStringLiteral("apps/web/svc.yaml")});
        writeFile(root, QStringLiteral("notes.txt"), "untracked\n");
    }

    QString commitAll(const QString &message)
    {
        runGit(dir.path(), {QStringLiteral("add"), QStringLiteral("-A")});
        runGit(dir.path(),
               {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message});
        return runGit(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("HEAD")});
    }

    QString show(const QString &object) const
    {
        return runGit(dir.path(), {QStringLiteral("cat-file"), QStringLiteral("-p"), object});
    }
};

std::unique_ptr<git::Repository> openRepository(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened))
        qFatal("open: %s", qPrintable(*message));
    return std::move(std::get<std::unique_ptr<git::Repository>>(opened));
}

git::CommitRequest request(const QString &base, const QString &branch,
                           const QList<git::FileEdit> &edits)
{
    git::CommitRequest r;
    r.base = base;
    r.branch = branch;
    r.edits = edits;
    r.subject = QStringLiteral("web: scale to 5");
    r.body = QStringLiteral("Asked for in the console.");
    return r;
}

QString errorOf(const std::variant<git::CommitResult, git::CommitError> &outcome)
{
    if (const auto *error = std::get_if<git::CommitError>(&outcome))
        return error->message;
    return {};
}

/// Makes the checkout at @p root ask for signed commits: gpg.format @p format, user.signingkey
/// @p key, commit.gpgsign true, as a user's git config would.
void askForSignatures(const QString &root, const QString &format, const QString &key)
{
    runGit(root, {QStringLiteral("config"), QStringLiteral("gpg.format"), format});
    runGit(root, {QStringLiteral("config"), QStringLiteral("user.signingkey"), key});
    runGit(root,
           {QStringLiteral("config"), QStringLiteral("commit.gpgsign"), QStringLiteral("true")});
}

} // namespace

class tst_CommitBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void writesOneCommitOnANewBranch();
    void restoresAFolderFromAnotherCommit();
    void refusesAChangeThatChangesNothing();
    void refusesAnExistingBranchUnlessIdentical();
    void refusesBadEdits_data();
    void refusesBadEdits();
    void authorAndCommitter_data();
    void authorAndCommitter();
    void revertsCommitsOntoABase();
    void revertConflictsNameEachFileAndWriteNothing();
    void runsAsAWorkerJob();
    void signsWhenTheConfigAsks();
    void signsWithTheUsersGpgKey();
    void aSigningFailureWritesNothing();

private:
    std::unique_ptr<Checkout> m_checkout;
    QStringList m_before;
};

void tst_CommitBuilder::initTestCase()
{
    // The user's own ~/.gitconfig must not decide these tests: libgit2 reads HOME once.
    static QTemporaryDir home;
    qputenv("HOME", QFile::encodeName(home.path()));
    for (const char *name : {"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
                             "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE"})
        qunsetenv(name);
}

void tst_CommitBuilder::init()
{
    m_checkout = std::make_unique<Checkout>();
    m_before = test::checkoutFingerprint(m_checkout->dir.path());
}

// Every test ends here: whatever was written, the user's checkout is byte for byte the same.
#define VERIFY_CHECKOUT_UNTOUCHED()                                                                \
    QCOMPARE(test::checkoutFingerprint(m_checkout->dir.path()), m_before)

void tst_CommitBuilder::writesOneCommitOnANewBranch()
{
    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    const auto outcome =
        git::CommitBuilder(*repository)
            .commit(request(
                QStringLiteral("main"), QStringLiteral("gitops/scale-web"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"),
                                      "replicas: 5\nimage: web:2\n"),
                 git::FileEdit::write(QStringLiteral("apps/web/pdb.yaml"), "minAvailable: 1\n"),
                 git::FileEdit::remove(QStringLiteral("apps/web/hpa.yaml")),
                 git::FileEdit::write(QStringLiteral("scripts/run.sh"), "#!/bin/sh\nexit 0\n")}));
    QVERIFY2(std::holds_alternative<git::CommitResult>(outcome), qPrintable(errorOf(outcome)));
    const auto result = std::get<git::CommitResult>(outcome);
    QCOMPARE(result.branch, QStringLiteral("gitops/scale-web"));
    QCOMPARE(
        result.changedPaths,
        (QStringList{QStringLiteral("apps/web/deploy.yaml"), QStringLiteral("apps/web/hpa.yaml"),
                     QStringLiteral("apps/web/pdb.yaml"), QStringLiteral("scripts/run.sh")}));
    QVERIFY(!result.alreadyThere);

    // What git itself sees on the new branch.
    QCOMPARE(runGit(root, {QStringLiteral("rev-parse"), QStringLiteral("gitops/scale-web")}),
             result.commitId);
    QCOMPARE(runGit(root, {QStringLiteral("rev-parse"), QStringLiteral("gitops/scale-web^")}),
             m_checkout->third);
    QCOMPARE(runGit(root,
                    {QStringLiteral("diff"), QStringLiteral("--name-status"),
                     QStringLiteral("main"), QStringLiteral("gitops/scale-web")}),
             QStringLiteral("M\tapps/web/deploy.yaml\nD\tapps/web/hpa.yaml\nA\tapps/web/"
                            "pdb.yaml\nM\tscripts/run.sh"));
    QCOMPARE(m_checkout->show(QStringLiteral("gitops/scale-web:apps/web/deploy.yaml")),
             QStringLiteral("replicas: 5\nimage: web:2"));
    QCOMPARE(runGit(root,
                    {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B"),
                     QStringLiteral("gitops/scale-web")}),
             QStringLiteral("web: scale to 5\n\nAsked for in the console."));
    // An existing file keeps its mode; the staged edit of svc.yaml did not ride along.
    QCOMPARE(runGit(root,
                    {QStringLiteral("ls-tree"), QStringLiteral("gitops/scale-web"),
                     QStringLiteral("scripts/run.sh")})
                 .left(6),
             QStringLiteral("100755"));
    QCOMPARE(m_checkout->show(QStringLiteral("gitops/scale-web:apps/web/svc.yaml")),
             QStringLiteral("port: 80"));
    QCOMPARE(runGit(root, {QStringLiteral("fsck"), QStringLiteral("--no-progress")}), QString());
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::restoresAFolderFromAnotherCommit()
{
    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    const auto outcome =
        git::CommitBuilder(*repository)
            .commit(request(
                m_checkout->third, QStringLiteral("rollback/web"),
                {git::FileEdit::restoreFolder(QStringLiteral("apps/web"), m_checkout->first)}));
    QVERIFY2(std::holds_alternative<git::CommitResult>(outcome), qPrintable(errorOf(outcome)));
    // apps/web is as it was in the first commit (hpa.yaml gone), apps/api keeps the third's.
    QCOMPARE(
        runGit(root,
               {QStringLiteral("diff"), QStringLiteral("--stat"), m_checkout->first,
                QStringLiteral("rollback/web"), QStringLiteral("--"), QStringLiteral("apps/web")}),
        QString());
    QCOMPARE(m_checkout->show(QStringLiteral("rollback/web:apps/api/deploy.yaml")),
             QStringLiteral("replicas: 4"));
    QCOMPARE(
        std::get<git::CommitResult>(outcome).changedPaths,
        (QStringList{QStringLiteral("apps/web/deploy.yaml"), QStringLiteral("apps/web/hpa.yaml")}));

    // A folder that did not exist then is removed by restoring it.
    const auto removed =
        git::CommitBuilder(*repository)
            .commit(request(
                m_checkout->third, QStringLiteral("rollback/api"),
                {git::FileEdit::restoreFolder(QStringLiteral("apps/api"), m_checkout->first),
                 git::FileEdit::restoreFolder(QStringLiteral("apps/new"), m_checkout->first),
                 git::FileEdit::write(QStringLiteral("apps/new/x.yaml"), "x: 1\n"),
                 git::FileEdit::restoreFolder(QStringLiteral("apps/new"), m_checkout->first)}));
    QVERIFY2(std::holds_alternative<git::CommitResult>(removed), qPrintable(errorOf(removed)));
    QCOMPARE(std::get<git::CommitResult>(removed).changedPaths,
             QStringList{QStringLiteral("apps/api/deploy.yaml")});
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::refusesAChangeThatChangesNothing()
{
    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    const auto outcome =
        git::CommitBuilder(*repository)
            .commit(request(
                QStringLiteral("main"), QStringLiteral("gitops/noop"),
                {git::FileEdit::write(QStringLiteral("apps/api/deploy.yaml"), "replicas: 4\n")}));
    QCOMPARE(errorOf(outcome),
             QStringLiteral("nothing to commit: the change leaves the files of %1 as they are")
                 .arg(m_checkout->third.left(7)));
    QCOMPARE(
        runGit(root,
               {QStringLiteral("branch"), QStringLiteral("--list"), QStringLiteral("gitops/noop")}),
        QString());
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::refusesAnExistingBranchUnlessIdentical()
{
    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    git::CommitRequest change =
        request(QStringLiteral("main"), QStringLiteral("gitops/scale-web"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 5\n")});
    const auto first = git::CommitBuilder(*repository).commit(change);
    QVERIFY2(std::holds_alternative<git::CommitResult>(first), qPrintable(errorOf(first)));

    // The same change again (a retry): the branch already has it.
    const auto again = git::CommitBuilder(*repository).commit(change);
    QVERIFY2(std::holds_alternative<git::CommitResult>(again), qPrintable(errorOf(again)));
    QVERIFY(std::get<git::CommitResult>(again).alreadyThere);
    QCOMPARE(std::get<git::CommitResult>(again).commitId,
             std::get<git::CommitResult>(first).commitId);

    // Other content: refused, the branch keeps what it had; main (checked out) too.
    change.edits = {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 6\n")};
    QCOMPARE(errorOf(git::CommitBuilder(*repository).commit(change)),
             QStringLiteral("branch \u201cgitops/scale-web\u201d already exists (at %1) with other "
                            "content; choose another name")
                 .arg(std::get<git::CommitResult>(first).commitId.left(7)));
    QCOMPARE(runGit(root, {QStringLiteral("rev-parse"), QStringLiteral("gitops/scale-web")}),
             std::get<git::CommitResult>(first).commitId);
    change.branch = QStringLiteral("main");
    const QString onMain = errorOf(git::CommitBuilder(*repository).commit(change));
    QVERIFY2(onMain.startsWith(u"branch \u201cmain\u201d already exists"), qPrintable(onMain));
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::refusesBadEdits_data()
{
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<git::FileEdit>("edit");
    QTest::addColumn<QString>("message");
    const QString ok = QStringLiteral("gitops/x");
    const QString subject = QStringLiteral("change");
    QTest::newRow("parent step") << ok << subject
                                 << git::FileEdit::write(QStringLiteral("../x"), "x")
                                 << QStringLiteral("\u201c../x\u201d is not a path inside the "
                                                   "repository");
    QTest::newRow("absolute") << ok << subject
                              << git::FileEdit::write(QStringLiteral("/etc/x"), "x")
                              << QStringLiteral("\u201c/etc/x\u201d is not a path inside the "
                                                "repository");
    QTest::newRow("git folder") << ok << subject
                                << git::FileEdit::write(QStringLiteral("a/.git/config"), "x")
                                << QStringLiteral(
                                       "\u201ca/.git/config\u201d is inside a .git folder");
    QTest::newRow("file over folder")
        << ok << subject << git::FileEdit::write(QStringLiteral("apps/web"), "x")
        << QStringLiteral("apps/web is a folder in the base");
    QTest::newRow("folder over file")
        << ok << subject << git::FileEdit::write(QStringLiteral("README.md/x"), "x")
        << QStringLiteral("README.md is a file in the base, not a folder");
    QTest::newRow("remove missing")
        << ok << subject << git::FileEdit::remove(QStringLiteral("apps/nope.yaml"))
        << QStringLiteral("apps/nope.yaml is not in the base");
    QTest::newRow("restore from unknown")
        << ok << subject
        << git::FileEdit::restoreFolder(QStringLiteral("apps"), QStringLiteral("nope"))
        << QStringLiteral("restoring from: unknown revision \u201cnope\u201d");
    QTest::newRow("bad branch") << QStringLiteral("a..b") << subject
                                << git::FileEdit::write(QStringLiteral("x"), "x")
                                << QStringLiteral("\u201ca..b\u201d is not a valid branch name");
    QTest::newRow("no subject") << ok << QString() << git::FileEdit::write(QStringLiteral("x"), "x")
                                << QStringLiteral("the commit needs a subject");
}

void tst_CommitBuilder::refusesBadEdits()
{
    QFETCH(QString, branch);
    QFETCH(QString, subject);
    QFETCH(git::FileEdit, edit);
    QFETCH(QString, message);
    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    git::CommitRequest change = request(QStringLiteral("main"), branch, {edit});
    change.subject = subject;
    QCOMPARE(errorOf(git::CommitBuilder(*repository).commit(change)), message);
    QCOMPARE(runGit(root,
                    {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname)"),
                     QStringLiteral("refs/heads")}),
             QStringLiteral("refs/heads/main"));
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::authorAndCommitter_data()
{
    QTest::addColumn<QStringList>("environment"); // NAME=value
    QTest::addColumn<bool>("override");
    QTest::addColumn<QString>("expected"); // git log --format='%an <%ae> %at|%cn <%ce>'

    QTest::newRow("git config") << QStringList() << false
                                << QStringLiteral("Repo User <repo@example.invalid>|Repo User "
                                                  "<repo@example.invalid>");
    QTest::newRow("environment")
        << QStringList{QStringLiteral("GIT_AUTHOR_NAME=Env Author"),
                       QStringLiteral("GIT_AUTHOR_EMAIL=env@example.invalid"),
                       QStringLiteral("GIT_COMMITTER_NAME=Env Committer"),
                       QStringLiteral("GIT_AUTHOR_DATE=@1700000000 +0100")}
        << false
        << QStringLiteral("Env Author <env@example.invalid> 1700000000|Env Committer "
                          "<repo@example.invalid>");
    QTest::newRow("override") << QStringList{QStringLiteral("GIT_AUTHOR_NAME=Env Author")} << true
                              << QStringLiteral(
                                     "Operator <op@example.invalid> 1767225600|Repo User "
                                     "<repo@example.invalid>");
}

void tst_CommitBuilder::authorAndCommitter()
{
    QFETCH(QStringList, environment);
    QFETCH(bool, override);
    QFETCH(QString, expected);
    for (const QString &setting : std::as_const(environment))
        qputenv(setting.section(QLatin1Char('='), 0, 0).toLatin1().constData(),
                setting.section(QLatin1Char('='), 1).toUtf8());
    const auto cleanup = qScopeGuard([&] {
        for (const QString &setting : std::as_const(environment))
            qunsetenv(setting.section(QLatin1Char('='), 0, 0).toLatin1().constData());
    });

    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    git::CommitRequest change =
        request(QStringLiteral("main"), QStringLiteral("gitops/who"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 5\n")});
    if (override)
        change.author =
            git::Identity{QStringLiteral("Operator"), QStringLiteral("op@example.invalid"),
                          QDateTime::fromSecsSinceEpoch(1767225600)};
    const auto outcome = git::CommitBuilder(*repository).commit(change);
    QVERIFY2(std::holds_alternative<git::CommitResult>(outcome), qPrintable(errorOf(outcome)));
    const bool dated = expected.section(QLatin1Char('|'), 0, 0).back().isDigit();
    const QString format = dated ? QStringLiteral("--format=%an <%ae> %at|%cn <%ce>")
                                 : QStringLiteral("--format=%an <%ae>|%cn <%ce>");
    QCOMPARE(
        runGit(root,
               {QStringLiteral("log"), QStringLiteral("-1"), format, QStringLiteral("gitops/who")}),
        expected);
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::revertsCommitsOntoABase()
{
    const QString root = m_checkout->dir.path();
    auto repository = openRepository(root);
    git::RevertRequest one;
    one.base = QStringLiteral("main");
    one.branch = QStringLiteral("revert/web");
    one.commits = {m_checkout->second};
    const auto single = git::CommitBuilder(*repository).revert(one);
    QVERIFY2(std::holds_alternative<git::CommitResult>(single), qPrintable(errorOf(single)));
    QCOMPARE(m_checkout->show(QStringLiteral("revert/web:apps/web/deploy.yaml")),
             QStringLiteral("replicas: 1\nimage: web:1"));
    QCOMPARE(m_checkout->show(QStringLiteral("revert/web:apps/api/deploy.yaml")),
             QStringLiteral("replicas: 4"));
    QCOMPARE(runGit(root,
                    {QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B"),
                     QStringLiteral("revert/web")}),
             QStringLiteral("Revert \"web: scale and hpa\"\n\nThis reverts commit %1.")
                 .arg(m_checkout->second));

    git::RevertRequest both = one;
    both.branch = QStringLiteral("revert/both");
    both.commits = {m_checkout->third, m_checkout->second};
    const auto two = git::CommitBuilder(*repository).revert(both);
    QVERIFY2(std::holds_alternative<git::CommitResult>(two), qPrintable(errorOf(two)));
    QCOMPARE(runGit(root,
                    {QStringLiteral("diff"), QStringLiteral("--stat"), m_checkout->first,
                     QStringLiteral("revert/both")}),
             QString());
    QCOMPARE(runGit(root,
                    {QStringLiteral("rev-list"), QStringLiteral("--count"),
                     QStringLiteral("main..revert/both")}),
             QStringLiteral("1"));
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::revertConflictsNameEachFileAndWriteNothing()
{
    const QString root = m_checkout->dir.path();
    // A later commit on another branch changes the same lines the revert would restore.
    runGit(root, {QStringLiteral("branch"), QStringLiteral("later"), QStringLiteral("main")});
    auto repository = openRepository(root);
    const auto later =
        git::CommitBuilder(*repository)
            .commit(request(
                QStringLiteral("later"), QStringLiteral("later2"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 9\n"),
                 git::FileEdit::remove(QStringLiteral("apps/web/hpa.yaml"))}));
    QVERIFY2(std::holds_alternative<git::CommitResult>(later), qPrintable(errorOf(later)));

    git::RevertRequest revert;
    revert.base = QStringLiteral("later2");
    revert.branch = QStringLiteral("revert/web");
    revert.commits = {m_checkout->second};
    const auto outcome = git::CommitBuilder(*repository).revert(revert);
    QVERIFY(std::holds_alternative<git::CommitError>(outcome));
    const auto error = std::get<git::CommitError>(outcome);
    QCOMPARE(error.message,
             QStringLiteral("the revert conflicts with later changes in "
                            "apps/web/deploy.yaml; nothing was written"));
    QCOMPARE(error.conflicts.size(), 1);
    QCOMPARE(error.conflicts.first().path, QStringLiteral("apps/web/deploy.yaml"));
    QCOMPARE(error.conflicts.first().commitId, m_checkout->second);
    QCOMPARE(error.conflicts.first().reason, QStringLiteral("changed in the base since"));
    QCOMPARE(
        runGit(root,
               {QStringLiteral("branch"), QStringLiteral("--list"), QStringLiteral("revert/*")}),
        QString());
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::runsAsAWorkerJob()
{
    const QString root = m_checkout->dir.path();
    git::RepositoryWorker worker(root);
    auto future = worker.commit(
        request(QStringLiteral("main"), QStringLiteral("gitops/async"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 7\n")}));
    QFutureWatcher<std::variant<git::CommitResult, git::CommitError>> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(future);
    QVERIFY(future.isFinished() || finished.wait(10000));
    QVERIFY2(std::holds_alternative<git::CommitResult>(future.result()),
             qPrintable(errorOf(future.result())));
    QCOMPARE(m_checkout->show(QStringLiteral("gitops/async:apps/web/deploy.yaml")),
             QStringLiteral("replicas: 7"));
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::signsWhenTheConfigAsks()
{
    const QString root = m_checkout->dir.path();
    QTemporaryDir keys;
    const QString key = keys.filePath(QStringLiteral("signing_ed25519"));
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"),
                 {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                  QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
    // ssh-keygen is in the build environment's package list: its absence is a failure.
    QVERIFY2(keygen.waitForFinished(20000) && keygen.exitCode() == 0,
             qPrintable(QString::fromLocal8Bit(keygen.readAllStandardError())));
    askForSignatures(root, QStringLiteral("ssh"), key);
    m_before = test::checkoutFingerprint(root);

    auto repository = openRepository(root);
    const auto outcome =
        git::CommitBuilder(*repository)
            .commit(request(
                QStringLiteral("main"), QStringLiteral("gitops/signed"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 5\n")}));
    QVERIFY2(std::holds_alternative<git::CommitResult>(outcome), qPrintable(errorOf(outcome)));
    QVERIFY(m_checkout->show(QStringLiteral("gitops/signed"))
                .contains(QLatin1String("gpgsig -----BEGIN SSH SIGNATURE-----")));

    // git itself verifies it against the key as an allowed signer.
    QFile publicKey(key + QStringLiteral(".pub"));
    QVERIFY(publicKey.open(QIODevice::ReadOnly));
    const QString signers = keys.filePath(QStringLiteral("allowed_signers"));
    QFile allowed(signers);
    QVERIFY(allowed.open(QIODevice::WriteOnly));
    allowed.write("repo@example.invalid namespaces=\"git\" " + publicKey.readAll());
    allowed.close();
    QCOMPARE(runGit(root,
                    {QStringLiteral("-c"), QStringLiteral("gpg.ssh.allowedSignersFile=") + signers,
                     QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%G?"),
                     QStringLiteral("gitops/signed")}),
             QStringLiteral("G"));
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::signsWithTheUsersGpgKey()
{
    // An OpenPGP key in the user's own GnuPG home (a short path: gpg-agent's socket lives
    // there), made by the real gpg; the console signs through that gpg, as git would.
    const QString root = m_checkout->dir.path();
    QTemporaryDir home(QStringLiteral("/tmp/gpgXXXXXX"));
    QVERIFY(home.isValid());
    const QByteArray previous = qgetenv("GNUPGHOME");
    qputenv("GNUPGHOME", QFile::encodeName(home.path()));
    auto gpg = [](const QStringList &arguments) {
        QProcess process;
        process.start(QStringLiteral("gpg"), QStringList{QStringLiteral("--batch")} + arguments);
        const bool ran = process.waitForFinished(60000) && process.exitCode() == 0;
        return std::pair(ran,
                         QString::fromLocal8Bit(process.readAllStandardOutput()
                                                + process.readAllStandardError()));
    };
    const auto stopAgent = qScopeGuard([&home, previous] {
        QProcess::execute(QStringLiteral("gpgconf"),
                          {QStringLiteral("--homedir"), home.path(), QStringLiteral("--kill"),
                           QStringLiteral("all")});
        if (previous.isEmpty())
            qunsetenv("GNUPGHOME");
        else
            qputenv("GNUPGHOME", previous);
    });
    const auto made =
        gpg({QStringLiteral("--passphrase"), QString(), QStringLiteral("--quick-gen-key"),
             QStringLiteral("Repo <repo@example.invalid>"), QStringLiteral("ed25519"),
             QStringLiteral("sign"), QStringLiteral("never")});
    QVERIFY2(made.first, qPrintable(made.second));
    const auto listed =
        gpg({QStringLiteral("--with-colons"), QStringLiteral("--list-secret-keys")});
    QVERIFY2(listed.first, qPrintable(listed.second));
    QString fingerprint;
    for (const QString &line : listed.second.split(u'\n')) {
        if (line.startsWith(QLatin1String("fpr:"))) {
            fingerprint = line.section(u':', 9, 9);
            break;
        }
    }
    QVERIFY2(fingerprint.size() == 40, qPrintable(listed.second));
    askForSignatures(root, QStringLiteral("openpgp"), fingerprint);
    m_before = test::checkoutFingerprint(root);

    auto repository = openRepository(root);
    const auto outcome =
        git::CommitBuilder(*repository)
            .commit(request(
                QStringLiteral("main"), QStringLiteral("gitops/gpg-signed"),
                {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"), "replicas: 6\n")}));
    QVERIFY2(std::holds_alternative<git::CommitResult>(outcome), qPrintable(errorOf(outcome)));
    QVERIFY(m_checkout->show(QStringLiteral("gitops/gpg-signed"))
                .contains(QLatin1String("gpgsig -----BEGIN PGP SIGNATURE-----")));
    // git verifies it with the same gpg: a good signature by that very key.
    QCOMPARE(runGit(root,
                    {QStringLiteral("log"), QStringLiteral("-1"),
                     QStringLiteral("--format=%G? %GF"), QStringLiteral("gitops/gpg-signed")}),
             QStringLiteral("G ") + fingerprint);

    // A key the keyring does not hold: the reason, and no branch.
    runGit(root,
           {QStringLiteral("config"), QStringLiteral("user.signingkey"),
            QStringLiteral("0000000000000000000000000000000000000000")});
    const QString message =
        errorOf(git::CommitBuilder(*repository)
                    .commit(request(QStringLiteral("main"), QStringLiteral("gitops/gpg-unsigned"),
                                    {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"),
                                                          "replicas: 7\n")})));
    QVERIFY2(message.startsWith(QLatin1String(
                 "signing the commit with gpg (gpg.format openpgp, "
                 "user.signingkey 0000000000000000000000000000000000000000) failed: ")),
             qPrintable(message));
    QVERIFY2(message.endsWith(QLatin1String("; nothing was written")), qPrintable(message));
    QCOMPARE(runGit(root,
                    {QStringLiteral("branch"), QStringLiteral("--list"),
                     QStringLiteral("gitops/gpg-unsigned")}),
             QString());
    runGit(root,
           {QStringLiteral("config"), QStringLiteral("--unset"), QStringLiteral("commit.gpgsign")});
    m_before = test::checkoutFingerprint(root);
    VERIFY_CHECKOUT_UNTOUCHED();
}

void tst_CommitBuilder::aSigningFailureWritesNothing()
{
    const QString root = m_checkout->dir.path();
    askForSignatures(root, QStringLiteral("ssh"), QStringLiteral("/nonexistent/key"));
    m_before = test::checkoutFingerprint(root);

    auto repository = openRepository(root);
    const QString message =
        errorOf(git::CommitBuilder(*repository)
                    .commit(request(QStringLiteral("main"), QStringLiteral("gitops/unsigned"),
                                    {git::FileEdit::write(QStringLiteral("apps/web/deploy.yaml"),
                                                          "replicas: 5\n")})));
    QVERIFY2(message.startsWith(QLatin1String("signing the commit with ssh-keygen (gpg.format ssh, "
                                              "user.signingkey /nonexistent/key) failed: ")),
             qPrintable(message));
    QVERIFY2(message.endsWith(QLatin1String("; nothing was written")), qPrintable(message));
    QCOMPARE(runGit(root,
                    {QStringLiteral("branch"), QStringLiteral("--list"),
                     QStringLiteral("gitops/unsigned")}),
             QString());
    VERIFY_CHECKOUT_UNTOUCHED();
}

QTEST_GUILESS_MAIN(tst_CommitBuilder)
#include "tst_commitbuilder.moc"
