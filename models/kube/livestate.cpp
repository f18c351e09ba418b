#include "kube/livestate.h"

#include "kube/kubeclient.h"
#include "kube/resourcewatch.h"

namespace gitops::kube {

LiveState::LiveState(KubeClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

LiveState::~LiveState()
{
    stop();
}

void LiveState::setBackoff(int initialMs, int maximumMs)
{
    m_initialBackoffMs = initialMs;
    m_maximumBackoffMs = maximumMs;
}

void LiveState::start()
{
    stop();
    m_running = true;
    m_syncedEmitted = false;
    for (const LiveTarget &target : std::as_const(m_targets))
        watchTarget(target);
    m_nextToStart = 0;
    m_listing.clear();
    startNext();
}

void LiveState::addTargets(const QList<LiveTarget> &targets)
{
    for (const LiveTarget &target : targets) {
        m_targets.append(target);
        m_addedTargets.append(target);
        watchTarget(target);
    }
    // A refused target's replacements must be listed before synced() may come.
    m_syncedEmitted = m_syncedEmitted && isSynced();
    startNext();
}

void LiveState::retarget(const QList<LiveTarget> &targets)
{
    m_targets = targets + m_addedTargets;
    if (!m_running)
        return;
    for (qsizetype i = m_watches.size() - 1; i >= 0; --i) {
        if (m_targets.contains(m_watchTargets.at(i)))
            continue;
        ResourceWatch *watch = m_watches.takeAt(i);
        m_watchTargets.removeAt(i);
        if (i < m_nextToStart)
            --m_nextToStart;
        m_listing.remove(watch);
        m_listedOnce.remove(watch);
        m_refused.remove(watch);
        LiveChangeSet gone;
        gone.type = watch->type();
        gone.deleted = watch->objects().values();
        watch->stop();
        watch->disconnect(this);
        watch->deleteLater();
        if (!gone.isEmpty())
            Q_EMIT changed(gone);
    }
    for (const LiveTarget &target : std::as_const(m_targets)) {
        if (!m_watchTargets.contains(target))
            watchTarget(target);
    }
    m_syncedEmitted = m_syncedEmitted && isSynced();
    Q_EMIT listProgress(listedCount(), int(m_watches.size()));
    startNext();
    emitSyncedOnce();
}

void LiveState::watchTarget(const LiveTarget &target)
{
    auto *watch =
        new ResourceWatch(m_client, target.type, target.namespaceName, target.filter, this);
    watch->setPageSize(m_pageSize);
    watch->setBackoff(m_initialBackoffMs, m_maximumBackoffMs);
    connect(watch, &ResourceWatch::changed, this, &LiveState::changed);
    connect(watch, &ResourceWatch::synced, this, [this, watch] {
        m_refused.remove(watch);
        countListed(watch);
        if (m_listing.remove(watch))
            startNext();
        emitSyncedOnce();
    });
    connect(watch, &ResourceWatch::failed, this, [this, watch, target](const ApiError &error) {
        // A type that cannot be listed must not hold up the others.
        countListed(watch);
        if (m_listing.remove(watch))
            startNext();
        const bool refusal = error.code == 403 || error.code == 404;
        if (!refusal) {
            Q_EMIT failed(error);
            return;
        }
        if (m_refused.contains(watch))
            return; // said once; the watch keeps retrying
        m_refused.insert(watch);
        Q_EMIT refused(target, error);
        emitSyncedOnce();
    });
    m_watches.append(watch);
    m_watchTargets.append(target);
}

void LiveState::emitSyncedOnce()
{
    if (!m_syncedEmitted && isSynced()) {
        m_syncedEmitted = true;
        Q_EMIT synced();
    }
}

void LiveState::countListed(ResourceWatch *watch)
{
    if (m_listedOnce.contains(watch))
        return;
    m_listedOnce.insert(watch);
    Q_EMIT listProgress(listedCount(), int(m_watches.size()));
}

void LiveState::startNext()
{
    while (m_listing.size() < m_maxParallelLists && m_nextToStart < m_watches.size()) {
        ResourceWatch *watch = m_watches.at(m_nextToStart++);
        m_listing.insert(watch);
        watch->start();
    }
}

void LiveState::stop()
{
    for (ResourceWatch *watch : std::as_const(m_watches)) {
        watch->stop();
        watch->disconnect(this);
        watch->deleteLater();
    }
    m_running = false;
    m_watches.clear();
    m_watchTargets.clear();
    m_nextToStart = 0;
    m_listing.clear();
    m_listedOnce.clear();
    m_refused.clear();
}

bool LiveState::isSynced() const
{
    for (ResourceWatch *watch : m_watches) {
        if (!watch->isSynced() && !m_refused.contains(watch))
            return false;
    }
    return true;
}

} // namespace gitops::kube
