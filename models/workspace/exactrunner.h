#pragma once

#include "workspace/desiredstate.h"
#include "workspace/workspacecomparison.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace gitops {

namespace kube {
class ApiCall;
class DiscoveryInfo;
class KubeClient;
} // namespace kube

/// Exact mode's dry runs (README, "A short tour"): for each app it is on for, every desired
/// resource is sent to the cluster as a server-side apply with dryRun=All as the app's
/// applier (what `kubectl diff --server-side` does), a few at a time and the resource the
/// user looks at first, and asked again when git or that live object changes. Holds the
/// resources by identity and value, never pointers into a desired state, and cancels its
/// requests for real. Lives on the GUI thread; borrows the KubeClient.
class ExactRunner : public QObject
{
    Q_OBJECT

public:
    /// What is still to do, for the status bar.
    struct Progress
    {
        QStringList apps; ///< the apps with dry runs queued or in flight
        int done = 0;
        int total = 0;
    };

    explicit ExactRunner(QObject *parent = nullptr);
    ~ExactRunner() override;

    /// The cluster to ask, and whether its live state is listed (dry runs are sent only
    /// then, so each answer is compared with a live object that is there). A null client
    /// cancels what is in flight and queues it again.
    void setCluster(kube::KubeClient *client, std::shared_ptr<const kube::DiscoveryInfo> discovery);
    void setLiveReady(bool ready);
    /// How the live object of an identity looks now (for asking again when it changes).
    void setLiveLookup(std::function<QJsonObject(const manifest::ResourceId &)> lookup)
    {
        m_live = std::move(lookup);
    }

    /// Exact mode on for @p app, its resources queued (@p first first).
    void start(const AppDesiredState &app, const manifest::ResourceId &first = {});
    /// Exact mode off for @p app; false when it was not on.
    bool stop(const QString &app);
    bool isOn(const QString &app) const { return m_runs.contains(app); }
    /// Git changed: every app's resources are asked again, from @p desired.
    void setDesired(const DesiredState &desired);
    /// Live objects changed: those whose dry run was asked against another state of them
    /// are asked again.
    void liveChanged(const QList<manifest::ResourceId> &ids);
    /// Cancels every dry run in flight; apps whose answers are not all in are turned off.
    /// False when nothing was running.
    bool cancel();

    QHash<QString, ExactResults> results() const;
    Progress progress() const;
    /// True once, when every resource of @p app has its answer.
    bool takeCompletion(const QString &app);

Q_SIGNALS:
    /// A dry run answered (or failed): compare again.
    void answered();

private:
    struct Run
    {
        QList<manifest::ResourceId> queue;
        QHash<manifest::ResourceId, manifest::Resource> resources;
        QString fieldManager;
        QSet<manifest::ResourceId> inFlight;
        ExactResults results;
        bool announced = false;
    };

    void queue(Run &run, const QList<manifest::ResourceId> &ids);
    void send();
    void cancelCalls();

    QHash<QString, Run> m_runs;
    QHash<kube::ApiCall *, std::pair<QString, manifest::ResourceId>> m_calls;
    kube::KubeClient *m_client = nullptr;
    std::shared_ptr<const kube::DiscoveryInfo> m_discovery;
    std::function<QJsonObject(const manifest::ResourceId &)> m_live;
    bool m_liveReady = false;
};

} // namespace gitops
