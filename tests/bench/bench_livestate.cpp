// Live state under load (issue 4, "Performance"): list and parse 10,000 Deployments from
// the local API server (goal: under 2 s), the memory each live object holds, and a watch
// fed 1,000 events per second (the lag from the server's write to the change set).
// The server runs on its own thread, as a real one would run elsewhere.
#include "apiserver.h"
#include "figure.h"

#include "kube/clusteraccess.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/resourcewatch.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace gitops::kube;

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    return statm.readAll().split(' ').value(1).toLongLong() * 4096;
}

qint64 nowMicroseconds()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QJsonObject deployment(int i, qint64 sentMicroseconds = 0)
{
    const QByteArray name = QByteArray::number(i).rightJustified(5, '0').prepend("web-");
    QByteArray text = QByteArrayLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"NAME","namespace":"bench","labels":{"app":"NAME"},
                    "annotations":{"bench/sent":"SENT"}},
        "spec":{"replicas":2,"selector":{"matchLabels":{"app":"NAME"}},
          "template":{"metadata":{"labels":{"app":"NAME"}},
            "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}],
              "resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]}}}})");
    text.replace("NAME", name).replace("SENT", QByteArray::number(sentMicroseconds));
    return QJsonDocument::fromJson(text).object();
}

double percentile(std::vector<double> values, double share)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(share * double(values.size())))];
}

// Waits for @p signal of @p sender, at most @p timeoutMs.
template<typename Signal>
bool waitFor(const typename QtPrivate::FunctionPointer<Signal>::Object *sender, Signal signal,
             int timeoutMs)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return fired;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    constexpr int deployments = 10000;

    QElapsedTimer total;
    total.start();
    QThread serverThread;
    serverThread.start();
    QObject anchor;
    anchor.moveToThread(&serverThread);
    kubeemu::ApiServer *server = nullptr;
    QString error;
    QByteArray kubeconfig;
    const auto onServer = [&anchor](const std::function<void()> &work) {
        QMetaObject::invokeMethod(&anchor, work, Qt::BlockingQueuedConnection);
    };
    onServer([&] {
        server = new kubeemu::ApiServer;
        if (!server->start(0, &error))
            return;
        kubeconfig = server->kubeconfig();
        server->apply(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                  {QStringLiteral("kind"), QStringLiteral("Namespace")},
                                  {QStringLiteral("metadata"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")}}}},
                      QStringLiteral("bench"));
        for (int i = 0; i < deployments; ++i)
            server->apply(deployment(i), QStringLiteral("bench"));
    });
    std::fprintf(stderr, "bench_livestate: seeded %d Deployments in %.1f s\n", deployments,
                 double(total.elapsed()) / 1000.0);
    if (kubeconfig.isEmpty()) {
        std::fprintf(stderr, "bench_livestate: %s\n", qPrintable(error));
        return 1;
    }

    const KubeConfig config = KubeConfig::parse(kubeconfig, QStringLiteral("(emulator)"), &error);
    const auto access = ClusterAccess::resolve(config, {}, &error);
    if (!access) {
        std::fprintf(stderr, "bench_livestate: %s\n", qPrintable(error));
        return 1;
    }
    KubeClient client(*access);
    const ApiResource deploymentsType{QStringLiteral("apps"),
                                      QStringLiteral("v1"),
                                      QStringLiteral("Deployment"),
                                      QStringLiteral("deployments"),
                                      true,
                                      {QStringLiteral("list"), QStringLiteral("watch")}};

    // Memory held per live object: resident growth while one watch holds all of them.
    {
        malloc_trim(0);
        const qint64 before = residentBytes();
        ResourceWatch watch(&client, deploymentsType, QStringLiteral("bench"));
        watch.start();
        if (!waitFor(&watch, &ResourceWatch::synced, 60000)
            || watch.objects().size() != deployments) {
            std::fprintf(stderr, "bench_livestate: the list did not complete\n");
            return 1;
        }
        malloc_trim(0);
        std::printf("BENCH livestate.bytes_per_live_object %.0f bytes\n",
                    double(residentBytes() - before) / deployments);
        watch.stop();
    }

    // List and parse 10,000 Deployments in pages of 500.
    bool complete = true;
    gitops::bench::measureMilliseconds(QStringLiteral("livestate.list_10000_deployments"), 5, [&] {
        ResourceWatch watch(&client, deploymentsType, QStringLiteral("bench"));
        watch.start();
        complete &=
            waitFor(&watch, &ResourceWatch::synced, 60000) && watch.objects().size() == deployments;
        watch.stop();
    });
    if (!complete) {
        std::fprintf(stderr, "bench_livestate: a list did not return every object\n");
        return 1;
    }

    // A watch fed 1,000 modifications per second for 3 s.
    ResourceWatch watch(&client, deploymentsType, QStringLiteral("bench"));
    watch.setWatchTimeoutSeconds(600);
    std::vector<double> lagsMs;
    QObject::connect(&watch, &ResourceWatch::changed, &app,
                     [&lagsMs](const LiveChangeSet &changes) {
                         const qint64 now = nowMicroseconds();
                         for (const QJsonObject &object : changes.modified) {
                             const qint64 sent = object.value(u"metadata")
                                                     .toObject()
                                                     .value(u"annotations")
                                                     .toObject()
                                                     .value(u"bench/sent")
                                                     .toString()
                                                     .toLongLong();
                             lagsMs.push_back(double(now - sent) / 1000.0);
                         }
                     });
    watch.start();
    waitFor(&watch, &ResourceWatch::synced, 60000);
    QThread::msleep(200); // let the watch connect
    constexpr int rate = 1000; // per second
    constexpr int seconds = 3;
    int sent = 0;
    QTimer *writer = nullptr;
    onServer([&] {
        writer = new QTimer;
        auto *clock = new QElapsedTimer;
        clock->start();
        writer->setInterval(5);
        QObject::connect(writer, &QTimer::timeout, writer, [&, clock] {
            const qint64 due = std::min<qint64>(clock->elapsed() * rate / 1000, rate * seconds);
            while (sent < due) {
                server->apply(deployment(sent % deployments, nowMicroseconds()),
                              QStringLiteral("bench"));
                ++sent;
            }
            if (sent >= rate * seconds) {
                writer->stop();
                delete clock;
            }
        });
        writer->start();
    });
    QElapsedTimer elapsed;
    elapsed.start();
    while (int(lagsMs.size()) < rate * seconds && elapsed.elapsed() < (seconds + 10) * 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    std::printf("BENCH livestate.watch_events_received %zu events\n", lagsMs.size());
    std::printf("BENCH livestate.watch_lag_median %.3f ms\n", percentile(lagsMs, 0.5));
    std::printf("BENCH livestate.watch_lag_p99 %.3f ms\n", percentile(lagsMs, 0.99));
    std::fflush(stdout);
    watch.stop();

    std::fprintf(stderr, "bench_livestate: done after %.1f s\n", double(total.elapsed()) / 1000.0);
    onServer([&] {
        delete writer;
        delete server;
    });
    std::fprintf(stderr, "bench_livestate: server deleted after %.1f s\n",
                 double(total.elapsed()) / 1000.0);
    serverThread.quit();
    serverThread.wait();
    std::fprintf(stderr, "bench_livestate: thread ended after %.1f s\n",
                 double(total.elapsed()) / 1000.0);
    return lagsMs.size() == size_t(rate * seconds) ? 0 : 1;
}
