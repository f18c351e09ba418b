#include "clustercomparison.h"

#include "drift/health.h"

#include <QDir>

namespace gitops {

namespace {

// An app whose dry runs could not run has no verdict: Unknown in sync and health, as the
// engine makes an app that could not be rendered.
void markUnknown(drift::AppWorkspaceDrift &app, const QString &error)
{
    app.error = error;
    app.drift.status = drift::SyncStatus::Unknown;
    app.drift.health = {drift::Health::Status::Unknown, error};
}

} // namespace

QString ClusterComparison::desiredStateError(const QString &error) const
{
    // In a repository that opened, HEAD fails to resolve only before the first commit (HEAD
    // names a branch that does not exist yet). Until git::Repository::resolve says so
    // itself, say it here in the user's terms.
    if (m_question.revision == u"HEAD" && error == u"unknown revision \u201cHEAD\u201d")
        return QStringLiteral("%1 has no commits yet")
            .arg(QDir::toNativeSeparators(m_question.folder));
    return error;
}

ClusterComparison::ClusterComparison(ClusterQuestion question, QObject *parent)
    : QObject(parent)
    , m_question(std::move(question))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &ClusterComparison::timedOut);
    connect(&m_session, &WorkspaceSession::snapshotChanged, this,
            &ClusterComparison::snapshotChanged);
    connect(&m_session, &WorkspaceSession::problem, this,
            [this](const QString &message) { m_problems << message; });
    connect(&m_session, &WorkspaceSession::exactAppCompared, this,
            [this](const QString &app, const drift::AppDrift &drift) {
                exactAnswered(app, &drift, {});
            });
    connect(&m_session, &WorkspaceSession::exactFailed, this,
            [this](const QString &app, const QString &message) {
                exactAnswered(app, nullptr, message);
            });
}

void ClusterComparison::start()
{
    if (m_stage != Stage::Idle)
        return;
    m_stage = Stage::Reading;
    const QString kubeError = m_session.loadKubeConfig();
    const QString context =
        m_question.context.isEmpty() ? m_session.currentContext() : m_question.context;
    if (context.isEmpty()) {
        finish(kubeError.isEmpty()
                   ? QStringLiteral("no kubeconfig context: name one with --context")
                   : kubeError);
        return;
    }
    if (!m_session.contexts().contains(context)) {
        finish(QStringLiteral("the kubeconfig has no context %1 (its contexts: %2)")
                   .arg(context, m_session.contexts().join(QStringLiteral(", "))));
        return;
    }
    if (m_question.timeoutSeconds > 0)
        m_timeout.start(m_question.timeoutSeconds * 1000);
    // One app asked of: the others are neither rendered nor compared, nor their kinds listed.
    m_session.setOnlyApp(m_question.app);
    m_session.openRepository(m_question.folder, m_question.revision);
    m_session.setContext(context);
}

void ClusterComparison::snapshotChanged(const drift::WorkspaceDrift &snapshot)
{
    if (m_stage != Stage::Reading)
        return;
    // Git's side could not be read (an unknown revision, no repository): nothing to wait for.
    if (!snapshot.error.isEmpty()) {
        m_snapshot = snapshot;
        finish(desiredStateError(snapshot.error));
        return;
    }
    // Partial snapshots come while the cluster is listed; the first complete one answers.
    if (snapshot.partial)
        return;
    m_snapshot = snapshot;
    if (!m_question.app.isEmpty()) {
        QStringList names;
        for (const drift::AppWorkspaceDrift &app : std::as_const(m_snapshot.apps))
            names << app.name;
        m_snapshot.apps.removeIf(
            [this](const drift::AppWorkspaceDrift &app) { return app.name != m_question.app; });
        if (m_snapshot.apps.isEmpty()) {
            finish(names.isEmpty() ? QStringLiteral("no app named %1: the repository has no apps")
                                         .arg(m_question.app)
                                   : QStringLiteral("no app named %1 (the apps: %2)")
                                         .arg(m_question.app, names.join(QStringLiteral(", "))));
            return;
        }
    }
    if (m_question.exact)
        compareExactly();
    else
        finish();
}

// Exact mode: the server's dry run of every resource of each app that could be read.
void ClusterComparison::compareExactly()
{
    m_stage = Stage::Exact;
    for (qsizetype i = 0; i < m_snapshot.apps.size(); ++i) {
        if (m_snapshot.apps.at(i).error.isEmpty())
            m_pending.insert(m_snapshot.apps.at(i).name, i);
    }
    if (m_pending.isEmpty()) {
        finish();
        return;
    }
    // The session may answer at once (exactFailed): ask over a copy.
    const QStringList names = m_pending.keys();
    for (const QString &name : names) {
        if (m_stage == Stage::Exact)
            m_session.compareAppExactly(name);
    }
}

void ClusterComparison::exactAnswered(const QString &app, const drift::AppDrift *drift,
                                      const QString &error)
{
    if (m_stage != Stage::Exact || !m_pending.contains(app))
        return;
    drift::AppWorkspaceDrift &row = m_snapshot.apps[m_pending.take(app)];
    if (drift)
        row.drift = *drift;
    else
        markUnknown(row, error);
    if (m_pending.isEmpty())
        finish();
}

void ClusterComparison::timedOut()
{
    if (m_stage == Stage::Exact) {
        QStringList apps = m_pending.keys();
        apps.sort();
        finish(QStringLiteral("no exact verdict for %1 within %2 s (--timeout)")
                   .arg(apps.join(QStringLiteral(", ")))
                   .arg(m_question.timeoutSeconds));
    } else if (m_stage == Stage::Reading) {
        finish(QStringLiteral("no answer from the repository and the cluster within %1 s "
                              "(--timeout)")
                   .arg(m_question.timeoutSeconds));
    }
}

void ClusterComparison::finish(const QString &error)
{
    if (m_stage == Stage::Done)
        return;
    m_stage = Stage::Done;
    m_timeout.stop();
    // The session tells a desired state it cannot read as a problem too; say it once.
    QStringList problems = m_problems;
    for (const QString &said : {error, m_snapshot.error}) {
        if (!said.isEmpty())
            problems.removeIf([&said](const QString &problem) { return problem.contains(said); });
    }
    Q_EMIT finished(m_snapshot, error, problems);
}

} // namespace gitops
