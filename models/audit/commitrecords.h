#pragma once

#include "audit/auditlog.h"
#include "git/jobcontrol.h"
#include "git/repository.h"
#include "workspace/app.h"

#include <QList>
#include <QString>

#include <variant>

namespace gitops::audit {

/// The commits of @p app's history (history::AppHistory: first-parent, only those that
/// change what the app renders) from @p revision, newest first, at most @p maxCommits
/// (@p truncated says whether there were more), each with its committer, whether it carries
/// a signature and its page on the forge that @p remoteUrl names (none for an unknown one).
/// Synchronous; uses @p repository on the caller's thread (a RepositoryWorker job).
std::variant<QList<CommitRecord>, QString>
readCommitRecords(const git::Repository &repository, const App &app, const QString &revision,
                  int maxCommits, const QString &remoteUrl, bool *truncated = nullptr,
                  const git::JobControl &control = {});

/// The page of commit @p id on the forge of @p remoteUrl, or "" when its forge is unknown.
QString commitLink(const QString &remoteUrl, const QString &id);

} // namespace gitops::audit
