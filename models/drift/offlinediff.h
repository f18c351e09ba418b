#pragma once

#include "drift/appdrift.h"
#include "drift/comparisonoptions.h"

#include <QString>
#include <QStringList>

namespace gitops::drift {

/// Compares manifests on disk with live objects saved the way `kubectl get -o yaml|json`
/// prints them, without a cluster: what `gitops-console diff --desired PATH --live PATH`
/// does. Paths are files (YAML with several documents, or JSON; Lists are expanded) or
/// folders, read recursively for `.yaml`, `.yml` and `.json`. Synchronous; a pure function
/// of the files, safe on any thread.
class OfflineDiff
{
public:
    struct Result
    {
        AppDrift app;
        /// Files or documents that could not be read; when not empty, `app` is not meaningful.
        QStringList errors;
        /// Documents that were skipped (not Kubernetes objects), as "file:line: ..." texts.
        QStringList warnings;
    };

    /// Namespaced manifests without a namespace take @p defaultNamespace ("default" when
    /// empty, as kubectl does).
    static Result run(const QString &desiredPath, const QString &livePath,
                      const QString &defaultNamespace, const ComparisonOptions &options);
};

} // namespace gitops::drift
