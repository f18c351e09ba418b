// `gitops-console pr list`, run as a user runs it: the real executable against the local
// forge (GitHub flavor) over a repository whose remote is the forge's clone URL. The forge
// is found by probing the host, the token comes from the environment, and only the pull
// requests on branches the console makes are listed.
#include "gitbuilder.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include "forge/forgeclient.h"
#include "forge/forgeremote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace gitops::forge;
using gitops::test::LocalForgeProcess;
using namespace Qt::StringLiterals;

class tst_PrList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsTheConsolesOpenRequests();
};

void tst_PrList::listsTheConsolesOpenRequests()
{
    LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    ForgeError made;
    auto client = ForgeClient::create(
        ForgeRemote::fromUrl(forge.remoteUrl()).withForge(ForgeType::GitHub, QUrl(forge.apiBase())),
        LocalForgeProcess::writeToken(), &made);
    QVERIFY2(client, qPrintable(made.text()));
    for (const QString &branch :
         {u"gitops/web/1a2b3c4d5e6f"_s, u"gitops/db/0f1e2d3c4b5a"_s, u"feature/by-hand"_s}) {
        forge.pushBranch(branch, branch.section(u'/', 1, 1) + u".yaml"_s);
        PullRequestDraft draft;
        draft.title = u"Change "_s + branch;
        draft.head = branch;
        draft.base = u"main"_s;
        std::optional<PullRequestResult> result;
        client->createPullRequest(draft, this,
                                  [&result](const PullRequestResult &answer) { result = answer; });
        QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, 20000));
        QVERIFY2(!result->error.isError(), qPrintable(result->error.text()));
    }

    QTemporaryDir dir;
    const QString repository = dir.filePath(u"deploy"_s);
    {
        test::GitBuilder git(repository);
        git.commit(u"main"_s, {{u"README.md"_s, "# deploy\n"}}, u"start"_s);
        git.addRemote(u"origin"_s, forge.remoteUrl());
    }
    const QStringList environment{u"GITHUB_TOKEN="_s
                                      + QString::fromLatin1(LocalForgeProcess::writeToken()),
                                  u"HOME="_s + dir.path()};
    const auto list = [&](const QStringList &extra) {
        return test::runCommand(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                                QStringList{u"pr"_s, u"list"_s, u"--repo"_s, repository} + extra,
                                {}, environment, 60000);
    };

    const test::CommandResult json = list({u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(answer.value(u"forge").toString(), u"github"_s);
    QStringList branches;
    for (const QJsonValue &request : answer.value(u"pullRequests").toArray())
        branches << request.toObject().value(u"branch").toString();
    branches.sort();
    QCOMPARE(branches, (QStringList{u"gitops/db/0f1e2d3c4b5a"_s, u"gitops/web/1a2b3c4d5e6f"_s}));
    // The token never shows.
    QVERIFY(!json.out.contains(QString::fromLatin1(LocalForgeProcess::writeToken())));
    QVERIFY(!json.err.contains(QString::fromLatin1(LocalForgeProcess::writeToken())));

    const test::CommandResult web = list({u"--app"_s, u"web"_s});
    QCOMPARE(web.exitCode, 0);
    QVERIFY2(web.out.contains(u"gitops/web/1a2b3c4d5e6f"_s) && !web.out.contains(u"gitops/db"_s),
             qPrintable(web.out));

    // A bad token: the forge's refusal, exit 2.
    const test::CommandResult refused = test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), {u"pr"_s, u"list"_s, u"--repo"_s, repository},
        {}, {u"GITHUB_TOKEN=not-the-token"_s, u"HOME="_s + dir.path()}, 60000);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"gitops-console: "_s), qPrintable(refused.err));
}

QTEST_GUILESS_MAIN(tst_PrList)
#include "tst_prlist.moc"
