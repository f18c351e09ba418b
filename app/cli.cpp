// gitops-console SUBCOMMAND: the headless command line (issue 6). Argument handling only;
// the work is done by models/.

#include "cli.h"

#include "clustercomparison.h"
#include "command.h"
#include "drift/driftreport.h"
#include "drift/offlinediff.h"
#include "forge/changebranch.h"
#include "forge/forgehost.h"
#include "git/repository.h"
#include "pullrequestlisting.h"
#include "version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <variant>

namespace gitops {

namespace {

using cli::Drift;
using cli::Error;
using cli::fail;
using cli::Synced;
using cli::unexpectedArguments;
using cli::write;

// Edit distance (insertions, deletions, substitutions), case-insensitive.
qsizetype distance(const QString &a, const QString &b)
{
    QList<qsizetype> previous(b.size() + 1);
    QList<qsizetype> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const bool same = a.at(i - 1).toCaseFolded() == b.at(j - 1).toCaseFolded();
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// The options `status` and `diff` share for comparing a repository with a cluster.
struct ClusterOptions
{
    QCommandLineOption repo = cli::repositoryOption();
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
    QCommandLineOption timeout{
        QStringLiteral("timeout"),
        QStringLiteral("Give up (exit 2) when there is no answer within <seconds> (default: "
                       "wait as long as the repository and the cluster take)."),
        QStringLiteral("seconds")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.addOptions({repo, context, app, revision, exact, timeout});
    }
};

// The question `status` and `diff` ask of a repository and a cluster, from the options;
// or why the options do not make one.
std::variant<ClusterQuestion, QString> questionFrom(const QCommandLineParser &parser,
                                                    const ClusterOptions &options)
{
    ClusterQuestion question;
    question.folder = QDir(parser.value(options.repo)).absolutePath();
    question.revision = parser.value(options.revision);
    question.context = parser.value(options.context);
    question.app = parser.value(options.app);
    question.exact = parser.isSet(options.exact);
    if (parser.isSet(options.timeout)) {
        bool ok = false;
        question.timeoutSeconds = parser.value(options.timeout).toInt(&ok);
        if (!ok || question.timeoutSeconds <= 0)
            return QStringLiteral("--timeout takes a whole number of seconds above 0, not %1")
                .arg(parser.value(options.timeout));
    }
    return question;
}

// Answers @p question in the application's one event loop (QCoreApplication::exec()):
// @p report prints the snapshot and returns the exit code, which ends the loop. Errors exit
// 2, the reason on stderr and, with @p json, as {"error"} on stdout.
int answer(const ClusterQuestion &question, bool json,
           const std::function<int(const drift::WorkspaceDrift &)> &report)
{
    ClusterComparison comparison(question);
    QObject::connect(&comparison, &ClusterComparison::finished, &comparison,
                     [json, &report](const drift::WorkspaceDrift &snapshot, const QString &error,
                                     const QStringList &problems) {
                         for (const QString &problem : problems)
                             std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
                         if (!error.isEmpty()) {
                             QCoreApplication::exit(fail(error, json));
                             return;
                         }
                         // What reading the apps met (a file that did not parse, an ignore rule the
                         // console cannot evaluate): the verdict may depend on it.
                         for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
                             for (const QString &note : app.noteLines())
                                 std::fprintf(stderr, "gitops-console: %s: %s\n",
                                              qPrintable(app.name), qPrintable(note));
                         }
                         QCoreApplication::exit(report(snapshot));
                     });
    // Once the loop runs: an answer that comes at once (an unknown context) must end it.
    QTimer::singleShot(0, &comparison, &ClusterComparison::start);
    return QCoreApplication::exec();
}

// The one exit-code rule of `status` and both forms of `diff`: 0 when everything is Synced,
// 2 when anything is Unknown (could not be read, rendered or compared; the engine makes an
// app with an error Unknown), else 1.
int exitCodeOf(drift::SyncStatus status)
{
    switch (status) {
    case drift::SyncStatus::Synced:
        return Synced;
    case drift::SyncStatus::Unknown:
        return Error;
    default:
        return Drift;
    }
}

int exitCodeOf(const drift::WorkspaceDrift &snapshot)
{
    int code = Synced;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        // A file git's side could not be read leaves the verdict incomplete: that is no
        // answer a script may take for "only drift".
        if (!app.problem().isEmpty())
            return Error;
        code = std::max(code, exitCodeOf(app.drift.status));
    }
    return code;
}

// {"name", "sync", "health", "revision", "message", "agrees", "disagreement"}: what the
// app's controller says, for -o json; empty members left out.
QJsonObject controllerJson(const ControllerVerdict &verdict, const QString &sync,
                           const QString &health, const QString &message,
                           const QString &disagreement)
{
    QJsonObject json{{QStringLiteral("name"), verdict.controllerName()},
                     {QStringLiteral("sync"), sync},
                     {QStringLiteral("agrees"), disagreement.isEmpty()}};
    if (!health.isEmpty())
        json.insert(QStringLiteral("health"), health);
    if (!verdict.revision.isEmpty())
        json.insert(QStringLiteral("revision"), verdict.revision);
    if (!message.isEmpty())
        json.insert(QStringLiteral("message"), message);
    if (!disagreement.isEmpty())
        json.insert(QStringLiteral("disagreement"), disagreement);
    return json;
}

QJsonObject appJson(const drift::AppWorkspaceDrift &app)
{
    QJsonObject json = drift::DriftReport::toJson(app.drift);
    // Where a namespace no manifest names came from: the app's destination, the context.
    if (!app.inferredNamespaces.isEmpty()) {
        QJsonArray resources = json.value(u"resources").toArray();
        for (qsizetype i = 0; i < resources.size() && i < app.drift.resources.size(); ++i) {
            const auto from = app.inferredNamespaces.constFind(app.drift.resources.at(i).id);
            if (from == app.inferredNamespaces.cend())
                continue;
            QJsonObject resource = resources.at(i).toObject();
            resource.insert(QStringLiteral("namespaceFrom"), namespaceFromName(*from));
            resources[i] = resource;
        }
        json.insert(QStringLiteral("resources"), resources);
    }
    json.insert(QStringLiteral("name"), app.name);
    // App-of-apps: the app whose Applications include this one's.
    if (!app.parent.isEmpty())
        json.insert(QStringLiteral("parent"), app.parent);
    if (!app.error.isEmpty())
        json.insert(QStringLiteral("error"), app.error);
    // The controller's own verdict beside the console's (issue 20, item 4).
    if (const ControllerVerdict &verdict = app.controller; verdict.isKnown()) {
        json.insert(QStringLiteral("controller"),
                    controllerJson(verdict, verdict.sync, verdict.health, verdict.message,
                                   verdict.disagreement(app.drift)));
        QJsonArray resources = json.value(u"resources").toArray();
        for (qsizetype i = 0; i < resources.size() && i < app.drift.resources.size(); ++i) {
            const drift::ResourceDrift &resource = app.drift.resources.at(i);
            const auto found = verdict.resources.constFind(resource.id);
            if (found == verdict.resources.cend())
                continue;
            QJsonObject entry = resources.at(i).toObject();
            entry.insert(QStringLiteral("controller"),
                         controllerJson(verdict, found->sync, found->health, found->message,
                                        verdict.disagreement(resource)));
            resources[i] = entry;
        }
        json.insert(QStringLiteral("resources"), resources);
    }
    return json;
}

// {"revision", "context", "apps"}: the JSON of `status` and of `diff` against a cluster.
QByteArray snapshotJson(const drift::WorkspaceDrift &snapshot)
{
    QJsonArray apps;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps)
        apps.append(appJson(app));
    // The commit as people read it (the golden files' "3bbb065b"), the snapshot holds it whole.
    return QJsonDocument(QJsonObject{{QStringLiteral("revision"),
                                      drift::WorkspaceDrift::shortRevision(snapshot.revision)},
                                     {QStringLiteral("context"), snapshot.context},
                                     {QStringLiteral("apps"), apps}})
        .toJson(QJsonDocument::Indented);
}

// The table of `status`: columns as wide as their widest cell, like kubectl's; a row that
// has a reason (why it is Unknown) names a note, and the notes follow the table, each reason
// once however many rows share it (an unreachable cluster makes every resource Unknown).
QString statusTable(const drift::WorkspaceDrift &snapshot)
{
    QList<QStringList> rows{{QStringLiteral("APP"), QStringLiteral("KIND"),
                             QStringLiteral("NAMESPACE"), QStringLiteral("NAME"),
                             QStringLiteral("SYNC"), QStringLiteral("HEALTH"),
                             QStringLiteral("REASON")}};
    QStringList reasons;
    const auto noteFor = [&](const QString &reason) {
        if (reason.isEmpty())
            return QString();
        qsizetype index = reasons.indexOf(reason);
        if (index < 0) {
            index = reasons.size();
            reasons << reason;
        }
        return QStringLiteral("[%1]").arg(index + 1);
    };
    // The controllers' own verdicts, where the cluster defines apps: a column, one word a
    // cell as every cell ("≠Synced/Healthy[2]": differs, see note 2).
    const bool controllers =
        std::any_of(snapshot.apps.cbegin(), snapshot.apps.cend(),
                    [](const drift::AppWorkspaceDrift &app) { return app.controller.isKnown(); });
    if (controllers)
        rows.first().insert(6, QStringLiteral("CONTROLLER"));
    const auto controllerCell = [&](const ControllerVerdict &verdict, const QString &sync,
                                    const QString &health, const QString &disagreement) {
        if (sync.isEmpty())
            return QString();
        QString cell = health.isEmpty() ? sync : sync + u'/' + health;
        if (!disagreement.isEmpty())
            cell = QStringLiteral("\u2260") + cell
                + noteFor(verdict.controllerName() == u"flux" ? disagreement
                                                              : disagreement
                                  + (verdict.message.isEmpty()
                                         ? QString()
                                         : QStringLiteral(" (Argo CD: %1)").arg(verdict.message)));
        return cell;
    };
    // App-of-apps: a child app's own row is indented under its parent's ("└ child"; the
    // snapshot lists children after their parent); its resource rows name it plainly.
    QHash<QString, QString> parents;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps)
        parents.insert(app.name, app.parent);
    const auto nested = [&](const drift::AppWorkspaceDrift &app) {
        int depth = 0;
        for (QString parent = app.parent; !parent.isEmpty() && depth < snapshot.apps.size();
             parent = parents.value(parent))
            ++depth;
        return depth == 0 ? app.name
                          : QString(2 * (depth - 1), u' ') + QStringLiteral("\u2514 ") + app.name;
    };
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        rows << QStringList{nested(app),
                            {},
                            {},
                            {},
                            drift::syncStatusName(app.drift.status),
                            drift::Health::name(app.drift.health.status),
                            noteFor(app.error)};
        if (controllers)
            rows.last().insert(6,
                               controllerCell(app.controller, app.controller.sync,
                                              app.controller.health,
                                              app.controller.disagreement(app.drift)));
        for (const drift::ResourceDrift &resource : app.drift.resources) {
            const QString kind = resource.id.group.isEmpty()
                ? resource.id.kind
                : resource.id.kind + u'.' + resource.id.group;
            rows << QStringList{app.name,
                                kind,
                                resource.id.namespaceName,
                                resource.id.name,
                                drift::syncStatusName(resource.status),
                                drift::Health::name(resource.health.status),
                                noteFor(resource.status == drift::SyncStatus::Unknown
                                            ? resource.reason
                                            : QString())};
            if (controllers) {
                const auto found = app.controller.resources.constFind(resource.id);
                rows.last().insert(6,
                                   found == app.controller.resources.cend()
                                       ? QString()
                                       : controllerCell(app.controller, found->sync, found->health,
                                                        app.controller.disagreement(resource)));
            }
        }
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    QString text;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 3) : row.at(i);
        // Trailing blanks only: a child app's row keeps its indentation.
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    }
    if (!reasons.isEmpty())
        text += u'\n';
    for (qsizetype i = 0; i < reasons.size(); ++i) {
        const QString label = QStringLiteral("[%1] ").arg(i + 1);
        QString reason = reasons.at(i);
        reason.replace(u'\n', u'\n' + QString(label.size(), u' '));
        text += label + reason + u'\n';
    }
    return text;
}

int runStatus(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The apps of a repository and their resources, with sync and health against a\n"
        "cluster, compared as the window compares them; why a row is Unknown follows the\n"
        "table. Exit status: 0 when everything is Synced, 1 when anything drifts, 2 on an\n"
        "error."));
    parser.addHelpOption();
    const ClusterOptions cluster;
    cluster.addTo(parser);
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("table (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("table"));
    parser.addOption(output);
    const bool parsed = parser.parse(arguments);
    const bool json = parser.value(output) == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (cli::helpRequested(parser, QStringLiteral("gitops-console status")))
        return Synced;
    if (const QString error = unexpectedArguments(parser, "status"); !error.isEmpty())
        return fail(error, json);
    const QString format = parser.value(output);
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return fail(QStringLiteral("status: unknown output format %1 (table or json)").arg(format));
    const auto question = questionFrom(parser, cluster);
    if (const QString *error = std::get_if<QString>(&question))
        return fail(*error, json);
    return answer(std::get<ClusterQuestion>(question), json,
                  [json](const drift::WorkspaceDrift &snapshot) {
                      write(json ? snapshotJson(snapshot) : statusTable(snapshot).toUtf8());
                      return exitCodeOf(snapshot);
                  });
}

int runDiff(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "What drifts, as a unified diff of normalised YAML (or JSON), in one of two forms:\n"
        "  gitops-console diff [--repo DIR] [--context NAME] [--app NAME] [--revision REV]\n"
        "                      [--exact] [--timeout SECONDS] [-o unified|json]\n"
        "      the apps of a repository against a cluster, compared as the window does;\n"
        "  gitops-console diff --desired PATH --live PATH [-n NAMESPACE]\n"
        "                      [--field-manager NAME] [-o unified|json]\n"
        "      manifests against live objects saved by `kubectl get -o yaml|json`, offline.\n"
        "Exit status: 0 when everything is Synced, 1 when anything drifts, 2 on an error."));
    parser.addHelpOption();
    const QCommandLineOption desired(
        QStringLiteral("desired"),
        QStringLiteral("Offline: manifests (a YAML or JSON file, or a folder) as git holds them."),
        QStringLiteral("path"));
    const QCommandLineOption live(
        QStringLiteral("live"),
        QStringLiteral("Offline: live objects as `kubectl get -o yaml|json` prints them "
                       "(objects or a List; a file or a folder)."),
        QStringLiteral("path"));
    const QCommandLineOption ns(
        {QStringLiteral("n"), QStringLiteral("namespace")},
        QStringLiteral("Offline: the namespace of namespaced manifests that name none (default: "
                       "default)."),
        QStringLiteral("namespace"), QStringLiteral("default"));
    const QCommandLineOption fieldManager(
        QStringLiteral("field-manager"),
        QStringLiteral("Offline: the field manager that deploys the app (default: every "
                       "server-side applier)."),
        QStringLiteral("name"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("unified (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("unified"));
    parser.addOptions({desired, live, ns, fieldManager, output});
    const ClusterOptions cluster;
    cluster.addTo(parser);
    const bool parsed = parser.parse(arguments);
    const QString format = parser.value(output);
    const bool json = format == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (cli::helpRequested(parser, QStringLiteral("gitops-console diff")))
        return Synced;
    if (const QString error = unexpectedArguments(parser, "diff"); !error.isEmpty())
        return fail(error, json);
    if (format != QLatin1String("unified") && format != QLatin1String("json"))
        return fail(QStringLiteral("diff: unknown output format %1 (unified or json)").arg(format));
    if (!parser.isSet(desired) && !parser.isSet(live)) {
        for (const QCommandLineOption *offline : {&ns, &fieldManager}) {
            if (parser.isSet(*offline))
                return fail(QStringLiteral("diff: --%1 is for --desired and --live; against a "
                                           "cluster the apps say where they deploy")
                                .arg(offline->names().constLast()),
                            json);
        }
        // Against a cluster: the repository's apps, compared as the window compares them.
        const auto question = questionFrom(parser, cluster);
        if (const QString *error = std::get_if<QString>(&question))
            return fail(*error, json);
        return answer(std::get<ClusterQuestion>(question), json,
                      [json](const drift::WorkspaceDrift &snapshot) {
                          for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
                              if (!app.error.isEmpty())
                                  std::fprintf(stderr, "gitops-console: %s: %s\n",
                                               qPrintable(app.name), qPrintable(app.error));
                              if (!json)
                                  write(drift::DriftReport::unifiedDiff(app.drift).toUtf8());
                          }
                          if (json)
                              write(snapshotJson(snapshot));
                          return exitCodeOf(snapshot);
                      });
    }
    for (const QCommandLineOption *online : {&cluster.repo, &cluster.context, &cluster.app,
                                             &cluster.revision, &cluster.exact, &cluster.timeout}) {
        if (parser.isSet(*online))
            return fail(QStringLiteral("diff: --%1 is for comparing a repository with a "
                                       "cluster; it cannot be used with --desired and --live")
                            .arg(online->names().constFirst()),
                        json);
    }
    if (!parser.isSet(desired) || !parser.isSet(live))
        return fail(
            QStringLiteral("diff needs --desired PATH and --live PATH together (or neither, to "
                           "compare --repo with a cluster)"),
            json);

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
        if (json)
            write(QJsonDocument(QJsonObject{{QStringLiteral("error"), result.errors.join(u'\n')}})
                      .toJson(QJsonDocument::Indented));
        return Error;
    }
    if (json)
        write(
            QJsonDocument(drift::DriftReport::toJson(result.app)).toJson(QJsonDocument::Indented));
    else
        write(drift::DriftReport::unifiedDiff(result.app).toUtf8());
    return exitCodeOf(result.app.status);
}

// `pr list`: the open pull/merge requests whose head branch the console made (with --app:
// the app's, and anyone's that touch the app's paths), from the repository's first remote's
// forge.
int runPullRequests(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The open pull or merge requests on the repository's forge (GitHub, GitLab, Gitea)\n"
        "whose branch the console made (gitops/APP/...). With --app, that app's, and\n"
        "anyone's on any branch whose changed files touch the app's inputs at HEAD (its\n"
        "folders and what its kustomizations reach): one files request per open pull\n"
        "request; -o json then names them in \"touches\". The forge is found from the\n"
        "first remote's URL; its token comes from the keychain or GITHUB_TOKEN,\n"
        "GITLAB_TOKEN, GITEA_TOKEN. Exit status: 0, or 2 on an error."));
    parser.addHelpOption();
    const QCommandLineOption repo = cli::repositoryOption();
    const QCommandLineOption app(
        QStringLiteral("app"),
        QStringLiteral("Only this app's: on its branch, or touching its paths."),
        QStringLiteral("name"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("table (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("table"));
    parser.addOptions({repo, app, output});
    parser.addPositionalArgument(QStringLiteral("list"), QStringLiteral("The one action: list."));
    const bool parsed = parser.parse(arguments);
    const bool json = parser.value(output) == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (cli::helpRequested(parser, QStringLiteral("gitops-console pr")))
        return Synced;
    if (parser.positionalArguments() != QStringList{QStringLiteral("list")})
        return fail(QStringLiteral("pr: say what to do: gitops-console pr list [options]"), json);
    const QString format = parser.value(output);
    if (format != QLatin1String("table") && format != QLatin1String("json"))
        return fail(QStringLiteral("pr: unknown output format %1 (table or json)").arg(format));
    auto opened = git::Repository::open(parser.value(repo));
    if (const QString *error = std::get_if<QString>(&opened))
        return fail(*error, json);
    const QStringList remotes = std::get<std::unique_ptr<git::Repository>>(opened)->remoteUrls();
    if (remotes.isEmpty())
        return fail(
            QStringLiteral("%1 has no remote, so there is no forge to ask").arg(parser.value(repo)),
            json);
    const QString appName = parser.isSet(app) ? parser.value(app) : QString();

    PullRequestListing listing;
    QObject::connect(
        &listing, &PullRequestListing::finished, &listing,
        [&listing, json, appName](const QList<forge::PullRequest> &requests, const QString &error) {
            if (!error.isEmpty()) {
                QCoreApplication::exit(fail(error, json));
                return;
            }
            if (json) {
                QJsonArray items;
                for (const forge::PullRequest &request : requests) {
                    QJsonObject item{{QStringLiteral("number"), request.number},
                                     {QStringLiteral("title"), request.title},
                                     {QStringLiteral("branch"), request.head},
                                     {QStringLiteral("base"), request.base},
                                     {QStringLiteral("draft"), request.draft},
                                     {QStringLiteral("url"), request.webUrl.toString()}};
                    // The app's inputs it changes; [] for one on the app's branch alone.
                    if (!appName.isEmpty())
                        item.insert(QStringLiteral("touches"),
                                    QJsonArray::fromStringList(listing.touches(request.number)));
                    items.append(item);
                }
                write(QJsonDocument(
                          QJsonObject{{QStringLiteral("forge"),
                                       forge::forgeTypeName(listing.remote().type())},
                                      {QStringLiteral("project"), listing.remote().projectPath()},
                                      {QStringLiteral("pullRequests"), items}})
                          .toJson(QJsonDocument::Indented));
            } else {
                QString text;
                for (const forge::PullRequest &request : requests)
                    text += QStringLiteral("#%1\t%2\t%3%4\t%5\n")
                                .arg(QString::number(request.number), request.head,
                                     request.draft ? QStringLiteral("[draft] ") : QString(),
                                     request.title, request.webUrl.toString());
                if (requests.isEmpty() && appName.isEmpty())
                    text = QStringLiteral("no open change request the console made on %1\n")
                               .arg(listing.remote().projectPath());
                else if (requests.isEmpty())
                    text = QStringLiteral("no open change request of app %1 (on its branch or "
                                          "touching its paths) on %2\n")
                               .arg(appName, listing.remote().projectPath());
                write(text.toUtf8());
            }
            QCoreApplication::exit(Synced);
        });
    const QString repository = parser.value(repo);
    QTimer::singleShot(0, &listing, [&listing, remotes, appName, repository] {
        if (appName.isEmpty())
            listing.start(remotes.first(), forge::changeBranchPrefix());
        else
            listing.startForApp(repository, remotes.first(), appName);
    });
    return QCoreApplication::exec();
}

const cli::CommandRegistration status{
    "status", "sync and health of a repository's apps and resources against a cluster", runStatus,
    10};
const cli::CommandRegistration diff{
    "diff", "what drifts, against a cluster or offline (--desired, --live)", runDiff, 20};
const cli::CommandRegistration pullRequests{
    "pr", "the open change requests the console made on the repository's forge (pr list)",
    runPullRequests, 30};

// `help` is the window's (main.cpp): listed, never dispatched here.
constexpr cli::Command help{"help", "this help, or a command's (gitops-console help status)",
                            nullptr, 1000};

QList<cli::Command> listedCommands()
{
    return cli::commands() << help;
}

} // namespace

bool isSubcommand(const char *argument)
{
    if (!argument)
        return false;
    const QList<cli::Command> registered = cli::commands();
    return std::any_of(registered.cbegin(), registered.cend(), [argument](const cli::Command &c) {
        return std::strcmp(argument, c.name) == 0;
    });
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
    for (const cli::Command &command : cli::commands()) {
        if (subcommand == QLatin1String(command.name))
            return command.run(arguments);
    }
    return fail(unknownCommandMessage(subcommand));
}

QString commandSummary()
{
    QStringList lines{QStringLiteral("Commands (gitops-console COMMAND --help tells more):")};
    for (const cli::Command &command : listedCommands())
        lines << QStringLiteral("  %1%2").arg(QString::fromLatin1(command.name).leftJustified(10),
                                              QLatin1String(command.summary));
    return lines.join(u'\n');
}

QString suggestedCommand(const QString &word)
{
    QStringList names;
    for (const cli::Command &command : listedCommands())
        names << QLatin1String(command.name);
    const QStringList closest = closestMatches(word, names, 1);
    // A slip of a letter or two, not a different word: "a" is no slip for "pr".
    const qsizetype slips = closest.isEmpty() ? 0 : distance(word, closest.first());
    if (closest.isEmpty() || slips > std::max<qsizetype>(2, word.size() / 3)
        || slips >= std::min(word.size(), closest.first().size()))
        return {};
    return closest.first();
}

QString unknownCommandMessage(const QString &word)
{
    if (word.contains(u'/') || QFileInfo::exists(word))
        return {};
    if (const QString command = suggestedCommand(word); !command.isEmpty())
        return QStringLiteral("unknown command '%1' (did you mean '%2'?)").arg(word, command);
    QStringList names;
    for (const cli::Command &command : listedCommands())
        names << QLatin1String(command.name);
    return QStringLiteral("unknown command '%1', and no folder of that name to open (commands: "
                          "%2)")
        .arg(word, names.join(QStringLiteral(", ")));
}

QStringList closestMatches(const QString &word, const QStringList &candidates, qsizetype count)
{
    QList<std::pair<qsizetype, QString>> ranked;
    ranked.reserve(candidates.size());
    for (const QString &candidate : candidates)
        ranked.append({distance(word, candidate), candidate});
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList closest;
    for (qsizetype i = 0; i < std::min(count, ranked.size()); ++i)
        closest << ranked.at(i).second;
    return closest;
}

QString helpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    // The first line is "Usage: PROGRAM [options] ...", PROGRAM as the program was started.
    const QString program = QCoreApplication::arguments().value(0);
    const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program);
    if (at >= 0 && at < text.indexOf(u'\n'))
        text.replace(at, program.size(), command);
    return text;
}

} // namespace gitops
