// `gitops-console history` (issue 16, item 5) as a user runs it: the real executable against
// the local API server (a process of its own), its JSON and table, and its exit status.

#include "gitbuilder.h"
#include "kubeemulatorprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray config(const char *level)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: shop\n"
                      "data:\n  LOG_LEVEL: ")
        + level + "\n";
}

} // namespace

class TestHistoryCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    gitops::test::KubeEmulatorProcess m_server;
    QString m_repository;
    QStringList m_commits;

    gitops::test::CommandResult console(const QStringList &arguments)
    {
        return gitops::test::runCommand(
            QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), QStringList{u"history"_s} + arguments, {},
            // No token and no keychain: the github.com remote's forge is never contacted.
            {u"KUBECONFIG="_s + m_server.kubeconfig(), u"HOME="_s + m_dir.path(),
             u"GITHUB_TOKEN="_s, u"GH_TOKEN="_s, u"DBUS_SESSION_BUS_ADDRESS=disabled:"_s},
            60000);
    }

    bool kubectlApply(const QByteArray &yaml, QString *error)
    {
        const gitops::test::CommandResult applied = gitops::test::runCommand(
            u"kubectl"_s,
            {u"--kubeconfig"_s, m_server.kubeconfig(), u"--cache-dir"_s,
             m_dir.filePath(u"kube-cache"_s), u"apply"_s, u"--server-side"_s,
             u"--force-conflicts"_s, u"--field-manager=argocd-controller"_s, u"--validate=false"_s,
             u"-f"_s, u"-"_s},
            yaml);
        *error = applied.err;
        return applied.exitCode == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
        m_repository = m_dir.filePath(u"fleet"_s);
        gitops::test::GitBuilder git(m_repository);
        m_commits << git.commit(u"main"_s, {{u"apps/web/config.yaml"_s, config("info")}},
                                u"web logs info"_s);
        m_commits << git.commit(u"main"_s,
                                {{u"apps/api/config.yaml"_s,
                                  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\n"
                                  "  namespace: shop\n"}},
                                u"an api app"_s);
        m_commits << git.commit(u"main"_s, {{u"apps/web/config.yaml"_s, config("debug")}},
                                u"web logs debug"_s);
        m_commits << git.commit(u"main"_s, {{u"apps/web/config.yaml"_s, config("warn")}},
                                u"web logs warnings only"_s);
        git.addRemote(u"origin"_s, u"https://github.com/example/fleet.git"_s);
        git.checkout(u"main"_s);
        // The cluster runs the third commit: one behind HEAD for web.
        QVERIFY2(kubectlApply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
                                  + config("debug"),
                              &error),
                 qPrintable(error));
    }

    void json()
    {
        const auto run =
            console({u"--repo"_s, m_repository, u"--app"_s, u"apps/web"_s, u"-o"_s, u"json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QJsonParseError parseError;
        const QJsonObject answer = QJsonDocument::fromJson(run.out.toUtf8(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(run.out));
        QCOMPARE(answer.value(u"app").toString(), u"apps/web"_s);
        const QJsonObject live = answer.value(u"live").toObject();
        QCOMPARE(live.value(u"commit").toString(), m_commits.at(2));
        QCOMPARE(live.value(u"match").toString(), u"exact"_s);
        QCOMPARE(live.value(u"differences").toInt(), 0);

        // web's commits only, newest first; the api app's commit is not one of them.
        const QJsonArray commits = answer.value(u"commits").toArray();
        QCOMPARE(commits.size(), 3);
        const QStringList ids = {commits.at(0)[u"id"].toString(), commits.at(1)[u"id"].toString(),
                                 commits.at(2)[u"id"].toString()};
        QCOMPARE(ids, (QStringList{m_commits.at(3), m_commits.at(2), m_commits.at(0)}));
        const QJsonObject head = commits.at(0).toObject();
        QCOMPARE(head.value(u"subject").toString(), u"web logs warnings only"_s);
        QCOMPARE(head.value(u"author").toString(), u"Test Author"_s);
        QVERIFY(head.value(u"date").toString().endsWith(u'Z'));
        QCOMPARE(head.value(u"deployedAt"), QJsonValue(QJsonValue::Null));
        // No token for the remote's forge: the pull requests are unknown, and it says why.
        QCOMPARE(head.value(u"pullRequest"), QJsonValue(QJsonValue::Null));
        QCOMPARE(head.value(u"directPush"), QJsonValue(QJsonValue::Null));
        QVERIFY2(answer.value(u"pullRequests").toString().startsWith(u"no token for github.com"_s),
                 qPrintable(answer.value(u"pullRequests").toString()));
        QCOMPARE(head.value(u"markers").toArray(), QJsonArray{u"head"_s});
        QCOMPARE(commits.at(1)[u"markers"].toArray(), QJsonArray{u"live"_s});
    }

    void table()
    {
        // A hand edit: no commit matches; the third is closest.
        QString error;
        QVERIFY2(kubectlApply(QByteArray(config("debug"))
                                  .replace("namespace: shop\n",
                                           "namespace: shop\n  labels:\n"
                                           "    hotfix: \"true\"\n"),
                              &error),
                 qPrintable(error));
        const auto run =
            console({u"--repo"_s, m_repository, u"--app"_s, u"apps/web"_s, u"--limit"_s, u"2"_s});
        QVERIFY2(kubectlApply(config("debug"), &error), qPrintable(error));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QStringList lines = run.out.split(u'\n');
        QVERIFY2(lines.at(0).startsWith(u"COMMIT"), qPrintable(run.out));
        QVERIFY2(lines.at(1).startsWith(m_commits.at(3).left(8)), qPrintable(run.out));
        QVERIFY2(lines.at(1).endsWith(u"head"), qPrintable(run.out));
        QVERIFY2(lines.at(2).startsWith(m_commits.at(2).left(8)), qPrintable(run.out));
        QVERIFY2(lines.at(2).contains(u"web logs debug"), qPrintable(run.out));
        QVERIFY2(lines.at(2).endsWith(u"live~1"), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"(older commits not shown: --limit)"), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"live: closest to commit "_s + m_commits.at(2).left(8)
                                  + u" (1 field differs)"),
                 qPrintable(run.out));
    }

    void errors()
    {
        const auto unknown =
            console({u"--repo"_s, m_repository, u"--app"_s, u"nope"_s, u"-o"_s, u"json"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(u"no app named nope (the apps: apps/api, apps/web)"),
                 qPrintable(unknown.err));
        QVERIFY(QJsonDocument::fromJson(unknown.out.toUtf8()).object().contains(u"error"));

        const auto noApp = console({u"--repo"_s, m_repository});
        QCOMPARE(noApp.exitCode, 2);
        QVERIFY2(noApp.err.contains(u"--app"), qPrintable(noApp.err));

        const auto badLimit =
            console({u"--repo"_s, m_repository, u"--app"_s, u"apps/web"_s, u"--limit"_s, u"0"_s});
        QCOMPARE(badLimit.exitCode, 2);

        const auto noContext = console(
            {u"--repo"_s, m_repository, u"--app"_s, u"apps/web"_s, u"--context"_s, u"nowhere"_s});
        QCOMPARE(noContext.exitCode, 2);
        QVERIFY2(noContext.err.contains(u"no context nowhere"), qPrintable(noContext.err));
    }

    // Last: from here on the cluster defines the app. Argo CD says it synced HEAD (after
    // alice's sync of the third commit); the objects are the third commit's.
    void argoCdRecord()
    {
        QString error;
        QVERIFY2(kubectlApply("apiVersion: apiextensions.k8s.io/v1\n"
                              "kind: CustomResourceDefinition\n"
                              "metadata: {name: applications.argoproj.io}\n"
                              "spec:\n"
                              "  group: argoproj.io\n"
                              "  scope: Namespaced\n"
                              "  names: {kind: Application, listKind: ApplicationList, plural: "
                              "applications, singular: application}\n"
                              "  versions:\n"
                              "    - name: v1alpha1\n"
                              "      served: true\n"
                              "      storage: true\n"
                              "      schema: {openAPIV3Schema: {type: object, "
                              "x-kubernetes-preserve-unknown-fields: true}}\n"
                              "---\n"
                              "apiVersion: v1\n"
                              "kind: Namespace\n"
                              "metadata: {name: argocd}\n",
                              &error),
                 qPrintable(error));
        const QByteArray application =
            QStringLiteral(
                "apiVersion: argoproj.io/v1alpha1\n"
                "kind: Application\n"
                "metadata: {name: web, namespace: argocd}\n"
                "spec:\n"
                "  project: default\n"
                "  source: {repoURL: \"git@github.com:example/fleet\", path: apps/web, "
                "targetRevision: main}\n"
                "  destination: {server: \"https://kubernetes.default.svc\", namespace: shop}\n"
                "status:\n"
                "  sync: {status: Synced, revision: %1}\n"
                "  history:\n"
                "    - {id: 1, revision: %2, deployedAt: \"2026-11-30T10:00:00Z\", initiatedBy: "
                "{username: alice}}\n"
                "    - {id: 2, revision: %1, deployedAt: \"2026-12-01T09:00:00Z\", initiatedBy: "
                "{automated: true}}\n")
                .arg(m_commits.at(3), m_commits.at(2))
                .toUtf8();
        QTRY_VERIFY_WITH_TIMEOUT(kubectlApply(application, &error), 10000);

        const auto run = console({u"--repo"_s, m_repository, u"--app"_s, u"web"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QStringList lines = run.out.split(u'\n');
        QVERIFY2(lines.at(1).endsWith(u"deployed head"), qPrintable(run.out));
        QVERIFY2(lines.at(2).endsWith(u"live deployed"), qPrintable(run.out));
        QVERIFY2(run.out.contains(u"controller: Application argocd/web synced "_s + m_commits.at(3)
                                  + u", deployed 2026-12-01T09:00:00Z by automated"_s),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(u"warning: Application argocd/web says it synced "_s
                                  + m_commits.at(3)),
                 qPrintable(run.out));
        QVERIFY2(
            run.out.contains(u"the live objects are exactly commit "_s + m_commits.at(2).left(8)),
            qPrintable(run.out));

        const auto json =
            console({u"--repo"_s, m_repository, u"--app"_s, u"web"_s, u"-o"_s, u"json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
        const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
        const QJsonObject live = answer.value(u"live").toObject();
        QCOMPARE(live.value(u"commit").toString(), m_commits.at(2));
        QVERIFY(live.value(u"disagreement").toString().contains(u"manual change or rollback"));
        QCOMPARE(live.value(u"controller")[u"appCommit"].toString(), m_commits.at(3));
        const QJsonArray commits = answer.value(u"commits").toArray();
        QCOMPARE(commits.at(1)[u"deployedAt"].toString(), u"2026-11-30T10:00:00Z"_s);
        QCOMPARE(commits.at(2)[u"deployedAt"], QJsonValue(QJsonValue::Null));
    }
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
