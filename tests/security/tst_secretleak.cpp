// The secret-leak audit (issue 18, item 2), end to end. A workspace with Secrets written the
// ways users write them (data in base64, stringData, a kustomize secretGenerator with a literal
// and a file, a Secret among other objects in a multi-document file) is applied to the local
// API server and drifted live (a changed value, an added key). Every value is a sentinel, and
// every channel the console writes to is searched for each sentinel, its base64 and its base64
// without padding: the real executable's commands in every -o format with every logging
// category on (stdout and stderr), a refused adopt of a Secret's field and the forge after it,
// the commit message, patch and pull request of an adopt of a ConfigMap's field, and the
// window: every string property of every widget and action, every item view's cells, the diff
// panes and the debug log. Zero occurrences; a failure names the sentinel's number, the channel
// and the offset, never the value. A token in a ConfigMap is no secret: it shows, as asserted.
#include "gitbuilder.h"
#include "gitfixture.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include "auditview.h"
#include "driftbrowser.h"
#include "mainwindow.h"
#include "sidebysidediffview.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLoggingCategory>
#include <QMetaProperty>
#include <QMutex>
#include <QPlainTextEdit>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextEdit>
#include <QTreeView>
#include <QUrl>

using namespace gitops;
using gitops::test::CommandResult;
using gitops::test::LocalForgeProcess;
using gitops::test::runGit;
using namespace Qt::StringLiterals;

namespace {

// The secret values, numbered from 1 in failure messages. 1-5 are in git (the user committed
// them; the console must still never print them), 6-8 exist only in the cluster.
const QList<QByteArray> sentinels = {
    "s3ntinel-1-data-password-q7Xv", // Secret db, data (base64 in the file)
    "s3ntinel-2-stringdata-token-Lm", // Secret api, stringData
    "s3ntinel-3-generator-literal-Zk4", // secretGenerator literal
    "s3ntinel-4-generator-file-Hd", // secretGenerator file
    "s3ntinel-5-multidoc-key-Pw9", // a Secret in a multi-document file
    "s3ntinel-6-live-changed-Rt", // db's password changed live
    "s3ntinel-7-live-added-key-Yb3", // a key added live to api
    "s3ntinel-8-live-generator-Nc", // the generated Secret's literal changed live
    "s3ntinel-9-typo-tag-Wq", // a value YAML cannot read as the type its tag names
    "s3ntinel-10-client-side-Jf", // applied client-side: in last-applied-configuration
    "s3ntinel-11-flux-subst-Vn", // beside a Flux variable written with a typo
};

// Not a secret: a ConfigMap's value shows wherever the ConfigMap shows.
const QByteArray configMapToken = "cfgmap-token-visible-2Qe";

const QByteArray plainSecrets = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                                "  namespace: leak\ntype: Opaque\ndata:\n  password: "
    + sentinels.at(0).toBase64()
    + "\n  user: YWRtaW4=\n---\n"
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\n  namespace: leak\n"
      "stringData:\n  token: "
    + sentinels.at(1) + "\n";

const QByteArray bundle = "# settings and the key the app reads, in one file\n"
                          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                          "  namespace: leak\ndata:\n  mode: calm\n  token: "
    + configMapToken
    + "\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: bundle\n  namespace: leak\n"
      "stringData:\n  key: "
    + sentinels.at(4) + "\n";

// A typo: the tag says int, the value is text; git's YAML is an error the console reports.
const QByteArray typo = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: typo\n"
                        "  namespace: leak\nstringData:\n  pin: !!int "
    + sentinels.at(8) + "\n";

// Applied with plain `kubectl apply`, which keeps the whole object in an annotation.
const QByteArray legacy = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: legacy\n"
                          "  namespace: leak\nstringData:\n  secret: "
    + sentinels.at(9) + "\n";

const QByteArray kustomization = "namespace: leak\nsecretGenerator:\n  - name: gen\n"
                                 "    literals:\n      - password="
    + sentinels.at(2) + "\n    files:\n      - cert.pem\n";

struct Form
{
    const char *name;
    QByteArray bytes;
};

QList<Form> formsOf(const QByteArray &sentinel)
{
    return {{"as is", sentinel},
            {"base64", sentinel.toBase64()},
            {"base64 without padding", sentinel.toBase64(QByteArray::OmitTrailingEquals)}};
}

// Every occurrence of a sentinel (of @p count, from the first) in @p text, named.
QStringList leaksIn(const QString &channel, const QString &text, qsizetype count = sentinels.size())
{
    QStringList found;
    for (qsizetype i = 0; i < count; ++i) {
        for (const Form &form : formsOf(sentinels.at(i))) {
            const qsizetype offset = text.indexOf(QString::fromLatin1(form.bytes));
            if (offset >= 0)
                found << u"sentinel #%1 (%2) found in %3 at offset %4"_s.arg(i + 1)
                             .arg(QLatin1String(form.name), channel)
                             .arg(offset);
        }
    }
    return found;
}

void writeFile(const QString &folder, const QString &path, const QByteArray &bytes)
{
    QDir(folder).mkpath(QFileInfo(QDir(folder).filePath(path)).path());
    QFile out(QDir(folder).filePath(path));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
}

// The debug log of the window's process.
QMutex logMutex;
QString debugLog;

void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    const QMutexLocker lock(&logMutex);
    debugLog += QLatin1String(context.category ? context.category : "") + u": "_s + message + u'\n';
}

// Every string a widget, an action or any other object under @p root shows or holds in a
// property (text, toolTip, statusTip, whatsThis, windowTitle, placeholderText, plainText...),
// and every cell of every item view (display and tool tip), each with where it was read.
void collectTexts(QObject *root, QList<QPair<QString, QString>> *texts)
{
    // Guarded: reading a property may delete objects found with it (a text document lays
    // itself out again and replaces its frames).
    QList<QPointer<QObject>> objects;
    objects << root;
    for (QObject *child : root->findChildren<QObject *>())
        objects << child;
    for (const QPointer<QObject> &guarded : std::as_const(objects)) {
        QObject *object = guarded.data();
        if (!object)
            continue;
        const QString where =
            QString::fromLatin1(object->metaObject()->className()) + u' ' + object->objectName();
        const QMetaObject *meta = object->metaObject();
        for (int i = 0; i < meta->propertyCount(); ++i) {
            const QMetaProperty property = meta->property(i);
            if (!property.isReadable())
                continue;
            const QVariant value = property.read(object);
            if (value.metaType().id() == QMetaType::QString)
                *texts << qMakePair(where + u'.' + QLatin1String(property.name()),
                                    value.toString());
            else if (value.metaType().id() == QMetaType::QStringList)
                *texts << qMakePair(where + u'.' + QLatin1String(property.name()),
                                    value.toStringList().join(u'\n'));
        }
        if (auto *edit = qobject_cast<QPlainTextEdit *>(object))
            *texts << qMakePair(where + u" plain text"_s, edit->toPlainText());
        if (auto *edit = qobject_cast<QTextEdit *>(object))
            *texts << qMakePair(where + u" plain text"_s, edit->toPlainText());
        if (auto *diff = qobject_cast<SideBySideDiffView *>(object))
            *texts << qMakePair(where + u" left"_s, diff->leftText())
                   << qMakePair(where + u" right"_s, diff->rightText());
        QAbstractItemModel *model = nullptr;
        if (auto *view = qobject_cast<QAbstractItemView *>(object))
            model = view->model();
        if (!model)
            continue;
        QList<QModelIndex> parents{QModelIndex()};
        while (!parents.isEmpty()) {
            const QModelIndex parent = parents.takeLast();
            for (int row = 0; row < model->rowCount(parent); ++row) {
                for (int column = 0; column < model->columnCount(parent); ++column) {
                    const QModelIndex index = model->index(row, column, parent);
                    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                        *texts << qMakePair(
                            u"%1 row %2 column %3 role %4"_s.arg(where).arg(row).arg(column).arg(
                                role),
                            index.data(role).toString());
                }
                const QModelIndex first = model->index(row, 0, parent);
                if (model->hasChildren(first))
                    parents << first;
            }
        }
    }
}

} // namespace

class tst_SecretLeak : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commandsPrintNoSecret();
    void adoptRefusesASecretsFieldAndWritesNothing();
    void commitAndPullRequestHoldNoSecret();
    void theWindowShowsNoSecret();
    void aBadSubstitutionShowsNoSecret();

private:
    CommandResult console(const QStringList &arguments);
    /// Runs `gitops-console ARGUMENTS` and fails on any sentinel in its stdout or stderr.
    CommandResult searched(const QStringList &arguments);
    /// Every ref on the forge with the patches of the commits main lacks: no live value.
    void forgeHoldsNoLiveValue(const QString &when);

    QTemporaryDir m_dir;
    test::KubeEmulatorProcess m_server;
    std::unique_ptr<LocalForgeProcess> m_forge;
    QString m_repository;
    QString m_generated; // the generated Secret's name, with kustomize's hash suffix
};

void tst_SecretLeak::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(u"settings"_s));
    QString error;
    const QString auditLog = m_dir.filePath(u"audit.log"_s);
    QVERIFY2(m_server.start(QStringLiteral(KUBE_EMULATOR), {u"--audit-log"_s, auditLog}, &error),
             qPrintable(error));
    m_forge = std::make_unique<LocalForgeProcess>(u"github"_s);
    QVERIFY2(m_forge->start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));

    // The workspace: built with libgit2, pushed over the forge's smart HTTP as main.
    m_repository = m_dir.filePath(u"deploy"_s);
    {
        test::GitBuilder git(m_repository);
        git.commit(u"main"_s,
                   {{u"apps/plain/secrets.yaml"_s, plainSecrets},
                    {u"apps/plain/bundle.yaml"_s, bundle},
                    {u"apps/kust/kustomization.yaml"_s, kustomization},
                    {u"apps/kust/cert.pem"_s, sentinels.at(3)},
                    {u"apps/plain/legacy.yaml"_s, legacy},
                    {u"apps/typo/secret.yaml"_s, typo}},
                   u"plain and kustomize apps with their credentials"_s);
        git.addRemote(u"origin"_s, m_forge->remoteUrl());
        git.checkout(u"main"_s);
    }
    const QString credentials = m_dir.filePath(u"forge-credentials"_s);
    writeFile(m_dir.path(), u"forge-credentials"_s,
              u"http://forge-user:%1@127.0.0.1:%2\n"_s
                  .arg(QString::fromLatin1(LocalForgeProcess::writeToken()))
                  .arg(QUrl(m_forge->url()).port())
                  .toUtf8());
    runGit(m_repository, {u"config"_s, u"credential.helper"_s, u"store --file="_s + credentials});
    runGit(m_repository, {u"push"_s, u"-q"_s, u"-f"_s, u"origin"_s, u"main:main"_s});
    runGit(m_repository, {u"fetch"_s, u"-q"_s, u"origin"_s});
    QCOMPARE(runGit(m_repository, {u"rev-parse"_s, u"origin/main"_s}),
             runGit(m_repository, {u"rev-parse"_s, u"main"_s}));

    // Applied as git has it (the kustomization as kustomize renders it), server-side.
    const CommandResult rendered =
        test::runCommand(u"kubectl"_s, {u"kustomize"_s, m_repository + u"/apps/kust"_s});
    QVERIFY2(rendered.exitCode == 0, qPrintable(rendered.err));
    const QRegularExpressionMatch name =
        QRegularExpression(u"name: (gen-[a-z0-9]+)"_s).match(rendered.out);
    QVERIFY2(name.hasMatch(), "kustomize named the generated Secret gen-<hash>");
    m_generated = name.captured(1);
    const auto kubectl = [this](const QStringList &arguments, const QByteArray &input) {
        const CommandResult result = test::runCommand(
            u"kubectl"_s, QStringList{u"--kubeconfig"_s, m_server.kubeconfig()} + arguments, input);
        return result.exitCode == 0 ? QString() : result.err + u" (exit %1)"_s.arg(result.exitCode);
    };
    const QStringList apply{u"apply"_s, u"--server-side"_s, u"--validate=false"_s, u"-f"_s, u"-"_s};
    error = kubectl(apply,
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: leak\n---\n" + plainSecrets
                        + "---\n" + bundle + "---\n" + rendered.out.toUtf8());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = kubectl({u"apply"_s, u"--validate=false"_s, u"-f"_s, u"-"_s}, legacy);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    // Drifted live: a changed value, an added key, a generated value changed, a setting.
    const auto patch = [&](const QString &object, const QByteArray &data) {
        return kubectl({u"-n"_s, u"leak"_s, u"patch"_s, object, u"-p"_s,
                        QString::fromLatin1("{\"data\":" + data + "}")},
                       {});
    };
    error = patch(u"secret/db"_s, "{\"password\":\"" + sentinels.at(5).toBase64() + "\"}");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = patch(u"secret/api"_s, "{\"added\":\"" + sentinels.at(6).toBase64() + "\"}");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error =
        patch(u"secret/"_s + m_generated, "{\"password\":\"" + sentinels.at(7).toBase64() + "\"}");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = patch(u"secret/legacy"_s, "{\"extra\":\"" + QByteArray("more").toBase64() + "\"}");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = patch(u"configmap/settings"_s, "{\"mode\":\"stormy\"}");
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

CommandResult tst_SecretLeak::console(const QStringList &arguments)
{
    return test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE), arguments, {},
        {u"KUBECONFIG="_s + m_server.kubeconfig(), u"HOME="_s + m_dir.path(),
         u"QT_LOGGING_RULES=*.debug=true"_s, u"GIT_CONFIG_NOSYSTEM=1"_s, u"GIT_AUTHOR_NAME=Op"_s,
         u"GIT_AUTHOR_EMAIL=op@example.invalid"_s, u"GIT_COMMITTER_NAME=Op"_s,
         u"GIT_COMMITTER_EMAIL=op@example.invalid"_s,
         u"GITHUB_TOKEN="_s + QString::fromLatin1(LocalForgeProcess::writeToken())},
        60000);
}

CommandResult tst_SecretLeak::searched(const QStringList &arguments)
{
    const CommandResult run = console(arguments);
    const QString command = arguments.join(u' ').replace(m_repository, u"DIR"_s);
    QStringList leaks =
        leaksIn(command + u" stdout"_s, run.out) + leaksIn(command + u" stderr"_s, run.err);
    // The forge token from the environment is no Secret object, and never shows either.
    for (const QString &text : {run.out, run.err})
        if (text.contains(QString::fromLatin1(LocalForgeProcess::writeToken())))
            leaks << u"the forge token found in "_s + command;
    [&] { QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n'))); }();
    return run;
}

void tst_SecretLeak::commandsPrintNoSecret()
{
    const QStringList repo{u"--repo"_s, m_repository};
    // status: the Secrets are there and drift, so their values were in hand.
    const CommandResult status =
        searched(QStringList{u"status"_s} + repo + QStringList{u"-o"_s, u"json"_s});
    // Drift, and apps/typo cannot be read (the error names the place, not the value).
    QVERIFY2(status.exitCode == 1 || status.exitCode == 2, qPrintable(status.err));
    QVERIFY2(status.out.contains(u"typo"_s), qPrintable(status.out));
    for (const char *secret : {"db", "api", "bundle"})
        QVERIFY2(status.out.contains(QLatin1String(secret)), secret);
    QVERIFY2(status.out.contains(m_generated), qPrintable(status.out));
    QVERIFY(searched(QStringList{u"status"_s} + repo).exitCode >= 1);
    for (const QString &app : {u"apps/plain"_s, u"apps/kust"_s, u"apps/typo"_s})
        searched(QStringList{u"status"_s, u"--app"_s, app, u"--exact"_s} + repo);

    for (const QString &format : {u"unified"_s, u"json"_s}) {
        const CommandResult diff =
            searched(QStringList{u"diff"_s} + repo + QStringList{u"-o"_s, format});
        QVERIFY2(diff.exitCode == 1 || diff.exitCode == 2, qPrintable(diff.err));
        // What masking shows instead, and the ConfigMap's token, which is no secret.
        QVERIFY2(diff.out.contains(u"++++++++"_s), qPrintable(diff.out));
        if (format == u"unified"_s) // its context lines; JSON holds the differences alone
            QVERIFY2(diff.out.contains(QString::fromLatin1(configMapToken)), qPrintable(diff.out));
        QVERIFY2(diff.out.contains(u"stormy"_s), qPrintable(diff.out));
        searched(QStringList{u"diff"_s, u"--exact"_s} + repo + QStringList{u"-o"_s, format});
        searched(QStringList{u"diff"_s, u"--app"_s, u"apps/typo"_s} + repo
                 + QStringList{u"-o"_s, format});
    }
    // Offline diff: the files git holds against the live objects kubectl prints.
    const CommandResult live =
        test::runCommand(u"kubectl"_s,
                         {u"--kubeconfig"_s, m_server.kubeconfig(), u"-n"_s, u"leak"_s, u"get"_s,
                          u"secrets,configmaps"_s, u"-o"_s, u"yaml"_s});
    QVERIFY2(live.exitCode == 0, qPrintable(live.err));
    writeFile(m_dir.path(), u"live.yaml"_s, live.out.toUtf8());
    for (const QString &format : {u"unified"_s, u"json"_s}) {
        QCOMPARE(searched({u"diff"_s, u"--desired"_s, m_repository + u"/apps/plain/secrets.yaml"_s,
                           u"--live"_s, m_dir.filePath(u"live.yaml"_s), u"-o"_s, format})
                     .exitCode,
                 1);
        searched({u"diff"_s, u"--desired"_s, m_repository + u"/apps/plain/legacy.yaml"_s,
                  u"--live"_s, m_dir.filePath(u"live.yaml"_s), u"-o"_s, format});
        QVERIFY(searched({u"diff"_s, u"--desired"_s, m_repository + u"/apps/typo/secret.yaml"_s,
                          u"--live"_s, m_dir.filePath(u"live.yaml"_s), u"-o"_s, format})
                    .exitCode
                == 2);
    }

    for (const QString &app : {u"apps/plain"_s, u"apps/kust"_s, u"apps/typo"_s}) {
        for (const QString &format : {u"table"_s, u"json"_s}) {
            const CommandResult history = searched(QStringList{u"history"_s, u"--app"_s, app} + repo
                                                   + QStringList{u"-o"_s, format});
            QVERIFY2(history.exitCode == 0 || app == u"apps/typo"_s, qPrintable(history.err));
        }
    }
    // audit, with the API server's audit log of the applies and patches above.
    QVERIFY(console({u"audit"_s, u"--help"_s}).exitCode == 0);
    for (const QString &format : {u"table"_s, u"json"_s, u"csv"_s}) {
        const CommandResult audit =
            searched(QStringList{u"audit"_s, u"--audit-log"_s, m_dir.filePath(u"audit.log"_s)}
                     + repo + QStringList{u"-o"_s, format});
        QVERIFY2(audit.exitCode == 0, qPrintable(audit.err));
        QVERIFY2(audit.out.contains(u"db"_s), qPrintable(audit.out));
        searched(QStringList{u"audit"_s, u"--resource"_s, u"Secret/leak/db"_s} + repo
                 + QStringList{u"-o"_s, format});
    }
    // An audit log at level RequestResponse, as clusters whose policy logs bodies write it:
    // every Secret write with its request and response objects, and a line cut short.
    QFile recorded(m_dir.filePath(u"audit.log"_s));
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    QByteArray bodies;
    const QJsonObject body{
        {u"kind"_s, u"Secret"_s},
        {u"apiVersion"_s, u"v1"_s},
        {u"data"_s, QJsonObject{{u"password"_s, QString::fromLatin1(sentinels.at(5).toBase64())}}},
        {u"stringData"_s, QJsonObject{{u"token"_s, QString::fromLatin1(sentinels.at(1))}}}};
    int secretWrites = 0;
    for (const QByteArray &line : recorded.readAll().split('\n')) {
        QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.isEmpty())
            continue;
        if (event.value(u"objectRef"_s).toObject().value(u"resource"_s) == u"secrets"_s) {
            event.insert(u"level"_s, u"RequestResponse"_s);
            event.insert(u"requestObject"_s, body);
            event.insert(u"responseObject"_s, body);
            ++secretWrites;
        }
        bodies += QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
    }
    QVERIFY2(secretWrites >= 3, "the API server audited the Secrets' writes");
    bodies += "{\"kind\":\"Event\",\"requestObject\":{\"data\":{\"password\":\""
        + sentinels.at(5).toBase64() + "\"\n";
    writeFile(m_dir.path(), u"audit-bodies.log"_s, bodies);
    for (const QString &format : {u"table"_s, u"json"_s, u"csv"_s})
        searched(QStringList{u"audit"_s, u"--audit-log"_s, m_dir.filePath(u"audit-bodies.log"_s)}
                 + repo + QStringList{u"-o"_s, format});

    for (const QString &format : {u"table"_s, u"json"_s})
        searched(QStringList{u"pr"_s, u"list"_s} + repo + QStringList{u"-o"_s, format});
}

void tst_SecretLeak::forgeHoldsNoLiveValue(const QString &when)
{
    runGit(m_repository, {u"fetch"_s, u"-q"_s, u"--prune"_s, u"origin"_s});
    const QString refs = runGit(m_repository, {u"ls-remote"_s, u"origin"_s});
    const QString patches = runGit(
        m_repository, {u"log"_s, u"-p"_s, u"--format=%H%n%B"_s, u"--remotes=origin"_s, u"^main"_s});
    // The console's own commits: messages and changed lines hold no secret, not even git's.
    QString changed;
    for (const QString &line : patches.split(u'\n'))
        if (!line.startsWith(u' '))
            changed += line + u'\n';
    const QStringList leaks = leaksIn(when + u": the forge's refs"_s, refs)
        + leaksIn(when + u": the console's commits on the forge"_s, changed)
        + leaksIn(when + u": the patches on the forge"_s, patches, sentinels.size())
              .filter(QRegularExpression(u"#[678] "_s));
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    const QJsonArray pulls = m_forge->pulls();
    const QString stored = QString::fromUtf8(QJsonDocument(pulls).toJson());
    const QStringList pullLeaks = leaksIn(when + u": the forge's pull requests"_s, stored);
    QVERIFY2(pullLeaks.isEmpty(), qPrintable(pullLeaks.join(u'\n')));
}

void tst_SecretLeak::adoptRefusesASecretsFieldAndWritesNothing()
{
    const QStringList base{u"adopt"_s, u"--repo"_s, m_repository, u"--app"_s};
    const struct
    {
        QString app;
        QString resource;
        QString field;
    } refusals[] = {
        {u"apps/plain"_s, u"Secret/leak/db"_s, u".data.password"_s},
        {u"apps/plain"_s, u"Secret/leak/api"_s, u".data.added"_s},
        {u"apps/plain"_s, u"Secret/leak/api"_s, QString()},
        {u"apps/kust"_s, u"Secret/leak/"_s + m_generated, QString()},
    };
    for (const auto &refusal : refusals) {
        for (const QString &format : {u"text"_s, u"json"_s}) {
            QStringList arguments =
                base + QStringList{refusal.app, u"--resource"_s, refusal.resource};
            if (!refusal.field.isEmpty())
                arguments << u"--field"_s << refusal.field;
            if (format == u"json"_s)
                arguments << u"-o"_s << u"json"_s;
            const CommandResult run = searched(arguments);
            QVERIFY2(run.exitCode != 0, qPrintable(refusal.resource + u": "_s + run.out));
            QVERIFY2(run.err.contains(u"refused"_s) || run.err.contains(u"Secret"_s),
                     qPrintable(run.err));
        }
    }
    forgeHoldsNoLiveValue(u"after the refused adopts"_s);
    QCOMPARE(m_forge->pulls().size(), 0);
}

void tst_SecretLeak::commitAndPullRequestHoldNoSecret()
{
    // A ConfigMap's field in the file that also holds a Secret: adopted with a pull request.
    const CommandResult run = searched(
        {u"adopt"_s, u"--repo"_s, m_repository, u"--app"_s, u"apps/plain"_s, u"--resource"_s,
         u"ConfigMap/leak/settings"_s, u"--field"_s, u".data.mode"_s, u"-o"_s, u"json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    const QJsonObject answer = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QString branch = answer.value(u"branch"_s).toString();
    QVERIFY2(!branch.isEmpty(), qPrintable(run.out));
    QCOMPARE(m_forge->branchTip(branch), answer.value(u"commit"_s).toString());
    runGit(m_repository, {u"fetch"_s, u"-q"_s, u"origin"_s});
    const QString message =
        runGit(m_repository, {u"log"_s, u"-1"_s, u"--format=%B"_s, u"origin/"_s + branch});
    QVERIFY2(message.contains(u"mode"_s), qPrintable(message));
    // The pushed file: the one line changed, the Secret beside it as git had it.
    const QString file =
        runGit(m_repository, {u"show"_s, u"origin/"_s + branch + u":apps/plain/bundle.yaml"_s});
    QVERIFY2(file.contains(u"mode: stormy"_s), qPrintable(file));
    const QJsonArray pulls = m_forge->pulls();
    QCOMPARE(pulls.size(), 1);
    QVERIFY2(pulls.first().toObject().value(u"body"_s).toString().contains(u".data.mode"_s),
             qPrintable(pulls.first().toObject().value(u"body"_s).toString()));
    forgeHoldsNoLiveValue(u"after the adopted setting"_s);
    for (const QString &format : {u"table"_s, u"json"_s}) {
        const CommandResult list =
            searched({u"pr"_s, u"list"_s, u"--repo"_s, m_repository, u"-o"_s, format});
        QVERIFY2(list.out.contains(branch) || list.out.contains(u"#1"_s)
                     || list.out.contains(u"\"number\": 1"_s),
                 qPrintable(list.out + list.err));
    }
}

void tst_SecretLeak::theWindowShowsNoSecret()
{
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    qputenv("KUBECONFIG", QFile::encodeName(m_server.kubeconfig()));
    const QString key = u"apps/plain/leak/Secret/db"_s;
    QStringList leaks;
    {
        MainWindow window;
        window.resize(1300, 800);
        window.show();
        window.selectWhenAvailable(key);
        QSignalSpy displayed(&window, &MainWindow::resourceDisplayed);
        QSignalSpy shown(&window, &MainWindow::workspaceShown);
        window.openWorkspace(m_repository);
        QVERIFY(shown.wait(15000));
        window.selectContext(u"admin"_s);
        QVERIFY(displayed.size() > 0 || displayed.wait(20000));
        QCOMPARE(window.browser()->selectedKey(), key);

        // The diff panes hold the masks where the values were: git's and live's differ.
        SideBySideDiffView *diff = window.browser()->diffView();
        const auto masked = [diff] {
            static const QRegularExpression password(u"\n  password: (\\+{8,})\n"_s);
            const QRegularExpressionMatch left = password.match(diff->leftText());
            const QRegularExpressionMatch right = password.match(diff->rightText());
            return left.hasMatch() && right.hasMatch() && left.captured(1) != right.captured(1);
        };
        const auto bothSides = [diff] {
            return diff->leftText().contains(u"\n  password: "_s)
                && diff->rightText().contains(u"\n  password: "_s);
        };
        QTRY_VERIFY_WITH_TIMEOUT(bothSides(), 10000);

        // Every other resource too, then everything the window holds.
        QList<QPair<QString, QString>> texts;
        for (const QString &other :
             {u"apps/plain/leak/Secret/api"_s, u"apps/plain/leak/Secret/bundle"_s,
              QString(u"apps/kust/leak/Secret/"_s + m_generated),
              u"apps/plain/leak/ConfigMap/settings"_s, key}) {
            QVERIFY2(window.browser()->selectResource(other), qPrintable(other));
            QTest::qWait(300);
            collectTexts(&window, &texts);
            for (QWidget *top : QApplication::topLevelWidgets())
                if (top != &window)
                    collectTexts(top, &texts);
        }
        // The audit view of the app, with the server's audit log: its table, and the
        // evidence of every row.
        window.setAuditLogFile(m_dir.filePath(u"audit.log"_s));
        AuditView *audit = window.openAudit(u"apps/plain"_s);
        QSignalSpy built(audit, &AuditView::built);
        QVERIFY(built.wait(60000));
        QAbstractItemModel *rows = audit->table()->model();
        QVERIFY2(rows->rowCount() > 0, qPrintable(audit->notes()->text()));
        for (int row = 0; row < rows->rowCount(); ++row) {
            audit->table()->setCurrentIndex(rows->index(row, 0));
            texts << qMakePair(u"the audit view's evidence of row %1"_s.arg(row),
                               audit->evidence()->toPlainText());
        }
        collectTexts(&window, &texts);
        bool tokenShown = false;
        for (const auto &[where, text] : std::as_const(texts)) {
            leaks += leaksIn(u"the window: "_s + where, text);
            tokenShown = tokenShown || text.contains(QString::fromLatin1(configMapToken));
        }
        QVERIFY2(tokenShown, "the ConfigMap's token shows in the window");
        leaks.removeDuplicates(); // a model shows in its view and in the view's header
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
        QVERIFY2(window.browser()->selectResource(key), qPrintable(key));
        QTRY_VERIFY2_WITH_TIMEOUT(masked(), qPrintable(diff->leftText() + diff->rightText()),
                                  10000);
    }
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(u"qt.*.debug=false"_s);
    {
        const QMutexLocker lock(&logMutex);
        QVERIFY2(debugLog.size() > 0, "the debug log was captured");
        leaks += leaksIn(u"the window's debug log"_s, debugLog);
    }
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
}

// A Flux Kustomization's postBuild variable in a Secret's value, its brace not closed: the
// app's error says where, without the value.
void tst_SecretLeak::aBadSubstitutionShowsNoSecret()
{
    const QString repository = m_dir.filePath(u"flux"_s);
    test::GitBuilder git(repository);
    git.commit(u"main"_s,
               {{u"clusters/leak/subst.yaml"_s,
                 "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
                 "  name: subst\n  namespace: flux-system\nspec:\n  path: ./apps/subst\n"
                 "  targetNamespace: leak\n"
                 "  sourceRef: {kind: GitRepository, name: flux-system}\n"
                 "  postBuild:\n    substitute:\n      HOST: db\n"},
                {u"apps/subst/secret.yaml"_s,
                 "apiVersion: v1\nkind: Secret\nmetadata:\n  name: subst\nstringData:\n"
                 "  url: postgres://app:"
                     + sentinels.at(10) + "@${HOST\n"}},
               u"a Flux app"_s);
    git.checkout(u"main"_s);
    for (const QString &format : {u"table"_s, u"json"_s}) {
        const CommandResult status =
            searched({u"status"_s, u"--repo"_s, repository, u"-o"_s, format});
        QVERIFY2(status.out.contains(u"substitution"_s) || status.err.contains(u"substitution"_s),
                 qPrintable(status.out + status.err));
    }
    for (const QString &format : {u"unified"_s, u"json"_s})
        searched({u"diff"_s, u"--repo"_s, repository, u"-o"_s, format});
}

QTEST_MAIN(tst_SecretLeak)
#include "tst_secretleak.moc"
