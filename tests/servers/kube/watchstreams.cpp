#include "watchstreams.h"

#include "apistatus.h"
#include "connection.h"
#include "table.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

namespace kubeemu {

// One stream. A QObject so that its timers and connections end with it; deleted later,
// never inside one of its own signals.
struct WatchStreams::Stream : QObject
{
    QPointer<testhttp::Connection> connection;
    WatchRequest request;
    bool tableColumnsSent = false;
    int eventsSent = 0;
    QTimer *bookmarks = nullptr;
    QTimer *timeout = nullptr;
};

WatchStreams::WatchStreams(const Store &store, std::function<int()> cutAfter, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_cutAfter(std::move(cutAfter))
{
    connect(&m_store, &Store::changed, this, &WatchStreams::deliver);
}

WatchStreams::~WatchStreams() = default;

void WatchStreams::open(testhttp::Connection *connection, const WatchRequest &request)
{
    auto *stream = new Stream;
    stream->setParent(this);
    stream->connection = connection;
    stream->request = request;
    const ResourceType &type = request.type;
    const quint64 from = request.resourceVersion.toULongLong();
    connection->beginStream(200, "application/json");
    m_streams << stream;
    connect(connection, &testhttp::Connection::closed, stream, [this, stream] {
        if (m_streams.contains(stream))
            end(stream);
    });

    if (request.resourceVersion.isEmpty() || request.resourceVersion == u"0") {
        // "Any" or "most recent": the current state as synthetic ADDED events first.
        for (const StoredObject *stored : m_store.list(type.storageKey(), request.ns)) {
            if (!m_streams.contains(stream))
                return;
            if (request.selectors.matches(stored->object))
                send(stream, "ADDED", stored->json, stored->object);
        }
    } else if (from < m_store.oldestRetained()) {
        const ApiError gone = ApiError::gone(QStringLiteral("too old resource version: %1 (%2)")
                                                 .arg(from)
                                                 .arg(m_store.oldestRetained()));
        const QJsonObject status = gone.toStatus();
        send(stream, "ERROR", QJsonDocument(status).toJson(QJsonDocument::Compact), status);
        end(stream);
        return;
    } else {
        for (const StoreEvent &event : m_store.eventsAfter(from)) {
            if (!m_streams.contains(stream))
                return;
            if (event.storageKey == type.storageKey())
                deliver(event);
        }
    }
    if (!m_streams.contains(stream))
        return;

    if (request.bookmarks) {
        stream->bookmarks = new QTimer(stream);
        connect(stream->bookmarks, &QTimer::timeout, stream, [this, stream] {
            const ResourceType &type = stream->request.type;
            const QJsonObject bookmark{
                {QStringLiteral("kind"), type.kind},
                {QStringLiteral("apiVersion"), type.apiVersion()},
                {QStringLiteral("metadata"),
                 QJsonObject{
                     {QStringLiteral("resourceVersion"), QString::number(m_store.revision())},
                     {QStringLiteral("annotations"),
                      QJsonObject{{QStringLiteral("k8s.io/initial-events-end"),
                                   QStringLiteral("true")}}}}}};
            send(stream, "BOOKMARK", QJsonDocument(bookmark).toJson(QJsonDocument::Compact),
                 bookmark);
        });
        stream->bookmarks->start(m_bookmarkIntervalMs);
    }
    stream->timeout = new QTimer(stream);
    stream->timeout->setSingleShot(true);
    connect(stream->timeout, &QTimer::timeout, stream, [this, stream] {
        if (m_streams.contains(stream))
            end(stream);
    });
    stream->timeout->start((request.timeoutSeconds > 0 ? request.timeoutSeconds : 1800) * 1000);
}

void WatchStreams::deliver(const StoreEvent &event)
{
    const QList<Stream *> streams = m_streams;
    for (Stream *stream : streams) {
        const WatchRequest &request = stream->request;
        if (!m_streams.contains(stream) || request.type.storageKey() != event.storageKey)
            continue;
        if (!request.ns.isEmpty() && request.ns != event.ns)
            continue;
        const bool now = request.selectors.matches(event.object);
        const bool before =
            event.type == StoreEvent::Modified ? request.selectors.matches(event.previous) : now;
        QByteArray type;
        switch (event.type) {
        case StoreEvent::Added:
            type = now ? "ADDED" : QByteArray();
            break;
        case StoreEvent::Deleted:
            type = now ? "DELETED" : QByteArray();
            break;
        case StoreEvent::Modified:
            // An object that starts or stops matching a selector appears or disappears.
            type = now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : QByteArray();
            break;
        }
        if (!type.isEmpty())
            send(stream, type, event.json, event.object);
    }
}

void WatchStreams::send(Stream *stream, const QByteArray &type, const QByteArray &objectJson,
                        const QJsonObject &object)
{
    if (!m_streams.contains(stream))
        return;
    if (!stream->connection) {
        end(stream);
        return;
    }
    QByteArray line;
    if (stream->request.table && type != "ERROR" && type != "BOOKMARK") {
        const QJsonObject rendered =
            table::render(stream->request.type, {object},
                          {{QStringLiteral("resourceVersion"),
                            object.value(u"metadata").toObject().value(u"resourceVersion")}},
                          stream->request.includeObject, !stream->tableColumnsSent,
                          QDateTime::currentDateTimeUtc());
        stream->tableColumnsSent = true;
        line = "{\"type\":\"" + type
            + "\",\"object\":" + QJsonDocument(rendered).toJson(QJsonDocument::Compact) + "}\n";
    } else {
        line = "{\"type\":\"" + type + "\",\"object\":" + objectJson + "}\n";
    }
    stream->connection->writeChunk(line);
    ++stream->eventsSent;
    const int cutAfter = m_cutAfter ? m_cutAfter() : 0;
    if (cutAfter > 0 && type != "BOOKMARK" && stream->eventsSent >= cutAfter)
        end(stream);
}

void WatchStreams::end(Stream *stream)
{
    if (!m_streams.removeOne(stream))
        return;
    if (stream->connection && stream->connection->isStreaming())
        stream->connection->endStream();
    if (stream->bookmarks)
        stream->bookmarks->stop();
    if (stream->timeout)
        stream->timeout->stop();
    stream->deleteLater();
}

} // namespace kubeemu
