#pragma once

#include "git/repository.h"
#include "history/apphistory.h"
#include "manifest/manifestparser.h"
#include "workspace/desiredstate.h"

#include <QCache>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <variant>

namespace gitops::history {

/// The desired state of one app at any commit, read from the app's own inputs only (its
/// folders and what its kustomizations reach, AppHistory::inputPaths()), never the whole
/// repository: plain manifests are parsed once per blob id, and a whole state is kept by the
/// git ids of those inputs, so commits that do not change what the app renders share one
/// state and a kustomization is rendered once per distinct input. Namespaces are resolved as
/// DesiredStateReader resolves them (the app's destination; the context's comes later, with
/// resolveDefaultNamespaces()). Borrows the repository, which must outlive it; use both on
/// one thread (a RepositoryWorker job). read() may run a renderer: never on the GUI thread.
class AppStateReader
{
public:
    AppStateReader(const git::Repository &repository, App app);

    using StatePointer = std::shared_ptr<const AppDesiredState>;

    /// The app's state at commit @p commitId (a full id) when its folders there are
    /// @p paths (empty: the app's own). An app that cannot be rendered at that commit (a
    /// kustomize error, a missing folder) has its error set; the variant's message is for git
    /// failures. A renderer is killed once @p stopRequested says so.
    std::variant<StatePointer, QString> read(const QString &commitId, const QStringList &paths = {},
                                             const std::function<bool()> &stopRequested = {});

    /// Where renderers (kustomize, kubectl) are looked for; empty means PATH.
    void setToolSearchPaths(const QStringList &paths) { m_toolSearchPaths = paths; }

    /// States built since construction (the others came from the cache), for tests.
    int buildCount() const { return m_buildCount; }

    /// The states and parsed files kept for the next read() are bounded by their size: about
    /// this many bytes in all (approximateBytes()), the least recently used going first, so
    /// walking a long history keeps memory flat. 64 MB unless set.
    void setCacheLimit(qsizetype bytes);
    qsizetype cacheLimit() const { return m_states.maxCost() + m_parsedByBlob.maxCost(); }
    /// What the caches hold now, in approximateBytes(); at most cacheLimit().
    qsizetype cachedBytes() const { return m_states.totalCost() + m_parsedByBlob.totalCost(); }
    /// How many states are kept.
    qsizetype cachedStates() const { return m_states.count(); }

    static constexpr qsizetype DefaultCacheLimit = 64 * 1024 * 1024;

private:
    using ParsedPointer = std::shared_ptr<const manifest::ParsedManifests>;

    /// A parsed file with its approximateBytes(), so that a state made of it costs no
    /// second walk over its objects.
    struct CachedParse
    {
        ParsedPointer parsed;
        qsizetype bytes = 0;
    };

    /// Adds the approximateBytes() of what the state holds to @p bytes.
    std::variant<AppDesiredState, QString> build(const QString &commitId, const QStringList &paths,
                                                 const QStringList &inputs,
                                                 const QStringList &inputIds,
                                                 const std::function<bool()> &stopRequested,
                                                 qsizetype *bytes);
    ParsedPointer parsed(const git::TreeFile &file, QString *error, qsizetype *cost);

    const git::Repository &m_repository;
    App m_app;
    AppHistory m_history;
    // Half each. A state shares its resources with the parsed files it was made of: both
    // count them, so the bound holds however they overlap.
    QCache<QString, StatePointer> m_states; // inputKey -> state
    QCache<QString, CachedParse> m_parsedByBlob;
    QStringList m_toolSearchPaths;
    int m_buildCount = 0;
};

} // namespace gitops::history
