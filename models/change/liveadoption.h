#pragma once

#include "change/changedraft.h"
#include "drift/difference.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace gitops::change {

/// Where a resource's desired state is written: its file (repository-relative), the
/// file's bytes, the document that holds it, its kind, and whether it was rendered (by
/// kustomize) rather than read as written.
struct AdoptionSource
{
    QString file;
    QByteArray bytes;
    int document = 0;
    QString kind;
    bool rendered = false;
};

/// A field that was not taken into git, and why.
struct AdoptionRefusal
{
    QString path;
    QString reason;
};

/// What adopting live values gives: the draft with the edits made, and the fields refused.
struct LiveAdoption
{
    ChangeDraft draft;
    QList<AdoptionRefusal> refusals;
};

/// The edits that make git say what live says for @p differences of one resource (issue
/// 15, item 2): a changed value takes the live value, a field only live has is inserted,
/// a field live removed is removed; each is a text edit of @p source (applyYamlEdit()),
/// added to @p base (edits of the same file build on each other). Refused, with the
/// reason: a Secret's values (secrets do not go into git), a field of a rendered
/// resource that @p source's document does not literally hold as rendered (renderedSources():
/// a patch, a transformer or a generator sets it, or git does not set it), and whatever
/// applyYamlEdit() refuses. A pure function.
LiveAdoption adoptLiveValues(const QList<drift::Difference> &differences,
                             const AdoptionSource &source, const ChangeDraft &base = {});

} // namespace gitops::change
