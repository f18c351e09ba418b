#include "drift/customresourcerules.h"

#include "manifest/resourceid.h"

#include <QJsonArray>

namespace gitops::drift {

namespace {

using L = QLatin1String;

const QChar separator(0x1f);

} // namespace

std::optional<ListRule> CustomKindRules::listRule(const QStringList &path) const
{
    if (const auto it = m_lists.constFind(path.join(separator)); it != m_lists.constEnd())
        return it.value();
    for (const auto &[pattern, rule] : m_wildcardLists) {
        if (matches(pattern, path))
            return rule;
    }
    return std::nullopt;
}

bool CustomKindRules::isAtomicMap(const QStringList &path) const
{
    if (m_atomicMaps.isEmpty() && m_wildcardMaps.isEmpty())
        return false;
    if (m_atomicMaps.contains(path.join(separator)))
        return true;
    for (const QStringList &pattern : m_wildcardMaps) {
        if (matches(pattern, path))
            return true;
    }
    return false;
}

bool CustomKindRules::matches(const QStringList &pattern, const QStringList &path)
{
    if (pattern.size() != path.size())
        return false;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (pattern.at(i) != QLatin1Char('*') && pattern.at(i) != path.at(i))
            return false;
    }
    return true;
}

CustomKindRules CustomKindRules::fromSchema(const QJsonObject &schema)
{
    CustomKindRules rules;
    QStringList path;
    rules.read(schema, path);
    return rules;
}

void CustomKindRules::read(const QJsonObject &schema, QStringList &path)
{
    const bool wildcard = path.contains(QStringLiteral("*"));
    const QString type = schema.value(L("type")).toString();
    if (type == L("array") || schema.contains(L("x-kubernetes-list-type"))) {
        const QString listType = schema.value(L("x-kubernetes-list-type")).toString();
        std::optional<ListRule> rule;
        const QJsonObject items = schema.value(L("items")).toObject();
        if (listType == L("map")) {
            ListRule keyed{ListRule::Kind::Map, {}, {}};
            const QJsonObject properties = items.value(L("properties")).toObject();
            for (const QJsonValue &key : schema.value(L("x-kubernetes-list-map-keys")).toArray()) {
                keyed.keys << key.toString();
                // A key the item leaves out takes its schema default, as the server fills it.
                const QJsonValue fallback =
                    properties.value(key.toString()).toObject().value(L("default"));
                if (!fallback.isUndefined() && !fallback.isNull())
                    keyed.keyDefaults.insert(key.toString(), fallback);
            }
            if (!keyed.keys.isEmpty())
                rule = keyed;
        } else if (listType == L("set")) {
            rule = ListRule{ListRule::Kind::Set, {}, {}};
        }
        if (rule && !path.isEmpty()) {
            if (wildcard)
                m_wildcardLists.append({path, *rule});
            else
                m_lists.insert(path.join(separator), *rule);
        }
        // List items are skipped in paths: the items' fields continue the list's path.
        if (!items.isEmpty())
            read(items, path);
        return;
    }
    if (schema.value(L("x-kubernetes-map-type")).toString() == L("atomic") && !path.isEmpty()) {
        if (wildcard)
            m_wildcardMaps.append(path);
        else
            m_atomicMaps.insert(path.join(separator));
    }
    const QJsonObject properties = schema.value(L("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (path.isEmpty()
            && (it.key() == L("metadata") || it.key() == L("apiVersion") || it.key() == L("kind")))
            continue; // ObjectMeta is the server's own
        path.append(it.key());
        read(it.value().toObject(), path);
        path.removeLast();
    }
    const QJsonValue additional = schema.value(L("additionalProperties"));
    if (additional.isObject()) {
        path.append(QStringLiteral("*"));
        read(additional.toObject(), path);
        path.removeLast();
    }
}

CustomResourceRules::CustomResourceRules()
    : d(new Data)
{ }
CustomResourceRules::~CustomResourceRules() = default;
CustomResourceRules::CustomResourceRules(const CustomResourceRules &) = default;
CustomResourceRules &CustomResourceRules::operator=(const CustomResourceRules &) = default;

bool CustomResourceRules::addDefinition(const QJsonObject &definition)
{
    if (definition.value(L("kind")).toString() != L("CustomResourceDefinition")
        || manifest::ResourceId::groupOf(definition.value(L("apiVersion")).toString())
            != L("apiextensions.k8s.io"))
        return false;
    const QJsonObject spec = definition.value(L("spec")).toObject();
    const QString group = spec.value(L("group")).toString();
    const QString kind = spec.value(L("names")).toObject().value(L("kind")).toString();
    if (kind.isEmpty())
        return false;
    Definition result;
    // apiextensions.k8s.io/v1beta1 (before Kubernetes 1.22) could give one schema for all
    // versions in spec.validation.
    const QJsonObject shared =
        spec.value(L("validation")).toObject().value(L("openAPIV3Schema")).toObject();
    const QJsonArray versions = spec.value(L("versions")).toArray();
    for (const QJsonValue &value : versions) {
        const QJsonObject version = value.toObject();
        const QString name = version.value(L("name")).toString();
        QJsonObject schema =
            version.value(L("schema")).toObject().value(L("openAPIV3Schema")).toObject();
        if (schema.isEmpty())
            schema = shared;
        result.versions.insert(name, CustomKindRules::fromSchema(schema));
        if (version.value(L("storage")).toBool() || result.storageVersion.isEmpty())
            result.storageVersion = name;
    }
    if (versions.isEmpty() && !shared.isEmpty()) {
        const QString name = spec.value(L("version")).toString();
        result.versions.insert(name, CustomKindRules::fromSchema(shared));
        result.storageVersion = name;
    }
    d->kinds.insert(group + QLatin1Char('/') + kind, result);
    return true;
}

void CustomResourceRules::addDefinitions(const QList<QJsonObject> &objects)
{
    for (const QJsonObject &object : objects)
        addDefinition(object);
}

bool CustomResourceRules::contains(const QString &group, const QString &kind) const
{
    return d->kinds.contains(group + QLatin1Char('/') + kind);
}

bool CustomResourceRules::isEmpty() const
{
    return d->kinds.isEmpty();
}

const CustomKindRules *CustomResourceRules::find(const QString &group, const QString &kind,
                                                 const QString &version) const
{
    if (d->kinds.isEmpty())
        return nullptr;
    const auto it = d->kinds.constFind(group + QLatin1Char('/') + kind);
    if (it == d->kinds.constEnd())
        return nullptr;
    auto rules = it->versions.constFind(version);
    if (rules == it->versions.constEnd())
        rules = it->versions.constFind(it->storageVersion);
    if (rules == it->versions.constEnd() || rules->isEmpty())
        return nullptr;
    return &rules.value();
}

} // namespace gitops::drift
