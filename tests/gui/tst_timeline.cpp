// The rollback timeline in the window (issue 16, items 3 and 4): a real repository whose
// app apps/web has four commits among another app's, the local API server running the
// second of them (two behind HEAD). The timeline lists only apps/web's commits, marks HEAD
// and, found by content, the live commit; moves with the keyboard; filters by text and
// author; shows what a commit changed and what rolling back to it would change in the
// cluster; and rolling back opens the review whose pushed tree is the old commit's for the
// app's folder and the tip's elsewhere.
#include "gitfixture.h"

#include "apiserver.h"
#include "changerequests.h"
#include "changereviewdialog.h"
#include "commitdetailpane.h"
#include "forge/forgeclient.h"
#include "forge/forgehost.h"
#include "forge/forgeremote.h"
#include "localforgeprocess.h"
#include "mainwindow.h"
#include "pendingchange.h"
#include "sidebysidediffview.h"
#include "timelinemodel.h"
#include "timelineview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

QByteArray web(int replicas, const char *image)
{
    return QByteArray(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: %R
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "%I"}]
)")
        .replace("%R", QByteArray::number(replicas))
        .replace("%I", image);
}

const QByteArray namespaceYaml = "apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}\n";

const QByteArray extraYaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, "
                             "namespace: demo}\ndata: {mode: fast}\n";

void shoot(QWidget *widget, const QString &name)
{
    QDir().mkpath(u"/tmp/shots"_s);
    widget->grab().save(u"/tmp/shots/%1.png"_s.arg(name));
}

} // namespace

class tst_Timeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void marksHeadAndTheLiveCommit();
    void movesWithTheKeyboard();
    void filtersByTextAndAuthor();
    void showsWhatACommitChangedAndWhatRollingBackWould();
    void rollingBackOpensTheReviewWithTheOldTree();
    void findsTheLiveCommitOnceAContextIsChosen();
    void revertingACommitOpensTheReview();
    void refusesARevertThatConflicts();
    void opensADraftForARevertThatConflicts();
    void revertsASelectedRange();
    void namesThePullRequestOfEachCommit();
    void foldsTheCommitsAMergeMerged();
    void opensWhileTheAppsAreBeingRead();

private:
    /// Writes @p files into the checkout and commits them as @p author.
    QString commit(const QMap<QString, QByteArray> &files, const QString &author,
                   const QString &subject);
    /// The window on the repository, compared with the cluster; its timeline of apps/web
    /// once the live commit is found.
    bool open(MainWindow &window, TimelineView **timeline);
    int rowOf(TimelineView *timeline, const QString &commit) const;
    /// Selects @p commit and waits until its detail is shown.
    bool showDetail(TimelineView *timeline, const QString &commit) const;
    QString subjectAt(TimelineView *timeline, int row) const;

    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_repository;
    QString m_remote;
    QStringList m_web; ///< apps/web's commits, oldest first
    QString m_api;
};

QString tst_Timeline::commit(const QMap<QString, QByteArray> &files, const QString &author,
                             const QString &subject)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString path = m_repository + u'/' + it.key();
        if (it.value().isNull()) {
            QFile::remove(path);
            continue;
        }
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(it.value());
    }
    test::runGit(m_repository, {u"add"_s, u"-A"_s});
    // --author: the fixture's environment names one author for every commit.
    test::runGit(m_repository,
                 {u"commit"_s, u"-q"_s,
                  u"--author=%1 <%2@example.com>"_s.arg(author, author.toLower()), u"-m"_s,
                  subject});
    return test::runGit(m_repository, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
}

void tst_Timeline::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(u"settings"_s));
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(u"kubeconfig"_s);
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));

    m_repository = m_dir.filePath(u"fleet"_s);
    QVERIFY(QDir().mkpath(m_repository));
    test::runGit(m_repository, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s});
    m_web << commit({{u"apps/web/namespace.yaml"_s, namespaceYaml},
                     {u"apps/web/web.yaml"_s, web(1, "nginx:1.25")}},
                    u"Alice"_s, u"web: first version"_s);
    m_api = commit({{u"apps/api/api.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api, namespace: demo}\n"}},
                   u"Bob"_s, u"api: its own app"_s);
    m_web << commit({{u"apps/web/web.yaml"_s, web(1, "nginx:1.26")}}, u"Bob"_s,
                    u"web: image 1.26"_s);
    m_web << commit(
        {{u"apps/web/web.yaml"_s, web(3, "nginx:1.26")}, {u"apps/web/extra.yaml"_s, extraYaml}},
        u"Alice"_s, u"web: scale to 3, an extra map"_s);
    m_web << commit({{u"apps/web/web.yaml"_s, web(3, "nginx:1.27")}}, u"Carol"_s,
                    u"web: image 1.27"_s);
    // The rollback's commit is made with this identity.
    test::runGit(m_repository, {u"config"_s, u"user.name"_s, u"Rollback Tester"_s});
    test::runGit(m_repository, {u"config"_s, u"user.email"_s, u"rollback@example.com"_s});
    m_remote = m_dir.filePath(u"remote.git"_s);
    test::runGit(m_dir.path(), {u"init"_s, u"-q"_s, u"--bare"_s, u"-b"_s, u"main"_s, m_remote});
    test::runGit(m_repository,
                 {u"remote"_s, u"add"_s, u"origin"_s, QUrl::fromLocalFile(m_remote).toString()});
    test::runGit(m_repository, {u"push"_s, u"-q"_s, u"origin"_s, u"main"_s});

    // The cluster runs apps/web as its second commit says (image 1.26, one replica).
    QDir seed(m_dir.filePath(u"seed"_s));
    QVERIFY(seed.mkpath(u"."_s));
    QFile seedWeb(seed.filePath(u"web.yaml"_s));
    QVERIFY(seedWeb.open(QIODevice::WriteOnly));
    seedWeb.write(namespaceYaml + "---\n" + web(1, "nginx:1.26"));
    seedWeb.close();
    const QStringList errors = m_server.seed(seed.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
}

bool tst_Timeline::open(MainWindow &window, TimelineView **timeline)
{
    window.resize(1200, 800);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(m_repository);
    if (!shown.wait(10000))
        return false;
    window.selectContext(u"admin"_s);
    if (!QTest::qWaitFor([&] { return window.document()->session()->liveSynced(); }, 20000))
        return false;
    *timeline = window.openTimeline(u"apps/web"_s);
    if (!*timeline)
        return false;
    QSignalSpy found(*timeline, &TimelineView::liveFound);
    if (!found.wait(20000))
        return false;
    return QTest::qWaitFor([&] { return (*timeline)->list()->model()->rowCount() == 4; }, 10000);
}

int tst_Timeline::rowOf(TimelineView *timeline, const QString &commit) const
{
    const QAbstractItemModel *model = timeline->list()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(TimelineModel::IdRole).toString() == commit)
            return row;
    }
    return -1;
}

bool tst_Timeline::showDetail(TimelineView *timeline, const QString &commit) const
{
    QSignalSpy shown(timeline, &TimelineView::detailShown);
    timeline->selectCommit(commit);
    return QTest::qWaitFor(
        [&] {
            return std::any_of(shown.cbegin(), shown.cend(), [&](const QList<QVariant> &signal) {
                return signal.constFirst().toString() == commit;
            });
        },
        10000);
}

QString tst_Timeline::subjectAt(TimelineView *timeline, int row) const
{
    return timeline->list()->model()->index(row, TimelineModel::SubjectColumn).data().toString();
}

void tst_Timeline::marksHeadAndTheLiveCommit()
{
    MainWindow window;
    // Opened from the View menu and the tree's context menu, with a shortcut.
    QCOMPARE(window.historyAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_H));
    QVERIFY(window.browser() != nullptr);
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    QCOMPARE(timeline->windowTitle(), u"History of apps/web"_s);

    // apps/web's four commits, newest first; the other app's commit is not among them.
    QCOMPARE(subjectAt(timeline, 0), u"web: image 1.27"_s);
    QCOMPARE(subjectAt(timeline, 3), u"web: first version"_s);
    QCOMPARE(rowOf(timeline, m_api), -1);

    const QAbstractItemModel *model = timeline->list()->model();
    const auto markers = [&](int row) {
        return TimelineModel::Markers(
            model->index(row, 0).data(TimelineModel::MarkersRole).toInt());
    };
    QVERIFY(markers(0) & TimelineModel::HeadMarker);
    QVERIFY(!(markers(0) & TimelineModel::LiveMarker));
    const int live = rowOf(timeline, m_web.at(1));
    QCOMPARE(live, 2);
    QVERIFY(markers(live) & TimelineModel::LiveMarker);
    QCOMPARE(model->index(live, TimelineModel::GraphColumn).data().toString(), u"live"_s);
    QCOMPARE(model->index(0, TimelineModel::GraphColumn).data().toString(), u"HEAD"_s);
    QVERIFY2(timeline->liveStatus()->text().contains(u"exactly commit "_s + m_web.at(1).left(8)),
             qPrintable(timeline->liveStatus()->text()));
    // The date reads relative, the exact time is the tooltip.
    QVERIFY(model->index(0, TimelineModel::DateColumn).data().toString().contains(u"ago"_s)
            || model->index(0, TimelineModel::DateColumn).data().toString().contains(u"now"_s));
    QVERIFY(!model->index(0, TimelineModel::DateColumn).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(model->index(0, TimelineModel::CommitColumn).data().toString(), m_web.at(3).left(8));
    QCOMPARE(model->index(0, TimelineModel::AuthorColumn).data().toString(), u"Carol"_s);
    timeline->selectCommit(m_web.at(1));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(1), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(timeline->detail()->changes()->topLevelItemCount() > 0, 10000);
    shoot(timeline, u"timeline"_s);
}

void tst_Timeline::movesWithTheKeyboard()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    QTreeView *list = timeline->list();
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(3), 10000);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(timeline->selectedCommit(), m_web.at(2));
    QTest::keyClick(list, Qt::Key_End);
    QCOMPARE(timeline->selectedCommit(), m_web.at(0));
    QTest::keyClick(list, Qt::Key_Home);
    QCOMPARE(timeline->selectedCommit(), m_web.at(3));
    // Ctrl+L goes to the live commit.
    QVERIFY(timeline->liveAction()->isEnabled());
    timeline->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(timeline));
    QTest::keyClick(list, Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(1), 5000);
    // The detail follows the selection.
    QTRY_VERIFY_WITH_TIMEOUT(
        timeline->detail()->message()->toPlainText().startsWith(u"web: image 1.26"_s), 10000);
}

void tst_Timeline::filtersByTextAndAuthor()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    const QAbstractItemModel *model = timeline->list()->model();
    timeline->textFilter()->setText(u"IMAGE"_s);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(subjectAt(timeline, 0), u"web: image 1.27"_s);
    QCOMPARE(subjectAt(timeline, 1), u"web: image 1.26"_s);
    // A commit id filters too.
    timeline->textFilter()->setText(m_web.at(2).left(7));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(subjectAt(timeline, 0), u"web: scale to 3, an extra map"_s);

    timeline->textFilter()->clear();
    QComboBox *authors = timeline->authorFilter();
    const int alice = authors->findText(u"Alice"_s);
    QVERIFY(alice > 0);
    QCOMPARE(authors->findText(u"Bob"_s) > 0, true); // Bob wrote web's second commit too
    authors->setCurrentIndex(alice);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(subjectAt(timeline, 0), u"web: scale to 3, an extra map"_s);
    QCOMPARE(subjectAt(timeline, 1), u"web: first version"_s);
    timeline->textFilter()->setText(u"first"_s);
    QCOMPARE(model->rowCount(), 1);
    authors->setCurrentIndex(0);
    timeline->textFilter()->clear();
    QCOMPARE(model->rowCount(), 4);
}

void tst_Timeline::showsWhatACommitChangedAndWhatRollingBackWould()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    CommitDetailPane *detail = timeline->detail();

    // What "scale to 3" changed in git: the Deployment's replicas, and a new ConfigMap.
    QVERIFY(showDetail(timeline, m_web.at(2)));
    QCOMPARE(detail->changes()->topLevelItemCount(), 2);
    QStringList changed;
    for (int i = 0; i < detail->changes()->topLevelItemCount(); ++i)
        changed << detail->changes()->topLevelItem(i)->text(0) + u' '
                + detail->changes()->topLevelItem(i)->text(1);
    QVERIFY2(changed.contains(u"apps/Deployment demo/web changed"_s),
             qPrintable(changed.join(u", ")));
    QVERIFY2(changed.contains(u"ConfigMap demo/extra added"_s), qPrintable(changed.join(u", ")));
    detail->changes()->setCurrentItem(
        detail->changes()->findItems(u"apps/Deployment demo/web"_s, Qt::MatchExactly).constFirst());
    QTRY_COMPARE(detail->changeDiff()->leftCaption(), u"Before %1"_s.arg(m_web.at(2).left(8)));
    QStringList files;
    for (int i = 0; i < detail->files()->topLevelItemCount(); ++i)
        files << detail->files()->topLevelItem(i)->text(0) + u' '
                + detail->files()->topLevelItem(i)->text(1);
    QCOMPARE(files, QStringList({u"apps/web/extra.yaml added"_s, u"apps/web/web.yaml modified"_s}));
    QVERIFY(detail->message()->toPlainText().startsWith(u"web: scale to 3, an extra map"_s));

    // Rolling back to it would scale the live Deployment to 3 and add the map.
    QCOMPARE(detail->rollback()->topLevelItemCount(), 2);
    const auto deployment =
        detail->rollback()->findItems(u"apps/Deployment demo/web"_s, Qt::MatchExactly);
    QCOMPARE(deployment.size(), 1);
    detail->rollback()->setCurrentItem(deployment.constFirst());
    detail->setCurrentIndex(1);
    // Side by side: the commit's replicas against live's, the fields shown as git orders them.
    SideBySideDiffView *diff = detail->rollbackDiff();
    QTRY_VERIFY_WITH_TIMEOUT(diff->leftText().contains(u"replicas: 3"_s), 10000);
    QVERIFY2(diff->rightText().contains(u"replicas: 1"_s), qPrintable(diff->rightText()));
    QVERIFY(diff->changeCount() >= 1);
    QVERIFY2(detail->rollbackNote()->text().contains(u"2 resources"_s),
             qPrintable(detail->rollbackNote()->text()));
    shoot(timeline, u"timeline-rollback-preview"_s);

    // The live commit's rollback preview: nothing would change.
    QVERIFY(showDetail(timeline, m_web.at(1)));
    QCOMPARE(detail->rollback()->topLevelItemCount(), 0);
    QVERIFY2(detail->rollbackNote()->text().contains(u"changes nothing"_s),
             qPrintable(detail->rollbackNote()->text()));
}

void tst_Timeline::rollingBackOpensTheReviewWithTheOldTree()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    timeline->selectCommit(m_web.at(0));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(0), 10000);
    QVERIFY(timeline->rollbackButton()->isEnabled());
    QSignalSpy proposed(timeline, &TimelineView::rollbackProposed);
    QSignalSpy refused(timeline, &TimelineView::rollbackRefused);
    timeline->rollbackButton()->click();
    QVERIFY2(
        proposed.wait(20000),
        qPrintable(refused.isEmpty() ? QString() : refused.constFirst().constFirst().toString()));

    ChangeRequests *changes = window.changeRequests();
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review && review->isVisible());
    // The files: web.yaml back to the first version, extra.yaml (added later) removed.
    QCOMPARE(changes->pending()->changedPaths(),
             QStringList({u"apps/web/extra.yaml"_s, u"apps/web/web.yaml"_s}));
    QCOMPARE(changes->pending()->removedPaths(), QStringList({u"apps/web/extra.yaml"_s}));
    QCOMPARE(changes->pending()->file(u"apps/web/web.yaml"_s)->current, web(1, "nginx:1.25"));
    QCOMPARE(review->title()->text(),
             u"Roll back apps/web to %1 (web: first version)"_s.arg(m_web.at(0).left(8)));
    const QString body = review->body()->toPlainText();
    QVERIFY2(body.contains(m_web.at(0)), qPrintable(body));
    for (int i = 1; i < m_web.size(); ++i)
        QVERIFY2(body.contains(m_web.at(i).left(8)), qPrintable(body)); // the commits undone
    QVERIFY2(!body.contains(m_api.left(8)), qPrintable(body));
    QTRY_VERIFY_WITH_TIMEOUT(review->body()->toPlainText().contains(u"apps/Deployment demo/web"_s),
                             10000);
    shoot(review, u"timeline-rollback-review"_s);

    // Pushed (no forge behind file://): the app's folder is the first commit's, the other
    // app's as the tip has it.
    review->openPullRequestToggle()->setChecked(false);
    QSignalSpy finished(changes, &ChangeRequests::submissionFinished);
    review->submitButton()->click();
    QVERIFY(finished.wait(30000));
    const auto result = finished.constFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY2(result.succeeded(), qPrintable(result.error));
    const auto treeOf = [&](const QString &revision, const QString &path) {
        return test::runGit(m_remote, {u"rev-parse"_s, revision + u':' + path}).trimmed();
    };
    QCOMPARE(treeOf(result.branch, u"apps/web"_s), treeOf(m_web.at(0), u"apps/web"_s));
    QCOMPARE(treeOf(result.branch, u"apps/api"_s), treeOf(u"main"_s, u"apps/api"_s));
    QCOMPARE(test::runGit(m_remote, {u"rev-parse"_s, result.branch + u"^"_s}).trimmed(),
             m_web.at(3));
}

void tst_Timeline::findsTheLiveCommitOnceAContextIsChosen()
{
    MainWindow window;
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(m_repository);
    QVERIFY(shown.wait(10000));
    window.selectContext(QString());
    QTRY_VERIFY_WITH_TIMEOUT(window.document()->session()->desiredApp(u"apps/web"_s), 10000);
    TimelineView *timeline = window.openTimeline(u"apps/web"_s);
    QVERIFY(timeline);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->model()->rowCount(), 4, 10000);
    QVERIFY2(timeline->liveStatus()->text().contains(u"No cluster context"_s),
             qPrintable(timeline->liveStatus()->text()));
    QVERIFY(!timeline->liveAction()->isEnabled());
    // Chosen later, the cluster is listed and the live commit found then.
    window.selectContext(u"admin"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        timeline->liveStatus()->text().contains(u"exactly commit "_s + m_web.at(1).left(8)), 20000);
    QVERIFY(timeline->liveAction()->isEnabled());
}

void tst_Timeline::revertingACommitOpensTheReview()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    // "scale to 3, an extra map" alone: replicas back to 1, the map gone, the later image kept.
    timeline->selectCommit(m_web.at(2));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(2), 10000);
    QVERIFY(timeline->revertButton()->isEnabled());
    QSignalSpy proposed(timeline, &TimelineView::rollbackProposed);
    timeline->revertButton()->click();
    QVERIFY2(proposed.wait(20000), qPrintable(timeline->liveStatus()->text()));

    ChangeRequests *changes = window.changeRequests();
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review && review->isVisible());
    QCOMPARE(changes->pending()->changedPaths(),
             QStringList({u"apps/web/extra.yaml"_s, u"apps/web/web.yaml"_s}));
    QCOMPARE(changes->pending()->removedPaths(), QStringList({u"apps/web/extra.yaml"_s}));
    QCOMPARE(changes->pending()->file(u"apps/web/web.yaml"_s)->current, web(1, "nginx:1.27"));
    QCOMPARE(review->title()->text(), u"Revert \"web: scale to 3, an extra map\""_s);
    QVERIFY2(review->body()->toPlainText().contains(m_web.at(2)),
             qPrintable(review->body()->toPlainText()));

    review->openPullRequestToggle()->setChecked(false);
    QSignalSpy finished(changes, &ChangeRequests::submissionFinished);
    review->submitButton()->click();
    QVERIFY(finished.wait(30000));
    const auto result = finished.constFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY2(result.succeeded(), qPrintable(result.error));
    QCOMPARE(test::runGit(m_remote, {u"show"_s, result.branch + u":apps/web/web.yaml"_s}) + u'\n',
             QString::fromUtf8(web(1, "nginx:1.27")));
    QCOMPARE(
        test::runGit(m_remote, {u"ls-tree"_s, u"--name-only"_s, result.branch + u":apps/web"_s}),
        u"namespace.yaml\nweb.yaml"_s);
}

void tst_Timeline::revertsASelectedRange()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    // HEAD and the commit before it, Shift+Down from HEAD: the app as it was at "image 1.26".
    QTreeView *list = timeline->list();
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(3), 10000);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(timeline->selectedCommits(), QStringList({m_web.at(3), m_web.at(2)}));
    QCOMPARE(timeline->revertButton()->text(), u"Re&vert the 2 Selected Commits…"_s);
    QSignalSpy proposed(timeline, &TimelineView::rollbackProposed);
    timeline->revertButton()->click();
    QVERIFY2(proposed.wait(20000), qPrintable(timeline->liveStatus()->text()));
    ChangeRequests *changes = window.changeRequests();
    QCOMPARE(changes->pending()->file(u"apps/web/web.yaml"_s)->current, web(1, "nginx:1.26"));
    QCOMPARE(changes->pending()->removedPaths(), QStringList({u"apps/web/extra.yaml"_s}));
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review);
    QCOMPARE(review->title()->text(), u"Revert 2 commits of apps/web"_s);
    const QString body = review->body()->toPlainText();
    QVERIFY2(body.contains(u"- %1 web: image 1.27"_s.arg(m_web.at(3))), qPrintable(body));
    QVERIFY2(body.contains(u"- %1 web: scale to 3, an extra map"_s.arg(m_web.at(2))),
             qPrintable(body));
}

void tst_Timeline::refusesARevertThatConflicts()
{
    MainWindow window;
    TimelineView *timeline = nullptr;
    QVERIFY(open(window, &timeline));
    // "image 1.26" changed the line HEAD's "image 1.27" changed again.
    timeline->selectCommit(m_web.at(1));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(1), 10000);
    QSignalSpy refused(timeline, &TimelineView::rollbackRefused);
    // The user is asked, the conflicting file named: a draft pull request, or cancel.
    timeline->revertButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(timeline->conflictDialog(), 20000);
    QMessageBox *question = timeline->conflictDialog();
    QVERIFY2(question->text().contains(u"apps/web/web.yaml (changed in the base since)"_s),
             qPrintable(question->text()));
    const auto draftButton = [](QMessageBox *box) {
        return box->findChild<QPushButton *>(u"openDraft"_s);
    };
    QVERIFY(draftButton(question));
    QCOMPARE(draftButton(question)->text(), u"Open &Draft Pull Request"_s);
    QVERIFY(question->button(QMessageBox::Cancel));
    shoot(question, u"timeline-revert-conflicts"_s);
    question->button(QMessageBox::Cancel)->click();
    QVERIFY(refused.size() > 0 || refused.wait(5000));
    const QString message = refused.constFirst().constFirst().toString();
    QVERIFY2(message.contains(u"conflicts"_s) && message.contains(u"apps/web/web.yaml"_s)
                 && message.contains(u"not proposed"_s),
             qPrintable(message));
    QVERIFY(window.changeRequests()->pending()->isEmpty());
    QVERIFY(!window.changeRequests()->review());
    QTRY_VERIFY(!timeline->conflictDialog());
    // A draft of it would change nothing: that one file is all the commit changed.
    QVERIFY(timeline->revertButton()->isEnabled());
    timeline->revertButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(timeline->conflictDialog(), 20000);
    draftButton(timeline->conflictDialog())->click();
    QVERIFY(refused.size() > 1 || refused.wait(20000));
    QVERIFY2(refused.at(1).constFirst().toString().contains(u"Nothing of the revert"_s),
             qPrintable(refused.at(1).constFirst().toString()));
    QVERIFY(window.changeRequests()->pending()->isEmpty());
    // The first commit has nothing before it to revert to.
    timeline->selectCommit(m_web.at(0));
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(0), 10000);
    QVERIFY(!timeline->revertButton()->isEnabled());
}

void tst_Timeline::opensADraftForARevertThatConflicts()
{
    // origin is the local forge: web's commit "image 1.26, extra map slow" is reverted after
    // a later commit changed the image again. Its web.yaml conflicts, its extra.yaml reverts.
    test::LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    const QString token = QString::fromLatin1(test::LocalForgeProcess::writeToken());
    const QString credentials = m_dir.filePath(u"draft-credentials"_s);
    {
        QFile out(credentials);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(u"http://forge-user:%1@127.0.0.1:%2\n"_s.arg(token)
                      .arg(QUrl(forge.url()).port())
                      .toUtf8());
    }
    const QString helper = u"store --file="_s + credentials;
    const QString clone = m_dir.filePath(u"draft-clone"_s);
    qputenv("GIT_CONFIG_COUNT", "1");
    qputenv("GIT_CONFIG_KEY_0", "credential.helper");
    qputenv("GIT_CONFIG_VALUE_0", helper.toUtf8());
    test::runGit(m_dir.path(), {u"clone"_s, u"-q"_s, forge.remoteUrl(), clone});
    qunsetenv("GIT_CONFIG_COUNT");
    qunsetenv("GIT_CONFIG_KEY_0");
    qunsetenv("GIT_CONFIG_VALUE_0");
    test::runGit(clone, {u"config"_s, u"credential.helper"_s, helper});
    test::runGit(clone, {u"config"_s, u"user.name"_s, u"Rollback Tester"_s});
    test::runGit(clone, {u"config"_s, u"user.email"_s, u"rollback@example.com"_s});
    const auto commitFiles = [&](const QMap<QString, QByteArray> &files, const QString &subject) {
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QDir().mkpath(QFileInfo(clone + u'/' + it.key()).path());
            QFile file(clone + u'/' + it.key());
            if (!file.open(QIODevice::WriteOnly))
                return QString();
            file.write(it.value());
        }
        test::runGit(clone, {u"add"_s, u"-A"_s});
        test::runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, subject});
        return test::runGit(clone, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    };
    QByteArray slow = extraYaml;
    slow.replace("mode: fast", "mode: slow");
    commitFiles({{u"apps/web/namespace.yaml"_s, namespaceYaml},
                 {u"apps/web/web.yaml"_s, web(1, "nginx:1.25")},
                 {u"apps/web/extra.yaml"_s, extraYaml}},
                u"web: first version"_s);
    const QString reverted = commitFiles(
        {{u"apps/web/web.yaml"_s, web(1, "nginx:1.26")}, {u"apps/web/extra.yaml"_s, slow}},
        u"web: image 1.26, extra map slow"_s);
    const QString tip =
        commitFiles({{u"apps/web/web.yaml"_s, web(1, "nginx:1.27")}}, u"web: image 1.27"_s);
    test::runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});

    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(clone);
    QVERIFY(shown.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(window.document()->session()->desiredApp(u"apps/web"_s), 10000);
    ChangeRequests *changes = window.changeRequests();
    QProcessEnvironment environment;
    environment.insert(u"GITHUB_TOKEN"_s, token);
    changes->setTokenSource(environment, false);
    TimelineView *timeline = window.openTimeline(u"apps/web"_s);
    QVERIFY(timeline);
    timeline->setTokenSource(environment, false);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->model()->rowCount(), 3, 10000);
    timeline->selectCommit(reverted);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), reverted, 10000);
    QSignalSpy proposed(timeline, &TimelineView::rollbackProposed);
    QSignalSpy refused(timeline, &TimelineView::rollbackRefused);
    timeline->revertButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(timeline->conflictDialog() || !refused.isEmpty(), 30000);
    QVERIFY2(
        refused.isEmpty(),
        qPrintable(refused.isEmpty() ? QString() : refused.constFirst().constFirst().toString()));
    QMessageBox *question = timeline->conflictDialog();
    QVERIFY2(question->text().contains(u"apps/web/web.yaml"_s), qPrintable(question->text()));
    QVERIFY(!question->text().contains(u"extra.yaml"_s));
    question->findChild<QPushButton *>(u"openDraft"_s)->click();
    // Counted first: wait() waits for a new emission, not one that came already.
    QVERIFY2(
        !proposed.isEmpty() || proposed.wait(20000),
        qPrintable(refused.isEmpty() ? QString() : refused.constFirst().constFirst().toString()));

    // The review holds what reverted cleanly; the conflicted file is the tip's, named in the
    // body as to be resolved by hand; a draft.
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review && review->isVisible());
    QCOMPARE(changes->pending()->changedPaths(), QStringList{u"apps/web/extra.yaml"_s});
    QCOMPARE(changes->pending()->file(u"apps/web/extra.yaml"_s)->current, extraYaml);
    QVERIFY(review->draftToggle()->isChecked());
    const QString body = review->body()->toPlainText();
    QVERIFY2(body.contains(u"- [ ] apps/web/web.yaml (changed in the base since)"_s)
                 && body.contains(u"resolved by hand"_s)
                 && body.contains(u"- %1 web: image 1.26, extra map slow"_s.arg(reverted)),
             qPrintable(body));
    QSignalSpy finished(changes, &ChangeRequests::submissionFinished);
    review->submitButton()->click();
    QVERIFY(finished.wait(30000));
    const auto result = finished.constFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY2(result.succeeded(), qPrintable(result.error));
    QVERIFY(result.pullRequest);

    // The forge holds a draft pull request listing the file; its branch has the tip's
    // web.yaml (no conflict markers) and the first commit's extra.yaml, on the tip.
    const QJsonArray pulls = forge.pulls();
    QCOMPARE(pulls.size(), 1);
    const QJsonObject pull = pulls.first().toObject();
    QCOMPARE(pull.value(u"draft").toBool(), true);
    QCOMPARE(pull.value(u"head").toString(), result.branch);
    QVERIFY2(pull.value(u"body").toString().contains(u"apps/web/web.yaml"_s),
             qPrintable(pull.value(u"body").toString()));
    test::runGit(clone, {u"fetch"_s, u"-q"_s, u"origin"_s, result.branch});
    QCOMPARE(test::runGit(clone, {u"rev-parse"_s, u"FETCH_HEAD^"_s}).trimmed(), tip);
    const QString webAfter = test::runGit(clone, {u"show"_s, u"FETCH_HEAD:apps/web/web.yaml"_s});
    QCOMPARE(webAfter + u'\n', QString::fromUtf8(web(1, "nginx:1.27")));
    QVERIFY(!webAfter.contains(u"<<<<<<<"_s));
    QCOMPARE(test::runGit(clone, {u"show"_s, u"FETCH_HEAD:apps/web/extra.yaml"_s}) + u'\n',
             QString::fromUtf8(extraYaml));
}

void tst_Timeline::namesThePullRequestOfEachCommit()
{
    // origin is the local forge (GitHub flavor): one commit pushed to main directly, one
    // through a pull request merged there.
    test::LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    const QByteArray token = test::LocalForgeProcess::writeToken();
    const QString credentials = m_dir.filePath(u"forge-credentials"_s);
    {
        QFile out(credentials);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(u"http://forge-user:%1@127.0.0.1:%2\n"_s.arg(QString::fromLatin1(token))
                      .arg(QUrl(forge.url()).port())
                      .toUtf8());
    }
    const QString clone = m_dir.filePath(u"forge-clone"_s);
    qputenv("GIT_CONFIG_COUNT", "1");
    qputenv("GIT_CONFIG_KEY_0", "credential.helper");
    qputenv("GIT_CONFIG_VALUE_0", (u"store --file="_s + credentials).toUtf8());
    const auto cleanup = qScopeGuard([] {
        qunsetenv("GIT_CONFIG_COUNT");
        qunsetenv("GIT_CONFIG_KEY_0");
        qunsetenv("GIT_CONFIG_VALUE_0");
    });
    test::runGit(m_dir.path(), {u"clone"_s, u"-q"_s, forge.remoteUrl(), clone});
    const auto write = [&](const QString &path, const QByteArray &bytes) {
        QDir().mkpath(QFileInfo(clone + u'/' + path).path());
        QFile file(clone + u'/' + path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(u"apps/web/namespace.yaml"_s, namespaceYaml);
    write(u"apps/web/web.yaml"_s, web(1, "nginx:1.27"));
    test::runGit(clone, {u"add"_s, u"-A"_s});
    test::runGit(clone, {u"commit"_s, u"-q"_s, u"-m"_s, u"web: pushed directly"_s});
    test::runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"HEAD:main"_s});
    const QString direct = test::runGit(clone, {u"rev-parse"_s, u"HEAD"_s});
    test::runGit(clone, {u"checkout"_s, u"-q"_s, u"-b"_s, u"gitops/web/scale"_s});
    write(u"apps/web/web.yaml"_s, web(4, "nginx:1.27"));
    test::runGit(clone, {u"commit"_s, u"-q"_s, u"-am"_s, u"web: scale to 4"_s});
    test::runGit(clone, {u"push"_s, u"-q"_s, u"origin"_s, u"gitops/web/scale"_s});
    const forge::ForgeHost host{u"127.0.0.1"_s, forge::forgeTypeFromName(forge.flavor()),
                                QUrl(forge.apiBase())};
    forge::ForgeError clientError;
    const auto client = forge::ForgeClient::create(
        forge::ForgeRemote::fromUrl(forge.remoteUrl(), {host}), token, &clientError);
    QVERIFY2(client, qPrintable(clientError.text()));
    forge::PullRequestDraft draft;
    draft.title = u"Scale web to 4"_s;
    draft.head = u"gitops/web/scale"_s;
    draft.base = u"main"_s;
    std::optional<forge::PullRequestResult> opened;
    client->open(draft, this, [&opened](const forge::PullRequestResult &r) { opened = r; });
    QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
    QVERIFY2(opened->pullRequest, qPrintable(opened->error.text()));
    QCOMPARE(forge.finish(opened->pullRequest->number, true), 200);
    test::runGit(clone, {u"checkout"_s, u"-q"_s, u"main"_s});
    test::runGit(clone, {u"pull"_s, u"-q"_s, u"--ff-only"_s, u"origin"_s, u"main"_s});
    const QString merge = test::runGit(clone, {u"rev-parse"_s, u"HEAD"_s});
    QVERIFY(merge != direct);

    MainWindow window;
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(clone);
    QVERIFY(shown.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(window.document()->session()->desiredApp(u"apps/web"_s), 10000);
    TimelineView *timeline = window.openTimeline(u"apps/web"_s);
    QVERIFY(timeline);
    QProcessEnvironment environment;
    environment.insert(u"GITHUB_TOKEN"_s,
                       QString::fromLatin1(test::LocalForgeProcess::readToken()));
    timeline->setTokenSource(environment, false);
    QSignalSpy known(timeline, &TimelineView::pullRequestsKnown);
    QVERIFY(known.wait(20000));
    QVERIFY2(timeline->forgeStatus()->text().isEmpty(),
             qPrintable(timeline->forgeStatus()->text()));
    const QAbstractItemModel *model = timeline->list()->model();
    const int mergeRow = rowOf(timeline, merge);
    const int directRow = rowOf(timeline, direct);
    QVERIFY(mergeRow >= 0 && directRow >= 0);
    QCOMPARE(model->index(mergeRow, TimelineModel::PullRequestColumn).data().toString(),
             u"#%1 Scale web to 4"_s.arg(opened->pullRequest->number));
    QCOMPARE(model->index(mergeRow, 0).data(TimelineModel::PullRequestUrlRole).toUrl(),
             opened->pullRequest->webUrl);
    QCOMPARE(model->index(directRow, TimelineModel::PullRequestColumn).data().toString(),
             u"direct push, no PR"_s);
    shoot(timeline, u"timeline-pull-requests"_s);

    // `history -o json` names them alike, through the same lookup.
    QProcess cli;
    QProcessEnvironment cliEnvironment = QProcessEnvironment::systemEnvironment();
    cliEnvironment.insert(u"GITHUB_TOKEN"_s,
                          QString::fromLatin1(test::LocalForgeProcess::readToken()));
    cli.setProcessEnvironment(cliEnvironment);
    cli.start(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
              {u"history"_s, u"--repo"_s, clone, u"--app"_s, u"apps/web"_s, u"--context"_s,
               u"admin"_s, u"-o"_s, u"json"_s});
    // The API server runs in this process: the event loop must keep turning meanwhile.
    QSignalSpy ended(&cli, &QProcess::finished);
    QVERIFY(ended.wait(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QJsonObject answer = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    const QJsonArray commits = answer.value(u"commits").toArray();
    QCOMPARE(commits.size(), 2);
    QCOMPARE(commits.at(0)[u"id"].toString(), merge);
    QCOMPARE(commits.at(0)[u"pullRequest"][u"number"].toInt(), opened->pullRequest->number);
    QCOMPARE(commits.at(0)[u"pullRequest"][u"title"].toString(), u"Scale web to 4"_s);
    QCOMPARE(commits.at(0)[u"pullRequest"][u"state"].toString(), u"merged"_s);
    QCOMPARE(commits.at(0)[u"directPush"].toBool(true), false);
    QCOMPARE(commits.at(1)[u"pullRequest"], QJsonValue(QJsonValue::Null));
    QCOMPARE(commits.at(1)[u"directPush"].toBool(false), true);
    QCOMPARE(answer.value(u"pullRequests"), QJsonValue(QJsonValue::Null));
}

void tst_Timeline::foldsTheCommitsAMergeMerged()
{
    // main: web's first commit; a feature branch changes web twice and api once; main
    // changes api meanwhile; the feature is merged (a real merge commit), then web once more.
    const QString repository = m_dir.filePath(u"merges"_s);
    QVERIFY(QDir().mkpath(repository));
    test::runGit(repository, {u"init"_s, u"-q"_s, u"-b"_s, u"main"_s});
    const auto commitFiles = [&](const QMap<QString, QByteArray> &files, const QString &subject) {
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QDir().mkpath(QFileInfo(repository + u'/' + it.key()).path());
            QFile file(repository + u'/' + it.key());
            if (!file.open(QIODevice::WriteOnly))
                return QString();
            file.write(it.value());
        }
        test::runGit(repository, {u"add"_s, u"-A"_s});
        test::runGit(repository, {u"commit"_s, u"-q"_s, u"-m"_s, subject});
        return test::runGit(repository, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    };
    const QByteArray api = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api, namespace: "
                           "demo}\ndata: {v: \"%1\"}\n";
    const QString first =
        commitFiles({{u"apps/web/web.yaml"_s, web(1, "nginx:1.25")},
                     {u"apps/api/api.yaml"_s, QByteArray(api).replace("%1", "1")}},
                    u"web: first version"_s);
    test::runGit(repository, {u"checkout"_s, u"-q"_s, u"-b"_s, u"feature"_s});
    const QString image = commitFiles({{u"apps/web/web.yaml"_s, web(1, "nginx:1.26")}},
                                      u"web: image 1.26 on the feature"_s);
    const QString apiOnFeature = commitFiles(
        {{u"apps/api/api.yaml"_s, QByteArray(api).replace("%1", "2")}}, u"api: on the feature"_s);
    const QString scale = commitFiles({{u"apps/web/web.yaml"_s, web(2, "nginx:1.26")}},
                                      u"web: scale to 2 on the feature"_s);
    test::runGit(repository, {u"checkout"_s, u"-q"_s, u"main"_s});
    commitFiles({{u"apps/api/extra.yaml"_s, extraYaml}}, u"api: extra on main"_s);
    test::runGit(repository,
                 {u"merge"_s, u"-q"_s, u"--no-ff"_s, u"-m"_s, u"Merge feature"_s, u"feature"_s});
    const QString merge = test::runGit(repository, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    const QString after =
        commitFiles({{u"apps/web/web.yaml"_s, web(2, "nginx:1.27")}}, u"web: image 1.27"_s);

    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(repository);
    QVERIFY(shown.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(window.document()->session()->desiredApp(u"apps/web"_s), 10000);
    TimelineView *timeline = window.openTimeline(u"apps/web"_s);
    QVERIFY(timeline);
    QTreeView *list = timeline->list();
    const QAbstractItemModel *model = list->model();
    // The first-parent line: the merge stands there for what it merged; api's commits on
    // either side are not web's.
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(timeline->model()->atEnd(), 10000);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(rowOf(timeline, after), 0);
    QCOMPARE(rowOf(timeline, merge), 1);
    QCOMPARE(rowOf(timeline, first), 2);
    const QModelIndex mergeRow = model->index(1, 0);
    QCOMPARE(subjectAt(timeline, 1), u"Merge feature (a merge of 2 commits of the app)"_s);
    // Under it, folded: the feature's two commits of web, newest first.
    QCOMPARE(model->rowCount(mergeRow), 2);
    QCOMPARE(model->index(0, 0, mergeRow).data(TimelineModel::IdRole).toString(), scale);
    QCOMPARE(model->index(1, 0, mergeRow).data(TimelineModel::IdRole).toString(), image);
    QCOMPARE(model->index(0, TimelineModel::SubjectColumn, mergeRow).data().toString(),
             u"web: scale to 2 on the feature"_s);
    QVERIFY(rowOf(timeline, apiOnFeature) < 0);
    QVERIFY(!list->isExpanded(mergeRow));
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->rowCount(model->index(row, 0)), row == 1 ? 2 : 0);

    // Keyboard: Right unfolds the merge, Down goes into what it merged, Left back out to it
    // and folds it again.
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), after, 10000);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(timeline->selectedCommit(), merge);
    QTest::keyClick(list, Qt::Key_Right);
    QVERIFY(list->isExpanded(mergeRow));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(timeline->selectedCommit(), scale);
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(timeline->selectedCommit(), image);
    // A merged commit is rolled back to or reverted as any other.
    QVERIFY(timeline->rollbackButton()->isEnabled());
    QVERIFY(timeline->revertButton()->isEnabled());
    QTest::keyClick(list, Qt::Key_Left);
    QCOMPARE(timeline->selectedCommit(), merge);
    QTest::keyClick(list, Qt::Key_Left);
    QVERIFY(!list->isExpanded(mergeRow));
    QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(timeline->selectedCommit(), first);
    shoot(timeline, u"timeline-merge"_s);

    // Going to a merged commit unfolds its merge and shows the commit's detail.
    QVERIFY(showDetail(timeline, image));
    QVERIFY(list->isExpanded(mergeRow));
    QCOMPARE(timeline->selectedCommit(), image);
    QCOMPARE(timeline->detailCommit(), image);
    // The text filter finds a merged commit and keeps its merge shown.
    timeline->textFilter()->setText(u"scale to 2"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data(TimelineModel::IdRole).toString(), merge);
    QCOMPARE(model->rowCount(model->index(0, 0)), 1);
    QCOMPARE(model->index(0, 0, model->index(0, 0)).data(TimelineModel::IdRole).toString(), scale);
    timeline->textFilter()->clear();
}

void tst_Timeline::opensWhileTheAppsAreBeingRead()
{
    // Opened as soon as the window shows the workspace (as bench_timeline does, and a user
    // pressing Ctrl+H at once), before its apps are read: the history follows once they are,
    // instead of an app with no folders and so no commits.
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    TimelineView *timeline = nullptr;
    bool readAlready = true;
    connect(&window, &MainWindow::workspaceShown, this, [&] {
        readAlready = window.document()->session()->desired().has_value();
        timeline = window.openTimeline(u"apps/web"_s);
    });
    window.openWorkspace(m_repository);
    QTRY_VERIFY_WITH_TIMEOUT(timeline, 10000);
    QVERIFY(!readAlready);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->list()->model()->rowCount(), 4, 10000);
    QCOMPARE(subjectAt(timeline, 0), u"web: image 1.27"_s);
    QTRY_COMPARE_WITH_TIMEOUT(timeline->selectedCommit(), m_web.at(3), 10000);
    QVERIFY2(!timeline->liveStatus()->text().contains(u"has no app"_s),
             qPrintable(timeline->liveStatus()->text()));
    // An app the workspace does not have says so once the apps are read.
    TimelineView *missing = window.openTimeline(u"apps/nope"_s);
    QVERIFY(missing);
    QCOMPARE(missing->liveStatus()->text(),
             u"The workspace has no app apps/nope at the revision shown."_s);
    QCOMPARE(missing->model()->rowCount(), 0);
}

QTEST_MAIN(tst_Timeline)
#include "tst_timeline.moc"
