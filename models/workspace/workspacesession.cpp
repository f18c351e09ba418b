#include "workspacesession.h"

#include "drift/appdrift.h"
#include "drift/comparison.h"
#include "git/repositoryworker.h"
#include "kube/clusteraccess.h"
#include "kube/discovery.h"
#include "kube/discoveryinfo.h"
#include "kube/kubeclient.h"
#include "kube/livestate.h"
#include "kube/trackingfilter.h"
#include "kube/watchplan.h"
#include "logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

namespace gitops {

namespace {

// The objects by which controllers define apps (issue 20): read from the cluster, they
// say which apps run and how, and win over what the repository holds.
bool definesApps(const QString &group, const QString &kind)
{
    return (group == u"argoproj.io" && kind == u"Application")
        || (group == u"kustomize.toolkit.fluxcd.io" && kind == u"Kustomization")
        || (group == u"source.toolkit.fluxcd.io" && kind == u"GitRepository");
}

const QList<kube::NamedKind> AppDefinitionKinds = {
    {QStringLiteral("argoproj.io"), QStringLiteral("Application")},
    {QStringLiteral("kustomize.toolkit.fluxcd.io"), QStringLiteral("Kustomization")},
    {QStringLiteral("source.toolkit.fluxcd.io"), QStringLiteral("GitRepository")}};

// Where Argo CD keeps the user's health rules (its Lua scripts), in its default install.
const manifest::ResourceId ArgoCdConfigMap = {
    QString(), QStringLiteral("ConfigMap"), QStringLiteral("argocd"), QStringLiteral("argocd-cm")};

} // namespace

WorkspaceSession::WorkspaceSession(QObject *parent)
    : QObject(parent)
{
    connect(&m_loader, &DesiredStateLoader::loaded, this, &WorkspaceSession::desiredLoaded);
    // Changes come in bursts (a list's pages, a rollout's events): compare once per burst.
    m_compareTimer.setSingleShot(true);
    m_compareTimer.setInterval(150);
    connect(&m_compareTimer, &QTimer::timeout, this, &WorkspaceSession::compare);
    connect(&m_compareWatcher, &QFutureWatcher<DriftSnapshot>::finished, this,
            &WorkspaceSession::compared);
    m_exact.setLiveLookup([this](const manifest::ResourceId &id) {
        // The newest state without catching up (which would copy what a comparison holds).
        const auto behind = m_liveBehind.constFind(id);
        if (behind != m_liveBehind.cend())
            return behind->value_or(QJsonObject());
        return m_liveObjects.value(id);
    });
    connect(&m_exact, &ExactRunner::answered, this, [this] {
        scheduleCompare();
        updateProgress();
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
    m_kubeConfigError = error;
    m_kubeConfigFound = std::any_of(files.cbegin(), files.cend(),
                                    [](const QString &file) { return QFile::exists(file); });
    return error;
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
    m_reading = true;
    m_loader.setRepository(worker.get());
    m_repository = std::move(worker);
    m_loader.load(revision, m_clusterDefinitions);
    updateProgress();
}

void WorkspaceSession::setRevision(const QString &revision)
{
    if (m_root.isEmpty() || revision == m_revision)
        return;
    m_revision = revision;
    m_reading = true;
    m_loader.load(revision, m_clusterDefinitions);
    updateProgress();
}

void WorkspaceSession::refresh()
{
    if (!m_root.isEmpty()) {
        m_reading = true;
        m_loader.load(m_revision, m_clusterDefinitions);
    }
    if (!m_context.isEmpty())
        connectCluster();
    updateProgress();
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
    m_reading = false;
    if (!state.error.isEmpty())
        Q_EMIT problem(tr("Could not read the desired state: %1").arg(state.error));
    m_desiredAsRead = state;
    // The types to keep live may have changed with the apps.
    if (m_discovery && m_discovery->info())
        discoveryReady(m_discovery->info());
    else
        resolveDesired();
    scheduleCompare();
    updateProgress();
}

void WorkspaceSession::resolveDesired()
{
    if (!m_desiredAsRead)
        return;
    const kube::ContextEntry *context = m_config.context(m_context);
    const std::shared_ptr<const kube::DiscoveryInfo> info = m_discoveryInfo;
    m_desired =
        resolveDefaultNamespaces(*m_desiredAsRead, context ? context->namespaceName : QString(),
                                 [info](const QString &group, const QString &kind) {
                                     if (!info)
                                         return false;
                                     const kube::ApiResource type = info->find(group, kind);
                                     return type.isValid() && !type.namespaced;
                                 });
    // New manifests or namespaces: every dry run of exact mode is asked again.
    m_exact.setDesired(*m_desired);
}

void WorkspaceSession::disconnectCluster()
{
    if (m_live)
        m_live->stop();
    delete m_live;
    m_live = nullptr;
    delete m_discovery;
    m_discovery = nullptr;
    // The dry runs' calls belong to the client.
    m_exact.setCluster(nullptr, {});
    m_client.reset();
    m_discoveryInfo.reset();
    m_liveObjects.clear();
    m_liveBehind.clear();
    m_healthRules.reset();
    m_liveSynced = false;
    m_listed = m_listTotal = 0;
    m_clusterError.clear();
    m_refusedLists.clear();
}

void WorkspaceSession::connectCluster()
{
    disconnectCluster();
    // Another cluster runs other apps: git's own definitions until its list arrives.
    if (m_clusterDefinitions) {
        m_clusterDefinitions.reset();
        m_clusterDefinitionsKey.clear();
        if (!m_root.isEmpty()) {
            m_reading = true;
            m_loader.load(m_revision, m_clusterDefinitions);
        }
    }
    // Objects that name no namespace land in the new context's.
    resolveDesired();
    if (m_context.isEmpty()) {
        scheduleCompare();
        updateProgress();
        return;
    }
    QString error;
    const std::optional<kube::ClusterAccess> access =
        kube::ClusterAccess::resolve(m_config, m_context, &error);
    if (!access) {
        // A context the kubeconfig lacks because the kubeconfig could not be read: say why.
        m_clusterError = m_kubeConfigError.isEmpty()
            ? error
            : tr("the kubeconfig could not be read: %1").arg(m_kubeConfigError);
        Q_EMIT problem(tr("Cannot use context %1: %2").arg(m_context, m_clusterError));
        scheduleCompare();
        updateProgress();
        return;
    }
    for (const QString &warning : access->warnings)
        Q_EMIT problem(warning);
    m_client = std::make_unique<kube::KubeClient>(*access);
    m_discovery = new kube::Discovery(m_client.get(), this);
    connect(m_discovery, &kube::Discovery::ready, this, &WorkspaceSession::discoveryReady);
    connect(m_discovery, &kube::Discovery::failed, this, &WorkspaceSession::clusterFailed);
    m_discovery->refresh();
    updateProgress();
}

void WorkspaceSession::discoveryReady(const std::shared_ptr<const kube::DiscoveryInfo> &info)
{
    m_discoveryInfo = info;
    // The cluster knows whether kinds git holds no CRD for are namespaced.
    resolveDesired();
    if (!m_desired || !m_client)
        return;
    // Dry runs wait for the live state (listed anew where the watch plan changed).
    m_exact.setCluster(m_client.get(), info);
    m_exact.setLiveReady(false);
    // The objects that define apps, whenever the cluster serves them.
    QList<kube::NamedKind> kinds = AppDefinitionKinds;
    QList<kube::TrackingFilter> families;
    for (const AppDesiredState &app : m_desired->apps) {
        for (const manifest::Resource &resource : app.resources)
            kinds << kube::NamedKind{resource.id.group, resource.id.kind};
        // Any app of this kind of tracking, so one watch per type serves them all.
        kube::TrackingFilter family = trackingFilterOf(app.app);
        family.labelValue.clear();
        family.annotationPrefix.clear();
        if (!family.isEmpty() && !families.contains(family))
            families << family;
    }
    QList<kube::LiveTarget> targets = kube::planWatches(*info, kinds, families);
    // A cluster that runs Argo CD: its argocd-cm holds the user's own health rules.
    const kube::ApiResource configMaps = info->find(QString(), QStringLiteral("ConfigMap"));
    if (info->find(QStringLiteral("argoproj.io"), QStringLiteral("Application")).isValid()
        && configMaps.isValid()
        && std::none_of(targets.cbegin(), targets.cend(), [&](const kube::LiveTarget &target) {
               return target.type == configMaps && target.filter.isEmpty();
           }))
        targets << kube::LiveTarget{configMaps, ArgoCdConfigMap.namespaceName, {}};
    if (m_live) {
        // The plan changed with git (a new kind, another namespace) or discovery: only the
        // watches whose target changed restart; the others keep what they listed.
        m_live->retarget(targets);
        m_liveSynced = m_live->isSynced();
        m_listed = m_live->listedCount();
        m_listTotal = int(m_live->watches().size());
        m_exact.setLiveReady(m_liveSynced);
        updateProgress();
        return;
    }
    delete m_live;
    m_liveObjects.clear();
    m_liveBehind.clear();
    m_liveSynced = false;
    m_refusedLists.clear();
    m_unlistedKinds.clear();
    m_unlistedTold = false;
    m_refusedAppDefinitions = false;
    m_substitutionWatches.clear();
    m_substitutionSources.clear();
    m_live = new kube::LiveState(m_client.get(), this);
    m_live->setTargets(targets);
    connect(m_live, &kube::LiveState::changed, this, &WorkspaceSession::liveChanged);
    connect(m_live, &kube::LiveState::failed, this, &WorkspaceSession::clusterFailed);
    connect(m_live, &kube::LiveState::refused, this, &WorkspaceSession::listRefused);
    connect(m_live, &kube::LiveState::listProgress, this, [this](int listed, int total) {
        m_listed = listed;
        m_listTotal = total;
        updateProgress();
    });
    connect(m_live, &kube::LiveState::synced, this, [this] {
        m_liveSynced = true;
        if (!m_unlistedKinds.isEmpty() && !m_unlistedTold) {
            m_unlistedTold = true;
            QStringList kinds(m_unlistedKinds.cbegin(), m_unlistedKinds.cend());
            kinds.sort();
            Q_EMIT problem(tr("Not allowed to list %1 in context %2, so objects of those "
                              "kinds that git does not name are not shown.")
                               .arg(kinds.join(u", "), m_context));
        }
        updateClusterDefinitions();
        // The first full list is no burst of changes: compare at once.
        m_compareTimer.stop();
        compare();
        m_exact.setLiveReady(true);
        updateProgress();
    });
    m_listed = 0;
    m_listTotal = int(targets.size());
    m_live->start();
    updateProgress();
}

void WorkspaceSession::liveChanged(const kube::LiveChangeSet &changes)
{
    QList<manifest::ResourceId> changed;
    // A comparison running holds a copy of the live objects: changing them now would copy
    // all of them on the GUI thread, so the changes wait until it is done.
    const bool behind = m_compareWatcher.isRunning();
    if (!behind)
        catchUpLive();
    const auto keep = [&](const QJsonObject &object) {
        const manifest::ResourceId id = drift::identityOf(object);
        if (behind)
            m_liveBehind.insert(id, object);
        else
            m_liveObjects.insert(id, object);
        changed << id;
    };
    for (const QJsonObject &object : changes.added)
        keep(object);
    for (const QJsonObject &object : changes.modified)
        keep(object);
    for (const QJsonObject &object : changes.deleted) {
        const manifest::ResourceId id = drift::identityOf(object);
        if (behind)
            m_liveBehind.insert(id, std::nullopt);
        else
            m_liveObjects.remove(id);
        changed << id;
    }
    // A CRD whose kind discovery does not know yet (made since, or cached from before it
    // existed): ask the server again, so its objects are listed too.
    if (m_discovery && m_discoveryInfo) {
        QStringList unknownKinds;
        for (const QJsonObject &object : changes.added + changes.modified) {
            if (object.value(u"kind").toString() != u"CustomResourceDefinition")
                continue;
            const QJsonObject spec = object.value(u"spec").toObject();
            const QString group = spec.value(u"group").toString();
            const QString kind = spec.value(u"names").toObject().value(u"kind").toString();
            const QString name = kind + u'.' + group;
            if (!m_discoveryInfo->find(group, kind).isValid()
                && !m_refreshedForKinds.contains(name))
                unknownKinds << name;
        }
        if (!unknownKinds.isEmpty()) {
            for (const QString &name : std::as_const(unknownKinds))
                m_refreshedForKinds.insert(name);
            m_discovery->refresh(true);
        }
    }
    if (changed.contains(ArgoCdConfigMap))
        readHealthRules();
    // A dry run is an apply onto live: when live changes, exact mode asks again.
    m_exact.liveChanged(changed);
    // What defines apps, and the ConfigMaps and Secrets Flux substitutes from.
    if (m_liveSynced
        && std::any_of(changed.cbegin(), changed.cend(), [this](const manifest::ResourceId &id) {
               return definesApps(id.group, id.kind) || m_substitutionSources.contains(id);
           }))
        updateClusterDefinitions();
    if (m_liveSynced)
        scheduleCompare();
}

QStringList WorkspaceSession::workspaceNamespaces() const
{
    QSet<QString> namespaces;
    if (m_desired) {
        for (const AppDesiredState &app : m_desired->apps) {
            for (const manifest::Resource &resource : app.resources) {
                if (!resource.id.namespaceName.isEmpty())
                    namespaces.insert(resource.id.namespaceName);
            }
        }
    }
    const kube::ContextEntry *context = m_config.context(m_context);
    namespaces.insert(context && !context->namespaceName.isEmpty() ? context->namespaceName
                                                                   : QStringLiteral("default"));
    QStringList sorted(namespaces.cbegin(), namespaces.cend());
    sorted.sort();
    return sorted;
}

void WorkspaceSession::readHealthRules()
{
    catchUpLive();
    const QJsonObject configMap = m_liveObjects.value(ArgoCdConfigMap);
    if (configMap.isEmpty()) {
        m_healthRules.reset();
        return;
    }
    auto rules =
        std::make_shared<drift::HealthRules>(drift::HealthRules::fromArgoCdConfigMap(configMap));
    for (const Text &error : std::as_const(rules->errors))
        Q_EMIT problem(tr("Argo CD's health rules in argocd/argocd-cm: %1")
                           .arg(error.toString([](const char *source) {
                               return QCoreApplication::translate(Text::Context, source);
                           })));
    m_healthRules = rules->rules.isEmpty() ? nullptr : std::move(rules);
}

void WorkspaceSession::updateClusterDefinitions()
{
    catchUpLive();
    QList<manifest::ResourceId> ids;
    for (auto it = m_liveObjects.cbegin(); it != m_liveObjects.cend(); ++it) {
        if (definesApps(it.key().group, it.key().kind))
            ids << it.key();
    }
    std::sort(ids.begin(), ids.end(),
              [](const manifest::ResourceId &a, const manifest::ResourceId &b) {
                  return a.toString() < b.toString();
              });
    // Only what defines an app matters: a controller writing status must not reread git.
    QList<QJsonObject> objects;
    QByteArray key;
    QList<manifest::ResourceId> sources;
    for (const manifest::ResourceId &id : std::as_const(ids)) {
        const QJsonObject object = m_liveObjects.value(id);
        objects << object;
        key += id.toString().toUtf8() + '\n'
            + QJsonDocument(object.value(u"spec").toObject()).toJson(QJsonDocument::Compact) + '\n';
        // A Flux Kustomization's postBuild.substituteFrom: the ConfigMaps and Secrets whose
        // data it substitutes, in its namespace.
        const QJsonArray from = object.value(u"spec")
                                    .toObject()
                                    .value(u"postBuild")
                                    .toObject()
                                    .value(u"substituteFrom")
                                    .toArray();
        for (const QJsonValue &entry : from) {
            const QString kind = entry.toObject().value(u"kind").toString();
            if (kind == u"ConfigMap" || kind == u"Secret")
                sources << manifest::ResourceId{QString(), kind, id.namespaceName,
                                                entry.toObject().value(u"name").toString()};
        }
    }
    m_substitutionSources = QSet<manifest::ResourceId>(sources.cbegin(), sources.cend());
    for (const manifest::ResourceId &id : std::as_const(sources)) {
        watchSubstitutionSource(id);
        const auto found = m_liveObjects.constFind(id);
        if (found == m_liveObjects.cend())
            continue;
        objects << *found;
        // Its data changes what the app renders; hashed, so no value sits in the key.
        key += id.toString().toUtf8() + '\n'
            + QCryptographicHash::hash(
                  QJsonDocument(found->value(u"data").toObject()).toJson(QJsonDocument::Compact),
                  QCryptographicHash::Sha256)
                  .toHex()
            + '\n';
    }
    const bool served = m_discoveryInfo
        && std::any_of(AppDefinitionKinds.cbegin(), AppDefinitionKinds.cend(),
                       [this](const kube::NamedKind &kind) {
                           return m_discoveryInfo->find(kind.group, kind.kind).isValid();
                       });
    if (!served || m_refusedAppDefinitions
        || (m_clusterDefinitions && key == m_clusterDefinitionsKey))
        return;
    m_clusterDefinitionsKey = key;
    m_clusterDefinitions = objects;
    if (m_root.isEmpty())
        return;
    m_reading = true;
    m_loader.load(m_revision, m_clusterDefinitions);
    updateProgress();
}

// Watches the namespace's ConfigMaps or Secrets once, unless they are watched already (git
// names objects of that kind there, or the object is known).
void WorkspaceSession::watchSubstitutionSource(const manifest::ResourceId &id)
{
    catchUpLive();
    const QString key = id.kind + u'/' + id.namespaceName;
    if (!m_live || !m_discoveryInfo || m_substitutionWatches.contains(key)
        || m_liveObjects.contains(id))
        return;
    const kube::ApiResource type = m_discoveryInfo->find(QString(), id.kind);
    if (!type.isValid())
        return;
    m_substitutionWatches.insert(key);
    m_listTotal += 1;
    m_live->addTargets({kube::LiveTarget{type, id.namespaceName, {}}});
    updateProgress();
}

void WorkspaceSession::listRefused(const kube::LiveTarget &target, const kube::ApiError &error)
{
    const kube::ApiResource &type = target.type;
    if (definesApps(type.group, type.kind)) {
        if (!m_refusedAppDefinitions) {
            m_refusedAppDefinitions = true;
            Q_EMIT problem(tr("Not allowed to list %1 in context %2, so the apps are the "
                              "repository's own definitions: %3")
                               .arg(type.displayName(), m_context, error.text()));
        }
        return;
    }
    // What `kubectl -n` does for a user who may read only some namespaces: list the kind in
    // each namespace the workspace uses instead of cluster-wide.
    if (error.code == 403 && type.namespaced && target.namespaceName.isEmpty() && m_live) {
        QList<kube::LiveTarget> narrowed;
        for (const QString &namespaceName : workspaceNamespaces())
            narrowed << kube::LiveTarget{type, namespaceName, target.filter};
        m_listTotal += int(narrowed.size());
        m_live->addTargets(narrowed);
        updateProgress();
        return;
    }
    if (type.group == u"apiextensions.k8s.io" && type.kind == u"CustomResourceDefinition") {
        Q_EMIT problem(tr("Custom resources' lists are compared whole, not item by item: %1")
                           .arg(error.text()));
        return;
    }
    if (!target.filter.isEmpty()) {
        // Only looked in for extra objects the app's controller marks.
        m_unlistedKinds.insert(target.namespaceName.isEmpty() ? type.displayName()
                                                              : type.displayName()
                                       + QStringLiteral(" (") + target.namespaceName + u')');
        return;
    }
    m_refusedLists.insert(refusedListKey(type.group, type.kind, target.namespaceName),
                          error.text());
    scheduleCompare();
}

void WorkspaceSession::clusterFailed(const kube::ApiError &error)
{
    // Which of the user's clusters and where: "context admin (https://127.0.0.1:4321):
    // Connection refused"; a server's refusal says what was refused.
    const QString server = !error.server.isEmpty() ? error.server
        : m_client                                 ? m_client->server()
                                                   : QString();
    m_clusterError = error.kind == kube::ApiError::Kind::Status
        ? tr("context %1: %2").arg(m_context, error.text())
        : tr("context %1 (%2): %3").arg(m_context, server, error.message);
    Q_EMIT problem(m_clusterError);
    scheduleCompare();
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
    if (m_context.isEmpty() || !m_clusterError.isEmpty()) {
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
    bool cancelled = false;
    if (m_live && !m_liveSynced) {
        m_live->stop();
        m_clusterError = tr("Listing cancelled; refresh (F5) to list the cluster again.");
        cancelled = true;
    }
    cancelled = m_exact.cancel() || cancelled;
    if (cancelled)
        scheduleCompare();
    updateProgress();
}

SessionProgress WorkspaceSession::currentProgress() const
{
    SessionProgress progress;
    if (m_reading) {
        progress.message = tr("Reading apps at %1…").arg(m_revision);
    } else if (m_client && !m_discoveryInfo && m_clusterError.isEmpty()) {
        progress.message = tr("Connecting to %1…").arg(m_client->server());
    } else if (m_live && !m_liveSynced && m_clusterError.isEmpty()) {
        progress.message = tr("Listing kinds in %1…").arg(m_context);
        progress.done = m_listed;
        progress.total = m_listTotal;
        progress.cancellable = true;
    } else {
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

const QHash<manifest::ResourceId, QJsonObject> &WorkspaceSession::liveObjects() const
{
    catchUpLive();
    return m_liveObjects;
}

void WorkspaceSession::catchUpLive() const
{
    // Copies the objects (once) if a comparison still holds them: whoever asks gets the
    // newest state.
    for (auto it = m_liveBehind.cbegin(); it != m_liveBehind.cend(); ++it) {
        if (it.value())
            m_liveObjects.insert(it.key(), *it.value());
        else
            m_liveObjects.remove(it.key());
    }
    m_liveBehind.clear();
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
    // While the first list runs, git's resources show as Unknown (a partial snapshot); its
    // synced() compares them.
    QString unknown;
    if (m_context.isEmpty())
        unknown = tr("No cluster context selected");
    else if (!m_clusterError.isEmpty())
        unknown = m_clusterError;
    else if (!m_liveSynced)
        unknown = tr("Listing the cluster…");
    // Git being read again (the cluster's app definitions changed, F5): other apps may
    // follow, so this one is not the complete answer either.
    const bool partial =
        (!m_context.isEmpty() && !m_liveSynced && m_clusterError.isEmpty()) || m_reading;
    catchUpLive();
    WorkspaceComparison how;
    how.context = m_context;
    how.unknownReason = unknown;
    how.partial = partial;
    how.exact = m_exact.results();
    how.refusedLists = m_refusedLists;
    how.healthRules = m_healthRules;
    m_compareWatcher.setFuture(QtConcurrent::run(compareWorkspace, *m_desired, m_liveObjects, how));
}

void WorkspaceSession::compared()
{
    if (m_compareWatcher.future().resultCount() == 0)
        return;
    m_snapshot = m_compareWatcher.result();
    Q_EMIT snapshotChanged(m_snapshot);
    // Tell who waits for exact mode, once every resource of the app has been dry-run.
    for (const AppSnapshot &app : std::as_const(m_snapshot.apps)) {
        if (app.exact && app.exactDone >= app.exactTotal && m_exact.takeCompletion(app.name))
            Q_EMIT exactAppCompared(app.name, app.drift);
    }
}

} // namespace gitops
