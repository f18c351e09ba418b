// `gitops-console rollback` (issue 16, item 5) as a user runs it: the real executable, a
// repository with real history and a bare file:// remote, --no-pr. What is asserted is what
// reviewers would see in the pushed branch: the app's paths as the old commit has them,
// every other path as the tip has it.

#include "gitbuilder.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using gitops::test::runGit;

namespace {

QByteArray configMap(const char *name, const char *value)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ") + name
        + "\n  namespace: shop\ndata:\n  value: \"" + value + "\"\n";
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
        return gitops::test::runCommand(
            QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
            QStringList{u"rollback"_s, u"--repo"_s, m_clone} + arguments, {},
            {u"HOME="_s + m_dir.path(), u"GIT_CONFIG_NOSYSTEM=1"_s, u"GIT_AUTHOR_NAME=Op"_s,
             u"GIT_AUTHOR_EMAIL=op@example.invalid"_s, u"GIT_COMMITTER_NAME=Op"_s,
             u"GIT_COMMITTER_EMAIL=op@example.invalid"_s},
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
