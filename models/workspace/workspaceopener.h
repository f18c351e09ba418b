#pragma once

#include "git/repository.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

namespace gitops {

/// What the console knows about a workspace right after opening it.
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

/// Reads a workspace synchronously: the git repository that contains @p path.
/// Safe to call from any thread; does blocking I/O.
WorkspaceInfo readWorkspaceInfo(const QString &path);

/// Opens workspaces off the GUI thread. Lives on the GUI thread; emits finished() there.
/// A newer open() supersedes one still running: only the latest result is delivered.
class WorkspaceOpener : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceOpener(QObject *parent = nullptr);

    void open(const QString &path);
    bool isBusy() const;

Q_SIGNALS:
    void finished(const gitops::WorkspaceInfo &info);

private:
    // The task captures no pointer to this object, so destroying the watcher while it
    // runs is safe: the result is simply dropped.
    QFutureWatcher<WorkspaceInfo> m_watcher;
};

} // namespace gitops
