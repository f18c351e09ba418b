#include "typeregistry.h"

#include <QJsonArray>

namespace kubeemu {

namespace {

ResourceType builtin(const char *group, const char *version, const char *kind, const char *plural,
                     bool namespaced, QStringList shortNames = {}, QStringList categories = {},
                     QStringList subresources = {})
{
    ResourceType type;
    type.group = QString::fromLatin1(group);
    type.version = QString::fromLatin1(version);
    type.kind = QString::fromLatin1(kind);
    type.plural = QString::fromLatin1(plural);
    type.singular = type.kind.toLower();
    type.namespaced = namespaced;
    type.shortNames = std::move(shortNames);
    type.categories = std::move(categories);
    type.subresources = std::move(subresources);
    return type;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList result;
    for (const char *item : items)
        result << QString::fromLatin1(item);
    return result;
}

} // namespace

TypeRegistry::TypeRegistry()
{
    const QStringList all = list({"all"});
    const QStringList status = list({"status"});
    const QStringList scalable = list({"status", "scale"});
    m_types = {
        builtin("", "v1", "Namespace", "namespaces", false, list({"ns"}), {}, list({"status"})),
        builtin("", "v1", "ConfigMap", "configmaps", true, list({"cm"})),
        builtin("", "v1", "Secret", "secrets", true),
        builtin("", "v1", "Service", "services", true, list({"svc"}), all, status),
        builtin("", "v1", "ServiceAccount", "serviceaccounts", true, list({"sa"})),
        builtin("", "v1", "Pod", "pods", true, list({"po"}), all, status),
        builtin("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, list({"pvc"}),
                {}, status),
        builtin("", "v1", "Event", "events", true, list({"ev"})),
        builtin("apps", "v1", "Deployment", "deployments", true, list({"deploy"}), all, scalable),
        builtin("apps", "v1", "StatefulSet", "statefulsets", true, list({"sts"}), all, scalable),
        builtin("apps", "v1", "DaemonSet", "daemonsets", true, list({"ds"}), all, status),
        builtin("apps", "v1", "ReplicaSet", "replicasets", true, list({"rs"}), all, scalable),
        builtin("batch", "v1", "Job", "jobs", true, {}, all, status),
        builtin("batch", "v1", "CronJob", "cronjobs", true, list({"cj"}), all, status),
        builtin("networking.k8s.io", "v1", "Ingress", "ingresses", true, list({"ing"}), {}, status),
        builtin("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true,
                list({"netpol"})),
        builtin("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        builtin("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        builtin("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        builtin("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings",
                false),
        builtin("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
                list({"hpa"}), all, status),
        builtin("apiextensions.k8s.io", "v1", "CustomResourceDefinition",
                "customresourcedefinitions", false, list({"crd", "crds"}), {}, status),
    };
}

QStringList TypeRegistry::groups() const
{
    QStringList result;
    for (const ResourceType &type : m_types) {
        if (!result.contains(type.group))
            result << type.group;
    }
    return result;
}

QStringList TypeRegistry::versions(const QString &group) const
{
    QStringList result;
    for (const ResourceType &type : m_types) {
        if (type.group == group && !result.contains(type.version))
            result << type.version;
    }
    return result;
}

QList<ResourceType> TypeRegistry::typesIn(const QString &group, const QString &version) const
{
    QList<ResourceType> result;
    for (const ResourceType &type : m_types) {
        if (type.group == group && type.version == version)
            result << type;
    }
    return result;
}

std::optional<ResourceType> TypeRegistry::byResource(const QString &group, const QString &version,
                                                     const QString &plural) const
{
    for (const ResourceType &type : m_types) {
        if (type.group == group && type.version == version && type.plural == plural)
            return type;
    }
    return std::nullopt;
}

std::optional<ResourceType> TypeRegistry::byKind(const QString &group, const QString &version,
                                                 const QString &kind) const
{
    for (const ResourceType &type : m_types) {
        if (type.group == group && type.version == version && type.kind == kind)
            return type;
    }
    return std::nullopt;
}

std::optional<ResourceType> TypeRegistry::byKindAnyVersion(const QString &group,
                                                           const QString &kind) const
{
    for (const ResourceType &type : m_types) {
        if (type.group == group && type.kind == kind)
            return type;
    }
    return std::nullopt;
}

QString TypeRegistry::registerCrd(const QJsonObject &crd)
{
    const QJsonObject spec = crd.value(u"spec").toObject();
    const QJsonObject names = spec.value(u"names").toObject();
    ResourceType type;
    type.group = spec.value(u"group").toString();
    type.kind = names.value(u"kind").toString();
    type.plural = names.value(u"plural").toString();
    type.singular = names.value(u"singular").toString(type.kind.toLower());
    type.namespaced = spec.value(u"scope").toString() != u"Cluster";
    for (const QJsonValue &name : names.value(u"shortNames").toArray())
        type.shortNames << name.toString();
    for (const QJsonValue &name : names.value(u"categories").toArray())
        type.categories << name.toString();
    type.fromCrd = true;
    if (type.group.isEmpty() || type.kind.isEmpty() || type.plural.isEmpty())
        return QStringLiteral("spec.group, spec.names.kind and spec.names.plural are required");

    QList<ResourceType> served;
    for (const QJsonValue &value : spec.value(u"versions").toArray()) {
        const QJsonObject version = value.toObject();
        if (!version.value(u"served").toBool(true))
            continue;
        ResourceType copy = type;
        copy.version = version.value(u"name").toString();
        const QJsonObject subresources = version.value(u"subresources").toObject();
        if (subresources.contains(u"status"))
            copy.subresources << QStringLiteral("status");
        if (subresources.contains(u"scale"))
            copy.subresources << QStringLiteral("scale");
        served << copy;
    }
    if (served.isEmpty())
        return QStringLiteral("spec.versions must name at least one served version");
    unregisterCrd(type.plural + u'.' + type.group);
    m_types << served;
    return {};
}

void TypeRegistry::unregisterCrd(const QString &name)
{
    m_types.removeIf([&](const ResourceType &type) {
        return type.fromCrd && type.plural + u'.' + type.group == name;
    });
}

} // namespace kubeemu
