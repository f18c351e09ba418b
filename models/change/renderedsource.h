#pragma once

#include "change/liveadoption.h"
#include "drift/difference.h"
#include "manifest/resource.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QTemporaryDir;

namespace gitops {
struct AppDesiredState;
namespace git {
class Repository;
} // namespace git
} // namespace gitops

namespace gitops::change {

/// One YAML document of a file in git that defines an object of a rendered resource's
/// kind and name: where a field of the rendered object may be written as it renders.
struct RenderedCandidate
{
    QString file;
    QByteArray bytes;
    int document = 0;
    QJsonValue value; ///< the document as parsed
};

/// The documents of @p bytes (the file @p file) that define a @p kind named @p name.
QList<RenderedCandidate> renderedCandidates(const QString &file, const QByteArray &bytes,
                                            const QString &kind, const QString &name);

/// The fields of a rendered resource to be edited in one document of one file.
struct RenderedHolder
{
    QString file;
    QByteArray bytes;
    int document = 0;
    QList<drift::Difference> differences;
};

/// Where the drifted fields of a rendered resource are written, and the fields refused.
struct RenderedSources
{
    QList<RenderedHolder> holders;
    QList<AdoptionRefusal> refusals;
};

/// For each of @p differences of a kustomize-rendered resource, the one of @p candidates
/// that literally holds the field's rendered value (issue 15, item 2): exactly one does →
/// that document is edited; none does → refused (a patch, a transformer or a generator
/// sets it); several do → refused (which one kustomize takes is not guessed); git does not
/// set the field at all → refused (which file it would go into is not guessed). A pure
/// function: the candidates' bytes are all it reads.
RenderedSources renderedSources(const QList<drift::Difference> &differences,
                                const QList<RenderedCandidate> &candidates);

/// What a kustomize app renders to with a change's files in place of git's (issue 15,
/// item 1): the objects, namespaces resolved as the window resolves them (the app's
/// destination; the context's namespace is not known here), or why it did not render (the
/// renderer's own message). A plain value.
struct EditedRender
{
    QList<manifest::Resource> resources;
    QString error;
    /// The render was stopped (cancelled() said so): say nothing of it.
    bool cancelled = false;
};

/// A temporary copy of every file of one revision, for rendering kustomize apps with a
/// pending change's files in place of git's: kustomize reads from disk and reaches outside
/// an app's folder (../base), so the whole tree is written out once, and each render writes
/// the change's files over the copy, runs the renderer and puts the copy back. Neither the
/// user's checkout nor git is ever written. render() is serialised by a mutex: one copy may
/// serve several threads.
class RenderTree
{
public:
    ~RenderTree();

    /// Writes the files of @p revision (a spec Repository::resolve() takes, the working copy's
    /// included) into a new temporary folder. Uses @p repository on the calling thread (a
    /// RepositoryWorker job); asks @p stopRequested between files. The message says why not.
    static std::variant<std::shared_ptr<RenderTree>, QString>
    write(const git::Repository &repository, const QString &revision,
          const std::function<bool()> &stopRequested = {});

    /// The revision the copy holds, as write() was given it.
    QString revision() const { return m_revision; }

    /// Renders @p app (its folders: kustomizations through the renderer, with the app's Argo
    /// CD kustomize overrides; plain folders parsed; Flux post-build substitution) with
    /// @p files (repository-relative path -> new bytes; nullopt: the change deletes it)
    /// written over the revision's. A Helm app is not rendered (its error says so). Blocks on
    /// the renderer (at most two minutes): call it on a worker thread. The renderer is killed
    /// once @p cancelled says so; tools are looked up in @p toolSearchPaths (empty: PATH).
    EditedRender render(const AppDesiredState &app,
                        const QMap<QString, std::optional<QByteArray>> &files,
                        const std::function<bool()> &cancelled = {},
                        const QStringList &toolSearchPaths = {}) const;

private:
    RenderTree() = default;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_root;
    QString m_revision;
    QSet<QString> m_paths;
    mutable QMutex m_mutex;
};

} // namespace gitops::change
