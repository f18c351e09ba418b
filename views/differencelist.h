#pragma once

#include "differencesmodel.h"
#include "drift/difference.h"

#include <QTreeView>

namespace gitops {

/// The Differences tab: each drifted field of one resource with its desired and live value
/// and who last wrote it; several can be selected (to take their live values into git).
/// A view of a DifferencesModel, so a live update keeps the selection, the current row
/// and the scroll position of the fields still there. Columns fit their texts within the
/// width the list has, headers whole; long values are cut and whole in their tooltips.
/// Choosing a row asks to reveal its field in the diff. GUI thread.
class DifferenceList : public QTreeView
{
    Q_OBJECT

public:
    enum Column {
        PathColumn = DifferencesModel::PathColumn,
        DesiredColumn = DifferencesModel::DesiredColumn,
        LiveColumn = DifferencesModel::LiveColumn,
        WriterColumn = DifferencesModel::WriterColumn,
        ColumnCount = DifferencesModel::ColumnCount
    };
    Q_ENUM(Column)

    explicit DifferenceList(QWidget *parent = nullptr);

    void setDifferences(const QList<drift::Difference> &differences);
    QList<drift::Difference> differences() const { return m_model->differences(); }
    DifferencesModel *differencesModel() const { return m_model; }
    /// The differences of the selected rows (else the current one), in list order.
    QList<drift::Difference> selectedDifferences() const;

    int rowCount() const { return m_model->rowCount(); }
    /// The text the list shows in @p row and @p column.
    QString text(int row, int column) const;
    QString headerText(int section) const;
    /// Makes @p row the current (and only selected) one, as a click does.
    void setCurrentRow(int row);
    /// The current row, -1 when none.
    int currentRow() const;

Q_SIGNALS:
    /// The user chose @p difference: its field should be shown in the diff.
    void revealRequested(const drift::Difference &difference);
    /// The selection or the current row changed.
    void chosenChanged();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitColumns();

    DifferencesModel *m_model;
};

} // namespace gitops
