#pragma once

#include "kube/apiresource.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace gitops::kube {

/// What a cluster serves: every resource type with its preferred version, plural, scope
/// and verbs, read from aggregated discovery (v2) or from the legacy per-group lists.
/// A plain value; the parsers are pure functions over response bodies.
class DiscoveryInfo
{
public:
    /// The type serving @p kind in @p group at its preferred version; invalid if none.
    ApiResource find(const QString &group, const QString &kind) const;
    /// The type named by its plural in @p group (preferred version).
    ApiResource findPlural(const QString &group, const QString &plural) const;
    /// Every type at its preferred version (subresources excluded).
    const QList<ApiResource> &resources() const { return m_resources; }
    bool isEmpty() const { return m_resources.isEmpty(); }
    bool aggregated() const { return m_aggregated; }

    /// Appends the types of an aggregated discovery document (APIGroupDiscoveryList, from
    /// /api or /apis). False with @p error when the body is not one.
    bool addAggregated(const QByteArray &body, QString *error);
    /// Legacy: the group versions to fetch from /apis (APIGroupList): preferred versions,
    /// "apps/v1" style.
    static QStringList legacyGroupVersions(const QByteArray &body, QString *error);
    /// Legacy: appends the types of one APIResourceList (/api/v1, /apis/apps/v1).
    bool addLegacyResourceList(const QByteArray &body, QString *error);

private:
    QList<ApiResource> m_resources;
    bool m_aggregated = false;
};

} // namespace gitops::kube
