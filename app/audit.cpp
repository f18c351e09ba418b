// gitops-console audit: who changed an app's resources, when and through which path
// (issue 17 item 4). Argument handling and printing; the join is audit::buildAuditLog().

#include "audit/auditexport.h"
#include "audit/auditlog.h"
#include "audit/clusterauditreader.h"
#include "audit/commitrecords.h"
#include "audit/kubeauditfile.h"
#include "clustercomparison.h"
#include "command.h"
#include "drift/comparisonoptions.h"
#include "forge/forgeclient.h"
#include "forge/forgeprobe.h"
#include "forge/forgeremote.h"
#include "forge/tokenstore.h"
#include "git/repository.h"
#include "kube/clusteraccess.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "workspace/desiredstatereader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>

namespace gitops {

namespace {

using cli::fail;

struct AuditQuestion
{
    ClusterQuestion cluster;
    audit::AuditFilter filter;
    QString auditLogFile;
    int maxCommits = 1000;
};

// One app of the comparison: its name and live objects.
struct LiveApp
{
    QString name;
    QList<QJsonObject> objects;
    QList<manifest::ResourceId> absent; ///< in git, not in the cluster
};

// What the worker thread hands back.
struct AuditAnswer
{
    audit::AuditLog log;
    QString error;
    bool scanned = false;
    audit::KubeAuditScan scan; // records moved out into the apps' inputs
    qint64 kept = 0; // writes to the apps' objects the file holds
    QList<audit::AuditInputs> inputs; // one per app, joined once the forge has answered
    QString remote; // the repository's first remote: its forge says what was reviewed
};

// The git side and the join, on a thread of its own: the desired state names the apps (with
// the cluster's definitions, as the comparison read them), their histories give the commits,
// one pass over the audit log file gives the writes to every app's objects.
AuditAnswer join(const AuditQuestion &question, const QList<LiveApp> &apps,
                 const audit::ClusterAuditSources &sources)
{
    AuditAnswer answer;
    auto opened = git::Repository::open(question.cluster.folder);
    if (const QString *error = std::get_if<QString>(&opened)) {
        answer.error = *error;
        return answer;
    }
    const git::Repository &repository = *std::get<std::unique_ptr<git::Repository>>(opened);
    auto resolved = repository.resolve(question.cluster.revision);
    if (const QString *error = std::get_if<QString>(&resolved)) {
        answer.error = *error;
        return answer;
    }
    DesiredStateReader reader(repository);
    const DesiredState state = reader.read(
        std::get<git::Revision>(resolved), {},
        sources.definitions.isEmpty() ? std::nullopt : std::optional(sources.definitions));
    if (!state.error.isEmpty()) {
        answer.error = state.error;
        return answer;
    }
    const QString remote = repository.remoteUrls().value(0);

    // Every app's objects as audit records name them: one pass over the file for all.
    QList<QJsonObject> allObjects;
    QList<manifest::ResourceId> allAbsent;
    for (const LiveApp &app : apps) {
        allObjects += app.objects;
        allAbsent += app.absent;
    }
    QStringList unnamed;
    const audit::AuditObjectSet objects =
        audit::auditObjects(allObjects, sources.plurals, &unnamed, allAbsent);
    QList<audit::KubeAuditRecord> records;
    if (!question.auditLogFile.isEmpty()) {
        QFile file(question.auditLogFile);
        if (!file.open(QIODevice::ReadOnly)) {
            answer.error = QStringLiteral("%1: %2").arg(question.auditLogFile, file.errorString());
            return answer;
        }
        answer.scan = audit::scanKubeAuditLog(file, objects);
        answer.scanned = true;
        if (!answer.scan.error.isEmpty()) {
            answer.error = QStringLiteral("%1: %2").arg(question.auditLogFile, answer.scan.error);
            return answer;
        }
        records = std::move(answer.scan.records);
        answer.scan.records.clear();
        answer.kept = records.size();
    }

    for (const LiveApp &live : apps) {
        audit::AuditInputs inputs;
        const auto found =
            std::find_if(state.apps.cbegin(), state.apps.cend(),
                         [&](const AppDesiredState &d) { return d.app.name == live.name; });
        if (found == state.apps.cend()) {
            inputs.app.name = live.name;
            inputs.notes << QStringLiteral("%1: not found in git, so its commits are not read")
                                .arg(live.name);
        } else {
            inputs.app = found->app;
            bool truncated = false;
            auto commits =
                audit::readCommitRecords(repository, inputs.app, question.cluster.revision,
                                         question.maxCommits, remote, &truncated);
            if (const QString *error = std::get_if<QString>(&commits))
                inputs.notes << QStringLiteral("%1: its history could not be read: %2")
                                    .arg(live.name, *error);
            else
                inputs.commits = std::get<QList<audit::CommitRecord>>(commits);
            if (truncated)
                inputs.notes << QStringLiteral("%1: only its newest %2 commits are read")
                                    .arg(live.name)
                                    .arg(question.maxCommits);
        }
        inputs.appliers = drift::ComparisonOptions::forApp(inputs.app).appliers;
        inputs.liveObjects = live.objects;
        inputs.ownedObjects = sources.ownedObjects;
        inputs.kubeEvents = sources.events;
        inputs.plurals = sources.plurals;
        // The definition that makes this app: the cluster object whose app it is.
        for (const QJsonObject &definition : sources.definitions) {
            const QString kind = definition.value(u"kind").toString();
            if (kind != u"Application" && kind != u"Kustomization")
                continue;
            QList<QJsonObject> alone{definition};
            for (const QJsonObject &other : sources.definitions) {
                if (other.value(u"kind").toString() == u"GitRepository")
                    alone << other;
            }
            const AppDiscovery defined = appsFromCluster(alone, repository.remoteUrls());
            if (std::any_of(defined.apps.cbegin(), defined.apps.cend(),
                            [&](const App &app) { return app.name == live.name; })) {
                inputs.definition = definition;
                break;
            }
        }
        // The records of this app's objects only.
        inputs.absentObjects = live.absent;
        const audit::AuditObjectSet own =
            audit::auditObjects(live.objects, sources.plurals, nullptr, live.absent);
        for (const audit::KubeAuditRecord &record : std::as_const(records)) {
            if (own.contains(record.apiGroup, record.resource, record.namespaceName, record.name))
                inputs.auditRecords << record;
        }
        answer.inputs << inputs;
    }
    if (!question.auditLogFile.isEmpty() && !unnamed.isEmpty())
        answer.log.notes << QStringLiteral("the cluster does not say how it names %1, so the "
                                           "audit log is not read for them")
                                .arg(unnamed.join(QStringLiteral(", ")));
    answer.remote = remote;
    return answer;
}

// Which pull requests the forge names for each commit: the forge of the remote (probed
// when its host is not a well-known one), a token from the keychain or the environment,
// then one question per commit, a few at a time. Without a forge or a token every commit's
// review stays unknown, and a note says why. Calls back once, on this thread.
class ForgeReviews : public QObject
{
public:
    using Done =
        std::function<void(const QHash<QString, QList<forge::PullRequest>> &, const QString &note)>;

    void ask(const QString &remoteUrl, const QStringList &commits, Done done)
    {
        m_commits = commits;
        m_done = std::move(done);
        if (remoteUrl.isEmpty()) {
            finish(QStringLiteral("the repository has no remote: whether commits were reviewed "
                                  "is unknown"));
            return;
        }
        m_remote = forge::ForgeRemote::fromUrl(remoteUrl);
        if (!m_remote.isValid()) {
            finish(QStringLiteral("the remote %1 names no project on a forge: whether commits "
                                  "were reviewed is unknown")
                       .arg(remoteUrl));
            return;
        }
        if (m_remote.type() != forge::ForgeType::Unknown) {
            withForge(m_remote);
            return;
        }
        m_probe = std::make_unique<forge::ForgeProbe>();
        m_probe->probe(
            m_remote, this, [this](const forge::ForgeRemote &remote, const QString &problem) {
                if (remote.type() == forge::ForgeType::Unknown) {
                    finish(QStringLiteral("%1 runs no forge the console knows%2: "
                                          "whether commits were reviewed is unknown")
                               .arg(m_remote.host(),
                                    problem.isEmpty() ? QString()
                                                      : QStringLiteral(" (%1)").arg(problem)));
                    return;
                }
                withForge(remote);
            });
    }

private:
    void withForge(const forge::ForgeRemote &remote)
    {
        m_remote = remote;
        m_tokens = std::make_unique<forge::TokenStore>();
        m_tokens->lookup(
            remote.host(), remote.type(), this, [this](const forge::TokenLookup &lookup) {
                if (!lookup.found()) {
                    finish(
                        QStringLiteral("no forge token for %1 (%2): whether commits were reviewed "
                                       "is unknown")
                            .arg(m_remote.host(),
                                 lookup.problem.isEmpty()
                                     ? QStringLiteral("none in the keychain or the environment")
                                     : lookup.problem));
                    return;
                }
                forge::ForgeError error;
                m_client = forge::ForgeClient::create(m_remote, lookup.token, &error);
                if (!m_client) {
                    finish(error.text());
                    return;
                }
                for (int i = 0; i < 4; ++i)
                    next();
            });
    }

    void next()
    {
        if (m_next >= m_commits.size()) {
            if (m_asking == 0)
                finish(m_problem);
            return;
        }
        const QString sha = m_commits.at(m_next++);
        ++m_asking;
        m_client->pullRequestsForCommit(
            sha, this,
            [this, sha](const QList<forge::PullRequest> &pulls, const forge::ForgeError &error) {
                --m_asking;
                if (error.isError()) {
                    if (m_problem.isEmpty())
                        m_problem = QStringLiteral("%1 did not say which pull requests hold some "
                                                   "commits (%2): their review is unknown")
                                        .arg(m_remote.host(), error.text());
                } else {
                    m_pulls.insert(sha, pulls);
                }
                next();
            });
    }

    void finish(const QString &note)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_done(m_pulls, note);
    }

    QStringList m_commits;
    Done m_done;
    forge::ForgeRemote m_remote;
    std::unique_ptr<forge::ForgeProbe> m_probe;
    std::unique_ptr<forge::TokenStore> m_tokens;
    std::unique_ptr<forge::ForgeClient> m_client;
    QHash<QString, QList<forge::PullRequest>> m_pulls;
    QString m_problem;
    qsizetype m_next = 0;
    int m_asking = 0;
    bool m_finished = false;
};

QString auditTable(const audit::AuditLog &log)
{
    QList<QStringList> rows{{QStringLiteral("TIME"), QStringLiteral("ACTOR"),
                             QStringLiteral("SOURCE"), QStringLiteral("RESOURCE"),
                             QStringLiteral("SUMMARY"), QStringLiteral("REVIEWED"),
                             QStringLiteral("LINK")}};
    for (const audit::AuditEvent &event : log.events) {
        rows << QStringList{audit::timeText(event),
                            event.actor.isEmpty() ? QStringLiteral("unknown") : event.actor,
                            audit::sourceName(event.source),
                            event.resourceText().isEmpty()
                                ? QStringLiteral("(app ") + event.app + u')'
                                : event.resourceText(),
                            event.summary,
                            audit::reviewedName(event.reviewed),
                            event.link.isEmpty() ? QStringLiteral("-") : event.link};
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
        text += line.trimmed() + u'\n';
    }
    if (log.events.isEmpty())
        text = QStringLiteral("no audit events\n");
    return text;
}

// Drives one audit in the application's event loop: the comparison (the apps' live objects,
// as `status` reads them), then the cluster's Events and app definitions, then the join on a
// thread. Calls QCoreApplication::exit() with the exit code once.
class AuditRun : public QObject
{
public:
    AuditRun(AuditQuestion question, QString format)
        : m_question(std::move(question))
        , m_format(std::move(format))
        , m_comparison(m_question.cluster)
    {
        connect(&m_comparison, &ClusterComparison::finished, this, &AuditRun::compared);
    }

    ~AuditRun() override
    {
        if (m_thread) {
            m_thread->wait();
            delete m_thread;
        }
    }

    void start() { m_comparison.start(); }

private:
    bool json() const { return m_format == u"json"; }

    void finish(int code) { QCoreApplication::exit(code); }

    void compared(const DriftSnapshot &snapshot, const QString &error, const QStringList &problems)
    {
        for (const QString &problem : problems)
            std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
        if (!error.isEmpty()) {
            finish(fail(error, json()));
            return;
        }
        QStringList namespaces;
        QSet<QString> kinds;
        for (const AppSnapshot &app : snapshot.apps) {
            LiveApp live{app.name, {}, {}};
            for (const drift::ResourceDrift &resource : app.drift.resources) {
                if (resource.live.isEmpty()) {
                    // Gone from the cluster: who deleted it is in the audit log, if anywhere.
                    if (resource.status == drift::SyncStatus::Missing) {
                        live.absent << resource.id;
                        kinds.insert(resource.id.group + u'/' + resource.id.kind);
                    }
                    continue;
                }
                live.objects << resource.live;
                kinds.insert(resource.id.group + u'/' + resource.id.kind);
                if (!resource.id.namespaceName.isEmpty()
                    && !namespaces.contains(resource.id.namespaceName))
                    namespaces << resource.id.namespaceName;
            }
            m_apps << live;
        }
        QString kubeError;
        const kube::KubeConfig config = kube::KubeConfig::fromEnvironment(&kubeError);
        const std::optional<kube::ClusterAccess> access =
            kube::ClusterAccess::resolve(config, snapshot.context, &kubeError);
        if (!access) {
            finish(fail(kubeError, json()));
            return;
        }
        m_client = std::make_unique<kube::KubeClient>(*access);
        m_reader = std::make_unique<audit::ClusterAuditReader>(m_client.get());
        connect(m_reader.get(), &audit::ClusterAuditReader::finished, this, &AuditRun::read);
        m_reader->read(namespaces, kinds);
    }

    void read(const audit::ClusterAuditSources &sources)
    {
        for (const QString &problem : sources.problems)
            std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
        const AuditQuestion question = m_question;
        const QList<LiveApp> apps = m_apps;
        m_thread = QThread::create(
            [this, question, apps, sources] { m_answer = join(question, apps, sources); });
        connect(m_thread, &QThread::finished, this, &AuditRun::joined);
        m_thread->start();
    }

    void joined()
    {
        if (!m_answer.error.isEmpty()) {
            finish(fail(m_answer.error, json()));
            return;
        }
        QStringList commits;
        for (const audit::AuditInputs &inputs : std::as_const(m_answer.inputs)) {
            for (const audit::CommitRecord &commit : inputs.commits) {
                if (!commits.contains(commit.id))
                    commits << commit.id;
            }
        }
        if (commits.isEmpty()) {
            report({}, {});
            return;
        }
        m_reviews.ask(m_answer.remote, commits,
                      [this](const QHash<QString, QList<forge::PullRequest>> &pulls,
                             const QString &note) { report(pulls, note); });
    }

    void report(const QHash<QString, QList<forge::PullRequest>> &pulls, const QString &note)
    {
        AuditAnswer &answer = m_answer;
        if (!note.isEmpty())
            answer.log.notes << note;
        for (audit::AuditInputs &inputs : answer.inputs) {
            inputs.pullRequests = pulls;
            answer.log.merge(audit::buildAuditLog(inputs));
        }
        answer.log = audit::filtered(answer.log, m_question.filter);
        QStringList notes = answer.log.notes;
        if (answer.scanned) {
            QString said =
                QStringLiteral("audit log %1: %2 lines read, %3 writes to the apps' objects kept")
                    .arg(m_question.auditLogFile)
                    .arg(answer.scan.lines)
                    .arg(answer.kept);
            if (answer.scan.malformed > 0) {
                QStringList lines;
                for (const qint64 line : answer.scan.malformedLines)
                    lines << QString::number(line);
                said += QStringLiteral(", %1 malformed lines skipped (line %2%3)")
                            .arg(answer.scan.malformed)
                            .arg(lines.join(QStringLiteral(", ")),
                                 answer.scan.malformed > lines.size() ? QStringLiteral(", ...")
                                                                      : QString());
            }
            notes.prepend(said);
        }
        if (m_format == u"json") {
            QJsonObject out = audit::logJson(answer.log);
            QJsonArray noteArray;
            for (const QString &note : std::as_const(notes))
                noteArray.append(note);
            out.insert(QStringLiteral("notes"), noteArray);
            if (answer.scanned)
                out.insert(QStringLiteral("auditLog"),
                           QJsonObject{{QStringLiteral("file"), m_question.auditLogFile},
                                       {QStringLiteral("lines"), answer.scan.lines},
                                       {QStringLiteral("malformed"), answer.scan.malformed},
                                       {QStringLiteral("kept"), answer.kept}});
            cli::write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        } else {
            for (const QString &note : std::as_const(notes))
                std::fprintf(stderr, "gitops-console: %s\n", qPrintable(note));
            cli::write(m_format == u"csv" ? audit::logCsv(answer.log)
                                          : auditTable(answer.log).toUtf8());
        }
        finish(cli::Synced);
    }

    AuditQuestion m_question;
    QString m_format;
    ClusterComparison m_comparison;
    QList<LiveApp> m_apps;
    std::unique_ptr<kube::KubeClient> m_client;
    std::unique_ptr<audit::ClusterAuditReader> m_reader;
    QThread *m_thread = nullptr;
    AuditAnswer m_answer;
    ForgeReviews m_reviews;
};

// ISO 8601 ("2026-12-01T14:02:00Z", with an offset, or a date alone: its midnight UTC).
QDateTime parseTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            time = QDateTime(date, QTime(0, 0), QTimeZone::UTC);
    }
    if (time.isValid() && time.timeSpec() == Qt::LocalTime && !text.contains(u'T'))
        time.setTimeZone(QTimeZone::UTC);
    return time.toUTC();
}

int runAudit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Who changed an app's resources, when, and through which path: its commits, its\n"
        "controller's syncs (Argo CD and Flux status.history), direct writes to the\n"
        "cluster (field managers other than the app's applier and the cluster's own\n"
        "controllers, from managedFields), Kubernetes Events of its objects and, with\n"
        "--audit-log, the writes a Kubernetes audit log records. A commit is reviewed\n"
        "when a merged pull request holds it (asked of the remote's forge, with the\n"
        "token from the keychain or GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN). Newest\n"
        "first; what nobody recorded says unknown. Secret values never show.\n"
        "Exit status: 0, or 2 on an error."));
    parser.addHelpOption();
    const QCommandLineOption repo = cli::repositoryOption();
    const QCommandLineOption context(QStringLiteral("context"),
                                     QStringLiteral("The kubeconfig context (default: its current "
                                                    "one)."),
                                     QStringLiteral("name"));
    const QCommandLineOption app(QStringLiteral("app"), QStringLiteral("Only this app."),
                                 QStringLiteral("name"));
    const QCommandLineOption resource(
        QStringLiteral("resource"),
        QStringLiteral("Only this resource (and the app's commits and syncs): "
                       "KIND[.GROUP]/NAMESPACE/NAME, or KIND[.GROUP]/NAME when cluster-scoped."),
        QStringLiteral("ref"));
    const QCommandLineOption since(QStringLiteral("since"),
                                   QStringLiteral("Only events at or after TIME (ISO 8601, or a "
                                                  "date: its midnight UTC)."),
                                   QStringLiteral("time"));
    const QCommandLineOption until(QStringLiteral("until"),
                                   QStringLiteral("Only events at or before TIME."),
                                   QStringLiteral("time"));
    const QCommandLineOption auditLog(
        QStringLiteral("audit-log"),
        QStringLiteral("A Kubernetes audit log (audit.k8s.io/v1 Events, one JSON object a line, "
                       "as kube-apiserver --audit-log-path writes it): its writes to the apps' "
                       "objects are joined in."),
        QStringLiteral("file"));
    const QCommandLineOption maxCommits(
        QStringLiteral("max-commits"),
        QStringLiteral("Read at most N commits of each app's history (default 1000)."),
        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption timeout(
        QStringLiteral("timeout"),
        QStringLiteral("Give up (exit 2) when the repository and the cluster give no answer "
                       "within <seconds>."),
        QStringLiteral("seconds"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("table (default), json or csv."),
                                    QStringLiteral("format"), QStringLiteral("table"));
    parser.addOptions(
        {repo, context, app, resource, since, until, auditLog, maxCommits, timeout, output});
    const bool parsed = parser.parse(arguments);
    const QString format = parser.value(output);
    const bool json = format == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (cli::helpRequested(parser, QStringLiteral("gitops-console audit")))
        return cli::Synced;
    if (const QString error = cli::unexpectedArguments(parser, "audit"); !error.isEmpty())
        return fail(error, json);
    if (format != u"table" && format != u"json" && format != u"csv")
        return fail(
            QStringLiteral("audit: unknown output format %1 (table, json or csv)").arg(format));

    AuditQuestion question;
    question.cluster.folder = QDir(parser.value(repo)).absolutePath();
    question.cluster.context = parser.value(context);
    question.cluster.app = parser.value(app);
    if (parser.isSet(timeout)) {
        bool ok = false;
        question.cluster.timeoutSeconds = parser.value(timeout).toInt(&ok);
        if (!ok || question.cluster.timeoutSeconds <= 0)
            return fail(QStringLiteral("--timeout takes a whole number of seconds above 0, not %1")
                            .arg(parser.value(timeout)),
                        json);
    }
    bool ok = false;
    question.maxCommits = parser.value(maxCommits).toInt(&ok);
    if (!ok || question.maxCommits <= 0)
        return fail(QStringLiteral("--max-commits takes a whole number above 0, not %1")
                        .arg(parser.value(maxCommits)),
                    json);
    if (parser.isSet(resource)) {
        QString error;
        const auto id = audit::AuditFilter::parseResource(parser.value(resource), &error);
        if (!id)
            return fail(error, json);
        question.filter.resource = *id;
    }
    for (const auto &[option, bound] :
         {std::pair{&since, &question.filter.since}, std::pair{&until, &question.filter.until}}) {
        if (!parser.isSet(*option))
            continue;
        *bound = parseTime(parser.value(*option));
        if (!bound->isValid())
            return fail(QStringLiteral("--%1 takes an ISO 8601 time (2026-12-01T14:02:00Z) or a "
                                       "date, not %2")
                            .arg(option->names().constFirst(), parser.value(*option)),
                        json);
    }
    if (parser.isSet(auditLog)) {
        question.auditLogFile = parser.value(auditLog);
        const QFileInfo file(question.auditLogFile);
        if (!file.isFile() || !file.isReadable())
            return fail(
                QStringLiteral("--audit-log %1: no such readable file").arg(question.auditLogFile),
                json);
    }

    AuditRun run(question, format);
    QTimer::singleShot(0, &run, [&run] { run.start(); });
    return QCoreApplication::exec();
}

const cli::CommandRegistration auditCommand{
    "audit", "who changed an app's resources, when, and how (commits, syncs, direct writes)",
    runAudit, 70};

} // namespace

} // namespace gitops
