#pragma once

#include "git/revision.h"
#include "manifest/resource.h"
#include "manifest/sourcenote.h"
#include "workspace/app.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>

namespace gitops {

/// The desired state of one app at one revision.
struct AppDesiredState
{
    enum class Renderer { Plain, Kustomize, Helm };

    App app;
    Renderer renderer = Renderer::Plain;
    /// The objects, namespaces resolved: cluster-scoped kinds have none, namespaced ones
    /// without one take the app's destination namespace; when the app names none, they
    /// stay empty (NamespaceFrom::Context) until resolveDefaultNamespaces().
    QList<manifest::Resource> resources;
    /// Per-file errors, ignored documents and skipped files under the app's paths.
    QList<manifest::SourceNote> notes;
    /// Why the app could not be rendered at all (the renderer's own message, or "Helm
    /// charts are not supported yet"); empty when it was. The English of errorText.
    QString error;
    /// The error as a sentence the window shows in its language.
    Text errorText = {};

    void setError(const Text &why)
    {
        error = why.toString();
        errorText = why;
    }
};

/// Two manifests that describe the same object.
struct ResourceConflict
{
    manifest::ResourceId id;
    QString first; ///< "file:line" (app)
    QString second;

    QString message() const
    {
        return QStringLiteral("%1 is defined twice: %2 and %3").arg(id.toString(), first, second);
    }
};

/// Everything git says should be running, at one revision: the apps and their objects.
/// An immutable value once built (DESIGN.md, "Data flow"); safe to hand between threads.
struct DesiredState
{
    git::Revision revision;
    QList<AppDesiredState> apps;
    QList<ResourceConflict> conflicts;
    /// Notes about the workspace as a whole (an unreadable gitops-console.yaml, ...).
    QList<manifest::SourceNote> notes;
    /// Non-empty when the revision could not be read at all.
    QString error;
};

/// @p state with the namespaces only the cluster context can tell (DESIGN.md,
/// "Namespaces"): namespaced objects that neither their manifest nor their app place take
/// @p contextNamespace, what `kubectl apply` does, or `default` when it is empty; kinds
/// @p isClusterScoped says the cluster serves cluster-scoped (custom resources git holds no
/// CRD for) lose the namespace they were given. Pure; any thread.
DesiredState resolveDefaultNamespaces(
    DesiredState state, const QString &contextNamespace,
    const std::function<bool(const QString &group, const QString &kind)> &isClusterScoped = {});

/// How `-o json` and the Details pane name where a namespace came from: "manifest",
/// "application", "targetNamespace", "workspaceFile", "context", "default", "".
QString namespaceFromName(manifest::NamespaceFrom from);

/// About how many bytes of memory a value holds, for caches that are bounded by size
/// (QCache costs): strings at two bytes a character, every JSON element, hash entry and list
/// item with the bookkeeping Qt keeps for it. Data several values share (implicitly shared
/// Qt containers) is counted in each, so a sum over a cache is an upper bound of what it
/// keeps alive. Linear in the size of the value; any thread.
qsizetype approximateBytes(const QJsonValue &value);
qsizetype approximateBytes(const manifest::Resource &resource);
qsizetype approximateBytes(const manifest::SourceNote &note);
qsizetype approximateBytes(const QList<manifest::Resource> &resources,
                           const QList<manifest::SourceNote> &notes);
qsizetype approximateBytes(const AppDesiredState &state);

} // namespace gitops
