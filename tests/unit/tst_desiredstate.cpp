// The desired state of a revision (issue 5, deliverables 4 to 6): plain folders, kustomize
// rendered by the real `kubectl kustomize`, Helm detection, caching by blob and tree id,
// and every bad-input case, on repositories built with libgit2.
#include "gitbuilder.h"

#include "git/repository.h"
#include "workspace/desiredstatereader.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;
using manifest::Resource;
using manifest::ResourceId;
using manifest::SourceNote;

namespace {

QByteArray deployment(const QByteArray &name, int replicas, const QByteArray &extra = {})
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name
        + "\nspec:\n  replicas: " + QByteArray::number(replicas) + "\n" + extra;
}

QByteArray configMap(const QByteArray &name)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  a: b\n";
}

struct Opened
{
    std::unique_ptr<git::Repository> repository;
    git::Revision revision;
};

std::unique_ptr<git::Repository> openRepository(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened)) {
        QTest::qFail(qPrintable(*message), __FILE__, __LINE__);
        return {};
    }
    return std::move(std::get<std::unique_ptr<git::Repository>>(opened));
}

git::Revision resolve(const git::Repository &repository, const QString &spec)
{
    auto resolved = repository.resolve(spec);
    if (auto *message = std::get_if<QString>(&resolved)) {
        QTest::qFail(qPrintable(*message), __FILE__, __LINE__);
        return {};
    }
    return std::get<git::Revision>(resolved);
}

const AppDesiredState *appNamed(const DesiredState &state, const QString &name)
{
    for (const AppDesiredState &app : state.apps) {
        if (app.app.name == name)
            return &app;
    }
    return nullptr;
}

const Resource *resourceNamed(const AppDesiredState &app, const QString &kind, const QString &name)
{
    for (const Resource &resource : app.resources) {
        if (resource.id.kind == kind && resource.id.name == name)
            return &resource;
    }
    return nullptr;
}

QStringList appNames(const DesiredState &state)
{
    QStringList names;
    for (const AppDesiredState &app : state.apps)
        names.append(app.app.name);
    return names;
}

using Files = QMap<QString, QByteArray>;

const QByteArray Kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                                 "kind: Kustomization\n";

} // namespace

class tst_DesiredState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainFoldersWithNamespacesResolved();
    void namespacesAsTheDeployerSetsThem_data();
    void namespacesAsTheDeployerSetsThem();
    void fluxPostBuildSubstitution();
    void argoDirectoryIncludeAndExclude_data();
    void argoDirectoryIncludeAndExclude();
    void anyRevisionAndTheWorkingCopy();
    void changingOneFileParsesOneFile();
    void badInputKeepsEverythingElse_data();
    void badInputKeepsEverythingElse();
    void duplicateIdentitiesNameBothPlaces();
    void kustomizeOverlayWithPatchAndNamePrefix();
    void fluxKustomizationEditsWhatItBuilds();
    void kustomizeFailureShowsRenderersMessage();
    void noRendererNamesBoth();
    void helmChartIsReportedNotSkipped();
    void onlyTheAskedAppIsRead();
};

void tst_DesiredState::plainFoldersWithNamespacesResolved()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s,
                   {{u"gitops-console.yaml"_s,
                     "apps:\n"
                     "  - name: shop\n"
                     "    path: apps/shop\n"
                     "    destination: {namespace: shop}\n"
                     "    ignore:\n"
                     "      files: ['*.draft.yaml']\n"},
                    {u"apps/shop/deploy.yaml"_s, deployment("web", 2)},
                    {u"apps/shop/namespace.yaml"_s,
                     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  namespace: x\n"},
                    {u"apps/shop/elsewhere.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: other\n"},
                    {u"apps/shop/crd.yaml"_s,
                     "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                     "metadata:\n  name: gateways.example.com\nspec:\n  group: example.com\n"
                     "  scope: Cluster\n  names: {kind: Gateway}\n"},
                    {u"apps/shop/gateway.yaml"_s,
                     "apiVersion: example.com/v1\nkind: Gateway\nmetadata:\n  name: edge\n"},
                    {u"apps/shop/next.draft.yaml"_s, deployment("draft", 1)},
                    {u"apps/shop/sub/nested.yaml"_s, configMap("nested")},
                    {u"apps/shop/notes.md"_s, "# notes\n"}},
                   u"shop"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    QVERIFY2(state.error.isEmpty(), qPrintable(state.error));
    QCOMPARE(appNames(state), QStringList{u"shop"_s});
    const AppDesiredState &shop = state.apps.first();
    QVERIFY2(shop.error.isEmpty(), qPrintable(shop.error));
    QCOMPARE(shop.renderer, AppDesiredState::Renderer::Plain);

    QStringList ids;
    for (const Resource &resource : shop.resources)
        ids.append(resource.id.toString());
    ids.sort();
    // Not recursive: sub/ is not read; *.draft.yaml is ignored by the workspace file.
    QCOMPARE(ids,
             (QStringList{u"ConfigMap other/c"_s, u"Namespace shop"_s,
                          u"apiextensions.k8s.io/CustomResourceDefinition gateways.example.com"_s,
                          u"apps/Deployment shop/web"_s, u"example.com/Gateway edge"_s}));
    const Resource *web = resourceNamed(shop, u"Deployment"_s, u"web"_s);
    QVERIFY(web);
    QCOMPARE(web->file, u"apps/shop/deploy.yaml"_s);
    QCOMPARE(web->object.value(u"spec"_s).toObject().value(u"replicas"_s).toInteger(), 2);
    QCOMPARE(web->fieldLines.value(u"/spec/replicas"_s), 6);
}

void tst_DesiredState::namespacesAsTheDeployerSetsThem_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QString>("contextNamespace");
    // "Kind namespace/name from", sorted.
    QTest::addColumn<QStringList>("expected");

    const QByteArray plain = deployment("web", 1) + "---\n" + configMap("settings")
        + "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
          "  name: reader\n";
    const QByteArray placed = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: placed\n"
                              "  namespace: shop\n";
    QTest::newRow("folder: the context's namespace, as kubectl apply")
        << Files{{u"apps/web/all.yaml"_s, plain}} << u"team-a"_s
        << QStringList{u"ClusterRole /reader "_s, u"ConfigMap team-a/settings context"_s,
                       u"Deployment team-a/web context"_s};
    QTest::newRow("folder, a context without namespace: default")
        << Files{{u"apps/web/all.yaml"_s, plain}} << QString()
        << QStringList{u"ClusterRole /reader "_s, u"ConfigMap default/settings default"_s,
                       u"Deployment default/web default"_s};
    QTest::newRow("a namespace written in the manifest is kept")
        << Files{{u"apps/web/placed.yaml"_s, placed}} << u"team-a"_s
        << QStringList{u"ConfigMap shop/placed manifest"_s};
    QTest::newRow("workspace file destination")
        << Files{{u"gitops-console.yaml"_s,
                  "apps:\n  - name: web\n    path: apps/web\n"
                  "    destination: {namespace: prod}\n"},
                 {u"apps/web/all.yaml"_s, plain + "---\n" + placed}}
        << u"team-a"_s
        << QStringList{u"ClusterRole /reader "_s, u"ConfigMap prod/settings workspaceFile"_s,
                       u"ConfigMap shop/placed manifest"_s, u"Deployment prod/web workspaceFile"_s};
    QTest::newRow("Flux targetNamespace overrides every namespace")
        << Files{{u"clusters/prod/web.yaml"_s,
                  "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                  "kind: Kustomization\nmetadata:\n  name: web\n"
                  "  namespace: flux-system\nspec:\n  path: ./apps/web\n"
                  "  targetNamespace: prod\n"
                  "  sourceRef: {kind: GitRepository, name: flux-system}\n"},
                 {u"apps/web/all.yaml"_s, plain + "---\n" + placed}}
        << u"team-a"_s
        << QStringList{u"ClusterRole /reader "_s, u"ConfigMap prod/placed targetNamespace"_s,
                       u"ConfigMap prod/settings targetNamespace"_s,
                       u"Deployment prod/web targetNamespace"_s};
}

void tst_DesiredState::namespacesAsTheDeployerSetsThem()
{
    QFETCH(const Files, files);
    QFETCH(const QString, contextNamespace);
    QFETCH(const QStringList, expected);

    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s, files, u"apps"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state =
        resolveDefaultNamespaces(reader.read(resolve(*repository, u"main"_s)), contextNamespace);
    QStringList found;
    for (const AppDesiredState &app : state.apps) {
        if (app.app.source == App::Source::FluxKustomization && app.app.name != u"web")
            continue;
        for (const Resource &resource : app.resources) {
            if (resource.id.kind == u"Kustomization")
                continue; // the Flux object itself, in its own folder app
            found.append(resource.id.kind + u' ' + resource.id.namespaceName + u'/'
                         + resource.id.name + u' ' + namespaceFromName(resource.namespaceFrom));
        }
    }
    found.sort();
    QCOMPARE(found, expected);

    // The cluster's discovery knows a kind is cluster-scoped where git holds no CRD: the
    // namespace given by default goes.
    const DesiredState scoped =
        resolveDefaultNamespaces(state, contextNamespace, [](const QString &, const QString &kind) {
            return kind == u"ConfigMap";
        });
    for (const AppDesiredState &app : scoped.apps) {
        for (const Resource &resource : app.resources) {
            if (resource.id.kind == u"ConfigMap") {
                QVERIFY(resource.id.namespaceName.isEmpty());
                QCOMPARE(resource.namespaceFrom, manifest::NamespaceFrom::None);
            }
        }
    }
}

// Issue 20's acceptance: a Flux Kustomization with postBuild.substitute shows the
// substituted values as desired, typed as Flux applies them; a source the console does not
// read leaves its variables as written and says so; a bad expression is the app's error.
void tst_DesiredState::fluxPostBuildSubstitution()
{
    const QByteArray kustomization = "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                                     "kind: Kustomization\nmetadata:\n  name: web\n"
                                     "  namespace: flux-system\nspec:\n  path: ./apps/web\n"
                                     "  targetNamespace: prod\n"
                                     "  sourceRef: {kind: GitRepository, name: flux-system}\n"
                                     "  postBuild:\n    substitute:\n"
                                     "      ENV: eu\n      REPLICAS: \"4\"\n";
    const QByteArray manifests =
        "# replicas and the name come from the cluster's Kustomization\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${ENV}\n"
        "spec:\n  replicas: ${REPLICAS}\n  template:\n    spec:\n      containers:\n"
        "        - name: web\n          image: web:${TAG:=1.0}\r\n"
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n"
        "  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n"
        "data:\n  run.sh: echo ${HOME}\n"
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
        "data:\n  port: \"${PORT:=8080}\"\n  replicas: '${REPLICAS}'\n  script: |\n"
        "    echo ${REPLICAS}\n";

    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(
        u"main"_s,
        {{u"clusters/prod/web.yaml"_s, kustomization}, {u"apps/web/all.yaml"_s, manifests}},
        u"apps"_s);
    builder.commit(u"broken"_s,
                   {{u"clusters/prod/web.yaml"_s, kustomization},
                    {u"apps/web/all.yaml"_s, deployment("web", 1, "  paused: ${PAUSED\n")}},
                   u"a typo"_s);
    builder.commit(u"fromcluster"_s,
                   {{u"clusters/prod/web.yaml"_s,
                     kustomization
                         + "    substituteFrom:\n      - kind: ConfigMap\n"
                           "        name: cluster-vars\n"},
                    {u"apps/web/all.yaml"_s, manifests}},
                   u"vars from the cluster"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);

    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    const AppDesiredState *web = appNamed(state, u"web"_s);
    QVERIFY(web);
    QVERIFY2(web->error.isEmpty(), qPrintable(web->error));
    const Resource *deployed = resourceNamed(*web, u"Deployment"_s, u"web-eu"_s);
    QVERIFY2(deployed, "the name is substituted, so the live object is found by it");
    QCOMPARE(deployed->id.namespaceName, u"prod"_s);
    QCOMPARE(deployed->file, u"apps/web/all.yaml"_s);
    QCOMPARE(deployed->fieldLines.value(u"/spec/replicas"_s), 7);
    const QJsonObject spec = deployed->object.value(u"spec"_s).toObject();
    QVERIFY(spec.value(u"replicas"_s).isDouble());
    QCOMPARE(spec.value(u"replicas"_s).toInteger(), 4);
    QCOMPARE(spec["template"_L1]["spec"_L1]["containers"_L1][0]["image"_L1].toString(),
             u"web:1.0"_s);
    const Resource *script = resourceNamed(*web, u"ConfigMap"_s, u"script"_s);
    QVERIFY(script);
    QCOMPARE(script->object["data"_L1]["run.sh"_L1].toString(), u"echo ${HOME}"_s);
    // What the manifest quotes (or writes as a block) stays text, as ConfigMap data must be.
    const Resource *settings = resourceNamed(*web, u"ConfigMap"_s, u"settings"_s);
    QVERIFY(settings);
    QCOMPARE(settings->object["data"_L1]["port"_L1], QJsonValue(u"8080"_s));
    QCOMPARE(settings->object["data"_L1]["replicas"_L1], QJsonValue(u"4"_s));
    QCOMPARE(settings->object["data"_L1]["script"_L1], QJsonValue(u"echo 4\n"_s));

    const DesiredState broken = reader.read(resolve(*repository, u"broken"_s));
    const AppDesiredState *typo = appNamed(broken, u"web"_s);
    QVERIFY(typo);
    QVERIFY2(typo->error.contains(u"apps/web/all.yaml:1"_s), qPrintable(typo->error));
    QVERIFY2(typo->error.contains(u"${PAUSED"_s), qPrintable(typo->error));

    const DesiredState partly = reader.read(resolve(*repository, u"fromcluster"_s));
    const AppDesiredState *unread = appNamed(partly, u"web"_s);
    QVERIFY(unread);
    QVERIFY(resourceNamed(*unread, u"Deployment"_s, u"web-eu"_s));
    const Resource *image = resourceNamed(*unread, u"Deployment"_s, u"web-eu"_s);
    QCOMPARE(image->object["spec"_L1]["template"_L1]["spec"_L1]["containers"_L1][0]["image"_L1]
                 .toString(),
             u"web:${TAG:=1.0}"_s);
    QVERIFY(std::any_of(unread->notes.cbegin(), unread->notes.cend(), [](const SourceNote &note) {
        return note.message.contains(u"ConfigMap/cluster-vars"_s);
    }));
}

void tst_DesiredState::argoDirectoryIncludeAndExclude_data()
{
    QTest::addColumn<QString>("directory");
    QTest::addColumn<QStringList>("expected"); // the ConfigMaps read, sorted
    QTest::newRow("recurse, no filter")
        << u"{recurse: true}"_s
        << QStringList{u"base"_s, u"prod-db"_s, u"prod-secret-sync"_s, u"prod-web"_s,
                       u"staging-web"_s};
    QTest::newRow("include with alternatives, * crossing folders")
        << u"{recurse: true, include: '{base.yaml,prod/*}'}"_s
        << QStringList{u"base"_s, u"prod-db"_s, u"prod-secret-sync"_s, u"prod-web"_s};
    QTest::newRow("exclude") << u"{recurse: true, exclude: '*secret*'}"_s
                             << QStringList{u"base"_s, u"prod-db"_s, u"prod-web"_s,
                                            u"staging-web"_s};
    QTest::newRow("include and exclude")
        << u"{recurse: true, include: 'prod/*.yaml', exclude: 'prod/[ds]*'}"_s
        << QStringList{u"prod-web"_s};
    QTest::newRow("a pattern that matches nothing")
        << u"{recurse: true, include: 'nope/*'}"_s << QStringList{};
    QTest::newRow("an unbalanced pattern matches nothing")
        << u"{recurse: true, include: '{prod/*'}"_s << QStringList{};
}

// Argo CD's spec.source.directory.include / exclude choose the files of a plain folder as
// its repo server does: globs over the path inside the app's folder.
void tst_DesiredState::argoDirectoryIncludeAndExclude()
{
    QFETCH(const QString, directory);
    QFETCH(const QStringList, expected);
    const auto map = [](const char *name) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + QByteArray(name)
            + "\n  namespace: shop\n";
    };
    const QByteArray application = "apiVersion: argoproj.io/v1alpha1\nkind: Application\n"
                                   "metadata:\n  name: shop\n  namespace: argocd\nspec:\n"
                                   "  source:\n    repoURL: https://git.example.com/team/deploy\n"
                                   "    path: apps/shop\n    directory: "
        + directory.toUtf8() + "\n  destination: {namespace: shop}\n";
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.addRemote(u"origin"_s, u"git@git.example.com:team/deploy.git"_s);
    builder.commit(u"main"_s,
                   {{u"argocd/shop.yaml"_s, application},
                    {u"apps/shop/base.yaml"_s, map("base")},
                    {u"apps/shop/prod/web.yaml"_s, map("prod-web")},
                    {u"apps/shop/prod/db.yaml"_s, map("prod-db")},
                    {u"apps/shop/prod/secret-sync.yaml"_s, map("prod-secret-sync")},
                    {u"apps/shop/staging/web.yaml"_s, map("staging-web")}},
                   u"apps"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    const AppDesiredState *shop = appNamed(state, u"shop"_s);
    QVERIFY(shop);
    QCOMPARE(shop->app.source, App::Source::ArgoCdApplication);
    QStringList found;
    for (const Resource &resource : shop->resources)
        found.append(resource.id.name);
    found.sort();
    QCOMPARE(found, expected);
}

void tst_DesiredState::anyRevisionAndTheWorkingCopy()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s, {{u"apps/web/deploy.yaml"_s, deployment("web", 1)}}, u"one"_s);
    builder.commit(u"main"_s, {{u"apps/web/deploy.yaml"_s, deployment("web", 2)}}, u"two"_s);
    builder.commit(u"main"_s, {{u"apps/web/deploy.yaml"_s, deployment("web", 3)}}, u"three"_s);
    builder.checkout(u"main"_s);
    {
        QFile edited(dir.filePath(u"apps/web/deploy.yaml"_s));
        QVERIFY(edited.open(QIODevice::WriteOnly | QIODevice::Truncate));
        edited.write(deployment("web", 9));
    }
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const QList<QPair<QString, int>> expected = {{u"HEAD~2"_s, 1},
                                                 {u"HEAD~1"_s, 2},
                                                 {u"main"_s, 3},
                                                 {git::Revision::workingCopySpec(), 9}};
    for (const auto &[spec, replicas] : expected) {
        const DesiredState state = reader.read(resolve(*repository, spec));
        QCOMPARE(appNames(state), QStringList{u"apps/web"_s});
        const Resource *web = resourceNamed(state.apps.first(), u"Deployment"_s, u"web"_s);
        QVERIFY(web);
        QCOMPARE(web->object.value(u"spec"_s).toObject().value(u"replicas"_s).toInteger(),
                 replicas);
    }
}

void tst_DesiredState::changingOneFileParsesOneFile()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    QMap<QString, QByteArray> files;
    for (int i = 0; i < 20; ++i)
        files.insert(u"apps/app%1/deploy.yaml"_s.arg(i), deployment("web", i));
    builder.commit(u"main"_s, files, u"twenty apps"_s);
    builder.commit(u"main"_s, {{u"apps/app7/deploy.yaml"_s, deployment("web", 70)}}, u"one"_s);

    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState before = reader.read(resolve(*repository, u"HEAD~1"_s));
    QCOMPARE(before.apps.size(), 20);
    QCOMPARE(reader.parseCount(), 20);

    const DesiredState after = reader.read(resolve(*repository, u"HEAD"_s));
    QCOMPARE(reader.parseCount(), 21);
    const AppDesiredState *app7 = appNamed(after, u"apps/app7"_s);
    QVERIFY(app7);
    QCOMPARE(
        app7->resources.first().object.value(u"spec"_s).toObject().value(u"replicas"_s).toInteger(),
        70);

    reader.read(resolve(*repository, u"HEAD~1"_s));
    QCOMPARE(reader.parseCount(), 21); // both revisions are fully cached now
}

void tst_DesiredState::badInputKeepsEverythingElse_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed YAML")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n bad: indent\n")
        << int(SourceNote::Kind::Error) << 5 << 2 << u"end of map not found"_s;
    QTest::newRow("YAML without apiVersion or kind")
        << QByteArray("replicaCount: 3\n") << int(SourceNote::Kind::Ignored) << 1 << 0
        << u"no apiVersion or kind"_s;
    QTest::newRow("larger than 5 MB")
        << (QByteArray("# ") + QByteArray(6 * 1024 * 1024, 'x') + "\n" + configMap("big"))
        << int(SourceNote::Kind::Skipped) << 0 << 0 << u"larger than 5 MB"_s;
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                            << int(SourceNote::Kind::Skipped) << 0 << 0 << u"binary"_s;
}

void tst_DesiredState::badInputKeepsEverythingElse()
{
    QFETCH(QByteArray, content);
    QFETCH(int, kind);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s,
                   {{u"apps/web/a.yaml"_s, configMap("a")},
                    {u"apps/web/bad.yaml"_s, content},
                    {u"apps/web/z.yaml"_s, configMap("z")}},
                   u"bad input"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    QCOMPARE(appNames(state), QStringList{u"apps/web"_s});
    const AppDesiredState &web = state.apps.first();
    QVERIFY(web.error.isEmpty());
    QCOMPARE(web.resources.size(), 2); // the other files still load
    QCOMPARE(web.notes.size(), 1);
    const SourceNote &note = web.notes.first();
    QCOMPARE(int(note.kind), kind);
    QCOMPARE(note.file, u"apps/web/bad.yaml"_s);
    QCOMPARE(note.line, line);
    QCOMPARE(note.column, column);
    QVERIFY2(note.message.contains(message), qPrintable(note.message));
}

void tst_DesiredState::duplicateIdentitiesNameBothPlaces()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s,
                   {{u"apps/one/deploy.yaml"_s, configMap("x") + "---\n" + deployment("web", 1)},
                    // Another version of the same group: the same object.
                    {u"apps/two/deploy.yaml"_s,
                     "apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: web\n"},
                    {u"apps/two/cm.yaml"_s, configMap("y")}},
                   u"twice"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    QCOMPARE(state.conflicts.size(), 1);
    const ResourceConflict &conflict = state.conflicts.first();
    QCOMPARE(conflict.id, (ResourceId{u"apps"_s, u"Deployment"_s, QString(), u"web"_s}));
    QCOMPARE(conflict.message(),
             u"apps/Deployment web is defined twice: apps/one/deploy.yaml:8 (apps/one) and "
             "apps/two/deploy.yaml:1 (apps/two)"_s);
}

void tst_DesiredState::kustomizeOverlayWithPatchAndNamePrefix()
{
    if (QStandardPaths::findExecutable(u"kubectl"_s).isEmpty())
        QFAIL("kubectl is part of the build environment (scripts/packages.txt)");
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    const QByteArray settings = configMap("unused") + "---\n" + configMap("settings")
        + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n"
          "  annotations: {team: payments}\n";
    builder.commit(u"main"_s,
                   {{u"base/kustomization.yaml"_s,
                     Kustomization + "resources:\n  - deploy.yaml\n  - settings.yaml\n"},
                    {u"base/deploy.yaml"_s, deployment("web", 1)},
                    {u"base/settings.yaml"_s, settings},
                    {u"overlays/prod/kustomization.yaml"_s,
                     Kustomization
                         + "namePrefix: prod-\nnamespace: prod\nresources:\n  - ../../base\n"
                           "patches:\n  - path: replicas.yaml\n"
                           "configMapGenerator:\n  - name: generated\n    literals: [a=b]\n"},
                    {u"overlays/prod/replicas.yaml"_s, deployment("web", 5)},
                    {u"README.md"_s, "docs\n"}},
                   u"overlay"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    QCOMPARE(appNames(state), QStringList{u"overlays/prod"_s}); // base belongs to the overlay
    const AppDesiredState &prod = state.apps.first();
    QVERIFY2(prod.error.isEmpty(), qPrintable(prod.error));
    QCOMPARE(prod.renderer, AppDesiredState::Renderer::Kustomize);
    QCOMPARE(prod.resources.size(), 5);

    const Resource *web = resourceNamed(prod, u"Deployment"_s, u"prod-web"_s);
    QVERIFY(web);
    QCOMPARE(web->id, (ResourceId{u"apps"_s, u"Deployment"_s, u"prod"_s, u"prod-web"_s}));
    QCOMPARE(web->object.value(u"spec"_s).toObject().value(u"replicas"_s).toInteger(), 5);
    // The file each object came from, through kustomize's origin annotation, which is not
    // left on the object (the live one has none); the user's own annotations stay.
    QCOMPARE(web->file, u"base/deploy.yaml"_s);
    QCOMPARE(web->line, 1);
    QVERIFY(!web->object.value(u"metadata"_s).toObject().contains(u"annotations"_s));
    const Resource *settingsMap = resourceNamed(prod, u"ConfigMap"_s, u"prod-settings"_s);
    QVERIFY(settingsMap);
    QCOMPARE(settingsMap->file, u"base/settings.yaml"_s);
    QCOMPARE(settingsMap->line, 8);
    const Resource *token = resourceNamed(prod, u"Secret"_s, u"prod-token"_s);
    QVERIFY(token);
    QCOMPARE(token->line, 15);
    QCOMPARE(token->object.value(u"metadata"_s).toObject().value(u"annotations"_s).toObject(),
             (QJsonObject{{u"team"_s, u"payments"_s}}));
    for (const Resource &resource : prod.resources) {
        if (resource.id.name.startsWith(u"prod-generated-"_s))
            QCOMPARE(resource.file, u"overlays/prod/kustomization.yaml"_s);
    }
    QCOMPARE(reader.renderCount(), 1);

    reader.read(resolve(*repository, u"main"_s));
    QCOMPARE(reader.renderCount(), 1); // the same tree is not rendered twice
}

// Issue 20, item 3: a Flux Kustomization's namePrefix, nameSuffix, images, patches and
// commonMetadata change what it builds, as kustomize-controller applies them: common labels
// beside the kustomization's own and never on selectors; a folder without a kustomization
// says the edits are not applied.
void tst_DesiredState::fluxKustomizationEditsWhatItBuilds()
{
    if (QStandardPaths::findExecutable(u"kubectl"_s).isEmpty())
        QFAIL("kubectl is part of the build environment (scripts/packages.txt)");
    const QByteArray flux = "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                            "kind: Kustomization\nmetadata:\n  name: NAME\n"
                            "  namespace: flux-system\nspec:\n  path: ./apps/PATH\n"
                            "  sourceRef: {kind: GitRepository, name: flux-system}\n"
                            "  namePrefix: eu-\n  nameSuffix: -v2\n"
                            "  images:\n    - name: web\n      newName: registry.local/web\n"
                            "      newTag: \"2.0\"\n"
                            "  commonMetadata:\n    labels: {team: payments}\n"
                            "    annotations: {owner: ops}\n"
                            "  patches:\n    - target: {kind: Deployment}\n"
                            "      patch: |\n        - op: replace\n"
                            "          path: /spec/replicas\n          value: 3\n";
    const QByteArray web = deployment("web", 1,
                                      "  selector:\n    matchLabels: {app: web}\n"
                                      "  template:\n    metadata:\n      labels: {app: web}\n"
                                      "    spec:\n      containers:\n"
                                      "        - name: web\n          image: web:1.0\n");
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(
        u"main"_s,
        {{u"clusters/web.yaml"_s, QByteArray(flux).replace("NAME", "web").replace("PATH", "web")},
         {u"clusters/plain.yaml"_s,
          QByteArray(flux).replace("NAME", "plain").replace("PATH", "plain")},
         {u"apps/web/kustomization.yaml"_s,
          Kustomization + "commonLabels: {tier: backend}\nresources: [web.yaml]\n"},
         {u"apps/web/web.yaml"_s, web},
         {u"apps/plain/web.yaml"_s, web}},
        u"flux apps"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));

    const AppDesiredState *app = appNamed(state, u"web"_s);
    QVERIFY(app);
    QVERIFY2(app->error.isEmpty(), qPrintable(app->error));
    const Resource *built = resourceNamed(*app, u"Deployment"_s, u"eu-web-v2"_s);
    QVERIFY2(built, "the name prefix and suffix are applied");
    const QJsonObject metadata = built->object.value(u"metadata"_s).toObject();
    QCOMPARE(metadata["labels"_L1]["team"_L1].toString(), u"payments"_s);
    QCOMPARE(metadata["labels"_L1]["tier"_L1].toString(), u"backend"_s);
    QCOMPARE(metadata["annotations"_L1]["owner"_L1].toString(), u"ops"_s);
    const QJsonObject spec = built->object.value(u"spec"_s).toObject();
    QCOMPARE(spec.value(u"replicas"_s).toInteger(), 3);
    QCOMPARE(spec["template"_L1]["spec"_L1]["containers"_L1][0]["image"_L1].toString(),
             u"registry.local/web:2.0"_s);
    // kustomize's commonLabels of the folder itself are on the selector; Flux's are not.
    QCOMPARE(spec["selector"_L1]["matchLabels"_L1].toObject(),
             (QJsonObject{{u"app"_s, u"web"_s}, {u"tier"_s, u"backend"_s}}));

    const AppDesiredState *plain = appNamed(state, u"plain"_s);
    QVERIFY(plain);
    QVERIFY(resourceNamed(*plain, u"Deployment"_s, u"web"_s));
    QVERIFY(std::any_of(plain->notes.cbegin(), plain->notes.cend(), [](const SourceNote &note) {
        return note.message.contains(u"Kustomization plain sets"_s)
            && note.message.contains(u"not applied"_s);
    }));
}

void tst_DesiredState::kustomizeFailureShowsRenderersMessage()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s,
                   {{u"app/kustomization.yaml"_s, Kustomization + "resources:\n  - missing.yaml\n"},
                    {u"plain/cm.yaml"_s, configMap("still-here")}},
                   u"broken"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    const AppDesiredState *app = appNamed(state, u"app"_s);
    QVERIFY(app);
    QVERIFY2(app->error.contains(u"kubectl kustomize failed"_s), qPrintable(app->error));
    QVERIFY2(app->error.contains(u"missing.yaml"_s), qPrintable(app->error));
    QVERIFY2(!app->error.contains(QDir::tempPath()), qPrintable(app->error));
    const AppDesiredState *plain = appNamed(state, u"plain"_s);
    QVERIFY(plain);
    QCOMPARE(plain->resources.size(), 1);
}

void tst_DesiredState::noRendererNamesBoth()
{
    QTemporaryDir dir;
    QTemporaryDir emptyPath;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s,
                   {{u"app/kustomization.yaml"_s, Kustomization + "resources:\n  - cm.yaml\n"},
                    {u"app/cm.yaml"_s, configMap("x")}},
                   u"kustomize"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    reader.setToolSearchPaths({emptyPath.path()});
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    QCOMPARE(state.apps.size(), 1);
    const QString error = state.apps.first().error;
    QVERIFY2(error.contains(u"kustomize"_s) && error.contains(u"kubectl"_s), qPrintable(error));
    QVERIFY2(error.contains(u"PATH"_s), qPrintable(error));
}

void tst_DesiredState::helmChartIsReportedNotSkipped()
{
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(
        u"main"_s,
        {{u"charts/api/Chart.yaml"_s, "apiVersion: v2\nname: api\nversion: 1.0.0\n"},
         {u"charts/api/values.yaml"_s, "replicaCount: 1\n"},
         {u"charts/api/templates/deploy.yaml"_s,
          "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"}},
        u"chart"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    DesiredStateReader reader(*repository);
    const DesiredState state = reader.read(resolve(*repository, u"main"_s));
    QCOMPARE(appNames(state), QStringList{u"charts/api"_s});
    const AppDesiredState &chart = state.apps.first();
    QCOMPARE(chart.renderer, AppDesiredState::Renderer::Helm);
    QVERIFY2(chart.error.contains(u"not supported yet"_s), qPrintable(chart.error));
    QVERIFY(chart.resources.isEmpty());
}

// The command line's --app: the app asked for is read alone (the others neither rendered nor
// returned), unless another app may deploy it (an Argo CD app-of-apps: its parent) or there
// is no such app (then every app, for the message that lists them).
void tst_DesiredState::onlyTheAskedAppIsRead()
{
    if (QStandardPaths::findExecutable(u"kubectl"_s).isEmpty())
        QFAIL("kubectl is part of the build environment (scripts/packages.txt)");
    QTemporaryDir dir;
    test::GitBuilder builder(dir.path());
    builder.commit(u"main"_s,
                   {{u"apps/one/cm.yaml"_s, configMap("one")},
                    {u"apps/two/kustomization.yaml"_s, Kustomization + "resources: [web.yaml]\n"},
                    {u"apps/two/web.yaml"_s, deployment("web", 2)}},
                   u"folders"_s);
    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    {
        DesiredStateReader reader(*repository);
        const git::Revision main = resolve(*repository, u"main"_s);
        const DesiredState one = reader.read(main, {}, std::nullopt, u"apps/one"_s);
        QCOMPARE(appNames(one), QStringList{u"apps/one"_s});
        QCOMPARE(one.apps.first().resources.size(), 1);
        QCOMPARE(reader.renderCount(), 0); // apps/two is not rendered
        const DesiredState two = reader.read(main, {}, std::nullopt, u"apps/two"_s);
        QCOMPARE(appNames(two), QStringList{u"apps/two"_s});
        QVERIFY(resourceNamed(two.apps.first(), u"Deployment"_s, u"web"_s));
        QCOMPARE(reader.renderCount(), 1);
        const DesiredState unknown = reader.read(main, {}, std::nullopt, u"apps/three"_s);
        QCOMPARE(appNames(unknown), (QStringList{u"apps/one"_s, u"apps/two"_s}));
    }

    // App-of-apps: root (defined in bootstrap/, which no app reads) deploys shop's
    // Application from argocd/. Asked for shop, root is read too, as it is shop's parent;
    // asked for root, nothing else can be its parent.
    const auto application = [](const QByteArray &name, const QByteArray &path) {
        return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: " + name
            + "\n  namespace: argocd\nspec:\n  source:\n    repoURL: "
              "https://git.example.com/team/deploy\n    path: "
            + path + "\n  destination: {namespace: shop}\n";
    };
    QTemporaryDir argo;
    test::GitBuilder apps(argo.path());
    apps.addRemote(u"origin"_s, u"git@git.example.com:team/deploy.git"_s);
    apps.commit(u"main"_s,
                {{u"bootstrap/root.yaml"_s, application("root", "argocd")},
                 {u"argocd/shop.yaml"_s, application("shop", "apps/shop")},
                 {u"apps/shop/cm.yaml"_s, configMap("shop")}},
                u"app of apps"_s);
    auto argoRepository = openRepository(argo.path());
    QVERIFY(argoRepository);
    DesiredStateReader reader(*argoRepository);
    const git::Revision main = resolve(*argoRepository, u"main"_s);
    const DesiredState all = reader.read(main);
    QCOMPARE(parentApps(all.apps).value(u"shop"_s), u"root"_s);
    const DesiredState shop = reader.read(main, {}, std::nullopt, u"shop"_s);
    QCOMPARE(appNames(shop), appNames(all));
    QCOMPARE(parentApps(shop.apps).value(u"shop"_s), u"root"_s);
    const DesiredState root = reader.read(main, {}, std::nullopt, u"root"_s);
    QCOMPARE(appNames(root), QStringList{u"root"_s});
    QCOMPARE(root.apps.first().resources.size(), 1);
}

QTEST_GUILESS_MAIN(tst_DesiredState)
#include "tst_desiredstate.moc"
