#include "apply.h"
#include "defaults.h"
#include "fieldset.h"
#include "jsonliteral.h"

#include <QTest>

using namespace kubeemu;
using test::compact;

namespace {
const TypeRef deployment{QStringLiteral("apps"), QStringLiteral("v1"),
                         QStringLiteral("Deployment")};
const TypeRef configMap{QString(), QStringLiteral("v1"), QStringLiteral("ConfigMap")};
const TypeRef widget{QStringLiteral("example.com"), QStringLiteral("v1"), QStringLiteral("Widget")};
const QDateTime t0 = QDateTime(QDate(2026, 11, 29), QTime(5, 0, 0), QTimeZone::UTC);
const QDateTime t1 = t0.addSecs(60);
const QDateTime t2 = t0.addSecs(120);

// The manifest `kubectl apply --server-side` sends for the usual nginx Deployment.
const char *const manifest = R"({"apiVersion":"apps/v1","kind":"Deployment",
  "metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},
  "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
    "template":{"metadata":{"labels":{"app":"web"}},
      "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}})";

QJsonObject managedEntry(const QJsonObject &object, const QString &manager)
{
    for (const QJsonValue &v :
         object[QLatin1String("metadata")][QLatin1String("managedFields")].toArray())
        if (v[QLatin1String("manager")].toString() == manager)
            return v.toObject();
    return {};
}

QStringList managers(const QJsonObject &object)
{
    QStringList out;
    for (const QJsonValue &v :
         object[QLatin1String("metadata")][QLatin1String("managedFields")].toArray())
        out << v[QLatin1String("manager")].toString() + QLatin1Char('/')
                + v[QLatin1String("operation")].toString();
    return out;
}

// What the server stores after an apply: the outcome, defaulted.
QJsonObject applied(const TypeRef &type, const QJsonObject &live, const QJsonObject &config,
                    const QString &manager, const QDateTime &now, bool force = false)
{
    ApplyOutcome outcome = serverSideApply(type, live, config, manager, force, now);
    if (!outcome.conflicts.isEmpty() || !outcome.error.isEmpty())
        qFatal("unexpected conflict or error: %s", qPrintable(outcome.error));
    applyDefaults(type, outcome.object);
    return outcome.object;
}
} // namespace

class tst_Apply : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldsV1RoundTrip();
    void createRecordsExactFieldsV1();
    void identicalApplyIsNoOp();
    void conflictWithUpdateManager();
    void forceTakesOwnership();
    void sameValueSharesOwnership();
    void prunesFieldsNoLongerApplied_data();
    void prunesFieldsNoLongerApplied();
    void keepsFieldsOthersOwn();
    void associativeListMerge();
    void customResourceListsAreAtomic();
    void emptyMapsAreNotOwnedByApply();
    void updateOnCreateRecordsGoZeroValues();
    void createLeavesStrategyFieldsUnowned();
    void generateNameIsOwned();
    void updateTakesFieldsFromOthers();
    void updateWithoutChangeKeepsEntries();
    void statusAndScaleSubresources();
    void resetManagedFields();
    void firstApplyToUntrackedObject();
    void updateManagersAreCapped();
    void rejectsBadConfigurations_data();
    void rejectsBadConfigurations();
    void conflictMessages();
    void conflictDescriptions_data();
    void conflictDescriptions();
};

void tst_Apply::fieldsV1RoundTrip()
{
    const QJsonObject fields = test::object(R"({"f:metadata":{"f:labels":{".":{},"f:app":{}}},
        "f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}},"f:finalizers":{"v:\"x\"":{}}}})");
    const FieldSet set = FieldSet::fromFieldsV1(fields);
    QVERIFY(set.contains({QStringLiteral("f:metadata"), QStringLiteral("f:labels")}));
    QVERIFY(!set.contains({QStringLiteral("f:metadata")}));
    QVERIFY(set.contains({QStringLiteral("f:spec"), QStringLiteral("f:containers"),
                          QStringLiteral(R"(k:{"name":"web"})")}));
    QCOMPARE(set.paths().size(), size_t(5));
    QCOMPARE(compact(set.toFieldsV1()), compact(fields));
}

void tst_Apply::createRecordsExactFieldsV1()
{
    const QJsonObject object =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    const QJsonArray managed =
        object[QLatin1String("metadata")][QLatin1String("managedFields")].toArray();
    QCOMPARE(managed.size(), 1);
    // As a real API server records `kubectl apply --server-side`: the selector is atomic,
    // list items carry ".", the port key includes protocol's default, identity metadata
    // and defaults are not owned.
    const QJsonObject expected = test::object(R"({"apiVersion":"apps/v1","fieldsType":"FieldsV1",
      "fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},
        "f:spec":{"f:replicas":{},"f:selector":{},
          "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
            "f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{},
              "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}},
      "manager":"kubectl","operation":"Apply","time":"2026-11-29T05:00:00Z"})");
    QCOMPARE(compact(managed.first()), compact(expected));
    QCOMPARE(object[QLatin1String("spec")][QLatin1String("replicas")].toInt(), 2);
    QCOMPARE(object[QLatin1String("metadata")][QLatin1String("name")].toString(),
             QStringLiteral("web"));
}

void tst_Apply::identicalApplyIsNoOp()
{
    const QJsonObject first =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    const QJsonObject second =
        applied(deployment, first, test::object(manifest), QStringLiteral("kubectl"), t1);
    // Same object, same managedFields (the time does not move): the server keeps the
    // resourceVersion.
    QCOMPARE(compact(second), compact(first));
}

void tst_Apply::conflictWithUpdateManager()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    // `kubectl edit` sets replicas to 5 (an Update).
    QJsonObject edited = created;
    QJsonObject spec = edited[QLatin1String("spec")].toObject();
    spec[QLatin1String("replicas")] = 5;
    edited[QLatin1String("spec")] = spec;
    edited =
        recordUpdate(deployment, created, edited, QStringLiteral("kubectl-edit"), QString(), t1);
    QCOMPARE(
        compact(managedEntry(edited, QStringLiteral("kubectl-edit"))[QLatin1String("fieldsV1")]),
        QStringLiteral(R"({"f:spec":{"f:replicas":{}}})"));
    // The applier lost the field.
    QVERIFY(!compact(managedEntry(edited, QStringLiteral("kubectl"))[QLatin1String("fieldsV1")])
                 .contains(QLatin1String("f:replicas")));

    // Re-applying replicas 2: conflict with kubectl-edit on .spec.replicas.
    const ApplyOutcome outcome = serverSideApply(deployment, edited, test::object(manifest),
                                                 QStringLiteral("kubectl"), false, t2);
    QCOMPARE(outcome.conflicts.size(), 1);
    QCOMPARE(outcome.conflicts.first().manager, QStringLiteral("kubectl-edit"));
    QCOMPARE(outcome.conflicts.first().field, QStringLiteral(".spec.replicas"));
    QCOMPARE(
        applyConflictMessage(outcome.conflicts),
        QStringLiteral(
            R"(Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas)"));
}

void tst_Apply::forceTakesOwnership()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    QJsonObject edited = created;
    QJsonObject spec = edited[QLatin1String("spec")].toObject();
    spec[QLatin1String("replicas")] = 5;
    edited[QLatin1String("spec")] = spec;
    edited =
        recordUpdate(deployment, created, edited, QStringLiteral("kubectl-edit"), QString(), t1);

    const QJsonObject forced =
        applied(deployment, edited, test::object(manifest), QStringLiteral("kubectl"), t2, true);
    QCOMPARE(forced[QLatin1String("spec")][QLatin1String("replicas")].toInt(), 2);
    // kubectl-edit owned nothing else, so its entry is gone.
    QCOMPARE(managers(forced), QStringList{QStringLiteral("kubectl/Apply")});
    QCOMPARE(managedEntry(forced, QStringLiteral("kubectl"))[QLatin1String("time")].toString(),
             QStringLiteral("2026-11-29T05:02:00Z"));
}

void tst_Apply::sameValueSharesOwnership()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    const QJsonObject other = test::object(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default"},"spec":{"replicas":2}})");
    const ApplyOutcome shared =
        serverSideApply(deployment, created, other, QStringLiteral("argocd"), false, t1);
    QVERIFY(shared.conflicts.isEmpty());
    QCOMPARE(
        compact(managedEntry(shared.object, QStringLiteral("argocd"))[QLatin1String("fieldsV1")]),
        QStringLiteral(R"({"f:spec":{"f:replicas":{}}})"));
    QVERIFY(
        compact(managedEntry(shared.object, QStringLiteral("kubectl"))[QLatin1String("fieldsV1")])
            .contains(QLatin1String("f:replicas")));

    // A different value from a shared field's co-owner conflicts with the other owner.
    QJsonObject changed = other;
    changed[QLatin1String("spec")] = QJsonObject{{QStringLiteral("replicas"), 4}};
    const ApplyOutcome conflict =
        serverSideApply(deployment, shared.object, changed, QStringLiteral("argocd"), false, t2);
    QCOMPARE(conflict.conflicts.size(), 1);
    QCOMPARE(conflict.conflicts.first().manager, QStringLiteral("kubectl"));
}

void tst_Apply::prunesFieldsNoLongerApplied_data()
{
    QTest::addColumn<QString>("second");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("label removed") << QStringLiteral(
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}},"data":{"k":"v"}})")
                                   << QStringLiteral("metadata.labels")
                                   << QStringLiteral(R"({"a":"1"})");
    QTest::newRow("data key removed") << QStringLiteral(
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","b":"2"}},"data":{}})")
                                      << QStringLiteral("data")
                                      << QStringLiteral("null"); // an emptied map is omitted
    QTest::newRow("all labels removed")
        << QStringLiteral(
               R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}})")
        << QStringLiteral("metadata.labels") << QStringLiteral("null");
}

void tst_Apply::prunesFieldsNoLongerApplied()
{
    QFETCH(QString, second);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const QJsonObject first = applied(
        configMap, {},
        test::object(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","b":"2"}},"data":{"k":"v"}})"),
        QStringLiteral("ci"), t0);
    const QJsonObject result = applied(configMap, first, test::object(second.toUtf8().constData()),
                                       QStringLiteral("ci"), t1);
    QJsonValue node = result;
    for (const QString &step : path.split(QLatin1Char('.')))
        node = node.toObject().value(step);
    QCOMPARE(node.isUndefined() ? QStringLiteral("null") : compact(node), expected);
}

void tst_Apply::keepsFieldsOthersOwn()
{
    const QJsonObject first = applied(
        configMap, {},
        test::object(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}},"data":{"k":"v"}})"),
        QStringLiteral("ci"), t0);
    const QJsonObject both = applied(
        configMap, first,
        test::object(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1"}}})"),
        QStringLiteral("other"), t1);
    const QJsonObject result = applied(
        configMap, both,
        test::object(
            R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"v"}})"),
        QStringLiteral("ci"), t2);
    // "other" still applies label a, so it stays; ci gave it up.
    QCOMPARE(compact(result[QLatin1String("metadata")][QLatin1String("labels")]),
             QStringLiteral(R"({"a":"1"})"));
    QCOMPARE(compact(managedEntry(result, QStringLiteral("ci"))[QLatin1String("fieldsV1")]),
             QStringLiteral(R"({"f:data":{"f:k":{}}})"));
}

void tst_Apply::associativeListMerge()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    // A second manager adds a sidecar container: merged by name, the first container stays.
    const QJsonObject sidecar = test::object(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"default"},
        "spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoy:1"}]}}}})");
    const QJsonObject merged = applied(deployment, created, sidecar, QStringLiteral("mesh"), t1);
    const QJsonArray containers = merged[QLatin1String("spec")][QLatin1String("template")]
                                        [QLatin1String("spec")][QLatin1String("containers")]
                                            .toArray();
    QCOMPARE(containers.size(), 2);
    QCOMPARE(containers.at(0)[QLatin1String("name")].toString(), QStringLiteral("web"));
    QCOMPARE(containers.at(1)[QLatin1String("name")].toString(), QStringLiteral("proxy"));

    // The first manager drops its container: only "proxy" is left.
    QJsonObject withoutWeb = test::object(manifest);
    QJsonObject spec = withoutWeb[QLatin1String("spec")].toObject();
    spec.remove(QLatin1String("template"));
    withoutWeb[QLatin1String("spec")] = spec;
    const QJsonObject pruned =
        applied(deployment, merged, withoutWeb, QStringLiteral("kubectl"), t2);
    const QJsonArray left = pruned[QLatin1String("spec")][QLatin1String("template")]
                                  [QLatin1String("spec")][QLatin1String("containers")]
                                      .toArray();
    QVERIFY2(left.size() == 1, qPrintable(compact(pruned)));
    QCOMPARE(left.at(0)[QLatin1String("name")].toString(), QStringLiteral("proxy"));
}

void tst_Apply::customResourceListsAreAtomic()
{
    const QJsonObject first = applied(
        widget, {},
        test::object(
            R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"name":"a"}]}})"),
        QStringLiteral("ci"), t0);
    QCOMPARE(compact(managedEntry(first, QStringLiteral("ci"))[QLatin1String("fieldsV1")]),
             QStringLiteral(R"({"f:spec":{"f:items":{}}})"));
    const QJsonObject second = applied(
        widget, first,
        test::object(
            R"({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"items":[{"name":"b"}]}})"),
        QStringLiteral("ci"), t1);
    QCOMPARE(compact(second[QLatin1String("spec")]), QStringLiteral(R"({"items":[{"name":"b"}]})"));
}

void tst_Apply::emptyMapsAreNotOwnedByApply()
{
    // ToFieldSet records list items and leaves; an empty struct such as emptyDir: {} adds no
    // field of its own (an Update's comparison does record it, see below).
    const QJsonObject object =
        applied(deployment, {},
                test::object(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
          "spec":{"template":{"spec":{"volumes":[{"name":"cache","emptyDir":{}}]}}}})"),
                QStringLiteral("ci"), t0);
    QCOMPARE(
        compact(managedEntry(object, QStringLiteral("ci"))[QLatin1String("fieldsV1")]),
        QStringLiteral(
            R"({"f:spec":{"f:template":{"f:spec":{"f:volumes":{"k:{\"name\":\"cache\"}":{".":{},"f:name":{}}}}}}})"));
}

void tst_Apply::updateOnCreateRecordsGoZeroValues()
{
    // `kubectl create` (client-side) of the nginx Deployment: the defaulted object is stored
    // and the real server records this Update.
    QJsonObject object = test::object(R"({"apiVersion":"apps/v1","kind":"Deployment",
      "metadata":{"name":"nginx","namespace":"default","labels":{"app":"nginx"}},
      "spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},
        "template":{"metadata":{"labels":{"app":"nginx"}},
          "spec":{"containers":[{"name":"nginx","image":"nginx:1.14.2","ports":[{"containerPort":80}]}]}}}})");
    applyDefaults(deployment, object);
    const QJsonObject recorded =
        recordUpdate(deployment, {}, object, QStringLiteral("kubectl-create"), QString(), t0);
    const QJsonObject expected = test::object(R"({
      "f:metadata":{"f:labels":{".":{},"f:app":{}}},
      "f:spec":{"f:progressDeadlineSeconds":{},"f:replicas":{},"f:revisionHistoryLimit":{},"f:selector":{},
        "f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},
        "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
          "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},
              "f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},
              "f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},
            "f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},
            "f:terminationGracePeriodSeconds":{}}}}})");
    const QJsonObject entry = managedEntry(recorded, QStringLiteral("kubectl-create"));
    QCOMPARE(compact(entry[QLatin1String("fieldsV1")]), compact(expected));
    QCOMPARE(entry[QLatin1String("operation")].toString(), QStringLiteral("Update"));
    QCOMPARE(entry[QLatin1String("apiVersion")].toString(), QStringLiteral("apps/v1"));
    QCOMPARE(entry[QLatin1String("time")].toString(), QStringLiteral("2026-11-29T05:00:00Z"));
    QVERIFY(!entry.contains(QLatin1String("subresource")));
}

void tst_Apply::createLeavesStrategyFieldsUnowned()
{
    // A Service created with kubectl create: the server allocates the cluster IP and picks the
    // IP family after recording the create, so the creator owns neither.
    const TypeRef service{QString(), QStringLiteral("v1"), QStringLiteral("Service")};
    QJsonObject svc = test::object(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
        "spec":{"selector":{"app":"web"},"ports":[{"port":80}]}})");
    applyDefaults(service, svc);
    QJsonObject spec = svc[QLatin1String("spec")].toObject();
    spec[QLatin1String("clusterIP")] = QStringLiteral("10.96.0.12");
    spec[QLatin1String("clusterIPs")] = QJsonArray{QStringLiteral("10.96.0.12")};
    svc[QLatin1String("spec")] = spec;
    const QJsonObject recorded =
        recordUpdate(service, {}, svc, QStringLiteral("kubectl-create"), QString(), t0);
    QCOMPARE(
        compact(
            managedEntry(recorded, QStringLiteral("kubectl-create"))[QLatin1String("fieldsV1")]),
        QStringLiteral(
            R"({"f:spec":{"f:internalTrafficPolicy":{},"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},)"
            R"("f:port":{},"f:protocol":{},"f:targetPort":{}}},"f:selector":{},"f:sessionAffinity":{},"f:type":{}}})"));

    // A Job without labels: the generated selector and labels are nobody's.
    const TypeRef job{QStringLiteral("batch"), QStringLiteral("v1"), QStringLiteral("Job")};
    QJsonObject pi =
        test::object(R"({"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","uid":"u1"},
        "spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"perl:5.34"}]}}}})");
    applyDefaults(job, pi);
    const QString fields = compact(
        managedEntry(recordUpdate(job, {}, pi, QStringLiteral("kubectl-create"), QString(), t0),
                     QStringLiteral("kubectl-create"))[QLatin1String("fieldsV1")]);
    QVERIFY2(!fields.contains(QLatin1String("f:selector")), qPrintable(fields));
    QVERIFY2(!fields.contains(QLatin1String("f:labels")), qPrintable(fields));
    QVERIFY2(!fields.contains(QLatin1String("f:metadata")), qPrintable(fields));
    QVERIFY2(fields.contains(QLatin1String("f:backoffLimit")), qPrintable(fields));
}

void tst_Apply::generateNameIsOwned()
{
    // Pods a ReplicaSet creates record metadata.generateName (unlike name and uid).
    const TypeRef pod{QString(), QStringLiteral("v1"), QStringLiteral("Pod")};
    const QJsonObject created = recordUpdate(
        pod, {},
        test::object(
            R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-5d7b9-x2x4q","generateName":"web-5d7b9-",
            "uid":"u","labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}})"),
        QStringLiteral("kube-controller-manager"), QString(), t0);
    const QJsonObject fields =
        managedEntry(created, QStringLiteral("kube-controller-manager"))[QLatin1String("fieldsV1")]
            .toObject();
    QCOMPARE(compact(fields[QLatin1String("f:metadata")]),
             QStringLiteral(R"({"f:generateName":{},"f:labels":{".":{},"f:app":{}}})"));
}

void tst_Apply::updateTakesFieldsFromOthers()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    // `kubectl set image`: a strategic merge patch, recorded as an Update.
    QJsonObject patched = created;
    QJsonObject spec = patched[QLatin1String("spec")].toObject();
    QJsonObject tmpl = spec[QLatin1String("template")].toObject();
    QJsonObject podSpec = tmpl[QLatin1String("spec")].toObject();
    QJsonArray containers = podSpec[QLatin1String("containers")].toArray();
    QJsonObject web = containers.at(0).toObject();
    web[QLatin1String("image")] = QStringLiteral("nginx:1.28");
    containers.replace(0, web);
    podSpec[QLatin1String("containers")] = containers;
    tmpl[QLatin1String("spec")] = podSpec;
    spec[QLatin1String("template")] = tmpl;
    patched[QLatin1String("spec")] = spec;
    const QJsonObject recorded =
        recordUpdate(deployment, created, patched, QStringLiteral("kubectl-set"), QString(), t1);
    QCOMPARE(
        compact(managedEntry(recorded, QStringLiteral("kubectl-set"))[QLatin1String("fieldsV1")]),
        QStringLiteral(
            R"({"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{"f:image":{}}}}}}})"));
    QVERIFY(!compact(managedEntry(recorded, QStringLiteral("kubectl"))[QLatin1String("fieldsV1")])
                 .contains(QLatin1String("f:image")));
    // Apply entries sort before Update entries.
    QCOMPARE(managers(recorded),
             (QStringList{QStringLiteral("kubectl/Apply"), QStringLiteral("kubectl-set/Update")}));
}

void tst_Apply::updateWithoutChangeKeepsEntries()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    const QJsonObject same =
        recordUpdate(deployment, created, created, QStringLiteral("kubectl-edit"), QString(), t1);
    QCOMPARE(compact(same), compact(created));
}

void tst_Apply::statusAndScaleSubresources()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    QJsonObject withStatus = created;
    withStatus[QLatin1String("status")] = test::object(R"({"observedGeneration":1,"replicas":2,
        "conditions":[{"type":"Available","status":"True"},{"type":"Progressing","status":"True"}]})");
    const QJsonObject status =
        recordUpdate(deployment, created, withStatus, QStringLiteral("kube-controller-manager"),
                     QStringLiteral("status"), t1);
    const QJsonObject entry = managedEntry(status, QStringLiteral("kube-controller-manager"));
    QCOMPARE(entry[QLatin1String("subresource")].toString(), QStringLiteral("status"));
    QCOMPARE(
        compact(entry[QLatin1String("fieldsV1")]),
        QStringLiteral(
            R"({"f:status":{"f:conditions":{".":{},"k:{\"type\":\"Available\"}":{".":{},"f:status":{},"f:type":{}},)"
            R"("k:{\"type\":\"Progressing\"}":{".":{},"f:status":{},"f:type":{}}},"f:observedGeneration":{},"f:replicas":{}}})"));

    QJsonObject scaled = status;
    QJsonObject spec = scaled[QLatin1String("spec")].toObject();
    spec[QLatin1String("replicas")] = 4;
    scaled[QLatin1String("spec")] = spec;
    const QJsonObject recorded = recordUpdate(deployment, status, scaled, QStringLiteral("kubectl"),
                                              QStringLiteral("scale"), t2);
    QJsonObject scaleEntry;
    for (const QJsonValue &v :
         recorded[QLatin1String("metadata")][QLatin1String("managedFields")].toArray())
        if (v[QLatin1String("subresource")].toString() == QLatin1String("scale"))
            scaleEntry = v.toObject();
    QCOMPARE(scaleEntry[QLatin1String("operation")].toString(), QStringLiteral("Update"));
    QCOMPARE(compact(scaleEntry[QLatin1String("fieldsV1")]),
             QStringLiteral(R"({"f:spec":{"f:replicas":{}}})"));
}

void tst_Apply::updateManagersAreCapped()
{
    // Twelve editors each change their own label: the two oldest end up in "ancient-changes".
    const TypeRef cm{QString(), QStringLiteral("v1"), QStringLiteral("ConfigMap")};
    QJsonObject object =
        test::object(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}})");
    for (int i = 0; i < 12; ++i) {
        QJsonObject next = object;
        QJsonObject metadata = next[QLatin1String("metadata")].toObject();
        QJsonObject labels = metadata[QLatin1String("labels")].toObject();
        labels.insert(QStringLiteral("l%1").arg(i), QStringLiteral("v"));
        metadata[QLatin1String("labels")] = labels;
        next[QLatin1String("metadata")] = metadata;
        object = recordUpdate(cm, i == 0 ? QJsonObject() : object, next,
                              QStringLiteral("editor-%1").arg(i, 2, 10, QLatin1Char('0')),
                              QString(), t0.addSecs(i));
    }
    const QStringList names = managers(object);
    QCOMPARE(names.size(), 10);
    QVERIFY(!names.contains(QStringLiteral("editor-00/Update")));
    QVERIFY(!names.contains(QStringLiteral("editor-01/Update")));
    QVERIFY(!names.contains(QStringLiteral("editor-02/Update")));
    QVERIFY(names.contains(QStringLiteral("ancient-changes/Update")));
    const QJsonObject bucket = managedEntry(object, QStringLiteral("ancient-changes"));
    QCOMPARE(bucket[QLatin1String("time")].toString(), QStringLiteral("2026-11-29T05:00:02Z"));
    const QString fields = compact(bucket[QLatin1String("fieldsV1")]);
    QVERIFY2(fields.contains(QLatin1String("f:l0")) && fields.contains(QLatin1String("f:l2")),
             qPrintable(fields));
}

void tst_Apply::firstApplyToUntrackedObject()
{
    QJsonObject untracked = test::object(manifest);
    applyDefaults(deployment, untracked);
    QJsonObject changed = test::object(manifest);
    changed[QLatin1String("spec")] = [&] {
        QJsonObject spec = changed[QLatin1String("spec")].toObject();
        spec[QLatin1String("replicas")] = 7;
        return spec;
    }();
    const ApplyOutcome conflict =
        serverSideApply(deployment, untracked, changed, QStringLiteral("ci"), false, t1);
    QCOMPARE(conflict.conflicts.size(), 1);
    QCOMPARE(conflict.conflicts.first().who,
             QStringLiteral(R"("before-first-apply" using apps/v1)"));

    // The same values: no conflict, and the fields become shared.
    const ApplyOutcome shared = serverSideApply(deployment, untracked, test::object(manifest),
                                                QStringLiteral("ci"), false, t1);
    QVERIFY(shared.conflicts.isEmpty());
    QCOMPARE(
        managers(shared.object),
        (QStringList{QStringLiteral("ci/Apply"), QStringLiteral("before-first-apply/Update")}));
}

void tst_Apply::resetManagedFields()
{
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    QJsonObject request = created;
    QJsonObject metadata = request[QLatin1String("metadata")].toObject();
    metadata[QLatin1String("managedFields")] = QJsonArray{QJsonObject()};
    request[QLatin1String("metadata")] = metadata;
    const QJsonObject cleared =
        recordUpdate(deployment, created, request, QStringLiteral("kubectl-edit"), QString(), t1);
    QVERIFY(
        !cleared[QLatin1String("metadata")].toObject().contains(QLatin1String("managedFields")));
}

void tst_Apply::rejectsBadConfigurations_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("error");
    QTest::newRow("container without name")
        << QStringLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
             "spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}})")
        << QStringLiteral(
               R"(.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn't have default value))");
    QTest::newRow("duplicate container")
        << QStringLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
             "spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"a"}]}}}})")
        << QStringLiteral(
               R"(.spec.template.spec.containers: duplicate entries for key [name="a"])");
}

void tst_Apply::rejectsBadConfigurations()
{
    QFETCH(QString, config);
    QFETCH(QString, error);
    const ApplyOutcome outcome = serverSideApply(
        deployment, {}, test::object(config.toUtf8().constData()), QStringLiteral("ci"), false, t0);
    QCOMPARE(outcome.error, error);
}

void tst_Apply::conflictMessages()
{
    // `kubectl scale` then an apply that changes replicas and the image edited by someone else.
    const QJsonObject created =
        applied(deployment, {}, test::object(manifest), QStringLiteral("kubectl"), t0);
    QJsonObject scaled = created;
    QJsonObject spec = scaled[QLatin1String("spec")].toObject();
    spec[QLatin1String("replicas")] = 5;
    scaled[QLatin1String("spec")] = spec;
    scaled = recordUpdate(deployment, created, scaled, QStringLiteral("kubectl"),
                          QStringLiteral("scale"), t1);
    QJsonObject edited = scaled;
    QJsonArray containers = test::array(
        R"([{"name":"web","image":"nginx:9","ports":[{"containerPort":80,"protocol":"TCP"}]}])");
    spec = edited[QLatin1String("spec")].toObject();
    QJsonObject tmpl = spec[QLatin1String("template")].toObject();
    QJsonObject podSpec = tmpl[QLatin1String("spec")].toObject();
    podSpec[QLatin1String("containers")] = containers;
    tmpl[QLatin1String("spec")] = podSpec;
    spec[QLatin1String("template")] = tmpl;
    edited[QLatin1String("spec")] = spec;
    edited =
        recordUpdate(deployment, scaled, edited, QStringLiteral("kubectl-edit"), QString(), t2);

    const ApplyOutcome outcome = serverSideApply(deployment, edited, test::object(manifest),
                                                 QStringLiteral("kubectl"), false, t2);
    QCOMPARE(outcome.conflicts.size(), 2);
    QCOMPARE(applyConflictMessage(outcome.conflicts),
             QStringLiteral("Apply failed with 2 conflicts: "
                            "conflicts with \"kubectl\" with subresource \"scale\" using apps/v1:\n"
                            "- .spec.replicas\n"
                            "conflicts with \"kubectl-edit\" using apps/v1:\n"
                            "- .spec.template.spec.containers[name=\"web\"].image"));
}

void tst_Apply::conflictDescriptions_data()
{
    QTest::addColumn<QStringList>("path");
    QTest::addColumn<QString>("text");
    QTest::newRow("field") << QStringList{QStringLiteral("f:spec"), QStringLiteral("f:replicas")}
                           << QStringLiteral(".spec.replicas");
    QTest::newRow("container image")
        << QStringList{QStringLiteral("f:spec"),
                       QStringLiteral("f:template"),
                       QStringLiteral("f:spec"),
                       QStringLiteral("f:containers"),
                       QStringLiteral(R"(k:{"name":"web"})"),
                       QStringLiteral("f:image")}
        << QStringLiteral(R"(.spec.template.spec.containers[name="web"].image)");
    QTest::newRow("port") << QStringList{QStringLiteral("f:ports"),
                                         QStringLiteral(
                                             R"(k:{"containerPort":80,"protocol":"TCP"})")}
                          << QStringLiteral(R"(.ports[containerPort=80,protocol="TCP"])");
    QTest::newRow("finalizer") << QStringList{QStringLiteral("f:metadata"),
                                              QStringLiteral("f:finalizers"),
                                              QStringLiteral(R"(v:"a/b")")}
                               << QStringLiteral(R"(.metadata.finalizers[="a/b"])");
}

void tst_Apply::conflictDescriptions()
{
    QFETCH(QStringList, path);
    QFETCH(QString, text);
    QCOMPARE(FieldSet::describe(path), text);
}

QTEST_GUILESS_MAIN(tst_Apply)
#include "tst_apply.moc"
