#include "drift/workspacedrift.h"

#include <algorithm>

namespace gitops::drift {

QString SourceLocation::toString() const
{
    if (path.isEmpty())
        return {};
    return path + QLatin1Char(':') + QString::number(firstLine);
}

SourceLocation SourceLocation::of(const manifest::Resource &resource)
{
    SourceLocation location;
    location.path = resource.file;
    location.blobId = resource.blobId;
    location.firstLine = resource.line;
    location.lastLine = resource.line;
    for (auto it = resource.fieldLines.cbegin(); it != resource.fieldLines.cend(); ++it)
        location.lastLine = std::max(location.lastLine, it.value());
    return location;
}

QList<Text> AppWorkspaceDrift::readErrors() const
{
    QList<Text> errors;
    for (const manifest::SourceNote &note : notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            errors << Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: %2"), note.location(),
                                     note.why());
    }
    return errors;
}

QStringList AppWorkspaceDrift::noteLines() const
{
    QStringList lines;
    for (const manifest::SourceNote &note : notes)
        lines << note.toString();
    return lines;
}

QList<Text> AppWorkspaceDrift::problems() const
{
    if (!error.isEmpty())
        return {errorSentence()};
    return readErrors();
}

QString AppWorkspaceDrift::problem() const
{
    QStringList lines;
    for (const Text &line : problems())
        lines << line.toString();
    return lines.join(u'\n');
}

QString WorkspaceDrift::shortRevision(const QString &revision)
{
    const bool commitId =
        revision.size() >= 40 && std::all_of(revision.cbegin(), revision.cend(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
        });
    return commitId ? revision.left(8) : revision;
}

} // namespace gitops::drift
