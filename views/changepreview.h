#pragma once

#include "change/renderedsource.h"
#include "drift/resourcedrift.h"
#include "manifest/resource.h"
#include "manifest/sourcenote.h"
#include "workspace/desiredstate.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>

namespace gitops {

namespace git {
class RepositoryWorker;
} // namespace git

using RenderTreeResult = std::variant<std::shared_ptr<const change::RenderTree>, QString>;

/// The copy of @p revision of @p worker's repository that kustomize apps are rendered from
/// with a change's files (change::RenderTree): the one a preview or review still holds for
/// it, else a new one written by a job on @p worker. For the working copy it is the files as
/// they were when the copy was written. GUI thread.
QFuture<RenderTreeResult> renderTreeFor(const std::shared_ptr<git::RepositoryWorker> &worker,
                                        const QString &revision);

/// Where a resource's YAML is in its file: the document's index as change::YamlEdit counts
/// them, or why it cannot be edited there (a parse error, an object inside a `kind: List`).
/// @p line is the resource's first line (manifest::Resource::line). A pure function.
std::variant<int, QString> documentOf(const QByteArray &bytes, const manifest::Resource &resource);

/// What an edited file gives: its parse errors (line, column, the parser's message) and,
/// for the resource being looked at, its drift against live as the edited file defines it.
/// A plain value.
struct EditPreview
{
    QList<manifest::SourceNote> errors;
    /// The resource as the edited file defines it, compared with live; absent when the file
    /// does not parse or no longer defines it.
    std::optional<drift::ResourceDrift> resource;
    /// The edited file no longer defines the resource (renamed or deleted).
    bool resourceGone = false;
    /// A kustomize app's preview: the app was rendered with the edit (resource is the
    /// rendered object), or, with renderError set, the renderer's message why not.
    bool rendered = false;
    QString renderError;
};

/// Parses @p bytes (the edited @p file) and compares the object of @p id it defines with
/// @p live by the app's rules (ignore rules, its autoscalers, its applier): the same engine
/// as the window's verdicts. @p app gives the rules and the namespace for objects whose
/// manifest names none. A pure function: run it on the thread pool.
EditPreview previewEdit(const QByteArray &bytes, const QString &file, const AppDesiredState &app,
                        const manifest::ResourceId &id, const QJsonObject &live);

/// The preview of a kustomize app's edit (issue 15, item 1): the object @p render made of
/// @p id (as the window names it: its namespace filled in) compared with @p live by the
/// app's rules, with the render's other objects as the app's. @p errors: the edited file's
/// parse errors (then nothing is compared). A pure function.
EditPreview previewRendered(const QList<manifest::SourceNote> &errors,
                            const change::EditedRender &render, const AppDesiredState &app,
                            const manifest::ResourceId &id, const QJsonObject &live);

/// The parse errors of @p bytes of @p file (none for a file that is not YAML or JSON, such
/// as a generator's input). Pure.
QList<manifest::SourceNote> parseErrors(const QByteArray &bytes, const QString &file);

/// A resource that a change's file defines differently (or newly, or no longer).
struct ChangedResource
{
    manifest::ResourceId id;
    QString file;
    enum class How { Changed, Added, Removed } how = How::Changed;
};

/// The resources whose objects differ between @p before and @p after of @p file. Pure.
QList<ChangedResource> changedResources(const QByteArray &before, const QByteArray &after,
                                        const QString &file);

/// One file of a change as the verdicts need it: its app and both sides of the edit.
struct ChangedFile
{
    QString path;
    QString app;
    QByteArray original;
    QByteArray current;
    QString revision = {}; ///< what original was read at (PendingChange::File::revision)
    bool removed = false; ///< the change deletes the file
};

/// What a change's verdicts are computed against: the apps as the window read them (rules,
/// namespaces, renderer) and the live objects by id. Copied on the GUI thread (implicitly
/// shared), read on the thread pool.
struct VerdictBasis
{
    QHash<QString, AppDesiredState> apps;
    QHash<manifest::ResourceId, QJsonObject> live;
};

/// A resource a change touches with its verdict against live now (git as the edit began
/// from) and after the change; an absent verdict: not in git on that side, or (with @p note)
/// not computed.
struct ResourceVerdict
{
    ChangedResource resource;
    manifest::ResourceId id; ///< as the app names it (its namespace filled in)
    QString app; ///< the app whose resource it is (ChangedFile::app)
    std::optional<drift::ResourceDrift> before;
    std::optional<drift::ResourceDrift> after;
    bool computed = false; ///< false: the app is not read, or its edit is not rendered
    QString note;
    /// Set: no verdict can be known on either side, and this says why (a Helm chart).
    QString unknown;
};

/// A kustomize app rendered as git has it and with the change's files (renderChange()).
struct AppRenders
{
    change::EditedRender before;
    change::EditedRender after;
};

/// The kustomize apps of @p files rendered from @p tree without and with the change (every
/// file of @p files written over the tree). Blocks on the renderer: the thread pool.
QHash<QString, AppRenders> renderChange(const QList<ChangedFile> &files, const VerdictBasis &basis,
                                        const change::RenderTree &tree,
                                        const std::function<bool()> &cancelled = {});

/// The id @p parsed (as a file writes it: perhaps with no namespace) has in @p app, if the
/// app defines such a resource.
std::optional<manifest::ResourceId> appResourceId(const AppDesiredState &app,
                                                  const manifest::ResourceId &parsed);

/// For each resource @p files change, its verdict before and after against @p basis's live
/// objects, with the window's drift engine (previewEdit() on both sides). A kustomize app's
/// resources are those whose rendered objects differ between @p renders' before and after
/// (its rendered resources: "before" as the window compares them, "after" the render with
/// the change); without its renders (or with a render error) its "after" is not computed,
/// which the note says. A Helm app's resources have no verdict (unknown says so). A pure
/// function: run it on the thread pool.
QList<ResourceVerdict> changeVerdicts(const QList<ChangedFile> &files, const VerdictBasis &basis,
                                      const QHash<QString, AppRenders> &renders = {});

/// Per app the paths that decide what it renders at one commit
/// (history::AppHistory::inputPaths(): its folders, every path its kustomizations reach,
/// where a kustomization file could appear).
using AppInputs = QHash<QString, QStringList>;

/// The inputs of each of @p apps (kustomize apps) at @p commit (a full id), read by a job on
/// @p worker; an app whose inputs cannot be read is left out. GUI thread.
QFuture<AppInputs> appInputsFor(const std::shared_ptr<git::RepositoryWorker> &worker,
                                const QString &commit, const QList<App> &apps);

/// @p files, then for each of them a copy for every other app of @p apps that reads it (a
/// kustomize base that several overlays use): a kustomize app whose @p inputs hold the path,
/// a plain app whose folders hold the file (rendering::FileFilter), a Helm chart whose
/// folder does. The copies come app by app, sorted by name, so that changeVerdicts() gives
/// every such app's resources with their verdicts. Pure.
QList<ChangedFile> withEveryAppReading(const QList<ChangedFile> &files,
                                       const QHash<QString, AppDesiredState> &apps,
                                       const AppInputs &inputs);

/// The resources @p files change, as their apps in @p apps name them (a kustomize app's
/// base object by the rendered objects that come from its file, prefixed or suffixed).
/// Pure.
QList<manifest::ResourceId> touchedResources(const QList<ChangedFile> &files,
                                             const QHash<QString, AppDesiredState> &apps);

} // namespace gitops
