#include "groupnamedelegate.h"

#include "driftpresentationmodel.h"
#include "itemmodels/drifttreemodel.h"

#include <QApplication>
#include <QStyle>

namespace gitops {

GroupNameDelegate::GroupNameDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void GroupNameDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != DriftTreeModel::NameColumn
        || index.data(DriftTreeModel::NodeTypeRole).value<DriftTreeModel::NodeType>()
            == DriftTreeModel::NodeType::Resource
        || option->rect.isEmpty())
        return;
    // The counts as the presentation words them, without the name in front.
    const QString counts = DriftPresentationModel::countText(
        QString(), index.data(DriftTreeModel::ResourceCountRole).toInt(),
        index.data(DriftTreeModel::DriftedCountRole).toInt(),
        index.data(DriftTreeModel::UnknownCountRole).toInt());
    if (!option->text.endsWith(counts))
        return;
    const QWidget *widget = option->widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The room the style leaves for text, less the margins it keeps on both sides.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const int room =
        style->subElementRect(QStyle::SE_ItemViewItemText, option, widget).width() - 2 * margin;
    const QFontMetrics &metrics = option->fontMetrics;
    if (metrics.horizontalAdvance(option->text) <= room)
        return;
    const QString name = option->text.chopped(counts.size());
    option->text =
        metrics.elidedText(name, Qt::ElideMiddle, room - metrics.horizontalAdvance(counts))
        + counts;
}

} // namespace gitops
