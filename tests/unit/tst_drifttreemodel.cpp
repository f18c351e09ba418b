#include "drift/managedfields.h"
#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace gitops;
using drift::Health;
using drift::SyncStatus;

namespace {

// A snapshot of @p apps at main, compared with the context demo.
drift::WorkspaceDrift snapshotOf(const QList<drift::AppWorkspaceDrift> &apps)
{
    drift::WorkspaceDrift snapshot;
    snapshot.apps = apps;
    snapshot.revision = QStringLiteral("main");
    snapshot.context = QStringLiteral("demo");
    return snapshot;
}

drift::ResourceDrift resource(const QString &group, const QString &kind, const QString &ns,
                              const QString &name, SyncStatus status,
                              Health::Status health = Health::Status::Healthy)
{
    drift::ResourceDrift drift;
    drift.id = {group, kind, ns, name};
    drift.status = status;
    drift.health = {health, QString()};
    drift.desired =
        QJsonObject{{QStringLiteral("metadata"),
                     QJsonObject{{QStringLiteral("labels"),
                                  QJsonObject{{QStringLiteral("team"), QStringLiteral("web")}}}}}};
    return drift;
}

drift::WorkspaceDrift snapshot(SyncStatus webStatus = SyncStatus::OutOfSync)
{
    drift::AppWorkspaceDrift shop;
    shop.name = QStringLiteral("shop");
    shop.drift = drift::AppDrift::of(
        {resource(QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("shop"),
                  QStringLiteral("web"), webStatus),
         resource(QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("shop"),
                  QStringLiteral("api"), SyncStatus::Synced, Health::Status::Degraded),
         resource(QString(), QStringLiteral("Service"), QStringLiteral("shop"),
                  QStringLiteral("web"), SyncStatus::Missing, Health::Status::Missing),
         resource(QString(), QStringLiteral("Namespace"), QString(), QStringLiteral("shop"),
                  SyncStatus::Synced)});
    drift::AppWorkspaceDrift billing;
    billing.name = QStringLiteral("billing");
    billing.error = QStringLiteral("kustomize build failed: missing resource");
    return snapshotOf({shop, billing});
}

QModelIndex find(const QAbstractItemModel &model, const QString &key)
{
    const QModelIndexList found = model.match(model.index(0, 0), DriftTreeModel::KeyRole, key, 1,
                                              Qt::MatchExactly | Qt::MatchRecursive);
    return found.value(0);
}

} // namespace

class tst_DriftTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupsAppNamespaceKindResource();
    void countsAndWorstStatusOnGroups();
    void unknownIsCountedApartFromDrift();
    void appsThatCouldNotBeReadHaveNoVerdict();
    void keepsSelectionAcrossUpdates();
    void flatListKeepsKeysAndSelection();
    void liveUpdateTellsOnlyTheRowsThatChanged();
    void lastChangeSortsByTime();
    void syncSortsUnknownBelowDrift();
    void servesSourceAndExactMarks();
    void servesTheControllersVerdict();
    void nestsChildAppsUnderTheirParent();
    void filters_data();
    void filters();
};

void tst_DriftTreeModel::groupsAppNamespaceKindResource()
{
    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshot());
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex shop = model.index(0, 0);
    QCOMPARE(shop.data().toString(), QStringLiteral("shop"));
    // Namespaces: "shop", and "" for the cluster-scoped Namespace object.
    QCOMPARE(model.rowCount(shop), 2);
    const QModelIndex web = find(model, QStringLiteral("shop/shop/Deployment.apps/web"));
    QVERIFY(web.isValid());
    QCOMPARE(web.parent().data().toString(), QStringLiteral("Deployment.apps"));
    QCOMPARE(web.parent().parent().data().toString(), QStringLiteral("shop"));
    QCOMPARE(model.resource(web)->id.name, QStringLiteral("web"));
    QCOMPARE(web.siblingAtColumn(DriftTreeModel::SyncColumn).data().toString(),
             QStringLiteral("OutOfSync"));
    QCOMPARE(web.siblingAtColumn(DriftTreeModel::KindColumn).data().toString(),
             QStringLiteral("Deployment"));
    QVERIFY(!model.resource(shop));
}

void tst_DriftTreeModel::countsAndWorstStatusOnGroups()
{
    DriftTreeModel model;
    model.setSnapshot(snapshot());
    const QModelIndex shop = model.index(0, 0);
    QCOMPARE(shop.data(DriftTreeModel::ResourceCountRole).toInt(), 4);
    QCOMPARE(shop.data(DriftTreeModel::DriftedCountRole).toInt(), 2);
    QCOMPARE(SyncStatus(shop.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::OutOfSync);
    QCOMPARE(Health::Status(shop.data(DriftTreeModel::HealthRole).toInt()),
             Health::Status::Degraded);
    const QModelIndex billing = model.index(1, 0);
    QCOMPARE(SyncStatus(billing.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Unknown);
    QVERIFY(
        billing.data(DriftTreeModel::ErrorRole).toString().contains(QStringLiteral("kustomize")));
}

void tst_DriftTreeModel::unknownIsCountedApartFromDrift()
{
    drift::WorkspaceDrift data = snapshot();
    QList<drift::ResourceDrift> resources = data.apps[0].drift.resources;
    for (const QString &name : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
        resources << resource(QString(), QStringLiteral("ConfigMap"), QStringLiteral("shop"), name,
                              SyncStatus::Unknown, Health::Status::Unknown);
    data.apps[0].drift = drift::AppDrift::of(resources);
    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(data);
    const QModelIndex shop = model.index(0, 0);
    QCOMPARE(shop.data(DriftTreeModel::ResourceCountRole).toInt(), 7);
    QCOMPARE(shop.data(DriftTreeModel::DriftedCountRole).toInt(), 2);
    QCOMPARE(shop.data(DriftTreeModel::UnknownCountRole).toInt(), 3);
    const QModelIndex configMaps = find(model, QStringLiteral("shop/shop/ConfigMap"));
    QCOMPARE(configMaps.data(DriftTreeModel::DriftedCountRole).toInt(), 0);
    QCOMPARE(configMaps.data(DriftTreeModel::UnknownCountRole).toInt(), 3);
    QCOMPARE(SyncStatus(configMaps.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Unknown);

    // The cluster answers: the counts follow in place.
    resources[4].status = SyncStatus::Synced;
    data.apps[0].drift = drift::AppDrift::of(resources);
    model.setSnapshot(data);
    QCOMPARE(shop.data(DriftTreeModel::UnknownCountRole).toInt(), 2);
    QCOMPARE(shop.data(DriftTreeModel::DriftedCountRole).toInt(), 2);
}

void tst_DriftTreeModel::appsThatCouldNotBeReadHaveNoVerdict()
{
    // A Helm chart app: an error, no resources. Neither Synced nor Healthy.
    drift::AppWorkspaceDrift chart;
    chart.name = QStringLiteral("chart");
    chart.error = QStringLiteral("apps/chart is a Helm chart (apps/chart/Chart.yaml)");
    // A file with a YAML error beside one that reads: the app is not Synced, and says why.
    drift::AppWorkspaceDrift broken;
    broken.name = QStringLiteral("broken");
    broken.notes << manifest::SourceNote{manifest::SourceNote::Kind::Error,
                                         QStringLiteral("apps/broken/bad.yaml"), 6, 8,
                                         QStringLiteral("quoted text is not closed")}
                 << manifest::SourceNote{manifest::SourceNote::Kind::Ignored,
                                         QStringLiteral("apps/broken/README.yaml"), 0, 0,
                                         QStringLiteral("not a Kubernetes object")};
    broken.drift =
        drift::AppDrift::of({resource(QString(), QStringLiteral("ConfigMap"), QStringLiteral("b"),
                                      QStringLiteral("ok"), SyncStatus::Synced)});
    QCOMPARE(broken.readErrors(),
             QList<Text>{Text::verbatim(
                 QStringLiteral("apps/broken/bad.yaml:6:8: quoted text is not closed"))});
    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshotOf({chart, broken}));
    const QModelIndex chartRow = model.index(0, 0);
    QCOMPARE(SyncStatus(chartRow.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Unknown);
    QCOMPARE(Health::Status(chartRow.data(DriftTreeModel::HealthRole).toInt()),
             Health::Status::Unknown);
    QCOMPARE(chartRow.data(DriftTreeModel::ErrorRole).toString(), chart.error);
    const QModelIndex brokenRow = model.index(1, 0);
    QCOMPARE(SyncStatus(brokenRow.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Unknown);
    QCOMPARE(brokenRow.data(DriftTreeModel::ErrorRole).toString(),
             QStringLiteral("apps/broken/bad.yaml:6:8: quoted text is not closed"));
}

void tst_DriftTreeModel::keepsSelectionAcrossUpdates()
{
    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshot());
    const QPersistentModelIndex selected =
        find(model, QStringLiteral("shop/shop/Deployment.apps/web"));
    QVERIFY(selected.isValid());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    // A watch event: web is back in sync. The row stays where the selection points.
    model.setSnapshot(snapshot(SyncStatus::Synced));
    QCOMPARE(reset.size(), 0);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data().toString(), QStringLiteral("web"));
    QCOMPARE(SyncStatus(selected.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Synced);
    QCOMPARE(model.index(0, 0).data(DriftTreeModel::DriftedCountRole).toInt(), 1);

    // The resource disappears: its persistent index becomes invalid, nothing dangles.
    drift::WorkspaceDrift without = snapshot();
    without.apps[0].drift.resources.removeFirst();
    model.setSnapshot(without);
    QVERIFY(!selected.isValid());
}

namespace {

// The keys of the rows @p spy's dataChanged signals name.
QSet<QString> changedKeys(const QSignalSpy &spy)
{
    QSet<QString> keys;
    for (const QList<QVariant> &signal : spy) {
        const auto first = signal.at(0).value<QModelIndex>();
        const auto last = signal.at(1).value<QModelIndex>();
        for (int row = first.row(); row <= last.row(); ++row)
            keys.insert(first.siblingAtRow(row).data(DriftTreeModel::KeyRole).toString());
    }
    return keys;
}

} // namespace

// Under watch events the resources stay the same and only verdicts change: the rows stay
// (no layout change), and only those whose shown values change are told.
void tst_DriftTreeModel::liveUpdateTellsOnlyTheRowsThatChanged()
{
    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshot());
    QVERIFY(!model.keptRows());
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // web is back in sync: its row and the counts above it.
    model.setSnapshot(snapshot(SyncStatus::Synced));
    QVERIFY(model.keptRows());
    QCOMPARE(layout.size(), 0);
    QCOMPARE(changedKeys(changed),
             (QSet<QString>{QStringLiteral("shop"), QStringLiteral("shop/shop"),
                            QStringLiteral("shop/shop/Deployment.apps"),
                            QStringLiteral("shop/shop/Deployment.apps/web")}));
    const QModelIndex web = find(model, QStringLiteral("shop/shop/Deployment.apps/web"));
    QCOMPARE(SyncStatus(web.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Synced);
    QCOMPARE(model.index(0, 0).data(DriftTreeModel::DriftedCountRole).toInt(), 1);

    // The same verdicts again: nothing to tell.
    changed.clear();
    model.setSnapshot(snapshot(SyncStatus::Synced));
    QCOMPARE(changed.size(), 0);

    // A new write to api's live object: its row only, with the new time.
    drift::WorkspaceDrift written = snapshot(SyncStatus::Synced);
    const QDateTime when(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::UTC);
    written.apps[0].lastChanges.insert(
        written.apps[0].drift.resources.at(1).id,
        drift::FieldWriter{QStringLiteral("kubectl-edit"), QStringLiteral("Update"), when, {}});
    // (the write is a new live object, as a watch event brings)
    written.apps[0].drift.resources[1].live =
        QJsonObject{{QStringLiteral("metadata"),
                     QJsonObject{{QStringLiteral("resourceVersion"), QStringLiteral("8")}}}};
    model.setSnapshot(written);
    QCOMPARE(changedKeys(changed), QSet<QString>{QStringLiteral("shop/shop/Deployment.apps/api")});
    QCOMPARE(find(model, QStringLiteral("shop/shop/Deployment.apps/api"))
                 .siblingAtColumn(DriftTreeModel::LastChangeColumn)
                 .data()
                 .toDateTime(),
             when);

    // The same resources in another order that makes the same tree (the Service moved
    // before api): the rows stay, each showing its own resource...
    const auto syncOf = [&model](const QString &key) {
        return SyncStatus(find(model, key).data(DriftTreeModel::SyncRole).toInt());
    };
    drift::WorkspaceDrift reordered = snapshot(SyncStatus::OutOfSync);
    reordered.apps[0].drift.resources.move(2, 1); // web, Service web, api, Namespace
    model.setSnapshot(reordered);
    QVERIFY(!model.keptRows());
    QCOMPARE(layout.size(), 0);
    QCOMPARE(syncOf(QStringLiteral("shop/shop/Deployment.apps/web")), SyncStatus::OutOfSync);
    QCOMPARE(syncOf(QStringLiteral("shop/shop/Deployment.apps/api")), SyncStatus::Synced);
    QCOMPARE(syncOf(QStringLiteral("shop/shop/Service/web")), SyncStatus::Missing);
    // ...and the next update in place finds each resource where it is now.
    reordered.apps[0].drift.resources[2].status = SyncStatus::OutOfSync; // api
    changed.clear();
    model.setSnapshot(reordered);
    QVERIFY(model.keptRows());
    QVERIFY(changedKeys(changed).contains(QStringLiteral("shop/shop/Deployment.apps/api")));
    QCOMPARE(syncOf(QStringLiteral("shop/shop/Deployment.apps/api")), SyncStatus::OutOfSync);
    QCOMPARE(syncOf(QStringLiteral("shop/shop/Service/web")), SyncStatus::Missing);
    QCOMPARE(syncOf(QStringLiteral("shop/shop/Deployment.apps/web")), SyncStatus::OutOfSync);
}

void tst_DriftTreeModel::flatListKeepsKeysAndSelection()
{
    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshot());
    const QString webKey = QStringLiteral("shop/shop/Deployment.apps/web");
    QPersistentModelIndex selected = find(model, webKey);
    QVERIFY(selected.isValid());

    // Flat: the four resources of shop are the top-level rows (billing has none), each with
    // its app, kind and namespace in columns; the selection stays on the same resource.
    model.setFlat(true);
    QCOMPARE(model.rowCount(), 4);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(DriftTreeModel::KeyRole).toString(), webKey);
    QVERIFY(!selected.parent().isValid());
    QCOMPARE(QModelIndex(selected).siblingAtColumn(DriftTreeModel::AppColumn).data().toString(),
             QStringLiteral("shop"));
    QCOMPARE(QModelIndex(selected).siblingAtColumn(DriftTreeModel::KindColumn).data().toString(),
             QStringLiteral("Deployment"));
    QCOMPARE(
        QModelIndex(selected).siblingAtColumn(DriftTreeModel::NamespaceColumn).data().toString(),
        QStringLiteral("shop"));
    QCOMPARE(selected.data(DriftTreeModel::AppNameRole).toString(), QStringLiteral("shop"));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.rowCount(model.index(row, 0)), 0);

    // Live updates keep working in the flat list, and back to the tree.
    model.setSnapshot(snapshot(SyncStatus::Synced));
    QCOMPARE(SyncStatus(selected.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Synced);
    model.setFlat(false);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(DriftTreeModel::KeyRole).toString(), webKey);
    QVERIFY(selected.parent().isValid());
}

void tst_DriftTreeModel::lastChangeSortsByTime()
{
    drift::WorkspaceDrift data = snapshot();
    drift::AppWorkspaceDrift &shop = data.apps[0];
    const auto live = [](const QString &time, const QString &manager) {
        return QJsonObject{
            {QStringLiteral("metadata"),
             QJsonObject{
                 {QStringLiteral("managedFields"),
                  QJsonArray{
                      QJsonObject{{QStringLiteral("manager"), QStringLiteral("seed")},
                                  {QStringLiteral("operation"), QStringLiteral("Apply")},
                                  {QStringLiteral("time"), QStringLiteral("2026-01-01T00:00:00Z")}},
                      QJsonObject{{QStringLiteral("manager"), manager},
                                  {QStringLiteral("operation"), QStringLiteral("Update")},
                                  {QStringLiteral("time"), time}}}}}}};
    };
    // The newest managedFields entry wins, whatever its place in the list.
    const drift::FieldWriter web = drift::ManagedFields::newestWriter(
        live(QStringLiteral("2026-11-28T10:00:00Z"), QStringLiteral("kubectl-scale")));
    QCOMPARE(web.manager, QStringLiteral("kubectl-scale"));
    QCOMPARE(web.operation, QStringLiteral("Update"));
    QCOMPARE(web.time, QDateTime(QDate(2026, 11, 28), QTime(10, 0), QTimeZone::UTC));
    QVERIFY(!drift::ManagedFields::newestWriter(QJsonObject()).time.isValid());
    shop.lastChanges.insert(shop.drift.resources.at(0).id, web);
    shop.lastChanges.insert(
        shop.drift.resources.at(1).id,
        drift::ManagedFields::newestWriter(
            live(QStringLiteral("2026-11-29T06:00:00Z"), QStringLiteral("kubectl-edit"))));

    DriftTreeModel model;
    model.setFlat(true);
    model.setSnapshot(data);
    DriftFilterModel sorted;
    sorted.setSourceModel(&model);
    sorted.sort(DriftTreeModel::LastChangeColumn, Qt::DescendingOrder);
    QCOMPARE(sorted.index(0, 0).data().toString(), QStringLiteral("api"));
    QCOMPARE(sorted.index(1, 0).data().toString(), QStringLiteral("web"));
    QCOMPARE(sorted.index(0, DriftTreeModel::LastChangeColumn).data().toDateTime(),
             QDateTime(QDate(2026, 11, 29), QTime(6, 0), QTimeZone::UTC));
    // Objects not in the cluster have no last change.
    QVERIFY(!find(model, QStringLiteral("shop/shop/Service/web"))
                 .siblingAtColumn(DriftTreeModel::LastChangeColumn)
                 .data()
                 .isValid());
}

void tst_DriftTreeModel::syncSortsUnknownBelowDrift()
{
    drift::WorkspaceDrift data = snapshot();
    QList<drift::ResourceDrift> resources = data.apps[0].drift.resources;
    resources << resource(QString(), QStringLiteral("ConfigMap"), QStringLiteral("shop"),
                          QStringLiteral("unread"), SyncStatus::Unknown, Health::Status::Unknown);
    data.apps[0].drift = drift::AppDrift::of(resources);
    DriftTreeModel model;
    model.setFlat(true);
    model.setSnapshot(data);
    DriftFilterModel sorted;
    QAbstractItemModelTester tester(&sorted,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    sorted.setSourceModel(&model);
    sorted.sort(DriftTreeModel::SyncColumn, Qt::DescendingOrder);
    QStringList order;
    for (int row = 0; row < sorted.rowCount(); ++row)
        order << sorted.index(row, DriftTreeModel::SyncColumn).data().toString();
    QCOMPARE(order,
             (QStringList{QStringLiteral("Missing"), QStringLiteral("OutOfSync"),
                          QStringLiteral("Unknown"), QStringLiteral("Synced"),
                          QStringLiteral("Synced")}));
}

void tst_DriftTreeModel::servesSourceAndExactMarks()
{
    drift::WorkspaceDrift data = snapshot();
    drift::AppWorkspaceDrift &shop = data.apps[0];
    const manifest::ResourceId web = shop.drift.resources.at(0).id;
    shop.sources.insert(web, drift::SourceLocation{QStringLiteral("apps/shop/web.yaml"), {}, 3, 9});
    shop.exact = true;
    shop.dryRun.insert(web);
    DriftTreeModel model;
    model.setSnapshot(data);
    const QModelIndex index = find(model, QStringLiteral("shop/shop/Deployment.apps/web"));
    QCOMPARE(index.data(DriftTreeModel::SourceRole).toString(),
             QStringLiteral("apps/shop/web.yaml:3"));
    QVERIFY(index.data(DriftTreeModel::ExactRole).toBool());
    QVERIFY(!find(model, QStringLiteral("shop/shop/Deployment.apps/api"))
                 .data(DriftTreeModel::ExactRole)
                 .toBool());
    QVERIFY(model.index(0, 0).data(DriftTreeModel::ExactRole).toBool()); // the app row

    // Turning exact mode off repaints the row without a relayout.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy relaid(&model, &QAbstractItemModel::layoutChanged);
    data.apps[0].exact = false; // operator[] detaches from the model's copy
    data.apps[0].dryRun.clear();
    model.setSnapshot(data);
    QVERIFY(!index.data(DriftTreeModel::ExactRole).toBool());
    QVERIFY(changed.size() > 0);
    QCOMPARE(relaid.size(), 0);
}

// The app's controller's verdict (Argo CD's status) beside the console's: on the app row
// and on the resources its status lists, with the disagreement named.
void tst_DriftTreeModel::servesTheControllersVerdict()
{
    drift::WorkspaceDrift withArgo = snapshot();
    ControllerVerdict &argo = withArgo.apps[0].controller;
    argo.controller = ControllerVerdict::Controller::ArgoCd;
    argo.sync = QStringLiteral("Synced");
    argo.health = QStringLiteral("Healthy");
    argo.message = QStringLiteral("ComparisonError: repository not accessible");
    argo.resources.insert({QStringLiteral("apps"), QStringLiteral("Deployment"),
                           QStringLiteral("shop"), QStringLiteral("api")},
                          {QStringLiteral("Synced"), QStringLiteral("Degraded"), QString()});
    DriftTreeModel model;
    model.setSnapshot(withArgo);
    QCOMPARE(model.headerData(DriftTreeModel::ControllerColumn, Qt::Horizontal).toString(),
             QStringLiteral("Controller"));
    const QModelIndex shop = find(model, QStringLiteral("shop"));
    QVERIFY(shop.isValid());
    const QModelIndex verdict = shop.siblingAtColumn(DriftTreeModel::ControllerColumn);
    QCOMPARE(verdict.data().toString(), QStringLiteral("Synced/Healthy"));
    // The console found drift Argo CD has not: named, both sides.
    QVERIFY2(verdict.data(DriftTreeModel::ControllerDisagreementRole)
                 .toString()
                 .contains(QStringLiteral("Argo CD says Synced, the console OutOfSync")),
             qPrintable(verdict.data(DriftTreeModel::ControllerDisagreementRole).toString()));
    QCOMPARE(verdict.data(DriftTreeModel::ControllerMessageRole).toString(), argo.message);
    const QModelIndex api = find(model, QStringLiteral("shop/shop/Deployment.apps/api"))
                                .siblingAtColumn(DriftTreeModel::ControllerColumn);
    QCOMPARE(api.data().toString(), QStringLiteral("Synced/Degraded"));
    QCOMPARE(api.data(DriftTreeModel::ControllerDisagreementRole).toString(), QString());
    // A resource its status does not list, and an app the cluster does not define: nothing.
    QVERIFY(find(model, QStringLiteral("shop/shop/Deployment.apps/web"))
                .siblingAtColumn(DriftTreeModel::ControllerColumn)
                .data()
                .isNull());
    QVERIFY(find(model, QStringLiteral("billing"))
                .siblingAtColumn(DriftTreeModel::ControllerColumn)
                .data()
                .isNull());
}

// App-of-apps: "root" deploys the Applications of shop and billing. Their rows go under
// root's, after its namespace; root's verdict and counts are its Applications' alone (shop
// drifts, root does not), and the keys stay the apps' names, so selections carry over.
void tst_DriftTreeModel::nestsChildAppsUnderTheirParent()
{
    drift::WorkspaceDrift plain = snapshot();
    drift::AppWorkspaceDrift root;
    root.name = QStringLiteral("root");
    root.drift = drift::AppDrift::of(
        {resource(QStringLiteral("argoproj.io"), QStringLiteral("Application"),
                  QStringLiteral("argocd"), QStringLiteral("shop"), SyncStatus::Synced),
         resource(QStringLiteral("argoproj.io"), QStringLiteral("Application"),
                  QStringLiteral("argocd"), QStringLiteral("billing"), SyncStatus::Synced)});
    drift::WorkspaceDrift nested = plain;
    nested.apps.prepend(root);
    for (qsizetype i = 1; i < nested.apps.size(); ++i)
        nested.apps[i].parent = QStringLiteral("root");

    DriftTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(plain);
    QCOMPARE(model.rowCount(), 2);
    const QPersistentModelIndex selected =
        find(model, QStringLiteral("shop/shop/Deployment.apps/web"));
    QVERIFY(selected.isValid());

    model.setSnapshot(nested);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex rootRow = model.index(0, 0);
    QCOMPARE(rootRow.data().toString(), QStringLiteral("root"));
    // Its namespace first, then its child apps in the snapshot's order.
    QCOMPARE(model.rowCount(rootRow), 3);
    QCOMPARE(model.index(0, 0, rootRow).data().toString(), QStringLiteral("argocd"));
    const QModelIndex shopRow = model.index(1, 0, rootRow);
    QCOMPARE(shopRow.data().toString(), QStringLiteral("shop"));
    QCOMPARE(shopRow.data(DriftTreeModel::NodeTypeRole).value<DriftTreeModel::NodeType>(),
             DriftTreeModel::NodeType::App);
    QCOMPARE(model.index(2, 0, rootRow).data().toString(), QStringLiteral("billing"));
    QCOMPARE(model.parent(shopRow), rootRow);
    QCOMPARE(shopRow.data(DriftTreeModel::KeyRole).toString(), QStringLiteral("shop"));
    QCOMPARE(model.indexForKey(QStringLiteral("shop")), shopRow);

    // The parent's verdict is its own: two Applications, both Synced, none drifted.
    QCOMPARE(rootRow.data(DriftTreeModel::ResourceCountRole).toInt(), 2);
    QCOMPARE(rootRow.data(DriftTreeModel::DriftedCountRole).toInt(), 0);
    QCOMPARE(model.index(0, DriftTreeModel::SyncColumn).data().toString(),
             QStringLiteral("Synced"));
    QCOMPARE(shopRow.data(DriftTreeModel::ResourceCountRole).toInt(), 4);
    QCOMPARE(shopRow.siblingAtColumn(DriftTreeModel::SyncColumn).data().toString(),
             QStringLiteral("OutOfSync"));
    // The selected resource moved with its app.
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(DriftTreeModel::AppNameRole).toString(), QStringLiteral("shop"));
    QCOMPARE(model.parent(model.parent(model.parent(selected))), QModelIndex(shopRow));

    // Filtered to drift, the drifted child shows under its parent.
    DriftFilterModel filter;
    filter.setSourceModel(&model);
    filter.setStatuses({DriftFilterModel::Status::OutOfSync});
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("root"));
    QCOMPARE(filter.rowCount(filter.index(0, 0)), 1);
    QCOMPARE(filter.index(0, 0, filter.index(0, 0)).data().toString(), QStringLiteral("shop"));
}

void tst_DriftTreeModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("ns"); // "*": every namespace
    using S = DriftFilterModel::Status;
    QTest::newRow("no filter") << QString() << QList<int>{}
                               << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                                              QStringLiteral("shop/shop/Deployment.apps/web"),
                                              QStringLiteral("shop/shop/Service/web"),
                                              QStringLiteral("shop//Namespace/shop")}
                               << QString() << QStringLiteral("*");
    QTest::newRow("out of sync") << QString() << QList<int>{int(S::OutOfSync)}
                                 << QStringList{QStringLiteral("shop/shop/Deployment.apps/web")}
                                 << QString() << QStringLiteral("*");
    QTest::newRow("missing or degraded")
        << QString() << QList<int>{int(S::Missing), int(S::Degraded)}
        << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                       QStringLiteral("shop/shop/Service/web")}
        << QString() << QStringLiteral("*");
    QTest::newRow("text: kind") << QStringLiteral("service") << QList<int>{}
                                << QStringList{QStringLiteral("shop/shop/Service/web")} << QString()
                                << QStringLiteral("*");
    QTest::newRow("text and status")
        << QStringLiteral("web") << QList<int>{int(S::Missing)}
        << QStringList{QStringLiteral("shop/shop/Service/web")} << QString() << QStringLiteral("*");
    QTest::newRow("text: label") << QStringLiteral("team=web") << QList<int>{}
                                 << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                                                QStringLiteral("shop/shop/Deployment.apps/web"),
                                                QStringLiteral("shop/shop/Service/web"),
                                                QStringLiteral("shop//Namespace/shop")}
                                 << QString() << QStringLiteral("*");
    QTest::newRow("kind") << QString() << QList<int>{}
                          << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                                         QStringLiteral("shop/shop/Deployment.apps/web")}
                          << QStringLiteral("Deployment.apps") << QStringLiteral("*");
    QTest::newRow("cluster-scoped")
        << QString() << QList<int>{} << QStringList{QStringLiteral("shop//Namespace/shop")}
        << QString() << QString();
    QTest::newRow("namespace, kind and status")
        << QString() << QList<int>{int(S::OutOfSync)}
        << QStringList{QStringLiteral("shop/shop/Deployment.apps/web")}
        << QStringLiteral("Deployment.apps") << QStringLiteral("shop");
    QTest::newRow("nothing") << QStringLiteral("nope") << QList<int>{} << QStringList{} << QString()
                             << QStringLiteral("*");
}

void tst_DriftTreeModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, statuses);
    QFETCH(QStringList, expected);
    QFETCH(QString, kind);
    QFETCH(QString, ns);
    DriftTreeModel model;
    model.setSnapshot(snapshot());
    DriftFilterModel filter;
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(&model);
    filter.setText(text);
    QSet<DriftFilterModel::Status> set;
    for (int status : statuses)
        set.insert(DriftFilterModel::Status(status));
    filter.setStatuses(set);
    filter.setKind(kind);
    filter.setNamespace(ns == u"*" ? std::nullopt : std::optional<QString>(ns));

    QStringList shown;
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < filter.rowCount(parent); ++row) {
            const QModelIndex index = filter.index(row, 0, parent);
            if (index.data(DriftTreeModel::NodeTypeRole).value<DriftTreeModel::NodeType>()
                == DriftTreeModel::NodeType::Resource)
                shown << index.data(DriftTreeModel::KeyRole).toString();
            walk(index);
        }
    };
    walk({});
    shown.sort();
    expected.sort();
    QCOMPARE(shown, expected);
}

QTEST_GUILESS_MAIN(tst_DriftTreeModel)
#include "tst_drifttreemodel.moc"
