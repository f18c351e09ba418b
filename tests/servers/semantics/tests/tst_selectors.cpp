#include "jsonliteral.h"
#include "labelselector.h"

#include <QTest>

using namespace kubeemu;

class tst_Selectors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelMatching_data();
    void labelMatching();
    void labelErrors_data();
    void labelErrors();
    void selectorObject();
    void fieldMatching_data();
    void fieldMatching();
    void fieldErrors_data();
    void fieldErrors();
};

void tst_Selectors::labelMatching_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<bool>("matches");

    const QString web = QStringLiteral(R"({"app":"web","tier":"front","version":"3"})");
    QTest::newRow("empty selects all") << QString() << web << true;
    QTest::newRow("equals") << QStringLiteral("app=web") << web << true;
    QTest::newRow("double equals") << QStringLiteral("app==web") << web << true;
    QTest::newRow("equals other") << QStringLiteral("app=db") << web << false;
    QTest::newRow("not equals") << QStringLiteral("app!=db") << web << true;
    QTest::newRow("not equals on missing key") << QStringLiteral("team!=x") << web << true;
    QTest::newRow("in") << QStringLiteral("tier in (front, back)") << web << true;
    QTest::newRow("in misses") << QStringLiteral("tier in (back)") << web << false;
    QTest::newRow("notin") << QStringLiteral("tier notin (back)") << web << true;
    QTest::newRow("notin hits") << QStringLiteral("tier notin (front,back)") << web << false;
    QTest::newRow("notin on missing key") << QStringLiteral("team notin (a)") << web << true;
    QTest::newRow("exists") << QStringLiteral("app") << web << true;
    QTest::newRow("exists missing") << QStringLiteral("team") << web << false;
    QTest::newRow("does not exist") << QStringLiteral("!team") << web << true;
    QTest::newRow("does not exist present") << QStringLiteral("!app") << web << false;
    QTest::newRow("comma is and") << QStringLiteral("app=web,tier=back") << web << false;
    QTest::newRow("comma and all hold")
        << QStringLiteral("app=web, tier in (front), !team, version") << web << true;
    QTest::newRow("greater than") << QStringLiteral("version>2") << web << true;
    QTest::newRow("less than") << QStringLiteral("version<3") << web << false;
    QTest::newRow("empty value") << QStringLiteral("app=") << QStringLiteral(R"({"app":""})")
                                 << true;
    QTest::newRow("empty value vs missing")
        << QStringLiteral("app=") << QStringLiteral("{}") << false;
    QTest::newRow("keyword as key and value")
        << QStringLiteral("in in (in,notin)") << QStringLiteral(R"({"in":"notin"})") << true;
    QTest::newRow("empty set member")
        << QStringLiteral("app in (web,)") << QStringLiteral(R"({"app":""})") << true;
    QTest::newRow("prefixed key") << QStringLiteral("app.kubernetes.io/name=web")
                                  << QStringLiteral(R"({"app.kubernetes.io/name":"web"})") << true;
}

void tst_Selectors::labelMatching()
{
    QFETCH(QString, selector);
    QFETCH(QString, labels);
    QFETCH(bool, matches);
    QString error;
    const auto parsed = LabelSelector::parse(selector, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(test::object(labels.toUtf8().constData())), matches);
}

void tst_Selectors::labelErrors_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("error");

    // Messages as `kubectl get -l` prints them from a real server (after its prefix).
    QTest::newRow("two words")
        << QStringLiteral("app web")
        << QStringLiteral("unable to parse requirement: found 'web', expected: in, notin, =, "
                          "==, !=, gt, lt");
    QTest::newRow("unbalanced parenthesis")
        << QStringLiteral("type=app,versionv1.0.1)")
        << QStringLiteral("unable to parse requirement: found ')', expected: in, notin, =, ==, "
                          "!=, gt, lt");
    QTest::newRow("upper-case IN")
        << QStringLiteral("env IN (a)")
        << QStringLiteral("unable to parse requirement: found 'IN', expected: in, notin, =, ==, "
                          "!=, gt, lt");
    QTest::newRow("value then word")
        << QStringLiteral("app=web db")
        << QStringLiteral("found 'db', expected: ',' or 'end of string'");
    QTest::newRow("trailing comma")
        << QStringLiteral("app=web,") << QStringLiteral("found '', expected: identifier after ','");
    QTest::newRow("starts with operator")
        << QStringLiteral("=web")
        << QStringLiteral("found '=', expected: !, identifier, or 'end of string'");
    QTest::newRow("in without parenthesis")
        << QStringLiteral("app in web")
        << QStringLiteral("unable to parse requirement: found 'web' expected: '('");
    QTest::newRow("unclosed set")
        << QStringLiteral("app in (a,b")
        << QStringLiteral("unable to parse requirement: found '', expected: ',' or ')'");
    QTest::newRow("bang without key")
        << QStringLiteral("!")
        << QStringLiteral("unable to parse requirement: found '', expected: identifier");
    QTest::newRow("bad value")
        << QStringLiteral("app=-web")
        << QStringLiteral("unable to parse requirement: values[0][app]: Invalid value: \"-web\": "
                          "a valid label must be an empty string or consist of alphanumeric "
                          "characters, '-', '_' or '.', and must start and end with an "
                          "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                          "'12345', regex used for validation is "
                          "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    // Keys are checked as the parser reads them, with no field path (hence "<nil>"), as
    // `kubectl get pods -l "app:monolith"` shows against a real server.
    QTest::newRow("bad key")
        << QStringLiteral("app:monolith")
        << QStringLiteral(
               "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name "
               "part must consist of alphanumeric characters, '-', '_' or '.', and must "
               "start and end with an alphanumeric character (e.g. 'MyName',  or "
               "'my.name',  or '123-abc', regex used for validation is "
               "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    QTest::newRow("bad prefix")
        << QStringLiteral("app.kubernetes_io/name=vault")
        << QStringLiteral(
               "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": "
               "prefix part a lowercase RFC 1123 subdomain must consist of lower case "
               "alphanumeric characters, '-' or '.', and must start and end with an "
               "alphanumeric character (e.g. 'example.com', regex used for validation is "
               "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
}

void tst_Selectors::labelErrors()
{
    QFETCH(QString, selector);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!LabelSelector::parse(selector, &actual));
    QCOMPARE(actual, error);
}

void tst_Selectors::selectorObject()
{
    QString error;
    const auto selector =
        LabelSelector::fromObject(test::object(R"({"matchLabels":{"app":"web"},"matchExpressions":[
            {"key":"tier","operator":"In","values":["front"]},
            {"key":"legacy","operator":"DoesNotExist"}]})"),
                                  &error);
    QVERIFY2(selector, qPrintable(error));
    QVERIFY(selector->matches(test::object(R"({"app":"web","tier":"front"})")));
    QVERIFY(!selector->matches(test::object(R"({"app":"web","tier":"front","legacy":"1"})")));
    QVERIFY(!selector->matches(test::object(R"({"app":"web"})")));
    QVERIFY(!LabelSelector::fromObject(
        test::object(R"({"matchExpressions":[{"key":"a","operator":"Near"}]})"), &error));
}

void tst_Selectors::fieldMatching_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("matches");

    QTest::newRow("empty") << QString() << true;
    QTest::newRow("name") << QStringLiteral("metadata.name=web") << true;
    QTest::newRow("name double equals") << QStringLiteral("metadata.name==web") << true;
    QTest::newRow("name other") << QStringLiteral("metadata.name=db") << false;
    QTest::newRow("namespace not") << QStringLiteral("metadata.namespace!=kube-system") << true;
    QTest::newRow("both") << QStringLiteral("metadata.name=web,metadata.namespace=default") << true;
    QTest::newRow("trailing comma") << QStringLiteral("metadata.name=web,") << true;
    QTest::newRow("both, one fails")
        << QStringLiteral("metadata.name=web,metadata.namespace=prod") << false;
}

void tst_Selectors::fieldMatching()
{
    QFETCH(QString, selector);
    QFETCH(bool, matches);
    QString error;
    const auto parsed = FieldSelector::parse(selector, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(test::object(R"({"metadata":{"name":"web","namespace":"default"}})")),
             matches);
}

void tst_Selectors::fieldErrors_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<QString>("error");
    QTest::newRow("unsupported field")
        << QStringLiteral("spec.replicas=3")
        << QStringLiteral("field label not supported: spec.replicas");
    QTest::newRow("no operator")
        << QStringLiteral("metadata.name")
        << QStringLiteral("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
}

void tst_Selectors::fieldErrors()
{
    QFETCH(QString, selector);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!FieldSelector::parse(selector, &actual));
    QCOMPARE(actual, error);

    // Per-type fields: a Pod can be selected by phase, a ConfigMap cannot.
    const TypeRef pod{QString(), QStringLiteral("v1"), QStringLiteral("Pod")};
    const auto byPhase = FieldSelector::parse(QStringLiteral("status.phase=Running"), pod, &actual);
    QVERIFY2(byPhase, qPrintable(actual));
    QVERIFY(byPhase->matches(test::object(R"({"status":{"phase":"Running"}})")));
    const TypeRef configMap{QString(), QStringLiteral("v1"), QStringLiteral("ConfigMap")};
    QVERIFY(!FieldSelector::parse(QStringLiteral("status.phase=Running"), configMap, &actual));
}

QTEST_GUILESS_MAIN(tst_Selectors)
#include "tst_selectors.moc"
