#pragma once

#include "objectselectors.h"
#include "store.h"
#include "typeregistry.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QTimer;

namespace testhttp {
class Connection;
}

namespace kubeemu {

/// What one watch asks for, from its request.
struct WatchRequest
{
    ResourceType type;
    QString ns; ///< empty: every namespace
    ObjectSelectors selectors;
    bool table = false; ///< events carry Tables (kubectl get -w)
    QString includeObject;
    QString resourceVersion; ///< from where; empty or "0": the current state first
    bool bookmarks = false;
    int timeoutSeconds = 0; ///< 0: the server's 30 minutes
};

/// The open watch streams of an API server: each a chunked response that carries the
/// store's events for one type (in one namespace, through selectors) as JSON lines, from a
/// resourceVersion on (410 Gone as an ERROR event when that is compacted away), with
/// bookmarks and a timeout, until the client goes or the stream is cut (faults). Owns its
/// streams, not the connections. Lives on the server's thread.
class WatchStreams : public QObject
{
    Q_OBJECT

public:
    /// @p cutAfter: after how many events every stream is cut (0: never), asked per event.
    WatchStreams(const Store &store, std::function<int()> cutAfter, QObject *parent = nullptr);
    ~WatchStreams() override;

    /// Answers @p connection's request with a stream.
    void open(testhttp::Connection *connection, const WatchRequest &request);
    void setBookmarkInterval(int milliseconds) { m_bookmarkIntervalMs = milliseconds; }

private:
    struct Stream;

    void deliver(const StoreEvent &event);
    void send(Stream *stream, const QByteArray &type, const QByteArray &objectJson,
              const QJsonObject &object);
    void end(Stream *stream);

    const Store &m_store;
    std::function<int()> m_cutAfter;
    QList<Stream *> m_streams;
    int m_bookmarkIntervalMs = 60000;
};

} // namespace kubeemu
