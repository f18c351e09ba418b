#pragma once

#include "kube/apierror.h"
#include "kube/apiresource.h"
#include "kube/livechangeset.h"
#include "kube/trackingfilter.h"

#include <QList>
#include <QObject>
#include <QSet>

namespace gitops::kube {

class DiscoveryInfo;
class KubeClient;
class ResourceWatch;

/// One thing to keep live: a resource type in a namespace ("" for all namespaces or a
/// cluster-scoped type), optionally only the objects a TrackingFilter accepts.
struct LiveTarget
{
    ApiResource type;
    QString namespaceName;
    TrackingFilter filter;

    friend bool operator==(const LiveTarget &, const LiveTarget &) = default;
};

/// The live state an app needs: one ResourceWatch per target, their first lists run a
/// few at a time (bounded), then all watch. Forwards their change sets as they come.
/// Borrows the KubeClient (which must outlive it); lives on the client's thread.
class LiveState : public QObject
{
    Q_OBJECT

public:
    explicit LiveState(KubeClient *client, QObject *parent = nullptr);
    ~LiveState() override;

    /// Replaces the targets; takes effect at the next start().
    void setTargets(const QList<LiveTarget> &targets) { m_targets = targets; }
    /// How many lists run at once (default 4).
    void setMaxParallelLists(int count) { m_maxParallelLists = qMax(1, count); }
    /// Applied to every watch created by start().
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void setBackoff(int initialMs, int maximumMs);

    void start();
    /// Adds and starts more targets while running (a list refused cluster-wide, narrowed to
    /// namespaces); they count towards synced() like the others.
    void addTargets(const QList<LiveTarget> &targets);
    /// Replaces the targets while running (the workspace's watch plan changed): a watch whose
    /// target is still wanted keeps running with what it holds, unasked again; the others
    /// stop, their objects reported deleted; new targets are listed, counting towards
    /// synced(). Targets addTargets() added stay. Before start(), as setTargets().
    void retarget(const QList<LiveTarget> &targets);
    /// Stops every watch; no signal comes after it.
    void stop();

    bool isSynced() const;
    /// How many targets have been listed once (or failed to be).
    int listedCount() const { return int(m_listedOnce.size()); }
    const QList<ResourceWatch *> &watches() const { return m_watches; }

Q_SIGNALS:
    void changed(const gitops::kube::LiveChangeSet &changes);
    /// Every target has been listed once, or refused (refused()).
    void synced();
    /// The server refused to list @p target (403 Forbidden, or 404 for a type it no longer
    /// serves): said once per target. It is retried with back-off like any failure, but no
    /// longer holds up synced(); no failed() follows for it.
    void refused(const gitops::kube::LiveTarget &target, const gitops::kube::ApiError &error);
    /// One more target has been listed (or has failed to be) for the first time.
    void listProgress(int listed, int total);
    void failed(const gitops::kube::ApiError &error);

private:
    void startNext();
    void countListed(ResourceWatch *watch);
    void watchTarget(const LiveTarget &target);
    void emitSyncedOnce();

    KubeClient *m_client;
    QList<LiveTarget> m_targets;
    QList<ResourceWatch *> m_watches;
    QList<LiveTarget> m_watchTargets; // of m_watches, index for index
    QList<LiveTarget> m_addedTargets; // by addTargets()
    qsizetype m_nextToStart = 0;
    QSet<ResourceWatch *> m_listing; // first lists in progress, at most m_maxParallelLists
    QSet<ResourceWatch *> m_listedOnce; // listed, or failed, at least once
    QSet<ResourceWatch *> m_refused; // refused (403/404) and never listed since
    int m_maxParallelLists = 4;
    int m_pageSize = 500;
    int m_initialBackoffMs = 500;
    int m_maximumBackoffMs = 30000;
    bool m_syncedEmitted = false;
    bool m_running = false; // between start() and stop()
};

} // namespace gitops::kube
