#include "store.h"

#include <QJsonDocument>

namespace kubeemu {

namespace {

QString nameOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"name").toString();
}

QString namespaceOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"namespace").toString();
}

} // namespace

Store::Store(QObject *parent)
    : QObject(parent)
{ }

quint64 Store::oldestRetained() const
{
    // Every change after this revision is still in the history.
    return m_compactedThrough;
}

const StoredObject *Store::get(const QString &storageKey, const QString &ns,
                               const QString &name) const
{
    const auto type = m_objects.constFind(storageKey);
    if (type == m_objects.constEnd())
        return nullptr;
    const auto it = type->constFind(keyOf(ns, name));
    return it == type->constEnd() ? nullptr : &*it;
}

QList<const StoredObject *> Store::list(const QString &storageKey, const QString &ns,
                                        const QString &after) const
{
    QList<const StoredObject *> result;
    const auto type = m_objects.constFind(storageKey);
    if (type == m_objects.constEnd())
        return result;
    const QString prefix = ns.isEmpty() ? QString() : ns + u'/';
    auto it = after.isEmpty() ? (prefix.isEmpty() ? type->constBegin() : type->lowerBound(prefix))
                              : type->upperBound(after);
    for (; it != type->constEnd(); ++it) {
        if (!prefix.isEmpty() && !it.key().startsWith(prefix))
            break;
        result << &*it;
    }
    return result;
}

qsizetype Store::count(const QString &storageKey) const
{
    return m_objects.value(storageKey).size();
}

qsizetype Store::totalCount() const
{
    qsizetype total = 0;
    for (const auto &type : m_objects)
        total += type.size();
    return total;
}

const StoredObject &Store::put(const QString &storageKey, QJsonObject object)
{
    const quint64 revision = ++m_revision;
    QJsonObject metadata = object.value(u"metadata").toObject();
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(revision));
    object.insert(QStringLiteral("metadata"), metadata);

    const QString ns = namespaceOf(object);
    const QString name = nameOf(object);
    auto &objects = m_objects[storageKey];
    const QString key = keyOf(ns, name);
    const bool existed = objects.contains(key);
    StoredObject &stored = objects[key];
    const QJsonObject previous = stored.object;
    stored.object = object;
    stored.json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    stored.revision = revision;

    record({existed ? StoreEvent::Modified : StoreEvent::Added, storageKey, ns, name, stored.object,
            stored.json, revision, previous});
    return stored;
}

StoredObject Store::remove(const QString &storageKey, const QString &ns, const QString &name)
{
    StoredObject last = m_objects[storageKey].take(keyOf(ns, name));
    const quint64 revision = ++m_revision;
    QJsonObject metadata = last.object.value(u"metadata").toObject();
    metadata.insert(QStringLiteral("resourceVersion"), QString::number(revision));
    last.object.insert(QStringLiteral("metadata"), metadata);
    last.json = QJsonDocument(last.object).toJson(QJsonDocument::Compact);
    last.revision = revision;
    record({StoreEvent::Deleted, storageKey, ns, name, last.object, last.json, revision, {}});
    return last;
}

QList<StoreEvent> Store::eventsAfter(quint64 revision) const
{
    QList<StoreEvent> result;
    // History is ordered by revision; walk back from the end to the first newer event.
    auto it = m_history.end();
    while (it != m_history.begin() && std::prev(it)->revision > revision)
        --it;
    for (; it != m_history.end(); ++it)
        result << *it;
    return result;
}

void Store::compact()
{
    m_compactedThrough = m_revision;
    m_history.clear();
}

void Store::record(StoreEvent event)
{
    m_history.push_back(event);
    while (qsizetype(m_history.size()) > m_historyLimit) {
        m_compactedThrough = m_history.front().revision;
        m_history.pop_front();
    }
    Q_EMIT changed(event);
}

} // namespace kubeemu
