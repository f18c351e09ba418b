// `gitops-console rollback` (issue 16, item 5) as a user runs it: the real executable, a
// repository with real history and a bare file:// remote, --no-pr; and the local forge
// (GitHub, GitLab, Gitea flavors) as origin, --draft. What is asserted is what reviewers
// would see in the pushed branch and the pull request: the app's paths as the old commit has
// them, every other path as the tip has it, the commits undone named, one draft pull request.

#include "gitbuilder.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using gitops::test::LocalForgeProcess;
using gitops::test::runGit;

namespace {

QByteArray configMap(const char *name, const char *value)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ") + name
        + "\n  namespace: shop\ndata:\n  value: \"" + value + "\"\n";
}

// Writes @p files into the checkout @p folder and commits them with the real git; the id.
QString commitFiles(const QString &folder, const QMap<QString, QByteArray> &files,
                    const QString &message)
{
    for (auto file = files.cbegin(); file != files.cend(); ++file) {
        const QString path = QDir(folder).filePath(file.key());
        QDir().mkpath(QFileInfo(path).path());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return {};
        out.write(file.value());
    }
    runGit(folder, {u"add"_s, u"."_s});
    runGit(folder, {u"commit"_s, u"-q"_s, u"-m"_s, message});
    return runGit(folder, {u"rev-parse"_s, u"HEAD"_s});
}

} // namespace

class TestRollbackCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_bare;
    QString m_clone;
    QStringList m_commits; // c1..c5

    gitops::test::CommandResult console(const QStringList &arguments)
    {
        return rollback(m_clone, arguments, {});
    }

    // `gitops-console rollback --repo REPOSITORY ARGUMENTS`, with @p environment added.
    gitops::test::CommandResult rollback(const QString &repository, const QStringList &arguments,
                                         const QStringList &environment)
    {
        return gitops::test::runCommand(
            QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
            QStringList{u"rollback"_s, u"--repo"_s, repository} + arguments, {},
            QStringList{u"HOME="_s + m_dir.path(), u"GIT_CONFIG_NOSYSTEM=1"_s,
                        u"GIT_AUTHOR_NAME=Op"_s, u"GIT_AUTHOR_EMAIL=op@example.invalid"_s,
                        u"GIT_COMMITTER_NAME=Op"_s, u"GIT_COMMITTER_EMAIL=op@example.invalid"_s}
                + environment,
            60000);
    }

    // The branch -o json names, after checking the run succeeded.
    QString pushedBranch(const gitops::test::CommandResult &run)
    {
        const QJsonObject answer = QJsonDocument::fromJson(run.out.toUtf8()).object();
        return answer.value(u"branch").toString();
    }

    QString treeOf(const QString &revision, const QString &path)
    {
        return runGit(m_bare, {u"rev-parse"_s, revision + u':' + path});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bare = m_dir.filePath(u"remote.git"_s);
        QDir().mkpath(m_bare);
        runGit(m_bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
        m_clone = m_dir.filePath(u"clone"_s);
        {
            gitops::test::GitBuilder git(m_clone);
            m_commits << git.commit(
                u"main"_s,
                {{u"apps/web/cm.yaml"_s, configMap("web", "1")},
                 {u"apps/api/cm.yaml"_s, configMap("api", "1")},
                 {u"base/cm.yaml"_s, configMap("base", "1")},
                 {u"base/kustomization.yaml"_s, "resources: [cm.yaml]\n"},
                 {u"overlays/prod/kustomization.yaml"_s, "resources: [../../base]\n"}},
                u"create"_s);
            m_commits << git.commit(u"main"_s, {{u"apps/api/cm.yaml"_s, configMap("api", "2")}},
                                    u"api 2"_s);
            m_commits << git.commit(u"main"_s,
                                    {{u"apps/web/cm.yaml"_s, configMap("web", "2")},
                                     {u"apps/web/extra.yaml"_s, configMap("web-extra", "1")}},
                                    u"web 2 and an extra"_s);
            m_commits << git.commit(u"main"_s, {{u"apps/api/cm.yaml"_s, configMap("api", "3")}},
                                    u"api 3"_s);
            m_commits << git.commit(u"main"_s, {{u"base/cm.yaml"_s, configMap("base", "2")}},
                                    u"base 2"_s);
            git.addRemote(u"origin"_s, QUrl::fromLocalFile(m_bare).toString());
            git.checkout(u"main"_s);
        }
        runGit(m_clone, {u"push"_s, u"-q"_s, u"origin"_s, u"main"_s});
    }

    void restoresTheAppsPathsOnTheTip()
    {
        const auto run = console({u"--app"_s, u"apps/web"_s, u"--to"_s, m_commits.at(0).left(10),
                                  u"--no-pr"_s, u"-o"_s, u"json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QString branch = pushedBranch(run);
        QVERIFY2(branch.startsWith(u"gitops/"), qPrintable(run.out));
        // On top of the tip; the app's folder as c1 had it (extra.yaml gone), api as the tip
        // has it (api 3, made after c1, is kept).
        QCOMPARE(runGit(m_bare, {u"rev-parse"_s, branch + u"^"_s}),
                 runGit(m_bare, {u"rev-parse"_s, u"main"_s}));
        QCOMPARE(treeOf(branch, u"apps/web"_s), treeOf(m_commits.at(0), u"apps/web"_s));
        QCOMPARE(treeOf(branch, u"apps/api"_s), treeOf(u"main"_s, u"apps/api"_s));
        QCOMPARE(treeOf(branch, u"base"_s), treeOf(u"main"_s, u"base"_s));
        QCOMPARE(runGit(m_bare, {u"diff"_s, u"--name-only"_s, u"main"_s, branch}),
                 u"apps/web/cm.yaml\napps/web/extra.yaml"_s);
        // The message names what is undone.
        const QString message = runGit(m_bare, {u"log"_s, u"-1"_s, u"--format=%B"_s, branch});
        QVERIFY2(message.startsWith(u"Roll back apps/web to "_s + m_commits.at(0).left(8)),
                 qPrintable(message));
        QVERIFY2(message.contains(m_commits.at(2).left(8) + u" web 2 and an extra"_s),
                 qPrintable(message));
        QVERIFY2(!message.contains(u"api 3"), qPrintable(message));
        // Checkout untouched.
        QCOMPARE(runGit(m_clone, {u"status"_s, u"--porcelain"_s}), QString());
    }

    void restoresAKustomizeBase()
    {
        // The overlay's input base/ changed in c5 only: rolling the overlay back restores it.
        const auto run = console({u"--app"_s, u"overlays/prod"_s, u"--to"_s, m_commits.at(3),
                                  u"--no-pr"_s, u"-o"_s, u"json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QString branch = pushedBranch(run);
        QCOMPARE(treeOf(branch, u"base"_s), treeOf(m_commits.at(3), u"base"_s));
        QCOMPARE(treeOf(branch, u"apps"_s), treeOf(u"main"_s, u"apps"_s));
    }

    void nothingToRollBack()
    {
        // api did not change after c4: its inputs at the tip are c4's.
        const auto run =
            console({u"--app"_s, u"apps/api"_s, u"--to"_s, m_commits.at(3), u"--no-pr"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"nothing to roll back"), qPrintable(run.err));
    }

    void revertsOneCommit()
    {
        const auto run = console({u"--app"_s, u"apps/web"_s, u"--to"_s, m_commits.at(2),
                                  u"--revert"_s, u"--no-pr"_s, u"-o"_s, u"json"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        const QString branch = pushedBranch(run);
        QCOMPARE(treeOf(branch, u"apps/web"_s), treeOf(m_commits.at(1), u"apps/web"_s));
        QCOMPARE(treeOf(branch, u"apps/api"_s), treeOf(u"main"_s, u"apps/api"_s));
    }

    void errors()
    {
        const auto unknown = console(
            {u"--app"_s, u"nope"_s, u"--to"_s, m_commits.at(0), u"--no-pr"_s, u"-o"_s, u"json"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(u"HEAD has no app nope"), qPrintable(unknown.err));
        QVERIFY(QJsonDocument::fromJson(unknown.out.toUtf8()).object().contains(u"error"));
        const auto badRevision =
            console({u"--app"_s, u"apps/web"_s, u"--to"_s, u"no-such-rev"_s, u"--no-pr"_s});
        QCOMPARE(badRevision.exitCode, 2);
        QVERIFY2(badRevision.err.contains(u"no-such-rev"), qPrintable(badRevision.err));
        const auto noTo = console({u"--app"_s, u"apps/web"_s});
        QCOMPARE(noTo.exitCode, 2);
        QVERIFY2(noTo.err.contains(u"--to"), qPrintable(noTo.err));
    }

    void opensADraftPullRequestOnTheForge_data()
    {
        QTest::addColumn<QString>("flavor");
        QTest::addColumn<QString>("tokenVariable");
        QTest::addColumn<QString>("titlePrefix"); // how the flavor marks a draft in the title
        QTest::addColumn<QString>("webPath"); // the pull request's page below the project
        QTest::newRow("github") << u"github"_s << u"GITHUB_TOKEN"_s << QString() << u"/pull/"_s;
        QTest::newRow("gitlab") << u"gitlab"_s << u"GITLAB_TOKEN"_s << u"Draft: "_s
                                << u"/-/merge_requests/"_s;
        QTest::newRow("gitea") << u"gitea"_s << u"GITEA_TOKEN"_s << u"WIP: "_s << u"/pulls/"_s;
    }

    // --draft against a forge: one draft pull request of the rollback branch into main, the
    // commits undone in its description; run again, the same pull request.
    void opensADraftPullRequestOnTheForge()
    {
        QFETCH(QString, flavor);
        QFETCH(QString, tokenVariable);
        QFETCH(QString, titlePrefix);
        QFETCH(QString, webPath);
        LocalForgeProcess forge(flavor);
        QString error;
        QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));

        // git's own credential helper answers with the forge's token, as a user's would.
        const QString token = QString::fromLatin1(LocalForgeProcess::writeToken());
        QTemporaryDir dir;
        const QString credentials = dir.filePath(u"credentials"_s);
        {
            QFile out(credentials);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QStringLiteral("http://forge-user:%1@127.0.0.1:%2\n")
                          .arg(token)
                          .arg(QUrl(forge.url()).port())
                          .toUtf8());
        }
        const QString helper = u"credential.helper=store --file="_s + credentials;
        const QString clone = dir.filePath(u"clone"_s);
        runGit(dir.path(), {u"-c"_s, helper, u"clone"_s, u"-q"_s, forge.remoteUrl(), clone});
        runGit(clone, {u"config"_s, u"credential.helper"_s, helper.mid(helper.indexOf(u'=') + 1)});

        // On the forge's first commit (README.md): web and api, web changed twice since c1.
        const QString c1 = commitFiles(clone,
                                       {{u"apps/web/cm.yaml"_s, configMap("web", "1")},
                                        {u"apps/api/cm.yaml"_s, configMap("api", "1")}},
                                       u"create"_s);
        const QString c2 = commitFiles(clone,
                                       {{u"apps/web/cm.yaml"_s, configMap("web", "2")},
                                        {u"apps/web/extra.yaml"_s, configMap("web-extra", "1")}},
                                       u"web 2 and an extra"_s);
        commitFiles(clone, {{u"apps/api/cm.yaml"_s, configMap("api", "2")}}, u"api 2"_s);
        const QString c4 =
            commitFiles(clone, {{u"apps/web/cm.yaml"_s, configMap("web", "3")}}, u"web 3"_s);
        QVERIFY(!c1.isEmpty() && !c4.isEmpty());
        runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
        const QString head = runGit(clone, {u"rev-parse"_s, u"HEAD"_s});
        QCOMPARE(forge.branchTip(u"main"_s), head);

        const QStringList arguments{u"--app"_s,   u"apps/web"_s, u"--to"_s, c1.left(10),
                                    u"--draft"_s, u"-o"_s,       u"json"_s};
        const QStringList environment{tokenVariable + u'=' + token};
        const auto run = rollback(clone, arguments, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        QVERIFY(!run.out.contains(token) && !run.err.contains(token));
        const QJsonObject answer = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QString branch = answer.value(u"branch").toString();
        QVERIFY2(branch.startsWith(u"gitops/"), qPrintable(run.out));
        const QJsonObject named = answer.value(u"pullRequest").toObject();
        const int number = named.value(u"number").toInt();
        QVERIFY2(number > 0, qPrintable(run.out));
        QCOMPARE(named.value(u"url").toString(),
                 forge.url() + u'/' + forge.project() + webPath + QString::number(number));
        QCOMPARE(named.value(u"state").toString(), u"open"_s);

        // The forge holds exactly that one, a draft as this forge marks one.
        const QJsonArray pulls = forge.pulls();
        QCOMPARE(pulls.size(), 1);
        const QJsonObject pull = pulls.first().toObject();
        QCOMPARE(pull.value(u"number").toInt(), number);
        QCOMPARE(pull.value(u"head").toString(), branch);
        QCOMPARE(pull.value(u"base").toString(), u"main"_s);
        QCOMPARE(pull.value(u"headSha").toString(), forge.branchTip(branch));
        QCOMPARE(pull.value(u"state").toString(), u"open"_s);
        QVERIFY2(pull.value(u"draft").toBool(), qPrintable(pull.value(u"title").toString()));
        QCOMPARE(pull.value(u"title").toString(),
                 titlePrefix + u"Roll back apps/web to "_s + c1.left(8) + u" (create)"_s);
        // Its description names the commits undone, newest first, and not api's.
        const QString body = pull.value(u"body").toString();
        const QString undone =
            u"- "_s + c4.left(8) + u" web 3\n- "_s + c2.left(8) + u" web 2 and an extra\n"_s;
        QVERIFY2(body.contains(undone), qPrintable(body));
        QVERIFY2(!body.contains(u"api 2"), qPrintable(body));

        // The branch as a reviewer fetches it: on main's tip, apps/web as c1 had it (the extra
        // file gone), api and the forge's README.md as main has them.
        const QString look = dir.filePath(u"look.git"_s);
        runGit(dir.path(),
               {u"-c"_s, helper, u"clone"_s, u"-q"_s, u"--bare"_s, forge.remoteUrl(), look});
        QCOMPARE(runGit(look, {u"rev-parse"_s, branch}), forge.branchTip(branch));
        QCOMPARE(runGit(look, {u"rev-parse"_s, branch + u"^"_s}), head);
        QCOMPARE(runGit(look, {u"rev-parse"_s, branch + u":apps/web"_s}),
                 runGit(look, {u"rev-parse"_s, c1 + u":apps/web"_s}));
        QCOMPARE(runGit(look, {u"rev-parse"_s, branch + u":apps/api"_s}),
                 runGit(look, {u"rev-parse"_s, u"main:apps/api"_s}));
        QCOMPARE(runGit(look, {u"diff"_s, u"--name-only"_s, u"main"_s, branch}),
                 u"apps/web/cm.yaml\napps/web/extra.yaml"_s);
        QCOMPARE(runGit(look, {u"ls-tree"_s, u"--name-only"_s, branch}), u"README.md\napps"_s);

        // Run again: the same branch and pull request, adopted; nothing new pushed.
        const QString tip = forge.branchTip(branch);
        const auto again = rollback(clone, arguments, environment);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
        const QJsonObject second = QJsonDocument::fromJson(again.out.toUtf8()).object();
        QCOMPARE(second.value(u"branch").toString(), branch);
        QCOMPARE(second.value(u"pullRequest").toObject().value(u"number").toInt(), number);
        QCOMPARE(forge.pulls().size(), 1);
        QCOMPARE(forge.branchTip(branch), tip);

        // The user's checkout untouched.
        QCOMPARE(runGit(clone, {u"rev-parse"_s, u"HEAD"_s}), head);
        QCOMPARE(runGit(clone, {u"status"_s, u"--porcelain"_s}), QString());
    }

    // Last: it moves main on. "web 2 and an extra" reverted after web's cm.yaml changed
    // again: cm.yaml conflicts, the extra file's removal does not.
    void revertThatConflicts()
    {
        {
            QFile file(m_clone + u"/apps/web/cm.yaml"_s);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(configMap("web", "3"));
        }
        runGit(m_clone, {u"commit"_s, u"-q"_s, u"-am"_s, u"web 3"_s});
        runGit(m_clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});

        const auto refused = console(
            {u"--app"_s, u"apps/web"_s, u"--to"_s, m_commits.at(2), u"--revert"_s, u"--no-pr"_s});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(u"conflicts"_s) && refused.err.contains(u"apps/web/cm.yaml"_s)
                     && refused.err.contains(u"--draft"_s),
                 qPrintable(refused.err));

        // --draft: the rest of the revert on the tip, cm.yaml as main has it, no markers;
        // the message lists it to resolve by hand.
        const auto draft = console({u"--app"_s, u"apps/web"_s, u"--to"_s, m_commits.at(2),
                                    u"--revert"_s, u"--draft"_s, u"--no-pr"_s, u"-o"_s, u"json"_s});
        QVERIFY2(draft.exitCode == 0, qPrintable(draft.err + draft.out));
        const QString branch = pushedBranch(draft);
        QVERIFY2(branch.startsWith(u"gitops/"), qPrintable(draft.out));
        QCOMPARE(runGit(m_bare, {u"rev-parse"_s, branch + u"^"_s}),
                 runGit(m_bare, {u"rev-parse"_s, u"main"_s}));
        QCOMPARE(treeOf(branch, u"apps/web/cm.yaml"_s), treeOf(u"main"_s, u"apps/web/cm.yaml"_s));
        QCOMPARE(runGit(m_bare, {u"diff"_s, u"--name-only"_s, u"main"_s, branch}),
                 u"apps/web/extra.yaml"_s);
        QCOMPARE(runGit(m_bare, {u"ls-tree"_s, u"--name-only"_s, branch + u":apps/web"_s}),
                 u"cm.yaml"_s);
        const QString message = runGit(m_bare, {u"log"_s, u"-1"_s, u"--format=%B"_s, branch});
        QVERIFY2(message.startsWith(u"Revert \"web 2 and an extra\""_s), qPrintable(message));
        QVERIFY2(message.contains(u"- [ ] apps/web/cm.yaml (changed in the base since)"_s)
                     && message.contains(u"resolved by hand"_s),
                 qPrintable(message));
        QVERIFY(
            !runGit(m_bare, {u"show"_s, branch + u":apps/web/cm.yaml"_s}).contains(u"<<<<<<<"_s));
    }
};

QTEST_GUILESS_MAIN(TestRollbackCli)
#include "tst_rollbackcli.moc"
