#include "appdiscovery.h"

#include "drift/jqpath.h"
#include "manifest/yamldocument.h"
#include "workspace/workspacefile.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

namespace gitops {

using manifest::ParsedManifests;
using manifest::Resource;
using manifest::SourceNote;

namespace {

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

QString cleanPath(QString path)
{
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path == QLatin1String(".") ? QString() : path;
}

// "a/b/../c" -> "a/c"; returns "" with ok=false when it leaves the repository.
QString resolvedPath(const QString &path, bool *ok)
{
    QStringList parts;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part == QLatin1String("..")) {
            if (parts.isEmpty()) {
                *ok = false;
                return {};
            }
            parts.removeLast();
            continue;
        }
        parts.append(part);
    }
    *ok = true;
    return parts.join(QLatin1Char('/'));
}

QString repositoryKey(const QString &url)
{
    QString text = url.trimmed();
    QString host;
    QString path;
    const qsizetype scheme = text.indexOf(QLatin1String("://"));
    if (scheme < 0 && text.contains(QLatin1Char(':')) && !text.startsWith(QLatin1Char('/'))) {
        // scp-like: [user@]host:path
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        host = text.left(colon);
        path = text.mid(colon + 1);
        const qsizetype at = host.lastIndexOf(QLatin1Char('@'));
        if (at >= 0)
            host = host.mid(at + 1);
    } else if (scheme >= 0) {
        const QUrl parsed(text);
        host = parsed.host();
        path = parsed.path();
    } else {
        path = text; // a local folder
    }
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String(".git")))
        path.chop(4);
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    return host.toLower() + QLatin1Char('/') + path;
}

bool matchesARemote(const QString &url, const QStringList &remoteUrls)
{
    for (const QString &remote : remoteUrls) {
        if (sameRepository(url, remote))
            return true;
    }
    return false;
}

// The Application's ignoreDifferences; a jq path expression the console cannot evaluate is
// left out (it ignores nothing) and noted on @p app with its line.
QList<IgnoredDifference> ignoredDifferences(const Resource &resource, const QJsonArray &rules,
                                            App &app)
{
    QList<IgnoredDifference> result;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject rule = rules.at(i).toObject();
        IgnoredDifference difference;
        difference.group = rule.value(QLatin1String("group")).toString();
        difference.kind = rule.value(QLatin1String("kind")).toString();
        difference.name = rule.value(QLatin1String("name")).toString();
        difference.namespaceName = rule.value(QLatin1String("namespace")).toString();
        for (const QJsonValue &pointer : rule.value(QLatin1String("jsonPointers")).toArray())
            difference.jsonPointers.append(pointer.toString());
        for (const QJsonValue &manager :
             rule.value(QLatin1String("managedFieldsManagers")).toArray())
            difference.managedFieldsManagers.append(manager.toString());
        const QJsonArray expressions = rule.value(QLatin1String("jqPathExpressions")).toArray();
        for (qsizetype j = 0; j < expressions.size(); ++j) {
            const drift::JqPath path = drift::JqPath::parse(expressions.at(j).toString());
            if (path.isValid()) {
                difference.jqPathExpressions.append(path.expression());
                continue;
            }
            const QString pointer =
                QStringLiteral("/spec/ignoreDifferences/%1/jqPathExpressions/%2").arg(i).arg(j);
            app.notes.append(SourceNote::of(
                SourceNote::Kind::Ignored, resource.file,
                resource.fieldLines.value(pointer, resource.line), 0,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Application %1: jqPathExpressions “%2” "
                                                 "is not supported (%3); it ignores nothing"),
                               resource.id.name, path.expression(), path.error())));
        }
        result.append(difference);
    }
    return result;
}

// One app per Application. Of a multi-source Application (spec.sources[]), the sources of
// this repository with a path are the app's paths; a Helm chart from a chart repository and
// a source of another repository are named in a note (not rendered here); a `ref` source
// without a path only lends its files to a Helm source's valueFiles ($ref/...).
void argoCdApps(const Resource &resource, const QStringList &remoteUrls, AppDiscovery &out)
{
    const QJsonObject spec = resource.object.value(QLatin1String("spec")).toObject();
    QList<QPair<QJsonObject, QString>> sources; // source, its JSON pointer
    if (spec.value(QLatin1String("source")).isObject())
        sources.append(
            {spec.value(QLatin1String("source")).toObject(), QStringLiteral("/spec/source")});
    const QJsonArray many = spec.value(QLatin1String("sources")).toArray();
    for (qsizetype i = 0; i < many.size(); ++i)
        sources.append(
            {many.at(i).toObject(), QLatin1String("/spec/sources/") + QString::number(i)});
    const bool multiSource = sources.size() > 1;

    const QJsonObject destination = spec.value(QLatin1String("destination")).toObject();
    App app;
    app.source = App::Source::ArgoCdApplication;
    app.name = resource.id.name;
    QList<SourceNote> otherSources; // kept only when the app has a source of ours
    for (const auto &[source, pointer] : std::as_const(sources)) {
        const int line = resource.fieldLines.value(pointer, resource.line);
        const QString repoUrl = source.value(QLatin1String("repoURL")).toString();
        if (!matchesARemote(repoUrl, remoteUrls)) {
            if (!multiSource)
                continue; // another repository's app
            const QString chart = source.value(QLatin1String("chart")).toString();
            otherSources.append(SourceNote::of(
                SourceNote::Kind::Ignored, resource.file, line, 0,
                chart.isEmpty()
                    ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                       "Application %1: a source from another "
                                                       "repository (%2) is not rendered here; its "
                                                       "objects are not compared"),
                                     resource.id.name, repoUrl)
                    : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                       "Application %1: the Helm chart %2 %3 from "
                                                       "%4 is not rendered here; its objects are "
                                                       "not compared"),
                                     resource.id.name, chart,
                                     source.value(QLatin1String("targetRevision")).toString(),
                                     repoUrl)));
            continue;
        }
        if (!source.contains(QLatin1String("path"))) {
            if (!source.value(QLatin1String("ref")).toString().isEmpty())
                continue; // its files serve another source's $ref/... valueFiles
            out.notes.append(SourceNote::of(
                SourceNote::Kind::Ignored, resource.file, line, 0,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Application %1 takes this repository without a "
                                                 "path (a Helm chart from a registry?); not read"),
                               resource.id.name)));
            continue;
        }
        const QString path = cleanPath(source.value(QLatin1String("path")).toString());
        const bool first = app.paths.isEmpty();
        if (!app.paths.contains(path))
            app.paths.append(path);
        if (const QJsonObject kustomize = source.value(QLatin1String("kustomize")).toObject();
            !kustomize.isEmpty())
            app.kustomizeOverrides.insert(path, KustomizeOverrides{kustomize});
        const QJsonObject directory = source.value(QLatin1String("directory")).toObject();
        if (first) {
            app.recurse = directory.value(QLatin1String("recurse")).toBool();
            app.includeFiles = directory.value(QLatin1String("include")).toString();
            app.excludeFiles = directory.value(QLatin1String("exclude")).toString();
            app.targetRevision = source.value(QLatin1String("targetRevision")).toString();
            app.definedAt = resource.file + QLatin1Char(':') + QString::number(line);
        } else if (directory.value(QLatin1String("recurse")).toBool() != app.recurse
                   || directory.value(QLatin1String("include")).toString() != app.includeFiles
                   || directory.value(QLatin1String("exclude")).toString() != app.excludeFiles) {
            app.notes.append(SourceNote::of(
                SourceNote::Kind::Ignored, resource.file, line, 0,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Application %1: this source's directory options "
                                                 "differ from the first source's; the console "
                                                 "reads every path with the first's"),
                               resource.id.name)));
        }
        if (directory.contains(QLatin1String("jsonnet")))
            app.notes.append(SourceNote::of(
                SourceNote::Kind::Ignored, resource.file,
                resource.fieldLines.value(pointer + QLatin1String("/directory/jsonnet"), line), 0,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Application %1: jsonnet is not supported; "
                                                 ".jsonnet files are not read"),
                               resource.id.name)));
        if (source.contains(QLatin1String("plugin")))
            app.notes.append(SourceNote::of(
                SourceNote::Kind::Ignored, resource.file,
                resource.fieldLines.value(pointer + QLatin1String("/plugin"), line), 0,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Application %1 renders with a config management "
                                                 "plugin, which the console cannot run; the folder "
                                                 "is read as plain manifests"),
                               resource.id.name)));
    }
    if (app.paths.isEmpty())
        return;
    app.notes += otherSources;
    app.destinationNamespace = destination.value(QLatin1String("namespace")).toString();
    app.destinationContext = destination.value(QLatin1String("name")).toString();
    if (app.destinationContext.isEmpty())
        app.destinationContext = destination.value(QLatin1String("server")).toString();
    app.tracking = App::Tracking::ArgoCd;
    app.ignoredDifferences =
        ignoredDifferences(resource, spec.value(QLatin1String("ignoreDifferences")).toArray(), app);
    app.definition = resource.id;
    out.apps.append(app);
}

// A Flux Kustomization's own edits of what it builds (`namePrefix`, `nameSuffix`, `images`,
// `patches`, `commonMetadata`), in the form KustomizeOverrides takes them: kustomize-controller
// makes the same edits to the kustomization before building it. Its images are objects,
// not `kustomize edit set image` arguments; its common metadata is set on every object,
// over what the kustomization sets, and never on selectors.
KustomizeOverrides fluxOverrides(const QJsonObject &spec)
{
    QJsonObject overrides;
    for (const char *key : {"namePrefix", "nameSuffix", "patches"}) {
        if (spec.contains(QLatin1String(key)))
            overrides.insert(QLatin1String(key), spec.value(QLatin1String(key)));
    }
    QJsonArray images;
    for (const QJsonValue &value : spec.value(u"images").toArray()) {
        const QJsonObject image = value.toObject();
        QString argument = image.value(u"name").toString();
        if (const QString newName = image.value(u"newName").toString(); !newName.isEmpty())
            argument += u'=' + newName;
        if (const QString tag = image.value(u"newTag").toString(); !tag.isEmpty())
            argument += u':' + tag;
        if (const QString digest = image.value(u"digest").toString(); !digest.isEmpty())
            argument += u'@' + digest;
        images.append(argument);
    }
    if (!images.isEmpty())
        overrides.insert(QStringLiteral("images"), images);
    const QJsonObject metadata = spec.value(u"commonMetadata").toObject();
    if (metadata.contains(u"labels")) {
        overrides.insert(QStringLiteral("commonLabels"), metadata.value(u"labels"));
        overrides.insert(QStringLiteral("labelWithoutSelector"), true);
        overrides.insert(QStringLiteral("forceCommonLabels"), true);
    }
    if (metadata.contains(u"annotations")) {
        overrides.insert(QStringLiteral("commonAnnotations"), metadata.value(u"annotations"));
        overrides.insert(QStringLiteral("forceCommonAnnotations"), true);
    }
    return KustomizeOverrides{overrides};
}

bool isFluxKustomization(const Resource &resource)
{
    return resource.id.group == QLatin1String("kustomize.toolkit.fluxcd.io")
        && resource.id.kind == QLatin1String("Kustomization");
}

// Flux Kustomizations among @p resources whose GitRepository points at one of
// @p remoteUrls; with @p requireSource, one whose GitRepository is not among @p resources
// is not ours either (the cluster holds every GitRepository it uses).
void fluxApps(const QList<Resource> &resources, const QStringList &remoteUrls, bool requireSource,
              AppDiscovery &out)
{
    QHash<QString, QString> gitRepositoryUrls; // "namespace/name" -> url
    for (const Resource &resource : resources) {
        if (resource.id.group == QLatin1String("source.toolkit.fluxcd.io")
            && resource.id.kind == QLatin1String("GitRepository"))
            gitRepositoryUrls.insert(resource.id.namespaceName + QLatin1Char('/')
                                         + resource.id.name,
                                     resource.object.value(QLatin1String("spec"))
                                         .toObject()
                                         .value(QLatin1String("url"))
                                         .toString());
    }
    for (const Resource &resource : resources) {
        if (!isFluxKustomization(resource))
            continue;
        const QJsonObject spec = resource.object.value(QLatin1String("spec")).toObject();
        const QJsonObject sourceRef = spec.value(QLatin1String("sourceRef")).toObject();
        QString sourceNamespace = sourceRef.value(QLatin1String("namespace")).toString();
        if (sourceNamespace.isEmpty())
            sourceNamespace = resource.id.namespaceName;
        const QString key =
            sourceNamespace + QLatin1Char('/') + sourceRef.value(QLatin1String("name")).toString();
        if (gitRepositoryUrls.contains(key)
                ? !matchesARemote(gitRepositoryUrls.value(key), remoteUrls)
                : requireSource)
            continue;
        App app;
        app.source = App::Source::FluxKustomization;
        app.name = resource.id.name;
        app.paths = {cleanPath(spec.value(QLatin1String("path")).toString())};
        if (const KustomizeOverrides overrides = fluxOverrides(spec); !overrides.isEmpty())
            app.kustomizeOverrides.insert(app.paths.constFirst(), overrides);
        // Flux builds every manifest under the path when there is no kustomization.
        app.recurse = true;
        app.destinationNamespace = spec.value(QLatin1String("targetNamespace")).toString();
        app.tracking = App::Tracking::Flux;
        app.postBuild = PostBuild::fromSpec(spec);
        // In the cluster, the ConfigMaps and Secrets it substitutes from are listed beside it.
        if (requireSource && !app.postBuild.substituteFrom.isEmpty()) {
            QList<QJsonObject> objects;
            for (const Resource &other : resources) {
                if (other.id.group.isEmpty()
                    && (other.id.kind == u"ConfigMap" || other.id.kind == u"Secret"))
                    objects << other.object;
            }
            app.postBuild.resolveSources(resource.id.namespaceName, objects);
        }
        app.definedAt = resource.location();
        app.definition = resource.id;
        out.apps.append(app);
    }
}

void discoverFolders(const QMap<QString, ParsedManifests> &parsed,
                     const QMap<QString, QByteArray> &kustomizationFiles,
                     const QStringList &filePaths, AppDiscovery &out)
{
    QSet<QString> charts;
    QSet<QString> kustomizations;
    for (const QString &path : filePaths) {
        if (path.mid(path.lastIndexOf(QLatin1Char('/')) + 1) == QLatin1String("Chart.yaml"))
            charts.insert(folderOf(path));
        if (isKustomizationFile(path))
            kustomizations.insert(folderOf(path));
    }
    // Folders that a kustomization includes are part of that app, not apps of their own:
    // its bases, components and other resources (transitively, as every kustomization is
    // read), and the folders of files it names one by one, which hold patches or a
    // folder's manifests listed file by file.
    const QSet<QString> files(filePaths.cbegin(), filePaths.cend());
    QSet<QString> included;
    for (auto file = kustomizationFiles.cbegin(); file != kustomizationFiles.cend(); ++file) {
        const QString folder = folderOf(file.key());
        const auto include = [&](const QString &entry) {
            bool ok = false;
            const QString target = resolvedPath(
                (folder.isEmpty() ? QString() : folder + QLatin1Char('/')) + entry, &ok);
            if (!ok)
                return;
            if (!files.contains(target))
                included.insert(target);
            else if (folderOf(target) != folder)
                included.insert(folderOf(target));
        };
        auto documents = manifest::parseYamlDocuments(file.value());
        if (!std::holds_alternative<QList<manifest::YamlDocument>>(documents))
            continue; // the renderer will say what is wrong with it
        for (const auto &document : std::get<QList<manifest::YamlDocument>>(documents)) {
            const QJsonObject object = document.value.toObject();
            for (const char *key :
                 {"resources", "bases", "components", "crds", "patchesStrategicMerge"}) {
                for (const QJsonValue &entry : object.value(QLatin1String(key)).toArray()) {
                    if (entry.isString())
                        include(entry.toString());
                }
            }
            for (const char *key : {"patches", "patchesJson6902", "replacements"}) {
                for (const QJsonValue &entry : object.value(QLatin1String(key)).toArray()) {
                    const QString path = entry.toObject().value(u"path").toString();
                    if (!path.isEmpty())
                        include(path);
                }
            }
        }
    }
    auto insideChart = [&](const QString &folder) {
        for (const QString &chart : std::as_const(charts)) {
            if (folder != chart && (chart.isEmpty() || folder.startsWith(chart + QLatin1Char('/'))))
                return true;
        }
        return false;
    };

    QSet<QString> folders = charts + kustomizations;
    for (auto it = parsed.cbegin(); it != parsed.cend(); ++it) {
        const QString name = it.key().mid(it.key().lastIndexOf(QLatin1Char('/')) + 1);
        if (name == QLatin1String("Chart.yaml") || isKustomizationFile(it.key()))
            continue;
        // Folders of tools (.github, .gitlab, ...) hold YAML that is never deployed.
        if (it.key().startsWith(QLatin1Char('.')) || it.key().contains(QLatin1String("/.")))
            continue;
        // A folder whose only manifest is broken is still an app: its error must show.
        const bool broken = std::any_of(it->notes.cbegin(), it->notes.cend(), [](const auto &note) {
            return note.kind == SourceNote::Kind::Error;
        });
        if (!it->resources.isEmpty() || broken)
            folders.insert(folderOf(it.key()));
    }
    QStringList sorted(folders.cbegin(), folders.cend());
    sorted.sort();
    for (const QString &folder : std::as_const(sorted)) {
        if (insideChart(folder) || (included.contains(folder) && !charts.contains(folder)))
            continue;
        App app;
        app.source = App::Source::Folder;
        app.name = folder.isEmpty() ? QStringLiteral(".") : folder;
        app.paths = {folder};
        out.apps.append(app);
    }
}

} // namespace

QString kustomizationFileIn(const QString &folder, const QSet<QString> &filePaths)
{
    const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
    for (const char *name : {"kustomization.yaml", "kustomization.yml", "Kustomization"}) {
        const QString candidate = prefix + QLatin1String(name);
        if (filePaths.contains(candidate))
            return candidate;
    }
    return {};
}

bool sameRepository(const QString &url, const QString &otherUrl)
{
    if (url.trimmed().isEmpty() || otherUrl.trimmed().isEmpty())
        return false;
    return repositoryKey(url) == repositoryKey(otherUrl);
}

QHash<QString, QString> parentApps(const QList<AppDesiredState> &apps)
{
    // The Applications each app deploys, by name: (namespace, app).
    QMultiHash<QString, std::pair<QString, QString>> deployed;
    for (const AppDesiredState &app : apps) {
        for (const Resource &resource : app.resources) {
            if (resource.id.group == u"argoproj.io" && resource.id.kind == u"Application")
                deployed.insert(resource.id.name, {resource.id.namespaceName, app.app.name});
        }
    }
    QHash<QString, QString> parents;
    if (deployed.isEmpty())
        return parents;
    const auto ancestorOrSelf = [&](QString app, const QString &candidate) {
        for (int depth = 0; !app.isEmpty() && depth <= apps.size(); ++depth) {
            if (app == candidate)
                return true;
            app = parents.value(app);
        }
        return false;
    };
    for (const AppDesiredState &child : apps) {
        const manifest::ResourceId &definition = child.app.definition;
        if (child.app.source != App::Source::ArgoCdApplication || definition.name.isEmpty())
            continue;
        // QMultiHash returns the newest insertion first: the first app to deploy it is last.
        const auto found = deployed.values(definition.name);
        for (auto it = found.crbegin(); it != found.crend(); ++it) {
            const auto &[namespaceName, parent] = *it;
            if (!namespaceName.isEmpty() && !definition.namespaceName.isEmpty()
                && namespaceName != definition.namespaceName)
                continue;
            if (ancestorOrSelf(parent, child.app.name))
                continue;
            parents.insert(child.app.name, parent);
            break;
        }
    }
    return parents;
}

bool isKustomizationFile(const QString &path)
{
    const QString name = path.mid(path.lastIndexOf(QLatin1Char('/')) + 1);
    return name == QLatin1String("kustomization.yaml") || name == QLatin1String("kustomization.yml")
        || name == QLatin1String("Kustomization");
}

AppDiscovery discoverApps(const std::optional<QByteArray> &workspaceFile,
                          const QMap<QString, ParsedManifests> &parsed,
                          const QMap<QString, QByteArray> &kustomizations,
                          const QStringList &filePaths, const QStringList &remoteUrls)
{
    AppDiscovery out;
    if (workspaceFile) {
        auto read = parseWorkspaceFile(*workspaceFile);
        if (auto *note = std::get_if<SourceNote>(&read))
            out.notes.append(*note);
        else
            out.apps = std::get<QList<App>>(read);
        // The user's own list is authoritative, even when it is broken: guessing apps
        // behind its back would show something else than what they wrote.
        return out;
    }

    for (const ParsedManifests &file : parsed) {
        for (const Resource &resource : file.resources) {
            if (resource.id.group == QLatin1String("argoproj.io")
                && resource.id.kind == QLatin1String("Application"))
                argoCdApps(resource, remoteUrls, out);
        }
    }
    if (!out.apps.isEmpty())
        return out;

    QList<Resource> resources;
    for (const ParsedManifests &file : parsed)
        resources += file.resources;
    fluxApps(resources, remoteUrls, false, out);
    if (!out.apps.isEmpty())
        return out;

    discoverFolders(parsed, kustomizations, filePaths, out);
    return out;
}

AppDiscovery appsFromCluster(const QList<QJsonObject> &objects, const QStringList &remoteUrls)
{
    QList<Resource> resources;
    for (const QJsonObject &object : objects) {
        const QJsonObject metadata = object.value(u"metadata").toObject();
        Resource resource;
        resource.object = object;
        resource.apiVersion = object.value(u"apiVersion").toString();
        resource.id = {manifest::ResourceId::groupOf(resource.apiVersion),
                       object.value(u"kind").toString(), metadata.value(u"namespace").toString(),
                       metadata.value(u"name").toString()};
        // Where the definition lives, for notes and the Details pane.
        resource.file = QStringLiteral("%1 %2/%3 in the cluster")
                            .arg(resource.id.kind, resource.id.namespaceName, resource.id.name);
        resources << resource;
    }
    AppDiscovery out;
    for (const Resource &resource : std::as_const(resources)) {
        if (resource.id.group == QLatin1String("argoproj.io")
            && resource.id.kind == QLatin1String("Application"))
            argoCdApps(resource, remoteUrls, out);
    }
    fluxApps(resources, remoteUrls, true, out);
    for (App &app : out.apps)
        app.definedAt = app.definedAt.section(QLatin1Char(':'), 0, -2);
    return out;
}

QList<App> mergeClusterApps(const QList<App> &fromGit, const QList<App> &fromCluster,
                            QList<SourceNote> *notes)
{
    if (fromCluster.isEmpty())
        return fromGit;
    const auto covers = [](const App &app, const QString &folder) {
        return std::any_of(app.paths.cbegin(), app.paths.cend(), [&](const QString &path) {
            return folder == path || path.isEmpty()
                || (app.recurse && folder.startsWith(path + QLatin1Char('/')));
        });
    };
    QList<App> apps = fromCluster;
    for (const App &git : fromGit) {
        const auto same = std::find_if(apps.begin(), apps.end(), [&](const App &cluster) {
            return cluster.name == git.name && cluster.source == git.source;
        });
        if (same != apps.end()) {
            if (same->paths != git.paths || same->destinationNamespace != git.destinationNamespace
                || same->targetRevision != git.targetRevision || same->recurse != git.recurse)
                notes->append(SourceNote::of(
                    SourceNote::Kind::Ignored, git.definedAt.section(QLatin1Char(':'), 0, -2),
                    git.definedAt.section(QLatin1Char(':'), -1).toInt(), 0,
                    Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                     "app %1: the definition in git is not the "
                                                     "one the cluster runs (%2); the cluster's "
                                                     "is used"),
                                   git.name, same->definedAt)));
            continue;
        }
        if (git.source == App::Source::Folder) {
            const bool owned =
                std::any_of(git.paths.cbegin(), git.paths.cend(), [&](const QString &folder) {
                    return std::any_of(fromCluster.cbegin(), fromCluster.cend(),
                                       [&](const App &app) { return covers(app, folder); });
                });
            if (!owned)
                apps << git;
            continue;
        }
        App only = git;
        only.notes << SourceNote::of(
            SourceNote::Kind::Ignored, git.definedAt.section(QLatin1Char(':'), 0, -2),
            git.definedAt.section(QLatin1Char(':'), -1).toInt(), 0,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                             "app %1 is defined in git but not in the cluster "
                                             "(not applied yet?)"),
                           git.name));
        apps << only;
    }
    return apps;
}

} // namespace gitops
