#pragma once

#include "drift/workspacedrift.h"
#include "workspace/workspacesession.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

namespace gitops {

/// What `status` and `diff` ask of a repository and a cluster.
struct ClusterQuestion
{
    QString folder; ///< the repository (or a folder inside it), absolute
    QString revision = QStringLiteral("HEAD");
    QString context; ///< empty: the kubeconfig's current context
    QString app; ///< empty: every app
    bool exact = false; ///< with the server's dry run of every manifest
    int timeoutSeconds = 0; ///< 0: wait as long as it takes
};

/// One comparison of a repository with a cluster for the command line: a WorkspaceSession
/// (the window's, so the same verdict) driven by its signals through reading git, listing
/// the cluster and, in exact mode, every app's dry runs, inside the application's one event
/// loop. Emits finished() exactly once; nothing here blocks or spins a loop of its own.
/// Lives on the thread that runs that loop.
class ClusterComparison : public QObject
{
    Q_OBJECT

public:
    explicit ClusterComparison(ClusterQuestion question, QObject *parent = nullptr);

    /// Reads the kubeconfig and starts the session. Call from the running event loop:
    /// finished() may follow at once (an unknown context).
    void start();

    /// The desired state of @p app as the comparison read it (its files, renderer and
    /// targetRevision, for `adopt`); null when there is no such app. Valid until the
    /// comparison reads git again or is destroyed.
    const AppDesiredState *desiredApp(const QString &name) const
    {
        return m_session.desiredApp(name);
    }

Q_SIGNALS:
    /// The snapshot to print, or why there is none (@p error not empty). @p problems are
    /// what the session said along the way (a cluster that refused a list), for stderr.
    void finished(const gitops::drift::WorkspaceDrift &snapshot, const QString &error,
                  const QStringList &problems);

private:
    enum class Stage { Idle, Reading, Exact, Done };

    void snapshotChanged(const drift::WorkspaceDrift &snapshot);
    void compareExactly();
    void exactAnswered(const QString &app, const drift::AppDrift *drift, const QString &error);
    void timedOut();
    void finish(const QString &error = {});
    /// @p error of the desired state in the user's terms.
    QString desiredStateError(const QString &error) const;

    ClusterQuestion m_question;
    Stage m_stage = Stage::Idle;
    WorkspaceSession m_session;
    QTimer m_timeout;
    drift::WorkspaceDrift m_snapshot;
    /// Exact mode: the apps still waiting for their dry runs -> their row in m_snapshot.
    QHash<QString, qsizetype> m_pending;
    QStringList m_problems;
};

} // namespace gitops
