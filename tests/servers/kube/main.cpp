// kube-emulator: the local Kubernetes API server for tests and the demo.

#include "apiserver.h"
#include "controllers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kube-emulator"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local Kubernetes API server for tests and demos (not for workloads)."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port on 127.0.0.1 (0: any free one)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption kubeconfig(QStringLiteral("kubeconfig-out"),
                                        QStringLiteral("Write a kubeconfig for kubectl to FILE."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Apply every manifest under DIR at start-up "
                                                 "(server-side apply, field manager seed)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption controllers(QStringLiteral("controllers"),
                                         QStringLiteral("Simulate workload controllers."));
    const QCommandLineOption tokens(
        QStringLiteral("tokens"), QStringLiteral("Static tokens, CSV: token,user,uid,\"groups\"."),
        QStringLiteral("FILE"));
    const QCommandLineOption stateDump(
        QStringLiteral("state-dump"), QStringLiteral("On exit, write every object to FILE (JSON)."),
        QStringLiteral("FILE"));
    const QCommandLineOption bookmarks(QStringLiteral("bookmark-interval"),
                                       QStringLiteral("Milliseconds between watch bookmarks."),
                                       QStringLiteral("MS"), QStringLiteral("60000"));
    const QCommandLineOption faults(
        QStringLiteral("faults"),
        QStringLiteral("Inject faults, as JSON: latencyMs, errorRate, errorCode (500, 503, 429), "
                       "retryAfterSeconds, dropRate, cutWatchesAfter. Changeable at run time by "
                       "the admin with POST /emulator/faults; POST /emulator/compact forgets the "
                       "watch history (410 Gone for older versions)."),
        QStringLiteral("JSON"));
    const QCommandLineOption auditLog(
        QStringLiteral("audit-log"),
        QStringLiteral("Append an audit.k8s.io/v1 Event line (level Metadata, stage "
                       "ResponseComplete) for every write to FILE, as kube-apiserver "
                       "--audit-log-path does."),
        QStringLiteral("FILE"));
    parser.addOptions(
        {port, kubeconfig, seed, controllers, tokens, stateDump, bookmarks, faults, auditLog});
    parser.process(app);

    kubeemu::ApiServer server;
    QString error;
    if (parser.isSet(tokens) && !server.loadTokens(parser.value(tokens), &error)) {
        std::fprintf(stderr, "kube-emulator: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(auditLog) && !server.setAuditLog(parser.value(auditLog), &error)) {
        std::fprintf(stderr, "kube-emulator: %s\n", qPrintable(error));
        return 1;
    }
    server.setBookmarkInterval(parser.value(bookmarks).toInt());
    if (parser.isSet(faults)) {
        QJsonParseError parseError;
        const QJsonDocument json =
            QJsonDocument::fromJson(parser.value(faults).toUtf8(), &parseError);
        if (!json.isObject()) {
            std::fprintf(stderr, "kube-emulator: --faults: %s\n",
                         qPrintable(parseError.errorString()));
            return 2;
        }
        server.setFaults(kubeemu::FaultSettings::fromJson(json.object()));
    }
    if (!server.start(quint16(parser.value(port).toUInt()), &error)) {
        std::fprintf(stderr, "kube-emulator: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(seed)) {
        const QStringList errors = server.seed(parser.value(seed));
        for (const QString &message : errors)
            std::fprintf(stderr, "kube-emulator: seed: %s\n", qPrintable(message));
        if (!errors.isEmpty())
            return 1;
    }
    if (parser.isSet(kubeconfig) && !server.writeKubeconfig(parser.value(kubeconfig), &error)) {
        std::fprintf(stderr, "kube-emulator: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(controllers))
        new kubeemu::SimulatedControllers(&server);

    if (::pipe(signalPipe) != 0)
        return 1;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app,
                     [] { QCoreApplication::quit(); });

    std::printf("listening on %s\n", qPrintable(server.url()));
    std::fflush(stdout);
    const int status = QCoreApplication::exec();

    if (parser.isSet(stateDump)
        && !writeFile(parser.value(stateDump),
                      QJsonDocument(server.stateDump()).toJson(QJsonDocument::Indented), &error)) {
        std::fprintf(stderr, "kube-emulator: %s\n", qPrintable(error));
        return 1;
    }
    return status;
}
