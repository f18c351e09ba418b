// `gitops-console history`: an app's commits, newest first, marked with the commit the
// cluster runs (found by content, history::LiveCommitFinder), what its controller recorded,
// and HEAD (issue 16, item 5).

#include "command.h"

#include "forge/commitpullrequests.h"
#include "git/repositoryworker.h"
#include "history/apphistory.h"
#include "history/livecommit.h"
#include "workspace/workspacesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace gitops {

namespace {

using cli::fail;

// How many of the app's commits are compared with live: Argo CD keeps 10 deployments and
// Flux 5; 200 reach far further back at a cost of a second or two.
constexpr int Candidates = 200;

struct HistoryAnswer
{
    QList<history::HistoryEntry> commits;
    bool more = false;
    history::LiveCommit live;
    QStringList remoteUrls;
    /// The forge's answers by commit (absent: not known); empty list: pushed directly.
    QHash<QString, QList<forge::PullRequest>> pulls;
    QString pullsProblem; ///< why the forge was not asked, or what it did not answer
};

// "#12", "direct" for a commit no pull request holds, "" when the forge was not asked.
QString pullRequestCell(const HistoryAnswer &answer, const QString &commit)
{
    const auto it = answer.pulls.constFind(commit);
    if (it == answer.pulls.cend())
        return {};
    return it->isEmpty() ? QStringLiteral("direct")
                         : u'#' + QString::number(it->constFirst().number);
}

QString shortId(const QString &id)
{
    return id.left(8);
}

QString utc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QStringList markersOf(const history::HistoryEntry &entry, bool head,
                      const history::LiveCommit &live,
                      const QHash<QString, history::Deployment> &deployments)
{
    QStringList markers;
    if (live.commit == entry.id && live.match == history::LiveMatch::Exact)
        markers << QStringLiteral("live");
    else if (live.commit == entry.id && live.match == history::LiveMatch::Closest)
        markers << QStringLiteral("live~%1").arg(live.differences);
    if (deployments.contains(entry.id))
        markers << QStringLiteral("deployed");
    if (head)
        markers << QStringLiteral("head");
    return markers;
}

QString liveSentence(const history::LiveCommit &live)
{
    switch (live.match) {
    case history::LiveMatch::Exact:
        return QStringLiteral("live: exactly commit %1").arg(shortId(live.commit));
    case history::LiveMatch::Closest:
        return QStringLiteral("live: closest to commit %1 (%2 field%3 differ%4); no commit "
                              "matches exactly")
            .arg(shortId(live.commit))
            .arg(live.differences)
            .arg(live.differences == 1 ? QString() : QStringLiteral("s"),
                 live.differences == 1 ? QStringLiteral("s") : QString());
    case history::LiveMatch::None:
        break;
    }
    if (live.resources.isEmpty())
        return QStringLiteral("live: the cluster has none of the app's objects");
    return QStringLiteral("live: none of the app's last %1 commits matches what runs")
        .arg(live.commits.size());
}

QByteArray table(const QString &app, const HistoryAnswer &answer, int limit)
{
    const history::LiveCommit &live = answer.live;
    const auto deployments = live.deploymentsByAppCommit();
    QList<QStringList> rows = {{QStringLiteral("COMMIT"), QStringLiteral("DATE"),
                                QStringLiteral("AUTHOR"), QStringLiteral("SUBJECT"),
                                QStringLiteral("PR"), QStringLiteral("MARKERS")}};
    const qsizetype shown = std::min<qsizetype>(limit, answer.commits.size());
    for (qsizetype i = 0; i < shown; ++i) {
        const history::HistoryEntry &entry = answer.commits.at(i);
        rows << QStringList{shortId(entry.id),
                            entry.authorTime.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                            entry.authorName,
                            entry.subject,
                            pullRequestCell(answer, entry.id),
                            markersOf(entry, i == 0, live, deployments).join(u' ')};
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths.at(c), row.at(c).size());
    }
    QString text;
    for (const QStringList &row : std::as_const(rows)) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row.at(c).leftJustified(widths.at(c) + 2) : row.at(c);
        text += line.trimmed() + u'\n';
    }
    if (answer.commits.isEmpty())
        text += QStringLiteral("(app %1 has no commits)\n").arg(app);
    else if (answer.commits.size() > shown || answer.more)
        text += QStringLiteral("(older commits not shown: --limit)\n");

    if (!answer.pullsProblem.isEmpty())
        text += QStringLiteral("(pull requests: %1)\n").arg(answer.pullsProblem);
    text += u'\n' + liveSentence(live) + u'\n';
    const bool liveShown =
        std::any_of(answer.commits.cbegin(), answer.commits.cbegin() + shown,
                    [&](const history::HistoryEntry &entry) { return entry.id == live.commit; });
    if (!live.commit.isEmpty() && !liveShown)
        text += QStringLiteral("  (%1 is further back than the %2 rows shown: raise --limit)\n")
                    .arg(shortId(live.commit))
                    .arg(shown);
    if (live.match != history::LiveMatch::Exact) {
        for (const history::ResourceLiveCommit &resource : live.resources) {
            QString verdict = history::liveMatchName(resource.match);
            if (resource.match == history::LiveMatch::Exact)
                verdict += u' ' + shortId(resource.commit);
            else if (resource.match == history::LiveMatch::Closest)
                verdict += QStringLiteral(" %1 (%2 differ)")
                               .arg(shortId(resource.commit))
                               .arg(resource.differences);
            text += QStringLiteral("  %1: %2\n").arg(resource.id.toString(), verdict);
        }
    }
    if (live.controller) {
        const history::Deployment &current = live.controller->current;
        text +=
            QStringLiteral("controller: %1 synced %2")
                .arg(live.controller->definition,
                     current.revision.isEmpty() ? QStringLiteral("nothing yet") : current.revision);
        if (current.deployedAt.isValid())
            text += QStringLiteral(", deployed %1").arg(utc(current.deployedAt));
        if (!current.initiatedBy.isEmpty())
            text += QStringLiteral(" by %1").arg(current.initiatedBy);
        text += u'\n';
    }
    if (!live.disagreement.isEmpty())
        text += QStringLiteral("warning: %1\n").arg(live.disagreement);
    return text.toUtf8();
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject deploymentJson(const history::Deployment &deployment)
{
    return {{QStringLiteral("revision"), deployment.revision},
            {QStringLiteral("commit"), orNull(deployment.commit)},
            {QStringLiteral("appCommit"), orNull(deployment.appCommit)},
            {QStringLiteral("deployedAt"), orNull(utc(deployment.deployedAt))},
            {QStringLiteral("initiatedBy"), orNull(deployment.initiatedBy)}};
}

QByteArray json(const QString &app, const HistoryAnswer &answer, int limit)
{
    const history::LiveCommit &live = answer.live;
    const auto deployments = live.deploymentsByAppCommit();
    QJsonArray resources;
    for (const history::ResourceLiveCommit &resource : live.resources)
        resources << QJsonObject{{QStringLiteral("group"), resource.id.group},
                                 {QStringLiteral("kind"), resource.id.kind},
                                 {QStringLiteral("namespace"), resource.id.namespaceName},
                                 {QStringLiteral("name"), resource.id.name},
                                 {QStringLiteral("match"), history::liveMatchName(resource.match)},
                                 {QStringLiteral("commit"), orNull(resource.commit)},
                                 {QStringLiteral("differences"), resource.differences}};
    QJsonObject liveJson{{QStringLiteral("commit"), orNull(live.commit)},
                         {QStringLiteral("match"), history::liveMatchName(live.match)},
                         {QStringLiteral("differences"), live.differences},
                         {QStringLiteral("compared"), int(live.commits.size())},
                         {QStringLiteral("resources"), resources}};
    if (live.controller) {
        QJsonArray recorded;
        for (const history::Deployment &deployment : live.controller->history)
            recorded << deploymentJson(deployment);
        QJsonObject controller = deploymentJson(live.controller->current);
        controller.insert(QStringLiteral("definition"), live.controller->definition);
        controller.insert(QStringLiteral("history"), recorded);
        liveJson.insert(QStringLiteral("controller"), controller);
    }
    if (!live.disagreement.isEmpty())
        liveJson.insert(QStringLiteral("disagreement"), live.disagreement);

    QJsonArray commits;
    const qsizetype shown = std::min<qsizetype>(limit, answer.commits.size());
    for (qsizetype i = 0; i < shown; ++i) {
        const history::HistoryEntry &entry = answer.commits.at(i);
        const auto deployment = deployments.constFind(entry.id);
        const auto pulls = answer.pulls.constFind(entry.id);
        QJsonValue pullRequest(QJsonValue::Null);
        if (pulls != answer.pulls.cend() && !pulls->isEmpty()) {
            const forge::PullRequest &pull = pulls->constFirst();
            pullRequest =
                QJsonObject{{QStringLiteral("number"), pull.number},
                            {QStringLiteral("title"), pull.title},
                            {QStringLiteral("url"), pull.webUrl.toString()},
                            {QStringLiteral("state"), forge::pullRequestStateName(pull.state)}};
        }
        commits << QJsonObject{
            {QStringLiteral("id"), entry.id},
            {QStringLiteral("date"), utc(entry.authorTime)},
            {QStringLiteral("author"), entry.authorName},
            {QStringLiteral("email"), entry.authorEmail},
            {QStringLiteral("subject"), entry.subject},
            {QStringLiteral("pullRequest"), pullRequest},
            // null when the forge was not asked or did not answer for it
            {QStringLiteral("directPush"),
             pulls == answer.pulls.cend() ? QJsonValue(QJsonValue::Null)
                                          : QJsonValue(pulls->isEmpty())},
            {QStringLiteral("deployedAt"),
             deployment == deployments.cend() ? QJsonValue(QJsonValue::Null)
                                              : orNull(utc(deployment->deployedAt))},
            {QStringLiteral("markers"),
             QJsonArray::fromStringList(markersOf(entry, i == 0, live, deployments))}};
    }
    return QJsonDocument(
               QJsonObject{{QStringLiteral("app"), app},
                           {QStringLiteral("live"), liveJson},
                           {QStringLiteral("commits"), commits},
                           {QStringLiteral("pullRequests"), orNull(answer.pullsProblem)},
                           {QStringLiteral("more"), answer.more || answer.commits.size() > shown}})
        .toJson(QJsonDocument::Indented);
}

int runHistory(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "An app's commits, newest first: only those that change what the app renders\n"
            "(its folders, what its kustomizations reach, its definition), on the\n"
            "first-parent line. Markers: live (the cluster runs this commit, found by\n"
            "comparing the live objects with the app's last %1 commits, the fields its\n"
            "applier owns), live~N (no commit matches; this one is closest, N fields\n"
            "differ), deployed (the controller's record: Argo CD or Flux status.history),\n"
            "head. When the controller's record and the content disagree, a warning says\n"
            "so. PR: the pull request the forge of the first remote names for the commit,\n"
            "or direct (pushed without one); the token comes from the keychain or\n"
            "GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN.\n"
            "Exit status: 0, or 2 on an error.")
            .arg(Candidates));
    parser.addHelpOption();
    const QCommandLineOption repo = cli::repositoryOption();
    const QCommandLineOption context(QStringLiteral("context"),
                                     QStringLiteral("The kubeconfig context (default: its "
                                                    "current one)."),
                                     QStringLiteral("name"));
    const QCommandLineOption app(QStringLiteral("app"), QStringLiteral("The app (required)."),
                                 QStringLiteral("name"));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("How many commits to list (default 20)."),
                                   QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("table (default) or json."),
                                    QStringLiteral("format"), QStringLiteral("table"));
    parser.addOptions({repo, context, app, limit, output});
    const bool parsed = parser.parse(arguments);
    const QString format = parser.value(output);
    const bool asJson = format == u"json";
    if (!parsed)
        return fail(parser.errorText(), asJson);
    if (cli::helpRequested(parser, QStringLiteral("gitops-console history")))
        return cli::Synced;
    if (const QString error = cli::unexpectedArguments(parser, "history"); !error.isEmpty())
        return fail(error, asJson);
    if (format != u"table" && !asJson)
        return fail(
            QStringLiteral("history: unknown output format %1 (table or json)").arg(format));
    if (!parser.isSet(app))
        return fail(QStringLiteral("history: name the app with --app"), asJson);
    bool ok = false;
    const int rows = parser.value(limit).toInt(&ok);
    if (!ok || rows <= 0)
        return fail(
            QStringLiteral("--limit takes a whole number above 0, not %1").arg(parser.value(limit)),
            asJson);
    const QString appName = parser.value(app);
    const QString folder = QDir(parser.value(repo)).absolutePath();

    WorkspaceSession session;
    const QString kubeError = session.loadKubeConfig();
    const QString contextName =
        parser.isSet(context) ? parser.value(context) : session.currentContext();
    if (contextName.isEmpty())
        return fail(kubeError.isEmpty() ? QStringLiteral("no kubeconfig context: name one with "
                                                         "--context")
                                        : kubeError,
                    asJson);
    if (!session.contexts().contains(contextName))
        return fail(QStringLiteral("the kubeconfig has no context %1 (its contexts: %2)")
                        .arg(contextName, session.contexts().join(QStringLiteral(", "))),
                    asJson);

    QStringList problems;
    QObject::connect(&session, &WorkspaceSession::problem, &session,
                     [&problems](const QString &message) { problems << message; });
    const auto tellProblems = [&problems] {
        problems.removeDuplicates();
        for (const QString &problem : std::as_const(problems))
            std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
    };
    bool asked = false;
    QFuture<void> done;
    QObject::connect(
        &session, &WorkspaceSession::snapshotChanged, &session,
        [&](const drift::WorkspaceDrift &snapshot) {
            if (asked)
                return;
            if (!snapshot.error.isEmpty()) {
                asked = true;
                QCoreApplication::exit(fail(snapshot.error, asJson));
                return;
            }
            if (snapshot.partial || !session.desired())
                return;
            asked = true;
            if (!session.liveSynced()) {
                tellProblems();
                QCoreApplication::exit(
                    fail(QStringLiteral("context %1 could not be read, so which commit runs is "
                                        "unknown%2")
                             .arg(contextName,
                                  session.clusterError().isEmpty()
                                      ? QString()
                                      : QStringLiteral(": ") + session.clusterError()),
                         asJson));
                return;
            }
            const AppDesiredState *found = nullptr;
            QStringList names;
            for (const AppDesiredState &state : session.desired()->apps) {
                names << state.app.name;
                if (state.app.name == appName)
                    found = &state;
            }
            if (!found) {
                QCoreApplication::exit(fail(QStringLiteral("no app named %1 (the apps: %2)")
                                                .arg(appName, names.join(QStringLiteral(", "))),
                                            asJson));
                return;
            }
            history::LiveCommitQuestion question;
            question.app = found->app;
            question.from = session.desired()->revision.commitId;
            question.limit = Candidates;
            question.evidence = history::LiveEvidence::of(session);
            using Result = std::variant<HistoryAnswer, QString>;
            done =
                session.repository()
                    ->run<Result>([question, rows](git::Repository &repository,
                                                   const git::JobControl &control) -> Result {
                        auto page = history::AppHistory(question.app)
                                        .page(repository, {question.from, {}},
                                              std::max(rows, question.limit), control);
                        if (auto *message = std::get_if<QString>(&page))
                            return *message;
                        HistoryAnswer answer;
                        answer.commits = std::get<history::HistoryPage>(page).commits;
                        answer.more = !std::get<history::HistoryPage>(page).next.atEnd();
                        history::LiveCommitFinder finder(repository, question.app,
                                                         question.evidence);
                        auto live = finder.find(answer.commits.mid(0, question.limit), control);
                        if (auto *message = std::get_if<QString>(&live))
                            return *message;
                        answer.live = std::get<history::LiveCommit>(std::move(live));
                        answer.remoteUrls = repository.remoteUrls();
                        return answer;
                    })
                    .then(&session,
                          [&, rows](const Result &result) {
                              tellProblems();
                              if (const auto *message = std::get_if<QString>(&result)) {
                                  QCoreApplication::exit(fail(*message, asJson));
                                  return;
                              }
                              const HistoryAnswer &answer = std::get<HistoryAnswer>(result);
                              for (const QString &problem : answer.live.problems)
                                  std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
                              const auto print = [&, rows](const HistoryAnswer &complete) {
                                  cli::write(asJson ? json(appName, complete, rows)
                                                    : table(appName, complete, rows));
                                  QCoreApplication::exit(cli::Synced);
                              };
                              if (answer.remoteUrls.isEmpty() || answer.commits.isEmpty()) {
                                  HistoryAnswer complete = answer;
                                  complete.pullsProblem =
                                      QStringLiteral("the repository has no remote");
                                  print(complete);
                                  return;
                              }
                              // The shown commits' pull requests, then the answer.
                              auto *lookup = new forge::CommitPullRequests(&session);
                              auto complete = std::make_shared<HistoryAnswer>(answer);
                              QObject::connect(lookup, &forge::CommitPullRequests::answered,
                                               &session,
                                               [complete](const QString &commit,
                                                          const QList<forge::PullRequest> &pulls) {
                                                   complete->pulls.insert(commit, pulls);
                                               });
                              QObject::connect(
                                  lookup, &forge::CommitPullRequests::idle, &session,
                                  [complete, print](const QString &note) {
                                      complete->pullsProblem = note;
                                      print(*complete);
                                  },
                                  Qt::SingleShotConnection);
                              QStringList shown;
                              for (const history::HistoryEntry &entry : answer.commits.mid(0, rows))
                                  shown << entry.id;
                              lookup->ask(answer.remoteUrls.constFirst(), shown);
                          })
                    .onCanceled(&session, [&] {
                        QCoreApplication::exit(
                            fail(QStringLiteral("reading the history was stopped"), asJson));
                    });
        });
    session.openRepository(folder);
    session.setContext(contextName);
    return QCoreApplication::exec();
}

const cli::CommandRegistration registration{
    "history", "an app's commits with the one the cluster runs, found by content", runHistory, 60};

} // namespace

} // namespace gitops
