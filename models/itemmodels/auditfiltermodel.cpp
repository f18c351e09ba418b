#include "itemmodels/auditfiltermodel.h"

#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrentRun>

#include <algorithm>

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

bool AuditCriteria::accepts(const AuditTable &table, int row) const
{
    if (!table.log || row < 0 || row >= table.size())
        return false;
    const audit::AuditEvent &event = table.log->events.at(row);
    if (source && event.source != *source)
        return false;
    if (reviewed && event.reviewed != *reviewed)
        return false;
    if (!actor.isEmpty() && event.actor != actor)
        return false;
    if (!kind.isEmpty() && auditKindText(event.resource) != kind)
        return false;
    if (!filter.accepts(event))
        return false;
    if (!field.isEmpty()
        && std::none_of(event.fields.cbegin(), event.fields.cend(),
                        [&](const QString &touched) { return fieldTouches(touched, field); }))
        return false;
    return text.isEmpty() || table.searchTexts.at(row).contains(text);
}

QList<int> AuditCriteria::rowsOf(const AuditTable &table,
                                 const std::optional<QList<int>> &candidates) const
{
    QList<int> rows;
    if (candidates) {
        for (const int row : *candidates) {
            if (accepts(table, row))
                rows << row;
        }
        return rows;
    }
    const int size = table.size();
    for (int row = 0; row < size; ++row) {
        if (accepts(table, row))
            rows << row;
    }
    return rows;
}

AuditFilterModel::AuditFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
{ }

AuditFilterModel::~AuditFilterModel() = default;

void AuditFilterModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    m_events = qobject_cast<AuditEventModel *>(model);
    Q_ASSERT(m_events || !model);
    QAbstractProxyModel::setSourceModel(model);
    ++m_generation;
    forgetTexts();
    m_rows = m_events ? m_criteria.rowsOf(m_events->table()) : QList<int>();
    if (m_events) {
        // The model only ever swaps its whole table (AuditEventModel::setTable()).
        m_sourceConnections << connect(m_events, &QAbstractItemModel::modelAboutToBeReset, this,
                                       [this] { beginResetModel(); });
        m_sourceConnections << connect(m_events, &QAbstractItemModel::modelReset, this, [this] {
            // A new table is filtered at once: the rows shown must be the new table's.
            ++m_generation;
            forgetTexts();
            m_rows = m_criteria.rowsOf(m_events->table());
            m_textRows.insert(m_criteria.text, m_rows);
            endResetModel();
            Q_EMIT filtered();
        });
        m_sourceConnections << connect(m_events, &QAbstractItemModel::dataChanged, this,
                                       [this](const QModelIndex &topLeft,
                                              const QModelIndex &bottomRight,
                                              const QList<int> &roles) {
                                           const QModelIndex first = mapFromSource(topLeft);
                                           const QModelIndex last = mapFromSource(bottomRight);
                                           if (first.isValid() && last.isValid())
                                               Q_EMIT dataChanged(first, last, roles);
                                       });
    }
    endResetModel();
}

void AuditFilterModel::forgetTexts()
{
    ++m_epoch;
    m_textRows.clear();
}

std::optional<QList<int>> AuditFilterModel::candidates() const
{
    // A text that contains a text filtered before matches only rows that one matched.
    const QString *longest = nullptr;
    for (auto it = m_textRows.cbegin(); it != m_textRows.cend(); ++it) {
        if (m_criteria.text.contains(it.key()) && (!longest || it.key().size() > longest->size()))
            longest = &it.key();
    }
    if (!longest)
        return std::nullopt;
    return m_textRows.value(*longest);
}

void AuditFilterModel::refilter()
{
    ++m_generation;
    if (!m_events) {
        m_stale = false;
        swapRows({});
        Q_EMIT filtered();
        return;
    }
    if (const auto known = m_textRows.constFind(m_criteria.text); known != m_textRows.cend()) {
        m_stale = false;
        swapRows(*known);
        Q_EMIT filtered();
        return;
    }
    const std::optional<QList<int>> rows = candidates();
    if ((rows ? int(rows->size()) : m_events->table().size()) <= m_backgroundFrom) {
        m_stale = false;
        QList<int> accepted = m_criteria.rowsOf(m_events->table(), rows);
        if (m_textRows.size() >= 64)
            m_textRows.clear();
        m_textRows.insert(m_criteria.text, accepted);
        swapRows(std::move(accepted));
        Q_EMIT filtered();
        return;
    }
    m_stale = true;
    if (!m_running)
        startBackground();
}

void AuditFilterModel::startBackground()
{
    m_running = true;
    m_stale = false;
    const int generation = m_generation;
    const int epoch = m_epoch;
    // A watcher, not QFuture::then(): its finished() always comes through the event loop,
    // also when the rows are ready before it is connected, so the rows shown never change
    // inside the setter that asked.
    auto *watcher = new QFutureWatcher<QList<int>>(this);
    connect(watcher, &QFutureWatcher<QList<int>>::finished, this,
            [this, watcher, generation, epoch, text = m_criteria.text] {
                watcher->deleteLater();
                Q_ASSERT(QThread::currentThread() == thread());
                const QList<int> rows = watcher->result();
                m_running = false;
                if (epoch == m_epoch) {
                    if (m_textRows.size() >= 64)
                        m_textRows.clear();
                    m_textRows.insert(text, rows);
                }
                if (generation == m_generation) {
                    swapRows(rows);
                    Q_EMIT filtered();
                } else if (m_stale) {
                    startBackground(); // the criteria changed meanwhile: only the latest count
                }
            });
    watcher->setFuture(
        QtConcurrent::run([criteria = m_criteria, table = m_events->table(), rows = candidates()] {
            return criteria.rowsOf(table, rows);
        }));
}

void AuditFilterModel::swapRows(QList<int> rows)
{
    if (rows == m_rows)
        return; // the view keeps its layout
    // One layout change, not rowsRemoved/rowsInserted per range of rows that come and go: a
    // tree view lays out all its rows again for each, and a Backspace over 100,000 events
    // brings back thousands of ranges. Persistent indexes (the selection) follow their
    // events; those of events no longer shown become invalid.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &index : before) {
        const int sourceRow = m_rows.value(index.row(), -1);
        const auto found = std::lower_bound(rows.cbegin(), rows.cend(), sourceRow);
        after << (found != rows.cend() && *found == sourceRow
                      ? createIndex(int(found - rows.cbegin()), index.column())
                      : QModelIndex());
    }
    m_rows = std::move(rows);
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void AuditFilterModel::setFilter(const audit::AuditFilter &filter)
{
    const audit::AuditFilter &was = m_criteria.filter;
    if (filter.resource == was.resource && filter.since == was.since && filter.until == was.until)
        return;
    m_criteria.filter = filter;
    forgetTexts();
    refilter();
}

void AuditFilterModel::setActor(const QString &actor)
{
    if (actor == m_criteria.actor)
        return;
    m_criteria.actor = actor;
    forgetTexts();
    refilter();
}

void AuditFilterModel::setSource(std::optional<audit::Source> source)
{
    if (source == m_criteria.source)
        return;
    m_criteria.source = source;
    forgetTexts();
    refilter();
}

void AuditFilterModel::setKind(const QString &kind)
{
    if (kind == m_criteria.kind)
        return;
    m_criteria.kind = kind;
    forgetTexts();
    refilter();
}

void AuditFilterModel::setReviewed(std::optional<audit::Reviewed> reviewed)
{
    if (reviewed == m_criteria.reviewed)
        return;
    m_criteria.reviewed = reviewed;
    forgetTexts();
    refilter();
}

void AuditFilterModel::setField(const QString &path)
{
    if (path == m_criteria.field)
        return;
    m_criteria.field = path;
    forgetTexts();
    refilter();
}

void AuditFilterModel::setText(const QString &text)
{
    const QString lowered = text.trimmed().toLower();
    if (lowered == m_criteria.text)
        return;
    m_criteria.text = lowered;
    refilter();
}

QModelIndex AuditFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column < 0
        || column >= AuditEventModel::ColumnCount)
        return {};
    return createIndex(row, column);
}

QModelIndex AuditFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int AuditFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : AuditEventModel::ColumnCount;
}

bool AuditFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_rows.isEmpty();
}

QModelIndex AuditFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_events || !proxyIndex.isValid() || proxyIndex.model() != this
        || proxyIndex.row() >= m_rows.size())
        return {};
    return m_events->index(m_rows.at(proxyIndex.row()), proxyIndex.column());
}

QModelIndex AuditFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != m_events)
        return {};
    const auto found = std::lower_bound(m_rows.cbegin(), m_rows.cend(), sourceIndex.row());
    if (found == m_rows.cend() || *found != sourceIndex.row())
        return {};
    return createIndex(int(found - m_rows.cbegin()), sourceIndex.column());
}

const audit::AuditEvent *AuditFilterModel::event(int row) const
{
    if (!m_events || row < 0 || row >= m_rows.size())
        return nullptr;
    return m_events->event(m_rows.at(row));
}

audit::AuditLog AuditFilterModel::shownLog() const
{
    audit::AuditLog log;
    if (!m_events || !m_events->table().log)
        return log;
    log.notes = m_events->table().log->notes;
    log.events.reserve(m_rows.size());
    for (const int row : m_rows)
        log.events << *m_events->event(row);
    return log;
}

} // namespace gitops
