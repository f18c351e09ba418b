#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "text.h"

#include <functional>

namespace gitops::manifest {

/// What a kustomize run produced: the rendered YAML stream, or the renderer's own message.
struct KustomizeOutput
{
    QByteArray yaml;
    /// Why there is no output: a sentence of ours, the renderer's own words as its argument.
    Text error;
    QString tool; ///< the command that ran ("kustomize build", "kubectl kustomize"), if any
    /// The run was stopped because @p cancelled said so (the tool was killed).
    bool cancelled = false;

    bool isValid() const { return error.isEmpty(); }
};

/// Renders the kustomization in @p folder (a folder on disk) with `kustomize build`, or with
/// `kubectl kustomize` when kustomize is not installed. Programs are looked up in
/// @p searchPaths, or on PATH when it is empty. Blocks until the tool ends (at most two
/// minutes): call it on a worker thread, never the GUI thread. Every 50 ms it asks
/// @p cancelled (default: whether the calling thread's interruption was requested) and, when
/// told to, kills the tool and returns at once. Paths under @p root (a temporary copy of the
/// repository) are named relative to it in the renderer's messages.
KustomizeOutput renderKustomization(const QString &folder, const QStringList &searchPaths = {},
                                    const std::function<bool()> &cancelled = {},
                                    const QString &root = QString());

} // namespace gitops::manifest
