// Flux's post-build variable substitution (issue 20, item 3): the expressions Flux's
// kustomize-controller expands, as a user writes them in manifests.

#include "workspace/postbuild.h"

#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;

class tst_PostBuild : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void expands_data();
    void expands();
    void badSubstitution_data();
    void badSubstitution();
    void unreadSourcesStayAsWritten();
    void objectsAreTypedAfterSubstitution();
    void objectsCanOptOut();
    void variableNames();
    void fromSpec();
};

namespace {

const QMap<QString, QString> variables{
    {u"CLUSTER"_s, u"prod-eu"_s}, {u"REPLICAS"_s, u"3"_s},
    {u"EMPTY"_s, QString()},      {u"IMAGE"_s, u"registry.example.com/team/web"_s},
    {u"NAME"_s, u"Web"_s},        {u"PATH_VALUE"_s, u"a/b/c.txt"_s},
};

std::optional<QString> known(const QString &name)
{
    return variables.value(name); // Flux: a variable nobody defines is empty
}

} // namespace

void tst_PostBuild::expands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"cluster: ${CLUSTER}"_s << u"cluster: prod-eu"_s;
    QTest::newRow("twice in a line") << u"${CLUSTER}-${REPLICAS}"_s << u"prod-eu-3"_s;
    QTest::newRow("undefined is empty") << u"x: '${NOPE}'"_s << u"x: ''"_s;
    QTest::newRow(":= default when empty") << u"${EMPTY:=fallback}"_s << u"fallback"_s;
    QTest::newRow(":= default when unset") << u"${NOPE:=1}"_s << u"1"_s;
    QTest::newRow(":= keeps a value") << u"${REPLICAS:=1}"_s << u"3"_s;
    QTest::newRow(":- default") << u"${NOPE:-a b}"_s << u"a b"_s;
    QTest::newRow("= default") << u"${NOPE=x}"_s << u"x"_s;
    QTest::newRow("a default that is a variable") << u"${NOPE:=${CLUSTER}}"_s << u"prod-eu"_s;
    QTest::newRow("a default with text and a variable")
        << u"${NOPE:=eu-${REPLICAS}-x}"_s << u"eu-3-x"_s;
    QTest::newRow(":+ is read but not applied") << u"${CLUSTER:+x}"_s << u"prod-eu"_s;
    QTest::newRow("length") << u"${#CLUSTER}"_s << u"7"_s;
    QTest::newRow("upper first") << u"${CLUSTER^}"_s << u"Prod-eu"_s;
    QTest::newRow("upper all") << u"${CLUSTER^^}"_s << u"PROD-EU"_s;
    QTest::newRow("lower first") << u"${NAME,}"_s << u"web"_s;
    QTest::newRow("lower all") << u"${NAME,,}"_s << u"web"_s;
    QTest::newRow("offset") << u"${CLUSTER:5}"_s << u"eu"_s;
    QTest::newRow("offset and length") << u"${CLUSTER:0:4}"_s << u"prod"_s;
    // envsubst reads " -2" as no number (and ":-2" is a default): the value as it is.
    QTest::newRow("a spaced negative offset") << u"${CLUSTER: -2}"_s << u"prod-eu"_s;
    QTest::newRow("offset past the end") << u"${CLUSTER:20}"_s << QString();
    QTest::newRow("shortest prefix") << u"${PATH_VALUE#*/}"_s << u"b/c.txt"_s;
    QTest::newRow("a glob star stops at /") << u"${PATH_VALUE##*/}"_s << u"b/c.txt"_s;
    QTest::newRow("longest prefix") << u"${IMAGE##*.}"_s << u"com/team/web"_s;
    QTest::newRow("shortest suffix") << u"${PATH_VALUE%.*}"_s << u"a/b/c"_s;
    QTest::newRow("replace first") << u"${CLUSTER/-/_}"_s << u"prod_eu"_s;
    QTest::newRow("replace all") << u"${IMAGE//e/E}"_s << u"rEgistry.ExamplE.com/tEam/wEb"_s;
    QTest::newRow("replace an escaped slash")
        << u"${IMAGE/\\/team\\//-}"_s << u"registry.example.com-web"_s;
    QTest::newRow("replace prefix") << u"${CLUSTER/#prod/dev}"_s << u"dev-eu"_s;
    QTest::newRow("replace suffix") << u"${CLUSTER/%eu/us}"_s << u"prod-us"_s;
    QTest::newRow("replace with nothing") << u"${CLUSTER/-eu/}"_s << u"prod"_s;
    QTest::newRow("$$ is a dollar") << u"price: $${CLUSTER}"_s << u"price: ${CLUSTER}"_s;
    QTest::newRow("a lone $ stays") << u"cost: 5$ and $HOME"_s << u"cost: 5$ and $HOME"_s;
    QTest::newRow("escaped backslash, as Flux does") << u"a\\\\b \\/"_s << u"a\\b /"_s;
    QTest::newRow("other backslashes stay") << u"C:\\temp\\n"_s << u"C:\\temp\\n"_s;
    QTest::newRow("unicode around") << u"größe: ${REPLICAS} ✓"_s << u"größe: 3 ✓"_s;
    QTest::newRow("lines kept") << u"a: ${CLUSTER}\nb: ${REPLICAS}\n"_s << u"a: prod-eu\nb: 3\n"_s;
}

void tst_PostBuild::expands()
{
    QFETCH(const QString, text);
    QFETCH(const QString, expected);
    const auto expanded = expandVariables(text, known);
    if (const auto *error = std::get_if<SubstitutionError>(&expanded))
        QFAIL(qPrintable(error->message.toString()));
    QCOMPARE(std::get<QString>(expanded), expected);
}

void tst_PostBuild::badSubstitution_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("not closed") << u"image: web:${TAG"_s;
    QTest::newRow("no name") << u"x: ${}"_s;
    QTest::newRow("a space in the name") << u"x: ${A B}"_s;
    QTest::newRow("replace without its second slash") << u"x: ${CLUSTER/a}"_s;
}

void tst_PostBuild::badSubstitution()
{
    QFETCH(const QString, text);
    const auto expanded = expandVariables(u"first: line\n"_s + text + u"\nlast: line"_s, known);
    QVERIFY(std::holds_alternative<SubstitutionError>(expanded));
    // The message names the line the user has to fix, not the whole object.
    const QString message = std::get<SubstitutionError>(expanded).message.toString();
    QVERIFY2(message.contains(text.trimmed()), qPrintable(message));
    QVERIFY2(!message.contains(u"first: line"_s), qPrintable(message));
}

void tst_PostBuild::unreadSourcesStayAsWritten()
{
    const VariableLookup partly = [](const QString &name) -> std::optional<QString> {
        if (name == u"CLUSTER")
            return u"prod"_s;
        return std::nullopt;
    };
    const auto expanded =
        expandVariables(u"${CLUSTER}/${FROM_CONFIGMAP:=x}/${NOPE^^}/${NOPE:=${CLUSTER}}"_s, partly);
    QCOMPARE(std::get<QString>(expanded),
             u"prod/${FROM_CONFIGMAP:=x}/${NOPE^^}/${NOPE:=${CLUSTER}}"_s);
}

void tst_PostBuild::objectsAreTypedAfterSubstitution()
{
    const QJsonObject deployment =
        QJsonDocument::fromJson(R"({"apiVersion":"apps/v1","kind":"Deployment",
            "metadata":{"name":"web-${CLUSTER}","labels":{"tier":"${TIER:=frontend}"}},
            "spec":{"replicas":"${REPLICAS}","paused":"${PAUSED:=false}",
                    "template":{"spec":{"containers":[{"name":"web",
                        "image":"${IMAGE}:1.27","args":["--port=${PORT:=8080}"]}]}}}})")
            .object();
    Text error;
    const QJsonObject out = substituteVariables(deployment, known, true, {}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error.toString()));
    QCOMPARE(out.value(u"metadata"_s).toObject().value(u"name"_s).toString(), u"web-prod-eu"_s);
    QCOMPARE(out.value(u"metadata"_s)["labels"_L1]["tier"_L1].toString(), u"frontend"_s);
    const QJsonObject spec = out.value(u"spec"_s).toObject();
    // A plain `replicas: ${REPLICAS}` is a number once substituted, as Flux applies it.
    QVERIFY(spec.value(u"replicas"_s).isDouble());
    QCOMPARE(spec.value(u"replicas"_s).toInteger(), 3);
    QCOMPARE(spec.value(u"paused"_s), QJsonValue(false));
    const QJsonObject container = spec["template"_L1]["spec"_L1]["containers"_L1][0].toObject();
    QCOMPARE(container.value(u"image"_s).toString(), u"registry.example.com/team/web:1.27"_s);
    QCOMPARE(container.value(u"args"_s)[0].toString(), u"--port=8080"_s);

    // What the manifest quoted stays text: `"${REPLICAS}"` is "3", as Flux leaves it.
    const QJsonObject quoted = substituteVariables(
        deployment, known, true, {u"/spec/replicas"_s, u"/spec/paused"_s}, &error);
    QCOMPARE(quoted["spec"_L1]["replicas"_L1], QJsonValue(u"3"_s));
    QCOMPARE(quoted["spec"_L1]["paused"_L1], QJsonValue(u"false"_s));
    QVERIFY(error.isEmpty());

    // A bad expression names itself, and the object stays as it was.
    QJsonObject broken = deployment;
    broken.insert(u"data"_s, QJsonObject{{u"x"_s, u"${TAG"_s}});
    QCOMPARE(substituteVariables(broken, known, true, {}, &error), broken);
    QVERIFY2(error.toString().contains(u"${TAG"_s), qPrintable(error.toString()));
    error = {};

    // Flux substitutes nothing when there are no variables at all.
    QCOMPARE(substituteVariables(deployment, known, false, {}, &error), deployment);
}

void tst_PostBuild::objectsCanOptOut()
{
    for (const char *where : {"labels", "annotations"}) {
        const QJsonObject object{
            {u"apiVersion"_s, u"v1"_s},
            {u"kind"_s, u"ConfigMap"_s},
            {u"metadata"_s,
             QJsonObject{
                 {u"name"_s, u"script"_s},
                 {QLatin1String(where),
                  QJsonObject{{u"kustomize.toolkit.fluxcd.io/substitute"_s, u"disabled"_s}}}}},
            {u"data"_s, QJsonObject{{u"run.sh"_s, u"echo ${HOME}"_s}}}};
        Text error;
        QCOMPARE(substituteVariables(object, known, true, {}, &error), object);
        QVERIFY(error.isEmpty());
    }
}

void tst_PostBuild::variableNames()
{
    QVERIFY(invalidVariableName(u"CLUSTER_NAME"_s).isEmpty());
    QVERIFY(invalidVariableName(u"_x1"_s).isEmpty());
    QVERIFY(!invalidVariableName(u"1X"_s).isEmpty());
    QVERIFY(!invalidVariableName(u"cluster-name"_s).isEmpty());
    QVERIFY(invalidVariableName(u"cluster-name"_s).toString().contains(u"cluster-name"_s));
}

void tst_PostBuild::fromSpec()
{
    const QJsonObject spec = QJsonDocument::fromJson(R"({"postBuild":{
        "substitute":{"A":"one\ntwo","B":"x"},
        "substituteFrom":[{"kind":"ConfigMap","name":"vars"},
                          {"kind":"Secret","name":"creds","optional":true}]}})")
                                 .object();
    const PostBuild postBuild = PostBuild::fromSpec(spec);
    QCOMPARE(postBuild.substitute.value(u"A"_s), u"onetwo"_s); // Flux drops line breaks
    QCOMPARE(postBuild.substitute.value(u"B"_s), u"x"_s);
    QCOMPARE(postBuild.substituteFrom.size(), 2);
    QCOMPARE(postBuild.substituteFrom.at(1).kind, u"Secret"_s);
    QVERIFY(postBuild.substituteFrom.at(1).optional);
    QVERIFY(!postBuild.substituteFrom.at(0).optional);
    QVERIFY(PostBuild::fromSpec({}).isEmpty());
}

QTEST_GUILESS_MAIN(tst_PostBuild)
#include "tst_postbuild.moc"
