// Unit tests of the drift engine's parts (issue 6): quantities, health, masking, normalised
// YAML and unified diffs. The end-to-end verdicts are in tst_driftcorpus.

#include "drift/comparison.h"
#include "drift/driftreport.h"
#include "drift/health.h"
#include "drift/quantity.h"
#include "drift/secretmask.h"
#include "drift/unifieddiff.h"
#include "drift/yamlwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace gitops::drift;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestDrift : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantities_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("half") << "0.5"
                              << "500m" << true;
        QTest::newRow("binary") << "1Gi"
                                << "1024Mi" << true;
        QTest::newRow("milli") << "1000m"
                               << "1" << true;
        QTest::newRow("exponent") << "1e3"
                                  << "1k" << true;
        QTest::newRow("fraction binary") << "1.5Gi"
                                         << "1536Mi" << true;
        // Found by fuzz_quantity: the digits of a large binary fraction stay exact, so the
        // API server's canonical spelling is the same quantity.
        QTest::newRow("large binary fraction") << "30.10134351702202Ei"
                                               << "34704486258332586186360097363n" << true;
        QTest::newRow("larger binary fraction") << "0000010000001.0000351702203Ei"
                                                << "11529216199030522870152606273034309n" << true;
        QTest::newRow("decimal vs binary") << "1G"
                                           << "1Gi" << false;
        QTest::newRow("different") << "250m"
                                   << "500m" << false;
        QTest::newRow("not a quantity") << "abc"
                                        << "abc2" << false;
        QTest::newRow("rounds up below nano") << "0.0000000001"
                                              << "1n" << true;
        // Digits past the ninth after the point count once a suffix scales them (found by
        // tests/fuzz against the local API server's canonical spelling).
        QTest::newRow("below nano, scaled by k") << "0.0000000001k"
                                                 << "100n" << true;
        QTest::newRow("below nano, scaled by Ki") << ".000000000001Ki"
                                                  << "2n" << true;
        QTest::newRow("below nano, scaled by e3") << "0.0000000000015e3"
                                                  << "2n" << true;
    }
    void quantities()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        QCOMPARE(Quantity::same(QJsonValue(a), QJsonValue(b)), same);
    }

    void numberQuantity()
    {
        QVERIFY(Quantity::same(QJsonValue(2), QJsonValue(QStringLiteral("2000m"))));
        QVERIFY(Quantity::same(QJsonValue(0.25), QJsonValue(QStringLiteral("250m"))));
    }

    void health_data()
    {
        QTest::addColumn<QByteArray>("object");
        QTest::addColumn<QString>("status");
        QTest::newRow("deployment available") << QByteArray(
            R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},
                "spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,
                "updatedReplicas":2,"availableReplicas":2}})")
                                              << "Healthy";
        QTest::newRow("deployment rolling") << QByteArray(
            R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"generation":2},
                "spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,
                "updatedReplicas":1,"availableReplicas":3}})")
                                            << "Progressing";
        QTest::newRow("deployment deadline")
            << QByteArray(R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{},"status":{
                "conditions":[{"type":"Progressing","status":"False",
                "reason":"ProgressDeadlineExceeded"}]}})")
            << "Degraded";
        QTest::newRow("deployment paused")
            << QByteArray(R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"paused":true}})")
            << "Suspended";
        QTest::newRow("statefulset not ready")
            << QByteArray(R"({"apiVersion":"apps/v1","kind":"StatefulSet","spec":{"replicas":2},
                "status":{"readyReplicas":1,"replicas":2}})")
            << "Progressing";
        QTest::newRow("daemonset ready")
            << QByteArray(R"({"apiVersion":"apps/v1","kind":"DaemonSet","status":{
                "desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":3}})")
            << "Healthy";
        QTest::newRow("pod crashloop")
            << QByteArray(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Running",
                "containerStatuses":[{"name":"web","state":{"waiting":{
                "reason":"CrashLoopBackOff"}}}]}})")
            << "Degraded";
        QTest::newRow("pod image pull")
            << QByteArray(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Pending",
                "containerStatuses":[{"name":"web","state":{"waiting":{
                "reason":"ImagePullBackOff"}}}]}})")
            << "Degraded";
        QTest::newRow("pod ready")
            << QByteArray(R"({"apiVersion":"v1","kind":"Pod","status":{"phase":"Running",
                "conditions":[{"type":"Ready","status":"True"}]}})")
            << "Healthy";
        QTest::newRow("job complete")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[
                {"type":"Complete","status":"True"}]}})")
            << "Healthy";
        QTest::newRow("job failed")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"Job","status":{"conditions":[
                {"type":"Failed","status":"True","message":"BackoffLimitExceeded"}]}})")
            << "Degraded";
        QTest::newRow("cronjob suspended")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob","spec":{"suspend":true}})")
            << "Suspended";
        // CronJob status as the controller writes it (batch/v1 CronJobStatus).
        QTest::newRow("cronjob never run")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob",
                "spec":{"schedule":"0 2 * * *"},"status":{}})")
            << "Healthy";
        QTest::newRow("cronjob last run succeeded")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob","status":{
                "lastScheduleTime":"2025-03-10T02:00:00Z",
                "lastSuccessfulTime":"2025-03-10T02:01:13Z"}})")
            << "Healthy";
        QTest::newRow("cronjob last run failed")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob","status":{
                "lastScheduleTime":"2025-03-11T02:00:00Z",
                "lastSuccessfulTime":"2025-03-10T02:01:13Z"}})")
            << "Degraded";
        QTest::newRow("cronjob never succeeded")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob","status":{
                "lastScheduleTime":"2025-03-11T02:00:00Z"}})")
            << "Degraded";
        QTest::newRow("cronjob running")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob","status":{
                "active":[{"apiVersion":"batch/v1","kind":"Job","namespace":"billing",
                "name":"invoice-run-29027160","uid":"6c1d3c0e-5f7e-4a7e-9f41-0d2b1a9e7b11",
                "resourceVersion":"4123"}],
                "lastScheduleTime":"2025-03-11T02:00:00Z",
                "lastSuccessfulTime":"2025-03-10T02:01:13Z"}})")
            << "Progressing";
        QTest::newRow("cronjob suspended after a failure")
            << QByteArray(R"({"apiVersion":"batch/v1","kind":"CronJob","spec":{"suspend":true},
                "status":{"lastScheduleTime":"2025-03-11T02:00:00Z"}})")
            << "Suspended";
        QTest::newRow("load balancer pending")
            << QByteArray(R"({"apiVersion":"v1","kind":"Service","spec":{"type":"LoadBalancer"},
                "status":{"loadBalancer":{}}})")
            << "Progressing";
        QTest::newRow("ingress with address")
            << QByteArray(R"({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","status":{
                "loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}})")
            << "Healthy";
        QTest::newRow("pvc pending")
            << QByteArray(R"({"apiVersion":"v1","kind":"PersistentVolumeClaim",
                "status":{"phase":"Pending"}})")
            << "Progressing";
        QTest::newRow("pvc bound")
            << QByteArray(R"({"apiVersion":"v1","kind":"PersistentVolumeClaim",
                "status":{"phase":"Bound"}})")
            << "Healthy";
        QTest::newRow("hpa failing metrics")
            << QByteArray(R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
                "status":{"conditions":[{"type":"AbleToScale","status":"True"},
                {"type":"ScalingActive","status":"False","reason":"FailedGetResourceMetric"}]}})")
            << "Degraded";
        QTest::newRow("argo application")
            << QByteArray(R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                "status":{"health":{"status":"Degraded"}}})")
            << "Degraded";
        QTest::newRow("flux kustomization ready")
            << QByteArray(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization",
                "status":{"conditions":[{"type":"Ready","status":"True"}]}})")
            << "Healthy";
        QTest::newRow("flux helmrelease suspended")
            << QByteArray(R"({"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease",
                "spec":{"suspend":true}})")
            << "Suspended";
        QTest::newRow("custom resource not ready")
            << QByteArray(R"({"apiVersion":"example.com/v1","kind":"Widget","status":{
                "conditions":[{"type":"Ready","status":"False"}]}})")
            << "Degraded";
        QTest::newRow("configmap")
            << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","data":{}})") << "Healthy";
    }
    void health()
    {
        QFETCH(QByteArray, object);
        QFETCH(QString, status);
        const QJsonObject live = QJsonDocument::fromJson(object).object();
        QVERIFY(!live.isEmpty());
        QCOMPARE(Health::name(Health::of(live).status), status);
    }

    // The reason says which run failed and when the last one succeeded.
    void cronJobFailureReason()
    {
        const Health failed = Health::of(QJsonDocument::fromJson(R"({"apiVersion":"batch/v1",
            "kind":"CronJob","status":{"lastScheduleTime":"2025-03-11T02:00:00Z",
            "lastSuccessfulTime":"2025-03-10T02:01:13Z"}})")
                                             .object());
        QCOMPARE(failed.message,
                 QStringLiteral("The run scheduled at 2025-03-11T02:00:00Z did "
                                "not succeed; the last success was at "
                                "2025-03-10T02:01:13Z"));
        const Health running = Health::of(QJsonDocument::fromJson(R"({"apiVersion":"batch/v1",
            "kind":"CronJob","status":{"active":[{"kind":"Job","name":"invoice-run-29027160"}],
            "lastScheduleTime":"2025-03-11T02:00:00Z"}})")
                                              .object());
        QCOMPARE(running.message, QStringLiteral("Job invoice-run-29027160 is running"));
    }

    void masksAreConsistent()
    {
        SecretMask mask;
        const QString a = mask.mask(QStringLiteral("hunter2"));
        const QString b = mask.mask(QStringLiteral("other"));
        QCOMPARE(mask.mask(QStringLiteral("hunter2")), a);
        QVERIFY(a != b);
        QVERIFY(!a.isEmpty() && a.count(QLatin1Char('+')) == a.size());
        QVERIFY(b.count(QLatin1Char('+')) == b.size());
    }

    void secretNeverShows()
    {
        const QJsonObject desired = json(R"({"apiVersion":"v1","kind":"Secret",
            "metadata":{"name":"db"},"stringData":{"password":"hunter2","user":"admin"}})");
        // Live holds another password, and its last-applied annotation the old plain text.
        QJsonObject live = json(R"({"apiVersion":"v1","kind":"Secret","metadata":{
            "name":"db","namespace":"default"},
            "type":"Opaque","data":{"password":"c3dvcmRmaXNo","user":"YWRtaW4="}})");
        const QJsonObject applied = json(R"({"apiVersion":"v1","kind":"Secret",
            "stringData":{"password":"swordfish"}})");
        QJsonObject metadata = live.value(QLatin1String("metadata")).toObject();
        metadata.insert(
            QStringLiteral("annotations"),
            QJsonObject{
                {QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"),
                 QString::fromUtf8(QJsonDocument(applied).toJson(QJsonDocument::Compact))}});
        live.insert(QStringLiteral("metadata"), metadata);
        const ResourceDrift drift = compareResource(
            {QString(), QStringLiteral("Secret"), QStringLiteral("default"), QStringLiteral("db")},
            desired, live);
        QCOMPARE(drift.status, SyncStatus::OutOfSync);
        QCOMPARE(drift.differences.size(), 1);
        QCOMPARE(drift.differences.first().path, QStringLiteral(".data.password"));
        const QString texts = DriftReport::unifiedDiff(drift)
            + DriftReport::liveYaml(drift, DriftReport::LiveView::Whole)
            + QString::fromUtf8(QJsonDocument(DriftReport::toJson(drift)).toJson());
        for (const char *secret :
             {"hunter2", "swordfish", "admin", "c3dvcmRmaXNo", "YWRtaW4=", "aHVudGVyMg=="})
            QVERIFY2(!texts.contains(QLatin1String(secret)), secret);
        // The user's value is unchanged, so its mask is the same on both sides: no changed
        // line names it.
        const QStringList lines = DriftReport::unifiedDiff(drift).split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1Char('+')) || line.startsWith(QLatin1Char('-')))
                QVERIFY2(!line.contains(QLatin1String("user")), qPrintable(line));
        }
        QVERIFY(lines.contains(QStringLiteral("-  password: ++++++++")));
    }

    void exactMode()
    {
        // The dry-run apply of git's manifest: what the cluster would hold after a sync.
        const QJsonObject dryRun = json(R"({"apiVersion":"v1","kind":"ConfigMap",
            "metadata":{"name":"settings","namespace":"default","uid":"1","resourceVersion":"7"},
            "data":{"mode":"production"}})");
        // Live has a key nobody in git ever set (no managedFields, no last-applied).
        const QJsonObject live = json(R"({"apiVersion":"v1","kind":"ConfigMap",
            "metadata":{"name":"settings","namespace":"default","uid":"1","resourceVersion":"9"},
            "data":{"mode":"production","debug":"true"}})");
        const manifest::ResourceId id{QString(), QStringLiteral("ConfigMap"),
                                      QStringLiteral("default"), QStringLiteral("settings")};
        QCOMPARE(compareResource(id, dryRun, live).status, SyncStatus::Synced);
        ComparisonOptions exact;
        exact.exact = true;
        const ResourceDrift drift = compareResource(id, dryRun, live, exact);
        QCOMPARE(drift.status, SyncStatus::OutOfSync);
        QCOMPARE(drift.differences.size(), 1);
        QCOMPARE(drift.differences.first().path, QStringLiteral(".data.debug"));
        QCOMPARE(drift.differences.first().live, QJsonValue(QStringLiteral("true")));
    }

    void optionsForApp()
    {
        App app;
        app.tracking = App::Tracking::ArgoCd;
        app.ignoredDifferences = {{QStringLiteral("apps"),
                                   QStringLiteral("Deployment"),
                                   QStringLiteral("web"),
                                   QString(),
                                   {QStringLiteral("/spec/replicas")},
                                   {QStringLiteral(".spec.template.spec.initContainers")},
                                   {QStringLiteral("vpa-recommender")}}};
        const ComparisonOptions options = ComparisonOptions::forApp(app);
        QCOMPARE(options.ignoreRules.value(0).jqPathExpressions,
                 QStringList{QStringLiteral(".spec.template.spec.initContainers")});
        QCOMPARE(options.ignoreRules.value(0).managedFieldsManagers,
                 QStringList{QStringLiteral("vpa-recommender")});
        QCOMPARE(options.appliers, QStringList{QStringLiteral("argocd-controller")});
        QCOMPARE(options.ignoreRules.size(), 1);
        QVERIFY(options.ignoreRules.first().matches(
            {QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("shop"),
             QStringLiteral("web")}));
        QVERIFY(!options.ignoreRules.first().matches(
            {QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("shop"),
             QStringLiteral("api")}));
    }

    void yaml()
    {
        const QJsonObject object = json(R"({"kind":"ConfigMap","apiVersion":"v1",
            "metadata":{"name":"x","labels":{"app.kubernetes.io/name":"x"}},
            "data":{"a":"80","b":"true","c":"line1\nline2\n","d":"","e":"plain text",
            "f":"key: value","g":[1,{"h":null,"i":[]}]}})");
        QHash<QString, int> order{{QStringLiteral("/apiVersion"), 1},
                                  {QStringLiteral("/kind"), 2},
                                  {QStringLiteral("/metadata"), 3},
                                  {QStringLiteral("/data"), 5}};
        const QString expected = QStringLiteral("apiVersion: v1\n"
                                                "kind: ConfigMap\n"
                                                "metadata:\n"
                                                "  labels:\n"
                                                "    app.kubernetes.io/name: x\n"
                                                "  name: x\n"
                                                "data:\n"
                                                "  a: \"80\"\n"
                                                "  b: \"true\"\n"
                                                "  c: |\n"
                                                "    line1\n"
                                                "    line2\n"
                                                "  d: \"\"\n"
                                                "  e: plain text\n"
                                                "  f: \"key: value\"\n"
                                                "  g:\n"
                                                "    - 1\n"
                                                "    - h: null\n"
                                                "      i: []\n");
        QCOMPARE(YamlWriter::write(object, order), expected);
    }

    void unifiedDiff()
    {
        const QString from = QStringLiteral("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        const QString to = QStringLiteral("a\nb\nc\nd\nE\nf\ng\nh\ni\nj\nk\n");
        // Changes no more than 2 x 3 context lines apart share one hunk, as in diff -u.
        const QString actual =
            UnifiedDiff::between(from, to, QStringLiteral("one"), QStringLiteral("two"));
        QCOMPARE(actual,
                 QStringLiteral(
                     "--- one\n+++ two\n@@ -2,9 +2,10 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n i\n"
                     " j\n+k\n"));
        QCOMPARE(UnifiedDiff::between(from, from, QStringLiteral("one"), QStringLiteral("two")),
                 QString());
    }
};

QTEST_GUILESS_MAIN(TestDrift)
#include "tst_drift.moc"
