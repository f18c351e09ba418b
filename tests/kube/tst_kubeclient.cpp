// The API client against the local API server over HTTPS: every way kubectl authenticates,
// TLS verification, Status errors a person can act on, retries, timeouts and dry-run apply.
#include "kubetestserver.h"

#include "kube/authenticator.h"
#include "kube/kubeclient.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTimer>

using namespace gitops::kube;
using namespace gitops::test;
using namespace Qt::StringLiterals;

class tst_KubeClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void authenticates_data();
    void authenticates();
    void tokenFileRotationIsPickedUp();
    void execPluginIsCachedAndRunAgainAfterExpiryAnd401();
    void missingExecCommandShowsInstallHint();
    void wrongCaSaysCertificateVerificationFailed();
    void serverIdentityFollowsTheKubeconfig_data();
    void serverIdentityFollowsTheKubeconfig();
    void forbiddenNamesVerbResourceAndNamespace();
    void busyServerIsRetriedAfterRetryAfter_data();
    void busyServerIsRetriedAfterRetryAfter();
    void retriesGiveUpWithAnError();
    void slowServerTimesOut();
    void dryRunApplyReturnsWhatTheClusterWouldHold();
    void logsRequestsWithoutCredentials();

private:
    ApiResponse run(KubeClient &client, const ApiRequest &request, int timeoutMs = 20000);
    static ApiRequest get(const QString &path);

    std::unique_ptr<KubeTestServer> m_server;
};

void tst_KubeClient::init()
{
    m_server = std::make_unique<KubeTestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

ApiRequest tst_KubeClient::get(const QString &path)
{
    ApiRequest request;
    request.path = path;
    request.verb = u"get"_s;
    return request;
}

ApiResponse tst_KubeClient::run(KubeClient &client, const ApiRequest &request, int timeoutMs)
{
    ApiCall *call = client.send(request);
    ApiResponse response;
    bool done = false;
    connect(call, &ApiCall::finished, this, [&](const ApiResponse &r) {
        response = r;
        done = true;
    });
    QSignalSpy finished(call, &ApiCall::finished);
    if (!finished.wait(timeoutMs))
        qWarning("request did not finish in %d ms", timeoutMs);
    Q_UNUSED(done);
    return response;
}

void tst_KubeClient::authenticates_data()
{
    QTest::addColumn<QString>("context");
    QTest::newRow("client certificate (EC)") << u"admin"_s;
    QTest::newRow("token") << u"reader"_s;
}

void tst_KubeClient::authenticates()
{
    QFETCH(QString, context);
    const auto access = m_server->access(context);
    QVERIFY(access);
    KubeClient client(*access);
    const ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.status, 200);
    QVERIFY(response.body.contains("NamespaceList"));

    // The same server without credentials says 401; the client says so in words.
    const QByteArray anonymous =
        m_server->kubeconfigYaml("- name: nobody\n  user: {}\n",
                                 "- name: nobody\n  context: {cluster: emulator, user: nobody}\n");
    const auto nobody = m_server->access(u"nobody"_s, anonymous);
    QVERIFY(nobody);
    KubeClient anonymousClient(*nobody);
    const ApiResponse refused = run(anonymousClient, get(u"/api/v1/namespaces"_s));
    QCOMPARE(refused.status, 401);
    QVERIFY2(refused.error.text().contains(u"did not accept the kubeconfig's credentials"),
             qPrintable(refused.error.text()));
}

void tst_KubeClient::tokenFileRotationIsPickedUp()
{
    const QString tokens = m_server->folder() + u"/tokens.csv"_s;
    const auto writeText = [](const QString &path, const QByteArray &text,
                              const QDateTime &modified) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        QVERIFY(out.setFileTime(modified, QFileDevice::FileModificationTime));
    };
    QString error;
    writeText(tokens, "first-token,alice,1,system:masters\n", QDateTime::currentDateTime());
    QVERIFY2(m_server->server().loadTokens(tokens, &error), qPrintable(error));
    const QString tokenFile = m_server->folder() + u"/sa-token"_s;
    writeText(tokenFile, "first-token\n", QDateTime::currentDateTime().addSecs(-100));
    const auto access = m_server->access(
        u"sa"_s,
        m_server->kubeconfigYaml("- name: sa\n  user: {tokenFile: sa-token}\n",
                                 "- name: sa\n  context: {cluster: emulator, user: sa}\n"));
    QVERIFY(access);
    KubeClient client(*access);
    ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));

    // The token rotates: the server only knows the new one, the file holds the new one.
    writeText(tokens, "second-token,alice,1,system:masters\n", QDateTime::currentDateTime());
    QVERIFY(m_server->server().loadTokens(tokens, &error));
    writeText(tokenFile, "second-token\n", QDateTime::currentDateTime());
    response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 1); // read before sending, not only after a 401
}

void tst_KubeClient::execPluginIsCachedAndRunAgainAfterExpiryAnd401()
{
    const QString dir = m_server->folder();
    const auto writeText = [&dir](const QString &name, const QByteArray &text) {
        QFile out(dir + u'/' + name);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
    };
    // The plugin counts its runs, keeps what kubectl told it, and prints the token and expiry
    // the test puts in files.
    writeText(u"plugin.sh"_s, R"sh(#!/bin/sh
n=$(cat "$PLUGIN_DIR/runs" 2>/dev/null || echo 0)
echo $((n + 1)) > "$PLUGIN_DIR/runs"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$PLUGIN_DIR/exec-info"
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}\n' "$(cat "$PLUGIN_DIR/token")" "$(cat "$PLUGIN_DIR/expiry")"
)sh");
    QFile::setPermissions(dir + u"/plugin.sh"_s, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    const auto runs = [&dir] {
        QFile in(dir + u"/runs"_s);
        return in.open(QIODevice::ReadOnly) ? in.readAll().trimmed().toInt() : 0;
    };
    const auto expiry = [](qint64 seconds) {
        return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODate).toUtf8();
    };
    QString error;
    writeText(u"tokens.csv"_s, "exec-one,alice,1,system:masters\n");
    QVERIFY(m_server->server().loadTokens(dir + u"/tokens.csv"_s, &error));
    writeText(u"token"_s, "exec-one");
    writeText(u"expiry"_s, expiry(3600));

    const QByteArray user = "- name: plugin\n  user:\n    exec:\n"
                            "      apiVersion: client.authentication.k8s.io/v1\n"
                            "      interactiveMode: Never\n"
                            "      command: ./plugin.sh\n"
                            "      provideClusterInfo: true\n"
                            "      env: [{name: PLUGIN_DIR, value: "
        + dir.toUtf8() + "}]\n";
    const auto access = m_server->access(
        u"plugin"_s,
        m_server->kubeconfigYaml(user,
                                 "- name: plugin\n  context: {cluster: emulator, user: plugin}\n"));
    QVERIFY(access);
    KubeClient client(*access);

    // Used, and told where the cluster is (provideClusterInfo).
    ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(runs(), 1);
    QFile info(dir + u"/exec-info"_s);
    QVERIFY(info.open(QIODevice::ReadOnly));
    const QJsonObject execInfo = QJsonDocument::fromJson(info.readAll()).object();
    QCOMPARE(
        execInfo.value(u"spec").toObject().value(u"cluster").toObject().value(u"server").toString(),
        m_server->url());

    // Cached while valid.
    response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY(!response.error.isError());
    QCOMPARE(runs(), 1);

    // Run again once the credential expires (credentials within 10 s of expiry count as
    // expired, so 12 s is good for two).
    writeText(u"expiry"_s, expiry(12));
    // Force the short-lived credential in through a 401.
    writeText(u"tokens.csv"_s, "exec-two,alice,1,system:masters\n");
    QVERIFY(m_server->server().loadTokens(dir + u"/tokens.csv"_s, &error));
    writeText(u"token"_s, "exec-two");
    response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(runs(), 2); // the 401 made it run once more
    QCOMPARE(response.attempts, 1); // and the request went through without a retry counted
    writeText(u"expiry"_s, expiry(3600));
    QTest::qWait(2500);
    response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY(!response.error.isError());
    QCOMPARE(runs(), 3); // expired: run again

    // A token the server never accepts: one re-run, then the 401 is reported.
    writeText(u"token"_s, "never-valid");
    writeText(u"tokens.csv"_s, "something-else,alice,1,system:masters\n");
    QVERIFY(m_server->server().loadTokens(dir + u"/tokens.csv"_s, &error));
    response = run(client, get(u"/api/v1/namespaces"_s));
    QCOMPARE(response.status, 401);
    QCOMPARE(runs(), 4);
}

void tst_KubeClient::missingExecCommandShowsInstallHint()
{
    const QByteArray user = "- name: plugin\n  user:\n    exec:\n"
                            "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                            "      command: gitops-test-no-such-plugin\n"
                            "      installHint: |\n"
                            "        Install the cloud CLI: https://example.com/install\n";
    const auto access = m_server->access(
        u"plugin"_s,
        m_server->kubeconfigYaml(user,
                                 "- name: plugin\n  context: {cluster: emulator, user: plugin}\n"));
    QVERIFY(access);
    KubeClient client(*access);
    const ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    QCOMPARE(response.error.kind, ApiError::Kind::Credentials);
    const QString text = response.error.text();
    QVERIFY2(text.contains(u"gitops-test-no-such-plugin"), qPrintable(text));
    QVERIFY2(text.contains(u"Install the cloud CLI: https://example.com/install"),
             qPrintable(text));
    QVERIFY2(text.contains(u"users[plugin]"), qPrintable(text));
}

void tst_KubeClient::wrongCaSaysCertificateVerificationFailed()
{
    KubeTestServer other;
    QString error;
    QVERIFY(other.start(&error));
    QByteArray yaml = m_server->kubeconfigYaml();
    yaml.replace(m_server->caData().toUtf8(), other.caData().toUtf8());
    const auto access = m_server->access(u"admin"_s, yaml);
    QVERIFY(access);
    KubeClient client(*access);
    const ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    QCOMPARE(response.error.kind, ApiError::Kind::Tls);
    const QString text = response.error.text();
    QVERIFY2(text.contains(u"certificate verification failed"), qPrintable(text));
    QVERIFY2(text.contains(m_server->url()), qPrintable(text));
}

void tst_KubeClient::serverIdentityFollowsTheKubeconfig_data()
{
    QTest::addColumn<QByteArray>("clusterFields"); // replace the CA line
    QTest::addColumn<bool>("connects");
    QTest::addColumn<bool>("warns");
    const QByteArray ca = "certificate-authority-data: CA\n";
    QTest::newRow("tls-server-name matching the certificate")
        << QByteArray(ca + "    tls-server-name: localhost\n") << true << false;
    QTest::newRow("tls-server-name not in the certificate")
        << QByteArray(ca + "    tls-server-name: api.other.example\n") << false << false;
    QTest::newRow("insecure-skip-tls-verify")
        << QByteArray("insecure-skip-tls-verify: true\n") << true << true;
}

void tst_KubeClient::serverIdentityFollowsTheKubeconfig()
{
    QFETCH(QByteArray, clusterFields);
    QFETCH(bool, connects);
    QFETCH(bool, warns);
    QByteArray yaml = m_server->kubeconfigYaml();
    clusterFields.replace("CA", m_server->caData().toUtf8());
    yaml.replace(QByteArray("certificate-authority-data: " + m_server->caData().toUtf8() + "\n"),
                 clusterFields);
    const auto access = m_server->access(u"admin"_s, yaml);
    QVERIFY(access);
    QCOMPARE(!access->warnings.isEmpty(), warns);
    KubeClient client(*access);
    const ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    if (connects) {
        QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    } else {
        QCOMPARE(response.error.kind, ApiError::Kind::Tls);
        QVERIFY2(response.error.text().contains(u"certificate verification failed"),
                 qPrintable(response.error.text()));
    }
}

void tst_KubeClient::forbiddenNamesVerbResourceAndNamespace()
{
    m_server->createNamespace(u"team-b"_s);
    const auto access = m_server->access(u"restricted"_s);
    QVERIFY(access);
    QCOMPARE(access->namespaceName, u"team-a"_s);
    KubeClient client(*access);
    ApiRequest request = get(u"/apis/apps/v1/namespaces/team-b/deployments"_s);
    request.verb = u"list"_s;
    request.resource = u"deployments.apps"_s;
    request.namespaceName = u"team-b"_s;
    const ApiResponse response = run(client, request);
    QCOMPARE(response.status, 403);
    QCOMPARE(response.error.reason, u"Forbidden"_s);
    const QString text = response.error.text();
    QVERIFY2(text.contains(u"cannot list deployments.apps in namespace \"team-b\""),
             qPrintable(text));
    QVERIFY2(text.contains(u"User \"restricted\""), qPrintable(text)); // the server's own words
}

void tst_KubeClient::busyServerIsRetriedAfterRetryAfter_data()
{
    QTest::addColumn<int>("code");
    QTest::newRow("429 Too Many Requests") << 429;
    QTest::newRow("503 Service Unavailable") << 503;
}

void tst_KubeClient::busyServerIsRetriedAfterRetryAfter()
{
    QFETCH(int, code);
    const auto access = m_server->access(u"admin"_s);
    QVERIFY(access);
    KubeClient client(*access);
    kubeemu::FaultSettings faults;
    faults.errorRate = 1.0;
    faults.errorCode = code;
    faults.retryAfterSeconds = 1;
    m_server->server().setFaults(faults);
    // The server recovers soon after the first answer; the client must still wait the full
    // Retry-After before asking again.
    QTimer::singleShot(300, this, [this] { m_server->server().setFaults({}); });
    QElapsedTimer timer;
    timer.start();
    const ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 2);
    QVERIFY2(timer.elapsed() >= 1000, qPrintable(QString::number(timer.elapsed())));
}

void tst_KubeClient::retriesGiveUpWithAnError()
{
    const auto access = m_server->access(u"admin"_s);
    QVERIFY(access);
    KubeClient client(*access);
    client.setRetryPolicy(3, 10);
    kubeemu::FaultSettings faults;
    faults.errorRate = 1.0;
    faults.errorCode = 429;
    faults.retryAfterSeconds = 0;
    m_server->server().setFaults(faults);
    ApiRequest request = get(u"/api/v1/namespaces"_s);
    request.verb = u"list"_s;
    request.resource = u"namespaces"_s;
    const ApiResponse response = run(client, request);
    QCOMPARE(response.status, 429);
    QCOMPARE(response.attempts, 3);
    QVERIFY2(response.error.text().startsWith(u"TooManyRequests (429): cannot list namespaces"),
             qPrintable(response.error.text()));
}

void tst_KubeClient::slowServerTimesOut()
{
    const auto access = m_server->access(u"admin"_s);
    QVERIFY(access);
    KubeClient client(*access);
    kubeemu::FaultSettings faults;
    faults.latencyMs = 3000;
    m_server->server().setFaults(faults);
    ApiRequest request = get(u"/api/v1/namespaces"_s);
    request.timeoutMs = 500;
    QElapsedTimer timer;
    timer.start();
    const ApiResponse response = run(client, request);
    QCOMPARE(response.error.kind, ApiError::Kind::Timeout);
    QVERIFY(timer.elapsed() < 2500);
    QVERIFY2(response.error.text().contains(u"no answer within 0.5 s"),
             qPrintable(response.error.text()));
}

void tst_KubeClient::dryRunApplyReturnsWhatTheClusterWouldHold()
{
    m_server->createNamespace(u"shop"_s);
    const auto access = m_server->access(u"admin"_s);
    QVERIFY(access);
    KubeClient client(*access);
    const ApiResource configMaps{QString(),      u"v1"_s,
                                 u"ConfigMap"_s, u"configmaps"_s,
                                 true,           {u"get"_s, u"list"_s, u"watch"_s, u"patch"_s}};
    QJsonObject object = KubeTestServer::configMap(u"shop"_s, u"settings"_s, u"blue"_s);
    QJsonObject metadata = object.value(u"metadata").toObject();
    metadata.remove(u"namespace"_s); // takes the namespace given
    object.insert(u"metadata"_s, metadata);

    ApiCall *call = client.dryRunApply(configMaps, object, u"shop"_s, u"my-console"_s);
    ApiResponse response;
    connect(call, &ApiCall::finished, this, [&response](const ApiResponse &r) { response = r; });
    QSignalSpy finished(call, &ApiCall::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    const QJsonObject would = QJsonDocument::fromJson(response.body).object();
    const QJsonObject wouldMeta = would.value(u"metadata").toObject();
    QCOMPARE(wouldMeta.value(u"namespace").toString(), u"shop"_s);
    QVERIFY(!wouldMeta.value(u"creationTimestamp").toString().isEmpty()); // what the server adds
    QCOMPARE(
        wouldMeta.value(u"managedFields").toArray().at(0).toObject().value(u"manager").toString(),
        u"my-console"_s);
    QCOMPARE(would.value(u"data").toObject().value(u"k").toString(), u"blue"_s);
    // Nothing was written.
    QVERIFY(!m_server->server().store().get(u"/configmaps"_s, u"shop"_s, u"settings"_s));
}

namespace {
QStringList loggedMessages;
}

void tst_KubeClient::logsRequestsWithoutCredentials()
{
    const auto access = m_server->access(u"reader"_s);
    QVERIFY(access);
    KubeClient client(*access);
    QLoggingCategory::setFilterRules(u"gitops.kube.debug=true"_s);
    loggedMessages.clear();
    const QtMessageHandler previous =
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) {
            loggedMessages << message;
        });
    const ApiResponse response = run(client, get(u"/api/v1/namespaces"_s));
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(u"gitops.kube.debug=false"_s);
    QVERIFY(!response.error.isError());
    const QString log = loggedMessages.join(u'\n');
    QVERIFY2(log.contains(u"GET"_s) && log.contains(u"/api/v1/namespaces"_s), qPrintable(log));
    QVERIFY2(!log.contains(m_server->token(u"reader"_s)), "the token was logged");
    QVERIFY(!log.contains(u"Bearer"_s));
}

QTEST_GUILESS_MAIN(tst_KubeClient)
#include "tst_kubeclient.moc"
