#pragma once

#include "drift/difference.h"

#include <QTreeWidget>

namespace gitops {

/// The Differences tab: each drifted field of one resource with its desired and live value
/// and who last wrote it; several can be selected (to take their live values into git).
/// Columns fit their texts within the width the list has, headers
/// whole; long values are cut and whole in their tooltips. Choosing a row asks to reveal
/// its field in the diff. GUI thread.
class DifferenceList : public QTreeWidget
{
    Q_OBJECT

public:
    enum Column { PathColumn, DesiredColumn, LiveColumn, WriterColumn, ColumnCount };
    Q_ENUM(Column)

    explicit DifferenceList(QWidget *parent = nullptr);

    void setDifferences(const QList<drift::Difference> &differences);
    QList<drift::Difference> differences() const { return m_differences; }
    /// The differences of the selected rows (else the current one), in list order.
    QList<drift::Difference> selectedDifferences() const;

Q_SIGNALS:
    /// The user chose a difference: @p needle ("replicas:") finds its line in the YAML.
    void revealRequested(const QString &needle);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitColumns();

    QList<drift::Difference> m_differences;
};

} // namespace gitops
