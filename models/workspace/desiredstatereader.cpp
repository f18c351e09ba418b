#include "desiredstatereader.h"

#include "logging.h"
#include "manifest/kustomizerenderer.h"
#include "manifest/resourcescopes.h"
#include "manifest/yamldocument.h"
#include "workspace/appdiscovery.h"
#include "workspace/apprendering.h"
#include "workspace/workspacefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <optional>
#include <utility>

namespace gitops {

using manifest::ParsedManifests;
using manifest::Resource;
using manifest::ResourceScopes;
using manifest::SourceNote;

namespace {

ParsedManifests stamped(const ParsedManifests &parsed, const git::TreeFile &file)
{
    ParsedManifests result = parsed;
    for (Resource &resource : result.resources) {
        resource.file = file.path;
        resource.blobId = file.blobId;
    }
    for (SourceNote &note : result.notes)
        note.file = file.path;
    return result;
}

// A stable key for the content of a revision: the root tree id, or for the working copy
// the hash of every path and blob id (the working copy has no tree object).
QString contentKeyOf(const git::Revision &revision, const QList<git::TreeFile> &files)
{
    if (!revision.treeId.isEmpty())
        return revision.treeId;
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const git::TreeFile &file : files) {
        hash.addData(file.path.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        hash.addData(file.blobId.toLatin1());
        hash.addData(QByteArrayView("\n", 1));
    }
    return QLatin1String("working:") + QString::fromLatin1(hash.result().toHex());
}

// "a/b/../c" -> "a/c"; "" when it leaves the repository.
QString normalisedPath(const QString &path)
{
    QStringList parts;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part != QLatin1String("..")) {
            parts.append(part);
            continue;
        }
        if (parts.isEmpty())
            return {};
        parts.removeLast();
    }
    return parts.join(QLatin1Char('/'));
}

// Removes kustomize's origin annotation from @p object and returns the repository path of
// the file it names (for generated objects, the kustomization that configured them).
QString takeOrigin(QJsonObject &object, const QString &folder, const QString &kustomizationFile)
{
    static const QString Key = QStringLiteral("config.kubernetes.io/origin");
    QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    QJsonObject annotations = metadata.value(QLatin1String("annotations")).toObject();
    const QString origin = annotations.value(Key).toString();
    if (origin.isEmpty())
        return kustomizationFile;
    annotations.remove(Key);
    if (annotations.isEmpty())
        metadata.remove(QLatin1String("annotations"));
    else
        metadata.insert(QLatin1String("annotations"), annotations);
    object.insert(QLatin1String("metadata"), metadata);

    auto parsed = manifest::parseYamlDocuments(origin.toUtf8());
    if (!std::holds_alternative<QList<manifest::YamlDocument>>(parsed)
        || std::get<QList<manifest::YamlDocument>>(parsed).isEmpty())
        return kustomizationFile;
    const QJsonObject fields =
        std::get<QList<manifest::YamlDocument>>(parsed).first().value.toObject();
    const QString path = fields.value(QLatin1String("path")).toString();
    if (path.isEmpty() || fields.contains(QLatin1String("repo")))
        return kustomizationFile; // generated, or from another repository
    const QString resolved =
        normalisedPath(folder.isEmpty() ? path : folder + QLatin1Char('/') + path);
    return resolved.isEmpty() ? kustomizationFile : resolved;
}

// The line of the object in its source file that @p rendered was made from: the same kind,
// and a name that kustomize may have given a prefix or suffix.
int sourceLine(const Resource &rendered, const ParsedManifests &source)
{
    const Resource *best = nullptr;
    for (const Resource &candidate : source.resources) {
        if (candidate.id.kind != rendered.id.kind || candidate.id.group != rendered.id.group)
            continue;
        if (candidate.id.name == rendered.id.name)
            return candidate.line;
        if (!best && rendered.id.name.contains(candidate.id.name))
            best = &candidate;
    }
    return best ? best->line : 0;
}

// `--app NAME`: the apps to read when only @p name is asked for. Just that one, unless the
// others can change what it shows: an Argo CD app's parent (app-of-apps, parentApps()) is
// the first other app whose resources hold its Application, so when another app's files
// hold that Application, or a kustomize app (which holds what it renders) may, every app
// is read. An unknown name reads them all too (the message lists them).
QList<App> appsToRead(const QList<App> &apps, const QString &name,
                      const QMap<QString, ParsedManifests> &parsed, const QSet<QString> &paths)
{
    const auto asked =
        std::find_if(apps.cbegin(), apps.cend(), [&](const App &app) { return app.name == name; });
    if (asked == apps.cend())
        return apps;
    const manifest::ResourceId &definition = asked->definition;
    if (asked->source != App::Source::ArgoCdApplication || definition.name.isEmpty())
        return {*asked};
    QStringList holders; // the files that hold its Application
    for (auto it = parsed.cbegin(); it != parsed.cend(); ++it) {
        if (std::any_of(it->resources.cbegin(), it->resources.cend(), [&](const Resource &r) {
                return r.id.group == u"argoproj.io" && r.id.kind == u"Application"
                    && r.id.name == definition.name;
            }))
            holders << it.key();
    }
    for (const App &other : apps) {
        if (other.name == name)
            continue;
        const rendering::FileFilter reads(other);
        for (const QString &folder : other.paths) {
            if (!kustomizationFileIn(folder, paths).isEmpty()
                || std::any_of(holders.cbegin(), holders.cend(),
                               [&](const QString &file) { return reads.reads(file, folder); }))
                return apps;
        }
    }
    return {*asked};
}

} // namespace

DesiredStateReader::DesiredStateReader(const git::Repository &repository)
    : m_repository(repository)
{ }

void DesiredStateReader::parseUncached(const QList<git::TreeFile> &files)
{
    QList<ParseJob> jobs;
    QSet<QString> queued;
    for (const git::TreeFile &file : files) {
        if (!rendering::isManifestFile(file.path) || m_parsedByBlob.contains(file.blobId)
            || queued.contains(file.blobId))
            continue;
        auto read = m_repository.read(file);
        if (!std::holds_alternative<QByteArray>(read))
            continue; // parsedFile() reports it
        QByteArray &bytes = std::get<QByteArray>(read);
        if (bytes.size() > MaximumFileSize || !manifest::looksLikeText(bytes))
            continue; // parsedFile() notes it without parsing
        queued.insert(file.blobId);
        jobs.append(ParseJob{file.blobId, std::move(bytes)});
    }
    parse(jobs);
}

void DesiredStateReader::parse(const QList<ParseJob> &jobs)
{
    // libgit2 stays on this thread; parsing is a pure function of the bytes, so it can
    // use every core.
    // Each parse is costed where it is made, for the cache's bound.
    using Costed = std::pair<ParsedManifests, qsizetype>;
    const QList<Costed> results = QtConcurrent::blockingMapped(jobs, [](const ParseJob &job) {
        ParsedManifests parsed = manifest::parseManifests(job.bytes, QString());
        const qsizetype bytes = approximateBytes(parsed.resources, parsed.notes);
        return Costed{std::move(parsed), bytes};
    });
    for (qsizetype i = 0; i < jobs.size(); ++i)
        m_parsedByBlob.insert(
            jobs.at(i).blobId,
            new ParsedPointer(std::make_shared<ParsedManifests>(results.at(i).first)),
            results.at(i).second);
    m_parseCount += int(jobs.size());
}

QList<git::TreeFile> DesiredStateReader::filesToFindApps(const QList<git::TreeFile> &files,
                                                         bool findFolders)
{
    // Every file whose text may name a kind that defines apps or kinds (discoverApps() (b)
    // and (c), ResourceScopes), or that cannot be searched as UTF-8 text (an escape, a
    // UTF-16 or UTF-32 file); of the others, per folder the first that holds an object or
    // does not parse, which is all folder discovery (d) asks. Hidden folders are never apps.
    static const QByteArrayList Words = {"Application", "Kustomization", "GitRepository",
                                         "CustomResourceDefinition"};
    const auto holdsObject = [](const ParsedManifests &parsed) {
        return !parsed.resources.isEmpty()
            || std::any_of(parsed.notes.cbegin(), parsed.notes.cend(),
                           [](const SourceNote &n) { return n.kind == SourceNote::Kind::Error; });
    };
    QList<git::TreeFile> chosen;
    QMap<QString, QList<git::TreeFile>> rest; // folder -> its other files, in order
    QSet<QString> counted; // folders known to hold an object
    QList<ParseJob> jobs;
    QSet<QString> queued;
    for (const git::TreeFile &file : files) {
        if (!rendering::isManifestFile(file.path) || isKustomizationFile(file.path)
            || file.path == workspaceFileName())
            continue;
        const QString folder = file.path.section(u'/', 0, -2);
        if (const ParsedPointer *found = m_parsedByBlob.object(file.blobId)) {
            chosen << file;
            if (holdsObject(**found))
                counted.insert(folder);
            continue;
        }
        auto read = m_repository.read(file);
        const QByteArray *bytes = std::get_if<QByteArray>(&read);
        if (!bytes || bytes->size() > MaximumFileSize || !manifest::looksLikeText(*bytes)) {
            chosen << file; // parsedFile() says why, without parsing
            continue;
        }
        const bool mayDefine = bytes->contains('\\') || bytes->contains('\0')
            || std::any_of(Words.cbegin(), Words.cend(),
                           [&](const QByteArray &word) { return bytes->contains(word); });
        if (!mayDefine) {
            // Hidden files and folders (.github) never make a folder an app.
            if (findFolders && !file.path.startsWith(u'.')
                && !file.path.contains(QLatin1String("/.")))
                rest[folder] << file;
            continue;
        }
        chosen << file;
        if (!queued.contains(file.blobId)) {
            queued.insert(file.blobId);
            jobs << ParseJob{file.blobId, *bytes};
        }
    }
    parse(jobs);
    for (const git::TreeFile &file : std::as_const(chosen)) {
        if (const ParsedPointer *found = m_parsedByBlob.object(file.blobId);
            found && holdsObject(**found))
            counted.insert(file.path.section(u'/', 0, -2));
    }
    // Round by round, the next file of each folder not known to hold an object yet.
    for (;;) {
        QList<git::TreeFile> round;
        jobs.clear();
        for (auto it = rest.begin(); it != rest.end(); ++it) {
            const QString &folder = it.key();
            if (it->isEmpty() || counted.contains(folder))
                continue;
            const git::TreeFile file = it->takeFirst();
            round << file;
            auto read = m_repository.read(file);
            if (auto *bytes = std::get_if<QByteArray>(&read);
                bytes && !queued.contains(file.blobId)) {
                queued.insert(file.blobId);
                jobs << ParseJob{file.blobId, std::move(*bytes)};
            }
        }
        if (round.isEmpty())
            break;
        parse(jobs);
        for (const git::TreeFile &file : std::as_const(round)) {
            chosen << file;
            if (const ParsedPointer *found = m_parsedByBlob.object(file.blobId);
                found && holdsObject(**found))
                counted.insert(file.path.section(u'/', 0, -2));
        }
    }
    return chosen;
}

DesiredStateReader::ParsedPointer DesiredStateReader::parsedFile(const git::TreeFile &file)
{
    if (const ParsedPointer *found = m_parsedByBlob.object(file.blobId))
        return *found;

    auto parsed = std::make_shared<ParsedManifests>();
    auto read = m_repository.read(file);
    if (auto *message = std::get_if<QString>(&read)) {
        // Not cached: reading may work next time.
        parsed->notes.append(SourceNote{SourceNote::Kind::Error, QString(), 0, 0, *message});
        return parsed;
    }
    const QByteArray &bytes = std::get<QByteArray>(read);
    if (bytes.size() > MaximumFileSize) {
        parsed->notes.append(SourceNote::of(
            SourceNote::Kind::Skipped, QString(), 0, 0,
            Text::sentence(
                QT_TRANSLATE_NOOP("gitops::Text", "larger than 5 MB (%1 bytes); not read"),
                qint64(bytes.size()))));
    } else if (!manifest::looksLikeText(bytes)) {
        parsed->notes.append(
            SourceNote::of(SourceNote::Kind::Skipped, QString(), 0, 0,
                           Text(QT_TRANSLATE_NOOP("gitops::Text", "binary content; not read"))));
    } else {
        *parsed = manifest::parseManifests(bytes, QString());
        ++m_parseCount;
    }
    m_parsedByBlob.insert(file.blobId, new ParsedPointer(parsed),
                          approximateBytes(parsed->resources, parsed->notes));
    return parsed;
}

DesiredStateReader::RenderedPointer
DesiredStateReader::rendered(const QList<git::TreeFile> &files, const QString &contentKey,
                             const QString &folder, const QString &kustomizationFile,
                             bool traceOrigins, const KustomizeOverrides &overrides,
                             QString *checkoutFolder, std::unique_ptr<QTemporaryDir> &checkout)
{
    const QString key =
        contentKey + QLatin1Char('\n') + folder + QLatin1Char('\n') + overrides.key();
    if (const RenderedPointer *found = m_renderedByTree.object(key))
        return *found;

    auto result = std::make_shared<Rendered>();
    // kustomize reads files from disk and may reach outside the folder (../base), so the
    // whole revision is written out once per read() and shared by its kustomize apps.
    if (!checkout) {
        checkout = std::make_unique<QTemporaryDir>();
        if (!checkout->isValid()) {
            result->error = Text::sentence(
                QT_TRANSLATE_NOOP("gitops::Text", "cannot make a temporary folder: %1"),
                checkout->errorString());
            checkout.reset();
            return result;
        }
        const QDir root(checkout->path());
        for (const git::TreeFile &file : files) {
            auto read = m_repository.read(file);
            if (auto *message = std::get_if<QString>(&read)) {
                result->error = Text::verbatim(*message);
                checkout.reset();
                return result;
            }
            const QString target = root.filePath(file.path);
            QDir().mkpath(QFileInfo(target).absolutePath());
            QFile out(target);
            if (!out.open(QIODevice::WriteOnly) || out.write(std::get<QByteArray>(read)) < 0) {
                result->error = rendering::fileError(target, out.errorString());
                checkout.reset();
                return result;
            }
        }
        *checkoutFolder = QDir(checkout->path()).canonicalPath();
    }

    const QString folderOnDisk =
        folder.isEmpty() ? *checkoutFolder : *checkoutFolder + QLatin1Char('/') + folder;
    // An Argo CD Application's kustomize overrides are edits to the kustomization, made in
    // our copy as Argo CD makes them in its own; the file is put back after the build, since
    // other apps may build the same folder or use it as their base.
    const QString kustomizationOnDisk = *checkoutFolder + QLatin1Char('/') + kustomizationFile;
    std::optional<QByteArray> original;
    if (!overrides.isEmpty()) {
        QFile file(kustomizationOnDisk);
        if (!file.open(QIODevice::ReadOnly)) {
            result->error = rendering::fileError(kustomizationFile, file.errorString());
            return result;
        }
        original = file.readAll();
        file.close();
        Text error;
        const QByteArray edited =
            overrides.applyToFile(*original, &error, &result->unsupported, traceOrigins);
        if (edited.isEmpty()) {
            result->error = rendering::fileError(kustomizationFile, error);
            return result;
        }
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(edited) < 0) {
            result->error = rendering::fileError(kustomizationFile, file.errorString());
            return result;
        }
        traceOrigins = traceOrigins && edited.contains("originAnnotations");
    } else if (traceOrigins) {
        // Asking kustomize for origin annotations (in our copy only) tells which file each
        // object came from; they are taken off again below, since the live objects lack them.
        QFile file(*checkoutFolder + QLatin1Char('/') + kustomizationFile);
        if (!file.open(QIODevice::ReadWrite))
            traceOrigins = false;
        else if (file.readAll().trimmed().startsWith('{'))
            traceOrigins = false; // JSON: nothing can be appended to it
        else
            traceOrigins = file.write("\nbuildMetadata: [originAnnotations]\n") > 0;
    }
    ++m_renderCount;
    const manifest::KustomizeOutput output = manifest::renderKustomization(
        folderOnDisk, m_toolSearchPaths, m_stopRequested, *checkoutFolder);
    if (original) {
        QFile file(kustomizationOnDisk);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(*original) < 0)
            checkout.reset(); // the next render writes a fresh copy
    }
    if (!output.isValid()) {
        result->error = output.error;
    } else {
        result->parsed = manifest::parseManifests(output.yaml, kustomizationFile);
        // Lines in rendered output point into kustomize's output, not into a file the
        // user can open. The file comes from the origin annotation (read() finds the
        // line); field lines stay unknown, since patches may have changed any field.
        for (Resource &resource : result->parsed.resources) {
            resource.line = 0;
            resource.fieldLines.clear();
            if (traceOrigins)
                resource.file = takeOrigin(resource.object, folder, kustomizationFile);
        }
    }
    // A stopped run says nothing about the tree: render it again next time.
    if (!output.cancelled)
        m_renderedByTree.insert(key, new RenderedPointer(result),
                                approximateBytes(result->parsed.resources, result->parsed.notes)
                                    + 2 * result->error.toString().size());
    return result;
}

DesiredState DesiredStateReader::read(const git::Revision &revision,
                                      const std::function<bool()> &stopRequested,
                                      const std::optional<QList<QJsonObject>> &clusterDefinitions,
                                      const QString &onlyApp)
{
    m_stopRequested = stopRequested;
    DesiredState state;
    state.revision = revision;
    auto listed = m_repository.files(revision);
    if (auto *message = std::get_if<QString>(&listed)) {
        state.error = *message;
        return state;
    }
    const QList<git::TreeFile> files = std::get<QList<git::TreeFile>>(std::move(listed));
    const QString contentKey = contentKeyOf(revision, files);

    // --app: only the files that find the apps are parsed first, the app's own once it is
    // known (below); otherwise every manifest.
    const bool oneApp = !onlyApp.isEmpty();
    const bool hasWorkspaceFile =
        std::any_of(files.cbegin(), files.cend(),
                    [](const git::TreeFile &file) { return file.path == workspaceFileName(); });
    QSet<QString> toFindApps;
    if (oneApp) {
        for (const git::TreeFile &file : filesToFindApps(files, !hasWorkspaceFile))
            toFindApps.insert(file.path);
    } else {
        parseUncached(files);
    }
    QStringList paths;
    paths.reserve(files.size());
    QMap<QString, ParsedManifests> parsed;
    std::optional<QByteArray> workspaceFile;
    QMap<QString, QByteArray> kustomizations;
    for (const git::TreeFile &file : files) {
        paths.append(file.path);
        const bool isWorkspaceFile = file.path == workspaceFileName();
        if (isWorkspaceFile || isKustomizationFile(file.path)) {
            auto read = m_repository.read(file);
            if (auto *message = std::get_if<QString>(&read))
                state.notes.append(SourceNote{SourceNote::Kind::Error, file.path, 0, 0, *message});
            else if (isWorkspaceFile)
                workspaceFile = std::get<QByteArray>(read);
            else
                kustomizations.insert(file.path, std::get<QByteArray>(read));
            continue; // neither is a Kubernetes object
        }
        if (rendering::isManifestFile(file.path) && (!oneApp || toFindApps.contains(file.path)))
            parsed.insert(file.path, stamped(*parsedFile(file), file));
    }

    const QSet<QString> pathSet(paths.cbegin(), paths.cend());
    QSet<QString> folders = {QString()};
    for (const QString &path : std::as_const(paths)) {
        for (qsizetype slash = path.lastIndexOf(QLatin1Char('/')); slash > 0;
             slash = path.lastIndexOf(QLatin1Char('/'), slash - 1)) {
            const QString folder = path.left(slash);
            if (folders.contains(folder))
                break; // and so are its parents
            folders.insert(folder);
        }
    }

    AppDiscovery discovery =
        discoverApps(workspaceFile, parsed, kustomizations, paths, m_repository.remoteUrls());
    state.notes += discovery.notes;
    // What the cluster's controllers define wins; the user's own workspace file, though,
    // is the list they chose.
    if (clusterDefinitions && !workspaceFile) {
        const AppDiscovery fromCluster =
            appsFromCluster(*clusterDefinitions, m_repository.remoteUrls());
        discovery.apps = mergeClusterApps(discovery.apps, fromCluster.apps, &state.notes);
        state.notes += fromCluster.notes;
    }

    if (oneApp) {
        discovery.apps = appsToRead(discovery.apps, onlyApp, parsed, pathSet);
        // The files of the apps to read, parsed now (a kustomize app's bases elsewhere are
        // parsed when its render names them, below).
        QList<git::TreeFile> more;
        for (const git::TreeFile &file : files) {
            if (!rendering::isManifestFile(file.path) || parsed.contains(file.path)
                || isKustomizationFile(file.path) || file.path == workspaceFileName())
                continue;
            if (std::any_of(discovery.apps.cbegin(), discovery.apps.cend(), [&](const App &app) {
                    return std::any_of(
                        app.paths.cbegin(), app.paths.cend(), [&](const QString &folder) {
                            return folder.isEmpty() || file.path.startsWith(folder + u'/');
                        });
                }))
                more << file;
        }
        parseUncached(more);
        for (const git::TreeFile &file : std::as_const(more))
            parsed.insert(file.path, stamped(*parsedFile(file), file));
    }
    // A rendered object's source file as parsed (for its line), when it is a manifest.
    QHash<QString, const git::TreeFile *> fileAt;
    if (oneApp) {
        for (const git::TreeFile &file : files)
            fileAt.insert(file.path, &file);
    }
    const auto sourceOf = [&](const QString &path) -> const ParsedManifests * {
        if (auto found = parsed.constFind(path); found != parsed.cend())
            return &*found;
        const git::TreeFile *file = fileAt.value(path);
        if (!file || !rendering::isManifestFile(path) || isKustomizationFile(path))
            return nullptr;
        return &*parsed.insert(path, stamped(*parsedFile(*file), *file));
    };

    ResourceScopes scopes;
    for (const ParsedManifests &file : std::as_const(parsed))
        scopes.addDefinitions(file.resources);

    // Origins are traced only where no kustomization asks for build metadata itself:
    // then the live objects carry none, and removing ours hides nothing.
    const bool traceOrigins =
        std::none_of(kustomizations.cbegin(), kustomizations.cend(),
                     [](const QByteArray &bytes) { return bytes.contains("buildMetadata"); });
    QString checkoutFolder;
    std::unique_ptr<QTemporaryDir> checkout;
    QHash<manifest::ResourceId, QString> seen; // id -> "file:line (app)"
    for (const App &app : discovery.apps) {
        if (m_stopRequested ? m_stopRequested()
                            : QThread::currentThread()->isInterruptionRequested())
            break; // nobody will look at the result
        AppDesiredState appState;
        appState.app = app;
        appState.notes += app.notes;
        const rendering::FileFilter reads(app);

        for (const QString &folder : app.paths) {
            const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
            const bool exists = folders.contains(folder);
            if (!exists) {
                appState.setError(rendering::folderMissingError(folder));
                continue;
            }
            if (pathSet.contains(prefix + QLatin1String("Chart.yaml"))) {
                appState.renderer = AppDesiredState::Renderer::Helm;
                appState.setError(rendering::helmChartError(folder));
                continue;
            }
            const QString kustomization = kustomizationFileIn(folder, pathSet);
            if (!kustomization.isEmpty()) {
                appState.renderer = AppDesiredState::Renderer::Kustomize;
                const RenderedPointer output =
                    rendered(files, contentKey, folder, kustomization, traceOrigins,
                             app.kustomizeOverrides.value(folder), &checkoutFolder, checkout);
                if (!output->error.isEmpty())
                    appState.setError(output->error);
                for (const QString &part : output->unsupported)
                    appState.notes.append(rendering::unsupportedOverrideNote(app, part));
                for (Resource resource : output->parsed.resources) {
                    if (const ParsedManifests *source = sourceOf(resource.file))
                        resource.line = sourceLine(resource, *source);
                    appState.resources.append(std::move(resource));
                }
                appState.notes += output->parsed.notes;
                continue;
            }
            if (app.kustomizeOverrides.contains(folder))
                appState.notes.append(rendering::overridesWithoutKustomizationNote(app, folder));
            // parsed is sorted by path, so a folder's files are one range of it.
            for (auto it = parsed.lowerBound(prefix);
                 it != parsed.cend() && it.key().startsWith(prefix); ++it) {
                if (!reads.reads(it.key(), folder))
                    continue;
                appState.resources += it->resources;
                appState.notes += it->notes;
            }
            // Files that are neither manifests nor known are not mentioned: a README next
            // to the manifests is normal.
        }

        if (!app.postBuild.isEmpty())
            rendering::substitutePostBuild(appState);
        for (Resource &resource : appState.resources) {
            rendering::resolveNamespace(resource, scopes, app);
            const QString where =
                resource.location() + QLatin1String(" (") + app.name + QLatin1Char(')');
            if (resource.untrackable)
                continue; // the server names it: two of them are two objects
            const auto found = seen.constFind(resource.id);
            if (found != seen.cend())
                state.conflicts.append(ResourceConflict{resource.id, found.value(), where});
            else
                seen.insert(resource.id, where);
        }
        state.apps.append(std::move(appState));
    }
    qCDebug(lcWorkspace) << "read" << revision.spec << ":" << state.apps.size() << "apps,"
                         << m_parseCount << "parses so far";
    return state;
}

} // namespace gitops
