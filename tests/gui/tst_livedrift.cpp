// The whole path a user takes: a git repository with an app, the local API server over
// HTTPS with the kubeconfig it writes, the main window comparing them, and a live change
// on the cluster showing up in the open window.
#include "gitfixture.h"

#include "apiserver.h"
#include "differencelist.h"
#include "driftbrowser.h"
#include "itemmodels/drifttreemodel.h"
#include "mainwindow.h"
#include "sidebysidediffview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>

using namespace gitops;

namespace {

// Eight kinds, so that the app needs more watches than one HTTP/1.1 host allows
// connections (six in QtNetwork): the live updates must still arrive.
const char *manifests = R"(apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: demo}
data: {mode: production}
---
apiVersion: v1
kind: Secret
metadata: {name: token, namespace: demo}
stringData: {token: abc}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: demo}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: demo}
rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: demo}
spec: {podSelector: {}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: demo}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
)";

const QString webKey = QStringLiteral("apps/web/demo/Deployment.apps/web");
const QString wideKey = QStringLiteral("apps/web/demo/ConfigMap/wide");

// A ConfigMap of forty keys, each with @p side's value ("git-07", "live-07"): forty
// differences, more than the Differences list shows at once.
QByteArray wideConfigMap(const QString &side)
{
    QStringList data;
    for (int i = 0; i < 40; ++i)
        data << QStringLiteral("key-%1: %2-%1").arg(i, 2, 10, QLatin1Char('0')).arg(side);
    return QStringLiteral("---\napiVersion: v1\nkind: ConfigMap\n"
                          "metadata: {name: wide, namespace: demo}\ndata: {%1}\n")
        .arg(data.join(QStringLiteral(", ")))
        .toUtf8();
}

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

// The most common colour of @p image (its background).
QColor backgroundOf(const QImage &image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            ++counts[image.pixel(x, y)];
    }
    QRgb most = 0;
    int count = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > count) {
            count = it.value();
            most = it.key();
        }
    }
    return QColor::fromRgb(most);
}

// How the text in @p image reads on @p background: the contrast of its glyphs (the
// strongest tenth, antialiasing aside).
double glyphContrast(const QImage &image, const QColor &background)
{
    QList<double> contrasts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.lightness() - background.lightness()) > 30)
                contrasts << contrast(pixel, background);
        }
    }
    if (contrasts.size() < 50)
        return 0;
    std::sort(contrasts.begin(), contrasts.end());
    return contrasts.at(contrasts.size() * 9 / 10);
}

drift::SyncStatus syncOf(MainWindow &window, const QString &key)
{
    const QModelIndex index = window.browser()->model()->indexForKey(key);
    return index.isValid() ? drift::SyncStatus(index.data(DriftTreeModel::SyncRole).toInt())
                           : drift::SyncStatus::Unknown;
}

} // namespace

class tst_LiveDrift : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsDriftAndFollowsTheCluster();
    void differencesKeepTheirPlaceAcrossAWatchEvent();
    void aSlowListingShowsProgressAndCancels();

private:
    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_repository;
};

void tst_LiveDrift::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));

    // git says 2 replicas; someone scaled the cluster to 5.
    m_repository = m_dir.filePath(QStringLiteral("fleet"));
    QVERIFY(QDir().mkpath(m_repository + QStringLiteral("/apps/web")));
    QFile app(m_repository + QStringLiteral("/apps/web/web.yaml"));
    QVERIFY(app.open(QIODevice::WriteOnly));
    app.write(manifests + wideConfigMap(QStringLiteral("git")));
    app.close();
    test::runGit(m_repository,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(m_repository, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(m_repository,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("web")});
    QDir seed(m_dir.filePath(QStringLiteral("seed")));
    QVERIFY(seed.mkpath(QStringLiteral(".")));
    QFile seedFile(seed.filePath(QStringLiteral("web.yaml")));
    QVERIFY(seedFile.open(QIODevice::WriteOnly));
    seedFile.write(QByteArray(manifests).replace("replicas: 2", "replicas: 5")
                   + wideConfigMap(QStringLiteral("live")));
    seedFile.close();
    const QStringList errors = m_server.seed(seed.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
}

void tst_LiveDrift::showsDriftAndFollowsTheCluster()
{
    MainWindow window;
    window.resize(1300, 800);
    window.show();
    QCOMPARE(window.contextSelector()->findText(QStringLiteral("admin")) >= 0, true);
    window.selectWhenAvailable(webKey);
    QSignalSpy displayed(&window, &MainWindow::resourceDisplayed);
    window.openWorkspace(m_repository);
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));

    // The scaled Deployment is OutOfSync, the rest of the app Synced.
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(window, webKey), drift::SyncStatus::OutOfSync, 20000);
    QCOMPARE(syncOf(window, QStringLiteral("apps/web/demo/ConfigMap/settings")),
             drift::SyncStatus::Synced);
    QCOMPARE(syncOf(window, QStringLiteral("apps/web/demo/Service/web")),
             drift::SyncStatus::Synced);
    QCOMPARE(syncOf(window, QStringLiteral("apps/web//Namespace/demo")), drift::SyncStatus::Synced);
    QVERIFY(displayed.size() > 0 || displayed.wait(10000));
    QCOMPARE(window.browser()->selectedKey(), webKey);
    SideBySideDiffView *diff = window.browser()->diffView();
    // The side-by-side view settles after each snapshot (a relist shows git's side alone for
    // a moment; the alignment follows the texts): wait for git's replicas beside live's, on
    // a changed line.
    const auto replicasSideBySide = [diff] {
        const QStringList left = diff->leftText().split(u'\n');
        const QStringList right = diff->rightText().split(u'\n');
        const QList<SideBySideDiffView::LineState> states = diff->leftStates();
        const qsizetype line = left.indexOf(QStringLiteral("  replicas: 2"));
        return line >= 0 && line < right.size() && line < states.size()
            && right.at(line) == QStringLiteral("  replicas: 5")
            && states.at(line) == SideBySideDiffView::LineState::Changed;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(replicasSideBySide(), qPrintable(diff->leftText()), 10000);
    const int line = int(diff->leftText().split(u'\n').indexOf(QStringLiteral("  replicas: 2")));
    QCOMPARE(window.browser()->differences()->text(0, DifferenceList::PathColumn),
             QStringLiteral(".spec.replicas"));
    window.grab().save(QStringLiteral("tst_livedrift.png"));

    // View › Theme › Dark: the window turns dark, and the tree, the diff and its tinted
    // lines stay readable.
    QAction *dark = window.findChild<QAction *>(QStringLiteral("theme-dark"));
    QVERIFY(dark);
    dark->trigger();
    QCOMPARE(QSettings().value(QStringLiteral("view/theme")).toString(), QStringLiteral("dark"));
    // Widgets take the application's new palette from a posted event.
    QTRY_VERIFY(window.browser()->tree()->palette().color(QPalette::Base).lightness() < 60);
    window.grab().save(QStringLiteral("tst_livedrift-dark.png"));
    const QImage tree = window.browser()->tree()->viewport()->grab().toImage();
    const QColor treeBackground = backgroundOf(tree);
    QVERIFY2(treeBackground.lightness() < 60, qPrintable(treeBackground.name()));
    QVERIFY2(glyphContrast(tree, treeBackground) >= 4.5,
             qPrintable(QString::number(glyphContrast(tree, treeBackground))));
    QPlainTextEdit *live = diff->rightEditor();
    const QImage liveImage = live->viewport()->grab().toImage();
    const QColor diffBackground = backgroundOf(liveImage);
    QVERIFY2(diffBackground.lightness() < 60, qPrintable(diffBackground.name()));
    QVERIFY2(glyphContrast(liveImage, diffBackground) >= 4.5,
             qPrintable(QString::number(glyphContrast(liveImage, diffBackground))));
    // The changed line "replicas: 5": its tint against its own text.
    const QRect lineRect = live->cursorRect(QTextCursor(live->document()->findBlockByNumber(line)));
    const qreal ratio = liveImage.devicePixelRatio();
    const QImage changedLine = liveImage.copy(
        QRect(0, int(lineRect.top() * ratio), liveImage.width(), int(lineRect.height() * ratio)));
    const QColor tint = changedLine.pixelColor(changedLine.width() - 3, changedLine.height() / 2);
    QVERIFY2(tint != diffBackground, qPrintable(tint.name()));
    QVERIFY2(glyphContrast(changedLine, tint) >= 4.5,
             qPrintable(tint.name() + u' ' + QString::number(glyphContrast(changedLine, tint))));
    // Remembered: the next window opens dark, with Dark ticked.
    {
        MainWindow next;
        QVERIFY(next.findChild<QAction *>(QStringLiteral("theme-dark"))->isChecked());
        QCOMPARE(qApp->palette().color(QPalette::Base).lightness() < 60, true);
    }
    window.findChild<QAction *>(QStringLiteral("theme-system"))->trigger();
    QTRY_VERIFY(window.browser()->tree()->palette().color(QPalette::Base).lightness() > 128);

    // Exact mode, for the whole app: git's objects as the server would store them, defaults
    // and all, beside live.
    window.browser()->exactToggle()->click();
    QTRY_COMPARE_WITH_TIMEOUT(diff->leftCaption(),
                              QStringLiteral("Desired after apply (server dry-run)"), 10000);
    // The texts follow once their alignment is computed; the defaults are the same on both
    // sides, so they start folded.
    const auto shownInFull = [diff] {
        diff->expandAll();
        return diff->leftText();
    };
    QTRY_VERIFY_WITH_TIMEOUT(shownInFull().contains(QStringLiteral("progressDeadlineSeconds: 600")),
                             10000);
    QTRY_VERIFY2_WITH_TIMEOUT(replicasSideBySide(), qPrintable(diff->leftText()), 10000);
    // Every resource of the app is dry-run, and the tree says which verdicts come from it.
    const QModelIndex settings =
        window.browser()->model()->indexForKey(QStringLiteral("apps/web/demo/ConfigMap/settings"));
    QTRY_VERIFY_WITH_TIMEOUT(settings.data(DriftTreeModel::ExactRole).toBool(), 10000);
    QCOMPARE(syncOf(window, QStringLiteral("apps/web/demo/ConfigMap/settings")),
             drift::SyncStatus::Synced);
    window.grab().save(QStringLiteral("tst_livedrift-exact.png"));
    window.browser()->exactToggle()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!settings.data(DriftTreeModel::ExactRole).toBool(), 10000);
    QTRY_COMPARE(diff->leftCaption(), QStringLiteral("Desired (git)"));
    QTRY_VERIFY(!shownInFull().contains(QStringLiteral("progressDeadlineSeconds")));

    // Someone scales it back: the row turns Synced, and stays selected.
    const auto type = m_server.registry().byKind(QStringLiteral("apps"), QStringLiteral("v1"),
                                                 QStringLiteral("Deployment"));
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.scale(
        *type, QStringLiteral("demo"), QStringLiteral("web"), 2, QStringLiteral("kubectl"))));
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(window, webKey), drift::SyncStatus::Synced, 10000);
    QCOMPARE(window.browser()->selectedKey(), webKey);

    // A change to the last of the eight kinds arrives too.
    m_server.apply(QJsonDocument::fromJson(R"({"apiVersion":"v1","kind":"ConfigMap",
        "metadata":{"name":"settings","namespace":"demo"},"data":{"mode":"debug"}})")
                       .object(),
                   QStringLiteral("kubectl-edit"));
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(window, QStringLiteral("apps/web/demo/ConfigMap/settings")),
                              drift::SyncStatus::OutOfSync, 10000);
}

void tst_LiveDrift::differencesKeepTheirPlaceAcrossAWatchEvent()
{
    MainWindow window;
    window.resize(1300, 800);
    window.show();
    window.selectWhenAvailable(wideKey);
    window.openWorkspace(m_repository);
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));
    QTRY_COMPARE_WITH_TIMEOUT(syncOf(window, wideKey), drift::SyncStatus::OutOfSync, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window.browser()->selectedKey(), wideKey, 10000);
    DifferenceList *differences = window.browser()->differences();
    QTRY_COMPARE_WITH_TIMEOUT(differences->rowCount(), 40, 10000);
    const auto rowOf = [differences](const QString &key) {
        for (int row = 0; row < differences->rowCount(); ++row) {
            if (differences->text(row, DifferenceList::PathColumn).contains(key))
                return row;
        }
        return -1;
    };
    const auto pathsOf = [](const QList<drift::Difference> &chosen) {
        QStringList paths;
        for (const drift::Difference &difference : chosen)
            paths << difference.path;
        return paths;
    };

    // The user picks key-30 and key-31, far down the list, and scrolls to them.
    const int first = rowOf(QStringLiteral("key-30"));
    QVERIFY(first >= 0);
    QCOMPARE(rowOf(QStringLiteral("key-31")), first + 1);
    differences->setCurrentRow(first);
    differences->selectionModel()->select(differences->model()->index(first + 1, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    differences->scrollTo(differences->model()->index(first, 0), QAbstractItemView::PositionAtTop);
    const int scroll = differences->verticalScrollBar()->value();
    QVERIFY2(scroll > 0, "the forty differences should not fit the list");
    const QStringList chosen = pathsOf(differences->selectedDifferences());
    QCOMPARE(chosen.size(), 2);
    const QString current = differences->text(first, DifferenceList::PathColumn);

    // Someone edits another key of the same ConfigMap: the watch event updates its row,
    // and the user's selection, current row and scroll position stay.
    QStringList data;
    for (int i = 0; i < 40; ++i)
        data << QStringLiteral(R"("key-%1":"%2")")
                    .arg(i, 2, 10, QLatin1Char('0'))
                    .arg(i == 5 ? QStringLiteral("edited")
                                : QStringLiteral("live-%1").arg(i, 2, 10, QLatin1Char('0')));
    const QJsonObject edited =
        QJsonDocument::fromJson(QStringLiteral(R"({"apiVersion":"v1","kind":"ConfigMap",
                "metadata":{"name":"wide","namespace":"demo"},"data":{%1}})")
                                    .arg(data.join(u','))
                                    .toUtf8())
            .object();
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.apply(edited, QStringLiteral("kubectl-edit"))));
    QTRY_COMPARE_WITH_TIMEOUT(
        differences->text(rowOf(QStringLiteral("key-05")), DifferenceList::LiveColumn),
        QStringLiteral("edited"), 10000);
    QCOMPARE(differences->rowCount(), 40);
    QCOMPARE(pathsOf(differences->selectedDifferences()), chosen);
    QCOMPARE(differences->text(differences->currentRow(), DifferenceList::PathColumn), current);
    QCOMPARE(differences->verticalScrollBar()->value(), scroll);
    window.grab().save(QStringLiteral("tst_livedrift-differences.png"));
}

void tst_LiveDrift::aSlowListingShowsProgressAndCancels()
{
    // Every request takes two seconds: the status bar counts the kinds as they are listed
    // and offers to stop.
    kubeemu::FaultSettings slow;
    slow.latencyMs = 2000;
    m_server.setFaults(slow);
    MainWindow window;
    window.resize(1300, 800);
    window.show();
    window.openWorkspace(m_repository);
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.progressLabel()->text().startsWith(QStringLiteral("Listing kinds in admin…")),
        15000);
    QVERIFY(window.progressLabel()->isVisible());
    QVERIFY2(
        window.progressLabel()->text().contains(QRegularExpression(QStringLiteral(" \\d+/\\d+$"))),
        qPrintable(window.progressLabel()->text()));
    QVERIFY(window.stopAction()->isEnabled());
    QCOMPARE(window.stopAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Period));
    window.grab().save(QStringLiteral("tst_livedrift-listing.png"));

    window.stopAction()->trigger();
    QVERIFY(!window.progressLabel()->isVisible());
    QVERIFY(!window.stopAction()->isEnabled());
    // Nothing pretends to be compared: the resources are Unknown and say why.
    const auto reason = [&] {
        return window.browser()
            ->model()
            ->indexForKey(webKey)
            .data(DriftTreeModel::ErrorRole)
            .toString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(reason().contains(QStringLiteral("cancelled")), 10000);
    QCOMPARE(syncOf(window, webKey), drift::SyncStatus::Unknown);
    m_server.setFaults({});
}

QTEST_MAIN(tst_LiveDrift)
#include "tst_livedrift.moc"
