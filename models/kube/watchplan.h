#pragma once

#include "kube/livestate.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gitops::kube {

class DiscoveryInfo;

/// A kind of object that an app's manifests name.
struct NamedKind
{
    QString group;
    QString kind;
};

/// What to keep live for a workspace, decided from the cluster's discovery alone:
/// - every kind in @p kinds that the cluster serves, in all namespaces: git's objects are
///   matched to live ones by identity, and tracked extras of those kinds show as Extraneous;
/// - the cluster's CustomResourceDefinitions: their schemas say how custom resources' lists
///   merge, also for CRDs git does not hold;
/// - for each of @p trackingFamilies (one per way apps mark their objects, values cleared so
///   one watch serves every app), every other kind that can be listed and watched, keeping
///   only the objects so marked: a controller may have deployed kinds git no longer names.
///   Kinds controllers derive from other objects (isDerivedKind()) are left out.
/// Each kind is watched once. Kinds the cluster does not serve (a CRD not applied yet) go to
/// @p unknown as "Kind.group". A pure function: any thread.
QList<LiveTarget> planWatches(const DiscoveryInfo &discovery, const QList<NamedKind> &kinds,
                              const QList<TrackingFilter> &trackingFamilies,
                              QStringList *unknown = nullptr);

/// Targets that find the objects @p filter accepts: every kind discovery says can be listed
/// and watched, in @p namespaceName ("" for all; cluster-scoped kinds are always included).
/// Events and Leases churn without belonging to apps and are left out.
QList<LiveTarget> trackingTargets(const DiscoveryInfo &discovery, const TrackingFilter &filter,
                                  const QString &namespaceName = {});

/// Kinds controllers make from other objects (Pods, ReplicaSets, ControllerRevisions,
/// Endpoints, EndpointSlices, Jobs): they carry an app's labels from a template, churn, and
/// are never an app's own.
bool isDerivedKind(const ApiResource &type);

} // namespace gitops::kube
