#include "resourcescopes.h"

namespace gitops::manifest {

namespace {

QString keyOf(const QString &group, const QString &kind)
{
    return group + QLatin1Char('/') + kind;
}

struct BuiltIn
{
    const char *group;
    const char *kind;
};

// Kinds the API server serves itself (Kubernetes 1.32). Cluster-scoped first.
constexpr BuiltIn ClusterScoped[] = {
    {"", "Namespace"},
    {"", "Node"},
    {"", "PersistentVolume"},
    {"", "ComponentStatus"},
    {"rbac.authorization.k8s.io", "ClusterRole"},
    {"rbac.authorization.k8s.io", "ClusterRoleBinding"},
    {"apiextensions.k8s.io", "CustomResourceDefinition"},
    {"apiregistration.k8s.io", "APIService"},
    {"storage.k8s.io", "StorageClass"},
    {"storage.k8s.io", "CSIDriver"},
    {"storage.k8s.io", "CSINode"},
    {"storage.k8s.io", "VolumeAttachment"},
    {"storage.k8s.io", "VolumeAttributesClass"},
    {"scheduling.k8s.io", "PriorityClass"},
    {"node.k8s.io", "RuntimeClass"},
    {"networking.k8s.io", "IngressClass"},
    {"networking.k8s.io", "IPAddress"},
    {"networking.k8s.io", "ServiceCIDR"},
    {"admissionregistration.k8s.io", "ValidatingWebhookConfiguration"},
    {"admissionregistration.k8s.io", "MutatingWebhookConfiguration"},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicy"},
    {"admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"},
    {"certificates.k8s.io", "CertificateSigningRequest"},
    {"certificates.k8s.io", "ClusterTrustBundle"},
    {"flowcontrol.apiserver.k8s.io", "FlowSchema"},
    {"flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"},
    {"policy", "PodSecurityPolicy"},
    {"resource.k8s.io", "DeviceClass"},
    {"resource.k8s.io", "ResourceSlice"},
};

constexpr BuiltIn Namespaced[] = {
    {"", "Pod"},
    {"", "Service"},
    {"", "ConfigMap"},
    {"", "Secret"},
    {"", "ServiceAccount"},
    {"", "PersistentVolumeClaim"},
    {"", "Endpoints"},
    {"", "Event"},
    {"", "LimitRange"},
    {"", "ResourceQuota"},
    {"", "ReplicationController"},
    {"", "PodTemplate"},
    {"apps", "Deployment"},
    {"apps", "StatefulSet"},
    {"apps", "DaemonSet"},
    {"apps", "ReplicaSet"},
    {"apps", "ControllerRevision"},
    {"batch", "Job"},
    {"batch", "CronJob"},
    {"autoscaling", "HorizontalPodAutoscaler"},
    {"policy", "PodDisruptionBudget"},
    {"networking.k8s.io", "Ingress"},
    {"networking.k8s.io", "NetworkPolicy"},
    {"rbac.authorization.k8s.io", "Role"},
    {"rbac.authorization.k8s.io", "RoleBinding"},
    {"coordination.k8s.io", "Lease"},
    {"discovery.k8s.io", "EndpointSlice"},
    {"events.k8s.io", "Event"},
    {"storage.k8s.io", "CSIStorageCapacity"},
    {"resource.k8s.io", "ResourceClaim"},
    {"resource.k8s.io", "ResourceClaimTemplate"},
};

} // namespace

ResourceScopes::ResourceScopes()
{
    for (const BuiltIn &kind : ClusterScoped)
        m_scopes.insert(keyOf(QLatin1String(kind.group), QLatin1String(kind.kind)), Scope::Cluster);
    for (const BuiltIn &kind : Namespaced)
        m_scopes.insert(keyOf(QLatin1String(kind.group), QLatin1String(kind.kind)),
                        Scope::Namespaced);
}

bool ResourceScopes::addDefinition(const Resource &crd)
{
    if (crd.id.group != QLatin1String("apiextensions.k8s.io")
        || crd.id.kind != QLatin1String("CustomResourceDefinition"))
        return false;
    const QJsonObject spec = crd.object.value(QLatin1String("spec")).toObject();
    const QString group = spec.value(QLatin1String("group")).toString();
    const QString kind =
        spec.value(QLatin1String("names")).toObject().value(QLatin1String("kind")).toString();
    const QString scope = spec.value(QLatin1String("scope")).toString();
    if (group.isEmpty() || kind.isEmpty())
        return false;
    if (scope == QLatin1String("Cluster"))
        m_scopes.insert(keyOf(group, kind), Scope::Cluster);
    else if (scope == QLatin1String("Namespaced"))
        m_scopes.insert(keyOf(group, kind), Scope::Namespaced);
    else
        return false;
    return true;
}

void ResourceScopes::addDefinitions(const QList<Resource> &resources)
{
    for (const Resource &resource : resources)
        addDefinition(resource);
}

void ResourceScopes::setScope(const QString &group, const QString &kind, Scope scope)
{
    m_discovered.insert(keyOf(group, kind), scope);
}

ResourceScopes::Scope ResourceScopes::scope(const QString &group, const QString &kind) const
{
    const QString key = keyOf(group, kind);
    if (auto found = m_discovered.constFind(key); found != m_discovered.cend())
        return found.value();
    return m_scopes.value(key, Scope::Unknown);
}

} // namespace gitops::manifest
