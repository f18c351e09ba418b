// Forge tokens: the environment variables the forges' CLIs read, and the keychain, which
// must answer or give up in time on a box without one, and never write a token in clear.
#include "forge/tokenstore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops::forge;
using namespace Qt::StringLiterals;

class tst_TokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void environmentVariables_data();
    void environmentVariables();
    void noKeychainFallsBackToTheEnvironmentInTime_data();
    void noKeychainFallsBackToTheEnvironmentInTime();
    void storingWithoutKeychainSaysSoAndWritesNothing();
    void tokensAreNeverLogged();
    void forgeCliLogins_data();
    void forgeCliLogins();
};

void tst_TokenStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // A headless box: no session bus, so no Secret Service and no KWallet.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gitops-console-test-bus");
}

void tst_TokenStore::environmentVariables_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QString>("source");

    QTest::newRow("github.com: GH_TOKEN before GITHUB_TOKEN")
        << u"github"_s << u"github.com"_s << QStringList{u"GITHUB_TOKEN=b"_s, u"GH_TOKEN=a"_s}
        << u"GH_TOKEN"_s;
    QTest::newRow("github.com: GITHUB_TOKEN")
        << u"github"_s << u"github.com"_s << QStringList{u"GITHUB_TOKEN=b"_s} << u"GITHUB_TOKEN"_s;
    QTest::newRow("github.com ignores the enterprise token")
        << u"github"_s << u"github.com"_s
        << QStringList{u"GH_ENTERPRISE_TOKEN=e"_s, u"GITHUB_TOKEN=b"_s} << u"GITHUB_TOKEN"_s;
    QTest::newRow("GitHub Enterprise: its token first")
        << u"github"_s << u"ghe.example.com"_s
        << QStringList{u"GH_ENTERPRISE_TOKEN=e"_s, u"GITHUB_TOKEN=b"_s} << u"GH_ENTERPRISE_TOKEN"_s;
    QTest::newRow("gitlab") << u"gitlab"_s << u"gitlab.com"_s
                            << QStringList{u"GITHUB_TOKEN=b"_s, u"GITLAB_TOKEN=c"_s}
                            << u"GITLAB_TOKEN"_s;
    QTest::newRow("gitea") << u"gitea"_s << u"codeberg.org"_s << QStringList{u"GITEA_TOKEN=d"_s}
                           << u"GITEA_TOKEN"_s;
    QTest::newRow("another forge's variable does not count")
        << u"gitea"_s << u"codeberg.org"_s << QStringList{u"GITHUB_TOKEN=b"_s} << QString();
    QTest::newRow("empty value does not count")
        << u"gitlab"_s << u"gitlab.com"_s << QStringList{u"GITLAB_TOKEN= "_s} << QString();
}

void tst_TokenStore::environmentVariables()
{
    QFETCH(QString, type);
    QFETCH(QString, host);
    QFETCH(QStringList, variables);
    QFETCH(QString, source);

    QProcessEnvironment environment;
    for (const QString &variable : variables)
        environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
    const auto found = tokenFromEnvironment(forgeTypeFromName(type), host, environment);
    QCOMPARE(found ? found->first : QString(), source);
    if (found)
        QCOMPARE(found->second, environment.value(source).trimmed().toUtf8());
}

void tst_TokenStore::noKeychainFallsBackToTheEnvironmentInTime_data()
{
    QTest::addColumn<int>("timeoutMs");
    QTest::newRow("the keychain answers (no service)") << 5000;
    QTest::newRow("the keychain is given no time") << 1;
}

void tst_TokenStore::noKeychainFallsBackToTheEnvironmentInTime()
{
    QFETCH(int, timeoutMs);
    TokenStore store;
    store.setTimeout(timeoutMs);
    QProcessEnvironment environment;
    environment.insert(u"GITLAB_TOKEN"_s, u"glpat-from-environment"_s);
    store.setEnvironment(environment);

    std::optional<TokenLookup> result;
    QElapsedTimer clock;
    clock.start();
    store.lookup(u"gitlab.com"_s, ForgeType::GitLab, this,
                 [&result](const TokenLookup &lookup) { result = lookup; });
    QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs + 3000));
    QVERIFY2(clock.elapsed() < timeoutMs + 3000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(result->token, QByteArray("glpat-from-environment"));
    QCOMPARE(result->source, u"GITLAB_TOKEN"_s);
    // Why the keychain gave nothing is there to show.
    QVERIFY(!result->problem.isEmpty());
    QVERIFY2(result->problem.contains(u"keychain"_s), qPrintable(result->problem));
}

void tst_TokenStore::storingWithoutKeychainSaysSoAndWritesNothing()
{
    TokenStore store;
    store.setTimeout(3000);
    std::optional<QString> error;
    store.store(u"gitlab.com"_s, "glpat-never-in-clear", this,
                [&error](const QString &e) { error = e; });
    QVERIFY(QTest::qWaitFor([&error] { return error.has_value(); }, 6000));
    QVERIFY2(!error->isEmpty(), "stored without a keychain?");

    for (const auto location :
         {QStandardPaths::GenericConfigLocation, QStandardPaths::AppConfigLocation,
          QStandardPaths::AppDataLocation}) {
        QDirIterator files(QStandardPaths::writableLocation(location), QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains("glpat-never-in-clear"), qPrintable(file.fileName()));
        }
    }
}

namespace {
QStringList *capturedMessages = nullptr;
void capture(QtMsgType, const QMessageLogContext &, const QString &message)
{
    if (capturedMessages)
        capturedMessages->append(message);
}
} // namespace

void tst_TokenStore::tokensAreNeverLogged()
{
    QLoggingCategory::setFilterRules(u"gitops.forge.debug=true"_s);
    QStringList messages;
    capturedMessages = &messages;
    const QtMessageHandler previous = qInstallMessageHandler(capture);

    TokenStore store;
    QProcessEnvironment environment;
    environment.insert(u"GITEA_TOKEN"_s, u"gitea-secret-0123"_s);
    store.setEnvironment(environment);
    std::optional<TokenLookup> result;
    store.lookup(u"codeberg.org"_s, ForgeType::Gitea, this,
                 [&result](const TokenLookup &lookup) { result = lookup; });
    const bool answered = QTest::qWaitFor([&result] { return result.has_value(); }, 8000);

    qInstallMessageHandler(previous);
    capturedMessages = nullptr;
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(answered);
    QCOMPARE(result->token, QByteArray("gitea-secret-0123"));
    QVERIFY2(messages.join(u'\n').contains(u"GITEA_TOKEN"_s), qPrintable(messages.join(u'\n')));
    QVERIFY2(!messages.join(u'\n').contains(u"gitea-secret-0123"_s),
             qPrintable(messages.join(u'\n')));
}

void tst_TokenStore::forgeCliLogins_data()
{
    // Stand-ins for gh and glab (not installed here) that answer as they do: gh prints the
    // token on stdout, glab a status report with a "Token:" line on stderr.
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QStringList>("variables");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("problem");

    const QByteArray gh = "#!/bin/sh\n[ \"$*\" = \"auth token --hostname github.com\" ] || exit 1\n"
                          "echo gho_from_gh_login\n";
    QTest::newRow("gh auth token")
        << u"github"_s << u"gh"_s << gh << QStringList() << QByteArray("gho_from_gh_login")
        << u"gh auth token"_s << QString();
    QTest::newRow("the environment first")
        << u"github"_s << u"gh"_s << gh << QStringList{u"GH_TOKEN=from-env"_s}
        << QByteArray("from-env") << u"GH_TOKEN"_s << QString();
    QTest::newRow("gh not logged in")
        << u"github"_s << u"gh"_s
        << QByteArray("#!/bin/sh\necho 'no oauth token found for github.com' >&2\nexit 1\n")
        << QStringList() << QByteArray() << QString() << QString();
    QTest::newRow("glab auth status --show-token")
        << u"gitlab"_s << u"glab"_s
        << QByteArray(
               "#!/bin/sh\n[ \"$*\" = \"auth status --hostname gitlab.com --show-token\" ] || "
               "exit 1\necho 'gitlab.com' >&2\necho '  ✓ Logged in to gitlab.com as demo' >&2\n"
               "echo '  ✓ Token: glpat-from-glab' >&2\n")
        << QStringList() << QByteArray("glpat-from-glab") << u"glab auth status"_s << QString();
    QTest::newRow("gh that never answers")
        << u"github"_s << u"gh"_s << QByteArray("#!/bin/sh\nexec sleep 30\n") << QStringList()
        << QByteArray() << QString() << u"gh auth token did not answer"_s;
}

void tst_TokenStore::forgeCliLogins()
{
    QFETCH(QString, type);
    QFETCH(QString, program);
    QFETCH(QByteArray, script);
    QFETCH(QStringList, variables);
    QFETCH(QByteArray, token);
    QFETCH(QString, source);
    QFETCH(QString, problem);

    QTemporaryDir bin;
    QFile executable(bin.filePath(program));
    QVERIFY(executable.open(QIODevice::WriteOnly));
    executable.write(script);
    executable.close();
    executable.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, bin.path() + u":/usr/bin:/bin"_s);
    for (const QString &variable : variables)
        environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
    TokenStore store;
    store.setTimeout(1000);
    store.setEnvironment(environment);

    std::optional<TokenLookup> result;
    QElapsedTimer clock;
    clock.start();
    const QString host = type == u"github" ? u"github.com"_s : u"gitlab.com"_s;
    store.lookup(host, forgeTypeFromName(type), this,
                 [&result](const TokenLookup &lookup) { result = lookup; });
    QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, 6000));
    QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(result->token, token);
    QCOMPARE(result->source, source);
    if (!problem.isEmpty())
        QVERIFY2(result->problem.contains(problem), qPrintable(result->problem));
}

QTEST_GUILESS_MAIN(tst_TokenStore)
#include "tst_tokenstore.moc"
