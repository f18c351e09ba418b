// Repositories as users have them (issue 11): layouts written in the style of public
// example repositories (tests/data/repositories/CASE/repo), applied to a fresh local API
// server with the real kubectl exactly as their READMEs say, then compared with the real
// `gitops-console status`. Everything applied is Synced; after a few real edits with
// kubectl, exactly the edited resources drift. CASE/case.json says how to apply and what
// the edits are.

#include "gitbuilder.h"
#include "kubeemulatorprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using gitops::test::CommandResult;
using namespace Qt::StringLiterals;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list << item.toString();
    return list;
}

// Every file under @p folder, by path relative to it, as git would hold them.
QMap<QString, QByteArray> filesUnder(const QString &folder)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(folder).relativeFilePath(path), readFile(path));
    }
    return files;
}

struct Status
{
    int exitCode = -1;
    QString err;
    QStringList apps;
    /// "Kind.group namespace/name Status" of every resource that is not Synced, sorted.
    QStringList notSynced;
    int resources = 0;
    /// Every "namespaceFrom" of a namespaced resource (where its namespace came from).
    QStringList namespaceFrom;
};

} // namespace

class tst_RealRepositories : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appliedAsItsReadmeSays_data();
    void appliedAsItsReadmeSays();

private:
    CommandResult kubectl(QStringList arguments, const QString &caseRepo,
                          const QByteArray &input = {});
    Status status(const QString &repository);

    QString m_kubeconfig;
    QString m_home;
};

CommandResult tst_RealRepositories::kubectl(QStringList arguments, const QString &caseRepo,
                                            const QByteArray &input)
{
    // Paths in case.json are relative to the repository, where its README has you stand.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if ((arguments.at(i - 1) == u"-f" || arguments.at(i - 1) == u"-k")
            && arguments.at(i) != u"-")
            arguments[i] = QDir(caseRepo).filePath(arguments.at(i));
    }
    return gitops::test::runCommand(
        u"kubectl"_s, QStringList{u"--kubeconfig"_s, m_kubeconfig} + arguments, input, {}, 60000);
}

Status tst_RealRepositories::status(const QString &repository)
{
    const CommandResult run =
        gitops::test::runCommand(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                                 {u"status"_s, u"--repo"_s, repository, u"-o"_s, u"json"_s}, {},
                                 {u"KUBECONFIG="_s + m_kubeconfig, u"HOME="_s + m_home}, 120000);
    Status status;
    status.exitCode = run.exitCode;
    status.err = run.err;
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    for (const QJsonValue &appValue : json.value(u"apps").toArray()) {
        const QJsonObject app = appValue.toObject();
        status.apps << app.value(u"name").toString();
        for (const QJsonValue &value : app.value(u"resources").toArray()) {
            const QJsonObject resource = value.toObject();
            ++status.resources;
            if (!resource.value(u"namespace").toString().isEmpty()
                && !status.namespaceFrom.contains(resource.value(u"namespaceFrom").toString()))
                status.namespaceFrom << resource.value(u"namespaceFrom").toString();
            if (resource.value(u"status").toString() == u"Synced")
                continue;
            const QString group = resource.value(u"group").toString();
            status.notSynced << resource.value(u"kind").toString()
                    + (group.isEmpty() ? QString() : u'.' + group) + u' '
                    + resource.value(u"namespace").toString() + u'/'
                    + resource.value(u"name").toString() + u' '
                    + resource.value(u"status").toString()
                    + (resource.contains(u"reason")
                           ? u" ("_s + resource.value(u"reason").toString() + u')'
                           : QString());
        }
    }
    status.apps.sort();
    status.notSynced.sort();
    return status;
}

void tst_RealRepositories::appliedAsItsReadmeSays_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("serverSide");
    const QDir root(QStringLiteral(GITOPS_REPOSITORIES));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 5);
    for (const QString &name : cases) {
        QTest::newRow(qPrintable(name + u" (client-side apply)"_s)) << name << false;
        const QJsonObject spec =
            QJsonDocument::fromJson(readFile(root.filePath(name + u"/case.json"_s))).object();
        if (spec.value(u"serverSide").toBool())
            QTest::newRow(qPrintable(name + u" (server-side apply)"_s)) << name << true;
    }
}

void tst_RealRepositories::appliedAsItsReadmeSays()
{
    QFETCH(const QString, name);
    QFETCH(const bool, serverSide);
    if (QStandardPaths::findExecutable(u"kubectl"_s).isEmpty())
        QFAIL("kubectl is not installed; scripts/packages.txt lists kubernetes-client");

    const QDir caseDir(QStringLiteral(GITOPS_REPOSITORIES "/") + name);
    const QJsonObject spec =
        QJsonDocument::fromJson(readFile(caseDir.filePath(u"case.json"_s))).object();
    QVERIFY2(!spec.isEmpty(), "case.json does not parse");
    const QString caseRepo = caseDir.filePath(u"repo"_s);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    m_home = dir.path();
    const QString repository = dir.filePath(u"repo"_s);
    {
        gitops::test::GitBuilder git(repository);
        git.commit(u"main"_s, filesUnder(caseRepo), u"As published"_s);
        if (spec.contains(u"remote"))
            git.addRemote(u"origin"_s, spec.value(u"remote").toString());
    }

    gitops::test::KubeEmulatorProcess server;
    QString error;
    QVERIFY2(server.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));
    m_kubeconfig = server.kubeconfig();

    const auto run = [&](const QStringList &arguments, const QByteArray &input = {}) {
        const CommandResult result = kubectl(arguments, caseRepo, input);
        if (result.exitCode != 0)
            qWarning("kubectl %s: %s", qPrintable(arguments.join(u' ')), qPrintable(result.err));
        return result.exitCode == 0;
    };
    if (spec.contains(u"contextNamespace")) {
        QVERIFY(run({u"config"_s, u"set-context"_s, u"--current"_s,
                     u"--namespace="_s + spec.value(u"contextNamespace").toString()}));
    }
    for (const QString &ns : strings(spec.value(u"namespaces"))) {
        QVERIFY(run({u"apply"_s, u"--validate=false"_s, u"-f"_s, u"-"_s},
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns.toUtf8() + "\n"));
    }
    for (const QJsonValue &command : spec.value(u"apply").toArray()) {
        QStringList arguments = strings(command);
        // No OpenAPI on the local server (README, "Local Kubernetes API server").
        arguments << u"--validate=false"_s;
        if (serverSide)
            arguments << u"--server-side"_s;
        QVERIFY(run(arguments));
    }

    const Status applied = status(repository);
    QVERIFY2(applied.notSynced.isEmpty(), qPrintable(applied.notSynced.join(u'\n')));
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QVERIFY(applied.resources >= 2);
    if (spec.contains(u"apps"))
        QCOMPARE(applied.apps, strings(spec.value(u"apps")));
    // No manifest names a namespace: -o json says where each came from.
    QCOMPARE(applied.namespaceFrom, QStringList{spec.value(u"namespaceFrom").toString()});

    for (const QJsonValue &command : spec.value(u"edits").toArray())
        QVERIFY(run(strings(command)));
    const Status edited = status(repository);
    QCOMPARE(edited.notSynced, strings(spec.value(u"drifted")));
    QCOMPARE(edited.exitCode, 1);
}

QTEST_GUILESS_MAIN(tst_RealRepositories)
#include "tst_realrepositories.moc"
