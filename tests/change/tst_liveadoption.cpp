// Adopting live values into git: the edits made, the summary a reviewer reads, and the
// fields refused with their reason.
#include "change/liveadoption.h"
#include "differencefixture.h"

#include <QJsonDocument>
#include <QTest>

using namespace gitops::change;
using gitops::drift::Difference;
using gitops::test::difference;

namespace {

const QByteArray Deployment = "# web, scaled by hand\n"
                              "apiVersion: apps/v1\n"
                              "kind: Deployment\n"
                              "metadata:\n"
                              "  name: web\n"
                              "  labels:\n"
                              "    app: web\n"
                              "    tier: frontend # old\n"
                              "spec:\n"
                              "  replicas: 2\n";

} // namespace

class tst_LiveAdoption : public QObject
{
    Q_OBJECT

private slots:
    void changedInsertedAndRemovedFieldsBecomeOneFileEdit()
    {
        const QList<Difference> differences = {
            difference(QStringLiteral(".spec.replicas"), QStringLiteral("/spec/replicas"), 2, 5),
            difference(QStringLiteral(".metadata.labels[\"team\"]"),
                       QStringLiteral("/metadata/labels/team"), QJsonValue(QJsonValue::Undefined),
                       QStringLiteral("shop")),
            difference(QStringLiteral(".metadata.labels[\"tier\"]"),
                       QStringLiteral("/metadata/labels/tier"), QStringLiteral("frontend"),
                       QJsonValue(QJsonValue::Undefined)),
        };
        const LiveAdoption adoption = adoptLiveValues(
            differences,
            {QStringLiteral("apps/web.yaml"), Deployment, 0, QStringLiteral("Deployment"), false});
        QVERIFY(adoption.refusals.isEmpty());
        QCOMPARE(adoption.draft.files.value(QStringLiteral("apps/web.yaml")),
                 QByteArray("# web, scaled by hand\n"
                            "apiVersion: apps/v1\n"
                            "kind: Deployment\n"
                            "metadata:\n"
                            "  name: web\n"
                            "  labels:\n"
                            "    app: web\n"
                            "    team: shop\n"
                            "spec:\n"
                            "  replicas: 5\n"));
        QCOMPARE(adoption.draft.summary.size(), 3);
        QCOMPARE(adoption.draft.summary.first(),
                 QStringLiteral("apps/web.yaml: .spec.replicas 2 \u2192 5 (live)"));
    }

    void secretValuesAreRefused()
    {
        const QByteArray secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                                  "data:\n  password: b2xk\n";
        const LiveAdoption adoption = adoptLiveValues(
            {difference(QStringLiteral(".data[\"password\"]"), QStringLiteral("/data/password"),
                        QStringLiteral("b2xk"), QStringLiteral("bmV3"))},
            {QStringLiteral("db.yaml"), secret, 0, QStringLiteral("Secret"), false});
        QVERIFY(adoption.draft.isEmpty());
        QCOMPARE(adoption.refusals.size(), 1);
        QVERIFY(adoption.refusals.first().reason.contains(QLatin1String("Sealed Secrets")));
        QVERIFY(adoption.refusals.first().reason.contains(QLatin1String("SOPS")));
    }

    void fieldsOfGeneratedObjectsAreRefused()
    {
        Difference d =
            difference(QStringLiteral(".data[\"LOG_LEVEL\"]"), QStringLiteral("/data/LOG_LEVEL"),
                       QJsonValue(QJsonValue::Undefined), QStringLiteral("debug"));
        const LiveAdoption adoption =
            adoptLiveValues({d},
                            {QStringLiteral("overlays/prod"),
                             QByteArray("apiVersion: v1\nkind: ConfigMap\n"
                                        "metadata:\n  name: c\n"),
                             0, QStringLiteral("ConfigMap"), true});
        QVERIFY(adoption.draft.isEmpty());
        QCOMPARE(adoption.refusals.size(), 1);
        QVERIFY(adoption.refusals.first().reason.contains(QLatin1String("kustomize generates")));
    }

    void aWholeLiveObjectIsWrittenWithoutWhatTheServerFillsIn()
    {
        // A Deployment made by hand (kubectl create), as a real API server returns it.
        const QJsonObject live =
            QJsonDocument::fromJson(
                "{\n"
                "  \"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\",\n"
                "  \"metadata\": {\"name\": \"worker\", \"namespace\": \"shop\", \"uid\": "
                "\"0c1d\", \"resourceVersion\": \"812\",\n"
                "    \"generation\": 3, \"creationTimestamp\": \"2026-12-01T10:00:00Z\",\n"
                "    \"labels\": {\"app\": \"worker\"},\n"
                "    \"annotations\": {\"deployment.kubernetes.io/revision\": \"3\",\n"
                "      \"kubectl.kubernetes.io/last-applied-configuration\": "
                "\"{\\\"kind\\\":\\\"Deployment\\\"}\",\n"
                "      \"team\": \"shop\"},\n"
                "    \"managedFields\": [{\"manager\": \"kubectl-create\", \"operation\": "
                "\"Update\",\n"
                "      \"fieldsType\": \"FieldsV1\", \"fieldsV1\": {\"f:spec\": {\"f:replicas\": "
                "{}}}}]},\n"
                "  \"spec\": {\"replicas\": 3, \"progressDeadlineSeconds\": 600, "
                "\"revisionHistoryLimit\": 10,\n"
                "    \"selector\": {\"matchLabels\": {\"app\": \"worker\"}},\n"
                "    \"strategy\": {\"type\": \"RollingUpdate\",\n"
                "      \"rollingUpdate\": {\"maxSurge\": \"25%\", \"maxUnavailable\": \"25%\"}},\n"
                "    \"template\": {\"metadata\": {\"creationTimestamp\": null, \"labels\": "
                "{\"app\": \"worker\"}},\n"
                "      \"spec\": {\"dnsPolicy\": \"ClusterFirst\", \"restartPolicy\": \"Always\",\n"
                "        \"schedulerName\": \"default-scheduler\", \"securityContext\": {},\n"
                "        \"terminationGracePeriodSeconds\": 45,\n"
                "        \"containers\": [{\"name\": \"worker\", \"image\": \"shop/worker:2.1\",\n"
                "          \"imagePullPolicy\": \"IfNotPresent\", \"resources\": {},\n"
                "          \"terminationMessagePath\": \"/dev/termination-log\",\n"
                "          \"terminationMessagePolicy\": \"File\",\n"
                "          \"ports\": [{\"containerPort\": 8080, \"protocol\": \"TCP\"}]}]}}},\n"
                "  \"status\": {\"replicas\": 3, \"readyReplicas\": 3}\n"
                "}")
                .object();
        LiveObjectTarget target;
        target.folder = QStringLiteral("apps/shop");
        target.existingFiles = {QStringLiteral("apps/shop/deployment-worker.yaml")};
        const LiveAdoption adoption = adoptLiveObject(live, target);
        QVERIFY(adoption.refusals.isEmpty());
        // The name is taken: the next one. A changed grace period is the user's and stays.
        QCOMPARE(adoption.draft.files.keys(),
                 QStringList{QStringLiteral("apps/shop/deployment-worker-2.yaml")});
        QCOMPARE(adoption.draft.files.first(),
                 QByteArray("# Taken from the cluster into git by GitOps Console (what the "
                            "server fills in left out).\n"
                            "apiVersion: apps/v1\n"
                            "kind: Deployment\n"
                            "metadata:\n"
                            "  name: worker\n"
                            "  namespace: shop\n"
                            "  labels:\n"
                            "    app: worker\n"
                            "  annotations:\n"
                            "    team: shop\n"
                            "spec:\n"
                            "  replicas: 3\n"
                            "  selector:\n"
                            "    matchLabels:\n"
                            "      app: worker\n"
                            "  template:\n"
                            "    metadata:\n"
                            "      labels:\n"
                            "        app: worker\n"
                            "    spec:\n"
                            "      containers:\n"
                            "        - image: shop/worker:2.1\n"
                            "          name: worker\n"
                            "          ports:\n"
                            "            - containerPort: 8080\n"
                            "      terminationGracePeriodSeconds: 45\n"));
        QCOMPARE(adoption.draft.summary,
                 QStringList{QStringLiteral("apps/shop/deployment-worker-2.yaml: Deployment worker "
                                            "added as live has it (a new file)")});
    }

    void aWholeObjectJoinsTheKustomizationsResources()
    {
        const QJsonObject live{
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("flags")},
                         {QStringLiteral("uid"), QStringLiteral("1")}}},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("beta"), QStringLiteral("on")}}}};
        LiveObjectTarget target;
        target.folder = QStringLiteral("apps/api");
        target.kustomizationFile = QStringLiteral("apps/api/kustomization.yaml");
        target.kustomization = "# api\nnamespace: api\nresources:\n  - deployment.yaml # the app\n";
        const LiveAdoption adoption = adoptLiveObject(live, target);
        QVERIFY(adoption.refusals.isEmpty());
        QCOMPARE(adoption.draft.files.value(QStringLiteral("apps/api/configmap-flags.yaml")),
                 QByteArray("# Taken from the cluster into git by GitOps Console (what the "
                            "server fills in left out).\n"
                            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n"
                            "data:\n  beta: \"on\"\n"));
        QCOMPARE(adoption.draft.files.value(target.kustomizationFile),
                 QByteArray("# api\nnamespace: api\nresources:\n  - deployment.yaml # the app\n"
                            "  - configmap-flags.yaml\n"));

        // A Secret is refused whole.
        QJsonObject secret = live;
        secret.insert(QStringLiteral("kind"), QStringLiteral("Secret"));
        const LiveAdoption refused = adoptLiveObject(secret, target);
        QVERIFY(refused.draft.isEmpty());
        QVERIFY(refused.refusals.value(0).reason.contains(QLatin1String("Sealed Secrets")));
    }
};

QTEST_GUILESS_MAIN(tst_LiveAdoption)
#include "tst_liveadoption.moc"
