#pragma once

#include "git/jobcontrol.h"
#include "git/repository.h"
#include "manifest/resourceid.h"
#include "workspace/app.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <variant>

namespace gitops::history {

/// What rolling an app back to an older commit changes on top of the target branch tip:
/// folders restored, files written or removed, and the app's commits it undoes. A plain
/// value; the CLI's `rollback` and the window's timeline submit it alike.
struct RollbackPlan
{
    QString revision; ///< REV, full id
    QString subject; ///< REV's subject
    QString tip; ///< the target branch tip the plan was made on, full id
    QStringList restoredFolders;
    QMap<QString, QByteArray> files;
    QStringList removedFiles;
    QStringList undone; ///< "abc12345 subject", newest first
    bool undoneComplete = true; ///< REV was found on the tip's first-parent line

    /// The app's inputs on the tip are already REV's: nothing to roll back.
    bool isEmpty() const
    {
        return restoredFolders.isEmpty() && files.isEmpty() && removedFiles.isEmpty();
    }
};

/// What restoring the app's inputs to @p revision on top of @p tip changes: planRollback()
/// without the commits undone (RollbackPlan::undone stays empty). Synchronous.
std::variant<RollbackPlan, QString> restoreInputs(const git::Repository &repository, const App &app,
                                                  const QString &revision, const QString &tip);

/// The app's inputs (AppHistory::inputPaths() at @p tip and at @p revision) compared by
/// their git ids: what differs is restored (a folder), written (a file REV has) or removed
/// (a file only the tip has); every other path stays as @p tip has it. @p tip is a full id.
/// Synchronous: run it as a RepositoryWorker job.
std::variant<RollbackPlan, QString> planRollback(const git::Repository &repository, const App &app,
                                                 const QString &revision, const QString &tip,
                                                 const git::JobControl &control = {});

/// One file a plan changes, with its bytes on the tip and after the rollback.
struct RollbackFile
{
    QString path;
    QByteArray before; ///< empty when the tip lacks the file
    QByteArray after; ///< empty when the rollback removes it
    bool removed = false;
};

/// Every file @p plan changes, its restored folders listed file by file (what a review
/// shows), sorted by path. Synchronous: run it as a RepositoryWorker job.
std::variant<QList<RollbackFile>, QString> rollbackFiles(const git::Repository &repository,
                                                         const RollbackPlan &plan);

/// What merging a change of @p app makes its controller do, from the app's definition among
/// @p live (Argo CD `spec.syncPolicy.automated`, Flux `spec.suspend`), in one sentence;
/// a generic sentence when the definition is not among them. Pure.
QString mergeEffect(const App &app, const QHash<manifest::ResourceId, QJsonObject> &live);

/// The pull request's description of @p plan for app @p appName on @p branch: the from and
/// to ids, the commits undone, @p resources ("apps/Deployment web/frontend (changed)"), the
/// paths restored and @p effect (mergeEffect()). Pure.
QString rollbackDescription(const QString &appName, const RollbackPlan &plan, const QString &branch,
                            const QStringList &resources, const QString &effect);

/// The pull request's description of a revert for app @p appName on @p branch at @p tip:
/// @p commits ("id subject", newest first), and for a revert that conflicted the files left
/// as the tip has them, to be resolved by hand (@p conflicts, "path (reason)"), then @p effect
/// (mergeEffect()). Pure.
QString revertDescription(const QString &appName, const QStringList &commits, const QString &branch,
                          const QString &tip, const QStringList &conflicts, const QString &effect);

} // namespace gitops::history
