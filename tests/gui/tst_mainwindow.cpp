#include "gitfixture.h"
#include "imagecheck.h"

#include "comparepane.h"
#include "differencelist.h"
#include "driftbrowser.h"
#include "driftpresentationmodel.h"
#include "emptystate.h"
#include "itemmodels/drifttreemodel.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "sidebysidediffview.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>
#include <QTreeView>

using namespace gitops;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsHonestEmptyStates();
    void rendersSomethingVisible();
    void menusOfferKeyboardAccess();
    void opensARepository();
    void reportsAFolderThatIsNoRepository();
    void reportsABrokenKubeconfig();
    void speaksGerman();
    void showsWhatGitCouldNotRead();
    void layoutFits_data();
    void layoutFits();

private:
    QTemporaryDir m_settings;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("gitops-console-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void tst_MainWindow::init()
{
    QSettings().clear();
}

void tst_MainWindow::showsHonestEmptyStates()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QVERIFY(window.resourceEmptyState()->isVisible());
    QCOMPARE(window.resourceEmptyState()->title(), QStringLiteral("Open a repository…"));
    QVERIFY(window.contextStatus()->isVisible());
    QCOMPARE(window.contextStatus()->text(), QStringLiteral("No cluster context selected"));
    QVERIFY(window.comparePane()->isVisible());
    QVERIFY(!window.banner()->isVisible());
    // The button in the empty state opens a repository, like File > Open.
    auto *button = window.resourceEmptyState()->findChild<QPushButton *>();
    QVERIFY(button && button->isVisible());
}

void tst_MainWindow::rendersSomethingVisible()
{
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QImage image = window.grab().toImage();
    QCOMPARE(image.size(), QSize(1000, 700) * image.devicePixelRatio());
    const test::ImageContent content = test::inspect(image);
    // Text, icons and frames: a blank or single-colour grab fails both.
    QVERIFY2(content.distinctColours > 30, qPrintable(QString::number(content.distinctColours)));
    QVERIFY2(content.foregroundShare > 0.01, qPrintable(QString::number(content.foregroundShare)));

    // The empty state's own area carries visible text, not only the window chrome.
    const QImage area = window.resourceEmptyState()->grab().toImage();
    QVERIFY(test::inspect(area).foregroundShare > 0.003);
}

void tst_MainWindow::menusOfferKeyboardAccess()
{
    MainWindow window;
    QStringList menus;
    QAction *open = nullptr;
    QAction *refresh = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        menus << menu->text();
        for (QAction *action : menu->menu()->actions()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Open))
                open = action;
            if (action->shortcut() == QKeySequence(Qt::Key_F5))
                refresh = action;
        }
    }
    QCOMPARE(menus,
             (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&View"),
                          QStringLiteral("&Change"), QStringLiteral("&Help")}));
    QVERIFY(open);
    QVERIFY(refresh);
    QVERIFY2(!refresh->isEnabled(), "nothing to refresh before a workspace is open");
}

void tst_MainWindow::opensARepository()
{
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    const QString commit = test::makeRepository(repository);

    MainWindow window;
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(repository);
    QVERIFY(shown.wait(10000));

    QVERIFY(!window.banner()->isVisible());
    QCOMPARE(window.workspace().headCommit, commit);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("fleet")));
    // The revision picker: HEAD with its branch and commit first, then the working tree and
    // the branches.
    QComboBox *revisions = window.revisionSelector();
    QVERIFY(revisions->isEnabled());
    QCOMPARE(revisions->currentText(), QStringLiteral("HEAD (main at %1)").arg(commit.left(8)));
    QCOMPARE(revisions->itemData(1).toString(), QStringLiteral("WORKING"));
    QVERIFY(revisions->findData(QStringLiteral("main")) >= 0);
    // The repository holds no manifests: the window says so instead of inventing apps.
    QTRY_COMPARE_WITH_TIMEOUT(window.resourceEmptyState()->title(), QStringLiteral("No apps found"),
                              10000);
    // A revision that does not exist is no empty repository: the window says what failed.
    window.selectRevision(QStringLiteral("no-such-branch"));
    QTRY_COMPARE_WITH_TIMEOUT(window.resourceEmptyState()->title(),
                              QStringLiteral("Git's side could not be read"), 10000);
    QVERIFY2(window.resourceEmptyState()->text().contains(QStringLiteral("no-such-branch")),
             qPrintable(window.resourceEmptyState()->text()));
    window.selectRevision(QStringLiteral("HEAD"));
    QTRY_COMPARE_WITH_TIMEOUT(window.resourceEmptyState()->title(), QStringLiteral("No apps found"),
                              10000);

    // Remembered for File > Open Recent.
    QCOMPARE(QSettings().value(QStringLiteral("workspace/recent")).toStringList(),
             QStringList{window.workspace().root});
}

void tst_MainWindow::reportsAFolderThatIsNoRepository()
{
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(dir.path());
    QVERIFY(shown.wait(10000));

    QVERIFY(window.banner()->isVisible());
    QCOMPARE(window.banner()->kind(), MessageBanner::Kind::Error);
    QVERIFY2(window.banner()->message().contains(dir.path()),
             qPrintable(window.banner()->message()));
    QVERIFY(window.banner()->message().contains(QStringLiteral("not inside a git repository")));
    // The window stays usable: the empty state still offers to open a repository.
    QCOMPARE(window.resourceEmptyState()->title(), QStringLiteral("Open a repository…"));

    // Escape closes the banner.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Escape);
    QTRY_VERIFY(!window.banner()->isVisible()); // a shortcut clicks its button animated
}

// A kubeconfig that does not parse: the banner names its file and line at start, and a
// context chosen on the command line says the kubeconfig is why it cannot be used.
void tst_MainWindow::reportsABrokenKubeconfig()
{
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(QStringLiteral("config"));
    QFile file(kubeconfig);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster: [server\n");
    file.close();
    const QByteArray saved = qgetenv("KUBECONFIG");
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));
    MainWindow window;
    qputenv("KUBECONFIG", saved);
    window.show();
    QVERIFY(window.banner()->isVisible());
    QCOMPARE(window.banner()->kind(), MessageBanner::Kind::Warning);
    QVERIFY2(window.banner()->message().contains(kubeconfig + u':'),
             qPrintable(window.banner()->message()));

    QSignalSpy problems(window.document()->session(), &WorkspaceSession::problem);
    window.selectContext(QStringLiteral("admin"));
    QVERIFY(!problems.isEmpty());
    const QString problem = problems.last().first().toString();
    QVERIFY2(problem.contains(u"the kubeconfig could not be read") && problem.contains(kubeconfig),
             qPrintable(problem));
}

void tst_MainWindow::speaksGerman()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::German), QStringLiteral("gitops-console"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QCoreApplication::installTranslator(&translator);
    const auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
    MainWindow window;
    QCOMPARE(window.resourceEmptyState()->title(), QStringLiteral("Ein Repository öffnen …"));
    QCOMPARE(window.contextStatus()->text(), QStringLiteral("Kein Cluster-Kontext ausgewählt"));
    // The View menu, its Theme submenu, and a banner.
    QStringList menus;
    for (QAction *menu : window.menuBar()->actions())
        menus << menu->text();
    // Edit and Change (change requests) are new: their German names are not in the
    // catalogue yet.
    QCOMPARE(menus.size(), 5);
    QCOMPARE((QStringList{menus.at(0), menus.at(2), menus.at(4)}),
             (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Ansicht"),
                          QStringLiteral("&Hilfe")}));
    QVERIFY(window.findChild<QAction *>(QStringLiteral("theme-dark")));
    QCOMPARE(window.findChild<QAction *>(QStringLiteral("theme-dark"))->text(),
             QStringLiteral("&Dunkel"));
    QTemporaryDir dir;
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(dir.path());
    QVERIFY(shown.wait(10000));
    QVERIFY2(window.banner()->message().startsWith(
                 QStringLiteral("Der Arbeitsbereich konnte nicht geöffnet werden.")),
             qPrintable(window.banner()->message()));
}

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

// The index of the top-level row whose name starts with @p name.
QModelIndex appRow(const QAbstractItemModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(DriftTreeModel::KeyRole).toString() == name)
            return index;
    }
    return {};
}

} // namespace

void tst_MainWindow::showsWhatGitCouldNotRead()
{
    // apps/web: one file reads, one has a YAML error; apps/chart: a Helm chart.
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    writeFile(repository + QStringLiteral("/apps/web/good.yaml"),
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n  namespace: web\n");
    writeFile(repository + QStringLiteral("/apps/web/bad.yaml"),
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndata:\n"
              "  mode: \"production\n");
    writeFile(repository + QStringLiteral("/apps/chart/Chart.yaml"),
              "apiVersion: v2\nname: chart\nversion: 0.1.0\n");
    test::runGit(repository,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(repository, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(repository,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("apps")});

    MainWindow window;
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openWorkspace(repository);
    const QAbstractItemModel *tree = window.browser()->tree()->model();
    QTRY_VERIFY_WITH_TIMEOUT(appRow(tree, QStringLiteral("apps/web")).isValid()
                                 && appRow(tree, QStringLiteral("apps/chart")).isValid(),
                             10000);

    // The banner names the file, line and column.
    QTRY_VERIFY(window.banner()->isVisible());
    QCOMPARE(window.banner()->kind(), MessageBanner::Kind::Error);
    const QString message = window.banner()->message();
    QVERIFY2(message.contains(QStringLiteral("apps/web/bad.yaml:6:")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("quoted text is not closed")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Helm chart")), qPrintable(message));

    // The app with the broken file is red, with the error as tooltip, and never Synced.
    const QModelIndex web = appRow(tree, QStringLiteral("apps/web"));
    const QString tooltip = web.data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(QStringLiteral("apps/web/bad.yaml:6:")), qPrintable(tooltip));
    QVERIFY(web.siblingAtColumn(DriftTreeModel::SyncColumn).data().toString()
            != QStringLiteral("Synced"));
    window.grab(); // lay out and paint once
    const QRect rect = window.browser()->tree()->visualRect(web);
    const QImage image = window.browser()->tree()->viewport()->grab(rect).toImage();
    int red = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor colour = image.pixelColor(x, y);
            if (colour.red() > 150 && colour.green() < 100 && colour.blue() < 100)
                ++red;
        }
    }
    QVERIFY2(red > 20, qPrintable(QString::number(red)));

    // The Helm chart app has no verdict at all.
    const QModelIndex chart = appRow(tree, QStringLiteral("apps/chart"));
    QCOMPARE(chart.siblingAtColumn(DriftTreeModel::SyncColumn).data().toString(),
             QStringLiteral("Unknown"));
    QCOMPARE(chart.siblingAtColumn(DriftTreeModel::HealthColumn).data().toString(),
             QStringLiteral("Unknown"));

    // Selecting the app lists the file that could not be read.
    window.browser()->tree()->setCurrentIndex(web);
    const QString details = window.browser()->details()->text();
    QVERIFY2(details.contains(QStringLiteral("apps/web/bad.yaml:6:")), qPrintable(details));
    window.grab().save(QStringLiteral("tst_mainwindow-read-errors.png"));
}

void tst_MainWindow::layoutFits_data()
{
    QTest::addColumn<bool>("german");
    QTest::newRow("English") << false;
    QTest::newRow("German") << true;
}

void tst_MainWindow::layoutFits()
{
    QFETCH(bool, german);
    QTranslator translator;
    if (german) {
        QVERIFY(translator.load(QLocale(QLocale::German), QStringLiteral("gitops-console"),
                                QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
    }
    const auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });

    // An app whose one object has a 240-character name (legal for a ConfigMap).
    const QString longName = QStringLiteral("settings-").repeated(26).left(240);
    QTemporaryDir dir;
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    writeFile(repository + QStringLiteral("/apps/shop/config.yaml"),
              "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + longName.toUtf8()
                  + "\n  namespace: shop\n---\napiVersion: apps/v1\nkind: Deployment\n"
                    "metadata:\n  name: web\n  namespace: shop\n");
    test::runGit(repository,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(repository, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(repository,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("shop")});

    MainWindow window; // the default size: no settings are stored
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QSize size = window.size();
    QCOMPARE(size, QSize(1200, 760));
    window.openWorkspace(repository);
    const QString key = QStringLiteral("apps/shop/shop/ConfigMap/") + longName;
    QTRY_VERIFY_WITH_TIMEOUT(window.browser()->selectResource(key), 10000);
    QTRY_VERIFY(window.browser()->diffView()->isVisible());
    window.grab();

    // The long name is cut in the middle instead of widening the window.
    QCOMPARE(window.size(), size);
    QTreeView *tree = window.browser()->tree();
    QCOMPARE(tree->textElideMode(), Qt::ElideMiddle);

    // Every header shows its whole text, and the verdict columns are on screen.
    const auto checkHeader = [](QHeaderView *header, const QList<int> &onScreen) {
        const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
        for (int section = 0; section < header->count(); ++section) {
            if (header->isSectionHidden(section))
                continue;
            const QString text = header->model()->headerData(section, Qt::Horizontal).toString();
            const int needed = header->fontMetrics().horizontalAdvance(text) + 2 * margin;
            QVERIFY2(header->sectionSize(section) >= needed,
                     qPrintable(QStringLiteral("%1: %2 < %3")
                                    .arg(text)
                                    .arg(header->sectionSize(section))
                                    .arg(needed)));
            if (onScreen.contains(section))
                QVERIFY2(header->sectionViewportPosition(section) + needed
                             <= header->viewport()->width(),
                         qPrintable(text + QStringLiteral(" is off screen")));
        }
    };
    const QList<int> verdicts{DriftTreeModel::NameColumn, DriftTreeModel::SyncColumn,
                              DriftTreeModel::HealthColumn, DriftTreeModel::LastChangeColumn};
    checkHeader(tree->header(), verdicts);
    DifferenceList *differences = window.browser()->differences();
    QList<int> all;
    for (int column = 0; column < DifferenceList::ColumnCount; ++column)
        all << column;
    checkHeader(differences->header(), all);

    // Every status word whole: as wide as the tree's delegate asks for it with its icon.
    QStandardItemModel words;
    QTreeView probe;
    probe.setModel(&words);
    const QIcon icon(QStringLiteral(":/icons/sync-synced.svg"));
    const auto needed = [&](const QString &text, bool withIcon) {
        words.clear();
        words.appendRow(withIcon ? new QStandardItem(icon, text) : new QStandardItem(text));
        QStyleOptionViewItem option;
        option.initFrom(tree);
        return probe.itemDelegate()->sizeHint(option, words.index(0, 0)).width();
    };
    QHeaderView *header = tree->header();
    for (int status = 0; status <= int(drift::SyncStatus::Unknown); ++status) {
        const QString word = DriftPresentationModel::syncText(status);
        QVERIFY2(header->sectionSize(DriftTreeModel::SyncColumn) >= needed(word, true),
                 qPrintable(word));
    }
    for (int status = 0; status <= int(drift::Health::Status::Unknown); ++status) {
        const QString word = DriftPresentationModel::healthText(status);
        QVERIFY2(header->sectionSize(DriftTreeModel::HealthColumn) >= needed(word, true),
                 qPrintable(word));
    }
    // An app row's counts ("shop  1 of 2 drifted", "shop  1 von 2 abweichend") whole.
    const QString counts = DriftPresentationModel::countText(QStringLiteral("shop"), 2, 1, 0);
    QVERIFY2(header->sectionSize(DriftTreeModel::NameColumn)
                 >= needed(counts, true) + tree->indentation(),
             qPrintable(counts));

    // The revision box shows HEAD's whole text.
    QComboBox *revisions = window.revisionSelector();
    QVERIFY2(
        revisions->lineEdit()->width()
            >= revisions->lineEdit()->fontMetrics().horizontalAdvance(revisions->currentText()),
        qPrintable(revisions->currentText()));
    window.grab().save(german ? QStringLiteral("tst_mainwindow-layout-de.png")
                              : QStringLiteral("tst_mainwindow-layout.png"));

    // The flat list keeps sync and health in sight beside the app, kind and namespace.
    window.browser()->setFlat(true);
    window.grab();
    QCOMPARE(window.size(), size);
    checkHeader(tree->header(), verdicts);
    window.grab().save(german ? QStringLiteral("tst_mainwindow-flat-de.png")
                              : QStringLiteral("tst_mainwindow-flat.png"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
