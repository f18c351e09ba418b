// The console's GitHub requests and the local forge's GitHub answers, checked against
// GitHub's published OpenAPI description (npm @octokit/openapi,
// generated/api.github.com.json, named by GITOPS_GITHUB_OPENAPI): every exchange the
// client makes while opening, adopting, labelling, reading back and listing pull requests,
// reading their changed files, a merged one's reviews and a commit's signature
// verification, and the error answers it relies on.
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include "forge/forgeclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops::forge;
using namespace gitops::test;
using namespace Qt::StringLiterals;

class tst_GitHubOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exchangesFitTheDescription();

private:
    PullRequestResult wait(const std::function<void(PullRequestCallback)> &start);
    QList<PullRequest> waitList(const std::function<void(PullRequestListCallback)> &start);
};

PullRequestResult tst_GitHubOpenApi::wait(const std::function<void(PullRequestCallback)> &start)
{
    std::optional<PullRequestResult> result;
    start([&result](const PullRequestResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    return result.value_or(PullRequestResult{});
}

QList<PullRequest>
tst_GitHubOpenApi::waitList(const std::function<void(PullRequestListCallback)> &start)
{
    std::optional<QList<PullRequest>> result;
    start([&result](const QList<PullRequest> &items, const ForgeError &) { result = items; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    return result.value_or(QList<PullRequest>{});
}

void tst_GitHubOpenApi::exchangesFitTheDescription()
{
    const QString spec = qEnvironmentVariable("GITOPS_GITHUB_OPENAPI");
    // A check that cannot run fails: it must never pass unseen.
    if (spec.isEmpty() || !QFile::exists(spec))
        QFAIL("GITOPS_GITHUB_OPENAPI does not name api.github.com.json of @octokit/openapi; "
              "scripts/test fetches it with npm into build/openapi");

    QTemporaryDir dir;
    const QString record = dir.filePath(u"exchanges.jsonl"_s);
    LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {u"--record"_s, record}, &error),
             qPrintable(error));
    const QString head = forge.pushBranch(u"gitops/demo/1a2b"_s, u"deploy.yaml"_s);
    forge.pushBranch(u"gitops/demo/3c4d"_s, u"service.yaml"_s);

    const ForgeHost entry{u"127.0.0.1"_s, ForgeType::GitHub, QUrl(forge.apiBase())};
    ForgeError unsupported;
    auto client = ForgeClient::create(ForgeRemote::fromUrl(forge.remoteUrl(), {entry}),
                                      LocalForgeProcess::writeToken(), &unsupported);
    PullRequestDraft draft;
    draft.title = u"Scale the demo app"_s;
    draft.body = u"Opened by gitops-console."_s;
    draft.head = u"gitops/demo/1a2b"_s;
    draft.base = u"main"_s;
    draft.labels = {u"gitops-console"_s};
    draft.reviewers = {u"alice"_s};

    QVERIFY(wait([&](PullRequestCallback done) { client->open(draft, this, done); }).created);
    QVERIFY(!wait([&](PullRequestCallback done) { client->open(draft, this, done); }).created);
    // The duplicate answer (422) and a missing pull request (404).
    QCOMPARE(wait([&](PullRequestCallback done) {
                 client->createPullRequest(draft, this, done);
             }).error.kind,
             ForgeError::Kind::AlreadyExists);
    QCOMPARE(wait([&](PullRequestCallback done) { client->get(42, this, done); }).error.kind,
             ForgeError::Kind::NotFound);
    draft.head = u"gitops/demo/3c4d"_s;
    draft.draft = true;
    QVERIFY(wait([&](PullRequestCallback done) { client->open(draft, this, done); }).created);
    QCOMPARE(forge.finish(1, true), 200);
    QCOMPARE(wait([&](PullRequestCallback done) { client->get(1, this, done); }).pullRequest->state,
             PullRequest::State::Merged);
    QCOMPARE(waitList([&](PullRequestListCallback done) {
                 client->pullRequestsForCommit(head, this, done);
             }).size(),
             1);
    QCOMPARE(waitList([&](PullRequestListCallback done) {
                 client->listOpen(u"gitops/"_s, this, done);
             }).size(),
             1);
    // The files of the open one and of the merged one (diff-entry, paginated).
    for (const auto &[number, file] : {std::pair{2, u"service.yaml"_s}, {1, u"deploy.yaml"_s}}) {
        std::optional<QStringList> files;
        client->changedFiles(number, this,
                             [&files](const QStringList &paths, const ForgeError &failure) {
                                 if (failure.isError())
                                     qWarning("%s", qPrintable(failure.text()));
                                 files = paths;
                             });
        QVERIFY(QTest::qWaitFor([&files] { return files.has_value(); }, 30000));
        QCOMPARE(*files, QStringList{file});
    }
    // Who approved and merged it (the pull request, then its reviews), and what GitHub says
    // of a commit's signature.
    QCOMPARE(forge.review(1, u"alice"_s), 200);
    const PullRequestResult reviewed = wait([&](PullRequestCallback done) {
        PullRequest pull;
        pull.number = 1;
        client->readReviews(pull, this, done);
    });
    QVERIFY2(!reviewed.error.isError(), qPrintable(reviewed.error.text()));
    QCOMPARE(reviewed.pullRequest->approvals.size(), 1);
    std::optional<CommitVerification> verification;
    client->verifyCommit(
        head, this,
        [&verification](const CommitVerification &v, const ForgeError &) { verification = v; });
    QVERIFY(QTest::qWaitFor([&verification] { return verification.has_value(); }, 30000));
    QCOMPARE(verification->reason, u"unsigned"_s);
    forge.stop();

    const CommandResult check =
        runCommand(u"python3"_s, {QStringLiteral(OPENAPI_CHECK), spec, record}, {}, {}, 120000);
    QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
    qInfo("%s", qPrintable(check.out.trimmed().section(u'\n', -1)));
}

QTEST_GUILESS_MAIN(tst_GitHubOpenApi)
#include "tst_githubopenapi.moc"
