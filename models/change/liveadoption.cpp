#include "liveadoption.h"

#include "change/yamledit.h"

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

    // Removals of list items go last and from the end, so earlier indexes stay right.
    QList<drift::Difference> ordered = differences;
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
        if (isSecretValue(source.kind, pointer)) {
            result.refusals.append(
                {difference.path,
                 QStringLiteral("a Secret's values do not go into git; keep them sealed "
                                "(Sealed Secrets) or encrypted (SOPS) and change them there")});
            continue;
        }
        if (difference.desiredPointer.isEmpty() && source.rendered) {
            result.refusals.append(
                {difference.path,
                 QStringLiteral("the field lives in an object kustomize generates from %1; "
                                "no file holds it to be edited")
                     .arg(source.file)});
            continue;
        }
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
