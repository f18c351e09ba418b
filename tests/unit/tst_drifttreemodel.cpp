#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace gitops;
using drift::Health;
using drift::SyncStatus;

namespace {

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

DriftSnapshot snapshot(SyncStatus webStatus = SyncStatus::OutOfSync)
{
    AppSnapshot shop;
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
    AppSnapshot billing;
    billing.name = QStringLiteral("billing");
    billing.error = QStringLiteral("kustomize build failed: missing resource");
    return {{shop, billing}, QStringLiteral("main"), QStringLiteral("demo")};
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
    void keepsSelectionAcrossUpdates();
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
    DriftSnapshot without = snapshot();
    without.apps[0].drift.resources.removeFirst();
    model.setSnapshot(without);
    QVERIFY(!selected.isValid());
}

void tst_DriftTreeModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<QStringList>("expected");
    using S = DriftFilterModel::Status;
    QTest::newRow("no filter") << QString() << QList<int>{}
                               << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                                              QStringLiteral("shop/shop/Deployment.apps/web"),
                                              QStringLiteral("shop/shop/Service/web"),
                                              QStringLiteral("shop//Namespace/shop")};
    QTest::newRow("out of sync") << QString() << QList<int>{int(S::OutOfSync)}
                                 << QStringList{QStringLiteral("shop/shop/Deployment.apps/web")};
    QTest::newRow("missing or degraded")
        << QString() << QList<int>{int(S::Missing), int(S::Degraded)}
        << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                       QStringLiteral("shop/shop/Service/web")};
    QTest::newRow("text: kind") << QStringLiteral("service") << QList<int>{}
                                << QStringList{QStringLiteral("shop/shop/Service/web")};
    QTest::newRow("text and status") << QStringLiteral("web") << QList<int>{int(S::Missing)}
                                     << QStringList{QStringLiteral("shop/shop/Service/web")};
    QTest::newRow("text: label") << QStringLiteral("team=web") << QList<int>{}
                                 << QStringList{QStringLiteral("shop/shop/Deployment.apps/api"),
                                                QStringLiteral("shop/shop/Deployment.apps/web"),
                                                QStringLiteral("shop/shop/Service/web"),
                                                QStringLiteral("shop//Namespace/shop")};
    QTest::newRow("nothing") << QStringLiteral("nope") << QList<int>{} << QStringList{};
}

void tst_DriftTreeModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, statuses);
    QFETCH(QStringList, expected);
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
