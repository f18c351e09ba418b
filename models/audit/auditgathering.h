#pragma once

#include "audit/auditlog.h"
#include "audit/clusterauditreader.h"
#include "audit/kubeauditfile.h"
#include "drift/workspacedrift.h"
#include "forge/forgeremote.h"
#include "forge/pullrequest.h"
#include "git/repository.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace gitops::forge {
class ForgeClient;
class ForgeProbe;
class TokenStore;
} // namespace gitops::forge

namespace gitops::audit {

/// One app's live side as the audit reads it: its objects, and those git holds that the
/// cluster does not (who deleted them is in the audit log, if anywhere). A plain value.
struct LiveAppObjects
{
    QString name;
    QList<QJsonObject> objects;
    QList<manifest::ResourceId> absent;
};

/// What a comparison says the audit of its apps must read of the cluster. A plain value.
struct AuditScope
{
    QList<LiveAppObjects> apps;
    QStringList namespaces; ///< where the apps' objects live: their Events are read there
    QSet<QString> kinds; ///< "GROUP/Kind" of every object, for their plurals
};

/// The scope of @p snapshot's apps (of @p app alone when it is not empty). Pure.
AuditScope auditScope(const drift::WorkspaceDrift &snapshot, const QString &app = {});

/// The git side of an audit and how much of it to read. A plain value.
struct AuditRequest
{
    QString revision = QStringLiteral("HEAD");
    QString auditLogFile; ///< empty: none
    int maxCommits = 1000;
};

/// Everything read for an audit but the forge's answers: each app's inputs, and the audit
/// log file's scan. A plain value.
struct AuditGathering
{
    QString error; ///< the audit cannot be made (git, the file); nothing else is then set
    QList<AuditInputs> inputs; ///< one per app, joined once the forge has answered
    QString remote; ///< the repository's first remote: its forge says what was reviewed
    QStringList notes;
    bool scanned = false;
    KubeAuditScan scan; ///< the file's counts; its records moved into the apps' inputs
    qint64 kept = 0; ///< writes to the apps' objects the file holds
    QString auditLogFile;

    /// The commits of every app, each once, for the forge.
    QStringList commitIds() const;
    /// Those of them that carry a signature: the forge is asked whether it verifies them.
    QStringList signedCommitIds() const;
    /// "audit log FILE: N lines read, M writes to the apps' objects kept[, K malformed lines
    /// skipped (line ...)]", or "" when no file was read.
    QString scanNote() const;
};

/// The git side and the audit-log file for @p scope: the desired state at the revision names
/// the apps (with the cluster's definitions of @p sources), their histories give the
/// commits, one pass over the file gives the writes to every app's objects. Synchronous:
/// uses @p repository on the caller's thread (a RepositoryWorker job, or the CLI's thread).
AuditGathering gatherAudit(const git::Repository &repository, const AuditRequest &request,
                           const QList<LiveAppObjects> &apps, const ClusterAuditSources &sources);

/// The apps' logs joined with the forge's @p pullRequests (commit id -> its pull requests)
/// and @p forgeNote, merged newest first, then @p filter applied. Pure; any thread.
/// What a forge said of the signatures of some commits. A plain value.
struct CommitVerifications
{
    QString forge; ///< "GitHub", "GitLab", "Gitea"
    QHash<QString, forge::CommitVerification> bySha;
};

AuditLog joinGathered(const AuditGathering &gathering,
                      const QHash<QString, QList<forge::PullRequest>> &pullRequests,
                      const QString &forgeNote, const AuditFilter &filter = {},
                      const CommitVerifications &verifications = {});

/// Which pull requests the forge names for each commit: the forge of the remote (probed when
/// its host is not a well-known one), a token from the keychain or the environment, then one
/// question per commit, a few at a time; each merged pull request is then read once more for
/// who opened, approved and merged it (ForgeClient::readReviews()), and each commit named by
/// checkSignatures() for what the forge says of its signature. Without a forge or a token every
/// commit's review stays unknown, and the note says why. Calls back once, on its thread; destroying
/// it before then cancels (no call back).
class CommitReviewLookup : public QObject
{
public:
    using Done =
        std::function<void(const QHash<QString, QList<forge::PullRequest>> &, const QString &note)>;

    explicit CommitReviewLookup(QObject *parent = nullptr);
    ~CommitReviewLookup() override;

    /// Commits whose signature the forge is asked to verify; before ask().
    void checkSignatures(const QStringList &signedCommits) { m_signed = signedCommits; }
    void ask(const QString &remoteUrl, const QStringList &commits, Done done);
    /// What the forge said of the signatures, complete once Done was called.
    CommitVerifications verifications() const { return m_verifications; }

private:
    void withForge(const forge::ForgeRemote &remote);
    void next();
    void enrich(const QString &sha, QList<forge::PullRequest> pulls);
    void verifyNext();
    void finishIfDone();
    void finish(const QString &note);

    QStringList m_commits;
    Done m_done;
    forge::ForgeRemote m_remote;
    std::unique_ptr<forge::ForgeProbe> m_probe;
    std::unique_ptr<forge::TokenStore> m_tokens;
    std::unique_ptr<forge::ForgeClient> m_client;
    QHash<QString, QList<forge::PullRequest>> m_pulls;
    QString m_problem;
    QHash<int, forge::PullRequest> m_reviewed; ///< merged pull requests read once, by number
    QStringList m_signed;
    CommitVerifications m_verifications;
    qsizetype m_next = 0;
    qsizetype m_nextSigned = 0;
    int m_asking = 0;
    bool m_finished = false;
};

} // namespace gitops::audit
