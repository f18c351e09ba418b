#pragma once

#include "git/repository.h"
#include "manifest/manifestparser.h"
#include "workspace/appdiscovery.h"
#include "workspace/desiredstate.h"

#include <QCache>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

namespace gitops {

/// Computes the DesiredState of any revision of one repository: lists its files, finds the
/// apps, parses or renders their manifests. Keeps what it parsed by blob id and what it
/// rendered by tree id, so a revision that differs from the last by one file parses one
/// file. Borrows the Repository (which must outlive it); like the repository, use it on
/// one thread only. read() blocks on git, parsing (spread over the global thread pool) and
/// renderers: call it off the GUI thread.
class DesiredStateReader
{
public:
    explicit DesiredStateReader(const git::Repository &repository);

    /// Reads the desired state at @p revision (from Repository::resolve()). Renderers are
    /// killed once @p stopRequested says so (default: the thread's interruption); what was
    /// read so far is returned then, and is not to be shown. @p clusterDefinitions: the
    /// cluster's Argo CD Applications, Flux Kustomizations and GitRepositories, when they
    /// could be listed; the apps they define for this repository win (mergeClusterApps()).
    /// @p onlyApp (the command line's `--app`): the state holds that app alone, and only it
    /// is parsed and rendered, so its conflicts are those within it; of the other files only
    /// those that find the apps are parsed (any that may define apps or kinds, and per
    /// folder the first that holds an object), so the apps found are the same. Every app is
    /// read when there is no such app, or when the others may hold the Argo CD Application
    /// that deploys it (its parent).
    DesiredState read(const git::Revision &revision,
                      const std::function<bool()> &stopRequested = {},
                      const std::optional<QList<QJsonObject>> &clusterDefinitions = std::nullopt,
                      const QString &onlyApp = {});

    /// Where renderers (kustomize, kubectl) are looked for; empty means PATH.
    void setToolSearchPaths(const QStringList &paths) { m_toolSearchPaths = paths; }

    /// How many files were parsed and how many renderer runs made since construction
    /// (the rest came from the caches).
    int parseCount() const { return m_parseCount; }
    int renderCount() const { return m_renderCount; }

    /// What is kept parsed and rendered for the next read() is bounded by its size, about
    /// this many bytes each (approximateBytes()), the least recently used going first.
    static constexpr qsizetype ParsedCacheLimit = 128 * 1024 * 1024;
    static constexpr qsizetype RenderedCacheLimit = 64 * 1024 * 1024;
    /// What both caches hold now, in approximateBytes().
    qsizetype cachedBytes() const
    {
        return m_parsedByBlob.totalCost() + m_renderedByTree.totalCost();
    }

    /// Files larger than this are skipped with a note (5 MB, issue 5).
    static constexpr qsizetype MaximumFileSize = 5 * 1024 * 1024;

private:
    using ParsedPointer = std::shared_ptr<const manifest::ParsedManifests>;
    struct Rendered
    {
        manifest::ParsedManifests parsed;
        Text error;
        /// Parts of an Application's kustomize overrides the console does not apply.
        QStringList unsupported;
    };
    using RenderedPointer = std::shared_ptr<const Rendered>;

    struct ParseJob
    {
        QString blobId;
        QByteArray bytes;
    };
    /// Parses every manifest file of @p files not in the cache yet, on the thread pool.
    void parseUncached(const QList<git::TreeFile> &files);
    /// Parses @p jobs on the thread pool into the cache.
    void parse(const QList<ParseJob> &jobs);
    /// The manifest files of @p files that discoverApps() and the scopes of kinds need
    /// parsed (in the cache once this returns): every one that may define apps or kinds,
    /// and with @p findFolders, per folder enough to tell whether it holds an object.
    QList<git::TreeFile> filesToFindApps(const QList<git::TreeFile> &files, bool findFolders);
    ParsedPointer parsedFile(const git::TreeFile &file);
    RenderedPointer rendered(const QList<git::TreeFile> &files, const QString &contentKey,
                             const QString &folder, const QString &kustomizationFile,
                             bool traceOrigins, const KustomizeOverrides &overrides,
                             QString *checkoutFolder, std::unique_ptr<QTemporaryDir> &checkout);

    const git::Repository &m_repository;
    QCache<QString, ParsedPointer> m_parsedByBlob{ParsedCacheLimit}; // blob id -> parse
    QCache<QString, RenderedPointer> m_renderedByTree{RenderedCacheLimit}; // tree id + folder
    QStringList m_toolSearchPaths;
    std::function<bool()> m_stopRequested; // of the read() in progress
    int m_parseCount = 0;
    int m_renderCount = 0;
};

} // namespace gitops
