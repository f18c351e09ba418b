#include "imagecheck.h"

#include "differencelist.h"
#include "driftbrowser.h"
#include "emptystate.h"
#include "groupnamedelegate.h"
#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"
#include "sidebysidediffview.h"
#include "theme.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyle>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>
#include <QTreeWidget>

#include <cmath>

using namespace gitops;
using drift::SyncStatus;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// A snapshot of @p apps at main, compared with the context demo.
drift::WorkspaceDrift snapshotOf(const QList<drift::AppWorkspaceDrift> &apps)
{
    drift::WorkspaceDrift snapshot;
    snapshot.apps = apps;
    snapshot.revision = QStringLiteral("main");
    snapshot.context = QStringLiteral("demo");
    return snapshot;
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

drift::WorkspaceDrift snapshot(int webLive)
{
    drift::AppWorkspaceDrift shop;
    shop.name = QStringLiteral("shop");
    QList<drift::ResourceDrift> resources{deployment(QStringLiteral("web"), 2, webLive),
                                          deployment(QStringLiteral("api"), 3, 3)};
    for (int i = 0; i < 60; ++i)
        resources << deployment(QStringLiteral("worker-%1").arg(i, 2, 10, QLatin1Char('0')), 1, 1);
    shop.drift = drift::AppDrift::of(resources);
    shop.sources.insert(resources.first().id,
                        drift::SourceLocation{QStringLiteral("apps/shop/web.yaml"), {}, 1, 12});
    return snapshotOf({shop});
}

const QString webKey = QStringLiteral("shop/shop/Deployment.apps/web");

// Relative luminance contrast as WCAG defines it.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

} // namespace

class tst_DriftBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selectingADriftedResourceShowsBothSides();
    void outOfSyncFilterShowsExactlyTheDrifted();
    void aParentAppFoundLaterOpensWithItsChildren();
    void liveUpdateKeepsSelectionAndScroll();
    void flatListKindAndNamespaceFilters();
    void unknownIsNotDrift();
    void noEmptyPanes();
    void speaksGerman();
    void groupCountsStayWhole();
    void differencesFitTheirList();
    void errorRedReadsInBothThemes();
    void controllerColumnShowsTheSecondOpinion();
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
    const DifferenceList *differences = browser.differences();
    QCOMPARE(differences->rowCount(), 1);
    QCOMPARE(differences->text(0, 0), QStringLiteral(".spec.replicas"));
    QCOMPARE(differences->text(0, 1), QStringLiteral("2"));
    QCOMPARE(differences->text(0, 2), QStringLiteral("5"));
    QVERIFY(differences->text(0, 3).startsWith(QStringLiteral("kubectl (Update)")));

    const QImage image = browser.grab().toImage();
    image.save(QStringLiteral("tst_driftbrowser.png"));
    QVERIFY(test::inspect(image).distinctColours > 50);
}

// The demo's case: the first snapshot lists shop on its own; then the cluster's root
// Application fleet is found to deploy it, and shop moves under fleet (a layout change, not
// an insertion). The new parent opens, so the selected resource stays visible; a row the
// user folded before stays folded.
void tst_DriftBrowser::aParentAppFoundLaterOpensWithItsChildren()
{
    DriftBrowser browser;
    browser.show();
    const drift::WorkspaceDrift alone = snapshot(5);
    browser.setSnapshot(alone);
    QVERIFY(browser.selectResource(webKey));

    drift::WorkspaceDrift nested = alone;
    drift::AppWorkspaceDrift fleet;
    fleet.name = QStringLiteral("fleet");
    fleet.drift = drift::AppDrift::of({});
    nested.apps.first().parent = fleet.name;
    nested.apps.prepend(fleet);
    browser.setSnapshot(nested);

    const QModelIndex current = browser.tree()->currentIndex();
    QCOMPARE(current.data(DriftTreeModel::KeyRole).toString(), webKey);
    QStringList folded;
    for (QModelIndex above = current.parent(); above.isValid(); above = above.parent()) {
        if (!browser.tree()->isExpanded(above))
            folded << above.data(Qt::DisplayRole).toString();
    }
    QVERIFY2(folded.isEmpty(),
             qPrintable(QStringLiteral("folded above the selection: ") + folded.join(u", ")));
    QVERIFY(current.parent().parent().isValid()); // web, under shop, under fleet

    // Folded by the user (nothing selected inside it), fleet stays folded when another app
    // appears; the new one opens.
    const QPersistentModelIndex fleetRow = current.parent().parent();
    browser.tree()->setCurrentIndex({});
    browser.tree()->collapse(fleetRow);
    drift::AppWorkspaceDrift billing;
    billing.name = QStringLiteral("billing");
    billing.drift = drift::AppDrift::of({deployment(QStringLiteral("invoices"), 1, 1)});
    nested.apps << billing;
    browser.setSnapshot(nested);
    QVERIFY(fleetRow.isValid());
    QVERIFY(!browser.tree()->isExpanded(fleetRow));
    const QAbstractItemModel *rows = browser.tree()->model();
    QModelIndex billingRow;
    for (int row = 0; row < rows->rowCount(); ++row) {
        if (rows->index(row, 0).data(DriftTreeModel::KeyRole).toString()
            == QStringLiteral("billing"))
            billingRow = rows->index(row, 0);
    }
    QVERIFY(billingRow.isValid());
    QVERIFY(browser.tree()->isExpanded(billingRow));
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
    QCOMPARE(browser.differences()->text(0, 2), QStringLiteral("7"));

    // And back in sync: the row's status changes, the selection stays.
    browser.setSnapshot(snapshot(2));
    QCOMPARE(browser.selectedKey(), webKey);
    const QModelIndex current = browser.tree()->currentIndex();
    QCOMPARE(SyncStatus(current.data(DriftTreeModel::SyncRole).toInt()), SyncStatus::Synced);
}

void tst_DriftBrowser::flatListKindAndNamespaceFilters()
{
    drift::WorkspaceDrift data = snapshot(5);
    drift::ResourceDrift service;
    service.id = {QString(), QStringLiteral("Service"), QStringLiteral("edge"),
                  QStringLiteral("gw")};
    service.status = SyncStatus::Missing;
    service.desired = json(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"gw"}})");
    QList<drift::ResourceDrift> resources = data.apps[0].drift.resources;
    resources << service;
    data.apps[0].drift = drift::AppDrift::of(resources);
    DriftBrowser browser;
    browser.resize(1300, 800);
    browser.show();
    browser.setSnapshot(data);
    data.apps[0].inferredNamespaces.insert(resources.first().id, manifest::NamespaceFrom::Context);
    browser.setSnapshot(data);
    QVERIFY(browser.selectResource(webKey));
    // The source file and line of the selected resource are in the details, and where its
    // namespace came from when the manifest names none.
    QVERIFY2(browser.details()->text().contains(QStringLiteral("apps/shop/web.yaml:1")),
             qPrintable(browser.details()->text()));
    QVERIFY2(browser.details()->text().contains(
                 QStringLiteral("Namespace shop: the kubeconfig context")),
             qPrintable(browser.details()->text()));
    // A Pod's conditions and container states, with their reasons.
    drift::ResourceDrift pod;
    pod.id = {QString(), QStringLiteral("Pod"), QStringLiteral("shop"), QStringLiteral("web-1")};
    pod.status = SyncStatus::Extraneous;
    pod.health = {drift::Health::Status::Degraded, QStringLiteral("CrashLoopBackOff")};
    pod.live = json(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1"},
        "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False",
        "reason":"ContainersNotReady","message":"containers with unready status: [web]"}],
        "containerStatuses":[{"name":"web","restartCount":7,"state":{"waiting":
        {"reason":"CrashLoopBackOff","message":"back-off 5m0s restarting failed container"}}}]}})");
    pod.health.facts = drift::HealthFact::of(pod.live); // as the comparison sets them
    resources << pod;
    data.apps[0].drift = drift::AppDrift::of(resources);
    browser.setSnapshot(data);
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/Pod/web-1")));
    const QString details = browser.details()->text();
    QVERIFY2(details.contains(QStringLiteral("Ready: False (ContainersNotReady)")),
             qPrintable(details));
    QVERIFY2(
        details.contains(QStringLiteral("Container web: waiting (CrashLoopBackOff) back-off 5m0s "
                                        "restarting failed container — restarts: 7")),
        qPrintable(details));
    QVERIFY(browser.selectResource(webKey));

    const auto visibleKeys = [&] {
        QStringList keys;
        const QAbstractItemModel *model = browser.tree()->model();
        const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < model->rowCount(parent); ++row) {
                const QModelIndex index = model->index(row, 0, parent);
                if (index.data(DriftTreeModel::NodeTypeRole).value<DriftTreeModel::NodeType>()
                    == DriftTreeModel::NodeType::Resource)
                    keys << index.data(DriftTreeModel::KeyRole).toString();
                walk(index);
            }
        };
        walk({});
        return keys;
    };

    // The kind and namespace choices come from the snapshot.
    QComboBox *kinds = browser.kindFilter();
    QComboBox *namespaces = browser.namespaceFilter();
    QCOMPARE(kinds->count(), 4); // All kinds, Deployment.apps, Pod, Service
    QCOMPARE(namespaces->count(), 3); // All namespaces, edge, shop
    kinds->setCurrentIndex(kinds->findData(QStringLiteral("Service")));
    QCOMPARE(visibleKeys(), QStringList{QStringLiteral("shop/edge/Service/gw")});
    kinds->setCurrentIndex(0);
    namespaces->setCurrentIndex(namespaces->findData(QStringLiteral("shop")));
    QCOMPARE(visibleKeys().size(), 63);
    namespaces->setCurrentIndex(0);
    QCOMPARE(visibleKeys().size(), 64);
    QVERIFY(browser.selectResource(webKey)); // filtered out meanwhile

    // The flat list: one row per resource, its app, kind and namespace in columns, the
    // selection kept; View > Flat List (Ctrl+L) toggles it.
    QAction *flat = browser.viewActions().value(0);
    QCOMPARE(flat->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    flat->trigger();
    QVERIFY(browser.isFlat());
    QCOMPARE(browser.tree()->model()->rowCount(), 64);
    QCOMPARE(browser.selectedKey(), webKey);
    for (const int column : {DriftTreeModel::KindColumn, DriftTreeModel::NamespaceColumn,
                             DriftTreeModel::AppColumn, DriftTreeModel::LastChangeColumn})
        QVERIFY(!browser.tree()->isColumnHidden(column));
    // Sorting by sync, descending: Extraneous, Missing, OutOfSync, then the Synced.
    browser.tree()->sortByColumn(DriftTreeModel::SyncColumn, Qt::DescendingOrder);
    const QStringList firstRows{QStringLiteral("shop/shop/Pod/web-1"),
                                QStringLiteral("shop/edge/Service/gw"), webKey};
    for (int row = 0; row < 3; ++row)
        QCOMPARE(browser.tree()->model()->index(row, 0).data(DriftTreeModel::KeyRole).toString(),
                 firstRows.at(row));
    browser.grab().save(QStringLiteral("tst_driftbrowser-flat.png"));

    flat->trigger();
    QVERIFY(!browser.isFlat());
    QCOMPARE(browser.selectedKey(), webKey);
    QVERIFY(browser.tree()->isColumnHidden(DriftTreeModel::KindColumn));
    QVERIFY(!browser.tree()->isColumnHidden(DriftTreeModel::LastChangeColumn));
}

void tst_DriftBrowser::unknownIsNotDrift()
{
    // Two of five drifted; three the cluster could not be asked about (a list was cancelled).
    drift::AppWorkspaceDrift shop;
    shop.name = QStringLiteral("shop");
    QList<drift::ResourceDrift> resources{deployment(QStringLiteral("web"), 2, 5),
                                          deployment(QStringLiteral("api"), 2, 3)};
    const QString reason = QStringLiteral("listing the cluster was cancelled");
    for (const QString &name : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}) {
        drift::ResourceDrift unknown;
        unknown.id = {QString(), QStringLiteral("ConfigMap"), QStringLiteral("shop"), name};
        unknown.status = SyncStatus::Unknown;
        unknown.reason = reason;
        unknown.health = {drift::Health::Status::Unknown, reason};
        resources << unknown;
        shop.sources.insert(
            unknown.id,
            drift::SourceLocation{QStringLiteral("apps/shop/%1.yaml").arg(name), {}, 1, 4});
    }
    shop.drift = drift::AppDrift::of(resources);
    DriftBrowser browser;
    // What the tree shows: the presentation over the filter over the model.
    QAbstractItemModelTester tester(browser.tree()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    browser.resize(1300, 800);
    browser.show();
    browser.setSnapshot(snapshotOf({shop}));

    const QAbstractItemModel *model = browser.tree()->model();
    QCOMPARE(model->index(0, 0).data().toString(),
             QStringLiteral("shop  2 of 5 drifted, 3 unknown"));
    const QModelIndex ns = model->index(0, 0, model->index(0, 0));
    QCOMPARE(ns.data().toString(), QStringLiteral("shop  2 of 5 drifted, 3 unknown"));
    const QModelIndex configMaps = model->index(0, 0, ns);
    QCOMPARE(configMaps.data().toString(), QStringLiteral("ConfigMap  3 of 3 unknown"));

    // An object that could not be read says why on both sides: it is in git, and maybe in
    // the cluster too.
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/ConfigMap/b")));
    QCOMPARE(browser.diffView()->leftCaption(),
             QStringLiteral("Desired (git): in apps/shop/b.yaml:1, not compared"));
    QCOMPARE(browser.diffView()->rightCaption(),
             QStringLiteral("Live (cluster): not read from the cluster: ") + reason);
    for (const QString &caption :
         {browser.diffView()->leftCaption(), browser.diffView()->rightCaption()}) {
        QVERIFY2(!caption.contains(QStringLiteral("not in git")), qPrintable(caption));
        QVERIFY2(!caption.contains(QStringLiteral("not in the cluster")), qPrintable(caption));
    }
}

void tst_DriftBrowser::noEmptyPanes()
{
    drift::WorkspaceDrift data = snapshot(5);
    QList<drift::ResourceDrift> resources = data.apps[0].drift.resources;
    drift::ResourceDrift service;
    service.id = {QString(), QStringLiteral("Service"), QStringLiteral("shop"),
                  QStringLiteral("gw")};
    service.status = SyncStatus::Missing;
    service.desired = json(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"gw",
        "namespace":"shop"},"spec":{"ports":[{"port":80}]}})");
    drift::ResourceDrift extra;
    extra.id = {QString(), QStringLiteral("ConfigMap"), QStringLiteral("shop"),
                QStringLiteral("extra")};
    extra.status = SyncStatus::Extraneous;
    extra.live = json(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"extra",
        "namespace":"shop","uid":"4f1c2a9e-0000-4000-8000-000000000001","resourceVersion":"4711",
        "creationTimestamp":"2026-11-30T10:00:00Z","managedFields":[{"manager":"kubectl",
        "operation":"Apply","time":"2026-11-30T10:00:00Z"}],"labels":{"team":"web"}},
        "data":{"mode":"debug"}})");
    resources << service << extra;
    data.apps[0].drift = drift::AppDrift::of(resources);
    DriftBrowser browser;
    browser.resize(1300, 800);
    browser.show();
    browser.setSnapshot(data);

    // Nothing selected: a hint with the workspace's counts, not two blank editors.
    QVERIFY(browser.selectionHint()->isVisible());
    QVERIFY(!browser.diffView()->isVisible());
    QCOMPARE(browser.selectionHint()->title(), QStringLiteral("Nothing selected"));
    QVERIFY2(browser.selectionHint()->text().startsWith(
                 QStringLiteral("1 app, 64 resources: 3 drifted, 61 synced.")),
             qPrintable(browser.selectionHint()->text()));
    // A group row: its counts.
    browser.tree()->setCurrentIndex(browser.tree()->model()->index(0, 0));
    QVERIFY(browser.selectionHint()->isVisible());
    QVERIFY2(browser.selectionHint()->text().contains(QStringLiteral("3 drifted")),
             qPrintable(browser.selectionHint()->text()));
    // A kind: its name and counts.
    const QModelIndex configMaps = browser.tree()->model()->index(
        0, 0, browser.tree()->model()->index(0, 0, browser.tree()->model()->index(0, 0)));
    browser.tree()->setCurrentIndex(configMaps);
    QCOMPARE(browser.selectionHint()->title(), QStringLiteral("ConfigMap"));
    QVERIFY2(browser.selectionHint()->text().startsWith(QStringLiteral("1 resource: 1 drifted\n")),
             qPrintable(browser.selectionHint()->text()));
    browser.grab().save(QStringLiteral("tst_driftbrowser-hint.png"));

    // A Synced resource says so above its folded YAML.
    QSignalSpy updated(browser.diffView(), &SideBySideDiffView::updated);
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/Deployment.apps/api")));
    QVERIFY(updated.wait(5000));
    QVERIFY(browser.diffView()->isVisible());
    QVERIFY(browser.verdict()->isVisible());
    QVERIFY2(browser.verdict()->text().startsWith(
                 QStringLiteral("Synced: the live object matches git.")),
             qPrintable(browser.verdict()->text()));
    QCOMPARE(browser.diffView()->leftStates(),
             QList<SideBySideDiffView::LineState>{SideBySideDiffView::LineState::Folded});

    // Missing: git's side alone, across the whole width, the caption naming what is absent.
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/Service/gw")));
    QVERIFY(updated.wait(5000));
    QCOMPARE(browser.diffView()->absentSide(), SideBySideDiffView::Side::Right);
    QVERIFY(!browser.diffView()->rightEditor()->isVisible());
    QVERIFY(browser.diffView()->leftEditor()->width() > browser.diffView()->width() * 9 / 10);
    QCOMPARE(browser.diffView()->leftCaption(),
             QStringLiteral("Desired (git), not in the cluster"));
    QVERIFY(browser.diffView()->leftText().contains(QStringLiteral("port: 80")));
    browser.grab().save(QStringLiteral("tst_driftbrowser-missing.png"));

    // Extraneous: the live object alone, without the server's bookkeeping...
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/ConfigMap/extra")));
    QVERIFY(updated.wait(5000));
    QCOMPARE(browser.diffView()->absentSide(), SideBySideDiffView::Side::Left);
    QVERIFY(browser.diffView()->rightEditor()->isVisible());
    QVERIFY(!browser.diffView()->leftEditor()->isVisible());
    QCOMPARE(browser.diffView()->rightCaption(), QStringLiteral("Live (cluster), not in git"));
    const QString live = browser.diffView()->rightText();
    QVERIFY2(live.contains(QStringLiteral("mode: debug")), qPrintable(live));
    QVERIFY2(live.contains(QStringLiteral("team: web")), qPrintable(live));
    for (const char *noise : {"uid:", "resourceVersion:", "managedFields", "creationTimestamp"})
        QVERIFY2(!live.contains(QLatin1String(noise)), noise);
    browser.grab().save(QStringLiteral("tst_driftbrowser-extraneous.png"));
    // ... unless the whole live object is asked for.
    browser.viewActions().value(1)->trigger();
    QVERIFY(updated.wait(5000));
    QVERIFY(browser.diffView()->rightText().contains(QStringLiteral("resourceVersion: ")));

    // Back to a drifted object: both sides again.
    QVERIFY(browser.selectResource(webKey));
    QVERIFY(updated.wait(5000));
    QCOMPARE(browser.diffView()->absentSide(), SideBySideDiffView::Side::None);
    QVERIFY(browser.diffView()->leftEditor()->isVisible());
    QVERIFY(browser.diffView()->rightEditor()->isVisible());
}

void tst_DriftBrowser::speaksGerman()
{
    // As the application starts in German: Qt's own catalogue, when installed, and ours.
    QTranslator qt;
    const bool qtGerman =
        qt.load(QLocale(QLocale::German), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    QTranslator own;
    QVERIFY(own.load(QLocale(QLocale::German), QStringLiteral("gitops-console"),
                     QStringLiteral("_"), QStringLiteral(":/i18n")));
    QCoreApplication::installTranslator(&qt);
    QCoreApplication::installTranslator(&own);
    const auto cleanup = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&own);
        QCoreApplication::removeTranslator(&qt);
    });

    drift::WorkspaceDrift data = snapshot(5);
    data.apps[0].drift.resources[1].health = {drift::Health::Status::Progressing, QString()};
    DriftBrowser browser;
    browser.resize(1300, 800);
    browser.show();
    browser.setSnapshot(data);

    // The filter buttons, the group counts, sync and health values.
    QStringList buttons;
    for (QToolButton *button : browser.findChildren<QToolButton *>()) {
        if (button->isCheckable())
            buttons << button->text();
    }
    QCOMPARE(buttons,
             (QStringList{QStringLiteral("Abweichend"), QStringLiteral("Fehlt"),
                          QStringLiteral("Überzählig"), QStringLiteral("Beeinträchtigt"),
                          QStringLiteral("In Arbeit")}));
    const QAbstractItemModel *model = browser.tree()->model();
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("shop  1 von 62 abweichend"));
    QCOMPARE(model->headerData(DriftTreeModel::HealthColumn, Qt::Horizontal).toString(),
             QStringLiteral("Zustand"));
    QCOMPARE(browser.selectionHint()->title(), QStringLiteral("Nichts ausgewählt"));
    QVERIFY2(browser.selectionHint()->text().startsWith(
                 QStringLiteral("1 App, 62 Ressourcen: 1 abweichend, 61 synchron.")),
             qPrintable(browser.selectionHint()->text()));

    QSignalSpy updated(browser.diffView(), &SideBySideDiffView::updated);
    QVERIFY(browser.selectResource(webKey));
    QVERIFY(updated.wait(5000));
    const QModelIndex web = browser.tree()->currentIndex();
    QCOMPARE(web.siblingAtColumn(DriftTreeModel::SyncColumn).data().toString(),
             QStringLiteral("Abweichend"));
    QCOMPARE(web.siblingAtColumn(DriftTreeModel::HealthColumn).data().toString(),
             QStringLiteral("Gesund"));
    QCOMPARE(browser.verdict()->text(),
             QStringLiteral("Abweichend: Das Ist-Objekt weicht in einem Feld von Git ab."));
    QCOMPARE(browser.diffView()->leftCaption(), QStringLiteral("Soll (git)"));
    QCOMPARE(browser.differences()->headerText(0), QStringLiteral("Pfad"));
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/Deployment.apps/api")));
    QCOMPARE(browser.tree()
                 ->currentIndex()
                 .siblingAtColumn(DriftTreeModel::HealthColumn)
                 .data()
                 .toString(),
             QStringLiteral("In Arbeit"));
    browser.grab().save(QStringLiteral("tst_driftbrowser-de.png"));

    // Qt's own texts too, such as the filter field's context menu.
    if (!qtGerman)
        QSKIP("qtbase_de.qm is not installed (package qt6-translations-l10n)");
    std::unique_ptr<QMenu> menu(browser.findChild<QLineEdit *>()->createStandardContextMenu());
    QStringList entries;
    for (const QAction *action : menu->actions())
        entries << action->text();
    QVERIFY2(entries.value(0).startsWith(QStringLiteral("&Rückgängig")),
             qPrintable(entries.join(u'|')));
}

namespace {

// The delegate as the view calls it when painting a cell.
class PaintedName : public GroupNameDelegate
{
public:
    QString textIn(const QModelIndex &index, int width, const QWidget *view) const
    {
        QStyleOptionViewItem option;
        option.initFrom(view);
        option.widget = view;
        option.rect = QRect(0, 0, width, 20);
        initStyleOption(&option, index);
        return option.text;
    }
};

} // namespace

void tst_DriftBrowser::groupCountsStayWhole()
{
    // A long app name in a narrow column: the name is cut, never its counts.
    drift::AppWorkspaceDrift app = snapshot(5).apps.first();
    app.name = QStringLiteral("payments-platform-eu-west-1-production-blue");
    DriftBrowser browser;
    browser.show();
    browser.setSnapshot(snapshotOf({app}));
    const QModelIndex row = browser.tree()->model()->index(0, 0);
    QCOMPARE(row.data().toString(), app.name + QStringLiteral("  1 of 62 drifted"));
    const PaintedName delegate;
    const QString narrow = delegate.textIn(row, 200, browser.tree());
    QVERIFY2(narrow.endsWith(QStringLiteral("  1 of 62 drifted")), qPrintable(narrow));
    QVERIFY2(narrow.contains(QStringLiteral("…")), qPrintable(narrow));
    QVERIFY(narrow.startsWith(QStringLiteral("pay")));
    QVERIFY(browser.tree()->fontMetrics().horizontalAdvance(narrow) <= 200);
    // Wide enough: as it is.
    QCOMPARE(delegate.textIn(row, 1000, browser.tree()), row.data().toString());
}

void tst_DriftBrowser::differencesFitTheirList()
{
    drift::WorkspaceDrift data = snapshot(5);
    drift::ResourceDrift &web = data.apps[0].drift.resources[0];
    drift::Difference env;
    env.path = QStringLiteral(
        ".spec.template.spec.containers[name=\"web\"].env[name=\"FEATURE_FLAGS_FOR_CHECKOUT\"]."
        "value");
    env.desired = QStringLiteral("checkout-v2,payments-v3,search-ranking-experiment-b");
    env.live = QStringLiteral("checkout-v1");
    env.lastWriter = {QStringLiteral("kubectl-edit-from-a-long-named-tool"),
                      QStringLiteral("Update"), QDateTime::currentDateTimeUtc(),
                      QStringLiteral("edit")};
    web.differences << env;
    DriftBrowser browser;
    browser.resize(1200, 700);
    browser.show();
    browser.setSnapshot(data);
    QVERIFY(browser.selectResource(webKey));
    browser.grab();
    QHeaderView *header = browser.differences()->header();
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    for (int section = 0; section < header->count(); ++section) {
        const QString text = browser.differences()->headerText(section);
        const int needed = header->fontMetrics().horizontalAdvance(text) + 2 * margin;
        QVERIFY2(header->sectionSize(section) >= needed, qPrintable(text));
        QVERIFY2(header->sectionViewportPosition(section) + needed <= header->viewport()->width(),
                 qPrintable(text + QStringLiteral(" is cut by the list's edge")));
    }
    browser.grab().save(QStringLiteral("tst_driftbrowser-differences.png"));
}

void tst_DriftBrowser::errorRedReadsInBothThemes()
{
    drift::AppWorkspaceDrift broken;
    broken.name = QStringLiteral("broken");
    broken.notes << manifest::SourceNote{manifest::SourceNote::Kind::Error,
                                         QStringLiteral("apps/broken/bad.yaml"), 6, 8,
                                         QStringLiteral("quoted text is not closed")};
    DriftBrowser browser;
    browser.show();
    browser.setSnapshot(snapshotOf({broken}));
    const QModelIndex row = browser.tree()->model()->index(0, 0);
    const auto cleanup = qScopeGuard([] { Theme::apply(Theme::Choice::System); });
    for (const Theme::Choice choice : {Theme::Choice::Light, Theme::Choice::Dark}) {
        Theme::apply(choice);
        QTRY_COMPARE(browser.tree()->palette().color(QPalette::Base),
                     qApp->palette().color(QPalette::Base));
        const QColor red = row.data(Qt::ForegroundRole).value<QColor>();
        const QColor base = browser.tree()->palette().color(QPalette::Base);
        QVERIFY2(red.red() > red.green() + 80, qPrintable(red.name()));
        QVERIFY2(contrast(red, base) >= 4.5, qPrintable(red.name() + u' ' + base.name()));
    }
}

// The Controller column appears once the cluster defines an app: Argo CD's own verdict,
// marked "≠" with both verdicts in the tooltip where it differs from the console's.
void tst_DriftBrowser::controllerColumnShowsTheSecondOpinion()
{
    DriftBrowser browser;
    browser.resize(1300, 800);
    browser.show();
    browser.setSnapshot(snapshot(5));
    QVERIFY(browser.tree()->isColumnHidden(DriftTreeModel::ControllerColumn));

    drift::WorkspaceDrift withArgo = snapshot(5);
    ControllerVerdict &argo = withArgo.apps[0].controller;
    argo.controller = ControllerVerdict::Controller::ArgoCd;
    argo.sync = QStringLiteral("Synced");
    argo.health = QStringLiteral("Healthy");
    browser.setSnapshot(withArgo);
    QVERIFY(!browser.tree()->isColumnHidden(DriftTreeModel::ControllerColumn));
    const QAbstractItemModel *model = browser.tree()->model();
    const QModelIndex app = model->index(0, DriftTreeModel::ControllerColumn);
    QCOMPARE(app.data().toString(), QStringLiteral("\u2260 Synced/Healthy"));
    QVERIFY2(app.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Argo CD says Synced")),
             qPrintable(app.data(Qt::ToolTipRole).toString()));
    QCOMPARE(model->headerData(DriftTreeModel::ControllerColumn, Qt::Horizontal).toString(),
             QStringLiteral("Controller"));
    browser.grab().save(QStringLiteral("tst_driftbrowser-controller.png"));
}

QTEST_MAIN(tst_DriftBrowser)
#include "tst_driftbrowser.moc"
