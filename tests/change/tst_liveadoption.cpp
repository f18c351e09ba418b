// Adopting live values into git: the edits made, the summary a reviewer reads, and the
// fields refused with their reason.
#include "change/liveadoption.h"
#include "differencefixture.h"

#include <QTest>

using namespace gitops::change;
using gitops::drift::Difference;
using gitops::test::difference;

namespace {

const QByteArray Deployment = "# web, scaled by hand\n"
                              "apiVersion: apps/v1\n"
                              "kind: Deployment\n"
                              "metadata:\n"
                              "  name: web\n"
                              "  labels:\n"
                              "    app: web\n"
                              "    tier: frontend # old\n"
                              "spec:\n"
                              "  replicas: 2\n";

} // namespace

class tst_LiveAdoption : public QObject
{
    Q_OBJECT

private slots:
    void changedInsertedAndRemovedFieldsBecomeOneFileEdit()
    {
        const QList<Difference> differences = {
            difference(QStringLiteral(".spec.replicas"), QStringLiteral("/spec/replicas"), 2, 5),
            difference(QStringLiteral(".metadata.labels[\"team\"]"),
                       QStringLiteral("/metadata/labels/team"), QJsonValue(QJsonValue::Undefined),
                       QStringLiteral("shop")),
            difference(QStringLiteral(".metadata.labels[\"tier\"]"),
                       QStringLiteral("/metadata/labels/tier"), QStringLiteral("frontend"),
                       QJsonValue(QJsonValue::Undefined)),
        };
        const LiveAdoption adoption = adoptLiveValues(
            differences,
            {QStringLiteral("apps/web.yaml"), Deployment, 0, QStringLiteral("Deployment"), false});
        QVERIFY(adoption.refusals.isEmpty());
        QCOMPARE(adoption.draft.files.value(QStringLiteral("apps/web.yaml")),
                 QByteArray("# web, scaled by hand\n"
                            "apiVersion: apps/v1\n"
                            "kind: Deployment\n"
                            "metadata:\n"
                            "  name: web\n"
                            "  labels:\n"
                            "    app: web\n"
                            "    team: shop\n"
                            "spec:\n"
                            "  replicas: 5\n"));
        QCOMPARE(adoption.draft.summary.size(), 3);
        QCOMPARE(adoption.draft.summary.first(),
                 QStringLiteral("apps/web.yaml: .spec.replicas 2 \u2192 5 (live)"));
    }

    void secretValuesAreRefused()
    {
        const QByteArray secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                                  "data:\n  password: b2xk\n";
        const LiveAdoption adoption = adoptLiveValues(
            {difference(QStringLiteral(".data[\"password\"]"), QStringLiteral("/data/password"),
                        QStringLiteral("b2xk"), QStringLiteral("bmV3"))},
            {QStringLiteral("db.yaml"), secret, 0, QStringLiteral("Secret"), false});
        QVERIFY(adoption.draft.isEmpty());
        QCOMPARE(adoption.refusals.size(), 1);
        QVERIFY(adoption.refusals.first().reason.contains(QLatin1String("Sealed Secrets")));
        QVERIFY(adoption.refusals.first().reason.contains(QLatin1String("SOPS")));
    }

    void fieldsOfGeneratedObjectsAreRefused()
    {
        Difference d =
            difference(QStringLiteral(".data[\"LOG_LEVEL\"]"), QStringLiteral("/data/LOG_LEVEL"),
                       QJsonValue(QJsonValue::Undefined), QStringLiteral("debug"));
        const LiveAdoption adoption =
            adoptLiveValues({d},
                            {QStringLiteral("overlays/prod"),
                             QByteArray("apiVersion: v1\nkind: ConfigMap\n"
                                        "metadata:\n  name: c\n"),
                             0, QStringLiteral("ConfigMap"), true});
        QVERIFY(adoption.draft.isEmpty());
        QCOMPARE(adoption.refusals.size(), 1);
        QVERIFY(adoption.refusals.first().reason.contains(QLatin1String("kustomize generates")));
    }
};

QTEST_GUILESS_MAIN(tst_LiveAdoption)
#include "tst_liveadoption.moc"
