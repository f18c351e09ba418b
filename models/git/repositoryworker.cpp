#include "repositoryworker.h"

#include "git/commitbuilder.h"
#include "git/remote.h"
#include "logging.h"

#include <QDeadlineTimer>
#include <QThread>

#include <openssl/crypto.h>

namespace gitops::git {

namespace {

/// How long closing waits for the running job to see the interruption. A job blocked in
/// a network read (libgit2 cannot be woken there) ends on its own later.
constexpr int closingGraceMs = 300;

} // namespace

/// Opens the repository when it starts, runs the queued tasks in its event loop, and frees
/// the handle and the task queue on the same thread when the loop ends.
class RepositoryWorker::Thread : public QThread
{
public:
    explicit Thread(const QString &path)
        : m_path(path)
        , m_context(new QObject)
    {
        m_context->moveToThread(this);
    }

    /// Lives on this thread and receives the queued tasks.
    QObject *context() const { return m_context; }

    void runTask(const Task &task)
    {
        Q_ASSERT(QThread::currentThread() == this);
        task(m_repository.get(), m_openError, [this] { return isInterruptionRequested(); });
    }

protected:
    void run() override
    {
        auto opened = Repository::open(m_path);
        if (auto *repository = std::get_if<std::unique_ptr<Repository>>(&opened))
            m_repository = std::move(*repository);
        else
            m_openError = std::get<QString>(opened);
        exec();
        // Tasks still queued are dropped with their receiver; their promises end cancelled.
        delete m_context;
        m_context = nullptr;
        m_repository.reset();
        // libssh2 (ssh remotes) leaves OpenSSL's per-thread state (its random generators)
        // on this thread. OpenSSL would free it when the native thread exits, after wait()
        // has returned to the owner; at process exit that races with OpenSSL's own
        // exit-time clean-up, which then drops it unfreed. Freed here, it is gone before
        // anyone waits on this thread.
        OPENSSL_thread_stop();
        qCDebug(lcGit) << "worker for" << m_path << "ended";
    }

private:
    const QString m_path;
    QObject *m_context;
    std::unique_ptr<Repository> m_repository; // used on this thread only
    QString m_openError;
};

RepositoryWorker::RepositoryWorker(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_thread(std::make_unique<Thread>(path))
{
    m_thread->setObjectName(QStringLiteral("RepositoryWorker"));
    m_thread->start();
}

RepositoryWorker::~RepositoryWorker()
{
    // The running job sees the interruption at its next check; the queued ones are dropped.
    m_thread->requestInterruption();
    m_thread->quit();
    if (m_thread->wait(QDeadlineTimer(closingGraceMs)))
        return;
    // Closing never waits on a job stuck in the network: the thread finishes it (its future
    // still gets the result) and then deletes itself on this thread's event loop.
    qCDebug(lcGit) << "worker for" << m_path << "closes while a job is still running";
    Thread *thread = m_thread.release();
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    if (thread->isFinished())
        thread->deleteLater();
}

void RepositoryWorker::post(Task task)
{
    Thread *thread = m_thread.get();
    QMetaObject::invokeMethod(
        thread->context(), [thread, task = std::move(task)] { thread->runTask(task); },
        Qt::QueuedConnection);
}

QFuture<std::variant<Revision, QString>> RepositoryWorker::resolve(const QString &spec)
{
    using R = std::variant<Revision, QString>;
    return run<R>([spec](Repository &repository, const JobControl &) -> R {
        return repository.resolve(spec);
    });
}

QFuture<std::variant<QList<Repository::Reference>, QString>> RepositoryWorker::references()
{
    using R = std::variant<QList<Repository::Reference>, QString>;
    return run<R>(
        [](Repository &repository, const JobControl &) -> R { return repository.references(); });
}

QFuture<std::variant<QList<TreeFile>, QString>> RepositoryWorker::files(const Revision &revision,
                                                                        const QString &folder)
{
    using R = std::variant<QList<TreeFile>, QString>;
    return run<R>([revision, folder](Repository &repository, const JobControl &) -> R {
        return repository.files(revision, folder);
    });
}

QFuture<std::variant<QByteArray, QString>> RepositoryWorker::read(const TreeFile &file)
{
    using R = std::variant<QByteArray, QString>;
    return run<R>(
        [file](Repository &repository, const JobControl &) -> R { return repository.read(file); });
}

QFuture<std::variant<QList<CommitInfo>, QString>> RepositoryWorker::log(const QString &spec,
                                                                        int maxCount)
{
    using R = std::variant<QList<CommitInfo>, QString>;
    return run<R>([spec, maxCount](Repository &repository, const JobControl &control) -> R {
        return repository.log(spec, maxCount, control.stopPredicate());
    });
}

QFuture<std::variant<CommitResult, CommitError>>
RepositoryWorker::commit(const CommitRequest &request)
{
    using R = std::variant<CommitResult, CommitError>;
    return run<R>([request](Repository &repository, const JobControl &) -> R {
        return CommitBuilder(repository).commit(request);
    });
}

QFuture<std::variant<CommitResult, CommitError>>
RepositoryWorker::revert(const RevertRequest &request)
{
    using R = std::variant<CommitResult, CommitError>;
    return run<R>([request](Repository &repository, const JobControl &) -> R {
        return CommitBuilder(repository).revert(request);
    });
}

namespace {

void connectRemote(Remote &remote, const JobControl &control, const QString &knownHostsFile)
{
    remote.setStopPredicate(control.stopPredicate());
    remote.setProgressHandler([&control](const TransferProgress &step) {
        const QString text = step.stage == TransferProgress::Stage::Receiving
            ? QStringLiteral("receiving objects: %1/%2, %3 bytes")
            : QStringLiteral("sending objects: %1/%2, %3 bytes");
        control.reportProgress(step.objects, step.totalObjects,
                               text.arg(step.objects).arg(step.totalObjects).arg(step.bytes));
    });
    if (!knownHostsFile.isEmpty())
        remote.setKnownHostsFile(knownHostsFile);
}

} // namespace

QFuture<std::variant<FetchResult, RemoteError>>
RepositoryWorker::fetch(const QString &remote, const QString &branch, const QString &knownHostsFile,
                        const std::optional<HttpsCredential> &fallback)
{
    using R = std::variant<FetchResult, RemoteError>;
    return run<R>([=](Repository &repository, const JobControl &control) -> R {
        Remote transfer(repository, remote);
        connectRemote(transfer, control, knownHostsFile);
        transfer.setFallbackCredential(fallback);
        return transfer.fetch(branch);
    });
}

QFuture<std::variant<PushResult, RemoteError>>
RepositoryWorker::push(const QString &remote, const QString &branch, const QString &targetBranch,
                       const QString &knownHostsFile,
                       const std::optional<HttpsCredential> &fallback)
{
    using R = std::variant<PushResult, RemoteError>;
    return run<R>([=](Repository &repository, const JobControl &control) -> R {
        Remote transfer(repository, remote);
        connectRemote(transfer, control, knownHostsFile);
        transfer.setFallbackCredential(fallback);
        return transfer.push(branch, targetBranch);
    });
}

} // namespace gitops::git
