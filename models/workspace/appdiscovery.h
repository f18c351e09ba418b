#pragma once

#include "manifest/manifestparser.h"
#include "workspace/app.h"
#include "workspace/desiredstate.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <optional>

namespace gitops {

/// What the repository at one revision says about its apps.
struct AppDiscovery
{
    QList<App> apps;
    /// Problems met on the way (an unreadable workspace file, an Application without a
    /// path), each naming its file.
    QList<manifest::SourceNote> notes;
};

/// Finds the apps of a revision, in this order, stopping at the first that yields any:
/// (a) @p workspaceFile (gitops-console.yaml at the root), when present;
/// (b) Argo CD Applications among @p parsed whose source repoURL is one of @p remoteUrls;
/// (c) Flux Kustomizations among @p parsed (whose GitRepository, if in the repository,
///     points at one of @p remoteUrls);
/// (d) every folder that directly holds a Kubernetes object (or a manifest that fails to
///     parse), a kustomization or a Helm chart, except folders that other kustomizations
///     include, folders inside charts and hidden folders (.github and the like).
/// @p parsed maps each manifest file's path to what it holds; @p kustomizations maps the
/// path of each kustomization file to its bytes; @p filePaths lists every file of the
/// revision. A pure function: safe on any thread.
AppDiscovery discoverApps(const std::optional<QByteArray> &workspaceFile,
                          const QMap<QString, manifest::ParsedManifests> &parsed,
                          const QMap<QString, QByteArray> &kustomizations,
                          const QStringList &filePaths, const QStringList &remoteUrls);

/// The apps that Argo CD Applications and Flux Kustomizations in the cluster define for the
/// repository whose remotes are @p remoteUrls (their repoURL, or their GitRepository's url,
/// is one of them, compared as sameRepository() does). @p objects are live objects as the
/// API server returns them: Applications, Kustomizations and GitRepositories. Pure.
AppDiscovery appsFromCluster(const QList<QJsonObject> &objects, const QStringList &remoteUrls);

/// One app list from what git defines (@p fromGit) and what the cluster runs
/// (@p fromCluster): an app both define is one app and the cluster's definition wins (a note
/// says when git's differs); a folder app that a cluster app's path covers belongs to that
/// app; an Argo CD or Flux app only git defines stays, with a note that the cluster does not
/// run it (yet). Notes go to @p notes. Pure.
QList<App> mergeClusterApps(const QList<App> &fromGit, const QList<App> &fromCluster,
                            QList<manifest::SourceNote> *notes);

/// App-of-apps (issue 20, item 5): for each app that another app deploys, the name of that
/// parent. An Argo CD app is a child of the app whose desired resources hold the Application
/// that defines it (App::definition; same name, and the same namespace where both name
/// one). An app has one parent at most (the first that deploys it), and never becomes its
/// own ancestor: a link that would close a cycle is left out. Pure.
QHash<QString, QString> parentApps(const QList<AppDesiredState> &apps);

/// Whether @p path names a kustomization file (kustomization.yaml, kustomization.yml or
/// Kustomization, the names kustomize accepts).
bool isKustomizationFile(const QString &path);

/// Whether two git URLs name the same repository: scheme, user, a trailing ".git" or "/",
/// and host case are ignored, and scp-like "git@host:org/repo" equals "ssh://host/org/repo".
bool sameRepository(const QString &url, const QString &otherUrl);

/// The name of a kustomization file in a folder, or "" (kustomization.yaml,
/// kustomization.yml or Kustomization, the names kustomize accepts).
QString kustomizationFileIn(const QString &folder, const QSet<QString> &filePaths);

} // namespace gitops
