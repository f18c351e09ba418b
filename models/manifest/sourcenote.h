#pragma once

#include "text.h"

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
    QString message; ///< the English of text
    /// The message as a sentence the window shows in its language; empty where the note
    /// was made from words only (then message is shown as it is).
    Text text = {};

    /// A note whose message is @p why (message its English).
    static SourceNote of(Kind kind, const QString &file, int line, int column, const Text &why)
    {
        return SourceNote{kind, file, line, column, why.toString(), why};
    }

    /// "apps/web/deploy.yaml:12:3", or less where line or column are unknown.
    QString location() const
    {
        QString where = file;
        if (line > 0)
            where += QLatin1Char(':') + QString::number(line);
        if (column > 0)
            where += QLatin1Char(':') + QString::number(column);
        return where;
    }
    /// The message, as a sentence.
    Text why() const { return text.isEmpty() ? Text::verbatim(message) : text; }

    /// "apps/web/deploy.yaml:12:3: error: ...", the form compilers use.
    QString toString() const
    {
        const QLatin1String label = kind == Kind::Error ? QLatin1String("error")
            : kind == Kind::Ignored                     ? QLatin1String("ignored")
                                                        : QLatin1String("skipped");
        return location() + QLatin1String(": ") + label + QLatin1String(": ") + message;
    }
    /// toString() as a sentence, for the window.
    Text toText() const
    {
        switch (kind) {
        case Kind::Error:
            return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: error: %2"), location(),
                                  why());
        case Kind::Ignored:
            return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: ignored: %2"), location(),
                                  why());
        case Kind::Skipped:
            break;
        }
        return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: skipped: %2"), location(),
                              why());
    }
};

} // namespace gitops::manifest
