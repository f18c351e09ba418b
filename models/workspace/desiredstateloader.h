#pragma once

#include "workspace/desiredstate.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

namespace gitops {

namespace git {
class RepositoryWorker;
}

/// Loads desired states off the GUI thread (STYLE.md rule 5), as jobs on the repository's
/// git::RepositoryWorker (DESIGN.md "Threading"), which it borrows: the reader and its
/// caches live with the jobs on the worker's thread, so libgit2 handles never cross threads
/// and consecutive loads share the caches. Lives on the GUI thread and emits loaded() there.
/// A newer load() cancels one still running (a renderer is killed) and only the latest
/// result is emitted.
class DesiredStateLoader : public QObject
{
    Q_OBJECT

public:
    explicit DesiredStateLoader(QObject *parent = nullptr);
    ~DesiredStateLoader() override;

    /// Reads from @p worker's repository for the following loads (a new reader: the
    /// previous repository's caches are dropped). @p worker must outlive the loads, or be
    /// replaced first; nullptr detaches.
    void setRepository(git::RepositoryWorker *worker);
    /// Loads the desired state at @p revision (anything Repository::resolve() takes).
    /// Failures arrive as a DesiredState whose error is set.
    /// @p clusterDefinitions: the cluster's Argo CD Applications, Flux Kustomizations and
    /// GitRepositories, when they could be listed (DesiredStateReader::read()).
    void load(const QString &revision,
              const std::optional<QList<QJsonObject>> &clusterDefinitions = std::nullopt);
    /// The following loads read only the app named @p name ("" every app), as
    /// DesiredStateReader::read() reads with onlyApp: for a command that asks of one app.
    void setOnlyApp(const QString &name) { m_onlyApp = name; }
    /// A load is in progress (its result not emitted yet).
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void loaded(const gitops::DesiredState &state);

private:
    struct ReaderState;

    void cancel();

    git::RepositoryWorker *m_worker = nullptr;
    std::shared_ptr<ReaderState> m_reader; // used only by jobs, on the worker's thread
    QFuture<std::variant<DesiredState, QString>> m_job; // the worker's job in progress
    QFutureWatcher<DesiredState> m_watcher; // its result, on this thread
    bool m_busy = false;
    QString m_onlyApp;
};

} // namespace gitops
