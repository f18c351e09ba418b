#pragma once

#include <QString>
#include <QStringList>

namespace gitops::kube {

/// One resource type as discovery reports it: which kind it serves, under which plural
/// name and version, whether it is namespaced, and which verbs it allows. A plain value.
struct ApiResource
{
    QString group; ///< "" for the core group
    QString version;
    QString kind;
    QString plural; ///< the resource name in URLs: "deployments"
    bool namespaced = true;
    QStringList verbs;

    bool isValid() const { return !plural.isEmpty(); }
    bool allows(const QString &verb) const { return verbs.contains(verb); }
    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
    /// "deployments.apps", or "configmaps" for the core group, as kubectl names them.
    QString displayName() const { return group.isEmpty() ? plural : plural + u'.' + group; }
    /// The collection's URL path; @p namespaceName empty lists across all namespaces.
    QString collectionPath(const QString &namespaceName) const;
    QString objectPath(const QString &namespaceName, const QString &name) const;

    friend bool operator==(const ApiResource &, const ApiResource &) = default;
};

} // namespace gitops::kube
