// The audit view (issue 17, item 2) against the local Kubernetes API server with its
// simulated controllers and its audit log, over a real git repository with one Argo CD app:
// the controller's sync as argocd-controller, direct writes by three named managers through
// the real kubectl (edit, scale, patch) and a Secret's value typed in by hand, then three
// malformed lines in the audit log. The window's audit view must list each write once with
// its source, actor and review, filter, show the evidence, export what the CLI exports for
// the same filter, and answer "Who changed this?" with the field's writer.
#include "gitbuilder.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include "auditview.h"
#include "commitdetailpane.h"
#include "differencelist.h"
#include "driftbrowser.h"
#include "itemmodels/auditeventmodel.h"
#include "itemmodels/auditfiltermodel.h"
#include "itemmodels/drifttreemodel.h"
#include "mainwindow.h"
#include "sidebysidediffview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace gitops;
using gitops::test::CommandResult;
using gitops::test::LocalForgeProcess;

namespace {

const QByteArray gitSecret = "s3cr3t-in-git";
const QByteArray liveSecret = "hunter2-typed-live";
const QString webKey = u"web/shop/Deployment.apps/web"_s;

QByteArray deployment(const char *image)
{
    return QByteArray(R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: ")")
        + image + "\"}]}\n";
}

const QByteArray application =
    "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web, namespace: "
    "argocd}\nspec:\n  project: default\n  source: {repoURL: "
    "'https://github.com/example/fleet.git', path: apps/web, targetRevision: HEAD}\n  "
    "destination: {server: 'https://kubernetes.default.svc', namespace: shop}\n";

} // namespace

class tst_AuditView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsEachWriteOnce();
    void filters();
    void showsTheEvidence();
    void showsACommitsDiff();
    void exportsWhatTheCliExports();
    void whoChangedThisLandsOnTheWriter();
    void neverShowsASecret();
    void watchesEventsWhileOpen();
    void tiesEventsOfObjectsCreatedWhileOpen();
    void filtersALargeTableInTheBackground();
    void signatureTextIsTheForges();

private:
    CommandResult kubectl(const QStringList &arguments, const QStringList &environment = {});
    QList<int> rowsWhere(int column, const QString &text) const;
    QString cell(int row, int column) const;
    void resetFilters();

    QTemporaryDir m_dir;
    gitops::test::KubeEmulatorProcess m_server;
    QString m_repository;
    QString m_auditLog;
    std::unique_ptr<MainWindow> m_window;
    AuditView *m_view = nullptr;
};

CommandResult tst_AuditView::kubectl(const QStringList &arguments, const QStringList &environment)
{
    return gitops::test::runCommand(
        u"kubectl"_s,
        QStringList{u"--kubeconfig"_s, m_server.kubeconfig(), u"--request-timeout=20s"_s}
            + arguments,
        {}, QStringList{u"KUBECACHEDIR="_s + m_server.folder() + u"/cache"_s} + environment);
}

QString tst_AuditView::cell(int row, int column) const
{
    return m_view->table()->model()->index(row, column).data().toString();
}

QList<int> tst_AuditView::rowsWhere(int column, const QString &text) const
{
    QList<int> rows;
    for (int row = 0; row < m_view->table()->model()->rowCount(); ++row) {
        if (cell(row, column) == text)
            rows << row;
    }
    return rows;
}

void tst_AuditView::resetFilters()
{
    m_view->showResource({});
    m_view->textFilter()->clear();
    for (QComboBox *box : {m_view->actorFilter(), m_view->sourceFilter(), m_view->kindFilter(),
                           m_view->reviewedFilter()})
        box->setCurrentIndex(0);
    m_view->sinceToggle()->setChecked(false);
    m_view->untilToggle()->setChecked(false);
}

void tst_AuditView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(u"settings"_s));
    qunsetenv("GITHUB_TOKEN");
    qunsetenv("GH_TOKEN");
    m_auditLog = m_dir.filePath(u"audit.log"_s);
    QString error;
    QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR),
                            {u"--controllers"_s, u"--audit-log"_s, m_auditLog}, &error),
             qPrintable(error));
    qputenv("KUBECONFIG", QFile::encodeName(m_server.kubeconfig()));

    m_repository = m_dir.filePath(u"fleet"_s);
    {
        gitops::test::GitBuilder git(m_repository);
        git.commit(u"main"_s,
                   {{u"argocd/web.yaml"_s, application},
                    {u"apps/web/deployment.yaml"_s, deployment("nginx:1.26")},
                    {u"apps/web/secret.yaml"_s,
                     "apiVersion: v1\nkind: Secret\nmetadata: {name: web-db, namespace: shop}\n"
                     "type: Opaque\ndata: {password: "
                         + gitSecret.toBase64() + "}\n"},
                    {u"apps/web/cache.yaml"_s,
                     "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cache, namespace: shop}\n"
                     "data: {ttl: '60'}\n"}},
                   u"web"_s);
        git.addRemote(u"origin"_s, u"https://github.com/example/fleet.git"_s);
        git.checkout(u"main"_s);
    }
    QFile file(m_repository + u"/apps/web/deployment.yaml"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(deployment("nginx:1.27"));
    file.close();
    gitops::test::runGit(m_repository,
                         {u"commit"_s, u"-q"_s, u"-a"_s, u"-m"_s, u"web: nginx 1.27"_s,
                          u"--author=Ada Lovelace <ada@example.invalid>"_s});

    // The controller's sync: the app applied as argocd-controller.
    const QString manifests = m_dir.filePath(u"cluster"_s);
    QVERIFY(QDir().mkpath(manifests + u"/web"_s));
    QFile namespaces(manifests + u"/namespaces.yaml"_s);
    QVERIFY(namespaces.open(QIODevice::WriteOnly));
    namespaces.write("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    namespaces.close();
    for (const QString &name : {u"deployment.yaml"_s, u"secret.yaml"_s, u"cache.yaml"_s})
        QVERIFY(QFile::copy(m_repository + u"/apps/web/"_s + name, manifests + u"/web/"_s + name));
    for (const auto &[path, manager] : {std::pair{u"/namespaces.yaml"_s, u"admin-setup"_s},
                                        std::pair{u"/web"_s, u"argocd-controller"_s}}) {
        const CommandResult applied =
            kubectl({u"apply"_s, u"--server-side"_s, u"--validate=false"_s,
                     u"--field-manager="_s + manager, u"-f"_s, manifests + path});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    }

    // Direct writes by three managers, a second apart (managedFields count seconds).
    QTest::qWait(1100);
    const CommandResult edited =
        kubectl({u"-n"_s, u"shop"_s, u"edit"_s, u"--validate=false"_s, u"deployment"_s, u"web"_s},
                {u"KUBE_EDITOR=sed -i s/nginx:1.27/nginx:1.28-hotfix/"_s});
    QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
    QTest::qWait(1100);
    const CommandResult scaled =
        kubectl({u"-n"_s, u"shop"_s, u"scale"_s, u"deployment"_s, u"web"_s, u"--replicas=4"_s});
    QVERIFY2(scaled.exitCode == 0, qPrintable(scaled.err));
    QTest::qWait(1100);
    const CommandResult patched = kubectl({u"-n"_s, u"shop"_s, u"patch"_s, u"configmap"_s,
                                           u"cache"_s, u"-p"_s, uR"({"data":{"ttl":"5"}})"_s});
    QVERIFY2(patched.exitCode == 0, qPrintable(patched.err));
    const CommandResult secretPatched =
        kubectl({u"-n"_s, u"shop"_s, u"patch"_s, u"secret"_s, u"web-db"_s, u"-p"_s,
                 QStringLiteral(R"({"data":{"password":"%1"}})")
                     .arg(QString::fromLatin1(liveSecret.toBase64()))});
    QVERIFY2(secretPatched.exitCode == 0, qPrintable(secretPatched.err));
    QTRY_VERIFY_WITH_TIMEOUT(
        kubectl({u"get"_s, u"events"_s, u"-n"_s, u"shop"_s, u"-o"_s, u"json"_s})
            .out.contains(u"from 2 to 4"_s),
        10000);
    QFile log(m_auditLog);
    QVERIFY(log.open(QIODevice::Append));
    log.write("this is not json\n{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"ver\n"
              "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\"}\n");
    log.close();

    // The window on that repository and cluster, then its audit view of web.
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1300, 860);
    m_window->show();
    QSignalSpy shown(m_window.get(), &MainWindow::workspaceShown);
    m_window->selectWhenAvailable(webKey);
    m_window->openWorkspace(m_repository);
    QVERIFY(shown.wait(15000));
    m_window->selectContext(u"admin"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->browser()->selectedKey() == webKey
                                 && m_window->browser()->differences()->rowCount() > 0
                                 && !m_window->document()->session()->snapshot().partial,
                             30000);
    QVERIFY(m_window->auditAction()->isEnabled());
    m_window->setAuditLogFile(m_auditLog);
    m_window->auditAction()->trigger();
    m_view = m_window->auditView();
    QVERIFY(m_view);
    QSignalSpy built(m_view, &AuditView::built);
    QVERIFY(m_view->isBuilding());
    QVERIFY(built.wait(60000));
    QVERIFY2(m_view->model()->rowCount() > 0, qPrintable(m_view->notes()->text()));
    QCOMPARE(m_view->app(), u"web"_s);
    QVERIFY(m_view->isVisible());
    // The three malformed lines are counted, not fatal.
    QVERIFY2(m_view->notes()->text().contains(u"3 malformed lines skipped"_s),
             qPrintable(m_view->notes()->text()));
    QDir().mkpath(u"/tmp/shots"_s);
    m_view->grab().save(u"/tmp/shots/tst_auditview.png"_s);
}

void tst_AuditView::cleanupTestCase()
{
    m_window.reset();
    m_server.stop();
}

// Each direct write once, by the user who made it (joined with its audit record), never
// reviewed; the commits by their authors, their review unknown without a forge token.
void tst_AuditView::listsEachWriteOnce()
{
    resetFilters();
    QSet<QString> writes;
    for (const int row : rowsWhere(AuditEventModel::SourceColumn, u"Direct write"_s)) {
        const audit::AuditEvent *event = m_view->filter()->event(row);
        const QString key = event->resourceText() + u' '
            + event->evidence.value(u"managedFields").toObject().value(u"manager").toString();
        QVERIFY2(!writes.contains(key), qPrintable(key));
        writes.insert(key);
        QCOMPARE(cell(row, AuditEventModel::ActorColumn), u"admin"_s);
        QCOMPARE(cell(row, AuditEventModel::ReviewedColumn), u"No"_s);
    }
    QCOMPARE(writes,
             (QSet<QString>{
                 u"Deployment.apps/shop/web kubectl-edit"_s, u"Deployment.apps/shop/web kubectl"_s,
                 u"ConfigMap/shop/cache kubectl-patch"_s, u"Secret/shop/web-db kubectl-patch"_s}));
    const QList<int> commits = rowsWhere(AuditEventModel::SourceColumn, u"Commit"_s);
    QCOMPARE(commits.size(), 2);
    QCOMPARE(cell(commits.first(), AuditEventModel::ActorColumn),
             u"Ada Lovelace <ada@example.invalid>"_s);
    QCOMPARE(cell(commits.first(), AuditEventModel::ResourceColumn), u"(app web)"_s);
    QCOMPARE(cell(commits.first(), AuditEventModel::ReviewedColumn), u"Unknown"_s);
    QVERIFY(!rowsWhere(AuditEventModel::SourceColumn, u"Controller sync"_s).isEmpty());
    QVERIFY(!rowsWhere(AuditEventModel::SourceColumn, u"Event"_s).isEmpty());
    QCOMPARE(m_view->countLabel()->text(), u"%1 of %1 events"_s.arg(m_view->model()->rowCount()));
}

void tst_AuditView::filters()
{
    resetFilters();
    const int all = m_view->table()->model()->rowCount();
    QComboBox *source = m_view->sourceFilter();
    source->setCurrentIndex(source->findData(int(audit::Source::DirectWrite)));
    QCOMPARE(m_view->table()->model()->rowCount(), 4);
    QComboBox *kind = m_view->kindFilter();
    kind->setCurrentIndex(kind->findData(u"ConfigMap"_s));
    QCOMPARE(m_view->table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, AuditEventModel::ResourceColumn), u"ConfigMap/shop/cache"_s);
    QCOMPARE(m_view->countLabel()->text(), u"1 of %1 events"_s.arg(all));
    resetFilters();

    QComboBox *reviewed = m_view->reviewedFilter();
    reviewed->setCurrentIndex(reviewed->findData(int(audit::Reviewed::No)));
    QVERIFY(m_view->table()->model()->rowCount() >= 4);
    for (int row = 0; row < m_view->table()->model()->rowCount(); ++row)
        QCOMPARE(cell(row, AuditEventModel::ReviewedColumn), u"No"_s);
    resetFilters();

    QComboBox *actor = m_view->actorFilter();
    actor->setCurrentIndex(actor->findData(u"Ada Lovelace <ada@example.invalid>"_s));
    QCOMPARE(m_view->table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, AuditEventModel::ChangeColumn).contains(u"web: nginx 1.27"_s), true);
    resetFilters();

    // Text, case-insensitive, in fields too: the scale's write.
    QTest::keyClicks(m_view->textFilter(), u"KUBECTL-EDIT"_s);
    QVERIFY(m_view->table()->model()->rowCount() >= 1);
    for (int row = 0; row < m_view->table()->model()->rowCount(); ++row)
        QVERIFY(m_view->filter()->event(row)->actorDetail.contains(u"kubectl-edit"_s)
                || m_view->filter()->event(row)->summary.contains(u"kubectl-edit"_s));
    m_view->textFilter()->setText(u"no such text anywhere"_s);
    QCOMPARE(m_view->table()->model()->rowCount(), 0);
    QCOMPARE(m_view->countLabel()->text(), u"0 of %1 events"_s.arg(all));
    resetFilters();

    // A time range after everything keeps nothing; one around now keeps the writes.
    m_view->sinceToggle()->setChecked(true);
    m_view->sinceEdit()->setDateTime(QDateTime::currentDateTimeUtc().addSecs(3600));
    QCOMPARE(m_view->table()->model()->rowCount(), 0);
    m_view->sinceEdit()->setDateTime(QDateTime::currentDateTimeUtc().addSecs(-3600));
    QVERIFY(m_view->table()->model()->rowCount() >= 4);
    m_view->untilToggle()->setChecked(true);
    m_view->untilEdit()->setDateTime(QDateTime::currentDateTimeUtc().addSecs(-1800));
    QCOMPARE(m_view->table()->model()->rowCount(), 0);
    resetFilters();
    QCOMPARE(m_view->table()->model()->rowCount(), all);
}

void tst_AuditView::showsTheEvidence()
{
    resetFilters();
    const QList<int> direct = rowsWhere(AuditEventModel::SourceColumn, u"Direct write"_s);
    QVERIFY(!direct.isEmpty());
    int edit = -1;
    for (const int row : direct) {
        if (m_view->filter()
                ->event(row)
                ->evidence.value(u"managedFields")
                .toObject()
                .value(u"manager")
            == u"kubectl-edit"_s)
            edit = row;
    }
    QVERIFY(edit >= 0);
    m_view->table()->setCurrentIndex(m_view->table()->model()->index(edit, 0));
    const QString shown = m_view->evidence()->toPlainText();
    QVERIFY2(shown.contains(u"kubectl-edit"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"managedFields"_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"auditRecord"_s), qPrintable(shown)); // the audit record too
    QVERIFY2(shown.contains(u".spec.template.spec.containers[name=\"web\"].image"_s),
             qPrintable(shown));
    // A commit's evidence: its id and its page on the forge, as a link.
    const int commit = rowsWhere(AuditEventModel::SourceColumn, u"Commit"_s).value(0, -1);
    QVERIFY(commit >= 0);
    m_view->table()->setCurrentIndex(m_view->table()->model()->index(commit, 0));
    QVERIFY(m_view->evidence()->toHtml().contains(
        u"href=\"https://github.com/example/fleet/commit/"_s));
    QCoreApplication::processEvents();
    m_view->grab().save(u"/tmp/shots/tst_auditview-evidence.png"_s);
}

// A commit's evidence shows what it changed: the image bump's Deployment before and after, and
// its file; the first commit adds the Secret with its value masked. Read off the GUI thread:
// the pane says it is loading until the worker answers.
void tst_AuditView::showsACommitsDiff()
{
    resetFilters();
    QAbstractItemModel *model = m_view->table()->model();
    const QList<int> direct = rowsWhere(AuditEventModel::SourceColumn, u"Direct write"_s);
    QVERIFY(!direct.isEmpty());
    m_view->table()->setCurrentIndex(model->index(direct.constFirst(), 0));
    QVERIFY(m_view->commitDiff()->isHidden()); // no diff beside a direct write's evidence
    int bump = -1;
    int first = -1;
    for (const int row : rowsWhere(AuditEventModel::SourceColumn, u"Commit"_s))
        (m_view->filter()->event(row)->summary.contains(u"nginx 1.27"_s) ? bump : first) = row;
    QVERIFY(bump >= 0 && first >= 0);

    const QString bumpId = m_view->filter()->event(bump)->evidence.value(u"commit").toString();
    m_view->table()->setCurrentIndex(model->index(bump, 0));
    QVERIFY(!m_view->commitDiff()->isHidden());
    QTRY_COMPARE_WITH_TIMEOUT(m_view->commitDiffShown(), bumpId, 20000);
    CommitDetailPane *pane = m_view->commitDiff();
    QCOMPARE(pane->changes()->topLevelItemCount(), 1);
    QVERIFY2(pane->changes()->topLevelItem(0)->text(0).contains(u"Deployment"_s),
             qPrintable(pane->changes()->topLevelItem(0)->text(0)));
    QTRY_VERIFY_WITH_TIMEOUT(!pane->changeDiff()->isUpdating(), 10000);
    QVERIFY2(pane->changeDiff()->leftText().contains(u"nginx:1.26"_s),
             qPrintable(pane->changeDiff()->leftText()));
    QVERIFY2(pane->changeDiff()->rightText().contains(u"nginx:1.27"_s),
             qPrintable(pane->changeDiff()->rightText()));
    QCOMPARE(pane->files()->topLevelItemCount(), 1);
    QCOMPARE(pane->files()->topLevelItem(0)->text(0), u"apps/web/deployment.yaml"_s);

    const QString firstId = m_view->filter()->event(first)->evidence.value(u"commit").toString();
    m_view->table()->setCurrentIndex(model->index(first, 0));
    QTRY_COMPARE_WITH_TIMEOUT(m_view->commitDiffShown(), firstId, 20000);
    QCOMPARE(pane->changes()->topLevelItemCount(), 3);
    QTreeWidgetItem *secret = nullptr;
    for (int i = 0; i < pane->changes()->topLevelItemCount(); ++i) {
        if (pane->changes()->topLevelItem(i)->text(0).contains(u"web-db"_s))
            secret = pane->changes()->topLevelItem(i);
    }
    QVERIFY(secret);
    pane->changes()->setCurrentItem(secret);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->changeDiff()->isUpdating(), 10000);
    const QString after = pane->changeDiff()->rightText();
    QVERIFY2(after.contains(u"password"_s), qPrintable(after));
    for (const QByteArray &value : {gitSecret, gitSecret.toBase64()})
        QVERIFY2(!after.contains(QString::fromLatin1(value)), qPrintable(after));
    QCoreApplication::processEvents();
    m_view->grab().save(u"/tmp/shots/tst_auditview-commitdiff.png"_s);
}

void tst_AuditView::exportsWhatTheCliExports()
{
    resetFilters();
    m_view->showResource(manifest::ResourceId{u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s});
    const int rows = m_view->table()->model()->rowCount();
    QVERIFY(rows > 0);
    const CommandResult cli = gitops::test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
        {u"audit"_s, u"--repo"_s, m_repository, u"--context"_s, u"admin"_s, u"--app"_s, u"web"_s,
         u"--resource"_s, u"Deployment.apps/shop/web"_s, u"--audit-log"_s, m_auditLog,
         u"--timeout"_s, u"60"_s, u"-o"_s, u"csv"_s},
        {},
        {u"KUBECONFIG="_s + m_server.kubeconfig(), u"HOME="_s + m_dir.path(), u"GITHUB_TOKEN="_s,
         u"GH_TOKEN="_s},
        90000);
    QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
    const QString csvPath = m_dir.filePath(u"export.csv"_s);
    QCOMPARE(m_view->exportTo(csvPath, AuditView::Format::Csv), QString());
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray written = csv.readAll();
    QCOMPARE(written.count("\r\n"), rows + 1);
    QCOMPARE(QString::fromUtf8(written), cli.out);

    const QString jsonPath = m_dir.filePath(u"export.json"_s);
    QCOMPARE(m_view->exportTo(jsonPath, AuditView::Format::Json), QString());
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray events =
        QJsonDocument::fromJson(json.readAll()).object().value(u"events").toArray();
    QCOMPARE(events.size(), rows);

    // An export that cannot be written says why and leaves the old file whole.
    QVERIFY(!m_view->exportTo(m_dir.filePath(u"no-such-folder/x.csv"_s), AuditView::Format::Csv)
                 .isEmpty());
    QFile again(csvPath);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), written);
}

void tst_AuditView::whoChangedThisLandsOnTheWriter()
{
    resetFilters();
    QVERIFY(m_window->browser()->selectResource(webKey));
    DifferenceList *differences = m_window->browser()->differences();
    int image = -1;
    for (int i = 0; i < differences->rowCount(); ++i) {
        if (differences->text(i, DifferenceList::PathColumn).contains(u"image"_s))
            image = i;
    }
    QVERIFY(image >= 0);
    differences->setCurrentRow(image);
    QVERIFY(m_window->whoChangedAction()->isEnabled());
    QVERIFY(differences->actions().contains(m_window->whoChangedAction()));
    QSignalSpy built(m_view, &AuditView::built);
    m_window->whoChangedAction()->trigger();
    QVERIFY(built.wait(60000));
    QVERIFY(m_view->table()->model()->rowCount() > 0);
    for (int row = 0; row < m_view->table()->model()->rowCount(); ++row) {
        const audit::AuditEvent *event = m_view->filter()->event(row);
        QCOMPARE(event->resourceText(), u"Deployment.apps/shop/web"_s);
        QVERIFY(std::any_of(event->fields.cbegin(), event->fields.cend(),
                            [](const QString &f) { return f.contains(u"image"_s); }));
    }
    const QModelIndex current = m_view->table()->currentIndex();
    QVERIFY(current.isValid());
    const audit::AuditEvent *writer = m_view->filter()->event(current.row());
    QCOMPARE(writer->evidence.value(u"managedFields").toObject().value(u"manager").toString(),
             u"kubectl-edit"_s);
    QCOMPARE(cell(current.row(), AuditEventModel::SourceColumn), u"Direct write"_s);
    QVERIFY(m_view->evidence()->toPlainText().contains(u"kubectl-edit"_s));
    QCoreApplication::processEvents();
    m_view->grab().save(u"/tmp/shots/tst_auditview-who.png"_s);
}

// Neither the value in git nor the one typed live shows in the table, the evidence of any
// row or an export.
void tst_AuditView::neverShowsASecret()
{
    resetFilters();
    const QStringList forbidden{QString::fromLatin1(gitSecret), QString::fromLatin1(liveSecret),
                                QString::fromLatin1(gitSecret.toBase64()),
                                QString::fromLatin1(liveSecret.toBase64())};
    QAbstractItemModel *model = m_view->table()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        m_view->table()->setCurrentIndex(model->index(row, 0));
        QString texts = m_view->evidence()->toHtml();
        for (int column = 0; column < model->columnCount(); ++column)
            texts += model->index(row, column).data().toString();
        for (const QString &value : forbidden)
            QVERIFY2(!texts.contains(value), qPrintable(u"row %1"_s.arg(row)));
        // A commit's diff: every resource it changed, both sides.
        const audit::AuditEvent *event = m_view->filter()->event(row);
        if (event->source != audit::Source::Commit)
            continue;
        QTRY_COMPARE_WITH_TIMEOUT(m_view->commitDiffShown(),
                                  event->evidence.value(u"commit").toString(), 20000);
        QTreeWidget *changes = m_view->commitDiff()->changes();
        QVERIFY(changes->topLevelItemCount() > 0);
        for (int i = 0; i < changes->topLevelItemCount(); ++i) {
            changes->setCurrentItem(changes->topLevelItem(i));
            QTRY_VERIFY_WITH_TIMEOUT(!m_view->commitDiff()->changeDiff()->isUpdating(), 10000);
            const QString diff = m_view->commitDiff()->changeDiff()->leftText()
                + m_view->commitDiff()->changeDiff()->rightText();
            for (const QString &value : forbidden)
                QVERIFY2(!diff.contains(value), qPrintable(u"commit diff of row %1"_s.arg(row)));
        }
    }
    for (const auto format : {AuditView::Format::Csv, AuditView::Format::Json}) {
        const QString path = m_dir.filePath(u"secret-check"_s);
        QCOMPARE(m_view->exportTo(path, format), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString bytes = QString::fromUtf8(file.readAll());
        QVERIFY(bytes.contains(u"web-db"_s));
        for (const QString &value : forbidden)
            QVERIFY(!bytes.contains(value));
    }
}

// The cluster's Events are watched while the view is open: scaling the Deployment makes the
// local API server's deployment controller emit a ScalingReplicaSet Event, which joins the
// table by itself (nothing read again, no Read Again), the event selected staying selected.
void tst_AuditView::watchesEventsWhileOpen()
{
    resetFilters();
    QVERIFY(m_view->eventWatchCount() > 0);
    const auto newEventRow = [this] {
        for (int row = 0; row < m_view->filter()->rowCount(); ++row) {
            if (m_view->filter()->event(row)->summary.contains(u"from 4 to 5"_s))
                return row;
        }
        return -1;
    };
    QCOMPARE(newEventRow(), -1);
    const int before = m_view->model()->rowCount();
    const QList<int> direct = rowsWhere(AuditEventModel::SourceColumn, u"Direct write"_s);
    QVERIFY(!direct.isEmpty());
    m_view->table()->setCurrentIndex(m_view->table()->model()->index(direct.constLast(), 0));
    const audit::AuditEvent selected = *m_view->filter()->event(direct.constLast());

    QSignalSpy updated(m_view, &AuditView::eventsUpdated);
    const CommandResult scaled =
        kubectl({u"-n"_s, u"shop"_s, u"scale"_s, u"deployment"_s, u"web"_s, u"--replicas=5"_s});
    QVERIFY2(scaled.exitCode == 0, qPrintable(scaled.err));
    QTRY_VERIFY_WITH_TIMEOUT(newEventRow() >= 0, 20000);
    QVERIFY(updated.count() >= 1);
    QVERIFY(!m_view->isBuilding());
    QVERIFY(m_view->model()->rowCount() > before);
    const int row = newEventRow();
    QCOMPARE(cell(row, AuditEventModel::SourceColumn), u"Event"_s);
    QCOMPARE(cell(row, AuditEventModel::ActorColumn), u"deployment-controller"_s);
    QCOMPARE(cell(row, AuditEventModel::ResourceColumn), u"Deployment.apps/shop/web"_s);
    // The row selected before is still the one selected.
    const QModelIndex current = m_view->table()->currentIndex();
    QVERIFY(current.isValid());
    const audit::AuditEvent *now = m_view->filter()->event(current.row());
    QCOMPARE(now->summary, selected.summary);
    QCOMPARE(now->time, selected.time);
    QVERIFY(
        m_view->countLabel()->text().startsWith(u"%1 of %1 "_s.arg(m_view->model()->rowCount())));
}

// A rollout while the view is open: the local API server's deployment controller makes a
// new ReplicaSet for the changed template, and its ReplicaSet controller tells of the Pods it
// creates in SuccessfulCreate Events about that ReplicaSet, which did not exist when the view
// read the cluster. Owned by the app's Deployment, its Events join the table as the app's by
// themselves (no Read Again).
void tst_AuditView::tiesEventsOfObjectsCreatedWhileOpen()
{
    resetFilters();
    QSet<QString> knownSets;
    for (int row = 0; row < m_view->model()->rowCount(); ++row) {
        const audit::AuditEvent *event = m_view->model()->event(row);
        if (event->resource.kind == u"ReplicaSet")
            knownSets.insert(event->resource.name);
    }
    const auto newSetRows = [&] {
        QList<int> rows;
        for (int row = 0; row < m_view->filter()->rowCount(); ++row) {
            const audit::AuditEvent *event = m_view->filter()->event(row);
            if (event->source == audit::Source::Event && event->resource.kind == u"ReplicaSet"
                && !knownSets.contains(event->resource.name)
                && event->summary.startsWith(u"SuccessfulCreate: Created pod: "_s))
                rows << row;
        }
        return rows;
    };
    QVERIFY(newSetRows().isEmpty());

    const CommandResult rolled = kubectl(
        {u"-n"_s, u"shop"_s, u"patch"_s, u"deployment"_s, u"web"_s, u"--type=merge"_s, u"-p"_s,
         uR"({"spec":{"template":{"metadata":{"annotations":{"rollout":"2"}}}}})"_s});
    QVERIFY2(rolled.exitCode == 0, qPrintable(rolled.err));
    // As many Pods as the Deployment wants, each once.
    const CommandResult replicas = kubectl({u"-n"_s, u"shop"_s, u"get"_s, u"deployment"_s, u"web"_s,
                                            u"-o"_s, u"jsonpath={.spec.replicas}"_s});
    QVERIFY2(replicas.exitCode == 0, qPrintable(replicas.err));
    const int wanted = replicas.out.trimmed().toInt();
    QVERIFY(wanted > 0);
    QTRY_COMPARE_WITH_TIMEOUT(newSetRows().size(), wanted, 20000);
    QVERIFY(!m_view->isBuilding());
    const QList<int> rows = newSetRows();
    const audit::AuditEvent *created = m_view->filter()->event(rows.constFirst());
    QCOMPARE(created->app, u"web"_s);
    QCOMPARE(created->resource.namespaceName, u"shop"_s);
    QVERIFY(created->resource.name.startsWith(u"web-"_s));
    QCOMPARE(cell(rows.constFirst(), AuditEventModel::ActorColumn), u"replicaset-controller"_s);
    QCOMPARE(cell(rows.constFirst(), AuditEventModel::SourceColumn), u"Event"_s);
    QCOMPARE(cell(rows.constFirst(), AuditEventModel::ResourceColumn),
             u"ReplicaSet.apps/shop/"_s + created->resource.name);
}

// A table larger than the filter model filters at once is filtered on the thread pool: the
// rows shown stay as they were until the rows of the new text are swapped in, then are the
// same rows the filter at once shows.
void tst_AuditView::filtersALargeTableInTheBackground()
{
    resetFilters();
    AuditFilterModel *filter = m_view->filter();
    const QString text = u"kubectl"_s;
    m_view->textFilter()->setText(text);
    QVERIFY(!filter->isFiltering());
    QList<const audit::AuditEvent *> atOnce;
    for (int row = 0; row < filter->rowCount(); ++row)
        atOnce << filter->event(row);
    QVERIFY(!atOnce.isEmpty());
    QVERIFY(atOnce.size() < m_view->model()->rowCount());
    m_view->textFilter()->clear();
    QCOMPARE(filter->rowCount(), m_view->model()->rowCount());

    const int threshold = filter->backgroundFrom();
    filter->setBackgroundFrom(0);
    // A new table: the rows kept per text are forgotten, so the text is searched again.
    m_view->model()->setTable(AuditTable(m_view->model()->table()));
    QSignalSpy filtered(filter, &AuditFilterModel::filtered);
    m_view->textFilter()->setText(text);
    QVERIFY(filter->isFiltering());
    QCOMPARE(filter->rowCount(), m_view->model()->rowCount()); // still every row
    QVERIFY(filtered.wait(10000));
    QVERIFY(!filter->isFiltering());
    QList<const audit::AuditEvent *> inBackground;
    for (int row = 0; row < filter->rowCount(); ++row)
        inBackground << filter->event(row);
    QCOMPARE(inBackground, atOnce);
    QCOMPARE(m_view->countLabel()->text(),
             u"%1 of %2 events"_s.arg(atOnce.size()).arg(m_view->model()->rowCount()));
    m_view->textFilter()->clear();
    QTRY_VERIFY(!filter->isFiltering());
    filter->setBackgroundFrom(threshold);
    QCOMPARE(filter->rowCount(), m_view->model()->rowCount());
}

// What the view says of a signed commit's signature is what the repository's forge says of
// it: two ssh-signed commits of the app pushed to the local forge (GitHub flavor, found by
// probing, the token from the environment), one by a key the forge knows its committer by,
// one by a key it does not know. Read again, the view's actor detail and evidence of each
// follow the forge's own answer (GET /repos/OWNER/REPO/commits/SHA): verified by GitHub, or
// not verified with the forge's reason. Last: it points the repository at the forge.
void tst_AuditView::signatureTextIsTheForges()
{
    resetFilters();
    m_view->showResource({}); // every resource's events, the app's commits among them
    LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    QStringList keys;
    for (const QString &name : {u"trusted"_s, u"stranger"_s}) {
        const QString key = m_dir.filePath(name);
        const CommandResult made = gitops::test::runCommand(
            u"ssh-keygen"_s,
            {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-C"_s, name, u"-f"_s, key});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        keys << key;
    }
    QFile trustedKey(keys.at(0) + u".pub"_s);
    QVERIFY(trustedKey.open(QIODevice::ReadOnly));
    QVERIFY(forge.setSigners("committer@example.invalid namespaces=\"git\" "
                             + trustedKey.readAll().trimmed() + '\n'));
    // The app's definition names the forge's repository as its source, as the remote does.
    {
        QFile definition(m_repository + u"/argocd/web.yaml"_s);
        QVERIFY(definition.open(QIODevice::WriteOnly));
        definition.write(
            QByteArray(application)
                .replace("https://github.com/example/fleet.git", forge.remoteUrl().toUtf8()));
    }
    gitops::test::runGit(m_repository,
                         {u"commit"_s, u"-q"_s, u"-a"_s, u"-m"_s, u"web: from the forge"_s});
    QStringList commits;
    for (const QString &key : std::as_const(keys)) {
        QFile file(m_repository + u"/apps/web/cache.yaml"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cache, namespace: shop}\n"
                   "data: {ttl: '"
                   + QByteArray::number(commits.size() + 70) + "'}\n");
        file.close();
        gitops::test::runGit(m_repository,
                             {u"-c"_s, u"gpg.format=ssh"_s, u"-c"_s, u"user.signingkey="_s + key,
                              u"commit"_s, u"-q"_s, u"-S"_s, u"-a"_s, u"-m"_s,
                              u"web: cache ttl, signed"_s});
        commits << gitops::test::runGit(m_repository, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    }
    const QString withToken = forge.remoteUrlWithToken();
    gitops::test::runGit(m_repository,
                         {u"push"_s, u"-q"_s, withToken, u"HEAD:refs/heads/signed"_s});
    QCOMPARE(forge.branchTip(u"signed"_s), commits.constLast());
    gitops::test::runGit(m_repository, {u"remote"_s, u"set-url"_s, u"origin"_s, forge.remoteUrl()});
    qputenv("GITHUB_TOKEN", LocalForgeProcess::writeToken());

    // What the forge says of each, as any client reads it.
    QNetworkAccessManager network;
    const auto forgeSays = [&](const QString &sha) {
        QNetworkRequest request(
            QUrl(forge.apiBase() + u"/repos/"_s + forge.project() + u"/commits/"_s + sha));
        request.setRawHeader("Authorization", "token " + LocalForgeProcess::writeToken());
        QNetworkReply *reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll())
            .object()
            .value(u"commit"_s)
            .toObject()
            .value(u"verification"_s)
            .toObject();
    };
    const QJsonObject trusted = forgeSays(commits.at(0));
    const QJsonObject stranger = forgeSays(commits.at(1));
    QCOMPARE(trusted.value(u"verified"_s).toBool(), true);
    QCOMPARE(stranger.value(u"verified"_s).toBool(), false);
    QVERIFY(!stranger.value(u"reason"_s).toString().isEmpty());

    QSignalSpy built(m_view, &AuditView::built);
    m_view->open(m_view->app(), m_view->auditLogFile());
    QVERIFY(built.wait(60000));
    const auto eventOf = [this](const QString &sha) -> const audit::AuditEvent * {
        for (int row = 0; row < m_view->filter()->rowCount(); ++row) {
            const audit::AuditEvent *event = m_view->filter()->event(row);
            if (event->source == audit::Source::Commit
                && event->evidence.value(u"commit"_s).toString() == sha)
                return event;
        }
        return nullptr;
    };
    for (const auto &[sha, said] :
         {std::pair{commits.at(0), trusted}, std::pair{commits.at(1), stranger}}) {
        const audit::AuditEvent *event = eventOf(sha);
        if (!event) {
            QStringList seen;
            for (int row = 0; row < m_view->model()->rowCount(); ++row) {
                const audit::AuditEvent *any = m_view->model()->event(row);
                seen << QString::number(int(any->source)) + u' ' + any->summary.left(40);
            }
            QFAIL(qPrintable(
                u"commit %1 not shown; the events (source, summary): %2; notes: %3"_s.arg(
                    sha.left(8), seen.join(u", "_s), m_view->notes()->text())));
        }
        const QString expected = said.value(u"verified"_s).toBool()
            ? u"signed (ssh), verified by GitHub"_s
            : u"signed (ssh), not verified (%1)"_s.arg(said.value(u"reason"_s).toString());
        QVERIFY2(event->actorDetail.contains(expected), qPrintable(event->actorDetail));
        const QJsonObject signature = event->evidence.value(u"signature"_s).toObject();
        QCOMPARE(signature.value(u"reason"_s).toString(), said.value(u"reason"_s).toString());
        QCOMPARE(signature.value(u"state"_s).toString(),
                 said.value(u"verified"_s).toBool() ? u"verified"_s : u"not-verified"_s);
        // As the evidence pane shows it when the commit is selected.
        const int row = [&] {
            for (int r = 0; r < m_view->filter()->rowCount(); ++r) {
                if (m_view->filter()->event(r) == event)
                    return r;
            }
            return -1;
        }();
        m_view->table()->setCurrentIndex(m_view->table()->model()->index(row, 0));
        QVERIFY2(m_view->evidence()->toPlainText().contains(expected),
                 qPrintable(m_view->evidence()->toPlainText()));
    }
    qunsetenv("GITHUB_TOKEN");
}

QTEST_MAIN(tst_AuditView)
#include "tst_auditview.moc"
