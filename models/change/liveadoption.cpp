#include "liveadoption.h"

#include "change/renderedsource.h"
#include "change/yamledit.h"
#include "drift/fieldrules.h"
#include "drift/yamlwriter.h"
#include "git/repository.h"
#include "manifest/yamldocument.h"
#include "workspace/appdiscovery.h"

#include <QCoreApplication>
#include <QDir>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace gitops::change {

namespace {

QString shortText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    QString text = QString::fromUtf8(json.mid(1, json.size() - 2));
    if (text.size() > 60)
        text = text.left(57) + QStringLiteral("...");
    return text;
}

bool isSecretValue(const QString &kind, const QString &pointer)
{
    return kind == QLatin1String("Secret")
        && (pointer.startsWith(QLatin1String("/data"))
            || pointer.startsWith(QLatin1String("/stringData")));
}

// Applies @p edit to the map at @p path (keys of maps) inside @p object, if there is one.
void editAt(QJsonObject &object, const QStringList &path,
            const std::function<void(QJsonObject &)> &edit, qsizetype from = 0)
{
    if (from == path.size()) {
        edit(object);
        return;
    }
    const QString key = path.at(from);
    if (!object.value(key).isObject())
        return;
    QJsonObject child = object.value(key).toObject();
    editAt(child, path, edit, from + 1);
    object.insert(key, child);
}

// Removes @p key from @p object when it holds @p value (the server's default).
void removeDefault(QJsonObject &object, const QString &key, const QJsonValue &value)
{
    if (object.contains(key) && object.value(key) == value)
        object.remove(key);
}

void removeEmpty(QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if ((value.isObject() && value.toObject().isEmpty())
        || (value.isArray() && value.toArray().isEmpty()) || value.isNull())
        object.remove(key);
}

// A list of maps, each edited by @p edit.
void editItems(QJsonObject &object, const QString &key,
               const std::function<void(QJsonObject &)> &edit)
{
    if (!object.value(key).isArray())
        return;
    QJsonArray items = object.value(key).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject())
            continue;
        QJsonObject item = items.at(i).toObject();
        edit(item);
        items.replace(i, item);
    }
    object.insert(key, items);
}

void stripContainerDefaults(QJsonObject &container)
{
    removeDefault(container, QStringLiteral("terminationMessagePath"),
                  QStringLiteral("/dev/termination-log"));
    removeDefault(container, QStringLiteral("terminationMessagePolicy"), QStringLiteral("File"));
    removeEmpty(container, QStringLiteral("resources"));
    // IfNotPresent for a tagged image, Always for :latest or no tag (a digest pins it).
    const QString image = container.value(u"image").toString();
    const QString last = image.section(u'/', -1);
    const bool latest =
        !image.contains(u'@') && (!last.contains(u':') || last.endsWith(QLatin1String(":latest")));
    removeDefault(container, QStringLiteral("imagePullPolicy"),
                  latest ? QStringLiteral("Always") : QStringLiteral("IfNotPresent"));
    editItems(container, QStringLiteral("ports"), [](QJsonObject &port) {
        removeDefault(port, QStringLiteral("protocol"), QStringLiteral("TCP"));
    });
}

void stripPodSpecDefaults(QJsonObject &pod)
{
    removeDefault(pod, QStringLiteral("dnsPolicy"), QStringLiteral("ClusterFirst"));
    removeDefault(pod, QStringLiteral("restartPolicy"), QStringLiteral("Always"));
    removeDefault(pod, QStringLiteral("schedulerName"), QStringLiteral("default-scheduler"));
    removeDefault(pod, QStringLiteral("terminationGracePeriodSeconds"), 30);
    removeDefault(pod, QStringLiteral("enableServiceLinks"), true);
    removeEmpty(pod, QStringLiteral("securityContext"));
    // The deprecated copy of serviceAccountName.
    if (pod.value(u"serviceAccount") == pod.value(u"serviceAccountName"))
        pod.remove(QStringLiteral("serviceAccount"));
    editItems(pod, QStringLiteral("containers"), stripContainerDefaults);
    editItems(pod, QStringLiteral("initContainers"), stripContainerDefaults);
}

void stripKindDefaults(QJsonObject &object, const QString &group, const QString &kind)
{
    if (!drift::FieldRules::isBuiltInGroup(group))
        return;
    const QJsonObject rollingDeployment{{QStringLiteral("maxSurge"), QStringLiteral("25%")},
                                        {QStringLiteral("maxUnavailable"), QStringLiteral("25%")}};
    editAt(object, {QStringLiteral("spec")}, [&](QJsonObject &spec) {
        if (kind == u"Deployment") {
            removeDefault(spec, QStringLiteral("progressDeadlineSeconds"), 600);
            removeDefault(spec, QStringLiteral("revisionHistoryLimit"), 10);
            removeDefault(spec, QStringLiteral("strategy"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                                      {QStringLiteral("rollingUpdate"), rollingDeployment}});
        } else if (kind == u"StatefulSet") {
            removeDefault(spec, QStringLiteral("podManagementPolicy"),
                          QStringLiteral("OrderedReady"));
            removeDefault(spec, QStringLiteral("revisionHistoryLimit"), 10);
            removeDefault(spec, QStringLiteral("updateStrategy"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                                      {QStringLiteral("rollingUpdate"),
                                       QJsonObject{{QStringLiteral("partition"), 0}}}});
            removeDefault(spec, QStringLiteral("persistentVolumeClaimRetentionPolicy"),
                          QJsonObject{{QStringLiteral("whenDeleted"), QStringLiteral("Retain")},
                                      {QStringLiteral("whenScaled"), QStringLiteral("Retain")}});
        } else if (kind == u"DaemonSet") {
            removeDefault(spec, QStringLiteral("revisionHistoryLimit"), 10);
            removeDefault(spec, QStringLiteral("updateStrategy"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("RollingUpdate")},
                                      {QStringLiteral("rollingUpdate"),
                                       QJsonObject{{QStringLiteral("maxSurge"), 0},
                                                   {QStringLiteral("maxUnavailable"), 1}}}});
        } else if (kind == u"Service") {
            // Allocated by the server (a headless Service's "None" is the user's).
            if (spec.value(u"clusterIP") != QStringLiteral("None")) {
                spec.remove(QStringLiteral("clusterIP"));
                spec.remove(QStringLiteral("clusterIPs"));
            }
            spec.remove(QStringLiteral("ipFamilies"));
            removeDefault(spec, QStringLiteral("ipFamilyPolicy"), QStringLiteral("SingleStack"));
            removeDefault(spec, QStringLiteral("sessionAffinity"), QStringLiteral("None"));
            removeDefault(spec, QStringLiteral("type"), QStringLiteral("ClusterIP"));
            removeDefault(spec, QStringLiteral("internalTrafficPolicy"), QStringLiteral("Cluster"));
            editItems(spec, QStringLiteral("ports"), [](QJsonObject &port) {
                removeDefault(port, QStringLiteral("protocol"), QStringLiteral("TCP"));
                removeDefault(port, QStringLiteral("targetPort"), port.value(u"port"));
            });
        }
    });
    for (const QStringList &path : drift::FieldRules::podSpecPaths(group, kind)) {
        editAt(object, path, stripPodSpecDefaults);
        // A template's metadata gets "creationTimestamp: null" from some clients.
        QStringList metadata = path;
        metadata.removeLast();
        editAt(object, metadata, [](QJsonObject &tmpl) {
            editAt(tmpl, {QStringLiteral("metadata")}, [](QJsonObject &meta) {
                removeEmpty(meta, QStringLiteral("creationTimestamp"));
            });
            removeEmpty(tmpl, QStringLiteral("metadata"));
        });
    }
}

// "configmap-web-settings.yaml": lower case, what a file name holds well.
QString objectFileName(const QString &kind, const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^a-z0-9.-]+"));
    return QStringLiteral("%1-%2")
        .arg(kind.toLower(), name.toLower())
        .replace(unsafe, QStringLiteral("-"));
}

} // namespace

LiveAdoption adoptLiveValues(const QList<drift::Difference> &differences,
                             const AdoptionSource &source, const ChangeDraft &base)
{
    LiveAdoption result{base, {}};
    QByteArray bytes = base.files.value(source.file, source.bytes);

    // A Secret's values are refused first: that is the reason whatever file holds them.
    QList<drift::Difference> editable;
    for (const drift::Difference &difference : differences) {
        const QString pointer = difference.desiredPointer.isEmpty() ? difference.livePointer
                                                                    : difference.desiredPointer;
        if (isSecretValue(source.kind, pointer)) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate("gitops::change",
                                             "a Secret's values do not go into git; keep them "
                                             "sealed (Sealed Secrets) or encrypted (SOPS) and "
                                             "change them there")});
            continue;
        }
        editable << difference;
    }

    // A rendered resource's field is edited in its file only where the file literally
    // holds the value kustomize rendered: else a patch, a transformer or a generator sets
    // it, and editing the file would change nothing (or something else).
    if (source.rendered) {
        QList<RenderedCandidate> candidates;
        const auto parsed = manifest::parseYamlDocuments(bytes);
        const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
        if (documents && source.document >= 0 && source.document < documents->size())
            candidates.append(
                {source.file, bytes, source.document, documents->at(source.document).value});
        const RenderedSources held = renderedSources(editable, candidates);
        result.refusals += held.refusals;
        editable = held.holders.isEmpty() ? QList<drift::Difference>()
                                          : held.holders.constFirst().differences;
    }

    // Removals of list items go last and from the end, so earlier indexes stay right.
    QList<drift::Difference> ordered = editable;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const drift::Difference &a, const drift::Difference &b) {
                         const bool aRemoves = !a.inLive();
                         const bool bRemoves = !b.inLive();
                         if (aRemoves != bRemoves)
                             return bRemoves;
                         return aRemoves && a.desiredPointer > b.desiredPointer;
                     });

    bool changed = false;
    for (const drift::Difference &difference : std::as_const(ordered)) {
        const QString pointer = difference.desiredPointer.isEmpty() ? difference.livePointer
                                                                    : difference.desiredPointer;
        if (pointer.isEmpty()) {
            result.refusals.append({difference.path, QStringLiteral("no field to edit")});
            continue;
        }
        YamlEdit edit;
        edit.document = source.document;
        edit.pointer = pointer;
        edit.remove = !difference.inLive();
        edit.value = difference.live;
        const auto edited = applyYamlEdit(bytes, edit);
        if (const auto *refusal = std::get_if<YamlEditRefusal>(&edited)) {
            result.refusals.append({difference.path, refusal->reason});
            continue;
        }
        bytes = std::get<QByteArray>(edited);
        changed = true;
        result.draft.summary.append(
            edit.remove ? QStringLiteral("%1: %2 removed (live has no such field)")
                              .arg(source.file, difference.path)
                        : QStringLiteral("%1: %2 %3 \u2192 %4 (live)")
                              .arg(source.file, difference.path, shortText(difference.desired),
                                   shortText(difference.live)));
    }
    if (changed)
        result.draft.files.insert(source.file, bytes);
    return result;
}

QJsonObject manifestOfLiveObject(const QJsonObject &live)
{
    QJsonObject object = live;
    object.remove(QStringLiteral("status"));
    editAt(object, {QStringLiteral("metadata")}, [](QJsonObject &metadata) {
        for (const char *key : {"uid", "resourceVersion", "generation", "creationTimestamp",
                                "managedFields", "selfLink", "ownerReferences", "deletionTimestamp",
                                "deletionGracePeriodSeconds", "generateName"})
            metadata.remove(QLatin1String(key));
        editAt(metadata, {QStringLiteral("annotations")}, [](QJsonObject &annotations) {
            annotations.remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
            annotations.remove(QStringLiteral("deployment.kubernetes.io/revision"));
        });
        removeEmpty(metadata, QStringLiteral("annotations"));
        removeEmpty(metadata, QStringLiteral("labels"));
    });
    const QString apiVersion = object.value(u"apiVersion").toString();
    const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    stripKindDefaults(object, group, object.value(u"kind").toString());
    return object;
}

std::variant<LiveObjectTarget, QString>
readLiveObjectTarget(git::Repository &repository, const QString &revision, const QString &folder)
{
    const auto resolved = repository.resolve(revision);
    if (const auto *error = std::get_if<QString>(&resolved))
        return *error;
    const git::Revision &at = std::get<git::Revision>(resolved);
    const auto files = repository.files(at, folder);
    if (const auto *error = std::get_if<QString>(&files))
        return *error;
    LiveObjectTarget target;
    target.folder = folder;
    target.commit = at.commitId;
    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(files)) {
        target.existingFiles << file.path;
        if (!isKustomizationFile(file.path) || file.path.section(u'/', 0, -2) != folder)
            continue;
        const auto bytes = repository.read(file);
        if (const auto *error = std::get_if<QString>(&bytes))
            return *error;
        target.kustomizationFile = file.path;
        target.kustomization = std::get<QByteArray>(bytes);
    }
    return target;
}

LiveAdoption adoptLiveObject(const QJsonObject &live, const LiveObjectTarget &target)
{
    LiveAdoption result;
    const QString kind = live.value(u"kind").toString();
    const QString name = live.value(u"metadata").toObject().value(u"name").toString();
    if (kind.isEmpty() || name.isEmpty()) {
        result.refusals.append(
            {QStringLiteral("."),
             QCoreApplication::translate("gitops::change", "the live object has no kind or name")});
        return result;
    }
    if (kind == u"Secret") {
        result.refusals.append(
            {QStringLiteral("."),
             QCoreApplication::translate("gitops::change",
                                         "a Secret's values do not go into git; keep them "
                                         "sealed (Sealed Secrets) or encrypted (SOPS) and "
                                         "change them there")});
        return result;
    }
    const QSet<QString> taken(target.existingFiles.cbegin(), target.existingFiles.cend());
    const QString stem = objectFileName(kind, name);
    const QString prefix = target.folder.isEmpty() ? QString() : target.folder + u'/';
    QString fileName = stem + QStringLiteral(".yaml");
    for (int n = 2; taken.contains(prefix + fileName); ++n)
        fileName = QStringLiteral("%1-%2.yaml").arg(stem).arg(n);
    const QString file = prefix + fileName;

    // apiVersion, kind, metadata (name and namespace first), then the rest.
    const QHash<QString, int> order{{QStringLiteral("/apiVersion"), 0},
                                    {QStringLiteral("/kind"), 1},
                                    {QStringLiteral("/metadata"), 2},
                                    {QStringLiteral("/metadata/name"), 3},
                                    {QStringLiteral("/metadata/namespace"), 4},
                                    {QStringLiteral("/metadata/labels"), 5},
                                    {QStringLiteral("/metadata/annotations"), 6},
                                    {QStringLiteral("/spec"), 7},
                                    {QStringLiteral("/data"), 7}};
    const QByteArray bytes =
        "# Taken from the cluster into git by GitOps Console (what the server fills in left "
        "out).\n"
        + drift::YamlWriter::write(manifestOfLiveObject(live), order).toUtf8();
    result.draft.files.insert(file, bytes);
    result.draft.summary.append(
        QStringLiteral("%1: %2 %3 added as live has it (a new file)").arg(file, kind, name));

    if (!target.kustomizationFile.isEmpty()) {
        const auto parsed = manifest::parseYamlDocuments(target.kustomization);
        const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
        if (!documents || documents->isEmpty()) {
            return LiveAdoption{{},
                                {{QStringLiteral("."),
                                  QCoreApplication::translate("gitops::change", "%1 does not parse")
                                      .arg(target.kustomizationFile)}}};
        }
        const QString kustomizationFolder = target.kustomizationFile.section(u'/', 0, -2);
        const QString relative = kustomizationFolder.isEmpty()
            ? file
            : QDir(QStringLiteral("/") + kustomizationFolder)
                  .relativeFilePath(QStringLiteral("/") + file);
        const QJsonArray resources =
            documents->constFirst().value.toObject().value(u"resources").toArray();
        // One more item after the last (its comment stays its own); else the list anew.
        YamlEdit edit;
        edit.pointer = QStringLiteral("/resources/%1").arg(resources.size());
        edit.value = relative;
        auto edited = applyYamlEdit(target.kustomization, edit);
        if (std::holds_alternative<YamlEditRefusal>(edited)) {
            edit.pointer = QStringLiteral("/resources");
            edit.value = QJsonArray(resources) << relative;
            edited = applyYamlEdit(target.kustomization, edit);
        }
        if (const auto *refusal = std::get_if<YamlEditRefusal>(&edited))
            return LiveAdoption{{}, {{QStringLiteral("."), refusal->reason}}};
        result.draft.files.insert(target.kustomizationFile, std::get<QByteArray>(edited));
        result.draft.summary.append(
            QStringLiteral("%1: resources names %2").arg(target.kustomizationFile, relative));
    }
    return result;
}

} // namespace gitops::change
