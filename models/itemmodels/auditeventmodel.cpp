#include "itemmodels/auditeventmodel.h"

#include "audit/auditexport.h"

#include <QSet>

namespace gitops {

QString auditKindText(const manifest::ResourceId &id)
{
    return id.group.isEmpty() ? id.kind : id.kind + u'.' + id.group;
}

AuditTable AuditTable::of(audit::AuditLog log)
{
    AuditTable table;
    QSet<QString> actors;
    QSet<QString> kinds;
    table.searchTexts.reserve(log.events.size());
    for (const audit::AuditEvent &event : std::as_const(log.events)) {
        table.searchTexts
            << QStringList{event.actor,          audit::sourceName(event.source), event.app,
                           event.resourceText(), event.fields.join(u' '),         event.summary,
                           event.actorDetail}
                   .join(u'\n')
                   .toLower();
        if (!event.actor.isEmpty())
            actors.insert(event.actor);
        if (!event.resource.kind.isEmpty())
            kinds.insert(auditKindText(event.resource));
    }
    table.actors = QStringList(actors.cbegin(), actors.cend());
    table.actors.sort(Qt::CaseInsensitive);
    table.kinds = QStringList(kinds.cbegin(), kinds.cend());
    table.kinds.sort(Qt::CaseInsensitive);
    table.log = std::make_shared<const audit::AuditLog>(std::move(log));
    return table;
}

AuditEventModel::AuditEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void AuditEventModel::setTable(const AuditTable &table)
{
    beginResetModel();
    m_table = table;
    endResetModel();
}

const audit::AuditEvent *AuditEventModel::event(int row) const
{
    if (row < 0 || row >= m_table.size())
        return nullptr;
    return &m_table.log->events.at(row);
}

int AuditEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_table.size();
}

int AuditEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditEventModel::data(const QModelIndex &index, int role) const
{
    const audit::AuditEvent *shown = event(index.row());
    if (!shown || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TimeColumn:
            return audit::timeText(*shown);
        case ActorColumn:
            return shown->actor;
        case SourceColumn:
            return audit::sourceName(shown->source);
        case ResourceColumn:
            return shown->resourceText();
        case ChangeColumn:
            return shown->summary;
        case ReviewedColumn:
            return audit::reviewedName(shown->reviewed);
        case ColumnCount:
            break;
        }
        return {};
    case SourceRole:
        return int(shown->source);
    case ReviewedRole:
        return int(shown->reviewed);
    case TimeRole:
        return shown->time;
    case FieldsRole:
        return shown->fields;
    case AppRole:
        return shown->app;
    case LinkRole:
        return shown->link;
    default:
        return {};
    }
}

} // namespace gitops
