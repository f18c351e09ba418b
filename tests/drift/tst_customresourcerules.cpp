// Custom resources' lists merge as their CustomResourceDefinitions say
// (x-kubernetes-list-type map/set, x-kubernetes-list-map-keys, x-kubernetes-map-type):
// keyed lists match item by item, sets ignore order, the rest stays atomic.

#include "drift/appdrift.h"
#include "drift/comparison.h"
#include "drift/customresourcerules.h"
#include "manifest/manifestparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace gitops::drift;
using namespace Qt::StringLiterals;

namespace {

// A trimmed Gateway API CRD with the markers the real one carries, plus a made-up
// `routes` map whose values are sets, and a port list keyed on (port, protocol).
const char definition[] = R"(
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gateways.gateway.networking.k8s.io
spec:
  group: gateway.networking.k8s.io
  scope: Namespaced
  names: {plural: gateways, kind: Gateway}
  versions:
    - name: v1beta1
      served: true
      storage: false
      schema:
        openAPIV3Schema:
          type: object
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                addresses:
                  type: array
                  items: {type: object}
                listeners:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [name]
                  items:
                    type: object
                    properties:
                      name: {type: string}
                      port: {type: integer}
                      allowedRoutes:
                        type: object
                        properties:
                          namespaces:
                            type: object
                            properties:
                              selector:
                                type: object
                                x-kubernetes-map-type: atomic
                hostnames:
                  type: array
                  x-kubernetes-list-type: set
                  items: {type: string}
                ports:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [port, protocol]
                  items:
                    type: object
                    properties:
                      port: {type: integer}
                      protocol: {type: string, default: TCP}
                routes:
                  type: object
                  additionalProperties:
                    type: array
                    x-kubernetes-list-type: set
                    items: {type: string}
)";

QList<QJsonObject> objects(const QByteArray &yaml)
{
    QList<QJsonObject> result;
    for (const manifest::Resource &resource :
         manifest::parseManifests(yaml, u"test.yaml"_s).resources)
        result << resource.object;
    return result;
}

QJsonObject gateway(const char *spec)
{
    return QJsonDocument::fromJson(
               QByteArray(R"({"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway",
                   "metadata":{"name":"edge","namespace":"shop"},"spec":)")
               + spec + "}")
        .object();
}

QStringList paths(const ResourceDrift &drift)
{
    QStringList result;
    for (const Difference &difference : drift.differences)
        result << difference.path;
    return result;
}

} // namespace

class TestCustomResourceRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheMarkers()
    {
        CustomResourceRules rules;
        QVERIFY(rules.addDefinition(objects(definition).first()));
        QVERIFY(!rules.addDefinition(gateway("{}")));
        const CustomKindRules *v1 =
            rules.find(u"gateway.networking.k8s.io"_s, u"Gateway"_s, u"v1"_s);
        QVERIFY(v1);
        const auto listeners = v1->listRule({u"spec"_s, u"listeners"_s});
        QVERIFY(listeners);
        QCOMPARE(listeners->kind, ListRule::Kind::Map);
        QCOMPARE(listeners->keys, QStringList{u"name"_s});
        QCOMPARE(v1->listRule({u"spec"_s, u"hostnames"_s})->kind, ListRule::Kind::Set);
        const auto ports = v1->listRule({u"spec"_s, u"ports"_s});
        QCOMPARE(ports->keys, (QStringList{u"port"_s, u"protocol"_s}));
        QCOMPARE(ports->keyDefaults.value(u"protocol"), QJsonValue(u"TCP"_s));
        // Unmarked lists stay atomic: no rule.
        QVERIFY(!v1->listRule({u"spec"_s, u"addresses"_s}));
        // Free-form map keys match any name.
        QCOMPARE(v1->listRule({u"spec"_s, u"routes"_s, u"eu-west"_s})->kind, ListRule::Kind::Set);
        QVERIFY(v1->isAtomicMap(
            {u"spec"_s, u"listeners"_s, u"allowedRoutes"_s, u"namespaces"_s, u"selector"_s}));
        QVERIFY(!v1->isAtomicMap({u"spec"_s, u"listeners"_s, u"allowedRoutes"_s}));
        // v1beta1 has no markers; an unknown version reads as the storage version.
        QVERIFY(!rules.find(u"gateway.networking.k8s.io"_s, u"Gateway"_s, u"v1beta1"_s));
        QCOMPARE(rules.find(u"gateway.networking.k8s.io"_s, u"Gateway"_s, u"v2"_s), v1);
        QVERIFY(!rules.find(u"example.com"_s, u"Gateway"_s, u"v1"_s));
    }

    // What a user notices: reordered and extended keyed lists and sets are not drift,
    // a change inside a keyed item is, named by its key.
    void compares_data()
    {
        QTest::addColumn<QByteArray>("desired");
        QTest::addColumn<QByteArray>("live");
        QTest::addColumn<QStringList>("withDefinition");
        QTest::addColumn<QStringList>("withoutDefinition");
        QTest::newRow("listeners reordered and extended")
            << QByteArray(
                   R"({"listeners":[{"name":"http","port":80},{"name":"https","port":443}]})")
            << QByteArray(
                   R"({"listeners":[{"name":"metrics","port":9090},{"name":"https","port":443},{"name":"http","port":80}]})")
            << QStringList() << QStringList{u".spec.listeners"_s};
        QTest::newRow("listener port changed")
            << QByteArray(
                   R"({"listeners":[{"name":"http","port":80},{"name":"https","port":443}]})")
            << QByteArray(
                   R"({"listeners":[{"name":"https","port":8443},{"name":"http","port":80}]})")
            << QStringList{u".spec.listeners[name=\"https\"].port"_s}
            << QStringList{u".spec.listeners[0].name"_s, u".spec.listeners[0].port"_s,
                           u".spec.listeners[1].name"_s, u".spec.listeners[1].port"_s};
        QTest::newRow("set reordered")
            << QByteArray(R"({"hostnames":["a.example.com","b.example.com"]})")
            << QByteArray(R"({"hostnames":["b.example.com","a.example.com"]})") << QStringList()
            << QStringList{u".spec.hostnames[0]"_s, u".spec.hostnames[1]"_s};
        QTest::newRow("set value removed live")
            << QByteArray(R"({"hostnames":["a.example.com","b.example.com"]})")
            << QByteArray(R"({"hostnames":["b.example.com"]})")
            << QStringList{u".spec.hostnames[=\"a.example.com\"]"_s}
            << QStringList{u".spec.hostnames"_s};
        QTest::newRow("key default from the schema")
            << QByteArray(R"({"ports":[{"port":53,"protocol":"UDP"},{"port":53}]})")
            << QByteArray(
                   R"({"ports":[{"port":53,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]})")
            << QStringList() << QStringList{u".spec.ports[0].protocol"_s};
        QTest::newRow("unmarked list stays atomic")
            << QByteArray(R"({"addresses":[{"value":"10.0.0.1"},{"value":"10.0.0.2"}]})")
            << QByteArray(R"({"addresses":[{"value":"10.0.0.2"},{"value":"10.0.0.1"}]})")
            << QStringList{u".spec.addresses[0].value"_s, u".spec.addresses[1].value"_s}
            << QStringList{u".spec.addresses[0].value"_s, u".spec.addresses[1].value"_s};
    }
    void compares()
    {
        QFETCH(QByteArray, desired);
        QFETCH(QByteArray, live);
        QFETCH(QStringList, withDefinition);
        QFETCH(QStringList, withoutDefinition);
        const QJsonObject desiredObject = gateway(desired.constData());
        const QJsonObject liveObject = gateway(live.constData());
        const manifest::ResourceId id = identityOf(desiredObject);
        QCOMPARE(paths(compareResource(id, desiredObject, liveObject)), withoutDefinition);
        ComparisonOptions options;
        options.addCustomResourceDefinitions(objects(definition));
        QCOMPARE(paths(compareResource(id, desiredObject, liveObject, options)), withDefinition);
    }

    // compareApp reads the CRDs among the app's manifests; definitions the caller passes
    // (the cluster's, which the server merges by) win over git's.
    void appDefinitions()
    {
        const QByteArray manifests = QByteArray(definition) + R"(
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  hostnames: [a.example.com, b.example.com]
)";
        const QList<manifest::Resource> desired =
            manifest::parseManifests(manifests, u"gateway.yaml"_s).resources;
        QCOMPARE(desired.size(), 2);
        QJsonObject crd = desired.first().object;
        const QList<QJsonObject> live = {
            crd, gateway(R"({"hostnames":["b.example.com","a.example.com"]})")};
        const AppDrift app = compareApp(desired, live, u"shop"_s);
        QCOMPARE(app.status, SyncStatus::Synced);

        // The cluster's definition has no markers: the list is atomic there.
        QJsonObject bare = crd;
        QJsonObject spec = bare.value(u"spec").toObject();
        spec.insert(
            u"versions",
            QJsonArray{
                QJsonObject{{u"name"_s, u"v1"_s}, {u"served"_s, true}, {u"storage"_s, true}}});
        bare.insert(u"spec", spec);
        ComparisonOptions options;
        options.addCustomResourceDefinitions({bare});
        QCOMPARE(compareApp(desired, live, u"shop"_s, options).status, SyncStatus::OutOfSync);
    }
};

QTEST_GUILESS_MAIN(TestCustomResourceRules)
#include "tst_customresourcerules.moc"
