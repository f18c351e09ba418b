#pragma once

#include <QString>

namespace gitops::manifest {

/// Something to tell the user about one source file: an error that kept (part of) it from
/// loading, a document that was ignored, or a file that was skipped. A plain value.
struct SourceNote
{
    enum class Kind {
        Error, ///< the file (or document) could not be read; other files still load
        Ignored, ///< YAML that is not a Kubernetes object (no apiVersion or kind)
        Skipped, ///< not read at all: too large, binary, or a renderer that is not supported
    };

    Kind kind = Kind::Error;
    QString file; ///< repository-relative path
    int line = 0; ///< 1-based; 0 when the note is about the whole file
    int column = 0; ///< 1-based; 0 when unknown
    QString message;

    /// "apps/web/deploy.yaml:12:3: error: ...", the form compilers use.
    QString toString() const
    {
        QString where = file;
        if (line > 0)
            where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
        const QLatin1String label = kind == Kind::Error ? QLatin1String("error")
            : kind == Kind::Ignored                     ? QLatin1String("ignored")
                                                        : QLatin1String("skipped");
        return where + QLatin1String(": ") + label + QLatin1String(": ") + message;
    }
};

} // namespace gitops::manifest
