#pragma once

#include "drift/difference.h"

#include <QAbstractTableModel>
#include <QList>

namespace gitops {

/// The drifted fields of one resource, one row each, keyed by field path: a new list of
/// differences (a live update) inserts, removes, moves and changes rows instead of
/// resetting the model, so a view keeps its selection, current row and scroll position
/// for every field that is still there. GUI thread.
class DifferencesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { PathColumn, DesiredColumn, LiveColumn, WriterColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        /// The field path (`.metadata.labels["app.kubernetes.io/name"]`), the row's key.
        PathRole = Qt::UserRole + 1,
        /// JSON pointers into the desired and the live object ("" when absent there).
        DesiredPointerRole,
        LivePointerRole,
    };

    explicit DifferencesModel(QObject *parent = nullptr);

    /// Takes @p differences as the rows, in their order, by keyed updates from the rows
    /// there are (fields with equal paths are the same row).
    void setDifferences(const QList<drift::Difference> &differences);
    const QList<drift::Difference> &differences() const { return m_rows; }
    const drift::Difference &difference(int row) const { return m_rows.at(row); }
    /// The row of the field @p path, -1 when it has none.
    int rowOf(const QString &path) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString text(const drift::Difference &difference, int column) const;

    QList<drift::Difference> m_rows;
};

} // namespace gitops
