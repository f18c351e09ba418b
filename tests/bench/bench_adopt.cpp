// Issue 15's figure: `gitops-console adopt` of one field in a repository of 10,000 resources,
// end to end to a local bare remote (no forge), under 1 s. The repository holds 100 folder
// apps of 100 resources each (a Deployment and 99 ConfigMaps in ten multi-document files);
// kube-emulator runs the first app, whose Deployment is scaled by hand before every run.
// Each run is the real executable from start to exit: fetch the target branch from the
// bare remote, read git (all 10,000 resources), list and compare the cluster, edit the
// replicas line, commit and push a new branch. The figure is the median of the runs; each
// run is checked (exit 0, the branch on the remote). Talks to 127.0.0.1 only.
#include "gitbuilder.h"
#include "kubeemulatorprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <cstdio>

using gitops::test::CommandResult;
using gitops::test::runCommand;

namespace {

constexpr int apps = 100;
constexpr int filesPerApp = 10;
constexpr int documentsPerFile = 10;
constexpr int runs = 7;
constexpr int commandTimeoutMs = 120000;

QByteArray number(int i)
{
    return QByteArray::number(i);
}

QString appFolder(int app)
{
    return QStringLiteral("apps/app%1").arg(app, 3, 10, QLatin1Char('0'));
}

QByteArray deployment()
{
    return "# The web tier of app000.\n"
           "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: bench\n"
           "spec:\n  replicas: 2 # the usual load\n  selector:\n    matchLabels:\n      app: web\n"
           "  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n"
           "      containers:\n        - name: web\n          image: nginx:1.27\n";
}

QByteArray configMap(int app, int index)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app" + number(app) + "-config"
        + number(index) + "\n  namespace: bench\ndata:\n  LOG_LEVEL: info\n  INDEX: \""
        + number(index) + "\"\n";
}

/// The files of one app: its first file starts with the Deployment.
QMap<QString, QByteArray> appFiles(int app)
{
    QMap<QString, QByteArray> files;
    int index = 0;
    for (int f = 0; f < filesPerApp; ++f) {
        QByteArray text;
        for (int d = 0; d < documentsPerFile; ++d) {
            if (!text.isEmpty())
                text += "---\n";
            text += f == 0 && d == 0 ? deployment() : configMap(app, index++);
        }
        files.insert(appFolder(app) + QStringLiteral("/resources%1.yaml").arg(f), text);
    }
    return files;
}

bool kubectl(const QString &kubeconfig, const QStringList &arguments, const QByteArray &input = {})
{
    const CommandResult result =
        runCommand(QStringLiteral("kubectl"),
                   QStringList{QStringLiteral("--kubeconfig"), kubeconfig} + arguments, input, {},
                   commandTimeoutMs);
    if (result.exitCode != 0)
        std::fprintf(stderr, "kubectl %s: %s\n", qPrintable(arguments.join(u' ')),
                     qPrintable(result.err));
    return result.exitCode == 0;
}

/// The real git in @p folder; its output, trimmed. Exits on failure.
QString git(const QString &folder, const QStringList &arguments)
{
    const CommandResult result =
        runCommand(QStringLiteral("git"), QStringList{QStringLiteral("-C"), folder} + arguments, {},
                   {}, commandTimeoutMs);
    if (result.exitCode != 0)
        qFatal("git %s: %s", qPrintable(arguments.join(u' ')), qPrintable(result.err));
    return result.out.trimmed();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    const QString bare = dir.filePath(QStringLiteral("remote.git"));

    QElapsedTimer setup;
    setup.start();
    QMap<QString, QByteArray> files;
    for (int a = 0; a < apps; ++a)
        files.insert(appFiles(a));
    {
        gitops::test::GitBuilder git(repository);
        git.commit(QStringLiteral("main"), files, QStringLiteral("10,000 resources"));
        git.checkout(QStringLiteral("main"));
    }
    QDir().mkpath(bare);
    git(bare,
        {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
         QStringLiteral("-b"), QStringLiteral("main")});
    git(repository,
        {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
         QUrl::fromLocalFile(bare).toString()});
    git(repository,
        {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
         QStringLiteral("main")});

    gitops::test::KubeEmulatorProcess server;
    QString error;
    if (!server.start(QStringLiteral(KUBE_EMULATOR), {}, &error))
        qFatal("kube-emulator: %s", qPrintable(error));
    QByteArray deployed = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n";
    for (const QByteArray &text : appFiles(0))
        deployed += "---\n" + text;
    if (!kubectl(server.kubeconfig(),
                 {QStringLiteral("apply"), QStringLiteral("--server-side"),
                  QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                 deployed))
        return 1;
    std::printf("setup: %d apps, %d resources in git, %d in the cluster, %lld ms\n", apps,
                apps * filesPerApp * documentsPerFile, filesPerApp * documentsPerFile,
                setup.elapsed());

    const QStringList environment{QStringLiteral("KUBECONFIG=") + server.kubeconfig(),
                                  QStringLiteral("HOME=") + dir.path(),
                                  QStringLiteral("GIT_AUTHOR_NAME=Bench"),
                                  QStringLiteral("GIT_AUTHOR_EMAIL=bench@example.invalid"),
                                  QStringLiteral("GIT_COMMITTER_NAME=Bench"),
                                  QStringLiteral("GIT_COMMITTER_EMAIL=bench@example.invalid")};
    QList<double> times;
    for (int run = 0; run <= runs; ++run) { // run 0 warms the caches up and is not counted
        // A new hand scale each time, so that every run makes a change of its own.
        if (!kubectl(server.kubeconfig(),
                     {QStringLiteral("-n"), QStringLiteral("bench"), QStringLiteral("scale"),
                      QStringLiteral("deployment/web"),
                      QStringLiteral("--replicas=%1").arg(3 + run)}))
            return 1;
        QElapsedTimer timer;
        timer.start();
        const CommandResult adopted =
            runCommand(QStringLiteral(GITOPS_CONSOLE),
                       {QStringLiteral("adopt"), QStringLiteral("--repo"), repository,
                        QStringLiteral("--app"), appFolder(0), QStringLiteral("--resource"),
                        QStringLiteral("Deployment.apps/bench/web"), QStringLiteral("--field"),
                        QStringLiteral(".spec.replicas"), QStringLiteral("--no-pr"),
                        QStringLiteral("-o"), QStringLiteral("json")},
                       {}, environment, commandTimeoutMs);
        const double elapsed = timer.nsecsElapsed() / 1e6;
        const QJsonObject answer = QJsonDocument::fromJson(adopted.out.toUtf8()).object();
        const QString branch = answer.value(QStringLiteral("branch")).toString();
        if (adopted.exitCode != 0 || branch.isEmpty()
            || git(bare, {QStringLiteral("rev-parse"), branch})
                != answer.value(QStringLiteral("commit")).toString())
            qFatal("adopt (run %d) exited %d: %s", run, adopted.exitCode, qPrintable(adopted.err));
        std::printf("run %d: %.0f ms (%s)\n", run, elapsed, qPrintable(branch));
        if (run > 0)
            times << elapsed;
    }
    // Beside it, what the comparison alone takes: `diff` of the same app, same repository.
    QList<double> comparisons;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const CommandResult compared = runCommand(
            QStringLiteral(GITOPS_CONSOLE),
            {QStringLiteral("diff"), QStringLiteral("--repo"), repository, QStringLiteral("--app"),
             appFolder(0), QStringLiteral("-o"), QStringLiteral("json")},
            {}, environment, commandTimeoutMs);
        comparisons << timer.nsecsElapsed() / 1e6;
        if (compared.exitCode != 1)
            qFatal("diff exited %d: %s", compared.exitCode, qPrintable(compared.err));
    }
    std::sort(times.begin(), times.end());
    std::sort(comparisons.begin(), comparisons.end());
    const double median = times.at(times.size() / 2);
    const double comparison = comparisons.at(comparisons.size() / 2);
    std::printf("median of %d runs: adopt %.0f ms (target: under 1000 ms), of which diff of the "
                "same app alone %.0f ms\n",
                runs, median, comparison);
    std::printf("BENCH adopt_one_field_10k_resources_local_bare %.0f ms\n", median);
    std::printf("BENCH diff_one_app_10k_resources %.0f ms\n", comparison);
    return 0;
}
