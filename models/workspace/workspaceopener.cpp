#include "workspaceopener.h"

#include "git/repository.h"
#include "logging.h"

#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

namespace gitops {

WorkspaceInfo readWorkspaceInfo(const QString &path)
{
    WorkspaceInfo info;
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened)) {
        info.error = *message;
        return info;
    }
    const auto &repository = std::get<std::unique_ptr<git::Repository>>(opened);
    info.root = repository->isBare() ? repository->gitDirectory() : repository->workingDirectory();
    info.name = QDir(info.root).dirName();
    info.branch = repository->currentBranch();
    info.headCommit = repository->headCommitId();
    info.references = repository->references();
    return info;
}

WorkspaceOpener::WorkspaceOpener(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<WorkspaceInfo>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            Q_EMIT finished(m_watcher.result());
    });
}

void WorkspaceOpener::open(const QString &path)
{
    qCDebug(lcWorkspace) << "opening" << path;
    m_watcher.setFuture(QtConcurrent::run(readWorkspaceInfo, path));
}

bool WorkspaceOpener::isBusy() const
{
    return m_watcher.isRunning();
}

} // namespace gitops
