#include "differencesmodel.h"

#include "drift/yamlwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>

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

bool sameRow(const drift::Difference &a, const drift::Difference &b)
{
    return a.path == b.path && a.desiredPointer == b.desiredPointer
        && a.livePointer == b.livePointer && a.desired == b.desired && a.live == b.live
        && a.lastWriter == b.lastWriter;
}

} // namespace

DifferencesModel::DifferencesModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void DifferencesModel::setDifferences(const QList<drift::Difference> &differences)
{
    // First the rows whose field is gone (from the bottom, in runs), then the new order
    // walked from the top: a row already there moves up to its place, a new field is
    // inserted, a kept one changes in place. Paths are unique within one resource; a
    // repeated one (it should not happen) counts once, its first occurrence.
    QList<drift::Difference> wanted;
    wanted.reserve(differences.size());
    QSet<QString> paths;
    for (const drift::Difference &difference : differences) {
        if (!paths.contains(difference.path)) {
            paths.insert(difference.path);
            wanted << difference;
        }
    }
    for (int row = int(m_rows.size()) - 1; row >= 0;) {
        if (paths.contains(m_rows.at(row).path)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !paths.contains(m_rows.at(first - 1).path))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    for (int row = 0; row < int(wanted.size()); ++row) {
        const drift::Difference &difference = wanted.at(row);
        if (row < int(m_rows.size()) && m_rows.at(row).path == difference.path) {
            if (!sameRow(m_rows.at(row), difference)) {
                m_rows[row] = difference;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        int from = -1;
        for (int later = row + 1; later < int(m_rows.size()); ++later) {
            if (m_rows.at(later).path == difference.path) {
                from = later;
                break;
            }
        }
        if (from < 0) {
            beginInsertRows({}, row, row);
            m_rows.insert(row, difference);
            endInsertRows();
            continue;
        }
        beginMoveRows({}, from, from, {}, row);
        m_rows.move(from, row);
        endMoveRows();
        if (!sameRow(m_rows.at(row), difference)) {
            m_rows[row] = difference;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    Q_ASSERT(m_rows.size() == wanted.size());
}

int DifferencesModel::rowOf(const QString &path) const
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (m_rows.at(row).path == path)
            return row;
    }
    return -1;
}

int DifferencesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DifferencesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DifferencesModel::text(const drift::Difference &difference, int column) const
{
    switch (column) {
    case PathColumn:
        return difference.path;
    case DesiredColumn:
        return difference.inDesired() ? valueText(difference.desired) : tr("(not set)");
    case LiveColumn:
        return difference.inLive() ? valueText(difference.live) : tr("(not set)");
    case WriterColumn:
        if (!difference.lastWriter.isValid())
            return QString();
        return tr("%1 (%2) %3")
            .arg(
                difference.lastWriter.manager, difference.lastWriter.operation,
                QLocale().toString(difference.lastWriter.time.toLocalTime(), QLocale::ShortFormat));
    default:
        return QString();
    }
}

QVariant DifferencesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const drift::Difference &difference = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: // long values are cut in the list, whole in their tooltips
        return text(difference, index.column());
    case PathRole:
        return difference.path;
    case DesiredPointerRole:
        return difference.desiredPointer;
    case LivePointerRole:
        return difference.livePointer;
    default:
        return {};
    }
}

QVariant DifferencesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Path");
    case DesiredColumn:
        return tr("Desired");
    case LiveColumn:
        return tr("Live");
    case WriterColumn:
        return tr("Last written by");
    default:
        return {};
    }
}

} // namespace gitops
