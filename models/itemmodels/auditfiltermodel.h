#pragma once

#include "audit/auditlog.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace gitops {

class AuditEventModel;

/// Filters an AuditEventModel's rows, keeping their order (newest first): by the CLI's
/// AuditFilter (one resource with the app's own events, a time range), an actor, a source,
/// a resource kind, reviewed or not, a field touched, and text (case-insensitive, in the
/// actor, source, app, resource, fields and summary). Every test is a comparison over the
/// table's prepared values, so 100,000 rows filter within a keystroke. GUI thread.
class AuditFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AuditFilterModel(QObject *parent = nullptr);

    /// Must be an AuditEventModel.
    void setSourceModel(QAbstractItemModel *model) override;

    void setFilter(const audit::AuditFilter &filter);
    const audit::AuditFilter &filter() const { return m_filter; }
    /// Only events by @p actor; "" for every actor.
    void setActor(const QString &actor);
    QString actor() const { return m_actor; }
    void setSource(std::optional<audit::Source> source);
    std::optional<audit::Source> source() const { return m_source; }
    /// Only events of resources of @p kind (auditKindText()); "" for all, events of the whole
    /// app included.
    void setKind(const QString &kind);
    QString kind() const { return m_kind; }
    void setReviewed(std::optional<audit::Reviewed> reviewed);
    std::optional<audit::Reviewed> reviewed() const { return m_reviewed; }
    /// Only events that touched @p path (`.spec.replicas`), a field under it or above it;
    /// "" for every event.
    void setField(const QString &path);
    QString field() const { return m_field; }
    void setText(const QString &text);
    QString text() const { return m_text; }

    /// The events shown, in order, with the log's notes: what an export writes.
    audit::AuditLog shownLog() const;
    /// The source row of proxy row @p row.
    const audit::AuditEvent *event(int row) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void refilter();

    AuditEventModel *m_events = nullptr;
    audit::AuditFilter m_filter;
    QString m_actor;
    std::optional<audit::Source> m_source;
    QString m_kind;
    std::optional<audit::Reviewed> m_reviewed;
    QString m_field;
    QString m_text; ///< lowercased
};

/// Whether field path @p touched is @p path, under it or above it (`.spec` touches
/// `.spec.replicas`, and `.spec.replicas` touches `.spec`; `.spec.replica` does not).
bool fieldTouches(const QString &touched, const QString &path);

} // namespace gitops
