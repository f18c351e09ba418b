#pragma once

#include "manifest/resourceid.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace gitops::manifest {

/// Where a resource's namespace comes from (DESIGN.md, "Namespaces"): written in the
/// manifest, set by the app's deployer, or the default `kubectl apply` would use.
enum class NamespaceFrom : quint8 {
    Manifest, ///< metadata.namespace as written
    ArgoCdDestination, ///< the Argo CD Application's spec.destination.namespace
    FluxTargetNamespace, ///< the Flux Kustomization's spec.targetNamespace (overrides)
    WorkspaceFile, ///< destination.namespace in gitops-console.yaml
    Context, ///< the kubeconfig context's namespace
    Default, ///< "default": neither the app nor the context names one
    None, ///< a cluster-scoped kind
};

/// One Kubernetes object read from a manifest: its identity, its fields typed as the API
/// server would read them, and where each field came from. A plain value, cheap to copy
/// (QJsonObject and QHash are implicitly shared); safe to pass between threads.
struct Resource
{
    ResourceId id;
    QString apiVersion;
    QJsonObject object;
    /// Repository-relative path of the source file (or of the kustomization it was
    /// rendered from).
    QString file;
    /// The git blob id of that file's content, when it was read from git (or hashed from
    /// disk); empty for a rendered object, whose file is only its origin.
    QString blobId;
    /// 1-based line where the object starts in that file.
    int line = 0;
    /// JSON pointer of every value ("/spec/replicas", "/metadata/labels/app") -> 1-based
    /// line in `file`. "" maps to the object itself.
    QHash<QString, int> fieldLines;
    /// JSON pointers of the text values the manifest writes quoted or as a block
    /// (YamlDocument::quoted).
    QSet<QString> quotedFields;
    /// Only metadata.generateName is set: the server picks the name, so the live object
    /// cannot be matched to this manifest.
    bool untrackable = false;
    /// Context and Default are placeholders until the context is known: the namespace is
    /// empty until resolveDefaultNamespaces() fills it in.
    NamespaceFrom namespaceFrom = NamespaceFrom::Manifest;

    /// "file:line", for messages.
    QString location() const { return file + QLatin1Char(':') + QString::number(line); }
};

} // namespace gitops::manifest
