#include "changesubmission.h"

#include "forge/changebranch.h"
#include "forge/forgeclient.h"
#include "forge/forgeconnection.h"
#include "forge/forgeremote.h"
#include "git/commitbuilder.h"
#include "git/libgit2.h"
#include "git/remote.h"
#include "git/repository.h"
#include "git/repositoryworker.h"
#include "workspace/workspacefile.h"

#include <QFutureWatcher>
#include <QRegularExpression>
#include <QTimer>

#include <functional>

namespace gitops::change {

namespace {

/// What the fetch step learns: the target branch and its tip, the remote's URL (for the
/// forge) and whether the change's branch is on the remote already (a retry).
struct FetchOutcome
{
    QString targetBranch;
    QString tip;
    QString remoteUrl;
    QString remoteBranchTip; ///< the change's branch on the remote, "" when absent
    QList<forge::ForgeHost> forges; ///< what the target's gitops-console.yaml names
};

/// The per-host forges of the workspace file in commit @p commitId (README, "Workspace
/// file"): none when it has no file; a message naming its line when the list is broken.
std::variant<QList<forge::ForgeHost>, QString> workspaceForgesAt(const git::Repository &repository,
                                                                 const QString &commitId)
{
    const auto ids = repository.entryIds(commitId, {workspaceFileName()});
    if (const auto *error = std::get_if<QString>(&ids))
        return *error;
    const QString blobId = std::get<QStringList>(ids).value(0);
    if (blobId.isEmpty())
        return QList<forge::ForgeHost>();
    const auto bytes = repository.read(git::TreeFile{workspaceFileName(), blobId, {}, false});
    if (const auto *error = std::get_if<QString>(&bytes))
        return *error;
    auto forges = parseWorkspaceForges(std::get<QByteArray>(bytes));
    if (const auto *note = std::get_if<manifest::SourceNote>(&forges))
        return note->toString();
    return std::get<QList<forge::ForgeHost>>(forges);
}

/// What the commit step made, with the files it changes (also when the branch already
/// held this very commit).
struct CommitOutcome
{
    git::CommitResult commit;
    QStringList files;
    QString base; ///< when the branch held the change already: the commit it was made on
};

struct CommitFailure
{
    QString message;
    QStringList conflicts = {};
};

void configure(git::Remote &remote, const git::JobControl &control, const QString &knownHosts,
               const std::optional<git::HttpsCredential> &fallback = std::nullopt)
{
    remote.setFallbackCredential(fallback);
    remote.setStopPredicate(control.stopPredicate());
    remote.setProgressHandler([&control](const git::TransferProgress &step) {
        const QString text = step.stage == git::TransferProgress::Stage::Receiving
            ? QStringLiteral("receiving objects: %1/%2, %3 bytes")
            : QStringLiteral("sending objects: %1/%2, %3 bytes");
        control.reportProgress(step.objects, step.totalObjects,
                               text.arg(step.objects).arg(step.totalObjects).arg(step.bytes));
    });
    if (!knownHosts.isEmpty())
        remote.setKnownHostsFile(knownHosts);
}

/// The paths that differ between commit @p id and @p baseId (default: its first parent),
/// sorted.
QStringList filesOf(git_repository *repository, const QString &id, const QString &baseId = {})
{
    git_oid oid;
    const QByteArray hex = id.toLatin1();
    if (git_oid_fromstr(&oid, hex.constData()) < 0)
        return {};
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, repository, &oid) < 0)
        return {};
    const git::CommitHandle commit(rawCommit);
    git_tree *rawAfter = nullptr;
    if (git_commit_tree(&rawAfter, commit.get()) < 0)
        return {};
    const git::TreeHandle after(rawAfter);
    git::TreeHandle before;
    git_commit *rawParent = nullptr;
    git_oid baseOid;
    const QByteArray baseHex = baseId.toLatin1();
    if (!baseId.isEmpty()) {
        if (git_oid_fromstr(&baseOid, baseHex.constData()) == 0
            && git_commit_lookup(&rawParent, repository, &baseOid) == 0) {
            const git::CommitHandle parent(rawParent);
            git_tree *rawBefore = nullptr;
            if (git_commit_tree(&rawBefore, parent.get()) == 0)
                before.reset(rawBefore);
        }
    } else if (git_commit_parentcount(commit.get()) > 0
               && git_commit_parent(&rawParent, commit.get(), 0) == 0) {
        const git::CommitHandle parent(rawParent);
        git_tree *rawBefore = nullptr;
        if (git_commit_tree(&rawBefore, parent.get()) == 0)
            before.reset(rawBefore);
    }
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, repository, before.get(), after.get(), nullptr) < 0)
        return {};
    std::unique_ptr<git_diff, decltype(&git_diff_free)> diff(rawDiff, git_diff_free);
    QStringList paths;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        paths << QString::fromUtf8(delta->new_file.path);
        if (qstrcmp(delta->old_file.path, delta->new_file.path) != 0)
            paths << QString::fromUtf8(delta->old_file.path);
    }
    paths.sort();
    paths.removeDuplicates();
    return paths;
}

/// Points the local branch @p branch at @p commitId, the change's branch on the remote,
/// when it does not exist yet (the change was made elsewhere, or the local branch deleted)
/// or is behind it (a reviewer pushed onto it): the commit step then finds the change
/// instead of making one that could not be pushed over the remote's. A checked-out branch
/// is never moved.
void adoptRemoteBranch(git::Repository &repository, const QString &branch, const QString &commitId)
{
    if (repository.currentBranch() == branch)
        return;
    git_repository *handle = repository.handle();
    git_oid oid;
    const QByteArray hex = commitId.toLatin1();
    if (git_oid_fromstr(&oid, hex.constData()) < 0)
        return;
    const QByteArray ref = "refs/heads/" + branch.toUtf8();
    git_oid existing;
    if (git_reference_name_to_id(&existing, handle, ref.constData()) == 0) {
        if (git_oid_equal(&existing, &oid) || git_graph_descendant_of(handle, &oid, &existing) != 1)
            return;
        git_reference *moved = nullptr;
        if (git_reference_create(&moved, handle, ref.constData(), &oid, 1,
                                 "gitops-console: the change's branch as the remote has it")
            == 0)
            git_reference_free(moved);
        return;
    }
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, handle, &oid) < 0)
        return;
    const git::CommitHandle commit(rawCommit);
    git_reference *created = nullptr;
    const QByteArray name = branch.toUtf8();
    if (git_branch_create(&created, handle, name.constData(), commit.get(), 0) == 0)
        git_reference_free(created);
}

/// The commit @p branch points at when it already holds @p request's file edits (every
/// written file with those bytes, every removed one gone); "" otherwise, and for restores
/// and reverts, which depend on their base.
QString heldChange(git::Repository &repository, const QString &branch,
                   const SubmissionRequest &request)
{
    if (!request.restoredFolders.isEmpty() || !request.revertedCommits.isEmpty())
        return {};
    const QByteArray ref = "refs/heads/" + branch.toUtf8();
    git_oid tip;
    if (git_reference_name_to_id(&tip, repository.handle(), ref.constData()) < 0)
        return {};
    const QString tipId = git::oidToString(tip);
    QStringList paths = request.draft.files.keys();
    paths += request.removedFiles;
    const auto held = repository.entryIds(tipId, paths);
    if (!std::holds_alternative<QStringList>(held))
        return {};
    const QStringList ids = std::get<QStringList>(held);
    qsizetype i = 0;
    for (auto it = request.draft.files.cbegin(); it != request.draft.files.cend(); ++it, ++i) {
        git_oid blob;
        if (git_odb_hash(&blob, it.value().constData(), size_t(it.value().size()), GIT_OBJECT_BLOB)
                < 0
            || ids.value(i) != git::oidToString(blob))
            return {};
    }
    for (; i < ids.size(); ++i) {
        if (!ids.at(i).isEmpty())
            return {};
    }
    return tipId;
}

/// Fetches @p branch (empty: the remote's default) through @p transfer.
std::variant<FetchedTarget, git::RemoteError> fetchTargetNow(git::Repository &repository,
                                                             git::Remote &transfer,
                                                             const QString &remote,
                                                             const QString &branch)
{
    FetchedTarget target;
    target.branch = branch;
    if (target.branch.isEmpty()) {
        auto found = transfer.defaultBranch();
        if (auto *error = std::get_if<git::RemoteError>(&found))
            return *error;
        target.branch = std::get<QString>(found);
    }
    auto fetched = transfer.fetch(target.branch);
    if (auto *error = std::get_if<git::RemoteError>(&fetched))
        return *error;
    target.tip = std::get<git::FetchResult>(fetched).commitId;
    git_remote *raw = nullptr;
    const QByteArray name = remote.toUtf8();
    if (git_remote_lookup(&raw, repository.handle(), name.constData()) == 0) {
        const git::RemoteHandle handle(raw);
        target.remoteUrl = QString::fromUtf8(git_remote_url(handle.get()));
    }
    return target;
}

} // namespace

QFuture<std::variant<FetchedTarget, git::RemoteError>> fetchTarget(git::RepositoryWorker &worker,
                                                                   const QString &remote,
                                                                   const QString &branch,
                                                                   const QString &knownHostsFile)
{
    using R = std::variant<FetchedTarget, git::RemoteError>;
    return worker.run<R>([=](git::Repository &repository, const git::JobControl &control) -> R {
        git::Remote transfer(repository, remote);
        configure(transfer, control, knownHostsFile);
        return fetchTargetNow(repository, transfer, remote, branch);
    });
}

class ChangeSubmission::Private
{
public:
    explicit Private(ChangeSubmission *q)
        : q(q)
    { }

    void fail(SubmissionStep step, const QString &error);
    void finish();
    void cancelCurrent();
    void dropForge();

    void fetch();
    /// The fetch met an HTTPS remote that git's credential helpers have nothing for: a forge
    /// token for its host (the same chain as the pull request's) is tried instead.
    void fetchWithForgeToken(const git::RemoteError &refused);
    void connectForge(forge::ForgeConnection::Callback done);
    void commit(const FetchOutcome &fetched);
    void push();
    void openPullRequest();

    /// Runs @p future on the worker and hands its one result to @p done on this thread; a
    /// future without a result (cancelled) finishes the submission as cancelled.
    template<typename R>
    void watch(QFuture<R> future, std::function<void(const R &)> done)
    {
        auto *watcher = new QFutureWatcher<R>(q);
        m_watcher = watcher;
        QObject::connect(
            watcher, &QFutureWatcherBase::progressValueChanged, q, [this, watcher](int value) {
                Q_EMIT q->progress(value, watcher->progressMaximum(), watcher->progressText());
            });
        QObject::connect(watcher, &QFutureWatcherBase::finished, q, [this, watcher, done] {
            watcher->deleteLater();
            if (m_watcher != watcher)
                return; // cancelled and finished already
            m_watcher = nullptr;
            if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
                m_result.cancelled = true;
                finish();
                return;
            }
            done(watcher->result());
        });
        watcher->setFuture(future);
        m_cancel = [future]() mutable { future.cancel(); };
    }

    ChangeSubmission *q;
    std::shared_ptr<git::RepositoryWorker> m_worker;
    SubmissionRequest m_request;
    SubmissionResult m_result;
    QString m_targetBranch;
    QString m_remoteUrl;
    QString m_remoteBranchTip; ///< the change's branch on the remote when fetched
    /// A forge token for an HTTPS remote that git's credential helpers know nothing of;
    /// this run's only
    std::optional<git::HttpsCredential> m_httpsToken;
    bool m_running = false;
    bool m_cancelRequested = false;
    QObject *m_watcher = nullptr;
    std::function<void()> m_cancel;

    QList<forge::ForgeHost> m_givenHosts; ///< setForgeHosts()
    QList<forge::ForgeHost> m_hosts; ///< this run's: given, then the target's workspace file
    QHash<QString, QByteArray> m_sessionTokens; ///< by host, lower case; never stored
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    bool m_useKeychain = true;
    int m_forgeTimeoutMs = 30000;
    std::unique_ptr<forge::ForgeConnection> m_forge;
};

ChangeSubmission::ChangeSubmission(std::shared_ptr<git::RepositoryWorker> worker, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    d->m_worker = std::move(worker);
}

ChangeSubmission::~ChangeSubmission()
{
    // A job still on the worker ends there on its own; its future is cancelled so that a
    // transfer stops at its next check.
    d->cancelCurrent();
    d->m_forge.reset();
}

void ChangeSubmission::setForgeHosts(const QList<forge::ForgeHost> &hosts)
{
    d->m_givenHosts = hosts;
}

void ChangeSubmission::setTokenSource(const QProcessEnvironment &environment, bool useKeychain)
{
    d->m_environment = environment;
    d->m_useKeychain = useKeychain;
}

void ChangeSubmission::setSessionToken(const QString &host, const QByteArray &token)
{
    d->m_sessionTokens.insert(host.toLower(), token);
}

void ChangeSubmission::setForgeTimeout(int milliseconds)
{
    d->m_forgeTimeoutMs = milliseconds;
}

bool ChangeSubmission::isRunning() const
{
    return d->m_running;
}

QString ChangeSubmission::stepName(SubmissionStep step)
{
    switch (step) {
    case SubmissionStep::Fetch:
        return tr("fetch");
    case SubmissionStep::Commit:
        return tr("commit");
    case SubmissionStep::Push:
        return tr("push");
    case SubmissionStep::PullRequest:
        return tr("pull request");
    }
    return {};
}

QString ChangeSubmission::problemOf(const SubmissionRequest &request)
{
    const bool edits = !request.draft.files.isEmpty() || !request.removedFiles.isEmpty()
        || !request.restoredFolders.isEmpty();
    if (!edits && request.revertedCommits.isEmpty())
        return tr("the change is empty: it edits, removes, restores and reverts nothing");
    if (edits && !request.revertedCommits.isEmpty())
        return tr("a change either edits files or reverts commits, not both");
    if (!request.restoredFolders.isEmpty() && request.restoreRevision.isEmpty())
        return tr("restoring %1 needs the revision to restore from")
            .arg(request.restoredFolders.join(QStringLiteral(", ")));
    if (request.revertedCommits.isEmpty() && request.title.trimmed().isEmpty())
        return tr("the change needs a title (the commit's subject and the pull request's)");
    if (request.app.trimmed().isEmpty() && request.branch.isEmpty())
        return tr("the change names no app, so it has no branch name; give one");
    return {};
}

QString ChangeSubmission::branchFor(const SubmissionRequest &request)
{
    if (!request.branch.isEmpty())
        return request.branch;
    // The change's content in a stable order, each part framed so that no two changes
    // read alike: the target, then every edit.
    QByteArray content;
    const auto part = [&content](const QByteArray &kind, const QByteArray &bytes) {
        content += kind + ' ' + QByteArray::number(bytes.size()) + '\n' + bytes + '\n';
    };
    part("target", request.targetBranch.toUtf8());
    for (auto it = request.draft.files.cbegin(); it != request.draft.files.cend(); ++it) {
        part("write", it.key().toUtf8());
        part("bytes", it.value());
    }
    QStringList removed = request.removedFiles;
    removed.sort();
    for (const QString &path : std::as_const(removed))
        part("remove", path.toUtf8());
    QStringList restored = request.restoredFolders;
    restored.sort();
    for (const QString &folder : std::as_const(restored))
        part("restore", folder.toUtf8() + '@' + request.restoreRevision.toUtf8());
    for (const QString &commit : request.revertedCommits)
        part("revert", commit.toUtf8());
    return forge::changeBranchName(request.app, content);
}

void ChangeSubmission::start(const SubmissionRequest &request)
{
    if (d->m_running) {
        SubmissionResult refused;
        refused.error = tr("a change is being submitted already; wait for it or cancel it");
        Q_EMIT finished(refused);
        return;
    }
    d->m_request = request;
    d->m_result = {};
    d->m_targetBranch = request.targetBranch;
    d->m_remoteUrl.clear();
    d->m_httpsToken.reset();
    d->m_cancelRequested = false;
    d->m_running = true;
    d->dropForge();
    if (const QString problem = problemOf(request); !problem.isEmpty()) {
        // Said after start() returns, as every other outcome is.
        QTimer::singleShot(0, this, [this, problem] { d->fail(SubmissionStep::Commit, problem); });
        return;
    }
    d->m_result.branch = branchFor(request);
    if (!d->m_worker) {
        QTimer::singleShot(0, this, [this] {
            d->fail(SubmissionStep::Fetch, tr("no repository to submit the change from"));
        });
        return;
    }
    d->fetch();
}

void ChangeSubmission::cancel()
{
    if (!d->m_running || d->m_cancelRequested)
        return;
    d->m_cancelRequested = true;
    // Whatever runs stops at its next check; the submission ends now. A job still on the
    // worker finishes before any later one starts, so a retry never overtakes it.
    d->cancelCurrent();
    d->m_result.cancelled = true;
    QTimer::singleShot(0, this, [this] {
        if (d->m_running)
            d->finish();
    });
}

void ChangeSubmission::Private::cancelCurrent()
{
    m_watcher = nullptr;
    if (m_cancel)
        m_cancel();
    m_cancel = {};
    dropForge();
}

void ChangeSubmission::Private::dropForge()
{
    // Later, not now: this may run inside one of its callbacks. Its answers still to come
    // find it is no longer m_forge and are dropped.
    if (m_forge)
        m_forge.release()->deleteLater();
}

void ChangeSubmission::Private::fail(SubmissionStep step, const QString &error)
{
    m_result.failedStep = step;
    m_result.error = error;
    finish();
}

void ChangeSubmission::Private::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_cancel = {};
    m_watcher = nullptr;
    const SubmissionResult result = m_result;
    Q_EMIT q->finished(result);
}

void ChangeSubmission::Private::fetch()
{
    const QString remote = m_request.remote;
    const QString target = m_request.targetBranch;
    const QString branch = m_result.branch;
    const QString knownHosts = m_request.knownHostsFile;
    const std::optional<git::HttpsCredential> token = m_httpsToken;
    using R = std::variant<FetchOutcome, git::RemoteError>;
    auto future =
        m_worker->run<R>([=](git::Repository &repository, const git::JobControl &control) -> R {
            git::Remote transfer(repository, remote);
            configure(transfer, control, knownHosts, token);
            auto fetched = fetchTargetNow(repository, transfer, remote, target);
            if (auto *error = std::get_if<git::RemoteError>(&fetched))
                return *error;
            FetchOutcome outcome;
            outcome.targetBranch = std::get<FetchedTarget>(fetched).branch;
            outcome.tip = std::get<FetchedTarget>(fetched).tip;
            outcome.remoteUrl = std::get<FetchedTarget>(fetched).remoteUrl;
            auto forges = workspaceForgesAt(repository, outcome.tip);
            if (const auto *problem = std::get_if<QString>(&forges))
                return git::RemoteError{
                    QStringLiteral("the forges listed in %1 on %2 do not read, so nothing was "
                                   "written: %3")
                        .arg(workspaceFileName(), outcome.targetBranch, *problem),
                    std::nullopt, false};
            outcome.forges = std::get<QList<forge::ForgeHost>>(forges);
            if (control.stopRequested())
                return git::RemoteError{QStringLiteral("cancelled"), std::nullopt, true};
            // A retry: the change's branch may be on the remote already. Absent is the usual
            // answer; any other trouble with the remote shows again when pushing.
            if (branch != outcome.targetBranch) {
                auto existing = transfer.fetch(branch);
                if (const auto *result = std::get_if<git::FetchResult>(&existing))
                    outcome.remoteBranchTip = result->commitId;
                else if (std::get<git::RemoteError>(existing).cancelled)
                    return std::get<git::RemoteError>(existing);
            }
            return outcome;
        });
    watch<R>(future, [this](const R &answer) {
        if (const auto *error = std::get_if<git::RemoteError>(&answer)) {
            if (error->cancelled) {
                m_result.cancelled = true;
                finish();
                return;
            }
            if (error->credentialsMissing && !m_httpsToken) {
                fetchWithForgeToken(*error);
                return;
            }
            m_result.refusedHostKey = error->hostKey;
            fail(SubmissionStep::Fetch, error->message);
            return;
        }
        commit(std::get<FetchOutcome>(answer));
    });
    // After watch(): a slot that cancels at once finds the job to cancel.
    Q_EMIT q->stepStarted(SubmissionStep::Fetch,
                          target.isEmpty() ? tr("Fetching the default branch of %1").arg(remote)
                                           : tr("Fetching %1 from %2").arg(target, remote));
}

void ChangeSubmission::Private::connectForge(forge::ForgeConnection::Callback done)
{
    dropForge();
    m_forge = std::make_unique<forge::ForgeConnection>();
    m_forge->setHosts(m_hosts);
    m_forge->setTokenSource(m_environment, m_useKeychain);
    m_forge->setSessionTokens(m_sessionTokens);
    m_forge->setTimeout(m_forgeTimeoutMs);
    forge::ForgeConnection *connection = m_forge.get();
    connection->connectTo(m_remoteUrl, connection,
                          [this, connection, done](const forge::ForgeConnectionResult &found) {
                              if (m_forge.get() == connection)
                                  done(found);
                          });
}

void ChangeSubmission::Private::fetchWithForgeToken(const git::RemoteError &refused)
{
    // The target's gitops-console.yaml cannot be read yet: the caller's forges only.
    m_hosts = m_givenHosts;
    m_remoteUrl = refused.url;
    Q_EMIT q->stepStarted(SubmissionStep::Fetch,
                          tr("git's credential helpers have nothing for %1: asking for a forge "
                             "token instead")
                              .arg(refused.url));
    if (m_cancelRequested)
        return; // cancel() finishes
    connectForge([this, refused](const forge::ForgeConnectionResult &found) {
        if (!found.connected()) {
            if (found.problem == forge::ForgeConnectionResult::Problem::NoToken) {
                m_result.tokenHost = found.remote.host();
                m_result.tokenForge = found.remote.type();
            }
            fail(SubmissionStep::Fetch,
                 tr("%1; nor is there a forge token for it: %2").arg(refused.message, found.error));
            return;
        }
        const auto [user, password] = found.client->gitCredential();
        m_httpsToken = git::HttpsCredential{user, QString::fromUtf8(password), found.tokenSource};
        dropForge();
        fetch();
    });
}

void ChangeSubmission::Private::commit(const FetchOutcome &fetched)
{
    m_targetBranch = fetched.targetBranch;
    m_remoteUrl = fetched.remoteUrl;
    m_remoteBranchTip = fetched.remoteBranchTip;
    // The caller's entries, then the target's own gitops-console.yaml; the forge
    // connection puts the user's settings before both.
    m_hosts = m_givenHosts + fetched.forges;
    m_result.baseCommit = fetched.tip;
    if (m_result.branch == m_targetBranch) {
        fail(SubmissionStep::Commit,
             tr("the change's branch %1 is the branch it is for; choose another name")
                 .arg(m_result.branch));
        return;
    }
    const SubmissionRequest request = m_request;
    const QString branch = m_result.branch;
    using R = std::variant<CommitOutcome, CommitFailure>;
    auto future = m_worker->run<R>([request, branch, fetched](git::Repository &repository,
                                                              const git::JobControl &control) -> R {
        if (control.stopRequested())
            return CommitFailure{QStringLiteral("cancelled"), {}};
        // The target moved on since the draft was read: the files it touches must be as
        // they were, else the draft would undo what came in meanwhile.
        if (!request.draftBase.isEmpty() && request.draftBase != fetched.tip) {
            auto base = repository.resolve(request.draftBase);
            if (const auto *error = std::get_if<QString>(&base))
                return CommitFailure{*error, {}};
            QStringList paths = request.draft.files.keys();
            paths += request.removedFiles;
            const auto before = repository.entryIds(std::get<git::Revision>(base).commitId, paths);
            const auto after = repository.entryIds(fetched.tip, paths);
            if (const auto *error = std::get_if<QString>(&before))
                return CommitFailure{*error, {}};
            if (const auto *error = std::get_if<QString>(&after))
                return CommitFailure{*error, {}};
            QStringList changed;
            for (qsizetype i = 0; i < paths.size(); ++i) {
                if (std::get<QStringList>(before).value(i) != std::get<QStringList>(after).value(i))
                    changed << paths.at(i);
            }
            if (!changed.isEmpty()) {
                changed.sort();
                return CommitFailure{
                    QStringLiteral("%1 changed on %2 since the edit began; edit it again from "
                                   "the new tip (%3)")
                        .arg(changed.join(QStringLiteral(", ")), fetched.targetBranch,
                             fetched.tip.left(12)),
                    changed};
            }
        }
        if (!fetched.remoteBranchTip.isEmpty())
            adoptRemoteBranch(repository, branch, fetched.remoteBranchTip);
        // The branch holds this change already, made on an older tip of the target (which
        // moved since): it stands, and so does its pull request.
        if (const QString held = heldChange(repository, branch, request); !held.isEmpty()) {
            CommitOutcome outcome;
            outcome.commit.commitId = held;
            outcome.commit.branch = branch;
            outcome.commit.alreadyThere = true;
            // Made on the target's tip of then: where the branch leaves the target's history
            // (a reviewer's commits on top count as the change's).
            git_oid heldOid, tipOid, baseOid;
            const QByteArray heldHex = held.toLatin1();
            const QByteArray tipHex = fetched.tip.toLatin1();
            if (git_oid_fromstr(&heldOid, heldHex.constData()) == 0
                && git_oid_fromstr(&tipOid, tipHex.constData()) == 0
                && git_merge_base(&baseOid, repository.handle(), &heldOid, &tipOid) == 0)
                outcome.base = git::oidToString(baseOid);
            outcome.files = filesOf(repository.handle(), held, outcome.base);
            return outcome;
        }

        std::variant<git::CommitResult, git::CommitError> made;
        if (!request.revertedCommits.isEmpty()) {
            git::RevertRequest revert;
            revert.base = fetched.tip;
            revert.branch = branch;
            revert.commits = request.revertedCommits;
            revert.subject = request.title;
            revert.body = request.body;
            made = git::CommitBuilder(repository).revert(revert);
        } else {
            git::CommitRequest change;
            change.base = fetched.tip;
            change.branch = branch;
            change.subject = request.title.trimmed();
            change.body = request.body;
            for (auto it = request.draft.files.cbegin(); it != request.draft.files.cend(); ++it)
                change.edits << git::FileEdit::write(it.key(), it.value());
            for (const QString &path : request.removedFiles)
                change.edits << git::FileEdit::remove(path);
            for (const QString &folder : request.restoredFolders)
                change.edits << git::FileEdit::restoreFolder(folder, request.restoreRevision);
            made = git::CommitBuilder(repository).commit(change);
        }
        if (const auto *error = std::get_if<git::CommitError>(&made)) {
            CommitFailure failure{error->message, {}};
            for (const git::FileConflict &conflict : error->conflicts)
                failure.conflicts << conflict.path;
            return failure;
        }
        CommitOutcome outcome;
        outcome.commit = std::get<git::CommitResult>(made);
        outcome.files = outcome.commit.changedPaths.isEmpty()
            ? filesOf(repository.handle(), outcome.commit.commitId)
            : outcome.commit.changedPaths;
        return outcome;
    });
    watch<R>(future, [this](const R &answer) {
        if (m_cancelRequested) {
            m_result.cancelled = true;
            finish();
            return;
        }
        if (const auto *failure = std::get_if<CommitFailure>(&answer)) {
            m_result.conflicts = failure->conflicts;
            fail(SubmissionStep::Commit, failure->message);
            return;
        }
        const CommitOutcome &outcome = std::get<CommitOutcome>(answer);
        m_result.commitId = outcome.commit.commitId;
        m_result.files = outcome.files;
        if (!outcome.base.isEmpty())
            m_result.baseCommit = outcome.base;
        push();
    });
    Q_EMIT q->stepStarted(
        SubmissionStep::Commit,
        tr("Committing on %1 (from %2 at %3)").arg(branch, m_targetBranch, fetched.tip.left(12)));
}

void ChangeSubmission::Private::push()
{
    if (!m_remoteBranchTip.isEmpty() && m_remoteBranchTip == m_result.commitId) {
        // A retry: the remote holds this very commit on the branch already.
        Q_EMIT q->stepStarted(
            SubmissionStep::Push,
            tr("%1 holds %2 already; nothing to push").arg(m_request.remote, m_result.branch));
        if (m_cancelRequested) {
            m_result.cancelled = true;
            finish();
            return;
        }
        openPullRequest();
        return;
    }
    using R = std::variant<git::PushResult, git::RemoteError>;
    auto future = m_worker->push(m_request.remote, m_result.branch, m_targetBranch,
                                 m_request.knownHostsFile, m_httpsToken);
    watch<R>(future, [this](const R &answer) {
        if (const auto *error = std::get_if<git::RemoteError>(&answer)) {
            if (error->cancelled) {
                m_result.cancelled = true;
                finish();
                return;
            }
            m_result.refusedHostKey = error->hostKey;
            fail(SubmissionStep::Push, error->message);
            return;
        }
        const git::PushResult &pushed = std::get<git::PushResult>(answer);
        if (!pushed.succeeded()) {
            QStringList reasons;
            for (const git::RefUpdate &ref : pushed.refs) {
                if (!ref.message.isEmpty())
                    reasons << ref.message;
            }
            if (reasons.isEmpty())
                reasons << tr("%1 did not take %2").arg(m_request.remote, m_result.branch);
            fail(SubmissionStep::Push, reasons.join(u'\n'));
            return;
        }
        if (m_cancelRequested) {
            m_result.cancelled = true;
            finish();
            return;
        }
        openPullRequest();
    });
    Q_EMIT q->stepStarted(SubmissionStep::Push,
                          tr("Pushing %1 to %2").arg(m_result.branch, m_request.remote));
}

void ChangeSubmission::Private::openPullRequest()
{
    const forge::ForgeRemote remote =
        forge::ForgeRemote::fromUrl(m_remoteUrl, forge::configuredForgeHosts(m_hosts));
    if (remote.isValid())
        m_result.compareUrl = remote.compareUrl(m_targetBranch, m_result.branch);
    if (!m_request.openPullRequest) {
        finish();
        return;
    }
    Q_EMIT q->stepStarted(SubmissionStep::PullRequest,
                          tr("Opening the pull request for %1").arg(m_result.branch));
    if (m_cancelRequested)
        return; // cancel() finishes
    connectForge([this](const forge::ForgeConnectionResult &found) {
        forge::ForgeConnection *connection = m_forge.get();
        using Problem = forge::ForgeConnectionResult::Problem;
        if (found.remote.isValid() && m_result.compareUrl.isEmpty())
            m_result.compareUrl = found.remote.compareUrl(m_targetBranch, m_result.branch);
        switch (found.problem) {
        case Problem::NoProject:
            m_result.warning =
                tr("the branch %1 was pushed; %2 is no forge, so no pull request was opened")
                    .arg(m_result.branch, git::Remote::displayUrl(m_remoteUrl));
            finish();
            return;
        case Problem::UnknownForge:
            m_result.warning = found.remote.unknownForgeHint();
            finish();
            return;
        case Problem::NoClient:
            m_result.warning = tr("the branch %1 was pushed; %2").arg(m_result.branch, found.error);
            finish();
            return;
        case Problem::NoToken:
            m_result.tokenHost = found.remote.host();
            m_result.tokenForge = found.remote.type();
            fail(SubmissionStep::PullRequest,
                 tr("the branch %1 was pushed, but %2").arg(m_result.branch, found.error));
            return;
        case Problem::None:
            break;
        }
        QObject::connect(found.client, &forge::ForgeClient::waitingForRateLimit, connection,
                         [this](const QString &host, const QDateTime &until) {
                             Q_EMIT q->progress(
                                 0, 0,
                                 tr("%1 limits requests: waiting until %2")
                                     .arg(host, until.toLocalTime().toString(Qt::ISODate)));
                         });
        forge::PullRequestDraft draft;
        draft.title = m_request.title.trimmed();
        draft.body = m_request.body;
        draft.head = m_result.branch;
        draft.base = m_targetBranch;
        draft.draft = m_request.draftPullRequest;
        draft.labels = m_request.labels;
        draft.reviewers = m_request.reviewers;
        if (draft.title.isEmpty())
            draft.title =
                tr("Revert %1 in %2")
                    .arg(m_request.revertedCommits.join(QStringLiteral(", ")), m_request.app);
        found.client->open(
            draft, connection, [this, connection](const forge::PullRequestResult &opened) {
                if (m_forge.get() != connection)
                    return; // cancelled
                if (opened.error.isError()) {
                    if (opened.error.kind == forge::ForgeError::Kind::BadToken) {
                        m_result.tokenHost = connection->client()->remote().host();
                        m_result.tokenForge = connection->client()->remote().type();
                    }
                    fail(SubmissionStep::PullRequest,
                         tr("the branch %1 was pushed, but the pull request was not opened: %2")
                             .arg(m_result.branch, opened.error.text()));
                    return;
                }
                m_result.pullRequest = opened.pullRequest;
                m_result.pullRequestCreated = opened.created;
                m_result.warning = opened.warning;
                finish();
            });
    });
}

QString targetBranchOf(const QString &targetRevision)
{
    static const QRegularExpression commit(QStringLiteral("^[0-9a-f]{7,40}$"));
    if (targetRevision.isEmpty() || targetRevision == u"HEAD"
        || targetRevision.startsWith(u"refs/tags/") || commit.match(targetRevision).hasMatch())
        return {};
    return targetRevision.startsWith(u"refs/heads/") ? targetRevision.mid(11) : targetRevision;
}

} // namespace gitops::change
