#include "timelinedelegate.h"

#include "timelinemodel.h"

#include <QApplication>
#include <QPainter>

namespace gitops {

namespace {

constexpr int Radius = 5;
constexpr int Lane = 18; // the line's room at the left of the cell

} // namespace

TimelineDelegate::TimelineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void TimelineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QString words = item.text;
    item.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    const auto markers = TimelineModel::Markers(index.data(TimelineModel::MarkersRole).toInt());
    const bool dark = option.palette.color(QPalette::Base).lightness() < 128;
    const QColor line = option.palette.color(QPalette::PlaceholderText);
    QColor dot = option.palette.color(QPalette::Text);
    if (markers & TimelineModel::LiveMarker)
        dot = dark ? QColor(80, 220, 120) : QColor(30, 160, 60);
    else if (markers & TimelineModel::ClosestMarker)
        dot = dark ? QColor(255, 190, 90) : QColor(160, 90, 0);
    else if (markers & TimelineModel::HeadMarker)
        dot = dark ? QColor(110, 170, 255) : QColor(40, 110, 220);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect rect = option.rect;
    const int x = rect.left() + Lane / 2 + 2;
    const int y = rect.center().y();
    painter->setPen(QPen(line, 2));
    // A merged commit (a child row) sits beside the first-parent line, which runs on past it.
    const bool merged = index.parent().isValid();
    const bool first = !merged && index.row() == 0;
    const bool last =
        !merged && !index.model()->hasIndex(index.row() + 1, 0) && !index.model()->canFetchMore({});
    painter->drawLine(QPoint(x, first ? y : rect.top()), QPoint(x, last ? y : rect.bottom()));
    painter->setPen(QPen(dot, 2));
    painter->setBrush(markers == TimelineModel::NoMarker ? option.palette.color(QPalette::Base)
                                                         : dot);
    if (merged) {
        painter->setPen(QPen(line, 2));
        painter->drawLine(QPoint(x, y), QPoint(x + Lane / 2, y));
        painter->setPen(QPen(dot, 2));
        painter->drawEllipse(QPoint(x + Lane / 2, y), Radius - 2, Radius - 2);
    } else {
        painter->drawEllipse(QPoint(x, y), Radius, Radius);
    }
    if (!words.isEmpty()) {
        QRect text = rect.adjusted(Lane + 6, 0, -2, 0);
        QFont font = option.font;
        font.setBold(markers & (TimelineModel::LiveMarker | TimelineModel::ClosestMarker));
        painter->setFont(font);
        painter->setPen(option.state & QStyle::State_Selected
                            ? option.palette.color(QPalette::HighlightedText)
                            : dot);
        painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                          QFontMetrics(font).elidedText(words, Qt::ElideRight, text.width()));
    }
    painter->restore();
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont font = option.font;
    font.setBold(true);
    size.setWidth(Lane + 12 + QFontMetrics(font).horizontalAdvance(index.data().toString()));
    size.setHeight(std::max(size.height(), 2 * Radius + 8));
    return size;
}

} // namespace gitops
