#pragma once

#include "manifest/resourceid.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

namespace gitops::kube {
class DiscoveryInfo;
class Discovery;
class KubeClient;
struct ApiResource;
} // namespace gitops::kube

namespace gitops::audit {

/// What the cluster holds for an audit beside the apps' live objects: the Events of some
/// namespaces, the ReplicaSets there (whose Events belong to the Deployments owning them),
/// the objects that define apps (Argo CD Applications, Flux Kustomizations and
/// GitRepositories, with their status.history) and the plural each kind is served under.
/// A plain value.
struct ClusterAuditSources
{
    QList<QJsonObject> events;
    QList<QJsonObject> ownedObjects;
    QList<QJsonObject> definitions;
    /// "GROUP/Kind" -> plural, for the kinds asked about.
    QHash<QString, QString> plurals;
    /// What could not be read (a refused list), in words.
    QStringList problems;
};

/// Reads ClusterAuditSources once: discovery (the process's cache), then every list at
/// once, each paged. Borrows the KubeClient, which must outlive it; lives on its thread;
/// finished() comes exactly once.
class ClusterAuditReader : public QObject
{
    Q_OBJECT

public:
    explicit ClusterAuditReader(kube::KubeClient *client, QObject *parent = nullptr);
    ~ClusterAuditReader() override;

    /// Events and ReplicaSets of @p namespaces, app definitions everywhere, plurals of
    /// @p kinds ("GROUP/Kind").
    void read(const QStringList &namespaces, const QSet<QString> &kinds);

Q_SIGNALS:
    void finished(const gitops::audit::ClusterAuditSources &sources);

private:
    void discovered(const std::shared_ptr<const kube::DiscoveryInfo> &info);
    void list(const kube::ApiResource &type, const QString &namespaceName,
              QList<QJsonObject> ClusterAuditSources::*into, const QString &continueToken = {});
    void done();

    kube::KubeClient *m_client;
    kube::Discovery *m_discovery = nullptr;
    QStringList m_namespaces;
    QSet<QString> m_kinds;
    ClusterAuditSources m_sources;
    int m_pending = 0;
    bool m_finished = false;
};

} // namespace gitops::audit

Q_DECLARE_METATYPE(gitops::audit::ClusterAuditSources)
