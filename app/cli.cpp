// gitops-console SUBCOMMAND: the headless command line (issue 6). Argument handling only;
// the work is done by models/.

#include "cli.h"

#include "drift/driftreport.h"
#include "drift/offlinediff.h"
#include "version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <cstring>

namespace gitops {

namespace {

enum ExitCode { Synced = 0, Drift = 1, Error = 2 };

int fail(const QString &message)
{
    std::fprintf(stderr, "gitops-console: %s\n", qPrintable(message));
    return Error;
}

int runDiff(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare manifests with live objects saved by `kubectl get -o yaml|json`, without a "
        "cluster. Exit status: 0 when everything is Synced, 1 when anything drifts, 2 on an "
        "error."));
    parser.addHelpOption();
    const QCommandLineOption desired(
        QStringLiteral("desired"),
        QStringLiteral("Manifests (a YAML or JSON file, or a folder) as git holds them."),
        QStringLiteral("path"));
    const QCommandLineOption live(
        QStringLiteral("live"),
        QStringLiteral("Live objects as `kubectl get -o yaml|json` prints them (objects or a "
                       "List; a file or a folder)."),
        QStringLiteral("path"));
    const QCommandLineOption ns(
        {QStringLiteral("n"), QStringLiteral("namespace")},
        QStringLiteral("Namespace of namespaced manifests that name none (default: default)."),
        QStringLiteral("namespace"), QStringLiteral("default"));
    const QCommandLineOption fieldManager(
        QStringLiteral("field-manager"),
        QStringLiteral("The field manager that deploys the app (default: every server-side "
                       "applier)."),
        QStringLiteral("name"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("unified (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("unified"));
    parser.addOptions({desired, live, ns, fieldManager, output});
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Synced;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("diff: unexpected argument %1")
                        .arg(parser.positionalArguments().first()));
    if (!parser.isSet(desired) || !parser.isSet(live))
        return fail(QStringLiteral(
            "diff needs --desired PATH and --live PATH (comparing with a cluster is not "
            "available yet)"));
    const QString format = parser.value(output);
    if (format != QLatin1String("unified") && format != QLatin1String("json"))
        return fail(QStringLiteral("diff: unknown output format %1 (unified or json)").arg(format));

    drift::ComparisonOptions options;
    if (parser.isSet(fieldManager))
        options.appliers = {parser.value(fieldManager)};
    const drift::OfflineDiff::Result result = drift::OfflineDiff::run(
        parser.value(desired), parser.value(live), parser.value(ns), options);
    for (const QString &warning : result.warnings)
        std::fprintf(stderr, "%s\n", qPrintable(warning));
    if (!result.errors.isEmpty()) {
        for (const QString &error : result.errors)
            std::fprintf(stderr, "%s\n", qPrintable(error));
        return Error;
    }
    if (format == QLatin1String("json")) {
        const QByteArray json =
            QJsonDocument(drift::DriftReport::toJson(result.app)).toJson(QJsonDocument::Indented);
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    } else {
        const QByteArray text = drift::DriftReport::unifiedDiff(result.app).toUtf8();
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    }
    switch (result.app.status) {
    case drift::SyncStatus::Synced:
        return Synced;
    case drift::SyncStatus::Unknown:
        return Error;
    default:
        return Drift;
    }
}

} // namespace

bool isSubcommand(const char *argument)
{
    return argument && std::strcmp(argument, "diff") == 0;
}

int runSubcommand(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("gitops-console"));
    QCoreApplication::setApplicationName(QStringLiteral("gitops-console"));
    QCoreApplication::setApplicationVersion(applicationVersion());
    QStringList arguments = QCoreApplication::arguments();
    const QString subcommand = arguments.value(1);
    // QCommandLineParser takes the program name first: "gitops-console diff".
    arguments.removeAt(1);
    arguments[0] = QStringLiteral("gitops-console ") + subcommand;
    if (subcommand == QLatin1String("diff"))
        return runDiff(arguments);
    return fail(QStringLiteral("unknown subcommand %1").arg(subcommand));
}

} // namespace gitops
