#include "changepreview.h"

#include "drift/appdrift.h"
#include "manifest/manifestparser.h"
#include "manifest/yamldocument.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace gitops {

namespace {

// The parsed resource that stands for @p id: the same group, kind and name, in the same
// namespace or in none (the app's destination or the context gives it one).
const manifest::Resource *matching(const QList<manifest::Resource> &resources,
                                   const manifest::ResourceId &id)
{
    const manifest::Resource *loose = nullptr;
    for (const manifest::Resource &resource : resources) {
        if (resource.id.group != id.group || resource.id.kind != id.kind
            || resource.id.name != id.name)
            continue;
        if (resource.id.namespaceName == id.namespaceName)
            return &resource;
        if (resource.id.namespaceName.isEmpty() || id.namespaceName.isEmpty())
            loose = &resource;
    }
    return loose;
}

} // namespace

std::variant<int, QString> documentOf(const QByteArray &bytes, const manifest::Resource &resource)
{
    const auto parsed = manifest::parseYamlDocuments(bytes);
    if (const auto *error = std::get_if<manifest::YamlError>(&parsed))
        return QCoreApplication::translate("gitops::ChangePreview",
                                           "%1 does not parse at line %2: %3")
            .arg(resource.file)
            .arg(error->line)
            .arg(error->message);
    const QList<manifest::YamlDocument> &documents =
        std::get<QList<manifest::YamlDocument>>(parsed);
    int found = -1;
    for (int index = 0; index < documents.size(); ++index) {
        if (documents.at(index).line <= resource.line)
            found = index;
    }
    if (found < 0)
        return QCoreApplication::translate("gitops::ChangePreview",
                                           "no YAML document of %1 starts at line %2")
            .arg(resource.file)
            .arg(resource.line);
    const QJsonObject object = documents.at(found).value.toObject();
    const QString name = object.value(u"metadata").toObject().value(u"name").toString();
    if (object.value(u"kind").toString() != resource.id.kind || name != resource.id.name)
        return QCoreApplication::translate(
                   "gitops::ChangePreview",
                   "%1 is not the object at line %2 of %3 as written (an item of a List, or "
                   "renamed by kustomize), which the console does not edit yet")
            .arg(resource.id.toString())
            .arg(resource.line)
            .arg(resource.file);
    return found;
}

EditPreview previewEdit(const QByteArray &bytes, const QString &file, const AppDesiredState &app,
                        const manifest::ResourceId &id, const QJsonObject &live)
{
    EditPreview preview;
    const manifest::ParsedManifests parsed = manifest::parseManifests(bytes, file);
    for (const manifest::SourceNote &note : parsed.notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            preview.errors << note;
    }
    if (!preview.errors.isEmpty())
        return preview;
    const manifest::Resource *edited = matching(parsed.resources, id);
    if (!edited) {
        preview.resourceGone = true;
        return preview;
    }
    manifest::Resource resource = *edited;
    resource.id = id;
    // The app's other resources tell which controllers own fields (an autoscaler's replicas).
    QList<manifest::Resource> desired = app.resources;
    for (manifest::Resource &other : desired) {
        if (other.id == id)
            other = resource;
    }
    const drift::ComparisonOptions options =
        drift::withAppRules(drift::ComparisonOptions::forApp(app.app), desired);
    QList<QJsonObject> liveObjects;
    if (!live.isEmpty())
        liveObjects << live;
    const drift::AppDrift drift =
        drift::compareApp({resource}, liveObjects, id.namespaceName, options);
    for (const drift::ResourceDrift &compared : drift.resources) {
        if (compared.id == id)
            preview.resource = compared;
    }
    return preview;
}

QList<ChangedResource> changedResources(const QByteArray &before, const QByteArray &after,
                                        const QString &file)
{
    const manifest::ParsedManifests old = manifest::parseManifests(before, file);
    const manifest::ParsedManifests now = manifest::parseManifests(after, file);
    for (const manifest::SourceNote &note : now.notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            return {}; // nothing to say of a file that does not parse; the editor says why
    }
    QHash<manifest::ResourceId, QJsonObject> oldObjects;
    for (const manifest::Resource &resource : old.resources)
        oldObjects.insert(resource.id, resource.object);
    QList<ChangedResource> changed;
    QSet<manifest::ResourceId> seen;
    for (const manifest::Resource &resource : now.resources) {
        seen.insert(resource.id);
        const auto it = oldObjects.constFind(resource.id);
        if (it == oldObjects.cend())
            changed.append({resource.id, file, ChangedResource::How::Added});
        else if (*it != resource.object)
            changed.append({resource.id, file, ChangedResource::How::Changed});
    }
    for (const manifest::Resource &resource : old.resources) {
        if (!seen.contains(resource.id))
            changed.append({resource.id, file, ChangedResource::How::Removed});
    }
    return changed;
}

std::optional<manifest::ResourceId> appResourceId(const AppDesiredState &app,
                                                  const manifest::ResourceId &parsed)
{
    if (const manifest::Resource *resource = matching(app.resources, parsed))
        return resource->id;
    return std::nullopt;
}

QList<ResourceVerdict> changeVerdicts(const QList<ChangedFile> &files, const VerdictBasis &basis)
{
    QList<ResourceVerdict> verdicts;
    for (const ChangedFile &file : files) {
        const auto app = basis.apps.constFind(file.app);
        for (const ChangedResource &changed :
             changedResources(file.original, file.current, file.path)) {
            ResourceVerdict verdict;
            verdict.resource = changed;
            verdict.id = changed.id;
            if (app == basis.apps.cend()) {
                verdict.note = QCoreApplication::translate(
                                   "gitops::ChangePreview",
                                   "The app %1 is not read yet: no verdict against live.")
                                   .arg(file.app);
                verdicts << verdict;
                continue;
            }
            if (const std::optional<manifest::ResourceId> id = appResourceId(*app, changed.id))
                verdict.id = *id;
            const QJsonObject live = basis.live.value(verdict.id);
            if (app->renderer != AppDesiredState::Renderer::Plain) {
                // The rendered resource as the window compares it; the edit is not rendered.
                for (const manifest::Resource &resource : app->resources) {
                    if (resource.id != verdict.id)
                        continue;
                    const drift::ComparisonOptions options = drift::withAppRules(
                        drift::ComparisonOptions::forApp(app->app), app->resources);
                    const drift::AppDrift drift = drift::compareApp(
                        {resource}, live.isEmpty() ? QList<QJsonObject>() : QList{live},
                        verdict.id.namespaceName, options);
                    for (const drift::ResourceDrift &compared : drift.resources) {
                        if (compared.id == verdict.id)
                            verdict.before = compared;
                    }
                }
                verdict.note = QCoreApplication::translate(
                                   "gitops::ChangePreview",
                                   "%1 is rendered by kustomize or Helm: the verdict after the "
                                   "change is not computed (the edit is not rendered yet).")
                                   .arg(file.app);
                verdicts << verdict;
                continue;
            }
            verdict.computed = true;
            if (changed.how != ChangedResource::How::Added)
                verdict.before =
                    previewEdit(file.original, file.path, *app, verdict.id, live).resource;
            if (changed.how != ChangedResource::How::Removed)
                verdict.after =
                    previewEdit(file.current, file.path, *app, verdict.id, live).resource;
            verdicts << verdict;
        }
    }
    return verdicts;
}

QList<manifest::ResourceId> touchedResources(const QList<ChangedFile> &files,
                                             const QHash<QString, AppDesiredState> &apps)
{
    QList<manifest::ResourceId> ids;
    for (const ChangedFile &file : files) {
        const auto app = apps.constFind(file.app);
        for (const ChangedResource &changed :
             changedResources(file.original, file.current, file.path)) {
            std::optional<manifest::ResourceId> id;
            if (app != apps.cend())
                id = appResourceId(*app, changed.id);
            const manifest::ResourceId touched = id.value_or(changed.id);
            if (!ids.contains(touched))
                ids << touched;
        }
    }
    return ids;
}

} // namespace gitops
