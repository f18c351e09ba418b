#pragma once

#include "git/jobcontrol.h"
#include "git/repository.h"
#include "workspace/app.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

namespace gitops::history {

/// One commit of an app's history. A plain value; safe to copy between threads.
struct HistoryEntry
{
    QString id;
    QString subject;
    QString authorName;
    QString authorEmail;
    QDateTime authorTime;
    QDateTime commitTime;
    QStringList parentIds;
    /// Parents merged into the first-parent line (0 for an ordinary commit): a merge whose
    /// merged side changed the app. Its merged commits are parentIds[1..].
    int mergedParentCount = 0;
    /// The app's folders moved here: the paths before this commit (empty when they did not).
    QStringList renamedFrom;
};

/// Where a page of history starts: a commit (any revision spec for the first page) and the
/// app's paths there, which differ from the app's own once the walk has passed a rename.
struct HistoryCursor
{
    QString commit;
    QStringList paths; ///< empty: the app's own paths
    bool atEnd() const { return commit.isEmpty(); }
};

/// Up to the asked number of commits, newest first, and where the next page starts.
struct HistoryPage
{
    QList<HistoryEntry> commits;
    HistoryCursor next; ///< atEnd(): the walk reached the app's first commit
    /// The walk was interrupted: commits holds what was found before, next resumes.
    bool stopped = false;
    /// With AppHistory::setMergedCommits(): for each merge among commits (by its id), the
    /// commits it brought into the first-parent line (reachable from its other parents, not
    /// from its first) that change the app, newest first. A merge absent here merged none.
    QHash<QString, QList<HistoryEntry>> merged;
};

/// The commits that change what one app renders, in first-parent order: commits where the
/// git id (tree for a folder, blob for a file) of one of the app's inputs differs from the
/// first parent's, no blob diffs. Inputs are the app's folders; for a kustomization, also
/// every path its `resources`, `bases`, `components`, `crds`, patches and generator files
/// reach (transitively, recomputed where a reached kustomization file changes); and the
/// file that defines the app (gitops-console.yaml, an Argo CD Application, a Flux
/// Kustomization), when the app's own entry in it changes. A non-recursive plain folder
/// counts only changes to its own manifest files, so a nested app's commits stay out.
/// A folder that disappears is followed to the folder holding most of its files (a rename).
/// A plain value; page() is synchronous and uses the repository on the caller's thread:
/// callers run it as a RepositoryWorker job.
class AppHistory
{
public:
    explicit AppHistory(App app);

    /// page() also lists what each merge merged that changes the app (HistoryPage::merged),
    /// which reads the merged side's commits too. Off by default.
    void setMergedCommits(bool on) { m_mergedCommits = on; }

    /// Up to @p count commits from @p from, checking @p control between commits.
    std::variant<HistoryPage, QString> page(const git::Repository &repository,
                                            const HistoryCursor &from, int count,
                                            const git::JobControl &control = {}) const;

    /// What decides what the app renders at commit @p commitId (a full id) when its folders
    /// there are @p paths (empty: the app's own): those folders, every path its
    /// kustomizations reach, and where a kustomization file could appear. Two commits where
    /// their git ids (Repository::entryIds) are equal render the app the same.
    std::variant<QStringList, QString> inputPaths(const git::Repository &repository,
                                                  const QString &commitId,
                                                  const QStringList &paths = {}) const;

private:
    App m_app;
    bool m_mergedCommits = false;
};

} // namespace gitops::history
