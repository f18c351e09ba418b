// Change requests in the window (issue 15): a hand-scaled Deployment's replicas taken into
// git as a text edit, undone and redone; a Secret's value refused with the reason; the
// editor underlining a parse error with the parser's message and previewing an edit
// against live; and the change submitted to a bare remote, the checkout untouched.
#include "gitfixture.h"
#include "largefilepreview.h"

#include "apiserver.h"
#include "changerequests.h"
#include "changereviewdialog.h"
#include "checkoutfingerprint.h"
#include "differencelist.h"
#include "drift/driftreport.h"
#include "driftbrowser.h"
#include "forgetokendialog.h"
#include "itemmodels/drifttreemodel.h"
#include "localforgeprocess.h"
#include "mainwindow.h"
#include "manifest/manifestparser.h"
#include "manifesteditor.h"
#include "manifesteditpane.h"
#include "messagebanner.h"
#include "pendingchange.h"
#include "sidebysidediffview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace gitops;

namespace {

// A comment, a flow map and a quoted string: the adopted edit must leave them as they are.
const char *manifests = R"(apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
# The web front end. Scaled by hand during incidents; git is the truth.
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: 2   # two is enough outside incidents
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Secret
metadata: {name: token, namespace: demo}
stringData: {token: abc}
)";

const char *shopManifest = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: shop, image: "nginx:1.27"}]
)";

const char *cartManifest = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: demo}
spec:
  replicas: 1
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: "nginx:1.27"}]
)";

const char *cartPatch = R"(# Peak season: more carts.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: demo
spec:
  replicas: 3   # raised for the season
)";

// A base and the prod overlay that deploys it: kustomize prefixes the name and adds a label.
const char *storeBase = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: store
  namespace: demo
  labels: {app: store}
spec:
  replicas: 1   # the overlay keeps the base's count
  selector: {matchLabels: {app: store}}
  template:
    metadata: {labels: {app: store}}
    spec:
      containers: [{name: store, image: "nginx:1.27"}]
)";

const char *storeOverlay = "resources: [../../base]\nnamePrefix: prod-\n"
                           "labels: [{pairs: {env: prod}}]\n";
// A second overlay of the same base, another app: an edit of the base changes it too.
const char *stagingOverlay = "resources: [../../base]\nnamePrefix: staging-\n"
                             "labels: [{pairs: {env: staging}}]\n";
const QString stagingApp = QStringLiteral("apps/store/overlays/staging");

const QString webKey = QStringLiteral("apps/web/demo/Deployment.apps/web");
const QString storeKey = QStringLiteral("apps/store/overlays/prod/demo/Deployment.apps/prod-store");
const QString storeBaseFile = QStringLiteral("apps/store/base/deployment.yaml");
const QString secretKey = QStringLiteral("apps/web/demo/Secret/token");
const QString webFile = QStringLiteral("apps/web/web.yaml");

drift::SyncStatus syncOf(MainWindow &window, const QString &key)
{
    const QModelIndex index = window.browser()->model()->indexForKey(key);
    return index.isValid() ? drift::SyncStatus(index.data(DriftTreeModel::SyncRole).toInt())
                           : drift::SyncStatus::Unknown;
}

void shoot(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral("/tmp/shots"));
    widget->grab().save(QStringLiteral("/tmp/shots/%1.png").arg(name));
}

/// @p folder as the pending change has it, rendered by the real kubectl kustomize: @p kept
/// (repository-relative) copied from @p repository, every changed file written as the
/// change holds it. Empty, with @p error, when kubectl fails.
QByteArray renderPending(const PendingChange &pending, const QString &repository,
                         const QString &folder, const QStringList &kept, QString *error)
{
    QTemporaryDir tree;
    QDir().mkpath(tree.filePath(folder));
    for (const QString &path : kept)
        QFile::copy(repository + u'/' + path, tree.filePath(path));
    for (const QString &path : pending.changedPaths()) {
        QDir().mkpath(QFileInfo(tree.filePath(path)).path());
        QFile file(tree.filePath(path));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(pending.file(path)->current);
    }
    QProcess kubectl;
    kubectl.start(QStringLiteral("kubectl"), {QStringLiteral("kustomize"), tree.filePath(folder)});
    if (!kubectl.waitForFinished(60000) || kubectl.exitCode() != 0) {
        *error = QString::fromLocal8Bit(kubectl.readAllStandardError());
        return {};
    }
    return kubectl.readAllStandardOutput();
}

} // namespace

class tst_ChangeRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void adoptsTheHandScaledReplicas();
    void reviewShowsVerdictsAndTheTreeMarksTheResource();
    void adoptsAFieldOnlyAnOverlayPatchHolds();
    void refusesASecretsValue();
    void addsAnObjectOnlyTheClusterHas();
    void editorUnderlinesParseErrorsAndPreviews();
    void submitsToABareRemote();
    void opensAPullRequestOnTheLocalForge();
    void asksForATokenWhenTheForgeHasNone();
    void refusesAnAutoscalersReplicas();
    void previewFollowsTypingInALargeFile();
    void previewsARenderedApp();
    void previewsAnOverlayRenderedWithTheEditedBase();
    void reviewSaysHelmVerdictsAreNotKnown();
    void everyAppThatReadsAChangedFileIsReviewed();

private:
    /// A window comparing the repository with the cluster, @p key selected and OutOfSync.
    bool openWindow(MainWindow &window, const QString &key);
    /// Starts @p forge and makes @p name, a clone of its repository with the app on main.
    void makeForgeClone(test::LocalForgeProcess &forge, const QString &name, QString *clone,
                        QString *token);
    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_repository;
    QString m_remote;
    QString m_head;
};

void tst_ChangeRequest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    const QString kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    QVERIFY2(m_server.writeKubeconfig(kubeconfig, &error), qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));

    m_repository = m_dir.filePath(QStringLiteral("fleet"));
    QVERIFY(QDir().mkpath(m_repository + QStringLiteral("/apps/web")));
    QFile app(m_repository + u'/' + webFile);
    QVERIFY(app.open(QIODevice::WriteOnly));
    app.write(manifests);
    app.close();
    // A kustomize app beside it: its objects are rendered, so they are not edited in place.
    QVERIFY(QDir().mkpath(m_repository + QStringLiteral("/apps/shop")));
    QFile kustomization(m_repository + QStringLiteral("/apps/shop/kustomization.yaml"));
    QVERIFY(kustomization.open(QIODevice::WriteOnly));
    // kustomize's replicas transformer sets the count: shop.yaml's 1 is not what renders.
    kustomization.write("resources: [shop.yaml]\nreplicas: [{name: shop, count: 2}]\n");
    kustomization.close();
    QFile shop(m_repository + QStringLiteral("/apps/shop/shop.yaml"));
    QVERIFY(shop.open(QIODevice::WriteOnly));
    shop.write(shopManifest);
    shop.close();
    // A kustomize app whose replicas only its overlay's patch holds (cart.yaml says 1).
    QVERIFY(QDir().mkpath(m_repository + QStringLiteral("/apps/cart")));
    for (const auto &[name, text] :
         {std::pair{QStringLiteral("kustomization.yaml"),
                    QByteArray("resources: [cart.yaml]\npatches: [{path: replicas-patch.yaml}]\n")},
          std::pair{QStringLiteral("cart.yaml"), QByteArray(cartManifest)},
          std::pair{QStringLiteral("replicas-patch.yaml"), QByteArray(cartPatch)}}) {
        QFile file(m_repository + QStringLiteral("/apps/cart/") + name);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    // The overlay app whose base is edited: apps/store/overlays/prod.
    for (const auto &[name, text] :
         {std::pair{QStringLiteral("base/kustomization.yaml"),
                    QByteArray("resources: [deployment.yaml]\n")},
          std::pair{QStringLiteral("base/deployment.yaml"), QByteArray(storeBase)},
          std::pair{QStringLiteral("overlays/prod/kustomization.yaml"), QByteArray(storeOverlay)},
          std::pair{QStringLiteral("overlays/staging/kustomization.yaml"),
                    QByteArray(stagingOverlay)}}) {
        const QString path = m_repository + QStringLiteral("/apps/store/") + name;
        QVERIFY(QDir().mkpath(path.section(u'/', 0, -2)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    test::runGit(m_repository,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(m_repository, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(m_repository,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("web")});
    m_head =
        test::runGit(m_repository, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed();
    // The remote the change goes to: a bare repository behind a file:// URL.
    m_remote = m_dir.filePath(QStringLiteral("remote.git"));
    test::runGit(m_dir.path(),
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                  QStringLiteral("-b"), QStringLiteral("main"), m_remote});
    test::runGit(m_repository,
                 {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
                  QUrl::fromLocalFile(m_remote).toString()});
    test::runGit(m_repository,
                 {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                  QStringLiteral("main")});

    // Someone scaled web to 5 by hand and changed the token.
    QDir seed(m_dir.filePath(QStringLiteral("seed")));
    QVERIFY(seed.mkpath(QStringLiteral(".")));
    QFile seedFile(seed.filePath(QStringLiteral("web.yaml")));
    QVERIFY(seedFile.open(QIODevice::WriteOnly));
    seedFile.write(QByteArray(manifests)
                       .replace("replicas: 2", "replicas: 5")
                       .replace("token: abc", "token: changed-by-hand"));
    seedFile.close();
    QFile seedShop(seed.filePath(QStringLiteral("shop.yaml")));
    QVERIFY(seedShop.open(QIODevice::WriteOnly));
    seedShop.write(QByteArray(shopManifest)
                       .replace("replicas: 1", "replicas: 3")
                       .replace("nginx:1.27", "nginx:1.28"));
    seedShop.close();
    QFile seedCart(seed.filePath(QStringLiteral("cart.yaml")));
    QVERIFY(seedCart.open(QIODevice::WriteOnly));
    seedCart.write(
        QByteArray(cartManifest).replace("replicas: 1", "replicas: 4\n  minReadySeconds: 7"));
    seedCart.close();
    // prod-store runs three, as rendered otherwise.
    QFile seedStore(seed.filePath(QStringLiteral("store.yaml")));
    QVERIFY(seedStore.open(QIODevice::WriteOnly));
    seedStore.write(
        QByteArray(storeBase)
            .replace("name: store\n", "name: prod-store\n")
            .replace("labels: {app: store}\nspec", "labels: {app: store, env: prod}\nspec")
            .replace("replicas: 1", "replicas: 3"));
    seedStore.close();
    // staging-store runs as git renders it.
    QFile seedStaging(seed.filePath(QStringLiteral("staging-store.yaml")));
    QVERIFY(seedStaging.open(QIODevice::WriteOnly));
    seedStaging.write(
        QByteArray(storeBase)
            .replace("name: store\n", "name: staging-store\n")
            .replace("labels: {app: store}\nspec", "labels: {app: store, env: staging}\nspec"));
    seedStaging.close();
    const QStringList errors = m_server.seed(seed.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
}

bool tst_ChangeRequest::openWindow(MainWindow &window, const QString &key)
{
    window.resize(1300, 860);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.selectWhenAvailable(key);
    window.openWorkspace(m_repository);
    if (!shown.wait(10000))
        return false;
    window.selectContext(QStringLiteral("admin"));
    if (!QTest::qWaitFor([&] { return syncOf(window, key) == drift::SyncStatus::OutOfSync; },
                         20000))
        return false;
    return QTest::qWaitFor(
        [&] {
            return window.browser()->selectedKey() == key
                && window.browser()->differences()->rowCount() > 0;
        },
        10000);
}

void tst_ChangeRequest::adoptsTheHandScaledReplicas()
{
    MainWindow window;
    QVERIFY(openWindow(window, webKey));
    ChangeRequests *changes = window.changeRequests();
    DifferenceList *differences = window.browser()->differences();
    QCOMPARE(differences->text(0, DifferenceList::PathColumn), QStringLiteral(".spec.replicas"));
    QVERIFY(!changes->pendingIndicator()->isVisible());

    // Per field: the row chosen, then Ctrl+T (Change › Take Live Value into Git).
    differences->setFocus();
    differences->setCurrentRow(0);
    QVERIFY(changes->adoptAction()->isEnabled());
    QCOMPARE(changes->adoptAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    QCOMPARE(adopted.constFirst().constFirst().toStringList(), QStringList());

    // Only that line changed: the comment on it, the file's other comment and the flow maps
    // are byte for byte as they were.
    const std::optional<PendingChange::File> file = changes->pending()->file(webFile);
    QVERIFY(file);
    QCOMPARE(file->original, QByteArray(manifests));
    QCOMPARE(file->current,
             QByteArray(manifests).replace("replicas: 2   # two is enough",
                                           "replicas: 5   # two is enough"));
    QCOMPARE(changes->pendingIndicator()->text(), QStringLiteral("Pending change: 1 file"));
    QVERIFY(changes->pendingIndicator()->isVisible());

    // The diff shows git after the edit beside live: nothing differs any more.
    SideBySideDiffView *diff = window.browser()->diffView();
    QTRY_COMPARE_WITH_TIMEOUT(diff->leftCaption(),
                              QStringLiteral("Desired after your edit (not in git yet)"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.browser()->verdict()->text().startsWith(QStringLiteral("After your edit: Synced")),
        10000);
    // Nothing differs, so it is all folded: unfolded, it reads 5.
    QTRY_VERIFY([diff] {
        diff->expandAll();
        return diff->leftText().contains(QStringLiteral("replicas: 5"));
    }());
    shoot(&window, QStringLiteral("changerequest-adopted"));

    // Another resource and back: the change is still there.
    QVERIFY(window.browser()->selectResource(QStringLiteral("apps/web//Namespace/demo")));
    QVERIFY(window.browser()->selectResource(webKey));
    QCOMPARE(changes->pending()->file(webFile)->current, file->current);

    // Edit › Undo (Ctrl+Z) takes it back; Redo (Ctrl+Shift+Z) again.
    QAction *undo = changes->editActions().at(0);
    QAction *redo = changes->editActions().at(1);
    QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));
    QCOMPARE(redo->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QVERIFY(changes->pending()->isEmpty());
    QVERIFY(!changes->pendingIndicator()->isVisible());
    QTRY_COMPARE(diff->leftCaption(), QStringLiteral("Desired (git)"));
    redo->trigger();
    QCOMPARE(changes->pending()->file(webFile)->current, file->current);
    QVERIFY(changes->pendingIndicator()->isVisible());
    // Closing the window with the change pending asks first; Cancel keeps both.
    window.close();
    QMessageBox *ask = window.findChild<QMessageBox *>(QStringLiteral("pendingChangeOnClose"));
    QVERIFY(ask);
    QTRY_VERIFY(ask->isVisible());
    QVERIFY(ask->text().contains(webFile));
    ask->button(QMessageBox::Cancel)->click();
    QVERIFY(window.isVisible());
    QCOMPARE(changes->pending()->file(webFile)->current, file->current);
    undo->trigger();
    QVERIFY(changes->pending()->isEmpty());
    // Nothing pending: it closes at once.
    window.close();
    QVERIFY(!window.isVisible());
}

void tst_ChangeRequest::reviewShowsVerdictsAndTheTreeMarksTheResource()
{
    MainWindow window;
    QVERIFY(openWindow(window, webKey));
    ChangeRequests *changes = window.changeRequests();
    DriftTreeModel *model = window.browser()->model();
    QCOMPARE(model->indexForKey(webKey).data(DriftTreeModel::PendingChangeRole).toString(),
             QString());
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    QCOMPARE(changes->pending()->changedPaths(), QStringList{webFile});

    // The tree marks the row the change touches, with the change's title in its tooltip;
    // the Secret beside it in the same file is not touched.
    const QString title = QStringLiteral("apps/web: take live .spec.replicas into git");
    QTRY_COMPARE_WITH_TIMEOUT(
        model->indexForKey(webKey).data(DriftTreeModel::PendingChangeRole).toString(), title,
        10000);
    QCOMPARE(model->indexForKey(secretKey).data(DriftTreeModel::PendingChangeRole).toString(),
             QString());
    QAbstractItemModel *shown = window.browser()->tree()->model();
    const QModelIndexList rows = shown->match(shown->index(0, 0), DriftTreeModel::KeyRole, webKey,
                                              1, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst().data(Qt::ToolTipRole).toString(),
             QStringLiteral("Changed in the pending change request '%1'").arg(title));
    QVERIFY(!rows.constFirst().data(Qt::DecorationRole).value<QIcon>().isNull());

    // The review says what the change does to the verdict: web becomes Synced.
    changes->reviewAction()->trigger();
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review);
    QTRY_COMPARE_WITH_TIMEOUT(review->resources()->topLevelItemCount(), 1, 10000);
    QTreeWidgetItem *item = review->resources()->topLevelItem(0);
    QCOMPARE(item->text(ChangeReviewDialog::ResourceNameColumn),
             QStringLiteral("apps/Deployment demo/web"));
    const auto verdict = [review] {
        return review->resources()->topLevelItemCount() > 0
            ? review->resources()->topLevelItem(0)->text(ChangeReviewDialog::VerdictColumn)
            : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(verdict(), QStringLiteral("OutOfSync → Synced"), 10000);
    item = review->resources()->topLevelItem(0);
    QVERIFY2(item->toolTip(ChangeReviewDialog::VerdictColumn).contains(u".spec.replicas"),
             qPrintable(item->toolTip(ChangeReviewDialog::VerdictColumn)));
    QTRY_VERIFY2(review->body()->toPlainText().contains(
                     u"- apps/Deployment demo/web (changed; against live: OutOfSync → Synced)"),
                 qPrintable(review->body()->toPlainText()));
    shoot(review, QStringLiteral("changerequest-review-verdicts"));

    // The user's own title is the one the tree names.
    review->title()->setText(QStringLiteral("Keep five web replicas"));
    QTRY_COMPARE(model->indexForKey(webKey).data(DriftTreeModel::PendingChangeRole).toString(),
                 QStringLiteral("Keep five web replicas"));

    // A hand edit that breaks something else: web stays OutOfSync after the change.
    ManifestEditPane *pane = changes->editPane();
    changes->editAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(pane->shownPath(), webFile, 10000);
    QByteArray typed = changes->pending()->file(webFile)->current;
    typed.replace("nginx:1.27", "nginx:1.29");
    pane->editor()->setPlainText(QString::fromUtf8(typed));
    QTRY_COMPARE_WITH_TIMEOUT(changes->pending()->file(webFile)->current, typed, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(verdict(), QStringLiteral("OutOfSync → OutOfSync"), 10000);

    // Discarded: the marks go.
    changes->discardAction()->trigger();
    QVERIFY(changes->pending()->isEmpty());
    QTRY_COMPARE(model->indexForKey(webKey).data(DriftTreeModel::PendingChangeRole).toString(),
                 QString());
    QVERIFY(shown
                ->match(shown->index(0, 0), DriftTreeModel::KeyRole, webKey, 1,
                        Qt::MatchExactly | Qt::MatchRecursive)
                .constFirst()
                .data(Qt::ToolTipRole)
                .toString()
                .isEmpty());
    review->close();
    window.document()->undoStack()->clear();
}

void tst_ChangeRequest::adoptsAFieldOnlyAnOverlayPatchHolds()
{
    const QString cartKey = QStringLiteral("apps/cart/demo/Deployment.apps/cart");
    MainWindow window;
    QVERIFY(openWindow(window, cartKey));
    ChangeRequests *changes = window.changeRequests();
    QCOMPARE(window.browser()->differences()->text(0, DifferenceList::PathColumn),
             QStringLiteral(".spec.replicas"));
    // The rendered 3 is the patch's, not cart.yaml's 1: the patch file is edited, as
    // `gitops-console adopt` does, its comments kept; cart.yaml is left alone.
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    QCOMPARE(adopted.constFirst().constFirst().toStringList(), QStringList());
    const QString patchFile = QStringLiteral("apps/cart/replicas-patch.yaml");
    // minReadySeconds no file sets: a strategic-merge patch in the overlay, named in its
    // kustomization.
    const QString kustomizationFile = QStringLiteral("apps/cart/kustomization.yaml");
    const QString livePatchFile = QStringLiteral("apps/cart/live-deployment-cart.patch.yaml");
    QCOMPARE(changes->pending()->changedPaths(),
             (QStringList{kustomizationFile, livePatchFile, patchFile}));
    QCOMPARE(changes->pending()->file(patchFile)->current,
             QByteArray(cartPatch).replace("replicas: 3", "replicas: 4"));
    QCOMPARE(changes->pending()->file(patchFile)->original, QByteArray(cartPatch));
    QCOMPARE(changes->pending()->file(patchFile)->commit, m_head);
    QCOMPARE(changes->pending()->file(livePatchFile)->original, QByteArray());
    QVERIFY(changes->pending()
                ->file(kustomizationFile)
                ->current.contains("live-deployment-cart.patch.yaml"));
    // Rendered by kubectl kustomize, the edited tree says what live says.
    QString error;
    const QByteArray rendered =
        renderPending(*changes->pending(), m_repository, QStringLiteral("apps/cart"),
                      {QStringLiteral("apps/cart/cart.yaml")}, &error);
    QVERIFY2(!rendered.isEmpty(), qPrintable(error));
    const manifest::ParsedManifests parsed =
        manifest::parseManifests(rendered, QStringLiteral("rendered.yaml"));
    QCOMPARE(parsed.resources.size(), 1);
    const QJsonObject spec = parsed.resources.constFirst().object.value(u"spec").toObject();
    QCOMPARE(spec.value(u"replicas").toInt(), 4);
    QCOMPARE(spec.value(u"minReadySeconds").toInt(), 7);
    QVERIFY(changes->pendingIndicator()->isVisible());
    window.document()->undoStack()->undo();
    QVERIFY(changes->pending()->isEmpty());
}

void tst_ChangeRequest::refusesASecretsValue()
{
    MainWindow window;
    QVERIFY(openWindow(window, secretKey));
    ChangeRequests *changes = window.changeRequests();
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    QVERIFY(changes->adoptResourceAction()->isEnabled());
    changes->adoptResourceAction()->trigger();
    QVERIFY2(adopted.size() > 0 || adopted.wait(10000), qPrintable(window.banner()->message()));
    const QStringList refusals = adopted.constFirst().constFirst().toStringList();
    QCOMPARE(refusals.size(), 1);
    QVERIFY2(refusals.constFirst().contains(QStringLiteral("Sealed Secrets")),
             qPrintable(refusals.constFirst()));
    // Nothing went into the change, and the window says why.
    QVERIFY(changes->pending()->isEmpty());
    QVERIFY(window.banner()->isVisible());
    QVERIFY2(window.banner()->message().contains(QStringLiteral("Sealed Secrets")),
             qPrintable(window.banner()->message()));
    QVERIFY(window.banner()->message().contains(QStringLiteral(".data")));
    // The secret's values are in neither the message nor the change.
    QVERIFY(!window.banner()->message().contains(QStringLiteral("changed-by-hand")));
    shoot(&window, QStringLiteral("changerequest-secret-refused"));
}

void tst_ChangeRequest::addsAnObjectOnlyTheClusterHas()
{
    // An Argo CD app whose ConfigMap beta someone made by hand in the cluster (with the app's
    // tracking label): git does not name it; the window adds it whole, as `adopt` does.
    QTemporaryDir dir;
    const QString bare = dir.filePath(QStringLiteral("flags.git"));
    test::runGit(dir.path(),
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
                  QStringLiteral("-b"), QStringLiteral("main"), bare});
    const QString url = QUrl::fromLocalFile(bare).toString();
    const QString repository = dir.filePath(QStringLiteral("flags"));
    const QByteArray kustomization = "# the flags app\nresources:\n  - settings.yaml\n";
    for (const auto &[name, text] :
         {std::pair{QStringLiteral("argocd/flags.yaml"),
                    QByteArray("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n"
                               "  name: flags\n  namespace: argocd\nspec:\n  project: default\n"
                               "  source:\n    repoURL: "
                               + url.toUtf8()
                               + "\n    path: apps/flags\n    targetRevision: main\n"
                                 "  destination:\n    server: https://kubernetes.default.svc\n"
                                 "    namespace: flags\n")},
          std::pair{QStringLiteral("apps/flags/kustomization.yaml"), kustomization},
          std::pair{QStringLiteral("apps/flags/settings.yaml"),
                    QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                               "  labels:\n    app.kubernetes.io/instance: flags\n"
                               "data:\n  mode: normal\n")}}) {
        const QString path = repository + u'/' + name;
        QVERIFY(QDir().mkpath(path.section(u'/', 0, -2)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    test::runGit(repository,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(repository, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(repository,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("flags")});
    test::runGit(repository,
                 {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), url});
    QDir seed(dir.filePath(QStringLiteral("seed")));
    QVERIFY(seed.mkpath(QStringLiteral(".")));
    QFile seedFile(seed.filePath(QStringLiteral("flags.yaml")));
    QVERIFY(seedFile.open(QIODevice::WriteOnly));
    seedFile.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flags\n---\n"
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                   "  namespace: flags\n  labels:\n    app.kubernetes.io/instance: flags\n"
                   "data:\n  mode: normal\n---\n"
                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: beta\n"
                   "  namespace: flags\n  labels:\n    app.kubernetes.io/instance: flags\n"
                   "data:\n  search: \"on\"\n");
    seedFile.close();
    const QStringList errors = m_server.seed(seed.path());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    const QString betaKey = QStringLiteral("flags/flags/ConfigMap/beta");
    MainWindow window;
    window.resize(1300, 860);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.selectWhenAvailable(betaKey);
    window.openWorkspace(repository);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));
    QVERIFY(QTest::qWaitFor(
        [&] {
            return syncOf(window, betaKey) == drift::SyncStatus::Extraneous
                && window.browser()->selectedKey() == betaKey;
        },
        20000));
    ChangeRequests *changes = window.changeRequests();
    // Only the whole object can be taken: git sets none of its fields.
    QTRY_VERIFY(changes->adoptObjectAction()->isEnabled());
    QVERIFY(!changes->adoptResourceAction()->isEnabled());
    QVERIFY(!changes->editAction()->isEnabled());
    QCOMPARE(changes->adoptObjectAction()->shortcut(),
             QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptObjectAction()->trigger();
    QVERIFY2(adopted.size() > 0 || adopted.wait(10000), qPrintable(window.banner()->message()));
    QCOMPARE(adopted.constFirst().constFirst().toStringList(), QStringList());

    // A new file in the app's folder, named in its kustomization, comment kept.
    const QString newFile = QStringLiteral("apps/flags/configmap-beta.yaml");
    const QString kustomizationFile = QStringLiteral("apps/flags/kustomization.yaml");
    QCOMPARE(changes->pending()->changedPaths(), (QStringList{newFile, kustomizationFile}));
    const PendingChange::File added = *changes->pending()->file(newFile);
    QCOMPARE(added.original, QByteArray());
    QVERIFY2(added.current.contains("name: beta\n") && added.current.contains("search: \"on\"")
                 && added.current.contains("app.kubernetes.io/instance: flags"),
             added.current.constData());
    for (const char *server : {"uid", "resourceVersion", "creationTimestamp", "managedFields"})
        QVERIFY2(!added.current.contains(server), added.current.constData());
    const PendingChange::File edited = *changes->pending()->file(kustomizationFile);
    QCOMPARE(edited.original, kustomization);
    QVERIFY2(edited.current.startsWith("# the flags app\n")
                 && edited.current.contains("configmap-beta.yaml"),
             edited.current.constData());
    QVERIFY(changes->pendingIndicator()->isVisible());
    shoot(&window, QStringLiteral("changerequest-object-added"));

    // Rendered by kubectl kustomize, the change's folder holds both ConfigMaps.
    QString error;
    const QByteArray rendered =
        renderPending(*changes->pending(), repository, QStringLiteral("apps/flags"),
                      {QStringLiteral("apps/flags/settings.yaml")}, &error);
    QVERIFY2(!rendered.isEmpty(), qPrintable(error));
    const manifest::ParsedManifests parsed =
        manifest::parseManifests(rendered, QStringLiteral("rendered.yaml"));
    QStringList names;
    for (const manifest::Resource &resource : parsed.resources)
        names << resource.id.name;
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("beta"), QStringLiteral("settings")}));

    // One undo step takes it all back.
    window.document()->undoStack()->undo();
    QVERIFY(changes->pending()->isEmpty());
}

void tst_ChangeRequest::editorUnderlinesParseErrorsAndPreviews()
{
    MainWindow window;
    QVERIFY(openWindow(window, webKey));
    ChangeRequests *changes = window.changeRequests();
    QVERIFY(changes->editAction()->isEnabled());
    changes->editAction()->trigger();
    ManifestEditPane *pane = changes->editPane();
    ManifestEditor *editor = pane->editor();
    QTRY_COMPARE_WITH_TIMEOUT(pane->shownPath(), webFile, 10000);
    QVERIFY(changes->editDock()->isVisible());
    QCOMPARE(editor->toPlainText(), QString::fromUtf8(manifests));
    // The Deployment's lines are marked: from its document's first key to its last field.
    QCOMPARE(editor->markedLines().first, 7);
    QVERIFY(editor->markedLines().second >= 16);
    QVERIFY(changes->pending()->isEmpty()); // opening is no edit

    // Type a value live does not have, then the one it has: the diff follows.
    const QTextBlock replicas = editor->document()->findBlockByNumber(10);
    QVERIFY(replicas.text().startsWith(QStringLiteral("  replicas: 2")));
    QTextCursor cursor(replicas);
    cursor.setPosition(replicas.position() + 12);
    cursor.deleteChar();
    editor->setTextCursor(cursor);
    QTest::keyClicks(editor, QStringLiteral("5"));
    QCOMPARE(changes->pending()->changedPaths(), QStringList{webFile});
    SideBySideDiffView *diff = window.browser()->diffView();
    QTRY_VERIFY_WITH_TIMEOUT(
        window.browser()->verdict()->text().startsWith(QStringLiteral("After your edit: Synced")),
        10000);
    QCOMPARE(diff->leftCaption(), QStringLiteral("Desired after your edit (not in git yet)"));
    QTRY_VERIFY(pane->status()->text().startsWith(QStringLiteral("After your edit: Synced")));

    // Broken YAML: underlined where the parser stopped, with its message, as you type.
    cursor.movePosition(QTextCursor::End);
    editor->setTextCursor(cursor);
    QTest::keyClicks(editor, QStringLiteral("bad: [unclosed"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(!editor->errors().isEmpty(), 10000);
    const manifest::SourceNote error = editor->errors().constFirst();
    QVERIFY2(!error.message.isEmpty(), qPrintable(error.toString()));
    QCOMPARE(editor->errorAt(error.line), error.message);
    bool underlined = false;
    for (const QTextEdit::ExtraSelection &selection : editor->extraSelections()) {
        underlined = underlined
            || (selection.format.underlineStyle() == QTextCharFormat::WaveUnderline
                && selection.format.toolTip() == error.message);
    }
    QVERIFY(underlined);
    QVERIFY2(pane->status()->text().contains(error.message), qPrintable(pane->status()->text()));
    QVERIFY(pane->status()->text().startsWith(QStringLiteral("Line %1").arg(error.line)));
    // The diff keeps the last text that parsed.
    QCOMPARE(diff->leftCaption(), QStringLiteral("Desired after your edit (not in git yet)"));
    shoot(&window, QStringLiteral("changerequest-editor-error"));

    // Typing is on the document's undo stack: undo removes the broken line (one step for
    // the burst of typing), and the error goes.
    QUndoStack *stack = window.document()->undoStack();
    QVERIFY(stack->count() >= 1);
    while (stack->canUndo())
        stack->undo();
    QCOMPARE(editor->toPlainText(), QString::fromUtf8(manifests));
    QVERIFY(changes->pending()->isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(editor->errors().isEmpty(), 10000);
    QTRY_COMPARE(diff->leftCaption(), QStringLiteral("Desired (git)"));
}

void tst_ChangeRequest::submitsToABareRemote()
{
    const QStringList before = test::checkoutFingerprint(m_repository);
    MainWindow window;
    QVERIFY(openWindow(window, webKey));
    ChangeRequests *changes = window.changeRequests();
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    QVERIFY(!changes->pending()->isEmpty());

    changes->pendingIndicator()->click();
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review);
    QVERIFY(review->isVisible());
    QVERIFY(!review->isModal());
    // Prefilled: the file diff, the resource, the branch and what the change says.
    QVERIFY2(review->unifiedDiff()->toPlainText().contains(
                 QStringLiteral("-  replicas: 2   # two is enough outside incidents\n"
                                "+  replicas: 5   # two is enough outside incidents")),
             qPrintable(review->unifiedDiff()->toPlainText()));
    QTRY_COMPARE_WITH_TIMEOUT(review->resources()->topLevelItemCount(), 1, 10000);
    QCOMPARE(review->resources()->topLevelItem(0)->text(0),
             QStringLiteral("apps/Deployment demo/web"));
    QVERIFY2(review->branch()->text().startsWith(QStringLiteral("gitops/apps-web/")),
             qPrintable(review->branch()->text()));
    QCOMPARE(review->title()->text(),
             QStringLiteral("apps/web: take live .spec.replicas into git"));
    QVERIFY(review->body()->toPlainText().contains(QStringLiteral(".spec.replicas")));
    QVERIFY(review->body()->toPlainText().contains(QStringLiteral("context admin")));
    // The commit the file was read at: a target branch that moves on is detected.
    QCOMPARE(review->request().draftBase, m_head);
    shoot(review, QStringLiteral("changerequest-review"));

    // No forge behind a file:// remote: push the branch only.
    review->openPullRequestToggle()->setChecked(false);
    const QString branch = review->branch()->text();
    QSignalSpy finished(changes, &ChangeRequests::submissionFinished);

    // Submit, and Cancel in the status bar at once: stopped, the change still pending.
    review->submitButton()->click();
    auto *cancel = window.statusBar()->findChild<QToolButton *>(QStringLiteral("submissionCancel"));
    QVERIFY(cancel);
    QVERIFY(cancel->isVisible());
    QVERIFY(changes->submissionStatus()->text().startsWith(QStringLiteral("Submitting")));
    QVERIFY(!review->submitButton()->isEnabled());
    cancel->click();
    QVERIFY(finished.size() > 0 || finished.wait(20000));
    QVERIFY(finished.takeFirst().constFirst().value<change::SubmissionResult>().cancelled);
    QCOMPARE(changes->submissionStatus()->text(),
             QStringLiteral("Submission cancelled; the change is still pending."));
    QVERIFY(review->outcome()->text().startsWith(QStringLiteral("Cancelled.")));
    QVERIFY(!changes->pending()->isEmpty());
    QVERIFY(!cancel->isVisible());

    review->submitButton()->click();
    QVERIFY(finished.size() > 0 || finished.wait(20000));

    // The repository has no author configured: the step and git's words are shown, with
    // Retry, and nothing was pushed.
    const auto failure = finished.takeFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY(!failure.succeeded());
    QVERIFY2(review->outcome()->text().contains(QStringLiteral("Failed while committing")),
             qPrintable(review->outcome()->text()));
    QVERIFY(review->outcome()->text().contains(QStringLiteral("user.name")));
    QCOMPARE(review->submitButton()->text(), QStringLiteral("&Retry"));
    QVERIFY(changes->submissionStatus()->text().startsWith(QStringLiteral("Submitting failed")));
    QVERIFY(!changes->pending()->isEmpty()); // nothing lost
    QCOMPARE(test::runGit(m_remote, {QStringLiteral("branch"), QStringLiteral("--list")}).trimmed(),
             QStringLiteral("* main"));
    shoot(review, QStringLiteral("changerequest-failed"));

    // Fixed, Retry: the same branch.
    test::runGit(
        m_repository,
        {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Pat Operator")});
    test::runGit(m_repository,
                 {QStringLiteral("config"), QStringLiteral("user.email"),
                  QStringLiteral("pat@example.com")});
    review->submitButton()->click();
    QVERIFY(finished.size() > 0 || finished.wait(20000));
    const auto result = finished.constFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY2(result.succeeded(), qPrintable(result.error));
    QCOMPARE(result.branch, branch);

    // The bare remote holds the branch on top of main, with only that line changed.
    const QString pushed =
        test::runGit(m_remote, {QStringLiteral("show"), branch + QStringLiteral(":") + webFile});
    // (runGit() trims the output's final newline.)
    QCOMPARE(pushed.toUtf8() + '\n',
             QByteArray(manifests).replace("replicas: 2   # two is enough",
                                           "replicas: 5   # two is enough"));
    QCOMPARE(test::runGit(m_remote, {QStringLiteral("rev-parse"), branch + QStringLiteral("^")})
                 .trimmed(),
             m_head);
    // The user's checkout is untouched.
    QCOMPARE(
        test::runGit(m_repository, {QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed(),
        m_head);
    QCOMPARE(test::runGit(m_repository, {QStringLiteral("status"), QStringLiteral("--porcelain")}),
             QString());
    QCOMPARE(test::checkoutFingerprint(m_repository), before);
    // The screen: submitted, the change cleared.
    QVERIFY2(changes->submissionStatus()->text().contains(branch),
             qPrintable(changes->submissionStatus()->text()));
    QVERIFY(changes->pending()->isEmpty());
    QVERIFY(!changes->pendingIndicator()->isVisible());
    QCOMPARE(changes->submitted().size(), 1);
    QVERIFY2(review->outcome()->text().contains(branch), qPrintable(review->outcome()->text()));
    QVERIFY(!window.document()->undoStack()->canUndo());
    // The diff is git's again (the change is not merged yet): 2 beside live's 5.
    SideBySideDiffView *diff = window.browser()->diffView();
    QTRY_COMPARE(diff->leftCaption(), QStringLiteral("Desired (git)"));
    QTRY_VERIFY(diff->leftText().contains(QStringLiteral("replicas: 2")));
    shoot(review, QStringLiteral("changerequest-submitted"));
    shoot(&window, QStringLiteral("changerequest-submitted-window"));
}

void tst_ChangeRequest::makeForgeClone(test::LocalForgeProcess &forge, const QString &name,
                                       QString *clone, QString *token)
{
    // origin is the local forge (GitHub flavor) over HTTP; git's credential helper holds its
    // token for pushing, as a user's would.
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    *token = QString::fromLatin1(test::LocalForgeProcess::writeToken());
    const QString credentials = m_dir.filePath(name + QStringLiteral("-credentials"));
    {
        QFile out(credentials);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QStringLiteral("http://forge-user:%1@127.0.0.1:%2\n")
                      .arg(*token)
                      .arg(QUrl(forge.url()).port())
                      .toUtf8());
    }
    const QString helper = QStringLiteral("store --file=") + credentials;
    *clone = m_dir.filePath(name);
    qputenv("GIT_CONFIG_COUNT", "1");
    qputenv("GIT_CONFIG_KEY_0", "credential.helper");
    qputenv("GIT_CONFIG_VALUE_0", helper.toUtf8());
    test::runGit(m_dir.path(),
                 {QStringLiteral("clone"), QStringLiteral("-q"), forge.remoteUrl(), *clone});
    QVERIFY(QDir().mkpath(*clone + QStringLiteral("/apps/web")));
    QFile app(*clone + u'/' + webFile);
    QVERIFY(app.open(QIODevice::WriteOnly));
    app.write(manifests);
    app.close();
    test::runGit(*clone, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(*clone,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("web")});
    test::runGit(*clone,
                 {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"),
                  QStringLiteral("HEAD:main")});
    qunsetenv("GIT_CONFIG_COUNT");
    qunsetenv("GIT_CONFIG_KEY_0");
    qunsetenv("GIT_CONFIG_VALUE_0");
    test::runGit(*clone, {QStringLiteral("config"), QStringLiteral("credential.helper"), helper});
    test::runGit(
        *clone,
        {QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Pat Operator")});
    test::runGit(*clone,
                 {QStringLiteral("config"), QStringLiteral("user.email"),
                  QStringLiteral("pat@example.com")});
}

void tst_ChangeRequest::opensAPullRequestOnTheLocalForge()
{
    // The submission's environment holds the forge's token, as a user's keychain would.
    test::LocalForgeProcess forge(QStringLiteral("github"));
    QString clone;
    QString token;
    makeForgeClone(forge, QStringLiteral("forge-clone"), &clone, &token);
    if (QTest::currentTestFailed())
        return;
    const QStringList before = test::checkoutFingerprint(clone);

    MainWindow window;
    window.resize(1300, 860);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.selectWhenAvailable(webKey);
    window.openWorkspace(clone);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));
    QTRY_VERIFY_WITH_TIMEOUT(window.browser()->selectedKey() == webKey
                                 && window.browser()->differences()->rowCount() > 0,
                             20000);
    ChangeRequests *changes = window.changeRequests();
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_TOKEN"), token);
    changes->setTokenSource(environment, false);
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    changes->reviewAction()->trigger();
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review);
    review->draftToggle()->setChecked(true);
    review->labels()->setText(QStringLiteral("gitops-console, drift"));
    const QString title = review->title()->text();
    QSignalSpy finished(changes, &ChangeRequests::submissionFinished);
    review->submitButton()->click();
    QVERIFY(finished.size() > 0 || finished.wait(30000));
    const auto result = finished.constFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY2(result.succeeded(), qPrintable(result.error));
    QVERIFY(result.pullRequest);

    // The forge holds one draft pull request from the change's branch into main.
    const QJsonArray pulls = forge.pulls();
    QCOMPARE(pulls.size(), 1);
    const QJsonObject pull = pulls.first().toObject();
    QCOMPARE(pull.value(u"head").toString(), result.branch);
    QCOMPARE(pull.value(u"base").toString(), QStringLiteral("main"));
    QCOMPARE(pull.value(u"title").toString(), title);
    QCOMPARE(pull.value(u"draft").toBool(), true);
    QCOMPARE(pull.value(u"labels").toArray(),
             (QJsonArray{QStringLiteral("gitops-console"), QStringLiteral("drift")}));
    QVERIFY(pull.value(u"body").toString().contains(QStringLiteral(".spec.replicas")));
    QCOMPARE(forge.branchTip(result.branch), result.commitId);
    // The screen links it, in the review and the status bar; Change lists it as submitted.
    const QString url = result.pullRequest->webUrl.toString();
    const QString number = QString::number(result.pullRequest->number);
    QVERIFY2(review->outcome()->text().contains(QStringLiteral("Pull request #") + number
                                                + QStringLiteral(" opened")),
             qPrintable(review->outcome()->text()));
    QVERIFY(review->outcome()->text().contains(QStringLiteral("href=\"") + url));
    QVERIFY(changes->submissionStatus()->text().contains(QStringLiteral("href=\"") + url));
    QVERIFY(review->outcome()->openExternalLinks());
    QCOMPARE(changes->submitted().size(), 1);
    QVERIFY(changes->pending()->isEmpty());
    QCOMPARE(test::checkoutFingerprint(clone), before);
    shoot(review, QStringLiteral("changerequest-pull-request"));
    shoot(&window, QStringLiteral("changerequest-pull-request-window"));
}

void tst_ChangeRequest::asksForATokenWhenTheForgeHasNone()
{
    // No token anywhere (no keychain service here, none in the environment): the branch is
    // pushed, the window asks for one, and the same submission then opens the request.
    test::LocalForgeProcess forge(QStringLiteral("github"));
    QString clone;
    QString token;
    makeForgeClone(forge, QStringLiteral("token-clone"), &clone, &token);
    if (QTest::currentTestFailed())
        return;
    MainWindow window;
    window.resize(1300, 860);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.selectWhenAvailable(webKey);
    window.openWorkspace(clone);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));
    QTRY_VERIFY_WITH_TIMEOUT(window.browser()->selectedKey() == webKey
                                 && window.browser()->differences()->rowCount() > 0,
                             20000);
    ChangeRequests *changes = window.changeRequests();
    changes->setTokenSource(QProcessEnvironment(), false);
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    changes->reviewAction()->trigger();
    QVERIFY(changes->review());
    QSignalSpy finished(changes, &ChangeRequests::submissionFinished);
    changes->review()->submitButton()->click();
    QVERIFY(finished.size() > 0 || finished.wait(30000));
    const auto failed = finished.constFirst().constFirst().value<change::SubmissionResult>();
    QVERIFY(!failed.succeeded());
    QCOMPARE(failed.tokenHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(forge.branchTip(failed.branch), failed.commitId);
    QCOMPARE(forge.pulls().size(), 0);

    QTRY_VERIFY(changes->tokenDialog());
    ForgeTokenDialog *dialog = changes->tokenDialog();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->keychainChoice()->isChecked());
    QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::keyClicks(dialog->tokenField(), token);
    QCOMPARE(dialog->tokenField()->echoMode(), QLineEdit::Password);
    // The keychain does not answer here: the dialog says so, stores nothing, and leaves the
    // explicit choice of using the token for this session only.
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->problem()->text().contains(QStringLiteral("did not take the token")), 15000);
    QVERIFY(!dialog->keychainChoice()->isEnabled());
    QVERIFY(dialog->sessionChoice()->isChecked());
    QVERIFY(!dialog->problem()->text().contains(token));
    QCOMPARE(forge.pulls().size(), 0);
    shoot(dialog, QStringLiteral("changerequest-token"));
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();

    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
    const auto result = finished.at(1).constFirst().value<change::SubmissionResult>();
    QVERIFY2(result.succeeded(), qPrintable(result.error));
    QVERIFY(result.pullRequest);
    QCOMPARE(result.branch, failed.branch);
    QCOMPARE(forge.pulls().size(), 1);
    QVERIFY(!changes->submissionStatus()->text().contains(token));
    // Nothing was written to the settings.
    QSettings settings;
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(token), qPrintable(key));
}

void tst_ChangeRequest::refusesAnAutoscalersReplicas()
{
    // An autoscaler the app does not define scales web through /scale, as the
    // HorizontalPodAutoscaler controller does: its replicas are not git's to take.
    const auto type = m_server.registry().byKind(QStringLiteral("apps"), QStringLiteral("v1"),
                                                 QStringLiteral("Deployment"));
    QVERIFY(type);
    QVERIFY(std::holds_alternative<QJsonObject>(
        m_server.scale(*type, QStringLiteral("demo"), QStringLiteral("web"), 7,
                       QStringLiteral("kube-controller-manager"))));
    MainWindow window;
    QVERIFY(openWindow(window, webKey));
    ChangeRequests *changes = window.changeRequests();
    QTRY_VERIFY_WITH_TIMEOUT(
        window.browser()->differences()->rowCount() > 0
            && window.browser()->differences()->text(0, DifferenceList::LiveColumn)
                == QStringLiteral("7"),
        10000);
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    const QStringList refusals = adopted.constFirst().constFirst().toStringList();
    QCOMPARE(refusals.size(), 1);
    QVERIFY2(refusals.constFirst().startsWith(QStringLiteral(".spec.replicas: "))
                 && refusals.constFirst().contains(QStringLiteral("HorizontalPodAutoscaler")),
             qPrintable(refusals.constFirst()));
    QVERIFY(changes->pending()->isEmpty());
    QVERIFY(window.banner()->message().contains(QStringLiteral("HorizontalPodAutoscaler")));
    shoot(&window, QStringLiteral("changerequest-autoscaler-refused"));
}

void tst_ChangeRequest::previewFollowsTypingInALargeFile()
{
    // The issue's figure: a 2,000-line file of 100 Deployments in an app of 1,000 resources;
    // from a keystroke to the side-by-side diff showing the edited resource against live.
    testing::LargeFilePreview scenario;
    QCOMPARE(scenario.file().count('\n'), 2000);
    QCOMPARE(scenario.app().resources.size(), 1000);
    SideBySideDiffView &diff = scenario.diff();
    QSignalSpy updated(&diff, &SideBySideDiffView::updated);
    scenario.start();
    QVERIFY(updated.wait(10000));

    // Type digits after the replicas of web-50, one a time, waiting for the diff each time.
    ManifestEditor *editor = scenario.editor();
    const QTextBlock replicas = scenario.replicasLine();
    QVERIFY(replicas.isValid());
    QTextCursor cursor(replicas);
    cursor.movePosition(QTextCursor::EndOfBlock);
    editor->setTextCursor(cursor);
    QList<qint64> latencies;
    for (int i = 0; i < 15; ++i) {
        updated.clear();
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(editor, Qt::Key_1);
        QVERIFY(updated.wait(5000));
        latencies << timer.elapsed();
    }
    QVERIFY(diff.leftText().contains(QStringLiteral("replicas: 2111111111111111")));
    std::sort(latencies.begin(), latencies.end());
    const qint64 median = latencies.at(latencies.size() / 2);
    qInfo("preview latency, keystroke to updated diff (2,000-line file, 1,000 resources): "
          "median %lld ms, max %lld ms (60 ms of it is the typing debounce)",
          median, latencies.constLast());
    // The issue asks for 150 ms in a Release build; this Debug build on a shared machine
    // gets a margin, so that the test says "much too slow", not "a busy moment".
    QVERIFY2(median < 500, qPrintable(QString::number(median)));
}

void tst_ChangeRequest::previewsARenderedApp()
{
    const QString shopKey = QStringLiteral("apps/shop/demo/Deployment.apps/shop");
    MainWindow window;
    QVERIFY(openWindow(window, shopKey));
    ChangeRequests *changes = window.changeRequests();
    // The image is written in shop.yaml as it renders: taken into that file. The replicas
    // are kustomize's (its replicas transformer): refused, saying why.
    QSignalSpy adopted(changes, &ChangeRequests::adoptionDone);
    changes->adoptResourceAction()->trigger();
    QVERIFY(adopted.size() > 0 || adopted.wait(10000));
    const QStringList refusals = adopted.constFirst().constFirst().toStringList();
    QCOMPARE(refusals.size(), 1);
    QVERIFY2(refusals.constFirst().startsWith(QStringLiteral(".spec.replicas: kustomize sets"))
                 && refusals.constFirst().contains(QStringLiteral("edit it by hand")),
             qPrintable(refusals.join(u'\n')));
    const QString shopFile = QStringLiteral("apps/shop/shop.yaml");
    QCOMPARE(changes->pending()->changedPaths(), QStringList{shopFile});
    QCOMPARE(changes->pending()->file(shopFile)->current,
             QByteArray(shopManifest).replace("nginx:1.27", "nginx:1.28"));
    window.document()->undoStack()->undo();
    QVERIFY(changes->pending()->isEmpty());
    // Its source opens; the preview is the app as kustomize renders it with the edit: a
    // comment changes nothing, so shop stays OutOfSync (the transformer's 2 against live's 3).
    changes->editAction()->trigger();
    ManifestEditPane *pane = changes->editPane();
    QTRY_VERIFY_WITH_TIMEOUT(!pane->shownPath().isEmpty(), 10000);
    QCOMPARE(pane->editor()->markedLines(), std::make_pair(0, 0));
    QTest::keyClicks(pane->editor(), QStringLiteral("# edited"));
    QTest::keyClick(pane->editor(), Qt::Key_Return);
    QVERIFY(!changes->pending()->isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(pane->status()->text().startsWith(QStringLiteral(
                                 "After your edit, as kustomize renders apps/shop: OutOfSync")),
                             20000);
    QCOMPARE(window.browser()->diffView()->leftCaption(),
             QStringLiteral("Desired after your edit (not in git yet)"));
    shoot(&window, QStringLiteral("changerequest-kustomize"));

    // Several files in one change: web.yaml edited beside shop.yaml (an autoscaler owns
    // web's replicas by now, see above, so they are typed, not adopted).
    QVERIFY(window.browser()->selectResource(webKey));
    changes->editAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(pane->shownPath(), webFile, 10000);
    QTest::keyClicks(pane->editor(), QStringLiteral("# reviewed"));
    QTest::keyClick(pane->editor(), Qt::Key_Return);
    QCOMPARE(changes->pending()->changedPaths(), (QStringList{shopFile, webFile}));
    QCOMPARE(changes->pendingIndicator()->text(), QStringLiteral("Pending change: 2 files"));
    QCOMPARE(pane->files()->count(), 2);
    QVERIFY(pane->files()->isVisible());
    changes->reviewAction()->trigger();
    const QString unified = changes->review()->unifiedDiff()->toPlainText();
    QVERIFY(unified.contains(QStringLiteral("+++ b/") + shopFile));
    QVERIFY(unified.contains(QStringLiteral("+++ b/") + webFile));
    changes->review()->close();
    while (window.document()->undoStack()->canUndo())
        window.document()->undoStack()->undo();
    QVERIFY(changes->pending()->isEmpty());
}

void tst_ChangeRequest::previewsAnOverlayRenderedWithTheEditedBase()
{
    MainWindow window;
    QVERIFY(openWindow(window, storeKey));
    ChangeRequests *changes = window.changeRequests();
    const QStringList checkout = test::checkoutFingerprint(m_repository);
    // prod-store comes from the base: that file opens.
    changes->editAction()->trigger();
    ManifestEditPane *pane = changes->editPane();
    QTRY_COMPARE_WITH_TIMEOUT(pane->shownPath(), storeBaseFile, 10000);
    QCOMPARE(pane->editor()->toPlainText(), QString::fromUtf8(storeBase));

    // The base's replicas typed to live's 3: the preview is the overlay's render of the
    // edited base (its name prefix, its label) against live, and nothing differs.
    ManifestEditor *editor = pane->editor();
    const QTextBlock replicas = editor->document()->findBlockByNumber(7);
    QVERIFY(replicas.text().startsWith(QStringLiteral("  replicas: 1")));
    QTextCursor cursor(replicas);
    cursor.setPosition(replicas.position() + 12);
    cursor.deleteChar();
    editor->setTextCursor(cursor);
    QTest::keyClicks(editor, QStringLiteral("3"));
    QCOMPARE(changes->pending()->changedPaths(), QStringList{storeBaseFile});
    QTRY_VERIFY_WITH_TIMEOUT(
        pane->status()->text().startsWith(QStringLiteral(
            "After your edit, as kustomize renders apps/store/overlays/prod: Synced")),
        20000);
    // The tree marks the rendered row the base's object becomes.
    QTRY_VERIFY_WITH_TIMEOUT(!window.browser()
                                  ->model()
                                  ->indexForKey(storeKey)
                                  .data(DriftTreeModel::PendingChangeRole)
                                  .toString()
                                  .isEmpty(),
                             10000);
    QVERIFY(pane->preview().rendered);
    SideBySideDiffView *diff = window.browser()->diffView();
    QTRY_COMPARE_WITH_TIMEOUT(diff->leftCaption(),
                              QStringLiteral("Desired after your edit (not in git yet)"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.browser()->verdict()->text().startsWith(QStringLiteral("After your edit: Synced")),
        10000);
    // Nothing differs, so it is all folded: unfolded, it reads the overlay's render.
    QTRY_VERIFY2_WITH_TIMEOUT(
        [diff] {
            diff->expandAll();
            const QString desired = diff->leftText();
            return desired.contains(QStringLiteral("name: prod-store"))
                && desired.contains(QStringLiteral("env: prod"))
                && desired.contains(QStringLiteral("replicas: 3"));
        }(),
        qPrintable(diff->leftText()), 10000);
    QVERIFY(diff->rightText().contains(QStringLiteral("replicas: 3")));
    shoot(&window, QStringLiteral("changerequest-overlay-preview"));

    // A value live does not have: the rendered object differs from live in it.
    cursor = QTextCursor(editor->document()->findBlockByNumber(7));
    cursor.setPosition(cursor.block().position() + 12);
    cursor.deleteChar();
    editor->setTextCursor(cursor);
    QTest::keyClicks(editor, QStringLiteral("4"));
    QTRY_VERIFY_WITH_TIMEOUT(
        pane->status()->text().startsWith(QStringLiteral(
            "After your edit, as kustomize renders apps/store/overlays/prod: OutOfSync")),
        20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [diff] {
            diff->expandAll();
            return diff->leftText().contains(QStringLiteral("replicas: 4"))
                && diff->leftText().contains(QStringLiteral("name: prod-store"));
        }(),
        10000);

    // The review names the resources of both overlays that use the base, each rendered by
    // its own app: prod-store goes from OutOfSync to OutOfSync (4 is not live's 3), and
    // staging-store, Synced with live's 1, starts drifting.
    changes->reviewAction()->trigger();
    ChangeReviewDialog *review = changes->review();
    QVERIFY(review);
    const auto verdict = [review](int row) {
        return review->resources()->topLevelItemCount() == 2
            ? review->resources()->topLevelItem(row)->text(ChangeReviewDialog::VerdictColumn)
            : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(verdict(0), QStringLiteral("OutOfSync → OutOfSync"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(verdict(1), QStringLiteral("Synced → OutOfSync"), 20000);
    QTreeWidgetItem *item = review->resources()->topLevelItem(0);
    QCOMPARE(item->text(ChangeReviewDialog::ResourceNameColumn),
             QStringLiteral("apps/Deployment demo/prod-store"));
    QCOMPARE(item->text(ChangeReviewDialog::ResourceAppColumn),
             QStringLiteral("apps/store/overlays/prod"));
    QCOMPARE(item->text(ChangeReviewDialog::ResourceFileColumn), storeBaseFile);
    QVERIFY2(item->toolTip(ChangeReviewDialog::VerdictColumn)
                 .contains(QStringLiteral("rendered by kustomize")),
             qPrintable(item->toolTip(ChangeReviewDialog::VerdictColumn)));
    QTreeWidgetItem *staging = review->resources()->topLevelItem(1);
    QCOMPARE(staging->text(ChangeReviewDialog::ResourceNameColumn),
             QStringLiteral("apps/Deployment demo/staging-store"));
    QCOMPARE(staging->text(ChangeReviewDialog::ResourceAppColumn), stagingApp);
    QCOMPARE(staging->text(ChangeReviewDialog::ResourceFileColumn), storeBaseFile);
    QVERIFY2(staging->toolTip(ChangeReviewDialog::VerdictColumn)
                 .contains(QStringLiteral("(differs in .spec.replicas)")),
             qPrintable(staging->toolTip(ChangeReviewDialog::VerdictColumn)));
    QVERIFY2(staging->toolTip(ChangeReviewDialog::VerdictColumn)
                 .contains(stagingApp + QStringLiteral(" rendered by kustomize")),
             qPrintable(staging->toolTip(ChangeReviewDialog::VerdictColumn)));
    cursor = QTextCursor(editor->document()->findBlockByNumber(7));
    cursor.setPosition(cursor.block().position() + 12);
    cursor.deleteChar();
    editor->setTextCursor(cursor);
    QTest::keyClicks(editor, QStringLiteral("3"));
    QTRY_COMPARE_WITH_TIMEOUT(verdict(0), QStringLiteral("OutOfSync → Synced"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(verdict(1), QStringLiteral("Synced → OutOfSync"), 20000);
    QTRY_VERIFY2(review->body()->toPlainText().contains(
                     u"Also changes what apps/store/overlays/staging render"),
                 qPrintable(review->body()->toPlainText()));
    QTRY_VERIFY2(review->body()->toPlainText().contains(
                     u"- apps/Deployment demo/prod-store in apps/store/overlays/prod (changed; "
                     u"against live: OutOfSync → Synced)"),
                 qPrintable(review->body()->toPlainText()));
    QVERIFY2(review->body()->toPlainText().contains(
                 u"- apps/Deployment demo/staging-store in apps/store/overlays/staging (changed; "
                 u"against live: Synced → OutOfSync)"),
             qPrintable(review->body()->toPlainText()));
    shoot(review, QStringLiteral("changerequest-overlay-review"));

    // A change kustomize refuses: the renderer's own words as the preview's message, and the
    // diff keeps the last render that worked.
    QTextCursor end(editor->document());
    end.movePosition(QTextCursor::End);
    editor->setTextCursor(end);
    editor->insertPlainText(QStringLiteral("---\n")
                            + QString::fromUtf8(storeBase).section(u'\n', 0, 4)
                            + QStringLiteral("\n"));
    QTRY_VERIFY_WITH_TIMEOUT(
        pane->status()->text().startsWith(QStringLiteral("Your edit does not render: ")), 20000);
    QVERIFY2(pane->status()->text().contains(QStringLiteral("kustomize")),
             qPrintable(pane->status()->text()));
    QVERIFY2(pane->status()->text().contains(QStringLiteral("already registered")),
             qPrintable(pane->status()->text()));
    QVERIFY(!pane->status()->text().contains(QDir::tempPath()));
    QCOMPARE(diff->leftCaption(), QStringLiteral("Desired after your edit (not in git yet)"));
    shoot(&window, QStringLiteral("changerequest-overlay-render-error"));

    review->close();
    while (window.document()->undoStack()->canUndo())
        window.document()->undoStack()->undo();
    QVERIFY(changes->pending()->isEmpty());
    QCOMPARE(test::checkoutFingerprint(m_repository), checkout);
}

void tst_ChangeRequest::reviewSaysHelmVerdictsAreNotKnown()
{
    // A chart's template and its values: the console does not render Helm, so no verdict
    // either side, said per resource (or per file, where the file names none).
    AppDesiredState chart;
    chart.app.name = QStringLiteral("charts/web");
    chart.renderer = AppDesiredState::Renderer::Helm;
    VerdictBasis basis;
    basis.apps.insert(chart.app.name, chart);
    const QByteArray service = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                               "spec: {ports: [{port: 80}]}\n";
    QByteArray changedService = service;
    changedService.replace("port: 80", "port: 8080");
    const QList<ChangedFile> files = {{QStringLiteral("charts/web/templates/service.yaml"),
                                       chart.app.name, service, changedService},
                                      {QStringLiteral("charts/web/values.yaml"), chart.app.name,
                                       "replicas: 1\n", "replicas: 2\n"}};
    const QList<ResourceVerdict> verdicts = changeVerdicts(files, basis);
    QCOMPARE(verdicts.size(), 2);
    QCOMPARE(verdicts.at(0).id.name, QStringLiteral("web"));
    QCOMPARE(verdicts.at(0).unknown, QStringLiteral("not known: Helm charts are not rendered"));
    QVERIFY(!verdicts.at(0).before && !verdicts.at(0).after);
    QCOMPARE(verdicts.at(1).resource.file, QStringLiteral("charts/web/values.yaml"));
    QCOMPARE(verdicts.at(1).unknown, QStringLiteral("not known: Helm charts are not rendered"));

    // In the review, that is what the rows say.
    PendingChange change;
    for (const ChangedFile &file : files)
        change.setFile(file.path,
                       PendingChange::File{file.app,
                                           QStringLiteral("HEAD"),
                                           file.original,
                                           file.current,
                                           {},
                                           true,
                                           m_head});
    ChangeReviewDialog review(&change);
    ReviewContext context;
    context.basis = [basis] { return basis; };
    review.setContext(context);
    review.show();
    QTRY_COMPARE_WITH_TIMEOUT(review.resources()->topLevelItemCount(), 2, 10000);
    for (int row = 0; row < 2; ++row)
        QCOMPARE(review.resources()->topLevelItem(row)->text(ChangeReviewDialog::VerdictColumn),
                 QStringLiteral("not known: Helm charts are not rendered"));
    QCOMPARE(review.resources()->topLevelItem(0)->text(ChangeReviewDialog::ResourceNameColumn),
             QStringLiteral("Service web"));
    QCOMPARE(review.resources()->topLevelItem(1)->text(ChangeReviewDialog::ResourceNameColumn),
             QStringLiteral("the chart's resources"));
    QCOMPARE(review.resources()->topLevelItem(1)->text(ChangeReviewDialog::ResourceFileColumn),
             QStringLiteral("charts/web/values.yaml"));
    shoot(&review, QStringLiteral("changerequest-helm-review"));

    // A kustomize app's review with no repository to render it from says so, not that the
    // verdict is coming.
    AppDesiredState overlay;
    overlay.app.name = QStringLiteral("apps/store/overlays/prod");
    overlay.renderer = AppDesiredState::Renderer::Kustomize;
    VerdictBasis kustomize;
    kustomize.apps.insert(overlay.app.name, overlay);
    PendingChange base;
    base.setFile(storeBaseFile,
                 PendingChange::File{overlay.app.name,
                                     QStringLiteral("HEAD"),
                                     QByteArray(storeBase),
                                     QByteArray(storeBase).replace("replicas: 1", "replicas: 3"),
                                     {},
                                     true,
                                     m_head});
    ChangeReviewDialog unrendered(&base);
    ReviewContext noRepository;
    noRepository.basis = [kustomize] { return kustomize; };
    unrendered.setContext(noRepository);
    QTRY_COMPARE_WITH_TIMEOUT(unrendered.resources()->topLevelItemCount(), 1, 10000);
    QTRY_VERIFY2(unrendered.resources()
                     ->topLevelItem(0)
                     ->toolTip(ChangeReviewDialog::VerdictColumn)
                     .contains(QStringLiteral("did not render with the change: no repository")),
                 qPrintable(unrendered.resources()->topLevelItem(0)->toolTip(
                     ChangeReviewDialog::VerdictColumn)));
}

void tst_ChangeRequest::everyAppThatReadsAChangedFileIsReviewed()
{
    // Two overlays of one base, a third whose inputs are not known yet, and plain folders:
    // one above the base that does not recurse into it, one that does.
    const auto app = [](const QString &name, AppDesiredState::Renderer renderer,
                        bool recurse = false) {
        AppDesiredState state;
        state.app.name = name;
        state.app.paths = {name};
        state.app.recurse = recurse;
        state.renderer = renderer;
        return state;
    };
    const QString prod = QStringLiteral("apps/store/overlays/prod");
    QHash<QString, AppDesiredState> apps;
    for (const AppDesiredState &state :
         {app(prod, AppDesiredState::Renderer::Kustomize),
          app(stagingApp, AppDesiredState::Renderer::Kustomize),
          app(QStringLiteral("apps/store/overlays/dev"), AppDesiredState::Renderer::Kustomize),
          app(QStringLiteral("apps/store"), AppDesiredState::Renderer::Plain),
          app(QStringLiteral("apps"), AppDesiredState::Renderer::Plain, true)})
        apps.insert(state.app.name, state);
    AppInputs inputs;
    inputs.insert(
        prod,
        {prod, prod + QStringLiteral("/kustomization.yaml"), QStringLiteral("apps/store/base")});
    inputs.insert(stagingApp, {stagingApp, QStringLiteral("apps/store/base")});
    const QList<ChangedFile> files = {
        {storeBaseFile, prod, QByteArray(storeBase), QByteArray(storeBase)},
        {QStringLiteral("apps/store/overlays/prod/kustomization.yaml"), prod, "a", "b"}};
    QStringList reviewed;
    for (const ChangedFile &file : withEveryAppReading(files, apps, inputs))
        reviewed << file.app + QStringLiteral(": ") + file.path;
    QCOMPARE(reviewed,
             (QStringList{prod + QStringLiteral(": ") + storeBaseFile,
                          prod + QStringLiteral(": apps/store/overlays/prod/kustomization.yaml"),
                          QStringLiteral("apps: ") + storeBaseFile,
                          stagingApp + QStringLiteral(": ") + storeBaseFile}));
}

QTEST_MAIN(tst_ChangeRequest)
#include "tst_changerequest.moc"
