// Forge detection from a remote URL: host, port and project path, the forge and its API
// base, and the web and compare pages a user is sent to; the per-host entries of the
// settings and of gitops-console.yaml that decide it.
#include "forge/forgehost.h"
#include "forge/forgeremote.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops::forge;
using namespace Qt::StringLiterals;

class tst_ForgeRemote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsTheForge_data();
    void detectsTheForge();
    void rejectsWhatIsNoForge_data();
    void rejectsWhatIsNoForge();
    void probedForgeKeepsTheProjectPath();
    void unknownForgeSaysWhatToDo();
    void tokenInTheRemoteUrlIsDropped();
    void readsForgeEntries_data();
    void readsForgeEntries();
    void userSettingsComeFirst();
};

namespace {

// "host,type,api" -> one settings entry; "" -> none.
QList<ForgeHost> entries(const QString &spec)
{
    if (spec.isEmpty())
        return {};
    const QStringList parts = spec.split(u',');
    return {ForgeHost{parts.value(0), forgeTypeFromName(parts.value(1)), QUrl(parts.value(2))}};
}

} // namespace

void tst_ForgeRemote::detectsTheForge_data()
{
    QTest::addColumn<QString>("remote");
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("projectPath");
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("web");
    QTest::addColumn<QString>("compare"); // main <- gitops/demo/1a2b

    QTest::newRow("github.com ssh")
        << u"git@github.com:Acme/Deploy.git"_s << QString() << u"github"_s << u"github.com"_s << -1
        << u"Acme/Deploy"_s << u"https://api.github.com"_s << u"https://github.com/Acme/Deploy"_s
        << u"https://github.com/Acme/Deploy/compare/main...gitops/demo/1a2b?expand=1"_s;
    QTest::newRow("github.com https, user, upper-case host, trailing slash")
        << u"https://octocat@GitHub.com/Acme/Deploy/"_s << QString() << u"github"_s
        << u"github.com"_s << -1 << u"Acme/Deploy"_s << u"https://api.github.com"_s
        << u"https://github.com/Acme/Deploy"_s
        << u"https://github.com/Acme/Deploy/compare/main...gitops/demo/1a2b?expand=1"_s;
    QTest::newRow("github.com ssh over port 443")
        << u"ssh://git@ssh.github.com:443/Acme/Deploy.git"_s << QString() << u"github"_s
        << u"ssh.github.com"_s << 443 << u"Acme/Deploy"_s << u"https://api.github.com"_s
        << u"https://github.com/Acme/Deploy"_s
        << u"https://github.com/Acme/Deploy/compare/main...gitops/demo/1a2b?expand=1"_s;
    QTest::newRow("GitHub Enterprise, api defaults to /api/v3")
        << u"https://ghe.example.com/platform/deploy.git"_s << u"GHE.example.com,github,"_s
        << u"github"_s << u"ghe.example.com"_s << -1 << u"platform/deploy"_s
        << u"https://ghe.example.com/api/v3"_s << u"https://ghe.example.com/platform/deploy"_s
        << u"https://ghe.example.com/platform/deploy/compare/main...gitops/demo/1a2b?expand=1"_s;
    QTest::newRow("GitHub Enterprise over ssh")
        << u"git@ghe.example.com:platform/deploy.git"_s
        << u"ghe.example.com,github,https://ghe.example.com/api/v3"_s << u"github"_s
        << u"ghe.example.com"_s << -1 << u"platform/deploy"_s << u"https://ghe.example.com/api/v3"_s
        << u"https://ghe.example.com/platform/deploy"_s
        << u"https://ghe.example.com/platform/deploy/compare/main...gitops/demo/1a2b?expand=1"_s;
    QTest::newRow("gitlab.com group/sub/project")
        << u"git@gitlab.com:acme/platform/team/deploy.git"_s << QString() << u"gitlab"_s
        << u"gitlab.com"_s << -1 << u"acme/platform/team/deploy"_s << u"https://gitlab.com/api/v4"_s
        << u"https://gitlab.com/acme/platform/team/deploy"_s
        << u"https://gitlab.com/acme/platform/team/deploy/-/merge_requests/new"
           u"?merge_request[source_branch]=gitops%2Fdemo%2F1a2b"
           u"&merge_request[target_branch]=main"_s;
    QTest::newRow("host in upper case, path case kept")
        << u"git@GitLab.COM:Acme/Deploy.git"_s << QString() << u"gitlab"_s << u"gitlab.com"_s << -1
        << u"Acme/Deploy"_s << u"https://gitlab.com/api/v4"_s << u"https://gitlab.com/Acme/Deploy"_s
        << u"https://gitlab.com/Acme/Deploy/-/merge_requests/new"
           u"?merge_request[source_branch]=gitops%2Fdemo%2F1a2b"
           u"&merge_request[target_branch]=main"_s;
    QTest::newRow("self-hosted GitLab under /gitlab, https")
        << u"https://git.example.com/gitlab/infra/apps/deploy.git"_s
        << u"git.example.com,gitlab,https://git.example.com/gitlab/api/v4"_s << u"gitlab"_s
        << u"git.example.com"_s << -1 << u"infra/apps/deploy"_s
        << u"https://git.example.com/gitlab/api/v4"_s
        << u"https://git.example.com/gitlab/infra/apps/deploy"_s
        << u"https://git.example.com/gitlab/infra/apps/deploy/-/merge_requests/new"
           u"?merge_request[source_branch]=gitops%2Fdemo%2F1a2b"
           u"&merge_request[target_branch]=main"_s;
    QTest::newRow("self-hosted GitLab under /gitlab, ssh on port 2222")
        << u"ssh://git@git.example.com:2222/infra/apps/deploy.git"_s
        << u"git.example.com,gitlab,https://git.example.com/gitlab/api/v4"_s << u"gitlab"_s
        << u"git.example.com"_s << 2222 << u"infra/apps/deploy"_s
        << u"https://git.example.com/gitlab/api/v4"_s
        << u"https://git.example.com/gitlab/infra/apps/deploy"_s
        << u"https://git.example.com/gitlab/infra/apps/deploy/-/merge_requests/new"
           u"?merge_request[source_branch]=gitops%2Fdemo%2F1a2b"
           u"&merge_request[target_branch]=main"_s;
    QTest::newRow("Gitea under /git on port 3000")
        << u"http://example.org:3000/git/ops/deploy.git"_s
        << u"example.org,gitea,http://example.org:3000/git/api/v1/"_s << u"gitea"_s
        << u"example.org"_s << 3000 << u"ops/deploy"_s << u"http://example.org:3000/git/api/v1"_s
        << u"http://example.org:3000/git/ops/deploy"_s
        << u"http://example.org:3000/git/ops/deploy/compare/main...gitops/demo/1a2b"_s;
    QTest::newRow("Forgejo, settings name it, api at the root")
        << u"ssh://forgejo@code.example.net:2022/ops/deploy"_s << u"code.example.net,forgejo,"_s
        << u"gitea"_s << u"code.example.net"_s << 2022 << u"ops/deploy"_s
        << u"https://code.example.net/api/v1"_s << u"https://code.example.net/ops/deploy"_s
        << u"https://code.example.net/ops/deploy/compare/main...gitops/demo/1a2b"_s;
    QTest::newRow("codeberg.org")
        << u"git@codeberg.org:ops/Deploy.git"_s << QString() << u"gitea"_s << u"codeberg.org"_s
        << -1 << u"ops/Deploy"_s << u"https://codeberg.org/api/v1"_s
        << u"https://codeberg.org/ops/Deploy"_s
        << u"https://codeberg.org/ops/Deploy/compare/main...gitops/demo/1a2b"_s;
    QTest::newRow("bitbucket.org: no client, a compare page")
        << u"git@bitbucket.org:team/deploy.git"_s << QString() << u"bitbucket"_s
        << u"bitbucket.org"_s << -1 << u"team/deploy"_s << u"https://api.bitbucket.org/2.0"_s
        << u"https://bitbucket.org/team/deploy"_s
        << u"https://bitbucket.org/team/deploy/pull-requests/new"
           u"?source=gitops%2Fdemo%2F1a2b&dest=main"_s;
    QTest::newRow("unknown host over https: its page, no compare")
        << u"https://git.internal.example/ops/deploy.git"_s << QString() << u"unknown"_s
        << u"git.internal.example"_s << -1 << u"ops/deploy"_s << QString()
        << u"https://git.internal.example/ops/deploy"_s << QString();
    QTest::newRow("unknown host over ssh: nothing to link")
        << u"git@git.internal.example:ops/deploy.git"_s << QString() << u"unknown"_s
        << u"git.internal.example"_s << -1 << u"ops/deploy"_s << QString() << QString()
        << QString();
    QTest::newRow("settings for another host do not apply")
        << u"git@git.internal.example:ops/deploy.git"_s << u"git.example.com,gitlab,"_s
        << u"unknown"_s << u"git.internal.example"_s << -1 << u"ops/deploy"_s << QString()
        << QString() << QString();
}

void tst_ForgeRemote::detectsTheForge()
{
    QFETCH(QString, remote);
    QFETCH(QString, settings);

    const ForgeRemote forge = ForgeRemote::fromUrl(remote, entries(settings));
    QVERIFY2(forge.isValid(), qPrintable(forge.error()));
    QTEST(forgeTypeName(forge.type()), "type");
    QTEST(forge.host(), "host");
    QTEST(forge.port(), "port");
    QTEST(forge.projectPath(), "projectPath");
    QTEST(forge.apiBase().toString(), "api");
    QTEST(forge.webUrl().toString(), "web");
    QTEST(forge.compareUrl(u"main"_s, u"gitops/demo/1a2b"_s).toString(QUrl::FullyEncoded),
          "compare");
}

void tst_ForgeRemote::rejectsWhatIsNoForge_data()
{
    QTest::addColumn<QString>("remote");
    QTest::newRow("empty") << QString();
    QTest::newRow("absolute path") << u"/srv/git/deploy.git"_s;
    QTest::newRow("relative path") << u"../deploy"_s;
    QTest::newRow("file URL") << u"file:///srv/git/deploy.git"_s;
    QTest::newRow("no project, only an owner") << u"https://github.com/acme"_s;
    QTest::newRow("scp-like without a path") << u"git@github.com:"_s;
}

void tst_ForgeRemote::rejectsWhatIsNoForge()
{
    QFETCH(QString, remote);
    const ForgeRemote forge = ForgeRemote::fromUrl(remote);
    QVERIFY(!forge.isValid());
    QVERIFY(!forge.error().isEmpty());
    if (!remote.isEmpty())
        QVERIFY2(forge.error().contains(remote), qPrintable(forge.error()));
}

void tst_ForgeRemote::probedForgeKeepsTheProjectPath()
{
    // A probe found GitLab under /gitlab on a host the settings do not name.
    const ForgeRemote unknown =
        ForgeRemote::fromUrl(u"https://git.example.com/gitlab/infra/deploy.git"_s);
    QCOMPARE(unknown.type(), ForgeType::Unknown);
    QCOMPARE(unknown.projectPath(), u"gitlab/infra/deploy"_s);

    const ForgeRemote probed =
        unknown.withForge(ForgeType::GitLab, QUrl(u"https://git.example.com/gitlab/api/v4"_s));
    QCOMPARE(probed.projectPath(), u"infra/deploy"_s);
    QCOMPARE(probed.owner(), u"infra"_s);
    QCOMPARE(probed.name(), u"deploy"_s);
    QCOMPARE(probed.webUrl().toString(), u"https://git.example.com/gitlab/infra/deploy"_s);
}

void tst_ForgeRemote::unknownForgeSaysWhatToDo()
{
    const ForgeRemote forge = ForgeRemote::fromUrl(u"git@git.internal.example:ops/deploy"_s);
    const QString hint = forge.unknownForgeHint();
    QVERIFY2(hint.contains(u"git.internal.example"_s), qPrintable(hint));
    QVERIFY2(hint.contains(u"pushed"_s), qPrintable(hint));
    QVERIFY2(hint.contains(u"settings"_s), qPrintable(hint));
}

void tst_ForgeRemote::tokenInTheRemoteUrlIsDropped()
{
    const ForgeRemote remote =
        ForgeRemote::fromUrl(u"https://x-access-token:ghp_s3cret@github.com/Acme/Deploy.git"_s);
    QVERIFY(remote.isValid());
    QCOMPARE(remote.projectPath(), u"Acme/Deploy"_s);
    QCOMPARE(remote.remoteUrl(), u"https://x-access-token@github.com/Acme/Deploy.git"_s);

    const ForgeRemote broken = ForgeRemote::fromUrl(u"https://user:ghp_s3cret@github.com/acme"_s);
    QVERIFY(!broken.isValid());
    QVERIFY2(!broken.error().contains(u"s3cret"_s), qPrintable(broken.error()));
    QVERIFY2(broken.error().contains(u"github.com/acme"_s), qPrintable(broken.error()));
}

void tst_ForgeRemote::readsForgeEntries_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("read"); // "host type api;..." or "error at PATH: words"
    QTest::newRow("none") << QByteArray("null") << QString();
    QTest::newRow("two, forgejo is gitea, api optional")
        << QByteArray(R"([{"host":"git.example.com","type":"gitlab",)"
                      R"("api":"https://git.example.com/gitlab/api/v4"},)"
                      R"({"host":"code.example.org","type":"Forgejo"}])")
        << u"git.example.com gitlab https://git.example.com/gitlab/api/v4;code.example.org gitea "_s;
    QTest::newRow("not a list") << QByteArray(R"({"host":"x"})")
                                << u"error at /forges: expected a list of forges"_s;
    QTest::newRow("unknown type")
        << QByteArray(R"([{"host":"git.example.com","type":"gitlob"}])")
        << u"error at /forges/0/type: unknown forge type “gitlob” (github, gitlab, gitea, "
           u"forgejo or bitbucket)"_s;
    QTest::newRow("a URL where the host goes")
        << QByteArray(R"([{"host":"https://git.example.com","type":"gitea"}])")
        << u"error at /forges/0/host: a forge needs a host name, without scheme, port or path "
           u"(git.example.com)"_s;
    QTest::newRow("api not http")
        << QByteArray(R"([{"host":"git.example.com","type":"gitea","api":"ftp://x/api"}])")
        << u"error at /forges/0/api: “ftp://x/api” is no http or https URL"_s;
    QTest::newRow("a typo in a field")
        << QByteArray(R"([{"host":"git.example.com","type":"gitea","url":"https://x"}])")
        << u"error at /forges/0/url: unknown field “url” (host, type or api)"_s;
}

void tst_ForgeRemote::readsForgeEntries()
{
    QFETCH(QByteArray, json);
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]");
    const auto read = readForgeHosts(document.array().at(0), u"/forges"_s);
    QString text;
    if (const auto *error = std::get_if<ForgeHostsError>(&read)) {
        text = u"error at "_s + error->path + u": "_s + error->message.toString();
    } else {
        QStringList hosts;
        for (const ForgeHost &host : std::get<QList<ForgeHost>>(read))
            hosts << host.host + u' ' + forgeTypeName(host.type) + u' ' + host.api.toString();
        text = hosts.join(u';');
    }
    QTEST(text, "read");
}

void tst_ForgeRemote::userSettingsComeFirst()
{
    // The application's own settings, in a folder of the test's.
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    {
        QSettings settings;
        settings.beginWriteArray(u"forges"_s);
        settings.setArrayIndex(0);
        settings.setValue(u"host"_s, u"git.example.com"_s);
        settings.setValue(u"type"_s, u"gitea"_s);
        settings.setValue(u"api"_s, u"https://git.example.com/git/api/v1"_s);
        settings.setArrayIndex(1); // a broken entry is left out, not the others
        settings.setValue(u"host"_s, u"other.example.com"_s);
        settings.setValue(u"type"_s, u"svn"_s);
        settings.endArray();
    }
    QCOMPARE(userForgeHosts().size(), 1);

    // The user's entry wins over the repository's for the same host.
    const QList<ForgeHost> repository{ForgeHost{u"git.example.com"_s, ForgeType::GitLab, QUrl()},
                                      ForgeHost{u"code.example.org"_s, ForgeType::Gitea, QUrl()}};
    const QList<ForgeHost> hosts = configuredForgeHosts(repository);
    const ForgeRemote remote =
        ForgeRemote::fromUrl(u"https://git.example.com/git/ops/deploy.git"_s, hosts);
    QCOMPARE(remote.type(), ForgeType::Gitea);
    QCOMPARE(remote.apiBase().toString(), u"https://git.example.com/git/api/v1"_s);
    QCOMPARE(remote.projectPath(), u"ops/deploy"_s);
    // Hosts the user did not name keep the repository's word.
    QCOMPARE(ForgeRemote::fromUrl(u"https://code.example.org/ops/deploy.git"_s, hosts).type(),
             ForgeType::Gitea);
}

QTEST_GUILESS_MAIN(tst_ForgeRemote)

#include "tst_forgeremote.moc"
