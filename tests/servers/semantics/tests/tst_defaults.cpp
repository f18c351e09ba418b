#include "defaults.h"
#include "jsonliteral.h"

#include <QTest>

using namespace kubeemu;
using test::compact;

namespace {
const TypeRef deployment{QStringLiteral("apps"), QStringLiteral("v1"),
                         QStringLiteral("Deployment")};
const TypeRef statefulSet{QStringLiteral("apps"), QStringLiteral("v1"),
                          QStringLiteral("StatefulSet")};
const TypeRef daemonSet{QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("DaemonSet")};
const TypeRef pod{QString(), QStringLiteral("v1"), QStringLiteral("Pod")};
const TypeRef serviceType{QString(), QStringLiteral("v1"), QStringLiteral("Service")};
const TypeRef secret{QString(), QStringLiteral("v1"), QStringLiteral("Secret")};
const TypeRef namespaceType{QString(), QStringLiteral("v1"), QStringLiteral("Namespace")};
const TypeRef job{QStringLiteral("batch"), QStringLiteral("v1"), QStringLiteral("Job")};
const TypeRef cronJobType{QStringLiteral("batch"), QStringLiteral("v1"), QStringLiteral("CronJob")};
} // namespace

class tst_Defaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bareDeployment();
    void imagePullPolicy_data();
    void imagePullPolicy();
    void probesVolumesAndQuantities();
    void statefulSetAndDaemonSet();
    void podOnlyDefaults();
    void service_data();
    void service();
    void jobSelectorAndLabels();
    void cronJob();
    void secretStringData();
    void namespaceLabel();
    void horizontalPodAutoscaler();
    void networkPolicyAndCrd();
    void idempotent_data();
    void idempotent();
    void keepsWhatIsSet();
};

void tst_Defaults::bareDeployment()
{
    // What `kubectl get deploy -o json` shows for a bare Deployment on a real cluster
    // (minus metadata and status the server adds elsewhere).
    QJsonObject object = test::object(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web"},
        "spec":{"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}})");
    applyDefaults(deployment, object);
    const QJsonObject expected = test::object(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web"},
        "spec":{"progressDeadlineSeconds":600,"replicas":1,"revisionHistoryLimit":10,
          "selector":{"matchLabels":{"app":"web"}},
          "strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"},
          "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
            "spec":{"containers":[{"image":"nginx:1.27","imagePullPolicy":"IfNotPresent","name":"web",
                "ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{},
                "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
              "dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler",
              "securityContext":{},"terminationGracePeriodSeconds":30}}}})");
    QCOMPARE(compact(object), compact(expected));
}

void tst_Defaults::imagePullPolicy_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("policy");
    QTest::newRow("untagged") << QStringLiteral("nginx") << QStringLiteral("Always");
    QTest::newRow("latest") << QStringLiteral("nginx:latest") << QStringLiteral("Always");
    QTest::newRow("tagged") << QStringLiteral("nginx:1.27") << QStringLiteral("IfNotPresent");
    QTest::newRow("registry port, untagged")
        << QStringLiteral("registry.local:5000/team/app") << QStringLiteral("Always");
    QTest::newRow("registry port, tagged")
        << QStringLiteral("registry.local:5000/team/app:v2") << QStringLiteral("IfNotPresent");
    QTest::newRow("digest") << QStringLiteral(
        "nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000")
                            << QStringLiteral("IfNotPresent");
}

void tst_Defaults::imagePullPolicy()
{
    QFETCH(QString, image);
    QFETCH(QString, policy);
    QJsonObject object{
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("containers"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("c")},
                                             {QStringLiteral("image"), image}}}}}}};
    applyDefaults(pod, object);
    QCOMPARE(object[QLatin1String("spec")][QLatin1String("containers")][0]
                   [QLatin1String("imagePullPolicy")]
                       .toString(),
             policy);
}

void tst_Defaults::probesVolumesAndQuantities()
{
    QJsonObject object = test::object(R"({"spec":{"template":{"spec":{
        "containers":[{"name":"app","image":"app:1",
          "livenessProbe":{"httpGet":{"port":8080}},
          "readinessProbe":{"tcpSocket":{"port":8080},"periodSeconds":5},
          "env":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
          "resources":{"limits":{"cpu":"0.5","memory":"1024Mi"},"requests":{"cpu":"1000m","memory":"0.5Gi"}}}],
        "volumes":[{"name":"cfg","configMap":{"name":"cfg"}},{"name":"sec","secret":{"secretName":"s"}},
          {"name":"scratch"},{"name":"host","hostPath":{"path":"/var/x"}}]}}}})");
    applyDefaults(deployment, object);
    const QJsonObject podSpec =
        object[QLatin1String("spec")][QLatin1String("template")][QLatin1String("spec")].toObject();
    const QJsonObject container = podSpec[QLatin1String("containers")][0].toObject();
    QCOMPARE(
        compact(container[QLatin1String("livenessProbe")]),
        QStringLiteral(
            R"({"failureThreshold":3,"httpGet":{"path":"/","port":8080,"scheme":"HTTP"},"periodSeconds":10,"successThreshold":1,"timeoutSeconds":1})"));
    QCOMPARE(
        compact(container[QLatin1String("readinessProbe")]),
        QStringLiteral(
            R"({"failureThreshold":3,"periodSeconds":5,"successThreshold":1,"tcpSocket":{"port":8080},"timeoutSeconds":1})"));
    QCOMPARE(compact(container[QLatin1String("env")][0][QLatin1String("valueFrom")]),
             QStringLiteral(R"({"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}})"));
    QCOMPARE(
        compact(container[QLatin1String("resources")]),
        QStringLiteral(
            R"({"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"1","memory":"512Mi"}})"));
    QCOMPARE(compact(podSpec[QLatin1String("volumes")]),
             QStringLiteral(R"([{"configMap":{"defaultMode":420,"name":"cfg"},"name":"cfg"},)"
                            R"({"name":"sec","secret":{"defaultMode":420,"secretName":"s"}},)"
                            R"({"emptyDir":{},"name":"scratch"},)"
                            R"({"hostPath":{"path":"/var/x","type":""},"name":"host"}])"));
}

void tst_Defaults::statefulSetAndDaemonSet()
{
    QJsonObject sts =
        test::object(R"({"spec":{"serviceName":"db","selector":{"matchLabels":{"app":"db"}},
        "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"pg:16"}]}},
        "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
          "resources":{"requests":{"storage":"1024Mi"}}}}]}})");
    applyDefaults(statefulSet, sts);
    const QJsonObject spec = sts[QLatin1String("spec")].toObject();
    QCOMPARE(spec[QLatin1String("replicas")].toInt(), 1);
    QCOMPARE(spec[QLatin1String("podManagementPolicy")].toString(), QStringLiteral("OrderedReady"));
    QCOMPARE(compact(spec[QLatin1String("updateStrategy")]),
             QStringLiteral(R"({"rollingUpdate":{"partition":0},"type":"RollingUpdate"})"));
    QCOMPARE(spec[QLatin1String("revisionHistoryLimit")].toInt(), 10);
    QCOMPARE(compact(spec[QLatin1String("persistentVolumeClaimRetentionPolicy")]),
             QStringLiteral(R"({"whenDeleted":"Retain","whenScaled":"Retain"})"));
    QCOMPARE(
        compact(spec[QLatin1String("volumeClaimTemplates")][0]),
        QStringLiteral(
            R"({"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"creationTimestamp":null,"name":"data"},)"
            R"("spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},)"
            R"("volumeMode":"Filesystem"},"status":{"phase":"Pending"}})"));

    QJsonObject ds = test::object(
        R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1"}]}}}})");
    applyDefaults(daemonSet, ds);
    QCOMPARE(compact(ds[QLatin1String("spec")][QLatin1String("updateStrategy")]),
             QStringLiteral(
                 R"({"rollingUpdate":{"maxSurge":0,"maxUnavailable":1},"type":"RollingUpdate"})"));
    QCOMPARE(ds[QLatin1String("spec")][QLatin1String("revisionHistoryLimit")].toInt(), 10);
}

void tst_Defaults::podOnlyDefaults()
{
    QJsonObject object = test::object(R"({"spec":{"containers":[{"name":"a","image":"a:1",
        "resources":{"limits":{"cpu":"2","memory":"1Gi"},"requests":{"cpu":"0.5"}}}]}})");
    applyDefaults(pod, object);
    QCOMPARE(object[QLatin1String("spec")][QLatin1String("enableServiceLinks")].toBool(), true);
    // A limit without a request becomes the request.
    QCOMPARE(
        compact(object[QLatin1String("spec")][QLatin1String("containers")][0]
                      [QLatin1String("resources")]),
        QStringLiteral(
            R"({"limits":{"cpu":"2","memory":"1Gi"},"requests":{"cpu":"500m","memory":"1Gi"}})"));

    // Templates get neither.
    QJsonObject dep =
        test::object(R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1",
        "resources":{"limits":{"cpu":"2"}}}]}}}})");
    applyDefaults(deployment, dep);
    const QJsonObject podSpec =
        dep[QLatin1String("spec")][QLatin1String("template")][QLatin1String("spec")].toObject();
    QVERIFY(!podSpec.contains(QLatin1String("enableServiceLinks")));
    QCOMPARE(compact(podSpec[QLatin1String("containers")][0][QLatin1String("resources")]),
             QStringLiteral(R"({"limits":{"cpu":"2"}})"));
}

void tst_Defaults::service_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("spec");

    QTest::newRow("bare ClusterIP")
        << QStringLiteral(R"({"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}})")
        << QStringLiteral(
               R"({"internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",)"
               R"("ports":[{"port":80,"protocol":"TCP","targetPort":80}],"selector":{"app":"web"},)"
               R"("sessionAffinity":"None","type":"ClusterIP"})");
    QTest::newRow("NodePort with named target")
        << QStringLiteral(
               R"({"spec":{"type":"NodePort","ports":[{"port":443,"targetPort":"https","protocol":"TCP"}]}})")
        << QStringLiteral(
               R"({"externalTrafficPolicy":"Cluster","internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],)"
               R"("ipFamilyPolicy":"SingleStack","ports":[{"port":443,"protocol":"TCP","targetPort":"https"}],)"
               R"("sessionAffinity":"None","type":"NodePort"})");
    QTest::newRow("LoadBalancer")
        << QStringLiteral(
               R"({"spec":{"type":"LoadBalancer","ports":[{"port":53,"protocol":"UDP"}]}})")
        << QStringLiteral(
               R"({"allocateLoadBalancerNodePorts":true,"externalTrafficPolicy":"Cluster",)"
               R"("internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",)"
               R"("ports":[{"port":53,"protocol":"UDP","targetPort":53}],"sessionAffinity":"None","type":"LoadBalancer"})");
    QTest::newRow("ExternalName")
        << QStringLiteral(R"({"spec":{"type":"ExternalName","externalName":"db.example.com"}})")
        << QStringLiteral(
               R"({"externalName":"db.example.com","sessionAffinity":"None","type":"ExternalName"})");
    QTest::newRow("ClientIP affinity")
        << QStringLiteral(R"({"spec":{"sessionAffinity":"ClientIP","ports":[{"port":80}]}})")
        << QStringLiteral(
               R"({"internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",)"
               R"("ports":[{"port":80,"protocol":"TCP","targetPort":80}],"sessionAffinity":"ClientIP",)"
               R"("sessionAffinityConfig":{"clientIP":{"timeoutSeconds":10800}},"type":"ClusterIP"})");
}

void tst_Defaults::service()
{
    QFETCH(QString, input);
    QFETCH(QString, spec);
    QJsonObject object = test::object(input.toUtf8().constData());
    applyDefaults(serviceType, object);
    QCOMPARE(compact(object[QLatin1String("spec")]), spec);
    QCOMPARE(compact(object[QLatin1String("status")]), QStringLiteral(R"({"loadBalancer":{}})"));
}

void tst_Defaults::jobSelectorAndLabels()
{
    QJsonObject object = test::object(R"({"metadata":{"name":"pi","uid":"0f1e"},
        "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5.34"}]}}}})");
    applyDefaults(job, object);
    const QJsonObject spec = object[QLatin1String("spec")].toObject();
    QCOMPARE(spec[QLatin1String("backoffLimit")].toInt(), 6);
    QCOMPARE(spec[QLatin1String("completions")].toInt(), 1);
    QCOMPARE(spec[QLatin1String("parallelism")].toInt(), 1);
    QCOMPARE(spec[QLatin1String("completionMode")].toString(), QStringLiteral("NonIndexed"));
    QCOMPARE(spec[QLatin1String("suspend")].toBool(true), false);
    QCOMPARE(spec[QLatin1String("podReplacementPolicy")].toString(),
             QStringLiteral("TerminatingOrFailed"));
    QCOMPARE(compact(spec[QLatin1String("selector")]),
             QStringLiteral(R"({"matchLabels":{"batch.kubernetes.io/controller-uid":"0f1e"}})"));
    const QString labels = QStringLiteral(
        R"({"batch.kubernetes.io/controller-uid":"0f1e",)"
        R"("batch.kubernetes.io/job-name":"pi","controller-uid":"0f1e","job-name":"pi"})");
    QCOMPARE(
        compact(
            spec[QLatin1String("template")][QLatin1String("metadata")][QLatin1String("labels")]),
        labels);
    // An unlabelled Job shows its template's labels.
    QCOMPARE(compact(object[QLatin1String("metadata")][QLatin1String("labels")]), labels);
    QCOMPARE(spec[QLatin1String("template")][QLatin1String("spec")][QLatin1String("restartPolicy")]
                 .toString(),
             QStringLiteral("Never"));

    // A Job with its own template labels keeps only those on itself; parallelism alone given.
    QJsonObject labelled = test::object(R"({"metadata":{"name":"w","uid":"u2"},
        "spec":{"parallelism":3,"template":{"metadata":{"labels":{"app":"w"}},"spec":{"containers":[{"name":"w","image":"w:1"}]}}}})");
    applyDefaults(job, labelled);
    QCOMPARE(compact(labelled[QLatin1String("metadata")][QLatin1String("labels")]),
             QStringLiteral(R"({"app":"w"})"));
    QVERIFY(!labelled[QLatin1String("spec")].toObject().contains(QLatin1String("completions")));
    QCOMPARE(labelled[QLatin1String("spec")][QLatin1String("parallelism")].toInt(), 3);
}

void tst_Defaults::cronJob()
{
    QJsonObject object = test::object(
        R"({"spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{
        "restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}}})");
    applyDefaults(cronJobType, object);
    const QJsonObject spec = object[QLatin1String("spec")].toObject();
    QCOMPARE(spec[QLatin1String("concurrencyPolicy")].toString(), QStringLiteral("Allow"));
    QCOMPARE(spec[QLatin1String("suspend")].toBool(true), false);
    QCOMPARE(spec[QLatin1String("successfulJobsHistoryLimit")].toInt(), 3);
    QCOMPARE(spec[QLatin1String("failedJobsHistoryLimit")].toInt(), 1);
    const QJsonObject container =
        spec[QLatin1String("jobTemplate")][QLatin1String("spec")][QLatin1String("template")]
            [QLatin1String("spec")][QLatin1String("containers")][0]
                .toObject();
    QCOMPARE(container[QLatin1String("imagePullPolicy")].toString(), QStringLiteral("Always"));
    // The Job defaults are not applied inside a CronJob's template.
    QVERIFY(!spec[QLatin1String("jobTemplate")][QLatin1String("spec")].toObject().contains(
        QLatin1String("backoffLimit")));
}

void tst_Defaults::secretStringData()
{
    QJsonObject object = test::object(
        R"({"metadata":{"name":"s"},"data":{"a":"YQ=="},"stringData":{"password":"hunter2","a":"b"}})");
    applyDefaults(secret, object);
    QCOMPARE(
        compact(object),
        QStringLiteral(
            R"({"data":{"a":"Yg==","password":"aHVudGVyMg=="},"metadata":{"name":"s"},"type":"Opaque"})"));
}

void tst_Defaults::namespaceLabel()
{
    QJsonObject object = test::object(R"({"metadata":{"name":"team-a","labels":{"env":"prod"}}})");
    applyDefaults(namespaceType, object);
    QCOMPARE(
        compact(object),
        QStringLiteral(
            R"({"metadata":{"labels":{"env":"prod","kubernetes.io/metadata.name":"team-a"},"name":"team-a"},)"
            R"("spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}})"));
}

void tst_Defaults::horizontalPodAutoscaler()
{
    const TypeRef hpa{QStringLiteral("autoscaling"), QStringLiteral("v2"),
                      QStringLiteral("HorizontalPodAutoscaler")};
    QJsonObject bare = test::object(
        R"({"spec":{"maxReplicas":5,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}}})");
    applyDefaults(hpa, bare);
    QCOMPARE(
        compact(bare[QLatin1String("spec")]),
        QStringLiteral(
            R"({"maxReplicas":5,"metrics":[{"resource":{"name":"cpu","target":{"averageUtilization":80,"type":"Utilization"}},"type":"Resource"}],)"
            R"("minReplicas":1,"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"}})"));

    QJsonObject memory = test::object(
        R"({"spec":{"maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"memory",
        "target":{"type":"AverageValue","averageValue":"0.5Gi"}}}]}})");
    applyDefaults(hpa, memory);
    QCOMPARE(memory[QLatin1String("spec")][QLatin1String("metrics")][0][QLatin1String("resource")]
                   [QLatin1String("target")][QLatin1String("averageValue")]
                       .toString(),
             QStringLiteral("512Mi"));

    QJsonObject withBehavior = test::object(
        R"({"spec":{"maxReplicas":5,"behavior":{"scaleDown":{"stabilizationWindowSeconds":60}}}})");
    applyDefaults(hpa, withBehavior);
    QCOMPARE(
        compact(withBehavior[QLatin1String("spec")][QLatin1String("behavior")]),
        QStringLiteral(
            R"({"scaleDown":{"policies":[{"periodSeconds":15,"type":"Percent","value":100}],"selectPolicy":"Max","stabilizationWindowSeconds":60},)"
            R"("scaleUp":{"policies":[{"periodSeconds":15,"type":"Pods","value":4},{"periodSeconds":15,"type":"Percent","value":100}],)"
            R"("selectPolicy":"Max","stabilizationWindowSeconds":0}})"));
}

void tst_Defaults::networkPolicyAndCrd()
{
    const TypeRef policy{QStringLiteral("networking.k8s.io"), QStringLiteral("v1"),
                         QStringLiteral("NetworkPolicy")};
    QJsonObject np =
        test::object(R"({"spec":{"podSelector":{},"egress":[{"ports":[{"port":53}]}]}})");
    applyDefaults(policy, np);
    QCOMPARE(
        compact(np[QLatin1String("spec")]),
        QStringLiteral(
            R"({"egress":[{"ports":[{"port":53,"protocol":"TCP"}]}],"podSelector":{},"policyTypes":["Ingress","Egress"]})"));

    const TypeRef crd{QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"),
                      QStringLiteral("CustomResourceDefinition")};
    QJsonObject object = test::object(R"({"spec":{"group":"argoproj.io","scope":"Namespaced",
        "names":{"kind":"Application","plural":"applications","shortNames":["app"]}}})");
    applyDefaults(crd, object);
    QCOMPARE(
        compact(object[QLatin1String("spec")][QLatin1String("names")]),
        QStringLiteral(
            R"({"kind":"Application","listKind":"ApplicationList","plural":"applications","shortNames":["app"],"singular":"application"})"));
    QCOMPARE(compact(object[QLatin1String("spec")][QLatin1String("conversion")]),
             QStringLiteral(R"({"strategy":"None"})"));
}

void tst_Defaults::idempotent_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("input");
    QTest::newRow("Deployment")
        << QStringLiteral("Deployment")
        << QStringLiteral(
               R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a"}]}}}})");
    QTest::newRow("StatefulSet")
        << QStringLiteral("StatefulSet")
        << QStringLiteral(
               R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a"}]}},"volumeClaimTemplates":[{"metadata":{"name":"d"}}]}})");
    QTest::newRow("Job")
        << QStringLiteral("Job")
        << QStringLiteral(
               R"({"metadata":{"name":"j","uid":"1"},"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a"}]}}}})");
    QTest::newRow("Service") << QStringLiteral(
        "Service") << QStringLiteral(R"({"spec":{"type":"LoadBalancer","ports":[{"port":1}]}})");
    QTest::newRow("Pod")
        << QStringLiteral("Pod")
        << QStringLiteral(
               R"({"spec":{"containers":[{"name":"a","image":"a","resources":{"limits":{"cpu":"0.1"}}}]}})");
    QTest::newRow("CronJob")
        << QStringLiteral("CronJob")
        << QStringLiteral(
               R"({"spec":{"schedule":"@daily","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a"}]}}}}}})");
    QTest::newRow("DaemonSet")
        << QStringLiteral("DaemonSet")
        << QStringLiteral(
               R"({"spec":{"template":{"spec":{"volumes":[{"name":"v"}],"containers":[{"name":"a","image":"a"}]}}}})");
    QTest::newRow("Secret") << QStringLiteral("Secret")
                            << QStringLiteral(R"({"stringData":{"a":"b"}})");
    QTest::newRow("Namespace") << QStringLiteral("Namespace")
                               << QStringLiteral(R"({"metadata":{"name":"n"}})");
    QTest::newRow("HorizontalPodAutoscaler")
        << QStringLiteral("HorizontalPodAutoscaler")
        << QStringLiteral(R"({"spec":{"maxReplicas":2,"behavior":{}}})");
    QTest::newRow("CustomResourceDefinition")
        << QStringLiteral("CustomResourceDefinition")
        << QStringLiteral(R"({"spec":{"names":{"kind":"Widget","plural":"widgets"}}})");
    QTest::newRow("NetworkPolicy")
        << QStringLiteral("NetworkPolicy")
        << QStringLiteral(R"({"spec":{"egress":[{"ports":[{"port":53}]}]}})");
}

void tst_Defaults::idempotent()
{
    QFETCH(QString, kind);
    QFETCH(QString, input);
    static const QHash<QString, TypeRef> types = {
        {QStringLiteral("Deployment"), deployment},
        {QStringLiteral("StatefulSet"), statefulSet},
        {QStringLiteral("Job"), job},
        {QStringLiteral("Service"), serviceType},
        {QStringLiteral("Pod"), pod},
        {QStringLiteral("CronJob"), cronJobType},
        {QStringLiteral("DaemonSet"), daemonSet},
        {QStringLiteral("Secret"), secret},
        {QStringLiteral("Namespace"), namespaceType},
        {QStringLiteral("HorizontalPodAutoscaler"),
         {QStringLiteral("autoscaling"), QStringLiteral("v2"),
          QStringLiteral("HorizontalPodAutoscaler")}},
        {QStringLiteral("CustomResourceDefinition"),
         {QStringLiteral("apiextensions.k8s.io"), QStringLiteral("v1"),
          QStringLiteral("CustomResourceDefinition")}},
        {QStringLiteral("NetworkPolicy"),
         {QStringLiteral("networking.k8s.io"), QStringLiteral("v1"),
          QStringLiteral("NetworkPolicy")}}};
    QVERIFY(types.contains(kind));
    QJsonObject once = test::object(input.toUtf8().constData());
    applyDefaults(types.value(kind), once);
    QJsonObject twice = once;
    applyDefaults(types.value(kind), twice);
    QVERIFY2(once != test::object(input.toUtf8().constData()), "defaulting changed nothing");
    QCOMPARE(compact(twice), compact(once));
}

void tst_Defaults::keepsWhatIsSet()
{
    QJsonObject object = test::object(R"({"spec":{"replicas":0,"strategy":{"type":"Recreate"},
        "template":{"spec":{"dnsPolicy":"Default","containers":[{"name":"a","image":"a:latest","imagePullPolicy":"Never"}]}}}})");
    applyDefaults(deployment, object);
    const QJsonObject spec = object[QLatin1String("spec")].toObject();
    QCOMPARE(spec[QLatin1String("replicas")].toInt(-1), 0);
    // Recreate gets no rollingUpdate block.
    QCOMPARE(compact(spec[QLatin1String("strategy")]), QStringLiteral(R"({"type":"Recreate"})"));
    QCOMPARE(spec[QLatin1String("template")][QLatin1String("spec")][QLatin1String("dnsPolicy")]
                 .toString(),
             QStringLiteral("Default"));
    QCOMPARE(spec[QLatin1String("template")][QLatin1String("spec")][QLatin1String("containers")][0]
                 [QLatin1String("imagePullPolicy")]
                     .toString(),
             QStringLiteral("Never"));
}

QTEST_GUILESS_MAIN(tst_Defaults)
#include "tst_defaults.moc"
