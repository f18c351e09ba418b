#pragma once

#include "git/repository.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <memory>
#include <variant>

namespace gitops {

namespace git {
class RepositoryWorker;
}

class WorkspaceSession;

/// What the console knows about a workspace's repository: where it is, what is checked
/// out, and its references for the revision picker.
struct WorkspaceInfo
{
    QString root; ///< the repository's working-tree folder (or git folder when bare)
    QString name; ///< the folder's name, shown in the workspace bar
    QString branch; ///< checked-out branch; empty when HEAD is detached
    QString headCommit; ///< full commit id HEAD points to; empty when unborn
    QString error; ///< non-empty when the folder could not be opened
    /// Branches, remote branches and tags, for the revision picker.
    QList<git::Repository::Reference> references;

    bool isValid() const { return error.isEmpty(); }
};

/// The WorkspaceInfo of an open @p repository. Blocks on git: call it where the repository
/// lives (a RepositoryWorker job).
WorkspaceInfo workspaceInfoOf(const git::Repository &repository);

/// Reads a workspace synchronously: the git repository that contains @p path. Blocking I/O
/// on a handle of its own; for tests and tools, not the GUI thread.
WorkspaceInfo readWorkspaceInfo(const QString &path);

/// The open workspace (DESIGN.md "Layout"): the repository's git::RepositoryWorker (the
/// one owner of its libgit2 handle, shared with the session's loader and, later, history
/// and change requests), the WorkspaceSession comparing it with a cluster, the undo stack
/// that edits will go through, and what is known about the repository, read again by
/// refresh(). Owned by the main window; views get their models from it. Lives on the GUI
/// thread; nothing in it blocks that thread.
class WorkspaceDocument : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceDocument(QObject *parent = nullptr);
    ~WorkspaceDocument() override;

    /// Opens the repository that contains @p path, asynchronously: opened() answers, always
    /// from the event loop after open() returned. A newer open() supersedes one still running. On
    /// success the session reads its apps.
    void open(const QString &path);
    /// Reads the references and the apps again, and lists the cluster again.
    void refresh();

    const WorkspaceInfo &info() const { return m_info; }
    bool isOpen() const { return m_repository != nullptr; }
    WorkspaceSession *session() const { return m_session; }
    QUndoStack *undoStack() { return &m_undoStack; }
    std::shared_ptr<git::RepositoryWorker> repository() const { return m_repository; }

Q_SIGNALS:
    /// An open() ended: @p info has the error when the folder could not be opened (the
    /// workspace open before stays open then).
    void opened(const gitops::WorkspaceInfo &info);
    /// refresh() read the repository again (new branches, tags, HEAD).
    void infoChanged(const gitops::WorkspaceInfo &info);

private:
    using ReadResult = std::variant<WorkspaceInfo, QString>;
    void read(git::RepositoryWorker *worker, bool opening);
    void answer(const ReadResult &result, bool opening, quint64 generation, quint64 openGeneration);

    std::shared_ptr<git::RepositoryWorker> m_repository;
    /// The worker of an open() still being read; it becomes m_repository if it opens.
    std::shared_ptr<git::RepositoryWorker> m_opening;
    WorkspaceInfo m_info;
    WorkspaceSession *m_session;
    QUndoStack m_undoStack;
    quint64 m_openGeneration = 0;
    quint64 m_readGeneration = 0;
};

} // namespace gitops
