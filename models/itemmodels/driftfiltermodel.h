#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

#include <optional>

namespace gitops {

/// Filters the resource tree (DriftTreeModel) by text and status. A resource row matches
/// when the text occurs in its name, kind, namespace, app or labels (case-insensitive) and,
/// if statuses are chosen, its sync or health is one of them; group rows show while any
/// resource under them matches. Sorts each column by what it means. GUI thread.
class DriftFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    /// The statuses the filter bar offers.
    enum class Status { OutOfSync, Missing, Extraneous, Degraded, Progressing };
    Q_ENUM(Status)

    explicit DriftFilterModel(QObject *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setStatuses(const QSet<Status> &statuses);
    QSet<Status> statuses() const { return m_statuses; }
    /// Only resources of @p kind ("Deployment.apps", "Service"); empty for every kind.
    void setKind(const QString &kind);
    QString kind() const { return m_kind; }
    /// Only resources in @p namespaceName ("" for cluster-scoped ones); nullopt for every
    /// namespace.
    void setNamespace(const std::optional<QString> &namespaceName);
    std::optional<QString> namespaceName() const { return m_namespace; }
    bool isFiltering() const
    {
        return !m_text.isEmpty() || !m_statuses.isEmpty() || !m_kind.isEmpty()
            || m_namespace.has_value();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    /// Sync and health sort by severity (Unknown between Synced and any drift), the last
    /// change by time (none oldest), the rest as text.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QSet<Status> m_statuses;
    QString m_kind;
    std::optional<QString> m_namespace;
};

} // namespace gitops
