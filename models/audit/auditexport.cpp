#include "audit/auditexport.h"

#include <QJsonArray>

namespace gitops::audit {

namespace {

QString orUnknown(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("unknown") : text;
}

QString csvField(QString text)
{
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n')
        || text.contains(u'\r')) {
        text.replace(u'"', QStringLiteral("\"\""));
        return u'"' + text + u'"';
    }
    return text;
}

} // namespace

QString timeText(const AuditEvent &event)
{
    if (!event.time.isValid())
        return QStringLiteral("unknown");
    return event.time.toUTC().toString(
        event.precision == TimePrecision::Millisecond ? Qt::ISODateWithMs : Qt::ISODate);
}

QJsonObject eventJson(const AuditEvent &event)
{
    QJsonArray fields;
    for (const QString &field : event.fields)
        fields.append(field);
    QJsonObject json{{QStringLiteral("time"), timeText(event)},
                     {QStringLiteral("timePrecision"), precisionName(event.precision)},
                     {QStringLiteral("actor"), orUnknown(event.actor)},
                     {QStringLiteral("actorKind"), orUnknown(event.actorKind)},
                     {QStringLiteral("actorDetail"), event.actorDetail},
                     {QStringLiteral("source"), sourceName(event.source)},
                     {QStringLiteral("app"), event.app},
                     {QStringLiteral("fields"), fields},
                     {QStringLiteral("summary"), event.summary},
                     {QStringLiteral("reviewed"), reviewedName(event.reviewed)},
                     {QStringLiteral("link"), event.link},
                     {QStringLiteral("evidence"), event.evidence}};
    if (event.resource.kind.isEmpty()) {
        json.insert(QStringLiteral("resource"), QJsonValue::Null);
    } else {
        json.insert(QStringLiteral("resource"),
                    QJsonObject{{QStringLiteral("group"), event.resource.group},
                                {QStringLiteral("kind"), event.resource.kind},
                                {QStringLiteral("namespace"), event.resource.namespaceName},
                                {QStringLiteral("name"), event.resource.name},
                                {QStringLiteral("ref"), event.resourceText()}});
    }
    return json;
}

QJsonObject logJson(const AuditLog &log)
{
    QJsonArray events;
    for (const AuditEvent &event : log.events)
        events.append(eventJson(event));
    QJsonArray notes;
    for (const QString &note : log.notes)
        notes.append(note);
    return {{QStringLiteral("events"), events}, {QStringLiteral("notes"), notes}};
}

QByteArray logCsv(const AuditLog &log)
{
    QString text = QStringLiteral("time,precision,actor,actor_kind,source,app,resource,fields,"
                                  "summary,reviewed,link,actor_detail\r\n");
    for (const AuditEvent &event : log.events) {
        const QStringList row{timeText(event),
                              precisionName(event.precision),
                              orUnknown(event.actor),
                              orUnknown(event.actorKind),
                              sourceName(event.source),
                              event.app,
                              event.resourceText(),
                              event.fields.join(u';'),
                              event.summary,
                              reviewedName(event.reviewed),
                              event.link,
                              event.actorDetail};
        QStringList cells;
        for (const QString &cell : row)
            cells << csvField(cell);
        text += cells.join(u',') + QStringLiteral("\r\n");
    }
    return text.toUtf8();
}

} // namespace gitops::audit
