// The drift browser with one app of 10,000 resources against the local API server (a
// separate process, so that its work is not counted as the GUI's): the longest stall of
// the GUI thread while loading and while live updates arrive (a timer probe), the time to
// the first rows, and the peak memory of the process.
#include "figure.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"

#include "driftbrowser.h"
#include "itemmodels/drifttreemodel.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>

#include <cstdio>

namespace {

constexpr int resources = 10000;
constexpr int perFile = 100;

qint64 peakResidentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

QByteArray configMap(int i, const QByteArray &value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-" + QByteArray::number(i)
        + "\n  namespace: bench\ndata:\n  index: \"" + QByteArray::number(i)
        + "\"\n  value: " + value + "\n---\n";
}

bool writeManifests(const QString &folder, const QByteArray &value, bool withNamespace)
{
    QDir().mkpath(folder);
    for (int file = 0; file < resources / perFile; ++file) {
        QFile out(QStringLiteral("%1/cm-%2.yaml").arg(folder).arg(file, 3, 10, QLatin1Char('0')));
        if (!out.open(QIODevice::WriteOnly))
            return false;
        if (file == 0 && withNamespace)
            out.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n---\n");
        for (int i = file * perFile; i < (file + 1) * perFile; ++i)
            out.write(configMap(i, value));
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       dir.filePath(QStringLiteral("settings")));

    // git holds 10,000 ConfigMaps; the cluster runs them with every tenth value changed.
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    const QString seed = dir.filePath(QStringLiteral("seed"));
    if (!writeManifests(repository + QStringLiteral("/apps/big"), "git", true)
        || !writeManifests(seed, "git", true))
        return 1;
    for (int file = 0; file < resources / perFile; file += 10) {
        QFile out(QStringLiteral("%1/cm-%2.yaml").arg(seed).arg(file, 3, 10, QLatin1Char('0')));
        out.open(QIODevice::WriteOnly);
        if (file == 0)
            out.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n---\n");
        for (int i = file * perFile; i < (file + 1) * perFile; ++i)
            out.write(configMap(i, "live"));
    }
    gitops::test::runGit(repository,
                         {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                          QStringLiteral("main")});
    gitops::test::runGit(repository, {QStringLiteral("add"), QStringLiteral("-A")});
    gitops::test::runGit(repository,
                         {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                          QStringLiteral("big")});

    gitops::test::KubeEmulatorProcess server;
    QString error;
    if (!server.start(QStringLiteral(KUBE_EMULATOR), {QStringLiteral("--seed"), seed}, &error)) {
        std::fprintf(stderr, "bench_driftbrowser: %s\n", qPrintable(error));
        return 1;
    }
    qputenv("KUBECONFIG", QFile::encodeName(server.kubeconfig()));

    gitops::MainWindow window;
    window.resize(1300, 800);
    window.show();
    gitops::bench::StallProbe probe;
    QElapsedTimer clock;
    bool rows = false;
    qint64 firstRowsMs = -1;
    qint64 comparedMs = -1;
    // Rows come first (git's resources, Unknown while the cluster is listed), then the
    // verdicts, in place.
    const auto observe = [&] {
        const QModelIndex app = window.browser()->model()->index(0, 0);
        if (!rows && app.isValid()) {
            rows = true;
            firstRowsMs = clock.elapsed();
        }
        const auto sync =
            gitops::drift::SyncStatus(app.data(gitops::DriftTreeModel::SyncRole).toInt());
        if (comparedMs < 0 && app.isValid() && sync == gitops::drift::SyncStatus::OutOfSync
            && app.data(gitops::DriftTreeModel::DriftedCountRole).toInt() == resources / 10)
            comparedMs = clock.elapsed();
    };
    QObject::connect(window.browser()->model(), &QAbstractItemModel::layoutChanged, &window,
                     observe);
    QObject::connect(window.browser()->model(), &QAbstractItemModel::dataChanged, &window, observe);
    probe.start();
    clock.start();
    window.openWorkspace(repository);
    QObject::connect(
        &window, &gitops::MainWindow::workspaceShown, &window,
        [&window] { window.selectContext(QStringLiteral("admin")); }, Qt::SingleShotConnection);
    QElapsedTimer deadline;
    deadline.start();
    while (comparedMs < 0 && deadline.elapsed() < 180000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const qint64 loadStall = probe.stop();
    if (comparedMs < 0) {
        std::fprintf(stderr, "bench_driftbrowser: the drift of %d resources never showed\n",
                     resources);
        return 1;
    }
    std::printf("BENCH driftbrowser.first_rows_10000 %lld ms\n",
                static_cast<long long>(firstRowsMs));
    std::printf("BENCH driftbrowser.drift_shown_10000 %lld ms\n",
                static_cast<long long>(comparedMs));
    std::printf("BENCH driftbrowser.longest_gui_stall_loading %lld ms\n",
                static_cast<long long>(loadStall));

    // Live updates: 100 changes through kubectl while the window is open.
    window.browser()->tree()->expandAll();
    window.browser()->selectResource(QStringLiteral("apps/big/bench/ConfigMap/cm-5"));
    probe.start();
    QProcess kubectl;
    QStringList script;
    for (int i = 1; i <= 100; ++i)
        script << QStringLiteral("kubectl --kubeconfig %1 patch configmap cm-%2 -n bench --type "
                                 "merge -p '{\"data\":{\"value\":\"edited\"}}' >/dev/null")
                      .arg(server.kubeconfig())
                      .arg(i * 10 + 1);
    kubectl.start(QStringLiteral("bash"), {QStringLiteral("-c"), script.join(u'\n')});
    while (kubectl.state() != QProcess::NotRunning)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 2000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    std::printf("BENCH driftbrowser.longest_gui_stall_live_updates %lld ms\n",
                static_cast<long long>(probe.stop()));
    std::printf("BENCH driftbrowser.peak_memory_10000 %lld MB\n",
                static_cast<long long>(peakResidentKilobytes() / 1024));
    std::fflush(stdout);
    return 0;
}
