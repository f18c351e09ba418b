// WorkspaceSession against the local API server over HTTPS: listing progress with counts and
// cancel, tracked objects of kinds git does not name, the last change of each object, exact
// mode for a whole app (server dry runs), and reading another revision.
#include "gitbuilder.h"

#include "apiserver.h"
#include "kube/livestate.h"
#include "workspace/workspacesession.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace gitops;

namespace {

const QByteArray workspaceFile = R"(apps:
  - name: shop
    path: apps/shop
    destination: {namespace: shop}
    tracking: {method: label, label: app.kubernetes.io/part-of=shop}
  - name: edge
    path: apps/edge
    destination: {context: prod-eu, namespace: edge}
)";

// A custom resource whose listeners git lists in another order than the cluster holds them;
// only the cluster has its CRD, which says listeners are keyed by name.
const QByteArray gatewayApp = R"(  - name: gateways
    path: apps/gateways
    destination: {namespace: shop}
)";
const QByteArray gateway = R"(apiVersion: example.com/v1
kind: Gateway
metadata: {name: public}
spec:
  listeners:
    - {name: https, port: 443}
    - {name: http, port: 80}
)";
const char *gatewayCrd = R"({"apiVersion":"apiextensions.k8s.io/v1",
    "kind":"CustomResourceDefinition","metadata":{"name":"gateways.example.com"},
    "spec":{"group":"example.com","scope":"Namespaced",
      "names":{"kind":"Gateway","plural":"gateways","singular":"gateway","listKind":"GatewayList"},
      "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{
        "type":"object","properties":{"spec":{"type":"object","properties":{"listeners":{
          "type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
          "items":{"type":"object","properties":{"name":{"type":"string"},
                                                 "port":{"type":"integer"}}}}}}}}}}]}})";

const QByteArray edge = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: routes}
data: {default: shop}
)";

// The first commit: two replicas, mode "blue".
const QByteArray shopV1 = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: settings, labels: {app.kubernetes.io/part-of: shop}}
data: {mode: blue}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app.kubernetes.io/part-of: shop}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
)";

// HEAD: mode "green" and a Service.
const QByteArray shopV2 = QByteArray(shopV1).replace("mode: blue", "mode: green") + R"(---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {app.kubernetes.io/part-of: shop}}
spec:
  selector: {app: web}
  ports: [{port: 80}]
)";

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

// The Argo CD Application CRD with an open schema, as the emulator needs it to serve the kind.
QJsonObject argoCdApplicationCrd()
{
    return object(R"({"apiVersion":"apiextensions.k8s.io/v1",
        "kind":"CustomResourceDefinition","metadata":{"name":"applications.argoproj.io"},
        "spec":{"group":"argoproj.io","scope":"Namespaced","names":{"kind":"Application",
        "listKind":"ApplicationList","plural":"applications","singular":"application"},
        "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":
        {"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})");
}

QJsonObject namespaceNamed(const char *name)
{
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("kind"), QStringLiteral("Namespace")},
                       {QStringLiteral("metadata"),
                        QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)}}}};
}

const drift::AppWorkspaceDrift *appOf(const drift::WorkspaceDrift &snapshot, const QString &name)
{
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        if (app.name == name)
            return &app;
    }
    return nullptr;
}

const drift::ResourceDrift *resourceOf(const drift::AppWorkspaceDrift &app, const QString &kind,
                                       const QString &name)
{
    for (const drift::ResourceDrift &resource : app.drift.resources) {
        if (resource.id.kind == kind && resource.id.name == name)
            return &resource;
    }
    return nullptr;
}

// Waits for a snapshot that satisfies @p condition; returns it (or an empty one on timeout).
template<typename Condition>
drift::WorkspaceDrift waitForSnapshot(WorkspaceSession &session, Condition condition,
                                      int timeoutMs = 20000)
{
    if (condition(session.snapshot()))
        return session.snapshot();
    QSignalSpy spy(&session, &WorkspaceSession::snapshotChanged);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
        if (condition(session.snapshot()))
            return session.snapshot();
    }
    return {};
}

bool compared(const drift::WorkspaceDrift &snapshot)
{
    const drift::AppWorkspaceDrift *shop = appOf(snapshot, QStringLiteral("shop"));
    return shop && !snapshot.context.isEmpty()
        && std::none_of(shop->drift.resources.cbegin(), shop->drift.resources.cend(),
                        [](const drift::ResourceDrift &resource) {
                            return resource.status == drift::SyncStatus::Unknown;
                        });
}

} // namespace

class tst_WorkspaceSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void listsWithProgressAndFindsWhatTheAppTracks();
    void cancelStopsTheListing();
    void exactModeDryRunsTheWholeApp();
    void exactModeKeepsTheAutoscalersReplicas();
    void readsWhatANamespaceRestrictedUserMay();
    void anUnreachableClusterNamesContextAndServer();
    void appsTheClusterDefines();
    void fluxSubstitutesFromTheCluster();
    void argoCdHealthRules();
    void readsAnotherRevision();
    void aBusyClusterStillShowsItsDrift();

private:
    void open(WorkspaceSession &session);

    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_repository;
    QString m_firstCommit;
};

void tst_WorkspaceSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));

    m_repository = m_dir.filePath(QStringLiteral("fleet"));
    test::GitBuilder git(m_repository);
    m_firstCommit = git.commit(QStringLiteral("main"),
                               {{QStringLiteral("gitops-console.yaml"), workspaceFile},
                                {QStringLiteral("apps/shop/shop.yaml"), shopV1},
                                {QStringLiteral("apps/edge/routes.yaml"), edge}},
                               QStringLiteral("shop"));
    git.commit(QStringLiteral("main"),
               {{QStringLiteral("apps/shop/shop.yaml"), shopV2},
                {QStringLiteral("gitops-console.yaml"), workspaceFile + gatewayApp},
                {QStringLiteral("apps/gateways/public.yaml"), gateway}},
               QStringLiteral("green, a Service, and a gateway"));
    git.checkout(QStringLiteral("main"));
    QVERIFY(!m_firstCommit.isEmpty());

    // The cluster runs HEAD, applied by a GitOps controller...
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.apply(object(R"({"apiVersion":"v1","kind":"Namespace",
            "metadata":{"name":"shop"}})"),
                       QStringLiteral("seed"))));
    QTemporaryDir seed;
    QFile file(seed.filePath(QStringLiteral("shop.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(shopV2).replace("metadata: {name:", "metadata: {namespace: shop, name:"));
    file.close();
    const QStringList errors = m_server.seed(seed.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.apply(object(gatewayCrd), QStringLiteral("seed"))));
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.apply(object(R"({"apiVersion":"example.com/v1","kind":"Gateway",
            "metadata":{"name":"public","namespace":"shop"},
            "spec":{"listeners":[{"name":"http","port":80},{"name":"https","port":443}]}})"),
                       QStringLiteral("seed"))));
    // ... plus a ServiceAccount the app's controller deployed although git never had one (a
    // kind git does not name), and a ConfigMap a controller made from another object: it
    // carries the app's label from a template, but it is not the app's.
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.apply(
        object(R"({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"stray",
            "namespace":"shop","labels":{"app.kubernetes.io/part-of":"shop"}}})"),
        QStringLiteral("argocd-controller"))));
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.apply(
        object(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web-lock",
            "namespace":"shop","labels":{"app.kubernetes.io/part-of":"shop"},
            "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web",
            "uid":"0d7c2f2e-8d52-4c59-9a8e-4f0e1a1b2c3d","controller":true}]}})"),
        QStringLiteral("kube-controller-manager"))));
}

void tst_WorkspaceSession::init()
{
    m_server.setFaults({});
}

void tst_WorkspaceSession::open(WorkspaceSession &session)
{
    QVERIFY(session.loadKubeConfig().isEmpty());
    session.openRepository(m_repository);
    session.setContext(QStringLiteral("admin"));
}

void tst_WorkspaceSession::listsWithProgressAndFindsWhatTheAppTracks()
{
    WorkspaceSession session;
    QList<SessionProgress> progress;
    connect(&session, &WorkspaceSession::progress, this,
            [&](const SessionProgress &now) { progress << now; });
    QList<drift::WorkspaceDrift> snapshots;
    connect(&session, &WorkspaceSession::snapshotChanged, this,
            [&](const drift::WorkspaceDrift &s) { snapshots << s; });
    open(session);
    const drift::WorkspaceDrift snapshot = waitForSnapshot(session, compared);
    const drift::AppWorkspaceDrift *shop = appOf(snapshot, QStringLiteral("shop"));
    QVERIFY(shop);
    QVERIFY(!snapshot.partial);
    // Before the cluster was listed, git's resources showed at once, as Unknown.
    QVERIFY(!snapshots.isEmpty());
    if (snapshots.first().partial) {
        const drift::AppWorkspaceDrift *early = appOf(snapshots.first(), QStringLiteral("shop"));
        QVERIFY(early);
        for (const drift::ResourceDrift &resource : early->drift.resources) {
            QCOMPARE(resource.status, drift::SyncStatus::Unknown);
            QCOMPARE(resource.reason, QStringLiteral("Listing the cluster…"));
        }
    }

    // The status bar counted the kinds as they were listed, and could stop it.
    QList<SessionProgress> listing;
    std::copy_if(progress.cbegin(), progress.cend(), std::back_inserter(listing),
                 [](const SessionProgress &p) { return p.message.startsWith(u"Listing"); });
    QVERIFY2(listing.size() >= 2, "one report before the first list and more as they finish");
    const int total = listing.first().total;
    QVERIFY2(total > 3, "the kinds git names and the other kinds the app may track");
    QVERIFY(listing.first().message.contains(QStringLiteral("in admin")));
    QCOMPARE(listing.first().done, 0);
    QVERIFY(std::all_of(listing.cbegin(), listing.cend(),
                        [](const SessionProgress &p) { return p.cancellable; }));
    for (qsizetype i = 1; i < listing.size(); ++i)
        QVERIFY(listing.at(i).done >= listing.at(i - 1).done);
    QTRY_VERIFY(session.currentProgress().isIdle());
    QVERIFY(progress.last().isIdle());

    // HEAD matches the cluster; the tracked ServiceAccount git never had is Extraneous; the
    // owned ConfigMap is nobody's drift.
    QCOMPARE(resourceOf(*shop, QStringLiteral("Deployment"), QStringLiteral("web"))->status,
             drift::SyncStatus::Synced);
    QCOMPARE(resourceOf(*shop, QStringLiteral("ConfigMap"), QStringLiteral("settings"))->status,
             drift::SyncStatus::Synced);
    const drift::ResourceDrift *stray =
        resourceOf(*shop, QStringLiteral("ServiceAccount"), QStringLiteral("stray"));
    QVERIFY2(stray, "a tracked object of a kind git does not name");
    QCOMPARE(stray->status, drift::SyncStatus::Extraneous);
    QVERIFY(!resourceOf(*shop, QStringLiteral("ConfigMap"), QStringLiteral("web-lock")));

    // The cluster's CRD keys the gateway's listeners by name: another order is no drift.
    const drift::AppWorkspaceDrift *gateways = appOf(snapshot, QStringLiteral("gateways"));
    QVERIFY(gateways);
    QCOMPARE(gateways->drift.resources.size(), 1);
    QCOMPARE(gateways->drift.resources.first().status, drift::SyncStatus::Synced);

    // An app the workspace file puts in another cluster is not compared with this one.
    const drift::AppWorkspaceDrift *edgeApp = appOf(snapshot, QStringLiteral("edge"));
    QVERIFY(edgeApp);
    QCOMPARE(edgeApp->drift.resources.size(), 1);
    QCOMPARE(edgeApp->drift.resources.first().status, drift::SyncStatus::Unknown);
    QVERIFY2(edgeApp->drift.resources.first().reason.contains(QStringLiteral("context prod-eu")),
             qPrintable(edgeApp->drift.resources.first().reason));

    // The last change of each live object, from its managedFields.
    const drift::FieldWriter strayChange = shop->lastChanges.value(stray->id);
    QCOMPARE(strayChange.manager, QStringLiteral("argocd-controller"));
    QCOMPARE(strayChange.operation, QStringLiteral("Apply"));
    QVERIFY(qAbs(strayChange.time.secsTo(QDateTime::currentDateTimeUtc())) < 600);

    // Where git defines each resource: the file, the blob of its content at HEAD, its lines.
    const drift::SourceLocation settings = shop->sources.value(
        resourceOf(*shop, QStringLiteral("ConfigMap"), QStringLiteral("settings"))->id);
    QCOMPARE(settings.path, QStringLiteral("apps/shop/shop.yaml"));
    const QByteArray blob = "blob " + QByteArray::number(shopV2.size()) + '\0' + shopV2;
    QCOMPARE(settings.blobId,
             QString::fromLatin1(QCryptographicHash::hash(blob, QCryptographicHash::Sha1).toHex()));
    QVERIFY2(settings.firstLine >= 1 && settings.lastLine > settings.firstLine,
             qPrintable(settings.toString()));
}

void tst_WorkspaceSession::cancelStopsTheListing()
{
    // A slow server: every request takes 1.5 s, so the lists are still running when the user
    // cancels.
    kubeemu::FaultSettings slow;
    slow.latencyMs = 1500;
    m_server.setFaults(slow);
    WorkspaceSession session;
    open(session);
    QTRY_VERIFY_WITH_TIMEOUT(session.currentProgress().message.startsWith(u"Listing"), 10000);
    QVERIFY(session.currentProgress().cancellable);
    session.cancel();
    QVERIFY(session.currentProgress().isIdle());

    // Nothing pretends to be compared: every resource is Unknown, and says why.
    const drift::WorkspaceDrift snapshot =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            return appOf(s, QStringLiteral("shop")) != nullptr && !s.context.isEmpty()
                && !s.partial;
        });
    const drift::AppWorkspaceDrift *shop = appOf(snapshot, QStringLiteral("shop"));
    QVERIFY(shop);
    QCOMPARE(shop->drift.resources.size(), 3);
    for (const drift::ResourceDrift &resource : shop->drift.resources) {
        QCOMPARE(resource.status, drift::SyncStatus::Unknown);
        QVERIFY2(resource.reason.contains(QStringLiteral("cancelled")),
                 qPrintable(resource.reason));
    }

    // Refresh lists again.
    m_server.setFaults({});
    session.refresh();
    QVERIFY(compared(waitForSnapshot(session, compared)));
}

void tst_WorkspaceSession::exactModeDryRunsTheWholeApp()
{
    WorkspaceSession session;
    open(session);
    QVERIFY(compared(waitForSnapshot(session, compared)));

    // Someone scales web by hand.
    const auto deployments = m_server.registry().byKind(
        QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment"));
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.scale(*deployments, QStringLiteral("shop"),
                                                               QStringLiteral("web"), 5,
                                                               QStringLiteral("kubectl"))));

    QSignalSpy exactDone(&session, &WorkspaceSession::exactAppCompared);
    QList<SessionProgress> progress;
    connect(&session, &WorkspaceSession::progress, this,
            [&](const SessionProgress &now) { progress << now; });
    session.compareAppExactly(QStringLiteral("shop"));
    QVERIFY(exactDone.wait(20000));
    QCOMPARE(exactDone.first().at(0).toString(), QStringLiteral("shop"));
    const auto exact = exactDone.first().at(1).value<drift::AppDrift>();
    const auto find = [&](const QString &kind, const QString &name) {
        for (const drift::ResourceDrift &resource : exact.resources) {
            if (resource.id.kind == kind && resource.id.name == name)
                return resource;
        }
        return drift::ResourceDrift();
    };
    // The dry run holds the server's defaults too, so only the hand-made change differs.
    const drift::ResourceDrift web = find(QStringLiteral("Deployment"), QStringLiteral("web"));
    QCOMPARE(web.status, drift::SyncStatus::OutOfSync);
    QCOMPARE(web.differences.size(), 1);
    QCOMPARE(web.differences.first().path, QStringLiteral(".spec.replicas"));
    QVERIFY(web.desired.value(u"spec").toObject().contains(u"progressDeadlineSeconds"));
    QCOMPARE(find(QStringLiteral("ConfigMap"), QStringLiteral("settings")).status,
             drift::SyncStatus::Synced);
    QCOMPARE(find(QStringLiteral("Service"), QStringLiteral("web")).status,
             drift::SyncStatus::Synced);
    QCOMPARE(find(QStringLiteral("ServiceAccount"), QStringLiteral("stray")).status,
             drift::SyncStatus::Extraneous);
    const drift::AppWorkspaceDrift *shop = appOf(session.snapshot(), QStringLiteral("shop"));
    QVERIFY(shop && shop->exact);
    QCOMPARE(shop->exactDone, 3);
    QCOMPARE(shop->exactTotal, 3);
    QVERIFY(std::any_of(progress.cbegin(), progress.cend(), [](const SessionProgress &p) {
        return p.message.startsWith(u"Server dry runs") && p.total == 3 && p.cancellable;
    }));

    // Scaled back: exact mode asks the server again and finds nothing.
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.scale(*deployments, QStringLiteral("shop"),
                                                               QStringLiteral("web"), 2,
                                                               QStringLiteral("kubectl"))));
    const drift::WorkspaceDrift synced =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("shop"));
            const drift::ResourceDrift *deployment = app
                ? resourceOf(*app, QStringLiteral("Deployment"), QStringLiteral("web"))
                : nullptr;
            return deployment && deployment->status == drift::SyncStatus::Synced
                && app->exactDone == app->exactTotal;
        });
    QVERIFY(appOf(synced, QStringLiteral("shop")));

    // Off again: back to the comparison by field ownership.
    session.setAppExact(QStringLiteral("shop"), false);
    const drift::WorkspaceDrift normal =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("shop"));
            return app && !app->exact;
        });
    QVERIFY(appOf(normal, QStringLiteral("shop")));
}

// An HPA of the app owns its Deployment's replicas: scaled by the autoscaler, the
// Deployment is Synced in the comparison by field ownership, and in exact mode too.
void tst_WorkspaceSession::exactModeKeepsTheAutoscalersReplicas()
{
    const QByteArray scaled = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "nginx:1.27"}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: api}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
)";
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("autoscaled"));
    {
        test::GitBuilder git(repository);
        git.commit(QStringLiteral("main"),
                   {{QStringLiteral("gitops-console.yaml"),
                     "apps:\n  - name: scaled\n    path: apps/scaled\n"
                     "    destination: {namespace: scaled}\n"},
                    {QStringLiteral("apps/scaled/api.yaml"), scaled}},
                   QStringLiteral("api with an autoscaler"));
        git.checkout(QStringLiteral("main"));
    }
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.apply(object(R"({"apiVersion":"v1","kind":"Namespace",
            "metadata":{"name":"scaled"}})"),
                       QStringLiteral("seed"))));
    QTemporaryDir seed;
    QFile file(seed.filePath(QStringLiteral("api.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        QByteArray(scaled).replace("metadata: {name:", "metadata: {namespace: scaled, name:"));
    file.close();
    const QStringList errors = m_server.seed(seed.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    const auto deployments = m_server.registry().byKind(
        QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment"));
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.scale(*deployments, QStringLiteral("scaled"), QStringLiteral("api"), 7,
                       QStringLiteral("kube-controller-manager"))));

    WorkspaceSession session;
    QVERIFY(session.loadKubeConfig().isEmpty());
    session.openRepository(repository);
    session.setContext(QStringLiteral("admin"));
    const auto apiOf = [](const drift::WorkspaceDrift &snapshot) -> const drift::ResourceDrift * {
        const drift::AppWorkspaceDrift *app = appOf(snapshot, QStringLiteral("scaled"));
        return app ? resourceOf(*app, QStringLiteral("Deployment"), QStringLiteral("api"))
                   : nullptr;
    };
    const drift::WorkspaceDrift normal =
        waitForSnapshot(session, [&](const drift::WorkspaceDrift &s) {
            const drift::ResourceDrift *api = apiOf(s);
            return api && api->status != drift::SyncStatus::Unknown;
        });
    QVERIFY(apiOf(normal));
    QCOMPARE(apiOf(normal)->status, drift::SyncStatus::Synced);

    QSignalSpy exactDone(&session, &WorkspaceSession::exactAppCompared);
    session.compareAppExactly(QStringLiteral("scaled"));
    QVERIFY(exactDone.wait(20000));
    const auto exact = exactDone.first().at(1).value<drift::AppDrift>();
    for (const drift::ResourceDrift &resource : exact.resources) {
        QVERIFY2(
            resource.status == drift::SyncStatus::Synced,
            qPrintable(resource.id.toString() + u": "
                       + (resource.differences.isEmpty() ? resource.reason
                                                         : resource.differences.first().path)));
    }
}

// The `restricted` user may read only namespace team-a (its context's namespace): kinds it
// may not list cluster-wide are listed in the workspace's namespaces, as `kubectl -n` would,
// so the app is compared; only what lies in a namespace it may not read is Unknown, with a
// reason naming that kind and namespace; the CRDs it may not list unknown are not a reason.
void tst_WorkspaceSession::readsWhatANamespaceRestrictedUserMay()
{
    const QByteArray manifests = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {mode: blue}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "nginx:1.27"}]
)";
    const QByteArray elsewhere =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: elsewhere, namespace: team-b}\n";
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("team"));
    {
        test::GitBuilder git(repository);
        git.commit(QStringLiteral("main"),
                   {{QStringLiteral("team/app.yaml"), manifests},
                    {QStringLiteral("team/elsewhere.yaml"), elsewhere}},
                   QStringLiteral("team a's app"));
        git.checkout(QStringLiteral("main"));
    }
    for (const char *name : {"team-a", "team-b"}) {
        QVERIFY(std::holds_alternative<QJsonObject>(
            m_server.apply(namespaceNamed(name), QStringLiteral("seed"))));
    }
    QTemporaryDir seed;
    QFile file(seed.filePath(QStringLiteral("app.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        QByteArray(manifests).replace("metadata: {name:", "metadata: {namespace: team-a, name:"));
    file.close();
    QVERIFY(m_server.seed(seed.path()).isEmpty());

    WorkspaceSession session;
    QStringList problems;
    connect(&session, &WorkspaceSession::problem, this,
            [&](const QString &message) { problems << message; });
    QVERIFY(session.loadKubeConfig().isEmpty());
    session.openRepository(repository);
    session.setContext(QStringLiteral("restricted"));
    const auto find = [](const drift::WorkspaceDrift &snapshot, const QString &kind,
                         const QString &name) {
        const drift::AppWorkspaceDrift *app = appOf(snapshot, QStringLiteral("team"));
        return app ? resourceOf(*app, kind, name) : nullptr;
    };
    const drift::WorkspaceDrift snapshot =
        waitForSnapshot(session, [&](const drift::WorkspaceDrift &s) {
            const drift::ResourceDrift *api =
                find(s, QStringLiteral("Deployment"), QStringLiteral("api"));
            return !s.partial && api && api->status != drift::SyncStatus::Unknown;
        });
    QVERIFY2(find(snapshot, QStringLiteral("Deployment"), QStringLiteral("api")),
             qPrintable(problems.join(u'\n')));
    const drift::ResourceDrift *settings =
        find(snapshot, QStringLiteral("ConfigMap"), QStringLiteral("settings"));
    QVERIFY(settings);
    QCOMPARE(settings->id.namespaceName, QStringLiteral("team-a"));
    QCOMPARE(settings->status, drift::SyncStatus::Synced);
    QCOMPARE(find(snapshot, QStringLiteral("Deployment"), QStringLiteral("api"))->status,
             drift::SyncStatus::Synced);
    const drift::ResourceDrift *other =
        find(snapshot, QStringLiteral("ConfigMap"), QStringLiteral("elsewhere"));
    QVERIFY(other);
    QCOMPARE(other->status, drift::SyncStatus::Unknown);
    QVERIFY2(other->reason.contains(u"configmaps") && other->reason.contains(u"team-b")
                 && other->reason.contains(u"Forbidden"),
             qPrintable(other->reason));
    QVERIFY2(std::any_of(problems.cbegin(), problems.cend(),
                         [](const QString &p) { return p.contains(u"customresourcedefinitions"); }),
             qPrintable(problems.join(u'\n')));
}

// Nothing listens on the discard port: the message names the context and the server.
void tst_WorkspaceSession::anUnreachableClusterNamesContextAndServer()
{
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
    QFile file(kubeconfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("apiVersion: v1\nkind: Config\ncurrent-context: gone\n"
               "clusters:\n- name: gone\n  cluster:\n    server: https://127.0.0.1:9\n"
               "    insecure-skip-tls-verify: true\n"
               "users:\n- name: someone\n  user: {token: not-a-secret}\n"
               "contexts:\n- name: gone\n  context: {cluster: gone, user: someone}\n");
    file.close();
    const QByteArray saved = qgetenv("KUBECONFIG");
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));
    WorkspaceSession session;
    const QString loaded = session.loadKubeConfig();
    qputenv("KUBECONFIG", saved);
    QVERIFY2(loaded.isEmpty(), qPrintable(loaded));
    QSignalSpy problems(&session, &WorkspaceSession::problem);
    session.openRepository(m_repository);
    session.setContext(QStringLiteral("gone"));
    const QString expected = QStringLiteral("context gone (https://127.0.0.1:9): ");
    const drift::WorkspaceDrift snapshot =
        waitForSnapshot(session, [&](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("shop"));
            return app && !app->drift.resources.isEmpty()
                && app->drift.resources.first().reason.startsWith(expected);
        });
    QVERIFY(appOf(snapshot, QStringLiteral("shop")));
    QVERIFY(std::any_of(problems.cbegin(), problems.cend(), [&](const QList<QVariant> &args) {
        return args.first().toString().startsWith(expected);
    }));
}

// An Argo CD Application that exists only in the cluster, pointing at a folder of the
// repository (its repoURL spelt another way than the remote) with a destination namespace:
// the app is listed under its own name, compared in that namespace, and the folder is no
// app of its own; deleted from the cluster, the folder is an app again.
void tst_WorkspaceSession::appsTheClusterDefines()
{
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    const QByteArray ui =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ui}\ndata: {color: blue}\n";
    {
        test::GitBuilder git(repository);
        git.commit(QStringLiteral("main"), {{QStringLiteral("guestbook/ui.yaml"), ui}},
                   QStringLiteral("guestbook"));
        git.addRemote(QStringLiteral("origin"),
                      QStringLiteral("https://github.com/example/fleet.git"));
        git.checkout(QStringLiteral("main"));
    }
    const auto applied = [this](const QJsonObject &object) {
        return std::holds_alternative<QJsonObject>(m_server.apply(object, QStringLiteral("seed")));
    };
    QVERIFY(applied(argoCdApplicationCrd()));
    for (const char *name : {"argocd", "guestbook"})
        QVERIFY(applied(namespaceNamed(name)));
    QVERIFY(applied(object(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"ui","namespace":"guestbook"},"data":{"color":"blue"}})")));
    const QJsonObject application = object(R"({"apiVersion":"argoproj.io/v1alpha1",
        "kind":"Application","metadata":{"name":"guestbook-prod","namespace":"argocd"},
        "spec":{"project":"default","source":{"repoURL":"git@github.com:example/fleet",
        "path":"guestbook","targetRevision":"HEAD"},"destination":{"server":
        "https://kubernetes.default.svc","namespace":"guestbook"}},
        "status":{"sync":{"status":"OutOfSync","revision":"4f1c2e9"},
        "health":{"status":"Healthy"},"resources":[{"version":"v1","kind":"ConfigMap",
        "namespace":"guestbook","name":"ui","status":"OutOfSync"}]}})");
    QTRY_VERIFY_WITH_TIMEOUT(applied(application), 5000); // the CRD registers its kind

    WorkspaceSession session;
    QVERIFY(session.loadKubeConfig().isEmpty());
    session.openRepository(repository);
    session.setContext(QStringLiteral("admin"));
    const auto names = [](const drift::WorkspaceDrift &s) {
        QStringList apps;
        for (const drift::AppWorkspaceDrift &app : s.apps)
            apps << app.name;
        return apps;
    };
    const drift::WorkspaceDrift fromCluster =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("guestbook-prod"));
            const drift::ResourceDrift *cm =
                app ? resourceOf(*app, QStringLiteral("ConfigMap"), QStringLiteral("ui")) : nullptr;
            return cm && cm->status != drift::SyncStatus::Unknown;
        });
    QVERIFY2(appOf(fromCluster, QStringLiteral("guestbook-prod")),
             qPrintable(names(session.snapshot()).join(u' ')));
    QCOMPARE(names(fromCluster), QStringList{QStringLiteral("guestbook-prod")});
    const drift::ResourceDrift *cm =
        resourceOf(*appOf(fromCluster, QStringLiteral("guestbook-prod")),
                   QStringLiteral("ConfigMap"), QStringLiteral("ui"));
    QCOMPARE(cm->id.namespaceName, QStringLiteral("guestbook"));
    QCOMPARE(cm->status, drift::SyncStatus::Synced);
    // Argo CD's own verdict comes along, and its disagreement with the console's is named.
    const ControllerVerdict &argo =
        appOf(fromCluster, QStringLiteral("guestbook-prod"))->controller;
    QCOMPARE(argo.sync, QStringLiteral("OutOfSync"));
    QCOMPARE(argo.revision, QStringLiteral("4f1c2e9"));
    QCOMPARE(argo.disagreement(*cm), QStringLiteral("Argo CD says OutOfSync, the console Synced"));
    // Argo CD writes its status: the verdict follows, git is not read again for it.
    QJsonObject synced = application;
    synced.insert(QStringLiteral("status"),
                  object(R"({"sync":{"status":"Synced","revision":"4f1c2e9"},
                      "health":{"status":"Healthy"}})"));
    QVERIFY(applied(synced));
    const drift::WorkspaceDrift resynced =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("guestbook-prod"));
            return app && app->controller.sync == u"Synced";
        });
    QVERIFY(appOf(resynced, QStringLiteral("guestbook-prod"))
                ->controller.disagreement(appOf(resynced, QStringLiteral("guestbook-prod"))->drift)
                .isEmpty());

    // Gone from the cluster: git's own discovery again, the folder an app.
    const auto applications = m_server.registry().byKind(
        QStringLiteral("argoproj.io"), QStringLiteral("v1alpha1"), QStringLiteral("Application"));
    QVERIFY(applications);
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.deleteObject(
        *applications, QStringLiteral("argocd"), QStringLiteral("guestbook-prod"))));
    const drift::WorkspaceDrift fromGit =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            return appOf(s, QStringLiteral("guestbook"))
                && !appOf(s, QStringLiteral("guestbook-prod"));
        });
    QVERIFY2(appOf(fromGit, QStringLiteral("guestbook")),
             qPrintable(names(session.snapshot()).join(u' ')));
}

// A Flux Kustomization in the cluster substitutes variables from a ConfigMap and a Secret
// of its namespace (postBuild.substituteFrom): the desired state has their values as Flux
// renders it, and a change of the ConfigMap renders it again.
void tst_WorkspaceSession::fluxSubstitutesFromTheCluster()
{
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    {
        test::GitBuilder git(repository);
        git.commit(QStringLiteral("main"),
                   {{QStringLiteral("apps/web/web.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-${cluster}\n"
                     "data:\n  replicas: \"${replicas:=1}\"\n  region: ${region}\n"
                     "  token-length: \"${#token}\"\n"}},
                   QStringLiteral("web"));
        git.addRemote(QStringLiteral("origin"), QStringLiteral("https://github.com/example/fleet"));
        git.checkout(QStringLiteral("main"));
    }
    const auto applied = [this](const QJsonObject &object) {
        return std::holds_alternative<QJsonObject>(m_server.apply(object, QStringLiteral("seed")));
    };
    const auto openCrd = [](const char *group, const char *kind, const char *plural,
                            const char *version) {
        return QJsonObject{
            {QStringLiteral("apiVersion"), QStringLiteral("apiextensions.k8s.io/v1")},
            {QStringLiteral("kind"), QStringLiteral("CustomResourceDefinition")},
            {QStringLiteral("metadata"),
             QJsonObject{
                 {QStringLiteral("name"),
                  QString(QString::fromLatin1(plural) + u'.' + QString::fromLatin1(group))}}},
            {QStringLiteral("spec"),
             object(QStringLiteral(R"({"group":"%1","scope":"Namespaced","names":{"kind":"%2",
                 "listKind":"%2List","plural":"%3","singular":"%4"},"versions":[{"name":"%5",
                 "served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
                 "x-kubernetes-preserve-unknown-fields":true}}}]})")
                        .arg(QLatin1String(group), QLatin1String(kind), QLatin1String(plural),
                             QString::fromLatin1(kind).toLower(), QLatin1String(version))
                        .toUtf8()
                        .constData())}};
    };
    QVERIFY(
        applied(openCrd("kustomize.toolkit.fluxcd.io", "Kustomization", "kustomizations", "v1")));
    QVERIFY(applied(openCrd("source.toolkit.fluxcd.io", "GitRepository", "gitrepositories", "v1")));
    for (const char *name : {"flux-system", "web"})
        QVERIFY(applied(namespaceNamed(name)));
    QVERIFY(applied(object(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cluster-vars","namespace":"flux-system"},
        "data":{"cluster":"eu1","region":"eu-west"}})")));
    // "s3cr3t" in base64: its value renders, and is what ${#token} measures.
    QVERIFY(applied(object(R"({"apiVersion":"v1","kind":"Secret",
        "metadata":{"name":"cluster-secrets","namespace":"flux-system"},
        "data":{"token":"czNjcjN0"}})")));
    const QJsonObject gitRepository = object(R"({"apiVersion":"source.toolkit.fluxcd.io/v1",
        "kind":"GitRepository","metadata":{"name":"fleet","namespace":"flux-system"},
        "spec":{"url":"ssh://git@github.com/example/fleet.git"}})");
    const QJsonObject kustomization = object(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1",
        "kind":"Kustomization","metadata":{"name":"web","namespace":"flux-system"},
        "spec":{"path":"./apps/web","targetNamespace":"web",
        "sourceRef":{"kind":"GitRepository","name":"fleet"},
        "postBuild":{"substitute":{"replicas":"3"},"substituteFrom":[
            {"kind":"ConfigMap","name":"cluster-vars"},
            {"kind":"Secret","name":"cluster-secrets"},
            {"kind":"ConfigMap","name":"not-there","optional":true}]}}})");
    QTRY_VERIFY_WITH_TIMEOUT(applied(gitRepository), 5000); // the CRDs register their kinds
    QTRY_VERIFY_WITH_TIMEOUT(applied(kustomization), 5000);

    WorkspaceSession session;
    QVERIFY(session.loadKubeConfig().isEmpty());
    session.openRepository(repository);
    session.setContext(QStringLiteral("admin"));
    const auto rendered = [](const drift::WorkspaceDrift &s,
                             const char *name) -> const drift::ResourceDrift * {
        const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("web"));
        return app ? resourceOf(*app, QStringLiteral("ConfigMap"), QString::fromLatin1(name))
                   : nullptr;
    };
    // The Secret is watched once the Kustomization names it: until it is listed, ${#token}
    // stays as written.
    const drift::WorkspaceDrift first =
        waitForSnapshot(session, [&](const drift::WorkspaceDrift &s) {
            const drift::ResourceDrift *web = rendered(s, "web-eu1");
            return web && web->desired.value(u"data")[u"token-length"].toString() == u"6";
        });
    const drift::ResourceDrift *web = rendered(first, "web-eu1");
    QVERIFY2(web,
             qPrintable(appOf(first, QStringLiteral("web"))
                            ? appOf(first, QStringLiteral("web"))->noteLines().join(u'\n')
                            : QStringLiteral("no app web: ") + first.error + [&] {
                                  QStringList names;
                                  for (const drift::AppWorkspaceDrift &app : first.apps)
                                      names << app.name + u' ' + app.error + u' '
                                              + app.noteLines().join(u';');
                                  return names.join(u'|');
                              }()));
    const QJsonObject data = web->desired.value(u"data").toObject();
    QCOMPARE(data.value(u"replicas").toString(), QStringLiteral("3"));
    QCOMPARE(data.value(u"region").toString(), QStringLiteral("eu-west"));
    QCOMPARE(data.value(u"token-length").toString(), QStringLiteral("6"));
    QVERIFY2(appOf(first, QStringLiteral("web"))->notes.isEmpty(),
             qPrintable(appOf(first, QStringLiteral("web"))->noteLines().join(u'\n')));

    QVERIFY(applied(object(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"cluster-vars","namespace":"flux-system"},
        "data":{"cluster":"us2","region":"us-east"}})")));
    const drift::WorkspaceDrift second = waitForSnapshot(
        session, [&](const drift::WorkspaceDrift &s) { return rendered(s, "web-us2") != nullptr; });
    QCOMPARE(rendered(second, "web-us2")->desired.value(u"data")[u"region"].toString(),
             QStringLiteral("us-east"));
}

// A cluster running Argo CD keeps the user's own health rules (Lua) in argocd/argocd-cm:
// the console judges health by them too, and says the verdict came from that rule.
void tst_WorkspaceSession::argoCdHealthRules()
{
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("rules"));
    {
        test::GitBuilder git(repository);
        git.commit(QStringLiteral("main"),
                   {{QStringLiteral("gitops-console.yaml"),
                     "apps:\n  - name: flags\n    path: flags\n"
                     "    destination: {namespace: lua}\n"},
                    {QStringLiteral("flags/flag.yaml"),
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flag}\n"
                     "data: {state: broken}\n"}},
                   QStringLiteral("a flag"));
        git.checkout(QStringLiteral("main"));
    }
    const auto applied = [this](const QJsonObject &object) {
        return std::holds_alternative<QJsonObject>(m_server.apply(object, QStringLiteral("seed")));
    };
    QVERIFY(applied(argoCdApplicationCrd()));
    for (const char *name : {"argocd", "lua"})
        QVERIFY(applied(namespaceNamed(name)));
    // A rule as users write it in argocd-cm: Degraded when the flag says so.
    const QString rule = QStringLiteral("hs = {}\n"
                                        "if obj.data ~= nil and obj.data.state == 'broken' then\n"
                                        "  hs.status = 'Degraded'\n"
                                        "  hs.message = 'the flag says broken'\n"
                                        "  return hs\n"
                                        "end\n"
                                        "hs.status = 'Healthy'\n"
                                        "return hs\n");
    QJsonObject argocdCm = object(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"argocd-cm","namespace":"argocd"}})");
    argocdCm.insert(
        QStringLiteral("data"),
        QJsonObject{{QStringLiteral("resource.customizations.health.ConfigMap"), rule}});
    QVERIFY(applied(argocdCm));
    QVERIFY(applied(object(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"flag","namespace":"lua"},"data":{"state":"broken"}})")));

    WorkspaceSession session;
    QVERIFY(session.loadKubeConfig().isEmpty());
    session.openRepository(repository);
    session.setContext(QStringLiteral("admin"));
    const drift::WorkspaceDrift snapshot =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *app = appOf(s, QStringLiteral("flags"));
            const drift::ResourceDrift *flag = app
                ? resourceOf(*app, QStringLiteral("ConfigMap"), QStringLiteral("flag"))
                : nullptr;
            return flag && flag->health.status == drift::Health::Status::Degraded;
        });
    const drift::AppWorkspaceDrift *app = appOf(snapshot, QStringLiteral("flags"));
    QVERIFY2(app, "the user's rule never judged the ConfigMap");
    const drift::ResourceDrift *flag =
        resourceOf(*app, QStringLiteral("ConfigMap"), QStringLiteral("flag"));
    QCOMPARE(flag->status, drift::SyncStatus::Synced);
    QVERIFY2(flag->health.message.contains(u"the flag says broken")
                 && flag->health.message.contains(u"argocd-cm"),
             qPrintable(flag->health.message));
}

void tst_WorkspaceSession::readsAnotherRevision()
{
    WorkspaceSession session;
    open(session);
    QVERIFY(compared(waitForSnapshot(session, compared)));
    QVERIFY(session.liveState());
    const QList<kube::ResourceWatch *> watchesBefore = session.liveState()->watches();
    session.setRevision(m_firstCommit.left(10));
    QCOMPARE(session.revision(), m_firstCommit.left(10));
    const drift::WorkspaceDrift older =
        waitForSnapshot(session, [this](const drift::WorkspaceDrift &s) {
            // The whole commit id, whatever the spec was.
            return s.revision == m_firstCommit && compared(s);
        });
    // The first commit names no Service: only the watches whose target changed with the
    // plan were replaced, the others go on without listing the cluster again.
    const QList<kube::ResourceWatch *> watchesAfter = session.liveState()->watches();
    const auto kept =
        std::count_if(watchesAfter.cbegin(), watchesAfter.cend(),
                      [&](kube::ResourceWatch *w) { return watchesBefore.contains(w); });
    QVERIFY2(kept > 0 && kept >= watchesBefore.size() - 2,
             qPrintable(QStringLiteral("%1 of %2 watches kept, %3 now")
                            .arg(kept)
                            .arg(watchesBefore.size())
                            .arg(watchesAfter.size())));
    const drift::AppWorkspaceDrift *shop = appOf(older, QStringLiteral("shop"));
    QVERIFY(shop);
    // At the first commit git says "blue" and has no Service: the cluster runs something newer.
    const drift::ResourceDrift *settings =
        resourceOf(*shop, QStringLiteral("ConfigMap"), QStringLiteral("settings"));
    QCOMPARE(settings->status, drift::SyncStatus::OutOfSync);
    QCOMPARE(settings->differences.first().path, QStringLiteral(".data.mode"));
    QCOMPARE(resourceOf(*shop, QStringLiteral("Service"), QStringLiteral("web"))->status,
             drift::SyncStatus::Extraneous);
}

void tst_WorkspaceSession::aBusyClusterStillShowsItsDrift()
{
    WorkspaceSession session;
    open(session);
    QVERIFY(compared(waitForSnapshot(session, compared)));
    // A controller rewrites an object the app tracks every 20 ms, more often than the
    // comparison's moment of quiet: the drift shows while the writes go on, not after.
    bool shown = false;
    connect(
        &session, &WorkspaceSession::snapshotChanged, this, [&](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *shop = appOf(s, QStringLiteral("shop"));
            shown |= shop && resourceOf(*shop, QStringLiteral("ConfigMap"), QStringLiteral("busy"));
        });
    int written = 0;
    QTimer writer;
    writer.setInterval(20);
    connect(&writer, &QTimer::timeout, this, [&] {
        m_server.apply(
            QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                        {QStringLiteral("metadata"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("busy")},
                                     {QStringLiteral("namespace"), QStringLiteral("shop")},
                                     {QStringLiteral("labels"),
                                      QJsonObject{{QStringLiteral("app.kubernetes.io/part-of"),
                                                   QStringLiteral("shop")}}}}},
                        {QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("count"), QString::number(++written)}}}},
            QStringLiteral("busy-controller"));
    });
    writer.start();
    QTRY_VERIFY_WITH_TIMEOUT(shown || written >= 250, 20000);
    const int writtenWhenShown = written;
    writer.stop();
    for (const kubeemu::ResourceType &type : m_server.registry().types()) {
        if (type.group.isEmpty() && type.kind == u"ConfigMap")
            m_server.deleteObject(type, QStringLiteral("shop"), QStringLiteral("busy"));
    }
    QVERIFY2(shown, "the tracked object the controller keeps writing never showed");
    QVERIFY2(writtenWhenShown < 250, "it showed only once the writes stopped");
}

QTEST_MAIN(tst_WorkspaceSession)
#include "tst_workspacesession.moc"
