// The window in German against a real repository and the local API server: the engine's
// health messages and the session's Unknown reasons show in German in the tree's tooltips
// and the Details, while the command line prints the same verdicts in English (scripts read
// it), from the same values.
#include "gitfixture.h"

#include "apiserver.h"
#include "driftbrowser.h"
#include "emptystate.h"
#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"
#include "mainwindow.h"
#include "manifest/yamldocument.h"
#include "manifesteditor.h"
#include "messagebanner.h"
#include "sidebysidediffview.h"

#include <QAbstractProxyModel>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLibraryInfo>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace gitops;

namespace {

const char *manifests = R"(apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: demo}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: demo}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: backup, image: "busybox:1.36"}]
)";

const QString webKey = QStringLiteral("apps/web/demo/Deployment.apps/web");
const QString nightlyKey = QStringLiteral("apps/web/demo/CronJob.batch/nightly");

const QString rolloutGerman =
    QStringLiteral("Rollout: 1 von 3 Replikaten aktualisiert (status.updatedReplicas)");
const QString rolloutEnglish =
    QStringLiteral("Rollout: 1 of 3 replicas updated (status.updatedReplicas)");
const QString failedRunGerman =
    QStringLiteral("Der für 2026-12-01T02:00:00Z geplante Lauf war nicht erfolgreich; noch kein "
                   "Lauf war erfolgreich");
const QString failedRunEnglish =
    QStringLiteral("The run scheduled at 2026-12-01T02:00:00Z did not succeed; no run has "
                   "succeeded yet");

QModelIndex rowOf(MainWindow &window, const QString &key, int column)
{
    // In the view's own model (the presentation over the filter over the tree model), as the
    // user sees it.
    const QModelIndex source = window.browser()->model()->indexForKey(key);
    const auto *shown =
        qobject_cast<const QAbstractProxyModel *>(window.browser()->tree()->model());
    if (!source.isValid() || !shown)
        return {};
    return shown->mapFromSource(window.browser()->filter()->mapFromSource(source))
        .siblingAtColumn(column);
}

drift::Health::Status healthOf(MainWindow &window, const QString &key)
{
    const QModelIndex index = window.browser()->model()->indexForKey(key);
    return index.isValid() ? drift::Health::Status(index.data(DriftTreeModel::HealthRole).toInt())
                           : drift::Health::Status::Unknown;
}

} // namespace

class tst_German : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void reasonsAndHealthInGerman();
    void theCommandLineStaysEnglish();
    void brokenHealthRulesInGerman();
    void readProblemsInGerman();
    void brokenWorkspaceFileInGerman();
    void editorUnderlinesInGerman();

private:
    QTemporaryDir m_dir;
    kubeemu::ApiServer m_server;
    QString m_repository;
    QString m_kubeconfig;
    QTranslator m_qt;
    QTranslator m_own;
};

namespace {

// A new repository in @p folder (branch main) whose one commit holds every file there.
void commitEverything(const QString &folder)
{
    test::runGit(folder,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(folder, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(folder,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("files")});
}

// @p window at the size the tests grab, showing the workspace in @p repository.
void openShown(MainWindow &window, const QString &repository)
{
    window.resize(1300, 800);
    window.show();
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    window.openWorkspace(repository);
    QVERIFY(shown.wait(10000));
}

} // namespace

void tst_German::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    // As the application starts in German: Qt's own catalogue and ours.
    QVERIFY(m_qt.load(QLocale(QLocale::German), QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)));
    QVERIFY(m_own.load(QLocale(QLocale::German), QStringLiteral("gitops-console"),
                       QStringLiteral("_"), QStringLiteral(":/i18n")));
    QCoreApplication::installTranslator(&m_qt);
    QCoreApplication::installTranslator(&m_own);

    QString error;
    QVERIFY2(m_server.start(0, &error), qPrintable(error));
    m_kubeconfig = m_dir.filePath(QStringLiteral("kubeconfig"));
    // No current context: the window opens with none chosen, as for a user with several.
    QJsonObject kubeconfig = QJsonDocument::fromJson(m_server.kubeconfig()).object();
    QVERIFY(kubeconfig.contains(u"current-context"));
    kubeconfig.remove(QStringLiteral("current-context"));
    QFile kubeconfigFile(m_kubeconfig);
    QVERIFY(kubeconfigFile.open(QIODevice::WriteOnly));
    kubeconfigFile.write(QJsonDocument(kubeconfig).toJson());
    kubeconfigFile.close();
    qputenv("KUBECONFIG", QFile::encodeName(m_kubeconfig));

    m_repository = m_dir.filePath(QStringLiteral("fleet"));
    QVERIFY(QDir().mkpath(m_repository + QStringLiteral("/apps/web")));
    QFile app(m_repository + QStringLiteral("/apps/web/web.yaml"));
    QVERIFY(app.open(QIODevice::WriteOnly));
    app.write(manifests);
    app.close();
    test::runGit(m_repository,
                 {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
                  QStringLiteral("main")});
    test::runGit(m_repository, {QStringLiteral("add"), QStringLiteral("-A")});
    test::runGit(m_repository,
                 {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                  QStringLiteral("web")});
    const QStringList errors = m_server.seed(m_repository + QStringLiteral("/apps/web"));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    // What the controllers would write: a rollout one third done, a run that failed.
    const auto deployments = m_server.registry().byKind(
        QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment"));
    const auto cronJobs = m_server.registry().byKind(QStringLiteral("batch"), QStringLiteral("v1"),
                                                     QStringLiteral("CronJob"));
    QVERIFY(deployments && cronJobs);
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.updateStatus(
        *deployments, QStringLiteral("demo"), QStringLiteral("web"),
        QJsonDocument::fromJson(R"({"observedGeneration":1,"replicas":3,"updatedReplicas":1,
                                    "availableReplicas":1})")
            .object(),
        QStringLiteral("deployment-controller"))));
    QVERIFY(std::holds_alternative<QJsonObject>(m_server.updateStatus(
        *cronJobs, QStringLiteral("demo"), QStringLiteral("nightly"),
        QJsonDocument::fromJson(R"({"lastScheduleTime":"2026-12-01T02:00:00Z"})").object(),
        QStringLiteral("cronjob-controller"))));
}

void tst_German::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_own);
    QCoreApplication::removeTranslator(&m_qt);
}

void tst_German::reasonsAndHealthInGerman()
{
    MainWindow window;
    window.resize(1300, 800);
    window.show();
    window.openWorkspace(m_repository);
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    QVERIFY(shown.wait(10000));

    // No context chosen yet: every resource is Unknown, and its tooltip says why in German
    // (the session's reason).
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(window, webKey, DriftTreeModel::NameColumn).isValid(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        rowOf(window, webKey, DriftTreeModel::NameColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("Kein Cluster-Kontext ausgewählt"), 10000);

    window.selectContext(QStringLiteral("admin"));
    QTRY_COMPARE_WITH_TIMEOUT(healthOf(window, webKey), drift::Health::Status::Progressing, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(healthOf(window, nightlyKey), drift::Health::Status::Degraded, 10000);
    QCOMPARE(rowOf(window, webKey, DriftTreeModel::HealthColumn).data().toString(),
             QStringLiteral("In Arbeit"));
    QCOMPARE(rowOf(window, nightlyKey, DriftTreeModel::HealthColumn).data().toString(),
             QStringLiteral("Beeinträchtigt"));

    // The engine's health messages in the Details, in German; the field names stay.
    DriftBrowser *browser = window.browser();
    QVERIFY(browser->selectResource(webKey));
    QTRY_VERIFY2_WITH_TIMEOUT(browser->details()->text().contains(rolloutGerman),
                              qPrintable(browser->details()->text()), 10000);
    QVERIFY2(browser->details()->text().contains(QStringLiteral("Zustand: In Arbeit")),
             qPrintable(browser->details()->text()));
    QVERIFY(!browser->details()->text().contains(rolloutEnglish));

    QVERIFY(browser->selectResource(nightlyKey));
    QTRY_VERIFY2_WITH_TIMEOUT(browser->details()->text().contains(failedRunGerman),
                              qPrintable(browser->details()->text()), 10000);
    QVERIFY(!browser->details()->text().contains(u"did not succeed"));
    // The grab shows the Details tab, with the diff filled in.
    auto *tabs = browser->findChild<QTabWidget *>();
    QVERIFY(tabs);
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i) == browser->details()
            || tabs->widget(i)->isAncestorOf(browser->details()))
            tabs->setCurrentIndex(i);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!browser->diffView()->leftText().isEmpty(), 10000);
    window.grab().save(QStringLiteral("tst_german.png"));
}

void tst_German::theCommandLineStaysEnglish()
{
    // The same verdicts from the command line, in a German locale: English, as scripts read
    // them. Run without blocking: the API server answers on this thread's event loop.
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("KUBECONFIG"), m_kubeconfig);
    environment.insert(QStringLiteral("LANG"), QStringLiteral("de_DE.UTF-8"));
    environment.insert(QStringLiteral("LANGUAGE"), QStringLiteral("de"));
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
              {QStringLiteral("status"), QStringLiteral("--repo"), m_repository,
               QStringLiteral("--context"), QStringLiteral("admin"), QStringLiteral("-o"),
               QStringLiteral("json")});
    QVERIFY(cli.waitForStarted(10000));
    QTRY_COMPARE_WITH_TIMEOUT(cli.state(), QProcess::NotRunning, 60000);
    const QByteArray out = cli.readAllStandardOutput();
    QVERIFY2(cli.exitStatus() == QProcess::NormalExit, cli.readAllStandardError().constData());
    QHash<QString, QString> messages;
    const QJsonArray apps = QJsonDocument::fromJson(out).object().value(u"apps").toArray();
    for (const QJsonValue &app : apps) {
        for (const QJsonValue &resource : app.toObject().value(u"resources").toArray()) {
            const QJsonObject object = resource.toObject();
            messages.insert(object.value(u"name").toString(),
                            object.value(u"healthMessage").toString());
        }
    }
    QVERIFY2(!messages.isEmpty(), out.constData());
    QCOMPARE(messages.value(QStringLiteral("web")), rolloutEnglish);
    QCOMPARE(messages.value(QStringLiteral("nightly")), failedRunEnglish);
}

void tst_German::brokenHealthRulesInGerman()
{
    // A cluster running Argo CD, whose argocd-cm holds a health-rule block that does not
    // parse (a quote not closed).
    const QString argocd = m_dir.filePath(QStringLiteral("argocd"));
    QVERIFY(QDir().mkpath(argocd));
    QFile configMap(argocd + QStringLiteral("/argocd-cm.yaml"));
    QVERIFY(configMap.open(QIODevice::WriteOnly));
    configMap.write(R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: applications.argoproj.io}
spec:
  group: argoproj.io
  scope: Namespaced
  names: {kind: Application, listKind: ApplicationList, plural: applications, singular: application}
  versions:
    - name: v1alpha1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: v1
kind: Namespace
metadata: {name: argocd}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: argocd-cm, namespace: argocd}
data:
  resource.customizations: |
    apps/Deployment:
      health.lua: "return
)");
    configMap.close();
    const QStringList argocdErrors = m_server.seed(argocd);
    QVERIFY2(argocdErrors.isEmpty(), qPrintable(argocdErrors.join(u'\n')));
    // The window warns in the banner, in German, naming the line.
    MainWindow window;
    window.resize(1300, 800);
    window.show();
    window.openWorkspace(m_repository);
    QSignalSpy shown(&window, &MainWindow::workspaceShown);
    QVERIFY(shown.wait(10000));
    window.selectContext(QStringLiteral("admin"));
    const QString german = QStringLiteral("Die Health-Regeln von Argo CD in argocd/argocd-cm: "
                                          "argocd-cm resource.customizations, Zeile ");
    QTRY_VERIFY2_WITH_TIMEOUT(window.banner()->message().contains(german),
                              qPrintable(window.banner()->message()), 20000);
    QVERIFY2(!window.banner()->message().contains(u", line "),
             qPrintable(window.banner()->message()));
    QVERIFY(window.banner()->isVisible());
}

void tst_German::readProblemsInGerman()
{
    // What git's side could not be read from, as a new user's repository has it: a YAML
    // error, a Helm chart, a kustomization that does not build, a binary file among the
    // manifests. Each reason reaches the window in German; file:line:col and what kubectl
    // printed stay as they are.
    const QString repository = m_dir.filePath(QStringLiteral("problems"));
    const QList<std::pair<QString, QByteArray>> files{
        {QStringLiteral("apps/web/web.yaml"),
         "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: demo}\n"},
        {QStringLiteral("apps/web/logo.yaml"), QByteArray("GIF89a\0\0\x01\0", 10)},
        {QStringLiteral("apps/broken/bad.yaml"),
         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: \"not "
         "closed\n"},
        {QStringLiteral("apps/chart/Chart.yaml"), "apiVersion: v2\nname: chart\nversion: 0.1.0\n"},
        {QStringLiteral("apps/kust/kustomization.yaml"), "resources: [missing.yaml]\n"},
    };
    for (const auto &[path, bytes] : files) {
        QVERIFY(QDir().mkpath(QFileInfo(repository + u'/' + path).absolutePath()));
        QFile file(repository + u'/' + path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    commitEverything(repository);

    MainWindow window;
    openShown(window, repository);
    const auto tooltipOf = [&window](const QString &app) {
        return rowOf(window, app, DriftTreeModel::NameColumn).data(Qt::ToolTipRole).toString();
    };

    // The tree's tooltips on the apps that could not be read.
    const QString yamlError = QStringLiteral("apps/broken/bad.yaml:6:8: Text in "
                                             "Anführungszeichen ist vor dem Dateiende nicht "
                                             "geschlossen");
    QTRY_COMPARE_WITH_TIMEOUT(tooltipOf(QStringLiteral("apps/broken")), yamlError, 20000);
    const QString helm = QStringLiteral("apps/chart ist ein Helm-Chart (apps/chart/Chart.yaml); "
                                        "Helm-Charts werden noch nicht unterstützt");
    QCOMPARE(tooltipOf(QStringLiteral("apps/chart")), helm);
    const QString kustomize = tooltipOf(QStringLiteral("apps/kust"));
    QVERIFY2(kustomize.startsWith(u"kubectl kustomize ist fehlgeschlagen: "),
             qPrintable(kustomize));
    QVERIFY2(kustomize.contains(u"missing.yaml"), qPrintable(kustomize)); // kubectl's own words
    QVERIFY2(!kustomize.contains(m_dir.path()), qPrintable(kustomize)); // no temporary folder

    // The banner names each, in German.
    const QString banner = window.banner()->message();
    QVERIFY(window.banner()->isVisible());
    for (const QString &line :
         QStringList{QStringLiteral("apps/broken: ") + yamlError,
                     QStringLiteral("apps/chart: ") + helm.toHtmlEscaped(),
                     QStringLiteral("apps/kust: kubectl kustomize ist fehlgeschlagen: ")})
        QVERIFY2(banner.contains(line), qPrintable(banner));
    for (const char *english : {"not closed", "is a Helm chart", "not supported", " failed: "})
        QVERIFY2(!banner.contains(QLatin1String(english)), qPrintable(banner));

    // The Details of the app beside the binary file say that it was not read, and why.
    DriftBrowser *browser = window.browser();
    QVERIFY(browser->selectResource(QStringLiteral("apps/web")));
    QTRY_VERIFY2_WITH_TIMEOUT(
        browser->details()->text().contains(
            u"apps/web/logo.yaml: übersprungen: binärer Inhalt; nicht gelesen"),
        qPrintable(browser->details()->text()), 10000);
    QVERIFY(browser->selectResource(QStringLiteral("apps/broken")));
    QTRY_VERIFY2_WITH_TIMEOUT(browser->details()->text().contains(yamlError),
                              qPrintable(browser->details()->text()), 10000);
    QVERIFY(browser->selectResource(QStringLiteral("apps/chart")));
    QTRY_VERIFY2_WITH_TIMEOUT(browser->details()->text().contains(u"Konnte nicht gelesen werden: "
                                                                  + helm.toHtmlEscaped()),
                              qPrintable(browser->details()->text()), 10000);
    // The grab shows the Details of the app beside the binary file; the hint above them shows
    // the app's notes whole, not their first lines.
    QVERIFY(browser->selectResource(QStringLiteral("apps/web")));
    auto *hint = browser->findChild<EmptyState *>(QStringLiteral("selectionHint"));
    QVERIFY(hint);
    QTRY_VERIFY(hint->text().contains(u"apps/web/logo.yaml"));
    for (const QLabel *label : hint->findChildren<QLabel *>()) {
        if (label->text() == hint->text())
            QTRY_VERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(QString::number(label->height()) + u" < "
                                    + QString::number(label->heightForWidth(label->width()))));
    }
    auto *tabs = browser->findChild<QTabWidget *>();
    QVERIFY(tabs);
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->widget(i) == browser->details()
            || tabs->widget(i)->isAncestorOf(browser->details()))
            tabs->setCurrentIndex(i);
    }
    window.grab().save(QStringLiteral("tst_german-problems.png"));
}

void tst_German::brokenWorkspaceFileInGerman()
{
    // The user's own list of apps, with an app that names no path: no apps, and the window
    // says why in German where it would list them.
    const QString repository = m_dir.filePath(QStringLiteral("listed"));
    QVERIFY(QDir().mkpath(repository));
    QFile file(repository + QStringLiteral("/gitops-console.yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("apps:\n  - name: web\n");
    file.close();
    commitEverything(repository);

    MainWindow window;
    openShown(window, repository);
    auto *empty = window.findChild<EmptyState *>(QStringLiteral("resourceArea"));
    QVERIFY(empty);
    QTRY_COMPARE_WITH_TIMEOUT(empty->text(),
                              QStringLiteral("gitops-console.yaml:2: Fehler: App „web“ braucht "
                                             "einen Pfad"),
                              20000);
    window.grab().save(QStringLiteral("tst_german-workspacefile.png"));
}

// The edit pane underlines a YAML error with the parser's message: German in a German
// window, as the tree's tooltip says it, while the note keeps its English for the CLI.
void tst_German::editorUnderlinesInGerman()
{
    const auto parsed = manifest::parseYamlDocuments("data:\n  motd: \"unclosed\n");
    const auto *error = std::get_if<manifest::YamlError>(&parsed);
    QVERIFY(error);
    const manifest::SourceNote note =
        manifest::SourceNote::of(manifest::SourceNote::Kind::Error, QStringLiteral("web.yaml"),
                                 error->line, error->column, error->text);
    QVERIFY2(note.message.startsWith(QStringLiteral("quoted text is not closed")),
             qPrintable(note.message));
    ManifestEditor editor;
    editor.setPlainText(QStringLiteral("data:\n  motd: \"unclosed\n"));
    editor.setErrors({note});
    QVERIFY2(editor.errorAt(note.line).startsWith(QStringLiteral("Text in Anführungszeichen ist")),
             qPrintable(editor.errorAt(note.line)));
    bool underlined = false;
    for (const QTextEdit::ExtraSelection &selection : editor.extraSelections())
        underlined = underlined || selection.format.toolTip() == editor.errorAt(note.line);
    QVERIFY(underlined);
}

QTEST_MAIN(tst_German)
#include "tst_german.moc"
