#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>

#include <deque>

namespace kubeemu {

/// A stored object with its compact JSON, kept so that lists and watches serialise each
/// object once per change rather than once per reader.
struct StoredObject
{
    QJsonObject object;
    QByteArray json;
    quint64 revision = 0;
};

/// One change, as watches deliver it.
struct StoreEvent
{
    enum Type { Added, Modified, Deleted };
    Type type = Added;
    QString storageKey; ///< "apps/deployments"
    QString ns;
    QString name;
    QJsonObject object;
    QByteArray json;
    quint64 revision = 0;
    QJsonObject previous; ///< the state before a modification
};

/// The server's object store: objects per type, one global increasing resourceVersion (as
/// etcd's revision), and a bounded history of changes for watches that resume from an
/// older version. Lives on the server's thread.
class Store : public QObject
{
    Q_OBJECT

public:
    explicit Store(QObject *parent = nullptr);

    quint64 revision() const { return m_revision; }
    /// The oldest revision a watch may resume from; older ones get 410 Gone.
    quint64 oldestRetained() const;

    const StoredObject *get(const QString &storageKey, const QString &ns,
                            const QString &name) const;
    /// Objects of a type in key order (namespace, then name), optionally in one namespace,
    /// starting after @p after ("ns/name", exclusive).
    QList<const StoredObject *> list(const QString &storageKey, const QString &ns,
                                     const QString &after = {}) const;
    qsizetype count(const QString &storageKey) const;
    qsizetype totalCount() const;

    /// Stores @p object (setting metadata.resourceVersion) and records the change.
    const StoredObject &put(const QString &storageKey, QJsonObject object);
    /// Removes the object; returns the last state with the deletion's resourceVersion.
    StoredObject remove(const QString &storageKey, const QString &ns, const QString &name);

    /// Changes after @p revision, oldest first, for resuming watches.
    QList<StoreEvent> eventsAfter(quint64 revision) const;
    /// Forgets the change history (a real server's compaction): watches from any older
    /// version get 410 Gone.
    void compact();
    void setHistoryLimit(qsizetype limit) { m_historyLimit = limit; }

    static QString keyOf(const QString &ns, const QString &name) { return ns + u'/' + name; }

Q_SIGNALS:
    void changed(const kubeemu::StoreEvent &event);

private:
    void record(StoreEvent event);

    QHash<QString, QMap<QString, StoredObject>> m_objects;
    quint64 m_revision = 1;
    quint64 m_compactedThrough = 0;
    std::deque<StoreEvent> m_history;
    qsizetype m_historyLimit = 20000;
};

} // namespace kubeemu
