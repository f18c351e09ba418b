#pragma once

#include "drift/workspacedrift.h"
#include "workspace/clusterside.h"
#include "workspace/desiredstate.h"
#include "workspace/desiredstateloader.h"
#include "workspace/exactrunner.h"
#include "workspace/sessionprogress.h"
#include "workspace/workspacecomparison.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace gitops {

namespace git {
class RepositoryWorker;
}

namespace kube {
class DiscoveryInfo;
class LiveState;
} // namespace kube

/// One open workspace: the desired state of its apps (from git, DesiredStateLoader), the
/// live state of the objects they name in one kubeconfig context (ClusterSide: listed, then
/// watched), exact mode's dry runs (ExactRunner), and the drift between them
/// (compareWorkspace()), recomputed on the thread pool a moment after either side changes and
/// delivered as one immutable drift::WorkspaceDrift. It only wires those and schedules the
/// comparison. Lives on the GUI thread; nothing here blocks it.
class WorkspaceSession : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceSession(QObject *parent = nullptr);
    ~WorkspaceSession() override;

    /// Reads the kubeconfig (KUBECONFIG, else ~/.kube/config). Returns the error, if any.
    QString loadKubeConfig();
    QStringList contexts() const { return m_cluster.kubeConfig().contextNames(); }
    QString currentContext() const { return m_cluster.kubeConfig().currentContext; }
    /// Whether any of the kubeconfig files exists (a missing one is no error to show; a
    /// broken one is).
    bool kubeConfigFound() const { return m_cluster.kubeConfigFound(); }

    /// Reads the apps of the repository at @p root at @p revision, through a
    /// git::RepositoryWorker of its own.
    void openRepository(const QString &root, const QString &revision = QStringLiteral("HEAD"));
    /// The same through @p worker, which the caller shares with the repository's other
    /// clients (history, change requests) and keeps alive while the session uses it.
    void openRepository(std::shared_ptr<git::RepositoryWorker> worker,
                        const QString &revision = QStringLiteral("HEAD"));
    /// The worker of the open repository; null before openRepository().
    std::shared_ptr<git::RepositoryWorker> repository() const { return m_repository; }
    /// Reads and compares only the app named @p name ("" every app; DesiredStateLoader::
    /// setOnlyApp()), for a command that asks of one app. Call before openRepository().
    void setOnlyApp(const QString &name) { m_loader.setOnlyApp(name); }
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

    const drift::WorkspaceDrift &snapshot() const { return m_snapshot; }
    /// The desired state of @p app as the session holds it now (its files, renderer and
    /// targetRevision, for change requests); null when there is no such app. Valid until
    /// git is read again.
    const AppDesiredState *desiredApp(const QString &name) const;

    /// What the comparison compares, for engines that hold other revisions against the same
    /// cluster (history's live commit, history::LiveEvidence::of()): git's side with its
    /// namespaces resolved (nullopt until read), the live objects by identity (complete once
    /// liveSynced()), and the rest of the comparison's inputs.
    const std::optional<DesiredState> &desired() const { return m_desired; }
    const QHash<manifest::ResourceId, QJsonObject> &liveObjects() const
    {
        return m_cluster.objects();
    }
    bool liveSynced() const { return m_cluster.isSynced(); }
    /// Why the cluster cannot be compared with (unreachable, refused credentials); "" if it can.
    QString clusterError() const { return m_cluster.error(); }
    const QHash<QString, QString> &refusedLists() const { return m_cluster.refusedLists(); }
    std::shared_ptr<const drift::HealthRules> healthRules() const
    {
        return m_cluster.healthRules();
    }
    std::shared_ptr<const kube::DiscoveryInfo> discoveryInfo() const
    {
        return m_cluster.discoveryInfo();
    }
    /// What keeps the cluster's objects live (null while no cluster is connected).
    const kube::LiveState *liveState() const { return m_cluster.liveState(); }
    /// The namespace of the current context ("" when it names none: `default`).
    QString contextNamespace() const
    {
        const kube::ContextEntry *entry = m_cluster.kubeConfig().context(m_context);
        return entry ? entry->namespaceName : QString();
    }
    /// Exact mode for a whole app: every desired resource of @p app is dry-run on the server
    /// (a server-side apply with dryRun=All as the app's applier, what `kubectl diff
    /// --server-side` does), a few at a time and @p first first, and compared strictly with
    /// live; again whenever its live object or git changes. Snapshots carry the exact
    /// verdicts as they arrive (drift::AppWorkspaceDrift::exact); exactAppCompared() tells when all
    /// have. Off: back to the comparison by field ownership.
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
    void snapshotChanged(const gitops::drift::WorkspaceDrift &snapshot);
    /// What is going on, for the status bar.
    void progress(const gitops::SessionProgress &progress);
    /// Something the user must know (unreachable cluster, refused credentials, ...).
    void problem(const QString &message);

private:
    /// Reads git's side again at m_revision, with the cluster's app definitions.
    void readDesired();
    void desiredLoaded(const DesiredState &state);
    /// m_desired from m_desiredAsRead for the current context and discovery.
    void resolveDesired();
    void connectCluster();
    /// Discovery answered: git's namespaces resolved again, the watches and the dry runs
    /// follow.
    void clusterDiscovered();
    void clusterSynced();
    void scheduleCompare();
    void compare();
    void compared();
    void updateProgress();

    std::shared_ptr<git::RepositoryWorker> m_repository;
    DesiredStateLoader m_loader; // borrows m_repository: declared after it
    QString m_root;
    QString m_revision;
    bool m_reading = false;
    /// As the loader read it, and with the namespaces that depend on the context resolved.
    std::optional<DesiredState> m_desiredAsRead;
    std::optional<DesiredState> m_desired;

    QString m_context;
    ClusterSide m_cluster;
    ExactRunner m_exact; // borrows m_cluster's client: declared after it
    SessionProgress m_progress;

    QTimer m_compareTimer;
    QFutureWatcher<ComparedWorkspace> m_compareWatcher;
    drift::WorkspaceDrift m_snapshot;
    /// The last comparison, for the next to start from (compareWorkspaceAgain()).
    std::optional<ComparedWorkspace> m_compared;
};

} // namespace gitops
