#pragma once

#include "drift/workspacedrift.h"

#include <QCoreApplication>
#include <QString>
#include <QVariant>

namespace gitops {

/// What the drift browser says in words about a verdict: the Details of a resource or an
/// app, the sentence above the diff, and the workspace's counts for the hint shown while
/// nothing is selected. Translated HTML or plain text from values; no widgets, any thread.
class DriftDescription
{
    Q_DECLARE_TR_FUNCTIONS(gitops::DriftDescription)

public:
    /// A resource's Details (HTML): identity, sync with its reason, health, the live
    /// object's conditions and container states, and @p source ("file:line") if known.
    /// @p namespaceFrom: where the namespace came from when no manifest names it
    /// (int(manifest::NamespaceFrom)), else invalid.
    static QString details(const drift::ResourceDrift &resource, const QString &source,
                           const QVariant &namespaceFrom = {});
    /// "Namespace team-a: the kubeconfig context's, as kubectl apply would put it".
    static QString namespaceOrigin(const QString &namespaceName, manifest::NamespaceFrom from);
    /// An app's Details (HTML): its counts, its error, the files git could not read and the
    /// files or documents it ignored or skipped.
    static QString appDetails(const drift::AppWorkspaceDrift &app);
    /// Why an app's verdict is not complete (drift::AppWorkspaceDrift::problems()) in the window's
    /// language, one a line (plain); empty when nothing is amiss.
    static QString appProblem(const drift::AppWorkspaceDrift &app);
    /// One plain sentence on what the diff shows ("Synced: the live object matches git.").
    static QString verdict(const drift::ResourceDrift &resource);
    /// Why a resource is Unknown, and its health message, in the window's language (plain).
    static QString reason(const drift::ResourceDrift &resource);
    static QString healthMessage(const drift::Health &health);
    /// The workspace's counts (plain): "3 apps, 64 resources: 2 drifted, 3 unknown, 59 synced."
    static QString summary(const drift::WorkspaceDrift &snapshot);
    /// A group's counts (plain): "64 resources: 2 drifted, 3 unknown, 59 synced".
    static QString counts(int total, int drifted, int unknown);
};

} // namespace gitops
