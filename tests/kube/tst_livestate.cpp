// Discovery, list and watch against the local API server over HTTPS: what the drift view
// shows must match the cluster through pagination, kubectl's writes, cut watches and
// expired resourceVersions, and list only what an app's controller marks as its own.
#include "kubetestserver.h"

#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/livestate.h"
#include "kube/resourcewatch.h"
#include "kube/watchplan.h"

#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTimer>

using namespace gitops::kube;
using namespace gitops::test;
using namespace Qt::StringLiterals;

namespace {

const ApiResource configMaps{QString(),       u"v1"_s, u"ConfigMap"_s,
                             u"configmaps"_s, true,    {u"get"_s, u"list"_s, u"watch"_s}};

QString nameOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"name").toString();
}

QString valueOf(const QJsonObject &object)
{
    return object.value(u"data").toObject().value(u"k").toString();
}

// Every change set a watch emitted, flattened.
struct Recorder
{
    QList<LiveChangeSet> sets;
    QStringList added, modified, deleted; // "name=value"

    void record(const LiveChangeSet &changes)
    {
        sets.append(changes);
        for (const QJsonObject &object : changes.added)
            added << nameOf(object) + u'=' + valueOf(object);
        for (const QJsonObject &object : changes.modified)
            modified << nameOf(object) + u'=' + valueOf(object);
        for (const QJsonObject &object : changes.deleted)
            deleted << nameOf(object);
    }
    void clear() { *this = {}; }
};

} // namespace

class tst_LiveState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void discoveryMapsKindsToResources();
    void legacyDiscoveryAgreesWithAggregated();
    void discoveryRefreshesWhenACrdAppears();
    void watchPlanForAnAppsKinds();
    void paginationReturnsEachObjectOnce();
    void watchSeesAChangeMadeByKubectl();
    void cutWatchResumesWithoutLossOrDuplicates();
    void goneWatchListsAgainAndReportsOnlyChanges();
    void trackedObjectsOfAnApp_data();
    void trackedObjectsOfAnApp();
    void stopsCleanly();
    void retargetRestartsOnlyChangedWatches();

private:
    std::unique_ptr<ResourceWatch> watchConfigMaps(Recorder &recorder, const QString &ns);
    std::shared_ptr<const DiscoveryInfo> discover();

    std::unique_ptr<KubeTestServer> m_server;
    std::unique_ptr<KubeClient> m_client;
};

void tst_LiveState::init()
{
    Discovery::clearCache();
    m_server = std::make_unique<KubeTestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    const auto access = m_server->access(u"admin"_s);
    QVERIFY(access);
    m_client = std::make_unique<KubeClient>(*access);
    m_server->createNamespace(u"shop"_s);
}

void tst_LiveState::cleanup()
{
    m_client.reset();
    m_server.reset();
}

std::shared_ptr<const DiscoveryInfo> tst_LiveState::discover()
{
    Discovery discovery(m_client.get());
    QSignalSpy ready(&discovery, &Discovery::ready);
    discovery.refresh();
    if (!ready.wait(10000))
        return {};
    return discovery.info();
}

std::unique_ptr<ResourceWatch> tst_LiveState::watchConfigMaps(Recorder &recorder, const QString &ns)
{
    auto watch = std::make_unique<ResourceWatch>(m_client.get(), configMaps, ns);
    watch->setBackoff(50, 500);
    connect(watch.get(), &ResourceWatch::changed, this,
            [&recorder](const LiveChangeSet &changes) { recorder.record(changes); });
    return watch;
}

void tst_LiveState::discoveryMapsKindsToResources()
{
    Discovery discovery(m_client.get());
    QSignalSpy ready(&discovery, &Discovery::ready);
    discovery.refresh();
    QVERIFY(ready.wait(10000));
    const auto info = discovery.info();
    QVERIFY(info->aggregated());
    const ApiResource deployments = info->find(u"apps"_s, u"Deployment"_s);
    QCOMPARE(deployments.plural, u"deployments"_s);
    QCOMPARE(deployments.version, u"v1"_s);
    QVERIFY(deployments.namespaced);
    QVERIFY(deployments.allows(u"watch"_s));
    const ApiResource namespaces = info->find(QString(), u"Namespace"_s);
    QVERIFY(!namespaces.namespaced);
    QCOMPARE(namespaces.collectionPath(u"ignored"_s), u"/api/v1/namespaces"_s);
    QVERIFY(!info->find(u"apps"_s, u"Nothing"_s).isValid());
    QCOMPARE(discovery.fetchCount(), 1);

    // Cached per cluster: another client of the same server asks nothing.
    KubeClient second(m_client->access());
    Discovery again(&second);
    QSignalSpy readyAgain(&again, &Discovery::ready);
    again.refresh();
    QVERIFY(readyAgain.wait(5000));
    QCOMPARE(again.fetchCount(), 0);
    QCOMPARE(again.info()->resources().size(), info->resources().size());
}

void tst_LiveState::legacyDiscoveryAgreesWithAggregated()
{
    const auto aggregated = discover();
    QVERIFY(aggregated);
    const auto fetch = [this](const QString &path) {
        ApiRequest request;
        request.path = path;
        ApiCall *call = m_client->send(request);
        QByteArray body;
        connect(call, &ApiCall::finished, this, [&body](const ApiResponse &r) { body = r.body; });
        QSignalSpy finished(call, &ApiCall::finished);
        finished.wait(5000);
        return body;
    };
    DiscoveryInfo legacy;
    QString error;
    QVERIFY2(legacy.addLegacyResourceList(fetch(u"/api/v1"_s), &error), qPrintable(error));
    const QStringList groupVersions = DiscoveryInfo::legacyGroupVersions(fetch(u"/apis"_s), &error);
    QVERIFY(groupVersions.contains(u"apps/v1"_s));
    for (const QString &groupVersion : groupVersions)
        QVERIFY2(legacy.addLegacyResourceList(fetch(u"/apis/"_s + groupVersion), &error),
                 qPrintable(error));
    QVERIFY(!legacy.aggregated());

    // The same through Discovery, as for a server without aggregated discovery.
    Discovery::clearCache();
    Discovery discovery(m_client.get());
    discovery.setUseAggregated(false);
    QSignalSpy ready(&discovery, &Discovery::ready);
    discovery.refresh();
    QVERIFY(ready.wait(10000));
    QVERIFY(!discovery.info()->aggregated());
    QCOMPARE(discovery.info()->resources().size(), legacy.resources().size());
    for (const ApiResource &type : aggregated->resources()) {
        const ApiResource same = legacy.find(type.group, type.kind);
        QVERIFY2(same.isValid(), qPrintable(type.displayName()));
        QCOMPARE(same.plural, type.plural);
        QCOMPARE(same.namespaced, type.namespaced);
    }
    QVERIFY(legacy.find(u"apps"_s, u"Deployment"_s).isValid());
    QVERIFY(!legacy.findPlural(u"apps"_s, u"deployments/scale"_s).isValid()); // no subresources
}

void tst_LiveState::discoveryRefreshesWhenACrdAppears()
{
    Discovery discovery(m_client.get());
    QSignalSpy ready(&discovery, &Discovery::ready);
    discovery.refresh();
    QVERIFY(ready.wait(10000));
    QVERIFY(!discovery.info()->find(u"example.com"_s, u"Widget"_s).isValid());
    discovery.watchCustomResourceDefinitions();
    QTest::qWait(300); // the CRD watch lists first

    const QJsonObject crd = QJsonDocument::fromJson(R"({
      "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
      "metadata": {"name": "widgets.example.com"},
      "spec": {"group": "example.com", "scope": "Namespaced",
               "names": {"kind": "Widget", "plural": "widgets", "singular": "widget", "listKind": "WidgetList"},
               "versions": [{"name": "v1", "served": true, "storage": true,
                             "schema": {"openAPIV3Schema": {"type": "object",
                                        "x-kubernetes-preserve-unknown-fields": true}}}]}})")
                                .object();
    const auto applied = m_server->server().apply(crd, u"test"_s);
    QVERIFY(std::holds_alternative<QJsonObject>(applied));
    QTRY_VERIFY_WITH_TIMEOUT(discovery.info()->find(u"example.com"_s, u"Widget"_s).isValid(),
                             10000);
    QCOMPARE(discovery.info()->find(u"example.com"_s, u"Widget"_s).plural, u"widgets"_s);
}

void tst_LiveState::watchPlanForAnAppsKinds()
{
    const auto info = discover();
    QVERIFY(info);
    QStringList unknown;
    const QList<LiveTarget> plain = planWatches(*info,
                                                {{u"apps"_s, u"Deployment"_s},
                                                 {u"apps"_s, u"Deployment"_s},
                                                 {QString(), u"ConfigMap"_s},
                                                 {QString(), u"Namespace"_s},
                                                 {u"example.com"_s, u"Widget"_s}},
                                                {}, &unknown);
    QStringList plurals;
    for (const LiveTarget &target : plain) {
        plurals << target.type.plural;
        QCOMPARE(target.namespaceName, QString()); // every namespace
        QVERIFY(target.filter.isEmpty());
    }
    // Each kind once, and the cluster's CRDs for their list rules.
    QCOMPARE(plurals,
             (QStringList{u"deployments"_s, u"configmaps"_s, u"namespaces"_s,
                          u"customresourcedefinitions"_s}));
    QCOMPARE(unknown, QStringList{u"Widget.example.com"_s});

    // Tracked apps: every other listable kind, filtered, but not what controllers derive.
    const QList<LiveTarget> tracked =
        planWatches(*info, {{QString(), u"ConfigMap"_s}}, {TrackingFilter::flux(QString())});
    const auto has = [&tracked](const QString &plural, bool filtered) {
        return std::any_of(tracked.cbegin(), tracked.cend(), [&](const LiveTarget &target) {
            return target.type.plural == plural && target.filter.isEmpty() != filtered;
        });
    };
    QVERIFY(has(u"configmaps"_s, false));
    QVERIFY(!has(u"configmaps"_s, true));
    QVERIFY(has(u"secrets"_s, true));
    QVERIFY(has(u"deployments"_s, true));
    for (const QString &derived : {u"pods"_s, u"replicasets"_s, u"endpoints"_s, u"events"_s})
        QVERIFY2(!has(derived, true), qPrintable(derived));

    const QList<LiveTarget> targets =
        planWatches(*info, {{QString(), u"ConfigMap"_s}, {QString(), u"Namespace"_s}}, {});
    // Those targets, live: bounded parallel lists, then synced with what the cluster holds.
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"settings"_s), u"test"_s);
    LiveState live(m_client.get());
    live.setTargets(targets);
    live.setMaxParallelLists(1);
    QStringList added;
    connect(&live, &LiveState::changed, this, [&added](const LiveChangeSet &changes) {
        for (const QJsonObject &object : changes.added)
            added << changes.type.kind + u'/' + nameOf(object);
    });
    QSignalSpy synced(&live, &LiveState::synced);
    live.start();
    QVERIFY(synced.wait(10000));
    QVERIFY(live.isSynced());
    QVERIFY2(added.contains(u"ConfigMap/settings"_s), qPrintable(added.join(u' ')));
    QVERIFY2(added.contains(u"Namespace/shop"_s), qPrintable(added.join(u' ')));
}

void tst_LiveState::paginationReturnsEachObjectOnce()
{
    m_server->createNamespace(u"bulk"_s);
    for (int i = 0; i < 1200; ++i)
        m_server->server().apply(
            KubeTestServer::configMap(u"bulk"_s, u"cm-%1"_s.arg(i, 4, 10, QChar(u'0'))), u"test"_s);
    Recorder recorder;
    auto watch = watchConfigMaps(recorder, u"bulk"_s);
    QSignalSpy synced(watch.get(), &ResourceWatch::synced);
    watch->start();
    QVERIFY(synced.wait(20000));
    QCOMPARE(recorder.sets.size(), 1);
    QCOMPARE(recorder.added.size(), 1200);
    QCOMPARE(QSet<QString>(recorder.added.cbegin(), recorder.added.cend()).size(), 1200);
    QVERIFY(recorder.added.contains(u"cm-0000=v"_s));
    QVERIFY(recorder.added.contains(u"cm-1199=v"_s));
    QCOMPARE(recorder.sets.first().added.first().value(u"kind").toString(), u"ConfigMap"_s);
    QCOMPARE(watch->objects().size(), 1200);
}

void tst_LiveState::watchSeesAChangeMadeByKubectl()
{
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"settings"_s, u"blue"_s),
                             u"test"_s);
    Recorder recorder;
    auto watch = watchConfigMaps(recorder, u"shop"_s);
    QSignalSpy synced(watch.get(), &ResourceWatch::synced);
    QSignalSpy changed(watch.get(), &ResourceWatch::changed);
    watch->start();
    QVERIFY(synced.wait(10000));
    QCOMPARE(recorder.added, QStringList{u"settings=blue"_s});
    changed.clear();

    // kubectl runs as its own process while this event loop serves it and the watch.
    QProcess kubectl;
    kubectl.start(u"kubectl"_s,
                  {u"--kubeconfig"_s, m_server->folder() + u"/kubeconfig"_s, u"-n"_s, u"shop"_s,
                   u"patch"_s, u"configmap"_s, u"settings"_s, u"--type=merge"_s, u"-p"_s,
                   u"{\"data\":{\"k\":\"green\"}}"_s});
    QVERIFY2(kubectl.waitForStarted(10000), "kubectl is not installed");
    QTRY_VERIFY_WITH_TIMEOUT(recorder.modified.contains(u"settings=green"_s), 20000);
    QSignalSpy exited(&kubectl, &QProcess::finished);
    QVERIFY(kubectl.state() == QProcess::NotRunning || exited.wait(20000));
    QCOMPARE(kubectl.exitCode(), 0);
    QCOMPARE(valueOf(watch->objects().value(u"shop/settings"_s)), u"green"_s);

    // A delete by kubectl too.
    kubectl.start(u"kubectl"_s,
                  {u"--kubeconfig"_s, m_server->folder() + u"/kubeconfig"_s, u"-n"_s, u"shop"_s,
                   u"delete"_s, u"configmap"_s, u"settings"_s});
    QTRY_VERIFY_WITH_TIMEOUT(recorder.deleted.contains(u"settings"_s), 20000);
    QVERIFY(watch->objects().isEmpty());
}

void tst_LiveState::cutWatchResumesWithoutLossOrDuplicates()
{
    for (int i = 0; i < 5; ++i)
        m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"cm-%1"_s.arg(i)),
                                 u"test"_s);
    Recorder recorder;
    auto watch = watchConfigMaps(recorder, u"shop"_s);
    QSignalSpy synced(watch.get(), &ResourceWatch::synced);
    watch->start();
    QVERIFY(synced.wait(10000));
    recorder.clear();

    kubeemu::FaultSettings faults;
    faults.cutWatchesAfter = 3;
    m_server->server().setFaults(faults);
    // 30 changes, spread out so that several land while the watch is reconnecting.
    QStringList expected;
    int step = 0;
    QTimer writer;
    writer.setInterval(15);
    connect(&writer, &QTimer::timeout, this, [&] {
        const QString name = u"cm-%1"_s.arg(step % 5);
        const QString value = u"v%1"_s.arg(step);
        m_server->server().apply(KubeTestServer::configMap(u"shop"_s, name, value), u"test"_s);
        expected << name + u'=' + value;
        if (++step == 30)
            writer.stop();
    });
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(step == 30 && recorder.modified.size() >= 30, 20000);
    QTest::qWait(300); // nothing more may come
    // Every change exactly once, and each object's changes in the order they were made
    // (a change set lists objects in no particular order).
    QCOMPARE(recorder.modified.size(), expected.size());
    for (int i = 0; i < 5; ++i) {
        const QString prefix = u"cm-%1="_s.arg(i);
        const auto ofObject = [&prefix](const QStringList &changes) {
            QStringList result;
            for (const QString &change : changes) {
                if (change.startsWith(prefix))
                    result << change;
            }
            return result;
        };
        QCOMPARE(ofObject(recorder.modified), ofObject(expected));
    }
    for (int i = 0; i < 5; ++i) {
        const QString name = u"cm-%1"_s.arg(i);
        QCOMPARE(valueOf(watch->objects().value(u"shop/"_s + name)), u"v%1"_s.arg(25 + i));
    }
    QVERIFY(recorder.added.isEmpty() && recorder.deleted.isEmpty());
    QVERIFY2(watch->watchCount() >= 5, qPrintable(QString::number(watch->watchCount())));
    QCOMPARE(watch->listCount(), 1); // resumed from resourceVersions, never re-listed
}

void tst_LiveState::goneWatchListsAgainAndReportsOnlyChanges()
{
    for (int i = 0; i < 50; ++i)
        m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"cm-%1"_s.arg(i)),
                                 u"test"_s);
    Recorder recorder;
    auto watch = watchConfigMaps(recorder, u"shop"_s);
    watch->setBackoff(300, 1000);
    QSignalSpy synced(watch.get(), &ResourceWatch::synced);
    watch->start();
    QVERIFY(synced.wait(10000));
    recorder.clear();

    // The watch ends after one event; while it reconnects, more changes happen and the
    // server forgets its history: resuming gets 410 Gone.
    kubeemu::FaultSettings faults;
    faults.cutWatchesAfter = 1;
    m_server->server().setFaults(faults);
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"cm-0"_s, u"first"_s),
                             u"test"_s);
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"cm-1"_s, u"second"_s),
                             u"test"_s);
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"new"_s, u"n"_s), u"test"_s);
    kubeemu::ResourceType cmType;
    cmType.version = u"v1"_s;
    cmType.kind = u"ConfigMap"_s;
    cmType.plural = u"configmaps"_s;
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server->server().deleteObject(cmType, u"shop"_s, u"cm-2"_s)));
    m_server->server().store().compact();

    QVERIFY(synced.wait(10000)); // listed again
    QTRY_VERIFY_WITH_TIMEOUT(recorder.added.contains(u"new=n"_s), 5000);
    QCOMPARE(watch->listCount(), 2);
    m_server->server().setFaults({});
    QTest::qWait(200);
    // Only what changed, whatever the first event delivered before the cut.
    QCOMPARE(recorder.added, QStringList{u"new=n"_s});
    QCOMPARE(recorder.deleted, QStringList{u"cm-2"_s});
    QStringList modified = recorder.modified;
    modified.sort();
    QCOMPARE(modified, (QStringList{u"cm-0=first"_s, u"cm-1=second"_s}));
    QCOMPARE(watch->objects().size(), 50);
}

void tst_LiveState::trackedObjectsOfAnApp_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("argocd label or annotation")
        << u"argocd"_s << QStringList{u"by-annotation"_s, u"by-label"_s};
    QTest::newRow("flux") << u"flux"_s << QStringList{u"by-flux"_s};
    QTest::newRow("workspace label") << u"label"_s << QStringList{u"by-own-label"_s};
}

void tst_LiveState::trackedObjectsOfAnApp()
{
    QFETCH(QString, method);
    QFETCH(QStringList, expected);
    auto &server = m_server->server();
    m_server->createNamespace(u"other"_s);
    const auto object = [](const QString &ns, const QString &name, const QJsonObject &labels,
                           const QJsonObject &annotations = {}) {
        return KubeTestServer::configMap(ns, name, u"v"_s, labels, annotations);
    };
    server.apply(object(u"shop"_s, u"by-label"_s, {{u"app.kubernetes.io/instance"_s, u"shop"_s}}),
                 u"t"_s);
    server.apply(
        object(u"other"_s, u"by-annotation"_s, {},
               {{u"argocd.argoproj.io/tracking-id"_s, u"shop:/ConfigMap:other/by-annotation"_s}}),
        u"t"_s);
    server.apply(
        object(u"shop"_s, u"other-app"_s, {{u"app.kubernetes.io/instance"_s, u"shopping"_s}},
               {{u"argocd.argoproj.io/tracking-id"_s, u"shopping:/ConfigMap:shop/other-app"_s}}),
        u"t"_s);
    server.apply(
        object(u"shop"_s, u"by-flux"_s, {{u"kustomize.toolkit.fluxcd.io/name"_s, u"shop"_s}}),
        u"t"_s);
    server.apply(object(u"shop"_s, u"by-own-label"_s, {{u"example.com/part-of"_s, u"shop"_s}}),
                 u"t"_s);
    server.apply(object(u"shop"_s, u"untracked"_s, {}), u"t"_s);

    const TrackingFilter filter = method == u"argocd" ? TrackingFilter::argoCd(u"shop"_s)
        : method == u"flux"                           ? TrackingFilter::flux(u"shop"_s)
                            : TrackingFilter::label(u"example.com/part-of=shop"_s);
    const auto info = discover();
    QVERIFY(info);
    const QList<LiveTarget> targets = trackingTargets(*info, filter);
    QVERIFY(std::any_of(targets.cbegin(), targets.cend(),
                        [](const LiveTarget &t) { return t.type.plural == u"configmaps"; }));
    QVERIFY(std::none_of(targets.cbegin(), targets.cend(),
                         [](const LiveTarget &t) { return t.type.plural == u"events"; }));

    LiveState live(m_client.get());
    live.setTargets(targets);
    live.setMaxParallelLists(3);
    QStringList found;
    connect(&live, &LiveState::changed, this, [&found](const LiveChangeSet &changes) {
        for (const QJsonObject &o : changes.added)
            found << nameOf(o);
        for (const QJsonObject &o : changes.deleted)
            found.removeAll(nameOf(o));
    });
    QStringList problems;
    connect(&live, &LiveState::failed, this,
            [&problems](const ApiError &error) { problems << error.text(); });
    QSignalSpy synced(&live, &LiveState::synced);
    live.start();
    QVERIFY2(synced.wait(20000), qPrintable(problems.join(u'\n')));
    found.sort();
    QCOMPARE(found, expected);

    // An object that loses its mark leaves the app's live state.
    QJsonObject unmarked = object(u"shop"_s, expected.last(), {});
    const QString ns = expected.last() == u"by-annotation" ? u"other"_s : u"shop"_s;
    QJsonObject metadata = unmarked.value(u"metadata").toObject();
    metadata.insert(u"namespace"_s, ns);
    unmarked.insert(u"metadata"_s, metadata);
    server.apply(unmarked, u"t"_s); // the field manager "t" owned the mark, so it goes
    QTRY_VERIFY_WITH_TIMEOUT(!found.contains(expected.last()), 10000);
    live.stop();
}

void tst_LiveState::stopsCleanly()
{
    Recorder recorder;
    auto watch = watchConfigMaps(recorder, u"shop"_s);
    QSignalSpy synced(watch.get(), &ResourceWatch::synced);
    watch->start();
    QVERIFY(synced.wait(10000));
    watch->stop();
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"after-stop"_s), u"test"_s);
    QTest::qWait(300);
    QVERIFY(recorder.sets.isEmpty());

    // Destroyed with a list in flight: nothing arrives, nothing crashes.
    kubeemu::FaultSettings faults;
    faults.latencyMs = 300;
    m_server->server().setFaults(faults);
    {
        LiveState live(m_client.get());
        live.setTargets({{configMaps, u"shop"_s, {}}});
        connect(&live, &LiveState::changed, this, [] { QFAIL("changes after destruction"); });
        live.start();
        QTest::qWait(50);
    }
    QTest::qWait(500);
}

// The workspace's watch plan changes after a git change (an app now names Secrets too):
// the ConfigMap and Namespace watches go on without listing again, the Secret watch starts,
// and a kind no longer planned stops with its objects gone.
void tst_LiveState::retargetRestartsOnlyChangedWatches()
{
    const auto info = discover();
    QVERIFY(info);
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"settings"_s), u"test"_s);
    QJsonObject secret = KubeTestServer::configMap(u"shop"_s, u"token"_s);
    secret.insert(u"kind"_s, u"Secret"_s);
    secret.insert(u"data"_s, QJsonObject{{u"k"_s, u"dg=="_s}});
    QVERIFY(std::holds_alternative<QJsonObject>(m_server->server().apply(secret, u"test"_s)));
    const QList<LiveTarget> before =
        planWatches(*info, {{QString(), u"ConfigMap"_s}, {QString(), u"Namespace"_s}}, {});
    LiveState live(m_client.get());
    live.setTargets(before);
    Recorder recorder;
    connect(&live, &LiveState::changed, this,
            [&recorder](const LiveChangeSet &changes) { recorder.record(changes); });
    QSignalSpy synced(&live, &LiveState::synced);
    live.start();
    QVERIFY(synced.wait(10000));
    const QList<ResourceWatch *> first = live.watches();
    QCOMPARE(first.size(), before.size());
    recorder.clear();

    // One kind more.
    const QList<LiveTarget> after = planWatches(
        *info, {{QString(), u"ConfigMap"_s}, {QString(), u"Namespace"_s}, {QString(), u"Secret"_s}},
        {});
    QCOMPARE(after.size(), before.size() + 1);
    live.retarget(after);
    QVERIFY(!live.isSynced());
    QVERIFY(synced.wait(10000));
    const QList<ResourceWatch *> second = live.watches();
    QCOMPARE(second.size(), after.size());
    // The same watches, and one new: only the Secrets were listed.
    QCOMPARE(second.mid(0, first.size()), first);
    QCOMPARE(second.last()->type().kind, u"Secret"_s);
    QCOMPARE(recorder.sets.size(), 1);
    QCOMPARE(recorder.sets.first().type.kind, u"Secret"_s);
    QCOMPARE(recorder.added, QStringList{u"token=dg=="_s});
    // The ConfigMaps' watch still follows the cluster.
    recorder.clear();
    m_server->server().apply(KubeTestServer::configMap(u"shop"_s, u"settings"_s, u"green"_s),
                             u"test"_s);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.modified, QStringList{u"settings=green"_s}, 10000);

    // One kind less: its watch stops and its objects are gone; nothing is listed again.
    recorder.clear();
    live.retarget(before);
    QCOMPARE(live.watches(), first);
    QVERIFY(live.isSynced());
    QCOMPARE(recorder.sets.size(), 1);
    QCOMPARE(recorder.deleted, QStringList{u"token"_s});
    live.stop();
}

QTEST_GUILESS_MAIN(tst_LiveState)
#include "tst_livestate.moc"
