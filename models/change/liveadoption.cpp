#include "liveadoption.h"

#include "change/renderedsource.h"
#include "change/yamledit.h"
#include "manifest/yamldocument.h"

#include <QCoreApplication>

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace gitops::change {

namespace {

QString shortText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    QString text = QString::fromUtf8(json.mid(1, json.size() - 2));
    if (text.size() > 60)
        text = text.left(57) + QStringLiteral("...");
    return text;
}

bool isSecretValue(const QString &kind, const QString &pointer)
{
    return kind == QLatin1String("Secret")
        && (pointer.startsWith(QLatin1String("/data"))
            || pointer.startsWith(QLatin1String("/stringData")));
}

} // namespace

LiveAdoption adoptLiveValues(const QList<drift::Difference> &differences,
                             const AdoptionSource &source, const ChangeDraft &base)
{
    LiveAdoption result{base, {}};
    QByteArray bytes = base.files.value(source.file, source.bytes);

    // A Secret's values are refused first: that is the reason whatever file holds them.
    QList<drift::Difference> editable;
    for (const drift::Difference &difference : differences) {
        const QString pointer = difference.desiredPointer.isEmpty() ? difference.livePointer
                                                                    : difference.desiredPointer;
        if (isSecretValue(source.kind, pointer)) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate("gitops::change",
                                             "a Secret's values do not go into git; keep them "
                                             "sealed (Sealed Secrets) or encrypted (SOPS) and "
                                             "change them there")});
            continue;
        }
        editable << difference;
    }

    // A rendered resource's field is edited in its file only where the file literally
    // holds the value kustomize rendered: else a patch, a transformer or a generator sets
    // it, and editing the file would change nothing (or something else).
    if (source.rendered) {
        QList<RenderedCandidate> candidates;
        const auto parsed = manifest::parseYamlDocuments(bytes);
        const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
        if (documents && source.document >= 0 && source.document < documents->size())
            candidates.append(
                {source.file, bytes, source.document, documents->at(source.document).value});
        const RenderedSources held = renderedSources(editable, candidates);
        result.refusals += held.refusals;
        editable = held.holders.isEmpty() ? QList<drift::Difference>()
                                          : held.holders.constFirst().differences;
    }

    // Removals of list items go last and from the end, so earlier indexes stay right.
    QList<drift::Difference> ordered = editable;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const drift::Difference &a, const drift::Difference &b) {
                         const bool aRemoves = !a.inLive();
                         const bool bRemoves = !b.inLive();
                         if (aRemoves != bRemoves)
                             return bRemoves;
                         return aRemoves && a.desiredPointer > b.desiredPointer;
                     });

    bool changed = false;
    for (const drift::Difference &difference : std::as_const(ordered)) {
        const QString pointer = difference.desiredPointer.isEmpty() ? difference.livePointer
                                                                    : difference.desiredPointer;
        if (pointer.isEmpty()) {
            result.refusals.append({difference.path, QStringLiteral("no field to edit")});
            continue;
        }
        YamlEdit edit;
        edit.document = source.document;
        edit.pointer = pointer;
        edit.remove = !difference.inLive();
        edit.value = difference.live;
        const auto edited = applyYamlEdit(bytes, edit);
        if (const auto *refusal = std::get_if<YamlEditRefusal>(&edited)) {
            result.refusals.append({difference.path, refusal->reason});
            continue;
        }
        bytes = std::get<QByteArray>(edited);
        changed = true;
        result.draft.summary.append(
            edit.remove ? QStringLiteral("%1: %2 removed (live has no such field)")
                              .arg(source.file, difference.path)
                        : QStringLiteral("%1: %2 %3 \u2192 %4 (live)")
                              .arg(source.file, difference.path, shortText(difference.desired),
                                   shortText(difference.live)));
    }
    if (changed)
        result.draft.files.insert(source.file, bytes);
    return result;
}

} // namespace gitops::change
