// A live value that no file of a kustomize app holds, taken into git as a strategic-merge
// patch in the overlay (issue 15, item 2): the patch file made, then extended; the
// kustomization naming it once with its comment kept; a field under a list refused. The
// proof is a real `kubectl kustomize` render of the edited tree holding the live values.
#include "change/overlaypatch.h"
#include "differencefixture.h"
#include "manifest/yamldocument.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;

namespace {

const QByteArray base = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
)";

const QByteArray kustomization = "# The production overlay.\nresources:\n  - ../base\n";

} // namespace

class tst_OverlayPatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void patchMadeThenExtendedRendersTheLiveValues();

private:
    /// Writes @p files (relative to the temporary tree) and renders the overlay; the
    /// Deployment kubectl kustomize prints.
    QJsonObject render(const QMap<QString, QByteArray> &files);
    QTemporaryDir m_dir;
    QString m_kubectl;
};

void tst_OverlayPatch::initTestCase()
{
    m_kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    // The build root has kubectl: without it this proof is missing, which is a failure.
    QVERIFY2(!m_kubectl.isEmpty(), "kubectl is not installed: no real kustomize render");
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("base"))));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("overlay"))));
    QFile file(m_dir.filePath(QStringLiteral("base/kustomization.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("resources: [deploy.yaml]\n");
    file.close();
    QFile deploy(m_dir.filePath(QStringLiteral("base/deploy.yaml")));
    QVERIFY(deploy.open(QIODevice::WriteOnly));
    deploy.write(base);
}

QJsonObject tst_OverlayPatch::render(const QMap<QString, QByteArray> &files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QFile file(m_dir.filePath(it.key()));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(it.value());
    }
    QProcess kubectl;
    kubectl.start(m_kubectl,
                  {QStringLiteral("kustomize"), m_dir.filePath(QStringLiteral("overlay"))});
    if (!kubectl.waitForFinished(60000) || kubectl.exitCode() != 0) {
        qWarning().noquote() << kubectl.readAllStandardError();
        return {};
    }
    const auto parsed = manifest::parseYamlDocuments(kubectl.readAllStandardOutput());
    const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
    if (!documents)
        return {};
    for (const manifest::YamlDocument &document : *documents) {
        if (document.value.toObject().value(u"kind").toString() == u"Deployment")
            return document.value.toObject();
    }
    return {};
}

void tst_OverlayPatch::patchMadeThenExtendedRendersTheLiveValues()
{
    const manifest::ResourceId id{QStringLiteral("apps"), QStringLiteral("Deployment"),
                                  QStringLiteral("demo"), QStringLiteral("web")};
    // Before: the render has neither field.
    const QJsonObject before =
        render({{QStringLiteral("overlay/kustomization.yaml"), kustomization}});
    QVERIFY(!before.isEmpty());
    QVERIFY(!before.value(u"spec").toObject().contains(u"minReadySeconds"));

    change::KustomizeOverlay overlay;
    overlay.kustomizationFile = QStringLiteral("overlay/kustomization.yaml");
    overlay.kustomization = kustomization;
    const change::LiveAdoption made = change::adoptIntoOverlayPatch(
        {test::difference(QStringLiteral(".spec.minReadySeconds"),
                          QStringLiteral("/spec/minReadySeconds"),
                          QJsonValue(QJsonValue::Undefined), 10),
         test::difference(QStringLiteral(".spec.strategy.rollingUpdate.maxSurge"),
                          QStringLiteral("/spec/strategy/rollingUpdate/maxSurge"),
                          QJsonValue(QJsonValue::Undefined), QStringLiteral("50%")),
         test::difference(QStringLiteral(".spec.template.spec.containers[0].imagePullPolicy"),
                          QStringLiteral("/spec/template/spec/containers/0/imagePullPolicy"),
                          QJsonValue(QJsonValue::Undefined), QStringLiteral("Always"))},
        id, QStringLiteral("apps/v1"), overlay);
    // The list item's field is refused with the reason; the other two are written.
    QCOMPARE(made.refusals.size(), 1);
    QCOMPARE(made.refusals.constFirst().path,
             QStringLiteral(".spec.template.spec.containers[0].imagePullPolicy"));
    QVERIFY(made.refusals.constFirst().reason.contains(QStringLiteral("merge key")));
    const QString patchFile = QStringLiteral("overlay/live-deployment-web.patch.yaml");
    QCOMPARE(made.draft.files.keys(), (QStringList{overlay.kustomizationFile, patchFile}));
    const QByteArray edited = made.draft.files.value(overlay.kustomizationFile);
    QVERIFY2(edited.startsWith(kustomization), edited.constData());
    QVERIFY2(edited.contains("live-deployment-web.patch.yaml"), edited.constData());

    const QJsonObject after = render(made.draft.files);
    QVERIFY(!after.isEmpty());
    const QJsonObject spec = after.value(u"spec").toObject();
    QCOMPARE(spec.value(u"minReadySeconds").toInt(), 10);
    QCOMPARE(
        spec.value(u"strategy").toObject().value(u"rollingUpdate").toObject().value(u"maxSurge"),
        QJsonValue(QStringLiteral("50%")));
    QCOMPARE(spec.value(u"replicas").toInt(), 2); // the rest renders as before
    QCOMPARE(after.value(u"metadata").toObject().value(u"name").toString(), QStringLiteral("web"));

    // Another field later: the same patch is extended, the kustomization left as it is.
    overlay.kustomization = edited;
    overlay.existingPatch = made.draft.files.value(patchFile);
    const change::LiveAdoption extended = change::adoptIntoOverlayPatch(
        {test::difference(QStringLiteral(".spec.minReadySeconds"),
                          QStringLiteral("/spec/minReadySeconds"), 10, 20)},
        id, QStringLiteral("apps/v1"), overlay);
    QVERIFY(extended.refusals.isEmpty());
    QCOMPARE(extended.draft.files.keys(), QStringList{patchFile});
    QCOMPARE(
        extended.draft.files.value(patchFile),
        QByteArray(*overlay.existingPatch).replace("minReadySeconds: 10", "minReadySeconds: 20"));
    const QJsonObject again = render(extended.draft.files);
    QCOMPARE(again.value(u"spec").toObject().value(u"minReadySeconds").toInt(), 20);
    QCOMPARE(again.value(u"spec")
                 .toObject()
                 .value(u"strategy")
                 .toObject()
                 .value(u"rollingUpdate")
                 .toObject()
                 .value(u"maxSurge"),
             QJsonValue(QStringLiteral("50%")));
}

QTEST_GUILESS_MAIN(tst_OverlayPatch)
#include "tst_overlaypatch.moc"
