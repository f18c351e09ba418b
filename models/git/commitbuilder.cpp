#include "commitbuilder.h"

#include "git/commitsigner.h"
#include "git/libgit2.h"
#include "git/repository.h"
#include "logging.h"

#include <QSet>

#include <algorithm>
#include <optional>

namespace gitops::git {

namespace {

using DiffHandle = std::unique_ptr<git_diff, Deleter<git_diff, git_diff_free>>;

CommitError failure(const QString &message)
{
    return CommitError{message, {}};
}

QString shortId(const git_oid &oid)
{
    return oidToString(oid).left(7);
}

/// A path inside the repository: relative, '/'-separated, no "." or ".." steps, nothing in
/// a ".git" folder. Returns the reason when it is not one.
QString pathProblem(const QString &path, bool folderAllowedEmpty)
{
    if (path.isEmpty())
        return folderAllowedEmpty ? QString() : QStringLiteral("an empty path");
    if (path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
        return QStringLiteral("\u201c%1\u201d is not a path inside the repository").arg(path);
    const QStringList steps = path.split(QLatin1Char('/'));
    for (const QString &step : steps) {
        if (step.isEmpty() || step == QLatin1String(".") || step == QLatin1String(".."))
            return QStringLiteral("\u201c%1\u201d is not a path inside the repository").arg(path);
        if (step.compare(QLatin1String(".git"), Qt::CaseInsensitive) == 0)
            return QStringLiteral("\u201c%1\u201d is inside a .git folder").arg(path);
    }
    return {};
}

std::variant<CommitHandle, QString> lookupCommit(Repository &repository, const QString &spec,
                                                 const QString &what)
{
    const auto resolved = repository.resolve(spec);
    if (const auto *message = std::get_if<QString>(&resolved))
        return QStringLiteral("%1: %2").arg(what, *message);
    const Revision &revision = std::get<Revision>(resolved);
    git_oid oid;
    if (revision.workingCopy || !oidFromString(&oid, revision.commitId))
        return QStringLiteral("%1 \u201c%2\u201d is not a commit").arg(what, spec);
    git_commit *raw = nullptr;
    const int rc = git_commit_lookup(&raw, repository.handle(), &oid);
    if (rc < 0)
        return QStringLiteral("%1 %2: %3").arg(what, spec, lastErrorMessage(rc));
    return CommitHandle(raw);
}

std::variant<TreeHandle, QString> treeOf(git_commit *commit)
{
    git_tree *raw = nullptr;
    const int rc = git_commit_tree(&raw, commit);
    if (rc < 0)
        return QStringLiteral("tree of %1: %2")
            .arg(shortId(*git_commit_id(commit)), lastErrorMessage(rc));
    return TreeHandle(raw);
}

bool hasEntriesUnder(git_index *index, const QByteArray &folder)
{
    size_t position = 0;
    const QByteArray prefix = folder + '/';
    return git_index_find_prefix(&position, index, prefix.constData()) == 0;
}

struct TreeCopy
{
    git_index *index;
    QByteArray prefix;
    int rc = 0;
};

int addToIndex(const char *root, const git_tree_entry *entry, void *payload)
{
    auto *copy = static_cast<TreeCopy *>(payload);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
        return 0;
    const QByteArray path = copy->prefix + root + git_tree_entry_name(entry);
    git_index_entry indexEntry = {};
    indexEntry.mode = git_tree_entry_filemode(entry);
    indexEntry.id = *git_tree_entry_id(entry);
    indexEntry.path = path.constData();
    copy->rc = git_index_add(copy->index, &indexEntry);
    return copy->rc < 0 ? -1 : 0;
}

/// Applies one edit to the in-memory index; returns the reason when it cannot.
QString apply(git_repository *repository, git_index *index, Repository &owner, const FileEdit &edit)
{
    const QString problem = pathProblem(edit.path, edit.kind == FileEdit::Kind::RestoreFolder);
    if (!problem.isEmpty())
        return problem;
    const QByteArray path = edit.path.toUtf8();
    int rc = 0;
    switch (edit.kind) {
    case FileEdit::Kind::Write: {
        if (hasEntriesUnder(index, path))
            return QStringLiteral("%1 is a folder in the base").arg(edit.path);
        // A file where a parent folder should be would be silently replaced by git_index_add.
        for (qsizetype slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1))
            if (git_index_get_bypath(index, path.left(slash).constData(), 0))
                return QStringLiteral("%1 is a file in the base, not a folder")
                    .arg(QString::fromUtf8(path.left(slash)));
        git_index_entry entry = {};
        const git_index_entry *existing = git_index_get_bypath(index, path.constData(), 0);
        entry.mode = existing
            ? existing->mode
            : uint32_t(edit.executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB);
        if (entry.mode != GIT_FILEMODE_BLOB && entry.mode != GIT_FILEMODE_BLOB_EXECUTABLE)
            return QStringLiteral("%1 is not a regular file in the base").arg(edit.path);
        rc = git_blob_create_from_buffer(&entry.id, repository, edit.content.constData(),
                                         size_t(edit.content.size()));
        if (rc < 0)
            return QStringLiteral("writing %1: %2").arg(edit.path, lastErrorMessage(rc));
        entry.path = path.constData();
        rc = git_index_add(index, &entry);
        if (rc < 0)
            return QStringLiteral("adding %1: %2").arg(edit.path, lastErrorMessage(rc));
        return {};
    }
    case FileEdit::Kind::Remove:
        if (git_index_get_bypath(index, path.constData(), 0))
            rc = git_index_remove(index, path.constData(), 0);
        else if (hasEntriesUnder(index, path))
            rc = git_index_remove_directory(index, path.constData(), 0);
        else
            return QStringLiteral("%1 is not in the base").arg(edit.path);
        if (rc < 0)
            return QStringLiteral("removing %1: %2").arg(edit.path, lastErrorMessage(rc));
        return {};
    case FileEdit::Kind::RestoreFolder: {
        auto source = lookupCommit(owner, edit.sourceRevision, QStringLiteral("restoring from"));
        if (const auto *message = std::get_if<QString>(&source))
            return *message;
        auto sourceTree = treeOf(std::get<CommitHandle>(source).get());
        if (const auto *message = std::get_if<QString>(&sourceTree))
            return *message;
        TreeHandle tree = std::move(std::get<TreeHandle>(sourceTree));
        if (path.isEmpty()) {
            rc = git_index_read_tree(index, tree.get());
            if (rc < 0)
                return QStringLiteral("restoring from %1: %2")
                    .arg(edit.sourceRevision, lastErrorMessage(rc));
            return {};
        }
        if (git_index_get_bypath(index, path.constData(), 0))
            rc = git_index_remove(index, path.constData(), 0);
        if (rc >= 0)
            rc = git_index_remove_directory(index, path.constData(), 0);
        if (rc < 0)
            return QStringLiteral("restoring %1: %2").arg(edit.path, lastErrorMessage(rc));
        git_tree_entry *rawEntry = nullptr;
        rc = git_tree_entry_bypath(&rawEntry, tree.get(), path.constData());
        if (rc == GIT_ENOTFOUND)
            return {}; // the folder did not exist there: restoring it removes it
        if (rc < 0)
            return QStringLiteral("restoring %1: %2").arg(edit.path, lastErrorMessage(rc));
        const TreeEntryHandle entry(rawEntry);
        if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
            return QStringLiteral("%1 is not a folder in %2").arg(edit.path, edit.sourceRevision);
        git_object *rawObject = nullptr;
        rc = git_tree_entry_to_object(&rawObject, repository, entry.get());
        if (rc < 0)
            return QStringLiteral("restoring %1: %2").arg(edit.path, lastErrorMessage(rc));
        const ObjectHandle subtree(rawObject);
        TreeCopy copy{index, path + '/'};
        rc = git_tree_walk(reinterpret_cast<git_tree *>(subtree.get()), GIT_TREEWALK_PRE,
                           addToIndex, &copy);
        if (rc < 0)
            return QStringLiteral("restoring %1: %2")
                .arg(edit.path, lastErrorMessage(copy.rc < 0 ? copy.rc : rc));
        return {};
    }
    }
    return QStringLiteral("unknown edit of %1").arg(edit.path);
}

std::variant<SignatureHandle, QString> signatureFrom(const Identity &identity)
{
    git_signature *raw = nullptr;
    const QByteArray name = identity.name.toUtf8();
    const QByteArray email = identity.email.toUtf8();
    const int rc = identity.when.isValid()
        ? git_signature_new(&raw, name.constData(), email.constData(),
                            git_time_t(identity.when.toSecsSinceEpoch()),
                            identity.when.offsetFromUtc() / 60)
        : git_signature_now(&raw, name.constData(), email.constData());
    if (rc < 0)
        return QStringLiteral("%1 <%2>: %3")
            .arg(identity.name, identity.email, lastErrorMessage(rc));
    return SignatureHandle(raw);
}

/// Author and committer: the request's, else the environment's and git config's.
std::variant<std::pair<SignatureHandle, SignatureHandle>, QString>
signatures(git_repository *repository, const std::optional<Identity> &author,
           const std::optional<Identity> &committer)
{
    SignatureHandle defaultAuthor;
    SignatureHandle defaultCommitter;
    if (!author || !committer) {
        git_signature *rawAuthor = nullptr;
        git_signature *rawCommitter = nullptr;
        const int rc = git_signature_default_from_env(&rawAuthor, &rawCommitter, repository);
        if (rc == GIT_ENOTFOUND)
            return QStringLiteral(
                "no author for the commit: set user.name and user.email in git config "
                "(git config --global user.name \"Your Name\"; git config --global user.email "
                "you@example.com)");
        if (rc < 0)
            return QStringLiteral("author of the commit: %1").arg(lastErrorMessage(rc));
        defaultAuthor.reset(rawAuthor);
        defaultCommitter.reset(rawCommitter);
    }
    std::pair<SignatureHandle, SignatureHandle> result{std::move(defaultAuthor),
                                                       std::move(defaultCommitter)};
    if (author) {
        auto made = signatureFrom(*author);
        if (const auto *message = std::get_if<QString>(&made))
            return *message;
        result.first = std::move(std::get<SignatureHandle>(made));
    }
    if (committer) {
        auto made = signatureFrom(*committer);
        if (const auto *message = std::get_if<QString>(&made))
            return *message;
        result.second = std::move(std::get<SignatureHandle>(made));
    }
    return result;
}

QString messageOf(const QString &subject, const QString &body)
{
    QString message = subject.trimmed();
    const QString paragraphs = body.trimmed();
    if (!paragraphs.isEmpty())
        message += QLatin1String("\n\n") + paragraphs;
    return message + QLatin1Char('\n');
}

QStringList changedPaths(git_repository *repository, git_tree *before, git_tree *after)
{
    git_diff *raw = nullptr;
    if (git_diff_tree_to_tree(&raw, repository, before, after, nullptr) < 0) {
        qCWarning(lcGit) << "listing the changed files:" << lastErrorMessage(-1);
        return {};
    }
    const DiffHandle diff(raw);
    QStringList paths;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i)
        paths << QString::fromUtf8(git_diff_get_delta(diff.get(), i)->new_file.path);
    std::sort(paths.begin(), paths.end());
    return paths;
}

/// Writes the commit of @p treeOid on @p base and creates the branch, unless it exists.
std::variant<CommitResult, CommitError> writeCommit(git_repository *repository, git_commit *base,
                                                    const git_oid &treeOid, const QString &branch,
                                                    const QString &message,
                                                    const std::optional<Identity> &author,
                                                    const std::optional<Identity> &committer)
{
    const QByteArray refName = "refs/heads/" + branch.toUtf8();
    int valid = 0;
    int rc = git_reference_name_is_valid(&valid, refName.constData());
    if (rc < 0 || !valid || branch.isEmpty())
        return failure(QStringLiteral("\u201c%1\u201d is not a valid branch name").arg(branch));

    if (git_oid_equal(&treeOid, git_commit_tree_id(base)))
        return failure(QStringLiteral("nothing to commit: the change leaves the files of %1 as "
                                      "they are")
                           .arg(shortId(*git_commit_id(base))));

    auto people = signatures(repository, author, committer);
    if (const auto *problem = std::get_if<QString>(&people))
        return failure(*problem);
    const auto &[authorSignature, committerSignature] = std::get<0>(people);

    git_tree *rawTree = nullptr;
    rc = git_tree_lookup(&rawTree, repository, &treeOid);
    if (rc < 0)
        return failure(QStringLiteral("the new tree: %1").arg(lastErrorMessage(rc)));
    const TreeHandle tree(rawTree);
    const QByteArray text = message.toUtf8();

    // A branch that already holds this very change (a retry) is the answer; any other
    // content on it is the user's and stays.
    git_reference *rawExisting = nullptr;
    rc = git_reference_lookup(&rawExisting, repository, refName.constData());
    if (rc == 0) {
        const ReferenceHandle existing(rawExisting);
        git_object *peeled = nullptr;
        if (git_reference_peel(&peeled, existing.get(), GIT_OBJECT_COMMIT) == 0) {
            const CommitHandle tip(reinterpret_cast<git_commit *>(peeled));
            const bool identical = git_oid_equal(git_commit_tree_id(tip.get()), &treeOid)
                && git_commit_parentcount(tip.get()) == 1
                && git_oid_equal(git_commit_parent_id(tip.get(), 0), git_commit_id(base))
                && text == git_commit_message(tip.get())
                && qstrcmp(git_commit_author(tip.get())->email, authorSignature->email) == 0;
            if (identical) {
                CommitResult result;
                result.commitId = oidToString(*git_commit_id(tip.get()));
                result.treeId = oidToString(treeOid);
                result.branch = branch;
                result.alreadyThere = true;
                return result;
            }
            return failure(QStringLiteral("branch \u201c%1\u201d already exists (at %2) with other "
                                          "content; choose another name")
                               .arg(branch, shortId(*git_commit_id(tip.get()))));
        }
        return failure(QStringLiteral("branch \u201c%1\u201d already exists; choose another name")
                           .arg(branch));
    }
    if (rc != GIT_ENOTFOUND)
        return failure(QStringLiteral("branch %1: %2").arg(branch, lastErrorMessage(rc)));

    // Signed when the user's config says so, like git commit; unsigned is never a fallback.
    auto signer = CommitSigner::fromConfig(repository);
    if (const auto *problem = std::get_if<QString>(&signer))
        return failure(*problem + QLatin1String("; nothing was written"));
    git_oid commitOid;
    const git_commit *parents[] = {base};
    if (std::get<CommitSigner>(signer).enabled()) {
        git_buf buffer = GIT_BUF_INIT;
        rc = git_commit_create_buffer(&buffer, repository, authorSignature.get(),
                                      committerSignature.get(), nullptr, text.constData(),
                                      tree.get(), 1, parents);
        const QByteArray content(buffer.ptr ? buffer.ptr : "", qsizetype(buffer.size));
        git_buf_dispose(&buffer);
        if (rc < 0)
            return failure(QStringLiteral("writing the commit: %1").arg(lastErrorMessage(rc)));
        const auto signature = std::get<CommitSigner>(signer).sign(content);
        if (const auto *problem = std::get_if<QString>(&signature))
            return failure(*problem + QLatin1String("; nothing was written"));
        rc = git_commit_create_with_signature(&commitOid, repository, content.constData(),
                                              std::get<QByteArray>(signature).constData(), nullptr);
    } else {
        rc = git_commit_create(&commitOid, repository, nullptr, authorSignature.get(),
                               committerSignature.get(), nullptr, text.constData(), tree.get(), 1,
                               parents);
    }
    if (rc < 0)
        return failure(QStringLiteral("writing the commit: %1").arg(lastErrorMessage(rc)));

    git_reference *rawCreated = nullptr;
    const QByteArray logMessage = "gitops-console: branch for a change on "
        + oidToString(*git_commit_id(base)).left(7).toLatin1();
    rc = git_reference_create(&rawCreated, repository, refName.constData(), &commitOid, 0,
                              logMessage.constData());
    if (rc == GIT_EEXISTS)
        return failure(QStringLiteral("branch \u201c%1\u201d was created meanwhile; choose "
                                      "another name")
                           .arg(branch));
    if (rc < 0)
        return failure(QStringLiteral("creating branch %1: %2").arg(branch, lastErrorMessage(rc)));
    const ReferenceHandle created(rawCreated);

    git_tree *rawBaseTree = nullptr;
    rc = git_commit_tree(&rawBaseTree, base);
    const TreeHandle baseTree(rc < 0 ? nullptr : rawBaseTree);

    CommitResult result;
    result.commitId = oidToString(commitOid);
    result.treeId = oidToString(treeOid);
    result.branch = branch;
    result.changedPaths = changedPaths(repository, baseTree.get(), tree.get());
    qCDebug(lcGit) << "committed" << result.commitId << "on" << branch;
    return result;
}

QString conflictReason(const git_index_entry *ancestor, const git_index_entry *ours,
                       const git_index_entry *theirs)
{
    if (!ours)
        return QStringLiteral("deleted in the base since");
    if (!theirs)
        return QStringLiteral("changed in the base since, and the revert removes it");
    if (!ancestor)
        return QStringLiteral("added in the base and by the revert");
    return QStringLiteral("changed in the base since");
}

// Reverts @p request's commits onto its base in memory: the resulting tree, the base, and the
// reverted commits' ids and summaries; every conflicting file named in the error.
struct RevertedTree
{
    CommitHandle base;
    TreeHandle tree;
    QStringList ids;
    QStringList summaries;
    QList<FileConflict> leftConflicted; ///< with leaveConflicts: as the base had them
};

// Resolves every conflict of @p index to "ours" (the side being reverted onto): the file as
// it was before this commit's revert, or no file where ours has none.
int keepOurs(git_index *index)
{
    git_index_conflict_iterator *rawIterator = nullptr;
    int rc = git_index_conflict_iterator_new(&rawIterator, index);
    if (rc < 0)
        return rc;
    QList<std::pair<QByteArray, std::optional<git_index_entry>>> resolved;
    {
        const IndexConflictIteratorHandle iterator(rawIterator);
        const git_index_entry *ancestor = nullptr;
        const git_index_entry *ours = nullptr;
        const git_index_entry *theirs = nullptr;
        while (git_index_conflict_next(&ancestor, &ours, &theirs, iterator.get()) == 0) {
            const git_index_entry *any = ours ? ours : (theirs ? theirs : ancestor);
            std::optional<git_index_entry> kept;
            if (ours)
                kept = *ours;
            resolved.append({QByteArray(any->path), kept});
        }
    }
    for (auto &[path, kept] : resolved) {
        rc = git_index_conflict_remove(index, path.constData());
        if (rc < 0)
            return rc;
        if (kept) {
            kept->path = path.constData();
            kept->flags &= ~GIT_INDEX_ENTRY_STAGEMASK; // stage 0: resolved
            rc = git_index_add(index, &*kept);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

std::variant<RevertedTree, CommitError>
revertInMemory(Repository &source, const RevertRequest &request, bool leaveConflicts = false)
{
    git_repository *repository = source.handle();
    if (request.commits.isEmpty())
        return failure(QStringLiteral("no commit to revert"));
    auto base = lookupCommit(source, request.base, QStringLiteral("base"));
    if (const auto *message = std::get_if<QString>(&base))
        return failure(*message);
    CommitHandle baseCommit = std::move(std::get<CommitHandle>(base));
    auto current = treeOf(baseCommit.get());
    if (const auto *message = std::get_if<QString>(&current))
        return failure(*message);
    TreeHandle tree = std::move(std::get<TreeHandle>(current));

    QStringList summaries;
    QStringList ids;
    CommitError conflicts;
    for (const QString &spec : request.commits) {
        auto reverted = lookupCommit(source, spec, QStringLiteral("commit to revert"));
        if (const auto *message = std::get_if<QString>(&reverted))
            return failure(*message);
        const CommitHandle commit = std::move(std::get<CommitHandle>(reverted));
        const QString id = oidToString(*git_commit_id(commit.get()));
        if (git_commit_parentcount(commit.get()) == 0)
            return failure(
                QStringLiteral("%1 is the first commit; there is nothing before it to go back to")
                    .arg(id.left(7)));
        git_commit *rawParent = nullptr;
        int rc = git_commit_parent(&rawParent, commit.get(), 0);
        if (rc < 0)
            return failure(
                QStringLiteral("parent of %1: %2").arg(id.left(7), lastErrorMessage(rc)));
        const CommitHandle parent(rawParent);
        auto commitTree = treeOf(commit.get());
        auto parentTree = treeOf(parent.get());
        if (const auto *message = std::get_if<QString>(&commitTree))
            return failure(*message);
        if (const auto *message = std::get_if<QString>(&parentTree))
            return failure(*message);

        // A revert is a merge whose ancestor is the commit and whose other side its parent.
        git_merge_options options = GIT_MERGE_OPTIONS_INIT;
        git_index *rawIndex = nullptr;
        rc = git_merge_trees(&rawIndex, repository, std::get<TreeHandle>(commitTree).get(),
                             tree.get(), std::get<TreeHandle>(parentTree).get(), &options);
        if (rc < 0)
            return failure(
                QStringLiteral("reverting %1: %2").arg(id.left(7), lastErrorMessage(rc)));
        const IndexHandle index(rawIndex);
        if (git_index_has_conflicts(index.get())) {
            git_index_conflict_iterator *rawIterator = nullptr;
            rc = git_index_conflict_iterator_new(&rawIterator, index.get());
            if (rc < 0)
                return failure(
                    QStringLiteral("reverting %1: %2").arg(id.left(7), lastErrorMessage(rc)));
            const IndexConflictIteratorHandle iterator(rawIterator);
            const git_index_entry *ancestor = nullptr;
            const git_index_entry *ours = nullptr;
            const git_index_entry *theirs = nullptr;
            while (git_index_conflict_next(&ancestor, &ours, &theirs, iterator.get()) == 0) {
                const git_index_entry *any = ours ? ours : (theirs ? theirs : ancestor);
                conflicts.conflicts.append(FileConflict{QString::fromUtf8(any->path), id,
                                                        conflictReason(ancestor, ours, theirs)});
            }
            if (!leaveConflicts)
                continue; // go on, so every conflicting commit is named
            rc = keepOurs(index.get());
            if (rc < 0)
                return failure(
                    QStringLiteral("reverting %1: %2").arg(id.left(7), lastErrorMessage(rc)));
        }
        git_oid treeOid;
        rc = git_index_write_tree_to(&treeOid, index.get(), repository);
        git_tree *rawTree = nullptr;
        if (rc >= 0)
            rc = git_tree_lookup(&rawTree, repository, &treeOid);
        if (rc < 0)
            return failure(
                QStringLiteral("reverting %1: %2").arg(id.left(7), lastErrorMessage(rc)));
        tree.reset(rawTree);
        const char *summary = git_commit_summary(commit.get());
        summaries << QString::fromUtf8(summary ? summary : "");
        ids << id;
    }
    if (leaveConflicts)
        return RevertedTree{std::move(baseCommit), std::move(tree), ids, summaries,
                            conflicts.conflicts};
    if (!conflicts.conflicts.isEmpty()) {
        QStringList paths;
        for (const FileConflict &conflict : std::as_const(conflicts.conflicts))
            paths << conflict.path;
        paths.removeDuplicates();
        conflicts.message = QStringLiteral("the revert conflicts with later changes in %1; "
                                           "nothing was written")
                                .arg(paths.join(QLatin1String(", ")));
        return conflicts;
    }
    return RevertedTree{std::move(baseCommit), std::move(tree), ids, summaries, {}};
}

// The files @p result's tree changes against its base, with their bytes before and after.
std::variant<QList<RevertedFile>, CommitError> filesOf(Repository &source,
                                                       const RevertedTree &result)
{
    git_repository *repository = source.handle();
    auto baseTree = treeOf(result.base.get());
    if (const auto *message = std::get_if<QString>(&baseTree))
        return failure(*message);
    git_diff *raw = nullptr;
    int rc = git_diff_tree_to_tree(&raw, repository, std::get<TreeHandle>(baseTree).get(),
                                   result.tree.get(), nullptr);
    if (rc < 0)
        return failure(QStringLiteral("listing the reverted files: %1").arg(lastErrorMessage(rc)));
    const DiffHandle diff(raw);
    const auto bytesOf =
        [repository](const git_diff_file &file) -> std::variant<QByteArray, QString> {
        if (git_oid_is_zero(&file.id))
            return QByteArray();
        git_blob *rawBlob = nullptr;
        const int rc = git_blob_lookup(&rawBlob, repository, &file.id);
        if (rc < 0)
            return QStringLiteral("reading %1: %2")
                .arg(QString::fromUtf8(file.path), lastErrorMessage(rc));
        const BlobHandle blob(rawBlob);
        return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                          qsizetype(git_blob_rawsize(blob.get())));
    };
    QList<RevertedFile> files;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        RevertedFile file;
        file.path = QString::fromUtf8(delta->new_file.path);
        file.removed = delta->status == GIT_DELTA_DELETED;
        const auto before = bytesOf(delta->old_file);
        const auto after = bytesOf(delta->new_file);
        if (const auto *message = std::get_if<QString>(&before))
            return failure(*message);
        if (const auto *message = std::get_if<QString>(&after))
            return failure(*message);
        file.before = std::get<QByteArray>(before);
        file.after = std::get<QByteArray>(after);
        files << file;
    }
    return files;
}

} // namespace

CommitBuilder::CommitBuilder(Repository &repository)
    : m_repository(repository)
{ }

std::variant<CommitResult, CommitError> CommitBuilder::commit(const CommitRequest &request)
{
    git_repository *repository = m_repository.handle();
    if (request.subject.trimmed().isEmpty())
        return failure(QStringLiteral("the commit needs a subject"));
    if (request.subject.trimmed().contains(QLatin1Char('\n')))
        return failure(QStringLiteral("the subject must be one line; put the rest in the body"));

    auto base = lookupCommit(m_repository, request.base, QStringLiteral("base"));
    if (const auto *message = std::get_if<QString>(&base))
        return failure(*message);
    const CommitHandle baseCommit = std::move(std::get<CommitHandle>(base));
    auto baseTree = treeOf(baseCommit.get());
    if (const auto *message = std::get_if<QString>(&baseTree))
        return failure(*message);

    // An index of our own, never the repository's: the user's staged changes stay theirs.
    git_index *rawIndex = nullptr;
    int rc = git_index_new(&rawIndex);
    if (rc < 0)
        return failure(QStringLiteral("an in-memory index: %1").arg(lastErrorMessage(rc)));
    const IndexHandle index(rawIndex);
    rc = git_index_read_tree(index.get(), std::get<TreeHandle>(baseTree).get());
    if (rc < 0)
        return failure(QStringLiteral("reading %1: %2").arg(request.base, lastErrorMessage(rc)));

    for (const FileEdit &edit : request.edits) {
        const QString problem = apply(repository, index.get(), m_repository, edit);
        if (!problem.isEmpty())
            return failure(problem);
    }
    git_oid treeOid;
    rc = git_index_write_tree_to(&treeOid, index.get(), repository);
    if (rc < 0)
        return failure(QStringLiteral("writing the tree: %1").arg(lastErrorMessage(rc)));
    return writeCommit(repository, baseCommit.get(), treeOid, request.branch,
                       messageOf(request.subject, request.body), request.author, request.committer);
}

std::variant<CommitResult, CommitError> CommitBuilder::revert(const RevertRequest &request)
{
    git_repository *repository = m_repository.handle();
    auto reverted = revertInMemory(m_repository, request);
    if (auto *error = std::get_if<CommitError>(&reverted))
        return std::move(*error);
    RevertedTree &result = std::get<RevertedTree>(reverted);
    const CommitHandle baseCommit = std::move(result.base);
    const TreeHandle tree = std::move(result.tree);
    const QStringList &ids = result.ids;
    const QStringList &summaries = result.summaries;

    QString subject = request.subject;
    QString body = request.body;
    if (subject.trimmed().isEmpty()) {
        if (ids.size() == 1) {
            subject = QStringLiteral("Revert \"%1\"").arg(summaries.first());
            body = QStringLiteral("This reverts commit %1.").arg(ids.first())
                + (body.isEmpty() ? QString() : QLatin1String("\n\n") + body);
        } else {
            subject = QStringLiteral("Revert %1 commits").arg(ids.size());
            QStringList lines;
            for (qsizetype i = 0; i < ids.size(); ++i)
                lines << QStringLiteral("This reverts commit %1 (\"%2\").")
                             .arg(ids.at(i), summaries.at(i));
            body = lines.join(QLatin1Char('\n'))
                + (body.isEmpty() ? QString() : QLatin1String("\n\n") + body);
        }
    }
    return writeCommit(repository, baseCommit.get(), *git_tree_id(tree.get()), request.branch,
                       messageOf(subject, body), request.author, request.committer);
}

std::variant<QList<RevertedFile>, CommitError>
CommitBuilder::revertedFiles(const RevertRequest &request)
{
    auto reverted = revertInMemory(m_repository, request);
    if (auto *error = std::get_if<CommitError>(&reverted))
        return std::move(*error);
    return filesOf(m_repository, std::get<RevertedTree>(reverted));
}

std::variant<PartialRevert, CommitError>
CommitBuilder::revertLeavingConflicts(const RevertRequest &request)
{
    auto reverted = revertInMemory(m_repository, request, true);
    if (auto *error = std::get_if<CommitError>(&reverted))
        return std::move(*error);
    auto files = filesOf(m_repository, std::get<RevertedTree>(reverted));
    if (auto *error = std::get_if<CommitError>(&files))
        return std::move(*error);
    return PartialRevert{std::get<QList<RevertedFile>>(std::move(files)),
                         std::get<RevertedTree>(reverted).leftConflicted};
}

} // namespace gitops::git
