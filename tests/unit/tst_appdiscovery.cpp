// App discovery (issue 5, deliverable 3): gitops-console.yaml, Argo CD Applications, Flux
// Kustomizations and plain folders, in that order.
#include "workspace/appdiscovery.h"
#include "workspace/workspacefile.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;
using manifest::ParsedManifests;

namespace {

const QStringList Remotes = {u"git@github.com:team/deploy.git"_s};

// The parse of each file, as DesiredStateReader hands it to discoverApps().
QMap<QString, ParsedManifests> parsedFiles(const QMap<QString, QByteArray> &files)
{
    QMap<QString, ParsedManifests> result;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        result.insert(it.key(), manifest::parseManifests(it.value(), it.key()));
    return result;
}

AppDiscovery discover(const QMap<QString, QByteArray> &files,
                      const std::optional<QByteArray> &workspaceFile = std::nullopt)
{
    QStringList paths = files.keys();
    if (workspaceFile)
        paths.append(workspaceFileName());
    QMap<QString, QByteArray> kustomizations;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (isKustomizationFile(it.key()))
            kustomizations.insert(it.key(), it.value());
    }
    return discoverApps(workspaceFile, parsedFiles(files), kustomizations, paths, Remotes);
}

QStringList names(const AppDiscovery &discovery)
{
    QStringList result;
    for (const App &app : discovery.apps)
        result.append(app.name);
    return result;
}

const QByteArray Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

const QByteArray ArgoApplication = R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/team/deploy
    path: ./apps/shop
    targetRevision: release-1
    directory:
      recurse: true
  destination:
    name: production
    namespace: shop
  ignoreDifferences:
    - group: apps
      kind: Deployment
      jsonPointers:
        - /spec/replicas
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: elsewhere
spec:
  source:
    repoURL: https://github.com/other/repo.git
    path: apps/other
  destination:
    namespace: other
)";

const QByteArray FluxFiles = R"(apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  url: ssh://git@github.com/team/deploy
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: infra
  namespace: flux-system
spec:
  path: ./infrastructure
  targetNamespace: infra
  sourceRef:
    kind: GitRepository
    name: flux-system
)";

} // namespace

class tst_AppDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appsTheClusterDefines();
    void workspaceFileListsApps();
    void readmeExampleIsValid();
    void workspaceFileErrorsNameTheLine_data();
    void workspaceFileErrorsNameTheLine();
    void workspaceFileComesFirst();
    void argoCdApplicationsOfThisRepository();
    void fluxKustomizations();
    void foldersWhenNothingElseSays();
    void sameRepository_data();
    void sameRepository();
    void jqExpressionsOutsideTheSubsetAreNoted();
    void parentsOfAppsOfApps_data();
    void parentsOfAppsOfApps();
};

void tst_AppDiscovery::workspaceFileListsApps()
{
    const QByteArray file = R"(# apps of this repository
apps:
  - name: web
    paths: [apps/web, ./apps/web-extra/]
    recurse: true
    destination:
      context: prod-eu
      namespace: web
    tracking:
      method: label
      label: app.kubernetes.io/part-of=web
    ignore:
      files: ["*.test.yaml"]
      differences:
        - group: apps
          kind: Deployment
          jsonPointers: [/spec/replicas]
  - name: root
    path: .
)";
    auto read = parseWorkspaceFile(file);
    if (auto *note = std::get_if<manifest::SourceNote>(&read))
        QFAIL(qPrintable(note->toString()));
    const auto apps = std::get<QList<App>>(read);
    QCOMPARE(apps.size(), 2);
    const App &web = apps.at(0);
    QCOMPARE(web.name, u"web"_s);
    QCOMPARE(web.paths, (QStringList{u"apps/web"_s, u"apps/web-extra"_s}));
    QVERIFY(web.recurse);
    QCOMPARE(web.destinationContext, u"prod-eu"_s);
    QCOMPARE(web.destinationNamespace, u"web"_s);
    QCOMPARE(web.tracking, App::Tracking::Label);
    QCOMPARE(web.trackingLabel, u"app.kubernetes.io/part-of=web"_s);
    QCOMPARE(web.ignoredFiles, QStringList{u"*.test.yaml"_s});
    QCOMPARE(web.ignoredDifferences.size(), 1);
    QCOMPARE(web.ignoredDifferences.first().jsonPointers, QStringList{u"/spec/replicas"_s});
    QCOMPARE(web.definedAt, u"gitops-console.yaml:3"_s);
    QCOMPARE(apps.at(1).paths, QStringList{QString()});
    QCOMPARE(apps.at(1).source, App::Source::WorkspaceFile);
}

void tst_AppDiscovery::readmeExampleIsValid()
{
    QFile readme(QStringLiteral(GITOPS_SOURCE_DIR "/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const qsizetype section = text.indexOf(u"## Workspace file (gitops-console.yaml)"_s);
    QVERIFY(section >= 0);
    const qsizetype start = text.indexOf(u"```yaml\n"_s, section);
    QVERIFY(start >= 0);
    const qsizetype end = text.indexOf(u"```"_s, start + 8);
    auto read = parseWorkspaceFile(text.mid(start + 8, end - start - 8).toUtf8());
    if (auto *note = std::get_if<manifest::SourceNote>(&read))
        QFAIL(qPrintable(note->toString()));
    const auto apps = std::get<QList<App>>(read);
    QCOMPARE(apps.size(), 1);
    QCOMPARE(apps.first().paths, (QStringList{u"apps/shop"_s, u"apps/shop-db"_s}));
    QCOMPARE(apps.first().ignoredDifferences.first().name, u"web"_s);
    const auto forges = parseWorkspaceForges(text.mid(start + 8, end - start - 8).toUtf8());
    QVERIFY(std::holds_alternative<QList<forge::ForgeHost>>(forges));
    const auto hosts = std::get<QList<forge::ForgeHost>>(forges);
    QCOMPARE(hosts.size(), 1);
    QCOMPARE(hosts.first().type, forge::ForgeType::GitLab);
    QCOMPARE(hosts.first().api.toString(), u"https://git.example.com/gitlab/api/v4"_s);
}

void tst_AppDiscovery::workspaceFileErrorsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("no apps list") << QByteArray("apps: web\n") << 1 << u"apps"_s;
    QTest::newRow("no name") << QByteArray("apps:\n  - path: a\n") << 2 << u"needs a name"_s;
    QTest::newRow("no path") << QByteArray("apps:\n  - name: a\n") << 2 << u"needs a path"_s;
    QTest::newRow("unknown field")
        << QByteArray("apps:\n  - name: a\n    path: a\n    pth: b\n") << 4 << u"pth"_s;
    QTest::newRow("unknown tracking") << QByteArray("apps:\n  - name: a\n    path: a\n"
                                                    "    tracking:\n      method: magic\n")
                                      << 5 << u"magic"_s;
    QTest::newRow("escapes the repository")
        << QByteArray("apps:\n  - name: a\n    path: ../secrets\n") << 2 << u"inside"_s;
    QTest::newRow("duplicate app") << QByteArray("apps:\n  - {name: a, path: a}\n"
                                                 "  - {name: a, path: b}\n")
                                   << 3 << u"two apps"_s;
    QTest::newRow("malformed YAML") << QByteArray("apps:\n  - name: [a\n") << 3 << u"end"_s;
    QTest::newRow("a forge of an unknown type")
        << QByteArray("apps:\n  - {name: a, path: a}\nforges:\n  - host: git.example.com\n"
                      "    type: gitlob\n")
        << 5 << u"unknown forge type “gitlob”"_s;
    QTest::newRow("forges not a list")
        << QByteArray("apps:\n  - {name: a, path: a}\nforges: git.example.com\n") << 3
        << u"expected a list of forges"_s;
}

void tst_AppDiscovery::workspaceFileErrorsNameTheLine()
{
    QFETCH(QByteArray, file);
    QFETCH(int, line);
    QFETCH(QString, message);
    auto read = parseWorkspaceFile(file);
    QVERIFY(std::holds_alternative<manifest::SourceNote>(read));
    const auto note = std::get<manifest::SourceNote>(read);
    QCOMPARE(note.file, u"gitops-console.yaml"_s);
    QCOMPARE(note.line, line);
    QVERIFY2(note.message.contains(message), qPrintable(note.message));
}

void tst_AppDiscovery::workspaceFileComesFirst()
{
    const auto discovery = discover(
        {{u"argocd/apps.yaml"_s, ArgoApplication}, {u"apps/shop/deploy.yaml"_s, Deployment}},
        QByteArray("apps:\n  - name: mine\n    path: apps/shop\n"));
    QCOMPARE(names(discovery), QStringList{u"mine"_s});

    // A broken workspace file is reported, and nothing is guessed behind the user's back.
    const auto broken =
        discover({{u"apps/shop/deploy.yaml"_s, Deployment}}, QByteArray("apps:\n  - name: x\n"));
    QVERIFY(broken.apps.isEmpty());
    QCOMPARE(broken.notes.size(), 1);
}

void tst_AppDiscovery::argoCdApplicationsOfThisRepository()
{
    const auto discovery = discover({{u"argocd/apps.yaml"_s, ArgoApplication},
                                     {u"flux.yaml"_s, FluxFiles},
                                     {u"apps/shop/deploy.yaml"_s, Deployment}});
    QCOMPARE(names(discovery), QStringList{u"shop"_s}); // not "elsewhere", not Flux
    const App &shop = discovery.apps.first();
    QCOMPARE(shop.source, App::Source::ArgoCdApplication);
    QCOMPARE(shop.paths, QStringList{u"apps/shop"_s});
    QVERIFY(shop.recurse);
    QCOMPARE(shop.targetRevision, u"release-1"_s);
    QCOMPARE(shop.destinationNamespace, u"shop"_s);
    QCOMPARE(shop.destinationContext, u"production"_s);
    QCOMPARE(shop.tracking, App::Tracking::ArgoCd);
    QCOMPARE(shop.ignoredDifferences.size(), 1);
    QCOMPARE(shop.ignoredDifferences.first().kind, u"Deployment"_s);
    QCOMPARE(shop.definedAt, u"argocd/apps.yaml:8"_s);
}

void tst_AppDiscovery::fluxKustomizations()
{
    const auto discovery = discover(
        {{u"clusters/prod/flux.yaml"_s, FluxFiles}, {u"infrastructure/ns.yaml"_s, Deployment}});
    QCOMPARE(names(discovery), QStringList{u"infra"_s});
    const App &infra = discovery.apps.first();
    QCOMPARE(infra.source, App::Source::FluxKustomization);
    QCOMPARE(infra.paths, QStringList{u"infrastructure"_s});
    QCOMPARE(infra.destinationNamespace, u"infra"_s);
    QVERIFY(infra.recurse);

    // A Kustomization whose GitRepository is another repository is not ours.
    QByteArray foreign = FluxFiles;
    foreign.replace("github.com/team/deploy", "github.com/team/other");
    const auto none = discover({{u"clusters/prod/flux.yaml"_s, foreign}});
    QVERIFY(!names(none).contains(u"infra"_s));
}

void tst_AppDiscovery::foldersWhenNothingElseSays()
{
    const QByteArray kustomization = "resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n";
    const auto discovery = discover({
        {u"apps/web/deploy.yaml"_s, Deployment},
        {u"apps/web/README.yaml"_s, "title: not a manifest\n"},
        {u"docs/mkdocs.yml"_s, "site_name: docs\n"},
        {u"kustomize/base/kustomization.yaml"_s, "resources:\n  - deploy.yaml\n"},
        {u"kustomize/base/deploy.yaml"_s, Deployment},
        {u"kustomize/overlays/prod/kustomization.yaml"_s, kustomization},
        {u"kustomize/overlays/prod/patch.yaml"_s, Deployment},
        {u"charts/api/Chart.yaml"_s, "apiVersion: v2\nname: api\n"},
        {u"charts/api/templates/deploy.yaml"_s, Deployment},
        {u"top.yaml"_s, Deployment},
        {u"apps/broken/only.yaml"_s, "apiVersion: v1\nkind: [ConfigMap\n"},
        {u".github/workflows/deploy.yaml"_s, Deployment},
        // Patches in a folder of their own, and a base whose files are listed one by one.
        {u"shop/overlays/dev/kustomization.yaml"_s,
         "resources:\n- ../../base/deploy.yaml\n- ../../base/service.yaml\n"
         "patchesStrategicMerge:\n- patches/replicas.yaml\n"
         "patches:\n- path: ./json/image.yaml\n  target:\n    kind: Deployment\n"},
        {u"shop/overlays/dev/patches/replicas.yaml"_s, Deployment},
        {u"shop/overlays/dev/json/image.yaml"_s, Deployment},
        {u"shop/base/deploy.yaml"_s, Deployment},
        {u"shop/base/service.yaml"_s, Deployment},
        // A base no overlay uses is still an app.
        {u"unused/base/kustomization.yaml"_s, "resources:\n  - deploy.yaml\n"},
        {u"unused/base/deploy.yaml"_s, Deployment},
    });
    // The base is part of its overlay; chart templates are part of their chart; folders
    // with only non-Kubernetes YAML are no apps.
    // A folder whose only manifest is malformed is an app, so that its error shows; tool
    // folders such as .github are not.
    QCOMPARE(names(discovery),
             (QStringList{u"."_s, u"apps/broken"_s, u"apps/web"_s, u"charts/api"_s,
                          u"kustomize/overlays/prod"_s, u"shop/overlays/dev"_s, u"unused/base"_s}));
}

void tst_AppDiscovery::sameRepository_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("scp and https")
        << u"git@github.com:team/deploy.git"_s << u"https://github.com/team/deploy"_s << true;
    QTest::newRow("ssh with user and trailing slash")
        << u"ssh://git@GitHub.com/team/deploy/"_s << u"https://github.com/team/deploy.git"_s
        << true;
    QTest::newRow("other repository")
        << u"https://github.com/team/deploy"_s << u"https://github.com/team/deploy2"_s << false;
    QTest::newRow("other host") << u"https://gitlab.com/team/deploy"_s
                                << u"https://github.com/team/deploy"_s << false;
    QTest::newRow("empty") << QString() << QString() << false;
}

void tst_AppDiscovery::sameRepository()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(gitops::sameRepository(a, b), same);
}

// An ignore rule's jq expression the console cannot evaluate ignores nothing, and the app
// says so with the line, whether it comes from an Argo CD Application or gitops-console.yaml.
void tst_AppDiscovery::jqExpressionsOutsideTheSubsetAreNoted()
{
    const QByteArray application = R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: argocd
spec:
  source:
    repoURL: https://github.com/team/deploy
    path: apps/shop
  destination:
    namespace: shop
  ignoreDifferences:
    - group: apps
      kind: Deployment
      managedFieldsManagers: [vpa-updater]
      jqPathExpressions:
        - .spec.template.spec.initContainers[] | select(.name == "injected-init-container")
        - .spec.template.spec.containers[] | del(.resources)
)";
    const AppDiscovery argo =
        discover({{u"argocd/shop.yaml"_s, application}, {u"apps/shop/web.yaml"_s, Deployment}});
    QCOMPARE(names(argo), QStringList{u"shop"_s});
    const App &shop = argo.apps.first();
    QCOMPARE(shop.ignoredDifferences.size(), 1);
    QCOMPARE(
        shop.ignoredDifferences.first().jqPathExpressions,
        QStringList{
            u".spec.template.spec.initContainers[] | select(.name == \"injected-init-container\")"_s});
    QCOMPARE(shop.ignoredDifferences.first().managedFieldsManagers, QStringList{u"vpa-updater"_s});
    QCOMPARE(shop.notes.size(), 1);
    QCOMPARE(shop.notes.first().file, u"argocd/shop.yaml"_s);
    QCOMPARE(shop.notes.first().line, 18);
    QVERIFY2(shop.notes.first().message.contains(u"del(.resources)"),
             qPrintable(shop.notes.first().message));
    QVERIFY(shop.notes.first().message.contains(u"ignores nothing"));

    const QByteArray file = R"(apps:
  - name: web
    path: apps/web
    ignore:
      differences:
        - group: apps
          kind: Deployment
          jqPathExpressions:
            - .spec.template.spec.containers[] | select(.name | startswith("istio"))
            - ..image
)";
    auto read = parseWorkspaceFile(file);
    if (auto *note = std::get_if<manifest::SourceNote>(&read))
        QFAIL(qPrintable(note->toString()));
    const App web = std::get<QList<App>>(read).first();
    QCOMPARE(web.ignoredDifferences.first().jqPathExpressions.size(), 1);
    QCOMPARE(web.notes.size(), 1);
    QCOMPARE(web.notes.first().file, workspaceFileName());
    QCOMPARE(web.notes.first().line, 10);
    QVERIFY2(web.notes.first().message.contains(u"..image"), qPrintable(web.notes.first().message));
}

// Argo CD Applications and Flux Kustomizations read from the cluster: only those of this
// repository (its remote spelt as users write it), and they win over git's own apps.
void tst_AppDiscovery::appsTheClusterDefines()
{
    const auto object = [](const char *json) { return QJsonDocument::fromJson(json).object(); };
    const QList<QJsonObject> live = {
        object(R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
            "metadata":{"name":"guestbook-prod","namespace":"argocd"},
            "spec":{"source":{"repoURL":"https://GitHub.com/team/deploy/","path":"./apps/web",
            "targetRevision":"main"},"destination":{"namespace":"web"}}})"),
        object(R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
            "metadata":{"name":"elsewhere","namespace":"argocd"},
            "spec":{"source":{"repoURL":"https://github.com/team/other","path":"x"}}})"),
        object(R"({"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository",
            "metadata":{"name":"fleet","namespace":"flux-system"},
            "spec":{"url":"ssh://git@github.com/team/deploy.git"}})"),
        object(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization",
            "metadata":{"name":"infra","namespace":"flux-system"},
            "spec":{"path":"./infra","targetNamespace":"infra",
            "sourceRef":{"kind":"GitRepository","name":"fleet"}}})"),
        object(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization",
            "metadata":{"name":"unknown-source","namespace":"flux-system"},
            "spec":{"path":"./x","sourceRef":{"kind":"GitRepository","name":"gone"}}})"),
    };
    const AppDiscovery fromCluster = appsFromCluster(live, Remotes);
    QCOMPARE(names(fromCluster), (QStringList{u"guestbook-prod"_s, u"infra"_s}));
    const App &prod = fromCluster.apps.first();
    QCOMPARE(prod.paths, QStringList{u"apps/web"_s});
    QCOMPARE(prod.destinationNamespace, u"web"_s);
    QCOMPARE(prod.definedAt, u"Application argocd/guestbook-prod in the cluster"_s);

    // git: a folder app the cluster's app covers, another folder, and an Application git
    // holds but the cluster does not run.
    App web;
    web.name = u"apps/web"_s;
    web.paths = {u"apps/web"_s};
    App docs;
    docs.name = u"docs"_s;
    docs.paths = {u"docs"_s};
    App staged;
    staged.name = u"staged"_s;
    staged.source = App::Source::ArgoCdApplication;
    staged.paths = {u"apps/staged"_s};
    staged.definedAt = u"argocd/staged.yaml:3"_s;
    App differs = prod;
    differs.source = App::Source::ArgoCdApplication;
    differs.paths = {u"apps/web-old"_s};
    differs.definedAt = u"argocd/prod.yaml:1"_s;
    QList<manifest::SourceNote> notes;
    const QList<App> merged =
        mergeClusterApps({web, docs, staged, differs}, fromCluster.apps, &notes);
    QStringList mergedNames;
    for (const App &app : merged)
        mergedNames << app.name;
    QCOMPARE(mergedNames, (QStringList{u"guestbook-prod"_s, u"infra"_s, u"docs"_s, u"staged"_s}));
    QCOMPARE(merged.first().paths, QStringList{u"apps/web"_s}); // the cluster's definition
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.first().message.contains(u"not the one the cluster runs"),
             qPrintable(notes.first().message));
    QCOMPARE(notes.first().file, u"argocd/prod.yaml"_s);
    QVERIFY(merged.at(3).notes.size() == 1
            && merged.at(3).notes.first().message.contains(u"not in the cluster"));
}

// App-of-apps: "name[@namespace/application]: deployed, ..." per app; an app with
// "@..." is defined by that Argo CD Application, one without is a folder app. Each
// deployed "namespace/name" is an Application among the app's desired resources.
void tst_AppDiscovery::parentsOfAppsOfApps_data()
{
    QTest::addColumn<QStringList>("apps");
    QTest::addColumn<QString>("parents"); // "child<parent ..." sorted
    QTest::newRow("two children") << QStringList{u"root@argocd/root: argocd/shop, argocd/billing"_s,
                                                 u"shop@argocd/shop:"_s,
                                                 u"billing@argocd/billing:"_s}
                                  << u"billing<root shop<root"_s;
    QTest::newRow("a grandchild") << QStringList{
        u"root@argocd/root: argocd/team"_s, u"team@argocd/team: argocd/shop"_s,
        u"shop@argocd/shop:"_s} << u"shop<team team<root"_s;
    QTest::newRow("a root that manages itself")
        << QStringList{u"root@argocd/root: argocd/root, argocd/shop"_s, u"shop@argocd/shop:"_s}
        << u"shop<root"_s;
    QTest::newRow("a cycle keeps one link")
        << QStringList{u"a@argocd/a: argocd/b"_s, u"b@argocd/b: argocd/a"_s} << u"a<b"_s;
    QTest::newRow("another namespace's Application")
        << QStringList{u"root@argocd/root: team-a/shop"_s, u"shop@argocd/shop:"_s} << QString();
    QTest::newRow("git names no namespace")
        << QStringList{u"root@argocd/root: argocd/shop"_s, u"shop@/shop:"_s} << u"shop<root"_s;
    QTest::newRow("a multi-source child")
        << QStringList{u"root@argocd/root: argocd/shop"_s, u"shop/web@argocd/shop:"_s,
                       u"shop/db@argocd/shop:"_s}
        << u"shop/db<root shop/web<root"_s;
    QTest::newRow("a folder app is no child")
        << QStringList{u"root@argocd/root: argocd/shop"_s, u"shop:"_s} << QString();
    QTest::newRow("two parents: the first")
        << QStringList{u"r1@argocd/r1: argocd/shop"_s, u"r2@argocd/r2: argocd/shop"_s,
                       u"shop@argocd/shop:"_s}
        << u"shop<r1"_s;
}

void tst_AppDiscovery::parentsOfAppsOfApps()
{
    QFETCH(QStringList, apps);
    QFETCH(QString, parents);
    QList<AppDesiredState> states;
    for (const QString &line : std::as_const(apps)) {
        AppDesiredState state;
        const QString head = line.section(u':', 0, 0);
        state.app.name = head.section(u'@', 0, 0);
        if (head.contains(u'@')) {
            const QString definition = head.section(u'@', 1);
            state.app.source = App::Source::ArgoCdApplication;
            state.app.definition = {u"argoproj.io"_s, u"Application"_s,
                                    definition.section(u'/', 0, 0), definition.section(u'/', 1)};
        }
        for (const QString &entry : line.section(u':', 1).split(u',', Qt::SkipEmptyParts)) {
            manifest::Resource resource;
            resource.apiVersion = u"argoproj.io/v1alpha1"_s;
            resource.id = {u"argoproj.io"_s, u"Application"_s, entry.trimmed().section(u'/', 0, 0),
                           entry.trimmed().section(u'/', 1)};
            state.resources << resource;
        }
        states << state;
    }
    const QHash<QString, QString> found = parentApps(states);
    QStringList links;
    for (auto it = found.cbegin(); it != found.cend(); ++it)
        links << it.key() + u'<' + it.value();
    links.sort();
    QCOMPARE(links.join(u' '), parents);
}

QTEST_GUILESS_MAIN(tst_AppDiscovery)
#include "tst_appdiscovery.moc"
