#include "differencelist.h"

#include "drift/yamlwriter.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace gitops {

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QString();
    if (value.isObject() || value.isArray())
        return QString::fromUtf8(
            value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return drift::YamlWriter::scalar(value);
}

// The last field name of a structured-merge-diff path, to find its line in the YAML.
QString leafKey(const QString &path)
{
    QString leaf = path.section(u'.', -1);
    const qsizetype bracket = leaf.indexOf(u'[');
    if (bracket == 0 && leaf.startsWith(QStringLiteral("[\"")))
        return leaf.mid(2, leaf.size() - 4) + u':';
    if (bracket > 0)
        leaf.truncate(bracket);
    return leaf + u':';
}

} // namespace

DifferenceList::DifferenceList(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("differences"));
    setHeaderLabels({tr("Path"), tr("Desired"), tr("Live"), tr("Last written by")});
    setRootIsDecorated(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setUniformRowHeights(true);
    setTextElideMode(Qt::ElideMiddle);
    header()->setStretchLastSection(true);
    const auto reveal = [this](QTreeWidgetItem *item) {
        if (item)
            Q_EMIT revealRequested(leafKey(item->text(PathColumn)));
    };
    connect(this, &QTreeWidget::itemActivated, this, reveal);
    connect(this, &QTreeWidget::currentItemChanged, this, reveal);
    fitColumns();
}

void DifferenceList::setDifferences(const QList<drift::Difference> &differences)
{
    // The same rows again (a live update that changed nothing here) keep the selection.
    if (differences.size() == m_differences.size() && topLevelItemCount() == differences.size()) {
        bool same = true;
        for (qsizetype i = 0; same && i < differences.size(); ++i) {
            const drift::Difference &a = differences.at(i);
            const drift::Difference &b = m_differences.at(i);
            same = a.path == b.path && a.desired == b.desired && a.live == b.live
                && a.lastWriter == b.lastWriter;
        }
        if (same)
            return;
    }
    clear();
    m_differences = differences;
    for (const drift::Difference &difference : differences) {
        QString writer;
        if (difference.lastWriter.isValid()) {
            writer = tr("%1 (%2) %3")
                         .arg(difference.lastWriter.manager, difference.lastWriter.operation,
                              QLocale().toString(difference.lastWriter.time.toLocalTime(),
                                                 QLocale::ShortFormat));
        }
        auto *item = new QTreeWidgetItem(
            this,
            {difference.path,
             difference.inDesired() ? valueText(difference.desired) : tr("(not set)"),
             difference.inLive() ? valueText(difference.live) : tr("(not set)"), writer});
        for (int column = PathColumn; column < ColumnCount; ++column)
            item->setToolTip(column, item->text(column));
    }
    fitColumns();
}

QList<drift::Difference> DifferenceList::selectedDifferences() const
{
    QList<drift::Difference> chosen;
    for (int row = 0; row < topLevelItemCount() && row < m_differences.size(); ++row) {
        if (topLevelItem(row)->isSelected())
            chosen << m_differences.at(row);
    }
    if (chosen.isEmpty() && currentItem()) {
        const int row = indexOfTopLevelItem(currentItem());
        if (row >= 0 && row < m_differences.size())
            chosen << m_differences.at(row);
    }
    return chosen;
}

void DifferenceList::resizeEvent(QResizeEvent *event)
{
    QTreeWidget::resizeEvent(event);
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
