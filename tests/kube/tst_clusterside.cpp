// ClusterSide against the local API server over HTTPS: the objects that define apps (an Argo
// CD Application) are handed on when what they define changes, never for a status write of
// the controller; changes held back while a comparison holds the live objects are there for
// whoever asks next; a context the kubeconfig lacks is said, and nothing is under way.
#include "apiserver.h"
#include "workspace/clusterside.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

const manifest::ResourceId guestbook = {QStringLiteral("argoproj.io"),
                                        QStringLiteral("Application"), QStringLiteral("argocd"),
                                        QStringLiteral("guestbook")};

QJsonObject application(const char *targetRevision, const char *syncStatus)
{
    // (No raw string here: moc reads the "//" in its URLs as a comment.)
    QJsonObject app = object("{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Application\","
                             "\"metadata\":{\"name\":\"guestbook\",\"namespace\":\"argocd\"},"
                             "\"spec\":{\"project\":\"default\",\"source\":{\"repoURL\":"
                             "\"https://github.com/example/fleet.git\",\"path\":\"guestbook\"},"
                             "\"destination\":{\"server\":\"https://kubernetes.default.svc\","
                             "\"namespace\":\"guestbook\"}}}");
    QJsonObject spec = app.value(u"spec").toObject();
    QJsonObject source = spec.value(u"source").toObject();
    source.insert(QStringLiteral("targetRevision"), QString::fromLatin1(targetRevision));
    spec.insert(QStringLiteral("source"), source);
    app.insert(QStringLiteral("spec"), spec);
    app.insert(
        QStringLiteral("status"),
        QJsonObject{{QStringLiteral("sync"),
                     QJsonObject{{QStringLiteral("status"), QString::fromLatin1(syncStatus)}}}});
    return app;
}

QString syncOf(const QJsonObject &application)
{
    return application.value(u"status")
        .toObject()
        .value(u"sync")
        .toObject()
        .value(u"status")
        .toString();
}

} // namespace

class tst_ClusterSide : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handsOnWhatDefinesAppsNotTheirStatus();
    void changesHeldBackReachWhoeverAsks();
    void aContextTheKubeconfigLacks();

private:
    bool applied(const QJsonObject &object)
    {
        return std::holds_alternative<QJsonObject>(m_server.apply(object, QStringLiteral("seed")));
    }
    // Connects @p cluster to the admin context and watches for an empty workspace (the
    // objects that define apps and argocd-cm only), until the first list is done.
    void connectAndSync(ClusterSide &cluster);

    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
};

void tst_ClusterSide::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));
    // The Argo CD Application CRD with an open schema, as the emulator needs it to serve the
    // kind.
    QVERIFY(applied(object(R"({"apiVersion":"apiextensions.k8s.io/v1",
        "kind":"CustomResourceDefinition","metadata":{"name":"applications.argoproj.io"},
        "spec":{"group":"argoproj.io","scope":"Namespaced","names":{"kind":"Application",
        "listKind":"ApplicationList","plural":"applications","singular":"application"},
        "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":
        {"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})")));
    QVERIFY(applied(object(R"({"apiVersion":"v1","kind":"Namespace",
        "metadata":{"name":"argocd"}})")));
    QTRY_VERIFY_WITH_TIMEOUT(applied(application("main", "OutOfSync")), 5000);
}

void tst_ClusterSide::connectAndSync(ClusterSide &cluster)
{
    QVERIFY(cluster.loadKubeConfig().isEmpty());
    connect(&cluster, &ClusterSide::discovered, this, [&cluster] { cluster.watch({}); });
    QSignalSpy synced(&cluster, &ClusterSide::synced);
    QVERIFY(cluster.connectTo(QStringLiteral("admin")));
    QVERIFY(!cluster.progress().isIdle()); // connecting
    QVERIFY(synced.wait(20000));
    QVERIFY(cluster.isSynced());
    QVERIFY2(cluster.error().isEmpty(), qPrintable(cluster.error()));
    QVERIFY(cluster.progress().isIdle());
}

void tst_ClusterSide::handsOnWhatDefinesAppsNotTheirStatus()
{
    QVERIFY(applied(application("main", "OutOfSync")));
    ClusterSide cluster;
    QSignalSpy definitions(&cluster, &ClusterSide::appDefinitionsChanged);
    connectAndSync(cluster);
    // Once listed, the Application is handed on, as the cluster holds it.
    QCOMPARE(definitions.count(), 1);
    QVERIFY(cluster.appDefinitions());
    QCOMPARE(cluster.appDefinitions()->size(), 1);
    QCOMPARE(syncOf(cluster.appDefinitions()->first()), QStringLiteral("OutOfSync"));

    // Argo CD writes its status: the object is live, but the apps are what they were.
    QVERIFY(applied(application("main", "Synced")));
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(cluster.objects().value(guestbook)), QStringLiteral("Synced"),
                              10000);
    QCOMPARE(definitions.count(), 1);

    // Someone points the app at another revision: that defines another app.
    QVERIFY(applied(application("release-2", "Synced")));
    QTRY_COMPARE_WITH_TIMEOUT(definitions.count(), 2, 10000);
    QCOMPARE(cluster.appDefinitions()
                 ->first()
                 .value(u"spec")
                 .toObject()
                 .value(u"source")
                 .toObject()
                 .value(u"targetRevision")
                 .toString(),
             QStringLiteral("release-2"));

    // Another cluster runs other apps: closing forgets them.
    cluster.close();
    QVERIFY(!cluster.appDefinitions());
    QVERIFY(cluster.objects().isEmpty());
}

void tst_ClusterSide::changesHeldBackReachWhoeverAsks()
{
    QVERIFY(applied(application("main", "OutOfSync")));
    ClusterSide cluster;
    bool comparing = false;
    cluster.setObjectsInUse([&comparing] { return comparing; });
    connectAndSync(cluster);
    QCOMPARE(syncOf(cluster.objects().value(guestbook)), QStringLiteral("OutOfSync"));

    // A comparison holds the objects while the controller writes: what it compares stays
    // as it was, the newest state is there for exact mode and for whoever asks next.
    const QHash<manifest::ResourceId, QJsonObject> compared = cluster.objects();
    comparing = true;
    QSignalSpy changed(&cluster, &ClusterSide::changed);
    QVERIFY(applied(application("main", "Synced")));
    QVERIFY(changed.wait(10000));
    QVERIFY(changed.first().first().value<QList<manifest::ResourceId>>().contains(guestbook));
    QCOMPARE(syncOf(compared.value(guestbook)), QStringLiteral("OutOfSync"));
    QCOMPARE(syncOf(cluster.newest(guestbook)), QStringLiteral("Synced"));
    comparing = false;
    QCOMPARE(syncOf(cluster.objects().value(guestbook)), QStringLiteral("Synced"));
    QCOMPARE(syncOf(compared.value(guestbook)), QStringLiteral("OutOfSync"));
}

void tst_ClusterSide::aContextTheKubeconfigLacks()
{
    ClusterSide cluster;
    QVERIFY(cluster.loadKubeConfig().isEmpty());
    QSignalSpy problems(&cluster, &ClusterSide::problem);
    QVERIFY(!cluster.connectTo(QStringLiteral("staging")));
    QVERIFY2(cluster.error().contains(u"staging"), qPrintable(cluster.error()));
    QCOMPARE(problems.count(), 1);
    QVERIFY2(problems.first().first().toString().startsWith(u"Cannot use context staging: "),
             qPrintable(problems.first().first().toString()));
    QVERIFY(!cluster.client());
    QVERIFY(cluster.progress().isIdle());
    // No context: nothing to connect to, and nothing to say.
    QVERIFY(!cluster.connectTo(QString()));
    QVERIFY(cluster.error().isEmpty());
    QCOMPARE(problems.count(), 1);
}

QTEST_MAIN(tst_ClusterSide)
#include "tst_clusterside.moc"
