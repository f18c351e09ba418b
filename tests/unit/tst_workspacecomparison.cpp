// compareWorkspace(): the verdict of every app of a workspace from values alone — desired
// state, live objects, and what the session knows about the cluster — as the window and the
// CLI both get it.
#include "drift/comparison.h"
#include "manifest/manifestparser.h"
#include "workspace/workspacecomparison.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Settings = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, "
                            "namespace: shop}\ndata: {mode: blue}\n";

// A live object as the server holds it: what git applied, plus the server's own fields.
QByteArray served(const QByteArray &manifest, const QByteArray &metadata = {})
{
    QByteArray object = manifest;
    const QByteArray server = "metadata: {uid: 0d7c2f2e, resourceVersion: '7', " + metadata;
    object.replace("metadata: {", server);
    return object;
}

QHash<manifest::ResourceId, QJsonObject> liveObjects(const QByteArray &yaml)
{
    QHash<manifest::ResourceId, QJsonObject> objects;
    for (const manifest::Resource &resource :
         manifest::parseManifests(yaml, u"live.yaml"_s).resources)
        objects.insert(drift::identityOf(resource.object), resource.object);
    return objects;
}

enum class Cluster { Listed, Unreachable, RefusedConfigMaps, ExactAnswer };

} // namespace

Q_DECLARE_METATYPE(Cluster)

class tst_WorkspaceComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdicts_data();
    void verdicts();
    void unreadableRevision();
    void unknownKeepsGitsSide();
    void carriesCommitSourcesAndWriters();
};

void tst_WorkspaceComparison::verdicts_data()
{
    QTest::addColumn<QByteArray>("desired");
    QTest::addColumn<QString>("appError");
    QTest::addColumn<QString>("trackingLabel");
    QTest::addColumn<QString>("destinationContext");
    QTest::addColumn<QByteArray>("liveYaml");
    QTest::addColumn<Cluster>("cluster");
    QTest::addColumn<QString>("appStatus");
    // "Kind/name Status", then ": reason" for Unknown ones, sorted.
    QTest::addColumn<QStringList>("resources");

    const QByteArray stray = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: stray, "
                             "namespace: shop, labels: {part-of: shop}}\n";
    const QByteArray owned = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lock, "
                             "namespace: shop, labels: {part-of: shop}, ownerReferences: "
                             "[{apiVersion: apps/v1, kind: Deployment, name: web, uid: x}]}\n";
    QTest::newRow("synced") << Settings << QString() << QString() << QString() << served(Settings)
                            << Cluster::Listed << u"Synced"_s
                            << QStringList{u"ConfigMap/settings Synced"_s};
    QTest::newRow("missing") << Settings << QString() << QString() << QString() << QByteArray()
                             << Cluster::Listed << u"OutOfSync"_s
                             << QStringList{u"ConfigMap/settings Missing"_s};
    QTest::newRow("changed value")
        << Settings << QString() << QString() << QString()
        << served(QByteArray(Settings).replace("blue", "green")) << Cluster::Listed
        << u"OutOfSync"_s << QStringList{u"ConfigMap/settings OutOfSync"_s};
    QTest::newRow("a tracked extra, and an owned object that is not one")
        << Settings << QString() << u"part-of=shop"_s << QString()
        << served(Settings) + "---\n" + stray + "---\n" + owned << Cluster::Listed << u"OutOfSync"_s
        << QStringList{u"ConfigMap/settings Synced"_s, u"ServiceAccount/stray Extraneous"_s};
    QTest::newRow("no cluster: unknown, with the reason")
        << Settings << QString() << QString() << QString() << QByteArray() << Cluster::Unreachable
        << u"Unknown"_s
        << QStringList{u"ConfigMap/settings Unknown: context admin (https://x): refused"_s};
    QTest::newRow("a list the server refused is unknown, not missing")
        << Settings << QString() << QString() << QString() << QByteArray()
        << Cluster::RefusedConfigMaps << u"Unknown"_s
        << QStringList{u"ConfigMap/settings Unknown: Forbidden (403): cannot list configmaps"_s};
    QTest::newRow("an app that could not be rendered has no verdict")
        << QByteArray() << u"apps/chart is a Helm chart"_s << QString() << QString() << QByteArray()
        << Cluster::Listed << u"Unknown"_s << QStringList();
    QTest::newRow("an app of another context")
        << Settings << QString() << QString() << u"prod-eu"_s << served(Settings) << Cluster::Listed
        << u"Unknown"_s
        << QStringList{u"ConfigMap/settings Unknown: This app runs in context prod-eu "
                       "(gitops-console.yaml); choose that context to compare it"_s};
    QTest::newRow("exact mode: a field the dry run says a sync would remove")
        << Settings << QString() << QString() << QString()
        << served(Settings).replace("data: {", "data: {extra: x, ") << Cluster::ExactAnswer
        << u"OutOfSync"_s << QStringList{u"ConfigMap/settings OutOfSync"_s};
}

void tst_WorkspaceComparison::verdicts()
{
    QFETCH(const QByteArray, desired);
    QFETCH(const QString, appError);
    QFETCH(const QString, trackingLabel);
    QFETCH(const QString, destinationContext);
    QFETCH(const QByteArray, liveYaml);
    QFETCH(const Cluster, cluster);
    QFETCH(const QString, appStatus);
    QFETCH(const QStringList, resources);

    AppDesiredState app;
    app.app.name = u"shop"_s;
    app.app.source = App::Source::WorkspaceFile;
    app.app.destinationContext = destinationContext;
    if (!trackingLabel.isEmpty()) {
        app.app.tracking = App::Tracking::Label;
        app.app.trackingLabel = trackingLabel;
    }
    app.error = appError;
    app.resources = manifest::parseManifests(desired, u"shop.yaml"_s).resources;
    DesiredState state;
    state.apps << app;

    WorkspaceComparison how;
    how.context = u"admin"_s;
    const auto live = liveObjects(liveYaml);
    switch (cluster) {
    case Cluster::Listed:
        break;
    case Cluster::Unreachable:
        how.unknownReason = u"context admin (https://x): refused"_s;
        break;
    case Cluster::RefusedConfigMaps:
        how.refusedLists.insert(refusedListKey(QString(), u"ConfigMap"_s, u"shop"_s),
                                u"Forbidden (403): cannot list configmaps"_s);
        break;
    case Cluster::ExactAnswer: {
        // The dry run of git's manifest: what the server would hold after a sync.
        ExactResults exact;
        const manifest::ResourceId id = app.resources.first().id;
        exact.wouldBe.insert(id, liveObjects(served(Settings)).value(id));
        how.exact.insert(u"shop"_s, exact);
        break;
    }
    }

    const drift::WorkspaceDrift snapshot = compareWorkspace(state, live, how);
    QCOMPARE(snapshot.context, u"admin"_s);
    QCOMPARE(snapshot.apps.size(), 1);
    const drift::AppWorkspaceDrift &shop = snapshot.apps.first();
    QCOMPARE(drift::syncStatusName(shop.drift.status), appStatus);
    if (!appError.isEmpty())
        QCOMPARE(shop.drift.health.status, drift::Health::Status::Unknown);
    QStringList found;
    for (const drift::ResourceDrift &resource : shop.drift.resources) {
        found << resource.id.kind + u'/' + resource.id.name + u' '
                + drift::syncStatusName(resource.status)
                + (resource.status == drift::SyncStatus::Unknown ? u": "_s + resource.reason
                                                                 : QString());
    }
    found.sort();
    QCOMPARE(found, resources);
    QCOMPARE(shop.exact, cluster == Cluster::ExactAnswer);
}

void tst_WorkspaceComparison::unreadableRevision()
{
    DesiredState state;
    state.error = u"revision 'nope' not found"_s;
    const drift::WorkspaceDrift snapshot = compareWorkspace(state, {}, {});
    QCOMPARE(snapshot.error, state.error);
    QVERIFY(snapshot.apps.isEmpty());
}

// A resource that could not be read still shows what git holds, Secret values masked.
void tst_WorkspaceComparison::unknownKeepsGitsSide()
{
    AppDesiredState app;
    app.app.name = u"shop"_s;
    app.resources = manifest::parseManifests(Settings
                                                 + "---\napiVersion: v1\nkind: Secret\n"
                                                   "metadata: {name: db, namespace: shop}\n"
                                                   "stringData: {password: hunter2}\n",
                                             u"shop.yaml"_s)
                        .resources;
    DesiredState state;
    state.apps << app;
    WorkspaceComparison how;
    how.unknownReason = u"Listing the cluster…"_s;
    const drift::WorkspaceDrift snapshot = compareWorkspace(state, {}, how);
    QCOMPARE(snapshot.apps.first().drift.resources.size(), 2);
    for (const drift::ResourceDrift &resource : snapshot.apps.first().drift.resources) {
        QCOMPARE(resource.status, drift::SyncStatus::Unknown);
        QVERIFY(!resource.desired.isEmpty());
        QVERIFY(!resource.desiredLines.isEmpty());
        const QByteArray shown = QJsonDocument(resource.desired).toJson();
        QVERIFY2(!shown.contains("hunter2") && !shown.contains("aHVudGVyMg"), shown.constData());
        if (resource.id.kind == u"ConfigMap")
            QVERIFY(shown.contains("blue"));
    }
}

// What the window and the CLI show beside the verdicts: the whole commit id (printers
// shorten it), where git defines each resource as a value, the newest write to each live
// object with its manager, operation, subresource and time.
void tst_WorkspaceComparison::carriesCommitSourcesAndWriters()
{
    const QString commit = u"3bbb065b9a1c4e2f8d7e6a5b4c3d2e1f0a9b8c7d"_s;
    AppDesiredState app;
    app.app.name = u"shop"_s;
    app.app.tracking = App::Tracking::Label;
    app.app.trackingLabel = u"app=shop"_s;
    app.resources = manifest::parseManifests(Settings
                                                 + "---\napiVersion: v1\nkind: ConfigMap\n"
                                                   "metadata: {name: limits, namespace: shop}\n"
                                                   "data:\n  cpu: 500m\n  memory: 1Gi\n",
                                             u"apps/shop/config.yaml"_s)
                        .resources;
    QCOMPARE(app.resources.size(), 2);
    for (manifest::Resource &resource : app.resources)
        resource.blobId = u"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"_s;
    DesiredState state;
    state.revision.spec = u"main"_s;
    state.revision.commitId = commit;
    state.apps << app;
    QHash<manifest::ResourceId, QJsonObject> live = liveObjects(served(Settings));
    const manifest::ResourceId settings = app.resources.at(0).id;
    QJsonObject object = live.value(settings);
    QJsonObject metadata = object.value(u"metadata").toObject();
    metadata.insert(u"managedFields"_s,
                    QJsonDocument::fromJson(R"([
        {"manager":"argocd-controller","operation":"Apply","time":"2026-11-29T07:30:00Z"},
        {"manager":"kubectl-edit","operation":"Update","subresource":"status",
         "time":"2026-11-30T09:15:00Z"},
        {"manager":"kube-controller-manager","operation":"Update"}])")
                        .array());
    object.insert(u"metadata"_s, metadata);
    live.insert(settings, object);
    WorkspaceComparison how;
    how.context = u"admin"_s;

    const drift::WorkspaceDrift snapshot = compareWorkspace(state, live, how);
    QCOMPARE(snapshot.revision, commit);
    QCOMPARE(drift::WorkspaceDrift::shortRevision(snapshot.revision), u"3bbb065b"_s);
    const drift::AppWorkspaceDrift &shop = snapshot.apps.first();
    const drift::SourceLocation first = shop.sources.value(settings);
    QCOMPARE(first.path, u"apps/shop/config.yaml"_s);
    QCOMPARE(first.blobId, u"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"_s);
    QCOMPARE(first.firstLine, 1);
    QCOMPARE(first.lastLine, 4);
    QCOMPARE(first.toString(), u"apps/shop/config.yaml:1"_s);
    const drift::SourceLocation second = shop.sources.value(app.resources.at(1).id);
    QCOMPARE(second.firstLine, 6);
    QCOMPARE(second.lastLine, 11);
    const drift::FieldWriter writer = shop.lastChanges.value(settings);
    QCOMPARE(writer.manager, u"kubectl-edit"_s);
    QCOMPARE(writer.operation, u"Update"_s);
    QCOMPARE(writer.subresource, u"status"_s);
    QCOMPARE(writer.time, QDateTime(QDate(2026, 11, 30), QTime(9, 15), QTimeZone::UTC));

    // The working copy has no commit of its own to name: its spec, as it is.
    state.revision.workingCopy = true;
    state.revision.spec = git::Revision::workingCopySpec();
    const QString working = compareWorkspace(state, live, how).revision;
    QCOMPARE(working, u"WORKING"_s);
    QCOMPARE(drift::WorkspaceDrift::shortRevision(working), u"WORKING"_s);
}

QTEST_GUILESS_MAIN(tst_WorkspaceComparison)
#include "tst_workspacecomparison.moc"
