#pragma once

#include "drift/healthrules.h"
#include "drift/workspacedrift.h"
#include "kube/trackingfilter.h"
#include "workspace/desiredstate.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace gitops {

/// Exact mode's answers for one app: what the server's dry run would make of each desired
/// resource, or why the dry run failed, with the live object's fingerprint it was asked
/// against (a change to live asks again).
struct ExactResults
{
    QHash<manifest::ResourceId, QJsonObject> wouldBe;
    QHash<manifest::ResourceId, QString> failures;
    QHash<manifest::ResourceId, QString> askedAgainst;

    qsizetype count() const { return wouldBe.size() + failures.size(); }
    friend bool operator==(const ExactResults &, const ExactResults &) = default;
};

/// Everything about the cluster's side that the comparison needs besides its objects.
struct WorkspaceComparison
{
    /// The kubeconfig context the live objects come from.
    QString context;
    /// Non-empty: every resource is Unknown with it (no context, an unreachable cluster, a
    /// list still running).
    QString unknownReason;
    /// The cluster is still being listed, or git read again; a complete snapshot follows.
    bool partial = false;
    /// Exact mode's answers, by app.
    QHash<QString, ExactResults> exact;
    /// Lists the server refused, by refusedListKey(): their resources are Unknown with it.
    QHash<QString, QString> refusedLists;
    /// The health rules of the cluster's Argo CD (argocd-cm), when it has any.
    std::shared_ptr<const drift::HealthRules> healthRules;
};

/// The drift of every app of @p desired against @p live (every live object the session
/// keeps, by identity): each app's resources and the live objects its tracking marks as its
/// own, compared with the app's comparison options and the cluster's CRDs among @p live;
/// exact mode's answers replace the comparison by field ownership where there are any.
/// A pure function: safe on any thread; the GUI and the CLI get their verdicts from it.
drift::WorkspaceDrift compareWorkspace(const DesiredState &desired,
                                       const QHash<manifest::ResourceId, QJsonObject> &live,
                                       const WorkspaceComparison &how);

/// A comparison's snapshot with what it was made from (values shared with the caller's,
/// not copied), for the next comparison of the same workspace to start from.
struct ComparedWorkspace
{
    drift::WorkspaceDrift snapshot;
    DesiredState desired;
    WorkspaceComparison how;
    /// The cluster's CustomResourceDefinitions among the live objects.
    QList<QJsonObject> definitions;
};

/// compareWorkspace(), starting from @p previous (the last comparison of the workspace, or
/// nullptr): when git's side and everything in @p how are the same as then, each resource
/// whose live object is still the one its verdict was made from keeps that verdict, and
/// each app the data that depends on git alone, shared with @p previous instead of built
/// again. Under a stream of watch events (200 a second against 20,000 objects) only what
/// changed is compared, and each comparison no longer makes a whole new copy of every
/// verdict while the old one is still shown. The snapshot is the one compareWorkspace()
/// gives for the same arguments. Pure; any thread.
ComparedWorkspace compareWorkspaceAgain(const ComparedWorkspace *previous,
                                        const DesiredState &desired,
                                        const QHash<manifest::ResourceId, QJsonObject> &live,
                                        const WorkspaceComparison &how);

/// How the live objects of @p app are recognised (DESIGN.md "Tracking"); empty when its
/// controller is unknown.
kube::TrackingFilter trackingFilterOf(const App &app);

/// The key of a refused list in WorkspaceComparison::refusedLists: @p namespaceName "" for
/// a cluster-wide (or cluster-scoped) list.
QString refusedListKey(const QString &group, const QString &kind, const QString &namespaceName);

} // namespace gitops
