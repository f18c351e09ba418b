#include "kube/watchplan.h"

#include "kube/discoveryinfo.h"

#include <QSet>

namespace gitops::kube {

QList<LiveTarget> planWatches(const DiscoveryInfo &discovery, const QList<NamedKind> &kinds,
                              const QList<TrackingFilter> &trackingFamilies, QStringList *unknown)
{
    QList<LiveTarget> targets;
    QSet<QString> seen;
    const auto watchable = [](const ApiResource &type) {
        return type.allows(QStringLiteral("list")) && type.allows(QStringLiteral("watch"));
    };
    for (const NamedKind &named : kinds) {
        const ApiResource type = discovery.find(named.group, named.kind);
        if (!type.isValid()) {
            const QString name =
                named.group.isEmpty() ? named.kind : named.kind + u'.' + named.group;
            if (unknown && !unknown->contains(name))
                unknown->append(name);
            continue;
        }
        if (seen.contains(type.displayName()) || !watchable(type))
            continue;
        seen.insert(type.displayName());
        targets << LiveTarget{type, QString(), {}};
    }
    const ApiResource crds = discovery.find(QStringLiteral("apiextensions.k8s.io"),
                                            QStringLiteral("CustomResourceDefinition"));
    if (crds.isValid() && !seen.contains(crds.displayName()) && watchable(crds)) {
        seen.insert(crds.displayName());
        targets << LiveTarget{crds, QString(), {}};
    }
    for (const TrackingFilter &family : trackingFamilies) {
        for (const LiveTarget &target : trackingTargets(discovery, family)) {
            if (!seen.contains(target.type.displayName()) && !isDerivedKind(target.type))
                targets << target;
        }
    }
    return targets;
}

QList<LiveTarget> trackingTargets(const DiscoveryInfo &discovery, const TrackingFilter &filter,
                                  const QString &namespaceName)
{
    QList<LiveTarget> targets;
    for (const ApiResource &type : discovery.resources()) {
        if (!type.allows(QStringLiteral("list")) || !type.allows(QStringLiteral("watch")))
            continue;
        if (type.plural == u"events" || type.plural == u"leases"
            || (type.group == u"events.k8s.io"))
            continue;
        targets.append({type, namespaceName, filter});
    }
    return targets;
}

bool isDerivedKind(const ApiResource &type)
{
    if (type.group.isEmpty())
        return type.plural == u"pods" || type.plural == u"endpoints";
    if (type.group == u"apps")
        return type.plural == u"replicasets" || type.plural == u"controllerrevisions";
    if (type.group == u"discovery.k8s.io")
        return type.plural == u"endpointslices";
    return type.group == u"batch" && type.plural == u"jobs";
}

} // namespace gitops::kube
