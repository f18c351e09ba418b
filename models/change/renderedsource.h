#pragma once

#include "change/liveadoption.h"
#include "drift/difference.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace gitops::change {

/// One YAML document of a file in git that defines an object of a rendered resource's
/// kind and name: where a field of the rendered object may be written as it renders.
struct RenderedCandidate
{
    QString file;
    QByteArray bytes;
    int document = 0;
    QJsonValue value; ///< the document as parsed
};

/// The documents of @p bytes (the file @p file) that define a @p kind named @p name.
QList<RenderedCandidate> renderedCandidates(const QString &file, const QByteArray &bytes,
                                            const QString &kind, const QString &name);

/// The fields of a rendered resource to be edited in one document of one file.
struct RenderedHolder
{
    QString file;
    QByteArray bytes;
    int document = 0;
    QList<drift::Difference> differences;
};

/// Where the drifted fields of a rendered resource are written, and the fields refused.
struct RenderedSources
{
    QList<RenderedHolder> holders;
    QList<AdoptionRefusal> refusals;
};

/// For each of @p differences of a kustomize-rendered resource, the one of @p candidates
/// that literally holds the field's rendered value (issue 15, item 2): exactly one does →
/// that document is edited; none does → refused (a patch, a transformer or a generator
/// sets it); several do → refused (which one kustomize takes is not guessed); git does not
/// set the field at all → refused (which file it would go into is not guessed). A pure
/// function: the candidates' bytes are all it reads.
RenderedSources renderedSources(const QList<drift::Difference> &differences,
                                const QList<RenderedCandidate> &candidates);

} // namespace gitops::change
