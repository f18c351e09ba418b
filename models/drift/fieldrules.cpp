#include "drift/fieldrules.h"

#include <initializer_list>

namespace gitops::drift {

namespace {

using L = QLatin1String;

bool isContainerList(const QString &name)
{
    return name == L("containers") || name == L("initContainers")
        || name == L("ephemeralContainers");
}

// Where the part of @p path below a pod spec starts, or -1. Comparisons call this for
// every map and list they visit, so it allocates nothing.
qsizetype podSpecOffset(const QString &group, const QString &kind, const QStringList &path)
{
    for (const QStringList &prefix : FieldRules::podSpecPaths(group, kind)) {
        if (path.size() <= prefix.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; i < prefix.size() && same; ++i)
            same = path.at(i) == prefix.at(i);
        if (same)
            return prefix.size();
    }
    return -1;
}

bool is(const QStringList &path, std::initializer_list<QLatin1String> names, qsizetype from = 0)
{
    if (path.size() - from != qsizetype(names.size()))
        return false;
    qsizetype i = from;
    for (QLatin1String name : names) {
        if (path.at(i++) != name)
            return false;
    }
    return true;
}

ListRule keyed(QStringList keys)
{
    return {ListRule::Kind::Map, std::move(keys), {}};
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
    // Shared constants: this is asked for every map a comparison visits.
    static const QList<QStringList> none;
    static const QList<QStringList> pod = {{QStringLiteral("spec")}};
    static const QList<QStringList> podTemplate = {
        {QStringLiteral("template"), QStringLiteral("spec")}};
    static const QList<QStringList> templateSpec = {
        {QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec")}};
    static const QList<QStringList> cronJob = {
        {QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec"),
         QStringLiteral("template"), QStringLiteral("spec")}};
    if (group.isEmpty()) {
        if (kind == L("Pod"))
            return pod;
        if (kind == L("PodTemplate"))
            return podTemplate;
        if (kind == L("ReplicationController"))
            return templateSpec;
        return none;
    }
    if (group == L("apps")
        && (kind == L("Deployment") || kind == L("ReplicaSet") || kind == L("StatefulSet")
            || kind == L("DaemonSet")))
        return templateSpec;
    if (group == L("batch") && kind == L("Job"))
        return templateSpec;
    if (group == L("batch") && kind == L("CronJob"))
        return cronJob;
    return none;
}

ListRule FieldRules::listRule(const QString &group, const QString &kind, const QStringList &path)
{
    if (path.isEmpty())
        return {};
    const QString &last = path.last();
    // ObjectMeta, at the root of every object and in templates.
    if (path.size() >= 2 && path.at(path.size() - 2) == L("metadata")) {
        if (last == L("finalizers"))
            return {ListRule::Kind::Set, {}, {}};
        if (last == L("ownerReferences"))
            return keyed({QStringLiteral("uid")});
    }
    if (!isBuiltInGroup(group))
        return {};
    if (const qsizetype offset = podSpecOffset(group, kind, path); offset >= 0) {
        const qsizetype depth = path.size() - offset; // fields below the pod spec
        const QString &first = path.at(offset);
        if (depth == 1) {
            if (isContainerList(last) || last == L("volumes") || last == L("imagePullSecrets")
                || last == L("schedulingGates") || last == L("resourceClaims"))
                return keyed({QStringLiteral("name")});
            if (last == L("hostAliases"))
                return keyed({QStringLiteral("ip")});
            if (last == L("topologySpreadConstraints"))
                return keyed({QStringLiteral("topologyKey"), QStringLiteral("whenUnsatisfiable")});
        }
        if (depth == 2 && isContainerList(first)) {
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
        if (depth == 3 && isContainerList(first) && path.at(offset + 1) == L("resources")
            && last == L("claims"))
            return keyed({QStringLiteral("name")});
        return {};
    }
    if (group.isEmpty() && kind == L("Service") && is(path, {L("spec"), L("ports")}))
        return keyed({QStringLiteral("port"), QStringLiteral("protocol")});
    if (is(path, {L("status"), L("conditions")}))
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
    if (const qsizetype offset = podSpecOffset(group, kind, path); offset >= 0) {
        if (is(path, {L("nodeSelector")}, offset))
            return true;
        if (is(path,
               {L("affinity"), L("nodeAffinity"),
                L("requiredDuringSchedulingIgnoredDuringExecution")},
               offset))
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
