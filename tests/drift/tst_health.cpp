// Health as operators' controllers judge it (issue 21), held against a corpus of live
// objects: tests/data/health/CASE.yaml is one object as `kubectl get -o yaml` prints it, its
// comment header says what the verdict must be (`# expect: Degraded`, the verdict Argo CD
// gives unless an `# argocd:` line says why we differ), and CASE.expected is the golden
// verdict and message (GITOPS_REGENERATE_GOLDEN=1 rewrites it; a difference shows as a
// unified diff).

#include "drift/appdrift.h"
#include "drift/health.h"
#include "goldenfile.h"
#include "manifest/yamldocument.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace gitops;
using drift::Health;

namespace {

const QString corpusFolder = QStringLiteral(GITOPS_HEALTH_CORPUS);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The value of the `# key: value` line of @p text's comment header.
QString headerValue(const QByteArray &text, const QString &key)
{
    const QRegularExpression line(QStringLiteral("^# %1: (.*)$").arg(key),
                                  QRegularExpression::MultilineOption);
    return line.match(QString::fromUtf8(text)).captured(1).trimmed();
}

QJsonObject liveObject(const QString &name)
{
    const auto parsed =
        manifest::parseYamlDocuments(readFile(corpusFolder + u'/' + name + u".yaml"));
    if (const auto *error = std::get_if<manifest::YamlError>(&parsed)) {
        qWarning("%s.yaml:%d: %s", qPrintable(name), error->line, qPrintable(error->message));
        return {};
    }
    const auto &documents = std::get<QList<manifest::YamlDocument>>(parsed);
    return documents.size() == 1 ? documents.first().value.toObject() : QJsonObject();
}

Health healthOf(const QString &name)
{
    return Health::of(liveObject(name));
}

drift::ResourceDrift resourceWith(Health::Status status)
{
    drift::ResourceDrift resource;
    resource.health = {status, Health::name(status)};
    return resource;
}

} // namespace

class TestHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList files =
            QDir(corpusFolder).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 60, "the corpus holds a case for every kind and verdict");
        for (const QString &file : files)
            QTest::newRow(qPrintable(file.chopped(5))) << file.chopped(5);
    }

    // What a user sees in the Health column and the Details pane, for each object.
    void corpus()
    {
        QFETCH(QString, name);
        const QByteArray text = readFile(corpusFolder + u'/' + name + u".yaml");
        const QString expect = headerValue(text, QStringLiteral("expect"));
        QVERIFY2(Health::statusNamed(expect), "the header names the verdict: # expect: Status");
        const QJsonObject live = liveObject(name);
        QVERIFY2(!live.isEmpty(), "one object, as kubectl get -o yaml prints it");
        const Health health = Health::of(live);
        QCOMPARE(Health::name(health.status), expect);
        // Details show why: never a bare verdict that is not Healthy.
        if (health.status != Health::Status::Healthy)
            QVERIFY2(!health.message.isEmpty(), "a verdict that is not Healthy says why");
        QVERIFY(
            test::matchesGoldenFile(Health::name(health.status) + u'\n' + health.message + u'\n',
                                    corpusFolder + u'/' + name + u".expected"));
    }

    // Each disagreement with Argo CD named in issue 21, with the verdict Argo CD gives and the
    // field that decides it in the message.
    void argoCdCases_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("because");
        QTest::newRow("container terminated with Error") << "pod-container-error-restarted"
                                                         << "Degraded"
                                                         << "last terminated: Error";
        QTest::newRow("running, restartPolicy Never") << "pod-running-restart-never"
                                                      << "Progressing"
                                                      << "spec.restartPolicy Never";
        QTest::newRow("running, restartPolicy OnFailure, restarted")
            << "pod-running-restart-onfailure-restarted"
            << "Progressing"
            << "spec.restartPolicy OnFailure";
        QTest::newRow("DaemonSet OnDelete with old pods") << "daemonset-ondelete-old-pods"
                                                          << "Healthy"
                                                          << "OnDelete";
        QTest::newRow("autoscaling/v1 conditions in the annotation")
            << "hpa-v1-annotation-healthy"
            << "Healthy"
            << "recommended size matches current size";
        QTest::newRow("autoscaling/v1 failing metrics in the annotation")
            << "hpa-v1-annotation-failed-metrics"
            << "Degraded"
            << "FailedGetResourceMetric";
        QTest::newRow("v2 HPA still progressing") << "hpa-v2-waiting-to-scale"
                                                  << "Progressing"
                                                  << "ScalingActive=True";
        QTest::newRow("APIService Available=False") << "apiservice-unavailable"
                                                    << "Progressing"
                                                    << "Available=False";
    }
    void argoCdCases()
    {
        QFETCH(QString, name);
        QFETCH(QString, status);
        QFETCH(QString, because);
        const Health health = healthOf(name);
        QCOMPARE(Health::name(health.status), status);
        QVERIFY2(health.message.contains(because), qPrintable(health.message));
    }

    // Every verdict occurs in the corpus, and every kind the issue names.
    void corpusCoversKindsAndVerdicts()
    {
        QSet<QString> verdicts;
        QSet<QString> kinds;
        for (const QString &file :
             QDir(corpusFolder).entryList({QStringLiteral("*.yaml")}, QDir::Files)) {
            verdicts.insert(
                headerValue(readFile(corpusFolder + u'/' + file), QStringLiteral("expect")));
            kinds.insert(liveObject(file.chopped(5)).value(u"kind").toString());
        }
        for (const char *verdict : {"Healthy", "Suspended", "Progressing", "Degraded", "Unknown"})
            QVERIFY2(verdicts.contains(QLatin1String(verdict)), verdict);
        for (const char *kind :
             {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod", "Job", "CronJob",
              "PersistentVolumeClaim", "Service", "Ingress", "HorizontalPodAutoscaler",
              "APIService", "PodDisruptionBudget", "Application", "Kustomization", "HelmRelease",
              "GitRepository", "Certificate"})
            QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
    }

    void missing()
    {
        const Health health = Health::of({});
        QCOMPARE(health.status, Health::Status::Missing);
        QCOMPARE(health.message, QStringLiteral("not in the cluster"));
    }

    // A custom resource nobody has a rule for is Healthy, and says so.
    void noRuleIsSaid()
    {
        QVERIFY(healthOf(QStringLiteral("cr-no-conditions")).message.contains(u"No health rule"));
        QVERIFY(
            healthOf(QStringLiteral("cr-other-conditions")).message.contains(u"No health rule"));
        // A ConfigMap has nothing to judge: no message at all.
        const Health configMap =
            Health::of(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                   {QStringLiteral("kind"), QStringLiteral("ConfigMap")}});
        QCOMPARE(configMap, (Health{Health::Status::Healthy, QString()}));
    }

    // The app's health is its worst resource's, in Argo CD's order: Healthy, Suspended,
    // Progressing, Missing, Degraded, Unknown.
    void appHealth_data()
    {
        QTest::addColumn<QList<int>>("resources");
        QTest::addColumn<int>("app");
        using S = Health::Status;
        QTest::newRow("empty") << QList<int>{} << int(S::Healthy);
        QTest::newRow("suspended over healthy")
            << QList<int>{int(S::Healthy), int(S::Suspended)} << int(S::Suspended);
        QTest::newRow("progressing over suspended")
            << QList<int>{int(S::Suspended), int(S::Progressing)} << int(S::Progressing);
        QTest::newRow("missing over progressing")
            << QList<int>{int(S::Progressing), int(S::Missing)} << int(S::Missing);
        QTest::newRow("degraded over missing")
            << QList<int>{int(S::Missing), int(S::Degraded), int(S::Healthy)} << int(S::Degraded);
        QTest::newRow("unknown over degraded")
            << QList<int>{int(S::Degraded), int(S::Unknown)} << int(S::Unknown);
    }
    void appHealth()
    {
        QFETCH(QList<int>, resources);
        QFETCH(int, app);
        QList<drift::ResourceDrift> drifts;
        for (int status : resources)
            drifts.append(resourceWith(Health::Status(status)));
        const drift::AppDrift verdict = drift::AppDrift::of(drifts);
        QCOMPARE(Health::name(verdict.health.status), Health::name(Health::Status(app)));
    }

    // What the Details list under a resource's health is decided with the verdict: the
    // conditions in their order, then init containers and containers, each with the words
    // its controller wrote.
    void facts()
    {
        const QJsonObject pod = QJsonDocument::fromJson(R"({"apiVersion":"v1","kind":"Pod",
            "metadata":{"name":"web-1","namespace":"shop"},
            "status":{"phase":"Running","conditions":[
              {"type":"Initialized","status":"True"},
              {"type":"Ready","status":"False","reason":"ContainersNotReady",
               "message":"containers with unready status: [web]"}],
             "initContainerStatuses":[{"name":"migrate","restartCount":0,
               "state":{"terminated":{"reason":"Completed","exitCode":0}}}],
             "containerStatuses":[
              {"name":"web","restartCount":7,"state":{"waiting":{"reason":"CrashLoopBackOff",
                "message":"back-off 5m0s restarting failed container"}}},
              {"name":"proxy","restartCount":0,"state":{"running":{}}}]}})")
                                    .object();
        using Fact = drift::HealthFact;
        Fact initialized{Fact::Kind::Condition,
                         QStringLiteral("Initialized"),
                         QStringLiteral("True"),
                         {},
                         {},
                         0,
                         0};
        Fact ready{Fact::Kind::Condition,
                   QStringLiteral("Ready"),
                   QStringLiteral("False"),
                   QStringLiteral("ContainersNotReady"),
                   QStringLiteral("containers with unready status: [web]"),
                   0,
                   0};
        Fact migrate{Fact::Kind::ContainerTerminated,
                     QStringLiteral("migrate"),
                     {},
                     QStringLiteral("Completed"),
                     {},
                     0,
                     0};
        Fact web{Fact::Kind::ContainerWaiting,
                 QStringLiteral("web"),
                 {},
                 QStringLiteral("CrashLoopBackOff"),
                 QStringLiteral("back-off 5m0s restarting failed container"),
                 0,
                 7};
        Fact proxy{Fact::Kind::ContainerRunning, QStringLiteral("proxy"), {}, {}, {}, 0, 0};
        const QList<Fact> expected{initialized, ready, migrate, web, proxy};
        QCOMPARE(Fact::of(pod), expected);
        const Health health = Health::of(pod);
        QCOMPARE(health.status, Health::Status::Degraded);
        QCOMPARE(health.facts, expected);
        // An app's health is its worst resource's verdict, not that resource's facts.
        const Health app = Health::worse(Health{Health::Status::Healthy}, health);
        QCOMPARE(app.status, Health::Status::Degraded);
        QCOMPARE(app.message, health.message);
        QVERIFY(app.facts.isEmpty());
        // Nothing reported, nothing listed; Health::of() sets what HealthFact::of() finds.
        QVERIFY(Health::of({}).facts.isEmpty());
        QCOMPARE(healthOf(QStringLiteral("pod-container-error-restarted")).facts,
                 Fact::of(liveObject(QStringLiteral("pod-container-error-restarted"))));
    }

    void statusNames()
    {
        for (int status = 0; status <= int(Health::Status::Unknown); ++status)
            QCOMPARE(Health::statusNamed(Health::name(Health::Status(status))),
                     Health::Status(status));
        QCOMPARE(Health::statusNamed(QStringLiteral("Fine")), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
