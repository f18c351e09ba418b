// `gitops-console adopt` and `propose` (issue 15, item 6), run as a user runs them: the real
// executable against the local API server, with a bare file:// remote and the local forge
// (GitHub flavor) as origin. What a user would check: the pushed branch's file differs from
// git's in the one adopted line (comments kept), the JSON's shape, the exit codes, a
// Secret's value refused with the reason (and never printed), the same pull request on a
// second run, and the checkout untouched.
#include "checkoutfingerprint.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace gitops;
using gitops::test::CommandResult;
using gitops::test::LocalForgeProcess;
using gitops::test::runGit;
using namespace Qt::StringLiterals;

namespace {

const QByteArray deployment = "# The web tier: scaled by hand in an incident, adopt it.\n"
                              "apiVersion: apps/v1\n"
                              "kind: Deployment\n"
                              "metadata:\n"
                              "  name: web\n"
                              "  namespace: shop\n"
                              "spec:\n"
                              "  replicas: 2 # the usual load\n"
                              "  selector:\n"
                              "    matchLabels: {app: web}\n"
                              "  template:\n"
                              "    metadata:\n"
                              "      labels: {app: web}\n"
                              "    spec:\n"
                              "      containers:\n"
                              "        - name: web\n"
                              "          image: \"nginx:1.27\"\n";

const QByteArray secret = "apiVersion: v1\n"
                          "kind: Secret\n"
                          "metadata:\n"
                          "  name: web-credentials\n"
                          "  namespace: shop\n"
                          "data:\n"
                          "  password: b2xkLXNlY3JldA== # old-secret\n";

const QByteArray liveSecretValue = "bmV3LXNlY3JldC12YWx1ZQ=="; // new-secret-value

bool kubectl(const QString &kubeconfig, const QStringList &arguments, const QByteArray &input,
             QString *error)
{
    const CommandResult result = test::runCommand(
        u"kubectl"_s, QStringList{u"--kubeconfig"_s, kubeconfig} + arguments, input);
    *error = result.err;
    return result.exitCode == 0;
}

void writeFile(const QString &folder, const QString &path, const QByteArray &bytes)
{
    QDir(folder).mkpath(QFileInfo(QDir(folder).filePath(path)).path());
    QFile out(QDir(folder).filePath(path));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
}

} // namespace

class tst_AdoptCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void help();
    void adoptsTheHandScaledReplicas();
    void refusesASecretsValue();
    void errorsExit2();
    void targetsTheAppsTargetRevision();
    void adoptsIntoTheFileAKustomizationReads();
    void patchesTheOverlayWhereNoOneFileHoldsTheField();
    void addsAWholeObjectGitDoesNotName();
    void proposesWorkingTreeEdits();
    void opensThePullRequestOnceOnTheForge();

private:
    CommandResult console(const QStringList &arguments, const QStringList &extra = {});
    /// A user's clone of @p url holding the app apps/web, pushed to main.
    QString makeClone(const QString &url, const QString &name);

    QTemporaryDir m_dir;
    test::KubeEmulatorProcess m_server;
    QString m_bare;
    QString m_clone;
};

void tst_AdoptCommand::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
    m_bare = m_dir.filePath(u"remote.git"_s);
    QDir().mkpath(m_bare);
    runGit(m_bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    m_clone = makeClone(QUrl::fromLocalFile(m_bare).toString(), u"clone"_s);

    // Deployed as git says, then scaled by hand and the Secret changed in the cluster.
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"apply"_s, u"--server-side"_s, u"--validate=false"_s, u"-f"_s, u"-"_s},
                     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n" + deployment
                         + "---\n" + secret,
                     &error),
             qPrintable(error));
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"-n"_s, u"shop"_s, u"scale"_s, u"deployment/web"_s, u"--replicas=5"_s}, {},
                     &error),
             qPrintable(error));
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"-n"_s, u"shop"_s, u"patch"_s, u"secret/web-credentials"_s, u"-p"_s,
                      u"{\"data\":{\"password\":\""_s + QString::fromLatin1(liveSecretValue)
                          + u"\"}}"_s},
                     {}, &error),
             qPrintable(error));
}

QString tst_AdoptCommand::makeClone(const QString &url, const QString &name)
{
    const QString clone = m_dir.filePath(name);
    runGit(m_dir.path(), {u"clone"_s, u"-q"_s, url, clone});
    writeFile(clone, u"apps/web/deployment.yaml"_s, deployment);
    writeFile(clone, u"apps/web/secret.yaml"_s, secret);
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"web"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    return clone;
}

CommandResult tst_AdoptCommand::console(const QStringList &arguments, const QStringList &extra)
{
    return test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), arguments, {},
        QStringList{u"KUBECONFIG="_s + m_server.kubeconfig(), u"HOME="_s + m_dir.path(),
                    u"GIT_CONFIG_NOSYSTEM=1"_s, u"GIT_AUTHOR_NAME=Op"_s,
                    u"GIT_AUTHOR_EMAIL=op@example.invalid"_s, u"GIT_COMMITTER_NAME=Op"_s,
                    u"GIT_COMMITTER_EMAIL=op@example.invalid"_s}
            + extra,
        90000);
}

void tst_AdoptCommand::help()
{
    for (const QString &command : {u"adopt"_s, u"propose"_s}) {
        const CommandResult help = console({command, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(u"gitops-console "_s + command), qPrintable(help.out));
        QVERIFY2(help.out.contains(u"--no-pr"_s) && help.out.contains(u"Exit status"_s),
                 qPrintable(help.out));
    }
    QVERIFY(console({u"adopt"_s, u"--help"_s}).out.contains(u"--resource"_s));
}

void tst_AdoptCommand::adoptsTheHandScaledReplicas()
{
    const QStringList before = test::checkoutFingerprint(m_clone);
    const QStringList adopt{u"adopt"_s,
                            u"--repo"_s,
                            m_clone,
                            u"--app"_s,
                            u"apps/web"_s,
                            u"--resource"_s,
                            u"Deployment.apps/shop/web"_s,
                            u"--field"_s,
                            u".spec.replicas"_s,
                            u"--no-pr"_s};
    const CommandResult json = console(adopt + QStringList{u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QStringList keys = answer.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"branch"_s, u"commit"_s, u"files"_s, u"pullRequest"_s}));
    QVERIFY(answer.value(u"pullRequest"_s).isNull());
    QCOMPARE(answer.value(u"files"_s).toArray(), QJsonArray{u"apps/web/deployment.yaml"_s});
    const QString branch = answer.value(u"branch"_s).toString();
    const QString commit = answer.value(u"commit"_s).toString();
    QVERIFY2(branch.startsWith(u"gitops/apps-web/"_s), qPrintable(branch));

    // The pushed branch: the replicas line changed, every other byte (comments too) kept.
    QCOMPARE(runGit(m_bare, {u"rev-parse"_s, branch}), commit);
    QCOMPARE(runGit(m_bare, {u"rev-parse"_s, branch + u"^"_s}),
             runGit(m_bare, {u"rev-parse"_s, u"main"_s}));
    QByteArray expected = deployment;
    expected.replace("replicas: 2 # the usual load", "replicas: 5 # the usual load");
    QCOMPARE(runGit(m_bare, {u"show"_s, branch + u":apps/web/deployment.yaml"_s}).toUtf8() + '\n',
             expected);
    QCOMPARE(runGit(m_bare, {u"diff"_s, u"--name-only"_s, u"main"_s, branch}),
             u"apps/web/deployment.yaml"_s);

    // Again with no new drift: the same branch and commit, exit 0; text names them.
    const CommandResult text = console(adopt);
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains(branch) && text.out.contains(commit), qPrintable(text.out));
    QCOMPARE(runGit(m_bare, {u"rev-parse"_s, branch}), commit);

    QCOMPARE(test::checkoutFingerprint(m_clone), before);
}

void tst_AdoptCommand::refusesASecretsValue()
{
    const CommandResult refused =
        console({u"adopt"_s, u"--repo"_s, m_clone, u"--app"_s, u"apps/web"_s, u"--resource"_s,
                 u"Secret/shop/web-credentials"_s, u"--no-pr"_s, u"-o"_s, u"json"_s});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"refused .data.password"_s)
                 || refused.err.contains(u"refused .data[\"password\"]"_s),
             qPrintable(refused.err));
    QVERIFY2(refused.err.contains(u"Sealed Secrets"_s), qPrintable(refused.err));
    // The live value never shows, nor reaches the remote.
    for (const QString &text : {refused.out, refused.err}) {
        QVERIFY(!text.contains(QString::fromLatin1(liveSecretValue)));
        QVERIFY(!text.contains(u"new-secret-value"_s));
    }
    QVERIFY(!runGit(m_bare, {u"for-each-ref"_s, u"--format=%(refname)"_s})
                 .contains(u"secret"_s, Qt::CaseInsensitive));
}

void tst_AdoptCommand::errorsExit2()
{
    // No such resource: exit 2, the reason on stderr and as {"error"} on stdout.
    const CommandResult missing =
        console({u"adopt"_s, u"--repo"_s, m_clone, u"--app"_s, u"apps/web"_s, u"--resource"_s,
                 u"Deployment.apps/shop/nope"_s, u"--no-pr"_s, u"-o"_s, u"json"_s});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"has no Deployment.apps/shop/nope"_s), qPrintable(missing.err));
    QVERIFY(QJsonDocument::fromJson(missing.out.toUtf8()).object().contains(u"error"_s));

    const CommandResult field =
        console({u"adopt"_s, u"--repo"_s, m_clone, u"--app"_s, u"apps/web"_s, u"--resource"_s,
                 u"Deployment.apps/shop/web"_s, u"--field"_s, u".spec.paused"_s, u"--no-pr"_s});
    QCOMPARE(field.exitCode, 2);
    QVERIFY2(field.err.contains(u"drifts at .spec.replicas"_s), qPrintable(field.err));

    const CommandResult noResource =
        console({u"adopt"_s, u"--repo"_s, m_clone, u"--app"_s, u"apps/web"_s});
    QCOMPARE(noResource.exitCode, 2);

    // Nothing to adopt: a resource live as git says.
    QTemporaryDir other;
    const QString bare = other.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    const QString clone = other.filePath(u"clone"_s);
    runGit(other.path(), {u"clone"_s, u"-q"_s, QUrl::fromLocalFile(bare).toString(), clone});
    QByteArray live = deployment;
    live.replace("replicas: 2", "replicas: 5");
    writeFile(clone, u"apps/web/deployment.yaml"_s, live);
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"web at 5"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    const CommandResult nothing =
        console({u"adopt"_s, u"--repo"_s, clone, u"--app"_s, u"apps/web"_s, u"--resource"_s,
                 u"Deployment.apps/shop/web"_s, u"--no-pr"_s});
    QVERIFY2(nothing.exitCode == 1, qPrintable(nothing.err));
    QVERIFY2(nothing.err.contains(u"nothing to adopt"_s), qPrintable(nothing.err));
    QCOMPARE(runGit(bare, {u"for-each-ref"_s, u"refs/heads/gitops"_s}), QString());
}

void tst_AdoptCommand::targetsTheAppsTargetRevision()
{
    // An Argo CD Application that follows the branch release: the change goes there.
    QTemporaryDir other;
    const QString bare = other.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    const QString url = QUrl::fromLocalFile(bare).toString();
    const QString clone = other.filePath(u"clone"_s);
    runGit(other.path(), {u"clone"_s, u"-q"_s, url, clone});
    writeFile(clone, u"argocd/web.yaml"_s,
              "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n"
              "  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: "
                  + url.toUtf8()
                  + "\n    path: apps/web\n    targetRevision: release\n  destination:\n"
                    "    server: https://kubernetes.default.svc\n    namespace: shop\n");
    writeFile(clone, u"apps/web/deployment.yaml"_s, deployment);
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"web follows release"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s, u"HEAD:release"_s});
    writeFile(clone, u"NOTES.md"_s, "release notes\n");
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"notes"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:release"_s});
    const QString release = runGit(bare, {u"rev-parse"_s, u"release"_s});
    QVERIFY(release != runGit(bare, {u"rev-parse"_s, u"main"_s}));

    const CommandResult json =
        console({u"adopt"_s, u"--repo"_s, clone, u"--app"_s, u"web"_s, u"--resource"_s,
                 u"Deployment.apps/shop/web"_s, u"--field"_s, u".spec.replicas"_s, u"--no-pr"_s,
                 u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
    const QString branch =
        QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"branch"_s).toString();
    QCOMPARE(runGit(bare, {u"rev-parse"_s, branch + u"^"_s}), release);
    QCOMPARE(runGit(bare, {u"diff"_s, u"--name-only"_s, u"release"_s, branch}),
             u"apps/web/deployment.yaml"_s);
}

void tst_AdoptCommand::adoptsIntoTheFileAKustomizationReads()
{
    // A kustomize app: the image is literally in deployment.yaml (kustomize only adds the
    // namespace), the replicas come from the kustomization's replicas transformer.
    QTemporaryDir other;
    const QString bare = other.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    const QString clone = other.filePath(u"clone"_s);
    runGit(other.path(), {u"clone"_s, u"-q"_s, QUrl::fromLocalFile(bare).toString(), clone});
    const QByteArray base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"
                            "spec:\n  replicas: 1\n  selector:\n    matchLabels: {app: api}\n"
                            "  template:\n    metadata:\n      labels: {app: api}\n    spec:\n"
                            "      containers:\n        - name: api\n"
                            "          image: nginx:1.26 # pinned\n";
    writeFile(clone, u"apps/api/deployment.yaml"_s, base);
    writeFile(clone, u"apps/api/kustomization.yaml"_s,
              "namespace: kust\nresources:\n  - deployment.yaml\nreplicas:\n  - name: api\n"
              "    count: 3\n");
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"api"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    QByteArray rendered = base;
    rendered.replace("  name: api\n", "  name: api\n  namespace: kust\n");
    rendered.replace("replicas: 1", "replicas: 3");
    QString error;
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"apply"_s, u"--server-side"_s, u"--validate=false"_s, u"-f"_s, u"-"_s},
                     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kust\n---\n" + rendered,
                     &error),
             qPrintable(error));
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"-n"_s, u"kust"_s, u"set"_s, u"image"_s, u"deployment/api"_s,
                      u"api=nginx:1.27"_s},
                     {}, &error),
             qPrintable(error));
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"-n"_s, u"kust"_s, u"scale"_s, u"deployment/api"_s, u"--replicas=4"_s}, {},
                     &error),
             qPrintable(error));

    const CommandResult json =
        console({u"adopt"_s, u"--repo"_s, clone, u"--app"_s, u"apps/api"_s, u"--resource"_s,
                 u"Deployment.apps/kust/api"_s, u"--no-pr"_s, u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
    // The replicas are the transformer's: no file holds 3, so they are refused.
    QVERIFY2(json.err.contains(u"refused .spec.replicas: kustomize sets it"_s)
                 && json.err.contains(u"no file holds it"_s),
             qPrintable(json.err));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(answer.value(u"files"_s).toArray(), QJsonArray{u"apps/api/deployment.yaml"_s});
    QByteArray expected = base;
    expected.replace("image: nginx:1.26 # pinned", "image: nginx:1.27 # pinned");
    QCOMPARE(
        runGit(bare,
               {u"show"_s, answer.value(u"branch"_s).toString() + u":apps/api/deployment.yaml"_s})
                .toUtf8()
            + '\n',
        expected);
}

void tst_AdoptCommand::patchesTheOverlayWhereNoOneFileHoldsTheField()
{
    // An overlay over a base: the base and the overlay's patch both say replicas 2 (so no
    // one file holds it), and the team label was applied by hand and is in no file at all.
    // Both go into a patch of the overlay, which kustomize builds to what live says.
    QTemporaryDir other;
    const QString bare = other.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    const QString clone = other.filePath(u"clone"_s);
    runGit(other.path(), {u"clone"_s, u"-q"_s, QUrl::fromLocalFile(bare).toString(), clone});
    const QByteArray base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                            "spec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n"
                            "  template:\n    metadata:\n      labels: {app: web}\n    spec:\n"
                            "      containers:\n        - name: web\n          image: nginx:1.27\n";
    const QByteArray overlay = "# prod: its own namespace, replicas pinned\nnamespace: prod\n"
                               "resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n";
    const QByteArray pinned = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                              "spec:\n  replicas: 2 # pinned for prod\n  minReadySeconds: 5\n";
    writeFile(clone, u"apps/shop/base/deployment.yaml"_s, base);
    writeFile(clone, u"apps/shop/base/kustomization.yaml"_s, "resources:\n  - deployment.yaml\n");
    writeFile(clone, u"apps/shop/overlays/prod/kustomization.yaml"_s, overlay);
    writeFile(clone, u"apps/shop/overlays/prod/replicas.yaml"_s, pinned);
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"shop"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    const QString main = runGit(bare, {u"rev-parse"_s, u"main"_s});

    // Deployed with a team label by hand, then scaled by a `kubectl patch`.
    QByteArray rendered = base;
    rendered.replace("  name: web\n",
                     "  name: web\n  namespace: prod\n  labels:\n    team: shop\n");
    rendered.replace("  replicas: 2\n", "  replicas: 2\n  minReadySeconds: 5\n");
    QString error;
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"apply"_s, u"--server-side"_s, u"--validate=false"_s, u"-f"_s, u"-"_s},
                     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n---\n" + rendered,
                     &error),
             qPrintable(error));
    QVERIFY2(kubectl(m_server.kubeconfig(),
                     {u"-n"_s, u"prod"_s, u"patch"_s, u"deployment/web"_s, u"--type"_s, u"merge"_s,
                      u"-p"_s, u"{\"spec\":{\"replicas\":4}}"_s},
                     {}, &error),
             qPrintable(error));

    const QStringList before = test::checkoutFingerprint(clone);
    const QStringList adopt{u"adopt"_s,
                            u"--repo"_s,
                            clone,
                            u"--app"_s,
                            u"apps/shop/overlays/prod"_s,
                            u"--resource"_s,
                            u"Deployment.apps/prod/web"_s,
                            u"--no-pr"_s};
    const CommandResult json = console(adopt + QStringList{u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    const QString patch = u"apps/shop/overlays/prod/live-deployment-web.patch.yaml"_s;
    QCOMPARE(answer.value(u"files"_s).toArray(),
             (QJsonArray{u"apps/shop/overlays/prod/kustomization.yaml"_s, patch}));
    // Which file, and that it is a patch, is said on stderr next to the JSON.
    QVERIFY2(json.err.contains(u"written "_s + patch + u": .spec.replicas"_s)
                 && json.err.contains(u"a patch in the overlay"_s),
             qPrintable(json.err));
    const QString branch = answer.value(u"branch"_s).toString();
    QCOMPARE(runGit(bare, {u"rev-parse"_s, branch + u"^"_s}), main);
    // The base and the overlay's own patch keep their bytes; the kustomization gains one
    // entry, its comment kept.
    QCOMPARE(runGit(bare, {u"diff"_s, u"--name-only"_s, u"main"_s, branch}),
             u"apps/shop/overlays/prod/kustomization.yaml\n"_s + patch);
    QCOMPARE(runGit(bare, {u"show"_s, branch + u":apps/shop/overlays/prod/kustomization.yaml"_s})
                     .toUtf8()
                 + '\n',
             overlay + "  - path: live-deployment-web.patch.yaml\n");

    // What kustomize builds from the branch is what live says.
    const QString check = other.filePath(u"check"_s);
    runGit(other.path(),
           {u"clone"_s, u"-q"_s, u"-b"_s, branch, QUrl::fromLocalFile(bare).toString(), check});
    const CommandResult built = test::runCommand(
        u"kubectl"_s, {u"kustomize"_s, QDir(check).filePath(u"apps/shop/overlays/prod"_s)});
    QVERIFY2(built.exitCode == 0, qPrintable(built.err));
    QVERIFY2(built.out.contains(u"replicas: 4\n"_s) && built.out.contains(u"team: shop\n"_s)
                 && built.out.contains(u"minReadySeconds: 5\n"_s)
                 && built.out.contains(u"namespace: prod\n"_s),
             qPrintable(built.out));

    // Run again: the same branch, and the text names the patch file.
    const CommandResult text = console(adopt);
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(text.out.contains(branch) && text.out.contains(patch)
                 && text.out.contains(u"a patch in the overlay"_s),
             qPrintable(text.out));
    QCOMPARE(test::checkoutFingerprint(clone), before);
}

void tst_AdoptCommand::addsAWholeObjectGitDoesNotName()
{
    // An Argo CD app whose ConfigMap was made by hand in the cluster (kubectl create): git
    // does not name it, adopt without --field adds it whole as a new file.
    QTemporaryDir other;
    const QString bare = other.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    const QString url = QUrl::fromLocalFile(bare).toString();
    const QString clone = other.filePath(u"clone"_s);
    runGit(other.path(), {u"clone"_s, u"-q"_s, url, clone});
    writeFile(clone, u"argocd/flags.yaml"_s,
              "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: flags\n"
              "  namespace: argocd\nspec:\n  project: default\n  source:\n    repoURL: "
                  + url.toUtf8()
                  + "\n    path: apps/flags\n    targetRevision: main\n  destination:\n"
                    "    server: https://kubernetes.default.svc\n    namespace: flags\n");
    writeFile(clone, u"apps/flags/settings.yaml"_s,
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
              "  labels:\n    app.kubernetes.io/instance: flags\ndata:\n  mode: normal\n");
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"flags"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    QString error;
    QVERIFY2(kubectl(m_server.kubeconfig(), {u"create"_s, u"--validate=false"_s, u"-f"_s, u"-"_s},
                     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flags\n---\n"
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                     "  namespace: flags\n  labels:\n    app.kubernetes.io/instance: flags\n"
                     "data:\n  mode: normal\n---\n"
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: beta\n"
                     "  namespace: flags\n  labels:\n    app.kubernetes.io/instance: flags\n"
                     "data:\n  search: \"on\"\n",
                     &error),
             qPrintable(error));

    const QStringList adopt{u"adopt"_s,
                            u"--repo"_s,
                            clone,
                            u"--app"_s,
                            u"flags"_s,
                            u"--resource"_s,
                            u"ConfigMap/flags/beta"_s,
                            u"--no-pr"_s};
    // A field of it: there is none git sets; the whole object is offered instead.
    const CommandResult field = console(adopt + QStringList{u"--field"_s, u".data.search"_s});
    QCOMPARE(field.exitCode, 1);
    QVERIFY2(field.err.contains(u"adds the whole object"_s), qPrintable(field.err));

    const CommandResult json = console(adopt + QStringList{u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(answer.value(u"files"_s).toArray(), QJsonArray{u"apps/flags/configmap-beta.yaml"_s});
    QVERIFY2(json.err.contains(u"a new file"_s), qPrintable(json.err));
    const QString written = runGit(
        bare,
        {u"show"_s, answer.value(u"branch"_s).toString() + u":apps/flags/configmap-beta.yaml"_s});
    // What the server filled in is not there; what the user made is.
    QVERIFY2(written.contains(u"name: beta\n"_s) && written.contains(u"search: \"on\""_s)
                 && written.contains(u"app.kubernetes.io/instance: flags"_s),
             qPrintable(written));
    for (const QString &server :
         {u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s, u"managedFields"_s, u"status"_s})
        QVERIFY2(!written.contains(server), qPrintable(written));
}

void tst_AdoptCommand::proposesWorkingTreeEdits()
{
    QTemporaryDir other;
    const QString bare = other.filePath(u"remote.git"_s);
    QDir().mkpath(bare);
    runGit(bare, {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s});
    const QString clone = other.filePath(u"clone"_s);
    runGit(other.path(), {u"clone"_s, u"-q"_s, QUrl::fromLocalFile(bare).toString(), clone});
    writeFile(clone, u"apps/web/deployment.yaml"_s, deployment);
    writeFile(clone, u"apps/web/old.yaml"_s, "kind: ConfigMap\n");
    writeFile(clone, u"apps/db/db.yaml"_s, "kind: ConfigMap\nmetadata: {name: db}\n");
    runGit(clone, {u"add"_s, u"."_s});
    runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"apps"_s});
    runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    const QStringList propose{u"propose"_s,
                              u"--repo"_s,
                              clone,
                              u"--app"_s,
                              u"apps/web"_s,
                              u"--title"_s,
                              u"web: three replicas"_s,
                              u"--no-pr"_s};

    const CommandResult nothing = console(propose);
    QVERIFY2(nothing.exitCode == 1, qPrintable(nothing.err));

    // Edits under the app's folder (changed, new, deleted), and one in another app's.
    QByteArray edited = deployment;
    edited.replace("replicas: 2", "replicas: 3");
    writeFile(clone, u"apps/web/deployment.yaml"_s, edited);
    writeFile(clone, u"apps/web/extra.yaml"_s, "kind: ConfigMap\nmetadata: {name: extra}\n");
    QVERIFY(QFile::remove(QDir(clone).filePath(u"apps/web/old.yaml"_s)));
    writeFile(clone, u"apps/db/db.yaml"_s, "kind: ConfigMap\nmetadata: {name: db2}\n");
    const QStringList before = test::checkoutFingerprint(clone);

    const CommandResult json = console(propose + QStringList{u"-o"_s, u"json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err + json.out));
    const QJsonObject answer = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(answer.value(u"files"_s).toArray(),
             (QJsonArray{u"apps/web/deployment.yaml"_s, u"apps/web/extra.yaml"_s,
                         u"apps/web/old.yaml"_s}));
    const QString branch = answer.value(u"branch"_s).toString();
    QCOMPARE(runGit(bare, {u"show"_s, branch + u":apps/web/deployment.yaml"_s}).toUtf8() + '\n',
             edited);
    QCOMPARE(runGit(bare, {u"log"_s, u"-1"_s, u"--format=%s"_s, branch}), u"web: three replicas"_s);
    QCOMPARE(runGit(bare, {u"show"_s, branch + u":apps/db/db.yaml"_s}),
             u"kind: ConfigMap\nmetadata: {name: db}"_s);
    // The working tree (and index, and branch) as they were: the edits are still there.
    QCOMPARE(test::checkoutFingerprint(clone), before);
}

void tst_AdoptCommand::opensThePullRequestOnceOnTheForge()
{
    LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    const QString token = QString::fromLatin1(LocalForgeProcess::writeToken());
    const QString credentials = m_dir.filePath(u"forge-credentials"_s);
    {
        QFile out(credentials);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QStringLiteral("http://forge-user:%1@127.0.0.1:%2\n")
                      .arg(token)
                      .arg(QUrl(forge.url()).port())
                      .toUtf8());
    }
    const QString helper = u"store --file="_s + credentials;
    qputenv("GIT_CONFIG_COUNT", "1");
    qputenv("GIT_CONFIG_KEY_0", "credential.helper");
    qputenv("GIT_CONFIG_VALUE_0", helper.toUtf8());
    const QString clone = makeClone(forge.remoteUrl(), u"forge-clone"_s);
    qunsetenv("GIT_CONFIG_COUNT");
    qunsetenv("GIT_CONFIG_KEY_0");
    qunsetenv("GIT_CONFIG_VALUE_0");
    runGit(clone, {u"config"_s, u"credential.helper"_s, helper});
    const QStringList before = test::checkoutFingerprint(clone);

    const QStringList adopt{u"adopt"_s,
                            u"--repo"_s,
                            clone,
                            u"--app"_s,
                            u"apps/web"_s,
                            u"--resource"_s,
                            u"Deployment.apps/shop/web"_s,
                            u"--title"_s,
                            u"web: 5 replicas, as scaled in the incident"_s,
                            u"-o"_s,
                            u"json"_s};
    const QStringList environment{u"GITHUB_TOKEN="_s + token};
    const CommandResult first = console(adopt, environment);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err + first.out));
    const QJsonObject answer = QJsonDocument::fromJson(first.out.toUtf8()).object();
    const QJsonObject pull = answer.value(u"pullRequest"_s).toObject();
    QStringList keys = pull.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"number"_s, u"state"_s, u"url"_s}));
    QCOMPARE(pull.value(u"state"_s).toString(), u"open"_s);
    QVERIFY(pull.value(u"number"_s).toInt() > 0);
    QVERIFY2(pull.value(u"url"_s).toString().startsWith(u"http://127.0.0.1:"_s),
             qPrintable(pull.value(u"url"_s).toString()));
    QVERIFY(!first.out.contains(token) && !first.err.contains(token));

    const QJsonArray pulls = forge.pulls();
    QCOMPARE(pulls.size(), 1);
    QCOMPARE(pulls.first().toObject().value(u"head"_s).toString(),
             answer.value(u"branch"_s).toString());
    QCOMPARE(pulls.first().toObject().value(u"title"_s).toString(),
             u"web: 5 replicas, as scaled in the incident"_s);
    QVERIFY2(pulls.first().toObject().value(u"body"_s).toString().contains(u".spec.replicas"_s),
             qPrintable(pulls.first().toObject().value(u"body"_s).toString()));

    // Again with no new drift: the same pull request, adopted; exit 0.
    const CommandResult again = console(adopt, environment);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err + again.out));
    QCOMPARE(QJsonDocument::fromJson(again.out.toUtf8())
                 .object()
                 .value(u"pullRequest"_s)
                 .toObject()
                 .value(u"number"_s),
             pull.value(u"number"_s));
    QCOMPARE(forge.pulls().size(), 1);

    // Without a token: the branch is pushed, the forge's step fails, exit 2.
    QStringList textOutput = adopt;
    textOutput.removeLast();
    textOutput.removeLast();
    const CommandResult noToken = console(textOutput);
    QCOMPARE(noToken.exitCode, 2);
    QVERIFY2(noToken.err.contains(u"GITHUB_TOKEN"_s), qPrintable(noToken.err));

    QCOMPARE(test::checkoutFingerprint(clone), before);
}

QTEST_GUILESS_MAIN(tst_AdoptCommand)
#include "tst_adoptcommand.moc"
