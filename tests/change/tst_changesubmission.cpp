// A change request from draft to pull request (issue 15, item 4) against real remotes: a
// bare repository behind a file:// URL, and the local forge (GitHub, Gitea and GitLab
// flavors) over smart HTTP with its pull-request API. What a user would check: the
// remote's branch holds exactly the change on top of the target's tip, a retry after a
// fault or a cancel lands on the same branch and the same pull request, and the checkout
// is untouched.
#include "checkoutfingerprint.h"
#include "gitfixture.h"
#include "localforgeprocess.h"
#include "smarthttpserver.h"

#include "change/changesubmission.h"
#include "git/repositoryworker.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace gitops;
using namespace gitops::change;
using gitops::test::LocalForgeProcess;
using gitops::test::runGit;
using namespace Qt::StringLiterals;

namespace {

const QByteArray deployment = "# the web tier\n"
                              "apiVersion: apps/v1\n"
                              "kind: Deployment\n"
                              "metadata:\n"
                              "  name: web # keep\n"
                              "spec:\n"
                              "  replicas: 2\n";

/// A user's clone of @p url with the app's files committed and pushed to main, some work
/// of their own left uncommitted, and a colleague who pushes to main behind their back.
struct Checkout
{
    QTemporaryDir dir;
    QString clone;
    QString colleague;

    explicit Checkout(const QString &url)
    {
        clone = dir.filePath(u"clone"_s);
        colleague = dir.filePath(u"colleague"_s);
        runGit(dir.path(), {u"clone"_s, u"-q"_s, url, clone});
        write(clone, u"apps/web/deployment.yaml"_s, deployment);
        write(clone, u"apps/web/service.yaml"_s, "kind: Service\n");
        runGit(clone, {u"add"_s, u"."_s});
        runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"web"_s});
        runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
        runGit(dir.path(), {u"clone"_s, u"-q"_s, url, colleague});
        // The user's own work: an edit and an untracked file the console must not touch.
        write(clone, u"apps/web/service.yaml"_s, "kind: Service # mine\n");
        write(clone, u"notes.txt"_s, "untracked\n");
    }

    static void write(const QString &folder, const QString &path, const QByteArray &bytes)
    {
        QDir(folder).mkpath(QFileInfo(QDir(folder).filePath(path)).path());
        QFile out(QDir(folder).filePath(path));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    }

    /// The colleague commits @p bytes to @p path and pushes to main; the new tip.
    QString colleagueCommits(const QString &path, const QByteArray &bytes)
    {
        runGit(colleague, {u"pull"_s, u"-q"_s, u"origin"_s, u"main"_s});
        write(colleague, path, bytes);
        runGit(colleague, {u"add"_s, path});
        runGit(colleague, {u"commit"_s, u"-q"_s, u"-m"_s, u"colleague: "_s + path});
        runGit(colleague, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
        return runGit(colleague, {u"rev-parse"_s, u"HEAD"_s});
    }
};

SubmissionRequest scaleWeb(const QByteArray &replicas = "5")
{
    SubmissionRequest request;
    QByteArray edited = deployment;
    edited.replace("replicas: 2", QByteArray("replicas: " + replicas));
    request.draft.files.insert(u"apps/web/deployment.yaml"_s, edited);
    request.app = u"web"_s;
    request.title = u"Scale web to "_s + QString::fromLatin1(replicas);
    request.body = u"Adopted from the cluster."_s;
    return request;
}

/// Runs one submission to its end.
struct Run
{
    std::optional<SubmissionResult> result;
    QList<SubmissionStep> steps;
};

Run submit(ChangeSubmission &submission, const SubmissionRequest &request,
           std::function<void(SubmissionStep)> onStep = {})
{
    Run run;
    QObject context;
    QObject::connect(&submission, &ChangeSubmission::stepStarted, &context,
                     [&run, onStep](SubmissionStep step, const QString &) {
                         run.steps << step;
                         if (onStep)
                             onStep(step);
                     });
    QObject::connect(&submission, &ChangeSubmission::finished, &context,
                     [&run](const SubmissionResult &result) { run.result = result; });
    submission.start(request);
    if (!QTest::qWaitFor([&run] { return run.result.has_value(); }, 60000))
        qWarning("the submission did not finish within 60 s");
    return run;
}

QString describe(const std::optional<SubmissionResult> &result)
{
    if (!result)
        return u"no result"_s;
    return u"error: "_s + result->error + u" (step "_s
        + (result->failedStep ? ChangeSubmission::stepName(*result->failedStep) : u"-"_s)
        + u", cancelled "_s + (result->cancelled ? u"yes"_s : u"no"_s) + u')';
}

/// A plain git server over smart HTTP (git http-backend behind basic auth), no forge API,
/// and a user's checkout of its acme/deploy.git whose credential helper knows the password.
struct PlainGitServer
{
    QTemporaryDir root;
    QString bare = root.filePath(u"acme/deploy.git"_s);
    test::SmartHttpServer server{root.path(), u"op"_s, u"secret"_s};
    QTemporaryDir dir;
    std::unique_ptr<Checkout> checkout;

    PlainGitServer()
    {
        QDir().mkpath(bare);
        runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
        runGit(bare, {u"config"_s, u"http.receivepack"_s, u"true"_s});
        if (!server.listen())
            return;
        const QString credentials = dir.filePath(u"credentials"_s);
        QFile out(credentials);
        if (!out.open(QIODevice::WriteOnly))
            return;
        out.write(QStringLiteral("http://op:secret@127.0.0.1:%1\n").arg(server.port()).toUtf8());
        out.close();
        const QString helper = u"store --file="_s + credentials;
        // The clone itself needs the helper to be made: git's own clone asks it too.
        qputenv("GIT_CONFIG_COUNT", "1");
        qputenv("GIT_CONFIG_KEY_0", "credential.helper");
        qputenv("GIT_CONFIG_VALUE_0", helper.toUtf8());
        checkout = std::make_unique<Checkout>(server.url(u"acme/deploy.git"_s));
        qunsetenv("GIT_CONFIG_COUNT");
        qunsetenv("GIT_CONFIG_KEY_0");
        qunsetenv("GIT_CONFIG_VALUE_0");
        runGit(checkout->clone, {u"config"_s, u"credential.helper"_s, helper});
        runGit(checkout->colleague, {u"config"_s, u"credential.helper"_s, helper});
    }
    bool ready() const { return checkout != nullptr; }
};

/// The files @p branch of @p bare changes against its first parent.
QStringList changedFiles(const QString &bare, const QString &branch)
{
    return runGit(bare, {u"diff"_s, u"--name-only"_s, branch + u"^"_s, branch})
        .split(u'\n', Qt::SkipEmptyParts);
}

/// A user's checkout of @p forge's project, cloned through git's credential-store helper
/// holding the forge's write token in @p credentials. @p keepHelper: the clone's own config
/// names that helper too; else git's credential helpers have nothing for it afterwards.
std::unique_ptr<Checkout> forgeCheckout(const LocalForgeProcess &forge, const QString &credentials,
                                        bool keepHelper)
{
    QFile out(credentials);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    const QUrl url(forge.url());
    out.write(QStringLiteral("http://forge-user:%1@127.0.0.1:%2\n")
                  .arg(QString::fromLatin1(LocalForgeProcess::writeToken()))
                  .arg(url.port())
                  .toUtf8());
    out.close();
    const QString helper = u"store --file="_s + credentials;
    // The clone itself needs the helper to be made: git's own clone asks it too.
    qputenv("GIT_CONFIG_COUNT", "1");
    qputenv("GIT_CONFIG_KEY_0", "credential.helper");
    qputenv("GIT_CONFIG_VALUE_0", helper.toUtf8());
    auto checkout = std::make_unique<Checkout>(forge.remoteUrl());
    qunsetenv("GIT_CONFIG_COUNT");
    qunsetenv("GIT_CONFIG_KEY_0");
    qunsetenv("GIT_CONFIG_VALUE_0");
    if (keepHelper)
        runGit(checkout->clone, {u"config"_s, u"credential.helper"_s, helper});
    return checkout;
}

} // namespace

class tst_ChangeSubmission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pushesTheChangeOnTheTargetTip_data();
    void pushesTheChangeOnTheTargetTip();
    void refusesAnEmptyChange();
    void cancelledPushIsFinishedByARetry();
    void rebasesOrNamesTheConflict();
    void pushesTheBranchWhereNoForgeAnswers();
    void aRetryPushesNothingTheRemoteHolds();
    void usesTheForgesTheWorkspaceFileNames();
    void refusesABrokenForgesList();
    void opensOnePullRequestAcrossFaultsAndCancels_data();
    void opensOnePullRequestAcrossFaultsAndCancels();
    void pushesOverHttpsWithTheForgeTokenWhenHelpersHaveNone_data();
    void pushesOverHttpsWithTheForgeTokenWhenHelpersHaveNone();

private:
    QTemporaryDir m_home;
};

void tst_ChangeSubmission::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qunsetenv("SSH_AUTH_SOCK");
    qputenv("GIT_CONFIG_NOSYSTEM", "1");
    qputenv("GIT_AUTHOR_NAME", "Op");
    qputenv("GIT_AUTHOR_EMAIL", "op@example.invalid");
    qputenv("GIT_COMMITTER_NAME", "Op");
    qputenv("GIT_COMMITTER_EMAIL", "op@example.invalid");
}

void tst_ChangeSubmission::pushesTheChangeOnTheTargetTip_data()
{
    QTest::addColumn<bool>("openPullRequest");
    QTest::newRow("no forge: the branch, and a warning") << true;
    QTest::newRow("--no-pr") << false;
}

void tst_ChangeSubmission::pushesTheChangeOnTheTargetTip()
{
    QFETCH(bool, openPullRequest);
    QTemporaryDir dir;
    const QString bare = dir.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    Checkout checkout(QUrl::fromLocalFile(bare).toString());
    // The remote moved on since the user's last pull: the change goes on its tip.
    const QString tip = checkout.colleagueCommits(u"apps/db/db.yaml"_s, "kind: StatefulSet\n");
    const QStringList before = test::checkoutFingerprint(checkout.clone);

    auto worker = std::make_shared<git::RepositoryWorker>(checkout.clone);
    ChangeSubmission submission(worker);
    SubmissionRequest request = scaleWeb();
    request.openPullRequest = openPullRequest; // targetBranch empty: the remote's HEAD
    const Run run = submit(submission, request);
    QVERIFY2(run.result && run.result->succeeded(), qPrintable(describe(run.result)));
    const SubmissionResult &result = *run.result;

    QVERIFY2(result.branch.startsWith(u"gitops/web/"_s), qPrintable(result.branch));
    QCOMPARE(result.branch, ChangeSubmission::branchFor(request));
    QCOMPARE(result.baseCommit, tip);
    QCOMPARE(result.files, QStringList{u"apps/web/deployment.yaml"_s});
    QCOMPARE(runGit(bare, {u"rev-parse"_s, result.branch}), result.commitId);
    QCOMPARE(runGit(bare, {u"rev-parse"_s, result.branch + u"^"_s}), tip);
    QCOMPARE(changedFiles(bare, result.branch), QStringList{u"apps/web/deployment.yaml"_s});
    QCOMPARE(runGit(bare, {u"show"_s, result.branch + u":apps/web/deployment.yaml"_s}) + u'\n',
             QString::fromUtf8(request.draft.files.first()));
    QCOMPARE(runGit(bare, {u"log"_s, u"-1"_s, u"--format=%s"_s, result.branch}), request.title);
    QVERIFY(!result.pullRequest);
    if (openPullRequest)
        QVERIFY2(result.warning.contains(u"no pull request"_s), qPrintable(result.warning));
    else
        QVERIFY2(result.warning.isEmpty(), qPrintable(result.warning));
    QCOMPARE(run.steps.constFirst(), SubmissionStep::Fetch);
    QVERIFY(run.steps.contains(SubmissionStep::Push));

    QCOMPARE(test::checkoutFingerprint(checkout.clone), before);

    // The same change again: nothing new, the same branch and commit.
    const Run again = submit(submission, request);
    QVERIFY2(again.result && again.result->succeeded(), qPrintable(describe(again.result)));
    QCOMPARE(again.result->branch, result.branch);
    QCOMPARE(again.result->commitId, result.commitId);
    QCOMPARE(again.result->files, result.files);

    // The target moved on since: the branch holds the change already, and stays.
    checkout.colleagueCommits(u"apps/db/db.yaml"_s, "kind: StatefulSet # moved\n");
    const Run moved = submit(submission, request);
    QVERIFY2(moved.result && moved.result->succeeded(), qPrintable(describe(moved.result)));
    QCOMPARE(moved.result->branch, result.branch);
    QCOMPARE(moved.result->commitId, result.commitId);
    QCOMPARE(moved.result->baseCommit, tip);
    QCOMPARE(moved.result->files, result.files);

    // A reviewer pushed onto the change's branch: the change is still there, on their
    // commit, which the local branch takes up.
    runGit(checkout.colleague, {u"fetch"_s, u"-q"_s, u"origin"_s, result.branch});
    runGit(checkout.colleague, {u"checkout"_s, u"-q"_s, u"-b"_s, u"review"_s, u"FETCH_HEAD"_s});
    Checkout::write(checkout.colleague, u"apps/web/NOTES.md"_s, "reviewed\n");
    runGit(checkout.colleague, {u"add"_s, u"."_s});
    runGit(checkout.colleague, {u"commit"_s, u"-q"_s, u"-m"_s, u"review"_s});
    runGit(checkout.colleague, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:"_s + result.branch});
    const QString reviewed = runGit(checkout.colleague, {u"rev-parse"_s, u"HEAD"_s});
    const Run afterReview = submit(submission, request);
    QVERIFY2(afterReview.result && afterReview.result->succeeded(),
             qPrintable(describe(afterReview.result)));
    QCOMPARE(afterReview.result->commitId, reviewed);
    QCOMPARE(afterReview.result->baseCommit, tip);
    QCOMPARE(afterReview.result->files,
             (QStringList{u"apps/web/NOTES.md"_s, u"apps/web/deployment.yaml"_s}));
    QCOMPARE(runGit(bare, {u"rev-parse"_s, result.branch}), reviewed);
    QCOMPARE(test::checkoutFingerprint(checkout.clone), before);
}

void tst_ChangeSubmission::refusesAnEmptyChange()
{
    QTemporaryDir dir;
    const QString bare = dir.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    Checkout checkout(bare);
    auto worker = std::make_shared<git::RepositoryWorker>(checkout.clone);
    ChangeSubmission submission(worker);

    SubmissionRequest empty;
    empty.app = u"web"_s;
    empty.title = u"Nothing"_s;
    Run run = submit(submission, empty);
    QVERIFY(run.result);
    QVERIFY(!run.result->succeeded());
    QVERIFY2(run.result->error.contains(u"empty"_s), qPrintable(run.result->error));
    QVERIFY(run.steps.isEmpty());

    // A draft that leaves the files as they are is refused by the commit, with git's words.
    SubmissionRequest same;
    same.app = u"web"_s;
    same.title = u"Same"_s;
    same.draft.files.insert(u"apps/web/deployment.yaml"_s, deployment);
    run = submit(submission, same);
    QVERIFY(run.result && !run.result->succeeded());
    QCOMPARE(run.result->failedStep, SubmissionStep::Commit);
    QVERIFY2(run.result->error.contains(u"nothing to commit"_s), qPrintable(run.result->error));
    QCOMPARE(runGit(bare, {u"for-each-ref"_s, u"refs/heads/gitops"_s}), QString());

    // A remote whose HEAD names a branch it does not have: no default branch to go to.
    runGit(bare, {u"symbolic-ref"_s, u"HEAD"_s, u"refs/heads/trunk"_s});
    run = submit(submission, scaleWeb());
    QVERIFY(run.result && !run.result->succeeded());
    QCOMPARE(run.result->failedStep, SubmissionStep::Fetch);
    QVERIFY2(run.result->error.contains(u"no default branch"_s), qPrintable(run.result->error));
    QCOMPARE(runGit(bare, {u"for-each-ref"_s, u"refs/heads/gitops"_s}), QString());
}

void tst_ChangeSubmission::cancelledPushIsFinishedByARetry()
{
    QTemporaryDir dir;
    const QString bare = dir.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    Checkout checkout(QUrl::fromLocalFile(bare).toString());
    const QStringList before = test::checkoutFingerprint(checkout.clone);
    auto worker = std::make_shared<git::RepositoryWorker>(checkout.clone);
    ChangeSubmission submission(worker);
    SubmissionRequest request = scaleWeb("7");
    request.targetBranch = u"main"_s;

    const Run cancelled = submit(submission, request, [&submission](SubmissionStep step) {
        if (step == SubmissionStep::Push)
            submission.cancel();
    });
    QVERIFY(cancelled.result);
    QVERIFY2(cancelled.result->cancelled, qPrintable(describe(cancelled.result)));
    QVERIFY(!cancelled.result->succeeded());
    QVERIFY(!submission.isRunning());

    const Run retry = submit(submission, request);
    QVERIFY2(retry.result && retry.result->succeeded(), qPrintable(describe(retry.result)));
    QCOMPARE(retry.result->branch, cancelled.result->branch);
    QCOMPARE(runGit(bare, {u"rev-parse"_s, retry.result->branch}), retry.result->commitId);
    QCOMPARE(changedFiles(bare, retry.result->branch), QStringList{u"apps/web/deployment.yaml"_s});
    QCOMPARE(test::checkoutFingerprint(checkout.clone), before);
}

void tst_ChangeSubmission::rebasesOrNamesTheConflict()
{
    QTemporaryDir dir;
    const QString bare = dir.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    Checkout checkout(QUrl::fromLocalFile(bare).toString());
    const QString editedAt = runGit(checkout.clone, {u"rev-parse"_s, u"HEAD"_s});
    auto worker = std::make_shared<git::RepositoryWorker>(checkout.clone);
    ChangeSubmission submission(worker);

    // Another file changed on main since the edit began: the change goes on the new tip.
    const QString moved =
        checkout.colleagueCommits(u"apps/web/service.yaml"_s, "kind: Service\n# x\n");
    SubmissionRequest request = scaleWeb("3");
    request.draftBase = editedAt;
    const Run rebased = submit(submission, request);
    QVERIFY2(rebased.result && rebased.result->succeeded(), qPrintable(describe(rebased.result)));
    QCOMPARE(rebased.result->baseCommit, moved);
    QCOMPARE(runGit(bare, {u"rev-parse"_s, rebased.result->branch + u"^"_s}), moved);

    // The edited file itself changed since: its name, and nothing pushed.
    checkout.colleagueCommits(u"apps/web/deployment.yaml"_s, deployment + "  paused: false\n");
    request = scaleWeb("4");
    request.draftBase = editedAt;
    const Run conflict = submit(submission, request);
    QVERIFY(conflict.result && !conflict.result->succeeded());
    QCOMPARE(conflict.result->failedStep, SubmissionStep::Commit);
    QCOMPARE(conflict.result->conflicts, QStringList{u"apps/web/deployment.yaml"_s});
    QVERIFY2(conflict.result->error.contains(u"apps/web/deployment.yaml changed on main"_s),
             qPrintable(conflict.result->error));
    QCOMPARE(
        runGit(bare, {u"for-each-ref"_s, u"refs/heads/"_s + ChangeSubmission::branchFor(request)}),
        QString());
}

void tst_ChangeSubmission::pushesTheBranchWhereNoForgeAnswers()
{
    PlainGitServer git;
    QVERIFY(git.ready());
    auto worker = std::make_shared<git::RepositoryWorker>(git.checkout->clone);
    ChangeSubmission submission(worker);
    submission.setTokenSource(QProcessEnvironment(), false);
    submission.setForgeTimeout(5000);
    const Run run = submit(submission, scaleWeb("8"));
    QVERIFY2(run.result && run.result->succeeded(), qPrintable(describe(run.result)));
    QVERIFY(!run.result->pullRequest);
    QVERIFY2(run.result->warning.contains(u"not a forge the console knows"_s),
             qPrintable(run.result->warning));
    QCOMPARE(runGit(git.bare, {u"rev-parse"_s, run.result->branch}), run.result->commitId);
}

void tst_ChangeSubmission::aRetryPushesNothingTheRemoteHolds()
{
    PlainGitServer git;
    QVERIFY(git.ready());
    auto worker = std::make_shared<git::RepositoryWorker>(git.checkout->clone);
    ChangeSubmission submission(worker);
    SubmissionRequest request = scaleWeb("4");
    request.openPullRequest = false;
    const Run first = submit(submission, request);
    QVERIFY2(first.result && first.result->succeeded(), qPrintable(describe(first.result)));
    auto pushRequests = [&git] {
        qsizetype count = 0;
        for (const QString &line : git.server.requests())
            count += line.contains(u"git-receive-pack"_s) ? 1 : 0;
        return count;
    };
    const qsizetype pushed = pushRequests();
    QVERIFY(pushed > 0);

    // Again, as after a fault in the pull-request step: the remote's branch holds the very
    // commit, so the push step says so and does not reach for the remote's receive-pack.
    const Run again = submit(submission, request);
    QVERIFY2(again.result && again.result->succeeded(), qPrintable(describe(again.result)));
    QCOMPARE(again.result->commitId, first.result->commitId);
    QVERIFY(again.steps.contains(SubmissionStep::Push));
    QCOMPARE(pushRequests(), pushed);
}

void tst_ChangeSubmission::usesTheForgesTheWorkspaceFileNames()
{
    // The team's gitops-console.yaml on main says what 127.0.0.1 runs: the console takes
    // its word instead of probing the host, and asks for that forge's token.
    PlainGitServer git;
    QVERIFY(git.ready());
    git.checkout->colleagueCommits(u"gitops-console.yaml"_s,
                                   QStringLiteral("apps:\n"
                                                  "  - name: web\n"
                                                  "    path: apps/web\n"
                                                  "forges:\n"
                                                  "  - host: 127.0.0.1\n"
                                                  "    type: gitea\n"
                                                  "    api: http://127.0.0.1:%1/api/v1\n")
                                       .arg(git.server.port())
                                       .toUtf8());
    auto worker = std::make_shared<git::RepositoryWorker>(git.checkout->clone);
    ChangeSubmission submission(worker);
    submission.setTokenSource(QProcessEnvironment(), false);
    submission.setForgeTimeout(5000);
    const Run run = submit(submission, scaleWeb("8"));
    QVERIFY(run.result);
    QCOMPARE(run.result->failedStep, SubmissionStep::PullRequest);
    QVERIFY2(run.result->error.contains(u"no token for 127.0.0.1"_s)
                 && run.result->error.contains(u"GITEA_TOKEN"_s),
             qPrintable(describe(run.result)));
    QCOMPARE(runGit(git.bare, {u"rev-parse"_s, run.result->branch}), run.result->commitId);
    for (const QString &request : git.server.requests())
        QVERIFY2(!request.contains(u"/api/"_s), qPrintable(u"probed: "_s + request));
    QVERIFY2(run.result->compareUrl.toString().startsWith(
                 u"http://127.0.0.1:%1/acme/deploy/compare/"_s.arg(git.server.port())),
             qPrintable(run.result->compareUrl.toString()));
}

void tst_ChangeSubmission::refusesABrokenForgesList()
{
    PlainGitServer git;
    QVERIFY(git.ready());
    git.checkout->colleagueCommits(u"gitops-console.yaml"_s,
                                   "apps:\n"
                                   "  - name: web\n"
                                   "    path: apps/web\n"
                                   "forges:\n"
                                   "  - host: git.example.com\n"
                                   "    type: gitlob\n");
    auto worker = std::make_shared<git::RepositoryWorker>(git.checkout->clone);
    ChangeSubmission submission(worker);
    submission.setTokenSource(QProcessEnvironment(), false);
    const Run run = submit(submission, scaleWeb("8"));
    QVERIFY(run.result);
    QCOMPARE(run.result->failedStep, SubmissionStep::Fetch);
    QVERIFY2(run.result->error.contains(u"gitops-console.yaml:6"_s)
                 && run.result->error.contains(u"gitlob"_s)
                 && run.result->error.contains(u"nothing was written"_s),
             qPrintable(describe(run.result)));
    QCOMPARE(runGit(git.bare, {u"branch"_s, u"--list"_s, u"gitops/*"_s}), QString());
}

void tst_ChangeSubmission::opensOnePullRequestAcrossFaultsAndCancels_data()
{
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QString>("tokenVariable");
    QTest::addColumn<QString>("createPath");
    QTest::newRow("github") << u"github"_s << u"GITHUB_TOKEN"_s << u"/pulls"_s;
    QTest::newRow("gitea") << u"gitea"_s << u"GITEA_TOKEN"_s << u"/pulls"_s;
    QTest::newRow("gitlab") << u"gitlab"_s << u"GITLAB_TOKEN"_s << u"/merge_requests"_s;
}

void tst_ChangeSubmission::opensOnePullRequestAcrossFaultsAndCancels()
{
    QFETCH(QString, flavor);
    QFETCH(QString, tokenVariable);
    QFETCH(QString, createPath);
    LocalForgeProcess forge(flavor);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));

    // git's own credential helper answers with the forge's token, as a user's would.
    const QString token = QString::fromLatin1(LocalForgeProcess::writeToken());
    QTemporaryDir dir;
    const auto made = forgeCheckout(forge, dir.filePath(u"credentials"_s), true);
    QVERIFY(made);
    const Checkout &checkout = *made;
    const QStringList before = test::checkoutFingerprint(checkout.clone);

    auto worker = std::make_shared<git::RepositoryWorker>(checkout.clone);
    ChangeSubmission submission(worker);
    QProcessEnvironment environment;
    environment.insert(tokenVariable, token);
    submission.setTokenSource(environment, false);
    submission.setForgeTimeout(10000);
    SubmissionRequest request = scaleWeb("6");
    request.labels = {u"gitops-console"_s};

    // 1. Cancelled in the middle of the push.
    const Run cancelled = submit(submission, request, [&submission](SubmissionStep step) {
        if (step == SubmissionStep::Push)
            submission.cancel();
    });
    QVERIFY(cancelled.result);
    QVERIFY2(cancelled.result->cancelled, qPrintable(describe(cancelled.result)));
    QCOMPARE(forge.pulls().size(), 0);

    // 2. The forge opens the pull request but the answer is lost (twice: Qt sends a request
    // again once when the connection closes before any answer).
    QVERIFY(forge.setFaults(QJsonObject{{u"rules"_s,
                                         QJsonArray{QJsonObject{{u"method"_s, u"POST"_s},
                                                                {u"path"_s, createPath},
                                                                {u"drop"_s, u"after"_s},
                                                                {u"times"_s, 2}}}}}));
    const Run lost = submit(submission, request);
    QVERIFY(lost.result);
    QVERIFY2(!lost.result->succeeded(), qPrintable(describe(lost.result)));
    QCOMPARE(lost.result->failedStep, SubmissionStep::PullRequest);
    QCOMPARE(lost.result->branch, cancelled.result->branch);
    QVERIFY(!lost.result->error.contains(token));

    // 3. The retry finds it: one pull request, on the same branch, into main. The forge
    // first limits its requests: the submission waits it out, and says so.
    QVERIFY(forge.setFaults(QJsonObject{
        {u"rules"_s,
         QJsonArray{
             QJsonObject{{u"method"_s, u"GET"_s}, {u"status"_s, 429}, {u"resetSeconds"_s, 1}}}}}));
    QSignalSpy progress(&submission, &ChangeSubmission::progress);
    const Run retry = submit(submission, request);
    QStringList said;
    for (const QList<QVariant> &arguments : std::as_const(progress))
        said << arguments.at(2).toString();
    QVERIFY2(said.join(u'\n').contains(u"127.0.0.1 limits requests: waiting until"_s),
             qPrintable(said.join(u'\n')));
    QVERIFY2(retry.result && retry.result->succeeded(), qPrintable(describe(retry.result)));
    QCOMPARE(retry.result->branch, cancelled.result->branch);
    QVERIFY(retry.result->pullRequest);
    QVERIFY(!retry.result->pullRequestCreated);
    const QJsonArray pulls = forge.pulls();
    QCOMPARE(pulls.size(), 1);
    const QJsonObject pull = pulls.first().toObject();
    QCOMPARE(pull.value(u"head"_s).toString(), retry.result->branch);
    QCOMPARE(pull.value(u"base"_s).toString(), u"main"_s);
    QCOMPARE(pull.value(u"title"_s).toString(), request.title);
    QCOMPARE(retry.result->pullRequest->number, pull.value(u"number"_s).toInt());
    QVERIFY(retry.result->pullRequest->webUrl.isValid());
    QCOMPARE(forge.branchTip(retry.result->branch), retry.result->commitId);
    QCOMPARE(forge.parents(retry.result->commitId), QStringList{forge.branchTip(u"main"_s)});

    // 4. And again, with nothing new: the same pull request, adopted.
    const Run again = submit(submission, request);
    QVERIFY2(again.result && again.result->succeeded(), qPrintable(describe(again.result)));
    QCOMPARE(again.result->pullRequest->number, retry.result->pullRequest->number);
    QCOMPARE(forge.pulls().size(), 1);

    QCOMPARE(test::checkoutFingerprint(checkout.clone), before);
}

void tst_ChangeSubmission::pushesOverHttpsWithTheForgeTokenWhenHelpersHaveNone_data()
{
    opensOnePullRequestAcrossFaultsAndCancels_data();
}

void tst_ChangeSubmission::pushesOverHttpsWithTheForgeTokenWhenHelpersHaveNone()
{
    QFETCH(QString, flavor);
    QFETCH(QString, tokenVariable);
    LocalForgeProcess forge(flavor);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    // Cloned with a helper, which the clone's config then does not name: git's credential
    // helpers have nothing for the forge, as for a user who logged in with the forge's CLI.
    QTemporaryDir dir;
    const auto made = forgeCheckout(forge, dir.filePath(u"credentials"_s), false);
    QVERIFY(made);
    const Checkout &checkout = *made;
    const QStringList before = test::checkoutFingerprint(checkout.clone);
    const QByteArray credentialsBefore = [&] {
        QFile in(dir.filePath(u"credentials"_s));
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }();

    auto worker = std::make_shared<git::RepositoryWorker>(checkout.clone);
    ChangeSubmission submission(worker);
    submission.setForgeTimeout(10000);
    const SubmissionRequest request = scaleWeb("7");

    // 1. No forge token either: the fetch fails saying both, and the window may ask for one.
    submission.setTokenSource(QProcessEnvironment(), false);
    const Run none = submit(submission, request);
    QVERIFY(none.result);
    QCOMPARE(none.result->failedStep, SubmissionStep::Fetch);
    QVERIFY2(none.result->error.contains(u"git's credential helpers have none"_s)
                 && none.result->error.contains(u"nor is there a forge token"_s)
                 && none.result->error.contains(tokenVariable),
             qPrintable(describe(none.result)));
    QCOMPARE(none.result->tokenHost, u"127.0.0.1"_s);

    // 2. A token the forge refuses: named with where it came from, never shown.
    QProcessEnvironment wrong;
    wrong.insert(tokenVariable, u"not-the-forge-token"_s);
    submission.setTokenSource(wrong, false);
    const Run refused = submit(submission, request);
    QVERIFY(refused.result);
    QCOMPARE(refused.result->failedStep, SubmissionStep::Fetch);
    QVERIFY2(refused.result->error.contains(u"refused the forge token for"_s)
                 && refused.result->error.contains(u'(' + tokenVariable + u')'),
             qPrintable(describe(refused.result)));
    QVERIFY(!refused.result->error.contains(u"not-the-forge-token"_s));

    // 3. A token that may read but not push: the push fails, saying the server refused.
    QProcessEnvironment reader;
    reader.insert(tokenVariable, QString::fromLatin1(LocalForgeProcess::readToken()));
    submission.setTokenSource(reader, false);
    const Run readOnly = submit(submission, request);
    QVERIFY(readOnly.result);
    QCOMPARE(readOnly.result->failedStep, SubmissionStep::Push);
    QVERIFY2(readOnly.result->error.contains(u"HTTP 403"_s), qPrintable(describe(readOnly.result)));
    const QString writer = forge.remoteUrlWithToken();
    QCOMPARE(runGit(dir.path(), {u"ls-remote"_s, writer, readOnly.result->branch}),
             QString());

    // 4. The forge's token in the environment: fetched, pushed and opened with it.
    QProcessEnvironment withToken;
    withToken.insert(tokenVariable, QString::fromLatin1(LocalForgeProcess::writeToken()));
    submission.setTokenSource(withToken, false);
    const Run done = submit(submission, request);
    QVERIFY2(done.result && done.result->succeeded(), qPrintable(describe(done.result)));
    QCOMPARE(forge.branchTip(done.result->branch), done.result->commitId);
    QVERIFY(done.result->pullRequest);
    QCOMPARE(forge.pulls().size(), 1);
    QCOMPARE(forge.parents(done.result->commitId), QStringList{forge.branchTip(u"main"_s)});
    QCOMPARE(done.result->files, QStringList{u"apps/web/deployment.yaml"_s});

    // The token went to no credential helper, and the checkout is as it was.
    QFile in(dir.filePath(u"credentials"_s));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QCOMPARE(in.readAll(), credentialsBefore);
    QCOMPARE(
        runGit(checkout.clone, {u"config"_s, u"--list"_s, u"--local"_s}).contains(u"credential"_s),
        false);
    QCOMPARE(test::checkoutFingerprint(checkout.clone), before);
}

QTEST_GUILESS_MAIN(tst_ChangeSubmission)
#include "tst_changesubmission.moc"
