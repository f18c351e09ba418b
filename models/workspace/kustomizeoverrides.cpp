#include "kustomizeoverrides.h"

#include "manifest/yamldocument.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gitops {

namespace {

// Splits "image[:tag]" or "image[@digest]" as kustomize does: a digest after '@', else a tag
// after the last ':' that follows the last '/' (so "registry:5000/web" has no tag).
void splitImage(const QString &text, QString *name, QString *tag, QString *digest)
{
    if (const qsizetype at = text.indexOf(u'@'); at >= 0) {
        *name = text.left(at);
        *digest = text.mid(at + 1);
        return;
    }
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon > text.lastIndexOf(u'/')) {
        *name = text.left(colon);
        *tag = text.mid(colon + 1);
        return;
    }
    *name = text;
}

// Entries of @p list keyed by "name": the one named @p name is updated by @p update, or a
// new one is appended.
template<typename Update>
QJsonArray withEntry(QJsonArray list, const QString &name, Update update)
{
    for (qsizetype i = 0; i < list.size(); ++i) {
        QJsonObject entry = list.at(i).toObject();
        if (entry.value(u"name").toString() != name)
            continue;
        update(entry);
        list[i] = entry;
        return list;
    }
    QJsonObject entry{{QStringLiteral("name"), name}};
    update(entry);
    list.append(entry);
    return list;
}

// `kustomize edit add label|annotation`: the pairs go into @p field of the kustomization; one
// it already sets is refused unless @p force.
bool addPairs(QJsonObject &kustomization, const QString &field, const QJsonObject &pairs,
              bool force, const Text &what, Text *error)
{
    QJsonObject existing = kustomization.value(field).toObject();
    for (auto it = pairs.begin(); it != pairs.end(); ++it) {
        if (existing.contains(it.key()) && !force) {
            *error = Text::sentence(
                QT_TRANSLATE_NOOP("gitops::Text",
                                  "the Application's kustomize.%1 sets %2 \u201c%3\u201d, which "
                                  "the kustomization sets already; Argo CD refuses that unless "
                                  "force%4 is true"),
                field, what, it.key(),
                field == u"commonLabels" ? QStringLiteral("CommonLabels")
                                         : QStringLiteral("CommonAnnotations"));
            return false;
        }
        // kustomize writes every value as a string.
        existing.insert(it.key(), it->isString() ? it->toString() : it->toVariant().toString());
    }
    kustomization.insert(field, existing);
    return true;
}

} // namespace

QJsonObject KustomizeOverrides::imageEntry(const QString &argument)
{
    QJsonObject entry;
    QString name;
    QString newName;
    QString tag;
    QString digest;
    if (const qsizetype equals = argument.indexOf(u'='); equals >= 0) {
        name = argument.left(equals);
        splitImage(argument.mid(equals + 1), &newName, &tag, &digest);
        if (newName == u"*")
            newName.clear();
    } else {
        splitImage(argument, &name, &tag, &digest);
    }
    entry.insert(QStringLiteral("name"), name);
    if (!newName.isEmpty())
        entry.insert(QStringLiteral("newName"), newName);
    if (!tag.isEmpty())
        entry.insert(QStringLiteral("newTag"), tag);
    if (!digest.isEmpty())
        entry.insert(QStringLiteral("digest"), digest);
    return entry;
}

bool KustomizeOverrides::applyTo(QJsonObject &kustomization, Text *error,
                                 QStringList *unsupported) const
{
    const auto text = [this](const char *key) { return spec.value(QLatin1String(key)).toString(); };
    if (!text("namePrefix").isEmpty())
        kustomization.insert(QStringLiteral("namePrefix"), text("namePrefix"));
    if (!text("nameSuffix").isEmpty())
        kustomization.insert(QStringLiteral("nameSuffix"), text("nameSuffix"));

    const QJsonArray images = spec.value(u"images").toArray();
    if (!images.isEmpty()) {
        QJsonArray list = kustomization.value(u"images").toArray();
        for (const QJsonValue &image : images) {
            const QJsonObject set = imageEntry(image.toString());
            list = withEntry(list, set.value(u"name").toString(), [&](QJsonObject &entry) {
                if (set.contains(u"newName"))
                    entry.insert(QStringLiteral("newName"), set.value(u"newName"));
                // A tag and a digest exclude each other: the newer one stays.
                if (set.contains(u"newTag")) {
                    entry.insert(QStringLiteral("newTag"), set.value(u"newTag"));
                    entry.remove(QStringLiteral("digest"));
                }
                if (set.contains(u"digest")) {
                    entry.insert(QStringLiteral("digest"), set.value(u"digest"));
                    entry.remove(QStringLiteral("newTag"));
                }
            });
        }
        kustomization.insert(QStringLiteral("images"), list);
    }

    const QJsonArray replicas = spec.value(u"replicas").toArray();
    if (!replicas.isEmpty()) {
        QJsonArray list = kustomization.value(u"replicas").toArray();
        for (const QJsonValue &value : replicas) {
            const QJsonObject replica = value.toObject();
            // Argo CD takes an int or a string ("3"); kustomize writes an int.
            const QJsonValue given = replica.value(u"count");
            bool ok = true;
            const int count = given.isString() ? given.toString().toInt(&ok) : given.toInt();
            if (!ok) {
                *error = Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text",
                                      "the Application's kustomize.replicas gives %1 the count "
                                      "\u201c%2\u201d, which is not a number"),
                    replica.value(u"name").toString(), given.toString());
                return false;
            }
            list = withEntry(list, replica.value(u"name").toString(), [&](QJsonObject &entry) {
                entry.insert(QStringLiteral("count"), count);
            });
        }
        kustomization.insert(QStringLiteral("replicas"), list);
    }

    const QJsonObject labels = spec.value(u"commonLabels").toObject();
    if (!labels.isEmpty()) {
        if (spec.value(u"labelWithoutSelector").toBool()) {
            QJsonObject entry{{QStringLiteral("pairs"), labels},
                              {QStringLiteral("includeSelectors"), false}};
            if (spec.value(u"labelIncludeTemplates").toBool())
                entry.insert(QStringLiteral("includeTemplates"), true);
            QJsonArray list = kustomization.value(u"labels").toArray();
            list.append(entry);
            kustomization.insert(QStringLiteral("labels"), list);
        } else if (!addPairs(kustomization, QStringLiteral("commonLabels"), labels,
                             spec.value(u"forceCommonLabels").toBool(),
                             Text(QT_TRANSLATE_NOOP("gitops::Text", "the label")), error)) {
            return false;
        }
    }
    const QJsonObject annotations = spec.value(u"commonAnnotations").toObject();
    if (!annotations.isEmpty()) {
        if (spec.value(u"commonAnnotationsEnvsubst").toBool() && unsupported)
            unsupported->append(QStringLiteral(
                "commonAnnotationsEnvsubst (the annotations are compared as written, without "
                "Argo CD's ${ARGOCD_APP_...} variables)"));
        if (!addPairs(kustomization, QStringLiteral("commonAnnotations"), annotations,
                      spec.value(u"forceCommonAnnotations").toBool(),
                      Text(QT_TRANSLATE_NOOP("gitops::Text", "the annotation")), error))
            return false;
    }

    if (!text("namespace").isEmpty())
        kustomization.insert(QStringLiteral("namespace"), text("namespace"));

    const QJsonArray patches = spec.value(u"patches").toArray();
    if (!patches.isEmpty()) {
        QJsonArray list = kustomization.value(u"patches").toArray();
        for (const QJsonValue &patch : patches)
            list.append(patch);
        kustomization.insert(QStringLiteral("patches"), list);
    }
    const QJsonArray components = spec.value(u"components").toArray();
    if (!components.isEmpty()) {
        QJsonArray list = kustomization.value(u"components").toArray();
        for (const QJsonValue &component : components) {
            if (!list.contains(component))
                list.append(component);
        }
        kustomization.insert(QStringLiteral("components"), list);
    }
    return true;
}

QByteArray KustomizeOverrides::applyToFile(const QByteArray &file, Text *error,
                                           QStringList *unsupported,
                                           bool addOriginAnnotations) const
{
    auto parsed = manifest::parseYamlDocuments(file);
    if (auto *problem = std::get_if<manifest::YamlError>(&parsed)) {
        *error = Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "the kustomization does not parse: %1"),
            problem->text);
        return {};
    }
    const auto &documents = std::get<QList<manifest::YamlDocument>>(parsed);
    QJsonObject kustomization =
        documents.isEmpty() ? QJsonObject() : documents.first().value.toObject();
    if (!applyTo(kustomization, error, unsupported))
        return {};
    if (addOriginAnnotations) {
        QJsonArray metadata = kustomization.value(u"buildMetadata").toArray();
        if (!metadata.contains(QStringLiteral("originAnnotations")))
            metadata.append(QStringLiteral("originAnnotations"));
        kustomization.insert(QStringLiteral("buildMetadata"), metadata);
    }
    return QJsonDocument(kustomization).toJson(QJsonDocument::Compact) + '\n';
}

QString KustomizeOverrides::key() const
{
    return spec.isEmpty() ? QString()
                          : QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Compact));
}

} // namespace gitops
