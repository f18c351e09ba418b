#pragma once

#include "drift/resourcedrift.h"
#include "manifest/resource.h"
#include "manifest/sourcenote.h"
#include "workspace/desiredstate.h"

#include <QByteArray>
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

} // namespace gitops
