#pragma once

#include "kube/apierror.h"
#include "kube/apiresource.h"
#include "kube/livechangeset.h"
#include "kube/trackingfilter.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>

namespace gitops::kube {

class ApiCall;
class KubeClient;

/// The live objects of one resource type in one namespace (or all): lists them in pages
/// (limit + continue), then watches from the list's resourceVersion with bookmarks,
/// reconnecting with a jittered back-off; after 410 Gone it lists again and reports only
/// what changed. JSON is parsed on the thread pool, in order. Emits change sets as values.
/// Borrows the KubeClient (which must outlive it); lives on the client's thread.
class ResourceWatch : public QObject
{
    Q_OBJECT

public:
    /// One parsed list page.
    struct ListPage
    {
        QList<QJsonObject> items;
        QString continueToken;
        QString resourceVersion;
        QString error;
    };
    /// One parsed watch event.
    struct WatchEvent
    {
        enum Type { Added, Modified, Deleted, Bookmark, Error };
        Type type = Error;
        QJsonObject object;
    };

    /// Pure parsers, run on the thread pool; public for tests and benchmarks.
    static ListPage parseListPage(const QByteArray &body, const ApiResource &type);
    /// The watch stream's framing: appends @p chunk (bytes as the network delivers them,
    /// cut anywhere) to @p buffer and takes out the complete lines, one event each.
    static QList<QByteArray> takeLines(QByteArray &buffer, const QByteArray &chunk);
    static QList<WatchEvent> parseWatchEvents(const QList<QByteArray> &lines,
                                              const ApiResource &type);
    static QString keyOf(const QJsonObject &object);

    ResourceWatch(KubeClient *client, const ApiResource &type, const QString &namespaceName,
                  const TrackingFilter &filter = {}, QObject *parent = nullptr);
    ~ResourceWatch() override;

    const ApiResource &type() const { return m_type; }
    const QString &namespaceName() const { return m_namespace; }

    void start();
    /// Cancels requests and timers; no signal comes after it.
    void stop();

    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    /// Reconnect back-off: from @p initialMs doubling to @p maximumMs, jittered.
    void setBackoff(int initialMs, int maximumMs);
    /// How long the server keeps one watch open before the client reconnects.
    void setWatchTimeoutSeconds(int seconds) { m_watchTimeoutSeconds = seconds; }

    bool isSynced() const { return m_listCount > 0; }
    QString resourceVersion() const { return m_resourceVersion; }
    /// The objects as last seen, by "namespace/name".
    const QHash<QString, QJsonObject> &objects() const { return m_objects; }
    /// Complete lists so far (1 after start; more after 410 Gone).
    int listCount() const { return m_listCount; }
    /// Watch connections opened so far.
    int watchCount() const { return m_watchCount; }

Q_SIGNALS:
    void changed(const gitops::kube::LiveChangeSet &changes);
    /// A list completed and the watch is starting (after start(), and after every re-list).
    void synced();
    /// A request failed; the watch keeps trying with back-off.
    void failed(const gitops::kube::ApiError &error);

private:
    void list();
    void requestPage(const QString &continueToken);
    void pageParsed(const ListPage &page);
    void finishList(const QString &resourceVersion);
    void startWatch();
    void watchData(const QByteArray &bytes);
    void watchFinished(const ApiError &error);
    void parseNext();
    void applyEvents(const QList<WatchEvent> &events);
    void whenIdle(std::function<void()> action);
    void retryLater(std::function<void()> action);
    void emitChanges(const QHash<QString, std::optional<QJsonObject>> &before);

    KubeClient *m_client;
    ApiResource m_type;
    QString m_namespace;
    TrackingFilter m_filter;
    QString m_labelSelector;
    QHash<QString, QJsonObject> m_objects;
    QHash<QString, QJsonObject> m_pending; // pages of the list in progress
    QString m_resourceVersion;
    QPointer<ApiCall> m_call;
    QByteArray m_buffer;
    QList<QByteArray> m_queue;
    std::function<void()> m_idleAction;
    bool m_parsing = false;
    bool m_stopped = true;
    quint64 m_generation = 0;
    int m_pageSize = 500;
    int m_initialBackoffMs = 500;
    int m_maximumBackoffMs = 30000;
    int m_backoffMs = 500;
    int m_watchTimeoutSeconds = 0; // 0: 5 to 10 minutes, as client-go picks
    int m_listCount = 0;
    int m_watchCount = 0;
};

} // namespace gitops::kube
