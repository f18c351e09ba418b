// `gitops-console audit` asks the repository's forge which pull request each commit came
// with: against the local forge (GitHub flavor, found by probing, the token from the
// environment), a change merged through a pull request is reviewed, one pushed straight to
// main is not; without a token both are unknown.
#include "gitfixture.h"
#include "kubeemulatorprocess.h"
#include "localforgeprocess.h"

#include "forge/forgeclient.h"
#include "forge/forgeremote.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;
using gitops::test::CommandResult;
using gitops::test::LocalForgeProcess;

class tst_AuditReview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reviewedFromTheForge();
};

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    out.write(bytes);
}

QByteArray settings(const char *size)
{
    return QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: "
                      "review}\ndata: {size: ")
        + size + "}\n";
}

QJsonObject commitEvent(const QJsonObject &answer, const QString &id)
{
    for (const QJsonValue &value : answer.value(u"events").toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(u"source") == u"commit"_s
            && event.value(u"evidence").toObject().value(u"commit").toString() == id)
            return event;
    }
    return {};
}

} // namespace

void tst_AuditReview::reviewedFromTheForge()
{
    LocalForgeProcess forge(u"github"_s);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));
    test::KubeEmulatorProcess cluster;
    QVERIFY2(cluster.start(QStringLiteral(KUBE_EMULATOR), {}, &error), qPrintable(error));

    QTemporaryDir dir;
    QUrl withToken(forge.remoteUrl());
    withToken.setUserName(u"x-access-token"_s);
    withToken.setPassword(QString::fromLatin1(LocalForgeProcess::writeToken()));
    const QString clone = dir.filePath(u"deploy"_s);
    test::runGit(dir.path(), {u"clone"_s, u"--quiet"_s, withToken.toString(), clone});
    QVERIFY(QFile::exists(clone + u"/README.md"_s));

    // A change through a pull request, merged on the forge.
    test::runGit(clone, {u"checkout"_s, u"--quiet"_s, u"-b"_s, u"change-web"_s});
    writeFile(clone + u"/web/settings.yaml"_s, settings("small"));
    test::runGit(clone, {u"add"_s, u"web"_s});
    test::runGit(clone, {u"commit"_s, u"--quiet"_s, u"-m"_s, u"web: settings"_s});
    test::runGit(clone, {u"push"_s, u"--quiet"_s, u"origin"_s, u"change-web"_s});
    forge::ForgeError made;
    auto client =
        forge::ForgeClient::create(forge::ForgeRemote::fromUrl(forge.remoteUrl())
                                       .withForge(forge::ForgeType::GitHub, QUrl(forge.apiBase())),
                                   LocalForgeProcess::writeToken(), &made);
    QVERIFY2(client, qPrintable(made.text()));
    forge::PullRequestDraft draft;
    draft.title = u"web: settings"_s;
    draft.head = u"change-web"_s;
    draft.base = u"main"_s;
    std::optional<forge::PullRequestResult> opened;
    client->createPullRequest(draft, this,
                              [&opened](const forge::PullRequestResult &r) { opened = r; });
    QVERIFY(QTest::qWaitFor([&opened] { return opened.has_value(); }, 20000));
    QVERIFY2(!opened->error.isError(), qPrintable(opened->error.text()));
    QCOMPARE(forge.finish(opened->pullRequest->number, true), 200);
    const QString merged = forge.branchTip(u"main"_s);

    // Then a change pushed straight to main.
    test::runGit(clone, {u"checkout"_s, u"--quiet"_s, u"main"_s});
    test::runGit(clone, {u"pull"_s, u"--quiet"_s, u"--ff-only"_s, u"origin"_s, u"main"_s});
    QCOMPARE(test::runGit(clone, {u"rev-parse"_s, u"HEAD"_s}).trimmed(), merged);
    writeFile(clone + u"/web/settings.yaml"_s, settings("large"));
    test::runGit(clone, {u"commit"_s, u"--quiet"_s, u"-a"_s, u"-m"_s, u"web: larger, no review"_s});
    test::runGit(clone, {u"push"_s, u"--quiet"_s, u"origin"_s, u"main"_s});
    const QString pushed = test::runGit(clone, {u"rev-parse"_s, u"HEAD"_s}).trimmed();
    // The remote as a user's clone holds it: no token in it.
    test::runGit(clone, {u"remote"_s, u"set-url"_s, u"origin"_s, forge.remoteUrl()});

    const CommandResult applied =
        test::runCommand(u"kubectl"_s,
                         {u"--kubeconfig"_s, cluster.kubeconfig(), u"create"_s, u"namespace"_s,
                          u"review"_s, u"--dry-run=client"_s, u"-o"_s, u"yaml"_s});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    writeFile(dir.filePath(u"ns.yaml"_s), applied.out.toUtf8());
    for (const QString &file :
         QStringList{dir.filePath(u"ns.yaml"_s), clone + u"/web/settings.yaml"_s}) {
        const CommandResult result =
            test::runCommand(u"kubectl"_s,
                             {u"--kubeconfig"_s, cluster.kubeconfig(), u"apply"_s,
                              u"--server-side"_s, u"--validate=false"_s, u"-f"_s, file},
                             {}, {u"KUBECACHEDIR="_s + dir.filePath(u"cache"_s)});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    }

    const auto audit = [&](const QString &token) {
        const CommandResult result =
            test::runCommand(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                             {u"audit"_s, u"--repo"_s, clone, u"--context"_s, u"admin"_s,
                              u"--app"_s, u"web"_s, u"-o"_s, u"json"_s, u"--timeout"_s, u"60"_s},
                             {},
                             {u"KUBECONFIG="_s + cluster.kubeconfig(), u"HOME="_s + dir.path(),
                              u"GITHUB_TOKEN="_s + token, u"GH_TOKEN="_s},
                             90000);
        if (result.exitCode != 0)
            qWarning("audit: %s", qPrintable(result.err));
        return QJsonDocument::fromJson(result.out.toUtf8()).object();
    };

    const QJsonObject reviewed = audit(QString::fromLatin1(LocalForgeProcess::writeToken()));
    const QJsonObject viaPull = commitEvent(reviewed, merged);
    QVERIFY2(!viaPull.isEmpty(), QJsonDocument(reviewed).toJson().constData());
    QCOMPARE(viaPull.value(u"reviewed").toString(), u"yes"_s);
    QVERIFY2(viaPull.value(u"actorDetail").toString().contains(u"merged through #"_s),
             qPrintable(viaPull.value(u"actorDetail").toString()));
    QCOMPARE(viaPull.value(u"evidence").toObject().value(u"pullRequest").toString(),
             opened->pullRequest->webUrl.toString());
    const QJsonObject direct = commitEvent(reviewed, pushed);
    QCOMPARE(direct.value(u"reviewed").toString(), u"no"_s);
    QVERIFY(direct.value(u"actorDetail").toString().contains(u"without a merged pull request"_s));
    // The token never shows.
    QVERIFY(!QJsonDocument(reviewed).toJson().contains(LocalForgeProcess::writeToken()));

    // Without a token nothing is guessed, and the note says why.
    const QJsonObject unknown = audit(QString());
    QCOMPARE(commitEvent(unknown, merged).value(u"reviewed").toString(), u"unknown"_s);
    QCOMPARE(commitEvent(unknown, pushed).value(u"reviewed").toString(), u"unknown"_s);
    const QJsonArray notes = unknown.value(u"notes").toArray();
    QVERIFY2(std::any_of(notes.begin(), notes.end(),
                         [](const QJsonValue &note) {
                             return note.toString().startsWith(u"no forge token for 127.0.0.1"_s);
                         }),
             QJsonDocument(notes).toJson().constData());
}

QTEST_GUILESS_MAIN(tst_AuditReview)
#include "tst_auditreview.moc"
