#include "imagecheck.h"

#include "driftbrowser.h"
#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"
#include "sidebysidediffview.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace gitops;
using drift::SyncStatus;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

drift::ResourceDrift deployment(const QString &name, int desiredReplicas, int liveReplicas)
{
    drift::ResourceDrift r;
    r.id = {QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("shop"), name};
    const QString desired = QStringLiteral(
        R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1","namespace":"shop"},
            "spec":{"replicas":%2,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}})");
    r.desired = json(desired.arg(name).arg(desiredReplicas).toUtf8().constData());
    r.liveProjection = json(desired.arg(name).arg(liveReplicas).toUtf8().constData());
    r.live = r.liveProjection;
    r.status = desiredReplicas == liveReplicas ? SyncStatus::Synced : SyncStatus::OutOfSync;
    r.health = {drift::Health::Status::Healthy, QString()};
    if (r.status == SyncStatus::OutOfSync) {
        drift::Difference difference;
        difference.path = QStringLiteral(".spec.replicas");
        difference.desired = desiredReplicas;
        difference.live = liveReplicas;
        difference.lastWriter = {QStringLiteral("kubectl"), QStringLiteral("Update"),
                                 QDateTime::currentDateTimeUtc(), QStringLiteral("scale")};
        r.differences << difference;
    }
    return r;
}

DriftSnapshot snapshot(int webLive)
{
    AppSnapshot shop;
    shop.name = QStringLiteral("shop");
    QList<drift::ResourceDrift> resources{deployment(QStringLiteral("web"), 2, webLive),
                                          deployment(QStringLiteral("api"), 3, 3)};
    for (int i = 0; i < 60; ++i)
        resources << deployment(QStringLiteral("worker-%1").arg(i, 2, 10, QLatin1Char('0')), 1, 1);
    shop.drift = drift::AppDrift::of(resources);
    shop.sources.insert(resources.first().id, QStringLiteral("apps/shop/web.yaml:1"));
    return {{shop}, QStringLiteral("main"), QStringLiteral("demo")};
}

const QString webKey = QStringLiteral("shop/shop/Deployment.apps/web");

} // namespace

class tst_DriftBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selectingADriftedResourceShowsBothSides();
    void outOfSyncFilterShowsExactlyTheDrifted();
    void liveUpdateKeepsSelectionAndScroll();
};

void tst_DriftBrowser::selectingADriftedResourceShowsBothSides()
{
    DriftBrowser browser;
    QAbstractItemModelTester tester(browser.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    browser.resize(1300, 800);
    browser.show();
    browser.setSnapshot(snapshot(5));

    QSignalSpy updated(browser.diffView(), &SideBySideDiffView::updated);
    QVERIFY(browser.selectResource(webKey));
    QVERIFY(updated.wait(5000));
    const QStringList left = browser.diffView()->leftText().split(u'\n');
    const QStringList right = browser.diffView()->rightText().split(u'\n');
    const int line = int(left.indexOf(QStringLiteral("  replicas: 2")));
    QVERIFY2(line >= 0, qPrintable(browser.diffView()->leftText()));
    QCOMPARE(right.at(line), QStringLiteral("  replicas: 5"));
    QCOMPARE(browser.diffView()->leftStates().at(line), SideBySideDiffView::LineState::Changed);
    QCOMPARE(browser.diffView()->leftStates().count(SideBySideDiffView::LineState::Changed), 1);

    // The differences list names the field, both values and who wrote it.
    QCOMPARE(browser.differences()->topLevelItemCount(), 1);
    const QTreeWidgetItem *item = browser.differences()->topLevelItem(0);
    QCOMPARE(item->text(0), QStringLiteral(".spec.replicas"));
    QCOMPARE(item->text(1), QStringLiteral("2"));
    QCOMPARE(item->text(2), QStringLiteral("5"));
    QVERIFY(item->text(3).startsWith(QStringLiteral("kubectl (Update)")));

    const QImage image = browser.grab().toImage();
    image.save(QStringLiteral("tst_driftbrowser.png"));
    QVERIFY(test::inspect(image).distinctColours > 50);
}

void tst_DriftBrowser::outOfSyncFilterShowsExactlyTheDrifted()
{
    DriftBrowser browser;
    browser.show();
    browser.setSnapshot(snapshot(5));
    const auto buttons = browser.findChildren<QToolButton *>();
    QToolButton *outOfSync = nullptr;
    for (QToolButton *button : buttons) {
        if (button->text() == QStringLiteral("OutOfSync"))
            outOfSync = button;
    }
    QVERIFY(outOfSync);
    outOfSync->click();

    QStringList shown;
    const QAbstractItemModel *model = browser.tree()->model();
    const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data(DriftTreeModel::NodeTypeRole).value<DriftTreeModel::NodeType>()
                == DriftTreeModel::NodeType::Resource) {
                shown << index.data(DriftTreeModel::KeyRole).toString();
                QVERIFY(browser.tree()->isExpanded(parent)); // visible, not hidden in a fold
            }
            walk(index);
        }
    };
    walk({});
    QCOMPARE(shown, QStringList{webKey});
}

void tst_DriftBrowser::liveUpdateKeepsSelectionAndScroll()
{
    DriftBrowser browser;
    browser.resize(1300, 500);
    browser.show();
    browser.setSnapshot(snapshot(5));
    browser.tree()->expandAll();
    QVERIFY(browser.selectResource(webKey));
    QTRY_COMPARE(browser.diffView()->leftStates().count(SideBySideDiffView::LineState::Changed), 1);
    browser.tree()->verticalScrollBar()->setValue(browser.tree()->verticalScrollBar()->maximum()
                                                  / 2);
    const int scroll = browser.tree()->verticalScrollBar()->value();
    QVERIFY(scroll > 0);

    // A watch event: web drifts further. Same row selected, same place in the tree.
    QSignalSpy updated(browser.diffView(), &SideBySideDiffView::updated);
    browser.setSnapshot(snapshot(7));
    QCOMPARE(browser.selectedKey(), webKey);
    QCOMPARE(browser.tree()->verticalScrollBar()->value(), scroll);
    QVERIFY(updated.wait(5000));
    QVERIFY(browser.diffView()->rightText().contains(QStringLiteral("replicas: 7")));
    QCOMPARE(browser.differences()->topLevelItem(0)->text(2), QStringLiteral("7"));

    // And back in sync: the row's status changes, the selection stays.
    browser.setSnapshot(snapshot(2));
    QCOMPARE(browser.selectedKey(), webKey);
    const QModelIndex current = browser.tree()->currentIndex();
    QCOMPARE(SyncStatus(current.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Synced);
}

QTEST_MAIN(tst_DriftBrowser)
#include "tst_driftbrowser.moc"
