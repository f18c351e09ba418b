#include "apprendering.h"

#include "manifest/resourcescopes.h"
#include "workspace/desiredstate.h"
#include "workspace/pathglob.h"
#include "workspace/postbuild.h"

#include <QJsonObject>

#include <algorithm>

namespace gitops::rendering {

using manifest::Resource;
using manifest::ResourceScopes;
using manifest::SourceNote;

bool isManifestFile(const QString &path)
{
    return path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))
        || path.endsWith(QLatin1String(".json"));
}

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

bool isInFolder(const QString &path, const QString &folder, bool recurse)
{
    if (recurse)
        return folder.isEmpty() || path.startsWith(folder + QLatin1Char('/'));
    return folderOf(path) == folder;
}

FileFilter::FileFilter(const App &app)
    : m_recurse(app.recurse)
    , m_included(app.includeFiles.isEmpty() ? QRegularExpression() : argoCdGlob(app.includeFiles))
    , m_excluded(app.excludeFiles.isEmpty() ? QRegularExpression() : argoCdGlob(app.excludeFiles))
    , m_include(!app.includeFiles.isEmpty())
    , m_exclude(!app.excludeFiles.isEmpty())
{
    for (const QString &pattern : app.ignoredFiles)
        m_ignored.append(QRegularExpression(QRegularExpression::wildcardToRegularExpression(
            pattern, QRegularExpression::NonPathWildcardConversion)));
}

bool FileFilter::reads(const QString &path, const QString &folder) const
{
    if (!isInFolder(path, folder, m_recurse))
        return false;
    if (std::any_of(m_ignored.cbegin(), m_ignored.cend(), [&](const QRegularExpression &pattern) {
            return pattern.match(path).hasMatch();
        }))
        return false;
    const QString inside = folder.isEmpty() ? path : path.mid(folder.size() + 1);
    if (m_exclude && m_excluded.match(inside).hasMatch())
        return false;
    return !m_include || m_included.match(inside).hasMatch();
}

void resolveNamespace(Resource &resource, const ResourceScopes &scopes, const App &app)
{
    if (scopes.scope(resource.id.group, resource.id.kind) == ResourceScopes::Scope::Cluster) {
        // The API server ignores a namespace on a cluster-scoped object; so do we.
        resource.id.namespaceName.clear();
        resource.namespaceFrom = manifest::NamespaceFrom::None;
        return;
    }
    // An unknown kind is most likely a namespaced custom resource; taking the app's
    // namespace for it is what `kubectl apply -n` would do (the cluster's discovery
    // corrects it, resolveDefaultNamespaces()).
    const QString &destination = app.destinationNamespace;
    if (app.source == App::Source::FluxKustomization && !destination.isEmpty()) {
        // Flux's targetNamespace overrides what the manifests say, as kustomize's
        // `namespace:` does.
        if (resource.id.namespaceName != destination) {
            resource.id.namespaceName = destination;
            QJsonObject metadata = resource.object.value(u"metadata").toObject();
            metadata.insert(QStringLiteral("namespace"), destination);
            resource.object.insert(QStringLiteral("metadata"), metadata);
        }
        resource.namespaceFrom = manifest::NamespaceFrom::FluxTargetNamespace;
        return;
    }
    if (!resource.id.namespaceName.isEmpty()) {
        resource.namespaceFrom = manifest::NamespaceFrom::Manifest;
    } else if (!destination.isEmpty()) {
        resource.id.namespaceName = destination;
        resource.namespaceFrom = app.source == App::Source::WorkspaceFile
            ? manifest::NamespaceFrom::WorkspaceFile
            : manifest::NamespaceFrom::ArgoCdDestination;
    } else {
        resource.namespaceFrom = manifest::NamespaceFrom::Context;
    }
}

namespace {

// A note at the app's definition: "file:line" in git, or "Application ns/name in the
// cluster" (no line).
SourceNote noteAtDefinition(const App &app, const Text &message)
{
    bool hasLine = false;
    const int line = app.definedAt.section(u':', -1).toInt(&hasLine);
    return SourceNote::of(SourceNote::Kind::Ignored,
                          hasLine ? app.definedAt.section(u':', 0, -2) : app.definedAt,
                          hasLine ? line : 0, 0, message);
}

} // namespace

SourceNote unsupportedOverrideNote(const App &app, const QString &part)
{
    return noteAtDefinition(app,
                            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                             "Application %1: kustomize %2 is not "
                                                             "supported"),
                                           app.name, part));
}

SourceNote overridesWithoutKustomizationNote(const App &app, const QString &folder)
{
    const QString shown = folder.isEmpty() ? QStringLiteral(".") : folder;
    return noteAtDefinition(
        app,
        app.source == App::Source::FluxKustomization
            ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                               "Kustomization %1 sets a name prefix or suffix, "
                                               "images, patches or common metadata, but %2 has "
                                               "no kustomization: they are not applied, and the "
                                               "folder is read as plain manifests"),
                             app.name, shown)
            : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                               "Application %1 sets kustomize overrides, but %2 "
                                               "has no kustomization: they are not applied, and "
                                               "the folder is read as plain manifests"),
                             app.name, shown));
}

Text folderMissingError(const QString &folder)
{
    return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 does not exist at this revision"),
                          folder);
}

Text helmChartError(const QString &folder)
{
    const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
    return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                            "%1 is a Helm chart (%2Chart.yaml); Helm charts are "
                                            "not supported yet"),
                          folder.isEmpty() ? QStringLiteral(".") : folder, prefix);
}

Text fileError(const QString &file, const QString &problem)
{
    return fileError(file, Text::verbatim(problem));
}

Text fileError(const QString &file, const Text &problem)
{
    return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: %2"), file, problem);
}

void substitutePostBuild(AppDesiredState &appState)
{
    const PostBuild &postBuild = appState.app.postBuild;
    // Flux refuses the whole Kustomization over one bad name, inline or from a source.
    for (const QMap<QString, QString> *variables :
         {&postBuild.substitute, &postBuild.fromSources}) {
        for (auto it = variables->cbegin(); it != variables->cend(); ++it) {
            if (const Text problem = invalidVariableName(it.key()); !problem.isEmpty()) {
                appState.setError(fileError(appState.app.definedAt, problem));
                return;
            }
        }
    }
    for (const PostBuild::Source &source : postBuild.unreadSources)
        appState.notes.append(SourceNote::of(
            SourceNote::Kind::Ignored, appState.app.definedAt.section(u':', 0, -2),
            appState.app.definedAt.section(u':', -1).toInt(), 0,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                             "postBuild.substituteFrom %1/%2 was not read from "
                                             "the cluster (the app is defined in git only, or "
                                             "the object is not there): the variables it "
                                             "defines stay as written (${...}) and show as "
                                             "drift"),
                           source.kind, source.name)));
    const VariableLookup lookup = [&](const QString &name) { return postBuild.value(name); };
    for (Resource &resource : appState.resources) {
        Text error;
        // Flux substitutes nothing, not even `$$`, when there are no variables at all.
        const bool hasVariables = !postBuild.substitute.isEmpty()
            || !postBuild.fromSources.isEmpty() || !postBuild.unreadSources.isEmpty();
        const QJsonObject substituted = substituteVariables(resource.object, lookup, hasVariables,
                                                            resource.quotedFields, &error);
        if (!error.isEmpty()) {
            appState.setError(Text::sentence(
                QT_TRANSLATE_NOOP("gitops::Text", "%1: postBuild substitution failed: %2"),
                resource.location(), error));
            return;
        }
        if (substituted == resource.object)
            continue;
        resource.object = substituted;
        // A variable may name the object: its identity is what Flux applies.
        const QJsonObject metadata = substituted.value(u"metadata").toObject();
        resource.apiVersion = substituted.value(u"apiVersion").toString();
        resource.id.group = manifest::ResourceId::groupOf(resource.apiVersion);
        resource.id.kind = substituted.value(u"kind").toString();
        if (!resource.untrackable)
            resource.id.name = metadata.value(u"name").toString();
        if (resource.namespaceFrom == manifest::NamespaceFrom::Manifest)
            resource.id.namespaceName = metadata.value(u"namespace").toString();
    }
}

} // namespace gitops::rendering
