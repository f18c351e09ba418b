#include "driftfiltermodel.h"

#include "itemmodels/drifttreemodel.h"

namespace gitops {

DriftFilterModel::DriftFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void DriftFilterModel::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
}

void DriftFilterModel::setStatuses(const QSet<Status> &statuses)
{
    m_statuses = statuses;
    invalidateRowsFilter();
}

void DriftFilterModel::setKind(const QString &kind)
{
    m_kind = kind;
    invalidateRowsFilter();
}

void DriftFilterModel::setNamespace(const std::optional<QString> &namespaceName)
{
    m_namespace = namespaceName;
    invalidateRowsFilter();
}

bool DriftFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!isFiltering())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    using NodeType = DriftTreeModel::NodeType;
    // Groups are shown through their resources (recursive filtering), never on their own.
    if (index.data(DriftTreeModel::NodeTypeRole).value<NodeType>() != NodeType::Resource)
        return false;

    if (!m_statuses.isEmpty()) {
        const auto sync = drift::SyncStatus(index.data(DriftTreeModel::SyncRole).toInt());
        const auto health = drift::Health::Status(index.data(DriftTreeModel::HealthRole).toInt());
        const bool matches =
            (m_statuses.contains(Status::OutOfSync) && sync == drift::SyncStatus::OutOfSync)
            || (m_statuses.contains(Status::Missing) && sync == drift::SyncStatus::Missing)
            || (m_statuses.contains(Status::Extraneous) && sync == drift::SyncStatus::Extraneous)
            || (m_statuses.contains(Status::Degraded) && health == drift::Health::Status::Degraded)
            || (m_statuses.contains(Status::Progressing)
                && health == drift::Health::Status::Progressing);
        if (!matches)
            return false;
    }
    if (const drift::ResourceDrift *resource =
            static_cast<const DriftTreeModel *>(sourceModel())->resource(index)) {
        if (m_namespace && resource->id.namespaceName != *m_namespace)
            return false;
        if (!m_kind.isEmpty() && DriftTreeModel::kindName(resource->id) != m_kind)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    // The key holds app, namespace, kind and name.
    QStringList haystack{index.data(DriftTreeModel::KeyRole).toString()};
    haystack << index.data(DriftTreeModel::LabelsRole).toStringList();
    for (const QString &text : std::as_const(haystack)) {
        if (text.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

namespace {

// Severity for sorting: what could not be compared ranks above Synced but below every kind
// of drift (Unknown is not drift).
int syncRank(const QModelIndex &index)
{
    switch (drift::SyncStatus(index.data(DriftTreeModel::SyncRole).toInt())) {
    case drift::SyncStatus::Synced:
        return 0;
    case drift::SyncStatus::Unknown:
        return 1;
    case drift::SyncStatus::OutOfSync:
        return 2;
    case drift::SyncStatus::Missing:
        return 3;
    case drift::SyncStatus::Extraneous:
        return 4;
    }
    return 0;
}

} // namespace

bool DriftFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    switch (left.column()) {
    case DriftTreeModel::SyncColumn:
        return syncRank(left) < syncRank(right);
    case DriftTreeModel::HealthColumn:
        return left.data(DriftTreeModel::HealthRole).toInt()
            < right.data(DriftTreeModel::HealthRole).toInt();
    case DriftTreeModel::LastChangeColumn: {
        const QDateTime a = left.data().toDateTime();
        const QDateTime b = right.data().toDateTime();
        return a.isValid() != b.isValid() ? b.isValid() : a < b;
    }
    default:
        return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
    }
}

} // namespace gitops
