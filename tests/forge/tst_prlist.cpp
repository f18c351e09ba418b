// `gitops-console pr list`, run as a user runs it: the real executable against the local
// forge over a repository whose remote is the forge's clone URL. The forge is found by
// probing the host, the token comes from the environment, and only the pull requests on
// branches the console makes are listed; with --app, the app's and anyone's that change
// the app's inputs (its folder, the kustomize base it reaches), on each flavor.
#include "gitbuilder.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include "forge/forgeclient.h"
#include "forge/forgeremote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
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
    void appListsItsBranchAndWhatTouchesItsPaths_data();
    void appListsItsBranchAndWhatTouchesItsPaths();
};

namespace {

// Opens a pull request from @p branch (already pushed) into main; its number, or 0.
int openPullRequest(ForgeClient *client, QObject *context, const QString &branch)
{
    PullRequestDraft draft;
    draft.title = u"Change "_s + branch;
    draft.head = branch;
    draft.base = u"main"_s;
    std::optional<PullRequestResult> result;
    client->createPullRequest(draft, context,
                              [&result](const PullRequestResult &answer) { result = answer; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        return 0;
    if (result->error.isError())
        qWarning("%s", qPrintable(result->error.text()));
    return result->pullRequest ? result->pullRequest->number : 0;
}

} // namespace

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

    // A bad token: the forge's refusal, exit 2.
    const test::CommandResult refused = test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), {u"pr"_s, u"list"_s, u"--repo"_s, repository},
        {}, {u"GITHUB_TOKEN=not-the-token"_s, u"HOME="_s + dir.path()}, 60000);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"gitops-console: "_s), qPrintable(refused.err));
}

void tst_PrList::appListsItsBranchAndWhatTouchesItsPaths_data()
{
    QTest::addColumn<QString>("flavor");
    QTest::addColumn<QString>("tokenVariable");
    QTest::newRow("github") << u"github"_s << u"GITHUB_TOKEN"_s;
    QTest::newRow("gitlab") << u"gitlab"_s << u"GITLAB_TOKEN"_s;
    QTest::newRow("gitea") << u"gitea"_s << u"GITEA_TOKEN"_s;
}

void tst_PrList::appListsItsBranchAndWhatTouchesItsPaths()
{
    QFETCH(QString, flavor);
    QFETCH(QString, tokenVariable);
    LocalForgeProcess forge(flavor);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    ForgeError made;
    auto client =
        ForgeClient::create(ForgeRemote::fromUrl(forge.remoteUrl())
                                .withForge(forgeTypeFromName(flavor), QUrl(forge.apiBase())),
                            LocalForgeProcess::writeToken(), &made);
    QVERIFY2(client, qPrintable(made.text()));
    // Branch -> the one file it changes. Opened by the console for web and for db, and by
    // hand: in web's folder, in db's only, in the kustomize base web's kustomization reaches.
    const QList<std::pair<QString, QString>> branches = {
        {u"gitops/web/1a2b3c4d5e6f"_s, u"apps/web/deploy.yaml"_s},
        {u"gitops/db/0f1e2d3c4b5a"_s, u"apps/db/cm.yaml"_s},
        {u"feature/x"_s, u"apps/web/service.yaml"_s},
        {u"feature/y"_s, u"apps/db/cm.yaml"_s},
        {u"feature/base"_s, u"base/web/config.yaml"_s},
        {u"feature/elsewhere"_s, u"apps/webshop/deploy.yaml"_s},
    };
    for (const auto &[branch, file] : branches) {
        forge.pushBranch(branch, file);
        QVERIFY2(openPullRequest(client.get(), this, branch) > 0, qPrintable(branch));
    }

    // The user's clone: two apps in gitops-console.yaml; web's kustomization reaches a base
    // outside its folder.
    QTemporaryDir dir;
    const QString repository = dir.filePath(u"deploy"_s);
    {
        test::GitBuilder git(repository);
        git.commit(u"main"_s,
                   {{u"gitops-console.yaml"_s,
                     "apps:\n  - name: web\n    path: apps/web\n  - name: db\n    path: apps/db\n"},
                    {u"apps/web/kustomization.yaml"_s,
                     "resources:\n  - deploy.yaml\n  - ../../base/web\n"},
                    {u"apps/web/deploy.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n"},
                    {u"base/web/kustomization.yaml"_s, "resources:\n  - config.yaml\n"},
                    {u"base/web/config.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-base\n  namespace: "
                     "web\n"},
                    {u"apps/db/cm.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n  namespace: db\n"}},
                   u"start"_s);
        git.addRemote(u"origin"_s, forge.remoteUrl());
    }
    const QStringList environment{tokenVariable + u'='
                                      + QString::fromLatin1(LocalForgeProcess::writeToken()),
                                  u"HOME="_s + dir.path()};
    const auto list = [&](const QStringList &extra) {
        return test::runCommand(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                                QStringList{u"pr"_s, u"list"_s, u"--repo"_s, repository} + extra,
                                {}, environment, 60000);
    };

    const test::CommandResult json = list({u"--app"_s, u"web"_s, u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(answer.value(u"forge").toString(), flavor);
    QMap<QString, QStringList> touches;
    QStringList listed;
    for (const QJsonValue &value : answer.value(u"pullRequests").toArray()) {
        const QJsonObject request = value.toObject();
        listed << request.value(u"branch").toString();
        for (const QJsonValue &path : request.value(u"touches").toArray())
            touches[request.value(u"branch").toString()] << path.toString();
    }
    // Each once, newest first; not db's branches, nor a folder whose name only starts alike.
    QCOMPARE(listed,
             (QStringList{u"feature/base"_s, u"feature/x"_s, u"gitops/web/1a2b3c4d5e6f"_s}));
    QCOMPARE(touches.value(u"feature/x"_s), QStringList{u"apps/web/service.yaml"_s});
    QCOMPARE(touches.value(u"feature/base"_s), QStringList{u"base/web/config.yaml"_s});
    QCOMPARE(touches.value(u"gitops/web/1a2b3c4d5e6f"_s), QStringList{u"apps/web/deploy.yaml"_s});

    const test::CommandResult table = list({u"--app"_s, u"db"_s});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    const QStringList lines = table.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).contains(u"\tfeature/y\t"_s), qPrintable(table.out));
    QVERIFY2(lines.at(1).contains(u"\tgitops/db/0f1e2d3c4b5a\t"_s), qPrintable(table.out));

    const test::CommandResult unknown = list({u"--app"_s, u"shop"_s});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"has no app shop"_s), qPrintable(unknown.err));
}

QTEST_GUILESS_MAIN(tst_PrList)
#include "tst_prlist.moc"
