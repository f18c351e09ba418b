#include "kube/discovery.h"

#include "kube/kubeclient.h"
#include "kube/livechangeset.h"
#include "kube/resourcewatch.h"
#include "logging.h"

#include <QFutureWatcher>
#include <QHash>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace gitops::kube {

namespace {

const QByteArray aggregatedAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

QHash<QString, std::shared_ptr<const DiscoveryInfo>> &cache()
{
    static QHash<QString, std::shared_ptr<const DiscoveryInfo>> results;
    return results;
}

struct Parsed
{
    std::shared_ptr<const DiscoveryInfo> info;
    QString error;
};

// Bodies collected by one refresh, parsed together on the thread pool.
struct Bodies
{
    QList<QByteArray> aggregated;
    QList<QByteArray> legacy;
    int outstanding = 0;
    ApiError error;
};

Parsed parseBodies(const QList<QByteArray> &aggregated, const QList<QByteArray> &legacy)
{
    auto info = std::make_shared<DiscoveryInfo>();
    Parsed parsed;
    for (const QByteArray &body : aggregated) {
        if (!info->addAggregated(body, &parsed.error))
            return parsed;
    }
    for (const QByteArray &body : legacy) {
        if (!info->addLegacyResourceList(body, &parsed.error))
            return parsed;
    }
    parsed.info = info;
    return parsed;
}

} // namespace

Discovery::Discovery(KubeClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

Discovery::~Discovery()
{
    if (m_crdWatch)
        m_crdWatch->stop();
}

void Discovery::clearCache()
{
    cache().clear();
}

void Discovery::refresh(bool force)
{
    if (!force) {
        if (const auto cached = cache().value(m_client->server())) {
            QTimer::singleShot(0, this, [this, cached] { finished(cached); });
            return;
        }
    }
    if (m_busy) {
        // What is being fetched may predate the change that asked for this refresh.
        m_refreshAgain |= force;
        return;
    }
    m_busy = true;
    ++m_fetchCount;
    if (m_useAggregated)
        fetchAggregated();
    else
        fetchLegacy();
}

void Discovery::fetchAggregated()
{
    auto bodies = std::make_shared<Bodies>();
    auto aggregated = std::make_shared<bool>(true);
    const QStringList paths{QStringLiteral("/api"), QStringLiteral("/apis")};
    bodies->outstanding = int(paths.size());
    for (const QString &path : paths) {
        ApiRequest request;
        request.path = path;
        request.accept = aggregatedAccept;
        request.verb = QStringLiteral("discover");
        ApiCall *call = m_client->send(request);
        connect(call, &ApiCall::finished, this,
                [this, bodies, aggregated](const ApiResponse &response) {
                    if (response.error.isError())
                        bodies->error = response.error;
                    else if (!response.contentType.contains("apidiscovery.k8s.io"))
                        *aggregated = false; // an older server ignored the Accept header
                    else
                        bodies->aggregated.append(response.body);
                    if (--bodies->outstanding > 0)
                        return;
                    if (bodies->error.isError()) {
                        fail(bodies->error);
                        return;
                    }
                    if (!*aggregated) {
                        qCDebug(lcKube) << "no aggregated discovery; using the legacy endpoints";
                        fetchLegacy();
                        return;
                    }
                    parseOffThread(bodies->aggregated, {});
                });
    }
}

void Discovery::parseOffThread(const QList<QByteArray> &aggregated, const QList<QByteArray> &legacy)
{
    auto *watcher = new QFutureWatcher<Parsed>(this);
    connect(watcher, &QFutureWatcher<Parsed>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Parsed parsed = watcher->result();
        if (!parsed.info) {
            ApiError error;
            error.kind = ApiError::Kind::Parse;
            error.message = parsed.error;
            error.server = m_client->server();
            fail(error);
            return;
        }
        finished(parsed.info);
    });
    watcher->setFuture(
        QtConcurrent::run([aggregated, legacy] { return parseBodies(aggregated, legacy); }));
}

void Discovery::fetchLegacy()
{
    auto bodies = std::make_shared<Bodies>();
    const auto parseWhenDone = [this, bodies] {
        if (--bodies->outstanding > 0)
            return;
        parseOffThread({}, bodies->legacy);
    };
    const auto fetchGroupVersion = [this, bodies, parseWhenDone](const QString &path) {
        ++bodies->outstanding;
        ApiRequest request;
        request.path = path;
        request.verb = QStringLiteral("discover");
        ApiCall *call = m_client->send(request);
        connect(call, &ApiCall::finished, this,
                [bodies, parseWhenDone, path](const ApiResponse &response) {
                    if (response.error.isError())
                        // An aggregated API server that is down must not hide the rest (kubectl
                        // warns and goes on too).
                        qCWarning(lcKube).noquote()
                            << "discovery of" << path << "failed:" << response.error.text();
                    else
                        bodies->legacy.append(response.body);
                    parseWhenDone();
                });
    };
    bodies->outstanding = 1; // held until /apis has been read
    fetchGroupVersion(QStringLiteral("/api/v1"));
    ApiRequest groups;
    groups.path = QStringLiteral("/apis");
    groups.verb = QStringLiteral("discover");
    ApiCall *call = m_client->send(groups);
    connect(call, &ApiCall::finished, this,
            [this, bodies, fetchGroupVersion, parseWhenDone](const ApiResponse &response) {
                if (response.error.isError()) {
                    bodies->outstanding = 1 << 20; // ignore the rest
                    fail(response.error);
                    return;
                }
                QString error;
                for (const QString &groupVersion :
                     DiscoveryInfo::legacyGroupVersions(response.body, &error))
                    fetchGroupVersion(QStringLiteral("/apis/") + groupVersion);
                parseWhenDone();
            });
}

void Discovery::finished(const std::shared_ptr<const DiscoveryInfo> &info)
{
    m_busy = false;
    m_info = info;
    cache().insert(m_client->server(), info);
    Q_EMIT ready(info);
    if (std::exchange(m_refreshAgain, false))
        refresh(true);
}

void Discovery::fail(const ApiError &error)
{
    m_busy = false;
    m_refreshAgain = false;
    Q_EMIT failed(error);
}

void Discovery::watchCustomResourceDefinitions()
{
    if (m_crdWatch)
        return;
    const ApiResource crds{QStringLiteral("apiextensions.k8s.io"),
                           QStringLiteral("v1"),
                           QStringLiteral("CustomResourceDefinition"),
                           QStringLiteral("customresourcedefinitions"),
                           false,
                           {QStringLiteral("list"), QStringLiteral("watch")}};
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, [this] { refresh(true); });
    m_crdWatch = new ResourceWatch(m_client, crds, {}, {}, this);
    connect(m_crdWatch, &ResourceWatch::changed, this, [this](const LiveChangeSet &changes) {
        // The first list reports every CRD as added; only later changes mean new types.
        if (m_crdWatch->watchCount() > 0 && !changes.isEmpty())
            m_debounce->start();
    });
    m_crdWatch->start();
}

} // namespace gitops::kube
