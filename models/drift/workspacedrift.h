#pragma once

#include "drift/appdrift.h"
#include "drift/difference.h"
#include "manifest/resource.h"
#include "manifest/sourcenote.h"
#include "text.h"
#include "workspace/controllerverdict.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace gitops::drift {

/// Where a desired resource is defined in the repository: its file, the file's blob, the
/// lines of its object. A plain value.
struct SourceLocation
{
    /// Repository-relative path of the file (or of the kustomization it was rendered from
    /// when the renderer does not say the origin).
    QString path;
    /// The git blob id of that file's content as read; empty when not known (rendered).
    QString blobId;
    /// 1-based lines of the object in the file: where it starts, and its last value's line
    /// (firstLine when no value's line is known); 0 when not known.
    int firstLine = 0;
    int lastLine = 0;

    bool isValid() const { return !path.isEmpty(); }
    /// "file:line", as messages and the CLI print it; "" when there is no file.
    QString toString() const;
    /// Where @p resource was read from.
    static SourceLocation of(const manifest::Resource &resource);
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

/// One app of a WorkspaceDrift: its verdict per resource, or why it has none, with what the
/// window and the CLI show beside it (where each resource is defined, the newest write to
/// each live object, the controller's own verdict, exact mode's progress).
struct AppWorkspaceDrift
{
    QString name;
    /// The app that deploys this one (app-of-apps: its resources hold this app's Argo CD
    /// Application); empty for a top-level app. WorkspaceDrift::apps lists a parent's
    /// children right after it.
    QString parent;
    AppDrift drift;
    /// Why the app could not be compared (render failure, unreachable cluster, ...): the
    /// English of errorText.
    QString error;
    /// The error as a sentence the window shows in its language.
    Text errorText;
    /// Per-file notes: parse errors with file:line, ignored and skipped files.
    QList<manifest::SourceNote> notes;
    /// Where each desired resource is defined in the repository.
    QHash<manifest::ResourceId, SourceLocation> sources;
    /// The newest write to each live object (ManagedFields::newestWriter()); its time is
    /// invalid when the object has no managedFields.
    QHash<manifest::ResourceId, FieldWriter> lastChanges;
    /// Where the namespace of each desired resource whose manifest names none came from
    /// (the app's destination, the context, `default`); absent when the manifest says.
    QHash<manifest::ResourceId, manifest::NamespaceFrom> inferredNamespaces;
    /// The app's controller's own verdict (Argo CD, Flux), when the cluster defines the app.
    ControllerVerdict controller;
    /// Exact mode is on (server dry runs): resources already dry-run show its verdict.
    bool exact = false;
    /// The resources whose verdict comes from a server dry run (or its failure).
    QSet<manifest::ResourceId> dryRun;
    int exactDone = 0;
    int exactTotal = 0;

    /// The files git's side could not be read from, as "bad.yaml:6:8: quoted text is not
    /// closed": the notes of kind error, without the label SourceNote::toString() puts in.
    QList<Text> readErrors() const;
    /// Why the app's verdict is not complete: its error, else its read errors; empty when
    /// nothing is amiss.
    QList<Text> problems() const;
    /// The notes in English, as the CLI prints them ("bad.yaml:6:8: error: ...").
    QStringList noteLines() const;
    /// problems() in English, one a line.
    QString problem() const;
    /// errorText, or error as it is where only that was set.
    Text errorSentence() const { return errorText.isEmpty() ? Text::verbatim(error) : errorText; }
    /// Sets error and errorText.
    void setError(const Text &why)
    {
        error = why.toString();
        errorText = why;
    }
};

/// The drift of a whole workspace at one moment, as compareWorkspace() gives it: an
/// immutable value, built off the GUI thread and swapped into the item models in one step
/// (STYLE.md rule 3); the CLI prints the same value.
struct WorkspaceDrift
{
    QList<AppWorkspaceDrift> apps;
    /// What git's side was read at: the full commit id, or the working copy's spec
    /// ("WORKING"). Printers shorten it with shortRevision().
    QString revision;
    QString context; ///< the kubeconfig context the live side came from
    /// Why git's side could not be read at all (a revision that does not exist, a folder
    /// that is no repository); there are no apps then.
    QString error;
    /// Notes about the workspace as a whole: a gitops-console.yaml that does not read, an
    /// Argo CD Application that is not read, a definition the cluster runs differently.
    QList<manifest::SourceNote> notes;
    /// The cluster is still being listed (every resource is Unknown for now), or git is
    /// being read again: a complete snapshot follows.
    bool partial = false;

    /// @p revision as people read it: a commit id cut to its first 8 characters, anything
    /// else (the working copy's spec) as it is.
    static QString shortRevision(const QString &revision);
};

} // namespace gitops::drift
