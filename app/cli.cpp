// gitops-console SUBCOMMAND: the headless command line (issue 6). Argument handling only;
// the work is done by models/.

#include "cli.h"

#include "drift/driftreport.h"
#include "drift/offlinediff.h"
#include "version.h"
#include "workspace/workspacesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

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

void write(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

// The options `status` and `diff` share for comparing a repository with a cluster.
struct ClusterOptions
{
    QCommandLineOption repo{QStringLiteral("repo"),
                            QStringLiteral("The repository (default: the current folder)."),
                            QStringLiteral("dir"), QStringLiteral(".")};
    QCommandLineOption context{QStringLiteral("context"),
                               QStringLiteral("The kubeconfig context (default: its current one)."),
                               QStringLiteral("name")};
    QCommandLineOption app{QStringLiteral("app"), QStringLiteral("Only this app."),
                           QStringLiteral("name")};
    QCommandLineOption revision{QStringLiteral("revision"),
                                QStringLiteral("The git revision (default: HEAD)."),
                                QStringLiteral("rev"), QStringLiteral("HEAD")};
    QCommandLineOption exact{
        QStringLiteral("exact"),
        QStringLiteral("Compare live objects with the server's dry run of every manifest (what "
                       "kubectl diff --server-side shows): slower, exact.")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({repo, context, app, revision, exact});
    }
};

// Exact mode: asks the session for the server's dry run of every resource of each app that
// could be compared, and puts those verdicts in @p snapshot. An app the session cannot
// dry-run gets the reason as its error.
QString compareExactly(WorkspaceSession &session, DriftSnapshot *snapshot)
{
    QHash<QString, qsizetype> pending;
    for (qsizetype i = 0; i < snapshot->apps.size(); ++i) {
        if (snapshot->apps.at(i).error.isEmpty())
            pending.insert(snapshot->apps.at(i).name, i);
    }
    if (pending.isEmpty())
        return {};
    QEventLoop loop;
    QObject::connect(&session, &WorkspaceSession::exactAppCompared, &loop,
                     [&](const QString &app, const drift::AppDrift &drift) {
                         if (!pending.contains(app))
                             return;
                         snapshot->apps[pending.take(app)].drift = drift;
                         if (pending.isEmpty())
                             loop.quit();
                     });
    QObject::connect(&session, &WorkspaceSession::exactFailed, &loop,
                     [&](const QString &app, const QString &message) {
                         if (!pending.contains(app))
                             return;
                         snapshot->apps[pending.take(app)].error = message;
                         if (pending.isEmpty())
                             loop.quit();
                     });
    QTimer::singleShot(300000, &loop, &QEventLoop::quit);
    // The session may answer at once (no cluster): iterate over a copy.
    const QStringList names = pending.keys();
    for (const QString &name : names)
        session.compareAppExactly(name);
    if (!pending.isEmpty())
        loop.exec();
    if (!pending.isEmpty())
        return QStringLiteral("no exact verdict for %1 within 300 s")
            .arg(QStringList(pending.keys()).join(QStringLiteral(", ")));
    return {};
}

// Reads the apps of the repository, lists the cluster and compares them, as the window does
// (WorkspaceSession); fills @p snapshot or returns an error text.
QString compareWithCluster(const QCommandLineParser &parser, const ClusterOptions &options,
                           DriftSnapshot *snapshot)
{
    WorkspaceSession session;
    const QString kubeError = session.loadKubeConfig();
    const QString context =
        parser.isSet(options.context) ? parser.value(options.context) : session.currentContext();
    if (context.isEmpty())
        return kubeError.isEmpty()
            ? QStringLiteral("no kubeconfig context: name one with --context")
            : kubeError;
    if (!session.contexts().contains(context))
        return QStringLiteral("the kubeconfig has no context %1").arg(context);
    QStringList problems;
    bool done = false;
    QEventLoop loop;
    // The first complete snapshot answers; partial ones come while the cluster is listed.
    QMetaObject::Connection first;
    first = QObject::connect(&session, &WorkspaceSession::snapshotChanged, &loop,
                             [&](const DriftSnapshot &result) {
                                 if (result.partial)
                                     return;
                                 QObject::disconnect(first);
                                 *snapshot = result;
                                 done = true;
                                 loop.quit();
                             });
    QObject::connect(&session, &WorkspaceSession::problem, &loop,
                     [&](const QString &message) { problems << message; });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    session.openRepository(QDir(parser.value(options.repo)).absolutePath(),
                           parser.value(options.revision));
    session.setContext(context);
    loop.exec();
    const auto printProblems = [&] {
        for (const QString &problem : std::as_const(problems))
            std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
        problems.clear();
    };
    printProblems();
    if (!done)
        return QStringLiteral("no answer from the repository and the cluster within 120 s");
    if (parser.isSet(options.app)) {
        const QString name = parser.value(options.app);
        snapshot->apps.removeIf([&](const AppSnapshot &app) { return app.name != name; });
        if (snapshot->apps.isEmpty())
            return QStringLiteral("no app named %1").arg(name);
    }
    if (parser.isSet(options.exact)) {
        const QString error = compareExactly(session, snapshot);
        printProblems();
        if (!error.isEmpty())
            return error;
    }
    // What reading the apps met (a file that did not parse, an ignore rule the console
    // cannot evaluate): the verdict may depend on it.
    for (const AppSnapshot &app : std::as_const(snapshot->apps)) {
        for (const QString &note : app.notes)
            std::fprintf(stderr, "gitops-console: %s: %s\n", qPrintable(app.name),
                         qPrintable(note));
    }
    return {};
}

// 0 when every app is Synced, 2 when one could not be compared, else 1.
int exitCodeOf(const DriftSnapshot &snapshot)
{
    int code = Synced;
    for (const AppSnapshot &app : snapshot.apps) {
        if (!app.error.isEmpty() || app.drift.status == drift::SyncStatus::Unknown)
            return Error;
        if (app.drift.status != drift::SyncStatus::Synced)
            code = Drift;
    }
    return code;
}

int runStatus(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The apps of a repository and their resources, with sync and health against a "
        "cluster. Exit status: 0 when everything is Synced, 1 when anything drifts, 2 on an "
        "error."));
    parser.addHelpOption();
    const ClusterOptions cluster;
    cluster.addTo(parser);
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("table (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("table"));
    parser.addOption(output);
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Synced;
    }
    const QString format = parser.value(output);
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return fail(QStringLiteral("status: unknown output format %1 (table or json)").arg(format));
    DriftSnapshot snapshot;
    if (const QString error = compareWithCluster(parser, cluster, &snapshot); !error.isEmpty())
        return fail(error);

    if (format == QLatin1String("json")) {
        QJsonArray apps;
        for (const AppSnapshot &app : std::as_const(snapshot.apps)) {
            QJsonObject json = drift::DriftReport::toJson(app.drift);
            json.insert(QStringLiteral("name"), app.name);
            if (!app.error.isEmpty())
                json.insert(QStringLiteral("error"), app.error);
            apps.append(json);
        }
        write(QJsonDocument(QJsonObject{{QStringLiteral("revision"), snapshot.revision},
                                        {QStringLiteral("context"), snapshot.context},
                                        {QStringLiteral("apps"), apps}})
                  .toJson(QJsonDocument::Indented));
        return exitCodeOf(snapshot);
    }
    QStringList rows{QStringLiteral("APP\tKIND\tNAMESPACE\tNAME\tSYNC\tHEALTH")};
    for (const AppSnapshot &app : std::as_const(snapshot.apps)) {
        rows << QStringLiteral("%1\t\t\t\t%2\t%3")
                    .arg(app.name,
                         app.error.isEmpty() ? drift::syncStatusName(app.drift.status)
                                             : QStringLiteral("Unknown: ") + app.error,
                         drift::Health::name(app.drift.health.status));
        for (const drift::ResourceDrift &resource : app.drift.resources) {
            const QString kind = resource.id.group.isEmpty()
                ? resource.id.kind
                : resource.id.kind + u'.' + resource.id.group;
            rows << QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                        .arg(app.name, kind, resource.id.namespaceName, resource.id.name,
                             drift::syncStatusName(resource.status),
                             drift::Health::name(resource.health.status));
        }
    }
    // Columns as wide as their widest cell, like kubectl's tables.
    QList<qsizetype> widths;
    QList<QStringList> cells;
    for (const QString &row : std::as_const(rows)) {
        cells << row.split(u'\t');
        for (qsizetype i = 0; i < cells.last().size(); ++i) {
            if (widths.size() <= i)
                widths << 0;
            widths[i] = std::max(widths[i], cells.last().at(i).size());
        }
    }
    QString text;
    for (const QStringList &row : std::as_const(cells)) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 3) : row.at(i);
        text += line.trimmed() + u'\n';
    }
    write(text.toUtf8());
    return exitCodeOf(snapshot);
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
    const ClusterOptions cluster;
    cluster.addTo(parser);
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Synced;
    }
    if (!parser.isSet(desired) && !parser.isSet(live)) {
        // Against a cluster: the repository's apps, compared as the window compares them.
        const QString format = parser.value(output);
        if (format != QLatin1String("unified") && format != QLatin1String("json"))
            return fail(
                QStringLiteral("diff: unknown output format %1 (unified or json)").arg(format));
        DriftSnapshot snapshot;
        if (const QString error = compareWithCluster(parser, cluster, &snapshot); !error.isEmpty())
            return fail(error);
        QJsonArray apps;
        for (const AppSnapshot &app : std::as_const(snapshot.apps)) {
            if (!app.error.isEmpty())
                std::fprintf(stderr, "gitops-console: %s: %s\n", qPrintable(app.name),
                             qPrintable(app.error));
            if (format == QLatin1String("json")) {
                QJsonObject json = drift::DriftReport::toJson(app.drift);
                json.insert(QStringLiteral("name"), app.name);
                apps.append(json);
            } else {
                write(drift::DriftReport::unifiedDiff(app.drift).toUtf8());
            }
        }
        if (format == QLatin1String("json"))
            write(QJsonDocument(QJsonObject{{QStringLiteral("apps"), apps}})
                      .toJson(QJsonDocument::Indented));
        return exitCodeOf(snapshot);
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("diff: unexpected argument %1")
                        .arg(parser.positionalArguments().first()));
    if (parser.isSet(cluster.exact))
        return fail(QStringLiteral("diff: --exact asks the cluster for dry runs; it cannot be "
                                   "used with --desired and --live"));
    if (!parser.isSet(desired) || !parser.isSet(live))
        return fail(QStringLiteral(
            "diff needs --desired PATH and --live PATH together (or neither, to compare "
            "--repo with a cluster)"));
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
    return argument && (std::strcmp(argument, "diff") == 0 || std::strcmp(argument, "status") == 0);
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
    if (subcommand == QLatin1String("status"))
        return runStatus(arguments);
    return fail(QStringLiteral("unknown subcommand %1").arg(subcommand));
}

} // namespace gitops
