#include "jsonliteral.h"
#include "mergekeys.h"
#include "patch.h"

#include <QTest>

using namespace kubeemu;
using test::compact;

namespace {
const TypeRef deployment{QStringLiteral("apps"), QStringLiteral("v1"),
                         QStringLiteral("Deployment")};
const TypeRef serviceType{QString(), QStringLiteral("v1"), QStringLiteral("Service")};
const TypeRef widget{QStringLiteral("example.com"), QStringLiteral("v1"), QStringLiteral("Widget")};

const char *const deploymentJson =
    R"({"metadata":{"name":"web","labels":{"app":"web","tier":"front"},
  "finalizers":["a.example.com/x"]},
  "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
  "template":{"spec":{"containers":[
    {"name":"web","image":"nginx:1.26","args":["-a","-b"],
     "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
     "ports":[{"containerPort":80,"protocol":"TCP"}]},
    {"name":"sidecar","image":"envoy:1"}],
  "volumes":[{"name":"cfg","configMap":{"name":"cfg"}}]}}}})";
} // namespace

class tst_Patch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listSemanticsOfBuiltIns_data();
    void listSemanticsOfBuiltIns();
    void atomicStructs();
    void mergePatch_data();
    void mergePatch();
    void strategic_data();
    void strategic();
    void strategicErrors_data();
    void strategicErrors();
    void jsonPatchOperations_data();
    void jsonPatchOperations();
    void jsonPatchErrors_data();
    void jsonPatchErrors();
};

void tst_Patch::listSemanticsOfBuiltIns_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("expectedKind");
    QTest::addColumn<QStringList>("keys");

    QTest::newRow("containers") << QStringLiteral("Deployment")
                                << QStringLiteral("spec.template.spec.containers")
                                << int(ListSemantics::Map) << QStringList{QStringLiteral("name")};
    QTest::newRow("container ports")
        << QStringLiteral("Deployment") << QStringLiteral("spec.template.spec.containers.ports")
        << int(ListSemantics::Map)
        << QStringList{QStringLiteral("containerPort"), QStringLiteral("protocol")};
    QTest::newRow("env") << QStringLiteral("Deployment")
                         << QStringLiteral("spec.template.spec.initContainers.env")
                         << int(ListSemantics::Map) << QStringList{QStringLiteral("name")};
    QTest::newRow("volumeMounts") << QStringLiteral("Pod")
                                  << QStringLiteral("spec.containers.volumeMounts")
                                  << int(ListSemantics::Map)
                                  << QStringList{QStringLiteral("mountPath")};
    QTest::newRow("volumes") << QStringLiteral("CronJob")
                             << QStringLiteral("spec.jobTemplate.spec.template.spec.volumes")
                             << int(ListSemantics::Map) << QStringList{QStringLiteral("name")};
    QTest::newRow("args atomic") << QStringLiteral("Deployment")
                                 << QStringLiteral("spec.template.spec.containers.args")
                                 << int(ListSemantics::Atomic) << QStringList();
    QTest::newRow("tolerations atomic")
        << QStringLiteral("Pod") << QStringLiteral("spec.tolerations") << int(ListSemantics::Atomic)
        << QStringList();
    QTest::newRow("service ports")
        << QStringLiteral("Service") << QStringLiteral("spec.ports") << int(ListSemantics::Map)
        << QStringList{QStringLiteral("port"), QStringLiteral("protocol")};
    QTest::newRow("finalizers set")
        << QStringLiteral("Deployment") << QStringLiteral("metadata.finalizers")
        << int(ListSemantics::Set) << QStringList();
    QTest::newRow("ownerReferences")
        << QStringLiteral("Pod") << QStringLiteral("metadata.ownerReferences")
        << int(ListSemantics::Map) << QStringList{QStringLiteral("uid")};
    QTest::newRow("custom resource list")
        << QStringLiteral("Widget") << QStringLiteral("spec.containers")
        << int(ListSemantics::Atomic) << QStringList();
}

void tst_Patch::listSemanticsOfBuiltIns()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    QFETCH(int, expectedKind);
    QFETCH(QStringList, keys);
    static const QHash<QString, TypeRef> types = {
        {QStringLiteral("Deployment"), deployment},
        {QStringLiteral("Service"), serviceType},
        {QStringLiteral("Widget"), widget},
        {QStringLiteral("Pod"), {QString(), QStringLiteral("v1"), QStringLiteral("Pod")}},
        {QStringLiteral("CronJob"),
         {QStringLiteral("batch"), QStringLiteral("v1"), QStringLiteral("CronJob")}}};
    const ListSemantics semantics = listSemantics(types.value(kind), path.split(QLatin1Char('.')));
    QCOMPARE(int(semantics.kind), expectedKind);
    QCOMPARE(semantics.keys, keys);
}

void tst_Patch::atomicStructs()
{
    auto path = [](const char *text) { return QString::fromLatin1(text).split(QLatin1Char('.')); };
    QVERIFY(isAtomicStruct(deployment, path("spec.selector")));
    QVERIFY(isAtomicStruct(serviceType, path("spec.selector")));
    QVERIFY(isAtomicStruct(deployment, path("spec.template.spec.nodeSelector")));
    QVERIFY(!isAtomicStruct(deployment, path("spec.template")));
    QVERIFY(!isAtomicStruct(deployment, path("metadata.labels")));
    QVERIFY(!isAtomicStruct(widget, path("spec.selector")));
}

void tst_Patch::mergePatch_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("expected");
    // RFC 7386 appendix A cases.
    QTest::newRow("replace") << R"({"a":"b"})"
                             << R"({"a":"c"})"
                             << R"({"a":"c"})";
    QTest::newRow("add") << R"({"a":"b"})"
                         << R"({"b":"c"})"
                         << R"({"a":"b","b":"c"})";
    QTest::newRow("delete") << R"({"a":"b"})"
                            << R"({"a":null})"
                            << R"({})";
    QTest::newRow("delete one") << R"({"a":"b","b":"c"})"
                                << R"({"a":null})"
                                << R"({"b":"c"})";
    QTest::newRow("array replaces") << R"({"a":["b"]})"
                                    << R"({"a":"c"})"
                                    << R"({"a":"c"})";
    QTest::newRow("nested") << R"({"a":{"b":"c"}})"
                            << R"({"a":{"b":"d","c":null}})"
                            << R"({"a":{"b":"d"}})";
    QTest::newRow("arrays whole") << R"({"a":[{"b":"c"}]})"
                                  << R"({"a":[1]})"
                                  << R"({"a":[1]})";
    QTest::newRow("null inside new object") << R"({"e":null})"
                                            << R"({"a":1})"
                                            << R"({"a":1,"e":null})";
    QTest::newRow("object over scalar") << R"({"a":"foo"})"
                                        << R"({"a":{"bb":{"ccc":null}}})"
                                        << R"({"a":{"bb":{}}})";
}

void tst_Patch::mergePatch()
{
    QFETCH(QString, target);
    QFETCH(QString, patch);
    QFETCH(QString, expected);
    const QJsonObject result = jsonMergePatch(test::object(target.toUtf8().constData()),
                                              test::object(patch.toUtf8().constData()));
    QCOMPARE(compact(result), compact(test::object(expected.toUtf8().constData())));
}

void tst_Patch::strategic_data()
{
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    const QString containers = QStringLiteral("spec.template.spec.containers");
    QTest::newRow("image by container name (kubectl set image)")
        << R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}})"
        << containers
        << R"([{"args":["-a","-b"],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.27","name":"web","ports":[{"containerPort":80,"protocol":"TCP"}]},{"image":"envoy:1","name":"sidecar"}])";
    // apimachinery's order: a new item the patch names goes before the live-only ones.
    QTest::newRow("new container first")
        << R"({"spec":{"template":{"spec":{"containers":[{"name":"log","image":"fluent:2"}]}}}})"
        << containers
        << R"([{"image":"fluent:2","name":"log"},{"args":["-a","-b"],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"image":"nginx:1.26","name":"web","ports":[{"containerPort":80,"protocol":"TCP"}]},{"image":"envoy:1","name":"sidecar"}])";
    QTest::newRow("new container placed by setElementOrder")
        << R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"},{"name":"log"}],"containers":[{"name":"log","image":"fluent:2"}]}}}})"
        << containers + QStringLiteral(".2.name") << R"("log")";
    QTest::newRow("container deleted")
        << R"({"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}})"
        << containers + QStringLiteral(".1.name") << R"(null)";
    QTest::newRow("env merged by name, value removed")
        << R"({"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}})"
        << containers + QStringLiteral(".0.env")
        << R"([{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}])";
    QTest::newRow("args replaced (no merge key)")
        << R"({"spec":{"template":{"spec":{"containers":[{"name":"web","args":["-c"]}]}}}})"
        << containers + QStringLiteral(".0.args") << R"(["-c"])";
    QTest::newRow("port merged by containerPort")
        << R"({"spec":{"template":{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]}}}})"
        << containers + QStringLiteral(".0.ports")
        << R"([{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":443}])";
    QTest::newRow("list replaced by directive")
        << R"({"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}}}})"
        << containers << R"([{"image":"x","name":"only"}])";
    QTest::newRow("map replaced by directive")
        << R"({"metadata":{"labels":{"$patch":"replace","app":"api"}}})"
        << QStringLiteral("metadata.labels") << R"({"app":"api"})";
    QTest::newRow("map deleted by directive") << R"({"spec":{"selector":{"$patch":"delete"}}})"
                                              << QStringLiteral("spec.selector") << R"(null)";
    QTest::newRow("label removed by null")
        << R"({"metadata":{"labels":{"tier":null}}})" << QStringLiteral("metadata.labels")
        << R"({"app":"web"})";
    QTest::newRow("finalizers merged in the patch's order")
        << R"({"metadata":{"finalizers":["b.example.com/y","a.example.com/x"]}})"
        << QStringLiteral("metadata.finalizers") << R"(["b.example.com/y","a.example.com/x"])";
    QTest::newRow("new finalizer first")
        << R"({"metadata":{"finalizers":["b.example.com/y"]}})"
        << QStringLiteral("metadata.finalizers") << R"(["b.example.com/y","a.example.com/x"])";
    QTest::newRow("finalizer removed from primitive list")
        << R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example.com/x"]}})"
        << QStringLiteral("metadata.finalizers") << R"([])";
    QTest::newRow("retainKeys (strategy switch)")
        << R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})"
        << QStringLiteral("spec.strategy") << R"({"type":"Recreate"})";
    QTest::newRow("setElementOrder reorders")
        << R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}],"containers":[{"name":"web","image":"nginx:2"}]}}}})"
        << containers + QStringLiteral(".0.name") << R"("sidecar")";
    QTest::newRow("scalar replaced")
        << R"({"spec":{"replicas":5}})" << QStringLiteral("spec.replicas") << R"(5)";
}

void tst_Patch::strategic()
{
    QFETCH(QString, patch);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QJsonObject target = test::object(deploymentJson);
    target[QLatin1String("spec")] = [&] {
        QJsonObject spec = target[QLatin1String("spec")].toObject();
        spec.insert(QLatin1String("strategy"),
                    test::object(R"({"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}})"));
        return spec;
    }();
    QString error;
    const auto result =
        strategicMergePatch(deployment, target, test::object(patch.toUtf8().constData()), &error);
    QVERIFY2(result, qPrintable(error));
    QJsonValue node = *result;
    for (const QString &step : path.split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        node = isIndex ? node.toArray().at(index) : node.toObject().value(step);
    }
    if (node.isUndefined())
        node = QJsonValue::Null;
    QCOMPARE(compact(node), expected);
}

void tst_Patch::strategicErrors_data()
{
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("error");
    QTest::newRow("item without merge key")
        << R"({"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}})"
        << R"(map: map[image:x] does not contain declared merge key: name)";
    QTest::newRow("unknown patch type")
        << R"({"metadata":{"labels":{"$patch":"explode"}}})"
        << R"(unknown patch type: explode in map: map[$patch:explode])";
}

void tst_Patch::strategicErrors()
{
    QFETCH(QString, patch);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!strategicMergePatch(deployment, test::object(deploymentJson),
                                 test::object(patch.toUtf8().constData()), &actual));
    QCOMPARE(actual, error);
}

void tst_Patch::jsonPatchOperations_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("operations");
    QTest::addColumn<QString>("expected");
    // RFC 6902 appendix A.
    QTest::newRow("A.1 add member") << R"({"foo":"bar"})"
                                    << R"([{"op":"add","path":"/baz","value":"qux"}])"
                                    << R"({"baz":"qux","foo":"bar"})";
    QTest::newRow("A.2 add element") << R"({"foo":["bar","baz"]})"
                                     << R"([{"op":"add","path":"/foo/1","value":"qux"}])"
                                     << R"({"foo":["bar","qux","baz"]})";
    QTest::newRow("A.3 remove member") << R"({"baz":"qux","foo":"bar"})"
                                       << R"([{"op":"remove","path":"/baz"}])"
                                       << R"({"foo":"bar"})";
    QTest::newRow("A.4 remove element") << R"({"foo":["bar","qux","baz"]})"
                                        << R"([{"op":"remove","path":"/foo/1"}])"
                                        << R"({"foo":["bar","baz"]})";
    QTest::newRow("A.5 replace") << R"({"baz":"qux","foo":"bar"})"
                                 << R"([{"op":"replace","path":"/baz","value":"boo"}])"
                                 << R"({"baz":"boo","foo":"bar"})";
    QTest::newRow("A.6 move") << R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})"
                              << R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])"
                              << R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})";
    QTest::newRow("A.7 move element") << R"({"foo":["all","grass","cows","eat"]})"
                                      << R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])"
                                      << R"({"foo":["all","cows","eat","grass"]})";
    QTest::newRow("A.8 test passes")
        << R"({"baz":"qux","foo":["a",2,"c"]})"
        << R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])"
        << R"({"baz":"qux","foo":["a",2,"c"]})";
    QTest::newRow("A.10 add nested")
        << R"({"foo":"bar"})"
        << R"([{"op":"add","path":"/child","value":{"grandchild":{}}}])"
        << R"({"child":{"grandchild":{}},"foo":"bar"})";
    QTest::newRow("A.14 escapes")
        << R"({"/":9,"~1":10})"
        << R"([{"op":"test","path":"/~01","value":10},{"op":"copy","from":"/~1","path":"/x"}])"
        << R"({"/":9,"x":9,"~1":10})";
    QTest::newRow("A.16 append") << R"({"foo":["bar"]})"
                                 << R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])"
                                 << R"({"foo":["bar",["abc","def"]]})";
    QTest::newRow("kubectl label key with slash")
        << R"({"metadata":{"labels":{"app":"web"}}})"
        << R"([{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"web"}])"
        << R"({"metadata":{"labels":{"app":"web","app.kubernetes.io/name":"web"}}})";
    QTest::newRow("replace whole document") << R"({"a":1})"
                                            << R"([{"op":"replace","path":"","value":{"b":2}}])"
                                            << R"({"b":2})";
}

void tst_Patch::jsonPatchOperations()
{
    QFETCH(QString, target);
    QFETCH(QString, operations);
    QFETCH(QString, expected);
    QString error;
    const auto result = jsonPatch(test::object(target.toUtf8().constData()),
                                  test::array(operations.toUtf8().constData()), &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(compact(*result), compact(test::object(expected.toUtf8().constData())));
}

void tst_Patch::jsonPatchErrors_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("operations");
    QTest::addColumn<QString>("error");
    QTest::newRow("A.9 test fails") << R"({"baz":"qux"})"
                                    << R"([{"op":"test","path":"/baz","value":"bar"}])"
                                    << QStringLiteral("testing value /baz failed: test failed");
    QTest::newRow("A.12 add to nonexistent target")
        << R"({"foo":"bar"})"
        << R"([{"op":"add","path":"/baz/bat","value":"qux"}])"
        << QStringLiteral(
               "add operation does not apply: doc is missing path: \"/baz/bat\": missing value");
    QTest::newRow("replace missing")
        << R"({"foo":"bar"})"
        << R"([{"op":"replace","path":"/spec/replicas","value":3}])"
        << QStringLiteral("replace operation does not apply: doc is missing key: /spec/replicas: "
                          "missing value");
    QTest::newRow("remove missing")
        << R"({"foo":"bar"})"
        << R"([{"op":"remove","path":"/nope"}])"
        << QStringLiteral(
               "remove operation does not apply: doc is missing path: \"/nope\": missing value");
    QTest::newRow("index out of range")
        << R"({"foo":[1]})"
        << R"([{"op":"add","path":"/foo/5","value":2}])"
        << QStringLiteral(
               "add operation does not apply: doc is missing path: \"/foo/5\": missing value");
}

void tst_Patch::jsonPatchErrors()
{
    QFETCH(QString, target);
    QFETCH(QString, operations);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!jsonPatch(test::object(target.toUtf8().constData()),
                       test::array(operations.toUtf8().constData()), &actual));
    QCOMPARE(actual, error);
}

QTEST_GUILESS_MAIN(tst_Patch)
#include "tst_patch.moc"
