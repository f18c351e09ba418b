#include "itemmodels/auditfiltermodel.h"

#include "itemmodels/auditeventmodel.h"

namespace gitops {

namespace {

bool isUnder(const QString &inner, const QString &outer)
{
    // A child path goes on with ".", "[" after its parent's.
    return inner.size() > outer.size() && inner.startsWith(outer)
        && (inner.at(outer.size()) == u'.' || inner.at(outer.size()) == u'[');
}

} // namespace

bool fieldTouches(const QString &touched, const QString &path)
{
    return touched == path || isUnder(touched, path) || isUnder(path, touched);
}

AuditFilterModel::AuditFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // The log is newest first already; sorting 100,000 rows per keystroke is what must not
    // happen, so the proxy never sorts.
    setDynamicSortFilter(false);
}

void AuditFilterModel::setSourceModel(QAbstractItemModel *model)
{
    m_events = qobject_cast<AuditEventModel *>(model);
    Q_ASSERT(m_events || !model);
    QSortFilterProxyModel::setSourceModel(model);
}

void AuditFilterModel::refilter()
{
    // One layout change, not invalidateRowsFilter()'s rowsRemoved/rowsInserted per range of
    // rows that come and go: a tree view lays out all its rows again for each, and a
    // Backspace over 100,000 events brings back thousands of ranges (bench_auditfilter: the
    // GUI stalled 700 ms). Persistent indexes (the selection) follow the layout change.
    invalidate();
}

void AuditFilterModel::setFilter(const audit::AuditFilter &filter)
{
    m_filter = filter;
    refilter();
}

void AuditFilterModel::setActor(const QString &actor)
{
    if (actor == m_actor)
        return;
    m_actor = actor;
    refilter();
}

void AuditFilterModel::setSource(std::optional<audit::Source> source)
{
    if (source == m_source)
        return;
    m_source = source;
    refilter();
}

void AuditFilterModel::setKind(const QString &kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    refilter();
}

void AuditFilterModel::setReviewed(std::optional<audit::Reviewed> reviewed)
{
    if (reviewed == m_reviewed)
        return;
    m_reviewed = reviewed;
    refilter();
}

void AuditFilterModel::setField(const QString &path)
{
    if (path == m_field)
        return;
    m_field = path;
    refilter();
}

void AuditFilterModel::setText(const QString &text)
{
    const QString lowered = text.trimmed().toLower();
    if (lowered == m_text)
        return;
    m_text = lowered;
    refilter();
}

bool AuditFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_events)
        return false;
    const audit::AuditEvent *event = m_events->event(sourceRow);
    if (!event)
        return false;
    if (m_source && event->source != *m_source)
        return false;
    if (m_reviewed && event->reviewed != *m_reviewed)
        return false;
    if (!m_actor.isEmpty() && event->actor != m_actor)
        return false;
    if (!m_kind.isEmpty() && auditKindText(event->resource) != m_kind)
        return false;
    if (!m_filter.accepts(*event))
        return false;
    if (!m_field.isEmpty()
        && std::none_of(event->fields.cbegin(), event->fields.cend(),
                        [&](const QString &touched) { return fieldTouches(touched, m_field); }))
        return false;
    return m_text.isEmpty() || m_events->table().searchTexts.at(sourceRow).contains(m_text);
}

const audit::AuditEvent *AuditFilterModel::event(int row) const
{
    if (!m_events)
        return nullptr;
    return m_events->event(mapToSource(index(row, 0)).row());
}

audit::AuditLog AuditFilterModel::shownLog() const
{
    audit::AuditLog log;
    if (!m_events || !m_events->table().log)
        return log;
    log.notes = m_events->table().log->notes;
    const int rows = rowCount();
    log.events.reserve(rows);
    for (int row = 0; row < rows; ++row)
        log.events << *event(row);
    return log;
}

} // namespace gitops
