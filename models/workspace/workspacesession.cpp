#include "workspacesession.h"

#include "drift/appdrift.h"
#include "drift/comparison.h"
#include "kube/clusteraccess.h"
#include "kube/discovery.h"
#include "kube/discoveryinfo.h"
#include "kube/kubeclient.h"
#include "kube/livestate.h"
#include "kube/trackingfilter.h"
#include "logging.h"

#include <QDir>
#include <QJsonDocument>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace gitops {

namespace {

kube::TrackingFilter trackingOf(const App &app)
{
    switch (app.tracking) {
    case App::Tracking::ArgoCd:
        return kube::TrackingFilter::argoCd(app.name);
    case App::Tracking::Flux:
        return kube::TrackingFilter::flux(app.name);
    case App::Tracking::Label:
        return kube::TrackingFilter::label(app.trackingLabel);
    case App::Tracking::Unspecified:
        break;
    }
    return {};
}

// The drift of every app: the values the worker needs, and the comparison itself.
DriftSnapshot compareAll(const DesiredState &desired,
                         const QHash<manifest::ResourceId, QJsonObject> &live, bool connected,
                         const QString &clusterError, const QString &context)
{
    DriftSnapshot snapshot;
    snapshot.revision =
        desired.revision.workingCopy ? desired.revision.spec : desired.revision.commitId.left(8);
    snapshot.context = context;
    for (const AppDesiredState &appState : desired.apps) {
        AppSnapshot app;
        app.name = appState.app.name;
        app.error = appState.error;
        for (const manifest::SourceNote &note : appState.notes)
            app.notes << note.toString();
        for (const manifest::Resource &resource : appState.resources)
            app.sources.insert(resource.id, resource.location());
        if (!connected || !clusterError.isEmpty()) {
            const QString reason = !clusterError.isEmpty()
                ? clusterError
                : QStringLiteral("No cluster context selected");
            QList<drift::ResourceDrift> unknown;
            for (const manifest::Resource &resource : appState.resources)
                unknown << drift::unknownResource(resource.id, reason);
            app.drift = drift::AppDrift::of(unknown);
        } else {
            const kube::TrackingFilter tracking = trackingOf(appState.app);
            QSet<manifest::ResourceId> wanted;
            for (const manifest::Resource &resource : appState.resources)
                wanted.insert(resource.id);
            QList<QJsonObject> objects;
            for (auto it = live.cbegin(); it != live.cend(); ++it) {
                if (wanted.contains(it.key())
                    || (!tracking.isEmpty() && tracking.matches(it.value())))
                    objects << it.value();
            }
            app.drift =
                drift::compareApp(appState.resources, objects, appState.app.destinationNamespace,
                                  drift::ComparisonOptions::forApp(appState.app));
        }
        snapshot.apps << app;
    }
    return snapshot;
}

} // namespace

WorkspaceSession::WorkspaceSession(QObject *parent)
    : QObject(parent)
{
    connect(&m_loader, &DesiredStateLoader::loaded, this, &WorkspaceSession::desiredLoaded);
    // Changes come in bursts (a list's pages, a rollout's events): compare once per burst.
    m_compareTimer.setSingleShot(true);
    m_compareTimer.setInterval(150);
    connect(&m_compareTimer, &QTimer::timeout, this, &WorkspaceSession::compare);
    connect(&m_compareWatcher, &QFutureWatcher<DriftSnapshot>::finished, this, [this] {
        if (m_compareWatcher.future().resultCount() == 0)
            return;
        m_snapshot = m_compareWatcher.result();
        Q_EMIT snapshotChanged(m_snapshot);
        Q_EMIT progress(QString());
    });
}

WorkspaceSession::~WorkspaceSession()
{
    disconnectCluster();
}

QString WorkspaceSession::loadKubeConfig()
{
    QString error;
    const QStringList files =
        kube::KubeConfig::defaultFiles(qEnvironmentVariable("KUBECONFIG"), QDir::homePath());
    m_config = kube::KubeConfig::load(files, &error);
    return error;
}

void WorkspaceSession::openRepository(const QString &root, const QString &revision)
{
    m_root = root;
    m_revision = revision;
    m_desired.reset();
    m_loader.open(root);
    m_loader.load(revision);
    Q_EMIT progress(
        tr("Reading apps from %1 at %2…").arg(QDir::toNativeSeparators(root), revision));
}

void WorkspaceSession::refresh()
{
    if (!m_root.isEmpty()) {
        m_loader.load(m_revision);
        Q_EMIT progress(tr("Reading apps at %1…").arg(m_revision));
    }
    if (!m_context.isEmpty())
        connectCluster();
}

void WorkspaceSession::setContext(const QString &context)
{
    if (context == m_context && m_client)
        return;
    m_context = context;
    connectCluster();
}

void WorkspaceSession::desiredLoaded(const DesiredState &state)
{
    if (!state.error.isEmpty())
        Q_EMIT problem(tr("Could not read the desired state: %1").arg(state.error));
    m_desired = state;
    // The types to keep live may have changed with the apps.
    if (m_discovery && m_discovery->info())
        discoveryReady(m_discovery->info());
    scheduleCompare();
}

void WorkspaceSession::disconnectCluster()
{
    if (m_live)
        m_live->stop();
    delete m_live;
    m_live = nullptr;
    delete m_discovery;
    m_discovery = nullptr;
    m_client.reset();
    m_discoveryInfo.reset();
    m_liveObjects.clear();
    m_liveSynced = false;
    m_clusterError.clear();
}

void WorkspaceSession::connectCluster()
{
    disconnectCluster();
    if (m_context.isEmpty()) {
        scheduleCompare();
        return;
    }
    QString error;
    const std::optional<kube::ClusterAccess> access =
        kube::ClusterAccess::resolve(m_config, m_context, &error);
    if (!access) {
        m_clusterError = error;
        Q_EMIT problem(tr("Cannot use context %1: %2").arg(m_context, error));
        scheduleCompare();
        return;
    }
    for (const QString &warning : access->warnings)
        Q_EMIT problem(warning);
    m_client = std::make_unique<kube::KubeClient>(*access);
    m_discovery = new kube::Discovery(m_client.get(), this);
    connect(m_discovery, &kube::Discovery::ready, this, &WorkspaceSession::discoveryReady);
    connect(m_discovery, &kube::Discovery::failed, this, &WorkspaceSession::clusterFailed);
    Q_EMIT progress(tr("Connecting to %1…").arg(m_client->server()));
    m_discovery->refresh();
}

void WorkspaceSession::discoveryReady(const std::shared_ptr<const kube::DiscoveryInfo> &info)
{
    m_discoveryInfo = info;
    if (!m_desired || !m_client)
        return;
    // Keep live the types the apps name, in every namespace: their objects are matched to
    // git by identity, and tracked extras of those types show as Extraneous.
    QList<kube::LiveTarget> targets;
    QSet<QString> seen;
    QStringList unknownKinds;
    for (const AppDesiredState &app : m_desired->apps) {
        for (const manifest::Resource &resource : app.resources) {
            const kube::ApiResource type = info->find(resource.id.group, resource.id.kind);
            if (!type.isValid()) {
                unknownKinds << resource.id.kind;
                continue;
            }
            if (seen.contains(type.displayName()) || !type.allows(QStringLiteral("watch")))
                continue;
            seen.insert(type.displayName());
            targets << kube::LiveTarget{type, QString(), {}};
        }
    }
    if (m_live)
        m_live->stop();
    delete m_live;
    m_liveObjects.clear();
    m_liveSynced = false;
    m_live = new kube::LiveState(m_client.get(), this);
    m_live->setTargets(targets);
    connect(m_live, &kube::LiveState::changed, this, &WorkspaceSession::liveChanged);
    connect(m_live, &kube::LiveState::failed, this, &WorkspaceSession::clusterFailed);
    connect(m_live, &kube::LiveState::synced, this, [this] {
        m_liveSynced = true;
        scheduleCompare();
    });
    Q_EMIT progress(tr("Listing %1 kinds in %2…").arg(targets.size()).arg(m_context));
    m_live->start();
}

void WorkspaceSession::liveChanged(const kube::LiveChangeSet &changes)
{
    for (const QJsonObject &object : changes.added)
        m_liveObjects.insert(drift::identityOf(object), object);
    for (const QJsonObject &object : changes.modified)
        m_liveObjects.insert(drift::identityOf(object), object);
    for (const QJsonObject &object : changes.deleted)
        m_liveObjects.remove(drift::identityOf(object));
    if (m_liveSynced)
        scheduleCompare();
}

void WorkspaceSession::clusterFailed(const kube::ApiError &error)
{
    m_clusterError = error.message;
    Q_EMIT problem(tr("Cluster %1: %2").arg(m_context, error.message));
    scheduleCompare();
}

void WorkspaceSession::compareExactly(const QString &appName, const manifest::ResourceId &id)
{
    const auto fail = [&](const QString &message) { Q_EMIT exactFailed(appName, id, message); };
    if (!m_client || !m_discoveryInfo) {
        fail(tr("Exact mode needs a connected cluster context."));
        return;
    }
    if (!m_desired) {
        fail(tr("The desired state is still being read."));
        return;
    }
    const AppDesiredState *app = nullptr;
    for (const AppDesiredState &candidate : m_desired->apps) {
        if (candidate.app.name == appName)
            app = &candidate;
    }
    if (!app) {
        fail(tr("The app %1 is no longer in the repository.").arg(appName));
        return;
    }
    const manifest::Resource *desired = nullptr;
    for (const manifest::Resource &resource : app->resources) {
        if (resource.id == id)
            desired = &resource;
    }
    if (!desired) {
        fail(tr("%1 is not in git, so there is nothing to dry-run.").arg(id.toString()));
        return;
    }
    const kube::ApiResource type = m_discoveryInfo->find(id.group, id.kind);
    if (!type.isValid()) {
        fail(tr("The cluster does not serve %1.").arg(id.kind));
        return;
    }
    // Exact mode is strict: every live field the dry-run result lacks would go on a sync.
    drift::ComparisonOptions options = drift::ComparisonOptions::forApp(app->app);
    options.exact = true;
    const QString manager = options.appliers.value(0, QStringLiteral("gitops-console"));
    const QJsonObject live = m_liveObjects.value(id);
    const QHash<QString, int> lines = desired->fieldLines;
    kube::ApiCall *call =
        m_client->dryRunApply(type, desired->object, app->app.destinationNamespace, manager);
    Q_EMIT progress(tr("Asking %1 for a server-side dry run of %2…").arg(m_context, id.toString()));
    connect(call, &kube::ApiCall::finished, this,
            [this, appName, id, live, options, lines](const kube::ApiResponse &response) {
                Q_EMIT progress(QString());
                if (response.error.kind != kube::ApiError::Kind::None) {
                    Q_EMIT exactFailed(appName, id, response.error.message);
                    return;
                }
                const QJsonObject wouldBe = QJsonDocument::fromJson(response.body).object();
                Q_EMIT exactCompared(appName,
                                     drift::compareResource(id, wouldBe, live, options, lines));
            });
}

void WorkspaceSession::scheduleCompare()
{
    if (m_desired)
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
    const bool connected = !m_context.isEmpty() && (m_liveSynced || !m_clusterError.isEmpty());
    if (!m_context.isEmpty() && !connected)
        return; // the first list is still running; its synced() compares
    m_compareWatcher.setFuture(QtConcurrent::run(compareAll, *m_desired, m_liveObjects,
                                                 !m_context.isEmpty(), m_clusterError, m_context));
}

} // namespace gitops
