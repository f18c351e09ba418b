#include "table.h"

#include "discovery.h"

namespace kubeemu::table {

namespace {

struct Column
{
    QString name;
    QString type;
    QString format;
    QString description;
    std::function<QJsonValue(const QJsonObject &)> cell;
};

QJsonObject sub(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

QString number(const QJsonObject &object, const char *key)
{
    return QString::number(object.value(QLatin1String(key)).toInteger());
}

QList<Column> columnsFor(const ResourceType &type)
{
    const QString kind = type.group + u'/' + type.kind;
    if (kind == u"apps/Deployment" || kind == u"apps/StatefulSet" || kind == u"apps/ReplicaSet") {
        QList<Column> columns{
            {QStringLiteral("Ready"), QStringLiteral("string"), QString(),
             QStringLiteral("Number of the pod with ready state"),
             [](const QJsonObject &o) -> QJsonValue {
                 return QString(number(sub(o, "status"), "readyReplicas") + u'/'
                                + QString::number(sub(o, "spec").value(u"replicas").toInteger(1)));
             }}};
        if (kind == u"apps/Deployment") {
            columns << Column{QStringLiteral("Up-to-date"), QStringLiteral("integer"), QString(),
                              QStringLiteral("Total number of non-terminated pods targeted by "
                                             "this deployment that have the desired template "
                                             "spec."),
                              [](const QJsonObject &o) -> QJsonValue {
                                  return sub(o, "status").value(u"updatedReplicas").toInteger();
                              }};
            columns << Column{QStringLiteral("Available"), QStringLiteral("integer"), QString(),
                              QStringLiteral("Total number of available pods (ready for at "
                                             "least minReadySeconds) targeted by this "
                                             "deployment."),
                              [](const QJsonObject &o) -> QJsonValue {
                                  return sub(o, "status").value(u"availableReplicas").toInteger();
                              }};
        }
        return columns;
    }
    if (kind == u"/Service") {
        return {{QStringLiteral("Type"), QStringLiteral("string"), QString(),
                 QStringLiteral("The type of the service."),
                 [](const QJsonObject &o) -> QJsonValue {
                     return sub(o, "spec").value(u"type").toString();
                 }},
                {QStringLiteral("Cluster-IP"), QStringLiteral("string"), QString(),
                 QStringLiteral("The cluster IP of the service."),
                 [](const QJsonObject &o) -> QJsonValue {
                     return sub(o, "spec").value(u"clusterIP").toString();
                 }}};
    }
    if (kind == u"/ConfigMap" || kind == u"/Secret") {
        return {{QStringLiteral("Data"), QStringLiteral("integer"), QString(),
                 QStringLiteral("Number of entries."), [](const QJsonObject &o) -> QJsonValue {
                     return sub(o, "data").size() + sub(o, "binaryData").size();
                 }}};
    }
    if (kind == u"/Namespace") {
        return {{QStringLiteral("Status"), QStringLiteral("string"), QString(),
                 QStringLiteral("The status of the namespace."),
                 [](const QJsonObject &o) -> QJsonValue {
                     return sub(o, "status").value(u"phase").toString();
                 }}};
    }
    return {};
}

} // namespace

bool wanted(const QByteArray &accept)
{
    return discovery::acceptsParameters(accept, {"as=Table", "g=meta.k8s.io"});
}

QString humanDuration(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 120)
        return QStringLiteral("%1s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10)
        return seconds % 60 ? QStringLiteral("%1m%2s").arg(minutes).arg(seconds % 60)
                            : QStringLiteral("%1m").arg(minutes);
    if (minutes < 180)
        return QStringLiteral("%1m").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 8)
        return minutes % 60 ? QStringLiteral("%1h%2m").arg(hours).arg(minutes % 60)
                            : QStringLiteral("%1h").arg(hours);
    if (hours < 48)
        return QStringLiteral("%1h").arg(hours);
    const qint64 days = hours / 24;
    if (days < 8 && hours % 24)
        return QStringLiteral("%1d%2h").arg(days).arg(hours % 24);
    if (days < 365 * 2)
        return QStringLiteral("%1d").arg(days);
    return QStringLiteral("%1y").arg(days / 365);
}

QJsonObject render(const ResourceType &type, const QList<QJsonObject> &objects,
                   const QJsonObject &listMetadata, const QString &includeObject, bool withColumns,
                   const QDateTime &now)
{
    QList<Column> columns;
    columns << Column{QStringLiteral("Name"), QStringLiteral("string"), QStringLiteral("name"),
                      QStringLiteral("Name must be unique within a namespace."),
                      [](const QJsonObject &o) -> QJsonValue {
                          return sub(o, "metadata").value(u"name").toString();
                      }};
    columns << columnsFor(type);
    columns << Column{QStringLiteral("Age"), QStringLiteral("string"), QString(),
                      QStringLiteral("CreationTimestamp is a timestamp representing the server "
                                     "time when this object was created."),
                      [now](const QJsonObject &o) -> QJsonValue {
                          const QDateTime created = QDateTime::fromString(
                              sub(o, "metadata").value(u"creationTimestamp").toString(),
                              Qt::ISODate);
                          return created.isValid() ? humanDuration(created.secsTo(now))
                                                   : QStringLiteral("<unknown>");
                      }};

    QJsonArray definitions;
    if (withColumns) {
        for (const Column &column : columns) {
            definitions.append(QJsonObject{{QStringLiteral("name"), column.name},
                                           {QStringLiteral("type"), column.type},
                                           {QStringLiteral("format"), column.format},
                                           {QStringLiteral("description"), column.description},
                                           {QStringLiteral("priority"), 0}});
        }
    }
    QJsonArray rows;
    for (const QJsonObject &object : objects) {
        QJsonArray cells;
        for (const Column &column : columns)
            cells.append(column.cell(object));
        QJsonObject row{{QStringLiteral("cells"), cells}};
        if (includeObject == u"Object") {
            row.insert(QStringLiteral("object"), object);
        } else if (includeObject != u"None") {
            row.insert(
                QStringLiteral("object"),
                QJsonObject{{QStringLiteral("kind"), QStringLiteral("PartialObjectMetadata")},
                            {QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/v1")},
                            {QStringLiteral("metadata"), sub(object, "metadata")}});
        }
        rows.append(row);
    }
    QJsonObject table{{QStringLiteral("kind"), QStringLiteral("Table")},
                      {QStringLiteral("apiVersion"), QStringLiteral("meta.k8s.io/v1")},
                      {QStringLiteral("metadata"), listMetadata},
                      {QStringLiteral("rows"), rows}};
    if (withColumns)
        table.insert(QStringLiteral("columnDefinitions"), definitions);
    return table;
}

} // namespace kubeemu::table
