// jq path expressions in ignore rules (Argo CD `ignoreDifferences.jqPathExpressions`): the
// subset people write, evaluated on real object shapes; anything else is refused with a
// reason and ignores nothing.

#include "drift/comparison.h"
#include "drift/jqpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace gitops::drift;
using namespace Qt::StringLiterals;

namespace {

QJsonObject json(const char *text)
{
    const QJsonObject object = QJsonDocument::fromJson(QByteArray(text)).object();
    Q_ASSERT(!object.isEmpty());
    return object;
}

// A Deployment after a mesh injected its sidecar and init container.
QJsonObject injectedDeployment()
{
    return json(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"shop",
          "annotations":{"deployment.kubernetes.io/revision":"3",
                         "linkerd.io/proxy-version":"stable-2.14.10"}},
        "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":{
          "initContainers":[{"name":"injected-init-container","image":"mesh/init:1.0"}],
          "containers":[
            {"name":"web","image":"nginx:1.27","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
            {"name":"istio-proxy","image":"docker.io/istio/proxyv2:1.22.0"},
            {"name":"istio-validation","image":"docker.io/istio/proxyv2:1.22.0"}]}}}})");
}

QJsonObject webhooks()
{
    return json(R"({"apiVersion":"admissionregistration.k8s.io/v1",
        "kind":"MutatingWebhookConfiguration","metadata":{"name":"cert-manager-webhook"},
        "webhooks":[
          {"name":"webhook.cert-manager.io","clientConfig":{"caBundle":"LS0tLS1CRUdJTi=="}},
          {"name":"second.cert-manager.io","clientConfig":{"service":{"name":"x"}}},
          {"name":"third.cert-manager.io","clientConfig":{"caBundle":"TUlJQ2lqQ0NBWE=="}}]})");
}

QJsonObject nodePortService()
{
    return json(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
        "spec":{"type":"NodePort","ports":[
          {"name":"http","port":80,"nodePort":31080},
          {"name":"admin","port":9000}]}})");
}

} // namespace

class TestJqPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selects_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QStringList>("pointers");
        const QJsonObject deployment = injectedDeployment();
        QTest::newRow("field") << deployment << ".spec.replicas"
                               << QStringList{u"/spec/replicas"_s};
        QTest::newRow("bracketed key")
            << deployment << R"(.metadata.annotations["deployment.kubernetes.io/revision"])"
            << QStringList{u"/metadata/annotations/deployment.kubernetes.io~1revision"_s};
        QTest::newRow("quoted key")
            << deployment << R"(.metadata.annotations."linkerd.io/proxy-version")"
            << QStringList{u"/metadata/annotations/linkerd.io~1proxy-version"_s};
        // The example of Argo CD's "Diffing Customization" page.
        QTest::newRow("argo docs: injected init container")
            << deployment
            << R"(.spec.template.spec.initContainers[] | select(.name == "injected-init-container"))"
            << QStringList{u"/spec/template/spec/initContainers/0"_s};
        QTest::newRow("sidecar by name")
            << deployment << R"(.spec.template.spec.containers[] | select(.name == "istio-proxy"))"
            << QStringList{u"/spec/template/spec/containers/1"_s};
        QTest::newRow("startswith, then a field")
            << deployment
            << R"(.spec.template.spec.containers[] | select(.name | startswith("istio")) | .image)"
            << QStringList{u"/spec/template/spec/containers/1/image"_s,
                           u"/spec/template/spec/containers/2/image"_s};
        QTest::newRow("or")
            << deployment
            << R"(.spec.template.spec.containers[] | select(.name == "web" or .name == "istio-validation") | .image)"
            << QStringList{u"/spec/template/spec/containers/0/image"_s,
                           u"/spec/template/spec/containers/2/image"_s};
        QTest::newRow("not")
            << deployment
            << R"(.spec.template.spec.containers[] | select(.name | startswith("istio") | not))"
            << QStringList{u"/spec/template/spec/containers/0"_s};
        QTest::newRow("indices") << deployment << ".spec.template.spec.containers[0].env[-1].value"
                                 << QStringList{u"/spec/template/spec/containers/0/env/1/value"_s};
        QTest::newRow("every item, optional")
            << webhooks() << ".webhooks[]?.clientConfig.caBundle"
            << QStringList{u"/webhooks/0/clientConfig/caBundle"_s,
                           u"/webhooks/2/clientConfig/caBundle"_s};
        QTest::newRow("every item") << webhooks() << ".webhooks[].clientConfig.caBundle"
                                    << QStringList{u"/webhooks/0/clientConfig/caBundle"_s,
                                                   u"/webhooks/2/clientConfig/caBundle"_s};
        QTest::newRow("not null") << nodePortService()
                                  << ".spec.ports[] | select(.nodePort != null) | .nodePort"
                                  << QStringList{u"/spec/ports/0/nodePort"_s};
        QTest::newRow("alternatives") << json(
            R"({"kind":"Secret","data":{"SECRET_KEY":"eA==","ACCESS_KEY":"eQ==","OTHER":"eg=="}})")
                                      << R"(.data["SECRET_KEY"], .data["ACCESS_KEY"])"
                                      << QStringList{u"/data/SECRET_KEY"_s, u"/data/ACCESS_KEY"_s};
        // As in jq, `,` binds tighter than `|`.
        QTest::newRow("comma inside a pipe")
            << deployment << ".spec.template.spec.containers[0] | .name, .image"
            << QStringList{u"/spec/template/spec/containers/0/name"_s,
                           u"/spec/template/spec/containers/0/image"_s};
        QTest::newRow("absent field") << deployment << ".status.conditions" << QStringList();
        QTest::newRow("no match")
            << deployment
            << R"(.spec.template.spec.containers[] | select(.name == "linkerd-proxy"))"
            << QStringList();
        QTest::newRow("test()")
            << deployment
            << R"(.spec.template.spec.containers[] | select(.image | test("^docker\\.io/")) | .name)"
            << QStringList{u"/spec/template/spec/containers/1/name"_s,
                           u"/spec/template/spec/containers/2/name"_s};
    }
    void selects()
    {
        QFETCH(QJsonObject, object);
        QFETCH(QString, expression);
        QFETCH(QStringList, pointers);
        const JqPath path = JqPath::parse(expression);
        QVERIFY2(path.isValid(), qPrintable(path.error()));
        QCOMPARE(path.pointersIn(object), pointers);
    }

    // Outside the subset: refused with a reason, and nothing is selected.
    void unsupported_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("reason");
        QTest::newRow("recursive descent") << "..image"
                                           << "recursive descent";
        QTest::newRow("del") << ".spec | del(.replicas)"
                             << "unsupported";
        QTest::newRow("slice") << ".spec.template.spec.containers[1:]"
                               << "slices";
        QTest::newRow("map") << ".spec.template.spec.containers | map(.image)"
                             << "unsupported";
        QTest::newRow("other function in select")
            << R"(.spec.template.spec.containers[] | select(.name | ascii_downcase == "web"))"
            << "unsupported";
        QTest::newRow("variable") << ".spec as $s | $s.replicas"
                                  << "unexpected";
        QTest::newRow("interpolation") << R"jq(.metadata.annotations["\(.kind)"])jq"
                                       << "interpolation";
        QTest::newRow("dash in a name") << ".metadata.annotations.helm-hook"
                                        << "unexpected";
        QTest::newRow("empty") << "  "
                               << "empty";
        QTest::newRow("unclosed select") << R"(.a[] | select(.name == "x")"
                                         << "expected";
    }
    void unsupported()
    {
        QFETCH(QString, expression);
        QFETCH(QString, reason);
        const JqPath path = JqPath::parse(expression);
        QVERIFY(!path.isValid());
        QVERIFY2(path.error().contains(reason), qPrintable(path.error()));
        QCOMPARE(path.pointersIn(injectedDeployment()), QStringList());
        QJsonObject object = injectedDeployment();
        path.removeFrom(object);
        QCOMPARE(object, injectedDeployment());
    }

    void removesFromTheBack()
    {
        QJsonObject object = injectedDeployment();
        JqPath::parse(
            QStringLiteral(
                R"(.spec.template.spec.containers[] | select(.name | startswith("istio")))"))
            .removeFrom(object);
        const QJsonObject expected = json(R"({"apiVersion":"apps/v1","kind":"Deployment",
            "metadata":{"name":"web","namespace":"shop",
              "annotations":{"deployment.kubernetes.io/revision":"3",
                             "linkerd.io/proxy-version":"stable-2.14.10"}},
            "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":{
              "initContainers":[{"name":"injected-init-container","image":"mesh/init:1.0"}],
              "containers":[
                {"name":"web","image":"nginx:1.27","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}})");
        QCOMPARE(object, expected);
    }

    // In a comparison: what a rule selects is not drift, on either side; a rule the console
    // cannot evaluate hides nothing.
    void ignoreRules()
    {
        QJsonObject live = injectedDeployment();
        QJsonObject liveMetadata = live.value(u"metadata").toObject();
        QJsonObject liveAnnotations = liveMetadata.value(u"annotations").toObject();
        liveAnnotations.insert(u"team", u"shop"_s);
        liveMetadata.insert(u"annotations", liveAnnotations);
        live.insert(u"metadata", liveMetadata);
        QJsonObject desired = live;
        QJsonObject spec = desired.value(u"spec").toObject();
        QJsonObject templ = spec.value(u"template").toObject();
        QJsonObject podSpec = templ.value(u"spec").toObject();
        podSpec.remove(u"initContainers");
        QJsonObject metadata = desired.value(u"metadata").toObject();
        QJsonObject annotations = metadata.value(u"annotations").toObject();
        annotations.remove(u"linkerd.io/proxy-version");
        annotations.insert(u"team", u"shop"_s);
        metadata.insert(u"annotations", annotations);
        desired.insert(u"metadata", metadata);
        podSpec.insert(u"containers", QJsonArray{podSpec.value(u"containers").toArray().first()});
        templ.insert(u"spec", podSpec);
        spec.insert(u"template", templ);
        desired.insert(u"spec", spec);
        const manifest::ResourceId id = identityOf(live);

        // Exact mode: every live field the dry run lacks is drift, the sidecars too.
        ComparisonOptions options;
        options.exact = true;
        QCOMPARE(compareResource(id, desired, live, options).status, SyncStatus::OutOfSync);

        IgnoreRule rule;
        rule.group = QStringLiteral("apps");
        rule.kind = QStringLiteral("Deployment");
        rule.jqPathExpressions = {
            QStringLiteral(
                R"(.spec.template.spec.containers[] | select(.name | startswith("istio")))"),
            QStringLiteral(".spec.template.spec.initContainers"),
            QStringLiteral(R"(.metadata.annotations["linkerd.io/proxy-version"])")};
        options.ignoreRules = {rule};
        const ResourceDrift ignored = compareResource(id, desired, live, options);
        QCOMPARE(ignored.status, SyncStatus::Synced);

        // One expression the console cannot read: its field stays compared.
        rule.jqPathExpressions.last() = QStringLiteral(".metadata.annotations | del(.x)");
        options.ignoreRules = {rule};
        const ResourceDrift partly = compareResource(id, desired, live, options);
        QCOMPARE(partly.status, SyncStatus::OutOfSync);
        QCOMPARE(partly.differences.size(), 1);
        QCOMPARE(partly.differences.first().path,
                 QStringLiteral(".metadata.annotations[\"linkerd.io/proxy-version\"]"));
    }
};

QTEST_GUILESS_MAIN(TestJqPath)
#include "tst_jqpath.moc"
