// The controller's own verdict beside the console's (issue 20, item 4): Argo CD's and
// Flux's status as the cluster holds them, and where they disagree with the console.

#include "drift/appdrift.h"
#include "workspace/appdiscovery.h"
#include "workspace/controllerverdict.h"
#include "workspace/workspacecomparison.h"

#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;

class tst_ControllerVerdict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void argoCdApplication();
    void fluxKustomization();
    void theVerdictIsTheLiveDefinitions();
};

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

// As Argo CD 2.x writes an Application's status (trimmed to what the console reads).
const char *application = R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
    "metadata":{"name":"shop","namespace":"argocd"},
    "spec":{"source":{"repoURL":"https://github.com/team/deploy","path":"apps/shop"},
            "destination":{"namespace":"shop"}},
    "status":{"sync":{"status":"Synced","revision":"0123456789abcdef0123456789abcdef01234567"},
      "health":{"status":"Healthy"},
      "conditions":[{"type":"ComparisonError","message":"rpc error: repository not accessible"}],
      "resources":[
        {"group":"apps","version":"v1","kind":"Deployment","namespace":"shop","name":"web",
         "status":"Synced","health":{"status":"Healthy"}},
        {"version":"v1","kind":"Service","namespace":"shop","name":"web","status":"OutOfSync",
         "health":{"status":"Healthy"}}]}})";

drift::ResourceDrift resource(const char *group, const char *kind, const char *name,
                              drift::SyncStatus sync, drift::Health::Status health)
{
    drift::ResourceDrift drift;
    drift.id = {QLatin1String(group), QLatin1String(kind), u"shop"_s, QLatin1String(name)};
    drift.status = sync;
    drift.health = {health, QString()};
    return drift;
}

} // namespace

void tst_ControllerVerdict::argoCdApplication()
{
    const AppDiscovery found =
        appsFromCluster({object(application)}, {u"git@github.com:team/deploy.git"_s});
    QCOMPARE(found.apps.size(), 1);
    QCOMPARE(found.apps.first().definition,
             (manifest::ResourceId{u"argoproj.io"_s, u"Application"_s, u"argocd"_s, u"shop"_s}));
    const ControllerVerdict verdict = ControllerVerdict::fromDefinition(object(application));
    QVERIFY(verdict.isKnown());
    QCOMPARE(verdict.controllerName(), u"argocd"_s);
    QCOMPARE(verdict.sync, u"Synced"_s);
    QCOMPARE(verdict.health, u"Healthy"_s);
    QCOMPARE(verdict.revision, u"0123456789abcdef0123456789abcdef01234567"_s);
    // A stuck comparison is why its verdict may be stale: the user has to see it.
    QVERIFY2(verdict.message.contains(u"ComparisonError: rpc error"_s),
             qPrintable(verdict.message));
    QCOMPARE(verdict.resources.size(), 2);

    // The console found the Deployment's replicas changed by hand; Argo CD says Synced.
    const drift::AppDrift console =
        drift::AppDrift::of({resource("apps", "Deployment", "web", drift::SyncStatus::OutOfSync,
                                      drift::Health::Status::Healthy),
                             resource("", "Service", "web", drift::SyncStatus::Missing,
                                      drift::Health::Status::Missing)});
    const QString app = verdict.disagreement(console);
    QVERIFY2(app.contains(u"Argo CD says Synced, the console OutOfSync"_s), qPrintable(app));
    QVERIFY2(app.contains(u"Argo CD says Healthy, the console Missing"_s), qPrintable(app));
    QVERIFY(!verdict.disagreement(console.resources.at(0)).isEmpty());
    // Missing is one of Argo CD's OutOfSync: the sync agrees, the health does not.
    QCOMPARE(verdict.disagreement(console.resources.at(1)),
             u"Argo CD says Healthy, the console Missing"_s);

    const drift::AppDrift same = drift::AppDrift::of({resource(
        "apps", "Deployment", "web", drift::SyncStatus::Synced, drift::Health::Status::Healthy)});
    QVERIFY(verdict.disagreement(same).isEmpty());
    QVERIFY(verdict.disagreement(same.resources.first()).isEmpty());
    // The console's Unknown is no verdict to hold against Argo CD's.
    const drift::AppDrift unknown = drift::AppDrift::of({resource(
        "apps", "Deployment", "web", drift::SyncStatus::Unknown, drift::Health::Status::Unknown)});
    QVERIFY(verdict.disagreement(unknown).isEmpty());
}

void tst_ControllerVerdict::fluxKustomization()
{
    const QList<QJsonObject> live = {
        object(R"({"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository",
            "metadata":{"name":"fleet","namespace":"flux-system"},
            "spec":{"url":"https://github.com/team/deploy.git"}})"),
        object(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization",
            "metadata":{"name":"infra","namespace":"flux-system"},
            "spec":{"path":"./infra","sourceRef":{"kind":"GitRepository","name":"fleet"}},
            "status":{"lastAppliedRevision":"main@sha1:89abcdef0123456789abcdef0123456789abcdef",
              "conditions":[{"type":"Reconciling","status":"False"},
                {"type":"Ready","status":"False","reason":"HealthCheckFailed",
                 "message":"timeout waiting for: [Deployment/infra/ingress status: 'InProgress']"}]}})"),
    };
    const AppDiscovery found = appsFromCluster(live, {u"https://github.com/team/deploy"_s});
    QCOMPARE(found.apps.size(), 1);
    QCOMPARE(found.apps.first().definition.name, u"infra"_s);
    const ControllerVerdict verdict = ControllerVerdict::fromDefinition(live.at(1));
    QVERIFY(verdict.isKnown());
    QCOMPARE(verdict.controllerName(), u"flux"_s);
    QCOMPARE(verdict.sync, u"NotReady"_s);
    QVERIFY(verdict.health.isEmpty());
    QCOMPARE(verdict.revision, u"89abcdef0123456789abcdef0123456789abcdef"_s);
    QVERIFY(verdict.message.startsWith(u"HealthCheckFailed: timeout waiting for"_s));

    const drift::AppDrift synced =
        drift::AppDrift::of({resource("apps", "Deployment", "ingress", drift::SyncStatus::Synced,
                                      drift::Health::Status::Healthy)});
    QVERIFY2(verdict.disagreement(synced).contains(u"Flux says not ready (HealthCheckFailed"_s),
             qPrintable(verdict.disagreement(synced)));
    const drift::AppDrift drifting =
        drift::AppDrift::of({resource("apps", "Deployment", "ingress", drift::SyncStatus::OutOfSync,
                                      drift::Health::Status::Progressing)});
    QVERIFY(verdict.disagreement(drifting).isEmpty());
}

// The verdict is the live definition's status as it is now: a status block committed to git
// (a saved `kubectl get -o yaml`) says nothing, and a controller writing status is seen
// without git being read again.
void tst_ControllerVerdict::theVerdictIsTheLiveDefinitions()
{
    manifest::ParsedManifests file = manifest::parseManifests(
        QJsonDocument(object(application)).toJson(), u"argocd/shop.yaml"_s);
    QCOMPARE(file.resources.size(), 1);
    const AppDiscovery found =
        discoverApps(std::nullopt, {{u"argocd/shop.yaml"_s, file}}, {}, {u"argocd/shop.yaml"_s},
                     {u"https://github.com/team/deploy"_s});
    QCOMPARE(found.apps.size(), 1);
    DesiredState desired;
    desired.apps.append(AppDesiredState{});
    desired.apps.first().app = found.apps.first();
    WorkspaceComparison how;
    how.context = u"admin"_s;

    const drift::WorkspaceDrift notLive = compareWorkspace(desired, {}, how);
    QCOMPARE(notLive.apps.size(), 1);
    QVERIFY(!notLive.apps.first().controller.isKnown());

    QJsonObject live = object(application);
    QJsonObject status = live.value(u"status"_s).toObject();
    status.insert(u"sync"_s, QJsonObject{{u"status"_s, u"OutOfSync"_s}});
    live.insert(u"status"_s, status);
    const drift::WorkspaceDrift now =
        compareWorkspace(desired, {{found.apps.first().definition, live}}, how);
    QCOMPARE(now.apps.first().controller.sync, u"OutOfSync"_s);
}

QTEST_GUILESS_MAIN(tst_ControllerVerdict)
#include "tst_controllerverdict.moc"
