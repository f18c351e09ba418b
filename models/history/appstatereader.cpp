#include "appstatereader.h"

#include "manifest/kustomizerenderer.h"
#include "manifest/resourcescopes.h"
#include "workspace/appdiscovery.h"
#include "workspace/apprendering.h"
#include "workspace/desiredstatereader.h"
#include "workspace/workspacefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

namespace gitops::history {

using manifest::Resource;
using manifest::ResourceScopes;
using manifest::SourceNote;

AppStateReader::AppStateReader(const git::Repository &repository, App app)
    : m_repository(repository)
    , m_app(std::move(app))
    , m_history(m_app)
{
    setCacheLimit(DefaultCacheLimit);
}

void AppStateReader::setCacheLimit(qsizetype bytes)
{
    m_states.setMaxCost(bytes / 2);
    m_parsedByBlob.setMaxCost(bytes - bytes / 2);
}

std::variant<AppStateReader::StatePointer, QString>
AppStateReader::read(const QString &commitId, const QStringList &paths,
                     const std::function<bool()> &stopRequested)
{
    const QStringList folders = paths.isEmpty() ? m_app.paths : paths;
    auto inputsOr = m_history.inputPaths(m_repository, commitId, folders);
    if (auto *message = std::get_if<QString>(&inputsOr))
        return *message;
    const QStringList &inputs = std::get<QStringList>(inputsOr);
    auto idsOr = m_repository.entryIds(commitId, inputs);
    if (auto *message = std::get_if<QString>(&idsOr))
        return *message;
    const QStringList &ids = std::get<QStringList>(idsOr);
    QString key = folders.join(u'\n') + u'\0';
    for (qsizetype i = 0; i < inputs.size(); ++i)
        key += inputs.at(i) + u'=' + ids.at(i) + u'\n';
    if (const StatePointer *found = m_states.object(key))
        return *found;

    // A state's objects are its files' (or its renders'), mostly shared with the parsed
    // files kept: costed as theirs, without walking them again.
    qsizetype bytes = qsizetype(sizeof(AppDesiredState));
    auto built = build(commitId, folders, inputs, ids, stopRequested, &bytes);
    if (auto *message = std::get_if<QString>(&built))
        return *message;
    auto state = std::make_shared<const AppDesiredState>(std::get<AppDesiredState>(built));
    ++m_buildCount;
    // A stopped renderer says nothing about the inputs: render them again next time.
    if (!(stopRequested && stopRequested()))
        m_states.insert(key, new StatePointer(state), bytes);
    return state;
}

AppStateReader::ParsedPointer AppStateReader::parsed(const git::TreeFile &file, QString *error,
                                                     qsizetype *cost)
{
    if (const CachedParse *found = m_parsedByBlob.object(file.blobId)) {
        *cost += found->bytes;
        return found->parsed;
    }
    auto bytes = m_repository.read(file);
    if (auto *message = std::get_if<QString>(&bytes)) {
        *error = *message;
        return nullptr;
    }
    auto result = std::make_shared<manifest::ParsedManifests>();
    const QByteArray &content = std::get<QByteArray>(bytes);
    if (content.size() > DesiredStateReader::MaximumFileSize || !manifest::looksLikeText(content))
        result->notes.append(SourceNote::of(
            SourceNote::Kind::Skipped, file.path, 0, 0,
            Text(QT_TRANSLATE_NOOP("gitops::Text", "not read (binary or larger than 5 MB)"))));
    else
        *result = manifest::parseManifests(content, file.path);
    const qsizetype bytesOfResult = approximateBytes(result->resources, result->notes);
    *cost += bytesOfResult;
    m_parsedByBlob.insert(file.blobId, new CachedParse{result, bytesOfResult}, bytesOfResult);
    return result;
}

std::variant<AppDesiredState, QString>
AppStateReader::build(const QString &commitId, const QStringList &paths, const QStringList &inputs,
                      const QStringList &inputIds, const std::function<bool()> &stopRequested,
                      qsizetype *bytes)
{
    AppDesiredState state;
    state.app = m_app;
    state.app.paths = paths;
    state.notes += m_app.notes;
    git::Revision revision;
    revision.spec = commitId;
    revision.commitId = commitId;

    const rendering::FileFilter reads(m_app);

    for (const QString &folder : paths) {
        const qsizetype index = inputs.indexOf(folder);
        if (index < 0 || inputIds.at(index).isEmpty()) {
            state.setError(rendering::folderMissingError(folder));
            continue;
        }
        auto listed = m_repository.files(revision, folder);
        if (auto *message = std::get_if<QString>(&listed))
            return *message;
        const QList<git::TreeFile> &files = std::get<QList<git::TreeFile>>(listed);
        const QString prefix = folder.isEmpty() ? QString() : folder + QLatin1Char('/');
        QSet<QString> own;
        for (const git::TreeFile &file : files)
            own.insert(file.path);
        if (own.contains(prefix + QLatin1String("Chart.yaml"))) {
            state.renderer = AppDesiredState::Renderer::Helm;
            state.setError(rendering::helmChartError(folder));
            continue;
        }
        const QString kustomization = kustomizationFileIn(folder, own);
        if (kustomization.isEmpty()) {
            if (m_app.kustomizeOverrides.contains(folder))
                state.notes.append(rendering::overridesWithoutKustomizationNote(m_app, folder));
            for (const git::TreeFile &file : files) {
                if (!reads.reads(file.path, folder) || !rendering::isManifestFile(file.path)
                    || isKustomizationFile(file.path) || file.path == workspaceFileName())
                    continue;
                QString error;
                const ParsedPointer parsedFile = parsed(file, &error, bytes);
                if (!parsedFile)
                    return error;
                for (Resource resource : parsedFile->resources) {
                    resource.file = file.path;
                    state.resources.append(std::move(resource));
                }
                for (SourceNote note : parsedFile->notes) {
                    note.file = file.path;
                    state.notes.append(std::move(note));
                }
            }
            continue;
        }

        // kustomize reads from disk and reaches outside the folder (../base): the app's
        // inputs, and nothing else of the commit, are written out for it.
        state.renderer = AppDesiredState::Renderer::Kustomize;
        QTemporaryDir checkout;
        if (!checkout.isValid())
            return QStringLiteral("cannot make a temporary folder: %1").arg(checkout.errorString());
        const QDir root(checkout.path());
        QSet<QString> written;
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            if (inputIds.at(i).isEmpty())
                continue;
            auto under = m_repository.files(revision, inputs.at(i));
            if (auto *message = std::get_if<QString>(&under))
                return *message;
            QList<git::TreeFile> toWrite = std::get<QList<git::TreeFile>>(under);
            if (toWrite.isEmpty()) // a file, not a folder
                toWrite.append(git::TreeFile{inputs.at(i), inputIds.at(i), {}, false});
            for (const git::TreeFile &file : std::as_const(toWrite)) {
                if (written.contains(file.path))
                    continue;
                written.insert(file.path);
                auto bytes = m_repository.read(file);
                if (auto *message = std::get_if<QString>(&bytes))
                    return *message;
                const QString target = root.filePath(file.path);
                QDir().mkpath(QFileInfo(target).absolutePath());
                QFile out(target);
                if (!out.open(QIODevice::WriteOnly) || out.write(std::get<QByteArray>(bytes)) < 0)
                    return QStringLiteral("%1: %2").arg(target, out.errorString());
            }
        }
        // An Argo CD Application's kustomize overrides, as the workspace applies them.
        if (const KustomizeOverrides overrides = m_app.kustomizeOverrides.value(folder);
            !overrides.isEmpty()) {
            QFile file(root.filePath(kustomization));
            if (!file.open(QIODevice::ReadOnly))
                return QStringLiteral("%1: %2").arg(kustomization, file.errorString());
            Text error;
            QStringList unsupported;
            const QByteArray edited = overrides.applyToFile(file.readAll(), &error, &unsupported);
            file.close();
            if (edited.isEmpty()) {
                state.setError(rendering::fileError(kustomization, error));
                continue;
            }
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(edited) < 0)
                return QStringLiteral("%1: %2").arg(kustomization, file.errorString());
            for (const QString &part : std::as_const(unsupported))
                state.notes.append(rendering::unsupportedOverrideNote(m_app, part));
        }
        const manifest::KustomizeOutput output = manifest::renderKustomization(
            folder.isEmpty() ? checkout.path() : root.filePath(folder), m_toolSearchPaths,
            stopRequested, checkout.path());
        if (!output.isValid()) {
            state.setError(output.error);
            continue;
        }
        manifest::ParsedManifests rendered = manifest::parseManifests(output.yaml, kustomization);
        *bytes += approximateBytes(rendered.resources, rendered.notes);
        for (Resource &resource : rendered.resources) {
            resource.line = 0;
            resource.fieldLines.clear();
            state.resources.append(std::move(resource));
        }
        state.notes += rendered.notes;
    }

    if (!m_app.postBuild.isEmpty() && state.error.isEmpty())
        rendering::substitutePostBuild(state);
    ResourceScopes scopes;
    scopes.addDefinitions(state.resources);
    for (Resource &resource : state.resources)
        rendering::resolveNamespace(resource, scopes, state.app);
    return state;
}

} // namespace gitops::history
