// The local API server checked with the real kubectl (Debian 13's kubernetes-client).
#include "kubeemulatorprocess.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using gitops::test::CommandResult;
using gitops::test::KubeEmulatorProcess;

class tst_Kubectl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void freshServerStartsLikeACluster();
    void apiResourcesListsBuiltinsAndCrds();
    void serverSideApplyIsIdempotent();
    void getPrintsATable();
    void diffServerSide();
    void watchSeesAChange();
    void scaleAndEditAreRecordedUnderTheirManagers();
    void deleteRemoves();
    void readOnlyUserIsForbidden();
    void restrictedUserStaysInItsNamespace();
    void badTokenIsUnauthorized();
    void applyConflictsNameTheManager();
    void seedsAndDumpsStateOnSigterm();
    // kubectl 1.32 writes these in protobuf (application/vnd.kubernetes.protobuf).
    void createWritesInProtobuf();
    void createDeploymentStoresItsSpec();
    void secretDataRoundTripsAsBase64();
    void servicePortsKeepIntOrString();
    void jobAndCronJobKeepTheirCommands();
    void runAndExposeWriteInProtobuf();
    // kubectl sends these as JSON; checked with the rest.
    void createAndReplaceFromAFile();

private:
    CommandResult kubectl(const QStringList &arguments, const QString &context = {},
                          const QByteArray &input = {});
    QJsonObject getJson(const QString &kind, const QString &name, const QString &ns);
    bool kubectlSucceeds(const QStringList &arguments, const QString &expectedOut);
    QString data(const QString &file) const;

    KubeEmulatorProcess m_server;
};

QString tst_Kubectl::data(const QString &file) const
{
    return QStringLiteral(GITOPS_TEST_DATA "/kube/") + file;
}

CommandResult tst_Kubectl::kubectl(const QStringList &arguments, const QString &context,
                                   const QByteArray &input)
{
    QStringList all{QStringLiteral("--kubeconfig"), m_server.kubeconfig(),
                    QStringLiteral("--request-timeout=20s")};
    if (!context.isEmpty())
        all << QStringLiteral("--context") << context;
    // No cache between tests: discovery must come from the server each time.
    return gitops::test::runCommand(
        QStringLiteral("kubectl"), all + arguments, input,
        {QStringLiteral("KUBECACHEDIR=") + m_server.folder() + QStringLiteral("/cache")});
}

QJsonObject tst_Kubectl::getJson(const QString &kind, const QString &name, const QString &ns)
{
    const CommandResult result =
        kubectl({QStringLiteral("get"), kind, name, QStringLiteral("-n"), ns, QStringLiteral("-o"),
                 QStringLiteral("json"), QStringLiteral("--show-managed-fields")});
    if (result.exitCode != 0)
        qWarning("kubectl get failed: %s", qPrintable(result.err));
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

void tst_Kubectl::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty())
        QFAIL("kubectl is not installed; scripts/packages.txt lists kubernetes-client");
    QString error;
    QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
    const CommandResult applied = kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                                           QStringLiteral("--validate=false"), QStringLiteral("-f"),
                                           data(QStringLiteral("web.yaml"))});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err + applied.out));
}

void tst_Kubectl::cleanupTestCase()
{
    m_server.stop();
}

void tst_Kubectl::freshServerStartsLikeACluster()
{
    KubeEmulatorProcess fresh;
    QString error;
    QVERIFY2(fresh.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
    const auto run = [&](const QStringList &arguments, const QByteArray &input = {}) {
        return gitops::test::runCommand(
            QStringLiteral("kubectl"),
            QStringList{QStringLiteral("--kubeconfig"), fresh.kubeconfig(),
                        QStringLiteral("--request-timeout=20s")}
                + arguments,
            input, {QStringLiteral("KUBECACHEDIR=") + fresh.folder() + QStringLiteral("/cache")});
    };

    CommandResult result = run({QStringLiteral("get"), QStringLiteral("namespaces")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QVERIFY2(QRegularExpression(QStringLiteral("^NAME\\s+STATUS\\s+AGE$"))
                 .match(lines.takeFirst())
                 .hasMatch(),
             qPrintable(result.out));
    QStringList names;
    for (const QString &line : std::as_const(lines)) {
        const QStringList cells = line.split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(cells.value(1), QStringLiteral("Active"));
        names << cells.value(0);
    }
    QCOMPARE(names,
             (QStringList{QStringLiteral("default"), QStringLiteral("kube-node-lease"),
                          QStringLiteral("kube-public"), QStringLiteral("kube-system")}));

    // Written as kube-apiserver writes them: its own Update of the name label.
    result = run({QStringLiteral("get"), QStringLiteral("namespace"), QStringLiteral("kube-system"),
                  QStringLiteral("-o"), QStringLiteral("json"),
                  QStringLiteral("--show-managed-fields")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject system = QJsonDocument::fromJson(result.out.toUtf8()).object();
    const QJsonObject metadata = system.value(u"metadata").toObject();
    QVERIFY(!metadata.value(u"uid").toString().isEmpty());
    QVERIFY(!metadata.value(u"resourceVersion").toString().isEmpty());
    QVERIFY(QDateTime::fromString(metadata.value(u"creationTimestamp").toString(), Qt::ISODate)
                .isValid());
    QCOMPARE(metadata.value(u"labels").toObject().value(u"kubernetes.io/metadata.name").toString(),
             QStringLiteral("kube-system"));
    const QJsonArray managed = metadata.value(u"managedFields").toArray();
    QCOMPARE(managed.size(), 1);
    QCOMPARE(managed.at(0)[u"manager"].toString(), QStringLiteral("kube-apiserver"));
    QCOMPARE(managed.at(0)[u"operation"].toString(), QStringLiteral("Update"));
    QVERIFY(managed.at(0)[u"fieldsV1"][u"f:metadata"][u"f:labels"][u"f:kubernetes.io/metadata.name"]
                .isObject());
    QCOMPARE(system[u"status"][u"phase"].toString(), QStringLiteral("Active"));

    // The Service that names the API server, on the first IP of the service range.
    result = run({QStringLiteral("get"), QStringLiteral("service"), QStringLiteral("kubernetes"),
                  QStringLiteral("-n"), QStringLiteral("default"), QStringLiteral("-o"),
                  QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject service = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(service[u"spec"][u"type"].toString(), QStringLiteral("ClusterIP"));
    QCOMPARE(service[u"spec"][u"clusterIP"].toString(), QStringLiteral("10.96.0.1"));
    const QJsonObject port = service[u"spec"][u"ports"][0].toObject();
    QCOMPARE(port.value(u"name").toString(), QStringLiteral("https"));
    QCOMPARE(port.value(u"port").toInt(), 443);
    QCOMPARE(port.value(u"targetPort").toInt(), 6443);
    QCOMPARE(port.value(u"protocol").toString(), QStringLiteral("TCP"));

    // A manifest without a namespace lands in the context's namespace, default, with a
    // client-side and a server-side apply alike.
    result = run({QStringLiteral("apply"), QStringLiteral("--validate=false"), QStringLiteral("-f"),
                  QStringLiteral("-")},
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QStringLiteral("configmap/settings created\n"));
    result = run({QStringLiteral("apply"), QStringLiteral("--server-side"),
                  QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  a: b\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = run({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"),
                  QStringLiteral("default"), QStringLiteral("-o"), QStringLiteral("name")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QStringLiteral("configmap/flags\nconfigmap/settings\n"));
}

void tst_Kubectl::apiResourcesListsBuiltinsAndCrds()
{
    CommandResult result = kubectl({QStringLiteral("api-resources")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    for (const char *expected : {"deployments", "configmaps", "customresourcedefinitions",
                                 "horizontalpodautoscalers", "clusterroles"})
        QVERIFY2(result.out.contains(QString::fromLatin1(expected)), expected);
    QVERIFY(!result.out.contains(QStringLiteral("argoproj.io")));

    for (const char *crd : {"argocd-application-crd.yaml", "flux-kustomization-crd.yaml"}) {
        const CommandResult applied =
            kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                     QStringLiteral("--validate=false"), QStringLiteral("-f"),
                     data(QStringLiteral("seed/") + QString::fromLatin1(crd))});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    }
    result = kubectl({QStringLiteral("api-resources")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QRegularExpression application(
        QStringLiteral("applications\\s+app,apps\\s+argoproj.io/v1alpha1\\s+true\\s+Application"));
    QVERIFY2(application.match(result.out).hasMatch(), qPrintable(result.out));
    QVERIFY(result.out.contains(QStringLiteral("kustomize.toolkit.fluxcd.io/v1")));

    // The new kind is served: create an Application and read it back.
    const QByteArray app = "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
                           "  name: shop\n  namespace: shop\nspec:\n  project: default\n";
    result =
        kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                 QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                {}, app);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(getJson(QStringLiteral("applications.argoproj.io"), QStringLiteral("shop"),
                     QStringLiteral("shop"))
                 .value(u"spec")
                 .toObject()
                 .value(u"project")
                 .toString(),
             QStringLiteral("default"));
}

void tst_Kubectl::serverSideApplyIsIdempotent()
{
    const QJsonObject first =
        getJson(QStringLiteral("deployment"), QStringLiteral("web"), QStringLiteral("shop"));
    const QJsonObject metadata = first.value(u"metadata").toObject();
    QVERIFY(!metadata.value(u"uid").toString().isEmpty());
    QCOMPARE(metadata.value(u"generation").toInt(), 1);
    // Defaults as the real server writes them.
    const QJsonObject spec = first.value(u"spec").toObject();
    QCOMPARE(spec.value(u"strategy").toObject().value(u"type").toString(),
             QStringLiteral("RollingUpdate"));
    QCOMPARE(spec.value(u"revisionHistoryLimit").toInt(), 10);
    const QJsonObject container = spec.value(u"template")
                                      .toObject()
                                      .value(u"spec")
                                      .toObject()
                                      .value(u"containers")
                                      .toArray()
                                      .at(0)
                                      .toObject();
    QCOMPARE(container.value(u"imagePullPolicy").toString(), QStringLiteral("IfNotPresent"));
    QCOMPARE(container.value(u"resources")
                 .toObject()
                 .value(u"requests")
                 .toObject()
                 .value(u"cpu")
                 .toString(),
             QStringLiteral("500m"));
    QCOMPARE(container.value(u"resources")
                 .toObject()
                 .value(u"requests")
                 .toObject()
                 .value(u"memory")
                 .toString(),
             QStringLiteral("1Gi"));
    const QJsonArray managed = metadata.value(u"managedFields").toArray();
    QCOMPARE(managed.size(), 1);
    QCOMPARE(managed.at(0).toObject().value(u"manager").toString(), QStringLiteral("kubectl"));
    QCOMPARE(managed.at(0).toObject().value(u"operation").toString(), QStringLiteral("Apply"));

    const CommandResult again = kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                                         QStringLiteral("--validate=false"), QStringLiteral("-f"),
                                         data(QStringLiteral("web.yaml"))});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QVERIFY2(again.out.contains(QStringLiteral("deployment.apps/web serverside-applied")),
             qPrintable(again.out));
    const QJsonObject second =
        getJson(QStringLiteral("deployment"), QStringLiteral("web"), QStringLiteral("shop"));
    QCOMPARE(second.value(u"metadata").toObject().value(u"resourceVersion"),
             metadata.value(u"resourceVersion"));
}

void tst_Kubectl::getPrintsATable()
{
    const CommandResult result = kubectl({QStringLiteral("get"), QStringLiteral("deployments"),
                                          QStringLiteral("-n"), QStringLiteral("shop")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(QRegularExpression(QStringLiteral("^NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE$"))
                 .match(lines.at(0))
                 .hasMatch(),
             qPrintable(lines.at(0)));
    QVERIFY2(QRegularExpression(QStringLiteral("^web\\s+0/2\\s+0\\s+0\\s+\\d+s$"))
                 .match(lines.at(1))
                 .hasMatch(),
             qPrintable(lines.at(1)));
}

void tst_Kubectl::diffServerSide()
{
    CommandResult result = kubectl({QStringLiteral("diff"), QStringLiteral("--server-side"),
                                    QStringLiteral("-f"), data(QStringLiteral("web.yaml"))});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err + result.out));
    QVERIFY(result.out.isEmpty());

    result = kubectl({QStringLiteral("diff"), QStringLiteral("--server-side"), QStringLiteral("-f"),
                      data(QStringLiteral("web-scaled.yaml"))});
    QVERIFY2(result.exitCode == 1, qPrintable(result.err));
    QVERIFY2(result.out.contains(QStringLiteral("-  replicas: 2")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("+  replicas: 3")), qPrintable(result.out));
    // A dry run stores nothing.
    QCOMPARE(getJson(QStringLiteral("deployment"), QStringLiteral("web"), QStringLiteral("shop"))
                 .value(u"spec")
                 .toObject()
                 .value(u"replicas")
                 .toInt(),
             2);
}

void tst_Kubectl::watchSeesAChange()
{
    QProcess watch;
    watch.start(QStringLiteral("kubectl"),
                {QStringLiteral("--kubeconfig"), m_server.kubeconfig(), QStringLiteral("get"),
                 QStringLiteral("configmap"), QStringLiteral("settings"), QStringLiteral("-n"),
                 QStringLiteral("shop"), QStringLiteral("-w"),
                 QStringLiteral("--output-watch-events"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.type} {.object.data.mode}{\"\\n\"}")});
    QVERIFY(watch.waitForStarted());
    QByteArray seen;
    const auto waitFor = [&](const QByteArray &text) {
        QDeadlineTimer deadline(20000);
        while (!seen.contains(text) && !deadline.hasExpired()) {
            watch.waitForReadyRead(200);
            seen += watch.readAllStandardOutput();
        }
        return seen.contains(text);
    };
    QVERIFY2(waitFor("ADDED production"), seen.constData());
    const CommandResult patched =
        kubectl({QStringLiteral("patch"), QStringLiteral("configmap"), QStringLiteral("settings"),
                 QStringLiteral("-n"), QStringLiteral("shop"), QStringLiteral("--type=merge"),
                 QStringLiteral("-p"), QStringLiteral("{\"data\":{\"mode\":\"maintenance\"}}")});
    QVERIFY2(patched.exitCode == 0, qPrintable(patched.err));
    QVERIFY2(waitFor("MODIFIED maintenance"), seen.constData());
    watch.kill();
    watch.waitForFinished();
}

void tst_Kubectl::scaleAndEditAreRecordedUnderTheirManagers()
{
    CommandResult result =
        kubectl({QStringLiteral("scale"), QStringLiteral("deployment"), QStringLiteral("web"),
                 QStringLiteral("-n"), QStringLiteral("shop"), QStringLiteral("--replicas=4")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = kubectl(
        {QStringLiteral("patch"), QStringLiteral("deployment"), QStringLiteral("web"),
         QStringLiteral("-n"), QStringLiteral("shop"),
         QStringLiteral("--field-manager=kubectl-edit"), QStringLiteral("-p"),
         QStringLiteral("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\","
                        "\"image\":\"nginx:1.28\"}]}}}}")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));

    const QJsonObject deployment =
        getJson(QStringLiteral("deployment"), QStringLiteral("web"), QStringLiteral("shop"));
    QCOMPARE(deployment.value(u"spec").toObject().value(u"replicas").toInt(), 4);
    QCOMPARE(deployment.value(u"metadata").toObject().value(u"generation").toInt(), 3);
    QHash<QString, QJsonObject> byManager;
    for (const QJsonValue &entry :
         deployment.value(u"metadata").toObject().value(u"managedFields").toArray())
        byManager.insert(entry.toObject().value(u"manager").toString(), entry.toObject());
    QVERIFY2(byManager.contains(QStringLiteral("kubectl-edit")),
             qPrintable(QStringList(byManager.keys()).join(u',')));
    QCOMPARE(byManager.value(QStringLiteral("kubectl-edit")).value(u"operation").toString(),
             QStringLiteral("Update"));
    const QByteArray editFields =
        QJsonDocument(byManager.value(QStringLiteral("kubectl-edit")).value(u"fieldsV1").toObject())
            .toJson(QJsonDocument::Compact);
    QVERIFY2(editFields.contains("f:image"), editFields.constData());
    // The scale went through the scale subresource, under kubectl's own manager name.
    bool scaleRecorded = false;
    for (const QJsonObject &entry : std::as_const(byManager)) {
        if (entry.value(u"subresource").toString() == u"scale")
            scaleRecorded =
                QJsonDocument(entry.value(u"fieldsV1").toObject()).toJson().contains("f:replicas");
    }
    QVERIFY(scaleRecorded);
}

void tst_Kubectl::deleteRemoves()
{
    // kubectl create sends protobuf, which the emulator answers with 415 (see README);
    // apply sends JSON.
    CommandResult result = kubectl(
        {QStringLiteral("apply"), QStringLiteral("--server-side"),
         QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
        {},
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doomed\n  namespace: shop\ndata:\n  "
        "a: b\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = kubectl({QStringLiteral("delete"), QStringLiteral("configmap"),
                      QStringLiteral("doomed"), QStringLiteral("-n"), QStringLiteral("shop")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QStringLiteral("configmap \"doomed\" deleted")));
    result = kubectl({QStringLiteral("get"), QStringLiteral("configmap"), QStringLiteral("doomed"),
                      QStringLiteral("-n"), QStringLiteral("shop")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(
                 QStringLiteral("Error from server (NotFound): configmaps \"doomed\" not found")),
             qPrintable(result.err));
}

void tst_Kubectl::readOnlyUserIsForbidden()
{
    CommandResult result =
        kubectl({QStringLiteral("get"), QStringLiteral("deployments"), QStringLiteral("-A")},
                QStringLiteral("reader"));
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(QStringLiteral("web")));
    result = kubectl({QStringLiteral("delete"), QStringLiteral("configmap"),
                      QStringLiteral("settings"), QStringLiteral("-n"), QStringLiteral("shop")},
                     QStringLiteral("reader"));
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(
        result.err.contains(QStringLiteral(
            "Error from server (Forbidden): configmaps \"settings\" is forbidden: User \"reader\" "
            "cannot delete resource \"configmaps\" in API group \"\" in the namespace \"shop\"")),
        qPrintable(result.err));
}

void tst_Kubectl::restrictedUserStaysInItsNamespace()
{
    CommandResult result =
        kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                 QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                {}, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // The restricted context's default namespace is team-a.
    result =
        kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                 QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                QStringLiteral("restricted"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\ndata:\n  a: b\n");
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    result = kubectl({QStringLiteral("get"), QStringLiteral("configmaps"), QStringLiteral("-n"),
                      QStringLiteral("shop")},
                     QStringLiteral("restricted"));
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("(Forbidden)")), qPrintable(result.err));
}

void tst_Kubectl::badTokenIsUnauthorized()
{
    const CommandResult result =
        kubectl({QStringLiteral("get"), QStringLiteral("pods"),
                 QStringLiteral("--token=not-a-token"), QStringLiteral("--user=reader")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("Unauthorized")), qPrintable(result.err));
}

void tst_Kubectl::applyConflictsNameTheManager()
{
    // Once kubectl-edit owns the image, applying another image without --force-conflicts is
    // refused with the real server's wording.
    CommandResult edited =
        kubectl({QStringLiteral("patch"), QStringLiteral("deployment"), QStringLiteral("web"),
                 QStringLiteral("-n"), QStringLiteral("shop"),
                 QStringLiteral("--field-manager=kubectl-edit"), QStringLiteral("-p"),
                 QStringLiteral("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":"
                                "\"web\",\"image\":\"nginx:1.28\"}]}}}}")});
    QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
    QByteArray manifest;
    QFile file(data(QStringLiteral("web.yaml")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    manifest = file.readAll().replace("nginx:1.27", "nginx:1.29");
    CommandResult result =
        kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                 QStringLiteral("--validate=false"), QStringLiteral("-f"), QStringLiteral("-")},
                {}, manifest);
    QCOMPARE(result.exitCode, 1);
    // One conflict, or two when an earlier test scaled the Deployment (kubectl, subresource
    // scale): the Status names each manager with its API version, and each field.
    for (const QString &expected :
         {QStringLiteral("Apply failed with "), QStringLiteral("\"kubectl-edit\" using apps/v1"),
          QStringLiteral(".spec.template.spec.containers[name=\"web\"].image"),
          QStringLiteral("--force-conflicts")})
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    result = kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                      QStringLiteral("--force-conflicts"), QStringLiteral("--validate=false"),
                      QStringLiteral("-f"), QStringLiteral("-")},
                     {}, manifest);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
}

void tst_Kubectl::seedsAndDumpsStateOnSigterm()
{
    KubeEmulatorProcess seeded;
    QTemporaryDir dir;
    const QString dump = dir.filePath(QStringLiteral("state.json"));
    QString error;
    QVERIFY2(seeded.start(QStringLiteral(KUBE_EMULATOR),
                          {QStringLiteral("--seed"), data(QStringLiteral("seed")),
                           QStringLiteral("--state-dump"), dump},
                          &error),
             qPrintable(error));
    const CommandResult result = gitops::test::runCommand(
        QStringLiteral("kubectl"),
        {QStringLiteral("--kubeconfig"), seeded.kubeconfig(), QStringLiteral("get"),
         QStringLiteral("applications.argoproj.io,configmaps"), QStringLiteral("-n"),
         QStringLiteral("demo"), QStringLiteral("-o"), QStringLiteral("name")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.out, QStringLiteral("application.argoproj.io/demo\nconfigmap/listed\n"));

    seeded.stop(); // SIGTERM
    QFile file(dump);
    QVERIFY2(file.open(QIODevice::ReadOnly), "no state dump after SIGTERM");
    const QJsonArray objects =
        QJsonDocument::fromJson(file.readAll()).object().value(u"objects").toArray();
    QStringList seen;
    for (const QJsonValue &object : objects) {
        seen << object[u"kind"].toString() + u'/' + object[u"metadata"][u"name"].toString();
        if (object[u"kind"].toString() == u"ConfigMap")
            QCOMPARE(object[u"metadata"][u"managedFields"][0][u"manager"].toString(),
                     QStringLiteral("seed"));
    }
    QVERIFY2(seen.contains(QStringLiteral("Application/demo")), qPrintable(seen.join(u',')));
    QVERIFY(seen.contains(QStringLiteral("CustomResourceDefinition/applications.argoproj.io")));
}

// Runs a write and checks kubectl's one line of output; QVERIFY-style failure messages.
bool tst_Kubectl::kubectlSucceeds(const QStringList &arguments, const QString &expectedOut)
{
    const CommandResult result = kubectl(arguments);
    if (result.exitCode != 0 || result.out != expectedOut) {
        qWarning("kubectl %s: exit %d, out %s, err %s", qPrintable(arguments.join(u' ')),
                 result.exitCode, qPrintable(result.out), qPrintable(result.err));
        return false;
    }
    return true;
}

void tst_Kubectl::createWritesInProtobuf()
{
    QVERIFY(kubectlSucceeds(
        {QStringLiteral("create"), QStringLiteral("namespace"), QStringLiteral("imperative")},
        QStringLiteral("namespace/imperative created\n")));
    const CommandResult result =
        kubectl({QStringLiteral("get"), QStringLiteral("namespace"), QStringLiteral("imperative"),
                 QStringLiteral("-o"), QStringLiteral("json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject ns = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(ns[u"metadata"][u"name"].toString(), QStringLiteral("imperative"));
    QCOMPARE(ns[u"status"][u"phase"].toString(), QStringLiteral("Active"));

    // An empty value is a value: a real server keeps it in the map.
    QVERIFY(kubectlSucceeds(
        {QStringLiteral("create"), QStringLiteral("configmap"), QStringLiteral("settings"),
         QStringLiteral("-n"), QStringLiteral("imperative"),
         QStringLiteral("--from-literal=mode=fast"), QStringLiteral("--from-literal=empty=")},
        QStringLiteral("configmap/settings created\n")));
    const QJsonObject settings = getJson(QStringLiteral("configmap"), QStringLiteral("settings"),
                                         QStringLiteral("imperative"));
    QCOMPARE(settings[u"data"].toObject(),
             (QJsonObject{{QStringLiteral("mode"), QStringLiteral("fast")},
                          {QStringLiteral("empty"), QString()}}));
    const QJsonArray managed = settings[u"metadata"][u"managedFields"].toArray();
    QCOMPARE(managed.size(), 1);
    QCOMPARE(managed.at(0)[u"manager"].toString(), QStringLiteral("kubectl-create"));
    QVERIFY(managed.at(0)[u"fieldsV1"][u"f:data"][u"f:mode"].isObject());
}

void tst_Kubectl::createDeploymentStoresItsSpec()
{
    QVERIFY(kubectlSucceeds({QStringLiteral("create"), QStringLiteral("deployment"),
                             QStringLiteral("web"), QStringLiteral("-n"),
                             QStringLiteral("imperative"), QStringLiteral("--image=nginx:1.27"),
                             QStringLiteral("--replicas=3"), QStringLiteral("--port=80")},
                            QStringLiteral("deployment.apps/web created\n")));
    const QJsonObject web =
        getJson(QStringLiteral("deployment"), QStringLiteral("web"), QStringLiteral("imperative"));
    QCOMPARE(web[u"apiVersion"].toString(), QStringLiteral("apps/v1"));
    QCOMPARE(web[u"metadata"][u"labels"].toObject(),
             (QJsonObject{{QStringLiteral("app"), QStringLiteral("web")}}));
    const QJsonObject spec = web[u"spec"].toObject();
    QCOMPARE(spec[u"replicas"].toInt(-1), 3);
    QCOMPARE(spec[u"selector"][u"matchLabels"].toObject(),
             (QJsonObject{{QStringLiteral("app"), QStringLiteral("web")}}));
    QCOMPARE(spec[u"template"][u"metadata"][u"labels"].toObject(),
             (QJsonObject{{QStringLiteral("app"), QStringLiteral("web")}}));
    // A zero metav1.Time, as a real server stores a template's.
    QVERIFY(spec[u"template"][u"metadata"].toObject().contains(u"creationTimestamp"));
    QVERIFY(spec[u"template"][u"metadata"][u"creationTimestamp"].isNull());
    const QJsonObject container = spec[u"template"][u"spec"][u"containers"][0].toObject();
    QCOMPARE(container[u"name"].toString(), QStringLiteral("nginx"));
    QCOMPARE(container[u"image"].toString(), QStringLiteral("nginx:1.27"));
    QCOMPARE(container[u"ports"][0][u"containerPort"].toInt(), 80);
    // Zero scalars the Go code marshals but encoding/json omits are not stored.
    QVERIFY2(!spec.contains(u"minReadySeconds"), QJsonDocument(spec).toJson().constData());
    QVERIFY(!spec[u"template"][u"spec"].toObject().contains(u"hostNetwork"));
    QVERIFY(!container.contains(u"workingDir"));

    // A zero the user asked for stays zero (a pointer field in Go), not the default of 1.
    QVERIFY(kubectlSucceeds({QStringLiteral("create"), QStringLiteral("deployment"),
                             QStringLiteral("parked"), QStringLiteral("-n"),
                             QStringLiteral("imperative"), QStringLiteral("--image=nginx"),
                             QStringLiteral("--replicas=0")},
                            QStringLiteral("deployment.apps/parked created\n")));
    QCOMPARE(getJson(QStringLiteral("deployment"), QStringLiteral("parked"),
                     QStringLiteral("imperative"))[u"spec"][u"replicas"]
                 .toInt(-1),
             0);
}

void tst_Kubectl::secretDataRoundTripsAsBase64()
{
    // Bytes base64 itself would escape: '+', '/', '=' and UTF-8.
    const QString password = QStringLiteral("p\u00e4ss=w/rd+?");
    QVERIFY(kubectlSucceeds({QStringLiteral("create"), QStringLiteral("secret"),
                             QStringLiteral("generic"), QStringLiteral("db"), QStringLiteral("-n"),
                             QStringLiteral("imperative"),
                             QStringLiteral("--from-literal=password=") + password,
                             QStringLiteral("--from-literal=user=admin")},
                            QStringLiteral("secret/db created\n")));
    const QJsonObject secret =
        getJson(QStringLiteral("secret"), QStringLiteral("db"), QStringLiteral("imperative"));
    QCOMPARE(secret[u"type"].toString(), QStringLiteral("Opaque"));
    const QJsonObject data = secret[u"data"].toObject();
    QCOMPARE(data.size(), 2);
    QCOMPARE(data[u"password"].toString(), QString::fromLatin1(password.toUtf8().toBase64()));
    QCOMPARE(QByteArray::fromBase64(data[u"user"].toString().toLatin1()), QByteArray("admin"));

    const CommandResult decoded =
        kubectl({QStringLiteral("get"), QStringLiteral("secret"), QStringLiteral("db"),
                 QStringLiteral("-n"), QStringLiteral("imperative"), QStringLiteral("-o"),
                 QStringLiteral("jsonpath={.data.password}")});
    QVERIFY2(decoded.exitCode == 0, qPrintable(decoded.err));
    QCOMPARE(QString::fromUtf8(QByteArray::fromBase64(decoded.out.toLatin1())), password);
}

void tst_Kubectl::servicePortsKeepIntOrString()
{
    QVERIFY(kubectlSucceeds({QStringLiteral("create"), QStringLiteral("service"),
                             QStringLiteral("clusterip"), QStringLiteral("numbered"),
                             QStringLiteral("-n"), QStringLiteral("imperative"),
                             QStringLiteral("--tcp=80:8080"), QStringLiteral("--tcp=443:https")},
                            QStringLiteral("service/numbered created\n")));
    const QJsonObject service = getJson(QStringLiteral("service"), QStringLiteral("numbered"),
                                        QStringLiteral("imperative"));
    QCOMPARE(service[u"spec"][u"type"].toString(), QStringLiteral("ClusterIP"));
    QVERIFY(service[u"spec"][u"clusterIP"].toString().startsWith(QStringLiteral("10.96.")));
    QCOMPARE(service[u"spec"][u"selector"].toObject(),
             (QJsonObject{{QStringLiteral("app"), QStringLiteral("numbered")}}));
    const QJsonArray ports = service[u"spec"][u"ports"].toArray();
    QCOMPARE(ports.size(), 2);
    QCOMPARE(ports.at(0)[u"name"].toString(), QStringLiteral("80-8080"));
    QCOMPARE(ports.at(0)[u"port"].toInt(), 80);
    QVERIFY(ports.at(0)[u"targetPort"].isDouble());
    QCOMPARE(ports.at(0)[u"targetPort"].toInt(), 8080);
    QCOMPARE(ports.at(1)[u"port"].toInt(), 443);
    QCOMPARE(ports.at(1)[u"targetPort"].toString(), QStringLiteral("https"));
    QCOMPARE(ports.at(1)[u"protocol"].toString(), QStringLiteral("TCP"));
}

void tst_Kubectl::jobAndCronJobKeepTheirCommands()
{
    QVERIFY(
        kubectlSucceeds({QStringLiteral("create"), QStringLiteral("job"), QStringLiteral("migrate"),
                         QStringLiteral("-n"), QStringLiteral("imperative"),
                         QStringLiteral("--image=busybox"), QStringLiteral("--"),
                         QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo done")},
                        QStringLiteral("job.batch/migrate created\n")));
    const QJsonObject job =
        getJson(QStringLiteral("job"), QStringLiteral("migrate"), QStringLiteral("imperative"));
    const QJsonObject podSpec = job[u"spec"][u"template"][u"spec"].toObject();
    QCOMPARE(podSpec[u"restartPolicy"].toString(), QStringLiteral("Never"));
    QCOMPARE(podSpec[u"containers"][0][u"image"].toString(), QStringLiteral("busybox"));
    QCOMPARE(podSpec[u"containers"][0][u"command"].toArray(),
             (QJsonArray{QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo done")}));

    QVERIFY(kubectlSucceeds(
        {QStringLiteral("create"), QStringLiteral("cronjob"), QStringLiteral("nightly"),
         QStringLiteral("-n"), QStringLiteral("imperative"), QStringLiteral("--image=busybox"),
         QStringLiteral("--schedule=30 2 * * 1-5"), QStringLiteral("--"), QStringLiteral("date")},
        QStringLiteral("cronjob.batch/nightly created\n")));
    const QJsonObject cronJob =
        getJson(QStringLiteral("cronjob"), QStringLiteral("nightly"), QStringLiteral("imperative"));
    QCOMPARE(cronJob[u"spec"][u"schedule"].toString(), QStringLiteral("30 2 * * 1-5"));
    const QJsonObject jobTemplate = cronJob[u"spec"][u"jobTemplate"].toObject();
    QCOMPARE(jobTemplate[u"metadata"][u"name"].toString(), QStringLiteral("nightly"));
    QCOMPARE(jobTemplate[u"spec"][u"template"][u"spec"][u"restartPolicy"].toString(),
             QStringLiteral("OnFailure"));
    QCOMPARE(jobTemplate[u"spec"][u"template"][u"spec"][u"containers"][0][u"command"].toArray(),
             QJsonArray{QStringLiteral("date")});
}

void tst_Kubectl::runAndExposeWriteInProtobuf()
{
    QVERIFY(kubectlSucceeds({QStringLiteral("run"), QStringLiteral("probe"), QStringLiteral("-n"),
                             QStringLiteral("imperative"), QStringLiteral("--image=nginx"),
                             QStringLiteral("--port=8080"), QStringLiteral("--labels=app=probe"),
                             QStringLiteral("--env=MODE=test")},
                            QStringLiteral("pod/probe created\n")));
    const QJsonObject pod =
        getJson(QStringLiteral("pod"), QStringLiteral("probe"), QStringLiteral("imperative"));
    QCOMPARE(pod[u"metadata"][u"labels"].toObject(),
             (QJsonObject{{QStringLiteral("app"), QStringLiteral("probe")}}));
    const QJsonObject container = pod[u"spec"][u"containers"][0].toObject();
    QCOMPARE(container[u"name"].toString(), QStringLiteral("probe"));
    QCOMPARE(container[u"image"].toString(), QStringLiteral("nginx"));
    QCOMPARE(container[u"ports"][0][u"containerPort"].toInt(), 8080);
    QCOMPARE(container[u"env"].toArray(),
             (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("MODE")},
                                     {QStringLiteral("value"), QStringLiteral("test")}}}));

    QVERIFY(kubectlSucceeds(
        {QStringLiteral("expose"), QStringLiteral("pod"), QStringLiteral("probe"),
         QStringLiteral("-n"), QStringLiteral("imperative"), QStringLiteral("--port=80"),
         QStringLiteral("--target-port=8080"), QStringLiteral("--name=probe-svc")},
        QStringLiteral("service/probe-svc exposed\n")));
    const QJsonObject service = getJson(QStringLiteral("service"), QStringLiteral("probe-svc"),
                                        QStringLiteral("imperative"));
    QCOMPARE(service[u"spec"][u"selector"].toObject(),
             (QJsonObject{{QStringLiteral("app"), QStringLiteral("probe")}}));
    QCOMPARE(service[u"spec"][u"ports"][0][u"port"].toInt(), 80);
    QCOMPARE(service[u"spec"][u"ports"][0][u"targetPort"].toInt(), 8080);
}

void tst_Kubectl::createAndReplaceFromAFile()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString file = folder.filePath(QStringLiteral("worker.yaml"));
    const auto write = [&](int replicas) {
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly))
            return false;
        out.write("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n"
                  "  namespace: imperative\nspec:\n  replicas: "
                  + QByteArray::number(replicas)
                  + "\n  selector:\n    matchLabels: {app: worker}\n  template:\n"
                    "    metadata:\n      labels: {app: worker}\n    spec:\n"
                    "      containers:\n      - name: worker\n        image: busybox\n");
        return true;
    };
    QVERIFY(write(2));
    QVERIFY(kubectlSucceeds(
        {QStringLiteral("create"), QStringLiteral("--validate=false"), QStringLiteral("-f"), file},
        QStringLiteral("deployment.apps/worker created\n")));
    QCOMPARE(getJson(QStringLiteral("deployment"), QStringLiteral("worker"),
                     QStringLiteral("imperative"))[u"spec"][u"replicas"]
                 .toInt(),
             2);
    QVERIFY(write(4));
    QVERIFY(kubectlSucceeds(
        {QStringLiteral("replace"), QStringLiteral("--validate=false"), QStringLiteral("-f"), file},
        QStringLiteral("deployment.apps/worker replaced\n")));
    const QJsonObject worker = getJson(QStringLiteral("deployment"), QStringLiteral("worker"),
                                       QStringLiteral("imperative"));
    QCOMPARE(worker[u"spec"][u"replicas"].toInt(), 4);
    QCOMPARE(worker[u"metadata"][u"generation"].toInt(), 2);
}

QTEST_GUILESS_MAIN(tst_Kubectl)
#include "tst_kubectl.moc"
