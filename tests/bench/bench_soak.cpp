// Soak (issue 18, item 5): the real window on a workspace of 20,000 ConfigMaps, their live
// side in the local API server, fed 200 watch events per second for GITOPS_SOAK_SECONDS
// (default 600). Reports the window process's resident memory after the first minute and
// at the end, the events the server sent against the events the console applied (counted
// at the session's live state), whether the live state the console holds at the end equals
// the server's, and the longest GUI stall (a 5 ms heartbeat on the GUI thread).
//
// The server runs in a child process (this executable with --serve), so that neither its
// memory nor its CPU is counted as the window's. Not run by plain `scripts/bench`: see
// `scripts/bench --soak`.
#include "apiserver.h"
#include "figure.h"
#include "gitfixture.h"

#include "driftbrowser.h"
#include "itemmodels/drifttreemodel.h"
#include "kube/livestate.h"
#include "mainwindow.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacesession.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QSettings>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <unistd.h>

namespace {

constexpr int objects = 20000;
constexpr int perFile = 100;
constexpr int rate = 200; // watch events per second
const QString ns = QStringLiteral("soak");

QString nameOf(int i)
{
    return QStringLiteral("cm-%1").arg(i, 5, 10, QLatin1Char('0'));
}

QByteArray configMapYaml(int i)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + nameOf(i).toLatin1()
        + "\n  namespace: soak\ndata:\n  index: \"" + QByteArray::number(i)
        + "\"\n  value: git\n---\n";
}

QJsonObject configMap(int i, const QString &value)
{
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), nameOf(i)}, {QStringLiteral("namespace"), ns}}},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("index"), QString::number(i)},
                         {QStringLiteral("value"), value}}}};
}

qint64 residentKilobytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    return statm.readAll().split(' ').value(1).toLongLong() * (sysconf(_SC_PAGESIZE) / 1024);
}

// What the program holds on the heap (glibc's count of allocated bytes), apart from what
// the allocator keeps resident for later: growth here is a leak, growth in RSS alone is not.
qint64 heapInUseKilobytes()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64((info.uordblks + info.hblkhd) / 1024);
}

// glibc's own account of its arenas (malloc_info(), summed): how much it holds from the
// system, how much of that is free, and in how many arenas. Resident memory far above the
// heap in use with much of it free is fragmentation, not a leak.
struct ArenaSummary
{
    int arenas = 0;
    qint64 systemKb = 0; // held from the system in arenas (not counting mmapped blocks)
    qint64 freeKb = 0; // free chunks among them
    qint64 mmapKb = 0; // large blocks mmapped on their own
    QList<qint64> perArenaKb; // held by each arena, main first
};

qint64 attributeKb(const QByteArray &xml, qsizetype from, const QByteArray &element)
{
    const qsizetype at = xml.indexOf(element, from);
    if (at < 0)
        return 0;
    const qsizetype size = xml.indexOf("size=\"", at);
    if (size < 0)
        return 0;
    const qsizetype start = size + 6;
    return xml.mid(start, xml.indexOf('"', start) - start).toLongLong() / 1024;
}

ArenaSummary arenaSummary()
{
    char *buffer = nullptr;
    size_t length = 0;
    FILE *stream = open_memstream(&buffer, &length);
    if (!stream)
        return {};
    malloc_info(0, stream);
    std::fclose(stream);
    const QByteArray xml(buffer, qsizetype(length));
    std::free(buffer);
    ArenaSummary summary;
    qsizetype at = 0;
    while ((at = xml.indexOf("<heap nr=", at)) >= 0) {
        ++summary.arenas;
        summary.perArenaKb << attributeKb(xml, at, "<system type=\"current\"");
        at += 9;
    }
    // The totals follow the last heap.
    const qsizetype totals = xml.lastIndexOf("</heap>");
    if (totals < 0)
        return summary;
    summary.freeKb = attributeKb(xml, totals, "<total type=\"fast\"")
        + attributeKb(xml, totals, "<total type=\"rest\"");
    summary.mmapKb = attributeKb(xml, totals, "<total type=\"mmap\"");
    summary.systemKb = attributeKb(xml, totals, "<system type=\"current\"");
    return summary;
}

QByteArray describe(const ArenaSummary &summary)
{
    QByteArray arenas;
    for (qint64 kb : summary.perArenaKb)
        arenas += (arenas.isEmpty() ? "" : " ") + QByteArray::number(kb / 1024);
    return QByteArray::number(summary.arenas) + " arenas holding "
        + QByteArray::number(summary.systemKb / 1024) + " MB (" + arenas + "), "
        + QByteArray::number(summary.freeKb / 1024) + " MB of it free, "
        + QByteArray::number(summary.mmapKb / 1024) + " MB mmapped";
}

// Runs the event loop until @p done or @p timeoutMs, looking every 50 ms; sleeps while
// nothing happens (processEvents() with a time would spin a core the window needs).
template<typename Condition>
bool waitUntil(Condition done, qint64 timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer tick;
    tick.setInterval(50);
    QEventLoop loop;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || clock.elapsed() >= timeoutMs)
            loop.quit();
    });
    if (done())
        return true;
    tick.start();
    loop.exec();
    return done();
}

/// The window's application, timing what it delivers on the GUI thread: with
/// GITOPS_SOAK_SLOW_EVENTS set, every event that keeps the thread over 40 ms (receiver's
/// class, event type) is named on stderr, to trace a stall to its cause.
class TimedApplication : public QApplication
{
public:
    TimedApplication(int &argc, char **argv)
        : QApplication(argc, argv)
        , m_log(qEnvironmentVariableIsSet("GITOPS_SOAK_SLOW_EVENTS"))
    { }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_log || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        QElapsedTimer clock;
        clock.start();
        const int depth = m_depth++;
        const QByteArray className = receiver->metaObject()->className();
        const int type = int(event->type());
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        if (depth == 0 && clock.elapsed() > 40)
            std::fprintf(stderr, "bench_soak: slow event: %lld ms in %s (event type %d)\n",
                         static_cast<long long>(clock.elapsed()), className.constData(), type);
        return result;
    }

private:
    bool m_log = false;
    int m_depth = 0;
};

void say(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// --- the server (child process) ----------------------------------------------------------

/// The local API server with 20,000 ConfigMaps in namespace soak; on "churn SECONDS" on
/// stdin it writes `rate` changes per second for that long (every 50th one deletes the
/// object, or creates it again if it was deleted; the others set data.value to
/// "live-<event number>"), then says "sent N". On "dump FILE" it writes every ConfigMap of
/// the namespace to FILE and says "dumped"; on "quit" (or end of input) it exits.
int serve(const QString &folder)
{
    kubeemu::ApiServer server;
    QString error;
    if (!server.start(0, &error)) {
        std::fprintf(stderr, "bench_soak --serve: %s\n", qPrintable(error));
        return 1;
    }
    server.apply({{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                  {QStringLiteral("kind"), QStringLiteral("Namespace")},
                  {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), ns}}}},
                 QStringLiteral("seed"));
    for (int i = 0; i < objects; ++i)
        server.apply(configMap(i, QStringLiteral("git")), QStringLiteral("seed"));
    if (!server.writeKubeconfig(folder + QStringLiteral("/kubeconfig"), &error)) {
        std::fprintf(stderr, "bench_soak --serve: %s\n", qPrintable(error));
        return 1;
    }
    say("listening on " + server.url().toUtf8());

    kubeemu::ResourceType configMaps;
    for (const kubeemu::ResourceType &type : server.registry().types()) {
        if (type.group.isEmpty() && type.kind == u"ConfigMap")
            configMaps = type;
    }
    QSet<int> deleted;
    qint64 sent = 0;
    qint64 due = 0;
    QElapsedTimer clock;
    QTimer writer;
    writer.setInterval(5);
    QObject::connect(&writer, &QTimer::timeout, &writer, [&] {
        const qint64 now = std::min(due, clock.elapsed() * rate / 1000);
        for (; sent < now; ++sent) {
            const int i = int((sent * 7919) % objects); // every object once per 20,000
            const bool exists = !deleted.contains(i);
            if (sent % 50 == 0 && exists) {
                server.deleteObject(configMaps, ns, nameOf(i));
                deleted.insert(i);
                continue;
            }
            const auto written = server.apply(configMap(i, QStringLiteral("live-%1").arg(sent)),
                                              QStringLiteral("soak-writer"));
            if (std::holds_alternative<kubeemu::ApiError>(written))
                std::fprintf(stderr, "bench_soak --serve: a write failed\n");
            deleted.remove(i);
        }
        if (sent >= due) {
            writer.stop();
            say("sent " + QByteArray::number(sent));
        }
    });

    QByteArray input;
    QSocketNotifier stdinReady(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinReady, &QSocketNotifier::activated, &stdinReady, [&] {
        char buffer[4096];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            QCoreApplication::quit();
            return;
        }
        input.append(buffer, got);
        qsizetype end;
        while ((end = input.indexOf('\n')) >= 0) {
            const QList<QByteArray> words = input.left(end).split(' ');
            input.remove(0, end + 1);
            if (words.value(0) == "churn") {
                due = words.value(1).toLongLong() * rate;
                sent = 0;
                clock.start();
                writer.start();
            } else if (words.value(0) == "dump") {
                QJsonArray items;
                for (const kubeemu::StoredObject *stored :
                     server.store().list(configMaps.storageKey(), ns))
                    items.append(stored->object);
                QFile out(QString::fromUtf8(words.value(1)));
                if (!out.open(QIODevice::WriteOnly)
                    || out.write(QJsonDocument(items).toJson(QJsonDocument::Compact)) < 0)
                    std::fprintf(stderr, "bench_soak --serve: cannot write the dump\n");
                out.close();
                say("dumped");
            } else if (words.value(0) == "quit") {
                QCoreApplication::quit();
            }
        }
    });
    return QCoreApplication::exec();
}

// --- the window ------------------------------------------------------------------------------

/// The child server, spoken to a line at a time.
class ServerProcess
{
public:
    bool start(const QString &folder)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--serve"), folder});
        return waitForLine("listening on ", 300000).has_value();
    }
    void send(const QByteArray &line) { m_process.write(line + '\n'); }
    /// The next line starting with @p prefix (the rest of it), waiting up to @p timeoutMs
    /// while the GUI's events go on.
    std::optional<QByteArray> waitForLine(const QByteArray &prefix, int timeoutMs)
    {
        std::optional<QByteArray> found;
        waitUntil(
            [&] {
                while (!found && m_process.canReadLine()) {
                    const QByteArray line = m_process.readLine().trimmed();
                    if (line.startsWith(prefix))
                        found = line.mid(prefix.size());
                }
                return found.has_value() || m_process.state() == QProcess::NotRunning;
            },
            timeoutMs);
        return found;
    }
    void stop()
    {
        send("quit");
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(30000))
            m_process.kill();
        m_process.waitForFinished();
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning)
            stop();
    }

private:
    QProcess m_process;
};

bool writeWorkspace(const QString &repository)
{
    const QString folder = repository + QStringLiteral("/apps/soak");
    QDir().mkpath(folder);
    for (int file = 0; file < objects / perFile; ++file) {
        QFile out(QStringLiteral("%1/cm-%2.yaml").arg(folder).arg(file, 3, 10, QLatin1Char('0')));
        if (!out.open(QIODevice::WriteOnly))
            return false;
        if (file == 0)
            out.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: soak\n---\n");
        for (int i = file * perFile; i < (file + 1) * perFile; ++i)
            out.write(configMapYaml(i));
    }
    gitops::test::runGit(repository,
                         {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                          QStringLiteral("main")});
    gitops::test::runGit(repository, {QStringLiteral("add"), QStringLiteral("-A")});
    gitops::test::runGit(repository,
                         {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                          QStringLiteral("soak")});
    return true;
}

bool isSoakConfigMap(const QJsonObject &object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    return object.value(u"kind").toString() == u"ConfigMap"
        && metadata.value(u"namespace").toString() == ns
        && metadata.value(u"name").toString().startsWith(u"cm-");
}

/// "resourceVersion value" of each of the namespace's ConfigMaps, by name.
QHash<QString, QString> stateOf(const QList<QJsonObject> &items)
{
    QHash<QString, QString> state;
    for (const QJsonObject &object : items) {
        if (!isSoakConfigMap(object))
            continue;
        const QJsonObject metadata = object.value(u"metadata").toObject();
        state.insert(metadata.value(u"name").toString(),
                     metadata.value(u"resourceVersion").toString() + u' '
                         + object.value(u"data").toObject().value(u"value").toString());
    }
    return state;
}

int soak(int seconds)
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       dir.filePath(QStringLiteral("settings")));
    QElapsedTimer total;
    total.start();
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    if (!writeWorkspace(repository))
        return 1;

    ServerProcess server;
    if (!server.start(dir.path())) {
        std::fprintf(stderr, "bench_soak: the server did not start\n");
        return 1;
    }
    std::fprintf(stderr, "bench_soak: %d objects in git and on the server after %.1f s\n", objects,
                 double(total.elapsed()) / 1000.0);
    qputenv("KUBECONFIG", QFile::encodeName(dir.filePath(QStringLiteral("kubeconfig"))));

    gitops::MainWindow window;
    window.resize(1300, 800);
    window.show();
    gitops::WorkspaceSession *session = window.document()->session();
    QObject::connect(
        &window, &gitops::MainWindow::workspaceShown, &window,
        [&window] { window.selectContext(QStringLiteral("admin")); }, Qt::SingleShotConnection);
    window.openWorkspace(repository);
    const auto appRow = [&window] { return window.browser()->model()->index(0, 0); };
    const auto shown = [&](int drifted) {
        const QModelIndex app = appRow();
        return session->liveSynced() && app.isValid()
            && app.data(gitops::DriftTreeModel::ResourceCountRole).toInt() == objects + 1
            && app.data(gitops::DriftTreeModel::UnknownCountRole).toInt() == 0
            && app.data(gitops::DriftTreeModel::DriftedCountRole).toInt() == drifted;
    };
    if (!waitUntil([&] { return shown(0); }, 300000)) {
        std::fprintf(stderr, "bench_soak: the %d synced resources never showed\n", objects);
        return 1;
    }
    std::fprintf(stderr, "bench_soak: the window shows them synced after %.1f s\n",
                 double(total.elapsed()) / 1000.0);
    window.browser()->tree()->expandAll();
    window.browser()->selectResource(QStringLiteral("apps/soak/soak/ConfigMap/cm-07919"));

    // What the console applies: every change set the session's live state hands it.
    QPointer<gitops::kube::LiveState> live = session->findChild<gitops::kube::LiveState *>();
    if (!live) {
        std::fprintf(stderr, "bench_soak: the session has no live state\n");
        return 1;
    }
    qint64 applied = 0;
    QObject::connect(
        live, &gitops::kube::LiveState::changed, &window,
        [&applied](const gitops::kube::LiveChangeSet &changes) {
            for (const auto *list : {&changes.added, &changes.modified, &changes.deleted}) {
                applied += std::count_if(list->cbegin(), list->cend(), isSoakConfigMap);
            }
        });
    // How current the window stays: the drift snapshots it is given while events come, and
    // the longest time without one.
    int snapshots = 0;
    QElapsedTimer sinceSnapshot;
    qint64 longestWithoutSnapshot = 0;
    bool churning = true;
    QObject::connect(session, &gitops::WorkspaceSession::snapshotChanged, &window, [&] {
        if (!churning)
            return;
        ++snapshots;
        longestWithoutSnapshot = std::max(longestWithoutSnapshot, sinceSnapshot.restart());
    });

    // The soak: memory sampled once a second; the baseline after the first minute (or half
    // of a run shorter than two minutes).
    const qint64 baselineMs = seconds >= 120 ? 60000 : seconds * 500;
    qint64 baselineKb = 0;
    qint64 baselineHeapKb = 0;
    qint64 peakKb = 0;
    qint64 peakHeapKb = 0;
    gitops::bench::StallProbe probe;
    probe.start();
    // The stalls over 50 ms, to tell one long stall from many (the probe keeps the longest).
    QList<qint64> stalls;
    QElapsedTimer sinceBeat;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, &window, [&] {
        const qint64 gap = sinceBeat.restart();
        if (gap > 50)
            stalls << gap;
    });
    sinceBeat.start();
    heartbeat.start();
    server.send("churn " + QByteArray::number(seconds));
    QElapsedTimer soakClock;
    soakClock.start();
    sinceSnapshot.start();
    // glibc's accounting walks every arena, which on this heap keeps the calling thread for
    // up to ~100 ms: it runs on a thread of its own every 10 s, so that the stall figure is
    // the window's own (resident memory, cheap to read, is sampled every second).
    struct Accounting
    {
        qint64 heapKb = 0;
        QByteArray arenas;
    };
    std::future<Accounting> accounting;
    Accounting latest;
    bool baselineHeapWanted = false;
    QTimer sampler;
    sampler.setInterval(1000);
    QObject::connect(&sampler, &QTimer::timeout, &window, [&] {
        const qint64 kb = residentKilobytes();
        peakKb = std::max(peakKb, kb);
        if (accounting.valid()
            && accounting.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            latest = accounting.get();
            peakHeapKb = std::max(peakHeapKb, latest.heapKb);
            if (baselineHeapWanted) {
                baselineHeapKb = latest.heapKb;
                baselineHeapWanted = false;
            }
        }
        const qint64 second = soakClock.elapsed() / 1000;
        if (baselineKb == 0 && soakClock.elapsed() >= baselineMs) {
            baselineKb = kb;
            baselineHeapWanted = true;
        }
        if ((second % 10 == 0 || baselineHeapWanted) && !accounting.valid())
            accounting = std::async(std::launch::async, [] {
                return Accounting{heapInUseKilobytes(), describe(arenaSummary())};
            });
        if (second % 60 == 0)
            std::fprintf(stderr,
                         "bench_soak: %llds: %lld MB resident, %lld MB heap in use (peak %lld), "
                         "%lld events applied, %d drifted shown, %lld stalls over 50 ms; "
                         "glibc: %s\n",
                         static_cast<long long>(second), static_cast<long long>(kb / 1024),
                         static_cast<long long>(latest.heapKb / 1024),
                         static_cast<long long>(peakHeapKb / 1024), static_cast<long long>(applied),
                         appRow().data(gitops::DriftTreeModel::DriftedCountRole).toInt(),
                         static_cast<long long>(stalls.size()), latest.arenas.constData());
    });
    sampler.start();
    const std::optional<QByteArray> sentLine = server.waitForLine("sent ", (seconds + 120) * 1000);
    sampler.stop();
    const qint64 endKb = residentKilobytes();
    churning = false;
    longestWithoutSnapshot = std::max(longestWithoutSnapshot, sinceSnapshot.elapsed());
    if (!sentLine) {
        std::fprintf(stderr, "bench_soak: the server did not finish its writes\n");
        return 1;
    }
    const qint64 sent = sentLine->toLongLong();
    // The last events in flight, and the last comparison.
    waitUntil([&] { return applied >= sent; }, 60000);
    const qint64 stall = probe.stop();
    heartbeat.stop();
    if (accounting.valid())
        accounting.wait();
    const qint64 endHeapKb = heapInUseKilobytes();
    std::sort(stalls.begin(), stalls.end());

    const QString dumpFile = dir.filePath(QStringLiteral("final.json"));
    server.send("dump " + dumpFile.toUtf8());
    if (!server.waitForLine("dumped", 60000)) {
        std::fprintf(stderr, "bench_soak: the server did not dump its state\n");
        return 1;
    }
    QFile dump(dumpFile);
    dump.open(QIODevice::ReadOnly);
    QList<QJsonObject> serverItems;
    for (const QJsonValue &item : QJsonDocument::fromJson(dump.readAll()).array())
        serverItems << item.toObject();
    const QHash<QString, QString> serverState = stateOf(serverItems);
    const QHash<QString, QString> consoleState = stateOf(session->liveObjects().values());
    int differing = 0;
    for (auto it = serverState.cbegin(); it != serverState.cend(); ++it)
        differing += consoleState.value(it.key()) != it.value();
    for (auto it = consoleState.cbegin(); it != consoleState.cend(); ++it)
        differing += !serverState.contains(it.key());
    // And the window says so: every object no longer as git has it is drift (changed, or
    // deleted and Missing).
    int drifted = objects - int(serverState.size());
    for (const QString &state : serverState)
        drifted += !state.endsWith(u" git");
    waitUntil([&] { return shown(drifted); }, 60000);
    const int shownDrifted = appRow().data(gitops::DriftTreeModel::DriftedCountRole).toInt();
    server.stop();

    const double growth =
        baselineKb > 0 ? 100.0 * double(endKb - baselineKb) / double(baselineKb) : 0.0;
    std::printf("BENCH soak.duration %d s\n", seconds);
    std::printf("BENCH soak.rss_after_first_minute %.1f MB\n", double(baselineKb) / 1024.0);
    std::printf("BENCH soak.rss_at_end %.1f MB\n", double(endKb) / 1024.0);
    std::printf("BENCH soak.rss_peak %.1f MB\n", double(peakKb) / 1024.0);
    std::printf("BENCH soak.rss_growth %.1f %%\n", growth);
    std::printf("BENCH soak.heap_in_use_after_first_minute %.1f MB\n",
                double(baselineHeapKb) / 1024.0);
    std::printf("BENCH soak.heap_in_use_at_end %.1f MB\n", double(endHeapKb) / 1024.0);
    std::printf("BENCH soak.events_sent %lld events\n", static_cast<long long>(sent));
    std::printf("BENCH soak.events_applied %lld events\n", static_cast<long long>(applied));
    std::printf("BENCH soak.objects_differing_from_server %d objects\n", differing);
    std::printf("BENCH soak.drift_snapshots %d snapshots\n", snapshots);
    std::printf("BENCH soak.longest_without_drift_update %lld ms\n",
                static_cast<long long>(longestWithoutSnapshot));
    std::printf("BENCH soak.longest_gui_stall %lld ms\n", static_cast<long long>(stall));
    std::printf("BENCH soak.gui_stalls_over_50ms %lld stalls\n",
                static_cast<long long>(stalls.size()));
    std::printf("BENCH soak.median_gui_stall_over_50ms %lld ms\n",
                static_cast<long long>(stalls.isEmpty() ? 0 : stalls.at(stalls.size() / 2)));
    std::printf("BENCH soak.heap_in_use_peak %.1f MB\n", double(peakHeapKb) / 1024.0);
    std::fflush(stdout);
    std::fprintf(stderr, "bench_soak: done after %.1f s\n", double(total.elapsed()) / 1000.0);

    bool ok = true;
    if (applied != sent || differing != 0) {
        std::fprintf(stderr,
                     "bench_soak: %lld events sent, %lld applied; %d objects differ from the "
                     "server's\n",
                     static_cast<long long>(sent), static_cast<long long>(applied), differing);
        ok = false;
    }
    if (shownDrifted != drifted) {
        std::fprintf(stderr, "bench_soak: the window shows %d drifted resources, not %d\n",
                     shownDrifted, drifted);
        ok = false;
    }
    if (growth > 10.0) {
        std::fprintf(stderr, "bench_soak: resident memory grew by %.1f %% after the first minute\n",
                     growth);
        ok = false;
    }
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "--serve") == 0) {
        QCoreApplication app(argc, argv);
        return serve(QString::fromLocal8Bit(argv[2]));
    }
    TimedApplication app(argc, argv);
    bool valid = true;
    const int seconds = qEnvironmentVariableIntValue("GITOPS_SOAK_SECONDS", &valid);
    return soak(valid && seconds > 0 ? seconds : 600);
}
