#pragma once

#include "kube/apierror.h"
#include "kube/discoveryinfo.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QTimer;

namespace gitops::kube {

class KubeClient;
class ResourceWatch;
struct LiveChangeSet;

/// What resource types a cluster serves. Asks for aggregated discovery (v2) and falls
/// back to the legacy per-group lists when the server does not offer it; parses on the
/// thread pool. Results are cached per server for the whole process, so a second client
/// of the same cluster asks nothing. With watchCustomResourceDefinitions() it refreshes
/// itself when a CRD appears or changes. Borrows the KubeClient (which must outlive it);
/// lives on the client's thread, and the cache may only be used from that one thread.
class Discovery : public QObject
{
    Q_OBJECT

public:
    explicit Discovery(KubeClient *client, QObject *parent = nullptr);
    ~Discovery() override;

    /// Emits ready() from the cache, or asks the server when nothing is cached or @p force.
    void refresh(bool force = false);
    /// The last result (empty before the first ready()).
    std::shared_ptr<const DiscoveryInfo> info() const { return m_info; }
    /// Keeps a watch on customresourcedefinitions and refreshes (forced, debounced) when
    /// one is added or changed.
    void watchCustomResourceDefinitions();
    /// Skips aggregated discovery and reads the legacy per-group lists, as for servers
    /// older than Kubernetes 1.26 (default: aggregated first).
    void setUseAggregated(bool use) { m_useAggregated = use; }
    /// How many times this object asked the server (for tests).
    int fetchCount() const { return m_fetchCount; }

    /// Forgets every cached result.
    static void clearCache();

Q_SIGNALS:
    void ready(std::shared_ptr<const gitops::kube::DiscoveryInfo> info);
    void failed(const gitops::kube::ApiError &error);

private:
    void fetchAggregated();
    void fetchLegacy();
    /// Parses the discovery documents on the thread pool; ends in finished() or fail().
    void parseOffThread(const QList<QByteArray> &aggregated, const QList<QByteArray> &legacy);
    void finished(const std::shared_ptr<const DiscoveryInfo> &info);
    void fail(const ApiError &error);

    KubeClient *m_client;
    std::shared_ptr<const DiscoveryInfo> m_info;
    QPointer<ResourceWatch> m_crdWatch;
    QTimer *m_debounce = nullptr;
    bool m_busy = false;
    bool m_useAggregated = true;
    bool m_refreshAgain = false;
    int m_fetchCount = 0;
};

} // namespace gitops::kube
