// The local API server under load: listing 10,000 Deployments as JSON over HTTPS, and the
// memory each stored object costs (10,000 Deployments; 100,000 ConfigMaps).
#include "apiserver.h"
#include "figure.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslKey>

#include <cstdio>

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * 4096;
}

QJsonObject deployment(int i)
{
    const QByteArray name = QByteArray::number(i).rightJustified(5, '0').prepend("web-");
    const QByteArray text = QByteArrayLiteral(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"NAME","namespace":"bench","labels":{"app":"NAME"}},
        "spec":{"replicas":2,"selector":{"matchLabels":{"app":"NAME"}},
          "template":{"metadata":{"labels":{"app":"NAME"}},
            "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}],
              "resources":{"requests":{"cpu":"100m","memory":"128Mi"}}}]}}}})")
                                .replace("NAME", name);
    return QJsonDocument::fromJson(text).object();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    kubeemu::ApiServer server;
    QString error;
    if (!server.start(0, &error)) {
        std::fprintf(stderr, "bench_kubeemulator: %s\n", qPrintable(error));
        return 1;
    }
    server.apply(QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                             {QStringLiteral("kind"), QStringLiteral("Namespace")},
                             {QStringLiteral("metadata"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")}}}},
                 QStringLiteral("bench"));

    constexpr int deployments = 10000;
    const qint64 before = residentBytes();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < deployments; ++i)
        server.apply(deployment(i), QStringLiteral("bench"));
    std::printf("BENCH kube_emulator.apply_deployment %.3f ms\n",
                double(timer.nsecsElapsed()) / 1e6 / deployments);
    std::printf("BENCH kube_emulator.memory_per_deployment %.0f bytes\n",
                double(residentBytes() - before) / deployments);

    // The admin's credentials, from the kubeconfig as a client takes them.
    const QJsonObject config = QJsonDocument::fromJson(server.kubeconfig()).object();
    const QJsonObject cluster = config[u"clusters"][0][u"cluster"].toObject();
    const QJsonObject admin = config[u"users"][0][u"user"].toObject();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(QByteArray::fromBase64(
        cluster.value(u"certificate-authority-data").toString().toLatin1())));
    tls.setLocalCertificate(QSslCertificate(
        QByteArray::fromBase64(admin.value(u"client-certificate-data").toString().toLatin1())));
    tls.setPrivateKey(QSslKey(
        QByteArray::fromBase64(admin.value(u"client-key-data").toString().toLatin1()), QSsl::Ec));

    QNetworkAccessManager network;
    bool ok = true;
    gitops::bench::measureMilliseconds(
        QStringLiteral("kube_emulator.list_10000_deployments_https"), 7, [&] {
            QNetworkRequest request(
                QUrl(server.url() + QStringLiteral("/apis/apps/v1/namespaces/bench/deployments")));
            request.setSslConfiguration(tls);
            request.setRawHeader("Accept", "application/json");
            QNetworkReply *reply = network.get(request);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const QByteArray body = reply->readAll();
            // Count what arrived: a benchmark of a failed request would measure nothing.
            const qsizetype items =
                QJsonDocument::fromJson(body).object().value(u"items").toArray().size();
            if (reply->error() != QNetworkReply::NoError || items != deployments) {
                std::fprintf(stderr, "bench_kubeemulator: list returned %lld items: %s\n",
                             static_cast<long long>(items), qPrintable(reply->errorString()));
                ok = false;
            }
            reply->deleteLater();
        });

    constexpr int configMaps = 100000;
    const qint64 beforeConfigMaps = residentBytes();
    timer.restart();
    for (int i = 0; i < configMaps; ++i) {
        server.apply(
            QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                        {QStringLiteral("metadata"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("cm-%1").arg(i)},
                                     {QStringLiteral("namespace"), QStringLiteral("bench")}}},
                        {QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("index"), QString::number(i)}}}},
            QStringLiteral("bench"));
    }
    std::printf("BENCH kube_emulator.memory_per_configmap_at_100000 %.0f bytes\n",
                double(residentBytes() - beforeConfigMaps) / configMaps);
    std::printf("BENCH kube_emulator.stored_objects %lld objects\n",
                static_cast<long long>(server.store().totalCount()));
    std::fflush(stdout);
    return ok ? 0 : 1;
}
