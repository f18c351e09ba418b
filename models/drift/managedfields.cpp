#include "drift/managedfields.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gitops::drift {

namespace {

bool isMember(const QJsonObject &node)
{
    return node.isEmpty() || node.contains(QLatin1String("."));
}

// Finds a `k:` child whose key object equals @p element's, for spellings that differ from
// ours (key order, number format).
bool findKeyed(const QJsonObject &node, const QString &element, QJsonObject *child)
{
    const QJsonObject wanted =
        QJsonDocument::fromJson(QStringView(element).mid(2).toUtf8()).object();
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it.key().startsWith(QLatin1String("k:")))
            continue;
        if (QJsonDocument::fromJson(QStringView(it.key()).mid(2).toUtf8()).object() == wanted) {
            *child = it.value().toObject();
            return true;
        }
    }
    return false;
}

} // namespace

ManagedFields::ManagedFields(const QJsonObject &liveObject)
{
    const QJsonArray entries = liveObject.value(QLatin1String("metadata"))
                                   .toObject()
                                   .value(QLatin1String("managedFields"))
                                   .toArray();
    m_entries.reserve(entries.size());
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        Entry e;
        e.writer.manager = entry.value(QLatin1String("manager")).toString();
        e.writer.operation = entry.value(QLatin1String("operation")).toString();
        e.writer.subresource = entry.value(QLatin1String("subresource")).toString();
        // Parsed when a difference asks for its writer: most comparisons never do.
        e.timeText = entry.value(QLatin1String("time")).toString();
        e.fields = entry.value(QLatin1String("fieldsV1")).toObject();
        m_entries.append(e);
    }
}

FieldWriter ManagedFields::newestWriter(const QJsonObject &liveObject)
{
    // managedFields times are RFC 3339 in UTC ("2026-11-29T07:30:00Z"): as text they sort
    // like the times they name, so only the newest is parsed.
    const QJsonArray entries = liveObject.value(QLatin1String("metadata"))
                                   .toObject()
                                   .value(QLatin1String("managedFields"))
                                   .toArray();
    QJsonObject newest;
    QString newestTime;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QString time = entry.value(QLatin1String("time")).toString();
        if (!time.isEmpty() && time >= newestTime) {
            newestTime = time;
            newest = entry;
        }
    }
    FieldWriter writer;
    if (newestTime.isEmpty())
        return writer;
    writer.manager = newest.value(QLatin1String("manager")).toString();
    writer.operation = newest.value(QLatin1String("operation")).toString();
    writer.subresource = newest.value(QLatin1String("subresource")).toString();
    writer.time = QDateTime::fromString(newestTime, Qt::ISODate);
    return writer;
}

QString ManagedFields::keyElement(const QJsonObject &keys)
{
    return QLatin1String("k:")
        + QString::fromUtf8(QJsonDocument(keys).toJson(QJsonDocument::Compact));
}

QString ManagedFields::valueElement(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QLatin1String("v:") + QString::fromUtf8(json.mid(1, json.size() - 2));
}

bool ManagedFields::nodeAt(qsizetype index, const QStringList &path, qsizetype depth,
                           QJsonObject *node) const
{
    QJsonObject current = m_entries.at(index).fields;
    for (qsizetype i = 0; i < depth; ++i) {
        const QString &element = path.at(i);
        const auto it = current.constFind(element);
        if (it != current.constEnd()) {
            current = it.value().toObject();
            continue;
        }
        QJsonObject child;
        if (element.startsWith(QLatin1String("k:")) && findKeyed(current, element, &child)) {
            current = child;
            continue;
        }
        return false;
    }
    *node = current;
    return true;
}

bool ManagedFields::owns(qsizetype index, const QStringList &path) const
{
    QJsonObject current = m_entries.at(index).fields;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QString &element = path.at(i);
        const auto it = current.constFind(element);
        QJsonObject child;
        if (it != current.constEnd())
            child = it.value().toObject();
        else if (!(element.startsWith(QLatin1String("k:")) && findKeyed(current, element, &child)))
            return false;
        current = child;
    }
    return isMember(current);
}

FieldWriter ManagedFields::lastWriter(const QStringList &path) const
{
    for (qsizetype depth = path.size(); depth > 0; --depth) {
        FieldWriter best;
        for (qsizetype i = 0; i < m_entries.size(); ++i) {
            QJsonObject node;
            if (!nodeAt(i, path, depth, &node) || !isMember(node))
                continue;
            FieldWriter writer = m_entries.at(i).writer;
            writer.time = QDateTime::fromString(m_entries.at(i).timeText, Qt::ISODate);
            if (!best.isValid() || writer.time > best.time)
                best = writer;
        }
        if (best.isValid())
            return best;
    }
    return {};
}

} // namespace gitops::drift
