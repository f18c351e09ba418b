#include "desiredstateloader.h"

#include "git/repositoryworker.h"
#include "logging.h"
#include "workspace/desiredstatereader.h"

namespace gitops {

/// The reader of one repository, made by the first job that needs it: it borrows the
/// worker's Repository, so it is created, used and left on the worker's thread.
struct DesiredStateLoader::ReaderState
{
    std::unique_ptr<DesiredStateReader> reader;
};

DesiredStateLoader::DesiredStateLoader(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<gitops::DesiredState>();
    connect(&m_watcher, &QFutureWatcher<DesiredState>::finished, this, [this] {
        Q_ASSERT(thread() == QThread::currentThread());
        const QFuture<DesiredState> future = m_watcher.future();
        if (future.isCanceled() || future.resultCount() == 0)
            return; // superseded by a newer load() or another repository
        m_busy = false;
        Q_EMIT loaded(future.result());
    });
}

DesiredStateLoader::~DesiredStateLoader()
{
    // Stops the job's renderer; the worker's owner decides when its thread ends.
    cancel();
}

void DesiredStateLoader::cancel()
{
    m_busy = false;
    m_job.cancel();
    m_watcher.future().cancel();
}

void DesiredStateLoader::setRepository(git::RepositoryWorker *worker)
{
    cancel();
    m_worker = worker;
    m_reader = std::make_shared<ReaderState>();
}

void DesiredStateLoader::load(const QString &revision,
                              const std::optional<QList<QJsonObject>> &clusterDefinitions)
{
    cancel();
    if (!m_worker) {
        DesiredState state;
        state.revision.spec = revision;
        state.error = QStringLiteral("no repository is open");
        Q_EMIT loaded(state);
        return;
    }
    qCDebug(lcWorkspace) << "loading desired state at" << revision;
    m_busy = true;
    using Result = std::variant<DesiredState, QString>;
    m_job = m_worker->run<Result>([reader = m_reader, revision, clusterDefinitions,
                                   onlyApp = m_onlyApp](git::Repository &repository,
                                                        const git::JobControl &control) -> Result {
        DesiredState state;
        state.revision.spec = revision;
        auto resolved = repository.resolve(revision);
        if (auto *message = std::get_if<QString>(&resolved)) {
            state.error = *message;
            return state;
        }
        if (!reader->reader)
            reader->reader = std::make_unique<DesiredStateReader>(repository);
        return reader->reader->read(std::get<git::Revision>(resolved), control.stopPredicate(),
                                    clusterDefinitions, onlyApp);
    });
    // A repository that did not open answers with its message as the error.
    m_watcher.setFuture(m_job.then(this, [revision](const Result &result) {
        if (const auto *state = std::get_if<DesiredState>(&result))
            return *state;
        DesiredState state;
        state.revision.spec = revision;
        state.error = std::get<QString>(result);
        return state;
    }));
}

} // namespace gitops
