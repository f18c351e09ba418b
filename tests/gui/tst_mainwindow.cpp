#include "gitfixture.h"
#include "imagecheck.h"

#include "comparepane.h"
#include "emptystate.h"
#include "mainwindow.h"
#include "messagebanner.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>

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
    void speaksGerman();

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
    QCOMPARE(
        menus,
        (QStringList{QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Help")}));
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

void tst_MainWindow::speaksGerman()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::German), QStringLiteral("gitops-console"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
    QCoreApplication::installTranslator(&translator);
    MainWindow window;
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(window.resourceEmptyState()->title(), QStringLiteral("Ein Repository öffnen …"));
    QCOMPARE(window.contextStatus()->text(), QStringLiteral("Kein Cluster-Kontext ausgewählt"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
