// `gitops-console audit` asks the repository's forge which pull request each commit came
// with, who approved and merged it, and whether it verifies the commit's signature: against
// the local forge (GitHub flavor, found by probing, the token from the environment), a
// change merged through a pull request someone other than its author approved is reviewed,
// one merged without an approval or pushed straight to main is not (and an ssh-signed push
// is verified by the forge); without a token reviews are unknown and signatures unchecked.
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
    const QString withToken = forge.remoteUrlWithToken();
    const QString clone = dir.filePath(u"deploy"_s);
    test::runGit(dir.path(), {u"clone"_s, u"--quiet"_s, withToken, clone});
    QVERIFY(QFile::exists(clone + u"/README.md"_s));

    forge::ForgeError made;
    auto client =
        forge::ForgeClient::create(forge::ForgeRemote::fromUrl(forge.remoteUrl())
                                       .withForge(forge::ForgeType::GitHub, QUrl(forge.apiBase())),
                                   LocalForgeProcess::writeToken(), &made);
    QVERIFY2(client, qPrintable(made.text()));
    // A change on its own branch through a pull request, merged by carol on the forge; alice
    // approves it first when @p approver is set. Returns the merge commit and its URL.
    const auto throughPull = [&](const QString &branch, const char *size,
                                 const QString &approver) -> std::pair<QString, QString> {
        test::runGit(clone, {u"checkout"_s, u"--quiet"_s, u"main"_s});
        test::runGit(clone, {u"pull"_s, u"--quiet"_s, u"--ff-only"_s, u"origin"_s, u"main"_s});
        test::runGit(clone, {u"checkout"_s, u"--quiet"_s, u"-b"_s, branch});
        writeFile(clone + u"/web/settings.yaml"_s, settings(size));
        test::runGit(clone, {u"add"_s, u"web"_s});
        test::runGit(clone, {u"commit"_s, u"--quiet"_s, u"-m"_s, u"web: "_s + branch});
        test::runGit(clone, {u"push"_s, u"--quiet"_s, u"origin"_s, branch});
        forge::PullRequestDraft draft;
        draft.title = u"web: "_s + branch;
        draft.head = branch;
        draft.base = u"main"_s;
        std::optional<forge::PullRequestResult> opened;
        client->createPullRequest(draft, this,
                                  [&opened](const forge::PullRequestResult &r) { opened = r; });
        if (!QTest::qWaitFor([&opened] { return opened.has_value(); }, 20000)
            || opened->error.isError() || !opened->pullRequest)
            return {};
        if (!approver.isEmpty() && forge.review(opened->pullRequest->number, approver) != 200)
            return {};
        if (forge.mergeAs(opened->pullRequest->number, u"carol"_s) != 200)
            return {};
        return {forge.branchTip(u"main"_s), opened->pullRequest->webUrl.toString()};
    };
    const auto [approvedMerge, approvedUrl] = throughPull(u"change-web"_s, "small", u"alice"_s);
    QVERIFY(!approvedMerge.isEmpty());
    const auto [unapprovedMerge, unapprovedUrl] = throughPull(u"resize-web"_s, "medium", {});
    QVERIFY(!unapprovedMerge.isEmpty());

    // Then a change pushed straight to main, signed with a throwaway ssh key the forge knows.
    test::runGit(clone, {u"checkout"_s, u"--quiet"_s, u"main"_s});
    test::runGit(clone, {u"pull"_s, u"--quiet"_s, u"--ff-only"_s, u"origin"_s, u"main"_s});
    QCOMPARE(test::runGit(clone, {u"rev-parse"_s, u"HEAD"_s}).trimmed(), unapprovedMerge);
    const QString key = dir.filePath(u"signing"_s);
    const CommandResult keygen = test::runCommand(
        u"ssh-keygen"_s,
        {u"-q"_s, u"-t"_s, u"ed25519"_s, u"-N"_s, QString(), u"-C"_s, u"signer"_s, u"-f"_s, key});
    QVERIFY2(keygen.exitCode == 0, qPrintable(keygen.err));
    QFile publicKey(key + u".pub"_s);
    QVERIFY(publicKey.open(QIODevice::ReadOnly));
    QVERIFY(forge.setSigners("committer@example.invalid namespaces=\"git\" "
                             + publicKey.readAll().trimmed() + '\n'));
    writeFile(clone + u"/web/settings.yaml"_s, settings("large"));
    test::runGit(clone,
                 {u"-c"_s, u"gpg.format=ssh"_s, u"-c"_s, u"user.signingkey="_s + key, u"commit"_s,
                  u"--quiet"_s, u"-S"_s, u"-a"_s, u"-m"_s, u"web: larger, no review"_s});
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
    const QByteArray shown = QJsonDocument(reviewed).toJson();
    // Approved by alice (not its author, forge-user): reviewed.
    const QJsonObject viaPull = commitEvent(reviewed, approvedMerge);
    QVERIFY2(!viaPull.isEmpty(), shown.constData());
    QCOMPARE(viaPull.value(u"reviewed").toString(), u"yes"_s);
    QVERIFY2(viaPull.value(u"actorDetail").toString().endsWith(u", approved by alice"_s),
             qPrintable(viaPull.value(u"actorDetail").toString()));
    QCOMPARE(viaPull.value(u"evidence").toObject().value(u"pullRequest").toString(), approvedUrl);
    QCOMPARE(viaPull.value(u"evidence").toObject().value(u"signature").toObject().value(u"state"),
             u"unsigned"_s);
    // Its pull request's life, as the audit shows it: opened, approved by alice, merged by
    // carol, each with its actor.
    QStringList lifecycle;
    for (const QJsonValue &value : reviewed.value(u"events").toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(u"source") == u"pull-request"_s)
            lifecycle << event.value(u"actor").toString() + u' '
                    + event.value(u"evidence").toObject().value(u"action").toString() + u" #"_s
                    + QString::number(event.value(u"evidence").toObject().value(u"number").toInt())
                    + u' ' + event.value(u"reviewed").toString();
    }
    QCOMPARE(lifecycle,
             (QStringList{u"carol merged #2 no"_s, u"forge-user opened #2 no"_s,
                          u"carol merged #1 yes"_s, u"alice approved #1 yes"_s,
                          u"forge-user opened #1 yes"_s}));
    // Merged without an approval: not reviewed, and why.
    const QJsonObject unapproved = commitEvent(reviewed, unapprovedMerge);
    QCOMPARE(unapproved.value(u"reviewed").toString(), u"no"_s);
    QVERIFY2(unapproved.value(u"actorDetail").toString().endsWith(u"merged without an approval"_s),
             qPrintable(unapproved.value(u"actorDetail").toString()));
    // Pushed directly, signed with a key the forge verifies.
    const QJsonObject direct = commitEvent(reviewed, pushed);
    QCOMPARE(direct.value(u"reviewed").toString(), u"no"_s);
    QCOMPARE(direct.value(u"actorDetail").toString(),
             u"committed by Test Committer <committer@example.invalid>; signed (ssh), verified "
             "by GitHub; pushed without a merged pull request"_s);
    const QJsonObject signature =
        direct.value(u"evidence").toObject().value(u"signature").toObject();
    QCOMPARE(signature.value(u"state").toString(), u"verified"_s);
    QCOMPARE(signature.value(u"format").toString(), u"ssh"_s);
    QCOMPARE(signature.value(u"checkedBy").toString(), u"GitHub"_s);
    QCOMPARE(signature.value(u"reason").toString(), u"valid"_s);
    // The token never shows.
    QVERIFY(!shown.contains(LocalForgeProcess::writeToken()));

    // The table a person reads says the same.
    const CommandResult table = test::runCommand(
        QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
        {u"audit"_s, u"--repo"_s, clone, u"--context"_s, u"admin"_s, u"--app"_s, u"web"_s,
         u"--timeout"_s, u"60"_s},
        {},
        {u"KUBECONFIG="_s + cluster.kubeconfig(), u"HOME="_s + dir.path(),
         u"GITHUB_TOKEN="_s + QString::fromLatin1(LocalForgeProcess::writeToken()), u"GH_TOKEN="_s},
        90000);
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(u"#1 approved by alice at "_s), qPrintable(table.out));
    QVERIFY2(table.out.contains(u"#2 merged by carol into main"_s), qPrintable(table.out));

    // Without a token the signature is not checked.
    QCOMPARE(commitEvent(audit(QString()), pushed).value(u"actorDetail").toString(),
             u"committed by Test Committer <committer@example.invalid>; signed (ssh), not "
             "checked"_s);

    // Without a token nothing is guessed, and the note says why.
    const QJsonObject unknown = audit(QString());
    QCOMPARE(commitEvent(unknown, approvedMerge).value(u"reviewed").toString(), u"unknown"_s);
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
