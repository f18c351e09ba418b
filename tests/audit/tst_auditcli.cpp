// `gitops-console audit`, run as a user runs it: the real executable against the local
// Kubernetes API server (with its simulated controllers and its audit log) over a real git
// repository with two Argo CD apps. The direct writes are made by the real kubectl (edit,
// scale, patch), the controller's sync by a server-side apply as argocd-controller and an
// Application whose status.history records it.
#include "gitbuilder.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using gitops::test::CommandResult;

class tst_AuditCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsEveryPathOnce();
    void staysWithinTheApp();
    void neverShowsASecret();
    void errors();

private:
    CommandResult kubectl(const QStringList &arguments, const QStringList &environment = {});
    CommandResult audit(const QStringList &arguments);
    QJsonObject auditJson(const QStringList &arguments);

    QTemporaryDir m_dir;
    gitops::test::KubeEmulatorProcess m_server;
    QString m_repository;
    QString m_auditLog;
    QString m_webCommit;
    QString m_firstCommit;
    QString m_dbCommit;
    QJsonObject m_web; // the JSON answer for app web
};

namespace {

// The Secret's values, in git and as written live: they must never show.
const QByteArray gitSecret = "s3cr3t-from-git";
const QByteArray liveSecret = "hunter2-typed-live";

QByteArray deployment(const char *image)
{
    return QByteArray(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: ")")
        + image + "\"}]}\n";
}

QByteArray secret()
{
    return "apiVersion: v1\nkind: Secret\nmetadata: {name: web-db, namespace: shop}\n"
           "type: Opaque\ndata: {password: "
        + gitSecret.toBase64() + "}\n";
}

QByteArray application(const char *name, const char *path, const char *ns)
{
    return QByteArray("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ")
        + name
        + ", namespace: argocd}\nspec:\n  project: default\n  source: {repoURL: "
          "'https://github.com/example/fleet.git', path: "
        + path
        + ", targetRevision: HEAD}\n  destination: {server: 'https://kubernetes.default.svc', "
          "namespace: "
        + ns + "}\n";
}

const QByteArray applicationCrd = R"({"apiVersion":"apiextensions.k8s.io/v1",
    "kind":"CustomResourceDefinition","metadata":{"name":"applications.argoproj.io"},
    "spec":{"group":"argoproj.io","scope":"Namespaced","names":{"kind":"Application",
    "listKind":"ApplicationList","plural":"applications","singular":"application"},
    "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":
    {"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}})";

} // namespace

CommandResult tst_AuditCli::kubectl(const QStringList &arguments, const QStringList &environment)
{
    return gitops::test::runCommand(
        u"kubectl"_s,
        QStringList{u"--kubeconfig"_s, m_server.kubeconfig(), u"--request-timeout=20s"_s}
            + arguments,
        {}, QStringList{u"KUBECACHEDIR="_s + m_server.folder() + u"/cache"_s} + environment);
}

CommandResult tst_AuditCli::audit(const QStringList &arguments)
{
    return gitops::test::runCommand(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                                    QStringList{u"audit"_s, u"--repo"_s, m_repository,
                                                u"--context"_s, u"admin"_s, u"--timeout"_s, u"60"_s}
                                        + arguments,
                                    {},
                                    {u"KUBECONFIG="_s + m_server.kubeconfig(),
                                     u"HOME="_s + m_dir.path(), u"GITHUB_TOKEN="_s, u"GH_TOKEN="_s},
                                    90000);
}

QJsonObject tst_AuditCli::auditJson(const QStringList &arguments)
{
    const CommandResult result = audit(arguments + QStringList{u"-o"_s, u"json"_s});
    if (result.exitCode != 0)
        qWarning("audit failed (%d): %s", result.exitCode, qPrintable(result.err));
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

void tst_AuditCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_auditLog = m_dir.filePath(u"audit.log"_s);
    QString error;
    QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR),
                            {u"--controllers"_s, u"--audit-log"_s, m_auditLog}, &error),
             qPrintable(error));

    // Two Argo CD apps in one repository; web has two commits (the second by another author
    // than its committer), db one.
    m_repository = m_dir.filePath(u"fleet"_s);
    {
        gitops::test::GitBuilder git(m_repository);
        m_firstCommit = git.commit(u"main"_s,
                                   {{u"argocd/web.yaml"_s, application("web", "apps/web", "shop")},
                                    {u"argocd/db.yaml"_s, application("db", "apps/db", "data")},
                                    {u"apps/web/deployment.yaml"_s, deployment("nginx:1.26")},
                                    {u"apps/web/secret.yaml"_s, secret()},
                                    {u"apps/web/cache.yaml"_s,
                                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cache, "
                                     "namespace: shop}\ndata: {ttl: '60'}\n"},
                                    {u"apps/db/settings.yaml"_s,
                                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, "
                                     "namespace: data}\ndata: {size: small}\n"}},
                                   u"web and db"_s);
        git.addRemote(u"origin"_s, u"https://github.com/example/fleet.git"_s);
        git.checkout(u"main"_s);
    }
    QFile file(m_repository + u"/apps/web/deployment.yaml"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(deployment("nginx:1.27"));
    file.close();
    gitops::test::runGit(m_repository,
                         {u"commit"_s, u"-q"_s, u"-a"_s, u"-m"_s, u"web: nginx 1.27"_s,
                          u"--author=Ada Lovelace "
                          u"<ada@example.invalid>"_s});
    m_webCommit = gitops::test::runGit(m_repository, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    QFile db(m_repository + u"/apps/db/settings.yaml"_s);
    QVERIFY(db.open(QIODevice::WriteOnly));
    db.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: data}\n"
             "data: {size: large}\n");
    db.close();
    gitops::test::runGit(m_repository,
                         {u"commit"_s, u"-q"_s, u"-a"_s, u"-m"_s, u"db: a larger size"_s});
    m_dbCommit = gitops::test::runGit(m_repository, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    QVERIFY(!m_webCommit.isEmpty() && !m_dbCommit.isEmpty());

    // The controller's sync: its CRD and namespaces, then both apps applied as
    // argocd-controller, and the Applications with the status.history Argo CD writes.
    const QString manifests = m_dir.filePath(u"cluster"_s);
    QVERIFY(QDir().mkpath(manifests));
    const auto writeFile = [&](const QString &name, const QByteArray &bytes) {
        QFile out(manifests + u'/' + name);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    };
    writeFile(u"crd.json"_s, applicationCrd);
    writeFile(u"namespaces.yaml"_s,
              "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n"
              "apiVersion: v1\nkind: Namespace\nmetadata: {name: data}\n---\n"
              "apiVersion: v1\nkind: Namespace\nmetadata: {name: argocd}\n");
    const auto apply = [&](const QString &name, const QString &manager) {
        const CommandResult applied =
            kubectl({u"apply"_s, u"--server-side"_s, u"--validate=false"_s, u"--force-conflicts"_s,
                     u"--field-manager="_s + manager, u"-f"_s, manifests + u'/' + name});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    };
    apply(u"crd.json"_s, u"admin-setup"_s);
    apply(u"namespaces.yaml"_s, u"admin-setup"_s);
    QDir().mkpath(manifests + u"/web"_s);
    QDir().mkpath(manifests + u"/db"_s);
    QFile::copy(m_repository + u"/apps/web/deployment.yaml"_s,
                manifests + u"/web/deployment.yaml"_s);
    QFile::copy(m_repository + u"/apps/web/secret.yaml"_s, manifests + u"/web/secret.yaml"_s);
    QFile::copy(m_repository + u"/apps/web/cache.yaml"_s, manifests + u"/web/cache.yaml"_s);
    QFile::copy(m_repository + u"/apps/db/settings.yaml"_s, manifests + u"/db/settings.yaml"_s);
    apply(u"web"_s, u"argocd-controller"_s);
    apply(u"db"_s, u"argocd-controller"_s);
    const QString deployedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const auto withHistory = [&](const char *name, const char *path, const char *ns,
                                 const QString &revision) {
        return application(name, path, ns)
            + QStringLiteral("status:\n  history:\n  - {id: 1, revision: %1, deployedAt: '%2', "
                             "initiatedBy: {automated: true}}\n")
                  .arg(revision, deployedAt)
                  .toUtf8();
    };
    writeFile(u"applications.yaml"_s,
              withHistory("web", "apps/web", "shop", m_webCommit) + "---\n"
                  + withHistory("db", "apps/db", "data", m_dbCommit));
    // The CRD's kind registers a moment after the CRD.
    QTRY_VERIFY_WITH_TIMEOUT(kubectl({u"apply"_s, u"--server-side"_s, u"--validate=false"_s,
                                      u"--field-manager=argocd-application-controller"_s, u"-f"_s,
                                      manifests + u"/applications.yaml"_s})
                                     .exitCode
                                 == 0,
                             10000);
    // The simulated deployment controller scales the new ReplicaSet up: its Event.
    QTRY_VERIFY_WITH_TIMEOUT(
        kubectl({u"get"_s, u"events"_s, u"-n"_s, u"shop"_s, u"-o"_s, u"json"_s})
            .out.contains(u"ScalingReplicaSet"_s),
        10000);

    // Direct writes by three managers, a second apart (managedFields count seconds).
    QTest::qWait(1100);
    const CommandResult edited =
        kubectl({u"-n"_s, u"shop"_s, u"edit"_s, u"--validate=false"_s, u"deployment"_s, u"web"_s},
                {u"KUBE_EDITOR=sed -i s/nginx:1.27/nginx:1.28-hotfix/"_s});
    QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
    QTest::qWait(1100);
    const CommandResult scaled =
        kubectl({u"-n"_s, u"shop"_s, u"scale"_s, u"deployment"_s, u"web"_s, u"--replicas=4"_s});
    QVERIFY2(scaled.exitCode == 0, qPrintable(scaled.err));
    QTest::qWait(1100);
    const CommandResult patched =
        kubectl({u"-n"_s, u"shop"_s, u"patch"_s, u"deployment"_s, u"web"_s, u"-p"_s,
                 uR"({"metadata":{"labels":{"tier":"front"}}})"_s});
    QVERIFY2(patched.exitCode == 0, qPrintable(patched.err));
    // The Secret's value typed in by hand, and the other app's object changed.
    const CommandResult secretPatched =
        kubectl({u"-n"_s, u"shop"_s, u"patch"_s, u"secret"_s, u"web-db"_s, u"-p"_s,
                 QStringLiteral(R"({"data":{"password":"%1"}})")
                     .arg(QString::fromLatin1(liveSecret.toBase64()))});
    QVERIFY2(secretPatched.exitCode == 0, qPrintable(secretPatched.err));
    // An object of the app deleted by hand: only the audit log says who.
    const CommandResult deleted =
        kubectl({u"-n"_s, u"shop"_s, u"delete"_s, u"configmap"_s, u"cache"_s});
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.err));
    const CommandResult dbPatched =
        kubectl({u"-n"_s, u"data"_s, u"patch"_s, u"configmap"_s, u"settings"_s, u"-p"_s,
                 uR"({"data":{"size":"huge"}})"_s});
    QVERIFY2(dbPatched.exitCode == 0, qPrintable(dbPatched.err));
    QTRY_VERIFY_WITH_TIMEOUT(
        kubectl({u"get"_s, u"events"_s, u"-n"_s, u"shop"_s, u"-o"_s, u"json"_s})
            .out.contains(u"from 2 to 4"_s),
        10000);

    // Three lines no audit backend would write, at the end of the log.
    QFile log(m_auditLog);
    QVERIFY(log.open(QIODevice::Append));
    log.write("this is not json\n");
    log.write(R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","verb":"pat)"
              "\n");
    log.write(R"({"kind":"Event","apiVersion":"audit.k8s.io/v1"})"
              "\n");
    log.close();

    m_web = auditJson({u"--app"_s, u"web"_s, u"--audit-log"_s, m_auditLog});
    QVERIFY2(!m_web.value(u"events").toArray().isEmpty(),
             QJsonDocument(m_web).toJson().constData());
}

// Each write shows exactly once, from the source that explains it, by the actor who made
// it, flagged reviewed or not.
void tst_AuditCli::listsEveryPathOnce()
{
    const QJsonArray events = m_web.value(u"events").toArray();
    QHash<QString, QList<QJsonObject>> bySource;
    QSet<QString> auditIds;
    for (const QJsonValue &value : events) {
        const QJsonObject event = value.toObject();
        bySource[event.value(u"source").toString()] << event;
        const QString auditId = event.value(u"evidence")
                                    .toObject()
                                    .value(u"auditRecord")
                                    .toObject()
                                    .value(u"auditID")
                                    .toString();
        if (!auditId.isEmpty()) {
            QVERIFY2(!auditIds.contains(auditId), qPrintable(auditId)); // one write, one row
            auditIds.insert(auditId);
        }
    }

    // The app's own commits, newest first; the db commit is not web's.
    QStringList subjects;
    for (const QJsonObject &commit : bySource.value(u"commit"_s)) {
        subjects << commit.value(u"summary").toString().section(u' ', 1);
        QCOMPARE(commit.value(u"reviewed").toString(), u"unknown"_s); // no forge token
        QVERIFY(commit.value(u"link").toString().startsWith(
            u"https://github.com/example/fleet/commit/"_s));
    }
    QCOMPARE(subjects, (QStringList{u"web: nginx 1.27"_s, u"web and db"_s}));
    const QJsonObject ada = bySource.value(u"commit"_s).first();
    QCOMPARE(ada.value(u"actor").toString(), u"Ada Lovelace <ada@example.invalid>"_s);
    QVERIFY2(ada.value(u"actorDetail")
                 .toString()
                 .contains(u"committed by Test Committer <committer@example.invalid>"_s),
             qPrintable(ada.value(u"actorDetail").toString()));
    QVERIFY(ada.value(u"actorDetail").toString().contains(u"unsigned"_s));

    // Direct writes: one per manager, each joined with its audit record (the user, to the
    // millisecond), never reviewed.
    QHash<QString, QJsonObject> direct;
    for (const QJsonObject &event : bySource.value(u"direct-write"_s)) {
        const QString manager = event.value(u"evidence")
                                    .toObject()
                                    .value(u"managedFields")
                                    .toObject()
                                    .value(u"manager")
                                    .toString();
        const QString key =
            event.value(u"resource").toObject().value(u"ref").toString() + u' ' + manager;
        QVERIFY2(!direct.contains(key), qPrintable(key));
        direct.insert(key, event);
    }
    QCOMPARE(QSet<QString>(direct.keyBegin(), direct.keyEnd()),
             (QSet<QString>{u"Deployment.apps/shop/web kubectl-edit"_s,
                            u"Deployment.apps/shop/web kubectl"_s,
                            u"Deployment.apps/shop/web kubectl-patch"_s,
                            u"Secret/shop/web-db kubectl-patch"_s}));
    for (const QJsonObject &event : std::as_const(direct)) {
        QCOMPARE(event.value(u"reviewed").toString(), u"no"_s);
        QCOMPARE(event.value(u"actor").toString(), u"admin"_s);
        QCOMPARE(event.value(u"timePrecision").toString(), u"millisecond"_s);
        QVERIFY(event.value(u"evidence").toObject().contains(u"auditRecord"));
        QVERIFY(event.value(u"actorDetail").toString().contains(u"kubectl/v"_s));
    }
    const QJsonObject scale = direct.value(u"Deployment.apps/shop/web kubectl"_s);
    QVERIFY2(scale.value(u"summary").toString().contains(u"/scale"_s),
             qPrintable(scale.value(u"summary").toString()));
    QVERIFY(direct.value(u"Deployment.apps/shop/web kubectl-edit"_s)
                .value(u"fields")
                .toArray()
                .contains(u".spec.template.spec.containers[name=\"web\"].image"_s));

    // The sync: Argo CD's history entry on the Application, and the applier's entries.
    QStringList synced;
    for (const QJsonObject &event : bySource.value(u"sync"_s))
        synced << event.value(u"resource").toObject().value(u"ref").toString() + u' '
                + event.value(u"actor").toString();
    synced.sort();
    QCOMPARE(synced,
             (QStringList{u"Application.argoproj.io/argocd/web argocd (automated)"_s,
                          u"Deployment.apps/shop/web admin"_s, u"Secret/shop/web-db admin"_s}));
    for (const QJsonObject &event : bySource.value(u"sync"_s)) {
        if (event.value(u"resource").toObject().value(u"kind").toString() == u"Application") {
            QCOMPARE(event.value(u"link").toString(),
                     u"https://github.com/example/fleet/commit/"_s + m_webCommit);
            QVERIFY(event.value(u"summary").toString().contains(m_webCommit.left(12)));
        }
    }

    // Every audit record of the app's objects is accounted for by managedFields: none left
    // on its own. The controller's own writes (status) are expected, not listed.
    // Except the object deleted by hand, which nothing in the cluster remembers: its
    // deletion (unreviewed) and the sync that had applied it (as reviewed as its commit).
    QStringList alone;
    for (const QJsonObject &event : bySource.value(u"audit-log"_s))
        alone << event.value(u"resource").toObject().value(u"ref").toString() + u' '
                + event.value(u"summary").toString() + u' ' + event.value(u"reviewed").toString();
    QCOMPARE(alone,
             (QStringList{u"ConfigMap/shop/cache delete configmaps by admin (field manager "
                          "kubectl) no"_s,
                          u"ConfigMap/shop/cache patch configmaps by admin (field manager "
                          "argocd-controller) unknown"_s}));

    // The controllers' Events, on the Deployment and on the ReplicaSet it owns.
    QSet<QString> reasons;
    for (const QJsonObject &event : bySource.value(u"event"_s)) {
        reasons.insert(event.value(u"evidence")
                           .toObject()
                           .value(u"event")
                           .toObject()
                           .value(u"reason")
                           .toString());
        QCOMPARE(event.value(u"actor").toString().endsWith(u"-controller"_s), true);
    }
    QVERIFY(reasons.contains(u"ScalingReplicaSet"_s));
    QVERIFY(reasons.contains(u"SuccessfulCreate"_s));

    // The three lines that are no audit events are counted, not fatal.
    const QJsonObject file = m_web.value(u"auditLog").toObject();
    QCOMPARE(file.value(u"malformed").toInteger(), 3);
    QVERIFY(file.value(u"kept").toInteger() >= 6);

    // Newest first.
    QDateTime previous;
    for (const QJsonValue &value : events) {
        const QDateTime time =
            QDateTime::fromString(value.toObject().value(u"time").toString(), Qt::ISODateWithMs);
        QVERIFY(time.isValid());
        if (previous.isValid())
            QVERIFY(time <= previous);
        previous = time;
    }
}

void tst_AuditCli::staysWithinTheApp()
{
    for (const QJsonValue &value : m_web.value(u"events").toArray()) {
        const QJsonObject event = value.toObject();
        QCOMPARE(event.value(u"app").toString(), u"web"_s);
        QVERIFY(event.value(u"resource").toObject().value(u"namespace").toString() != u"data");
        QVERIFY(!event.value(u"summary").toString().contains(u"db: a larger size"_s));
        QVERIFY(!event.value(u"evidence")
                     .toObject()
                     .value(u"commit")
                     .toString()
                     .startsWith(m_dbCommit));
    }
    // The db app has its own: its direct write, not web's.
    const QJsonObject db = auditJson({u"--app"_s, u"db"_s, u"--audit-log"_s, m_auditLog});
    bool dbWrite = false;
    for (const QJsonValue &value : db.value(u"events").toArray()) {
        const QJsonObject event = value.toObject();
        QCOMPARE(event.value(u"app").toString(), u"db"_s);
        QVERIFY(event.value(u"resource").toObject().value(u"namespace").toString() != u"shop");
        dbWrite = dbWrite || event.value(u"source").toString() == u"direct-write";
    }
    QVERIFY(dbWrite);

    // One resource, a time window.
    const QJsonObject secretOnly =
        auditJson({u"--app"_s, u"web"_s, u"--resource"_s, u"Secret/shop/web-db"_s, u"--since"_s,
                   QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate)});
    for (const QJsonValue &value : secretOnly.value(u"events").toArray()) {
        const QJsonValue resource = value.toObject().value(u"resource");
        QVERIFY(resource.isNull() || resource.toObject().value(u"name").toString() == u"web-db");
    }
}

// Neither the value in git nor the one typed live shows, in any output form.
void tst_AuditCli::neverShowsASecret()
{
    const QStringList forbidden{QString::fromLatin1(gitSecret), QString::fromLatin1(liveSecret),
                                QString::fromLatin1(gitSecret.toBase64()),
                                QString::fromLatin1(liveSecret.toBase64())};
    for (const char *format : {"json", "csv", "table"}) {
        const CommandResult result = audit({u"--app"_s, u"web"_s, u"--audit-log"_s, m_auditLog,
                                            u"-o"_s, QString::fromLatin1(format)});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(u"direct-write"_s));
        for (const QString &value : forbidden) {
            QVERIFY2(!result.out.contains(value), format);
            QVERIFY2(!result.err.contains(value), format);
        }
    }
    const CommandResult csv = audit({u"--app"_s, u"web"_s, u"-o"_s, u"csv"_s});
    QVERIFY(csv.out.startsWith(u"time,precision,actor,actor_kind,source,app,resource,fields,"
                               "summary,reviewed,link,actor_detail\r\n"_s));
}

void tst_AuditCli::errors()
{
    const CommandResult missing =
        audit({u"--audit-log"_s, m_dir.filePath(u"no-such.log"_s), u"-o"_s, u"json"_s});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(u"no-such.log"_s));
    QVERIFY(QJsonDocument::fromJson(missing.out.toUtf8()).object().contains(u"error"));
    const CommandResult badResource = audit({u"--resource"_s, u"web"_s});
    QCOMPARE(badResource.exitCode, 2);
    QVERIFY(badResource.err.contains(u"KIND[.GROUP]/NAMESPACE/NAME"_s));
    const CommandResult badTime = audit({u"--since"_s, u"yesterday"_s});
    QCOMPARE(badTime.exitCode, 2);
    const CommandResult noApp = audit({u"--app"_s, u"nope"_s, u"-o"_s, u"json"_s});
    QCOMPARE(noApp.exitCode, 2);
    QVERIFY2(noApp.err.contains(u"no app named nope"_s), qPrintable(noApp.err));
}

QTEST_GUILESS_MAIN(tst_AuditCli)
#include "tst_auditcli.moc"
