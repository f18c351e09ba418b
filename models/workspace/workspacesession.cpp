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

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
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

// Objects a controller made from another (a Deployment's ReplicaSets and Pods) carry the
// app's labels from their template, but are not the app's: never Extraneous.
bool isOwned(const QJsonObject &object)
{
    return !object.value(u"metadata").toObject().value(u"ownerReferences").toArray().isEmpty();
}

// Lists the server refused, by the kind and namespace ("" for all) they were asked for.
QString refusedKey(const QString &group, const QString &kind, const QString &namespaceName)
{
    return group + u'/' + kind + u'/' + namespaceName;
}

// What a dry run said replaces the comparison by field ownership, resource by resource.
drift::AppDrift withExactResults(drift::AppDrift drift, const AppDesiredState &appState,
                                 drift::ComparisonOptions options, const ExactResults &exact,
                                 const QHash<manifest::ResourceId, QJsonObject> &live)
{
    // The same expected writers as the comparison by field ownership (an HPA's replicas).
    options = drift::withAppRules(std::move(options), appState.resources);
    options.exact = true;
    QHash<manifest::ResourceId, const manifest::Resource *> desired;
    for (const manifest::Resource &resource : appState.resources)
        desired.insert(resource.id, &resource);
    for (drift::ResourceDrift &resource : drift.resources) {
        const manifest::Resource *source = desired.value(resource.id);
        if (!source)
            continue;
        if (const auto failure = exact.failures.constFind(resource.id);
            failure != exact.failures.cend()) {
            resource = drift::unknownResource(
                resource.id,
                QCoreApplication::translate("gitops::WorkspaceSession",
                                            "The server's dry run failed: %1")
                    .arg(*failure));
        } else if (const auto wouldBe = exact.wouldBe.constFind(resource.id);
                   wouldBe != exact.wouldBe.cend()) {
            resource = drift::compareResource(resource.id, *wouldBe, live.value(resource.id),
                                              options, source->fieldLines);
        }
    }
    return drift::AppDrift::of(drift.resources);
}

// The drift of every app: the values the worker needs, and the comparison itself. A
// non-empty @p unknownReason (no context, an unreachable cluster, a list still running)
// makes every resource Unknown with it.
DriftSnapshot compareAll(const DesiredState &desired,
                         const QHash<manifest::ResourceId, QJsonObject> &live,
                         const QString &unknownReason, bool partial, const QString &context,
                         const QHash<QString, ExactResults> &exact,
                         const QHash<QString, QString> &refused)
{
    QList<QJsonObject> definitions;
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        if (it.key().kind == u"CustomResourceDefinition"
            && it.key().group == u"apiextensions.k8s.io")
            definitions << it.value();
    }
    DriftSnapshot snapshot;
    snapshot.revision =
        desired.revision.workingCopy ? desired.revision.spec : desired.revision.commitId.left(8);
    snapshot.context = context;
    snapshot.partial = partial;
    for (const AppDesiredState &appState : desired.apps) {
        AppSnapshot app;
        app.name = appState.app.name;
        app.error = appState.error;
        for (const manifest::SourceNote &note : appState.notes)
            app.notes << note.toString();
        for (const manifest::Resource &resource : appState.resources) {
            app.sources.insert(resource.id, resource.location());
            if (resource.namespaceFrom != manifest::NamespaceFrom::Manifest
                && resource.namespaceFrom != manifest::NamespaceFrom::None)
                app.inferredNamespaces.insert(resource.id, resource.namespaceFrom);
        }
        // The workspace file may say an app runs in another cluster than the one shown.
        const QString elsewhere = appState.app.source == App::Source::WorkspaceFile
                && !appState.app.destinationContext.isEmpty()
                && appState.app.destinationContext != context
            ? appState.app.destinationContext
            : QString();
        if (!unknownReason.isEmpty() || !elsewhere.isEmpty()) {
            QString reason = unknownReason;
            if (!elsewhere.isEmpty() && !context.isEmpty())
                reason = QCoreApplication::translate(
                             "gitops::WorkspaceSession",
                             "This app runs in context %1 (gitops-console.yaml); choose that "
                             "context to compare it")
                             .arg(elsewhere);
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
                    || (!tracking.isEmpty() && tracking.matches(it.value())
                        && !isOwned(it.value()))) {
                    objects << it.value();
                    app.lastChanges.insert(it.key(), LastChange::of(it.value()));
                }
            }
            drift::ComparisonOptions options = drift::ComparisonOptions::forApp(appState.app);
            options.addCustomResourceDefinitions(definitions);
            app.drift = drift::compareApp(appState.resources, objects,
                                          appState.app.destinationNamespace, options);
            if (const auto run = exact.constFind(app.name); run != exact.cend()) {
                app.exact = true;
                for (const manifest::Resource &resource : appState.resources) {
                    if (run->wouldBe.contains(resource.id) || run->failures.contains(resource.id))
                        app.dryRun.insert(resource.id);
                }
                app.exactTotal = int(appState.resources.size());
                app.exactDone = int(app.dryRun.size());
                app.drift = withExactResults(app.drift, appState, options, *run, live);
            }
            // What the server would not let us list is unknown, not missing.
            if (!refused.isEmpty()) {
                QList<drift::ResourceDrift> resources = app.drift.resources;
                bool changed = false;
                for (drift::ResourceDrift &resource : resources) {
                    const manifest::ResourceId &id = resource.id;
                    auto reason =
                        refused.constFind(refusedKey(id.group, id.kind, id.namespaceName));
                    if (reason == refused.cend())
                        reason = refused.constFind(refusedKey(id.group, id.kind, QString()));
                    if (reason != refused.cend()) {
                        resource = drift::unknownResource(id, *reason);
                        changed = true;
                    }
                }
                if (changed)
                    app.drift = drift::AppDrift::of(std::move(resources));
            }
        }
        snapshot.apps << app;
    }
    return snapshot;
}

// What exact mode compares a dry run against: a new spec, labels or annotations ask again;
// the status a controller keeps writing does not.
QString fingerprintOf(const QJsonObject &live)
{
    if (live.isEmpty())
        return QStringLiteral("absent");
    const QJsonObject metadata = live.value(u"metadata").toObject();
    if (!metadata.contains(u"generation"))
        return metadata.value(u"resourceVersion").toString();
    QJsonObject marks;
    marks.insert(QStringLiteral("g"), metadata.value(u"generation"));
    marks.insert(QStringLiteral("l"), metadata.value(u"labels"));
    marks.insert(QStringLiteral("a"), metadata.value(u"annotations"));
    return QString::fromUtf8(QJsonDocument(marks).toJson(QJsonDocument::Compact));
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
    connect(&m_compareWatcher, &QFutureWatcher<DriftSnapshot>::finished, this,
            &WorkspaceSession::compared);
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
    m_desiredAsRead.reset();
    m_desired.reset();
    m_reading = true;
    m_loader.open(root);
    m_loader.load(revision);
    updateProgress();
}

void WorkspaceSession::setRevision(const QString &revision)
{
    if (m_root.isEmpty() || revision == m_revision)
        return;
    m_revision = revision;
    m_reading = true;
    m_loader.load(revision);
    updateProgress();
}

void WorkspaceSession::refresh()
{
    if (!m_root.isEmpty()) {
        m_reading = true;
        m_loader.load(m_revision);
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
    for (auto it = m_exact.begin(); it != m_exact.end(); ++it)
        queueWholeApp(it.key());
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
    for (kube::ApiCall *call : std::as_const(m_exactCalls))
        call->disconnect(this);
    m_exactCalls.clear();
    for (ExactRun &run : m_exact) {
        run.queue += QList<manifest::ResourceId>(run.inFlight.cbegin(), run.inFlight.cend());
        run.inFlight.clear();
    }
    m_client.reset();
    m_discoveryInfo.reset();
    m_liveObjects.clear();
    m_liveSynced = false;
    m_listed = m_listTotal = 0;
    m_clusterError.clear();
    m_refusedLists.clear();
}

void WorkspaceSession::connectCluster()
{
    disconnectCluster();
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
        m_clusterError = error;
        Q_EMIT problem(tr("Cannot use context %1: %2").arg(m_context, error));
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
    // Keep live the types the apps name, in every namespace: their objects are matched to
    // git by identity, and tracked extras of those types show as Extraneous.
    QList<kube::LiveTarget> targets;
    QSet<QString> seen;
    QList<kube::TrackingFilter> families;
    for (const AppDesiredState &app : m_desired->apps) {
        for (const manifest::Resource &resource : app.resources) {
            const kube::ApiResource type = info->find(resource.id.group, resource.id.kind);
            if (!type.isValid() || seen.contains(type.displayName())
                || !type.allows(QStringLiteral("watch")))
                continue;
            seen.insert(type.displayName());
            targets << kube::LiveTarget{type, QString(), {}};
        }
        // Any app of this kind of tracking, so one watch per type serves them all.
        kube::TrackingFilter family = trackingOf(app.app);
        family.labelValue.clear();
        family.annotationPrefix.clear();
        if (!family.isEmpty() && !families.contains(family))
            families << family;
    }
    // The cluster's CustomResourceDefinitions say how custom resources' lists merge (by key,
    // as sets, or whole), also for CRDs git does not hold.
    const kube::ApiResource crds = info->find(QStringLiteral("apiextensions.k8s.io"),
                                              QStringLiteral("CustomResourceDefinition"));
    if (crds.isValid() && !seen.contains(crds.displayName()) && crds.allows(QStringLiteral("list"))
        && crds.allows(QStringLiteral("watch"))) {
        seen.insert(crds.displayName());
        targets << kube::LiveTarget{crds, QString(), {}};
    }
    // An app's controller may have deployed kinds git no longer names: watch the other types
    // for objects it marks as its own, keeping only those. What controllers make from other
    // objects (Pods, ReplicaSets, ...) is never an app's own and churns: left out.
    static const QSet<QString> derived = {QStringLiteral("pods"),
                                          QStringLiteral("replicasets"),
                                          QStringLiteral("controllerrevisions"),
                                          QStringLiteral("endpoints"),
                                          QStringLiteral("endpointslices"),
                                          QStringLiteral("jobs")};
    for (const kube::TrackingFilter &family : std::as_const(families)) {
        for (const kube::LiveTarget &target : kube::LiveState::trackingTargets(*info, family)) {
            if (!seen.contains(target.type.displayName()) && !derived.contains(target.type.plural))
                targets << target;
        }
    }
    if (m_live)
        m_live->stop();
    delete m_live;
    m_liveObjects.clear();
    m_liveSynced = false;
    m_refusedLists.clear();
    m_unlistedKinds.clear();
    m_unlistedTold = false;
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
        // The first full list is no burst of changes: compare at once.
        m_compareTimer.stop();
        compare();
        runExact();
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
    const auto keep = [&](const QJsonObject &object) {
        const manifest::ResourceId id = drift::identityOf(object);
        m_liveObjects.insert(id, object);
        changed << id;
    };
    for (const QJsonObject &object : changes.added)
        keep(object);
    for (const QJsonObject &object : changes.modified)
        keep(object);
    for (const QJsonObject &object : changes.deleted) {
        const manifest::ResourceId id = drift::identityOf(object);
        m_liveObjects.remove(id);
        changed << id;
    }
    // A dry run is an apply onto live: when live changes, exact mode asks again.
    for (auto it = m_exact.begin(); it != m_exact.end(); ++it) {
        QList<manifest::ResourceId> again;
        for (const manifest::ResourceId &id : std::as_const(changed)) {
            const auto asked = it->results.askedAgainst.constFind(id);
            if (asked != it->results.askedAgainst.cend()
                && *asked != fingerprintOf(m_liveObjects.value(id)))
                again << id;
        }
        if (!again.isEmpty())
            queueExact(it.key(), again);
    }
    if (m_liveSynced) {
        scheduleCompare();
        runExact();
    }
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

void WorkspaceSession::listRefused(const kube::LiveTarget &target, const kube::ApiError &error)
{
    const kube::ApiResource &type = target.type;
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
    m_refusedLists.insert(refusedKey(type.group, type.kind, target.namespaceName), error.text());
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
        if (m_exact.remove(appName)) {
            scheduleCompare();
            updateProgress();
        }
        return;
    }
    if (m_context.isEmpty() || !m_clusterError.isEmpty()) {
        Q_EMIT exactFailed(appName, tr("Exact mode needs a connected cluster context."));
        return;
    }
    if (m_desired && !desiredApp(appName)) {
        Q_EMIT exactFailed(appName, tr("The app %1 is not in the repository.").arg(appName));
        return;
    }
    if (!m_exact.contains(appName))
        queueWholeApp(appName);
    ExactRun &run = m_exact[appName];
    // The resource the user looks at goes first.
    if (run.queue.removeOne(first))
        run.queue.prepend(first);
    runExact();
    scheduleCompare();
    updateProgress();
}

void WorkspaceSession::queueWholeApp(const QString &appName)
{
    ExactRun &run = m_exact[appName];
    run = {};
    if (const AppDesiredState *app = desiredApp(appName)) {
        run.queue.reserve(app->resources.size());
        for (const manifest::Resource &resource : app->resources) {
            run.queue << resource.id;
            run.resources.insert(resource.id, &resource);
        }
    }
}

void WorkspaceSession::queueExact(const QString &appName, const QList<manifest::ResourceId> &ids)
{
    ExactRun &run = m_exact[appName];
    for (const manifest::ResourceId &id : ids) {
        run.results.wouldBe.remove(id);
        run.results.failures.remove(id);
        run.results.askedAgainst.remove(id);
        if (!run.queue.contains(id))
            run.queue << id;
    }
    run.announced = false;
}

void WorkspaceSession::runExact()
{
    // A few dry runs at a time, beside the watches; only once live is listed, so each is
    // compared with a live object that is there.
    constexpr int maxInFlight = 4;
    if (!m_client || !m_discoveryInfo || !m_liveSynced || !m_desired)
        return;
    for (auto it = m_exact.begin(); it != m_exact.end(); ++it) {
        const QString appName = it.key();
        const AppDesiredState *app = desiredApp(appName);
        if (!app)
            continue;
        const drift::ComparisonOptions options = drift::ComparisonOptions::forApp(app->app);
        const QString manager = options.appliers.value(0, QStringLiteral("gitops-console"));
        while (m_exactCalls.size() < maxInFlight && !it->queue.isEmpty()) {
            const manifest::ResourceId id = it->queue.takeFirst();
            const manifest::Resource *desired = it->resources.value(id);
            if (!desired)
                continue; // gone from git meanwhile
            const kube::ApiResource type = m_discoveryInfo->find(id.group, id.kind);
            if (!type.isValid()) {
                it->results.failures.insert(id, tr("The cluster does not serve %1.").arg(id.kind));
                continue;
            }
            it->inFlight.insert(id);
            it->results.askedAgainst.insert(id, fingerprintOf(m_liveObjects.value(id)));
            kube::ApiCall *call =
                m_client->dryRunApply(type, desired->object, desired->id.namespaceName, manager);
            m_exactCalls << call;
            connect(call, &kube::ApiCall::finished, this,
                    [this, call, appName, id](const kube::ApiResponse &response) {
                        m_exactCalls.removeOne(call);
                        const auto run = m_exact.find(appName);
                        if (run != m_exact.end() && run->inFlight.remove(id)) {
                            if (response.error.kind != kube::ApiError::Kind::None)
                                run->results.failures.insert(id, response.error.message);
                            else
                                run->results.wouldBe.insert(
                                    id, QJsonDocument::fromJson(response.body).object());
                        }
                        scheduleCompare();
                        runExact();
                        updateProgress();
                    });
        }
    }
}

void WorkspaceSession::cancel()
{
    bool cancelled = false;
    if (m_live && !m_liveSynced) {
        m_live->stop();
        m_clusterError = tr("Listing cancelled; refresh (F5) to list the cluster again.");
        cancelled = true;
    }
    for (kube::ApiCall *call : std::as_const(m_exactCalls))
        call->disconnect(this);
    m_exactCalls.clear();
    // Exact mode stays on only for apps whose dry runs are all in.
    for (auto it = m_exact.begin(); it != m_exact.end();) {
        if (!it->queue.isEmpty() || !it->inFlight.isEmpty()) {
            it = m_exact.erase(it);
            cancelled = true;
        } else {
            ++it;
        }
    }
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
        int done = 0;
        int total = 0;
        QStringList apps;
        for (auto it = m_exact.cbegin(); it != m_exact.cend(); ++it) {
            if (it->queue.isEmpty() && it->inFlight.isEmpty())
                continue;
            apps << it.key();
            done += int(it->results.count());
            total += int(it->results.count() + it->queue.size() + it->inFlight.size());
        }
        if (!apps.isEmpty()) {
            progress.message = tr("Server dry runs for %1…").arg(apps.join(u", "));
            progress.done = done;
            progress.total = total;
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
    // While the first list runs, git's resources show as Unknown (a partial snapshot); its
    // synced() compares them.
    QString unknown;
    if (m_context.isEmpty())
        unknown = tr("No cluster context selected");
    else if (!m_clusterError.isEmpty())
        unknown = m_clusterError;
    else if (!m_liveSynced)
        unknown = tr("Listing the cluster…");
    const bool partial = !m_context.isEmpty() && !m_liveSynced && m_clusterError.isEmpty();
    QHash<QString, ExactResults> exact;
    for (auto it = m_exact.cbegin(); it != m_exact.cend(); ++it)
        exact.insert(it.key(), it->results);
    m_compareWatcher.setFuture(QtConcurrent::run(compareAll, *m_desired, m_liveObjects, unknown,
                                                 partial, m_context, exact, m_refusedLists));
}

void WorkspaceSession::compared()
{
    if (m_compareWatcher.future().resultCount() == 0)
        return;
    m_snapshot = m_compareWatcher.result();
    Q_EMIT snapshotChanged(m_snapshot);
    // Tell who waits for exact mode, once every resource of the app has been dry-run.
    for (const AppSnapshot &app : std::as_const(m_snapshot.apps)) {
        const auto run = m_exact.find(app.name);
        if (run == m_exact.end() || run->announced || !run->queue.isEmpty()
            || !run->inFlight.isEmpty() || app.exactDone < app.exactTotal)
            continue;
        run->announced = true;
        Q_EMIT exactAppCompared(app.name, app.drift);
    }
}

} // namespace gitops
