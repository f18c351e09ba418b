#include "kube/discoveryinfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gitops::kube {

namespace {

QJsonObject parseObject(const QByteArray &body, const QString &expectedKind, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("discovery: not JSON (%1)").arg(parseError.errorString());
        return {};
    }
    const QJsonObject object = document.object();
    if (object.value(u"kind").toString() != expectedKind) {
        *error = QStringLiteral("discovery: expected %1, got \"%2\"")
                     .arg(expectedKind, object.value(u"kind").toString());
        return {};
    }
    return object;
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list << item.toString();
    return list;
}

} // namespace

ApiResource DiscoveryInfo::find(const QString &group, const QString &kind) const
{
    for (const ApiResource &resource : m_resources) {
        if (resource.group == group && resource.kind == kind)
            return resource;
    }
    return {};
}

ApiResource DiscoveryInfo::findPlural(const QString &group, const QString &plural) const
{
    for (const ApiResource &resource : m_resources) {
        if (resource.group == group && resource.plural == plural)
            return resource;
    }
    return {};
}

bool DiscoveryInfo::addAggregated(const QByteArray &body, QString *error)
{
    const QJsonObject list = parseObject(body, QStringLiteral("APIGroupDiscoveryList"), error);
    if (list.isEmpty())
        return false;
    m_aggregated = true;
    for (const QJsonValue &groupValue : list.value(u"items").toArray()) {
        const QJsonObject group = groupValue.toObject();
        const QString groupName = group.value(u"metadata").toObject().value(u"name").toString();
        // Versions come in preference order: the first one that serves a resource wins.
        for (const QJsonValue &versionValue : group.value(u"versions").toArray()) {
            const QJsonObject version = versionValue.toObject();
            for (const QJsonValue &resourceValue : version.value(u"resources").toArray()) {
                const QJsonObject entry = resourceValue.toObject();
                ApiResource resource;
                resource.group = groupName;
                resource.version = version.value(u"version").toString();
                resource.plural = entry.value(u"resource").toString();
                resource.kind = entry.value(u"responseKind").toObject().value(u"kind").toString();
                resource.namespaced = entry.value(u"scope").toString() == u"Namespaced";
                resource.verbs = stringList(entry.value(u"verbs"));
                if (resource.plural.isEmpty() || resource.kind.isEmpty()
                    || findPlural(resource.group, resource.plural).isValid())
                    continue;
                m_resources.append(resource);
            }
        }
    }
    return true;
}

QStringList DiscoveryInfo::legacyGroupVersions(const QByteArray &body, QString *error)
{
    const QJsonObject list = parseObject(body, QStringLiteral("APIGroupList"), error);
    QStringList groupVersions;
    for (const QJsonValue &groupValue : list.value(u"groups").toArray()) {
        const QJsonObject group = groupValue.toObject();
        QString preferred =
            group.value(u"preferredVersion").toObject().value(u"groupVersion").toString();
        if (preferred.isEmpty())
            preferred = group.value(u"versions")
                            .toArray()
                            .at(0)
                            .toObject()
                            .value(u"groupVersion")
                            .toString();
        if (!preferred.isEmpty())
            groupVersions << preferred;
    }
    return groupVersions;
}

bool DiscoveryInfo::addLegacyResourceList(const QByteArray &body, QString *error)
{
    const QJsonObject list = parseObject(body, QStringLiteral("APIResourceList"), error);
    if (list.isEmpty())
        return false;
    const QString groupVersion = list.value(u"groupVersion").toString();
    const qsizetype slash = groupVersion.indexOf(u'/');
    const QString group = slash < 0 ? QString() : groupVersion.left(slash);
    const QString version = slash < 0 ? groupVersion : groupVersion.mid(slash + 1);
    for (const QJsonValue &value : list.value(u"resources").toArray()) {
        const QJsonObject entry = value.toObject();
        ApiResource resource;
        resource.group = group;
        resource.version = version;
        resource.plural = entry.value(u"name").toString();
        if (resource.plural.contains(u'/'))
            continue; // a subresource (deployments/scale)
        resource.kind = entry.value(u"kind").toString();
        resource.namespaced = entry.value(u"namespaced").toBool();
        resource.verbs = stringList(entry.value(u"verbs"));
        // An entry without a name or kind names no type the console could list.
        if (!resource.plural.isEmpty() && !resource.kind.isEmpty()
            && !findPlural(group, resource.plural).isValid())
            m_resources.append(resource);
    }
    return true;
}

} // namespace gitops::kube
