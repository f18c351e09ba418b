// Apps as the controllers define them (issue 20) against the local API server: Applications
// as an ApplicationSet writes them (ownerReferences, finalizers, several spellings of the
// repository's URL), listed under their own names and compared in their destination
// namespaces, Synced once their objects are applied there; an Application's kustomize
// overrides rendered as Argo CD renders them; a multi-source Application; app-of-apps.
#include "gitbuilder.h"

#include "apiserver.h"
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

class tst_ClusterApps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applicationSetAppsAreComparedInTheirNamespaces();
    void kustomizeOverridesRenderAsArgoCdRendersThem();
    void multiSourceApplication();
    void appOfApps();

private:
    bool applied(const QJsonObject &object, const QString &manager = u"seed"_s)
    {
        const auto result = m_server.apply(object, manager);
        return std::holds_alternative<QJsonObject>(result);
    }
    void open(WorkspaceSession &session, const QString &repository)
    {
        QVERIFY(session.loadKubeConfig().isEmpty());
        session.openRepository(repository);
        session.setContext(u"admin"_s);
    }

    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_setUid;
};

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonObject result = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        qWarning() << "bad JSON in the test:" << error.errorString();
    return result;
}

QJsonObject openCrd(const QString &group, const QString &kind, const QString &plural)
{
    return object(QStringLiteral(R"({"apiVersion":"apiextensions.k8s.io/v1",
        "kind":"CustomResourceDefinition","metadata":{"name":"%3.%1"},
        "spec":{"group":"%1","scope":"Namespaced","names":{"kind":"%2","listKind":"%2List",
        "plural":"%3","singular":"%4"},"versions":[{"name":"v1alpha1","served":true,
        "storage":true,"schema":{"openAPIV3Schema":{"type":"object",
        "x-kubernetes-preserve-unknown-fields":true}}}]}})")
                      .arg(group, kind, plural, kind.toLower())
                      .toUtf8());
}

const drift::AppWorkspaceDrift *appOf(const drift::WorkspaceDrift &snapshot, const QString &name)
{
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        if (app.name == name)
            return &app;
    }
    return nullptr;
}

const drift::ResourceDrift *resourceOf(const drift::AppWorkspaceDrift *app, const QString &kind,
                                       const QString &name)
{
    if (!app)
        return nullptr;
    for (const drift::ResourceDrift &resource : app->drift.resources) {
        if (resource.id.kind == kind && resource.id.name == name)
            return &resource;
    }
    return nullptr;
}

QStringList namesOf(const drift::WorkspaceDrift &snapshot)
{
    QStringList names;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps)
        names << app.name;
    return names;
}

// Everything the snapshot says, for a failure message.
QString describe(const drift::WorkspaceDrift &snapshot)
{
    QStringList lines{snapshot.error};
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        lines << app.name + u" (parent " + app.parent + u"): " + app.error;
        lines << app.noteLines();
        for (const drift::ResourceDrift &resource : app.drift.resources)
            lines << u"  "_s + resource.id.toString() + u' '
                    + drift::syncStatusName(resource.status) + u' ' + resource.reason;
    }
    return lines.join(u'\n');
}

template<typename Condition>
drift::WorkspaceDrift waitForSnapshot(WorkspaceSession &session, Condition condition,
                                      int timeoutMs = 20000)
{
    if (condition(session.snapshot()))
        return session.snapshot();
    QSignalSpy spy(&session, &WorkspaceSession::snapshotChanged);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        spy.wait(int(std::max<qint64>(1, deadline.remainingTime())));
        if (condition(session.snapshot()))
            return session.snapshot();
    }
    return session.snapshot();
}

bool compared(const drift::AppWorkspaceDrift *app)
{
    return app && !app->drift.resources.isEmpty()
        && std::none_of(app->drift.resources.cbegin(), app->drift.resources.cend(),
                        [](const drift::ResourceDrift &r) {
                            return r.status == drift::SyncStatus::Unknown;
                        });
}

// An Application as Argo CD's ApplicationSet controller writes it for one generator element.
QJsonObject generatedApplication(const QString &name, const QString &repoUrl, const QString &path,
                                 const QString &ns, const QString &setUid,
                                 const QJsonObject &kustomize = {})
{
    QJsonObject application = object(QStringLiteral(R"({"apiVersion":"argoproj.io/v1alpha1",
        "kind":"Application","metadata":{"name":"%1","namespace":"argocd",
        "labels":{"app.kubernetes.io/managed-by":"applicationset-controller"},
        "finalizers":["resources-finalizer.argocd.argoproj.io"],
        "ownerReferences":[{"apiVersion":"argoproj.io/v1alpha1","kind":"ApplicationSet",
          "name":"guestbook","uid":"%5","controller":true,"blockOwnerDeletion":true}]},
        "spec":{"project":"default","source":{"repoURL":"%2","path":"%3","targetRevision":"HEAD"},
        "destination":{"server":"https://kubernetes.default.svc","namespace":"%4"},
        "syncPolicy":{"automated":{"prune":true,"selfHeal":true},
          "syncOptions":["CreateNamespace=true"]}}})")
                                         .arg(name, repoUrl, path, ns, setUid)
                                         .toUtf8());
    if (!kustomize.isEmpty()) {
        QJsonObject spec = application.value(u"spec").toObject();
        QJsonObject source = spec.value(u"source").toObject();
        source.insert(u"kustomize"_s, kustomize);
        spec.insert(u"source"_s, source);
        application.insert(u"spec"_s, spec);
    }
    return application;
}

} // namespace

void tst_ClusterApps::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(u"kubeconfig"_s);
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));
    QVERIFY(applied(openCrd(u"argoproj.io"_s, u"Application"_s, u"applications"_s)));
    QVERIFY(applied(openCrd(u"argoproj.io"_s, u"ApplicationSet"_s, u"applicationsets"_s)));
    for (const char *name :
         {"argocd", "guestbook-dev", "guestbook-prod", "web-canary", "web", "shop", "billing"}) {
        const bool applied1 = applied(object(QByteArray(R"({"apiVersion":"v1","kind":"Namespace",
            "metadata":{"name":")") + name + R"("}})"));
        QVERIFY(applied1);
    }
    // The ApplicationSet that owns the generated Applications (the CRD registers its kind).
    const QJsonObject set = object(R"({"apiVersion":"argoproj.io/v1alpha1",
        "kind":"ApplicationSet","metadata":{"name":"guestbook","namespace":"argocd"},
        "spec":{"generators":[{"list":{"elements":[{"env":"dev"},{"env":"prod"}]}}],
        "template":{"metadata":{"name":"guestbook-{{env}}"},"spec":{"project":"default",
        "source":{"repoURL":"https://git.example.com/platform/guestbook","path":"guestbook"},
        "destination":{"server":"https://kubernetes.default.svc",
        "namespace":"guestbook-{{env}}"}}}}})");
    QTRY_VERIFY_WITH_TIMEOUT(applied(set), 5000);
    const auto stored = m_server.apply(set, u"seed"_s);
    QVERIFY(std::holds_alternative<QJsonObject>(stored));
    m_setUid = std::get<QJsonObject>(stored).value(u"metadata")[u"uid"].toString();
    QVERIFY(!m_setUid.isEmpty());
}

// The acceptance of issue 20: Applications only the cluster holds (the repository has no
// Application at all), each listed under its own name with its objects compared in its
// destination namespace: Missing there, Synced once applied there. The repository's URL is
// spelled three ways; an Application of another repository is not one of its apps.
void tst_ClusterApps::applicationSetAppsAreComparedInTheirNamespaces()
{
    const QString repository = m_dir.filePath(u"guestbook"_s);
    {
        test::GitBuilder git(repository);
        git.commit(u"main"_s,
                   {{u"guestbook/ui.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ui}\n"
                     "data: {color: blue}\n"}},
                   u"guestbook"_s);
        git.addRemote(u"origin"_s, u"git@git.example.com:platform/guestbook.git"_s);
        git.checkout(u"main"_s);
    }
    QVERIFY(applied(generatedApplication(u"guestbook-dev"_s,
                                         u"https://git.example.com/platform/guestbook"_s,
                                         u"guestbook"_s, u"guestbook-dev"_s, m_setUid)));
    QVERIFY(applied(generatedApplication(u"guestbook-prod"_s,
                                         u"ssh://git@GIT.example.com/platform/guestbook.git/"_s,
                                         u"./guestbook/"_s, u"guestbook-prod"_s, m_setUid)));
    QVERIFY(applied(generatedApplication(u"guestbook-fork"_s,
                                         u"https://git.example.com/platform/guestbook-fork"_s,
                                         u"guestbook"_s, u"guestbook-dev"_s, m_setUid)));

    WorkspaceSession session;
    open(session, repository);
    const drift::WorkspaceDrift missing =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            return compared(appOf(s, u"guestbook-dev"_s))
                && compared(appOf(s, u"guestbook-prod"_s));
        });
    QCOMPARE(namesOf(missing), (QStringList{u"guestbook-dev"_s, u"guestbook-prod"_s}));
    for (const QString &name : {u"guestbook-dev"_s, u"guestbook-prod"_s}) {
        const drift::ResourceDrift *ui = resourceOf(appOf(missing, name), u"ConfigMap"_s, u"ui"_s);
        QVERIFY2(ui, qPrintable(describe(missing)));
        QCOMPARE(ui->id.namespaceName, name);
        QCOMPARE(ui->status, drift::SyncStatus::Missing);
    }

    // Argo CD syncs dev: its object lands in dev's namespace, with its tracking annotation.
    const bool applied2 =
        applied(object(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ui",
        "namespace":"guestbook-dev","annotations":{"argocd.argoproj.io/tracking-id":
        "guestbook-dev:/ConfigMap:guestbook-dev/ui"}},"data":{"color":"blue"}})"),
                u"argocd-controller"_s);
    QVERIFY(applied2);
    const drift::WorkspaceDrift synced =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            const drift::AppWorkspaceDrift *dev = appOf(s, u"guestbook-dev"_s);
            return dev && dev->drift.status == drift::SyncStatus::Synced;
        });
    QVERIFY2(appOf(synced, u"guestbook-dev"_s)->drift.status == drift::SyncStatus::Synced,
             qPrintable(describe(synced)));
    QCOMPARE(resourceOf(appOf(synced, u"guestbook-prod"_s), u"ConfigMap"_s, u"ui"_s)->status,
             drift::SyncStatus::Missing);
}

// spec.source.kustomize as Argo CD applies it: `kustomize edit set nameprefix` replaces the
// kustomization's own prefix (base- goes), the image tag, the namespace and the replicas are
// set, labels and annotations are added (labels to selectors too), the inline patch is
// appended; a label the kustomization sets already is refused without forceCommonLabels.
void tst_ClusterApps::kustomizeOverridesRenderAsArgoCdRendersThem()
{
    const QString repository = m_dir.filePath(u"web"_s);
    {
        test::GitBuilder git(repository);
        git.commit(u"main"_s,
                   {{u"envs/base/kustomization.yaml"_s,
                     "resources: [web.yaml]\nnamePrefix: base-\ncommonLabels: {team: web}\n"
                     "images: [{name: nginx, newTag: \"1.25\"}]\n"},
                    {u"envs/base/web.yaml"_s, R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.25"}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
)"}},
                   u"web"_s);
        git.addRemote(u"origin"_s, u"https://git.example.com/platform/web.git"_s);
        git.checkout(u"main"_s);
    }
    const QJsonObject overrides = object(R"({"namePrefix":"canary-","nameSuffix":"-v2",
        "images":["nginx:1.27"],"commonLabels":{"track":"canary"},
        "commonAnnotations":{"owner":"team-web"},"namespace":"web-canary",
        "replicas":[{"name":"web","count":"3"}],
        "patches":[{"target":{"kind":"Deployment","name":"web"},
          "patch":"- op: add\n  path: /spec/template/spec/containers/0/env\n  value: [{name: MODE, value: canary}]"}]})");
    QVERIFY(applied(generatedApplication(u"web-canary"_s, u"https://git.example.com/platform/web"_s,
                                         u"envs/base"_s, u"web"_s, m_setUid, overrides)));
    QJsonObject conflicting = overrides;
    conflicting.insert(u"commonLabels"_s, object(R"({"team":"payments"})"));
    conflicting.remove(u"namespace"_s);
    QVERIFY(
        applied(generatedApplication(u"web-payments"_s, u"https://git.example.com/platform/web"_s,
                                     u"envs/base"_s, u"web"_s, m_setUid, conflicting)));

    WorkspaceSession session;
    open(session, repository);
    const drift::WorkspaceDrift snapshot =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            return compared(appOf(s, u"web-canary"_s)) && appOf(s, u"web-payments"_s);
        });
    const drift::AppWorkspaceDrift *canary = appOf(snapshot, u"web-canary"_s);
    QVERIFY2(canary && canary->error.isEmpty(), qPrintable(describe(snapshot)));
    const drift::ResourceDrift *web = resourceOf(canary, u"Deployment"_s, u"canary-web-v2"_s);
    QVERIFY2(web, qPrintable(describe(snapshot)));
    QVERIFY(resourceOf(canary, u"Service"_s, u"canary-web-v2"_s));
    QCOMPARE(web->id.namespaceName, u"web-canary"_s);
    const QJsonObject desired = web->desired;
    const QJsonObject metadata = desired.value(u"metadata").toObject();
    const QJsonObject labels = object(R"({"team":"web","track":"canary"})");
    QCOMPARE(metadata.value(u"labels").toObject(), labels);
    QCOMPARE(metadata.value(u"annotations")[u"owner"].toString(), u"team-web"_s);
    const QJsonObject spec = desired.value(u"spec").toObject();
    QCOMPARE(spec.value(u"replicas").toInt(), 3);
    QCOMPARE(spec.value(u"selector")[u"matchLabels"][u"track"].toString(), u"canary"_s);
    const QJsonObject container =
        spec.value(u"template")[u"spec"][u"containers"].toArray().first().toObject();
    QCOMPARE(container.value(u"image").toString(), u"nginx:1.27"_s);
    QCOMPARE(container.value(u"env").toArray().first()[u"value"].toString(), u"canary"_s);

    const drift::AppWorkspaceDrift *payments = appOf(snapshot, u"web-payments"_s);
    QVERIFY2(payments->error.contains(u"forceCommonLabels"), qPrintable(payments->error));
    QCOMPARE(payments->drift.status, drift::SyncStatus::Unknown);
}

// spec.sources[]: a Helm chart from a chart repository whose values come from this
// repository (a `ref` source), and this repository's manifests. One app, named by its
// Application: the git source rendered, the chart named as not rendered here.
void tst_ClusterApps::multiSourceApplication()
{
    const QString repository = m_dir.filePath(u"stack"_s);
    {
        test::GitBuilder git(repository);
        git.commit(u"main"_s,
                   {{u"apps/web/web.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: b}\n"},
                    {u"values/redis.yaml"_s, "architecture: standalone\n"}},
                   u"stack"_s);
        git.addRemote(u"origin"_s, u"https://git.example.com/platform/stack"_s);
        git.checkout(u"main"_s);
    }
    const bool applied3 =
        applied(object(R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
        "metadata":{"name":"stack","namespace":"argocd"},
        "spec":{"project":"default","sources":[
          {"repoURL":"https://charts.example.com/stable","chart":"redis","targetRevision":"19.0.1",
           "helm":{"valueFiles":["$values/values/redis.yaml"]}},
          {"repoURL":"git@git.example.com:platform/stack.git","targetRevision":"main","ref":"values"},
          {"repoURL":"https://git.example.com/platform/stack.git","targetRevision":"main",
           "path":"apps/web"}],
        "destination":{"server":"https://kubernetes.default.svc","namespace":"web"}}})"));
    QVERIFY(applied3);

    WorkspaceSession session;
    open(session, repository);
    const drift::WorkspaceDrift snapshot = waitForSnapshot(
        session, [](const drift::WorkspaceDrift &s) { return compared(appOf(s, u"stack"_s)); });
    QCOMPARE(namesOf(snapshot), QStringList{u"stack"_s});
    const drift::AppWorkspaceDrift *stack = appOf(snapshot, u"stack"_s);
    const drift::ResourceDrift *web = resourceOf(stack, u"ConfigMap"_s, u"web"_s);
    QVERIFY2(web, qPrintable(describe(snapshot)));
    QCOMPARE(web->id.namespaceName, u"web"_s);
    QCOMPARE(web->status, drift::SyncStatus::Missing);
    const QString notes = stack->noteLines().join(u'\n');
    QVERIFY2(notes.contains(u"Helm chart redis 19.0.1 from https://charts.example.com/stable is "
                            u"not rendered here"),
             qPrintable(notes));
    QVERIFY2(!notes.contains(u"without a path"), qPrintable(notes)); // the ref source
}

// App-of-apps: a root Application only the cluster holds deploys the folder of child
// Applications git holds. The children are apps of their own, listed after their parent
// with it named; the root's objects are the Applications, Synced once Argo CD applied them.
// `status` says the same: "parent" in -o json, the child's row indented under its parent's.
void tst_ClusterApps::appOfApps()
{
    const QString repository = m_dir.filePath(u"fleet"_s);
    const auto child = [](const char *name) {
        return QByteArray(R"(apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: NAME, namespace: argocd}
spec:
  project: default
  source: {repoURL: "https://git.example.com/platform/fleet", path: apps/NAME}
  destination: {server: "https://kubernetes.default.svc", namespace: NAME}
)")
            .replace("NAME", name);
    };
    {
        test::GitBuilder git(repository);
        git.commit(
            u"main"_s,
            {{u"argocd/shop.yaml"_s, child("shop")},
             {u"argocd/billing.yaml"_s, child("billing")},
             {u"apps/shop/cm.yaml"_s, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shop}\n"},
             {u"apps/billing/cm.yaml"_s,
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: billing}\n"}},
            u"fleet"_s);
        git.addRemote(u"origin"_s, u"https://git.example.com/platform/fleet.git"_s);
        git.checkout(u"main"_s);
    }
    const bool applied4 =
        applied(object(R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
        "metadata":{"name":"root","namespace":"argocd"},
        "spec":{"project":"default","source":{"repoURL":"https://git.example.com/platform/fleet",
        "path":"argocd"},"destination":{"server":"https://kubernetes.default.svc",
        "namespace":"argocd"}}})"));
    QVERIFY(applied4);
    // The root synced: the children's Applications are in the cluster, as git has them.
    for (const char *name : {"shop", "billing"}) {
        QJsonObject application = object(QStringLiteral(R"({"apiVersion":"argoproj.io/v1alpha1",
            "kind":"Application","metadata":{"name":"%1","namespace":"argocd",
            "annotations":{"argocd.argoproj.io/tracking-id":
              "root:argoproj.io/Application:argocd/%1"}},
            "spec":{"project":"default","source":{"repoURL":"https://git.example.com/platform/fleet",
            "path":"apps/%1"},"destination":{"server":"https://kubernetes.default.svc",
            "namespace":"%1"}}})")
                                             .arg(QLatin1String(name))
                                             .toUtf8());
        QVERIFY(applied(application, u"argocd-controller"_s));
    }

    WorkspaceSession session;
    open(session, repository);
    const drift::WorkspaceDrift snapshot =
        waitForSnapshot(session, [](const drift::WorkspaceDrift &s) {
            return compared(appOf(s, u"root"_s)) && compared(appOf(s, u"shop"_s))
                && compared(appOf(s, u"billing"_s));
        });
    QCOMPARE(namesOf(snapshot).first(), u"root"_s);
    QCOMPARE(snapshot.apps.size(), 3);
    const drift::AppWorkspaceDrift *root = appOf(snapshot, u"root"_s);
    QVERIFY(root->parent.isEmpty());
    QCOMPARE(appOf(snapshot, u"shop"_s)->parent, u"root"_s);
    QCOMPARE(appOf(snapshot, u"billing"_s)->parent, u"root"_s);
    QCOMPARE(root->drift.resources.size(), 2);
    QVERIFY2(root->drift.status == drift::SyncStatus::Synced, qPrintable(describe(snapshot)));
    QCOMPARE(resourceOf(appOf(snapshot, u"shop"_s), u"ConfigMap"_s, u"shop"_s)->status,
             drift::SyncStatus::Missing);
}

QTEST_GUILESS_MAIN(tst_ClusterApps)
#include "tst_clusterapps.moc"
