#include "workspacedocument.h"

#include "git/repositoryworker.h"
#include "logging.h"
#include "workspace/workspacesession.h"

#include <QDir>

namespace gitops {

WorkspaceInfo workspaceInfoOf(const git::Repository &repository)
{
    WorkspaceInfo info;
    info.root = repository.isBare() ? repository.gitDirectory() : repository.workingDirectory();
    info.name = QDir(info.root).dirName();
    info.branch = repository.currentBranch();
    info.headCommit = repository.headCommitId();
    info.references = repository.references();
    return info;
}

WorkspaceInfo readWorkspaceInfo(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened)) {
        WorkspaceInfo info;
        info.error = *message;
        return info;
    }
    return workspaceInfoOf(*std::get<std::unique_ptr<git::Repository>>(opened));
}

WorkspaceDocument::WorkspaceDocument(QObject *parent)
    : QObject(parent)
    , m_session(new WorkspaceSession(this))
{ }

WorkspaceDocument::~WorkspaceDocument()
{
    // The session's loader borrows the worker: it goes first.
    delete m_session;
    m_session = nullptr;
}

void WorkspaceDocument::open(const QString &path)
{
    qCDebug(lcWorkspace) << "opening" << path;
    m_opening = std::make_shared<git::RepositoryWorker>(path);
    read(m_opening.get(), true);
}

void WorkspaceDocument::refresh()
{
    if (!m_repository)
        return;
    read(m_repository.get(), false);
    m_session->refresh();
}

// The continuation holds no reference to the worker: the last one must never be dropped on
// the worker's own thread, which could not then end itself.
void WorkspaceDocument::read(git::RepositoryWorker *worker, bool opening)
{
    // An open() supersedes everything before it; a refresh() only older refreshes.
    const quint64 generation = opening ? ++m_openGeneration : ++m_readGeneration;
    const quint64 openGeneration = m_openGeneration;
    worker
        ->run<ReadResult>([](git::Repository &repository, const git::JobControl &) -> ReadResult {
            return workspaceInfoOf(repository);
        })
        .then(this, [this, opening, generation, openGeneration](const ReadResult &result) {
            // then() calls this at once, inside open(), when the job ended before it was
            // attached (a busy machine): answer from the event loop, so that open() and
            // refresh() never emit before they return.
            QMetaObject::invokeMethod(
                this,
                [this, result, opening, generation, openGeneration] {
                    answer(result, opening, generation, openGeneration);
                },
                Qt::QueuedConnection);
        });
}

void WorkspaceDocument::answer(const ReadResult &result, bool opening, quint64 generation,
                               quint64 openGeneration)
{
    if (openGeneration != m_openGeneration || (!opening && generation != m_readGeneration))
        return; // a newer open() or refresh() answers
    WorkspaceInfo info;
    if (const auto *read = std::get_if<WorkspaceInfo>(&result))
        info = *read;
    else
        info.error = std::get<QString>(result);
    if (!opening) {
        if (info.isValid()) {
            m_info = info;
            Q_EMIT infoChanged(m_info);
        }
        return;
    }
    std::shared_ptr<git::RepositoryWorker> worker = std::move(m_opening);
    if (info.isValid()) {
        m_info = info;
        m_repository = worker;
        m_undoStack.clear();
        m_session->openRepository(std::move(worker));
    }
    Q_EMIT opened(info);
}

} // namespace gitops
