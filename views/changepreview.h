#pragma once

#include "drift/resourcedrift.h"
#include "manifest/resource.h"
#include "manifest/sourcenote.h"
#include "workspace/desiredstate.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace gitops {

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
};

/// Parses @p bytes (the edited @p file) and compares the object of @p id it defines with
/// @p live by the app's rules (ignore rules, its autoscalers, its applier): the same engine
/// as the window's verdicts. @p app gives the rules and the namespace for objects whose
/// manifest names none. A pure function: run it on the thread pool.
EditPreview previewEdit(const QByteArray &bytes, const QString &file, const AppDesiredState &app,
                        const manifest::ResourceId &id, const QJsonObject &live);

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
    std::optional<drift::ResourceDrift> before;
    std::optional<drift::ResourceDrift> after;
    bool computed = false; ///< false: the app is not read, or its edit is not rendered
    QString note;
};

/// The id @p parsed (as a file writes it: perhaps with no namespace) has in @p app, if the
/// app defines such a resource.
std::optional<manifest::ResourceId> appResourceId(const AppDesiredState &app,
                                                  const manifest::ResourceId &parsed);

/// For each resource @p files change, its verdict before and after against @p basis's live
/// objects, with the window's drift engine (previewEdit() on both sides). A kustomize or
/// Helm app's "before" is its rendered resource's verdict; its "after" is not computed (the
/// edit is not rendered), which the note says. A pure function: run it on the thread pool.
QList<ResourceVerdict> changeVerdicts(const QList<ChangedFile> &files, const VerdictBasis &basis);

/// The resources @p files change, as their apps in @p apps name them. Pure.
QList<manifest::ResourceId> touchedResources(const QList<ChangedFile> &files,
                                             const QHash<QString, AppDesiredState> &apps);

} // namespace gitops
