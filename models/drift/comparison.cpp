#include "drift/comparison.h"

#include "drift/customresourcerules.h"
#include "drift/fieldrules.h"
#include "drift/jqpath.h"
#include "drift/managedfields.h"
#include "drift/quantity.h"
#include "drift/secretmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace gitops::drift {

namespace {

using L = QLatin1String;

const QLatin1String lastAppliedKey("kubectl.kubernetes.io/last-applied-configuration");

bool isUnset(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    default:
        return false;
    }
}

QString pointerSegment(const QString &key)
{
    QString s = key;
    s.replace(QLatin1Char('~'), QLatin1String("~0"));
    s.replace(QLatin1Char('/'), QLatin1String("~1"));
    return s;
}

bool isPlainName(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')))
            return false;
    }
    return true;
}

QString compactJson(const QJsonValue &value)
{
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

// Secret values compare by their bytes: stringData folded into data, base64 re-encoded
// canonically, null values as empty.
void foldSecret(QJsonObject &secret)
{
    QJsonObject data = secret.value(L("data")).toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        if (it.value().isNull()) {
            it.value() = QString();
            continue;
        }
        const auto decoded = QByteArray::fromBase64Encoding(
            it.value().toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            it.value() = QString::fromLatin1(decoded.decoded.toBase64());
    }
    const QJsonObject plain = secret.value(L("stringData")).toObject();
    for (auto it = plain.begin(); it != plain.end(); ++it)
        data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
    secret.remove(L("stringData"));
    if (data.isEmpty())
        secret.remove(L("data"));
    else
        secret.insert(L("data"), data);
}

void removeKeys(QJsonObject &object, const QString &key, const QStringList &names)
{
    if (!object.contains(key))
        return;
    QJsonObject map = object.value(key).toObject();
    for (const QString &name : names)
        map.remove(name);
    if (map.isEmpty())
        object.remove(key);
    else
        object.insert(key, map);
}

// What the API server writes for its own bookkeeping; never drift on either side.
void stripServerFields(QJsonObject &object, bool compareStatus)
{
    QJsonObject metadata = object.value(L("metadata")).toObject();
    for (const char *key :
         {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"})
        metadata.remove(QLatin1String(key));
    removeKeys(metadata, QStringLiteral("annotations"),
               {lastAppliedKey, QStringLiteral("deployment.kubernetes.io/revision")});
    object.insert(L("metadata"), metadata);
    if (!compareStatus)
        object.remove(L("status"));
}

// Removes the value at an RFC 6901 pointer, if there is one.
void removePointer(QJsonValue &value, const QStringList &segments, qsizetype from = 0)
{
    if (from >= segments.size())
        return;
    QString key = segments.at(from);
    key.replace(QLatin1String("~1"), QLatin1String("/"));
    key.replace(QLatin1String("~0"), QLatin1String("~"));
    const bool last = from + 1 == segments.size();
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        if (!object.contains(key))
            return;
        if (last) {
            object.remove(key);
        } else {
            QJsonValue child = object.value(key);
            removePointer(child, segments, from + 1);
            object.insert(key, child);
        }
        value = object;
    } else if (value.isArray()) {
        QJsonArray array = value.toArray();
        bool ok = false;
        const int index = key.toInt(&ok);
        if (!ok || index < 0 || index >= array.size())
            return;
        if (last) {
            array.removeAt(index);
        } else {
            QJsonValue child = array.at(index);
            removePointer(child, segments, from + 1);
            array.replace(index, child);
        }
        value = array;
    }
}

void removePointer(QJsonObject &object, const QString &pointer)
{
    if (!pointer.startsWith(QLatin1Char('/')))
        return;
    QJsonValue value = object;
    removePointer(value, pointer.mid(1).split(QLatin1Char('/')));
    object = value.toObject();
}

bool isAllocated(const QString &group, const QString &kind, const QStringList &path)
{
    if (!group.isEmpty() || kind != L("Service") || path.size() < 2 || path.first() != L("spec"))
        return false;
    const QString &last = path.last();
    if (path.size() == 2)
        return last == L("clusterIP") || last == L("clusterIPs") || last == L("healthCheckNodePort")
            || last == L("ipFamilies") || last == L("ipFamilyPolicy");
    return path.size() == 3 && path.at(1) == L("ports") && last == L("nodePort");
}

// One step down the objects being compared. Texts (FieldsV1 element, display, pointers) are
// only made when a difference or an ownership question needs them.
struct Step
{
    enum Kind { Field, Keyed, SetValue, Index };
    Kind kind = Field;
    QString key; // Field
    QJsonValue value; // Keyed: the key object; SetValue: the value
    QStringList keyNames; // Keyed: in the schema's order, for display
    qsizetype desiredIndex = -1; // list items; -1 when absent on that side
    qsizetype liveIndex = -1;
    bool inDesired = true; // fields
    bool inLive = true;
    mutable QString element; // cache of fieldsElement()

    const QString &fieldsElement() const
    {
        if (element.isNull()) {
            switch (kind) {
            case Field:
                element = QLatin1String("f:") + key;
                break;
            case Keyed:
                element = ManagedFields::keyElement(value.toObject());
                break;
            case SetValue:
                element = ManagedFields::valueElement(value);
                break;
            case Index:
                // Atomic lists are owned whole: an index never names a FieldsV1 element.
                element = QLatin1String("i:") + QString::number(desiredIndex);
                break;
            }
        }
        return element;
    }

    QString display() const
    {
        switch (kind) {
        case Field:
            return isPlainName(key) ? QString(QLatin1Char('.') + key)
                                    : QString(QStringLiteral("[\"") + key + QStringLiteral("\"]"));
        case Keyed: {
            if (keyNames.isEmpty())
                return QLatin1Char('[') + QString::number(liveIndex) + QLatin1Char(']');
            QStringList parts;
            const QJsonObject keys = value.toObject();
            for (const QString &name : keyNames)
                parts << name + QLatin1Char('=') + compactJson(keys.value(name));
            return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
        }
        case SetValue:
            return QStringLiteral("[=") + compactJson(value) + QLatin1Char(']');
        case Index:
            return QLatin1Char('[') + QString::number(desiredIndex) + QLatin1Char(']');
        }
        return QString();
    }

    // The pointer segment on one side, or a null string when the value is absent there.
    QString segment(bool desiredSide) const
    {
        if (kind == Field)
            return (desiredSide ? inDesired : inLive) ? pointerSegment(key) : QString();
        const qsizetype index = desiredSide ? desiredIndex : liveIndex;
        return index < 0 ? QString() : QString::number(index);
    }
};

// A cheap identity of a keyed list item for matching (the FieldsV1 element is only made
// when needed).
QString matchKey(const QJsonObject &key)
{
    QString text;
    for (auto it = key.begin(); it != key.end(); ++it) {
        text += it.key() + QLatin1Char('\x1f');
        const QJsonValue value = it.value();
        text += value.isString() ? value.toString() : compactJson(value);
        text += QLatin1Char('\x1e');
    }
    return text;
}

class Walker
{
public:
    Walker(const QString &group, const QString &kind, const ManagedFields &managed,
           const QList<qsizetype> &appliers, const QList<qsizetype> &ignoredManagers,
           const QJsonValue &lastApplied, bool project, bool exact, const CustomKindRules *custom)
        : m_group(group)
        , m_kind(kind)
        , m_managed(managed)
        , m_appliers(appliers)
        , m_ignoredManagers(ignoredManagers)
        , m_lastApplied(lastApplied)
        , m_project(project)
        , m_exact(exact)
        , m_custom(custom)
    {
        m_steps.reserve(16);
        m_schema.reserve(16);
    }

    QList<Difference> differences;

    /// In the pass that does not project: whether any difference was seen.
    bool foundDifference() const { return m_found; }

    // Compares two values at the current place; returns what live shows there for display
    // (Undefined: nothing; always Undefined when not projecting).
    QJsonValue compare(const QJsonValue &desired, const QJsonValue &live)
    {
        if (isUnset(desired)) {
            if (isUnset(live))
                return desired;
            // Desired's `{}`, `[]` or null shows as written when live adds nothing git set.
            const QJsonValue shown = liveOnly(live);
            return shown.isUndefined() ? desired : shown;
        }
        if (isUnset(live)) {
            if (isOmittedZero(desired))
                return desired;
            record(desired, QJsonValue(QJsonValue::Undefined));
            return QJsonValue(QJsonValue::Undefined);
        }
        if (desired.isObject() && live.isObject())
            return compareMap(desired.toObject(), live.toObject());
        if (desired.isArray() && live.isArray())
            return compareList(desired.toArray(), live.toArray());
        if (sameScalar(desired, live))
            return desired;
        record(desired, live);
        return live;
    }

private:
    // The built-in types serialise their fields with `omitempty`: a field git sets to "",
    // false or 0 is not stored (`hostNetwork: false`, an env var's `value: ""`). Entries of
    // string maps (data, labels, annotations, selectors) and custom resources keep them.
    bool isOmittedZero(const QJsonValue &desired) const
    {
        const bool zero = (desired.isString() && desired.toString().isEmpty())
            || (desired.isBool() && !desired.toBool())
            || (desired.isDouble() && desired.toDouble() == 0.0);
        if (!zero || !FieldRules::isBuiltInGroup(m_group) || m_steps.isEmpty()
            || m_steps.last().kind != Step::Field)
            return false;
        if (m_schema.size() < 2)
            return true;
        static const QStringList stringMaps = {
            QStringLiteral("data"),        QStringLiteral("binaryData"),
            QStringLiteral("stringData"),  QStringLiteral("labels"),
            QStringLiteral("annotations"), QStringLiteral("matchLabels"),
            QStringLiteral("selector"),    QStringLiteral("nodeSelector"),
            QStringLiteral("parameters"),  QStringLiteral("requests"),
            QStringLiteral("limits"),      QStringLiteral("hard"),
            QStringLiteral("capacity")};
        return !stringMaps.contains(m_schema.at(m_schema.size() - 2));
    }

    QJsonValue compareMap(const QJsonObject &desired, const QJsonObject &live)
    {
        const bool atomic = isAtomicMap();
        QJsonObject shown;
        for (auto it = desired.begin(); it != desired.end(); ++it) {
            const auto liveIt = live.constFind(it.key());
            const bool inLive = liveIt != live.constEnd();
            pushField(it.key(), true, inLive);
            const QJsonValue value =
                compare(it.value(), inLive ? liveIt.value() : QJsonValue(QJsonValue::Undefined));
            if (m_project && !value.isUndefined())
                shown.insert(it.key(), value);
            pop(true);
        }
        for (auto it = live.begin(); it != live.end(); ++it) {
            if (desired.contains(it.key()))
                continue;
            pushField(it.key(), false, true);
            QJsonValue value;
            if (atomic) {
                if (!isUnset(it.value()))
                    record(QJsonValue(QJsonValue::Undefined), it.value());
                value = it.value();
            } else {
                value = liveOnly(it.value());
            }
            if (m_project && !value.isUndefined())
                shown.insert(it.key(), value);
            pop(true);
        }
        return m_project ? QJsonValue(shown) : QJsonValue(QJsonValue::Undefined);
    }

    // The key object of a keyed list item, with defaulted keys filled in; false when a key
    // is missing.
    bool itemKey(const QJsonValue &item, const ListRule &rule, QJsonObject *key) const
    {
        if (!item.isObject())
            return false;
        const QJsonObject object = item.toObject();
        for (const QString &name : rule.keys) {
            QJsonValue value = object.value(name);
            if (value.isUndefined() || value.isNull()) {
                value = rule.keyDefaults.value(name);
                if (value.isUndefined()) {
                    const QString fallback = FieldRules::listKeyDefault(m_schema, name);
                    if (fallback.isEmpty())
                        return false;
                    value = fallback;
                }
            }
            key->insert(name, value);
        }
        return true;
    }

    QJsonValue compareList(const QJsonArray &desired, const QJsonArray &live)
    {
        const ListRule rule = listRule();
        if (rule.kind == ListRule::Kind::Map) {
            QList<QJsonObject> desiredKeys;
            desiredKeys.reserve(desired.size());
            bool complete = true;
            for (const QJsonValue &item : desired) {
                QJsonObject key;
                complete = complete && itemKey(item, rule, &key);
                desiredKeys << key;
            }
            if (complete)
                return compareKeyed(desired, desiredKeys, live, rule);
        } else if (rule.kind == ListRule::Kind::Set) {
            return compareSet(desired, live);
        }
        if (desired.size() != live.size()) {
            record(desired, live);
            return live;
        }
        // Atomic lists of the same length: element by element, so that server defaults
        // inside the elements are not taken for drift and a change names its element.
        QJsonArray shown;
        for (qsizetype i = 0; i < desired.size(); ++i) {
            Step step;
            step.kind = Step::Index;
            step.desiredIndex = i;
            step.liveIndex = i;
            push(std::move(step));
            const QJsonValue value = compare(desired.at(i), live.at(i));
            if (m_project)
                shown.append(value.isUndefined() ? QJsonValue(QJsonValue::Null) : value);
            pop(false);
        }
        return m_project ? QJsonValue(shown) : QJsonValue(QJsonValue::Undefined);
    }

    QJsonValue compareKeyed(const QJsonArray &desired, const QList<QJsonObject> &desiredKeys,
                            const QJsonArray &live, const ListRule &rule)
    {
        const QStringList &keyNames = rule.keys;
        QHash<QString, qsizetype> liveIndex;
        QList<QJsonObject> liveKeys(live.size());
        for (qsizetype i = 0; i < live.size(); ++i) {
            QJsonObject key;
            if (itemKey(live.at(i), rule, &key)) {
                liveKeys[i] = key;
                liveIndex.insert(matchKey(key), i);
            }
        }
        QList<bool> matched(live.size(), false);
        QJsonArray shown;
        for (qsizetype i = 0; i < desired.size(); ++i) {
            const qsizetype j = liveIndex.value(matchKey(desiredKeys.at(i)), -1);
            Step step;
            step.kind = Step::Keyed;
            step.value = desiredKeys.at(i);
            step.keyNames = keyNames;
            step.desiredIndex = i;
            step.liveIndex = j;
            push(std::move(step));
            if (j < 0) {
                record(desired.at(i), QJsonValue(QJsonValue::Undefined));
            } else {
                matched[j] = true;
                const QJsonValue value = compare(desired.at(i), live.at(j));
                if (m_project && !value.isUndefined())
                    shown.append(value);
            }
            pop(false);
        }
        for (qsizetype j = 0; j < live.size(); ++j) {
            if (matched.at(j))
                continue;
            Step step;
            step.kind = Step::Keyed;
            step.value = liveKeys.at(j);
            if (!liveKeys.at(j).isEmpty())
                step.keyNames = keyNames;
            step.liveIndex = j;
            push(std::move(step));
            const QJsonValue value = liveOnly(live.at(j));
            if (m_project && !value.isUndefined())
                shown.append(value);
            pop(false);
        }
        return m_project ? QJsonValue(shown) : QJsonValue(QJsonValue::Undefined);
    }

    QJsonValue compareSet(const QJsonArray &desired, const QJsonArray &live)
    {
        QJsonArray shown;
        for (qsizetype i = 0; i < desired.size(); ++i) {
            const QJsonValue &value = desired.at(i);
            qsizetype j = -1;
            for (qsizetype k = 0; k < live.size() && j < 0; ++k) {
                if (live.at(k) == value)
                    j = k;
            }
            Step step;
            step.kind = Step::SetValue;
            step.value = value;
            step.desiredIndex = i;
            step.liveIndex = j;
            push(std::move(step));
            if (j < 0)
                record(value, QJsonValue(QJsonValue::Undefined));
            else if (m_project)
                shown.append(value);
            pop(false);
        }
        for (qsizetype j = 0; j < live.size(); ++j) {
            const QJsonValue &value = live.at(j);
            if (desired.contains(value))
                continue;
            Step step;
            step.kind = Step::SetValue;
            step.value = value;
            step.liveIndex = j;
            push(std::move(step));
            const QJsonValue result = liveOnly(value);
            if (m_project && !result.isUndefined())
                shown.append(result);
            pop(false);
        }
        return m_project ? QJsonValue(shown) : QJsonValue(QJsonValue::Undefined);
    }

    // A live value desired does not set: drift only when git used to set it.
    QJsonValue liveOnly(const QJsonValue &live)
    {
        if (m_exact) {
            // A sync would remove it.
            record(QJsonValue(QJsonValue::Undefined), live);
            return live;
        }
        if (isAllocated(m_group, m_kind, m_schema))
            return QJsonValue(QJsonValue::Undefined);
        const bool isItem = !m_steps.isEmpty() && m_steps.last().kind != Step::Field;
        const bool granularMap = live.isObject() && !isItem && !isAtomicMap();
        const ListRule rule = live.isArray() ? listRule() : ListRule();
        const bool granularList = live.isArray() && rule.kind != ListRule::Kind::Atomic;
        if (!granularMap && !granularList) {
            if (gitSetIt()) {
                record(QJsonValue(QJsonValue::Undefined), live);
                return live;
            }
            if (!live.isObject())
                return QJsonValue(QJsonValue::Undefined);
        }
        if (!m_gitSetAnything)
            return QJsonValue(QJsonValue::Undefined); // nothing below can be git's either
        if (live.isObject()) {
            // A map (or a keyed item nobody in git wrote): look for fields git wrote inside.
            QJsonObject shown;
            const QJsonObject object = live.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                pushField(it.key(), false, true);
                const QJsonValue value = liveOnly(it.value());
                if (!value.isUndefined())
                    shown.insert(it.key(), value);
                pop(true);
            }
            return shown.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(shown);
        }
        QJsonArray shown;
        if (rule.kind == ListRule::Kind::Map)
            compareKeyedLiveOnly(live.toArray(), rule, shown);
        else
            shown = compareSet({}, live.toArray()).toArray();
        return shown.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(shown);
    }

    void compareKeyedLiveOnly(const QJsonArray &live, const ListRule &rule, QJsonArray &shown)
    {
        for (qsizetype j = 0; j < live.size(); ++j) {
            Step step;
            step.kind = Step::Keyed;
            QJsonObject key;
            if (itemKey(live.at(j), rule, &key)) {
                step.value = key;
                step.keyNames = rule.keys;
            }
            step.liveIndex = j;
            push(std::move(step));
            const QJsonValue value = liveOnly(live.at(j));
            if (!value.isUndefined())
                shown.append(value);
            pop(false);
        }
    }

    // The merge rule of the list here: the built-in types' (and ObjectMeta's), else what a
    // custom resource's schema says.
    ListRule listRule() const
    {
        ListRule rule = FieldRules::listRule(m_group, m_kind, m_schema);
        if (m_custom && rule.kind == ListRule::Kind::Atomic) {
            if (std::optional<ListRule> custom = m_custom->listRule(m_schema))
                rule = std::move(*custom);
        }
        return rule;
    }

    bool isAtomicMap() const
    {
        return FieldRules::isAtomicMap(m_group, m_kind, m_schema)
            || (m_custom && m_custom->isAtomicMap(m_schema));
    }

    QStringList fieldsPath() const
    {
        QStringList path;
        path.reserve(m_steps.size());
        for (const Step &step : m_steps)
            path << step.fieldsElement();
        return path;
    }

    // Whether git set the field at the current place when it was last deployed.
    bool gitSetIt() const
    {
        if (!m_gitSetAnything)
            return false;
        if (!m_appliers.isEmpty()) {
            const QStringList path = fieldsPath();
            for (qsizetype index : m_appliers) {
                if (m_managed.owns(index, path))
                    return true;
            }
        }
        return lastAppliedHas();
    }

    bool lastAppliedHas() const
    {
        if (!m_lastApplied.isObject())
            return false;
        QJsonValue current = m_lastApplied;
        for (const Step &step : m_steps) {
            switch (step.kind) {
            case Step::Field:
                current = current.toObject().value(step.key);
                break;
            case Step::Index:
                current = current.toArray().at(step.desiredIndex);
                break;
            case Step::SetValue:
                current = current.toArray().contains(step.value) ? step.value : QJsonValue();
                break;
            case Step::Keyed: {
                const QJsonObject wanted = step.value.toObject();
                QJsonValue found;
                for (const QJsonValue &item : current.toArray()) {
                    const QJsonObject object = item.toObject();
                    bool same = !wanted.isEmpty();
                    for (auto it = wanted.begin(); it != wanted.end() && same; ++it) {
                        QJsonValue value = object.value(it.key());
                        if (value.isUndefined() && it.key() == QLatin1String("protocol"))
                            value = QStringLiteral("TCP");
                        same = value == it.value();
                    }
                    if (same) {
                        found = item;
                        break;
                    }
                }
                current = found;
                break;
            }
            }
            if (current.isUndefined() || current.isNull())
                return false;
        }
        return true;
    }

    bool sameScalar(const QJsonValue &desired, const QJsonValue &live) const
    {
        if (desired == live)
            return true;
        if (FieldRules::isQuantity(m_schema) && Quantity::same(desired, live))
            return true;
        if (FieldRules::isIntOrString(m_schema) && desired.isString() != live.isString()) {
            const QJsonValue &number = desired.isString() ? live : desired;
            const QJsonValue &text = desired.isString() ? desired : live;
            return number.isDouble()
                && QString::number(number.toInteger()) == text.toString().trimmed();
        }
        return false;
    }

    void record(const QJsonValue &desired, const QJsonValue &live)
    {
        if (!m_project) {
            // Differences are recorded in the projecting pass only; this pass only learns
            // that there is one.
            m_found = true;
            return;
        }
        const QStringList path = fieldsPath();
        for (qsizetype index : m_ignoredManagers) {
            for (qsizetype depth = path.size(); depth > 0; --depth) {
                if (m_managed.owns(index, path.mid(0, depth)))
                    return;
            }
        }
        QString display;
        QString desiredPointer;
        QString livePointer;
        bool inDesired = !desired.isUndefined();
        bool inLive = !live.isUndefined();
        for (const Step &step : std::as_const(m_steps)) {
            display += step.display();
            const QString d = step.segment(true);
            const QString l = step.segment(false);
            inDesired = inDesired && !d.isNull();
            inLive = inLive && !l.isNull();
            desiredPointer += QLatin1Char('/') + d;
            livePointer += QLatin1Char('/') + l;
        }
        Difference difference;
        difference.path = display;
        difference.desiredPointer = inDesired ? desiredPointer : QString();
        difference.livePointer = inLive ? livePointer : QString();
        difference.desired = desired;
        difference.live = live;
        if (inLive)
            difference.lastWriter = m_managed.lastWriter(path);
        differences.append(difference);
    }

    void pushField(const QString &key, bool inDesired, bool inLive)
    {
        Step step;
        step.key = key;
        step.inDesired = inDesired;
        step.inLive = inLive;
        m_steps.append(std::move(step));
        m_schema.append(key);
    }
    void push(Step step) { m_steps.append(std::move(step)); }
    void pop(bool field)
    {
        m_steps.removeLast();
        if (field)
            m_schema.removeLast();
    }

    QString m_group;
    QString m_kind;
    const ManagedFields &m_managed;
    QList<qsizetype> m_appliers;
    QList<qsizetype> m_ignoredManagers;
    QJsonValue m_lastApplied;
    bool m_project;
    bool m_gitSetAnything = !m_appliers.isEmpty() || m_lastApplied.isObject();

    bool m_exact;
    // The schema's rules when this is a custom resource whose definition is known.
    const CustomKindRules *m_custom;
    QList<Step> m_steps;
    QStringList m_schema;
    bool m_found = false;
};

// Removes what is never compared from both sides, in the same way.
void normalise(QJsonObject &object, const manifest::ResourceId &id,
               const ComparisonOptions &options)
{
    stripServerFields(object, options.compareStatus);
    if (id.group.isEmpty() && id.kind == L("Secret"))
        foldSecret(object);
    for (const IgnoreRule &rule : options.ignoreRules) {
        if (rule.matches(id)) {
            for (const QString &pointer : rule.jsonPointers)
                removePointer(object, pointer);
            for (const QString &expression : rule.jqPathExpressions)
                JqPath::parse(expression).removeFrom(object);
        }
    }
    if (options.autoscaledWorkloads.contains(id))
        removePointer(object, QStringLiteral("/spec/replicas"));
}

void removeTracking(QJsonObject &live, const QJsonObject &desired, const ComparisonOptions &options)
{
    const QJsonObject desiredMetadata = desired.value(L("metadata")).toObject();
    QJsonObject metadata = live.value(L("metadata")).toObject();
    QStringList labels;
    for (const QString &label : options.trackingLabels) {
        if (!desiredMetadata.value(L("labels")).toObject().contains(label))
            labels << label;
    }
    QStringList annotations;
    for (const QString &annotation : options.trackingAnnotations) {
        if (!desiredMetadata.value(L("annotations")).toObject().contains(annotation))
            annotations << annotation;
    }
    removeKeys(metadata, QStringLiteral("labels"), labels);
    removeKeys(metadata, QStringLiteral("annotations"), annotations);
    live.insert(L("metadata"), metadata);
}

bool isAggregatedClusterRole(const manifest::ResourceId &id, const QJsonObject &object)
{
    return id.group == L("rbac.authorization.k8s.io") && id.kind == L("ClusterRole")
        && object.value(L("aggregationRule")).isObject();
}

} // namespace

manifest::ResourceId identityOf(const QJsonObject &object)
{
    const QJsonObject metadata = object.value(L("metadata")).toObject();
    return {manifest::ResourceId::groupOf(object.value(L("apiVersion")).toString()),
            object.value(L("kind")).toString(), metadata.value(L("namespace")).toString(),
            metadata.value(L("name")).toString()};
}

ResourceDrift unknownResource(const manifest::ResourceId &id, const QString &reason,
                              const QJsonObject &desired, const QHash<QString, int> &desiredLines,
                              const QJsonObject &live)
{
    return unknownResource(id, Text::verbatim(reason), desired, desiredLines, live);
}

ResourceDrift unknownResource(const manifest::ResourceId &id, const Text &reason,
                              const QJsonObject &desired, const QHash<QString, int> &desiredLines,
                              const QJsonObject &live)
{
    ResourceDrift drift;
    drift.id = id;
    drift.status = SyncStatus::Unknown;
    drift.reason = reason.toString();
    drift.reasonText = reason;
    drift.health = {Health::Status::Unknown, reason};
    drift.desired = desired;
    drift.desiredLines = desiredLines;
    drift.live = live;
    if (!desired.isEmpty() || !live.isEmpty())
        SecretMask::maskResource(drift);
    return drift;
}

ResourceDrift compareResource(const manifest::ResourceId &id, const QJsonObject &desiredObject,
                              const QJsonObject &liveObject, const ComparisonOptions &options,
                              const QHash<QString, int> &desiredLines)
{
    ResourceDrift drift;
    drift.id = id;
    drift.desiredLines = desiredLines;
    drift.live = liveObject;
    if (desiredObject.isEmpty() && liveObject.isEmpty())
        return unknownResource(
            id, Text(QT_TRANSLATE_NOOP("gitops::Text", "neither a desired nor a live object")));

    QJsonObject desired = desiredObject;
    if (!desired.isEmpty()) {
        // A namespaced manifest without a namespace takes the app's (the id has it).
        QJsonObject metadata = desired.value(L("metadata")).toObject();
        if (!id.namespaceName.isEmpty() && !metadata.contains(L("namespace"))) {
            metadata.insert(L("namespace"), id.namespaceName);
            desired.insert(L("metadata"), metadata);
        }
        normalise(desired, id, options);
    }
    drift.desired = desired;
    if (liveObject.isEmpty()) {
        drift.status = SyncStatus::Missing;
        drift.health = {Health::Status::Missing,
                        Text(QT_TRANSLATE_NOOP("gitops::Text", "not in the cluster"))};
        SecretMask::maskResource(drift);
        return drift;
    }
    drift.health =
        options.healthRules ? options.healthRules->healthOf(liveObject) : Health::of(liveObject);
    if (desired.isEmpty()) {
        drift.status = SyncStatus::Extraneous;
        SecretMask::maskResource(drift);
        return drift;
    }

    QJsonObject live = liveObject;
    QJsonValue lastApplied;
    {
        const QString text = live.value(L("metadata"))
                                 .toObject()
                                 .value(L("annotations"))
                                 .toObject()
                                 .value(lastAppliedKey)
                                 .toString();
        if (!text.isEmpty()) {
            QJsonObject applied = QJsonDocument::fromJson(text.toUtf8()).object();
            normalise(applied, id, options);
            lastApplied = applied;
        }
    }
    normalise(live, id, options);
    removeTracking(live, desired, options);
    if (isAggregatedClusterRole(id, desired) || isAggregatedClusterRole(id, live)) {
        // The aggregation controller writes the rules.
        desired.remove(L("rules"));
        live.remove(L("rules"));
        drift.desired = desired;
    }

    const ManagedFields managed(liveObject);
    QList<qsizetype> appliers;
    QList<qsizetype> ignoredManagers;
    QStringList ignoredNames;
    for (const IgnoreRule &rule : options.ignoreRules) {
        if (rule.matches(id))
            ignoredNames << rule.managedFieldsManagers;
    }
    for (qsizetype i = 0; i < managed.entries().size(); ++i) {
        const FieldWriter &writer = managed.entries().at(i).writer;
        if (!writer.subresource.isEmpty())
            continue; // status and scale writes are never the app's applier
        // Only an Apply entry holds exactly the fields git sent: an Update entry (client-side
        // apply, kubectl edit) also owns the defaults the server filled in, so for those the
        // last-applied-configuration annotation tells what git set.
        const bool applier = writer.operation == L("Apply")
            && (options.appliers.isEmpty() || options.appliers.contains(writer.manager));
        if (applier)
            appliers << i;
        if (ignoredNames.contains(writer.manager))
            ignoredManagers << i;
    }

    // Most resources are in sync: a first pass only looks for a difference. Without one,
    // live shows exactly what desired sets, spelt as desired spells it.
    // A custom resource's lists merge as its definition's schema says, at the version the
    // objects are written in. (Some custom groups end in .k8s.io, Gateway API's for one: the
    // definitions, not the group, tell.)
    const CustomKindRules *custom = nullptr;
    if (!options.customResources.isEmpty()) {
        const QString apiVersion = desiredObject.value(L("apiVersion")).toString();
        custom = options.customResources.find(id.group, id.kind,
                                              apiVersion.section(QLatin1Char('/'), 1));
    }
    Walker quick(id.group, id.kind, managed, appliers, ignoredManagers, lastApplied, false,
                 options.exact, custom);
    quick.compare(desired, live);
    if (quick.foundDifference()) {
        Walker walker(id.group, id.kind, managed, appliers, ignoredManagers, lastApplied, true,
                      options.exact, custom);
        drift.liveProjection = walker.compare(desired, live).toObject();
        drift.differences = walker.differences;
    } else {
        drift.liveProjection = desired;
    }
    drift.status = drift.differences.isEmpty() ? SyncStatus::Synced : SyncStatus::OutOfSync;
    SecretMask::maskResource(drift);
    return drift;
}

QString syncStatusName(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Synced:
        return QStringLiteral("Synced");
    case SyncStatus::OutOfSync:
        return QStringLiteral("OutOfSync");
    case SyncStatus::Missing:
        return QStringLiteral("Missing");
    case SyncStatus::Extraneous:
        return QStringLiteral("Extraneous");
    case SyncStatus::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

ComparisonOptions ComparisonOptions::forApp(const App &app)
{
    ComparisonOptions options;
    for (const IgnoredDifference &ignored : app.ignoredDifferences) {
        IgnoreRule rule;
        rule.group = ignored.group;
        rule.kind = ignored.kind;
        rule.name = ignored.name;
        rule.namespaceName = ignored.namespaceName;
        rule.jsonPointers = ignored.jsonPointers;
        rule.jqPathExpressions = ignored.jqPathExpressions;
        rule.managedFieldsManagers = ignored.managedFieldsManagers;
        options.ignoreRules << rule;
    }
    switch (app.tracking) {
    case App::Tracking::ArgoCd:
        options.appliers = {QStringLiteral("argocd-controller")};
        break;
    case App::Tracking::Flux:
        options.appliers = {QStringLiteral("kustomize-controller")};
        break;
    case App::Tracking::Label:
        // A label the workspace names marks the app's objects; git may set it itself.
        options.trackingLabels << app.trackingLabel.section(QLatin1Char('='), 0, 0);
        break;
    case App::Tracking::Unspecified:
        break;
    }
    return options;
}

} // namespace gitops::drift
