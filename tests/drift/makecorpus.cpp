// drift_corpus: writes live.yaml for every case of the drift correctness corpus
// (tests/data/drift/CASE/) from the case's steps.yaml, by replaying the steps against an
// in-process kube-emulator: what a real API server would return, with its defaults,
// allocated fields and managedFields. Times and uids are made deterministic so that the
// files only change when the steps or the emulator do.
//
//   drift_corpus tests/data/drift            # every case
//   drift_corpus tests/data/drift CASE...    # some cases
//
// steps.yaml is a list of steps, each one of:
//   - apply: FILE            server-side apply of every object in FILE (default manager
//     manager: NAME          argocd-controller, forced)
//   - clientApply: FILE      `kubectl apply` without --server-side on a new object: the
//                            last-applied-configuration annotation, operation Update by
//                            kubectl-client-side-apply
//   - edit: {kind: K, name: N}   a write by another client (operation Update)
//     manager: kubectl-edit
//     set: {POINTER: VALUE}  RFC 6901 pointers; "-" appends to a list
//     remove: [POINTER]
//   - scale: {kind: K, name: N}  through the scale subresource
//     replicas: 5
//     manager: kube-controller-manager
//   - status: {kind: K, name: N} the status subresource
//     value: {...}
//     manager: kube-controller-manager

#include "apiserver.h"
#include "apply.h"
#include "defaults.h"
#include "drift/yamlwriter.h"
#include "yamljson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <map>

namespace {

using kubeemu::ApiServer;
using kubeemu::ResourceType;
using L = QLatin1String;

struct ObjectKey
{
    QString storageKey;
    QString ns;
    QString name;
    auto operator<=>(const ObjectKey &) const = default;
};

QList<QJsonObject> readObjects(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    QList<QJsonObject> objects;
    for (const QJsonValue &document : kubeemu::parseYamlDocuments(file.readAll(), error))
        objects << document.toObject();
    if (!error->isEmpty())
        *error = path + QStringLiteral(": ") + *error;
    return objects;
}

QStringList pointerSegments(const QString &pointer)
{
    QStringList segments = pointer.mid(1).split(QLatin1Char('/'));
    for (QString &s : segments) {
        s.replace(QLatin1String("~1"), QLatin1String("/"));
        s.replace(QLatin1String("~0"), QLatin1String("~"));
    }
    return segments;
}

// Sets (or with an undefined @p value removes) the value at @p segments.
QJsonValue edited(QJsonValue node, const QStringList &segments, qsizetype from,
                  const QJsonValue &value)
{
    const QString &key = segments.at(from);
    const bool last = from + 1 == segments.size();
    if (node.isArray()) {
        QJsonArray array = node.toArray();
        const qsizetype index = key == L("-") ? array.size() : key.toInt();
        if (last) {
            if (value.isUndefined())
                array.removeAt(index);
            else if (index >= array.size())
                array.append(value);
            else
                array.replace(index, value);
        } else {
            array.replace(index, edited(array.at(index), segments, from + 1, value));
        }
        return array;
    }
    QJsonObject object = node.toObject();
    if (last) {
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
    } else {
        object.insert(key, edited(object.value(key), segments, from + 1, value));
    }
    return object;
}

class Replay
{
public:
    explicit Replay(const QString &folder)
        : m_folder(folder)
    { }

    bool run(QString *error)
    {
        QString parseError;
        const QList<QJsonObject> steps = readSteps(&parseError);
        if (!parseError.isEmpty()) {
            *error = parseError;
            return false;
        }
        for (qsizetype i = 0; i < steps.size(); ++i) {
            m_step = int(i) + 1;
            if (!runStep(steps.at(i), error)) {
                *error = QStringLiteral("step %1: %2").arg(m_step).arg(*error);
                return false;
            }
            noteTimes();
        }
        return true;
    }

    QString liveYaml() const
    {
        QString out;
        int index = 0;
        for (const ObjectKey &key : m_touched) {
            const kubeemu::StoredObject *stored =
                m_server.store().get(key.storageKey, key.ns, key.name);
            ++index;
            if (!stored)
                continue;
            if (!out.isEmpty())
                out += QStringLiteral("---\n");
            out += gitops::drift::YamlWriter::write(deterministic(stored->object, key, index));
        }
        return out;
    }

private:
    QList<QJsonObject> readSteps(QString *error) const
    {
        QFile file(m_folder + QStringLiteral("/steps.yaml"));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = file.fileName() + QStringLiteral(": ") + file.errorString();
            return {};
        }
        const QList<QJsonValue> documents = kubeemu::parseYamlDocuments(file.readAll(), error);
        QList<QJsonObject> steps;
        for (const QJsonValue &step : documents.value(0).toArray())
            steps << step.toObject();
        return steps;
    }

    std::optional<ResourceType> typeOf(const QJsonObject &object) const
    {
        const QString apiVersion = object.value(L("apiVersion")).toString();
        const qsizetype slash = apiVersion.indexOf(QLatin1Char('/'));
        const QString group = slash < 0 ? QString() : apiVersion.left(slash);
        return m_server.registry().byKindAnyVersion(group, object.value(L("kind")).toString());
    }

    // The stored object a step names by kind and name (namespace "default" unless given).
    std::optional<std::pair<ResourceType, ObjectKey>> target(const QJsonObject &step,
                                                             QLatin1String field) const
    {
        const QJsonObject ref = step.value(field).toObject();
        for (const ObjectKey &key : m_touched) {
            const kubeemu::StoredObject *stored =
                m_server.store().get(key.storageKey, key.ns, key.name);
            if (!stored || stored->object.value(L("kind")) != ref.value(L("kind"))
                || key.name != ref.value(L("name")).toString())
                continue;
            if (ref.contains(L("namespace")) && key.ns != ref.value(L("namespace")).toString())
                continue;
            if (const auto type = typeOf(stored->object))
                return std::make_pair(*type, key);
        }
        return std::nullopt;
    }

    void touch(const ResourceType &type, const QJsonObject &object)
    {
        const QJsonObject metadata = object.value(L("metadata")).toObject();
        const ObjectKey key{type.storageKey(), metadata.value(L("namespace")).toString(),
                            metadata.value(L("name")).toString()};
        if (!m_touched.contains(key))
            m_touched << key;
    }

    bool runStep(const QJsonObject &step, QString *error)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (step.contains(L("apply")) || step.contains(L("clientApply"))) {
            const bool client = step.contains(L("clientApply"));
            const QString file = step.value(client ? L("clientApply") : L("apply")).toString();
            const QList<QJsonObject> objects =
                readObjects(m_folder + QLatin1Char('/') + file, error);
            if (!error->isEmpty())
                return false;
            for (QJsonObject object : objects) {
                const QString manager = client
                    ? QStringLiteral("kubectl-client-side-apply")
                    : step.value(L("manager")).toString(QStringLiteral("argocd-controller"));
                if (client) {
                    QJsonObject metadata = object.value(L("metadata")).toObject();
                    QJsonObject annotations = metadata.value(L("annotations")).toObject();
                    annotations.insert(
                        QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"),
                        QString(
                            QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact))
                            + QLatin1Char('\n')));
                    metadata.insert(QStringLiteral("annotations"), annotations);
                    object.insert(QStringLiteral("metadata"), metadata);
                }
                auto result = m_server.apply(object, manager, true);
                if (auto *failure = std::get_if<kubeemu::ApiError>(&result)) {
                    *error = failure->message;
                    return false;
                }
                QJsonObject stored = std::get<QJsonObject>(result);
                const auto type = typeOf(stored);
                if (!type) {
                    *error = QStringLiteral("unknown kind");
                    return false;
                }
                touch(*type, stored);
                if (client) {
                    // A create by kubectl's client-side apply is an Update, not an Apply.
                    const kubeemu::TypeRef ref{type->group, type->version, type->kind};
                    QJsonObject metadata = stored.value(L("metadata")).toObject();
                    metadata.remove(QStringLiteral("managedFields"));
                    stored.insert(QStringLiteral("metadata"), metadata);
                    QJsonObject recorded =
                        kubeemu::recordUpdate(ref, {}, stored, manager, QString(), now);
                    m_server.store().put(type->storageKey(), recorded);
                }
            }
            return true;
        }
        if (step.contains(L("edit"))) {
            const auto found = target(step, L("edit"));
            if (!found) {
                *error = QStringLiteral("no such object");
                return false;
            }
            const auto &[type, key] = *found;
            const QJsonObject before =
                m_server.store().get(key.storageKey, key.ns, key.name)->object;
            QJsonValue after = before;
            const QJsonObject sets = step.value(L("set")).toObject();
            for (auto it = sets.begin(); it != sets.end(); ++it)
                after = edited(after, pointerSegments(it.key()), 0, it.value());
            for (const QJsonValue &pointer : step.value(L("remove")).toArray())
                after = edited(after, pointerSegments(pointer.toString()), 0,
                               QJsonValue(QJsonValue::Undefined));
            const kubeemu::TypeRef ref{type.group, type.version, type.kind};
            QJsonObject object = after.toObject();
            kubeemu::applyDefaults(ref, object);
            const QString manager =
                step.value(L("manager")).toString(QStringLiteral("kubectl-edit"));
            object = kubeemu::recordUpdate(ref, before, object, manager, QString(), now);
            QJsonObject metadata = object.value(L("metadata")).toObject();
            metadata.insert(QStringLiteral("generation"),
                            metadata.value(L("generation")).toInteger() + 1);
            object.insert(QStringLiteral("metadata"), metadata);
            m_server.store().put(key.storageKey, object);
            return true;
        }
        if (step.contains(L("scale"))) {
            const auto found = target(step, L("scale"));
            if (!found) {
                *error = QStringLiteral("no such object");
                return false;
            }
            const auto &[type, key] = *found;
            auto result = m_server.scale(
                type, key.ns, key.name, step.value(L("replicas")).toInt(),
                step.value(L("manager")).toString(QStringLiteral("kube-controller-manager")));
            if (auto *failure = std::get_if<kubeemu::ApiError>(&result)) {
                *error = failure->message;
                return false;
            }
            return true;
        }
        if (step.contains(L("status"))) {
            const auto found = target(step, L("status"));
            if (!found) {
                *error = QStringLiteral("no such object");
                return false;
            }
            const auto &[type, key] = *found;
            auto result = m_server.updateStatus(
                type, key.ns, key.name, step.value(L("value")).toObject(),
                step.value(L("manager")).toString(QStringLiteral("kube-controller-manager")));
            if (auto *failure = std::get_if<kubeemu::ApiError>(&result)) {
                *error = failure->message;
                return false;
            }
            return true;
        }
        *error = QStringLiteral("unknown step %1")
                     .arg(QString::fromUtf8(QJsonDocument(step).toJson(QJsonDocument::Compact)));
        return false;
    }

    static QString entryKey(const QJsonObject &entry)
    {
        return entry.value(L("manager")).toString() + QLatin1Char('|')
            + entry.value(L("operation")).toString() + QLatin1Char('|')
            + entry.value(L("subresource")).toString();
    }

    // Gives every managedFields entry this step wrote the step's logical time.
    void noteTimes()
    {
        for (const ObjectKey &key : std::as_const(m_touched)) {
            const kubeemu::StoredObject *stored =
                m_server.store().get(key.storageKey, key.ns, key.name);
            if (!stored)
                continue;
            const QJsonArray entries =
                stored->object.value(L("metadata")).toObject().value(L("managedFields")).toArray();
            for (const QJsonValue &value : entries) {
                const QJsonObject entry = value.toObject();
                const QString id = entryKey(entry);
                const QJsonObject seen = m_lastSeen[key].value(id).toObject();
                if (seen != entry) {
                    m_lastSeen[key].insert(id, entry);
                    m_times[key].insert(id, m_step);
                }
            }
        }
    }

    QJsonObject deterministic(const QJsonObject &object, const ObjectKey &key, int index) const
    {
        const QDateTime base(QDate(2026, 1, 5), QTime(9, 0), QTimeZone::UTC);
        QJsonObject metadata = object.value(L("metadata")).toObject();
        QJsonArray entries = metadata.value(L("managedFields")).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject entry = entries.at(i).toObject();
            const auto times = m_times.find(key);
            const int step = times == m_times.end() ? 1 : times->second.value(entryKey(entry), 1);
            entry.insert(QStringLiteral("time"), base.addSecs(60 * step).toString(Qt::ISODate));
            entries.replace(i, entry);
        }
        if (!entries.isEmpty())
            metadata.insert(QStringLiteral("managedFields"), entries);
        metadata.insert(QStringLiteral("creationTimestamp"), base.toString(Qt::ISODate));
        const QString uid = metadata.value(L("uid")).toString();
        QJsonObject result = object;
        result.insert(QStringLiteral("metadata"), metadata);
        if (uid.isEmpty())
            return result;
        const QString fixed =
            QStringLiteral("6d1f0c2e-0000-4000-8000-%1").arg(index, 12, 10, QLatin1Char('0'));
        QByteArray json = QJsonDocument(result).toJson(QJsonDocument::Compact);
        json.replace(uid.toUtf8(), fixed.toUtf8());
        return QJsonDocument::fromJson(json).object();
    }

    QString m_folder;
    mutable ApiServer m_server; // store() has no const overload
    QList<ObjectKey> m_touched;
    int m_step = 0;
    std::map<ObjectKey, QJsonObject> m_lastSeen;
    std::map<ObjectKey, QHash<QString, int>> m_times;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        std::fprintf(stderr, "usage: drift_corpus CORPUS_DIR [CASE...]\n");
        return 2;
    }
    const QDir corpus(args.first());
    QStringList cases = args.mid(1);
    if (cases.isEmpty())
        cases = corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    int failures = 0;
    for (const QString &name : std::as_const(cases)) {
        const QString folder = corpus.filePath(name);
        if (!QFile::exists(folder + QStringLiteral("/steps.yaml")))
            continue;
        Replay replay(folder);
        QString error;
        if (!replay.run(&error)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(error));
            ++failures;
            continue;
        }
        QFile out(folder + QStringLiteral("/live.yaml"));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(out.errorString()));
            ++failures;
            continue;
        }
        out.write(replay.liveYaml().toUtf8());
        std::printf("%s\n", qPrintable(name));
    }
    return failures == 0 ? 0 : 1;
}
