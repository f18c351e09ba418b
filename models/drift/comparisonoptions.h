#pragma once

#include "drift/customresourcerules.h"
#include "drift/healthrules.h"
#include "manifest/resourceid.h"
#include "workspace/app.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

namespace gitops::drift {

/// Differences the user has told the console to ignore, like an entry of Argo CD's
/// `ignoreDifferences`: for resources matching group/kind (and name/namespace when set),
/// the fields at `jsonPointers`, the fields `jqPathExpressions` select (JqPath) and the fields
/// owned by `managedFieldsManagers` are not compared. An expression JqPath cannot parse
/// ignores nothing (discovery reports it on the app). A plain value.
struct IgnoreRule
{
    QString group;
    QString kind;
    QString name;
    QString namespaceName;
    QStringList jsonPointers;
    QStringList jqPathExpressions;
    QStringList managedFieldsManagers;

    bool matches(const manifest::ResourceId &id) const
    {
        return group == id.group && kind == id.kind && (name.isEmpty() || name == id.name)
            && (namespaceName.isEmpty() || namespaceName == id.namespaceName);
    }
};

/// How desired and live objects are compared. A plain value; the defaults suit an app
/// deployed by any server-side apply.
struct ComparisonOptions
{
    /// The field managers that deploy the app ("argocd-controller", "kustomize-controller").
    /// Fields their server-side applies own that git no longer sets are drift. Empty: every
    /// manager whose operation is Apply. (Update entries own server defaults too, so they
    /// never count; client-side apply is read from last-applied-configuration.)
    QStringList appliers;
    QList<IgnoreRule> ignoreRules;
    /// Compare `status` too (off: status is the server's, for custom resources as well).
    bool compareStatus = false;
    /// Labels and annotations the deploying controller adds to mark its objects; not drift
    /// unless git sets them itself.
    QStringList trackingLabels = {QStringLiteral("app.kubernetes.io/instance"),
                                  QStringLiteral("kustomize.toolkit.fluxcd.io/name"),
                                  QStringLiteral("kustomize.toolkit.fluxcd.io/namespace")};
    QStringList trackingAnnotations = {QStringLiteral("argocd.argoproj.io/tracking-id")};
    /// Workloads whose spec.replicas an autoscaler of the app owns (set by compareApp from
    /// the app's HorizontalPodAutoscalers).
    QSet<manifest::ResourceId> autoscaledWorkloads;
    /// How custom resources' lists merge, from their CustomResourceDefinitions. compareApp()
    /// adds the definitions among the app's desired resources for kinds not already here.
    CustomResourceRules customResources;
    /// The user's own health rules (Argo CD's argocd-cm Lua scripts), where the cluster has
    /// them; null: the built-in rules of Health::of().
    std::shared_ptr<const HealthRules> healthRules;
    /// Exact mode: desired is the server-side dry-run apply of the manifest (what the cluster
    /// would hold), so every live field it lacks would be removed by a sync and is drift.
    bool exact = false;

    /// The options for @p app: its ignore rules, its tracking label, and the applier its
    /// controller uses (`argocd-controller` for Argo CD, `kustomize-controller` for Flux).
    static ComparisonOptions forApp(const App &app);

    /// Adds the CustomResourceDefinitions among @p objects (the cluster's live ones, say),
    /// so that lists their schemas mark `x-kubernetes-list-type: map` or `set` compare item
    /// by item. Later definitions of a kind replace earlier ones; other objects are skipped.
    void addCustomResourceDefinitions(const QList<QJsonObject> &objects)
    {
        customResources.addDefinitions(objects);
    }
};

} // namespace gitops::drift
