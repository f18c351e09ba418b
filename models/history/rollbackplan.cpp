#include "rollbackplan.h"

#include "history/apphistory.h"

#include <QJsonArray>

#include <algorithm>

namespace gitops::history {

namespace {

bool isUnderAny(const QString &path, const QStringList &folders)
{
    return std::any_of(folders.cbegin(), folders.cend(), [&](const QString &folder) {
        return folder.isEmpty() || path.startsWith(folder + u'/');
    });
}

git::Revision revisionOf(const QString &commit)
{
    git::Revision revision;
    revision.commitId = commit;
    return revision;
}

} // namespace

std::variant<RollbackPlan, QString> restoreInputs(const git::Repository &repository, const App &app,
                                                  const QString &revision, const QString &tip)
{
    RollbackPlan plan;
    plan.tip = tip;
    const auto resolved = repository.resolve(revision);
    if (const auto *message = std::get_if<QString>(&resolved))
        return *message;
    plan.revision = std::get<git::Revision>(resolved).commitId;
    const auto info = repository.commit(plan.revision);
    if (const auto *message = std::get_if<QString>(&info))
        return *message;
    plan.subject = std::get<git::CommitInfo>(info).summary;

    const AppHistory history(app);
    QStringList inputs;
    for (const QString &commit : {tip, plan.revision}) {
        const auto paths = history.inputPaths(repository, commit);
        if (const auto *message = std::get_if<QString>(&paths))
            return *message;
        for (const QString &path : std::get<QStringList>(paths)) {
            if (!inputs.contains(path))
                inputs << path;
        }
    }
    // Folders first, shortest first, so that a path inside a restored folder is not
    // restored again.
    std::sort(inputs.begin(), inputs.end(),
              [](const QString &a, const QString &b) { return a.size() < b.size(); });
    const auto atTip = repository.entryIds(tip, inputs);
    if (const auto *message = std::get_if<QString>(&atTip))
        return *message;
    const auto atRevision = repository.entryIds(plan.revision, inputs);
    if (const auto *message = std::get_if<QString>(&atRevision))
        return *message;
    const git::Revision tipRevision = revisionOf(tip);
    const git::Revision oldRevision = revisionOf(plan.revision);
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QString &path = inputs.at(i);
        const QString &now = std::get<QStringList>(atTip).at(i);
        const QString &then = std::get<QStringList>(atRevision).at(i);
        if (now == then || isUnderAny(path, plan.restoredFolders))
            continue;
        const auto oldFiles = repository.files(oldRevision, path);
        if (const auto *message = std::get_if<QString>(&oldFiles))
            return *message;
        const auto newFiles = repository.files(tipRevision, path);
        if (const auto *message = std::get_if<QString>(&newFiles))
            return *message;
        const bool folderThen = !std::get<QList<git::TreeFile>>(oldFiles).isEmpty();
        const bool folderNow = !std::get<QList<git::TreeFile>>(newFiles).isEmpty();
        if (folderThen || (folderNow && then.isEmpty())) {
            plan.restoredFolders << path; // restoring a folder REV lacks removes it
        } else if (!then.isEmpty()) {
            const auto bytes = repository.read(git::TreeFile{path, then, {}, false});
            if (const auto *message = std::get_if<QString>(&bytes))
                return *message;
            plan.files.insert(path, std::get<QByteArray>(bytes));
        } else {
            plan.removedFiles << path;
        }
    }

    return plan;
}

std::variant<RollbackPlan, QString> planRollback(const git::Repository &repository, const App &app,
                                                 const QString &revision, const QString &tip,
                                                 const git::JobControl &control)
{
    auto planned = restoreInputs(repository, app, revision, tip);
    if (const auto *message = std::get_if<QString>(&planned))
        return *message;
    RollbackPlan plan = std::get<RollbackPlan>(std::move(planned));
    const AppHistory history(app);
    // The app's commits between REV and the tip: what the rollback undoes.
    HistoryCursor cursor{tip, {}};
    bool found = false;
    while (!cursor.atEnd() && !found && plan.undone.size() < 1000) {
        const auto page = history.page(repository, cursor, 100, control);
        if (const auto *message = std::get_if<QString>(&page))
            return *message;
        for (const HistoryEntry &entry : std::get<HistoryPage>(page).commits) {
            if (entry.id == plan.revision) {
                found = true;
                break;
            }
            plan.undone << entry.id.left(8) + u' ' + entry.subject;
        }
        cursor = std::get<HistoryPage>(page).next;
    }
    plan.undoneComplete = found;
    return plan;
}

std::variant<QList<RollbackFile>, QString> rollbackFiles(const git::Repository &repository,
                                                         const RollbackPlan &plan)
{
    QMap<QString, RollbackFile> files;
    const auto readAt = [&](const QString &commit,
                            const QString &path) -> std::variant<QByteArray, QString> {
        const auto ids = repository.entryIds(commit, {path});
        if (const auto *message = std::get_if<QString>(&ids))
            return *message;
        const QString id = std::get<QStringList>(ids).constFirst();
        if (id.isEmpty())
            return QByteArray();
        return repository.read(git::TreeFile{path, id, {}, false});
    };
    for (const QString &folder : plan.restoredFolders) {
        const auto before = repository.files(revisionOf(plan.tip), folder);
        if (const auto *message = std::get_if<QString>(&before))
            return *message;
        const auto after = repository.files(revisionOf(plan.revision), folder);
        if (const auto *message = std::get_if<QString>(&after))
            return *message;
        QHash<QString, QString> beforeIds;
        for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(before))
            beforeIds.insert(file.path, file.blobId);
        for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(after)) {
            const QString old = beforeIds.take(file.path);
            if (old == file.blobId)
                continue;
            RollbackFile changed{file.path, {}, {}, false};
            if (!old.isEmpty()) {
                const auto bytes = repository.read(git::TreeFile{file.path, old, {}, false});
                if (const auto *message = std::get_if<QString>(&bytes))
                    return *message;
                changed.before = std::get<QByteArray>(bytes);
            }
            const auto bytes = repository.read(file);
            if (const auto *message = std::get_if<QString>(&bytes))
                return *message;
            changed.after = std::get<QByteArray>(bytes);
            files.insert(file.path, changed);
        }
        for (auto it = beforeIds.cbegin(); it != beforeIds.cend(); ++it) {
            const auto bytes = repository.read(git::TreeFile{it.key(), it.value(), {}, false});
            if (const auto *message = std::get_if<QString>(&bytes))
                return *message;
            files.insert(it.key(), RollbackFile{it.key(), std::get<QByteArray>(bytes), {}, true});
        }
    }
    for (auto it = plan.files.cbegin(); it != plan.files.cend(); ++it) {
        const auto before = readAt(plan.tip, it.key());
        if (const auto *message = std::get_if<QString>(&before))
            return *message;
        files.insert(it.key(),
                     RollbackFile{it.key(), std::get<QByteArray>(before), it.value(), false});
    }
    for (const QString &path : plan.removedFiles) {
        const auto before = readAt(plan.tip, path);
        if (const auto *message = std::get_if<QString>(&before))
            return *message;
        files.insert(path, RollbackFile{path, std::get<QByteArray>(before), {}, true});
    }
    return files.values();
}

QString mergeEffect(const App &app, const QHash<manifest::ResourceId, QJsonObject> &live)
{
    const auto it = app.definition.kind.isEmpty() ? live.cend() : live.constFind(app.definition);
    if (it == live.cend())
        return QStringLiteral("Merging it lets the app's controller apply it.");
    const QJsonObject spec = it->value(u"spec").toObject();
    if (app.definition.kind == u"Application") {
        const QJsonObject policy = spec.value(u"syncPolicy").toObject();
        if (policy.contains(u"automated") && !policy.value(u"automated").isNull())
            return QStringLiteral("On merge, Argo CD's auto-sync (Application %1) applies it.")
                .arg(app.definition.name);
        return QStringLiteral("On merge, the Application %1 needs a manual sync: its "
                              "syncPolicy has no automated sync.")
            .arg(app.definition.name);
    }
    if (app.definition.kind == u"Kustomization") {
        if (spec.value(u"suspend").toBool())
            return QStringLiteral("On merge, nothing happens until the Flux Kustomization %1 is "
                                  "resumed: it is suspended.")
                .arg(app.definition.name);
        return QStringLiteral("On merge, Flux applies it at the Kustomization %1's next "
                              "reconciliation.")
            .arg(app.definition.name);
    }
    return QStringLiteral("Merging it lets the app's controller apply it.");
}

QString rollbackDescription(const QString &appName, const RollbackPlan &plan, const QString &branch,
                            const QStringList &resources, const QString &effect)
{
    QString body =
        QStringLiteral("Rolls app %1 back to %2 (%3), on top of %4 at %5: the app's inputs are "
                       "restored to what they are at %2, every other path is left as %4 has "
                       "it.\n\n")
            .arg(appName, plan.revision, plan.subject, branch, plan.tip.left(12));
    if (!plan.undone.isEmpty()) {
        body += QStringLiteral("Undoes the app's commits since then:\n\n");
        for (const QString &commit : plan.undone)
            body += QStringLiteral("- %1\n").arg(commit);
        if (!plan.undoneComplete)
            body += QStringLiteral("- (%1 is not on %2's first-parent line: older ones too)\n")
                        .arg(plan.revision.left(8), branch);
        body += u'\n';
    }
    if (!resources.isEmpty()) {
        body += QStringLiteral("Resources that change:\n\n");
        for (const QString &resource : resources)
            body += QStringLiteral("- %1\n").arg(resource);
        body += u'\n';
    }
    QStringList paths = plan.restoredFolders;
    paths += plan.files.keys();
    paths += plan.removedFiles;
    body += QStringLiteral("Restored: %1\n\n%2 The console never writes to the cluster.\n")
                .arg(paths.join(QStringLiteral(", ")), effect);
    return body;
}

QString revertDescription(const QString &appName, const QStringList &commits, const QString &branch,
                          const QString &tip, const QStringList &conflicts, const QString &effect)
{
    QString body = QStringLiteral("Reverts, for app %1, on top of %2 at %3 (a real revert of "
                                  "these commits alone; the app's other commits stay):\n\n")
                       .arg(appName, branch, tip.left(12));
    for (const QString &commit : commits)
        body += QStringLiteral("- %1\n").arg(commit);
    body += u'\n';
    if (!conflicts.isEmpty()) {
        body += QStringLiteral("**Draft: to be resolved by hand before merging.** The revert "
                               "conflicts with later changes in these files, which this pull "
                               "request leaves as %1 has them at %2 (no conflict markers; the "
                               "rest of the revert is applied):\n\n")
                    .arg(branch, tip.left(12));
        for (const QString &conflict : conflicts)
            body += QStringLiteral("- [ ] %1\n").arg(conflict);
        body += u'\n';
    }
    body += QStringLiteral("%1 The console never writes to the cluster.\n").arg(effect);
    return body;
}

} // namespace gitops::history
