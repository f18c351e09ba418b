#pragma once

#include <QStyledItemDelegate>

namespace gitops {

/// Draws the resource tree's names. A group row's counts ("  3 of 10 drifted") always show
/// whole: when the row is too narrow, only the group's name is cut, in the middle. Resource
/// rows elide as the view says. GUI thread.
class GroupNameDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit GroupNameDelegate(QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace gitops
