#pragma once

#include "audit/auditlog.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <memory>

namespace gitops {

/// An audit log prepared for a table: the log, and per event the lowercased text the
/// filter searches, made once off the GUI thread (AuditTable::of()) so that a keystroke only
/// compares. An immutable value; share it between threads freely.
struct AuditTable
{
    std::shared_ptr<const audit::AuditLog> log;
    QStringList searchTexts; ///< one per event: actor, source, app, resource, fields, summary
    QStringList actors; ///< every actor once, sorted
    QStringList kinds; ///< every resource kind once ("Deployment.apps"), sorted

    int size() const { return log ? int(log->events.size()) : 0; }
    /// Builds the table of @p log. Pure; any thread (the thread pool: 100,000 events take a
    /// moment).
    static AuditTable of(audit::AuditLog log);
};

/// "Deployment.apps", "ConfigMap": how the table and its kind filter name @p id's kind.
QString auditKindText(const manifest::ResourceId &id);

/// The rows of one audit log (newest first, as built): time, actor, source, resource, what
/// changed, reviewed. Display values are the log's own words ("direct-write", "yes", an
/// empty actor when nobody recorded one); the views translate them. setTable() swaps the
/// whole table in one reset. GUI thread.
class AuditEventModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ActorColumn,
        SourceColumn,
        ResourceColumn,
        ChangeColumn,
        ReviewedColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        /// audit::Source as int
        SourceRole = Qt::UserRole + 1,
        /// audit::Reviewed as int
        ReviewedRole,
        /// the event's QDateTime (UTC)
        TimeRole,
        /// the fields touched (QStringList)
        FieldsRole,
        /// the app's name
        AppRole,
        /// the link ("" when none)
        LinkRole,
    };
    Q_ENUM(Role)

    explicit AuditEventModel(QObject *parent = nullptr);

    void setTable(const AuditTable &table);
    const AuditTable &table() const { return m_table; }
    /// The event of @p row; null outside the table.
    const audit::AuditEvent *event(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    AuditTable m_table;
};

} // namespace gitops
