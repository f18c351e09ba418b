// gitops-console audit: who changed an app's resources, when and through which path
// (issue 17 item 4). Argument handling and printing; the join is audit::buildAuditLog().

#include "audit/auditexport.h"
#include "audit/auditgathering.h"
#include "audit/auditlog.h"
#include "audit/clusterauditreader.h"
#include "audit/kubeauditfile.h"
#include "clustercomparison.h"
#include "command.h"
#include "git/repository.h"
#include "kube/clusteraccess.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"

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

    void compared(const drift::WorkspaceDrift &snapshot, const QString &error,
                  const QStringList &problems)
    {
        for (const QString &problem : problems)
            std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
        if (!error.isEmpty()) {
            finish(fail(error, json()));
            return;
        }
        m_scope = audit::auditScope(snapshot);
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
        m_reader->read(m_scope.namespaces, m_scope.kinds);
    }

    void read(const audit::ClusterAuditSources &sources)
    {
        for (const QString &problem : sources.problems)
            std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
        const AuditQuestion question = m_question;
        const QList<audit::LiveAppObjects> apps = m_scope.apps;
        m_thread = QThread::create([this, question, apps, sources] {
            auto opened = git::Repository::open(question.cluster.folder);
            if (const QString *error = std::get_if<QString>(&opened)) {
                m_answer.error = *error;
                return;
            }
            const audit::AuditRequest request{question.cluster.revision, question.auditLogFile,
                                              question.maxCommits};
            m_answer = audit::gatherAudit(*std::get<std::unique_ptr<git::Repository>>(opened),
                                          request, apps, sources);
        });
        connect(m_thread, &QThread::finished, this, &AuditRun::joined);
        m_thread->start();
    }

    void joined()
    {
        if (!m_answer.error.isEmpty()) {
            finish(fail(m_answer.error, json()));
            return;
        }
        const QStringList commits = m_answer.commitIds();
        if (commits.isEmpty()) {
            report({}, {});
            return;
        }
        m_reviews.checkSignatures(m_answer.signedCommitIds());
        m_reviews.ask(m_answer.remote, commits,
                      [this](const QHash<QString, QList<forge::PullRequest>> &pulls,
                             const QString &note) { report(pulls, note); });
    }

    void report(const QHash<QString, QList<forge::PullRequest>> &pulls, const QString &note)
    {
        const audit::AuditLog log = audit::joinGathered(m_answer, pulls, note, m_question.filter,
                                                        m_reviews.verifications());
        QStringList notes = log.notes;
        if (m_answer.scanned)
            notes.prepend(m_answer.scanNote());
        if (m_format == u"json") {
            QJsonObject out = audit::logJson(log);
            QJsonArray noteArray;
            for (const QString &note : std::as_const(notes))
                noteArray.append(note);
            out.insert(QStringLiteral("notes"), noteArray);
            if (m_answer.scanned)
                out.insert(QStringLiteral("auditLog"),
                           QJsonObject{{QStringLiteral("file"), m_question.auditLogFile},
                                       {QStringLiteral("lines"), m_answer.scan.lines},
                                       {QStringLiteral("malformed"), m_answer.scan.malformed},
                                       {QStringLiteral("kept"), m_answer.kept}});
            cli::write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        } else {
            for (const QString &note : std::as_const(notes))
                std::fprintf(stderr, "gitops-console: %s\n", qPrintable(note));
            cli::write(m_format == u"csv" ? audit::logCsv(log) : auditTable(log).toUtf8());
        }
        finish(cli::Synced);
    }

    AuditQuestion m_question;
    QString m_format;
    ClusterComparison m_comparison;
    audit::AuditScope m_scope;
    std::unique_ptr<kube::KubeClient> m_client;
    std::unique_ptr<audit::ClusterAuditReader> m_reader;
    QThread *m_thread = nullptr;
    audit::AuditGathering m_answer;
    audit::CommitReviewLookup m_reviews;
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
