#pragma once

#include "drift/appdrift.h"
#include "manifest/resource.h"
#include "manifest/sourcenote.h"
#include "text.h"
#include "workspace/controllerverdict.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace gitops {

/// The newest write to a live object, from its managedFields: when, by which manager, how.
struct LastChange
{
    QDateTime time; ///< UTC; invalid when the object has no managedFields
    QString manager;
    QString operation; ///< "Apply" or "Update"

    bool isValid() const { return time.isValid(); }
    /// Reads metadata.managedFields of @p live (the newest entry wins).
    static LastChange of(const QJsonObject &live);
};

/// One app as the drift browser shows it: its verdict per resource, or why it has none.
struct AppSnapshot
{
    QString name;
    /// The app that deploys this one (app-of-apps: its resources hold this app's Argo CD
    /// Application); empty for a top-level app. DriftSnapshot::apps lists a parent's
    /// children right after it.
    QString parent;
    drift::AppDrift drift;
    /// Why the app could not be compared (render failure, unreachable cluster, ...): the
    /// English of errorText.
    QString error;
    /// The error as a sentence the window shows in its language.
    Text errorText;
    /// Per-file notes: parse errors with file:line, ignored and skipped files.
    QList<manifest::SourceNote> notes;
    /// Where each desired resource is defined: "file:line" in the repository.
    QHash<manifest::ResourceId, QString> sources;
    /// The newest write to each live object.
    QHash<manifest::ResourceId, LastChange> lastChanges;
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

/// Everything the drift browser shows at one moment: an immutable value, built off the
/// GUI thread and swapped into the item models in one step (STYLE.md rule 3).
struct DriftSnapshot
{
    QList<AppSnapshot> apps;
    QString revision; ///< the git revision the desired side was read at
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
};

} // namespace gitops

Q_DECLARE_METATYPE(gitops::LastChange)
