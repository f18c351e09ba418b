#include "mergekeys.h"

#include <optional>

namespace kubeemu {

namespace {
using L = QLatin1String;
} // namespace

QList<QStringList> podSpecPaths(const TypeRef &type)
{
    const QString &k = type.kind;
    if (type.group.isEmpty()) {
        if (k == L("Pod"))
            return {{QStringLiteral("spec")}};
        if (k == L("PodTemplate"))
            return {{QStringLiteral("template"), QStringLiteral("spec")}};
        if (k == L("ReplicationController"))
            return {{QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec")}};
        return {};
    }
    if (type.group == L("apps")
        && (k == L("Deployment") || k == L("ReplicaSet") || k == L("StatefulSet")
            || k == L("DaemonSet")))
        return {{QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec")}};
    if (type.group == L("batch") && k == L("Job"))
        return {{QStringLiteral("spec"), QStringLiteral("template"), QStringLiteral("spec")}};
    if (type.group == L("batch") && k == L("CronJob"))
        return {{QStringLiteral("spec"), QStringLiteral("jobTemplate"), QStringLiteral("spec"),
                 QStringLiteral("template"), QStringLiteral("spec")}};
    return {};
}

bool isBuiltInType(const TypeRef &type)
{
    static const QStringList groups = {QString(),
                                       QStringLiteral("apps"),
                                       QStringLiteral("batch"),
                                       QStringLiteral("networking.k8s.io"),
                                       QStringLiteral("rbac.authorization.k8s.io"),
                                       QStringLiteral("autoscaling"),
                                       QStringLiteral("policy"),
                                       QStringLiteral("storage.k8s.io"),
                                       QStringLiteral("apiextensions.k8s.io"),
                                       QStringLiteral("coordination.k8s.io"),
                                       QStringLiteral("discovery.k8s.io"),
                                       QStringLiteral("admissionregistration.k8s.io"),
                                       QStringLiteral("scheduling.k8s.io"),
                                       QStringLiteral("certificates.k8s.io"),
                                       QStringLiteral("events.k8s.io")};
    return groups.contains(type.group);
}

namespace {

// The path relative to the pod spec it lies in, or nothing.
std::optional<QStringList> podSpecRelative(const TypeRef &type, const QStringList &path)
{
    for (const QStringList &prefix : podSpecPaths(type)) {
        if (path.size() > prefix.size() && path.mid(0, prefix.size()) == prefix)
            return path.mid(prefix.size());
    }
    return std::nullopt;
}

ListSemantics map(const QStringList &keys, const QString &patchKey = QString())
{
    return {ListSemantics::Map, keys, patchKey.isEmpty() ? keys.first() : patchKey};
}

bool isContainerList(const QString &name)
{
    return name == L("containers") || name == L("initContainers")
        || name == L("ephemeralContainers");
}

} // namespace

ListSemantics listSemantics(const TypeRef &type, const QStringList &path)
{
    if (path.isEmpty() || !isBuiltInType(type)) {
        // Custom resources still carry ObjectMeta.
        if (path == QStringList{QStringLiteral("metadata"), QStringLiteral("finalizers")})
            return {ListSemantics::Set, {}, {}};
        if (path == QStringList{QStringLiteral("metadata"), QStringLiteral("ownerReferences")})
            return map({QStringLiteral("uid")});
        return {};
    }
    const QString &last = path.last();
    // ObjectMeta, wherever it appears (templates too).
    if (path.size() >= 2 && path.at(path.size() - 2) == L("metadata")) {
        if (last == L("finalizers"))
            return {ListSemantics::Set, {}, {}};
        if (last == L("ownerReferences"))
            return map({QStringLiteral("uid")});
    }
    if (const auto rel = podSpecRelative(type, path)) {
        const QStringList &r = *rel;
        if (r.size() == 1) {
            if (isContainerList(last) || last == L("volumes") || last == L("imagePullSecrets")
                || last == L("schedulingGates") || last == L("resourceClaims"))
                return map({QStringLiteral("name")});
            if (last == L("hostAliases"))
                return map({QStringLiteral("ip")});
            if (last == L("topologySpreadConstraints"))
                return map({QStringLiteral("topologyKey"), QStringLiteral("whenUnsatisfiable")});
        }
        if (r.size() == 2 && isContainerList(r.first())) {
            if (last == L("ports"))
                return map({QStringLiteral("containerPort"), QStringLiteral("protocol")});
            if (last == L("env"))
                return map({QStringLiteral("name")});
            if (last == L("volumeMounts"))
                return map({QStringLiteral("mountPath")});
            if (last == L("volumeDevices"))
                return map({QStringLiteral("devicePath")});
        }
        if (r.size() == 3 && isContainerList(r.first()) && r.at(1) == L("resources")
            && last == L("claims"))
            return map({QStringLiteral("name")});
        return {};
    }
    if (type.group.isEmpty() && type.kind == L("Service")
        && path == QStringList{QStringLiteral("spec"), QStringLiteral("ports")})
        return map({QStringLiteral("port"), QStringLiteral("protocol")});
    // Status conditions of the built-in workloads are keyed by type.
    if (path == QStringList{QStringLiteral("status"), QStringLiteral("conditions")})
        return map({QStringLiteral("type")});
    return {};
}

bool isAtomicStruct(const TypeRef &type, const QStringList &path)
{
    if (path.isEmpty() || !isBuiltInType(type))
        return false;
    const QString &last = path.last();
    if (last == L("labelSelector") || last == L("namespaceSelector") || last == L("podSelector"))
        return true;
    if (last == L("selector")) {
        if (type.group.isEmpty() && type.kind == L("Service"))
            return path.size() == 2; // map[string]string with mapType=atomic
        if (type.group == L("apps") || type.group == L("batch")
            || type.kind == L("PodDisruptionBudget"))
            return true; // metav1.LabelSelector is structType=atomic
        return false;
    }
    if (const auto rel = podSpecRelative(type, path)) {
        if (*rel == QStringList{QStringLiteral("nodeSelector")})
            return true;
        if (*rel
            == QStringList{QStringLiteral("affinity"), QStringLiteral("nodeAffinity"),
                           QStringLiteral("requiredDuringSchedulingIgnoredDuringExecution")})
            return true;
    }
    return false;
}

QString listMapKeyDefault(const TypeRef &type, const QStringList &path, const QString &key)
{
    Q_UNUSED(type);
    if (key == L("protocol") && !path.isEmpty() && path.last() == L("ports"))
        return QStringLiteral("TCP");
    return QString();
}

} // namespace kubeemu
