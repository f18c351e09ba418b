// The local API server checked with the real kubectl (Debian 13's kubernetes-client).
#include "kubeemulatorprocess.h"

#include <QDateTime>
#include <QDir>
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

private:
    CommandResult kubectl(const QStringList &arguments, const QString &context = {},
                          const QByteArray &input = {});
    QJsonObject getJson(const QString &kind, const QString &name, const QString &ns);
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

QTEST_GUILESS_MAIN(tst_Kubectl)
#include "tst_kubectl.moc"
