#pragma once

#include "audit/auditlog.h"
#include "itemmodels/auditeventmodel.h"

#include <QAbstractProxyModel>
#include <QHash>
#include <QList>

#include <optional>

namespace gitops {

/// What AuditFilterModel keeps: the CLI's AuditFilter (one resource with the app's own
/// events, a time range), an actor, a source, a resource kind, reviewed or not, a field
/// touched, and text (lowercased; in the actor, source, app, resource, fields and summary).
struct AuditCriteria
{
    audit::AuditFilter filter;
    QString actor; ///< "" for every actor
    std::optional<audit::Source> source;
    QString kind; ///< auditKindText(); "" for all, events of the whole app included
    std::optional<audit::Reviewed> reviewed;
    QString field; ///< "" for every event
    QString text; ///< lowercased, trimmed

    bool accepts(const AuditTable &table, int row) const;
    /// The rows of @p table accepted, ascending; of @p candidates (ascending) only when
    /// given. Pure; any thread.
    QList<int> rowsOf(const AuditTable &table,
                      const std::optional<QList<int>> &candidates = std::nullopt) const;
};

/// Filters an AuditEventModel's rows, keeping their order (newest first), by AuditCriteria.
/// Every test is a comparison over the table's prepared values. A table of up to
/// backgroundFrom() events filters at once; a larger one filters on the thread pool into a
/// new list of rows, swapped in with one layout change when it is done (the rows shown until
/// then stay valid), and a swap that leaves the same rows changes nothing, so the view lays
/// out its rows again only when they differ. Typing on narrows: a text that contains a text
/// filtered before searches only that text's rows (at once when they are few), and the rows
/// of the texts filtered since the other criteria last changed are kept, so a Backspace
/// swaps them back without searching. The rows of a new table (the source model's reset)
/// are filtered at once. GUI thread.
class AuditFilterModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit AuditFilterModel(QObject *parent = nullptr);
    ~AuditFilterModel() override;

    /// Must be an AuditEventModel.
    void setSourceModel(QAbstractItemModel *model) override;

    void setFilter(const audit::AuditFilter &filter);
    const audit::AuditFilter &filter() const { return m_criteria.filter; }
    /// Only events by @p actor; "" for every actor.
    void setActor(const QString &actor);
    QString actor() const { return m_criteria.actor; }
    void setSource(std::optional<audit::Source> source);
    std::optional<audit::Source> source() const { return m_criteria.source; }
    /// Only events of resources of @p kind (auditKindText()); "" for all, events of the whole
    /// app included.
    void setKind(const QString &kind);
    QString kind() const { return m_criteria.kind; }
    void setReviewed(std::optional<audit::Reviewed> reviewed);
    std::optional<audit::Reviewed> reviewed() const { return m_criteria.reviewed; }
    /// Only events that touched @p path (`.spec.replicas`), a field under it or above it;
    /// "" for every event.
    void setField(const QString &path);
    QString field() const { return m_criteria.field; }
    void setText(const QString &text);
    QString text() const { return m_criteria.text; }

    /// Tables of more than @p events filter on the thread pool (20,000 unless set).
    void setBackgroundFrom(int events) { m_backgroundFrom = events; }
    int backgroundFrom() const { return m_backgroundFrom; }
    /// Whether rows for the criteria set last are still being filtered on the thread pool.
    bool isFiltering() const { return m_running; }

    /// The events shown, in order, with the log's notes: what an export writes.
    audit::AuditLog shownLog() const;
    /// The source row of proxy row @p row.
    const audit::AuditEvent *event(int row) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

Q_SIGNALS:
    /// The rows shown are those of the criteria set last (also when they did not change).
    void filtered();

private:
    void refilter();
    void startBackground();
    /// The fewest rows known to hold every row the current text accepts; none for all.
    std::optional<QList<int>> candidates() const;
    /// Forgets the rows kept by text: the other criteria or the table changed.
    void forgetTexts();
    void swapRows(QList<int> rows);

    AuditEventModel *m_events = nullptr;
    AuditCriteria m_criteria;
    QList<int> m_rows; ///< source rows shown, ascending
    int m_backgroundFrom = 20'000;
    int m_generation = 0; ///< counts criteria changes and new tables
    bool m_running = false; ///< a filter runs on the thread pool
    bool m_stale = false; ///< criteria set since the running filter started
    /// The rows of texts filtered under the current other criteria (lowercased text → rows).
    QHash<QString, QList<int>> m_textRows;
    int m_epoch = 0; ///< counts changes of the other criteria and of the table
    QList<QMetaObject::Connection> m_sourceConnections;
};

/// Whether field path @p touched is @p path, under it or above it (`.spec` touches
/// `.spec.replicas`, and `.spec.replicas` touches `.spec`; `.spec.replica` does not).
bool fieldTouches(const QString &touched, const QString &path);

} // namespace gitops
