#include "patch.h"

#include "mergekeys.h"

#include <QJsonDocument>

#include <algorithm>

namespace kubeemu {

// ---- JSON merge patch -------------------------------------------------------------------

QJsonObject jsonMergePatch(const QJsonObject &target, const QJsonObject &patch)
{
    QJsonObject result = target;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.value().isNull()) {
            result.remove(it.key());
        } else if (it.value().isObject()) {
            result.insert(it.key(),
                          jsonMergePatch(result.value(it.key()).toObject(), it.value().toObject()));
        } else {
            result.insert(it.key(), it.value());
        }
    }
    return result;
}

// ---- Strategic merge patch --------------------------------------------------------------

namespace {

const QString patchDirective = QStringLiteral("$patch");
const QString retainKeysDirective = QStringLiteral("$retainKeys");
const QString setElementOrderPrefix = QStringLiteral("$setElementOrder/");
const QString deleteFromPrimitivePrefix = QStringLiteral("$deleteFromPrimitiveList/");

QString compactJson(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// Go's %v of a decoded JSON value, which apimachinery's error messages use:
// map[image:x name:web], [a b], <nil>.
QString goFormat(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList parts;
        for (auto it = object.begin(); it != object.end(); ++it)
            parts << it.key() + QLatin1Char(':') + goFormat(it.value());
        return QStringLiteral("map[") + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts << goFormat(element);
        return QLatin1Char('[') + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return QStringLiteral("<nil>");
    default:
        return compactJson(value);
    }
}

// The identity strategic merge patch orders a list by: the merge key's value, or the scalar.
QJsonValue identityOf(const ListSemantics &semantics, const QJsonValue &element)
{
    return semantics.kind == ListSemantics::Map ? element.toObject().value(semantics.patchMergeKey)
                                                : element;
}

qsizetype indexOf(const ListSemantics &semantics, const QJsonArray &list, const QJsonValue &element)
{
    const QJsonValue id = identityOf(semantics, element);
    for (qsizetype i = 0; i < list.size(); ++i)
        if (identityOf(semantics, list.at(i)) == id)
            return i;
    return -1;
}

// The order apimachinery gives a merged list: the items the patch (or its $setElementOrder)
// names, in that order, interleaved with the items only the server had, in their old order; a
// server-only item goes first only when both it and the next patch item were in the old list
// and it came before. New items therefore lead unless an order list places them.
QJsonArray normalizedOrder(const ListSemantics &semantics, const QJsonArray &merged,
                           const QJsonArray &order, const QJsonArray &original)
{
    QList<QJsonValue> named;
    QList<QJsonValue> serverOnly;
    for (const QJsonValue &element : merged)
        (indexOf(semantics, order, element) >= 0 ? named : serverOnly).append(element);
    auto byIndexIn = [&semantics](const QJsonArray &list) {
        return [&semantics, &list](const QJsonValue &a, const QJsonValue &b) {
            const qsizetype ia = indexOf(semantics, list, a);
            const qsizetype ib = indexOf(semantics, list, b);
            return ia >= 0 && ib >= 0 && ia < ib;
        };
    };
    std::stable_sort(named.begin(), named.end(), byIndexIn(order));
    std::stable_sort(serverOnly.begin(), serverOnly.end(), byIndexIn(original));
    QJsonArray out;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < serverOnly.size() || j < named.size()) {
        if (j >= named.size()) {
            out.append(serverOnly.at(i++));
            continue;
        }
        if (i >= serverOnly.size()) {
            out.append(named.at(j++));
            continue;
        }
        const qsizetype left = indexOf(semantics, original, serverOnly.at(i));
        const qsizetype right = indexOf(semantics, original, named.at(j));
        if (left >= 0 && right >= 0 && left < right)
            out.append(serverOnly.at(i++));
        else
            out.append(named.at(j++));
    }
    return out;
}

class StrategicMerge
{
public:
    StrategicMerge(const TypeRef &type, QString *error)
        : m_type(type)
        , m_error(error)
    { }

    std::optional<QJsonObject> mergeMap(const QJsonObject &original, const QJsonObject &patch,
                                        const QStringList &path);

private:
    std::optional<QJsonArray> mergeList(const QJsonArray &original, const QJsonArray &patch,
                                        const QStringList &path);
    std::optional<QJsonValue> stripped(const QJsonValue &value, const QStringList &path);

    bool fail(const QString &message)
    {
        if (m_error)
            *m_error = message;
        return false;
    }

    const TypeRef &m_type;
    QString *m_error;
};

// A patch value with its directives resolved against nothing: what it creates when the
// target has no such field.
std::optional<QJsonValue> StrategicMerge::stripped(const QJsonValue &value, const QStringList &path)
{
    if (value.isObject()) {
        const auto merged = mergeMap(QJsonObject(), value.toObject(), path);
        if (!merged)
            return std::nullopt;
        return QJsonValue(*merged);
    }
    if (value.isArray()) {
        const auto merged = mergeList(QJsonArray(), value.toArray(), path);
        if (!merged)
            return std::nullopt;
        return QJsonValue(*merged);
    }
    return value;
}

std::optional<QJsonObject> StrategicMerge::mergeMap(const QJsonObject &original,
                                                    const QJsonObject &patch,
                                                    const QStringList &path)
{
    const QString directive = patch.value(patchDirective).toString();
    QJsonObject result = original;
    if (patch.contains(patchDirective)) {
        if (directive == QLatin1String("replace")) {
            result = QJsonObject();
        } else if (directive == QLatin1String("delete")) {
            return QJsonObject();
        } else if (directive != QLatin1String("merge")) {
            fail(QStringLiteral("unknown patch type: %1 in map: %2")
                     .arg(directive, goFormat(patch)));
            return std::nullopt;
        }
    }

    QHash<QString, QJsonArray> elementOrders;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString &key = it.key();
        const QJsonValue &value = it.value();
        if (key == patchDirective || key == retainKeysDirective)
            continue;
        if (key.startsWith(setElementOrderPrefix)) {
            elementOrders.insert(key.mid(setElementOrderPrefix.size()), value.toArray());
            continue;
        }
        if (key.startsWith(deleteFromPrimitivePrefix)) {
            const QString field = key.mid(deleteFromPrimitivePrefix.size());
            const QJsonArray remove = value.toArray();
            QJsonArray kept;
            for (const QJsonValue &element : result.value(field).toArray())
                if (!remove.contains(element))
                    kept.append(element);
            result.insert(field, kept);
            continue;
        }
        if (key.startsWith(QLatin1Char('$'))) {
            fail(QStringLiteral("unknown patch directive: %1").arg(key));
            return std::nullopt;
        }
        const QStringList childPath = path + QStringList{key};
        if (value.isNull()) {
            result.remove(key);
        } else if (value.isObject()) {
            const QJsonObject child = value.toObject();
            if (child.value(patchDirective).toString() == QLatin1String("delete")) {
                result.remove(key);
                continue;
            }
            const auto merged = mergeMap(result.value(key).toObject(), child, childPath);
            if (!merged)
                return std::nullopt;
            result.insert(key, *merged);
        } else if (value.isArray()) {
            const auto merged = mergeList(result.value(key).toArray(), value.toArray(), childPath);
            if (!merged)
                return std::nullopt;
            result.insert(key, *merged);
        } else {
            result.insert(key, value);
        }
    }

    // $setElementOrder/<list> orders the merged list (precedence: this list, the patch, the
    // live order).
    for (auto it = elementOrders.begin(); it != elementOrders.end(); ++it) {
        if (!result.value(it.key()).isArray())
            continue;
        const ListSemantics semantics = listSemantics(m_type, path + QStringList{it.key()});
        if (semantics.kind == ListSemantics::Atomic)
            continue;
        result.insert(it.key(),
                      normalizedOrder(semantics, result.value(it.key()).toArray(), it.value(),
                                      original.value(it.key()).toArray()));
    }

    if (patch.contains(retainKeysDirective)) {
        const QJsonArray retain = patch.value(retainKeysDirective).toArray();
        const QStringList keys = result.keys();
        for (const QString &key : keys)
            if (!retain.contains(QJsonValue(key)))
                result.remove(key);
    }
    return result;
}

std::optional<QJsonArray> StrategicMerge::mergeList(const QJsonArray &original,
                                                    const QJsonArray &patch,
                                                    const QStringList &path)
{
    // A `{"$patch": "replace"}` element replaces the list with the other elements.
    bool replace = false;
    QJsonArray items;
    for (const QJsonValue &element : patch) {
        const QJsonObject object = element.toObject();
        if (element.isObject() && object.size() == 1
            && object.value(patchDirective).toString() == QLatin1String("replace")) {
            replace = true;
            continue;
        }
        items.append(element);
    }

    const ListSemantics semantics = listSemantics(m_type, path);
    if (semantics.kind == ListSemantics::Atomic || replace) {
        QJsonArray result;
        for (const QJsonValue &element : items) {
            const auto value = stripped(element, path);
            if (!value)
                return std::nullopt;
            result.append(*value);
        }
        return result;
    }

    QJsonArray result = original;
    if (semantics.kind == ListSemantics::Set) {
        for (const QJsonValue &element : items)
            if (!result.contains(element))
                result.append(element);
        return normalizedOrder(semantics, result, items, original);
    }

    const QString &key = semantics.patchMergeKey;
    QJsonArray named; // the patch's items, deletions left out: the order they ask for
    for (const QJsonValue &element : items) {
        if (!element.isObject()) {
            fail(QStringLiteral("unable to find api field in struct for the list item %1, "
                                "expected a map with merge key %2")
                     .arg(compactJson(element), key));
            return std::nullopt;
        }
        const QJsonObject item = element.toObject();
        if (!item.contains(key)) {
            fail(QStringLiteral("map: %1 does not contain declared merge key: %2")
                     .arg(goFormat(item), key));
            return std::nullopt;
        }
        const QJsonValue id = item.value(key);
        const QString directive = item.value(patchDirective).toString();
        if (directive == QLatin1String("delete")) {
            for (qsizetype i = result.size() - 1; i >= 0; --i)
                if (result.at(i).toObject().value(key) == id)
                    result.removeAt(i);
            continue;
        }
        qsizetype found = -1;
        for (qsizetype i = 0; i < result.size(); ++i) {
            if (result.at(i).toObject().value(key) == id) {
                found = i;
                break;
            }
        }
        const auto merged =
            mergeMap(found >= 0 ? result.at(found).toObject() : QJsonObject(), item, path);
        if (!merged)
            return std::nullopt;
        if (found >= 0)
            result.replace(found, *merged);
        else
            result.append(*merged);
        named.append(item);
    }
    return normalizedOrder(semantics, result, named, original);
}

} // namespace

std::optional<QJsonObject> strategicMergePatch(const TypeRef &type, const QJsonObject &target,
                                               const QJsonObject &patch, QString *error)
{
    StrategicMerge merge(type, error);
    return merge.mergeMap(target, patch, {});
}

// ---- JSON patch -------------------------------------------------------------------------

namespace {

struct Pointer
{
    QStringList tokens;
    bool valid = true;
};

Pointer parsePointer(const QString &text)
{
    Pointer pointer;
    if (text.isEmpty())
        return pointer;
    if (!text.startsWith(QLatin1Char('/'))) {
        pointer.valid = false;
        return pointer;
    }
    for (QString token : text.mid(1).split(QLatin1Char('/'))) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        pointer.tokens << token;
    }
    return pointer;
}

// An array index token: decimal digits without a leading zero.
std::optional<qsizetype> arrayIndex(const QString &token)
{
    if (token.isEmpty() || (token.size() > 1 && token.startsWith(QLatin1Char('0'))))
        return std::nullopt;
    bool ok = false;
    const qsizetype index = token.toLongLong(&ok);
    if (!ok || index < 0)
        return std::nullopt;
    return index;
}

std::optional<QJsonValue> valueAt(const QJsonValue &root, const QStringList &tokens)
{
    QJsonValue node = root;
    for (const QString &token : tokens) {
        if (node.isObject()) {
            const QJsonObject object = node.toObject();
            if (!object.contains(token))
                return std::nullopt;
            node = object.value(token);
        } else if (node.isArray()) {
            const auto index = arrayIndex(token);
            const QJsonArray array = node.toArray();
            if (!index || *index >= array.size())
                return std::nullopt;
            node = array.at(*index);
        } else {
            return std::nullopt;
        }
    }
    return node;
}

enum class Edit { Add, Remove, Replace };

// Rebuilds `node` with the edit applied at tokens[depth..]; nothing when the path is missing.
std::optional<QJsonValue> edited(const QJsonValue &node, const QStringList &tokens, qsizetype depth,
                                 Edit edit, const QJsonValue &value)
{
    const QString &token = tokens.at(depth);
    const bool last = depth == tokens.size() - 1;
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (last) {
            if (edit != Edit::Add && !object.contains(token))
                return std::nullopt;
            if (edit == Edit::Remove)
                object.remove(token);
            else
                object.insert(token, value);
            return QJsonValue(object);
        }
        if (!object.contains(token))
            return std::nullopt;
        const auto child = edited(object.value(token), tokens, depth + 1, edit, value);
        if (!child)
            return std::nullopt;
        object.insert(token, *child);
        return QJsonValue(object);
    }
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        if (last && edit == Edit::Add && token == QLatin1String("-")) {
            array.append(value);
            return QJsonValue(array);
        }
        const auto index = arrayIndex(token);
        if (!index)
            return std::nullopt;
        if (last) {
            if (edit == Edit::Add) {
                if (*index > array.size())
                    return std::nullopt;
                array.insert(*index, value);
            } else {
                if (*index >= array.size())
                    return std::nullopt;
                if (edit == Edit::Remove)
                    array.removeAt(*index);
                else
                    array.replace(*index, value);
            }
            return QJsonValue(array);
        }
        if (*index >= array.size())
            return std::nullopt;
        const auto child = edited(array.at(*index), tokens, depth + 1, edit, value);
        if (!child)
            return std::nullopt;
        array.replace(*index, *child);
        return QJsonValue(array);
    }
    return std::nullopt;
}

} // namespace

std::optional<QJsonValue> jsonPatch(const QJsonValue &target, const QJsonArray &operations,
                                    QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<QJsonValue> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonValue document = target;
    for (const QJsonValue &entry : operations) {
        const QJsonObject operation = entry.toObject();
        const QString op = operation.value(QLatin1String("op")).toString();
        const QString pathText = operation.value(QLatin1String("path")).toString();
        if (!entry.isObject() || !operation.contains(QLatin1String("op")))
            return fail(QStringLiteral("Unexpected kind: %1").arg(compactJson(entry)));
        if (!operation.value(QLatin1String("path")).isString())
            return fail(QStringLiteral("%1 operation missing path").arg(op));
        const Pointer path = parsePointer(pathText);
        if (!path.valid)
            return fail(QStringLiteral("%1 operation does not apply: doc is missing path: \"%2\": "
                                       "missing value")
                            .arg(op, pathText));
        const bool hasValue = operation.contains(QLatin1String("value"));
        const QJsonValue value = operation.value(QLatin1String("value"));

        auto apply = [&](Edit edit, const QStringList &tokens,
                         const QJsonValue &v) -> std::optional<QJsonValue> {
            if (tokens.isEmpty())
                return edit == Edit::Remove ? QJsonValue(QJsonValue::Null) : v;
            return edited(document, tokens, 0, edit, v);
        };

        if (op == QLatin1String("add")) {
            if (!hasValue)
                return fail(QStringLiteral("add operation missing value"));
            const auto result = apply(Edit::Add, path.tokens, value);
            if (!result)
                return fail(QStringLiteral("add operation does not apply: doc is missing path: "
                                           "\"%1\": missing value")
                                .arg(pathText));
            document = *result;
        } else if (op == QLatin1String("remove")) {
            const auto result = apply(Edit::Remove, path.tokens, QJsonValue());
            if (!result)
                return fail(QStringLiteral("remove operation does not apply: doc is missing path: "
                                           "\"%1\": missing value")
                                .arg(pathText));
            document = *result;
        } else if (op == QLatin1String("replace")) {
            if (!hasValue)
                return fail(QStringLiteral("replace operation missing value"));
            const auto result = apply(Edit::Replace, path.tokens, value);
            if (!result)
                return fail(QStringLiteral("replace operation does not apply: doc is missing "
                                           "key: %1: missing value")
                                .arg(pathText));
            document = *result;
        } else if (op == QLatin1String("move") || op == QLatin1String("copy")) {
            const QString fromText = operation.value(QLatin1String("from")).toString();
            const Pointer from = parsePointer(fromText);
            const auto moved = from.valid ? valueAt(document, from.tokens) : std::nullopt;
            if (!moved)
                return fail(QStringLiteral("%1 operation does not apply: doc is missing from "
                                           "path: \"%2\": missing value")
                                .arg(op, fromText));
            if (op == QLatin1String("move")) {
                if (path.tokens.mid(0, from.tokens.size()) == from.tokens
                    && path.tokens.size() > from.tokens.size())
                    return fail(QStringLiteral("move operation does not apply: \"%1\" is a child "
                                               "of \"%2\"")
                                    .arg(pathText, fromText));
                const auto removed = apply(Edit::Remove, from.tokens, QJsonValue());
                if (!removed)
                    return fail(QStringLiteral("move operation does not apply: doc is missing "
                                               "from path: \"%1\": missing value")
                                    .arg(fromText));
                document = *removed;
            }
            const auto result = apply(Edit::Add, path.tokens, *moved);
            if (!result)
                return fail(QStringLiteral("%1 operation does not apply: doc is missing "
                                           "destination path: \"%2\": missing value")
                                .arg(op, pathText));
            document = *result;
        } else if (op == QLatin1String("test")) {
            const auto actual = valueAt(document, path.tokens);
            const bool equal = actual ? *actual == value : value.isNull();
            if (!equal)
                return fail(QStringLiteral("testing value %1 failed: test failed").arg(pathText));
        } else {
            return fail(QStringLiteral("Unexpected kind: %1").arg(op));
        }
    }
    return document;
}

} // namespace kubeemu
