// The local forge as a client sees it, per flavor: the real auth header forms, 401 and
// missing-scope answers, the flavor's duplicate answer, "no commits between", pagination,
// merge (a real merge commit in the bare repository) and close, and a dropped connection
// after the pull request was made.
#include "gitfixture.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops::test;
using namespace Qt::StringLiterals;

class tst_LocalForge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flavors_data();
    void tokensAreCheckedTheFlavorsWay_data() { flavors_data(); }
    void tokensAreCheckedTheFlavorsWay();
    void secondPullRequestGetsTheFlavorsDuplicateAnswer_data() { flavors_data(); }
    void secondPullRequestGetsTheFlavorsDuplicateAnswer();
    void branchWithoutNewCommits_data() { flavors_data(); }
    void branchWithoutNewCommits();
    void listsArePaginated_data() { flavors_data(); }
    void listsArePaginated();
    void mergeWritesAMergeCommitAndCloseDoesNot_data() { flavors_data(); }
    void mergeWritesAMergeCommitAndCloseDoesNot();
    void connectionDroppedAfterTheForgeActed_data() { flavors_data(); }
    void connectionDroppedAfterTheForgeActed();
    void smartHttpClonesAndPushesWithTheToken_data() { flavors_data(); }
    void smartHttpClonesAndPushesWithTheToken();

private:
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QList<QNetworkReply::RawHeaderPair> headers;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[key, value] : headers)
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            return {};
        }
    };
    Answer send(const QByteArray &method, const QString &url, const QByteArray &body,
                const QList<std::pair<QByteArray, QByteArray>> &headers);
    Answer create(LocalForgeProcess &forge, const QString &branch, const QByteArray &token);
    static QList<std::pair<QByteArray, QByteArray>> auth(const QString &flavor,
                                                         const QByteArray &token);
    static QString pullsUrl(const LocalForgeProcess &forge);
};

void tst_LocalForge::flavors_data()
{
    QTest::addColumn<QString>("flavor");
    QTest::newRow("github") << u"github"_s;
    QTest::newRow("gitlab") << u"gitlab"_s;
    QTest::newRow("gitea") << u"gitea"_s;
}

tst_LocalForge::Answer tst_LocalForge::send(const QByteArray &method, const QString &url,
                                            const QByteArray &body,
                                            const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setTransferTimeout(10000);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.error = reply->error();
    answer.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return answer;
}

QList<std::pair<QByteArray, QByteArray>> tst_LocalForge::auth(const QString &flavor,
                                                              const QByteArray &token)
{
    if (flavor == u"gitlab")
        return {{"PRIVATE-TOKEN", token}};
    if (flavor == u"gitea")
        return {{"Authorization", "token " + token}};
    return {{"Authorization", "Bearer " + token}, {"X-GitHub-Api-Version", "2022-11-28"}};
}

QString tst_LocalForge::pullsUrl(const LocalForgeProcess &forge)
{
    if (forge.flavor() == u"gitlab")
        return forge.apiBase() + u"/projects/"_s
            + QString::fromLatin1(QUrl::toPercentEncoding(forge.project())) + u"/merge_requests"_s;
    return forge.apiBase() + u"/repos/"_s + forge.project() + u"/pulls"_s;
}

tst_LocalForge::Answer tst_LocalForge::create(LocalForgeProcess &forge, const QString &branch,
                                              const QByteArray &token)
{
    const QJsonObject body = forge.flavor() == u"gitlab"
        ? QJsonObject{{u"source_branch"_s, branch},
                      {u"target_branch"_s, u"main"_s},
                      {u"title"_s, QString(u"Change "_s + branch)}}
        : QJsonObject{{u"head"_s, branch},
                      {u"base"_s, u"main"_s},
                      {u"title"_s, QString(u"Change "_s + branch)}};
    return send("POST", pullsUrl(forge), QJsonDocument(body).toJson(), auth(forge.flavor(), token));
}

#define START_FORGE(forge)                                                                         \
    QFETCH(QString, flavor);                                                                       \
    LocalForgeProcess forge(flavor);                                                               \
    {                                                                                              \
        QString error;                                                                             \
        QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));         \
    }

void tst_LocalForge::tokensAreCheckedTheFlavorsWay()
{
    START_FORGE(forge);
    forge.pushBranch(u"feature"_s, u"a.txt"_s);

    const Answer wrong = create(forge, u"feature"_s, "not-the-token");
    QCOMPARE(wrong.status, 401);
    // GitHub's header form sent to GitLab and Gitea (or GitLab's to GitHub) is no token.
    const QList<std::pair<QByteArray, QByteArray>> otherForm = flavor == u"github"
        ? QList<std::pair<QByteArray, QByteArray>>{{"PRIVATE-TOKEN",
                                                    LocalForgeProcess::writeToken()}}
        : QList<std::pair<QByteArray, QByteArray>>{
            {"Authorization", "Basic " + LocalForgeProcess::writeToken().toBase64()}};
    QCOMPARE(send("GET", pullsUrl(forge), {}, otherForm).status, 401);

    const Answer readOnly = create(forge, u"feature"_s, LocalForgeProcess::readToken());
    QCOMPARE(readOnly.status, 403);
    const QByteArray scope = flavor == u"github" ? "repo"
        : flavor == u"gitlab"                    ? "api"
                                                 : "write:repository";
    QVERIFY2(readOnly.body.contains(scope) || readOnly.header("X-Accepted-OAuth-Scopes") == scope,
             readOnly.body.constData());
    QCOMPARE(send("GET", pullsUrl(forge), {}, auth(flavor, LocalForgeProcess::readToken())).status,
             200);
    QCOMPARE(forge.pulls().size(), 0);
}

void tst_LocalForge::secondPullRequestGetsTheFlavorsDuplicateAnswer()
{
    START_FORGE(forge);
    forge.pushBranch(u"gitops/demo/1a2b"_s, u"a.txt"_s);

    const Answer first = create(forge, u"gitops/demo/1a2b"_s, LocalForgeProcess::writeToken());
    QCOMPARE(first.status, 201);
    const Answer second = create(forge, u"gitops/demo/1a2b"_s, LocalForgeProcess::writeToken());
    if (flavor == u"github") {
        QCOMPARE(second.status, 422);
        QVERIFY2(second.body.contains("A pull request already exists for acme:gitops/demo/1a2b."),
                 second.body.constData());
    } else if (flavor == u"gitlab") {
        QCOMPARE(second.status, 409);
        QVERIFY2(second.body.contains("Another open merge request already exists for this source "
                                      "branch: !1"),
                 second.body.constData());
    } else {
        QCOMPARE(second.status, 409);
        QVERIFY2(second.body.contains("pull request already exists for these targets"),
                 second.body.constData());
    }
    QCOMPARE(forge.pulls().size(), 1);
}

void tst_LocalForge::branchWithoutNewCommits()
{
    START_FORGE(forge);
    const Answer answer = create(forge, u"main"_s, LocalForgeProcess::writeToken());
    // The same branch as source and target: refused everywhere.
    QVERIFY2(answer.status == 422 || answer.status == 409, answer.body.constData());

    forge.pushBranch(u"empty"_s, u"a.txt"_s);
    const Answer merged = create(forge, u"empty"_s, LocalForgeProcess::writeToken());
    QCOMPARE(merged.status, 201);
    QCOMPARE(forge.finish(1, true), 200);
    // The branch is now in main: nothing left between them.
    const Answer again = create(forge, u"empty"_s, LocalForgeProcess::writeToken());
    if (flavor == u"github") {
        QCOMPARE(again.status, 422);
        QVERIFY2(again.body.contains("No commits between main and empty"), again.body.constData());
    } else if (flavor == u"gitea") {
        QCOMPARE(again.status, 422);
        QVERIFY2(again.body.contains("There are no changes between the head and the base"),
                 again.body.constData());
    } else {
        QCOMPARE(again.status, 201); // GitLab accepts a merge request with no changes
    }
}

void tst_LocalForge::listsArePaginated()
{
    START_FORGE(forge);
    for (const QString &branch : {u"one"_s, u"two"_s, u"three"_s}) {
        forge.pushBranch(branch, branch + u".txt"_s);
        QCOMPARE(create(forge, branch, LocalForgeProcess::writeToken()).status, 201);
    }
    const QString size = flavor == u"gitea" ? u"limit"_s : u"per_page"_s;
    const Answer first = send("GET", pullsUrl(forge) + u"?"_s + size + u"=2"_s, {},
                              auth(flavor, LocalForgeProcess::writeToken()));
    QCOMPARE(first.status, 200);
    QCOMPARE(QJsonDocument::fromJson(first.body).array().size(), 2);
    QVERIFY2(first.header("Link").contains("rel=\"next\""), first.header("Link").constData());
    if (flavor == u"gitlab")
        QCOMPARE(first.header("X-Next-Page"), QByteArray("2"));
    const Answer second = send("GET", pullsUrl(forge) + u"?"_s + size + u"=2&page=2"_s, {},
                               auth(flavor, LocalForgeProcess::writeToken()));
    const QJsonArray rest = QJsonDocument::fromJson(second.body).array();
    QCOMPARE(rest.size(), 1);
    QVERIFY(!second.header("Link").contains("rel=\"next\""));
    // Newest first: the oldest comes last.
    QCOMPARE(rest.at(0).toObject().value(flavor == u"gitlab" ? u"iid" : u"number").toInt(), 1);
}

void tst_LocalForge::mergeWritesAMergeCommitAndCloseDoesNot()
{
    START_FORGE(forge);
    const QString mainBefore = forge.branchTip(u"main"_s);
    const QString head = forge.pushBranch(u"feature"_s, u"a.txt"_s);
    forge.pushBranch(u"other"_s, u"b.txt"_s);
    QCOMPARE(create(forge, u"feature"_s, LocalForgeProcess::writeToken()).status, 201);
    QCOMPARE(create(forge, u"other"_s, LocalForgeProcess::writeToken()).status, 201);

    QCOMPARE(forge.finish(1, true), 200);
    const QString mainAfter = forge.branchTip(u"main"_s);
    QCOMPARE(forge.parents(mainAfter), (QStringList{mainBefore, head}));
    QCOMPARE(forge.finish(2, false), 200);
    QCOMPARE(forge.branchTip(u"main"_s), mainAfter);
    QCOMPARE(forge.finish(2, true), 405); // closed is final here

    const QJsonArray pulls = forge.pulls();
    QCOMPARE(pulls.at(0).toObject().value(u"state").toString(), u"merged"_s);
    QCOMPARE(pulls.at(0).toObject().value(u"mergeCommit").toString(), mainAfter);
    QCOMPARE(pulls.at(1).toObject().value(u"state").toString(), u"closed"_s);
}

void tst_LocalForge::connectionDroppedAfterTheForgeActed()
{
    START_FORGE(forge);
    forge.pushBranch(u"feature"_s, u"a.txt"_s);
    auto dropCreates = [&](int times) {
        return forge.setFaults(QJsonObject{{u"rules"_s,
                                            QJsonArray{QJsonObject{{u"method"_s, u"POST"_s},
                                                                   {u"drop"_s, u"after"_s},
                                                                   {u"times"_s, times}}}}});
    };

    // Dropped once: Qt sends the request again on a new connection when one closes before
    // any answer (POST included), so the client hears the forge's duplicate answer for the
    // pull request its first attempt made.
    QVERIFY(dropCreates(1));
    const Answer resent = create(forge, u"feature"_s, LocalForgeProcess::writeToken());
    QCOMPARE(resent.status, flavor == u"github" ? 422 : 409);
    QCOMPARE(forge.pulls().size(), 1);

    // Dropped every time: the client hears nothing, the forge holds the pull request.
    forge.pushBranch(u"second"_s, u"b.txt"_s);
    QVERIFY(dropCreates(-1));
    const Answer dropped = create(forge, u"second"_s, LocalForgeProcess::writeToken());
    QCOMPARE(dropped.status, 0);
    QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);
    QCOMPARE(forge.pulls().size(), 2);
}

void tst_LocalForge::smartHttpClonesAndPushesWithTheToken()
{
    START_FORGE(forge);
    QTemporaryDir dir;
    const QStringList environment{
        u"GIT_TERMINAL_PROMPT=0"_s,       u"GIT_CONFIG_NOSYSTEM=1"_s,
        u"GIT_CONFIG_GLOBAL=/dev/null"_s, u"GIT_ASKPASS=/bin/false"_s,
        u"GIT_AUTHOR_NAME=Test"_s,        u"GIT_AUTHOR_EMAIL=test@example.invalid"_s,
        u"GIT_COMMITTER_NAME=Test"_s,     u"GIT_COMMITTER_EMAIL=test@example.invalid"_s};
    auto git = [&](const QStringList &arguments) {
        return runCommand(u"git"_s, arguments, {}, environment, 30000);
    };
    auto withToken = [&](const QByteArray &token) {
        QUrl url(forge.remoteUrl());
        url.setUserName(u"x-access-token"_s);
        url.setPassword(QString::fromLatin1(token));
        return url.toString();
    };

    const QString writer = dir.filePath(u"writer"_s);
    const CommandResult cloned =
        git({u"clone"_s, u"--quiet"_s, withToken(LocalForgeProcess::writeToken()), writer});
    QVERIFY2(cloned.exitCode == 0, qPrintable(cloned.err));
    QVERIFY(QFile::exists(writer + u"/README.md"_s));

    const CommandResult refused =
        git({u"clone"_s, u"--quiet"_s, withToken("wrong"), dir.filePath(u"stranger"_s)});
    QVERIFY(refused.exitCode != 0);
    QVERIFY2(refused.err.contains(u"401"_s) || refused.err.contains(u"Authentication failed"_s),
             qPrintable(refused.err));

    QVERIFY(git({u"-C"_s, writer, u"checkout"_s, u"--quiet"_s, u"-b"_s, u"pushed"_s}).exitCode
            == 0);
    QVERIFY(git({u"-C"_s, writer, u"commit"_s, u"--quiet"_s, u"--allow-empty"_s, u"-m"_s,
                 u"over http"_s})
                .exitCode
            == 0);
    const CommandResult pushed =
        git({u"-C"_s, writer, u"push"_s, u"--quiet"_s, u"origin"_s, u"pushed"_s});
    QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
    QCOMPARE(forge.branchTip(u"pushed"_s),
             git({u"-C"_s, writer, u"rev-parse"_s, u"HEAD"_s}).out.trimmed());

    // The read token clones but may not push.
    const QString reader = dir.filePath(u"reader"_s);
    QVERIFY(
        git({u"clone"_s, u"--quiet"_s, withToken(LocalForgeProcess::readToken()), reader}).exitCode
        == 0);
    QVERIFY(git({u"-C"_s, reader, u"checkout"_s, u"--quiet"_s, u"-b"_s, u"read-only"_s}).exitCode
            == 0);
    const CommandResult denied =
        git({u"-C"_s, reader, u"push"_s, u"--quiet"_s, u"origin"_s, u"read-only"_s});
    QVERIFY(denied.exitCode != 0);
    QVERIFY2(denied.err.contains(u"403"_s), qPrintable(denied.err));
    const CommandResult remoteBranches =
        git({u"-C"_s, writer, u"ls-remote"_s, u"--heads"_s, u"origin"_s});
    QVERIFY2(remoteBranches.out.contains(u"refs/heads/pushed"_s), qPrintable(remoteBranches.out));
    QVERIFY2(!remoteBranches.out.contains(u"read-only"_s), qPrintable(remoteBranches.out));
}

QTEST_GUILESS_MAIN(tst_LocalForge)
#include "tst_localforge.moc"
