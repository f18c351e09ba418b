// Kubeconfig by kubectl's rules: parsing, merging several files, relative paths, every
// auth method kubectl knows, and malformed files that must give an error naming the file
// and key (never a crash).
#include "kube/clusteraccess.h"
#include "kube/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops::kube;
using namespace Qt::StringLiterals;

class tst_KubeConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesWhatKubectlReads();
    void relativePathsResolveAgainstTheFilesFolder();
    void malformedFilesGiveAnErrorNamingFileAndKey_data();
    void malformedFilesGiveAnErrorNamingFileAndKey();
    void mergeKeepsTheFirstFileToSetAKey();
    void defaultFilesFollowKubeconfigVariable_data();
    void defaultFilesFollowKubeconfigVariable();
    void loadSkipsMissingFilesButNotBrokenOnes();
    void fromEnvironmentReadsTheKubeconfigVariable();
    void resolveContext_data();
    void resolveContext();
    void clientKeysRsaAndEc_data();
    void clientKeysRsaAndEc();
};

namespace {

const QByteArray basic = R"(apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster:
    server: https://prod.example.com:6443
    tls-server-name: api.internal
    proxy-url: http://proxy.example.com:3128
- name: lab
  cluster:
    server: https://10.0.0.1
    insecure-skip-tls-verify: true
users:
- name: alice
  user:
    token: s3cret
- name: bob
  user:
    username: bob
    password: hunter2
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, prod]
      env:
      - name: AWS_PROFILE
        value: prod
      installHint: Install the AWS CLI
      provideClusterInfo: true
contexts:
- name: prod
  context: {cluster: prod, user: alice, namespace: shop}
- name: lab
  context: {cluster: lab, user: bob}
- name: eks
  context: {cluster: prod, user: eks}
)";

QString writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(data);
    return path;
}

} // namespace

void tst_KubeConfig::parsesWhatKubectlReads()
{
    QString error;
    const KubeConfig config =
        KubeConfig::parse(basic, QStringLiteral("/home/u/.kube/config"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.currentContext, QStringLiteral("prod"));
    QCOMPARE(config.contextNames(), (QStringList{u"prod"_s, u"lab"_s, u"eks"_s}));
    QCOMPARE(config.context(u"prod"_s)->namespaceName, u"shop"_s);
    const ClusterEntry *prod = config.cluster(u"prod"_s);
    QVERIFY(prod);
    QCOMPARE(prod->server, u"https://prod.example.com:6443"_s);
    QCOMPARE(prod->tlsServerName, u"api.internal"_s);
    QCOMPARE(prod->proxyUrl, u"http://proxy.example.com:3128"_s);
    QVERIFY(config.cluster(u"lab"_s)->insecureSkipTlsVerify);
    QCOMPARE(config.user(u"alice"_s)->token, u"s3cret"_s);
    QCOMPARE(config.user(u"bob"_s)->password, u"hunter2"_s);
    const UserEntry *eks = config.user(u"eks"_s);
    QVERIFY(eks && eks->exec);
    QCOMPARE(eks->exec->command, u"aws"_s); // a bare name stays a PATH lookup
    QCOMPARE(eks->exec->args.size(), 4);
    QCOMPARE(eks->exec->env.value(0).second, u"prod"_s);
    QCOMPARE(eks->exec->installHint, u"Install the AWS CLI"_s);
    QVERIFY(eks->exec->provideClusterInfo);
    QCOMPARE(eks->exec->interactiveMode, u"IfAvailable"_s);
}

void tst_KubeConfig::relativePathsResolveAgainstTheFilesFolder()
{
    const QByteArray yaml = R"(
clusters:
- name: c
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: certs/ca.crt
users:
- name: u
  user:
    client-certificate: ../pki/me.crt
    client-key: /abs/me.key
    tokenFile: token
- name: x
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: Never
      command: ./bin/plugin
contexts:
- name: c
  context: {cluster: c, user: u}
)";
    QString error;
    const KubeConfig config =
        KubeConfig::parse(yaml, QStringLiteral("/etc/kube/conf.d/a.yaml"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.cluster(u"c"_s)->certificateAuthority, u"/etc/kube/conf.d/certs/ca.crt"_s);
    QCOMPARE(config.user(u"u"_s)->clientCertificate, u"/etc/kube/pki/me.crt"_s);
    QCOMPARE(config.user(u"u"_s)->clientKey, u"/abs/me.key"_s);
    QCOMPARE(config.user(u"u"_s)->tokenFile, u"/etc/kube/conf.d/token"_s);
    QCOMPARE(config.user(u"x"_s)->exec->command, u"/etc/kube/conf.d/bin/plugin"_s);
}

void tst_KubeConfig::malformedFilesGiveAnErrorNamingFileAndKey_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected"); // the error must contain this

    QTest::newRow("not yaml") << QByteArray("clusters: [a, b\nusers: {") << u"not valid YAML"_s;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe{{{]]]", 9) << u"cfg.yaml"_s;
    QTest::newRow("a list at the top") << QByteArray("- a\n- b\n") << u"expected a mapping"_s;
    QTest::newRow("not a kubeconfig") << QByteArray("kind: Pod\n") << u"kind"_s;
    QTest::newRow("clusters not a list")
        << QByteArray("clusters: {a: 1}\n") << u"clusters: expected a list"_s;
    QTest::newRow("entry without name") << QByteArray("clusters:\n- cluster: {server: https://x}\n")
                                        << u"clusters[0].name: missing"_s;
    QTest::newRow("entry not a mapping") << QByteArray("users:\n- alice\n") << u"users[0]"_s;
    QTest::newRow("cluster not a mapping") << QByteArray("clusters:\n- name: a\n  cluster: [1]\n")
                                           << u"clusters[0].cluster: expected a mapping"_s;
    QTest::newRow("twice the same name")
        << QByteArray("users:\n- name: a\n  user: {}\n- name: a\n  user: {}\n")
        << u"users[1].name"_s;
    QTest::newRow("bad base64")
        << QByteArray("clusters:\n- name: a\n  cluster:\n    certificate-authority-data: '%%%'\n")
        << u"clusters[0].cluster.certificate-authority-data: not valid base64"_s;
    QTest::newRow("bad boolean") << QByteArray(
        "clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: maybe\n")
                                 << u"insecure-skip-tls-verify: expected true or false"_s;
    QTest::newRow("insecure with a CA")
        << QByteArray("clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: true\n"
                      "    certificate-authority: ca.crt\n")
        << u"cannot be combined with a certificate authority"_s;
    QTest::newRow("certificate without key")
        << QByteArray("users:\n- name: a\n  user:\n    client-certificate: a.crt\n")
        << u"users[0].user.client-key: missing"_s;
    QTest::newRow("token and password")
        << QByteArray("users:\n- name: a\n  user: {token: t, username: u, password: p}\n")
        << u"more than one authentication method"_s;
    QTest::newRow("gcp auth provider")
        << QByteArray("users:\n- name: a\n  user:\n    auth-provider:\n      name: gcp\n")
        << u"users[0].user.auth-provider: the \"gcp\" auth provider was removed from kubectl; use an exec plugin instead: gke-gcloud-auth-plugin"_s;
    QTest::newRow("oidc auth provider")
        << QByteArray("users:\n- name: a\n  user:\n    auth-provider: {name: oidc}\n")
        << u"kubelogin"_s;
    QTest::newRow("exec v1alpha1")
        << QByteArray("users:\n- name: a\n  user:\n    exec:\n      apiVersion: "
                      "client.authentication.k8s.io/v1alpha1\n      command: x\n")
        << u"users[0].user.exec.apiVersion: \"client.authentication.k8s.io/v1alpha1\" is not supported"_s;
    QTest::newRow("exec without command")
        << QByteArray("users:\n- name: a\n  user:\n    exec:\n      apiVersion: "
                      "client.authentication.k8s.io/v1beta1\n")
        << u"users[0].user.exec.command: missing"_s;
    QTest::newRow("exec v1 without interactiveMode")
        << QByteArray("users:\n- name: a\n  user:\n    exec:\n      apiVersion: "
                      "client.authentication.k8s.io/v1\n      command: x\n")
        << u"exec.interactiveMode: required"_s;
    QTest::newRow("exec args not a list")
        << QByteArray("users:\n- name: a\n  user:\n    exec:\n      apiVersion: "
                      "client.authentication.k8s.io/v1beta1\n      command: x\n      args: y\n")
        << u"exec.args: expected a list"_s;
    QTest::newRow("exec env without name") << QByteArray(
        "users:\n- name: a\n  user:\n    exec:\n      apiVersion: "
        "client.authentication.k8s.io/v1beta1\n      command: x\n      env: [{value: v}]\n")
                                           << u"exec.env[0].name: missing"_s;
    QTest::newRow("server is a mapping")
        << QByteArray("clusters:\n- name: a\n  cluster:\n    server: {x: 1}\n")
        << u"clusters[0].cluster.server: expected a string"_s;
}

void tst_KubeConfig::malformedFilesGiveAnErrorNamingFileAndKey()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    QString error;
    const KubeConfig config = KubeConfig::parse(yaml, QStringLiteral("/tmp/cfg.yaml"), &error);
    QVERIFY2(error.startsWith(u"/tmp/cfg.yaml"), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(config.contexts.isEmpty());
}

void tst_KubeConfig::mergeKeepsTheFirstFileToSetAKey()
{
    QString error;
    const KubeConfig first = KubeConfig::parse(R"(
current-context: a
clusters:
- name: shared
  cluster: {server: https://first}
users:
- name: me
  user: {token: first-token}
contexts:
- name: a
  context: {cluster: shared, user: me}
)",
                                               u"/one"_s, &error);
    QVERIFY(error.isEmpty());
    const KubeConfig second = KubeConfig::parse(R"(
current-context: b
clusters:
- name: shared
  cluster: {server: https://second}
- name: own
  cluster: {server: https://own}
contexts:
- name: b
  context: {cluster: own, user: me, namespace: x}
)",
                                                u"/two"_s, &error);
    QVERIFY(error.isEmpty());
    const KubeConfig merged = KubeConfig::merge({first, second});
    QCOMPARE(merged.files, (QStringList{u"/one"_s, u"/two"_s}));
    QCOMPARE(merged.currentContext, u"a"_s);
    QCOMPARE(merged.cluster(u"shared"_s)->server, u"https://first"_s);
    QCOMPARE(merged.cluster(u"own"_s)->server, u"https://own"_s);
    QCOMPARE(merged.contextNames(), (QStringList{u"a"_s, u"b"_s}));
    // A context of the second file may use the first file's user.
    const auto access = ClusterAccess::resolve(merged, u"b"_s, &error);
    QVERIFY2(access, qPrintable(error));
    QCOMPARE(access->user.token, u"first-token"_s);
    QCOMPARE(access->namespaceName, u"x"_s);
    // An empty current-context in the first file lets the second decide.
    const KubeConfig empty = KubeConfig::parse("clusters: []\n", u"/zero"_s, &error);
    QCOMPARE(KubeConfig::merge({empty, second}).currentContext, u"b"_s);
}

void tst_KubeConfig::defaultFilesFollowKubeconfigVariable_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QStringList>("files");
    QTest::newRow("unset") << QString() << QStringList{u"/home/u/.kube/config"_s};
    QTest::newRow("one") << u"/a"_s << QStringList{u"/a"_s};
    QTest::newRow("list") << u"/a:/b::/a:/c"_s << QStringList{u"/a"_s, u"/b"_s, u"/c"_s};
    QTest::newRow("only colons") << u"::"_s << QStringList{u"/home/u/.kube/config"_s};
}

void tst_KubeConfig::defaultFilesFollowKubeconfigVariable()
{
    QFETCH(QString, variable);
    QFETCH(QStringList, files);
    QCOMPARE(KubeConfig::defaultFiles(variable, u"/home/u"_s), files);
}

void tst_KubeConfig::loadSkipsMissingFilesButNotBrokenOnes()
{
    QTemporaryDir dir;
    const QString good = writeFile(dir.filePath(u"good"_s), basic);
    const QString broken = writeFile(dir.filePath(u"broken"_s), "users: [\n");
    QString error;
    KubeConfig config = KubeConfig::load({dir.filePath(u"missing"_s), good}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.currentContext, u"prod"_s);
    config = KubeConfig::load({good, broken}, &error);
    QVERIFY(error.startsWith(broken));
    error.clear();
    KubeConfig::load({dir.filePath(u"missing"_s)}, &error);
    QVERIFY2(error.contains(u"no kubeconfig found"), qPrintable(error));
}

void tst_KubeConfig::fromEnvironmentReadsTheKubeconfigVariable()
{
    QTemporaryDir dir;
    const QString first = writeFile(dir.filePath(u"a"_s), "current-context: from-a\n");
    const QString second = writeFile(dir.filePath(u"b"_s), basic);
    qputenv("KUBECONFIG", (first + u':' + second).toUtf8());
    QString error;
    const KubeConfig config = KubeConfig::fromEnvironment(&error);
    qunsetenv("KUBECONFIG");
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.files, (QStringList{first, second}));
    QCOMPARE(config.currentContext, u"from-a"_s);
    QVERIFY(config.cluster(u"prod"_s));
}

void tst_KubeConfig::resolveContext_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("namespaceName");
    QTest::addColumn<bool>("warns");

    QTest::newRow("current") << QString() << QString() << u"shop"_s << false;
    QTest::newRow("no namespace: default") << u"lab"_s << QString() << u"default"_s << true;
    QTest::newRow("unknown") << u"nope"_s << u"no context named \"nope\""_s << QString() << false;
    QTest::newRow("missing cluster")
        << u"dangling"_s << u"names cluster \"gone\", which no file defines"_s << QString()
        << false;
    QTest::newRow("bad server") << u"badserver"_s << u"is not an http(s) URL"_s << QString()
                                << false;
}

void tst_KubeConfig::resolveContext()
{
    QFETCH(QString, context);
    QFETCH(QString, error);
    QFETCH(QString, namespaceName);
    QFETCH(bool, warns);
    const QByteArray extra = R"(- name: dangling
  context: {cluster: gone, user: alice}
- name: badserver
  context: {cluster: ftp, user: alice}
)";
    QByteArray yaml = basic + extra;
    yaml.replace("clusters:\n", "clusters:\n- name: ftp\n  cluster: {server: 'ftp://x'}\n");
    QString parseError;
    const KubeConfig config = KubeConfig::parse(yaml, u"/k"_s, &parseError);
    QVERIFY2(parseError.isEmpty(), qPrintable(parseError));
    QString actualError;
    const auto access = ClusterAccess::resolve(config, context, &actualError);
    if (!error.isEmpty()) {
        QVERIFY(!access);
        QVERIFY2(actualError.contains(error), qPrintable(actualError));
        return;
    }
    QVERIFY2(access, qPrintable(actualError));
    QCOMPARE(access->namespaceName, namespaceName);
    QCOMPARE(!access->warnings.isEmpty(), warns);
    if (warns)
        QVERIFY(access->warnings.first().contains(u"TLS certificate verification is off"));
}

void tst_KubeConfig::clientKeysRsaAndEc_data()
{
    QTest::addColumn<QStringList>("keyArguments");
    QTest::newRow("rsa") << QStringList{u"-newkey"_s, u"rsa:2048"_s};
    QTest::newRow("ec") << QStringList{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                       u"ec_paramgen_curve:prime256v1"_s};
}

void tst_KubeConfig::clientKeysRsaAndEc()
{
    QFETCH(QStringList, keyArguments);
    QTemporaryDir dir;
    QProcess openssl;
    openssl.setWorkingDirectory(dir.path());
    openssl.start(u"openssl"_s,
                  QStringList{u"req"_s, u"-x509"_s, u"-nodes"_s} + keyArguments
                      + QStringList{u"-keyout"_s, u"me.key"_s, u"-out"_s, u"me.crt"_s, u"-subj"_s,
                                    u"/CN=me"_s, u"-days"_s, u"1"_s});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        QSKIP("openssl could not make a key");
    const QByteArray yaml = R"(
current-context: c
clusters:
- name: c
  cluster: {server: https://127.0.0.1:1}
users:
- name: files
  user: {client-certificate: me.crt, client-key: me.key}
contexts:
- name: c
  context: {cluster: c, user: files}
)";
    QString error;
    const KubeConfig config = KubeConfig::parse(yaml, dir.filePath(u"config"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto access = ClusterAccess::resolve(config, {}, &error);
    QVERIFY2(access, qPrintable(error));
    QVERIFY(!access->clientCertificate.isNull());
    QVERIFY(!access->clientKey.isNull());
    QCOMPARE(access->clientCertificate.subjectInfo(QSslCertificate::CommonName).value(0), u"me"_s);

    // A key file that holds something else is named in the error.
    writeFile(dir.filePath(u"me.key"_s), "not a key");
    QVERIFY(!ClusterAccess::resolve(config, {}, &error));
    QVERIFY2(error.contains(u"client-key: not a PEM RSA or EC private key"), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_KubeConfig)
#include "tst_kubeconfig.moc"
