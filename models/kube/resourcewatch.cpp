#include "kube/resourcewatch.h"

#include "kube/kubeclient.h"
#include "logging.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace gitops::kube {

namespace {

QString resourceVersionOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"resourceVersion").toString();
}

// Lists leave apiVersion and kind out of their items; later stages want whole objects.
void completeTypeMeta(QJsonObject &object, const ApiResource &type)
{
    if (!object.contains(u"apiVersion"))
        object.insert(QStringLiteral("apiVersion"), type.apiVersion());
    if (!object.contains(u"kind"))
        object.insert(QStringLiteral("kind"), type.kind);
}

// Runs @p work on the thread pool and @p done with its result on @p context's thread.
template<typename Result, typename Work, typename Done>
void runInPool(QObject *context, Work work, Done done)
{
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, context, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(work));
}

} // namespace

ResourceWatch::ListPage ResourceWatch::parseListPage(const QByteArray &body,
                                                     const ApiResource &type)
{
    ListPage page;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        page.error = QStringLiteral("the list of %1 is not JSON (%2)")
                         .arg(type.displayName(), parseError.errorString());
        return page;
    }
    const QJsonObject list = document.object();
    const QJsonObject metadata = list.value(u"metadata").toObject();
    page.continueToken = metadata.value(u"continue").toString();
    page.resourceVersion = metadata.value(u"resourceVersion").toString();
    const QJsonArray items = list.value(u"items").toArray();
    page.items.reserve(items.size());
    for (const QJsonValue &item : items) {
        QJsonObject object = item.toObject();
        completeTypeMeta(object, type);
        page.items.append(object);
    }
    return page;
}

QList<ResourceWatch::WatchEvent> ResourceWatch::parseWatchEvents(const QList<QByteArray> &lines,
                                                                 const ApiResource &type)
{
    QList<WatchEvent> events;
    events.reserve(lines.size());
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        const QString kind = event.value(u"type").toString();
        WatchEvent parsed;
        parsed.object = event.value(u"object").toObject();
        if (kind == u"ADDED")
            parsed.type = WatchEvent::Added;
        else if (kind == u"MODIFIED")
            parsed.type = WatchEvent::Modified;
        else if (kind == u"DELETED")
            parsed.type = WatchEvent::Deleted;
        else if (kind == u"BOOKMARK")
            parsed.type = WatchEvent::Bookmark;
        else
            parsed.type = WatchEvent::Error; // ERROR, or a line that is not an event
        if (parsed.type != WatchEvent::Error && parsed.type != WatchEvent::Bookmark)
            completeTypeMeta(parsed.object, type);
        events.append(parsed);
    }
    return events;
}

QString ResourceWatch::keyOf(const QJsonObject &object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    return metadata.value(u"namespace").toString() + u'/' + metadata.value(u"name").toString();
}

ResourceWatch::ResourceWatch(KubeClient *client, const ApiResource &type,
                             const QString &namespaceName, const TrackingFilter &filter,
                             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_type(type)
    , m_namespace(type.namespaced ? namespaceName : QString())
    , m_filter(filter)
    , m_labelSelector(filter.labelSelector())
{ }

ResourceWatch::~ResourceWatch()
{
    stop();
}

void ResourceWatch::setBackoff(int initialMs, int maximumMs)
{
    m_initialBackoffMs = qMax(1, initialMs);
    m_maximumBackoffMs = qMax(m_initialBackoffMs, maximumMs);
    m_backoffMs = m_initialBackoffMs;
}

void ResourceWatch::start()
{
    if (!m_stopped)
        return;
    m_stopped = false;
    list();
}

void ResourceWatch::stop()
{
    m_stopped = true;
    ++m_generation;
    m_idleAction = nullptr;
    m_queue.clear();
    m_buffer.clear();
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
}

void ResourceWatch::retryLater(std::function<void()> action)
{
    const int delay = int(m_backoffMs * (0.5 + 0.5 * QRandomGenerator::global()->generateDouble()));
    m_backoffMs = qMin(m_backoffMs * 2, m_maximumBackoffMs);
    const quint64 generation = m_generation;
    QTimer::singleShot(delay, this, [this, generation, action] {
        if (!m_stopped && generation == m_generation)
            action();
    });
}

void ResourceWatch::whenIdle(std::function<void()> action)
{
    if (!m_parsing && m_queue.isEmpty()) {
        action();
        return;
    }
    const quint64 generation = m_generation;
    m_idleAction = [this, generation, action] {
        if (generation == m_generation)
            action();
    };
}

// --- list ---------------------------------------------------------------------------------

void ResourceWatch::list()
{
    ++m_generation;
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
    m_queue.clear();
    m_buffer.clear();
    m_pending.clear();
    m_idleAction = nullptr;
    requestPage({});
}

void ResourceWatch::requestPage(const QString &continueToken)
{
    ApiRequest request;
    request.path = m_type.collectionPath(m_namespace);
    request.query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    if (!continueToken.isEmpty())
        request.query.addQueryItem(QStringLiteral("continue"), continueToken);
    if (!m_labelSelector.isEmpty())
        request.query.addQueryItem(QStringLiteral("labelSelector"), m_labelSelector);
    request.timeoutMs = 60000;
    request.verb = QStringLiteral("list");
    request.resource = m_type.displayName();
    request.namespaceName = m_namespace;
    m_call = m_client->send(request);
    const quint64 generation = m_generation;
    connect(m_call, &ApiCall::finished, this,
            [this, generation, continueToken](const ApiResponse &response) {
                if (m_stopped || generation != m_generation)
                    return;
                m_call = nullptr;
                if (response.error.isError()) {
                    // An expired continue token (410) means starting the list over.
                    if (!(response.error.isGone() && !continueToken.isEmpty()))
                        Q_EMIT failed(response.error);
                    retryLater([this] { list(); });
                    return;
                }
                const ApiResource type = m_type;
                const QByteArray body = response.body;
                runInPool<ListPage>(
                    this, [body, type] { return parseListPage(body, type); },
                    [this, generation](const ListPage &page) {
                        if (!m_stopped && generation == m_generation)
                            pageParsed(page);
                    });
            });
}

void ResourceWatch::pageParsed(const ListPage &page)
{
    if (!page.error.isEmpty()) {
        ApiError error;
        error.kind = ApiError::Kind::Parse;
        error.message = page.error;
        error.verb = QStringLiteral("list");
        error.resource = m_type.displayName();
        error.namespaceName = m_namespace;
        error.server = m_client->server();
        Q_EMIT failed(error);
        retryLater([this] { list(); });
        return;
    }
    for (const QJsonObject &object : page.items) {
        if (m_filter.matches(object))
            m_pending.insert(keyOf(object), object);
    }
    if (!page.continueToken.isEmpty()) {
        requestPage(page.continueToken);
        return;
    }
    finishList(page.resourceVersion);
}

void ResourceWatch::finishList(const QString &resourceVersion)
{
    // Compare with what was held: after a 410 only real changes go out.
    LiveChangeSet changes;
    changes.type = m_type;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        const auto held = m_objects.constFind(it.key());
        if (held == m_objects.cend())
            changes.added.append(it.value());
        else if (resourceVersionOf(*held) != resourceVersionOf(it.value()))
            changes.modified.append(it.value());
    }
    for (auto it = m_objects.cbegin(); it != m_objects.cend(); ++it) {
        if (!m_pending.contains(it.key()))
            changes.deleted.append(it.value());
    }
    m_objects = std::exchange(m_pending, {});
    m_resourceVersion = resourceVersion;
    m_backoffMs = m_initialBackoffMs;
    ++m_listCount;
    qCDebug(lcKube).noquote() << "listed" << m_objects.size() << m_type.displayName() << "at"
                              << resourceVersion;
    if (!changes.isEmpty())
        Q_EMIT changed(changes);
    if (m_stopped)
        return;
    Q_EMIT synced();
    if (!m_stopped)
        startWatch();
}

// --- watch --------------------------------------------------------------------------------

void ResourceWatch::startWatch()
{
    ++m_generation;
    m_buffer.clear();
    const int timeoutSeconds = m_watchTimeoutSeconds > 0
        ? m_watchTimeoutSeconds
        : 300 + int(QRandomGenerator::global()->bounded(300));
    ApiRequest request;
    request.path = m_type.collectionPath(m_namespace);
    request.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    request.query.addQueryItem(QStringLiteral("resourceVersion"), m_resourceVersion);
    request.query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    request.query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(timeoutSeconds));
    if (!m_labelSelector.isEmpty())
        request.query.addQueryItem(QStringLiteral("labelSelector"), m_labelSelector);
    request.stream = true;
    // Silence longer than this means a dead connection: servers send bookmarks about
    // once a minute.
    request.timeoutMs = (timeoutSeconds + 90) * 1000;
    request.verb = QStringLiteral("watch");
    request.resource = m_type.displayName();
    request.namespaceName = m_namespace;
    ++m_watchCount;
    m_call = m_client->send(request);
    const quint64 generation = m_generation;
    connect(m_call, &ApiCall::dataReceived, this, [this, generation](const QByteArray &bytes) {
        if (!m_stopped && generation == m_generation)
            watchData(bytes);
    });
    connect(m_call, &ApiCall::finished, this, [this, generation](const ApiResponse &response) {
        if (m_stopped || generation != m_generation)
            return;
        m_call = nullptr;
        watchFinished(response.error);
    });
}

QList<QByteArray> ResourceWatch::takeLines(QByteArray &buffer, const QByteArray &chunk)
{
    buffer += chunk;
    const qsizetype end = buffer.lastIndexOf('\n');
    if (end < 0)
        return {};
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.remove(0, end + 1);
    return lines;
}

void ResourceWatch::watchData(const QByteArray &bytes)
{
    const QList<QByteArray> lines = takeLines(m_buffer, bytes);
    if (lines.isEmpty())
        return;
    m_queue += lines;
    parseNext();
}

void ResourceWatch::parseNext()
{
    if (m_parsing)
        return;
    if (m_queue.isEmpty()) {
        if (m_idleAction)
            std::exchange(m_idleAction, nullptr)();
        return;
    }
    m_parsing = true;
    const QList<QByteArray> lines = std::exchange(m_queue, {});
    const ApiResource type = m_type;
    const quint64 generation = m_generation;
    runInPool<QList<WatchEvent>>(
        this, [lines, type] { return parseWatchEvents(lines, type); },
        [this, generation](const QList<WatchEvent> &events) {
            m_parsing = false;
            if (!m_stopped && generation == m_generation)
                applyEvents(events);
            if (!m_stopped)
                parseNext();
        });
}

void ResourceWatch::emitChanges(const QHash<QString, std::optional<QJsonObject>> &before)
{
    LiveChangeSet changes;
    changes.type = m_type;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const auto now = m_objects.constFind(it.key());
        const bool existed = it.value().has_value();
        if (now != m_objects.cend())
            (existed ? changes.modified : changes.added).append(*now);
        else if (existed)
            changes.deleted.append(*it.value());
    }
    if (!changes.isEmpty())
        Q_EMIT changed(changes);
}

void ResourceWatch::applyEvents(const QList<WatchEvent> &events)
{
    // Events of a batch go out as one change set: per object, what it was before against
    // what it is after.
    QHash<QString, std::optional<QJsonObject>> before;
    const auto touch = [this, &before](const QString &key) {
        if (before.contains(key)) {
            // A second change of one object in this batch: send what came before first, so
            // that every event reaches later stages (none lost, none merged away).
            emitChanges(before);
            before.clear();
        }
        const auto held = m_objects.constFind(key);
        before.insert(key,
                      held == m_objects.cend() ? std::nullopt : std::optional<QJsonObject>(*held));
    };
    for (const WatchEvent &event : events) {
        if (event.type == WatchEvent::Error) {
            const int code = event.object.value(u"code").toInt();
            emitChanges(before);
            if (code == 410) {
                qCDebug(lcKube).noquote()
                    << "watch of" << m_type.displayName() << "expired (410 Gone): listing again";
                list();
                return;
            }
            ApiError error = ApiError::fromStatus(code, QJsonDocument(event.object).toJson());
            error.verb = QStringLiteral("watch");
            error.resource = m_type.displayName();
            error.namespaceName = m_namespace;
            error.server = m_client->server();
            Q_EMIT failed(error);
            ++m_generation; // drop the rest of this stream
            if (m_call)
                m_call->cancel();
            m_call = nullptr;
            retryLater([this] { startWatch(); });
            return;
        }
        const QString version = resourceVersionOf(event.object);
        if (!version.isEmpty())
            m_resourceVersion = version;
        m_backoffMs = m_initialBackoffMs;
        if (event.type == WatchEvent::Bookmark)
            continue;
        const QString key = keyOf(event.object);
        if (event.type == WatchEvent::Deleted) {
            if (m_objects.contains(key)) {
                touch(key);
                m_objects.remove(key);
            }
            continue;
        }
        const auto held = m_objects.constFind(key);
        if (!m_filter.matches(event.object)) {
            // No longer (or never) the app's: for this view it is gone.
            if (held != m_objects.cend()) {
                touch(key);
                m_objects.remove(key);
            }
            continue;
        }
        if (held != m_objects.cend() && resourceVersionOf(*held) == version)
            continue; // seen already
        touch(key);
        m_objects.insert(key, event.object);
    }
    emitChanges(before);
}

void ResourceWatch::watchFinished(const ApiError &error)
{
    // Events still being parsed move the resourceVersion: resume only after them.
    whenIdle([this, error] {
        if (m_stopped)
            return;
        if (error.isGone()) {
            list();
            return;
        }
        if (error.isError()) {
            Q_EMIT failed(error);
            retryLater([this] { startWatch(); });
            return;
        }
        // The server ended the watch (its timeout, or a cut connection): resume.
        retryLater([this] { startWatch(); });
    });
}

} // namespace gitops::kube
