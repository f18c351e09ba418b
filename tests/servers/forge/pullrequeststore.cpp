#include "pullrequeststore.h"

namespace localforge {

namespace {

QJsonValue timestamp(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString stateName(PullRequestRecord::State state)
{
    switch (state) {
    case PullRequestRecord::State::Open:
        return QStringLiteral("open");
    case PullRequestRecord::State::Closed:
        return QStringLiteral("closed");
    case PullRequestRecord::State::Merged:
        return QStringLiteral("merged");
    }
    return {};
}

} // namespace

QJsonObject PullRequestRecord::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("number"), number},
        {QStringLiteral("project"), project},
        {QStringLiteral("title"), title},
        {QStringLiteral("body"), body},
        {QStringLiteral("head"), head},
        {QStringLiteral("base"), base},
        {QStringLiteral("headSha"), headSha},
        {QStringLiteral("draft"), draft},
        {QStringLiteral("labels"), QJsonArray::fromStringList(labels)},
        {QStringLiteral("reviewers"), QJsonArray::fromStringList(reviewers)},
        {QStringLiteral("author"), author},
        {QStringLiteral("mergedBy"), mergedBy},
        {QStringLiteral("state"), stateName(state)},
        {QStringLiteral("mergeCommit"),
         mergeCommit.isEmpty() ? QJsonValue() : QJsonValue(mergeCommit)},
        {QStringLiteral("createdAt"), timestamp(createdAt)},
        {QStringLiteral("closedAt"), timestamp(closedAt)},
        {QStringLiteral("mergedAt"), timestamp(mergedAt)},
    };
}

PullRequestRecord &PullRequestStore::add(PullRequestRecord record)
{
    record.id = ++m_lastId;
    record.number = ++m_lastNumber[record.project];
    record.createdAt = QDateTime::currentDateTimeUtc();
    record.updatedAt = record.createdAt;
    m_records.append(record);
    return m_records.last();
}

PullRequestRecord *PullRequestStore::find(const QString &project, int number)
{
    for (PullRequestRecord &record : m_records) {
        if (record.project == project && record.number == number)
            return &record;
    }
    return nullptr;
}

QList<PullRequestRecord> PullRequestStore::forProject(const QString &project) const
{
    QList<PullRequestRecord> result;
    for (const PullRequestRecord &record : m_records) {
        if (record.project == project)
            result.append(record);
    }
    return result;
}

const PullRequestRecord *PullRequestStore::open(const QString &project, const QString &head,
                                                const QString &base) const
{
    for (const PullRequestRecord &record : m_records) {
        if (record.project == project && record.head == head && record.base == base
            && record.state == PullRequestRecord::State::Open)
            return &record;
    }
    return nullptr;
}

QJsonArray PullRequestStore::toJson() const
{
    QJsonArray result;
    for (const PullRequestRecord &record : m_records)
        result.append(record.toJson());
    return result;
}

qint64 PullRequestStore::projectId(const QString &project)
{
    auto it = m_projectIds.find(project);
    if (it == m_projectIds.end())
        it = m_projectIds.insert(project, 1000 + m_projectIds.size() + 1);
    return it.value();
}

QString PullRequestStore::projectForId(qint64 id) const
{
    return m_projectIds.key(id);
}

} // namespace localforge
