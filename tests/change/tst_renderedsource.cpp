// Which file of a kustomize app literally holds a rendered field's value (issue 15, item 2):
// the one file that does is edited; a field a transformer sets, or that several files hold,
// is refused with its reason; adoptLiveValues() itself refuses a rendered field its file does
// not hold as rendered.
#include "change/liveadoption.h"
#include "change/renderedsource.h"
#include "differencefixture.h"

#include <QTest>

using namespace gitops::change;
using gitops::drift::Difference;
using gitops::test::difference;

namespace {

// base/deployment.yaml: a Service and the Deployment; overlays/prod/replicas.yaml: the
// strategic-merge patch the overlay's kustomization applies to it.
const QByteArray Base = "apiVersion: v1\n"
                        "kind: Service\n"
                        "metadata:\n"
                        "  name: web\n"
                        "---\n"
                        "apiVersion: apps/v1\n"
                        "kind: Deployment\n"
                        "metadata:\n"
                        "  name: web\n"
                        "  labels:\n"
                        "    tier: frontend # both files say so\n"
                        "spec:\n"
                        "  replicas: 1\n"
                        "  template:\n"
                        "    spec:\n"
                        "      containers:\n"
                        "        - name: web\n"
                        "          image: nginx:1.26 # pinned\n";
const QByteArray Patch = "apiVersion: apps/v1\n"
                         "kind: Deployment\n"
                         "metadata:\n"
                         "  name: web\n"
                         "  labels:\n"
                         "    tier: frontend\n"
                         "spec:\n"
                         "  replicas: 3\n";

QList<RenderedCandidate> candidates()
{
    QList<RenderedCandidate> all =
        renderedCandidates(QStringLiteral("base/deployment.yaml"), Base,
                           QStringLiteral("Deployment"), QStringLiteral("web"));
    all += renderedCandidates(QStringLiteral("overlays/prod/replicas.yaml"), Patch,
                              QStringLiteral("Deployment"), QStringLiteral("web"));
    return all;
}

} // namespace

class tst_RenderedSource : public QObject
{
    Q_OBJECT

private slots:
    void candidatesAreTheDocumentsOfTheKindAndName()
    {
        const QList<RenderedCandidate> all = candidates();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).file, QStringLiteral("base/deployment.yaml"));
        QCOMPARE(all.at(0).document, 1); // the Service comes first
        QCOMPARE(all.at(1).file, QStringLiteral("overlays/prod/replicas.yaml"));
        QCOMPARE(all.at(1).document, 0);
        QVERIFY(renderedCandidates(QStringLiteral("x.yaml"), "kind: [unclosed\n",
                                   QStringLiteral("Deployment"), QStringLiteral("web"))
                    .isEmpty());
    }

    void eachFieldGoesToTheOneFileThatHoldsIt()
    {
        // Rendered: the base's image, the patch's replicas.
        const Difference image =
            difference(QStringLiteral(".spec.template.spec.containers[0].image"),
                       QStringLiteral("/spec/template/spec/containers/0/image"),
                       QStringLiteral("nginx:1.26"), QStringLiteral("nginx:1.27"));
        const Difference replicas =
            difference(QStringLiteral(".spec.replicas"), QStringLiteral("/spec/replicas"), 3, 5);
        const RenderedSources sources = renderedSources({image, replicas}, candidates());
        QVERIFY(sources.refusals.isEmpty());
        QCOMPARE(sources.holders.size(), 2);
        QCOMPARE(sources.holders.at(0).file, QStringLiteral("base/deployment.yaml"));
        QCOMPARE(sources.holders.at(0).document, 1);
        QCOMPARE(sources.holders.at(0).differences.size(), 1);
        QCOMPARE(sources.holders.at(0).differences.first().path, image.path);
        QCOMPARE(sources.holders.at(1).file, QStringLiteral("overlays/prod/replicas.yaml"));
        QCOMPARE(sources.holders.at(1).differences.first().path, replicas.path);

        // Each holder's edit lands in its file, the rest of it byte-identical.
        AdoptionSource source{sources.holders.at(1).file, sources.holders.at(1).bytes,
                              sources.holders.at(1).document, QStringLiteral("Deployment"), true};
        const LiveAdoption adoption = adoptLiveValues(sources.holders.at(1).differences, source);
        QVERIFY(adoption.refusals.isEmpty());
        QCOMPARE(adoption.draft.files.value(QStringLiteral("overlays/prod/replicas.yaml")),
                 QByteArray(Patch).replace("replicas: 3", "replicas: 5"));
    }

    void fieldsHeldBySeveralFilesOrNoneAreRefused()
    {
        const Difference tier = difference(QStringLiteral(".metadata.labels.tier"),
                                           QStringLiteral("/metadata/labels/tier"),
                                           QStringLiteral("frontend"), QStringLiteral("edge"));
        // A commonLabels transformer sets team: no file holds it.
        const Difference team = difference(QStringLiteral(".metadata.labels.team"),
                                           QStringLiteral("/metadata/labels/team"),
                                           QStringLiteral("shop"), QStringLiteral("store"));
        // Only live has it: git sets it nowhere.
        const Difference added = difference(
            QStringLiteral(".metadata.labels.extra"), QStringLiteral("/metadata/labels/extra"),
            QJsonValue(QJsonValue::Undefined), QStringLiteral("yes"));
        const RenderedSources sources = renderedSources({tier, team, added}, candidates());
        QVERIFY(sources.holders.isEmpty());
        QCOMPARE(sources.refusals.size(), 3);
        QCOMPARE(sources.refusals.at(0).path, tier.path);
        QVERIFY2(sources.refusals.at(0).reason.startsWith(QStringLiteral("2 files hold it"))
                     && sources.refusals.at(0).reason.contains(
                         QStringLiteral("base/deployment.yaml, overlays/prod/replicas.yaml")),
                 qPrintable(sources.refusals.at(0).reason));
        QCOMPARE(sources.refusals.at(1).path, team.path);
        QVERIFY2(sources.refusals.at(1).reason.startsWith(QStringLiteral("kustomize sets it"))
                     && sources.refusals.at(1).reason.contains(QStringLiteral("transformer")),
                 qPrintable(sources.refusals.at(1).reason));
        QCOMPARE(sources.refusals.at(2).path, added.path);
        QVERIFY2(sources.refusals.at(2).reason.startsWith(QStringLiteral("git does not set it")),
                 qPrintable(sources.refusals.at(2).reason));
    }

    void adoptionRefusesARenderedFieldItsFileDoesNotHold()
    {
        // The base says replicas 1, kustomize renders 3 (the patch's): editing the base's
        // replicas would change nothing, so adoptLiveValues() refuses it whoever calls it.
        const Difference replicas =
            difference(QStringLiteral(".spec.replicas"), QStringLiteral("/spec/replicas"), 3, 5);
        const Difference image =
            difference(QStringLiteral(".spec.template.spec.containers[0].image"),
                       QStringLiteral("/spec/template/spec/containers/0/image"),
                       QStringLiteral("nginx:1.26"), QStringLiteral("nginx:1.27"));
        const AdoptionSource source{QStringLiteral("base/deployment.yaml"), Base, 1,
                                    QStringLiteral("Deployment"), true};
        const LiveAdoption adoption = adoptLiveValues({replicas, image}, source);
        QCOMPARE(adoption.refusals.size(), 1);
        QCOMPARE(adoption.refusals.first().path, replicas.path);
        QVERIFY(adoption.refusals.first().reason.startsWith(QStringLiteral("kustomize sets it")));
        QCOMPARE(adoption.draft.files.value(QStringLiteral("base/deployment.yaml")),
                 QByteArray(Base).replace("nginx:1.26 # pinned", "nginx:1.27 # pinned"));
        // Read as written (not rendered), the same file's replicas are edited.
        const AdoptionSource plain{QStringLiteral("base/deployment.yaml"), Base, 1,
                                   QStringLiteral("Deployment"), false};
        const Difference written =
            difference(QStringLiteral(".spec.replicas"), QStringLiteral("/spec/replicas"), 1, 5);
        QVERIFY(adoptLiveValues({written}, plain).refusals.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_RenderedSource)
#include "tst_renderedsource.moc"
