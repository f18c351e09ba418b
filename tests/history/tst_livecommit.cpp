// Which commit the cluster runs, by content (issue 16, item 2): a repository with real
// history (a monorepo, a kustomize base changed in its own folder only, a merge) and the
// local API server running one of its commits as it is, with a hand edit, something never
// committed, and under an Argo CD Application whose record names another commit.
#include "gitbuilder.h"

#include "apiserver.h"
#include "git/repository.h"
#include "git/repositoryworker.h"
#include "history/apphistory.h"
#include "history/appstatereader.h"
#include "history/livecommit.h"
#include "manifest/manifestparser.h"
#include "workspace/workspacesession.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;
using history::LiveCommit;
using history::LiveMatch;

namespace {

QByteArray settings(const char *mode)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: "
                      "shop}\ndata: {mode: ")
        + mode + "}\n";
}

QByteArray web(int replicas, const char *image)
{
    return QStringLiteral(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: %1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "%2"}]
)")
        .arg(replicas)
        .arg(QString::fromUtf8(image))
        .toUtf8();
}

const QByteArray service = R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
)";

QByteArray other(const char *value)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: "
                      "shop}\ndata: {value: ")
        + value + "}\n";
}

QByteArray baseConfig(int level)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: base-config}\ndata: {level: \""
        + QByteArray::number(level) + "\"}\n";
}

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject namespaceNamed(const char *name)
{
    return QJsonObject{{u"apiVersion"_s, u"v1"_s},
                       {u"kind"_s, u"Namespace"_s},
                       {u"metadata"_s, QJsonObject{{u"name"_s, QString::fromLatin1(name)}}}};
}

const AppDesiredState *appNamed(const WorkspaceSession &session, const QString &name)
{
    if (!session.desired())
        return nullptr;
    for (const AppDesiredState &app : session.desired()->apps) {
        if (app.app.name == name)
            return &app;
    }
    return nullptr;
}

} // namespace

class TestLiveCommit : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void runsACommitExactly();
    void aHandEditIsClosest();
    void aMergeCommitRuns();
    void aKustomizeBaseChangedInItsFolder();
    void somethingNeverCommitted();
    void statesAreCachedByInputs();
    void postBuildAndIncludes();
    void stopsWhenAsked();
    void argoCdNamesAnotherCommit();
    void fluxRecord();

private:
    /// Applies @p yaml as the GitOps controller would (server-side, forced).
    void apply(const QByteArray &yaml, const QString &manager = u"argocd-controller"_s);
    /// The live commit of @p app as a session sees the cluster now.
    std::optional<LiveCommit> liveCommitOf(const QString &app);

    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_repository;
    QStringList m_commits; // c1..c7 at [0..6]; [7] the feature commit
};

void TestLiveCommit::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(u"kubeconfig"_s);
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));

    m_repository = m_dir.filePath(u"fleet"_s);
    test::GitBuilder git(m_repository);
    const auto commit = [&](const QMap<QString, QByteArray> &files, const char *subject,
                            const QString &branch = u"main"_s, const QStringList &merged = {}) {
        m_commits << git.commit(branch, files, QString::fromUtf8(subject), merged);
    };
    commit({{u"apps/shop/settings.yaml"_s, settings("blue")},
            {u"apps/shop/web.yaml"_s, web(2, "nginx:1.27")},
            {u"apps/other/cm.yaml"_s, other("v1")},
            {u"base/cm.yaml"_s, baseConfig(1)},
            {u"base/kustomization.yaml"_s, "resources: [cm.yaml]\n"},
            {u"overlays/prod/kustomization.yaml"_s, "namespace: prod\nresources: [../../base]\n"}},
           "create");
    commit({{u"apps/shop/settings.yaml"_s, settings("green")}}, "shop goes green");
    commit({{u"apps/other/cm.yaml"_s, other("v2")}}, "other v2");
    commit({{u"apps/shop/web.yaml"_s, web(3, "nginx:1.27")}}, "shop runs 3 replicas");
    commit({{u"base/cm.yaml"_s, baseConfig(2)}}, "base level 2");
    const QString feature =
        git.commit(u"feature"_s, {{u"apps/shop/web.yaml"_s, web(3, "nginx:1.28")}},
                   u"feature: nginx 1.28"_s, {m_commits.last()});
    commit({{u"apps/shop/web.yaml"_s, web(3, "nginx:1.28")}}, "Merge feature", u"main"_s,
           {feature});
    commit({{u"apps/shop/svc.yaml"_s, service}}, "shop adds a Service");
    m_commits << feature;
    git.addRemote(u"origin"_s, u"https://github.com/example/fleet.git"_s);
    git.checkout(u"main"_s);
    QCOMPARE(m_commits.size(), 8);

    for (const char *name : {"shop", "prod", "argocd"})
        QVERIFY(
            std::holds_alternative<QJsonObject>(m_server.apply(namespaceNamed(name), u"seed"_s)));
    // The cluster runs c4 for shop, c1 for the overlay (before the base's change), and an
    // "other" no commit ever had.
    apply(settings("green") + "---\n" + web(3, "nginx:1.27"));
    apply(QByteArray(baseConfig(1))
              .replace("name: base-config}", "name: base-config, namespace: prod}"));
    apply(other("rogue"));
}

void TestLiveCommit::apply(const QByteArray &yaml, const QString &manager)
{
    const manifest::ParsedManifests parsed = manifest::parseManifests(yaml, u"live.yaml"_s);
    QVERIFY(!parsed.resources.isEmpty());
    for (const manifest::Resource &resource : parsed.resources) {
        const auto applied = m_server.apply(resource.object, manager);
        QVERIFY2(std::holds_alternative<QJsonObject>(applied), qPrintable(resource.id.toString()));
    }
}

std::optional<LiveCommit> TestLiveCommit::liveCommitOf(const QString &appName)
{
    WorkspaceSession session;
    if (!session.loadKubeConfig().isEmpty())
        return std::nullopt;
    session.openRepository(m_repository);
    session.setContext(u"admin"_s);
    QSignalSpy spy(&session, &WorkspaceSession::snapshotChanged);
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()
           && !(session.liveSynced() && session.desired() && !session.snapshot().partial
                && appNamed(session, appName)))
        spy.wait(200);
    const AppDesiredState *app = appNamed(session, appName);
    if (!app) {
        qWarning() << "no app" << appName;
        return std::nullopt;
    }
    history::LiveCommitQuestion question;
    question.app = app->app;
    question.evidence = history::LiveEvidence::of(session);
    auto repository = git::Repository::open(m_repository);
    if (!std::holds_alternative<std::unique_ptr<git::Repository>>(repository))
        return std::nullopt;
    auto result =
        history::findLiveCommit(*std::get<std::unique_ptr<git::Repository>>(repository), question);
    if (auto *message = std::get_if<QString>(&result)) {
        qWarning() << *message;
        return std::nullopt;
    }
    return std::get<LiveCommit>(result);
}

void TestLiveCommit::runsACommitExactly()
{
    const auto live = liveCommitOf(u"apps/shop"_s);
    QVERIFY(live);
    QCOMPARE(liveMatchName(live->match), u"exact"_s);
    QCOMPARE(live->commit, m_commits.at(3));
    QCOMPARE(live->differences, 0);
    // Nearest first, and no further than the match: HEAD (a Service too many), the merge
    // (another image), then c4.
    QCOMPARE(live->commits.size(), 3);
    QCOMPARE(live->commits.at(0).commit, m_commits.at(6));
    QCOMPARE(live->commits.at(0).differences, 2);
    QCOMPARE(live->commits.at(1).commit, m_commits.at(5));
    QCOMPARE(live->commits.at(1).differences, 1);
    QCOMPARE(live->candidates, 5); // shop's five commits; other apps' never count
    QVERIFY(!live->moreHistory);
    QVERIFY(!live->controller);
    QVERIFY(live->disagreement.isEmpty());
    // Per resource, the nearest commit that has it as it runs: the Deployment as c4 made it;
    // the ConfigMap as c2 made it, which no later commit changed, so HEAD has it too.
    QCOMPARE(live->resources.size(), 2);
    for (const history::ResourceLiveCommit &resource : live->resources) {
        QCOMPARE(resource.match, LiveMatch::Exact);
        QCOMPARE(resource.commit,
                 resource.id.kind == u"Deployment" ? m_commits.at(3) : m_commits.at(6));
    }
}

void TestLiveCommit::aHandEditIsClosest()
{
    apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\n"
          "data: {mode: purple}\n",
          u"kubectl-edit"_s);
    const auto live = liveCommitOf(u"apps/shop"_s);
    apply(settings("green")); // as it was
    QVERIFY(live);
    QCOMPARE(live->match, LiveMatch::Closest);
    QCOMPARE(live->commit, m_commits.at(3));
    QCOMPARE(live->differences, 1);
    QCOMPARE(live->commits.size(), 5); // no exact match: every candidate compared
    for (const history::ResourceLiveCommit &resource : live->resources) {
        if (resource.id.kind == u"Deployment") {
            QCOMPARE(resource.match, LiveMatch::Exact);
            QCOMPARE(resource.commit, m_commits.at(3));
        } else {
            // mode is one field of one: it agrees in nothing else, so it is no "closest".
            QCOMPARE(resource.id.name, u"settings"_s);
            QCOMPARE(resource.match, LiveMatch::None);
        }
    }
}

void TestLiveCommit::aMergeCommitRuns()
{
    apply(web(3, "nginx:1.28"));
    const auto live = liveCommitOf(u"apps/shop"_s);
    apply(web(3, "nginx:1.27"));
    QVERIFY(live);
    QCOMPARE(live->match, LiveMatch::Exact);
    QCOMPARE(live->commit, m_commits.at(5)); // the merge, on the first-parent line
}

void TestLiveCommit::aKustomizeBaseChangedInItsFolder()
{
    const auto live = liveCommitOf(u"overlays/prod"_s);
    QVERIFY(live);
    QVERIFY2(live->problems.isEmpty(), qPrintable(live->problems.join(u'\n')));
    // The overlay's history has the base's commit; the cluster runs the one before it.
    QCOMPARE(live->candidates, 2);
    QCOMPARE(live->match, LiveMatch::Exact);
    QCOMPARE(live->commit, m_commits.at(0));
    QCOMPARE(live->commits.at(0).commit, m_commits.at(4));
    QCOMPARE(live->commits.at(0).differences, 1);
}

void TestLiveCommit::somethingNeverCommitted()
{
    const auto live = liveCommitOf(u"apps/other"_s);
    QVERIFY(live);
    QCOMPARE(live->match, LiveMatch::None);
    QVERIFY(live->commit.isEmpty());
    QCOMPARE(live->commits.size(), 2);
    QCOMPARE(live->resources.size(), 1);
    QCOMPARE(live->resources.first().match, LiveMatch::None);
}

void TestLiveCommit::statesAreCachedByInputs()
{
    auto opened = git::Repository::open(m_repository);
    QVERIFY(std::holds_alternative<std::unique_ptr<git::Repository>>(opened));
    const git::Repository &repository = *std::get<std::unique_ptr<git::Repository>>(opened);
    App shop;
    shop.name = u"apps/shop"_s;
    shop.paths = {u"apps/shop"_s};
    history::AppStateReader reader(repository, shop);
    auto first = reader.read(m_commits.at(1));
    QVERIFY(std::holds_alternative<history::AppStateReader::StatePointer>(first));
    // c3 and c5 changed other apps only: c2's and c4's states, not read again.
    for (const int i : {1, 3}) {
        auto before = reader.read(m_commits.at(i));
        auto after = reader.read(m_commits.at(i + 1));
        QVERIFY(std::holds_alternative<history::AppStateReader::StatePointer>(after));
        QCOMPARE(std::get<history::AppStateReader::StatePointer>(after).get(),
                 std::get<history::AppStateReader::StatePointer>(before).get());
    }
    QCOMPARE(std::get<history::AppStateReader::StatePointer>(reader.read(m_commits.at(1))).get(),
             std::get<history::AppStateReader::StatePointer>(first).get());
    QCOMPARE(reader.buildCount(), 2);
    auto head = reader.read(m_commits.at(6));
    const auto &state = *std::get<history::AppStateReader::StatePointer>(head);
    QCOMPARE(reader.buildCount(), 3);
    QVERIFY(state.error.isEmpty());
    QCOMPARE(state.resources.size(), 3);
    QCOMPARE(state.resources.at(0).file, u"apps/shop/settings.yaml"_s);
    QCOMPARE(state.resources.at(0).id.namespaceName, u"shop"_s);

    // The overlay renders from its inputs alone, namespace and all.
    App overlay;
    overlay.name = u"overlays/prod"_s;
    overlay.paths = {u"overlays/prod"_s};
    history::AppStateReader overlayReader(repository, overlay);
    auto rendered = overlayReader.read(m_commits.at(0));
    const auto &overlayState = *std::get<history::AppStateReader::StatePointer>(rendered);
    QVERIFY2(overlayState.error.isEmpty(), qPrintable(overlayState.error));
    QCOMPARE(overlayState.renderer, AppDesiredState::Renderer::Kustomize);
    QCOMPARE(overlayState.resources.size(), 1);
    QCOMPARE(overlayState.resources.first().id.namespaceName, u"prod"_s);
    QCOMPARE(overlayState.resources.first().object.value(u"data").toObject().value(u"level"),
             QJsonValue(u"1"_s));

    auto gone = reader.read(m_commits.at(0), {u"apps/nowhere"_s});
    QVERIFY(std::get<history::AppStateReader::StatePointer>(gone)->error.contains(u"apps/nowhere"));
}

void TestLiveCommit::postBuildAndIncludes()
{
    // What DesiredStateReader does for Flux's postBuild and Argo CD's include/exclude, the
    // app's state at an old commit does too: or no commit would ever match.
    QTemporaryDir dir;
    test::GitBuilder git(dir.path());
    const QString commit = git.commit(
        u"main"_s,
        {{u"apps/flux/a.yaml"_s,
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
          "data: {mode: \"${MODE}\", replicas: \"${COUNT:=2}\"}\n"},
         {u"apps/flux/b.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n"}},
        u"flux app"_s);
    auto opened = git::Repository::open(dir.path());
    const git::Repository &repository = *std::get<std::unique_ptr<git::Repository>>(opened);
    App flux;
    flux.name = u"flux"_s;
    flux.paths = {u"apps/flux"_s};
    flux.source = App::Source::FluxKustomization;
    flux.destinationNamespace = u"team"_s;
    flux.postBuild.substitute.insert(u"MODE"_s, u"red"_s);
    flux.excludeFiles = u"b.yaml"_s;
    history::AppStateReader reader(repository, flux);
    auto read = reader.read(commit);
    const auto &state = *std::get<history::AppStateReader::StatePointer>(read);
    QVERIFY2(state.error.isEmpty(), qPrintable(state.error));
    QCOMPARE(state.resources.size(), 1);
    const QJsonObject data = state.resources.first().object.value(u"data").toObject();
    QCOMPARE(data.value(u"mode").toString(), u"red"_s);
    QCOMPARE(data.value(u"replicas").toVariant().toString(), u"2"_s); // typed again, as Flux does
    QCOMPARE(state.resources.first().id.namespaceName, u"team"_s);
}

void TestLiveCommit::stopsWhenAsked()
{
    auto opened = git::Repository::open(m_repository);
    const git::Repository &repository = *std::get<std::unique_ptr<git::Repository>>(opened);
    App shop;
    shop.name = u"apps/shop"_s;
    shop.paths = {u"apps/shop"_s};
    auto page = history::AppHistory(shop).page(repository, {u"main"_s, {}}, 100);
    const QList<history::HistoryEntry> commits = std::get<history::HistoryPage>(page).commits;
    QCOMPARE(commits.size(), 5);
    int asked = 0;
    const git::JobControl control([&] { return ++asked > 2; }, {});
    history::LiveCommitFinder finder(repository, shop, {});
    auto result = finder.find(commits, control);
    const LiveCommit &live = std::get<LiveCommit>(result);
    QVERIFY(live.commits.size() < 5);
    QVERIFY(live.problems.join(u'\n').contains(u"Stopped"));

    // The same search as a job on the repository worker, as the window would run it.
    git::RepositoryWorker worker(m_repository);
    history::LiveCommitQuestion question;
    question.app = shop;
    question.limit = 2;
    auto future = history::findLiveCommit(worker, question);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 20000);
    const LiveCommit found = std::get<LiveCommit>(future.result());
    QCOMPARE(found.candidates, 2);
    QVERIFY(found.moreHistory);
    QCOMPARE(found.match, LiveMatch::None); // no live objects at all
}

void TestLiveCommit::argoCdNamesAnotherCommit()
{
    const auto applied = [this](const QJsonObject &object) {
        return std::holds_alternative<QJsonObject>(m_server.apply(object, u"seed"_s));
    };
    QVERIFY(applied(object(R"({"apiVersion":"apiextensions.k8s.io/v1",
        "kind":"CustomResourceDefinition","metadata":{"name":"applications.argoproj.io"},
        "spec":{"group":"argoproj.io","scope":"Namespaced","names":{"kind":"Application",
        "listKind":"ApplicationList","plural":"applications","singular":"application"},
        "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":
        {"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})")));
    // Argo CD says HEAD is synced (its last sync, automated) after alice's sync of c2; the
    // objects are c4's: someone rolled back by hand.
    QJsonObject application = object(R"({"apiVersion":"argoproj.io/v1alpha1",
        "kind":"Application","metadata":{"name":"shop","namespace":"argocd"},
        "spec":{"project":"default","source":{"repoURL":"git@github.com:example/fleet",
        "path":"apps/shop","targetRevision":"main"},"destination":{"server":
        "https://kubernetes.default.svc","namespace":"shop"}}})");
    QJsonObject status;
    status.insert(u"sync"_s,
                  QJsonObject{{u"status"_s, u"Synced"_s}, {u"revision"_s, m_commits.at(6)}});
    status.insert(
        u"history"_s,
        QJsonArray{QJsonObject{{u"id"_s, 1},
                               {u"revision"_s, m_commits.at(2)},
                               {u"deployedAt"_s, u"2026-11-30T10:00:00Z"_s},
                               {u"initiatedBy"_s, QJsonObject{{u"username"_s, u"alice"_s}}}},
                   QJsonObject{{u"id"_s, 2},
                               {u"revision"_s, m_commits.at(6)},
                               {u"deployedAt"_s, u"2026-12-01T09:00:00Z"_s},
                               {u"initiatedBy"_s, QJsonObject{{u"automated"_s, true}}}}});
    application.insert(u"status"_s, status);
    QTRY_VERIFY_WITH_TIMEOUT(applied(application), 5000); // the CRD registers its kind

    const auto live = liveCommitOf(u"shop"_s);
    QVERIFY(live);
    QCOMPARE(live->match, LiveMatch::Exact);
    QCOMPARE(live->commit, m_commits.at(3));
    QVERIFY(live->controller);
    const history::ControllerRecord &record = *live->controller;
    QCOMPARE(record.definition, u"Application argocd/shop"_s);
    QCOMPARE(record.current.commit, m_commits.at(6));
    QCOMPARE(record.current.appCommit, m_commits.at(6));
    QCOMPARE(record.current.initiatedBy, u"automated"_s);
    QCOMPARE(record.history.size(), 2);
    // Newest first; c3 changed another app, so the app as of c3 is c2's.
    QCOMPARE(record.history.at(1).commit, m_commits.at(2));
    QCOMPARE(record.history.at(1).appCommit, m_commits.at(1));
    QCOMPARE(record.history.at(1).initiatedBy, u"alice"_s);
    QCOMPARE(record.history.at(1).deployedAt,
             QDateTime(QDate(2026, 11, 30), QTime(10, 0), QTimeZone::UTC));
    QVERIFY2(
        live->disagreement.contains(u"Application argocd/shop says it synced "_s + m_commits.at(6)),
        qPrintable(live->disagreement));
    QVERIFY2(live->disagreement.contains(m_commits.at(3).left(8)), qPrintable(live->disagreement));
}

void TestLiveCommit::fluxRecord()
{
    App app;
    app.name = u"shop"_s;
    app.source = App::Source::FluxKustomization;
    app.definedAt = u"Kustomization flux-system/shop in the cluster"_s;
    QHash<manifest::ResourceId, QJsonObject> objects;
    const QJsonObject kustomization = object(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1",
        "kind":"Kustomization","metadata":{"name":"shop","namespace":"flux-system"},
        "status":{"lastAppliedRevision":"main@sha1:0123456789abcdef0123456789abcdef01234567",
        "history":[{"digest":"sha256:aa","lastReconciled":"2026-12-01T08:00:00Z",
                    "metadata":{"revision":"main@sha1:0123456789abcdef0123456789abcdef01234567"}},
                   {"digest":"sha256:bb","lastReconciled":"2026-11-01T08:00:00Z",
                    "metadata":{"revision":"main@sha1:fedcba9876543210fedcba9876543210fedcba98"}}]}})");
    objects.insert(
        {u"kustomize.toolkit.fluxcd.io"_s, u"Kustomization"_s, u"flux-system"_s, u"shop"_s},
        kustomization);
    // A namesake in another namespace is not this app's.
    objects.insert({u"kustomize.toolkit.fluxcd.io"_s, u"Kustomization"_s, u"aaa"_s, u"shop"_s}, {});
    const auto record = history::controllerRecordOf(app, objects);
    QVERIFY(record);
    QCOMPARE(record->definition, u"Kustomization flux-system/shop"_s);
    QCOMPARE(record->current.revision, u"main@sha1:0123456789abcdef0123456789abcdef01234567"_s);
    QCOMPARE(record->current.deployedAt,
             QDateTime(QDate(2026, 12, 1), QTime(8, 0), QTimeZone::UTC));
    QCOMPARE(record->history.size(), 2);
    QCOMPARE(record->history.at(1).revision,
             u"main@sha1:fedcba9876543210fedcba9876543210fedcba98"_s);

    App folder;
    folder.name = u"shop"_s;
    QVERIFY(!history::controllerRecordOf(folder, objects));
}

QTEST_GUILESS_MAIN(TestLiveCommit)
#include "tst_livecommit.moc"
