#pragma once

#include "itemmodels/driftsnapshot.h"
#include "kube/kubeconfig.h"
#include "kube/livechangeset.h"
#include "workspace/desiredstate.h"
#include "workspace/desiredstateloader.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace gitops {

namespace kube {
class Discovery;
class DiscoveryInfo;
class KubeClient;
class LiveState;
struct ApiError;
} // namespace kube

/// One open workspace: the desired state of its apps (from git, DesiredStateLoader), the
/// live state of the objects they name in one kubeconfig context (listed, then watched),
/// and the drift between them, recomputed on the thread pool a moment after either side
/// changes and delivered as one immutable DriftSnapshot. Lives on the GUI thread; nothing
/// here blocks it.
class WorkspaceSession : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceSession(QObject *parent = nullptr);
    ~WorkspaceSession() override;

    /// Reads the kubeconfig (KUBECONFIG, else ~/.kube/config). Returns the error, if any.
    QString loadKubeConfig();
    QStringList contexts() const { return m_config.contextNames(); }
    QString currentContext() const { return m_config.currentContext; }

    /// Reads the apps of the repository at @p root at @p revision.
    void openRepository(const QString &root, const QString &revision = QStringLiteral("HEAD"));
    /// Compares with the cluster of @p context; "" compares with nothing (every resource
    /// Unknown: no cluster context selected).
    void setContext(const QString &context);
    QString context() const { return m_context; }
    /// Reads git again and lists the cluster again.
    void refresh();

    const DriftSnapshot &snapshot() const { return m_snapshot; }

    /// Exact mode for one resource: asks the cluster for a server-side dry-run apply of the
    /// desired object (what `kubectl diff --server-side` does) and compares that with live.
    /// Answers with exactCompared() or exactFailed().
    void compareExactly(const QString &app, const manifest::ResourceId &id);

Q_SIGNALS:
    void exactCompared(const QString &app, const gitops::drift::ResourceDrift &result);
    void exactFailed(const QString &app, const gitops::manifest::ResourceId &id,
                     const QString &message);
    void snapshotChanged(const gitops::DriftSnapshot &snapshot);
    /// What is going on, for the status bar; empty when idle.
    void progress(const QString &message);
    /// Something the user must know (unreachable cluster, refused credentials, ...).
    void problem(const QString &message);

private:
    void desiredLoaded(const DesiredState &state);
    void connectCluster();
    void disconnectCluster();
    void discoveryReady(const std::shared_ptr<const kube::DiscoveryInfo> &info);
    void liveChanged(const kube::LiveChangeSet &changes);
    void clusterFailed(const kube::ApiError &error);
    void scheduleCompare();
    void compare();

    DesiredStateLoader m_loader;
    QString m_root;
    QString m_revision;
    std::optional<DesiredState> m_desired;

    kube::KubeConfig m_config;
    QString m_context;
    std::unique_ptr<kube::KubeClient> m_client;
    kube::Discovery *m_discovery = nullptr;
    kube::LiveState *m_live = nullptr;
    std::shared_ptr<const kube::DiscoveryInfo> m_discoveryInfo;
    QHash<manifest::ResourceId, QJsonObject> m_liveObjects;
    bool m_liveSynced = false;
    QString m_clusterError;

    QTimer m_compareTimer;
    QFutureWatcher<DriftSnapshot> m_compareWatcher;
    DriftSnapshot m_snapshot;
};

} // namespace gitops
