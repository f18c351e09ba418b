#pragma once

#include "drift/healthrules.h"
#include "kube/kubeconfig.h"
#include "kube/livechangeset.h"
#include "manifest/resourceid.h"
#include "workspace/desiredstate.h"
#include "workspace/sessionprogress.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace gitops {

namespace kube {
class Discovery;
class DiscoveryInfo;
class KubeClient;
class LiveState;
struct ApiError;
struct LiveTarget;
} // namespace kube

/// The cluster's side of a workspace: the kubeconfig, the connection to one of its contexts
/// (client, discovery) and the live state of what git's side names, listed and then watched
/// (kube::planWatches()), with what the comparison needs from the cluster besides its
/// objects: the lists the server refused, Argo CD's health rules from argocd-cm, the objects
/// that define apps (Argo CD Applications, Flux Kustomizations and GitRepositories) and the
/// ConfigMaps and Secrets Flux substitutes from. A list the server refuses cluster-wide is
/// asked again in each namespace the workspace uses, as `kubectl -n` would.
///
/// It decides nothing about git or the comparison: WorkspaceSession wires its signals to the
/// loader, the exact runner and the comparison. Lives on the GUI thread; never blocks it.
class ClusterSide : public QObject
{
    Q_OBJECT

public:
    explicit ClusterSide(QObject *parent = nullptr);
    ~ClusterSide() override;

    /// Reads the kubeconfig (KUBECONFIG, else ~/.kube/config). Returns the error, if any.
    QString loadKubeConfig();
    const kube::KubeConfig &kubeConfig() const { return m_config; }
    /// Whether any of the kubeconfig files exists.
    bool kubeConfigFound() const { return m_kubeConfigFound; }

    /// Drops the connection and all that was read from the cluster (its app definitions too).
    void close();
    /// close(), then connects to @p context and asks for discovery; discovered() follows.
    /// False when nothing is under way: no context (""), or one that cannot be used (error()
    /// says why, problem() told it).
    bool connectTo(const QString &context);
    /// What git's side asks to keep live, once discovered() has come: the kinds of @p
    /// desired's resources, the objects its apps' tracking marks, the objects that define
    /// apps, argocd-cm. Only the watches whose target changed start again.
    void watch(const DesiredState &desired);
    /// Stops the first listing; false when there is none running.
    bool cancelListing();

    kube::KubeClient *client() const { return m_client.get(); }
    std::shared_ptr<const kube::DiscoveryInfo> discoveryInfo() const { return m_discoveryInfo; }
    /// Null until watch() started one.
    const kube::LiveState *liveState() const { return m_live; }
    /// Every live object kept, by identity, with every change applied.
    const QHash<manifest::ResourceId, QJsonObject> &objects() const;
    /// The newest state of @p id without applying changes held back (empty: not live).
    QJsonObject newest(const manifest::ResourceId &id) const;
    /// While @p inUse says so (a comparison on the thread pool holds a copy of objects()),
    /// changes wait instead of copying every object on the GUI thread; objects() applies them.
    void setObjectsInUse(std::function<bool()> inUse) { m_objectsInUse = std::move(inUse); }

    /// The first list of every watch is done.
    bool isSynced() const { return m_synced; }
    /// Why the cluster cannot be compared with (unreachable, refused credentials); "" if it can.
    QString error() const { return m_error; }
    /// Lists the server refused, by refusedListKey(): their resources are Unknown with it.
    const QHash<QString, QString> &refusedLists() const { return m_refusedLists; }
    std::shared_ptr<const drift::HealthRules> healthRules() const { return m_healthRules; }
    /// The cluster's objects that define apps and the ConfigMaps and Secrets they substitute
    /// from, for DesiredStateLoader::load(); nullopt before they were listed, or when the
    /// cluster serves no such kind or the server refused listing them.
    const std::optional<QList<QJsonObject>> &appDefinitions() const { return m_appDefinitions; }
    /// Connecting or listing, for the status bar; idle otherwise.
    SessionProgress progress() const;

Q_SIGNALS:
    /// Discovery answered (again, after a CRD of a kind it did not know appeared): what is
    /// namespaced may have changed, and what to watch().
    void discovered();
    /// Live objects changed (added, modified, deleted).
    void changed(const QList<gitops::manifest::ResourceId> &ids);
    /// The first list of every watch is done.
    void synced();
    /// appDefinitions() changed: what defines apps, not merely their status.
    void appDefinitionsChanged();
    /// error() or refusedLists() changed: resources are Unknown with it now.
    void unknownChanged();
    void progressChanged();
    /// Something the user must know (unreachable cluster, refused credentials, ...).
    void problem(const QString &message);

private:
    void discoveryReady(const std::shared_ptr<const kube::DiscoveryInfo> &info);
    void liveChanged(const kube::LiveChangeSet &changes);
    void liveSynced();
    void failed(const kube::ApiError &error);
    void listRefused(const kube::LiveTarget &target, const kube::ApiError &error);
    /// Asks discovery again for the kinds of CRDs among @p objects it does not know yet.
    void discoverKindsOf(const QList<QJsonObject> &objects);
    void updateAppDefinitions();
    void watchSubstitutionSource(const manifest::ResourceId &id);
    void readHealthRules();
    /// Every namespace the desired objects name, and the context's.
    QStringList workspaceNamespaces() const;
    void catchUp() const;

    kube::KubeConfig m_config;
    QString m_kubeConfigError;
    bool m_kubeConfigFound = false;
    QString m_context;
    std::unique_ptr<kube::KubeClient> m_client;
    kube::Discovery *m_discovery = nullptr;
    kube::LiveState *m_live = nullptr;
    std::shared_ptr<const kube::DiscoveryInfo> m_discoveryInfo;
    /// The namespaces git's resources name, as of the last watch().
    QSet<QString> m_desiredNamespaces;

    /// Changes wait in m_behind (nullopt: deleted) while m_objectsInUse() says so; catchUp()
    /// applies them.
    std::function<bool()> m_objectsInUse;
    mutable QHash<manifest::ResourceId, QJsonObject> m_objects;
    mutable QHash<manifest::ResourceId, std::optional<QJsonObject>> m_behind;
    bool m_synced = false;
    QString m_error;
    int m_listed = 0;
    int m_listTotal = 0;

    /// Lists the server refused: "group/kind/namespace" -> why; their resources are Unknown.
    QHash<QString, QString> m_refusedLists;
    /// Kinds watched only for tracked extras that could not be listed, said once.
    QSet<QString> m_unlistedKinds;
    bool m_unlistedTold = false;
    std::optional<QList<QJsonObject>> m_appDefinitions;
    /// What of m_appDefinitions matters (specs, substituted data hashed): a controller
    /// writing status changes nothing.
    QByteArray m_appDefinitionsKey;
    bool m_refusedAppDefinitions = false;
    /// "Kind/namespace" of the ConfigMaps and Secrets watched for Flux's postBuild.
    QSet<QString> m_substitutionWatches;
    QSet<manifest::ResourceId> m_substitutionSources;
    /// CRD kinds discovery was asked again for (once each, should the server not serve one).
    QSet<QString> m_refreshedForKinds;
    std::shared_ptr<const drift::HealthRules> m_healthRules;
};

} // namespace gitops
