#pragma once

#include "text.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace gitops {

/// An Argo CD Application's `spec.source.kustomize` applied to the kustomization it renders
/// (issue 20, item 3). Argo CD does not build the folder as it is: before `kustomize build`
/// it runs `kustomize edit set nameprefix / namesuffix / namespace / image / replicas`,
/// `kustomize edit add label / annotation` (with --force when forceCommonLabels /
/// forceCommonAnnotations say so, --without-selector for labelWithoutSelector) and
/// `kustomize edit add component`, and appends the inline `patches`, all on its own copy of
/// the repository. The console does the same edits to the kustomization in its own copy, so
/// the same renderer builds what Argo CD builds. A plain value; pure functions.
struct KustomizeOverrides
{
    /// What an Application's source says (`spec.source.kustomize`, or that of one of
    /// `spec.sources[]`); an empty object changes nothing.
    QJsonObject spec;

    bool isEmpty() const { return spec.isEmpty(); }

    /// The kustomization @p kustomization as the edits leave it; on a conflict kustomize
    /// refuses (a common label or annotation the kustomization sets already, without force),
    /// returns false with @p error saying so. Parts the console does not do
    /// (commonAnnotationsEnvsubst) are named in @p unsupported, once each.
    bool applyTo(QJsonObject &kustomization, Text *error, QStringList *unsupported) const;

    /// applyTo() on the bytes of a kustomization file (YAML or JSON): the edited
    /// kustomization as JSON, which kustomize reads as it reads YAML; empty with @p error when
    /// the file does not parse or an edit is refused.
    QByteArray applyToFile(const QByteArray &file, Text *error, QStringList *unsupported,
                           bool addOriginAnnotations = false) const;

    /// `kustomize edit set image`'s reading of one image argument: "name:tag", "name@digest",
    /// "name=newName", "name=newName:tag", "name=*:tag" ...; the entry of a kustomization's
    /// `images` it sets (name, newName, newTag, digest).
    static QJsonObject imageEntry(const QString &argument);

    /// A short stable text of the overrides, for cache keys ("" when empty).
    QString key() const;
};

} // namespace gitops
