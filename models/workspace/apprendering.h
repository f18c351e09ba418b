#pragma once

#include "manifest/resource.h"
#include "text.h"
#include "workspace/app.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace gitops {

struct AppDesiredState;

namespace manifest {
class ResourceScopes;
} // namespace manifest

/// The rules by which an app's files become its desired objects, the same for the workspace
/// at one revision (DesiredStateReader) and for one app at any commit (history's
/// AppStateReader): they must agree, or an old commit would never match live.
namespace rendering {

/// A file read as manifests: `.yaml`, `.yml`, `.json`.
bool isManifestFile(const QString &path);
/// The folder of a repository-relative path ("" at the root).
QString folderOf(const QString &path);
/// @p path is directly in @p folder, or anywhere under it with @p recurse.
bool isInFolder(const QString &path, const QString &folder, bool recurse);

/// Which files of a plain folder an app reads: in the folder (or under it when the app
/// recurses), not ignored by the app's `ignore.files`, and chosen by Argo CD's
/// `directory.include` / `exclude` (argoCdGlob()) over the path inside the folder.
class FileFilter
{
public:
    explicit FileFilter(const App &app);
    bool reads(const QString &path, const QString &folder) const;

private:
    bool m_recurse;
    QList<QRegularExpression> m_ignored;
    QRegularExpression m_included; ///< invalid: every file
    QRegularExpression m_excluded; ///< invalid: none
    bool m_include;
    bool m_exclude;
};

/// The namespace the app's deployer gives a namespaced object (DESIGN.md, "Namespaces").
/// The context's namespace is not known here: resolveDefaultNamespaces() adds it later.
void resolveNamespace(manifest::Resource &resource, const manifest::ResourceScopes &scopes,
                      const App &app);

/// The note on @p app that a part of its Argo CD kustomize overrides (@p part, from
/// KustomizeOverrides::applyTo()) is not applied.
manifest::SourceNote unsupportedOverrideNote(const App &app, const QString &part);
/// The note on @p app that its Argo CD kustomize overrides for @p folder are not applied, as
/// the folder has no kustomization (it is read as plain manifests).
manifest::SourceNote overridesWithoutKustomizationNote(const App &app, const QString &folder);

/// "@p folder does not exist at this revision": the error of an app whose path is not there.
Text folderMissingError(const QString &folder);
/// "@p folder is a Helm chart (folder/Chart.yaml); Helm charts are not supported yet".
Text helmChartError(const QString &folder);
/// "@p file: @p problem", what reading or writing a file met (the system's words).
Text fileError(const QString &file, const QString &problem);
/// "@p file: @p problem", what the console found wrong in it.
Text fileError(const QString &file, const Text &problem);

/// Flux's post-build substitution over the app's rendered objects (app.postBuild): the
/// inline variables and those of the substituteFrom sources read from the cluster; a source
/// not read is named in a note and its ${...} stay as written. A failure is the app's error,
/// as it fails the Kustomization.
void substitutePostBuild(AppDesiredState &appState);

} // namespace rendering

} // namespace gitops
