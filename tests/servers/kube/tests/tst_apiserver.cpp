// The local API server in-process, over HTTPS with QtNetwork: the conventions clients rely
// on that kubectl's tests do not reach (410 Gone, bookmarks, preconditions, dry run, faults).
#include "apiserver.h"
#include "controllers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslKey>
#include <QTest>

using namespace kubeemu;

namespace {

struct Response
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray retryAfter;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

} // namespace

class tst_ApiServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void discoveryAndOpenApi();
    void startsWithTheSystemNamespaces();
    void statusObjectsLikeTheRealServer_data();
    void statusObjectsLikeTheRealServer();
    void optimisticConcurrency();
    void dryRunStoresNothing();
    void generationCountsSpecChanges();
    void watchResumesAndExpires();
    void watchSendsBookmarks();
    void watchFollowsSelectors();
    void listPaginates();
    void deleteCollectionBySelector();
    void injectedFaults();
    void controllersReportWorkloads();

private:
    Response request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &contentType = "application/json",
                     const QByteArray &accept = "application/json");
    QNetworkRequest makeRequest(const QString &path, const QByteArray &accept) const;
    void createConfigMap(const QString &name, const QJsonObject &labels = {});

    std::unique_ptr<ApiServer> m_server;
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
};

void tst_ApiServer::initTestCase()
{
    m_server = std::make_unique<ApiServer>();
    QString error;
    QVERIFY2(m_server->start(0, &error), qPrintable(error));
    // Take the admin's client certificate and the CA from the kubeconfig, as a client would.
    const QJsonObject config = QJsonDocument::fromJson(m_server->kubeconfig()).object();
    const QJsonObject cluster =
        config.value(u"clusters").toArray().at(0).toObject().value(u"cluster").toObject();
    const QJsonObject admin =
        config.value(u"users").toArray().at(0).toObject().value(u"user").toObject();
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setCaCertificates(QSslCertificate::fromData(QByteArray::fromBase64(
        cluster.value(u"certificate-authority-data").toString().toLatin1())));
    m_tls.setLocalCertificate(QSslCertificate(
        QByteArray::fromBase64(admin.value(u"client-certificate-data").toString().toLatin1())));
    m_tls.setPrivateKey(QSslKey(
        QByteArray::fromBase64(admin.value(u"client-key-data").toString().toLatin1()), QSsl::Ec));
}

void tst_ApiServer::init()
{
    m_server->setFaults({});
    request("DELETE", QStringLiteral("/api/v1/namespaces/test"));
    const Response created =
        request("POST", QStringLiteral("/api/v1/namespaces"),
                R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"test"}})");
    QCOMPARE(created.status, 201);
}

QNetworkRequest tst_ApiServer::makeRequest(const QString &path, const QByteArray &accept) const
{
    QNetworkRequest request(QUrl(m_server->url() + path));
    request.setSslConfiguration(m_tls);
    request.setRawHeader("Accept", accept);
    request.setTransferTimeout(10000);
    return request;
}

Response tst_ApiServer::request(const QByteArray &method, const QString &path,
                                const QByteArray &body, const QByteArray &contentType,
                                const QByteArray &accept)
{
    QNetworkRequest request = makeRequest(path, accept);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = reply->readAll();
    response.contentType = reply->rawHeader("Content-Type");
    response.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return response;
}

void tst_ApiServer::createConfigMap(const QString &name, const QJsonObject &labels)
{
    const QJsonObject object{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("labels"), labels}}},
        {QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}}}};
    const Response response = request("POST", QStringLiteral("/api/v1/namespaces/test/configmaps"),
                                      QJsonDocument(object).toJson());
    QCOMPARE(response.status, 201);
}

void tst_ApiServer::discoveryAndOpenApi()
{
    Response response = request(
        "GET", QStringLiteral("/apis"), {}, {},
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.contentType,
             QByteArray("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"));
    bool deployments = false;
    for (const QJsonValue &group : response.json().value(u"items").toArray()) {
        if (group.toObject().value(u"metadata").toObject().value(u"name").toString() != u"apps")
            continue;
        for (const QJsonValue &resource : group.toObject()
                                              .value(u"versions")
                                              .toArray()
                                              .at(0)
                                              .toObject()
                                              .value(u"resources")
                                              .toArray())
            deployments |= resource.toObject().value(u"resource").toString() == u"deployments"
                && resource.toObject().value(u"scope").toString() == u"Namespaced";
    }
    QVERIFY(deployments);

    response = request("GET", QStringLiteral("/apis"));
    QCOMPARE(response.json().value(u"kind").toString(), QStringLiteral("APIGroupList"));
    response = request("GET", QStringLiteral("/api/v1"));
    QCOMPARE(response.json().value(u"kind").toString(), QStringLiteral("APIResourceList"));

    QElapsedTimer timer;
    timer.start();
    response = request("GET", QStringLiteral("/openapi/v2"));
    QCOMPARE(response.status, 404);
    QVERIFY(timer.elapsed() < 5000);
}

void tst_ApiServer::startsWithTheSystemNamespaces()
{
    Response response = request("GET", QStringLiteral("/api/v1/namespaces"));
    QCOMPARE(response.status, 200);
    QStringList names;
    for (const QJsonValue &item : response.json().value(u"items").toArray())
        names << item[u"metadata"][u"name"].toString();
    for (const char *name : {"default", "kube-system", "kube-public", "kube-node-lease"})
        QVERIFY2(names.contains(QLatin1String(name)), qPrintable(names.join(u',')));
    // They exist already: creating one is a conflict, as on a real cluster.
    response = request("POST", QStringLiteral("/api/v1/namespaces"),
                       R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}})");
    QCOMPARE(response.status, 409);
    QCOMPARE(response.json().value(u"reason").toString(), QStringLiteral("AlreadyExists"));

    response = request("GET", QStringLiteral("/api/v1/namespaces/default/services/kubernetes"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json()[u"spec"][u"clusterIP"].toString(), QStringLiteral("10.96.0.1"));
    QCOMPARE(response.json()[u"metadata"][u"labels"][u"component"].toString(),
             QStringLiteral("apiserver"));
    // Services created later get other IPs than the API server's.
    response = request("POST", QStringLiteral("/api/v1/namespaces/default/services"),
                       R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"other"},
                           "spec":{"ports":[{"port":80}]}})");
    QCOMPARE(response.status, 201);
    const QString ip = response.json()[u"spec"][u"clusterIP"].toString();
    QVERIFY2(ip.startsWith(u"10.96.") && ip != u"10.96.0.1", qPrintable(ip));
    request("DELETE", QStringLiteral("/api/v1/namespaces/default/services/other"));
}

void tst_ApiServer::statusObjectsLikeTheRealServer_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");

    QTest::newRow("not found") << QByteArray("GET")
                               << QStringLiteral("/apis/apps/v1/namespaces/test/deployments/nope")
                               << QByteArray() << 404 << QStringLiteral("NotFound")
                               << QStringLiteral("deployments.apps \"nope\" not found");
    QTest::newRow("namespace missing")
        << QByteArray("POST") << QStringLiteral("/api/v1/namespaces/ghost/configmaps")
        << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}})") << 404
        << QStringLiteral("NotFound") << QStringLiteral("namespaces \"ghost\" not found");
    QTest::newRow("bad name")
        << QByteArray("POST") << QStringLiteral("/api/v1/namespaces/test/configmaps")
        << QByteArray(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Bad_Name"}})")
        << 422 << QStringLiteral("Invalid")
        << QStringLiteral("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: "
                          "\"Bad_Name\": a lowercase RFC 1123 subdomain");
    QTest::newRow("selector mismatch")
        << QByteArray("POST") << QStringLiteral("/apis/apps/v1/namespaces/test/deployments")
        << QByteArray(
               R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"app":"a"}},"template":{"metadata":{"labels":{"app":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}})")
        << 422 << QStringLiteral("Invalid")
        << QStringLiteral("`selector` does not match template `labels`");
    QTest::newRow("unsupported patch")
        << QByteArray("PATCH") << QStringLiteral("/api/v1/namespaces/test") << QByteArray("{}")
        << 415 << QStringLiteral("UnsupportedMediaType") << QStringLiteral("unknown format");
}

void tst_ApiServer::statusObjectsLikeTheRealServer()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, code);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    const Response response =
        request(method, path, body, method == "PATCH" ? "text/plain" : "application/json");
    QCOMPARE(response.status, code);
    const QJsonObject status = response.json();
    QCOMPARE(status.value(u"kind").toString(), QStringLiteral("Status"));
    QCOMPARE(status.value(u"status").toString(), QStringLiteral("Failure"));
    QCOMPARE(status.value(u"code").toInt(), code);
    QCOMPARE(status.value(u"reason").toString(), reason);
    QVERIFY2(status.value(u"message").toString().contains(message),
             qPrintable(status.value(u"message").toString()));
}

void tst_ApiServer::optimisticConcurrency()
{
    createConfigMap(QStringLiteral("occ"));
    const QJsonObject current =
        request("GET", QStringLiteral("/api/v1/namespaces/test/configmaps/occ")).json();
    QJsonObject stale = current;
    QJsonObject metadata = stale.value(u"metadata").toObject();
    metadata.insert(QStringLiteral("resourceVersion"), QStringLiteral("1"));
    stale.insert(QStringLiteral("metadata"), metadata);
    Response response = request("PUT", QStringLiteral("/api/v1/namespaces/test/configmaps/occ"),
                                QJsonDocument(stale).toJson());
    QCOMPARE(response.status, 409);
    QCOMPARE(response.json().value(u"reason").toString(), QStringLiteral("Conflict"));
    QVERIFY(
        response.json()
            .value(u"message")
            .toString()
            .contains(QStringLiteral(
                "the object has been modified; please apply your changes to the latest version")));

    QJsonObject fresh = current;
    fresh.insert(QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), QStringLiteral("w")}});
    response = request("PUT", QStringLiteral("/api/v1/namespaces/test/configmaps/occ"),
                       QJsonDocument(fresh).toJson());
    QCOMPARE(response.status, 200);
    QVERIFY(response.json().value(u"metadata").toObject().value(u"resourceVersion")
            != current.value(u"metadata").toObject().value(u"resourceVersion"));
}

void tst_ApiServer::dryRunStoresNothing()
{
    const quint64 before = m_server->store().revision();
    const Response response = request(
        "POST", QStringLiteral("/api/v1/namespaces/test/configmaps?dryRun=All"),
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"},"data":{"a":"b"}})");
    QCOMPARE(response.status, 201);
    QCOMPARE(response.json().value(u"data").toObject().value(u"a").toString(), QStringLiteral("b"));
    QCOMPARE(m_server->store().revision(), before);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/namespaces/test/configmaps/dry")).status, 404);
}

void tst_ApiServer::generationCountsSpecChanges()
{
    const QByteArray deployment =
        R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"g"},
        "spec":{"selector":{"matchLabels":{"app":"g"}},"template":{"metadata":{"labels":{"app":"g"}},
        "spec":{"containers":[{"name":"c","image":"nginx"}]}}}})";
    Response response =
        request("POST", QStringLiteral("/apis/apps/v1/namespaces/test/deployments"), deployment);
    QCOMPARE(response.status, 201);
    QCOMPARE(response.json().value(u"metadata").toObject().value(u"generation").toInt(), 1);
    // "nginx" has no tag: pulled always, as the real defaulting says.
    QCOMPARE(response.json()[u"spec"][u"template"][u"spec"][u"containers"][0][u"imagePullPolicy"]
                 .toString(),
             QStringLiteral("Always"));

    response = request("PATCH", QStringLiteral("/apis/apps/v1/namespaces/test/deployments/g"),
                       R"({"metadata":{"labels":{"team":"x"}}})", "application/merge-patch+json");
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"metadata").toObject().value(u"generation").toInt(), 1);
    response = request("PATCH", QStringLiteral("/apis/apps/v1/namespaces/test/deployments/g"),
                       R"({"spec":{"replicas":5}})", "application/merge-patch+json");
    QCOMPARE(response.json().value(u"metadata").toObject().value(u"generation").toInt(), 2);
    // The selector is immutable.
    response = request("PATCH", QStringLiteral("/apis/apps/v1/namespaces/test/deployments/g"),
                       R"({"spec":{"selector":{"matchLabels":{"app":"h"}}}})",
                       "application/merge-patch+json");
    QCOMPARE(response.status, 422);
    QVERIFY(response.json()
                .value(u"message")
                .toString()
                .contains(QStringLiteral("field is immutable")));
}

void tst_ApiServer::watchResumesAndExpires()
{
    createConfigMap(QStringLiteral("w1"));
    const QString from = request("GET", QStringLiteral("/api/v1/namespaces/test/configmaps"))
                             .json()
                             .value(u"metadata")
                             .toObject()
                             .value(u"resourceVersion")
                             .toString();
    createConfigMap(QStringLiteral("w2"));

    // Resuming from the list's version delivers what happened since, and only that.
    QNetworkReply *reply = m_network.get(makeRequest(
        QStringLiteral("/api/v1/namespaces/test/configmaps?watch=true&resourceVersion=%1")
            .arg(from),
        "application/json"));
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += reply->readAll()).contains("\n"), 10000);
    QList<QByteArray> lines = received.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    QJsonObject event = QJsonDocument::fromJson(lines.at(0)).object();
    QCOMPARE(event.value(u"type").toString(), QStringLiteral("ADDED"));
    QCOMPARE(event[u"object"][u"metadata"][u"name"].toString(), QStringLiteral("w2"));
    reply->abort();
    reply->deleteLater();

    // After compaction the same version is too old: an ERROR event with 410 Expired.
    m_server->store().compact();
    reply = m_network.get(makeRequest(
        QStringLiteral("/api/v1/namespaces/test/configmaps?watch=true&resourceVersion=%1")
            .arg(from),
        "application/json"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    event = QJsonDocument::fromJson(reply->readAll().trimmed()).object();
    QCOMPARE(event.value(u"type").toString(), QStringLiteral("ERROR"));
    QCOMPARE(event[u"object"][u"code"].toInt(), 410);
    QCOMPARE(event[u"object"][u"reason"].toString(), QStringLiteral("Expired"));
    reply->deleteLater();
}

void tst_ApiServer::watchSendsBookmarks()
{
    m_server->setBookmarkInterval(100);
    QNetworkReply *reply = m_network.get(makeRequest(
        QStringLiteral("/api/v1/namespaces/test/"
                       "configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=%1")
            .arg(m_server->store().revision()),
        "application/json"));
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += reply->readAll()).contains("BOOKMARK"), 10000);
    const QJsonObject bookmark =
        QJsonDocument::fromJson(received.trimmed().split('\n').first()).object();
    QCOMPARE(bookmark[u"object"][u"metadata"][u"resourceVersion"].toString(),
             QString::number(m_server->store().revision()));
    reply->abort();
    reply->deleteLater();
    m_server->setBookmarkInterval(60000);
}

void tst_ApiServer::watchFollowsSelectors()
{
    QNetworkReply *reply = m_network.get(makeRequest(
        QStringLiteral("/api/v1/namespaces/test/"
                       "configmaps?watch=1&labelSelector=tier%3Dfront&resourceVersion=%1")
            .arg(m_server->store().revision()),
        "application/json"));
    createConfigMap(QStringLiteral("sel"), {{QStringLiteral("tier"), QStringLiteral("back")}});
    // Relabelled into the selector: ADDED; out of it: DELETED.
    request("PATCH", QStringLiteral("/api/v1/namespaces/test/configmaps/sel"),
            R"({"metadata":{"labels":{"tier":"front"}}})", "application/merge-patch+json");
    request("PATCH", QStringLiteral("/api/v1/namespaces/test/configmaps/sel"),
            R"({"metadata":{"labels":{"tier":"none"}}})", "application/merge-patch+json");
    QByteArray received;
    QTRY_VERIFY_WITH_TIMEOUT((received += reply->readAll()).count('\n') >= 2, 10000);
    const QList<QByteArray> lines = received.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(0)).object().value(u"type").toString(),
             QStringLiteral("ADDED"));
    QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(u"type").toString(),
             QStringLiteral("DELETED"));
    reply->abort();
    reply->deleteLater();
}

void tst_ApiServer::listPaginates()
{
    for (int i = 0; i < 5; ++i)
        createConfigMap(QStringLiteral("page-%1").arg(i));
    QStringList names;
    QString token;
    int pages = 0;
    do {
        const Response response = request(
            "GET",
            QStringLiteral("/api/v1/namespaces/test/configmaps?limit=2&continue=%1").arg(token));
        QCOMPARE(response.status, 200);
        for (const QJsonValue &item : response.json().value(u"items").toArray())
            names << item[u"metadata"][u"name"].toString();
        token = response.json()[u"metadata"][u"continue"].toString();
        ++pages;
    } while (!token.isEmpty() && pages < 10);
    QCOMPARE(
        names,
        (QStringList{QStringLiteral("page-0"), QStringLiteral("page-1"), QStringLiteral("page-2"),
                     QStringLiteral("page-3"), QStringLiteral("page-4")}));
    QCOMPARE(pages, 3);
}

void tst_ApiServer::deleteCollectionBySelector()
{
    createConfigMap(QStringLiteral("keep"), {{QStringLiteral("tier"), QStringLiteral("a")}});
    createConfigMap(QStringLiteral("drop-1"), {{QStringLiteral("tier"), QStringLiteral("b")}});
    createConfigMap(QStringLiteral("drop-2"), {{QStringLiteral("tier"), QStringLiteral("b")}});
    const Response response = request(
        "DELETE", QStringLiteral("/api/v1/namespaces/test/configmaps?labelSelector=tier%3Db"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.json().value(u"items").toArray().size(), 2);
    QStringList left;
    for (const QJsonValue &item :
         request("GET", QStringLiteral("/api/v1/namespaces/test/configmaps"))
             .json()[u"items"]
             .toArray())
        left << item[u"metadata"][u"name"].toString();
    QCOMPARE(left, QStringList{QStringLiteral("keep")});
}

void tst_ApiServer::injectedFaults()
{
    FaultSettings faults;
    faults.errorRate = 1.0;
    faults.errorCode = 429;
    faults.retryAfterSeconds = 3;
    m_server->setFaults(faults);
    Response response = request("GET", QStringLiteral("/api/v1/namespaces"));
    QCOMPARE(response.status, 429);
    QCOMPARE(response.retryAfter, QByteArray("3"));
    QCOMPARE(response.json().value(u"reason").toString(), QStringLiteral("TooManyRequests"));

    // The control endpoint itself is never faulty, and only the admin may use it.
    response = request("POST", QStringLiteral("/emulator/faults"), R"({"errorRate":0})");
    QCOMPARE(response.status, 200);
    QCOMPARE(request("GET", QStringLiteral("/api/v1/namespaces")).status, 200);

    faults = {};
    faults.dropRate = 1.0;
    m_server->setFaults(faults);
    QNetworkReply *reply =
        m_network.get(makeRequest(QStringLiteral("/api/v1/namespaces"), "application/json"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY(reply->error() != QNetworkReply::NoError);
    reply->deleteLater();
    m_server->setFaults({});
}

void tst_ApiServer::controllersReportWorkloads()
{
    auto controllers = std::make_unique<SimulatedControllers>(m_server.get(), 50);
    const auto object = [](const char *json, const char *name, const char *image = "") {
        return QJsonDocument::fromJson(
                   QByteArray(json).replace("NAME", name).replace("IMAGE", image))
            .object();
    };
    const char *deployment = R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"NAME","namespace":"test"},
        "spec":{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},
                "template":{"metadata":{"labels":{"app":"NAME"}},
                            "spec":{"containers":[{"name":"c","image":"IMAGE"}]}}}})";
    // An HPA holds "good" at its minimum through the scale subresource.
    const char *autoscaler = R"({"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler",
        "metadata":{"name":"NAME","namespace":"test"},
        "spec":{"minReplicas":2,"maxReplicas":5,
                "scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"NAME"}}})";
    for (const QJsonObject &manifest :
         {object(deployment, "good", "nginx:1.27"), object(deployment, "bad", "nginx:broken"),
          object(autoscaler, "good")}) {
        QVERIFY(
            std::holds_alternative<QJsonObject>(m_server->apply(manifest, QStringLiteral("test"))));
    }

    const auto get = [this](const QString &name) {
        return request("GET", QStringLiteral("/apis/apps/v1/namespaces/test/deployments/") + name)
            .json();
    };
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("good"))[u"status"][u"readyReplicas"].toInt(), 2,
                              10000);
    const QJsonObject good = get(QStringLiteral("good"));
    QCOMPARE(good[u"spec"][u"replicas"].toInt(), 2);
    QCOMPARE(good[u"status"][u"observedGeneration"].toInt(),
             good[u"metadata"][u"generation"].toInt());
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("bad"))[u"status"][u"observedGeneration"].toInt(),
                              1, 10000);
    const QJsonObject bad = get(QStringLiteral("bad"));
    QCOMPARE(bad[u"status"][u"readyReplicas"].toInt(), 0);
    QJsonObject progressing;
    for (const QJsonValue &condition : bad[u"status"][u"conditions"].toArray()) {
        if (condition[u"type"].toString() == u"Progressing")
            progressing = condition.toObject();
    }
    QCOMPARE(progressing.value(u"status").toString(), QStringLiteral("False"));
    QCOMPARE(progressing.value(u"reason").toString(), QStringLiteral("ProgressDeadlineExceeded"));

    // The Deployment owns a ReplicaSet, which owns the Pods.
    const QJsonArray pods =
        request("GET", QStringLiteral("/api/v1/namespaces/test/pods?labelSelector=app%3Dgood"))
            .json()[u"items"]
            .toArray();
    QCOMPARE(pods.size(), 2);
    QCOMPARE(pods.at(0)[u"metadata"][u"ownerReferences"][0][u"kind"].toString(),
             QStringLiteral("ReplicaSet"));
}

QTEST_GUILESS_MAIN(tst_ApiServer)
#include "tst_apiserver.moc"
