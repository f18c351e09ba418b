#pragma once

#include "itemmodels/driftsnapshot.h"
#include "kube/kubeconfig.h"
#include "kube/livechangeset.h"
#include "workspace/desiredstate.h"
#include "workspace/desiredstateloader.h"
#include "workspace/exactrunner.h"
#include "workspace/workspacecomparison.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

namespace gitops {

/// What a WorkspaceSession is busy with, for the status bar.
struct SessionProgress
{
    QString message; ///< empty when idle
    int done = 0;
    int total = 0; ///< 0: nothing to count
    bool cancellable = false; ///< WorkspaceSession::cancel() stops it

    bool isIdle() const { return message.isEmpty(); }
    bool operator==(const SessionProgress &) const = default;
};

namespace git {
class RepositoryWorker;
}

namespace kube {
class ApiCall;
class Discovery;
class DiscoveryInfo;
class KubeClient;
class LiveState;
struct ApiError;
struct LiveTarget;
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
    /// Whether any of the kubeconfig files exists (a missing one is no error to show; a
    /// broken one is).
    bool kubeConfigFound() const { return m_kubeConfigFound; }

    /// Reads the apps of the repository at @p root at @p revision, through a
    /// git::RepositoryWorker of its own.
    void openRepository(const QString &root, const QString &revision = QStringLiteral("HEAD"));
    /// The same through @p worker, which the caller shares with the repository's other
    /// clients (history, change requests) and keeps alive while the session uses it.
    void openRepository(std::shared_ptr<git::RepositoryWorker> worker,
                        const QString &revision = QStringLiteral("HEAD"));
    /// The worker of the open repository; null before openRepository().
    std::shared_ptr<git::RepositoryWorker> repository() const { return m_repository; }
    /// Compares with the cluster of @p context; "" compares with nothing (every resource
    /// Unknown: no cluster context selected).
    void setContext(const QString &context);
    QString context() const { return m_context; }
    /// Reads the apps again at @p revision (a branch, tag or commit; "HEAD" the checked-out
    /// one, or the working tree when the loader reads it).
    void setRevision(const QString &revision);
    QString revision() const { return m_revision; }
    /// Reads git again and lists the cluster again.
    void refresh();

    const DriftSnapshot &snapshot() const { return m_snapshot; }
    /// The desired state of @p app as the session holds it now (its files, renderer and
    /// targetRevision, for change requests); null when there is no such app. Valid until
    /// git is read again.
    const AppDesiredState *desiredApp(const QString &name) const;

    /// What the comparison compares, for engines that hold other revisions against the same
    /// cluster (history's live commit, history::LiveEvidence::of()): git's side with its
    /// namespaces resolved (nullopt until read), the live objects by identity (complete once
    /// liveSynced()), and the rest of the comparison's inputs.
    const std::optional<DesiredState> &desired() const { return m_desired; }
    const QHash<manifest::ResourceId, QJsonObject> &liveObjects() const;
    bool liveSynced() const { return m_liveSynced; }
    /// Why the cluster cannot be compared with (unreachable, refused credentials); "" if it can.
    QString clusterError() const { return m_clusterError; }
    const QHash<QString, QString> &refusedLists() const { return m_refusedLists; }
    std::shared_ptr<const drift::HealthRules> healthRules() const { return m_healthRules; }
    std::shared_ptr<const kube::DiscoveryInfo> discoveryInfo() const { return m_discoveryInfo; }
    /// What keeps the cluster's objects live (null while no cluster is connected).
    const kube::LiveState *liveState() const { return m_live; }
    /// The namespace of the current context ("" when it names none: `default`).
    QString contextNamespace() const
    {
        const kube::ContextEntry *entry = m_config.context(m_context);
        return entry ? entry->namespaceName : QString();
    }
    /// Exact mode for a whole app: every desired resource of @p app is dry-run on the server
    /// (a server-side apply with dryRun=All as the app's applier, what `kubectl diff
    /// --server-side` does), a few at a time and @p first first, and compared strictly with
    /// live; again whenever its live object or git changes. Snapshots carry the exact
    /// verdicts as they arrive (AppSnapshot::exact); exactAppCompared() tells when all have.
    /// Off: back to the comparison by field ownership.
    void setAppExact(const QString &app, bool exact, const manifest::ResourceId &first = {});
    /// Exact mode on for @p app; exactAppCompared() or exactFailed() answers.
    void compareAppExactly(const QString &app) { setAppExact(app, true); }

    /// Stops what can be stopped: the first listing of the cluster (every resource is then
    /// Unknown until refresh()) and the dry runs of exact mode (which turns off).
    void cancel();
    SessionProgress currentProgress() const;

Q_SIGNALS:
    /// Every resource of @p app has been dry-run and compared strictly (per-resource
    /// failures are Unknown with the server's message).
    void exactAppCompared(const QString &app, const gitops::drift::AppDrift &drift);
    /// Exact mode cannot run for @p app at all (no cluster, unknown app); it is off again.
    void exactFailed(const QString &app, const QString &message);
    void snapshotChanged(const gitops::DriftSnapshot &snapshot);
    /// What is going on, for the status bar.
    void progress(const gitops::SessionProgress &progress);
    /// Something the user must know (unreachable cluster, refused credentials, ...).
    void problem(const QString &message);

private:
    void desiredLoaded(const DesiredState &state);
    /// m_desired from m_desiredAsRead for the current context and discovery.
    void resolveDesired();
    void connectCluster();
    void disconnectCluster();
    void discoveryReady(const std::shared_ptr<const kube::DiscoveryInfo> &info);
    void liveChanged(const kube::LiveChangeSet &changes);
    void clusterFailed(const kube::ApiError &error);
    void listRefused(const kube::LiveTarget &target, const kube::ApiError &error);
    /// Reads the apps again when the cluster's Applications, Kustomizations or
    /// GitRepositories define other apps than before.
    void updateClusterDefinitions();
    void watchSubstitutionSource(const manifest::ResourceId &id);
    /// The user's health rules from Argo CD's argocd-cm, when the cluster has it.
    void readHealthRules();
    /// Every namespace the desired objects name, and the context's.
    QStringList workspaceNamespaces() const;
    void scheduleCompare();
    void catchUpLive() const;
    void compare();
    void compared();
    void updateProgress();

    std::shared_ptr<git::RepositoryWorker> m_repository;
    DesiredStateLoader m_loader; // borrows m_repository: declared after it
    QString m_root;
    QString m_revision;
    /// As the loader read it, and with the namespaces that depend on the context resolved.
    std::optional<DesiredState> m_desiredAsRead;
    std::optional<DesiredState> m_desired;

    kube::KubeConfig m_config;
    QString m_kubeConfigError;
    bool m_kubeConfigFound = false;
    QString m_context;
    std::unique_ptr<kube::KubeClient> m_client;
    kube::Discovery *m_discovery = nullptr;
    kube::LiveState *m_live = nullptr;
    std::shared_ptr<const kube::DiscoveryInfo> m_discoveryInfo;
    /// Shared with the comparison running on the thread pool: while it runs, changes wait in
    /// m_liveBehind (nullopt: deleted), so that the GUI thread does not copy every live
    /// object on the first change after a comparison starts; catchUpLive() applies them.
    mutable QHash<manifest::ResourceId, QJsonObject> m_liveObjects;
    mutable QHash<manifest::ResourceId, std::optional<QJsonObject>> m_liveBehind;
    bool m_liveSynced = false;
    QString m_clusterError;
    bool m_reading = false;
    int m_listed = 0;
    int m_listTotal = 0;
    /// Lists the server refused: "group/kind/namespace" -> why; their resources are Unknown.
    QHash<QString, QString> m_refusedLists;
    /// Kinds watched only for tracked extras that could not be listed, said once.
    QSet<QString> m_unlistedKinds;
    bool m_unlistedTold = false;
    /// The cluster's objects that define apps, once listed; what the last load used.
    std::optional<QList<QJsonObject>> m_clusterDefinitions;
    QByteArray m_clusterDefinitionsKey;
    bool m_refusedAppDefinitions = false;
    /// "Kind/namespace" of the ConfigMaps and Secrets watched for Flux's postBuild.
    QSet<QString> m_substitutionWatches;
    QSet<manifest::ResourceId> m_substitutionSources;
    /// CRD kinds discovery was asked again for (once each, should the server not serve one).
    QSet<QString> m_refreshedForKinds;
    std::shared_ptr<const drift::HealthRules> m_healthRules;
    ExactRunner m_exact;
    SessionProgress m_progress;

    QTimer m_compareTimer;
    QFutureWatcher<DriftSnapshot> m_compareWatcher;
    DriftSnapshot m_snapshot;
};

} // namespace gitops
