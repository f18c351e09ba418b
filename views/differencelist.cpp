#include "differencelist.h"

#include <QHeaderView>

namespace gitops {

DifferenceList::DifferenceList(QWidget *parent)
    : QTreeView(parent)
    , m_model(new DifferencesModel(this))
{
    setObjectName(QStringLiteral("differences"));
    setModel(m_model);
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setUniformRowHeights(true);
    setTextElideMode(Qt::ElideMiddle);
    header()->setStretchLastSection(true);
    const auto reveal = [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT revealRequested(m_model->difference(index.row()));
    };
    connect(this, &QTreeView::activated, this, reveal);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, reveal](const QModelIndex &current) {
                reveal(current);
                Q_EMIT chosenChanged();
            });
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DifferenceList::chosenChanged);
    // A changed value can be longer: the columns follow what the rows hold.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DifferenceList::fitColumns);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DifferenceList::fitColumns);
    fitColumns();
}

void DifferenceList::setDifferences(const QList<drift::Difference> &differences)
{
    m_model->setDifferences(differences);
}

QList<drift::Difference> DifferenceList::selectedDifferences() const
{
    QList<drift::Difference> chosen;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (selectionModel()->isRowSelected(row, {}))
            chosen << m_model->difference(row);
    }
    const int current = currentRow();
    if (chosen.isEmpty() && current >= 0)
        chosen << m_model->difference(current);
    return chosen;
}

QString DifferenceList::text(int row, int column) const
{
    return m_model->index(row, column).data().toString();
}

QString DifferenceList::headerText(int section) const
{
    return m_model->headerData(section, Qt::Horizontal).toString();
}

void DifferenceList::setCurrentRow(int row)
{
    selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

int DifferenceList::currentRow() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.row() : -1;
}

void DifferenceList::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    fitColumns();
}

void DifferenceList::fitColumns()
{
    // Each column as wide as its texts, never narrower than its header, and never so wide
    // that the next ones leave the list: the last one (it stretches) keeps its header's
    // width, the others share the rest; long paths and values are cut (tooltips hold them).
    const int room = viewport()->width() - header()->sectionSizeHint(WriterColumn);
    const int shares[ColumnCount] = {46, 27, 27, 0}; // percent of the room, at most
    for (int column = PathColumn; column < WriterColumn; ++column) {
        const int headerWidth = header()->sectionSizeHint(column);
        const int contents = std::max(sizeHintForColumn(column), headerWidth);
        const int most = std::max(headerWidth, room * shares[column] / 100);
        setColumnWidth(column, std::min(contents, most));
    }
}

} // namespace gitops
