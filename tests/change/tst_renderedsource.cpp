// Which file of a kustomize app literally holds a rendered field's value (issue 15, item 2):
// the one file that does is edited; a field a transformer sets, or that several files hold,
// is refused with its reason; adoptLiveValues() itself refuses a rendered field its file does
// not hold as rendered. A RenderTree renders an overlay app with a change's files in place of
// git's, from a copy: the checkout is never written, and the copy is put back after each
// render.
#include "change/liveadoption.h"
#include "change/renderedsource.h"
#include "differencefixture.h"
#include "git/repository.h"
#include "workspace/desiredstate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
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

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(path.section(u'/', 0, -2));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

bool runGit(const QString &folder, const QStringList &arguments)
{
    QProcess git;
    git.setWorkingDirectory(folder);
    git.start(QStringLiteral("git"),
              QStringList{QStringLiteral("-c"), QStringLiteral("user.name=t"), QStringLiteral("-c"),
                          QStringLiteral("user.email=t@example.org")}
                  + arguments);
    return git.waitForFinished(30000) && git.exitCode() == 0;
}

// Every path and its content under @p folder: the checkout as a user would compare it.
QByteArray fingerprint(const QString &folder)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList paths;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    for (const QString &path : std::as_const(paths)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        hash.addData(path.toUtf8());
        hash.addData(file.readAll());
    }
    return hash.result();
}

// The Deployment named @p name (a Service has the same name).
const gitops::manifest::Resource *named(const QList<gitops::manifest::Resource> &resources,
                                        const QString &name)
{
    for (const gitops::manifest::Resource &resource : resources) {
        if (resource.id.name == name && resource.id.kind == u"Deployment")
            return &resource;
    }
    return nullptr;
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

    void rendersAnOverlayWithTheChangesFiles()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("kubectl")).isEmpty()
            && QStandardPaths::findExecutable(QStringLiteral("kustomize")).isEmpty())
            QSKIP("neither kubectl nor kustomize is installed");
        // A base and a prod overlay that prefixes names and adds a label.
        QTemporaryDir dir;
        const QString repository = dir.filePath(QStringLiteral("repo"));
        writeFile(repository + QStringLiteral("/base/kustomization.yaml"),
                  "resources: [deployment.yaml]\n");
        writeFile(repository + QStringLiteral("/base/deployment.yaml"), Base);
        writeFile(repository + QStringLiteral("/overlays/prod/kustomization.yaml"),
                  "resources: [../../base]\nnamePrefix: prod-\nnamespace: shop\n"
                  "labels: [{pairs: {env: prod}}]\n");
        QVERIFY(runGit(repository, {QStringLiteral("init"), QStringLiteral("-q")}));
        QVERIFY(runGit(repository, {QStringLiteral("add"), QStringLiteral("-A")}));
        QVERIFY(runGit(repository,
                       {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                        QStringLiteral("overlay")}));
        const QByteArray before = fingerprint(repository);

        auto opened = gitops::git::Repository::open(repository);
        QVERIFY(std::holds_alternative<std::unique_ptr<gitops::git::Repository>>(opened));
        const auto written = RenderTree::write(
            *std::get<std::unique_ptr<gitops::git::Repository>>(opened), QStringLiteral("HEAD"));
        if (const auto *error = std::get_if<QString>(&written))
            QFAIL(qPrintable(*error));
        const std::shared_ptr<RenderTree> tree = std::get<std::shared_ptr<RenderTree>>(written);
        QCOMPARE(tree->revision(), QStringLiteral("HEAD"));

        gitops::AppDesiredState app;
        app.app.name = QStringLiteral("overlays/prod");
        app.app.paths = {QStringLiteral("overlays/prod")};
        app.renderer = gitops::AppDesiredState::Renderer::Kustomize;

        // The base's replicas edited: the overlay renders prod-web with them, its label on.
        QByteArray edited = Base;
        edited.replace("replicas: 1", "replicas: 4");
        const EditedRender render =
            tree->render(app, {{QStringLiteral("base/deployment.yaml"), edited}});
        QVERIFY2(render.error.isEmpty(), qPrintable(render.error));
        QCOMPARE(render.resources.size(), 2);
        const gitops::manifest::Resource *web = named(render.resources, QStringLiteral("prod-web"));
        QVERIFY(web);
        QCOMPARE(web->id.namespaceName, QStringLiteral("shop"));
        QCOMPARE(web->object.value(u"spec").toObject().value(u"replicas").toInt(), 4);
        QCOMPARE(web->object.value(u"metadata")
                     .toObject()
                     .value(u"labels")
                     .toObject()
                     .value(u"env")
                     .toString(),
                 QStringLiteral("prod"));

        // The copy is put back: without the change it renders git's 1.
        const EditedRender plain = tree->render(app, {});
        QVERIFY2(plain.error.isEmpty(), qPrintable(plain.error));
        QCOMPARE(named(plain.resources, QStringLiteral("prod-web"))
                     ->object.value(u"spec")
                     .toObject()
                     .value(u"replicas")
                     .toInt(),
                 1);

        // A new file the change adds (a patch the overlay's kustomization names), and a
        // removed one: both as the change has them, and gone again afterwards.
        const EditedRender patched =
            tree->render(app,
                         {{QStringLiteral("overlays/prod/kustomization.yaml"),
                           QByteArray("resources: [../../base]\nnamePrefix: prod-\n"
                                      "patches: [{path: replicas.yaml}]\n")},
                          {QStringLiteral("overlays/prod/replicas.yaml"), Patch}});
        QVERIFY2(patched.error.isEmpty(), qPrintable(patched.error));
        QCOMPARE(named(patched.resources, QStringLiteral("prod-web"))
                     ->object.value(u"spec")
                     .toObject()
                     .value(u"replicas")
                     .toInt(),
                 3);
        const EditedRender removed =
            tree->render(app, {{QStringLiteral("base/deployment.yaml"), std::nullopt}});
        QVERIFY(!removed.error.isEmpty());
        QVERIFY2(removed.error.contains(QStringLiteral("deployment.yaml")),
                 qPrintable(removed.error));
        QVERIFY2(!removed.error.contains(QDir::tempPath()), qPrintable(removed.error));
        QVERIFY(tree->render(app, {}).error.isEmpty());

        // The renderer's own words when the change breaks it.
        QByteArray twice = Base + "---\n" + Base.mid(Base.indexOf("apiVersion: apps/v1"));
        const EditedRender broken =
            tree->render(app, {{QStringLiteral("base/deployment.yaml"), twice}});
        QVERIFY2(broken.error.contains(QStringLiteral("already registered")),
                 qPrintable(broken.error));
        QVERIFY(broken.resources.isEmpty());

        // The user's checkout is as it was.
        QCOMPARE(fingerprint(repository), before);
    }
};

QTEST_GUILESS_MAIN(tst_RenderedSource)
#include "tst_renderedsource.moc"
