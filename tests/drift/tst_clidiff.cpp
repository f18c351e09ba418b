// `gitops-console diff --desired PATH --live PATH` (issue 6), run as a user runs it: the
// real executable, its output and its exit status.

#include "gitbuilder.h"
#include "goldenfile.h"
#include "kubeemulatorprocess.h"
#include "manifest/manifestparser.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run diff(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No display at all: the subcommand must not need one.
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                  QStringList{QStringLiteral("diff")} + arguments);
    if (!process.waitForFinished(30000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString corpus(const QString &name, const QString &file)
{
    return QStringLiteral(GITOPS_DRIFT_CORPUS "/") + name + QLatin1Char('/') + file;
}

QStringList caseFiles(const QString &name)
{
    return {QStringLiteral("--desired"), corpus(name, QStringLiteral("desired.yaml")),
            QStringLiteral("--live"), corpus(name, QStringLiteral("live.yaml"))};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// `gitops-console ARGUMENTS` against the server of @p kubeconfig, with nothing of the user's.
gitops::test::CommandResult console(const QStringList &arguments, const QString &kubeconfig,
                                    const QString &home)
{
    return gitops::test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), arguments, {},
        {QStringLiteral("KUBECONFIG=") + kubeconfig, QStringLiteral("HOME=") + home}, 60000);
}

// The table part of `status` output: its rows split into cells (runs of 2+ spaces apart).
QList<QStringList> tableRows(const QString &out)
{
    QList<QStringList> rows;
    for (const QString &line : out.split(u'\n')) {
        if (line.isEmpty())
            break;
        rows << line.split(QRegularExpression(QStringLiteral(" {2,}")));
    }
    return rows;
}

// The golden files of `status` and `diff` against a cluster (STYLE.md rule 12);
// GITOPS_REGENERATE_GOLDEN=1 rewrites them.
QString goldenFile(const QString &name)
{
    return QDir::cleanPath(QStringLiteral(GITOPS_DRIFT_CORPUS "/../cli/") + name);
}

// What differs between two runs of the same command: when kubectl wrote a field.
QString withoutTimes(QString text)
{
    static const QRegularExpression time(
        QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    return text.replace(time, QStringLiteral("<time>"));
}

// kubectl apply --server-side of @p yaml to the server of @p kubeconfig.
bool apply(const QString &kubeconfig, const QByteArray &yaml, QString *error)
{
    const gitops::test::CommandResult applied = gitops::test::runCommand(
        QStringLiteral("kubectl"),
        {QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("apply"),
         QStringLiteral("--server-side"), QStringLiteral("--validate=false"), QStringLiteral("-f"),
         QStringLiteral("-")},
        yaml);
    *error = applied.err;
    return applied.exitCode == 0;
}

} // namespace

class TestCliDiff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    gitops::test::KubeEmulatorProcess m_server;
    QString m_fleet; // a plain app "apps/web" and a Helm chart app "apps/chart"
    // For the golden files: a server of their own, and a repository whose apps are Synced
    // (web), drifted (api: a changed value and a missing object) and Unknown (a chart).
    gitops::test::KubeEmulatorProcess m_shopServer;
    QString m_shop;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
        m_fleet = m_dir.filePath(QStringLiteral("fleet"));
        gitops::test::GitBuilder git(m_fleet);
        git.commit(QStringLiteral("main"),
                   {{QStringLiteral("apps/web/config.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"
                     "  namespace: default\ndata:\n  LOG_LEVEL: info\n"},
                    {QStringLiteral("apps/chart/Chart.yaml"),
                     "apiVersion: v2\nname: chart\nversion: 1.0.0\n"}},
                   QStringLiteral("web and a chart"));
        // The ConfigMap is live as git has it: Synced when it can be compared.
        const gitops::test::CommandResult applied = gitops::test::runCommand(
            QStringLiteral("kubectl"),
            {QStringLiteral("--kubeconfig"), m_server.kubeconfig(), QStringLiteral("apply"),
             QStringLiteral("--server-side"), QStringLiteral("--validate=false"),
             QStringLiteral("-f"), QStringLiteral("-")},
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n"
            "data:\n  LOG_LEVEL: info\n");
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
        QDir(m_dir.path()).mkdir(QStringLiteral("plain"));
        QDir(m_dir.path()).mkdir(QStringLiteral("empty"));
        QProcess init;
        init.start(QStringLiteral("git"),
                   {QStringLiteral("init"), QStringLiteral("--quiet"),
                    m_dir.filePath(QStringLiteral("empty"))});
        QVERIFY(init.waitForFinished(30000) && init.exitCode() == 0);

        QVERIFY2(m_shopServer.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
        m_shop = m_dir.filePath(QStringLiteral("shop"));
        gitops::test::GitBuilder shop(m_shop);
        shop.commit(QStringLiteral("main"),
                    {{QStringLiteral("apps/web/config.yaml"),
                      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"
                      "  namespace: shop\ndata:\n  LOG_LEVEL: info\n"},
                     {QStringLiteral("apps/api/config.yaml"),
                      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\n"
                      "  namespace: shop\ndata:\n  LOG_LEVEL: info\n  THREADS: \"4\"\n"},
                     {QStringLiteral("apps/api/limits.yaml"),
                      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-limits\n"
                      "  namespace: shop\ndata:\n  MAX_BODY: 1m\n"},
                     {QStringLiteral("apps/chart/Chart.yaml"),
                      "apiVersion: v2\nname: chart\nversion: 1.0.0\n"}},
                    QStringLiteral("web, api and a chart"));
        QVERIFY2(apply(m_shopServer.kubeconfig(),
                       "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n"
                       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"
                       "  namespace: shop\ndata:\n  LOG_LEVEL: info\n---\n"
                       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\n"
                       "  namespace: shop\ndata:\n  LOG_LEVEL: debug\n  THREADS: \"4\"\n",
                       &error),
                 qPrintable(error));
    }

    // What `status` and `diff` print against a cluster, whole, as golden files: the table
    // with its notes, the JSON with revision, context and per-app error, the unified diff.
    // One exit-code rule for both: 0 Synced, 1 drift, 2 anything Unknown.
    void goldenOutput_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("golden");
        QTest::addColumn<QString>("err");
        const QString chart = QStringLiteral(
            "gitops-console: apps/chart: apps/chart is a Helm chart (apps/chart/Chart.yaml); "
            "Helm charts are not supported yet\n");
        QTest::newRow("status table") << QStringList{QStringLiteral("status")} << 2
                                      << QStringLiteral("status.txt") << QString();
        QTest::newRow("status json")
            << QStringList{QStringLiteral("status"), QStringLiteral("-o"), QStringLiteral("json")}
            << 2 << QStringLiteral("status.json") << QString();
        QTest::newRow("status of a synced app")
            << QStringList{QStringLiteral("status"), QStringLiteral("--app"),
                           QStringLiteral("apps/web")}
            << 0 << QStringLiteral("status-web.txt") << QString();
        QTest::newRow("diff unified")
            << QStringList{QStringLiteral("diff")} << 2 << QStringLiteral("diff.diff") << chart;
        QTest::newRow("diff of a drifted app")
            << QStringList{QStringLiteral("diff"), QStringLiteral("--app"),
                           QStringLiteral("apps/api")}
            << 1 << QStringLiteral("diff-api.diff") << QString();
        QTest::newRow("diff json")
            << QStringList{QStringLiteral("diff"), QStringLiteral("-o"), QStringLiteral("json")}
            << 2 << QStringLiteral("diff.json") << chart;
    }
    void goldenOutput()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, golden);
        QFETCH(QString, err);
        const gitops::test::CommandResult run =
            console(arguments + QStringList{QStringLiteral("--repo"), m_shop},
                    m_shopServer.kubeconfig(), m_dir.path());
        QVERIFY(gitops::test::matchesGoldenFile(withoutTimes(run.out), goldenFile(golden)));
        QCOMPARE(run.err, err);
        QCOMPARE(run.exitCode, exitCode);
    }

    // diff -o json against a cluster says what status -o json says about the run and each
    // app: the revision, the context, and why an app has no verdict.
    void diffJsonNamesRevisionContextAndErrors()
    {
        const gitops::test::CommandResult run = console(
            {QStringLiteral("diff"), QStringLiteral("--repo"), m_shop, QStringLiteral("--context"),
             QStringLiteral("reader"), QStringLiteral("-o"), QStringLiteral("json")},
            m_shopServer.kubeconfig(), m_dir.path());
        QCOMPARE(run.exitCode, 2);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$"))
                     .match(json.value(u"revision").toString())
                     .hasMatch(),
                 qPrintable(run.out));
        QCOMPARE(json.value(u"context").toString(), QStringLiteral("reader"));
        QHash<QString, QJsonObject> apps;
        for (const QJsonValue &app : json.value(u"apps").toArray())
            apps.insert(app[u"name"].toString(), app.toObject());
        QCOMPARE(apps.size(), 3);
        QCOMPARE(apps.value(QStringLiteral("apps/chart")).value(u"status").toString(),
                 QStringLiteral("Unknown"));
        QVERIFY(apps.value(QStringLiteral("apps/chart"))
                    .value(u"error")
                    .toString()
                    .contains(QStringLiteral("is a Helm chart")));
        QCOMPARE(apps.value(QStringLiteral("apps/api")).value(u"status").toString(),
                 QStringLiteral("OutOfSync"));
        QVERIFY(!apps.value(QStringLiteral("apps/api")).contains(u"error"));
    }

    // No fixed limit: the command waits as long as the cluster takes, unless --timeout
    // says otherwise; then it gives up after that long, exit 2 and why.
    void timeoutOption()
    {
        gitops::test::KubeEmulatorProcess slow;
        QString error;
        QVERIFY2(slow.start(QStringLiteral(KUBE_EMULATOR),
                            {QStringLiteral("--faults"), QStringLiteral("{\"latencyMs\": 1500}")},
                            &error),
                 qPrintable(error));
        for (const char *command : {"status", "diff"}) {
            QElapsedTimer timer;
            timer.start();
            const gitops::test::CommandResult run =
                console({QString::fromLatin1(command), QStringLiteral("--repo"), m_shop,
                         QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("-o"),
                         QStringLiteral("json")},
                        slow.kubeconfig(), m_dir.path());
            QCOMPARE(run.exitCode, 2);
            const QString message = QStringLiteral(
                "no answer from the repository and the cluster within 1 s (--timeout)");
            QVERIFY2(run.err.contains(QStringLiteral("gitops-console: ") + message),
                     qPrintable(run.err));
            QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"error").toString(),
                     message);
            QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        }
        // Without it, the slow cluster's answer comes (each request takes 1.5 s).
        const gitops::test::CommandResult patient =
            console({QStringLiteral("status"), QStringLiteral("--repo"), m_shop,
                     QStringLiteral("--app"), QStringLiteral("apps/web")},
                    slow.kubeconfig(), m_dir.path());
        QCOMPARE(patient.exitCode, 1); // the namespace shop and its ConfigMap are not there
        QVERIFY2(patient.out.contains(QStringLiteral("Missing")), qPrintable(patient.out));

        const gitops::test::CommandResult bad =
            console({QStringLiteral("status"), QStringLiteral("--repo"), m_shop,
                     QStringLiteral("--timeout"), QStringLiteral("soon")},
                    slow.kubeconfig(), m_dir.path());
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(
                     QStringLiteral("--timeout takes a whole number of seconds above 0, not soon")),
                 qPrintable(bad.err));
        QCOMPARE(bad.out, QString());
    }

    // A question the command cannot answer is an error: exit 2, the reason on stderr, and
    // with -o json an object whose "error" says it, never an empty answer that exits 0.
    void clusterErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString fleet = m_dir.filePath(QStringLiteral("fleet"));
        const QString repo = QStringLiteral("--repo");
        for (const char *command : {"status", "diff"}) {
            const QString name = QString::fromLatin1(command);
            QTest::addRow("%s: unknown revision", command)
                << QStringList{name, repo, fleet, QStringLiteral("--revision"),
                               QStringLiteral("nope")}
                << QStringLiteral("unknown revision \u201cnope\u201d");
            QTest::addRow("%s: not a repository", command)
                << QStringList{name, repo, m_dir.filePath(QStringLiteral("plain"))}
                << QStringLiteral("plain is not inside a git repository");
            QTest::addRow("%s: no such folder", command)
                << QStringList{name, repo, m_dir.filePath(QStringLiteral("nowhere"))}
                << QStringLiteral("nowhere: no such folder");
            QTest::addRow("%s: no commits", command)
                << QStringList{name, repo, m_dir.filePath(QStringLiteral("empty"))}
                << QStringLiteral("empty has no commits yet");
            QTest::addRow("%s: unknown context", command)
                << QStringList{name, repo, fleet, QStringLiteral("--context"),
                               QStringLiteral("nope")}
                << QStringLiteral("the kubeconfig has no context nope (its contexts: admin, "
                                  "reader, restricted)");
            QTest::addRow("%s: unknown app", command)
                << QStringList{name, repo, fleet, QStringLiteral("--app"), QStringLiteral("webb")}
                << QStringLiteral("no app named webb (the apps: apps/chart, apps/web)");
        }
    }
    void clusterErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        gitops::test::CommandResult run = console(arguments, m_server.kubeconfig(), m_dir.path());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        // Said once, on one line.
        QCOMPARE(run.err.count(u'\n'), 1);
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));

        run = console(arguments + QStringList{QStringLiteral("-o"), QStringLiteral("json")},
                      m_server.kubeconfig(), m_dir.path());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY2(json.value(u"error").toString().contains(message), qPrintable(run.out));
        QVERIFY2(!json.contains(u"apps"), qPrintable(run.out));
    }

    // Why a row is Unknown shows with the table, as a note the row names; an app that could
    // not be rendered (a Helm chart) is Unknown/Unknown, never Synced/Healthy.
    void statusTableGivesReasons()
    {
        const gitops::test::CommandResult run = console(
            {QStringLiteral("status"), QStringLiteral("--repo"), m_fleet,
             QStringLiteral("--context"), QStringLiteral("reader"), QStringLiteral("--exact")},
            m_server.kubeconfig(), m_dir.path());
        QCOMPARE(run.exitCode, 2);
        const QList<QStringList> rows = tableRows(run.out);
        QCOMPARE(
            rows.value(0),
            (QStringList{QStringLiteral("APP"), QStringLiteral("KIND"), QStringLiteral("NAMESPACE"),
                         QStringLiteral("NAME"), QStringLiteral("SYNC"), QStringLiteral("HEALTH"),
                         QStringLiteral("REASON")}));
        QHash<QString, QStringList> byName;
        for (const QStringList &row : rows.mid(1)) {
            // No sentence in a cell: every cell is one word (or a kind, a note's number).
            for (const QString &cell : row)
                QVERIFY2(!cell.contains(u' '), qPrintable(row.join(u'|')));
            byName.insert(row.size() == 4 ? row.at(0) : row.value(3), row);
        }
        // The chart app's row: name, sync, health, note.
        QCOMPARE(byName.value(QStringLiteral("apps/chart")),
                 (QStringList{QStringLiteral("apps/chart"), QStringLiteral("Unknown"),
                              QStringLiteral("Unknown"), QStringLiteral("[1]")}));
        // The ConfigMap the reader may not dry-run: app, kind, namespace, name, ..., note.
        QCOMPARE(byName.value(QStringLiteral("web")),
                 (QStringList{QStringLiteral("apps/web"), QStringLiteral("ConfigMap"),
                              QStringLiteral("default"), QStringLiteral("web"),
                              QStringLiteral("Unknown"), QStringLiteral("Unknown"),
                              QStringLiteral("[2]")}));
        QVERIFY2(run.out.contains(QStringLiteral("\n\n[1] apps/chart is a Helm chart")),
                 qPrintable(run.out));
        QVERIFY2(QRegularExpression(QStringLiteral("\n\\[2\\] The server's dry run failed: [^\n]*"
                                                   "cannot patch resource \"configmaps\""))
                     .match(run.out)
                     .hasMatch(),
                 qPrintable(run.out));

        const gitops::test::CommandResult json =
            console({QStringLiteral("status"), QStringLiteral("--repo"), m_fleet,
                     QStringLiteral("--context"), QStringLiteral("admin"), QStringLiteral("-o"),
                     QStringLiteral("json")},
                    m_server.kubeconfig(), m_dir.path());
        QCOMPARE(json.exitCode, 2);
        QHash<QString, QJsonObject> apps;
        for (const QJsonValue &app :
             QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"apps").toArray())
            apps.insert(app[u"name"].toString(), app.toObject());
        QCOMPARE(apps.value(QStringLiteral("apps/chart")).value(u"status").toString(),
                 QStringLiteral("Unknown"));
        QCOMPARE(apps.value(QStringLiteral("apps/chart")).value(u"health").toString(),
                 QStringLiteral("Unknown"));
        QVERIFY(apps.value(QStringLiteral("apps/chart"))
                    .value(u"error")
                    .toString()
                    .contains(QStringLiteral("Helm chart")));
        // The app that could be compared keeps its verdict.
        QCOMPARE(apps.value(QStringLiteral("apps/web")).value(u"status").toString(),
                 QStringLiteral("Synced"));
    }

    // Where the cluster defines the app, its controller's verdict stands beside the
    // console's: a CONTROLLER column (≠ and a note where they differ) and "controller" in
    // the JSON, per app and per resource (issue 20, item 4).
    void controllerVerdictBesideTheConsoles()
    {
        const QString repository = m_dir.filePath(QStringLiteral("argo"));
        {
            gitops::test::GitBuilder git(repository);
            git.commit(QStringLiteral("main"),
                       {{QStringLiteral("guestbook/ui.yaml"),
                         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ui\n"
                         "data:\n  color: blue\n"}},
                       QStringLiteral("guestbook"));
            git.addRemote(QStringLiteral("origin"),
                          QStringLiteral("https://github.com/example/argo.git"));
        }
        QString error;
        QVERIFY2(apply(m_server.kubeconfig(),
                       "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                       "metadata: {name: applications.argoproj.io}\nspec:\n"
                       "  group: argoproj.io\n  scope: Namespaced\n  names: {kind: Application, "
                       "listKind: ApplicationList, plural: applications, singular: application}\n"
                       "  versions:\n  - name: v1alpha1\n    served: true\n    storage: true\n"
                       "    schema: {openAPIV3Schema: {type: object, "
                       "x-kubernetes-preserve-unknown-fields: true}}\n---\n"
                       "apiVersion: v1\nkind: Namespace\nmetadata: {name: argocd}\n---\n"
                       "apiVersion: v1\nkind: Namespace\nmetadata: {name: guestbook}\n---\n"
                       // Changed by hand since Argo CD last compared: it still says Synced.
                       "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ui, namespace: "
                       "guestbook}\ndata: {color: red}\n",
                       &error),
                 qPrintable(error));
        const QByteArray application =
            "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
            "  name: guestbook\n  namespace: argocd\nspec:\n"
            "  source: {repoURL: 'git@github.com:example/argo', path: guestbook}\n"
            "  destination: {namespace: guestbook}\nstatus:\n"
            "  sync: {status: Synced, revision: 4f1c2e9}\n  health: {status: Healthy}\n"
            "  resources:\n  - {version: v1, kind: ConfigMap, namespace: guestbook, name: ui, "
            "status: Synced, health: {status: Healthy}}\n";
        QTRY_VERIFY_WITH_TIMEOUT(apply(m_server.kubeconfig(), application, &error), 10000);

        const gitops::test::CommandResult table =
            console({QStringLiteral("status"), QStringLiteral("--repo"), repository,
                     QStringLiteral("--context"), QStringLiteral("admin")},
                    m_server.kubeconfig(), m_dir.path());
        QCOMPARE(table.exitCode, 1);
        const QList<QStringList> rows = tableRows(table.out);
        QCOMPARE(rows.value(0).value(6), QStringLiteral("CONTROLLER"));
        QVERIFY2(table.out.contains(QStringLiteral("\u2260Synced/Healthy[1]")),
                 qPrintable(table.out));
        QVERIFY2(
            table.out.contains(QStringLiteral("[1] Argo CD says Synced, the console OutOfSync")),
            qPrintable(table.out));

        const gitops::test::CommandResult json =
            console({QStringLiteral("status"), QStringLiteral("--repo"), repository,
                     QStringLiteral("--context"), QStringLiteral("admin"), QStringLiteral("-o"),
                     QStringLiteral("json")},
                    m_server.kubeconfig(), m_dir.path());
        QCOMPARE(json.exitCode, 1);
        const QJsonObject app = QJsonDocument::fromJson(json.out.toUtf8())
                                    .object()
                                    .value(u"apps")
                                    .toArray()
                                    .first()
                                    .toObject();
        QCOMPARE(app.value(u"name").toString(), QStringLiteral("guestbook"));
        const QJsonObject controller = app.value(u"controller").toObject();
        QCOMPARE(controller.value(u"name").toString(), QStringLiteral("argocd"));
        QCOMPARE(controller.value(u"sync").toString(), QStringLiteral("Synced"));
        QCOMPARE(controller.value(u"health").toString(), QStringLiteral("Healthy"));
        QCOMPARE(controller.value(u"revision").toString(), QStringLiteral("4f1c2e9"));
        QCOMPARE(controller.value(u"agrees").toBool(true), false);
        const QJsonObject resource =
            app.value(u"resources").toArray().first().toObject().value(u"controller").toObject();
        QCOMPARE(resource.value(u"sync").toString(), QStringLiteral("Synced"));
        QCOMPARE(resource.value(u"disagreement").toString(),
                 QStringLiteral("Argo CD says Synced, the console OutOfSync"));
    }

    // A file git's side could not be read leaves the answer incomplete: exit 2, even when
    // the other apps only drift (a script must not take it for "only drift").
    void anUnreadFileIsNoAnswer()
    {
        const QString repository = m_dir.filePath(QStringLiteral("halfread"));
        {
            gitops::test::GitBuilder git(repository);
            git.commit(QStringLiteral("main"),
                       {{QStringLiteral("apps/web/config.yaml"),
                         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"
                         "  namespace: default\ndata:\n  LOG_LEVEL: debug\n"},
                        {QStringLiteral("apps/web/broken.yaml"),
                         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"open\n"}},
                       QStringLiteral("one drifted, one broken"));
        }
        const gitops::test::CommandResult run =
            console({QStringLiteral("status"), QStringLiteral("--repo"), repository,
                     QStringLiteral("--context"), QStringLiteral("admin")},
                    m_server.kubeconfig(), m_dir.path());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("broken.yaml")), qPrintable(run.err));
    }

    void exitStatus_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("synced") << "nodrift-deployment-defaults" << 0;
        QTest::newRow("client-side apply") << "nodrift-client-side-apply" << 0;
        QTest::newRow("changed image") << "drift-image" << 1;
        QTest::newRow("missing object") << "drift-missing-object" << 1;
        QTest::newRow("extraneous object") << "drift-extraneous-object" << 1;
    }
    void exitStatus()
    {
        QFETCH(QString, name);
        QFETCH(int, exitCode);
        const Run run = diff(caseFiles(name));
        QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(run.err, QString());
        if (exitCode == 0)
            QCOMPARE(run.out, QString());
        else
            QCOMPARE(run.out,
                     QString::fromUtf8(readFile(corpus(name, QStringLiteral("expected.diff")))));
    }

    void unifiedShowsTheChange()
    {
        const Run run = diff(caseFiles(QStringLiteral("drift-image")));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.startsWith(QLatin1String("--- desired/apps/Deployment/default/web\n"
                                                 "+++ live/apps/Deployment/default/web\n")));
        QVERIFY(run.out.contains(QLatin1String("\n-          image: nginx:1.27\n"
                                               "+          image: nginx:1.28\n")));
    }

    // The JSON is the documented shape, the same verdict the corpus expects.
    void json_data()
    {
        QTest::addColumn<QString>("name");
        const QDir dir(QStringLiteral(GITOPS_DRIFT_CORPUS));
        for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QJsonObject spec =
                QJsonDocument::fromJson(readFile(corpus(name, QStringLiteral("case.json"))))
                    .object();
            if (spec.contains(QLatin1String("ignoreDifferences"))
                || spec.contains(QLatin1String("fieldManager")))
                continue; // options the offline diff has no flag for, or tested below
            QTest::newRow(qPrintable(name)) << name;
        }
    }
    void json()
    {
        QFETCH(QString, name);
        const Run run =
            diff(caseFiles(name) + QStringList{QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY(run.exitCode == 0 || run.exitCode == 1);
        QCOMPARE(run.out,
                 QString::fromUtf8(readFile(corpus(name, QStringLiteral("expected.json")))));
    }

    void fieldManager()
    {
        // helm applied a field server-side; it drifts unless the app's applier is named.
        const QString name = QStringLiteral("nodrift-field-manager-other-apply");
        QCOMPARE(diff(caseFiles(name)).exitCode, 1);
        const Run named = diff(
            caseFiles(name)
            + QStringList{QStringLiteral("--field-manager"), QStringLiteral("argocd-controller")});
        QCOMPARE(named.exitCode, 0);
        QCOMPARE(named.out, QString());
    }

    void namespaceOption()
    {
        // Manifests without a namespace go to -n: nothing of the app is in "staging".
        const Run run = diff(caseFiles(QStringLiteral("nodrift-configmap"))
                             + QStringList{QStringLiteral("-n"), QStringLiteral("staging"),
                                           QStringLiteral("-o"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonArray resources = QJsonDocument::fromJson(run.out.toUtf8())
                                         .object()
                                         .value(QLatin1String("resources"))
                                         .toArray();
        QCOMPARE(resources.size(), 2);
        QCOMPARE(resources.at(0).toObject().value(QLatin1String("namespace")).toString(),
                 QStringLiteral("staging"));
        QCOMPARE(resources.at(0).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("Missing"));
        QCOMPARE(resources.at(1).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("Extraneous"));
    }

    void foldersAndLists()
    {
        // Desired as a folder of files, live as the JSON List `kubectl get -o json` prints.
        const QString name = QStringLiteral("nodrift-multiple-objects");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("repo/app/nested"))));
        const auto desired = gitops::manifest::parseManifests(
            readFile(corpus(name, QStringLiteral("desired.yaml"))), QStringLiteral("desired.yaml"));
        QCOMPARE(desired.resources.size(), 3);
        for (qsizetype i = 0; i < desired.resources.size(); ++i) {
            // One object per file, in nested folders, as JSON.
            QFile file(dir.filePath(i == 0 ? QStringLiteral("repo/app/nested/0.json")
                                           : QStringLiteral("repo/app/%1.json").arg(i)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(desired.resources.at(i).object).toJson());
        }
        const auto live = gitops::manifest::parseManifests(
            readFile(corpus(name, QStringLiteral("live.yaml"))), QStringLiteral("live.yaml"));
        QJsonArray items;
        for (const gitops::manifest::Resource &resource : live.resources)
            items.append(resource.object);
        QFile list(dir.filePath(QStringLiteral("live.json")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write(QJsonDocument(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                             {QStringLiteral("kind"), QStringLiteral("List")},
                                             {QStringLiteral("items"), items}})
                       .toJson());
        list.close();

        const Run run = diff({QStringLiteral("--desired"), dir.filePath(QStringLiteral("repo")),
                              QStringLiteral("--live"), list.fileName()});
        QCOMPARE(run.err, QString());
        QCOMPARE(run.out, QString());
        QCOMPARE(run.exitCode, 0);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such file")
            << QStringList{QStringLiteral("--desired"), QStringLiteral("/nonexistent/app.yaml"),
                           QStringLiteral("--live"), QStringLiteral("/nonexistent/live.yaml")}
            << "/nonexistent/app.yaml: no such file or folder";
        QTest::newRow("no live") << QStringList{QStringLiteral("--desired"), QStringLiteral("x")}
                                 << "diff needs --desired PATH and --live PATH";
        QTest::newRow("bad format")
            << QStringList{QStringLiteral("--desired"), QStringLiteral("x"),
                           QStringLiteral("--live"),    QStringLiteral("y"),
                           QStringLiteral("-o"),        QStringLiteral("xml")}
            << "unknown output format xml";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--bogus")} << "Unknown option";
    }
    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = diff(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(run.out, QString());
    }

    void malformedManifest()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("bad.yaml")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        bad.close();
        const Run run =
            diff({QStringLiteral("--desired"), bad.fileName(), QStringLiteral("--live"),
                  corpus(QStringLiteral("nodrift-configmap"), QStringLiteral("live.yaml"))});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(bad.fileName() + QLatin1Char(':')), qPrintable(run.err));
    }

    void secretsNeverShow()
    {
        const Run run = diff(caseFiles(QStringLiteral("drift-secret-value")));
        QCOMPARE(run.exitCode, 1);
        for (const char *secret : {"hunter2", "admin", "cGFzc3dvcmQ=", "aHVudGVyMg==", "YWRtaW4="})
            QVERIFY2(!run.out.contains(QLatin1String(secret)), secret);
        QVERIFY(run.out.contains(QLatin1String("password: ++++")));
    }

    // Against a cluster: an ignore rule the console cannot evaluate is not silently
    // dropped; the app's note, with its line, goes to stderr.
    void unsupportedJqRuleIsReported()
    {
        QTemporaryDir dir;
        const QString repository = dir.filePath(QStringLiteral("fleet"));
        {
            gitops::test::GitBuilder git(repository);
            git.commit(QStringLiteral("main"),
                       {{QStringLiteral("gitops-console.yaml"),
                         "apps:\n"
                         "  - name: web\n"
                         "    path: apps/web\n"
                         "    ignore:\n"
                         "      differences:\n"
                         "        - kind: ConfigMap\n"
                         "          jqPathExpressions:\n"
                         "            - .data[\"checksum\"]\n"
                         "            - .data | to_entries\n"},
                        {QStringLiteral("apps/web/config.yaml"),
                         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"
                         "data:\n  LOG_LEVEL: info\n"}},
                       QStringLiteral("web"));
        }
        gitops::test::KubeEmulatorProcess server;
        QString error;
        QVERIFY2(server.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
        const gitops::test::CommandResult run = gitops::test::runCommand(
            QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
            {QStringLiteral("status"), QStringLiteral("--repo"), repository,
             QStringLiteral("--context"), QStringLiteral("admin")},
            {},
            {QStringLiteral("KUBECONFIG=") + server.kubeconfig(),
             QStringLiteral("HOME=") + dir.path()},
            60000);
        QCOMPARE(run.exitCode, 1); // the ConfigMap is Missing
        QVERIFY2(run.err.contains(
                     QStringLiteral("gitops-console: web: gitops-console.yaml:9: ignored: app "
                                    "web: jqPathExpressions \u201c.data | to_entries\u201d is "
                                    "not supported")),
                 qPrintable(run.err));
        QVERIFY(run.err.contains(QStringLiteral("it ignores nothing")));
        QVERIFY2(!run.err.contains(QStringLiteral("checksum")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestCliDiff)
#include "tst_clidiff.moc"
