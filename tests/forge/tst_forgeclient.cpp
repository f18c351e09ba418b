// The GitHub, GitLab and Gitea clients against the local forge of each flavor, started
// as a process: a change's pull request is opened once, also when the connection drops
// after the forge made it; merge and close are read back; errors are typed with the
// forge's own words.
#include "localforgeprocess.h"

#include "forge/forgeclient.h"
#include "forge/pullrequestwatch.h"

#include "gitfixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops::forge;
using namespace gitops::test;
using namespace Qt::StringLiterals;

class tst_ForgeClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flavors_data();
    void opensOnce_data() { flavors_data(); }
    void opensOnce();
    void connectionDroppedAfterCreateThenRetryLeavesOnePullRequest_data() { flavors_data(); }
    void connectionDroppedAfterCreateThenRetryLeavesOnePullRequest();
    void twoOpensAtOnceShareOnePullRequest_data() { flavors_data(); }
    void twoOpensAtOnceShareOnePullRequest();
    void mergeAndCloseAreReadBack_data() { flavors_data(); }
    void mergeAndCloseAreReadBack();
    void findFollowsPages_data();
    void findFollowsPages();
    void errorsAreTypedWithTheForgesWords_data() { flavors_data(); }
    void errorsAreTypedWithTheForgesWords();
    void commitsLeadToTheirPullRequests_data() { flavors_data(); }
    void commitsLeadToTheirPullRequests();
    void reviewsAndSignaturesAreRead_data() { flavors_data(); }
    void reviewsAndSignaturesAreRead();
    void openPgpAndX509SignaturesAreVerifiedWithTheForgesKeys_data() { flavors_data(); }
    void openPgpAndX509SignaturesAreVerifiedWithTheForgesKeys();
    void listsTheConsolesOpenPullRequests_data() { flavors_data(); }
    void listsTheConsolesOpenPullRequests();
    void changedFilesAreThoseBetweenBaseAndHead_data() { flavors_data(); }
    void changedFilesAreThoseBetweenBaseAndHead();
    void reviewersAreAsked_data() { flavors_data(); }
    void reviewersAreAsked();
    void rateLimitIsWaitedOut_data() { flavors_data(); }
    void rateLimitIsWaitedOut();
    void logsRequestsWithoutTheToken();
    void gitLabBehindAProxyThatDecodesSlashes();
    void watchSeesTheMergeAndStops_data() { flavors_data(); }
    void watchSeesTheMergeAndStops();
    void unknownForgeHasNoClient();

private:
    static std::unique_ptr<ForgeClient> client(const LocalForgeProcess &forge,
                                               const QByteArray &token);
    PullRequestResult wait(const std::function<void(PullRequestCallback)> &start);
    QList<PullRequest> waitList(const std::function<void(PullRequestListCallback)> &start);
    CommitVerification verify(ForgeClient *forgeClient, const QString &sha);
    static PullRequestDraft change(const QString &branch);
};

void tst_ForgeClient::flavors_data()
{
    QTest::addColumn<QString>("flavor");
    QTest::newRow("github") << u"github"_s;
    QTest::newRow("gitlab") << u"gitlab"_s;
    QTest::newRow("gitea") << u"gitea"_s;
}

std::unique_ptr<ForgeClient> tst_ForgeClient::client(const LocalForgeProcess &forge,
                                                     const QByteArray &token)
{
    // As a user's settings name a self-hosted forge.
    const ForgeHost entry{u"127.0.0.1"_s, forgeTypeFromName(forge.flavor()), QUrl(forge.apiBase())};
    const ForgeRemote remote = ForgeRemote::fromUrl(forge.remoteUrl(), {entry});
    ForgeError error;
    std::unique_ptr<ForgeClient> result = ForgeClient::create(remote, token, &error);
    if (result)
        result->setTimeout(10000);
    return result;
}

PullRequestResult tst_ForgeClient::wait(const std::function<void(PullRequestCallback)> &start)
{
    std::optional<PullRequestResult> result;
    start([&result](const PullRequestResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    return result.value_or(PullRequestResult{});
}

QList<PullRequest>
tst_ForgeClient::waitList(const std::function<void(PullRequestListCallback)> &start)
{
    std::optional<QList<PullRequest>> result;
    start([&result](const QList<PullRequest> &items, const ForgeError &error) {
        if (error.isError())
            qWarning("%s", qPrintable(error.text()));
        result = items;
    });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    return result.value_or(QList<PullRequest>{});
}

CommitVerification tst_ForgeClient::verify(ForgeClient *forgeClient, const QString &sha)
{
    std::optional<CommitVerification> answer;
    forgeClient->verifyCommit(sha, this,
                              [&answer](const CommitVerification &v, const ForgeError &e) {
                                  if (e.isError())
                                      qWarning("%s", qPrintable(e.text()));
                                  answer = v;
                              });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    return answer.value_or(CommitVerification{false, u"no answer"_s});
}

PullRequestDraft tst_ForgeClient::change(const QString &branch)
{
    PullRequestDraft draft;
    draft.title = u"Scale the demo app"_s;
    draft.body = u"Opened by gitops-console."_s;
    draft.head = branch;
    draft.base = u"main"_s;
    draft.labels = {u"gitops-console"_s};
    return draft;
}

#define START_FORGE(forge)                                                                         \
    QFETCH(QString, flavor);                                                                       \
    LocalForgeProcess forge(flavor);                                                               \
    {                                                                                              \
        QString error;                                                                             \
        QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));         \
    }

void tst_ForgeClient::opensOnce()
{
    START_FORGE(forge);
    const QString head = forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    QVERIFY(forgeClient);

    const PullRequestResult first = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY2(!first.error.isError(), qPrintable(first.error.text()));
    QVERIFY(first.created);
    QVERIFY(first.warning.isEmpty());
    QCOMPARE(first.pullRequest->number, 1);
    QCOMPARE(first.pullRequest->state, PullRequest::State::Open);
    QCOMPARE(first.pullRequest->head, u"gitops/demo/1a2b"_s);
    QCOMPARE(first.pullRequest->headSha, head);
    QCOMPARE(first.pullRequest->labels, QStringList{u"gitops-console"_s});
    QVERIFY2(first.pullRequest->webUrl.toString().startsWith(forge.url() + u'/' + forge.project()),
             qPrintable(first.pullRequest->webUrl.toString()));

    const PullRequestResult again = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY2(!again.error.isError(), qPrintable(again.error.text()));
    QVERIFY(!again.created);
    QCOMPARE(again.pullRequest->number, 1);
    QCOMPARE(forge.pulls().size(), 1);
}

void tst_ForgeClient::connectionDroppedAfterCreateThenRetryLeavesOnePullRequest()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    forge.pushBranch(u"gitops/demo/3c4d"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    auto dropCreates = [&](int times) {
        return forge.setFaults(QJsonObject{{u"rules"_s,
                                            QJsonArray{QJsonObject{{u"method"_s, u"POST"_s},
                                                                   {u"drop"_s, u"after"_s},
                                                                   {u"times"_s, times}}}}});
    };

    // Every answer to a create is lost: the forge made the pull request, the client heard
    // nothing and says so.
    QVERIFY(dropCreates(-1));
    const PullRequestResult lost = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QCOMPARE(lost.error.kind, ForgeError::Kind::Network);
    QVERIFY(!lost.pullRequest);
    QCOMPARE(forge.pulls().size(), 1);

    // The user retries: the pull request is found and adopted, not made again.
    QVERIFY(forge.setFaults(QJsonObject{{u"rules"_s, QJsonArray{}}}));
    const PullRequestResult retried = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY2(!retried.error.isError(), qPrintable(retried.error.text()));
    QVERIFY(!retried.created);
    QCOMPARE(retried.pullRequest->number, 1);
    QCOMPARE(forge.pulls().size(), 1);

    // One answer lost: Qt sends the create again by itself and the forge answers that the
    // pull request exists; the client adopts it.
    QVERIFY(dropCreates(1));
    const PullRequestResult resent = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/3c4d"_s), this, done);
    });
    QVERIFY2(!resent.error.isError(), qPrintable(resent.error.text()));
    QCOMPARE(resent.pullRequest->number, 2);
    QCOMPARE(resent.pullRequest->head, u"gitops/demo/3c4d"_s);
    QCOMPARE(forge.pulls().size(), 2);
}

void tst_ForgeClient::twoOpensAtOnceShareOnePullRequest()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto one = client(forge, LocalForgeProcess::writeToken());
    auto other = client(forge, LocalForgeProcess::writeToken());

    std::optional<PullRequestResult> first;
    std::optional<PullRequestResult> second;
    one->open(change(u"gitops/demo/1a2b"_s), this, [&](const PullRequestResult &r) { first = r; });
    other->open(change(u"gitops/demo/1a2b"_s), this,
                [&](const PullRequestResult &r) { second = r; });
    QVERIFY(QTest::qWaitFor([&] { return first && second; }, 30000));
    QVERIFY2(!first->error.isError(), qPrintable(first->error.text()));
    QVERIFY2(!second->error.isError(), qPrintable(second->error.text()));
    QCOMPARE(first->pullRequest->number, second->pullRequest->number);
    QCOMPARE(int(first->created) + int(second->created), 1);
    QCOMPARE(forge.pulls().size(), 1);
}

void tst_ForgeClient::mergeAndCloseAreReadBack()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    forge.pushBranch(u"gitops/demo/3c4d"_s, u"service.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());

    const PullRequestResult merged = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QCOMPARE(merged.pullRequest->number, 1);
    QCOMPARE(forge.finish(1, true), 200);
    const PullRequestResult readMerged =
        wait([&](PullRequestCallback done) { forgeClient->get(1, this, done); });
    QVERIFY2(!readMerged.error.isError(), qPrintable(readMerged.error.text()));
    QCOMPARE(readMerged.pullRequest->state, PullRequest::State::Merged);
    QCOMPARE(readMerged.pullRequest->mergeCommit, forge.branchTip(u"main"_s));

    const PullRequestResult closed = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/3c4d"_s), this, done);
    });
    QCOMPARE(closed.pullRequest->number, 2);
    QCOMPARE(forge.finish(2, false), 200);
    const PullRequestResult readClosed =
        wait([&](PullRequestCallback done) { forgeClient->get(2, this, done); });
    QCOMPARE(readClosed.pullRequest->state, PullRequest::State::Closed);
    QVERIFY(readClosed.pullRequest->mergeCommit.isEmpty());

    // The merged change is adopted, not opened again; the abandoned one is opened anew.
    const PullRequestResult again = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY(!again.created);
    QCOMPARE(again.pullRequest->number, 1);
    QCOMPARE(again.pullRequest->state, PullRequest::State::Merged);
    const PullRequestResult reopened = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/3c4d"_s), this, done);
    });
    QVERIFY2(!reopened.error.isError(), qPrintable(reopened.error.text()));
    QVERIFY(reopened.created);
    QCOMPARE(reopened.pullRequest->number, 3);
    QCOMPARE(forge.pulls().size(), 3);
}

void tst_ForgeClient::findFollowsPages_data()
{
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<bool>("withoutLink");
    QTest::newRow("github") << u"github"_s << false;
    QTest::newRow("gitlab") << u"gitlab"_s << false;
    QTest::newRow("gitea") << u"gitea"_s << false;
    // A proxy in front of GitLab that drops Link: its own X-Next-Page still leads on.
    QTest::newRow("gitlab, X-Next-Page only") << u"gitlab"_s << true;
}

void tst_ForgeClient::findFollowsPages()
{
    START_FORGE(forge);
    QFETCH(bool, withoutLink);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    forgeClient->setPageSize(1);
    // One merged pull request for the branch, then two abandoned ones, newer: the merged
    // one is on the last page.
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    QCOMPARE(wait([&](PullRequestCallback done) {
                 forgeClient->createPullRequest(change(u"gitops/demo/1a2b"_s), this, done);
             }).pullRequest->number,
             1);
    QCOMPARE(forge.finish(1, true), 200);
    for (int number : {2, 3}) {
        forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy-%1.yaml"_s.arg(number));
        const PullRequestResult made = wait([&](PullRequestCallback done) {
            forgeClient->createPullRequest(change(u"gitops/demo/1a2b"_s), this, done);
        });
        QVERIFY2(made.pullRequest, qPrintable(made.error.text()));
        QCOMPARE(made.pullRequest->number, number);
        QCOMPARE(forge.finish(number, false), 200);
    }
    if (withoutLink)
        QVERIFY(
            forge.setFaults(QJsonObject{{u"rules"_s,
                                         QJsonArray{QJsonObject{{u"method"_s, u"GET"_s},
                                                                {u"path"_s, u"/merge_requests"_s},
                                                                {u"withoutHeader"_s, u"Link"_s},
                                                                {u"times"_s, -1}}}}}));
    const PullRequestResult found = wait([&](PullRequestCallback done) {
        forgeClient->findByHead(u"gitops/demo/1a2b"_s, u"main"_s, this, done);
    });
    QVERIFY2(!found.error.isError(), qPrintable(found.error.text()));
    QVERIFY(found.pullRequest);
    QCOMPARE(found.pullRequest->number, 1);
    QCOMPARE(found.pullRequest->state, PullRequest::State::Merged);
}

void tst_ForgeClient::errorsAreTypedWithTheForgesWords()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);

    auto stranger = client(forge, "revoked-token");
    const PullRequestResult badToken = wait([&](PullRequestCallback done) {
        stranger->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QCOMPARE(badToken.error.kind, ForgeError::Kind::BadToken);
    QCOMPARE(badToken.error.status, 401);
    const QString words = flavor == u"github" ? u"Bad credentials"_s
        : flavor == u"gitlab"                 ? u"401 Unauthorized"_s
                                              : u"token is required"_s;
    QCOMPARE(badToken.error.message, words);
    QVERIFY2(badToken.error.text().contains(u"127.0.0.1"_s), qPrintable(badToken.error.text()));

    auto reader = client(forge, LocalForgeProcess::readToken());
    const PullRequestResult noScope = wait(
        [&](PullRequestCallback done) { reader->open(change(u"gitops/demo/1a2b"_s), this, done); });
    QCOMPARE(noScope.error.kind, ForgeError::Kind::MissingScope);
    const QString scope = flavor == u"github" ? u"repo"_s
        : flavor == u"gitlab"                 ? u"api"_s
                                              : u"write:repository"_s;
    QCOMPARE(noScope.error.scope, scope);
    QVERIFY2(noScope.error.text().contains(u'`' + scope + u'`'), qPrintable(noScope.error.text()));

    auto writer = client(forge, LocalForgeProcess::writeToken());
    QVERIFY(forge.setFaults(QJsonObject{
        {u"rules"_s,
         QJsonArray{QJsonObject{{u"status"_s, 500}, {u"message"_s, u"database unavailable"_s}},
                    QJsonObject{{u"status"_s, 429}, {u"resetSeconds"_s, 120}}}}}));
    const PullRequestResult serverError = wait(
        [&](PullRequestCallback done) { writer->open(change(u"gitops/demo/1a2b"_s), this, done); });
    QCOMPARE(serverError.error.kind, ForgeError::Kind::ServerError);
    QCOMPARE(serverError.error.status, 500);
    QCOMPARE(serverError.error.message, u"database unavailable"_s);
    const PullRequestResult limited = wait(
        [&](PullRequestCallback done) { writer->open(change(u"gitops/demo/1a2b"_s), this, done); });
    QCOMPARE(limited.error.kind, ForgeError::Kind::RateLimited);
    const qint64 resetIn = QDateTime::currentDateTimeUtc().secsTo(limited.error.retryAt);
    QVERIFY2(resetIn > 100 && resetIn <= 121, qPrintable(QString::number(resetIn)));
    QCOMPARE(forge.pulls().size(), 0);

    const PullRequestResult missing =
        wait([&](PullRequestCallback done) { writer->get(42, this, done); });
    QCOMPARE(missing.error.kind, ForgeError::Kind::NotFound);

    PullRequestDraft unlabelled = change(u"gitops/demo/1a2b"_s);
    unlabelled.labels = {u"no-such-label"_s};
    if (flavor == u"gitea") {
        // Gitea needs ids: an unknown name is refused before anything is made.
        const PullRequestResult noLabel =
            wait([&](PullRequestCallback done) { writer->open(unlabelled, this, done); });
        QCOMPARE(noLabel.error.kind, ForgeError::Kind::Validation);
        QVERIFY2(noLabel.error.message.contains(u"no-such-label"_s),
                 qPrintable(noLabel.error.message));
        QCOMPARE(forge.pulls().size(), 0);
    }

    if (flavor != u"gitlab") {
        // main itself has nothing main lacks (GitLab accepts such a merge request).
        forge.pushBranch(u"same"_s, u"deploy.yaml"_s);
        QVERIFY(wait([&](PullRequestCallback done) {
                    writer->open(change(u"same"_s), this, done);
                }).created);
        QCOMPARE(forge.finish(1, true), 200);
        const PullRequestResult nothing = wait([&](PullRequestCallback done) {
            writer->createPullRequest(change(u"same"_s), this, done);
        });
        QCOMPARE(nothing.error.kind, ForgeError::Kind::Validation);
        const QString refusal = flavor == u"github"
            ? u"No commits between main and same"_s
            : u"There are no changes between the head and the base"_s;
        QVERIFY2(nothing.error.message.contains(refusal), qPrintable(nothing.error.message));
    }
}

void tst_ForgeClient::commitsLeadToTheirPullRequests()
{
    START_FORGE(forge);
    const QString before = forge.branchTip(u"main"_s);
    const QString head = forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    QCOMPARE(wait([&](PullRequestCallback done) {
                 forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
             }).pullRequest->number,
             1);

    auto numbers = [&](const QString &sha) {
        QList<int> result;
        for (const PullRequest &pr : waitList([&](PullRequestListCallback done) {
                 forgeClient->pullRequestsForCommit(sha, this, done);
             }))
            result << pr.number;
        return result;
    };
    // While open: GitHub and GitLab know it holds the commit; Gitea names merges only.
    QCOMPARE(numbers(head), flavor == u"gitea" ? QList<int>{} : QList<int>{1});
    QCOMPARE(numbers(before), QList<int>{});

    QCOMPARE(forge.finish(1, true), 200);
    const QString merge = forge.branchTip(u"main"_s);
    QCOMPARE(numbers(head), QList<int>{1});
    QCOMPARE(numbers(merge), QList<int>{1});
    QCOMPARE(numbers(before), QList<int>{});
}

void tst_ForgeClient::reviewsAndSignaturesAreRead()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    const PullRequestResult opened = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY(opened.pullRequest);
    // alice approves; bob only comments; carol approves, then asks for changes.
    QCOMPARE(forge.review(1, u"alice"_s), 200);
    QCOMPARE(forge.review(1, u"bob"_s, u"COMMENTED"_s), 200);
    QCOMPARE(forge.review(1, u"carol"_s), 200);
    QCOMPARE(forge.review(1, u"carol"_s, u"CHANGES_REQUESTED"_s), 200);
    QCOMPARE(forge.mergeAs(1, u"dave"_s), 200);

    const PullRequestResult read = wait([&](PullRequestCallback done) {
        forgeClient->readReviews(*opened.pullRequest, this, done);
    });
    QVERIFY2(!read.error.isError(), qPrintable(read.error.text()));
    QVERIFY(read.pullRequest->approvalsRead);
    QCOMPARE(read.pullRequest->state, PullRequest::State::Merged);
    QCOMPARE(read.pullRequest->author, u"forge-user"_s);
    QCOMPARE(read.pullRequest->mergedBy, u"dave"_s);
    QVERIFY(read.pullRequest->mergedAt.isValid());
    QCOMPARE(read.pullRequest->approvals.size(), 1);
    QCOMPARE(read.pullRequest->approvals.first().user, u"alice"_s);
    // GitLab's free tier does not say when an approval was given.
    QCOMPARE(read.pullRequest->approvals.first().time.isValid(), flavor != u"gitlab");

    // An ssh-signed commit pushed to main, signed with a throwaway key the forge knows.
    QTemporaryDir dir;
    const QString key = dir.filePath(u"signing"_s);
    QProcess keygen;
    keygen.start(
        u"ssh-keygen"_s,
        {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-C"_s, u"signer"_s, u"-f"_s, key});
    QVERIFY(keygen.waitForFinished(30000) && keygen.exitCode() == 0);
    QFile publicKey(key + u".pub"_s);
    QVERIFY(publicKey.open(QIODevice::ReadOnly));
    const QByteArray pub = publicKey.readAll().trimmed();
    const QString clone = dir.filePath(u"clone"_s);
    const QString withToken = forge.remoteUrlWithToken();
    runGit(dir.path(), {u"clone"_s, u"--quiet"_s, withToken, clone});
    const QString unsignedCommit = runGit(clone, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    QFile file(clone + u"/signed.txt"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("signed\n");
    file.close();
    runGit(clone, {u"add"_s, u"signed.txt"_s});
    runGit(clone,
           {u"-c"_s, u"gpg.format=ssh"_s, u"-c"_s, u"user.signingkey="_s + key, u"commit"_s,
            u"--quiet"_s, u"-S"_s, u"-m"_s, u"signed"_s});
    runGit(clone, {u"push"_s, u"--quiet"_s, u"origin"_s, u"HEAD:main"_s});
    const QString signedCommit = runGit(clone, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    QCOMPARE(forge.branchTip(u"main"_s), signedCommit);

    auto verify = [&](const QString &sha) { return this->verify(forgeClient.get(), sha); };
    // The forge knows no key yet: signed, not verified.
    const CommitVerification unknownKey = verify(signedCommit);
    QVERIFY(!unknownKey.verified);
    QCOMPARE(unknownKey.reason,
             flavor == u"github"       ? u"unknown_key"_s
                 : flavor == u"gitlab" ? u"unknown_key"_s
                                       : u"gpg.error.no_committer_account"_s);
    QVERIFY(forge.setSigners("committer@example.invalid namespaces=\"git\" " + pub + '\n'));
    const CommitVerification good = verify(signedCommit);
    QVERIFY2(good.verified, qPrintable(good.reason));
    QCOMPARE(good.reason,
             flavor == u"github"       ? u"valid"_s
                 : flavor == u"gitlab" ? u"verified"_s
                                       : u"committer@example.invalid / ssh"_s);
    const CommitVerification none = verify(unsignedCommit);
    QVERIFY(!none.verified);
    QCOMPARE(none.reason, flavor == u"gitea" ? u"gpg.error.not_signed_commit"_s : u"unsigned"_s);
}

namespace {

// Runs gpg or gpgsm with GNUPGHOME=@p home; its output, or nullopt (and a warning).
std::optional<QByteArray> gnupg(const QString &program, const QString &home,
                                const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"GNUPGHOME"_s, home);
    process.setProcessEnvironment(environment);
    // gpgsm --gen-key waits for an open stdin to end.
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, QStringList{u"--batch"_s} + arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning("%s %s: %s", qPrintable(program), qPrintable(arguments.join(u' ')),
                 process.readAllStandardError().constData());
        process.kill();
        process.waitForFinished(1000);
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

// The first fingerprint of a --with-colons listing.
QString firstFingerprint(const QByteArray &colons)
{
    for (const QByteArray &line : colons.split('\n'))
        if (line.startsWith("fpr:"))
            return QString::fromLatin1(line.split(':').value(9));
    return {};
}

bool appendTo(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::Append) && file.write(data) == data.size();
}

} // namespace

void tst_ForgeClient::openPgpAndX509SignaturesAreVerifiedWithTheForgesKeys()
{
    QFETCH(QString, flavor);
    // The committer's GnuPG home and the forge's (its users' keys, its trusted roots), made
    // by the real gpg and gpgsm; short paths, as gpg-agent's sockets live there.
    QTemporaryDir signerHome(u"/tmp/gpgXXXXXX"_s);
    QTemporaryDir forgeHome(u"/tmp/gpgXXXXXX"_s);
    QVERIFY(signerHome.isValid() && forgeHome.isValid());
    const auto stopAgents = qScopeGuard([&] {
        for (const QString &home : {signerHome.path(), forgeHome.path()}) {
            QProcess gpgconf;
            gpgconf.start(u"gpgconf"_s, {u"--homedir"_s, home, u"--kill"_s, u"all"_s});
            gpgconf.waitForFinished(10000);
        }
    });
    const QString signer = signerHome.path();
    const QStringList noPassphrase{u"--pinentry-mode"_s, u"loopback"_s, u"--passphrase"_s,
                                   QString()};

    // An OpenPGP key with the committer's address, and one that names another address.
    QVERIFY(gnupg(u"gpg"_s, signer,
                  noPassphrase
                      + QStringList{u"--quick-gen-key"_s,
                                    u"Test Committer <committer@example.invalid>"_s, u"ed25519"_s,
                                    u"sign"_s, u"never"_s}));
    const QString key = firstFingerprint(
        gnupg(u"gpg"_s, signer, {u"--with-colons"_s, u"--list-secret-keys"_s}).value_or(""));
    QCOMPARE(key.size(), 40);
    QVERIFY(
        gnupg(u"gpg"_s, signer,
              noPassphrase
                  + QStringList{u"--quick-gen-key"_s, u"Someone Else <someone@example.invalid>"_s,
                                u"ed25519"_s, u"sign"_s, u"never"_s}));
    QString otherKey;
    for (const QByteArray &line :
         gnupg(u"gpg"_s, signer, {u"--with-colons"_s, u"--list-secret-keys"_s})
             .value_or("")
             .split('\n'))
        if (line.startsWith("fpr:") && !line.contains(key.toLatin1()))
            otherKey = QString::fromLatin1(line.split(':').value(9));
    QCOMPARE(otherKey.size(), 40);

    // A self-signed X.509 certificate for the committer's address, which the committer's
    // gpgsm trusts (it refuses to sign with an untrusted chain).
    const QString request = signerHome.filePath(u"certificate.txt"_s);
    QVERIFY(appendTo(request,
                     "Key-Type: RSA\n"
                     "Key-Length: 2048\n"
                     "Key-Usage: sign\n"
                     "Serial: 4711\n"
                     "Name-DN: CN=Test Committer,O=Example\n"
                     "Name-Email: committer@example.invalid\n"
                     "Subject-Key-Id: 0102030405060708090A0B0C0D0E0F1011121314\n"
                     "Authority-Key-Id: 0102030405060708090A0B0C0D0E0F1011121314\n"));
    const QByteArray certificate =
        gnupg(u"gpgsm"_s, signer, noPassphrase + QStringList{u"--armor"_s, u"--gen-key"_s, request})
            .value_or("");
    QVERIFY(certificate.startsWith("-----BEGIN CERTIFICATE-----"));
    const QString certificateFile = signerHome.filePath(u"certificate.pem"_s);
    QVERIFY(appendTo(certificateFile, certificate));
    QVERIFY(gnupg(u"gpgsm"_s, signer, {u"--import"_s, certificateFile}));
    const QString x509 = firstFingerprint(
        gnupg(u"gpgsm"_s, signer, {u"--with-colons"_s, u"--list-secret-keys"_s}).value_or(""));
    QCOMPARE(x509.size(), 40);
    QVERIFY(appendTo(signerHome.filePath(u"trustlist.txt"_s), x509.toLatin1() + " S relax\n"));

    LocalForgeProcess forge(flavor);
    {
        QString error;
        QVERIFY2(
            forge.start(QStringLiteral(LOCAL_FORGE), {u"--gnupghome"_s, forgeHome.path()}, &error),
            qPrintable(error));
    }
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    QVERIFY(forgeClient);

    // Three commits on main, signed by the real git with gpg and gpgsm.
    QTemporaryDir dir;
    const QString clone = dir.filePath(u"clone"_s);
    const QString withToken = forge.remoteUrlWithToken();
    runGit(dir.path(), {u"clone"_s, u"--quiet"_s, withToken, clone});
    const QByteArray previousHome = qgetenv("GNUPGHOME");
    qputenv("GNUPGHOME", QFile::encodeName(signer));
    auto sign = [&](const QString &format, const QString &signingKey, const QString &message) {
        QFile file(clone + u"/signed.txt"_s);
        if (!file.open(QIODevice::Append))
            return QString();
        file.write(message.toUtf8() + '\n');
        file.close();
        runGit(clone, {u"add"_s, u"signed.txt"_s});
        runGit(clone,
               {u"-c"_s, u"gpg.format="_s + format, u"-c"_s, u"user.signingkey="_s + signingKey,
                u"commit"_s, u"--quiet"_s, u"-S"_s, u"-m"_s, message});
        return runGit(clone, {u"rev-parse"_s, u"HEAD"_s});
    };
    const QString openPgpCommit = sign(u"openpgp"_s, key, u"signed with gpg"_s);
    const QString otherAddressCommit = sign(u"openpgp"_s, otherKey, u"signed by someone else"_s);
    const QString x509Commit = sign(u"x509"_s, x509, u"signed with gpgsm"_s);
    if (previousHome.isNull())
        qunsetenv("GNUPGHOME");
    else
        qputenv("GNUPGHOME", previousHome);
    QVERIFY(!openPgpCommit.isEmpty() && !otherAddressCommit.isEmpty() && !x509Commit.isEmpty());
    runGit(clone, {u"push"_s, u"--quiet"_s, u"origin"_s, u"HEAD:main"_s});
    QCOMPARE(forge.branchTip(u"main"_s), x509Commit);

    const bool github = flavor == u"github";
    const bool gitlab = flavor == u"gitlab";
    // The forge's GnuPG home lacks the key and the certificate: signed, not verified.
    CommitVerification answer = verify(forgeClient.get(), openPgpCommit);
    QVERIFY(!answer.verified);
    QCOMPARE(answer.reason, github || gitlab ? u"unknown_key"_s : u"gpg.error.no_gpg_keys_found"_s);
    answer = verify(forgeClient.get(), x509Commit);
    QVERIFY(!answer.verified);
    QCOMPARE(answer.reason,
             github       ? u"bad_cert"_s
                 : gitlab ? u"unverified"_s
                          : u"gpg.error.extract_sign"_s);

    // The committer uploads both public keys; the forge holds the certificate, untrusted.
    const QString exported = signerHome.filePath(u"keys.asc"_s);
    QVERIFY(appendTo(
        exported,
        gnupg(u"gpg"_s, signer, {u"--armor"_s, u"--export"_s, key, otherKey}).value_or("")));
    QVERIFY(gnupg(u"gpg"_s, forgeHome.path(), {u"--import"_s, exported}));
    QVERIFY(gnupg(u"gpgsm"_s, forgeHome.path(), {u"--import"_s, certificateFile}));
    answer = verify(forgeClient.get(), openPgpCommit);
    QVERIFY2(answer.verified, qPrintable(answer.reason));
    QCOMPARE(answer.reason,
             github       ? u"valid"_s
                 : gitlab ? u"verified"_s
                          : u"committer@example.invalid / "_s + key.right(16));
    // A known key whose identities lack the committer's address.
    answer = verify(forgeClient.get(), otherAddressCommit);
    QVERIFY(!answer.verified);
    QCOMPARE(answer.reason,
             github       ? u"bad_email"_s
                 : gitlab ? u"other_user"_s
                          : u"gpg.error.no_gpg_keys_found"_s);
    answer = verify(forgeClient.get(), x509Commit);
    QVERIFY(!answer.verified);
    QCOMPARE(answer.reason,
             github       ? u"bad_cert"_s
                 : gitlab ? u"unverified"_s
                          : u"gpg.error.extract_sign"_s);

    // The forge trusts the certificate as a root: GitHub and GitLab verify it; Gitea
    // cannot read X.509 signatures at all.
    QVERIFY(appendTo(forgeHome.filePath(u"trustlist.txt"_s), x509.toLatin1() + " S relax\n"));
    answer = verify(forgeClient.get(), x509Commit);
    QCOMPARE(answer.verified, github || gitlab);
    QCOMPARE(answer.reason,
             github       ? u"valid"_s
                 : gitlab ? u"verified"_s
                          : u"gpg.error.extract_sign"_s);
}

void tst_ForgeClient::listsTheConsolesOpenPullRequests()
{
    START_FORGE(forge);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    forgeClient->setPageSize(1);
    for (const QString &branch : {u"gitops/demo/aaaa"_s, u"gitops/demo/bbbb"_s, u"feature/x"_s}) {
        forge.pushBranch(branch, u"deploy.yaml"_s);
        QVERIFY(wait([&](PullRequestCallback done) {
                    forgeClient->open(change(branch), this, done);
                }).created);
    }
    QCOMPARE(forge.finish(2, false), 200);

    const QList<PullRequest> console = waitList(
        [&](PullRequestListCallback done) { forgeClient->listOpen(u"gitops/"_s, this, done); });
    QCOMPARE(console.size(), 1);
    QCOMPARE(console.at(0).head, u"gitops/demo/aaaa"_s);
    const QList<PullRequest> all = waitList(
        [&](PullRequestListCallback done) { forgeClient->listOpen(QString(), this, done); });
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).head, u"feature/x"_s); // newest first
}

void tst_ForgeClient::changedFilesAreThoseBetweenBaseAndHead()
{
    START_FORGE(forge);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    // One file a page: the pages are followed.
    forgeClient->setPageSize(1);

    // A person's branch, pushed over HTTPS with the token: a file added in a folder, one
    // edited, one renamed; main moves on meanwhile with a change of its own.
    QTemporaryDir dir;
    const QString work = dir.filePath(u"work"_s);
    const QString url = forge.remoteUrlWithToken();
    runGit(dir.path(), {u"clone"_s, u"--quiet"_s, url, work});
    const auto write = [&work](const QString &path, const QByteArray &bytes) {
        QDir().mkpath(QFileInfo(QDir(work).filePath(path)).path());
        QFile file(QDir(work).filePath(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(u"old/name.yaml"_s, "kind: ConfigMap\nmetadata:\n  name: renamed\ndata:\n  a: '1'\n");
    runGit(work, {u"add"_s, u"."_s});
    runGit(work, {u"commit"_s, u"--quiet"_s, u"-m"_s, u"start"_s});
    runGit(work, {u"push"_s, u"--quiet"_s, u"origin"_s, u"main"_s});
    runGit(work, {u"checkout"_s, u"--quiet"_s, u"-b"_s, u"feature/x"_s});
    write(u"apps/web/deploy.yaml"_s, "kind: Deployment\n");
    write(u"README.md"_s, "changed\n");
    QDir(work).mkpath(u"new"_s);
    runGit(work, {u"mv"_s, u"old/name.yaml"_s, u"new/name.yaml"_s});
    runGit(work, {u"add"_s, u"."_s});
    runGit(work, {u"commit"_s, u"--quiet"_s, u"-m"_s, u"by hand"_s});
    runGit(work, {u"push"_s, u"--quiet"_s, u"origin"_s, u"feature/x"_s});
    runGit(work, {u"checkout"_s, u"--quiet"_s, u"main"_s});
    write(u"main-only.yaml"_s, "kind: Namespace\n");
    runGit(work, {u"add"_s, u"."_s});
    runGit(work, {u"commit"_s, u"--quiet"_s, u"-m"_s, u"main moves on"_s});
    runGit(work, {u"push"_s, u"--quiet"_s, u"origin"_s, u"main"_s});

    PullRequestDraft draft = change(u"feature/x"_s);
    draft.labels.clear();
    const PullRequestResult made =
        wait([&](PullRequestCallback done) { forgeClient->open(draft, this, done); });
    QVERIFY2(made.pullRequest, qPrintable(made.error.text()));

    const auto filesOf = [&](int number) {
        std::optional<std::pair<QStringList, ForgeError>> answer;
        forgeClient->changedFiles(number, this,
                                  [&answer](const QStringList &paths, const ForgeError &error) {
                                      answer = std::make_pair(paths, error);
                                  });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000))
            qWarning("no answer within 30 s");
        return answer.value_or(std::make_pair(QStringList(), ForgeError()));
    };
    // What the branch changes since it left main, not main's own change; both sides of the
    // rename.
    const auto [paths, error] = filesOf(made.pullRequest->number);
    QVERIFY2(!error.isError(), qPrintable(error.text()));
    QCOMPARE(paths,
             (QStringList{u"README.md"_s, u"apps/web/deploy.yaml"_s, u"new/name.yaml"_s,
                          u"old/name.yaml"_s}));
    const auto [none, missing] = filesOf(42);
    QVERIFY(none.isEmpty());
    QCOMPARE(missing.kind, ForgeError::Kind::NotFound);
}

void tst_ForgeClient::reviewersAreAsked()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    forge.pushBranch(u"gitops/demo/3c4d"_s, u"service.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());

    PullRequestDraft reviewed = change(u"gitops/demo/1a2b"_s);
    reviewed.reviewers = {u"alice"_s, u"bob"_s};
    const PullRequestResult opened =
        wait([&](PullRequestCallback done) { forgeClient->open(reviewed, this, done); });
    QVERIFY2(opened.created, qPrintable(opened.error.text()));
    QVERIFY2(opened.warning.isEmpty(), qPrintable(opened.warning));
    QCOMPARE(opened.pullRequest->reviewers, (QStringList{u"alice"_s, u"bob"_s}));
    const PullRequestResult read =
        wait([&](PullRequestCallback done) { forgeClient->get(1, this, done); });
    QCOMPARE(read.pullRequest->reviewers, (QStringList{u"alice"_s, u"bob"_s}));
    QCOMPARE(read.pullRequest->labels, QStringList{u"gitops-console"_s});

    PullRequestDraft stranger = change(u"gitops/demo/3c4d"_s);
    stranger.reviewers = {u"mallory"_s};
    const PullRequestResult refused =
        wait([&](PullRequestCallback done) { forgeClient->open(stranger, this, done); });
    if (flavor == u"gitlab") {
        // Reviewers are part of GitLab's create: nobody unknown, nothing made.
        QCOMPARE(refused.error.kind, ForgeError::Kind::Validation);
        QVERIFY2(refused.error.message.contains(u"mallory"_s), qPrintable(refused.error.message));
        QCOMPARE(forge.pulls().size(), 1);
    } else {
        // A second request on GitHub and Gitea: the pull request stands, the user is told.
        QVERIFY(refused.created);
        QVERIFY2(refused.warning.contains(u"reviewers not asked"_s), qPrintable(refused.warning));
        QCOMPARE(forge.pulls().size(), 2);
    }
}

void tst_ForgeClient::rateLimitIsWaitedOut()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    QVERIFY(forge.setFaults(QJsonObject{
        {u"rules"_s,
         QJsonArray{
             QJsonObject{{u"method"_s, u"POST"_s}, {u"status"_s, 429}, {u"resetSeconds"_s, 1}}}}}));
    QSignalSpy waiting(forgeClient.get(), &ForgeClient::waitingForRateLimit);

    const PullRequestResult opened = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY2(!opened.error.isError(), qPrintable(opened.error.text()));
    QVERIFY(opened.created);
    QCOMPARE(waiting.count(), 1);
    QCOMPARE(waiting.at(0).at(0).toString(), u"127.0.0.1"_s);
    QCOMPARE(forge.pulls().size(), 1);

    // Told not to wait, the client says when to come back.
    forgeClient->setLongestRateLimitWait(0);
    forge.pushBranch(u"gitops/demo/3c4d"_s, u"deploy.yaml"_s);
    QVERIFY(forge.setFaults(QJsonObject{{u"rules"_s,
                                         QJsonArray{QJsonObject{{u"method"_s, u"POST"_s},
                                                                {u"status"_s, 429},
                                                                {u"resetSeconds"_s, 30}}}}}));
    const PullRequestResult limited = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/3c4d"_s), this, done);
    });
    QCOMPARE(limited.error.kind, ForgeError::Kind::RateLimited);
    QVERIFY(limited.error.retryAt > QDateTime::currentDateTimeUtc());
    QCOMPARE(waiting.count(), 1);

    if (flavor == u"github") {
        // GitHub's secondary limit: 403 with Retry-After, waited out like the others.
        forgeClient->setLongestRateLimitWait(60);
        QVERIFY(forge.setFaults(
            QJsonObject{{u"rules"_s,
                         QJsonArray{QJsonObject{
                             {u"method"_s, u"POST"_s},
                             {u"status"_s, 403},
                             {u"resetSeconds"_s, 1},
                             {u"message"_s, u"You have exceeded a secondary rate limit."_s}}}}}));
        const PullRequestResult secondary = wait([&](PullRequestCallback done) {
            forgeClient->open(change(u"gitops/demo/3c4d"_s), this, done);
        });
        QVERIFY2(secondary.created, qPrintable(secondary.error.text()));
        QCOMPARE(waiting.count(), 2);
    }
}

namespace {
QStringList *capturedMessages = nullptr;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (capturedMessages)
        capturedMessages->append(message);
}
} // namespace

void tst_ForgeClient::logsRequestsWithoutTheToken()
{
    LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());

    QLoggingCategory::setFilterRules(u"gitops.forge.debug=true"_s);
    QStringList messages;
    capturedMessages = &messages;
    const QtMessageHandler previous = qInstallMessageHandler(capture);
    const PullRequestResult opened = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    qInstallMessageHandler(previous);
    capturedMessages = nullptr;
    QLoggingCategory::setFilterRules(QString());

    QVERIFY2(opened.created, qPrintable(opened.error.text()));
    const QString log = messages.join(u'\n');
    QVERIFY2(log.contains(u"POST"_s) && log.contains(u"/api/v3/repos/acme/deploy/pulls"_s),
             qPrintable(log));
    QVERIFY2(!log.contains(QString::fromLatin1(LocalForgeProcess::writeToken())), qPrintable(log));
    QVERIFY2(!log.contains(u"Scale the demo app"_s), qPrintable(log)); // nor the body
}

void tst_ForgeClient::gitLabBehindAProxyThatDecodesSlashes()
{
    LocalForgeProcess forge(u"gitlab"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {u"--decode-slashes"_s}, &error),
             qPrintable(error));
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());

    // acme%2Fplatform%2Fdeploy arrives as acme/platform/deploy: found by its numeric id.
    const PullRequestResult opened = wait([&](PullRequestCallback done) {
        forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
    });
    QVERIFY2(opened.created, qPrintable(opened.error.text()));
    QCOMPARE(forge.pulls().size(), 1);
    const PullRequestResult read =
        wait([&](PullRequestCallback done) { forgeClient->get(1, this, done); });
    QCOMPARE(read.pullRequest->head, u"gitops/demo/1a2b"_s);

    // A project that is not there is still NotFound.
    const ForgeHost entry{u"127.0.0.1"_s, ForgeType::GitLab, QUrl(forge.apiBase())};
    ForgeError unsupported;
    auto lost = ForgeClient::create(
        ForgeRemote::fromUrl(forge.url() + u"/acme/platform/missing.git"_s, {entry}),
        LocalForgeProcess::writeToken(), &unsupported);
    const PullRequestResult missing = wait(
        [&](PullRequestCallback done) { lost->open(change(u"gitops/demo/1a2b"_s), this, done); });
    QCOMPARE(missing.error.kind, ForgeError::Kind::NotFound);
}

void tst_ForgeClient::watchSeesTheMergeAndStops()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    auto forgeClient = client(forge, LocalForgeProcess::writeToken());
    QVERIFY(wait([&](PullRequestCallback done) {
                forgeClient->open(change(u"gitops/demo/1a2b"_s), this, done);
            }).created);

    PullRequestWatch watch(forgeClient.get(), 1);
    watch.setInterval(100);
    QSignalSpy changed(&watch, &PullRequestWatch::changed);
    QSignalSpy finished(&watch, &PullRequestWatch::finished);
    QSignalSpy problems(&watch, &PullRequestWatch::problem);
    watch.start();
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.last().at(0).value<PullRequest>().state, PullRequest::State::Open);
    QTest::qWait(350); // polls that find nothing new say nothing
    QCOMPARE(changed.count(), 1);

    // A forge that fails for a while: told, still watching.
    QVERIFY(forge.setFaults(QJsonObject{
        {u"rules"_s, QJsonArray{QJsonObject{{u"method"_s, u"GET"_s}, {u"status"_s, 502}}}}}));
    // The admin calls spin the event loop until the forge answers, so on a busy machine the
    // watch's next poll may already have been answered inside them: count, do not wait for
    // a signal still to come (QSignalSpy::wait() misses one emitted before it).
    QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 10000);
    QCOMPARE(problems.last().at(1).toBool(), true);
    QVERIFY(watch.isActive());

    QCOMPARE(forge.finish(1, true), 200);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    const PullRequest merged = finished.last().at(0).value<PullRequest>();
    QCOMPARE(merged.state, PullRequest::State::Merged);
    QCOMPARE(merged.mergeCommit, forge.branchTip(u"main"_s));
    QVERIFY(!watch.isActive());
    QCOMPARE(changed.count(), 2);
}

void tst_ForgeClient::unknownForgeHasNoClient()
{
    ForgeError error;
    const auto none = ForgeClient::create(
        ForgeRemote::fromUrl(u"git@git.internal.example:ops/deploy.git"_s), "token", &error);
    QVERIFY(!none);
    QCOMPARE(error.kind, ForgeError::Kind::Unsupported);
    QVERIFY2(error.text().contains(u"pushed"_s), qPrintable(error.text()));
}

QTEST_GUILESS_MAIN(tst_ForgeClient)
#include "tst_forgeclient.moc"
