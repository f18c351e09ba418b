#include "apply.h"

#include "fieldset.h"
#include "mergekeys.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <functional>

namespace kubeemu {

namespace {

using Path = FieldSet::Path;
using L = QLatin1String;

const QString metadataKey = QStringLiteral("metadata");
const QString managedFieldsKey = QStringLiteral("managedFields");

QString compactJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// `k:{"containerPort":80,"protocol":"TCP"}`: the item's key fields (schema defaults filled in),
// compact JSON with the fields sorted by name, which QJsonObject does.
QString keyElement(const TypeRef &type, const QStringList &schemaPath, const ListSemantics &sem,
                   const QJsonObject &item)
{
    QJsonObject key;
    for (const QString &field : sem.keys) {
        if (item.contains(field)) {
            key.insert(field, item.value(field));
        } else {
            const QString fallback = listMapKeyDefault(type, schemaPath, field);
            if (!fallback.isEmpty())
                key.insert(field, fallback);
        }
    }
    return QStringLiteral("k:") + compactJson(key);
}

QString valueElement(const QJsonValue &value)
{
    return QStringLiteral("v:") + compactJson(value);
}

QString fieldElement(const QString &name)
{
    return QStringLiteral("f:") + name;
}

// The identity of a list element as its path element, or empty for an atomic list.
QString elementOf(const TypeRef &type, const QStringList &schemaPath, const ListSemantics &sem,
                  const QJsonValue &element)
{
    if (sem.kind == ListSemantics::Set)
        return valueElement(element);
    if (sem.kind == ListSemantics::Map && element.isObject())
        return keyElement(type, schemaPath, sem, element.toObject());
    return QString();
}

bool isEmptyish(const QJsonValue &value)
{
    return value.isUndefined() || value.isNull() || (value.isObject() && value.toObject().isEmpty())
        || (value.isArray() && value.toArray().isEmpty());
}

// What managedFields never track: type and identity metadata, and status on the main
// resource (spec and metadata on the status subresource).
QJsonObject tracked(QJsonObject object, const QString &subresource)
{
    object.remove(QLatin1String("apiVersion"));
    object.remove(QLatin1String("kind"));
    if (subresource == QLatin1String("status"))
        return QJsonObject{{QStringLiteral("status"), object.value(QLatin1String("status"))}};
    object.remove(QLatin1String("status"));
    QJsonObject metadata = object.value(metadataKey).toObject();
    for (QLatin1String key :
         {L("name"), L("namespace"), L("uid"), L("resourceVersion"), L("generation"),
          L("creationTimestamp"), L("managedFields"), L("selfLink"), L("deletionTimestamp"),
          L("deletionGracePeriodSeconds")})
        metadata.remove(key);
    object.insert(metadataKey, metadata);
    return object;
}

// ---- The set of fields an apply configuration sets (structured-merge-diff's ToFieldSet).

void collect(const TypeRef &type, const QJsonValue &value, const QStringList &schemaPath,
             const Path &path, FieldSet &out, QStringList &errors)
{
    // As structured-merge-diff's ToFieldSet: atomic values and scalars are members, list
    // items are members, an empty map or list (not atomic) contributes nothing.
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (isAtomicStruct(type, schemaPath)) {
            out.insert(path);
            return;
        }
        for (auto it = object.begin(); it != object.end(); ++it)
            collect(type, it.value(), schemaPath + QStringList{it.key()},
                    path + Path{fieldElement(it.key())}, out, errors);
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const ListSemantics sem = listSemantics(type, schemaPath);
        if (sem.kind == ListSemantics::Atomic) {
            out.insert(path);
            return;
        }
        QSet<QString> seen;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue &element = array.at(i);
            const QString where =
                FieldSet::describe(path) + QStringLiteral(": element %1: ").arg(i);
            if (sem.kind == ListSemantics::Map) {
                if (!element.isObject()) {
                    errors << where + QStringLiteral("expected a map");
                    continue;
                }
                bool complete = true;
                for (const QString &key : sem.keys) {
                    if (!element.toObject().contains(key)
                        && listMapKeyDefault(type, schemaPath, key).isEmpty()) {
                        errors << where
                                + QStringLiteral("associative list with keys has an element that "
                                                 "omits key field \"%1\" (and doesn't have "
                                                 "default value)")
                                      .arg(key);
                        complete = false;
                    }
                }
                if (!complete)
                    continue;
            }
            const QString id = elementOf(type, schemaPath, sem, element);
            const Path itemPath = path + Path{id};
            if (seen.contains(id)) {
                errors << FieldSet::describe(path)
                        + QStringLiteral(": duplicate entries for key %1")
                              .arg(FieldSet::describe({id}));
                continue;
            }
            seen.insert(id);
            out.insert(itemPath);
            if (sem.kind == ListSemantics::Map) {
                const QJsonObject item = element.toObject();
                for (auto it = item.begin(); it != item.end(); ++it)
                    collect(type, it.value(), schemaPath + QStringList{it.key()},
                            itemPath + Path{fieldElement(it.key())}, out, errors);
            }
        }
        return;
    }
    out.insert(path);
}

FieldSet fieldSetOf(const TypeRef &type, const QJsonObject &object, QStringList &errors)
{
    FieldSet out;
    for (auto it = object.begin(); it != object.end(); ++it)
        collect(type, it.value(), {it.key()}, {fieldElement(it.key())}, out, errors);
    return out;
}

// ---- Comparison (structured-merge-diff's Compare): what a write added, changed, removed.

struct Comparison
{
    FieldSet added;
    FieldSet modified;
    FieldSet removed;
};

void compare(const TypeRef &type, const QJsonValue &lhs, const QJsonValue &rhs,
             const QStringList &schemaPath, const Path &path, Comparison &out)
{
    const bool lAbsent = lhs.isUndefined();
    const bool rAbsent = rhs.isUndefined();
    if (lAbsent && rAbsent)
        return;
    auto mapLike = [](const QJsonValue &v) {
        return v.isObject() || v.isNull() || v.isUndefined();
    };
    auto listLike = [](const QJsonValue &v) {
        return v.isArray() || v.isNull() || v.isUndefined();
    };
    const bool bothEmpty = isEmptyish(lhs) && isEmptyish(rhs);
    auto markContainer = [&]() {
        if (lAbsent)
            out.added.insert(path);
        if (rAbsent)
            out.removed.insert(path);
    };

    if (mapLike(lhs) && mapLike(rhs) && (lhs.isObject() || rhs.isObject())
        && !isAtomicStruct(type, schemaPath) && !bothEmpty) {
        const QJsonObject l = lhs.toObject();
        const QJsonObject r = rhs.toObject();
        QStringList keys = l.keys() + r.keys();
        keys.removeDuplicates();
        for (const QString &key : keys)
            compare(type, l.contains(key) ? l.value(key) : QJsonValue(QJsonValue::Undefined),
                    r.contains(key) ? r.value(key) : QJsonValue(QJsonValue::Undefined),
                    schemaPath + QStringList{key}, path + Path{fieldElement(key)}, out);
        markContainer();
        return;
    }
    if (listLike(lhs) && listLike(rhs) && (lhs.isArray() || rhs.isArray()) && !bothEmpty) {
        const ListSemantics sem = listSemantics(type, schemaPath);
        if (sem.kind != ListSemantics::Atomic) {
            // Index both sides by element identity.
            QMap<QString, QJsonValue> left;
            QMap<QString, QJsonValue> right;
            bool indexable = true;
            for (const QJsonValue &e : lhs.toArray()) {
                const QString id = elementOf(type, schemaPath, sem, e);
                indexable = indexable && !id.isEmpty();
                left.insert(id, e);
            }
            for (const QJsonValue &e : rhs.toArray()) {
                const QString id = elementOf(type, schemaPath, sem, e);
                indexable = indexable && !id.isEmpty();
                right.insert(id, e);
            }
            if (indexable) {
                QStringList ids = left.keys() + right.keys();
                ids.removeDuplicates();
                for (const QString &id : ids) {
                    const Path itemPath = path + Path{id};
                    const bool inLeft = left.contains(id);
                    const bool inRight = right.contains(id);
                    if (sem.kind == ListSemantics::Set) {
                        if (!inLeft)
                            out.added.insert(itemPath);
                        else if (!inRight)
                            out.removed.insert(itemPath);
                        continue;
                    }
                    compare(type, inLeft ? left.value(id) : QJsonValue(QJsonValue::Undefined),
                            inRight ? right.value(id) : QJsonValue(QJsonValue::Undefined),
                            schemaPath, itemPath, out);
                }
                markContainer();
                return;
            }
        }
    }
    // A leaf: a scalar, an atomic list or struct, or an empty container.
    if (lAbsent)
        out.added.insert(path);
    else if (rAbsent)
        out.removed.insert(path);
    else if (lhs != rhs)
        out.modified.insert(path);
}

Comparison compareObjects(const TypeRef &type, const QJsonObject &lhs, const QJsonObject &rhs)
{
    Comparison out;
    QStringList keys = lhs.keys() + rhs.keys();
    keys.removeDuplicates();
    for (const QString &key : keys)
        compare(type, lhs.contains(key) ? lhs.value(key) : QJsonValue(QJsonValue::Undefined),
                rhs.contains(key) ? rhs.value(key) : QJsonValue(QJsonValue::Undefined), {key},
                {fieldElement(key)}, out);
    return out;
}

// ---- Merge of an apply configuration into the live object.

QJsonValue merge(const TypeRef &type, const QJsonValue &lhs, const QJsonValue &rhs,
                 const QStringList &schemaPath);

// Associative lists keep live-only items where they are and take the configuration's order
// for the items it names, as structured-merge-diff's merge does.
QJsonArray mergeList(const TypeRef &type, const QJsonArray &lhs, const QJsonArray &rhs,
                     const QStringList &schemaPath, const ListSemantics &sem)
{
    auto idOf = [&](const QJsonValue &v) { return elementOf(type, schemaPath, sem, v); };
    QStringList leftIds;
    QStringList rightIds;
    QHash<QString, QJsonValue> left;
    QHash<QString, QJsonValue> right;
    for (const QJsonValue &v : lhs) {
        leftIds << idOf(v);
        left.insert(leftIds.last(), v);
    }
    for (const QJsonValue &v : rhs) {
        rightIds << idOf(v);
        right.insert(rightIds.last(), v);
    }
    if (leftIds.contains(QString()) || rightIds.contains(QString()))
        return rhs; // items without identity: treat the list as atomic

    QStringList shared;
    for (const QString &id : rightIds)
        if (left.contains(id))
            shared << id;
    QSet<QString> done;
    QJsonArray out;
    auto emitRight = [&](const QString &id) {
        const QJsonValue item = sem.kind == ListSemantics::Map && left.contains(id)
            ? merge(type, left.value(id), right.value(id), schemaPath)
            : merge(type, QJsonValue(QJsonValue::Undefined), right.value(id), schemaPath);
        out.append(item);
        done.insert(id);
        if (!shared.isEmpty() && shared.first() == id)
            shared.removeFirst();
    };
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < leftIds.size() || j < rightIds.size()) {
        if (i < leftIds.size() && j < rightIds.size() && leftIds.at(i) == rightIds.at(j)) {
            emitRight(rightIds.at(j));
            ++i;
            ++j;
            continue;
        }
        if (i < leftIds.size()) {
            const QString &id = leftIds.at(i);
            if (!right.contains(id)) {
                out.append(left.value(id));
                ++i;
                continue;
            }
            if (done.contains(id) || (!shared.isEmpty() && shared.first() != id)) {
                ++i;
                continue;
            }
        }
        if (j < rightIds.size()) {
            if (!done.contains(rightIds.at(j)))
                emitRight(rightIds.at(j));
            ++j;
            continue;
        }
        ++i; // unreachable in practice; guarantees progress
    }
    return out;
}

QJsonValue merge(const TypeRef &type, const QJsonValue &lhs, const QJsonValue &rhs,
                 const QStringList &schemaPath)
{
    if (rhs.isObject() && !isAtomicStruct(type, schemaPath)) {
        QJsonObject out = lhs.isObject() ? lhs.toObject() : QJsonObject();
        const QJsonObject r = rhs.toObject();
        for (auto it = r.begin(); it != r.end(); ++it) {
            // null in a configuration unsets the field.
            if (it.value().isNull())
                out.remove(it.key());
            else
                out.insert(it.key(),
                           merge(type, out.value(it.key()), it.value(),
                                 schemaPath + QStringList{it.key()}));
        }
        return out;
    }
    if (rhs.isArray() && lhs.isArray()) {
        const ListSemantics sem = listSemantics(type, schemaPath);
        if (sem.kind != ListSemantics::Atomic)
            return mergeList(type, lhs.toArray(), rhs.toArray(), schemaPath, sem);
    }
    return rhs;
}

// ---- Removing a path from an object (pruning fields a manager stopped applying).

bool removePath(const TypeRef &type, QJsonValue &node, const Path &path, qsizetype index,
                const QStringList &schemaPath)
{
    const QString &element = path.at(index);
    const bool last = index == path.size() - 1;
    if (element.startsWith(QLatin1String("f:"))) {
        if (!node.isObject())
            return false;
        QJsonObject object = node.toObject();
        const QString name = element.mid(2);
        if (!object.contains(name))
            return false;
        if (last) {
            object.remove(name);
        } else {
            QJsonValue child = object.value(name);
            if (!removePath(type, child, path, index + 1, schemaPath + QStringList{name}))
                return false;
            // A map or list emptied by pruning disappears, as omitempty drops it.
            if (isEmptyish(child))
                object.remove(name);
            else
                object.insert(name, child);
        }
        node = object;
        return true;
    }
    if (!node.isArray())
        return false;
    QJsonArray array = node.toArray();
    const ListSemantics sem = listSemantics(type, schemaPath);
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (elementOf(type, schemaPath, sem, array.at(i)) != element)
            continue;
        if (last) {
            array.removeAt(i);
        } else {
            QJsonValue child = array.at(i);
            if (!removePath(type, child, path, index + 1, schemaPath))
                return false;
            array.replace(i, child);
        }
        node = array;
        return true;
    }
    return false;
}

// Whether the path is a key field of an associative list item (`k:{"name":"web"}` / `f:name`).
bool isKeyField(const Path &path)
{
    if (path.size() < 2 || !path.at(path.size() - 2).startsWith(QLatin1String("k:")))
        return false;
    const QJsonObject key =
        QJsonDocument::fromJson(path.at(path.size() - 2).mid(2).toUtf8()).object();
    return key.contains(path.last().mid(2));
}

// ---- managedFields entries.

struct Entry
{
    QString manager;
    QString operation;
    QString apiVersion;
    QString time;
    QString subresource;
    FieldSet fields;
};

QList<Entry> readEntries(const QJsonArray &array)
{
    QList<Entry> entries;
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        entries.append({o.value(L("manager")).toString(), o.value(L("operation")).toString(),
                        o.value(L("apiVersion")).toString(), o.value(L("time")).toString(),
                        o.value(L("subresource")).toString(),
                        FieldSet::fromFieldsV1(o.value(L("fieldsV1")).toObject())});
    }
    return entries;
}

QJsonArray managedFieldsOf(const QJsonObject &object)
{
    return object.value(metadataKey).toObject().value(managedFieldsKey).toArray();
}

// Writes the entries sorted as the real server does: operation, time, manager, apiVersion,
// subresource. Entries with no fields left are dropped.
// The real server keeps at most ten Update entries: the oldest are merged, per apiVersion, into
// an "ancient-changes" entry carrying the time of the newest change merged into it.
void capUpdateEntries(QList<Entry> &entries)
{
    constexpr qsizetype maxUpdateManagers = 10;
    QList<qsizetype> updaters;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries.at(i).operation != QLatin1String("Apply"))
            updaters << i;
    if (updaters.size() <= maxUpdateManagers)
        return;
    std::stable_sort(updaters.begin(), updaters.end(), [&entries](qsizetype a, qsizetype b) {
        const Entry &x = entries.at(a);
        const Entry &y = entries.at(b);
        return x.time != y.time ? x.time < y.time : x.manager < y.manager;
    });
    QHash<QString, qsizetype> firstOfVersion;
    QHash<QString, qsizetype> bucketOfVersion;
    QList<qsizetype> merged;
    qsizetype count = updaters.size();
    for (qsizetype n = 0; n < updaters.size() && count > maxUpdateManagers; ++n) {
        const qsizetype index = updaters.at(n);
        const QString version = entries.at(index).apiVersion;
        if (!firstOfVersion.contains(version)) {
            firstOfVersion.insert(version, index);
            continue;
        }
        if (!bucketOfVersion.contains(version)) {
            Entry bucket = entries.at(firstOfVersion.value(version));
            merged << firstOfVersion.value(version);
            bucket.manager = QStringLiteral("ancient-changes");
            bucket.operation = QStringLiteral("Update");
            bucket.subresource.clear();
            entries.append(bucket);
            bucketOfVersion.insert(version, entries.size() - 1);
        }
        Entry &bucket = entries[bucketOfVersion.value(version)];
        bucket.fields = bucket.fields.united(entries.at(index).fields);
        bucket.time = entries.at(index).time;
        merged << index;
        --count;
    }
    std::sort(merged.begin(), merged.end(), std::greater<>());
    for (qsizetype index : merged)
        entries.removeAt(index);
}

QJsonObject withEntries(QJsonObject object, QList<Entry> entries)
{
    entries.removeIf([](const Entry &e) { return e.fields.isEmpty(); });
    capUpdateEntries(entries);
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.operation != b.operation)
            return a.operation < b.operation;
        if (a.time != b.time)
            return a.time < b.time;
        if (a.manager != b.manager)
            return a.manager < b.manager;
        if (a.apiVersion != b.apiVersion)
            return a.apiVersion < b.apiVersion;
        return a.subresource < b.subresource;
    });
    QJsonArray array;
    for (const Entry &e : entries) {
        QJsonObject o{{QStringLiteral("manager"), e.manager},
                      {QStringLiteral("operation"), e.operation},
                      {QStringLiteral("apiVersion"), e.apiVersion},
                      {QStringLiteral("fieldsType"), QStringLiteral("FieldsV1")},
                      {QStringLiteral("fieldsV1"), e.fields.toFieldsV1()}};
        if (!e.time.isEmpty())
            o.insert(QLatin1String("time"), e.time);
        if (!e.subresource.isEmpty())
            o.insert(QLatin1String("subresource"), e.subresource);
        array.append(o);
    }
    QJsonObject metadata = object.value(metadataKey).toObject();
    if (array.isEmpty())
        metadata.remove(managedFieldsKey);
    else
        metadata.insert(managedFieldsKey, array);
    object.insert(metadataKey, metadata);
    return object;
}

// How the apiserver's conflict errors print a manager (its printManager).
QString describeManager(const Entry &entry)
{
    QString out = QLatin1Char('"') + entry.manager + QLatin1Char('"');
    if (!entry.subresource.isEmpty())
        out += QStringLiteral(" with subresource \"") + entry.subresource + QLatin1Char('"');
    if (entry.operation == QLatin1String("Update"))
        out += QStringLiteral(" using ") + entry.apiVersion;
    return out;
}

QString timestamp(const QDateTime &now)
{
    return now.toUTC().toString(Qt::ISODate);
}

// ---- The Go zero values an Update's comparison sees: non-pointer structs are always present
// (so a Deployment's spec.template.metadata is never "added"), `containers` is null, a
// container's `resources` is {}.

void ensure(QJsonObject &object, const QJsonObject &skeleton)
{
    for (auto it = skeleton.begin(); it != skeleton.end(); ++it) {
        if (!object.contains(it.key())) {
            object.insert(it.key(), it.value());
        } else if (object.value(it.key()).isObject() && it.value().isObject()) {
            QJsonObject child = object.value(it.key()).toObject();
            ensure(child, it.value().toObject());
            object.insert(it.key(), child);
        }
    }
}

QJsonObject podTemplateSkeleton()
{
    return QJsonObject{
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("creationTimestamp"), QJsonValue::Null}}},
        {QStringLiteral("spec"), QJsonObject{{QStringLiteral("containers"), QJsonValue::Null}}}};
}

QJsonObject skeletonFor(const TypeRef &type)
{
    QJsonObject spec;
    const QString &k = type.kind;
    bool hasSpec = false;
    if (type.group == L("apps")) {
        hasSpec = true;
        spec.insert(QLatin1String("template"), podTemplateSkeleton());
        if (k == L("Deployment"))
            spec.insert(QLatin1String("strategy"), QJsonObject());
        else if (k == L("StatefulSet") || k == L("DaemonSet"))
            spec.insert(QLatin1String("updateStrategy"), QJsonObject());
    } else if (type.group == L("batch")) {
        hasSpec = true;
        if (k == L("Job"))
            spec.insert(QLatin1String("template"), podTemplateSkeleton());
        else if (k == L("CronJob"))
            spec.insert(
                QLatin1String("jobTemplate"),
                QJsonObject{{QStringLiteral("metadata"),
                             QJsonObject{{QStringLiteral("creationTimestamp"), QJsonValue::Null}}},
                            {QStringLiteral("spec"),
                             QJsonObject{{QStringLiteral("template"), podTemplateSkeleton()}}}});
    } else if (type.group.isEmpty()) {
        if (k == L("Pod")) {
            hasSpec = true;
            spec.insert(QLatin1String("containers"), QJsonValue::Null);
        } else if (k == L("ReplicationController")) {
            hasSpec = true;
        } else if (k == L("PersistentVolumeClaim")) {
            hasSpec = true;
            spec.insert(QLatin1String("resources"), QJsonObject());
        } else {
            hasSpec = k == L("Service") || k == L("Namespace") || k == L("PersistentVolume")
                || k == L("Node");
        }
    } else {
        hasSpec = k == L("Ingress") || k == L("NetworkPolicy") || k == L("HorizontalPodAutoscaler")
            || k == L("CustomResourceDefinition");
    }
    QJsonObject skeleton{{metadataKey, QJsonObject()}};
    if (hasSpec)
        skeleton.insert(QLatin1String("spec"), spec);
    return skeleton;
}

QJsonObject withZeroValues(const TypeRef &type, QJsonObject object)
{
    ensure(object, skeletonFor(type));
    for (const QStringList &podSpecPath : podSpecPaths(type)) {
        // Walk to the pod spec, give each container its resources, and write back.
        std::function<void(QJsonObject &, qsizetype)> visit = [&](QJsonObject &node,
                                                                  qsizetype depth) {
            if (depth == podSpecPath.size()) {
                for (QLatin1String list :
                     {L("containers"), L("initContainers"), L("ephemeralContainers")}) {
                    if (!node.value(list).isArray())
                        continue;
                    QJsonArray containers = node.value(list).toArray();
                    for (qsizetype i = 0; i < containers.size(); ++i) {
                        QJsonObject c = containers.at(i).toObject();
                        if (!c.contains(QLatin1String("resources")))
                            c.insert(QLatin1String("resources"), QJsonObject());
                        containers.replace(i, c);
                    }
                    node.insert(list, containers);
                }
                return;
            }
            const QString &step = podSpecPath.at(depth);
            if (!node.value(step).isObject())
                return;
            QJsonObject child = node.value(step).toObject();
            visit(child, depth + 1);
            node.insert(step, child);
        };
        visit(object, 0);
    }
    return object;
}

// On a real server the field manager records a create before the create strategy and the
// allocators run, so what they add is nobody's: a Service's cluster IPs, IP families and
// node ports, a Job's generated selector and labels, a Namespace's finalizer. The caller may
// record after it has filled them in; they are taken out here.
FieldSet withoutCreateStrategyFields(const TypeRef &type, const FieldSet &changed)
{
    auto path = [](std::initializer_list<const char *> elements) {
        Path p;
        for (const char *e : elements)
            p << QString::fromLatin1(e);
        return p;
    };
    QList<Path> prefixes;
    bool nodePorts = false;
    if (type.group.isEmpty() && type.kind == L("Service")) {
        for (const char *field : {"f:clusterIP", "f:clusterIPs", "f:ipFamilies", "f:ipFamilyPolicy",
                                  "f:healthCheckNodePort"})
            prefixes << path({"f:spec", field});
        nodePorts = true;
    } else if (type.group.isEmpty() && type.kind == L("Namespace")) {
        prefixes << path({"f:spec", "f:finalizers"});
    } else if (type.group == L("batch") && type.kind == L("Job")) {
        prefixes << path({"f:spec", "f:selector"});
        for (const char *label :
             {"f:batch.kubernetes.io/controller-uid", "f:batch.kubernetes.io/job-name",
              "f:controller-uid", "f:job-name"}) {
            prefixes << path({"f:spec", "f:template", "f:metadata", "f:labels", label});
            prefixes << path({"f:metadata", "f:labels", label});
        }
    } else {
        return changed;
    }
    FieldSet out;
    FieldSet taken;
    for (const Path &p : changed.paths()) {
        const bool strategy =
            std::any_of(prefixes.begin(), prefixes.end(),
                        [&p](const Path &prefix) { return p.mid(0, prefix.size()) == prefix; })
            || (nodePorts && p.size() == 4 && p.first() == L("f:spec") && p.at(1) == L("f:ports")
                && p.last() == L("f:nodePort"));
        if (strategy)
            taken.insert(p);
        else
            out.insert(p);
    }
    // A map that only held generated entries (template labels of a Job given none) goes too.
    for (const Path &p : taken.paths()) {
        for (qsizetype n = p.size() - 1; n > 0; --n) {
            const Path ancestor = p.mid(0, n);
            if (out.contains(ancestor) && !out.hasMemberUnder(ancestor))
                out.remove(ancestor);
        }
    }
    return out;
}

} // namespace

QString applyConflictMessage(const QList<ApplyConflict> &conflicts)
{
    if (conflicts.size() == 1)
        return QStringLiteral("Apply failed with 1 conflict: conflict with %1: %2")
            .arg(conflicts.first().who, conflicts.first().field);
    QMap<QString, QStringList> byManager;
    for (const ApplyConflict &conflict : conflicts)
        byManager[conflict.who] << conflict.field;
    QStringList lines;
    for (auto it = byManager.begin(); it != byManager.end(); ++it) {
        lines << QStringLiteral("conflicts with %1:").arg(it.key());
        for (const QString &field : it.value())
            lines << QStringLiteral("- ") + field;
    }
    return QStringLiteral("Apply failed with %1 conflicts: %2")
        .arg(conflicts.size())
        .arg(lines.join(QLatin1Char('\n')));
}

QJsonObject withoutManagedFields(QJsonObject object)
{
    if (!object.contains(metadataKey))
        return object;
    QJsonObject metadata = object.value(metadataKey).toObject();
    metadata.remove(managedFieldsKey);
    object.insert(metadataKey, metadata);
    return object;
}

namespace {

// The Update bookkeeping shared by recordUpdate and the first apply to an untracked object.
void recordChange(const TypeRef &type, const QJsonObject &before, const QJsonObject &after,
                  QList<Entry> &entries, const QString &manager, const QString &subresource,
                  const QDateTime &now, bool leaveStrategyFields)
{
    QJsonObject lhs = tracked(withoutManagedFields(before), subresource);
    QJsonObject rhs = tracked(withoutManagedFields(after), subresource);
    if (subresource != L("status")) {
        lhs = withZeroValues(type, lhs);
        rhs = withZeroValues(type, rhs);
    } else {
        for (QJsonObject *side : {&lhs, &rhs})
            if (!side->value(QLatin1String("status")).isObject())
                side->insert(QLatin1String("status"), QJsonObject());
    }
    const Comparison change = compareObjects(type, lhs, rhs);
    FieldSet changed = change.added.united(change.modified);
    if (leaveStrategyFields)
        changed = withoutCreateStrategyFields(type, changed);

    for (Entry &entry : entries)
        entry.fields = entry.fields.subtracted(changed).subtracted(change.removed);

    QString apiVersion = after.value(QLatin1String("apiVersion")).toString();
    if (apiVersion.isEmpty())
        apiVersion = type.apiVersion();
    if (changed.isEmpty())
        return;
    auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry &e) {
        return e.manager == manager && e.operation == L("Update") && e.apiVersion == apiVersion
            && e.subresource == subresource;
    });
    if (it == entries.end()) {
        entries.append(
            {manager, QStringLiteral("Update"), apiVersion, timestamp(now), subresource, changed});
    } else {
        it->fields = it->fields.united(changed);
        it->time = timestamp(now);
    }
}

} // namespace

ApplyOutcome serverSideApply(const TypeRef &type, const QJsonObject &live,
                             const QJsonObject &applied, const QString &manager, bool force,
                             const QDateTime &now)
{
    QList<Entry> entries = readEntries(managedFieldsOf(live));
    const QJsonObject liveContent = withoutManagedFields(live);
    // An object nobody tracks yet (its managedFields were cleared) is first attributed, field
    // by field, to "before-first-apply", so that the apply conflicts instead of silently
    // taking fields over.
    if (entries.isEmpty() && !live.isEmpty())
        recordChange(type, QJsonObject(), liveContent, entries,
                     QStringLiteral("before-first-apply"), QString(), now, false);
    const QJsonObject config = withoutManagedFields(applied);
    QStringList errors;
    const FieldSet appliedSet = fieldSetOf(type, tracked(config, QString()), errors);
    if (!errors.isEmpty()) {
        ApplyOutcome rejected;
        rejected.error = errors.join(QStringLiteral(", "));
        return rejected;
    }

    qsizetype own = -1;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (entries.at(i).manager == manager && entries.at(i).operation == L("Apply"))
            own = i;
    const FieldSet lastSet = own >= 0 ? entries.at(own).fields : FieldSet();

    QJsonObject merged = merge(type, liveContent, config, {}).toObject();
    if (!live.isEmpty()) {
        // The configuration cannot rename or move the object.
        QJsonObject metadata = merged.value(metadataKey).toObject();
        const QJsonObject liveMetadata = live.value(metadataKey).toObject();
        for (QLatin1String key : {L("name"), L("namespace"), L("uid")})
            if (liveMetadata.contains(key))
                metadata.insert(key, liveMetadata.value(key));
        merged.insert(metadataKey, metadata);
    }

    // Prune what this manager applied last time, does not apply now, and nobody else owns.
    FieldSet owned = appliedSet;
    for (qsizetype i = 0; i < entries.size(); ++i)
        if (i != own)
            owned = owned.united(entries.at(i).fields);
    const FieldSet dropped = lastSet.subtracted(appliedSet);
    // Parents sort before their children: a removed list item takes its fields along, and an
    // item kept for another owner keeps the key fields that identify it.
    for (const Path &path : dropped.paths()) {
        if (owned.contains(path) || owned.hasMemberUnder(path) || isKeyField(path))
            continue;
        QJsonValue root = merged;
        if (removePath(type, root, path, 0, {}))
            merged = root.toObject();
    }

    const Comparison change =
        compareObjects(type, tracked(liveContent, QString()), tracked(merged, QString()));
    const FieldSet changed = change.added.united(change.modified);
    QList<ApplyConflict> conflicts;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (i == own)
            continue;
        const FieldSet overlap = entries.at(i).fields.intersected(changed);
        for (const Path &path : overlap.paths())
            conflicts.append(
                {entries.at(i).manager, FieldSet::describe(path), describeManager(entries.at(i))});
    }
    if (!conflicts.isEmpty() && !force) {
        ApplyOutcome refused;
        refused.conflicts = conflicts;
        return refused;
    }

    for (qsizetype i = 0; i < entries.size(); ++i)
        if (i != own)
            entries[i].fields = entries.at(i).fields.subtracted(changed).subtracted(change.removed);

    Entry mine =
        own >= 0 ? entries.at(own) : Entry{manager, QStringLiteral("Apply"), {}, {}, {}, {}};
    mine.fields = appliedSet;
    mine.apiVersion = config.value(QLatin1String("apiVersion")).toString();
    if (mine.apiVersion.isEmpty())
        mine.apiVersion = type.apiVersion();
    // The time moves only when the apply changed the object (a no-op apply stays a no-op).
    // (A new manager that changes nothing gets an entry without a time, as on a real server.)
    if (liveContent != merged)
        mine.time = timestamp(now);
    if (own >= 0)
        entries[own] = mine;
    else
        entries.append(mine);
    ApplyOutcome outcome;
    outcome.object = withEntries(merged, entries);
    return outcome;
}

QJsonObject recordUpdate(const TypeRef &type, const QJsonObject &before, QJsonObject after,
                         const QString &manager, const QString &subresource, const QDateTime &now)
{
    const QJsonArray requested = managedFieldsOf(after);
    // `managedFields: [{}]` is the documented way to clear them.
    if (requested.size() == 1 && requested.first().toObject().isEmpty())
        return withoutManagedFields(after);
    QList<Entry> entries = readEntries(!requested.isEmpty() && requested != managedFieldsOf(before)
                                           ? requested
                                           : managedFieldsOf(before));
    recordChange(type, before, after, entries, manager, subresource, now, before.isEmpty());
    return withEntries(after, entries);
}

} // namespace kubeemu
