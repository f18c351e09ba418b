#pragma once

#include "drift/comparisonoptions.h"
#include "git/jobcontrol.h"
#include "git/repository.h"
#include "history/apphistory.h"
#include "history/appstatereader.h"
#include "kube/discoveryinfo.h"
#include "manifest/resourceid.h"
#include "workspace/app.h"
#include "workspace/workspacecomparison.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

namespace gitops {
class WorkspaceSession;
namespace git {
class RepositoryWorker;
}
} // namespace gitops

namespace gitops::history {

/// The cluster's side as a WorkspaceSession last compared it: the live objects by identity
/// and what the comparison needs besides them. A plain value, copied to the worker thread.
struct LiveEvidence
{
    QHash<manifest::ResourceId, QJsonObject> objects;
    /// The context, refused lists and health rules, as the session's comparison uses them.
    WorkspaceComparison comparison;
    /// The context's namespace, for manifests that name none ("" means `default`).
    QString contextNamespace;
    /// What the cluster serves, for the scope of kinds git holds no CRD for; may be null.
    std::shared_ptr<const kube::DiscoveryInfo> discovery;

    /// What @p session compares with now. Empty objects until its first list completes.
    static LiveEvidence of(const WorkspaceSession &session);

    /// @p state alone as a DesiredState, its namespaces resolved as the session resolves
    /// them against this cluster (the context's namespace, the kinds it serves as
    /// cluster-scoped): what compareWorkspace() takes beside objects.
    DesiredState resolved(const AppDesiredState &state) const;
};

/// How a commit's desired state relates to what runs.
enum class LiveMatch {
    Exact, ///< every field the applier owns is as the commit says, nothing missing or extra
    Closest, ///< no commit matches; this one differs least, and agrees in at least as many fields
             ///< as differ
    None, ///< nothing among the commits compared resembles what runs
};

/// "exact", "closest", "none" (the CLI's JSON).
QString liveMatchName(LiveMatch match);

/// One live object of the app and the commit whose desired state of it is live.
struct ResourceLiveCommit
{
    manifest::ResourceId id;
    LiveMatch match = LiveMatch::None;
    QString commit; ///< the nearest exact commit, or the closest one; "" for None
    int differences = 0; ///< Closest: fields that differ at that commit
};

/// One commit compared: how far its desired state is from live.
struct CommitComparison
{
    QString commit;
    /// Fields that differ; each missing or extra object counts as one.
    int differences = 0;
    /// Fields git sets that agree with live.
    int agreeing = 0;
    /// The app could not be rendered at this commit (then the numbers mean nothing).
    QString error;
};

/// A deployment a controller recorded.
struct Deployment
{
    QString revision; ///< as the controller wrote it: a commit id, or "main@sha1:<id>"
    QString commit; ///< the full id in this repository; "" when it names no commit here
    /// The commit of the app's history whose inputs that commit has (a controller records
    /// the branch tip it synced, usually not a commit that changed the app); "" if none of
    /// those compared.
    QString appCommit;
    QDateTime deployedAt; ///< invalid when unsaid
    QString initiatedBy; ///< "alice", "automated", or ""
};

/// What the app's controller says it deployed: Argo CD's Application status.sync.revision
/// and status.history, or Flux's Kustomization status.lastAppliedRevision and status.history.
struct ControllerRecord
{
    QString definition; ///< "Application argocd/shop", "Kustomization flux-system/shop"
    Deployment current; ///< revision empty when the controller has not synced yet
    QList<Deployment> history; ///< newest first
};

/// Which commit the cluster runs for one app, by content: the live objects against the
/// app's desired state at its recent commits, compared as the drift engine compares (the
/// fields the applier owns), with what the controller says beside it. A plain value.
struct LiveCommit
{
    LiveMatch match = LiveMatch::None;
    QString commit; ///< Exact: the nearest matching commit; Closest: the closest one
    int differences = 0; ///< Closest: fields that differ at that commit
    /// The commits compared, nearest first (the search stops at the first exact one).
    QList<CommitComparison> commits;
    /// How many commits of the app's history were candidates (the last K, or all it has).
    int candidates = 0;
    /// The app's history has more commits than were candidates.
    bool moreHistory = false;
    QList<ResourceLiveCommit> resources;
    std::optional<ControllerRecord> controller;
    /// When the controller's record and the content disagree, what each says; else "".
    QString disagreement;
    /// Live objects the comparison could not see (a list the server refused).
    int unknownResources = 0;
    /// Commits that could not be rendered, and other things the user should know.
    QStringList problems;

    /// What the controller recorded, by the commit of the app's history it deployed
    /// (Deployment::appCommit; the newest record of each).
    QHash<QString, Deployment> deploymentsByAppCommit() const;
};

/// What to find: the app, where its history starts, how far back, and live.
struct LiveCommitQuestion
{
    App app;
    QString from = QStringLiteral("HEAD");
    int limit = 200; ///< K: the most commits compared
    LiveEvidence evidence;
};

/// Compares live with one app's desired state at candidate commits. Desired states come
/// from an AppStateReader (cached by the git ids of the app's inputs), and each resource's
/// verdict is kept by a hash of what the comparison reads from git (the resource's desired
/// object and the app's rules for it): a resource that is the same at many commits is
/// compared once, and a commit whose resources all have known verdicts costs hashing only.
/// Borrows the repository; use on its thread (a RepositoryWorker job).
class LiveCommitFinder
{
public:
    LiveCommitFinder(const git::Repository &repository, App app, LiveEvidence evidence);

    /// Compares @p candidates (the app's history, nearest first) until one matches exactly,
    /// checking @p control between commits; stopped, it returns what it found so far with a
    /// problem saying so.
    std::variant<LiveCommit, QString> find(const QList<HistoryEntry> &candidates,
                                           const git::JobControl &control = {});

    AppStateReader &reader() { return m_reader; }

private:
    /// One resource's comparison at one content, counted for the ranking.
    struct Verdict
    {
        int differences = 0;
        int agreeing = 0;
        bool synced = false;
        bool unknown = false;
    };
    /// The last content of a resource and its key, so that an unchanged object (shared
    /// with the previous commit's) is not hashed again.
    struct LastSeen
    {
        QJsonObject object;
        QByteArray rules;
        QByteArray key;
    };
    struct Evaluation;

    Evaluation evaluate(const AppDesiredState &state);
    /// The controller's record, its commits resolved and mapped onto the candidates.
    void readController(LiveCommit &result, const QList<HistoryEntry> &candidates,
                        const QList<QStringList> &pathsAt, QString *error);
    /// The git ids of the app's inputs at @p commitId, joined: equal keys, equal renders.
    std::optional<QString> inputKey(const QString &commitId, const QStringList &paths,
                                    QString *error);

    const git::Repository &m_repository;
    App m_app;
    LiveEvidence m_evidence;
    AppStateReader m_reader;
    AppHistory m_history;
    QHash<QByteArray, Verdict> m_verdicts; // hash of what is compared -> verdict
    QHash<manifest::ResourceId, LastSeen> m_lastSeen;
    QList<manifest::ResourceId> m_tracked; // live objects the app's tracking marks
    drift::ComparisonOptions m_options;
};

/// The app's history from question.from and the live commit among its last K commits.
/// Synchronous: run it as a RepositoryWorker job (see the overload).
std::variant<LiveCommit, QString> findLiveCommit(const git::Repository &repository,
                                                 const LiveCommitQuestion &question,
                                                 const git::JobControl &control = {});

/// The same as a job on @p worker: the future ends with the result, or cancelled; its
/// progress counts the commits compared. Call from any thread; the work runs on the worker's.
QFuture<std::variant<LiveCommit, QString>> findLiveCommit(git::RepositoryWorker &worker,
                                                          LiveCommitQuestion question);

/// What the controller of @p app says it deployed, from its Argo CD Application or Flux
/// Kustomization among @p objects (live objects by identity); nullopt when none is there.
/// Commit ids are as written: find() resolves them. Pure.
std::optional<ControllerRecord>
controllerRecordOf(const App &app, const QHash<manifest::ResourceId, QJsonObject> &objects);

} // namespace gitops::history
