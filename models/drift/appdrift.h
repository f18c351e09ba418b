#pragma once

#include "drift/comparisonoptions.h"
#include "drift/resourcedrift.h"
#include "manifest/resource.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace gitops::drift {

/// The verdict on one app: every resource's drift, in desired order followed by the
/// extraneous live objects, and the aggregate status and health. An immutable value.
struct AppDrift
{
    QList<ResourceDrift> resources;
    /// Synced when every resource is; OutOfSync when any is OutOfSync, Missing or
    /// Extraneous; else Unknown when any could not be compared.
    SyncStatus status = SyncStatus::Synced;
    /// The worst health of the resources (Healthy for an empty app).
    Health health = {Health::Status::Healthy, QString()};

    /// Aggregates @p resources into an app's verdict.
    static AppDrift of(QList<ResourceDrift> resources);
};

/// @p options with what the app's own manifests say about expected writers: the workloads
/// whose replicas its HorizontalPodAutoscalers own, and how its custom resources' lists
/// merge (its CustomResourceDefinitions, for kinds @p options does not know from the
/// cluster). compareApp() and exact mode's strict comparison both use it, so the two
/// modes agree on which controllers' writes are expected. Namespaces must be resolved.
ComparisonOptions withAppRules(ComparisonOptions options, const QList<manifest::Resource> &desired);

/// Compares an app's desired resources (from git) with the live objects tracked as the app's
/// (`kubectl get -o json` items). Objects match by identity (group, kind, namespace, name);
/// namespaced manifests without a namespace take @p defaultNamespace. The workloads an
/// autoscaler in @p desired targets get their replicas ignored. A pure function.
///
/// @p previous, when given, is this app's result of an earlier call with the same @p desired,
/// @p defaultNamespace and @p options (the caller makes sure): a resource whose live object
/// is still the one its earlier verdict holds keeps that verdict (shared, not compared
/// again), so that under a stream of watch events only what changed is compared and
/// allocated anew. The result is the one a call without @p previous gives.
AppDrift compareApp(const QList<manifest::Resource> &desired, const QList<QJsonObject> &live,
                    const QString &defaultNamespace, const ComparisonOptions &options = {},
                    const AppDrift *previous = nullptr);

} // namespace gitops::drift
