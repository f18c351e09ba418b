#include "changepreview.h"

#include "localizedtext.h"

#include "drift/appdrift.h"
#include "git/repositoryworker.h"
#include "history/apphistory.h"
#include "manifest/manifestparser.h"
#include "manifest/yamldocument.h"
#include "workspace/appdiscovery.h"
#include "workspace/apprendering.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QThread>

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

// @p resources as the window names them: a rendered object without a namespace takes the one
// the window's app gave the same object (the context's, which is not known to the render).
QList<manifest::Resource> withWindowIds(QList<manifest::Resource> resources,
                                        const AppDesiredState &app)
{
    for (manifest::Resource &resource : resources) {
        if (const manifest::Resource *known = matching(app.resources, resource.id))
            resource.id = known->id;
    }
    return resources;
}

// @p resource (one of @p desired, the app's objects) against @p live by @p app's rules.
std::optional<drift::ResourceDrift> compared(const manifest::Resource &resource,
                                             const QList<manifest::Resource> &desired,
                                             const AppDesiredState &app, const QJsonObject &live)
{
    const drift::ComparisonOptions options =
        drift::withAppRules(drift::ComparisonOptions::forApp(app.app), desired);
    QList<QJsonObject> liveObjects;
    if (!live.isEmpty())
        liveObjects << live;
    const drift::AppDrift drift =
        drift::compareApp({resource}, liveObjects, resource.id.namespaceName, options);
    for (const drift::ResourceDrift &compared : drift.resources) {
        if (compared.id == resource.id)
            return compared;
    }
    return std::nullopt;
}

} // namespace

QFuture<RenderTreeResult> renderTreeFor(const std::shared_ptr<git::RepositoryWorker> &worker,
                                        const QString &revision)
{
    Q_ASSERT(QCoreApplication::instance()->thread() == QThread::currentThread());
    static QHash<QString, std::weak_ptr<const change::RenderTree>> trees;
    const QString key = worker->path() + u'\n' + revision;
    if (const std::shared_ptr<const change::RenderTree> tree = trees.value(key).lock())
        return QtFuture::makeReadyValueFuture(RenderTreeResult(tree));
    using Written = std::variant<std::shared_ptr<change::RenderTree>, QString>;
    return worker
        ->run<Written>([revision](git::Repository &repository, const git::JobControl &control) {
            return change::RenderTree::write(repository, revision, control.stopPredicate());
        })
        .then(QCoreApplication::instance(), [key](const Written &written) {
            if (const auto *error = std::get_if<QString>(&written))
                return RenderTreeResult(*error);
            const std::shared_ptr<const change::RenderTree> tree =
                std::get<std::shared_ptr<change::RenderTree>>(written);
            trees.insert(key, tree);
            return RenderTreeResult(tree);
        });
}

std::variant<int, QString> documentOf(const QByteArray &bytes, const manifest::Resource &resource)
{
    const auto parsed = manifest::parseYamlDocuments(bytes);
    if (const auto *error = std::get_if<manifest::YamlError>(&parsed))
        return QCoreApplication::translate("gitops::ChangePreview",
                                           "%1 does not parse at line %2: %3")
            .arg(resource.file)
            .arg(error->line)
            .arg(error->text.isEmpty() ? error->message : localized(error->text));
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
    preview.resource = compared(resource, desired, app, live);
    return preview;
}

QList<manifest::SourceNote> parseErrors(const QByteArray &bytes, const QString &file)
{
    QList<manifest::SourceNote> errors;
    if (!rendering::isManifestFile(file))
        return errors;
    for (const manifest::SourceNote &note : manifest::parseManifests(bytes, file).notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            errors << note;
    }
    return errors;
}

EditPreview previewRendered(const QList<manifest::SourceNote> &errors,
                            const change::EditedRender &render, const AppDesiredState &app,
                            const manifest::ResourceId &id, const QJsonObject &live)
{
    EditPreview preview;
    preview.errors = errors;
    if (!errors.isEmpty())
        return preview;
    preview.rendered = true;
    if (!render.error.isEmpty()) {
        preview.renderError = render.error;
        return preview;
    }
    const QList<manifest::Resource> desired = withWindowIds(render.resources, app);
    const manifest::Resource *resource = matching(desired, id);
    if (!resource) {
        preview.resourceGone = true;
        return preview;
    }
    preview.resource = compared(*resource, desired, app, live);
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

QHash<QString, AppRenders> renderChange(const QList<ChangedFile> &files, const VerdictBasis &basis,
                                        const change::RenderTree &tree,
                                        const std::function<bool()> &cancelled)
{
    QMap<QString, std::optional<QByteArray>> after;
    for (const ChangedFile &file : files)
        after.insert(file.path, file.removed ? std::nullopt : std::optional(file.current));
    QHash<QString, AppRenders> renders;
    for (const ChangedFile &file : files) {
        const auto app = basis.apps.constFind(file.app);
        if (app == basis.apps.cend() || app->renderer != AppDesiredState::Renderer::Kustomize
            || renders.contains(file.app))
            continue;
        AppRenders both;
        both.before = tree.render(*app, {}, cancelled);
        both.after = tree.render(*app, after, cancelled);
        renders.insert(file.app, both);
    }
    return renders;
}

namespace {

// The verdicts of a kustomize app's resources that @p renders' two sides render differently.
QList<ResourceVerdict> renderedVerdicts(const QString &appName, const AppDesiredState &app,
                                        const QStringList &files, const AppRenders &renders,
                                        const VerdictBasis &basis)
{
    QList<ResourceVerdict> verdicts;
    const QList<manifest::Resource> before = withWindowIds(renders.before.resources, app);
    const QList<manifest::Resource> after = withWindowIds(renders.after.resources, app);
    QHash<manifest::ResourceId, const manifest::Resource *> old;
    for (const manifest::Resource &resource : before)
        old.insert(resource.id, &resource);
    const QString file = files.join(QStringLiteral(", "));
    const auto verdictOf = [&](const manifest::Resource &resource, ChangedResource::How how) {
        ResourceVerdict verdict;
        verdict.resource = {resource.id, file, how};
        verdict.id = resource.id;
        verdict.app = appName;
        verdict.computed = true;
        const QJsonObject live = basis.live.value(resource.id);
        if (how != ChangedResource::How::Added) {
            // As the window compares it now (its rendered object as the window read it).
            const manifest::Resource *shown = matching(app.resources, resource.id);
            verdict.before = shown ? compared(*shown, app.resources, app, live)
                                   : compared(resource, before, app, live);
        }
        if (how != ChangedResource::How::Removed)
            verdict.after = compared(resource, after, app, live);
        verdict.note = QCoreApplication::translate(
                           "gitops::ChangePreview",
                           "After the change: %1 rendered by kustomize with the change's files.")
                           .arg(appName);
        return verdict;
    };
    QSet<manifest::ResourceId> seen;
    for (const manifest::Resource &resource : after) {
        seen.insert(resource.id);
        const auto it = old.constFind(resource.id);
        if (it == old.cend())
            verdicts << verdictOf(resource, ChangedResource::How::Added);
        else if ((*it)->object != resource.object)
            verdicts << verdictOf(resource, ChangedResource::How::Changed);
    }
    for (const manifest::Resource &resource : before) {
        if (!seen.contains(resource.id))
            verdicts << verdictOf(resource, ChangedResource::How::Removed);
    }
    return verdicts;
}

} // namespace

QList<ResourceVerdict> changeVerdicts(const QList<ChangedFile> &files, const VerdictBasis &basis,
                                      const QHash<QString, AppRenders> &renders)
{
    QList<ResourceVerdict> verdicts;
    QSet<QString> renderedApps;
    for (const ChangedFile &file : files) {
        const auto app = basis.apps.constFind(file.app);
        if (app != basis.apps.cend() && app->renderer == AppDesiredState::Renderer::Kustomize) {
            const auto render = renders.constFind(file.app);
            if (render != renders.cend() && render->before.error.isEmpty()
                && render->after.error.isEmpty()) {
                if (renderedApps.contains(file.app))
                    continue;
                renderedApps.insert(file.app);
                QStringList appFiles;
                for (const ChangedFile &other : files) {
                    if (other.app == file.app)
                        appFiles << other.path;
                }
                verdicts += renderedVerdicts(file.app, *app, appFiles, *render, basis);
                continue;
            }
        }
        QList<ChangedResource> changed = changedResources(file.original, file.current, file.path);
        if (app != basis.apps.cend() && app->renderer == AppDesiredState::Renderer::Helm) {
            // Templates and values do not say what the chart renders: no verdict either side.
            if (changed.isEmpty())
                changed.append({{}, file.path, ChangedResource::How::Changed});
            for (const ChangedResource &resource : std::as_const(changed)) {
                ResourceVerdict verdict;
                verdict.resource = resource;
                verdict.id = resource.id;
                verdict.app = file.app;
                verdict.unknown = QCoreApplication::translate(
                    "gitops::ChangePreview", "not known: Helm charts are not rendered");
                verdict.note = QCoreApplication::translate(
                                   "gitops::ChangePreview",
                                   "%1 is a Helm chart: the console does not render it, so what "
                                   "the change does to its resources is not known.")
                                   .arg(file.app);
                verdicts << verdict;
            }
            continue;
        }
        for (const ChangedResource &resource : std::as_const(changed)) {
            ResourceVerdict verdict;
            verdict.resource = resource;
            verdict.id = resource.id;
            verdict.app = file.app;
            if (app == basis.apps.cend()) {
                verdict.note = QCoreApplication::translate(
                                   "gitops::ChangePreview",
                                   "The app %1 is not read yet: no verdict against live.")
                                   .arg(file.app);
                verdicts << verdict;
                continue;
            }
            if (const std::optional<manifest::ResourceId> id = appResourceId(*app, resource.id))
                verdict.id = *id;
            const QJsonObject live = basis.live.value(verdict.id);
            if (app->renderer != AppDesiredState::Renderer::Plain) {
                // Not rendered with the change: the rendered resource as the window compares it.
                if (const manifest::Resource *shown = matching(app->resources, verdict.id))
                    verdict.before = compared(*shown, app->resources, *app, live);
                const auto render = renders.constFind(file.app);
                const QString error = render == renders.cend() ? QString()
                    : !render->after.error.isEmpty()           ? render->after.error
                                                               : render->before.error;
                verdict.note = error.isEmpty()
                    ? QCoreApplication::translate("gitops::ChangePreview",
                                                  "%1 is rendered by kustomize: the verdict after "
                                                  "the change waits for its render.")
                          .arg(file.app)
                    : QCoreApplication::translate("gitops::ChangePreview",
                                                  "%1 did not render with the change: %2")
                          .arg(file.app, error);
                verdicts << verdict;
                continue;
            }
            verdict.computed = true;
            if (resource.how != ChangedResource::How::Added)
                verdict.before =
                    previewEdit(file.original, file.path, *app, verdict.id, live).resource;
            if (resource.how != ChangedResource::How::Removed)
                verdict.after =
                    previewEdit(file.current, file.path, *app, verdict.id, live).resource;
            verdicts << verdict;
        }
    }
    return verdicts;
}

QFuture<AppInputs> appInputsFor(const std::shared_ptr<git::RepositoryWorker> &worker,
                                const QString &commit, const QList<App> &apps)
{
    using Read = std::variant<AppInputs, QString>;
    return worker
        ->run<Read>(
            [commit, apps](git::Repository &repository, const git::JobControl &control) -> Read {
                AppInputs inputs;
                for (const App &app : apps) {
                    if (control.stopRequested())
                        break;
                    const auto paths = history::AppHistory(app).inputPaths(repository, commit);
                    if (const auto *list = std::get_if<QStringList>(&paths))
                        inputs.insert(app.name, *list);
                }
                return inputs;
            })
        .then([](const Read &read) {
            // A repository that did not open: no other app is known to read the files.
            const auto *inputs = std::get_if<AppInputs>(&read);
            return inputs ? *inputs : AppInputs();
        });
}

namespace {

// Whether @p app reads @p path: one of its kustomize inputs, a manifest of its plain folders,
// anything in its chart's folder.
bool readsPath(const AppDesiredState &app, const QStringList &inputs, const QString &path)
{
    const auto under = [&path](const QString &folder) {
        return folder.isEmpty() || path == folder || path.startsWith(folder + u'/');
    };
    switch (app.renderer) {
    case AppDesiredState::Renderer::Kustomize:
        return std::any_of(inputs.cbegin(), inputs.cend(), under);
    case AppDesiredState::Renderer::Helm:
        return std::any_of(app.app.paths.cbegin(), app.app.paths.cend(), under);
    case AppDesiredState::Renderer::Plain:
        break;
    }
    if (isKustomizationFile(path)) // a plain folder reads no kustomization
        return false;
    const rendering::FileFilter filter(app.app);
    return std::any_of(app.app.paths.cbegin(), app.app.paths.cend(),
                       [&](const QString &folder) { return filter.reads(path, folder); });
}

} // namespace

QList<ChangedFile> withEveryAppReading(const QList<ChangedFile> &files,
                                       const QHash<QString, AppDesiredState> &apps,
                                       const AppInputs &inputs)
{
    QStringList names = apps.keys();
    names.sort();
    QList<ChangedFile> all = files;
    for (const QString &name : std::as_const(names)) {
        const AppDesiredState &app = apps.value(name);
        // A kustomize app is known to read a file only from its inputs.
        if (app.renderer == AppDesiredState::Renderer::Kustomize && !inputs.contains(name))
            continue;
        for (const ChangedFile &file : files) {
            if (file.app == name || !readsPath(app, inputs.value(name), file.path))
                continue;
            ChangedFile copy = file;
            copy.app = name;
            all << copy;
        }
    }
    return all;
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
            if (!id && app != apps.cend()
                && app->renderer == AppDesiredState::Renderer::Kustomize) {
                // A base's object as kustomize renders it: from this file (its origin), of
                // the kind, its name with the overlay's prefix or suffix.
                bool found = false;
                for (const manifest::Resource &resource : app->resources) {
                    if (resource.file != file.path || resource.id.kind != changed.id.kind
                        || resource.id.group != changed.id.group
                        || !resource.id.name.contains(changed.id.name))
                        continue;
                    found = true;
                    if (!ids.contains(resource.id))
                        ids << resource.id;
                }
                if (found)
                    continue;
            }
            const manifest::ResourceId touched = id.value_or(changed.id);
            if (!ids.contains(touched))
                ids << touched;
        }
    }
    return ids;
}

} // namespace gitops
