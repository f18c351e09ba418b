#pragma once

#include "manifest/resourceid.h"
#include "manifest/sourcenote.h"
#include "workspace/kustomizeoverrides.h"
#include "workspace/postbuild.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gitops {

/// A difference the user has told the console to ignore (Argo CD's `ignoreDifferences`,
/// or `ignore.differences` in gitops-console.yaml). Empty name/namespace match any.
struct IgnoredDifference
{
    QString group;
    QString kind;
    QString name;
    QString namespaceName;
    QStringList jsonPointers;
    /// jq path expressions (drift::JqPath); discovery keeps only those it can evaluate and
    /// notes the others on the app.
    QStringList jqPathExpressions;
    /// Field managers whose fields are not compared (Argo CD `managedFieldsManagers`).
    QStringList managedFieldsManagers;
};

/// One app of a workspace: a set of repository paths rendered into Kubernetes objects that
/// are deployed together, with where they go and how their live objects are recognised.
/// A plain value, produced by discoverApps().
struct App
{
    /// Where the console learnt about the app, in the order it looks (issue 5).
    enum class Source { WorkspaceFile, ArgoCdApplication, FluxKustomization, Folder };
    /// How live objects are marked as belonging to the app (DESIGN.md, "Tracking").
    enum class Tracking { Unspecified, ArgoCd, Flux, Label };

    QString name;
    /// Repository-relative folders, without "./" or a trailing slash; "" is the root.
    QStringList paths;
    /// Read sub-folders of plain folders too (Argo CD `directory.recurse`; Flux always).
    bool recurse = false;
    /// Argo CD `directory.include` / `exclude`: globs (argoCdGlob()) over the paths of a plain
    /// folder's files relative to that folder; empty: every file / none.
    QString includeFiles;
    QString excludeFiles;
    QString destinationContext;
    QString destinationNamespace;
    Tracking tracking = Tracking::Unspecified;
    /// For Tracking::Label: the label (`key` or `key=value`) that marks the app's objects.
    QString trackingLabel;
    /// Wildcards over repository-relative paths (`*` also matches `/`) of files not read.
    QStringList ignoredFiles;
    QList<IgnoredDifference> ignoredDifferences;
    /// The object in the cluster that defines the app (its Argo CD Application or Flux
    /// Kustomization), whose status holds the controller's own verdict; empty for apps
    /// defined in git alone.
    manifest::ResourceId definition;
    /// Argo CD `spec.source.kustomize` per path: edits made to the path's kustomization
    /// before it is built, as Argo CD makes them.
    QMap<QString, KustomizeOverrides> kustomizeOverrides;
    /// Flux `spec.postBuild`: variables substituted into the rendered objects.
    PostBuild postBuild;
    /// The revision the controller follows (Argo CD `targetRevision`), if it says.
    QString targetRevision;
    Source source = Source::Folder;
    /// "file:line" of the definition; empty for folder apps.
    QString definedAt;
    /// Problems with the definition that do not stop the app (an ignore rule the console
    /// cannot evaluate), each naming its file and line.
    QList<manifest::SourceNote> notes;
};

} // namespace gitops
