#include "renderedsource.h"

#include "manifest/yamldocument.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace gitops::change {

namespace {

/// The value at JSON pointer @p pointer of @p value; Undefined where there is none.
QJsonValue valueAt(QJsonValue value, const QString &pointer)
{
    const QStringList segments = pointer.split(u'/');
    for (qsizetype i = 1; i < segments.size(); ++i) {
        QString segment = segments.at(i);
        segment.replace(QStringLiteral("~1"), QStringLiteral("/"));
        segment.replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (value.isObject()) {
            value = value.toObject().value(segment);
        } else if (value.isArray()) {
            bool ok = false;
            const qsizetype index = segment.toLongLong(&ok);
            const QJsonArray array = value.toArray();
            if (!ok || index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            value = array.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
        if (value.isUndefined())
            return value;
    }
    return value;
}

} // namespace

QList<RenderedCandidate> renderedCandidates(const QString &file, const QByteArray &bytes,
                                            const QString &kind, const QString &name)
{
    QList<RenderedCandidate> candidates;
    const auto parsed = manifest::parseYamlDocuments(bytes);
    const auto *documents = std::get_if<QList<manifest::YamlDocument>>(&parsed);
    if (!documents)
        return candidates;
    for (qsizetype i = 0; i < documents->size(); ++i) {
        const QJsonObject object = documents->at(i).value.toObject();
        if (object.value(u"kind").toString() == kind
            && object.value(u"metadata").toObject().value(u"name").toString() == name)
            candidates.append({file, bytes, int(i), documents->at(i).value});
    }
    return candidates;
}

RenderedSources renderedSources(const QList<drift::Difference> &differences,
                                const QList<RenderedCandidate> &candidates)
{
    RenderedSources result;
    for (const drift::Difference &difference : differences) {
        if (difference.desiredPointer.isEmpty()) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate(
                     "gitops::change",
                     "git does not set it: kustomize generates the object (or a patch "
                     "makes it), and which of the kustomization's files it would go into "
                     "is not to be guessed; add it by hand (or in a patch)")});
            continue;
        }
        QList<qsizetype> found;
        QStringList names;
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            if (valueAt(candidates.at(i).value, difference.desiredPointer) == difference.desired) {
                found << i;
                names << candidates.at(i).file;
            }
        }
        if (found.isEmpty()) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate(
                     "gitops::change",
                     "kustomize sets it (a patch, a transformer or a generator of the "
                     "kustomization): no file holds it as rendered; edit it by hand")});
            continue;
        }
        if (found.size() > 1) {
            result.refusals.append(
                {difference.path,
                 QCoreApplication::translate("gitops::change",
                                             "%1 files hold it (%2): which one kustomize takes is "
                                             "not to be guessed; edit it by hand")
                     .arg(found.size())
                     .arg(names.join(QStringLiteral(", ")))});
            continue;
        }
        const RenderedCandidate &holder = candidates.at(found.first());
        auto it = std::find_if(result.holders.begin(), result.holders.end(),
                               [&](const RenderedHolder &h) {
                                   return h.file == holder.file && h.document == holder.document;
                               });
        if (it == result.holders.end())
            result.holders.append({holder.file, holder.bytes, holder.document, {difference}});
        else
            it->differences << difference;
    }
    return result;
}

} // namespace gitops::change
