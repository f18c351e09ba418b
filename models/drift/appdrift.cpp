#include "drift/appdrift.h"

#include "drift/comparison.h"
#include "manifest/resourcescopes.h"

#include <QSet>

namespace gitops::drift {

namespace {

using L = QLatin1String;

// The workloads whose replicas the app's HorizontalPodAutoscalers own.
QSet<manifest::ResourceId> autoscaledBy(const QList<manifest::Resource> &desired)
{
    QSet<manifest::ResourceId> targets;
    for (const manifest::Resource &resource : desired) {
        if (resource.id.group != L("autoscaling")
            || resource.id.kind != L("HorizontalPodAutoscaler"))
            continue;
        const QJsonObject target =
            resource.object.value(L("spec")).toObject().value(L("scaleTargetRef")).toObject();
        targets.insert({manifest::ResourceId::groupOf(target.value(L("apiVersion")).toString()),
                        target.value(L("kind")).toString(), resource.id.namespaceName,
                        target.value(L("name")).toString()});
    }
    return targets;
}

} // namespace

AppDrift AppDrift::of(QList<ResourceDrift> resources)
{
    AppDrift app;
    bool drift = false;
    bool unknown = false;
    for (const ResourceDrift &resource : std::as_const(resources)) {
        drift = drift || resource.status == SyncStatus::OutOfSync
            || resource.status == SyncStatus::Missing || resource.status == SyncStatus::Extraneous;
        unknown = unknown || resource.status == SyncStatus::Unknown;
        app.health = Health::worse(app.health, resource.health);
    }
    app.status = drift ? SyncStatus::OutOfSync : unknown ? SyncStatus::Unknown : SyncStatus::Synced;
    app.resources = std::move(resources);
    return app;
}

ComparisonOptions withAppRules(ComparisonOptions options, const QList<manifest::Resource> &desired)
{
    options.autoscaledWorkloads.unite(autoscaledBy(desired));
    // The app's own CustomResourceDefinitions say how its custom resources' lists merge,
    // unless the caller knows the cluster's (which the server merges by).
    const CustomResourceRules known = options.customResources;
    for (const manifest::Resource &resource : desired) {
        if (resource.id.group != L("apiextensions.k8s.io")
            || resource.id.kind != L("CustomResourceDefinition"))
            continue;
        const QJsonObject spec = resource.object.value(L("spec")).toObject();
        const QString kind = spec.value(L("names")).toObject().value(L("kind")).toString();
        if (!known.contains(spec.value(L("group")).toString(), kind))
            options.customResources.addDefinition(resource.object);
    }
    return options;
}

namespace {

// The earlier verdict of @p id when it was made from @p live itself. A Secret's verdict
// holds its live object masked, so only one with no live object (Missing) can be told the
// same; the others are compared again.
const ResourceDrift *unchanged(const ResourceDrift *before, const manifest::ResourceId &id,
                               const QJsonObject &live)
{
    if (!before || before->id != id)
        return nullptr;
    if (id.group.isEmpty() && id.kind == L("Secret") && !live.isEmpty())
        return nullptr;
    // Shared values compare by their data pointer first: no walk for an untouched object.
    return before->live == live ? before : nullptr;
}

} // namespace

AppDrift compareApp(const QList<manifest::Resource> &desiredResources,
                    const QList<QJsonObject> &live, const QString &defaultNamespace,
                    const ComparisonOptions &options, const AppDrift *previous)
{
    manifest::ResourceScopes scopes;
    scopes.addDefinitions(desiredResources);

    QHash<manifest::ResourceId, qsizetype> liveIndex;
    for (qsizetype i = 0; i < live.size(); ++i)
        liveIndex.insert(identityOf(live.at(i)), i);

    // Namespaces first: the autoscaler targets need them.
    QList<manifest::Resource> desired = desiredResources;
    for (manifest::Resource &resource : desired) {
        const auto scope = scopes.scope(resource.id.group, resource.id.kind);
        if (scope == manifest::ResourceScopes::Scope::Cluster
            && !resource.id.namespaceName.isEmpty()) {
            // The API server drops the namespace of a cluster-scoped object (a ClusterRole
            // written with `namespace: shop`): neither identity nor field differs.
            resource.id.namespaceName.clear();
            QJsonObject metadata = resource.object.value(L("metadata")).toObject();
            metadata.remove(L("namespace"));
            resource.object.insert(L("metadata"), metadata);
            continue;
        }
        if (!resource.id.namespaceName.isEmpty())
            continue;
        manifest::ResourceId namespaced = resource.id;
        namespaced.namespaceName = defaultNamespace;
        // An unknown kind is namespaced when the cluster holds it so.
        if (scope == manifest::ResourceScopes::Scope::Namespaced
            || (scope == manifest::ResourceScopes::Scope::Unknown
                && liveIndex.contains(namespaced)))
            resource.id = namespaced;
    }
    const ComparisonOptions resourceOptions = withAppRules(options, desired);

    QList<ResourceDrift> results;
    results.reserve(desired.size());
    QSet<qsizetype> matched;
    QSet<manifest::ResourceId> seen;
    // The earlier verdicts come in the same order: one per desired resource, then the
    // extraneous live objects (in whatever order they were then).
    const QList<ResourceDrift> none;
    const QList<ResourceDrift> &before = previous ? previous->resources : none;
    QHash<manifest::ResourceId, const ResourceDrift *> extraneousBefore;
    for (qsizetype i = desired.size(); i < before.size(); ++i)
        extraneousBefore.insert(before.at(i).id, &before.at(i));
    for (const manifest::Resource &resource : std::as_const(desired)) {
        const ResourceDrift *earlier =
            results.size() < before.size() ? &before.at(results.size()) : nullptr;
        if (seen.contains(resource.id)) {
            results.append(unknownResource(
                resource.id,
                Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "defined more than once (again at %1)"),
                    resource.location())));
            continue;
        }
        seen.insert(resource.id);
        if (resource.untrackable) {
            results.append(
                unknownResource(resource.id,
                                Text(QT_TRANSLATE_NOOP("gitops::Text",
                                                       "only metadata.generateName is set: the "
                                                       "live object cannot be matched"))));
            continue;
        }
        const qsizetype index = liveIndex.value(resource.id, -1);
        if (index >= 0)
            matched.insert(index);
        const QJsonObject object = index >= 0 ? live.at(index) : QJsonObject();
        if (const ResourceDrift *same = unchanged(earlier, resource.id, object))
            results.append(*same);
        else
            results.append(compareResource(resource.id, resource.object, object, resourceOptions,
                                           resource.fieldLines));
    }
    for (qsizetype i = 0; i < live.size(); ++i) {
        if (matched.contains(i))
            continue;
        const manifest::ResourceId id = identityOf(live.at(i));
        if (const ResourceDrift *same = unchanged(extraneousBefore.value(id), id, live.at(i)))
            results.append(*same);
        else
            results.append(compareResource(id, {}, live.at(i), resourceOptions));
    }
    return AppDrift::of(std::move(results));
}

} // namespace gitops::drift
