#pragma once

#include "drift/comparisonoptions.h"
#include "drift/resourcedrift.h"
#include "manifest/resourceid.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace gitops::drift {

/// Compares the desired state of one resource (@p desired, as parsed from git) with its live
/// object (@p live, as the API server returns it) by the rules of DESIGN.md "Kubernetes
/// semantics that matter": fields the server populates or allocates are not drift, fields
/// desired does not set are drift only when git used to set them (last-applied-configuration,
/// or the app's appliers in managedFields), values compare semantically (quantities,
/// int-or-string, empty versus absent, Secret stringData versus data), keyed lists match by
/// their merge keys. An empty object stands for "absent": only @p desired gives Missing,
/// only @p live gives Extraneous. @p desiredLines (JSON pointer -> source line) gives
/// desired's key order for display. Secret values in the result are masked.
/// A pure function: safe on any thread.
ResourceDrift compareResource(const manifest::ResourceId &id, const QJsonObject &desired,
                              const QJsonObject &live, const ComparisonOptions &options = {},
                              const QHash<QString, int> &desiredLines = {});

/// A resource whose live state could not be read or compared, with @p reason; the sides
/// that are known (git's object and its lines, the live object) are kept for display,
/// Secret values masked.
ResourceDrift unknownResource(const manifest::ResourceId &id, const Text &reason,
                              const QJsonObject &desired = {},
                              const QHash<QString, int> &desiredLines = {},
                              const QJsonObject &live = {});
/// The same with a reason already in words (the session's, translated where it was built).
ResourceDrift unknownResource(const manifest::ResourceId &id, const QString &reason,
                              const QJsonObject &desired = {},
                              const QHash<QString, int> &desiredLines = {},
                              const QJsonObject &live = {});

/// The identity of an object (desired or live): group of its apiVersion, kind, namespace,
/// name.
manifest::ResourceId identityOf(const QJsonObject &object);

} // namespace gitops::drift
