#include "overlaypatch.h"

#include "change/yamledit.h"
#include "manifest/yamldocument.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace gitops::change {

namespace {

// A plain YAML scalar for the patch's header, double-quoted where it needs it.
QByteArray scalar(const QString &value)
{
    static const QString plain =
        QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-./");
    bool quote = value.isEmpty();
    for (const QChar c : value)
        quote = quote || !plain.contains(c);
    if (!quote)
        return value.toUtf8();
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return '"' + escaped.toUtf8() + '"';
}

} // namespace

QString overlayPatchFile(const QString &kustomizationFile, const manifest::ResourceId &id)
{
    const QString folder = kustomizationFile.section(u'/', 0, -2);
    const QString name =
        QStringLiteral("live-%1-%2.patch.yaml").arg(id.kind.toLower(), id.name.toLower());
    return folder.isEmpty() ? name : folder + u'/' + name;
}

LiveAdoption adoptIntoOverlayPatch(const QList<drift::Difference> &differences,
                                   const manifest::ResourceId &id, const QString &apiVersion,
                                   const KustomizeOverlay &overlay)
{
    LiveAdoption result;
    const QString patchFile = overlayPatchFile(overlay.kustomizationFile, id);
    const QString patchName = patchFile.section(u'/', -1);
    QByteArray patch = overlay.existingPatch.value_or(QByteArray());
    if (!overlay.existingPatch) {
        patch = "# Live values taken into git by GitOps Console (a strategic-merge patch).\n"
                "apiVersion: "
            + scalar(apiVersion) + "\nkind: " + scalar(id.kind)
            + "\nmetadata:\n  name: " + scalar(id.name) + '\n';
        const QString namespaceName = overlay.patchNamespace.value_or(id.namespaceName);
        if (!namespaceName.isEmpty())
            patch += "  namespace: " + scalar(namespaceName) + '\n';
    }
    bool changed = false;
    for (const drift::Difference &difference : differences) {
        const QString pointer = difference.livePointer;
        if (!difference.inLive() || pointer.isEmpty()) {
            result.refusals.append({difference.path,
                                    QCoreApplication::translate(
                                        "gitops::change",
                                        "live has no such field: removing it through a patch "
                                        "($patch: delete) is not done; edit the files by hand")});
            continue;
        }
        if (id.kind == u"Secret"
            && (pointer.startsWith(u"/data") || pointer.startsWith(u"/stringData"))) {
            result.refusals.append({difference.path,
                                    QCoreApplication::translate(
                                        "gitops::change",
                                        "a Secret's values do not go into git; keep them sealed "
                                        "(Sealed Secrets) or encrypted (SOPS) and change them "
                                        "there")});
            continue;
        }
        const auto parsed = manifest::parseYamlDocuments(patch);
        const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
        if (!documents || documents->isEmpty()) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate("gitops::change",
                                             "the overlay's patch file %1 does not parse")
                     .arg(patchFile)});
            continue;
        }
        if (pointer == u"/metadata/name" || pointer == u"/kind" || pointer == u"/apiVersion") {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate(
                     "gitops::change", "a patch cannot change what it patches (kind, name)")});
            continue;
        }
        // A list index in the pointer: a strategic merge would need the list's merge key.
        bool index = false;
        for (const QString &segment : pointer.split(u'/').mid(1)) {
            bool number = false;
            segment.toInt(&number);
            index = index || number;
        }
        if (index) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate(
                     "gitops::change",
                     "no file of the app holds it, and it is under a list: a strategic-merge "
                     "patch needs the list's merge key, which the console does not write; edit "
                     "the overlay by hand")});
            continue;
        }
        YamlEdit edit;
        edit.document = 0;
        edit.pointer = pointer;
        edit.value = difference.live;
        const auto edited = applyYamlEdit(patch, edit);
        if (const auto *refusal = std::get_if<YamlEditRefusal>(&edited)) {
            result.refusals.append({difference.path, refusal->reason});
            continue;
        }
        patch = std::get<QByteArray>(edited);
        changed = true;
        result.draft.summary.append(
            QStringLiteral("%1: %2 set to the live value (a patch in the overlay)")
                .arg(patchFile, difference.path));
    }
    if (!changed)
        return result;

    // The kustomization names the patch once.
    QByteArray kustomization = overlay.kustomization;
    const auto parsed = manifest::parseYamlDocuments(kustomization);
    const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
    if (!documents || documents->isEmpty()) {
        return LiveAdoption{{},
                            {{differences.constFirst().path,
                              QCoreApplication::translate("gitops::change", "%1 does not parse")
                                  .arg(overlay.kustomizationFile)}}};
    }
    const QJsonObject object = documents->constFirst().value.toObject();
    QJsonArray patches = object.value(u"patches").toArray();
    bool named = false;
    for (const QJsonValue &entry : std::as_const(patches))
        named = named || entry.toObject().value(u"path").toString() == patchName;
    if (!named) {
        patches.append(QJsonObject{{QStringLiteral("path"), patchName}});
        YamlEdit edit;
        edit.document = 0;
        edit.pointer = QStringLiteral("/patches");
        edit.value = patches;
        const auto edited = applyYamlEdit(kustomization, edit);
        if (const auto *refusal = std::get_if<YamlEditRefusal>(&edited))
            return LiveAdoption{{}, {{differences.constFirst().path, refusal->reason}}};
        kustomization = std::get<QByteArray>(edited);
        result.draft.files.insert(overlay.kustomizationFile, kustomization);
        result.draft.summary.append(
            QStringLiteral("%1: patches names %2").arg(overlay.kustomizationFile, patchName));
    }
    result.draft.files.insert(patchFile, patch);
    return result;
}

LiveAdoption adoptRenderedLiveValues(const QList<drift::Difference> &differences,
                                     const manifest::ResourceId &id, const QString &apiVersion,
                                     const QList<RenderedCandidate> &candidates,
                                     const std::optional<KustomizeOverlay> &overlay,
                                     const ChangeDraft &base)
{
    // Which fields go into a patch: git does not set them, or more than one file holds them.
    QList<drift::Difference> literal;
    QList<drift::Difference> patched;
    for (const drift::Difference &difference : differences) {
        bool patch = false;
        if (overlay && difference.inLive()) {
            if (difference.desiredPointer.isEmpty()) {
                patch = true;
            } else {
                int holders = 0;
                for (const RenderedCandidate &candidate : candidates)
                    holders += renderedSources({difference}, {candidate}).holders.size();
                patch = holders > 1;
            }
        }
        (patch ? patched : literal) << difference;
    }

    LiveAdoption result{base, {}};
    const RenderedSources held = renderedSources(literal, candidates);
    result.refusals = held.refusals;
    for (const RenderedHolder &holder : held.holders) {
        AdoptionSource source;
        source.file = holder.file;
        source.bytes = holder.bytes;
        source.document = holder.document;
        source.kind = id.kind;
        source.rendered = true;
        // Two documents of one file build on each other through the draft.
        const LiveAdoption made = adoptLiveValues(holder.differences, source, result.draft);
        result.draft = made.draft;
        result.refusals += made.refusals;
    }
    if (patched.isEmpty())
        return result;

    KustomizeOverlay into = *overlay;
    if (!into.patchNamespace) {
        // kustomize matches a patch by the namespace the object has before the overlay's
        // own `namespace:` applies: the one its defining file writes, if any.
        QString written;
        for (const RenderedCandidate &candidate : candidates) {
            written = candidate.value.toObject()
                          .value(u"metadata")
                          .toObject()
                          .value(u"namespace")
                          .toString();
            if (!written.isEmpty())
                break;
        }
        into.patchNamespace = written;
    }
    into.kustomization = result.draft.files.value(into.kustomizationFile, into.kustomization);
    const QString patchFile = overlayPatchFile(into.kustomizationFile, id);
    if (result.draft.files.contains(patchFile))
        into.existingPatch = result.draft.files.value(patchFile);
    const LiveAdoption made = adoptIntoOverlayPatch(patched, id, apiVersion, into);
    for (auto it = made.draft.files.cbegin(); it != made.draft.files.cend(); ++it)
        result.draft.files.insert(it.key(), it.value());
    result.draft.summary << made.draft.summary;
    result.refusals += made.refusals;
    return result;
}

} // namespace gitops::change
