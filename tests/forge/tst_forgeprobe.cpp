// Finding the forge of a host nobody named: what each forge answers without a token,
// against the local forge of each flavor, remembered per host for the process.
#include "localforgeprocess.h"

#include "forge/forgeprobe.h"

#include <QTcpServer>
#include <QTest>

using namespace gitops::forge;
using namespace gitops::test;
using namespace Qt::StringLiterals;

class tst_ForgeProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void candidateRoots_data();
    void candidateRoots();
    void identifies_data();
    void identifies();
    void findsTheLocalForge_data();
    void findsTheLocalForge();
    void nothingAnsweringSaysSo();

private:
    std::pair<ForgeRemote, QString> probe(ForgeProbe &prober, const ForgeRemote &remote);
};

std::pair<ForgeRemote, QString> tst_ForgeProbe::probe(ForgeProbe &prober, const ForgeRemote &remote)
{
    std::optional<std::pair<ForgeRemote, QString>> result;
    prober.probe(remote, this, [&result](const ForgeRemote &found, const QString &problem) {
        result = std::make_pair(found, problem);
    });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
        qWarning("no answer within 30 s");
    return result.value_or(std::make_pair(ForgeRemote(), u"timed out"_s));
}

void tst_ForgeProbe::candidateRoots_data()
{
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QStringList>("roots");
    QTest::newRow("https owner/repo")
        << u"https://git.example.com/ops/deploy.git"_s << QStringList{QString()};
    QTest::newRow("https under a sub-path or in a group")
        << u"https://git.example.com/gitlab/infra/deploy.git"_s
        << QStringList{QString(), u"/gitlab"_s};
    QTest::newRow("ssh: never a sub-path")
        << u"git@git.example.com:infra/apps/deploy.git"_s << QStringList{QString()};
}

void tst_ForgeProbe::candidateRoots()
{
    QFETCH(QString, remote);
    QTEST(ForgeProbe::candidateRoots(ForgeRemote::fromUrl(remote)), "roots");
}

void tst_ForgeProbe::identifies_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::newRow("GitHub Enterprise meta")
        << u"/api/v3/meta"_s << 200
        << QByteArray(
               R"({"verifiable_password_authentication":false,"installed_version":"3.18.0"})")
        << u"github"_s;
    QTest::newRow("GitLab version")
        << u"/api/v4/version"_s << 200 << QByteArray(R"({"version":"17.9.0-ee","revision":"abc"})")
        << u"gitlab"_s;
    QTest::newRow("GitLab without a token")
        << u"/api/v4/version"_s << 401 << QByteArray(R"({"message":"401 Unauthorized"})")
        << u"gitlab"_s;
    QTest::newRow("Gitea version")
        << u"/api/v1/version"_s << 200 << QByteArray(R"({"version":"1.24.0"})") << u"gitea"_s;
    QTest::newRow("a web page at the same path")
        << u"/api/v1/version"_s << 200 << QByteArray("<html>hello</html>") << u"unknown"_s;
    QTest::newRow("some other 401")
        << u"/api/v4/version"_s << 401 << QByteArray(R"({"error":"unauthorized"})") << u"unknown"_s;
    QTest::newRow("not found") << u"/api/v3/meta"_s << 404 << QByteArray() << u"unknown"_s;
}

void tst_ForgeProbe::identifies()
{
    QFETCH(QString, endpoint);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QTEST(forgeTypeName(ForgeProbe::identify(endpoint, status, body)), "type");
}

void tst_ForgeProbe::findsTheLocalForge_data()
{
    QTest::addColumn<QString>("flavor");
    QTest::newRow("github") << u"github"_s;
    QTest::newRow("gitlab") << u"gitlab"_s;
    QTest::newRow("gitea") << u"gitea"_s;
}

void tst_ForgeProbe::findsTheLocalForge()
{
    QFETCH(QString, flavor);
    LocalForgeProcess forge(flavor);
    QString error;
    QVERIFY2(forge.start(QStringLiteral(LOCAL_FORGE), {}, &error), qPrintable(error));

    ForgeProbe prober;
    const ForgeRemote unknown = ForgeRemote::fromUrl(forge.remoteUrl());
    QCOMPARE(unknown.type(), ForgeType::Unknown);
    const auto [found, problem] = probe(prober, unknown);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(forgeTypeName(found.type()), flavor);
    QCOMPARE(found.apiBase().toString(), forge.apiBase());
    QCOMPARE(found.projectPath(), forge.project());

    // Remembered for the process: asked again by another connection's probe with the
    // forge gone, the answer stands.
    forge.stop();
    ForgeProbe another;
    const auto [again, noProblem] = probe(another, unknown);
    QVERIFY2(noProblem.isEmpty(), qPrintable(noProblem));
    QCOMPARE(again.type(), found.type());
}

void tst_ForgeProbe::nothingAnsweringSaysSo()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();

    ForgeProbe prober;
    prober.setTimeout(5000);
    const auto [remote, problem] =
        probe(prober, ForgeRemote::fromUrl(u"http://127.0.0.1:%1/ops/deploy.git"_s.arg(port)));
    QCOMPARE(remote.type(), ForgeType::Unknown);
    QVERIFY2(problem.contains(u"no GitHub, GitLab or Gitea answered"_s), qPrintable(problem));
    QVERIFY2(problem.contains(u"pushed"_s), qPrintable(problem));
}

QTEST_GUILESS_MAIN(tst_ForgeProbe)
#include "tst_forgeprobe.moc"
