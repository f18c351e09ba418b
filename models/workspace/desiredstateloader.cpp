#include "desiredstateloader.h"

#include "git/repository.h"
#include "logging.h"
#include "workspace/desiredstatereader.h"

namespace gitops {

/// The half of DesiredStateLoader that lives on its worker thread. Private to this file.
class DesiredStateWorker : public QObject
{
    Q_OBJECT

public:
    void open(const QString &path)
    {
        m_reader.reset();
        m_repository.reset();
        m_openError.clear();
        auto opened = git::Repository::open(path);
        if (auto *message = std::get_if<QString>(&opened)) {
            m_openError = *message;
            return;
        }
        m_repository = std::move(std::get<std::unique_ptr<git::Repository>>(opened));
        m_reader = std::make_unique<DesiredStateReader>(*m_repository);
    }

    DesiredState load(const QString &spec)
    {
        DesiredState state;
        state.revision.spec = spec;
        if (!m_repository) {
            state.error =
                m_openError.isEmpty() ? QStringLiteral("no repository is open") : m_openError;
            return state;
        }
        auto resolved = m_repository->resolve(spec);
        if (auto *message = std::get_if<QString>(&resolved)) {
            state.error = *message;
            return state;
        }
        return m_reader->read(std::get<git::Revision>(resolved));
    }

private:
    std::unique_ptr<git::Repository> m_repository;
    std::unique_ptr<DesiredStateReader> m_reader; // borrows m_repository: declared after it
    QString m_openError;
};

DesiredStateLoader::DesiredStateLoader(QObject *parent)
    : QObject(parent)
    , m_worker(new DesiredStateWorker)
{
    qRegisterMetaType<gitops::DesiredState>();
    m_thread.setObjectName(QStringLiteral("desired state"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DesiredStateLoader::~DesiredStateLoader()
{
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

void DesiredStateLoader::open(const QString &path)
{
    ++m_generation; // results for the previous repository are stale now
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, path] { worker->open(path); });
}

void DesiredStateLoader::load(const QString &revision)
{
    const quint64 generation = ++m_generation;
    ++m_pending;
    qCDebug(lcWorkspace) << "loading desired state at" << revision;
    // The worker answers through this object's event queue; `this` outlives the worker
    // thread (the destructor waits for it), so the queued call cannot reach a dead object.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, revision, generation, this] {
        DesiredState state = worker->load(revision);
        QMetaObject::invokeMethod(
            this, [this, generation, state = std::move(state)] { deliver(generation, state); });
    });
}

void DesiredStateLoader::deliver(quint64 generation, const DesiredState &state)
{
    Q_ASSERT(thread() == QThread::currentThread());
    --m_pending;
    if (generation != m_generation)
        return; // superseded by a newer load() or open()
    Q_EMIT loaded(state);
}

} // namespace gitops

#include "desiredstateloader.moc"
