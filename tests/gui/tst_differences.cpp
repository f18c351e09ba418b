// The Differences list of one resource: its model's keyed updates (a live update keeps the
// rows that are still there, with their selection), and choosing a difference shows that
// field's lines in the side-by-side diff, found by its JSON pointer (label keys with dots
// and slashes too).
#include "differencelist.h"
#include "differencesmodel.h"
#include "driftbrowser.h"
#include "sidebysidediffview.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

drift::Difference field(const QString &key, const QJsonValue &desired, const QJsonValue &live)
{
    drift::Difference difference;
    difference.path = QStringLiteral(".data[\"%1\"]").arg(key);
    difference.desiredPointer = QStringLiteral("/data/") + key;
    difference.livePointer = difference.desiredPointer;
    difference.desired = desired;
    difference.live = live;
    return difference;
}

QStringList pathsOf(const DifferencesModel &model)
{
    QStringList paths;
    for (int row = 0; row < model.rowCount(); ++row)
        paths << model.index(row, DifferencesModel::PathColumn).data().toString();
    return paths;
}

QJsonObject json(const QByteArray &text)
{
    return QJsonDocument::fromJson(text).object();
}

const QString labelPath = QStringLiteral(R"(.metadata.labels["app.kubernetes.io/name"])");

// A Deployment whose label app.kubernetes.io/name was changed live, and whose image
// differs too; forty env entries come before the image, so the two are far apart.
drift::ResourceDrift labelled()
{
    QByteArray env;
    for (int i = 0; i < 40; ++i)
        env += (i ? "," : "") + QStringLiteral(R"({"name":"VAR_%1","value":"%1"})").arg(i).toUtf8();
    const QByteArray text = R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","namespace":"shop","labels":{"app":"web",
            "app.kubernetes.io/name":"%NAME%","app.kubernetes.io/part-of":"shop"}},
        "spec":{"template":{"spec":{"containers":[{"name":"web","image":"%IMAGE%",
            "env":[)"
        + env + R"(]}]}}}})";
    drift::ResourceDrift r;
    r.id = {QStringLiteral("apps"), QStringLiteral("Deployment"), QStringLiteral("shop"),
            QStringLiteral("web")};
    r.desired = json(QByteArray(text).replace("%NAME%", "web").replace("%IMAGE%", "nginx:1.27"));
    r.liveProjection =
        json(QByteArray(text).replace("%NAME%", "storefront").replace("%IMAGE%", "nginx:1.28"));
    r.live = r.liveProjection;
    r.status = drift::SyncStatus::OutOfSync;
    r.health = {drift::Health::Status::Healthy, QString()};
    drift::Difference label;
    label.path = labelPath;
    label.desiredPointer = QStringLiteral("/metadata/labels/app.kubernetes.io~1name");
    label.livePointer = label.desiredPointer;
    label.desired = QStringLiteral("web");
    label.live = QStringLiteral("storefront");
    drift::Difference image;
    image.path = QStringLiteral(R"(.spec.template.spec.containers[name="web"].image)");
    image.desiredPointer = QStringLiteral("/spec/template/spec/containers/0/image");
    image.livePointer = image.desiredPointer;
    image.desired = QStringLiteral("nginx:1.27");
    image.live = QStringLiteral("nginx:1.28");
    r.differences = {label, image};
    return r;
}

// The text of the line an editor's cursor is on.
QString cursorLine(const QPlainTextEdit *editor)
{
    return editor->textCursor().block().text();
}

} // namespace

class tst_Differences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyedUpdatesKeepRows();
    void jumpsToADottedLabelKey();
};

void tst_Differences::keyedUpdatesKeepRows()
{
    DifferencesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

    model.setDifferences({field(QStringLiteral("a"), 1, 2), field(QStringLiteral("b"), 1, 2),
                          field(QStringLiteral("c"), 1, 2), field(QStringLiteral("d"), 1, 2)});
    QCOMPARE(
        pathsOf(model),
        (QStringList{u".data[\"a\"]"_s, u".data[\"b\"]"_s, u".data[\"c\"]"_s, u".data[\"d\"]"_s}));
    const QPersistentModelIndex c = model.index(2, DifferencesModel::LiveColumn);
    const QPersistentModelIndex d = model.index(3, DifferencesModel::PathColumn);
    changed.clear();
    inserted.clear();

    // b goes, c's live value changes, d comes before c, e is new at the end.
    model.setDifferences({field(QStringLiteral("a"), 1, 2), field(QStringLiteral("d"), 1, 2),
                          field(QStringLiteral("c"), 1, 3), field(QStringLiteral("e"), 1, 2)});
    QCOMPARE(
        pathsOf(model),
        (QStringList{u".data[\"a\"]"_s, u".data[\"d\"]"_s, u".data[\"c\"]"_s, u".data[\"e\"]"_s}));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(moved.size(), 1);
    // Only c's row changed; the index held on it follows it and shows the new value.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.constFirst().at(0).toModelIndex().row(), 2);
    QVERIFY(c.isValid());
    QCOMPARE(c.row(), 2);
    QCOMPARE(c.data().toString(), QStringLiteral("3"));
    QCOMPARE(d.row(), 1);
    QCOMPARE(model.rowOf(u".data[\"e\"]"_s), 3);
    QCOMPARE(model.rowOf(u".data[\"b\"]"_s), -1);

    // The same list again changes nothing.
    changed.clear();
    model.setDifferences(model.differences());
    QCOMPARE(changed.size(), 0);
    QCOMPARE(resets.size(), 0);

    // Absent sides read "(not set)"; everything can go.
    model.setDifferences({field(QStringLiteral("a"), QJsonValue(QJsonValue::Undefined), 2)});
    QCOMPARE(model.index(0, DifferencesModel::DesiredColumn).data().toString(),
             QStringLiteral("(not set)"));
    model.setDifferences({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(resets.size(), 0);
}

void tst_Differences::jumpsToADottedLabelKey()
{
    DriftBrowser browser;
    browser.resize(1200, 500);
    browser.show();
    drift::AppWorkspaceDrift shop;
    shop.name = QStringLiteral("shop");
    shop.drift = drift::AppDrift::of({labelled()});
    drift::WorkspaceDrift snapshot;
    snapshot.apps = {shop};
    snapshot.revision = QStringLiteral("main");
    snapshot.context = QStringLiteral("demo");
    browser.setSnapshot(snapshot);
    QVERIFY(browser.selectResource(QStringLiteral("shop/shop/Deployment.apps/web")));
    SideBySideDiffView *diff = browser.diffView();
    QTRY_COMPARE(diff->leftStates().count(SideBySideDiffView::LineState::Changed), 2);
    DifferenceList *differences = browser.differences();
    QCOMPARE(differences->text(0, DifferenceList::PathColumn), labelPath);

    // The image (below the forty env entries, which are folded): its lines on both sides.
    differences->setCurrentRow(1);
    QCOMPARE(cursorLine(diff->leftEditor()).trimmed(), QStringLiteral("image: nginx:1.27"));
    QCOMPARE(cursorLine(diff->rightEditor()).trimmed(), QStringLiteral("image: nginx:1.28"));

    // Unfolded, the image is far down; choosing the label goes back up to the label's line
    // on both sides, its cursor on it.
    diff->expandAll();
    differences->setCurrentRow(0);
    differences->setCurrentRow(1);
    QCOMPARE(cursorLine(diff->leftEditor()).trimmed(), QStringLiteral("image: nginx:1.27"));
    const int imageTop = diff->firstVisibleLine();
    QVERIFY2(imageTop > 40, qPrintable(QString::number(imageTop)));
    differences->setCurrentRow(0);
    QCOMPARE(cursorLine(diff->leftEditor()), QStringLiteral("    app.kubernetes.io/name: web"));
    QCOMPARE(cursorLine(diff->rightEditor()),
             QStringLiteral("    app.kubernetes.io/name: storefront"));
    QCOMPARE(diff->leftEditor()->textCursor().selectedText(),
             QStringLiteral("    app.kubernetes.io/name: web"));
    const int labelLine = diff->leftEditor()->textCursor().blockNumber();
    QVERIFY(diff->firstVisibleLine() < imageTop);
    QVERIFY(diff->firstVisibleLine() <= labelLine);
    QVERIFY(labelLine < diff->firstVisibleLine()
                + diff->leftEditor()->viewport()->height()
                    / diff->leftEditor()->fontMetrics().lineSpacing());
}

QTEST_MAIN(tst_Differences)
#include "tst_differences.moc"
