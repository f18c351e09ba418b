#include "workspace/clusterside.h"

#include "drift/comparison.h"
#include "kube/clusteraccess.h"
#include "kube/discovery.h"
#include "kube/discoveryinfo.h"
#include "kube/kubeclient.h"
#include "kube/livestate.h"
#include "kube/trackingfilter.h"
#include "kube/watchplan.h"
#include "workspace/workspacecomparison.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

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

// A Flux Kustomization's postBuild.substituteFrom: the ConfigMaps and Secrets whose data it
// substitutes, in its namespace.
QList<manifest::ResourceId> substitutionSourcesOf(const manifest::ResourceId &id,
                                                  const QJsonObject &definition)
{
    QList<manifest::ResourceId> sources;
    const QJsonArray from = definition.value(u"spec")
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
    return sources;
}

} // namespace

ClusterSide::ClusterSide(QObject *parent)
    : QObject(parent)
{ }

ClusterSide::~ClusterSide()
{
    close();
}

QString ClusterSide::loadKubeConfig()
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

void ClusterSide::close()
{
    if (m_live)
        m_live->stop();
    delete m_live;
    m_live = nullptr;
    delete m_discovery;
    m_discovery = nullptr;
    m_client.reset();
    m_discoveryInfo.reset();
    m_objects.clear();
    m_behind.clear();
    m_healthRules.reset();
    m_synced = false;
    m_listed = m_listTotal = 0;
    m_error.clear();
    m_refusedLists.clear();
    // Another cluster runs other apps.
    m_appDefinitions.reset();
    m_appDefinitionsKey.clear();
}

bool ClusterSide::connectTo(const QString &context)
{
    close();
    m_context = context;
    if (context.isEmpty())
        return false;
    QString error;
    const std::optional<kube::ClusterAccess> access =
        kube::ClusterAccess::resolve(m_config, context, &error);
    if (!access) {
        // A context the kubeconfig lacks because the kubeconfig could not be read: say why.
        m_error = m_kubeConfigError.isEmpty()
            ? error
            : tr("the kubeconfig could not be read: %1").arg(m_kubeConfigError);
        Q_EMIT problem(tr("Cannot use context %1: %2").arg(context, m_error));
        return false;
    }
    for (const QString &warning : access->warnings)
        Q_EMIT problem(warning);
    m_client = std::make_unique<kube::KubeClient>(*access);
    m_discovery = new kube::Discovery(m_client.get(), this);
    connect(m_discovery, &kube::Discovery::ready, this, &ClusterSide::discoveryReady);
    connect(m_discovery, &kube::Discovery::failed, this, &ClusterSide::failed);
    m_discovery->refresh();
    return true;
}

void ClusterSide::discoveryReady(const std::shared_ptr<const kube::DiscoveryInfo> &info)
{
    m_discoveryInfo = info;
    Q_EMIT discovered();
}

void ClusterSide::watch(const DesiredState &desired)
{
    if (!m_client || !m_discoveryInfo)
        return;
    const kube::DiscoveryInfo &info = *m_discoveryInfo;
    m_desiredNamespaces.clear();
    // The objects that define apps, whenever the cluster serves them.
    QList<kube::NamedKind> kinds = AppDefinitionKinds;
    QList<kube::TrackingFilter> families;
    for (const AppDesiredState &app : desired.apps) {
        for (const manifest::Resource &resource : app.resources) {
            kinds << kube::NamedKind{resource.id.group, resource.id.kind};
            if (!resource.id.namespaceName.isEmpty())
                m_desiredNamespaces.insert(resource.id.namespaceName);
        }
        // Any app of this kind of tracking, so one watch per type serves them all.
        kube::TrackingFilter family = trackingFilterOf(app.app);
        family.labelValue.clear();
        family.annotationPrefix.clear();
        if (!family.isEmpty() && !families.contains(family))
            families << family;
    }
    QList<kube::LiveTarget> targets = kube::planWatches(info, kinds, families);
    // A cluster that runs Argo CD: its argocd-cm holds the user's own health rules.
    const kube::ApiResource configMaps = info.find(QString(), QStringLiteral("ConfigMap"));
    if (info.find(QStringLiteral("argoproj.io"), QStringLiteral("Application")).isValid()
        && configMaps.isValid()
        && std::none_of(targets.cbegin(), targets.cend(), [&](const kube::LiveTarget &target) {
               return target.type == configMaps && target.filter.isEmpty();
           }))
        targets << kube::LiveTarget{configMaps, ArgoCdConfigMap.namespaceName, {}};
    if (m_live) {
        // The plan changed with git (a new kind, another namespace) or discovery: only the
        // watches whose target changed restart; the others keep what they listed.
        m_live->retarget(targets);
        m_synced = m_live->isSynced();
        m_listed = m_live->listedCount();
        m_listTotal = int(m_live->watches().size());
        Q_EMIT progressChanged();
        return;
    }
    m_objects.clear();
    m_behind.clear();
    m_synced = false;
    m_refusedLists.clear();
    m_unlistedKinds.clear();
    m_unlistedTold = false;
    m_refusedAppDefinitions = false;
    m_substitutionWatches.clear();
    m_substitutionSources.clear();
    m_live = new kube::LiveState(m_client.get(), this);
    m_live->setTargets(targets);
    connect(m_live, &kube::LiveState::changed, this, &ClusterSide::liveChanged);
    connect(m_live, &kube::LiveState::failed, this, &ClusterSide::failed);
    connect(m_live, &kube::LiveState::refused, this, &ClusterSide::listRefused);
    connect(m_live, &kube::LiveState::listProgress, this, [this](int listed, int total) {
        m_listed = listed;
        m_listTotal = total;
        Q_EMIT progressChanged();
    });
    connect(m_live, &kube::LiveState::synced, this, &ClusterSide::liveSynced);
    m_listed = 0;
    m_listTotal = int(targets.size());
    m_live->start();
    Q_EMIT progressChanged();
}

void ClusterSide::liveSynced()
{
    m_synced = true;
    if (!m_unlistedKinds.isEmpty() && !m_unlistedTold) {
        m_unlistedTold = true;
        QStringList kinds(m_unlistedKinds.cbegin(), m_unlistedKinds.cend());
        kinds.sort();
        Q_EMIT problem(tr("Not allowed to list %1 in context %2, so objects of those "
                          "kinds that git does not name are not shown.")
                           .arg(kinds.join(u", "), m_context));
    }
    updateAppDefinitions();
    Q_EMIT synced();
}

bool ClusterSide::cancelListing()
{
    if (!m_live || m_synced)
        return false;
    m_live->stop();
    m_error = tr("Listing cancelled; refresh (F5) to list the cluster again.");
    return true;
}

void ClusterSide::liveChanged(const kube::LiveChangeSet &changes)
{
    QList<manifest::ResourceId> ids;
    // A comparison running holds a copy of the objects: changing them now would copy all of
    // them on the GUI thread, so the changes wait until it is done.
    const bool behind = m_objectsInUse && m_objectsInUse();
    if (!behind)
        catchUp();
    const auto keep = [&](const QJsonObject &object) {
        const manifest::ResourceId id = drift::identityOf(object);
        if (behind)
            m_behind.insert(id, object);
        else
            m_objects.insert(id, object);
        ids << id;
    };
    for (const QJsonObject &object : changes.added)
        keep(object);
    for (const QJsonObject &object : changes.modified)
        keep(object);
    for (const QJsonObject &object : changes.deleted) {
        const manifest::ResourceId id = drift::identityOf(object);
        if (behind)
            m_behind.insert(id, std::nullopt);
        else
            m_objects.remove(id);
        ids << id;
    }
    discoverKindsOf(changes.added + changes.modified);
    if (ids.contains(ArgoCdConfigMap))
        readHealthRules();
    // What defines apps, and the ConfigMaps and Secrets Flux substitutes from.
    if (m_synced && std::any_of(ids.cbegin(), ids.cend(), [this](const manifest::ResourceId &id) {
            return definesApps(id.group, id.kind) || m_substitutionSources.contains(id);
        }))
        updateAppDefinitions();
    Q_EMIT changed(ids);
}

// A CRD whose kind discovery does not know yet (made since, or cached from before it
// existed): ask the server again, so its objects are listed too.
void ClusterSide::discoverKindsOf(const QList<QJsonObject> &objects)
{
    if (!m_discovery || !m_discoveryInfo)
        return;
    QStringList unknownKinds;
    for (const QJsonObject &object : objects) {
        if (object.value(u"kind").toString() != u"CustomResourceDefinition")
            continue;
        const QJsonObject spec = object.value(u"spec").toObject();
        const QString group = spec.value(u"group").toString();
        const QString kind = spec.value(u"names").toObject().value(u"kind").toString();
        const QString name = kind + u'.' + group;
        if (!m_discoveryInfo->find(group, kind).isValid() && !m_refreshedForKinds.contains(name))
            unknownKinds << name;
    }
    if (unknownKinds.isEmpty())
        return;
    for (const QString &name : std::as_const(unknownKinds))
        m_refreshedForKinds.insert(name);
    m_discovery->refresh(true);
}

QStringList ClusterSide::workspaceNamespaces() const
{
    QSet<QString> namespaces = m_desiredNamespaces;
    const kube::ContextEntry *context = m_config.context(m_context);
    namespaces.insert(context && !context->namespaceName.isEmpty() ? context->namespaceName
                                                                   : QStringLiteral("default"));
    QStringList sorted(namespaces.cbegin(), namespaces.cend());
    sorted.sort();
    return sorted;
}

void ClusterSide::readHealthRules()
{
    catchUp();
    const QJsonObject configMap = m_objects.value(ArgoCdConfigMap);
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

void ClusterSide::updateAppDefinitions()
{
    catchUp();
    QList<manifest::ResourceId> ids;
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
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
        const QJsonObject object = m_objects.value(id);
        objects << object;
        key += id.toString().toUtf8() + '\n'
            + QJsonDocument(object.value(u"spec").toObject()).toJson(QJsonDocument::Compact) + '\n';
        sources << substitutionSourcesOf(id, object);
    }
    m_substitutionSources = QSet<manifest::ResourceId>(sources.cbegin(), sources.cend());
    for (const manifest::ResourceId &id : std::as_const(sources)) {
        watchSubstitutionSource(id);
        const auto found = m_objects.constFind(id);
        if (found == m_objects.cend())
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
    if (!served || m_refusedAppDefinitions || (m_appDefinitions && key == m_appDefinitionsKey))
        return;
    m_appDefinitionsKey = key;
    m_appDefinitions = objects;
    Q_EMIT appDefinitionsChanged();
}

// Watches the namespace's ConfigMaps or Secrets once, unless they are watched already (git
// names objects of that kind there, or the object is known).
void ClusterSide::watchSubstitutionSource(const manifest::ResourceId &id)
{
    catchUp();
    const QString key = id.kind + u'/' + id.namespaceName;
    if (!m_live || !m_discoveryInfo || m_substitutionWatches.contains(key)
        || m_objects.contains(id))
        return;
    const kube::ApiResource type = m_discoveryInfo->find(QString(), id.kind);
    if (!type.isValid())
        return;
    m_substitutionWatches.insert(key);
    m_listTotal += 1;
    m_live->addTargets({kube::LiveTarget{type, id.namespaceName, {}}});
    Q_EMIT progressChanged();
}

void ClusterSide::listRefused(const kube::LiveTarget &target, const kube::ApiError &error)
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
        Q_EMIT progressChanged();
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
    Q_EMIT unknownChanged();
}

void ClusterSide::failed(const kube::ApiError &error)
{
    // Which of the user's clusters and where: "context admin (https://127.0.0.1:4321):
    // Connection refused"; a server's refusal says what was refused.
    const QString server = !error.server.isEmpty() ? error.server
        : m_client                                 ? m_client->server()
                                                   : QString();
    m_error = error.kind == kube::ApiError::Kind::Status
        ? tr("context %1: %2").arg(m_context, error.text())
        : tr("context %1 (%2): %3").arg(m_context, server, error.message);
    Q_EMIT problem(m_error);
    Q_EMIT unknownChanged();
}

SessionProgress ClusterSide::progress() const
{
    SessionProgress progress;
    if (!m_error.isEmpty())
        return progress;
    if (m_client && !m_discoveryInfo) {
        progress.message = tr("Connecting to %1…").arg(m_client->server());
    } else if (m_live && !m_synced) {
        progress.message = tr("Listing kinds in %1…").arg(m_context);
        progress.done = m_listed;
        progress.total = m_listTotal;
        progress.cancellable = true;
    }
    return progress;
}

const QHash<manifest::ResourceId, QJsonObject> &ClusterSide::objects() const
{
    catchUp();
    return m_objects;
}

QJsonObject ClusterSide::newest(const manifest::ResourceId &id) const
{
    const auto behind = m_behind.constFind(id);
    if (behind != m_behind.cend())
        return behind->value_or(QJsonObject());
    return m_objects.value(id);
}

void ClusterSide::catchUp() const
{
    // Copies the objects (once) if a comparison still holds them: whoever asks gets the
    // newest state.
    for (auto it = m_behind.cbegin(); it != m_behind.cend(); ++it) {
        if (it.value())
            m_objects.insert(it.key(), *it.value());
        else
            m_objects.remove(it.key());
    }
    m_behind.clear();
}

} // namespace gitops
