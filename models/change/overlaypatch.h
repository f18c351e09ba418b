#pragma once

#include "change/changedraft.h"
#include "change/liveadoption.h"
#include "drift/difference.h"
#include "manifest/resource.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace gitops::change {

/// A kustomize overlay as a patch is written into it: its kustomization file
/// (repository-relative) and bytes, and the bytes of the patch file overlayPatchFile()
/// names if the overlay has it already.
struct KustomizeOverlay
{
    QString kustomizationFile;
    QByteArray kustomization;
    std::optional<QByteArray> existingPatch;
};

/// The strategic-merge patch file the console writes live values of @p id into, beside
/// @p kustomizationFile: "live-KIND-NAME.patch.yaml" (lower case).
QString overlayPatchFile(const QString &kustomizationFile, const manifest::ResourceId &id);

/// The fields of @p differences that no file of the app holds, written as a strategic-merge
/// patch of @p id in @p overlay (issue 15, item 2): the patch file is made (apiVersion,
/// kind, metadata name and namespace, then the fields as block YAML) or extended with text
/// edits, and the kustomization's `patches:` gets `{path: FILE}` unless it names it already
/// (an existing `patches:` list is rewritten as block YAML; the rest of the file keeps its
/// bytes). Refused, with the reason: a field live removed (a patch would have to delete it:
/// `$patch: delete`, not done), a field under a list (a strategic merge needs the list's
/// merge key), a Secret's values. A pure function.
LiveAdoption adoptIntoOverlayPatch(const QList<drift::Difference> &differences,
                                   const manifest::ResourceId &id, const QString &apiVersion,
                                   const KustomizeOverlay &overlay);

} // namespace gitops::change
