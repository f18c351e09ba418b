#pragma once

#include "workspace/desiredstate.h"

#include <QObject>
#include <QString>
#include <QThread>

namespace gitops {

class DesiredStateWorker;

/// Loads desired states off the GUI thread (STYLE.md rule 5). Lives on the thread that
/// creates it (the GUI thread) and emits loaded() there. Owns one worker thread, which
/// owns the git repository and the DesiredStateReader with its caches, so libgit2 handles
/// never cross threads and consecutive loads share the caches. A newer load() supersedes
/// one that has not been delivered yet: only the latest result is emitted.
/// The destructor waits for the load in progress (a renderer may run up to two minutes).
class DesiredStateLoader : public QObject
{
    Q_OBJECT

public:
    explicit DesiredStateLoader(QObject *parent = nullptr);
    ~DesiredStateLoader() override;

    /// Opens the repository at @p path for the following loads (the previous one and its
    /// caches are dropped).
    void open(const QString &path);
    /// Loads the desired state at @p revision (anything Repository::resolve() takes).
    /// Failures arrive as a DesiredState whose error is set.
    void load(const QString &revision);
    bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    void loaded(const gitops::DesiredState &state);

private:
    void deliver(quint64 generation, const gitops::DesiredState &state);

    QThread m_thread;
    DesiredStateWorker *m_worker = nullptr; // lives on m_thread, deleted when it finishes
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace gitops
