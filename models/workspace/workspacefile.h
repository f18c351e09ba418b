#pragma once

#include "forge/forgehost.h"
#include "manifest/sourcenote.h"
#include "workspace/app.h"

#include <QByteArray>
#include <QList>

#include <variant>

namespace gitops {

/// The file name of the workspace file at the repository root.
inline QString workspaceFileName()
{
    return QStringLiteral("gitops-console.yaml");
}

/// Reads a workspace file (format in README.md, "Workspace file"): the apps it lists.
/// Returns the apps, or an error note with the line of the offending entry.
/// A pure function: safe on any thread.
/// A broken `forges:` list is an error of the file too.
std::variant<QList<App>, manifest::SourceNote> parseWorkspaceFile(const QByteArray &bytes);

/// The per-host forge entries of a workspace file (`forges:`, format in README.md), or an
/// error note with the line of the offending entry. A file without the list has none.
/// A pure function: safe on any thread.
std::variant<QList<forge::ForgeHost>, manifest::SourceNote>
parseWorkspaceForges(const QByteArray &bytes);

} // namespace gitops
