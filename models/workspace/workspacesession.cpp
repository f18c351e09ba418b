#include "workspacesession.h"

#include "git/repositoryworker.h"
#include "kube/discoveryinfo.h"

#include <QtConcurrent/QtConcurrentRun>

namespace gitops {

WorkspaceSession::WorkspaceSession(QObject *parent)
    : QObject(parent)
    , m_cluster(this) // a child, so that its live state is found among the session's
{
    connect(&m_loader, &DesiredStateLoader::loaded, this, &WorkspaceSession::desiredLoaded);
    // Changes come in bursts (a list's pages, a rollout's events): compare once per burst.
    m_compareTimer.setSingleShot(true);
    m_compareTimer.setInterval(150);
    connect(&m_compareTimer, &QTimer::timeout, this, &WorkspaceSession::compare);
    connect(&m_compareWatcher, &QFutureWatcher<ComparedWorkspace>::finished, this,
            &WorkspaceSession::compared);

    // A comparison running holds a copy of the live objects: changes wait for it.
    m_cluster.setObjectsInUse([this] { return m_compareWatcher.isRunning(); });
    connect(&m_cluster, &ClusterSide::problem, this, &WorkspaceSession::problem);
    connect(&m_cluster, &ClusterSide::discovered, this, &WorkspaceSession::clusterDiscovered);
    connect(&m_cluster, &ClusterSide::synced, this, &WorkspaceSession::clusterSynced);
    connect(&m_cluster, &ClusterSide::changed, this,
            [this](const QList<manifest::ResourceId> &ids) {
                // A dry run is an apply onto live: when live changes, exact mode asks again.
                m_exact.liveChanged(ids);
                if (m_cluster.isSynced())
                    scheduleCompare();
            });
    connect(&m_cluster, &ClusterSide::appDefinitionsChanged, this, [this] {
        readDesired();
        updateProgress();
    });
    connect(&m_cluster, &ClusterSide::unknownChanged, this, [this] {
        scheduleCompare();
        updateProgress();
    });
    connect(&m_cluster, &ClusterSide::progressChanged, this, &WorkspaceSession::updateProgress);

    // The newest state without catching up (which would copy what a comparison holds).
    m_exact.setLiveLookup([this](const manifest::ResourceId &id) { return m_cluster.newest(id); });
    connect(&m_exact, &ExactRunner::answered, this, [this] {
        scheduleCompare();
        updateProgress();
    });
}

WorkspaceSession::~WorkspaceSession()
{
    // The dry runs' calls belong to the cluster's client.
    m_exact.setCluster(nullptr, {});
    m_cluster.close();
}

QString WorkspaceSession::loadKubeConfig()
{
    return m_cluster.loadKubeConfig();
}

void WorkspaceSession::openRepository(const QString &root, const QString &revision)
{
    openRepository(std::make_shared<git::RepositoryWorker>(root), revision);
}

void WorkspaceSession::openRepository(std::shared_ptr<git::RepositoryWorker> worker,
                                      const QString &revision)
{
    m_root = worker->path();
    m_revision = revision;
    m_desiredAsRead.reset();
    m_desired.reset();
    m_loader.setRepository(worker.get());
    m_repository = std::move(worker);
    readDesired();
    updateProgress();
}

void WorkspaceSession::setRevision(const QString &revision)
{
    if (m_root.isEmpty() || revision == m_revision)
        return;
    m_revision = revision;
    readDesired();
    updateProgress();
}

void WorkspaceSession::refresh()
{
    readDesired();
    if (!m_context.isEmpty())
        connectCluster();
    updateProgress();
}

void WorkspaceSession::setContext(const QString &context)
{
    if (context == m_context && m_cluster.client())
        return;
    m_context = context;
    connectCluster();
}

void WorkspaceSession::readDesired()
{
    if (m_root.isEmpty())
        return;
    m_reading = true;
    m_loader.load(m_revision, m_cluster.appDefinitions());
}

void WorkspaceSession::desiredLoaded(const DesiredState &state)
{
    m_reading = false;
    if (!state.error.isEmpty())
        Q_EMIT problem(tr("Could not read the desired state: %1").arg(state.error));
    m_desiredAsRead = state;
    // The types to keep live may have changed with the apps.
    if (m_cluster.discoveryInfo())
        clusterDiscovered();
    else
        resolveDesired();
    scheduleCompare();
    updateProgress();
}

void WorkspaceSession::resolveDesired()
{
    if (!m_desiredAsRead)
        return;
    const std::shared_ptr<const kube::DiscoveryInfo> info = m_cluster.discoveryInfo();
    m_desired = resolveDefaultNamespaces(*m_desiredAsRead, contextNamespace(),
                                         [info](const QString &group, const QString &kind) {
                                             if (!info)
                                                 return false;
                                             const kube::ApiResource type = info->find(group, kind);
                                             return type.isValid() && !type.namespaced;
                                         });
    // New manifests or namespaces: every dry run of exact mode is asked again.
    m_exact.setDesired(*m_desired);
}

void WorkspaceSession::connectCluster()
{
    // The dry runs' calls belong to the client that goes now.
    m_exact.setCluster(nullptr, {});
    // Another cluster runs other apps: git's own definitions until its list arrives.
    const bool definedByCluster = m_cluster.appDefinitions().has_value();
    m_cluster.close();
    if (definedByCluster)
        readDesired();
    // Objects that name no namespace land in the new context's.
    resolveDesired();
    if (!m_cluster.connectTo(m_context))
        scheduleCompare();
    updateProgress();
}

void WorkspaceSession::clusterDiscovered()
{
    // The cluster knows whether kinds git holds no CRD for are namespaced.
    resolveDesired();
    if (!m_desired || !m_cluster.client())
        return;
    // Dry runs wait for the live state (listed anew where the watch plan changed).
    m_exact.setCluster(m_cluster.client(), m_cluster.discoveryInfo());
    m_exact.setLiveReady(false);
    m_cluster.watch(*m_desired);
    m_exact.setLiveReady(m_cluster.isSynced());
    updateProgress();
}

void WorkspaceSession::clusterSynced()
{
    // The first full list is no burst of changes: compare at once.
    m_compareTimer.stop();
    compare();
    m_exact.setLiveReady(true);
    updateProgress();
}

const AppDesiredState *WorkspaceSession::desiredApp(const QString &name) const
{
    if (!m_desired)
        return nullptr;
    for (const AppDesiredState &app : m_desired->apps) {
        if (app.app.name == name)
            return &app;
    }
    return nullptr;
}

void WorkspaceSession::setAppExact(const QString &appName, bool exact,
                                   const manifest::ResourceId &first)
{
    if (!exact) {
        if (m_exact.stop(appName)) {
            scheduleCompare();
            updateProgress();
        }
        return;
    }
    if (m_context.isEmpty() || !m_cluster.error().isEmpty()) {
        Q_EMIT exactFailed(appName, tr("Exact mode needs a connected cluster context."));
        return;
    }
    const AppDesiredState *app = desiredApp(appName);
    if (m_desired && !app) {
        Q_EMIT exactFailed(appName, tr("The app %1 is not in the repository.").arg(appName));
        return;
    }
    if (app)
        m_exact.start(*app, first);
    scheduleCompare();
    updateProgress();
}

void WorkspaceSession::cancel()
{
    bool cancelled = m_cluster.cancelListing();
    cancelled = m_exact.cancel() || cancelled;
    if (cancelled)
        scheduleCompare();
    updateProgress();
}

SessionProgress WorkspaceSession::currentProgress() const
{
    if (m_reading)
        return {tr("Reading apps at %1…").arg(m_revision)};
    SessionProgress progress = m_cluster.progress();
    if (progress.isIdle()) {
        const ExactRunner::Progress exact = m_exact.progress();
        if (!exact.apps.isEmpty()) {
            progress.message = tr("Server dry runs for %1…").arg(exact.apps.join(u", "));
            progress.done = exact.done;
            progress.total = exact.total;
            progress.cancellable = true;
        }
    }
    return progress;
}

void WorkspaceSession::updateProgress()
{
    const SessionProgress now = currentProgress();
    if (now == m_progress)
        return;
    m_progress = now;
    Q_EMIT progress(now);
}

void WorkspaceSession::scheduleCompare()
{
    // A moment after the first change, not after the last: on a busy cluster (events more
    // often than the interval) a timer started again on every change would never fire, and
    // the drift shown would stay as it was for as long as the events kept coming.
    if (m_desired && !m_compareTimer.isActive())
        m_compareTimer.start();
}

void WorkspaceSession::compare()
{
    if (!m_desired)
        return;
    if (m_compareWatcher.isRunning()) {
        // One comparison at a time; the newest state is compared right after.
        m_compareTimer.start();
        return;
    }
    const bool synced = m_cluster.isSynced();
    const QString clusterError = m_cluster.error();
    // While the first list runs, git's resources show as Unknown (a partial snapshot); its
    // synced() compares them.
    WorkspaceComparison how;
    how.context = m_context;
    if (m_context.isEmpty())
        how.unknownReason = tr("No cluster context selected");
    else if (!clusterError.isEmpty())
        how.unknownReason = clusterError;
    else if (!synced)
        how.unknownReason = tr("Listing the cluster…");
    // Git being read again (the cluster's app definitions changed, F5): other apps may
    // follow, so this one is not the complete answer either.
    how.partial = (!m_context.isEmpty() && !synced && clusterError.isEmpty()) || m_reading;
    how.exact = m_exact.results();
    how.refusedLists = m_cluster.refusedLists();
    how.healthRules = m_cluster.healthRules();
    // From the last comparison: only what changed since is compared again.
    m_compareWatcher.setFuture(QtConcurrent::run(
        [previous = m_compared, desired = *m_desired, live = m_cluster.objects(), how]() mutable {
            ComparedWorkspace compared =
                compareWorkspaceAgain(previous ? &*previous : nullptr, desired, live, how);
            // Let go of the live objects before the result is reported: a change that comes
            // once it is must not find them shared and copy all of them on the GUI thread.
            live = {};
            return compared;
        }));
}

void WorkspaceSession::compared()
{
    if (m_compareWatcher.future().resultCount() == 0)
        return;
    m_compared = m_compareWatcher.result();
    m_snapshot = m_compared->snapshot;
    Q_EMIT snapshotChanged(m_snapshot);
    // Tell who waits for exact mode, once every resource of the app has been dry-run.
    for (const drift::AppWorkspaceDrift &app : std::as_const(m_snapshot.apps)) {
        if (app.exact && app.exactDone >= app.exactTotal && m_exact.takeCompletion(app.name))
            Q_EMIT exactAppCompared(app.name, app.drift);
    }
}

} // namespace gitops
