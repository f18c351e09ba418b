// The drift correctness corpus (issue 6): each case under tests/data/drift holds what git
// says (desired.yaml), what a real API server returned (live.yaml, made by replaying
// steps.yaml against kube-emulator), what must be found (case.json) and the full verdict and
// diff as golden files (expected.json, expected.diff).

#include "drift/appdrift.h"
#include "drift/driftreport.h"
#include "goldenfile.h"
#include "manifest/manifestparser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gitops;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

drift::ComparisonOptions optionsOf(const QJsonObject &spec)
{
    drift::ComparisonOptions options;
    if (spec.contains(QLatin1String("fieldManager")))
        options.appliers = {spec.value(QLatin1String("fieldManager")).toString()};
    for (const QJsonValue &value : spec.value(QLatin1String("ignoreDifferences")).toArray()) {
        const QJsonObject rule = value.toObject();
        drift::IgnoreRule ignore;
        ignore.group = rule.value(QLatin1String("group")).toString();
        ignore.kind = rule.value(QLatin1String("kind")).toString();
        ignore.name = rule.value(QLatin1String("name")).toString();
        for (const QJsonValue &pointer : rule.value(QLatin1String("jsonPointers")).toArray())
            ignore.jsonPointers << pointer.toString();
        for (const QJsonValue &expression :
             rule.value(QLatin1String("jqPathExpressions")).toArray())
            ignore.jqPathExpressions << expression.toString();
        for (const QJsonValue &manager :
             rule.value(QLatin1String("managedFieldsManagers")).toArray())
            ignore.managedFieldsManagers << manager.toString();
        options.ignoreRules << ignore;
    }
    return options;
}

} // namespace

class TestDriftCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cases_data()
    {
        QTest::addColumn<QString>("folder");
        const QDir corpus(QStringLiteral(GITOPS_DRIFT_CORPUS));
        const QStringList names = corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(names.size() >= 40, "the corpus holds at least 40 cases");
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << corpus.filePath(name);
    }

    void cases()
    {
        QFETCH(QString, folder);
        const QJsonObject spec =
            QJsonDocument::fromJson(readFile(folder + QStringLiteral("/case.json"))).object();
        QVERIFY2(!spec.isEmpty(), "case.json says what must be found");

        const auto desired = manifest::parseManifests(
            readFile(folder + QStringLiteral("/desired.yaml")), QStringLiteral("desired.yaml"));
        const auto live = manifest::parseManifests(readFile(folder + QStringLiteral("/live.yaml")),
                                                   QStringLiteral("live.yaml"));
        QVERIFY(desired.notes.isEmpty());
        QVERIFY(live.notes.isEmpty());
        QList<QJsonObject> liveObjects;
        for (const manifest::Resource &resource : live.resources)
            liveObjects << resource.object;

        const drift::AppDrift app = drift::compareApp(
            desired.resources, liveObjects,
            spec.value(QLatin1String("namespace")).toString(QStringLiteral("default")),
            optionsOf(spec));

        // What a user notices: the verdict, and exactly the differences that are real.
        const QJsonObject expect = spec.value(QLatin1String("expect")).toObject();
        QCOMPARE(drift::syncStatusName(app.status),
                 expect.value(QLatin1String("status")).toString());
        QStringList paths;
        QStringList statuses;
        for (const drift::ResourceDrift &resource : app.resources) {
            statuses << resource.id.kind + QLatin1Char(' ') + resource.id.name + QLatin1Char('=')
                    + drift::syncStatusName(resource.status);
            for (const drift::Difference &difference : resource.differences)
                paths << resource.id.kind + QLatin1Char(' ') + resource.id.name + QLatin1Char(' ')
                        + difference.path;
        }
        QStringList expectedPaths;
        for (const QJsonValue &path : expect.value(QLatin1String("paths")).toArray())
            expectedPaths << path.toString();
        QCOMPARE(paths, expectedPaths);
        if (expect.contains(QLatin1String("resources"))) {
            QStringList expectedStatuses;
            for (const QJsonValue &s : expect.value(QLatin1String("resources")).toArray())
                expectedStatuses << s.toString();
            QCOMPARE(statuses, expectedStatuses);
        }
        // Synced means nothing to show.
        if (app.status == drift::SyncStatus::Synced)
            QCOMPARE(drift::DriftReport::unifiedDiff(app), QString());

        // Secrets never show: no live or desired Secret value appears in any text.
        const QString json = QString::fromUtf8(
            QJsonDocument(drift::DriftReport::toJson(app)).toJson(QJsonDocument::Indented));
        const QString diff = drift::DriftReport::unifiedDiff(app);
        for (const QJsonValue &secret : spec.value(QLatin1String("secretValues")).toArray()) {
            QVERIFY2(!json.contains(secret.toString()), qPrintable(secret.toString()));
            QVERIFY2(!diff.contains(secret.toString()), qPrintable(secret.toString()));
        }

        QVERIFY(test::matchesGoldenFile(json, folder + QStringLiteral("/expected.json")));
        QVERIFY(test::matchesGoldenFile(diff, folder + QStringLiteral("/expected.diff")));
    }
};

QTEST_GUILESS_MAIN(TestDriftCorpus)
#include "tst_driftcorpus.moc"
