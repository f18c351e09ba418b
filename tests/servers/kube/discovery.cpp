#include "discovery.h"

#include <QJsonArray>

namespace kubeemu::discovery {

namespace {

QJsonArray toArray(const QStringList &items)
{
    return QJsonArray::fromStringList(items);
}

QJsonObject groupVersion(const QString &group, const QString &version)
{
    return {{QStringLiteral("groupVersion"), QString(group + u'/' + version)},
            {QStringLiteral("version"), version}};
}

QStringList subresourceVerbs()
{
    return {QStringLiteral("get"), QStringLiteral("patch"), QStringLiteral("update")};
}

QJsonObject responseKind(const QString &group, const QString &version, const QString &kind)
{
    return {{QStringLiteral("group"), group},
            {QStringLiteral("version"), version},
            {QStringLiteral("kind"), kind}};
}

} // namespace

QByteArray aggregatedContentType()
{
    return "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
}

bool acceptsParameters(const QByteArray &accept, std::initializer_list<const char *> parameters)
{
    for (const QByteArray &alternative : accept.split(',')) {
        QList<QByteArray> present;
        for (const QByteArray &part : alternative.split(';'))
            present << part.trimmed();
        if (std::all_of(parameters.begin(), parameters.end(),
                        [&](const char *wanted) { return present.contains(QByteArray(wanted)); }))
            return true;
    }
    return false;
}

bool wantsAggregated(const QByteArray &accept)
{
    return acceptsParameters(accept, {"as=APIGroupDiscoveryList", "v=v2", "g=apidiscovery.k8s.io"});
}

QStringList verbs()
{
    return {QStringLiteral("create"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
            QStringLiteral("get"),    QStringLiteral("list"),   QStringLiteral("patch"),
            QStringLiteral("update"), QStringLiteral("watch")};
}

QJsonObject coreVersions(const QString &serverAddress)
{
    return {{QStringLiteral("kind"), QStringLiteral("APIVersions")},
            {QStringLiteral("versions"), QJsonArray{QStringLiteral("v1")}},
            {QStringLiteral("serverAddressByClientCIDRs"),
             QJsonArray{QJsonObject{{QStringLiteral("clientCIDR"), QStringLiteral("0.0.0.0/0")},
                                    {QStringLiteral("serverAddress"), serverAddress}}}}};
}

QJsonObject groupList(const TypeRegistry &registry)
{
    QJsonArray groups;
    for (const QString &group : registry.groups()) {
        if (group.isEmpty())
            continue;
        QJsonArray versions;
        const QStringList names = registry.versions(group);
        for (const QString &version : names)
            versions.append(groupVersion(group, version));
        groups.append(
            QJsonObject{{QStringLiteral("name"), group},
                        {QStringLiteral("versions"), versions},
                        {QStringLiteral("preferredVersion"), groupVersion(group, names.first())}});
    }
    return {{QStringLiteral("kind"), QStringLiteral("APIGroupList")},
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("groups"), groups}};
}

QJsonObject resourceList(const TypeRegistry &registry, const QString &group, const QString &version)
{
    QJsonArray resources;
    for (const ResourceType &type : registry.typesIn(group, version)) {
        QJsonObject resource{{QStringLiteral("name"), type.plural},
                             {QStringLiteral("singularName"), type.singular},
                             {QStringLiteral("namespaced"), type.namespaced},
                             {QStringLiteral("kind"), type.kind},
                             {QStringLiteral("verbs"), toArray(verbs())}};
        if (!type.shortNames.isEmpty())
            resource.insert(QStringLiteral("shortNames"), toArray(type.shortNames));
        if (!type.categories.isEmpty())
            resource.insert(QStringLiteral("categories"), toArray(type.categories));
        resources.append(resource);
        for (const QString &sub : type.subresources) {
            QJsonObject entry{{QStringLiteral("name"), QString(type.plural + u'/' + sub)},
                              {QStringLiteral("singularName"), QString()},
                              {QStringLiteral("namespaced"), type.namespaced},
                              {QStringLiteral("kind"), type.kind},
                              {QStringLiteral("verbs"), toArray(subresourceVerbs())}};
            if (sub == u"scale") {
                entry.insert(QStringLiteral("group"), QStringLiteral("autoscaling"));
                entry.insert(QStringLiteral("version"), QStringLiteral("v1"));
                entry.insert(QStringLiteral("kind"), QStringLiteral("Scale"));
            }
            resources.append(entry);
        }
    }
    return {{QStringLiteral("kind"), QStringLiteral("APIResourceList")},
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("groupVersion"),
             group.isEmpty() ? version : QString(group + u'/' + version)},
            {QStringLiteral("resources"), resources}};
}

QJsonObject aggregated(const TypeRegistry &registry, bool core)
{
    QJsonArray items;
    for (const QString &group : registry.groups()) {
        if (group.isEmpty() != core)
            continue;
        QJsonArray versions;
        for (const QString &version : registry.versions(group)) {
            QJsonArray resources;
            for (const ResourceType &type : registry.typesIn(group, version)) {
                QJsonObject resource{
                    {QStringLiteral("resource"), type.plural},
                    {QStringLiteral("responseKind"), responseKind(QString(), QString(), type.kind)},
                    {QStringLiteral("scope"),
                     type.namespaced ? QStringLiteral("Namespaced") : QStringLiteral("Cluster")},
                    {QStringLiteral("singularResource"), type.singular},
                    {QStringLiteral("verbs"), toArray(verbs())}};
                if (!type.shortNames.isEmpty())
                    resource.insert(QStringLiteral("shortNames"), toArray(type.shortNames));
                if (!type.categories.isEmpty())
                    resource.insert(QStringLiteral("categories"), toArray(type.categories));
                QJsonArray subresources;
                for (const QString &sub : type.subresources) {
                    subresources.append(QJsonObject{
                        {QStringLiteral("subresource"), sub},
                        {QStringLiteral("responseKind"),
                         sub == u"scale"
                             ? responseKind(QStringLiteral("autoscaling"), QStringLiteral("v1"),
                                            QStringLiteral("Scale"))
                             : responseKind(QString(), QString(), type.kind)},
                        {QStringLiteral("verbs"), toArray(subresourceVerbs())}});
                }
                if (!subresources.isEmpty())
                    resource.insert(QStringLiteral("subresources"), subresources);
                resources.append(resource);
            }
            versions.append(QJsonObject{{QStringLiteral("version"), version},
                                        {QStringLiteral("resources"), resources},
                                        {QStringLiteral("freshness"), QStringLiteral("Current")}});
        }
        QJsonObject metadata{{QStringLiteral("creationTimestamp"), QJsonValue::Null}};
        if (!core)
            metadata.insert(QStringLiteral("name"), group);
        items.append(QJsonObject{{QStringLiteral("metadata"), metadata},
                                 {QStringLiteral("versions"), versions}});
    }
    return {{QStringLiteral("kind"), QStringLiteral("APIGroupDiscoveryList")},
            {QStringLiteral("apiVersion"), QStringLiteral("apidiscovery.k8s.io/v2")},
            {QStringLiteral("metadata"), QJsonObject()},
            {QStringLiteral("items"), items}};
}

} // namespace kubeemu::discovery
