// local-forge: GitHub, GitLab or Gitea pull requests on 127.0.0.1 for tests and the demo.

#include "forgeserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("local-forge"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local forge for tests: one flavor's pull-request API over the bare repositories "
        "under --root (ROOT/OWNER/REPO.git). Not for real use."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port on 127.0.0.1 (0: any free one)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption flavor(QStringLiteral("flavor"),
                                    QStringLiteral("github (API at /api/v3), gitlab (/api/v4) or "
                                                   "gitea (/api/v1)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption root(QStringLiteral("root"),
                                  QStringLiteral("Folder of the bare repositories."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("The token that may read and write (none: "
                                                  "every request may)."),
                                   QStringLiteral("TOKEN"));
    const QCommandLineOption readToken(QStringLiteral("read-token"),
                                       QStringLiteral("A token that may only read: writes get "
                                                      "the flavor's missing-scope answer."),
                                       QStringLiteral("TOKEN"));
    const QCommandLineOption labels(QStringLiteral("labels"),
                                    QStringLiteral("The labels every repository has, "
                                                   "comma-separated (Gitea gives them ids 1...)."),
                                    QStringLiteral("NAMES"), QStringLiteral("gitops-console"));
    const QCommandLineOption users(QStringLiteral("users"),
                                   QStringLiteral("The users who may be asked to review, "
                                                  "comma-separated (GitLab gives them ids 1...)."),
                                   QStringLiteral("NAMES"), QStringLiteral("alice,bob"));
    const QCommandLineOption decodeSlashes(
        QStringLiteral("decode-slashes"),
        QStringLiteral("Act as if behind a proxy that decodes %2F in paths (GitLab's "
                       "URL-encoded project paths are then not found)."));
    const QCommandLineOption record(
        QStringLiteral("record"),
        QStringLiteral("Append every API request and answer to FILE, one JSON object a line."),
        QStringLiteral("FILE"));
    const QCommandLineOption stateDump(
        QStringLiteral("state-dump"),
        QStringLiteral("On exit, write every pull request to FILE (JSON)."),
        QStringLiteral("FILE"));
    const QCommandLineOption faults(
        QStringLiteral("faults"),
        QStringLiteral("Inject faults, as JSON: {\"rules\":[{\"method\":\"POST\",\"path\":"
                       "\"/pulls\",\"status\":500|502|429,\"resetSeconds\":N,\"drop\":"
                       "\"before\"|\"after\",\"withoutHeader\":\"Link\",\"times\":N}]}. "
                       "Changeable at run time with "
                       "POST /_forge/faults."),
        QStringLiteral("JSON"));
    const QCommandLineOption gnupgHome(
        QStringLiteral("gnupghome"),
        QStringLiteral("The GnuPG home whose keys are the users' OpenPGP keys and whose "
                       "gpgsm certificates (roots in trustlist.txt) are trusted for X.509 "
                       "signatures (none: such signatures are never verified)."),
        QStringLiteral("DIR"));
    parser.addOptions({port, flavor, root, token, readToken, labels, users, decodeSlashes, record,
                       stateDump, faults, gnupgHome});
    parser.process(app);

    const std::optional<localforge::ForgeServer::Flavor> chosen =
        localforge::ForgeServer::flavorFromName(parser.value(flavor));
    if (!chosen || !parser.isSet(root)) {
        std::fprintf(stderr,
                     "local-forge: --flavor github|gitlab|gitea and --root DIR are "
                     "required\n");
        return 2;
    }
    localforge::ForgeSettings settings;
    settings.root = QDir(parser.value(root)).absolutePath();
    settings.token = parser.value(token).toUtf8();
    settings.readToken = parser.value(readToken).toUtf8();
    settings.labels = parser.value(labels).split(u',', Qt::SkipEmptyParts);
    settings.users = parser.value(users).split(u',', Qt::SkipEmptyParts);
    settings.decodeSlashes = parser.isSet(decodeSlashes);
    if (parser.isSet(gnupgHome))
        settings.gnupgHome = QDir(parser.value(gnupgHome)).absolutePath();

    localforge::ForgeServer server(*chosen, settings);
    if (parser.isSet(record))
        server.recordTo(parser.value(record));
    QString error;
    if (parser.isSet(faults)) {
        QJsonParseError parseError;
        const QJsonDocument json =
            QJsonDocument::fromJson(parser.value(faults).toUtf8(), &parseError);
        if (!json.isObject() || !server.setFaults(json.object(), &error)) {
            std::fprintf(stderr, "local-forge: --faults: %s\n",
                         qPrintable(json.isObject() ? error : parseError.errorString()));
            return 2;
        }
    }
    if (!server.listen(quint16(parser.value(port).toUInt()), &error)) {
        std::fprintf(stderr, "local-forge: %s\n", qPrintable(error));
        return 1;
    }

    // SIGTERM and SIGINT end the event loop, so the state dump is written.
    if (::pipe(signalPipe) != 0)
        return 1;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);

    std::printf("listening on %s\n", qPrintable(server.origin()));
    std::fflush(stdout);
    const int status = app.exec();

    if (parser.isSet(stateDump)) {
        QSaveFile out(parser.value(stateDump));
        const QByteArray data = QJsonDocument(server.state()).toJson();
        if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
            std::fprintf(stderr, "local-forge: %s: %s\n", qPrintable(parser.value(stateDump)),
                         qPrintable(out.errorString()));
            return 1;
        }
    }
    return status;
}
