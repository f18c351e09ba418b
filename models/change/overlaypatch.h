#pragma once

#include "change/changedraft.h"
#include "change/liveadoption.h"
#include "change/renderedsource.h"
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
    /// The namespace the object has where the overlay's patches apply, which a patch must
    /// name: the one its file in git gives ("": none; the overlay's own `namespace:` is set
    /// only after its patches). Unset: the object's rendered namespace.
    std::optional<QString> patchNamespace;
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

/// The live values of a kustomize-rendered resource taken into git as the window and
/// `gitops-console adopt` both take them (issue 15, item 2): a field exactly one of
/// @p candidates literally holds as rendered is edited there (adoptLiveValues()); a field
/// git does not set at all, or that several files hold, goes into the strategic-merge patch
/// of @p overlay (adoptIntoOverlayPatch(): the overlay's patches apply after its bases, so
/// the patch wins) when @p overlay is given; a field no file holds although git sets it is
/// refused as renderedSources() says (a transformer such as `replicas:` or `images:` sets
/// it, and transformers run after patches, so a patch would change nothing). Edits build on
/// @p base. A pure function.
LiveAdoption adoptRenderedLiveValues(const QList<drift::Difference> &differences,
                                     const manifest::ResourceId &id, const QString &apiVersion,
                                     const QList<RenderedCandidate> &candidates,
                                     const std::optional<KustomizeOverlay> &overlay,
                                     const ChangeDraft &base = {});

} // namespace gitops::change
