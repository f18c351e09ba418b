#include "drift/fieldrules.h"

#include <optional>

namespace gitops::drift {

namespace {

using L = QLatin1String;

bool isContainerList(const QString &name)
{
    return name == L("containers") || name == L("initContainers")
        || name == L("ephemeralContainers");
}

std::optional<QStringList> relativeToPodSpec(const QString &group, const QString &kind,
                                             const QStringList &path)
{
    for (const QStringList &prefix : FieldRules::podSpecPaths(group, kind)) {
        if (path.size() > prefix.size() && path.mid(0, prefix.size()) == prefix)
            return path.mid(prefix.size());
    }
    return std::nullopt;
}

ListRule keyed(QStringList keys)
{
    return {ListRule::Kind::Map, std::move(keys)};
}

} // namespace

bool FieldRules::isBuiltInGroup(const QString &group)
{
    if (group.isEmpty() || !group.contains(QLatin1Char('.')))
        return true; // "", apps, batch, autoscaling, policy
    return group.endsWith(L(".k8s.io"));
}

QList<QStringList> FieldRules::podSpecPaths(const QString &group, const QString &kind)
{
    const QStringList templateSpec{QStringLiteral("spec"), QStringLiteral("template"),
                                   QStringLiteral("spec")};
    if (group.isEmpty()) {
        if (kind == L("Pod"))
            return {{QStringLiteral("spec")}};
        if (kind == L("PodTemplate"))
            return {{QStringLiteral("template"), QStringLiteral("spec")}};
        if (kind == L("ReplicationController"))
            return {templateSpec};
        return {};
    }
    if (group == L("apps")
        && (kind == L("Deployment") || kind == L("ReplicaSet") || kind == L("StatefulSet")
            || kind == L("DaemonSet")))
        return {templateSpec};
    if (group == L("batch") && kind == L("Job"))
        return {templateSpec};
    if (group == L("batch") && kind == L("CronJob"))
        return {{QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec"),
                 QStringLiteral("template"), QStringLiteral("spec")}};
    return {};
}

ListRule FieldRules::listRule(const QString &group, const QString &kind, const QStringList &path)
{
    if (path.isEmpty())
        return {};
    const QString &last = path.last();
    // ObjectMeta, at the root of every object and in templates.
    if (path.size() >= 2 && path.at(path.size() - 2) == L("metadata")) {
        if (last == L("finalizers"))
            return {ListRule::Kind::Set, {}};
        if (last == L("ownerReferences"))
            return keyed({QStringLiteral("uid")});
    }
    if (!isBuiltInGroup(group))
        return {};
    if (const auto relative = relativeToPodSpec(group, kind, path)) {
        const QStringList &r = *relative;
        if (r.size() == 1) {
            if (isContainerList(last) || last == L("volumes") || last == L("imagePullSecrets")
                || last == L("schedulingGates") || last == L("resourceClaims"))
                return keyed({QStringLiteral("name")});
            if (last == L("hostAliases"))
                return keyed({QStringLiteral("ip")});
            if (last == L("topologySpreadConstraints"))
                return keyed({QStringLiteral("topologyKey"), QStringLiteral("whenUnsatisfiable")});
        }
        if (r.size() == 2 && isContainerList(r.first())) {
            if (last == L("ports"))
                return keyed({QStringLiteral("containerPort"), QStringLiteral("protocol")});
            if (last == L("env"))
                return keyed({QStringLiteral("name")});
            if (last == L("volumeMounts"))
                return keyed({QStringLiteral("mountPath")});
            if (last == L("volumeDevices"))
                return keyed({QStringLiteral("devicePath")});
            if (last == L("resizePolicy"))
                return keyed({QStringLiteral("resourceName")});
        }
        if (r.size() == 3 && isContainerList(r.first()) && r.at(1) == L("resources")
            && last == L("claims"))
            return keyed({QStringLiteral("name")});
        return {};
    }
    if (group.isEmpty() && kind == L("Service")
        && path == QStringList{QStringLiteral("spec"), QStringLiteral("ports")})
        return keyed({QStringLiteral("port"), QStringLiteral("protocol")});
    if (group.isEmpty() && kind == L("Service")
        && path == QStringList{QStringLiteral("spec"), QStringLiteral("clusterIPs")})
        return {};
    if (path == QStringList{QStringLiteral("status"), QStringLiteral("conditions")})
        return keyed({QStringLiteral("type")});
    return {};
}

QString FieldRules::listKeyDefault(const QStringList &path, const QString &key)
{
    if (key == L("protocol") && !path.isEmpty() && path.last() == L("ports"))
        return QStringLiteral("TCP");
    return QString();
}

bool FieldRules::isAtomicMap(const QString &group, const QString &kind, const QStringList &path)
{
    if (path.isEmpty() || !isBuiltInGroup(group))
        return false;
    const QString &last = path.last();
    if (last == L("labelSelector") || last == L("namespaceSelector") || last == L("podSelector"))
        return true;
    if (last == L("selector")) {
        if (group.isEmpty() && kind == L("Service"))
            return path.size() == 2;
        return group == L("apps") || group == L("batch") || kind == L("PodDisruptionBudget");
    }
    if (const auto relative = relativeToPodSpec(group, kind, path)) {
        if (*relative == QStringList{QStringLiteral("nodeSelector")})
            return true;
        if (*relative
            == QStringList{QStringLiteral("affinity"), QStringLiteral("nodeAffinity"),
                           QStringLiteral("requiredDuringSchedulingIgnoredDuringExecution")})
            return true;
    }
    return false;
}

bool FieldRules::isQuantity(const QStringList &path)
{
    if (path.size() < 2)
        return false;
    const QString &parent = path.at(path.size() - 2);
    const QString &last = path.last();
    // resources.requests/limits (containers, PVCs, pod overhead), quota hard/used, PV and
    // node capacity, LimitRange bounds.
    static const QStringList quantityMaps = {QStringLiteral("requests"),
                                             QStringLiteral("limits"),
                                             QStringLiteral("hard"),
                                             QStringLiteral("used"),
                                             QStringLiteral("capacity"),
                                             QStringLiteral("allocatable"),
                                             QStringLiteral("overhead"),
                                             QStringLiteral("default"),
                                             QStringLiteral("defaultRequest"),
                                             QStringLiteral("max"),
                                             QStringLiteral("min"),
                                             QStringLiteral("maxLimitRequestRatio")};
    if (quantityMaps.contains(parent)) {
        if (parent == L("requests") || parent == L("limits"))
            return path.size() >= 3
                && (path.at(path.size() - 3) == L("resources")
                    || path.at(path.size() - 3) == L("spec"));
        return true;
    }
    if (last == L("sizeLimit"))
        return true; // emptyDir
    // autoscaling/v2 metric targets.
    if (parent == L("target") && (last == L("averageValue") || last == L("value")))
        return true;
    return false;
}

bool FieldRules::isIntOrString(const QStringList &path)
{
    if (path.isEmpty())
        return false;
    const QString &last = path.last();
    if (last == L("targetPort") || last == L("maxSurge") || last == L("maxUnavailable")
        || last == L("minAvailable") || last == L("servicePort"))
        return true;
    if (last == L("port") && path.size() >= 2) {
        const QString &parent = path.at(path.size() - 2);
        // Probe and lifecycle handlers; NetworkPolicy ports.
        return parent == L("httpGet") || parent == L("tcpSocket") || parent == L("ports");
    }
    return false;
}

} // namespace gitops::drift
