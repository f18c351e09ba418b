#pragma once

#include <QStyledItemDelegate>

namespace gitops {

/// Draws the timeline's marker column: a vertical line through every commit with a dot on
/// each, the dot filled and coloured where a marker is (green: live exactly, amber: live
/// closest, blue: HEAD) and the markers' words beside it. GUI thread.
class TimelineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit TimelineDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace gitops
