#include "checkoutfingerprint.h"
#include "gitfixture.h"
#include "sshagent.h"
#include "sshserver.h"

#include "git/commitbuilder.h"
#include "git/knownhosts.h"
#include "git/remote.h"
#include "git/repository.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using gitops::test::runGit;

namespace {

std::unique_ptr<git::Repository> openRepository(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened))
        qFatal("open: %s", qPrintable(*message));
    return std::move(std::get<std::unique_ptr<git::Repository>>(opened));
}

template<typename T>
QString failure(const std::variant<T, git::RemoteError> &outcome)
{
    const auto *error = std::get_if<git::RemoteError>(&outcome);
    return error ? error->message : QString();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(content);
}

} // namespace

/// Git over ssh:// to a real sshd on 127.0.0.1, keys from a real ssh-agent or key files,
/// host keys checked against a known_hosts file.
class tst_RemoteSsh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void pushesWithTheAgentsKey_data();
    void pushesWithTheAgentsKey();
    void refusesAnUnknownHostUntilTrusted();
    void refusesAChangedHostKey();
    void trustsExactlyTheFingerprintGiven();
    void trustingKeepsAHashedFileHashed();
    void proposeTrustsOnlyTheHostNamedOnTheCommandLine();
    void fallsBackToKeyFiles();
    void saysWhenNoKeyIsAccepted();
    void namesAKeyThatNeedsAPassphrase();

private:
    QString push(const QString &branch, git::RemoteError *error = nullptr);

    QTemporaryDir m_home;
    QTemporaryDir m_dir;
    std::unique_ptr<test::SshServer> m_server;
    std::unique_ptr<test::SshAgent> m_agent;
    QString m_clientKey;
    QString m_otherKey;
    QString m_bare;
    QString m_clone;
    QString m_knownHosts;
    QString m_hostFingerprint;
    QStringList m_checkoutBefore; ///< the clone's checkout as init() left it
};

void tst_RemoteSsh::initTestCase()
{
    qputenv("HOME", QFile::encodeName(m_home.path()));
    m_clientKey = m_dir.filePath(QStringLiteral("client_ed25519"));
    m_otherKey = m_dir.filePath(QStringLiteral("other_ed25519"));
    m_server = std::make_unique<test::SshServer>(m_dir.path());
    for (const QString &key : {m_clientKey, m_otherKey})
        if (m_server
                ->run(QStringLiteral("ssh-keygen"),
                      {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                       QStringLiteral("-N"), QString(), QStringLiteral("-f"), key})
                .isNull()
            && !m_server->error().isEmpty())
            QSKIP(qPrintable(m_server->error()));
    if (!m_server->start(m_clientKey + QStringLiteral(".pub")))
        QSKIP(qPrintable(m_server->error()));
    m_hostFingerprint =
        m_server
            ->run(QStringLiteral("ssh-keygen"),
                  {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                   QStringLiteral("-f"), m_server->hostPublicKeyFile()})
            .section(QLatin1Char(' '), 1, 1);
    QVERIFY(m_hostFingerprint.startsWith(QLatin1String("SHA256:")));
}

void tst_RemoteSsh::cleanupTestCase()
{
    m_agent.reset();
    m_server.reset();
}

void tst_RemoteSsh::init()
{
    static int round = 0;
    const QDir dir(m_dir.path());
    const QString name = QStringLiteral("round%1").arg(++round);
    m_bare = dir.filePath(name + QStringLiteral("/remote.git"));
    m_clone = dir.filePath(name + QStringLiteral("/clone"));
    QDir().mkpath(m_bare);
    runGit(m_bare,
           {QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"),
            QStringLiteral("-b"), QStringLiteral("main")});
    test::makeRepository(m_clone, QStringLiteral("deploy.yaml"));
    runGit(m_clone, {QStringLiteral("push"), QStringLiteral("-q"), m_bare, QStringLiteral("main")});
    runGit(m_clone,
           {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"),
            m_server->url(m_bare)});
    m_knownHosts = dir.filePath(name + QStringLiteral("/known_hosts"));
    writeFile(m_knownHosts, m_server->knownHostsLine().toUtf8() + '\n');

    m_agent = std::make_unique<test::SshAgent>(dir.filePath(name));
    QVERIFY2(m_agent->start(), qPrintable(m_agent->error()));
    QVERIFY2(m_agent->add(m_clientKey), qPrintable(m_agent->error()));
    qputenv("SSH_AUTH_SOCK", QFile::encodeName(m_agent->socket()));

    // The user's work in progress; cleanup() checks that no slot touched the checkout.
    writeFile(QDir(m_clone).filePath(QStringLiteral("deploy.yaml")), "uncommitted\n");
    writeFile(QDir(m_clone).filePath(QStringLiteral("notes.txt")), "untracked\n");
    m_checkoutBefore = test::checkoutFingerprint(m_clone);
}

void tst_RemoteSsh::cleanup()
{
    QCOMPARE(test::checkoutFingerprint(m_clone), m_checkoutBefore);
    git::KnownHosts::setAcceptedFingerprint(QString());
    qunsetenv("SSH_AUTH_SOCK");
    m_agent.reset();
    QDir(m_home.filePath(QStringLiteral(".ssh"))).removeRecursively();
}

QString tst_RemoteSsh::push(const QString &branch, git::RemoteError *error)
{
    auto repository = openRepository(m_clone);
    git::CommitRequest request;
    request.base = QStringLiteral("main");
    request.branch = branch;
    request.subject = QStringLiteral("change on ") + branch;
    request.author = git::Identity{QStringLiteral("Op"), QStringLiteral("op@example.invalid"), {}};
    request.committer = request.author;
    request.edits = {git::FileEdit::write(QStringLiteral("replicas.yaml"), branch.toUtf8())};
    const auto committed = git::CommitBuilder(*repository).commit(request);
    if (!std::holds_alternative<git::CommitResult>(committed))
        return {};
    git::Remote origin(*repository, QStringLiteral("origin"));
    origin.setKnownHostsFile(m_knownHosts);
    const auto pushed = origin.push(branch, QStringLiteral("main"));
    if (const auto *problem = std::get_if<git::RemoteError>(&pushed)) {
        if (error)
            *error = *problem;
        return {};
    }
    if (!std::get<git::PushResult>(pushed).succeeded())
        return {};
    return std::get<git::CommitResult>(committed).commitId;
}

void tst_RemoteSsh::pushesWithTheAgentsKey_data()
{
    QTest::addColumn<bool>("hashed");
    QTest::newRow("plain known_hosts") << false;
    QTest::newRow("hashed known_hosts") << true;
}

void tst_RemoteSsh::pushesWithTheAgentsKey()
{
    QFETCH(bool, hashed);
    if (hashed) {
        m_server->run(
            QStringLiteral("ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-H"), QStringLiteral("-f"), m_knownHosts});
        QFile in(m_knownHosts);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QVERIFY(in.readAll().startsWith("|1|"));
    }
    git::RemoteError error;
    const QString commit = push(QStringLiteral("gitops/over-ssh"), &error);
    QVERIFY2(!commit.isEmpty(), qPrintable(error.message));
    QCOMPARE(runGit(m_bare, {QStringLiteral("rev-parse"), QStringLiteral("gitops/over-ssh")}),
             commit);
    QCOMPARE(runGit(m_bare, {QStringLiteral("fsck"), QStringLiteral("--no-progress")}), QString());

    auto repository = openRepository(m_clone);
    git::Remote origin(*repository, QStringLiteral("origin"));
    origin.setKnownHostsFile(m_knownHosts);
    const auto fetched = origin.fetch(QStringLiteral("gitops/over-ssh"));
    QVERIFY2(std::holds_alternative<git::FetchResult>(fetched), qPrintable(failure(fetched)));
    QCOMPARE(std::get<git::FetchResult>(fetched).commitId, commit);
}

void tst_RemoteSsh::refusesAnUnknownHostUntilTrusted()
{
    writeFile(m_knownHosts, "# nothing known yet\n");
    git::RemoteError error;
    QVERIFY(push(QStringLiteral("gitops/unknown"), &error).isEmpty());
    QVERIFY(error.hostKey);
    QVERIFY(!error.hostKey->changed);
    QCOMPARE(error.hostKey->fingerprint, m_hostFingerprint);
    QCOMPARE(error.message,
             QStringLiteral("pushing gitops/unknown to origin (%1): the host [127.0.0.1]:%2 is not "
                            "known (ssh-ed25519 key %3); if that is the server's fingerprint, "
                            "trust this host (in the window, or with --trust-host %3 on the "
                            "command line)")
                 .arg(m_server->url(m_bare))
                 .arg(m_server->port())
                 .arg(m_hostFingerprint));
    QCOMPARE(runGit(m_bare,
                    {QStringLiteral("branch"), QStringLiteral("--list"),
                     QStringLiteral("gitops/unknown")}),
             QString());

    // "Trust this host" appends it; the next push goes through, and real ssh agrees.
    QCOMPARE(git::KnownHosts(m_knownHosts).trust(*error.hostKey), QString());
    auto repository = openRepository(m_clone);
    git::Remote origin(*repository, QStringLiteral("origin"));
    origin.setKnownHostsFile(m_knownHosts);
    const auto pushed = origin.push(QStringLiteral("gitops/unknown"), QStringLiteral("main"));
    QVERIFY2(std::holds_alternative<git::PushResult>(pushed), qPrintable(failure(pushed)));
    QVERIFY(std::get<git::PushResult>(pushed).succeeded());
    QVERIFY(
        !m_server
             ->run(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_server->port()),
                    QStringLiteral("-f"), m_knownHosts})
             .isEmpty());
}

void tst_RemoteSsh::refusesAChangedHostKey()
{
    // known_hosts names another ed25519 key for this host and port.
    QFile other(m_otherKey + QStringLiteral(".pub"));
    QVERIFY(other.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = other.readAll().trimmed().split(' ');
    writeFile(m_knownHosts,
              QStringLiteral("[127.0.0.1]:%1 ").arg(m_server->port()).toUtf8() + fields.value(0)
                  + ' ' + fields.value(1) + '\n');
    const QByteArray before = [&] {
        QFile in(m_knownHosts);
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }();

    git::RemoteError error;
    QVERIFY(push(QStringLiteral("gitops/changed"), &error).isEmpty());
    QVERIFY(error.hostKey);
    QVERIFY(error.hostKey->changed);
    QCOMPARE(error.message,
             QStringLiteral("pushing gitops/changed to origin (%1): the host key of "
                            "[127.0.0.1]:%2 has CHANGED (it is now ssh-ed25519 %3). Someone may be "
                            "intercepting the connection; if the server's key really changed, "
                            "remove its old line from %4 and connect again")
                 .arg(m_server->url(m_bare))
                 .arg(m_server->port())
                 .arg(m_hostFingerprint, m_knownHosts));
    // Trusting a changed key is refused; the file stays as it was.
    QVERIFY(!git::KnownHosts(m_knownHosts).trust(*error.hostKey).isEmpty());
    QFile after(m_knownHosts);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
    QCOMPARE(runGit(m_bare,
                    {QStringLiteral("branch"), QStringLiteral("--list"),
                     QStringLiteral("gitops/changed")}),
             QString());
}

void tst_RemoteSsh::trustsExactlyTheFingerprintGiven()
{
    writeFile(m_knownHosts, "# nothing known yet\n");
    // Another fingerprint than the server's: refused, and nothing is written.
    git::KnownHosts::setAcceptedFingerprint(
        QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    git::RemoteError error;
    QVERIFY(push(QStringLiteral("gitops/wrong-fingerprint"), &error).isEmpty());
    QVERIFY(error.hostKey);
    QCOMPARE(error.hostKey->fingerprint, m_hostFingerprint);
    QFile in(m_knownHosts);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QCOMPARE(in.readAll(), QByteArray("# nothing known yet\n"));
    in.close();

    // The server's own: trusted on first sight, appended, and the push goes through.
    git::KnownHosts::setAcceptedFingerprint(m_hostFingerprint);
    const QString commit = push(QStringLiteral("gitops/right-fingerprint"), &error);
    QVERIFY2(!commit.isEmpty(), qPrintable(error.message));
    QCOMPARE(
        runGit(m_bare, {QStringLiteral("rev-parse"), QStringLiteral("gitops/right-fingerprint")}),
        commit);
    QVERIFY(
        !m_server
             ->run(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_server->port()),
                    QStringLiteral("-f"), m_knownHosts})
             .isEmpty());

    // A changed key stays refused, whatever fingerprint was given.
    QFile other(m_otherKey + QStringLiteral(".pub"));
    QVERIFY(other.open(QIODevice::ReadOnly));
    const QList<QByteArray> fields = other.readAll().trimmed().split(' ');
    writeFile(m_knownHosts,
              QStringLiteral("[127.0.0.1]:%1 ").arg(m_server->port()).toUtf8() + fields.value(0)
                  + ' ' + fields.value(1) + '\n');
    QVERIFY(push(QStringLiteral("gitops/changed-anyway"), &error).isEmpty());
    QVERIFY(error.hostKey && error.hostKey->changed);
}

void tst_RemoteSsh::trustingKeepsAHashedFileHashed()
{
    writeFile(m_knownHosts, "other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyOnly\n");
    m_server->run(QStringLiteral("ssh-keygen"),
                  {QStringLiteral("-q"), QStringLiteral("-H"), QStringLiteral("-f"), m_knownHosts});
    git::RemoteError error;
    QVERIFY(push(QStringLiteral("gitops/hashed"), &error).isEmpty());
    QVERIFY(error.hostKey);
    QCOMPARE(git::KnownHosts(m_knownHosts).trust(*error.hostKey), QString());
    QFile in(m_knownHosts);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.last().startsWith("|1|"), lines.last().constData());
    // ssh itself finds the hashed line.
    QVERIFY(
        !m_server
             ->run(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_server->port()),
                    QStringLiteral("-f"), m_knownHosts})
             .isEmpty());
    QVERIFY2(!push(QStringLiteral("gitops/hashed-again"), &error).isEmpty(),
             qPrintable(error.message));
}

void tst_RemoteSsh::proposeTrustsOnlyTheHostNamedOnTheCommandLine()
{
    // An app folder on main, then the user's uncommitted edit of it for `propose`.
    QDir(m_clone).mkpath(QStringLiteral("apps/web"));
    const QString manifest = QDir(m_clone).filePath(QStringLiteral("apps/web/web.yaml"));
    writeFile(manifest,
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {replicas: '2'}\n");
    runGit(m_clone, {QStringLiteral("add"), QStringLiteral("apps")});
    runGit(m_clone,
           {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
            QStringLiteral("web")});
    runGit(m_clone,
           {QStringLiteral("push"), QStringLiteral("-q"), m_bare, QStringLiteral("HEAD:main")});
    writeFile(manifest,
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {replicas: '3'}\n");
    m_checkoutBefore = test::checkoutFingerprint(m_clone);
    const QString knownHosts = m_home.filePath(QStringLiteral(".ssh/known_hosts"));

    const auto propose = [&](const QStringList &extra, QString *err) {
        QProcess console;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
        for (const char *name : {"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"})
            environment.insert(QLatin1String(name), QStringLiteral("Op"));
        for (const char *name : {"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"})
            environment.insert(QLatin1String(name), QStringLiteral("op@example.invalid"));
        console.setProcessEnvironment(environment);
        console.start(QStringLiteral(GITOPS_CONSOLE_EXECUTABLE),
                      QStringList{QStringLiteral("propose"), QStringLiteral("--repo"), m_clone,
                                  QStringLiteral("--app"), QStringLiteral("apps/web"),
                                  QStringLiteral("--title"), QStringLiteral("web: 3"),
                                  QStringLiteral("--no-pr")}
                          + extra);
        if (!console.waitForFinished(60000))
            console.kill();
        *err = QString::fromUtf8(console.readAllStandardError());
        return console.exitStatus() == QProcess::NormalExit ? console.exitCode() : -1;
    };

    QString err;
    QCOMPARE(propose({}, &err), 2);
    QVERIFY2(err.contains(
                 QStringLiteral("with --trust-host %1 on the command line").arg(m_hostFingerprint)),
             qPrintable(err));
    QVERIFY(!QFile::exists(knownHosts));

    QCOMPARE(propose({QStringLiteral("--trust-host"),
                      QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")},
                     &err),
             2);
    QVERIFY2(err.contains(m_hostFingerprint), qPrintable(err));
    QVERIFY(!QFile::exists(knownHosts));
    QCOMPARE(
        runGit(m_bare,
               {QStringLiteral("branch"), QStringLiteral("--list"), QStringLiteral("gitops/*")}),
        QString());

    const int trusted = propose({QStringLiteral("--trust-host"), m_hostFingerprint}, &err);
    QVERIFY2(trusted == 0, qPrintable(QStringLiteral("exit %1: %2").arg(trusted).arg(err)));
    const QString branch =
        runGit(m_bare,
               {QStringLiteral("for-each-ref"), QStringLiteral("--format=%(refname:short)"),
                QStringLiteral("refs/heads/gitops/")});
    QVERIFY2(!branch.isEmpty(), qPrintable(err));
    QCOMPARE(
        runGit(m_bare, {QStringLiteral("show"), branch + QStringLiteral(":apps/web/web.yaml")}),
        QStringLiteral(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {replicas: '3'}"));
    QVERIFY(
        !m_server
             ->run(QStringLiteral("ssh-keygen"),
                   {QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_server->port()),
                    QStringLiteral("-f"), knownHosts})
             .isEmpty());
}

void tst_RemoteSsh::fallsBackToKeyFiles()
{
    qunsetenv("SSH_AUTH_SOCK");
    const QDir ssh(m_home.filePath(QStringLiteral(".ssh")));
    QVERIFY(QDir().mkpath(ssh.path()));
    QVERIFY(QFile::copy(m_clientKey, ssh.filePath(QStringLiteral("id_ed25519"))));
    QVERIFY(QFile::copy(m_clientKey + QStringLiteral(".pub"),
                        ssh.filePath(QStringLiteral("id_ed25519.pub"))));
    git::RemoteError error;
    QVERIFY2(!push(QStringLiteral("gitops/key-file"), &error).isEmpty(), qPrintable(error.message));
}

void tst_RemoteSsh::saysWhenNoKeyIsAccepted()
{
    qunsetenv("SSH_AUTH_SOCK");
    git::RemoteError error;
    QVERIFY(push(QStringLiteral("gitops/no-key"), &error).isEmpty());
    QCOMPARE(error.message,
             QStringLiteral("pushing gitops/no-key to origin (%1): no ssh key to offer %1: start "
                            "ssh-agent and ssh-add your key, or create ~/.ssh/id_ed25519")
                 .arg(m_server->url(m_bare)));

    // An agent whose only key the server does not know.
    test::SshAgent stranger(m_dir.filePath(QStringLiteral("stranger")));
    QDir().mkpath(m_dir.filePath(QStringLiteral("stranger")));
    QVERIFY2(stranger.start(), qPrintable(stranger.error()));
    QVERIFY2(stranger.add(m_otherKey), qPrintable(stranger.error()));
    qputenv("SSH_AUTH_SOCK", QFile::encodeName(stranger.socket()));
    QVERIFY(push(QStringLiteral("gitops/wrong-key"), &error).isEmpty());
    QCOMPARE(error.message,
             QStringLiteral("pushing gitops/wrong-key to origin (%1): the server refused every ssh "
                            "key offered (the agent's keys and 0 key files) for user %2; add your "
                            "public key to the account, or ssh-add the right key")
                 .arg(m_server->url(m_bare), m_server->user()));
    qunsetenv("SSH_AUTH_SOCK");
}

void tst_RemoteSsh::namesAKeyThatNeedsAPassphrase()
{
    qunsetenv("SSH_AUTH_SOCK");
    const QDir ssh(m_home.filePath(QStringLiteral(".ssh")));
    QVERIFY(QDir().mkpath(ssh.path()));
    const QString key = ssh.filePath(QStringLiteral("id_ed25519"));
    QVERIFY(QFile::copy(m_clientKey, key));
    QVERIFY(QFile::copy(m_clientKey + QStringLiteral(".pub"), key + QStringLiteral(".pub")));
    QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_server->run(QStringLiteral("ssh-keygen"),
                  {QStringLiteral("-q"), QStringLiteral("-p"), QStringLiteral("-P"), QString(),
                   QStringLiteral("-N"), QStringLiteral("a passphrase"), QStringLiteral("-f"),
                   key});
    git::RemoteError error;
    QVERIFY(push(QStringLiteral("gitops/passphrase"), &error).isEmpty());
    QCOMPARE(error.message,
             QStringLiteral("pushing gitops/passphrase to origin (%1): ~/.ssh/id_ed25519 needs a "
                            "passphrase, which is not asked for here: add it to your ssh-agent "
                            "(ssh-add ~/.ssh/id_ed25519) and try again")
                 .arg(m_server->url(m_bare)));
}

QTEST_GUILESS_MAIN(tst_RemoteSsh)
#include "tst_remotessh.moc"
