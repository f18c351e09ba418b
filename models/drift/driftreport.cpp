#include "drift/driftreport.h"

#include "drift/unifieddiff.h"
#include "drift/yamlwriter.h"

#include <QJsonArray>

namespace gitops::drift {

namespace {

using L = QLatin1String;

QJsonObject writerJson(const FieldWriter &writer)
{
    QJsonObject json{{L("manager"), writer.manager}, {L("operation"), writer.operation}};
    if (writer.time.isValid())
        json.insert(L("time"), writer.time.toUTC().toString(Qt::ISODate));
    if (!writer.subresource.isEmpty())
        json.insert(L("subresource"), writer.subresource);
    return json;
}

QString nameOf(const ResourceDrift &resource)
{
    const manifest::ResourceId &id = resource.id;
    QString name = id.group.isEmpty() ? id.kind : id.group + QLatin1Char('/') + id.kind;
    name += QLatin1Char('/');
    if (!id.namespaceName.isEmpty())
        name += id.namespaceName + QLatin1Char('/');
    return name + id.name;
}

} // namespace

QJsonObject DriftReport::toJson(const ResourceDrift &resource)
{
    QJsonObject json{{L("group"), resource.id.group},
                     {L("kind"), resource.id.kind},
                     {L("namespace"), resource.id.namespaceName},
                     {L("name"), resource.id.name},
                     {L("status"), syncStatusName(resource.status)},
                     {L("health"), Health::name(resource.health.status)}};
    if (!resource.reason.isEmpty())
        json.insert(L("reason"), resource.reason);
    if (!resource.health.message.isEmpty())
        json.insert(L("healthMessage"), resource.health.message);
    QJsonArray differences;
    for (const Difference &difference : resource.differences) {
        QJsonObject d{{L("path"), difference.path}};
        if (difference.inDesired()) {
            d.insert(L("desired"), difference.desired);
            d.insert(L("desiredPointer"), difference.desiredPointer);
        }
        if (difference.inLive()) {
            d.insert(L("live"), difference.live);
            d.insert(L("livePointer"), difference.livePointer);
        }
        if (difference.lastWriter.isValid())
            d.insert(L("lastWriter"), writerJson(difference.lastWriter));
        differences.append(d);
    }
    json.insert(L("differences"), differences);
    return json;
}

QJsonObject DriftReport::toJson(const AppDrift &app)
{
    QJsonArray resources;
    for (const ResourceDrift &resource : app.resources)
        resources.append(toJson(resource));
    return {{L("status"), syncStatusName(app.status)},
            {L("health"), Health::name(app.health.status)},
            {L("resources"), resources}};
}

QString DriftReport::desiredYaml(const ResourceDrift &resource)
{
    return YamlWriter::write(resource.desired, resource.desiredLines);
}

QString DriftReport::desiredYaml(const ResourceDrift &resource, FieldLines *fields)
{
    return YamlWriter::write(resource.desired, resource.desiredLines, fields);
}

namespace {

QJsonObject shownLive(const ResourceDrift &resource, DriftReport::LiveView view)
{
    if (view == DriftReport::LiveView::Relevant && !resource.desired.isEmpty())
        return resource.liveProjection;
    QJsonObject live = resource.live;
    QJsonObject metadata = live.value(L("metadata")).toObject();
    metadata.remove(L("managedFields"));
    live.insert(L("metadata"), metadata);
    return live;
}

} // namespace

QString DriftReport::liveYaml(const ResourceDrift &resource, LiveView view)
{
    if (resource.live.isEmpty())
        return QString();
    return YamlWriter::write(shownLive(resource, view), resource.desiredLines);
}

QString DriftReport::liveYaml(const ResourceDrift &resource, LiveView view, FieldLines *fields)
{
    fields->clear();
    if (resource.live.isEmpty())
        return QString();
    return YamlWriter::write(shownLive(resource, view), resource.desiredLines, fields);
}

QString DriftReport::unifiedDiff(const ResourceDrift &resource, LiveView view)
{
    const QString name = nameOf(resource);
    return UnifiedDiff::between(desiredYaml(resource), liveYaml(resource, view),
                                QStringLiteral("desired/") + name, QStringLiteral("live/") + name);
}

QString DriftReport::unifiedDiff(const AppDrift &app, LiveView view)
{
    QString out;
    for (const ResourceDrift &resource : app.resources) {
        if (resource.status != SyncStatus::Synced)
            out += unifiedDiff(resource, view);
    }
    return out;
}

} // namespace gitops::drift
