#include "renderedsource.h"

#include "git/repository.h"
#include "manifest/kustomizerenderer.h"
#include "manifest/manifestparser.h"
#include "manifest/resourcescopes.h"
#include "manifest/yamldocument.h"
#include "text.h"
#include "workspace/appdiscovery.h"
#include "workspace/apprendering.h"
#include "workspace/desiredstate.h"
#include "workspace/workspacefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>

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

// The renderer's message as words, whichever form the renderer gives it in.
[[maybe_unused]] QString inWords(const QString &message)
{
    return message;
}
[[maybe_unused]] QString inWords(const Text &message)
{
    return message.toString();
}

// A repository-relative path that stays inside the copy ("a/../b" is "b"); empty if not.
QString insideTree(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    if (clean.isEmpty() || clean == u"." || clean.startsWith(u'/') || clean == u".."
        || clean.startsWith(QLatin1String("../")))
        return {};
    return clean;
}

bool writeFile(const QString &target, const QByteArray &bytes, QString *error)
{
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(bytes) < 0) {
        *error = QStringLiteral("%1: %2").arg(QFileInfo(target).fileName(), out.errorString());
        return false;
    }
    return true;
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

RenderTree::~RenderTree() = default;

std::variant<std::shared_ptr<RenderTree>, QString>
RenderTree::write(const git::Repository &repository, const QString &revision,
                  const std::function<bool()> &stopRequested)
{
    const auto resolved = repository.resolve(revision);
    if (const auto *error = std::get_if<QString>(&resolved))
        return *error;
    const auto listed = repository.files(std::get<git::Revision>(resolved));
    if (const auto *error = std::get_if<QString>(&listed))
        return *error;
    std::shared_ptr<RenderTree> tree(new RenderTree);
    tree->m_revision = revision;
    tree->m_dir = std::make_unique<QTemporaryDir>();
    if (!tree->m_dir->isValid())
        return QCoreApplication::translate("gitops::change", "cannot make a temporary folder: %1")
            .arg(tree->m_dir->errorString());
    tree->m_root = QDir(tree->m_dir->path()).canonicalPath();
    const QDir root(tree->m_root);
    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(listed)) {
        if (stopRequested && stopRequested())
            return QCoreApplication::translate("gitops::change",
                                               "stopped before every file was copied");
        const QString path = insideTree(file.path);
        if (path.isEmpty())
            continue;
        const auto bytes = repository.read(file);
        if (const auto *error = std::get_if<QString>(&bytes))
            return *error;
        QString error;
        if (!writeFile(root.filePath(path), std::get<QByteArray>(bytes), &error))
            return error;
        tree->m_paths.insert(path);
    }
    return tree;
}

EditedRender RenderTree::render(const AppDesiredState &app,
                                const QMap<QString, std::optional<QByteArray>> &files,
                                const std::function<bool()> &cancelled,
                                const QStringList &toolSearchPaths) const
{
    EditedRender result;
    if (app.renderer == AppDesiredState::Renderer::Helm) {
        result.error = QCoreApplication::translate("gitops::change",
                                                   "Helm charts are not rendered by the console");
        return result;
    }
    const QMutexLocker locker(&m_mutex);
    const QDir root(m_root);
    // What the copy held before this render, to put back afterwards (nullopt: it was not
    // there).
    QMap<QString, std::optional<QByteArray>> saved;
    QSet<QString> paths = m_paths;
    const auto keep = [&](const QString &path) {
        if (saved.contains(path))
            return;
        if (!m_paths.contains(path)) {
            saved.insert(path, std::nullopt);
            return;
        }
        QFile file(root.filePath(path));
        saved.insert(path,
                     file.open(QIODevice::ReadOnly) ? std::optional(file.readAll()) : std::nullopt);
    };
    const auto restore = [&] {
        for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
            QString ignored;
            if (it.value())
                writeFile(root.filePath(it.key()), *it.value(), &ignored);
            else
                QFile::remove(root.filePath(it.key()));
        }
    };
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString path = insideTree(it.key());
        if (path.isEmpty())
            continue;
        keep(path);
        if (it.value()) {
            QString error;
            if (!writeFile(root.filePath(path), *it.value(), &error)) {
                restore();
                result.error = error;
                return result;
            }
            paths.insert(path);
        } else {
            QFile::remove(root.filePath(path));
            paths.remove(path);
        }
    }
    const auto read = [&](const QString &path) {
        QFile file(root.filePath(path));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };

    AppDesiredState state;
    state.app = app.app;
    state.renderer = app.renderer;
    const rendering::FileFilter reads(app.app);
    for (const QString &folder : app.app.paths) {
        const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
        if (paths.contains(prefix + QLatin1String("Chart.yaml"))) {
            result.error = QCoreApplication::translate(
                "gitops::change", "Helm charts are not rendered by the console");
            break;
        }
        const QString kustomization = kustomizationFileIn(folder, paths);
        if (kustomization.isEmpty()) {
            // A plain folder of the app: its manifests as they are after the change.
            QStringList sorted(paths.cbegin(), paths.cend());
            sorted.sort();
            for (const QString &path : std::as_const(sorted)) {
                if (!reads.reads(path, folder) || !rendering::isManifestFile(path)
                    || isKustomizationFile(path) || path == workspaceFileName())
                    continue;
                const manifest::ParsedManifests parsed = manifest::parseManifests(read(path), path);
                for (manifest::Resource resource : parsed.resources) {
                    resource.file = path;
                    state.resources.append(std::move(resource));
                }
            }
            continue;
        }
        if (const KustomizeOverrides overrides = app.app.kustomizeOverrides.value(folder);
            !overrides.isEmpty()) {
            keep(kustomization);
            Text refused;
            QStringList unsupported;
            const QByteArray edited =
                overrides.applyToFile(read(kustomization), &refused, &unsupported);
            if (edited.isEmpty()) {
                result.error = QStringLiteral("%1: %2").arg(kustomization, refused.toString());
                break;
            }
            QString error;
            if (!writeFile(root.filePath(kustomization), edited, &error)) {
                result.error = error;
                break;
            }
        }
        const manifest::KustomizeOutput output = manifest::renderKustomization(
            folder.isEmpty() ? m_root : root.filePath(folder), toolSearchPaths, cancelled);
        if (!output.isValid()) {
            result.cancelled = output.cancelled;
            result.error = inWords(output.error);
            result.error.replace(m_root + QLatin1Char('/'), QString());
            result.error.replace(m_root, QStringLiteral("."));
            break;
        }
        manifest::ParsedManifests rendered = manifest::parseManifests(output.yaml, kustomization);
        for (manifest::Resource &resource : rendered.resources) {
            resource.line = 0;
            resource.fieldLines.clear();
            state.resources.append(std::move(resource));
        }
    }
    restore();
    if (!result.error.isEmpty())
        return result;
    if (!state.app.postBuild.isEmpty()) {
        rendering::substitutePostBuild(state);
        if (!state.error.isEmpty()) {
            result.error = state.error;
            return result;
        }
    }
    manifest::ResourceScopes scopes;
    scopes.addDefinitions(app.resources);
    scopes.addDefinitions(state.resources);
    for (manifest::Resource &resource : state.resources)
        rendering::resolveNamespace(resource, scopes, state.app);
    result.resources = std::move(state.resources);
    return result;
}

} // namespace gitops::change
