#pragma once

#include "manifest/resource.h"
#include "manifest/sourcenote.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace gitops::manifest {

/// What one manifest file holds.
struct ParsedManifests
{
    QList<Resource> resources;
    QList<SourceNote> notes;
};

/// Reads the Kubernetes objects in @p bytes (YAML with any number of documents, or JSON),
/// naming @p file in every resource and note. `kind: List` and other `*List` kinds with
/// `items` are expanded into their items. A document without apiVersion or kind is noted
/// as ignored; malformed YAML gives one error note with line, column and the parser's
/// message, and no resources. The namespace is taken as written (scope and defaulting are
/// applied later, per app). A pure function: safe on any thread.
ParsedManifests parseManifests(const QByteArray &bytes, const QString &file);

/// Whether @p bytes look like text a manifest could be in (no NUL byte near the start).
bool looksLikeText(const QByteArray &bytes);

} // namespace gitops::manifest
