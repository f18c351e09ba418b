#pragma once

#include "git/commitinfo.h"
#include "git/commitrequest.h"
#include "git/commitresult.h"
#include "git/jobcontrol.h"
#include "git/repository.h"
#include "git/revision.h"
#include "git/transfer.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>
#include <type_traits>
#include <variant>

namespace gitops::git {

/// The one owner of an open repository's libgit2 handle: a thread of its own opens the
/// repository, runs typed jobs one after another and frees the handle when it ends
/// (DESIGN.md "Threading": libgit2 handles are never shared between threads). Every job
/// returns a QFuture at once; cancelling the future, or destroying the worker, makes the
/// running job stop at its next check and drops the queued ones (their futures end
/// cancelled, without a result). The destructor returns promptly even while a job runs:
/// it waits a moment for the job to see the interruption, and a job that cannot (blocked in
/// a network read) finishes on its own thread, which then deletes itself.
/// Create and destroy it on one thread (usually the GUI thread); its futures may be
/// watched from any thread.
class RepositoryWorker : public QObject
{
    Q_OBJECT

public:
    /// Opens the repository containing @p path on the worker thread; a failure to open is
    /// every job's result.
    explicit RepositoryWorker(const QString &path, QObject *parent = nullptr);
    ~RepositoryWorker() override;

    QString path() const { return m_path; }

    QFuture<std::variant<Revision, QString>> resolve(const QString &spec);
    QFuture<std::variant<QList<Repository::Reference>, QString>> references();
    QFuture<std::variant<QList<TreeFile>, QString>> files(const Revision &revision,
                                                          const QString &folder = QString());
    QFuture<std::variant<QByteArray, QString>> read(const TreeFile &file);
    QFuture<std::variant<QList<CommitInfo>, QString>> log(const QString &spec, int maxCount = 0);
    /// CommitBuilder::commit() and ::revert() as jobs.
    QFuture<std::variant<CommitResult, CommitError>> commit(const CommitRequest &request);
    QFuture<std::variant<CommitResult, CommitError>> revert(const RevertRequest &request);
    /// Remote::fetch() and ::push() as jobs; progress (objects) reaches the future's progress
    /// value and text, and cancelling the future cancels the transfer. @p knownHostsFile
    /// empty: ~/.ssh/known_hosts. @p fallback: Remote::setFallbackCredential().
    QFuture<std::variant<FetchResult, RemoteError>>
    fetch(const QString &remote, const QString &branch, const QString &knownHostsFile = {},
          const std::optional<HttpsCredential> &fallback = std::nullopt);
    QFuture<std::variant<PushResult, RemoteError>>
    push(const QString &remote, const QString &branch, const QString &targetBranch,
         const QString &knownHostsFile = {},
         const std::optional<HttpsCredential> &fallback = std::nullopt);

    /// Runs @p job on the worker thread with the repository. @p R is a std::variant whose
    /// second alternative is the error type, made from a QString when the repository could
    /// not be opened. The job's own classes (CommitBuilder, Remote) are used through this.
    template<typename R>
    QFuture<R> run(std::function<R(Repository &, const JobControl &)> job)
    {
        using Error = std::variant_alternative_t<1, R>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        post([promise, job = std::move(job)](Repository *repository, const QString &openError,
                                             const std::function<bool()> &closing) {
            promise->start();
            if (closing() || promise->isCanceled()) {
                promise->future().cancel();
                promise->finish();
                return;
            }
            if (!repository) {
                promise->addResult(R(std::in_place_index<1>, Error{openError}));
                promise->finish();
                return;
            }
            const JobControl control([&] { return closing() || promise->isCanceled(); },
                                     [&](qint64 done, qint64 total, const QString &text) {
                                         // QFuture's progress is an int; scale large totals down.
                                         const qint64 scale =
                                             total > INT_MAX ? total / INT_MAX + 1 : 1;
                                         promise->setProgressRange(0, int(total / scale));
                                         promise->setProgressValueAndText(int(done / scale), text);
                                     });
            promise->addResult(job(*repository, control));
            promise->finish();
        });
        return future;
    }

private:
    using Task = std::function<void(Repository *, const QString &, const std::function<bool()> &)>;
    void post(Task task);

    class Thread;
    QString m_path;
    std::unique_ptr<Thread> m_thread;
};

} // namespace gitops::git
