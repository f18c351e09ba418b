#include "repository.h"

#include "git/libgit2.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cstring>
#include <tuple>

namespace gitops::git {

namespace {

QString withoutTrailingSlash(const char *path)
{
    QString text = QString::fromUtf8(path ? path : "");
    while (text.size() > 1 && text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

struct TreeWalk
{
    QString prefix;
    QList<TreeFile> *files;
};

int collectBlob(const char *root, const git_tree_entry *entry, void *payload)
{
    auto *walk = static_cast<TreeWalk *>(payload);
    const git_filemode_t mode = git_tree_entry_filemode(entry);
    // Only regular files: submodules are other repositories, and symbolic links would let
    // a manifest path point outside the revision.
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
        return 0;
    TreeFile file;
    file.path =
        walk->prefix + QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
    file.blobId = oidToString(*git_tree_entry_id(entry));
    walk->files->append(std::move(file));
    return 0;
}

QString normalisedFolder(const QString &folder)
{
    QString text = folder;
    while (text.startsWith(QLatin1String("./")))
        text.remove(0, 2);
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    if (text == QLatin1String("."))
        return {};
    return text;
}

bool isUnder(const QString &path, const QString &folder)
{
    return folder.isEmpty()
        || (path.size() > folder.size() && path.startsWith(folder)
            && path.at(folder.size()) == QLatin1Char('/'));
}

QDateTime signatureTime(const git_signature *signature)
{
    return QDateTime::fromSecsSinceEpoch(
        qint64(signature->when.time),
        QTimeZone::fromSecondsAheadOfUtc(signature->when.offset * 60));
}

CommitInfo commitInfoOf(const git_commit *commit)
{
    CommitInfo info;
    info.id = oidToString(*git_commit_id(commit));
    const unsigned parents = git_commit_parentcount(commit);
    for (unsigned i = 0; i < parents; ++i)
        info.parentIds << oidToString(*git_commit_parent_id(commit, i));
    const git_signature *author = git_commit_author(commit);
    info.authorName = QString::fromUtf8(author->name);
    info.authorEmail = QString::fromUtf8(author->email);
    info.authorTime = signatureTime(author);
    const git_signature *committer = git_commit_committer(commit);
    info.committerName = QString::fromUtf8(committer->name);
    info.committerEmail = QString::fromUtf8(committer->email);
    info.commitTime = signatureTime(committer);
    const char *summary = git_commit_summary(const_cast<git_commit *>(commit));
    info.summary = QString::fromUtf8(summary ? summary : "");
    info.message = QString::fromUtf8(git_commit_message(commit));
    return info;
}

} // namespace

void Repository::HandleFree::operator()(git_repository *handle) const
{
    git_repository_free(handle);
}

Repository::Repository(git_repository *handle)
    : m_handle(handle)
{ }

std::variant<std::unique_ptr<Repository>, QString> Repository::open(const QString &path)
{
    ensureLibGit2();
    const QString absolute = QDir(path).absolutePath();
    if (!QFileInfo(absolute).isDir())
        return QStringLiteral("%1: no such folder").arg(QDir::toNativeSeparators(absolute));

    git_repository *raw = nullptr;
    const QByteArray encoded = QFile::encodeName(absolute);
    const int rc = git_repository_open_ext(&raw, encoded.constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        return QStringLiteral("%1 is not inside a git repository")
            .arg(QDir::toNativeSeparators(absolute));
    if (rc < 0)
        return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(absolute),
                                            lastErrorMessage(rc));
    qCDebug(lcGit) << "opened" << absolute;
    return std::unique_ptr<Repository>(new Repository(raw));
}

QString Repository::workingDirectory() const
{
    return isBare() ? QString() : withoutTrailingSlash(git_repository_workdir(m_handle.get()));
}

QString Repository::gitDirectory() const
{
    return withoutTrailingSlash(git_repository_path(m_handle.get()));
}

bool Repository::isBare() const
{
    return git_repository_is_bare(m_handle.get()) == 1;
}

QString Repository::currentBranch() const
{
    git_reference *raw = nullptr;
    // HEAD of an unborn branch cannot be resolved, but still names the branch.
    if (git_repository_head_unborn(m_handle.get()) == 1) {
        if (git_reference_lookup(&raw, m_handle.get(), "HEAD") < 0)
            return {};
        const ReferenceHandle head(raw);
        const char *target = git_reference_symbolic_target(head.get());
        const QString name = QString::fromUtf8(target ? target : "");
        return name.startsWith(QLatin1String("refs/heads/")) ? name.mid(11) : QString();
    }
    if (git_repository_head_detached(m_handle.get()) == 1)
        return {};
    if (git_repository_head(&raw, m_handle.get()) < 0)
        return {};
    const ReferenceHandle head(raw);
    return QString::fromUtf8(git_reference_shorthand(head.get()));
}

QString Repository::headCommitId() const
{
    git_oid oid;
    if (git_reference_name_to_id(&oid, m_handle.get(), "HEAD") < 0)
        return {};
    return oidToString(oid);
}

std::variant<Revision, QString> Repository::resolve(const QString &spec) const
{
    Revision revision;
    revision.spec = spec;
    if (spec == Revision::workingCopySpec()) {
        if (isBare())
            return QStringLiteral("a bare repository has no working copy");
        revision.workingCopy = true;
        revision.commitId = headCommitId();
        return revision;
    }
    if (spec.trimmed().isEmpty())
        return QStringLiteral("no revision given");

    git_object *raw = nullptr;
    const QByteArray encoded = spec.toUtf8();
    int rc = git_revparse_single(&raw, m_handle.get(), encoded.constData());
    if (rc == GIT_ENOTFOUND)
        return QStringLiteral("unknown revision \u201c%1\u201d").arg(spec);
    if (rc == GIT_EAMBIGUOUS)
        return QStringLiteral("\u201c%1\u201d is ambiguous: it names more than one object")
            .arg(spec);
    if (rc < 0)
        return QStringLiteral("\u201c%1\u201d: %2").arg(spec, lastErrorMessage(rc));
    const ObjectHandle object(raw);

    git_object *peeled = nullptr;
    rc = git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT);
    if (rc < 0)
        return QStringLiteral("\u201c%1\u201d does not name a commit: %2")
            .arg(spec, lastErrorMessage(rc));
    const CommitHandle commit(reinterpret_cast<git_commit *>(peeled));
    revision.commitId = oidToString(*git_commit_id(commit.get()));
    revision.treeId = oidToString(*git_commit_tree_id(commit.get()));
    qCDebug(lcGit) << "resolved" << spec << "to" << revision.commitId;
    return revision;
}

std::variant<QList<TreeFile>, QString> Repository::files(const Revision &revision,
                                                         const QString &folder) const
{
    const QString subfolder = normalisedFolder(folder);
    QList<TreeFile> result;

    if (!revision.commitId.isEmpty()) {
        git_oid oid;
        const QByteArray id = revision.commitId.toLatin1();
        int rc = git_oid_fromstr(&oid, id.constData());
        if (rc < 0)
            return QStringLiteral("%1: %2").arg(revision.commitId, lastErrorMessage(rc));
        git_commit *rawCommit = nullptr;
        rc = git_commit_lookup(&rawCommit, m_handle.get(), &oid);
        if (rc < 0)
            return QStringLiteral("commit %1: %2").arg(revision.commitId, lastErrorMessage(rc));
        const CommitHandle commit(rawCommit);
        git_tree *rawTree = nullptr;
        rc = git_commit_tree(&rawTree, commit.get());
        if (rc < 0)
            return QStringLiteral("tree of %1: %2").arg(revision.commitId, lastErrorMessage(rc));
        TreeHandle tree(rawTree);

        // Walk the folder's own tree rather than filtering the whole revision.
        QString prefix;
        if (!subfolder.isEmpty() && !revision.workingCopy) {
            git_tree_entry *rawEntry = nullptr;
            const QByteArray encoded = subfolder.toUtf8();
            rc = git_tree_entry_bypath(&rawEntry, tree.get(), encoded.constData());
            if (rc == GIT_ENOTFOUND)
                return QList<TreeFile>();
            if (rc < 0)
                return QStringLiteral("%1: %2").arg(subfolder, lastErrorMessage(rc));
            const TreeEntryHandle entry(rawEntry);
            if (git_tree_entry_type(entry.get()) != GIT_OBJECT_TREE)
                return QList<TreeFile>();
            git_object *rawObject = nullptr;
            rc = git_tree_entry_to_object(&rawObject, m_handle.get(), entry.get());
            if (rc < 0)
                return QStringLiteral("%1: %2").arg(subfolder, lastErrorMessage(rc));
            tree.reset(reinterpret_cast<git_tree *>(rawObject));
            prefix = subfolder + QLatin1Char('/');
        }
        TreeWalk walk{prefix, &result};
        rc = git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collectBlob, &walk);
        if (rc < 0)
            return QStringLiteral("reading the tree of %1: %2")
                .arg(revision.commitId, lastErrorMessage(rc));
    }

    if (revision.workingCopy) {
        auto edited = applyWorkingCopyEdits(result);
        if (auto *message = std::get_if<QString>(&edited))
            return *message;
        result = std::get<QList<TreeFile>>(std::move(edited));
        if (!subfolder.isEmpty())
            result.removeIf([&](const TreeFile &file) { return !isUnder(file.path, subfolder); });
    }
    std::sort(result.begin(), result.end(),
              [](const TreeFile &a, const TreeFile &b) { return a.path < b.path; });
    return result;
}

std::variant<QList<TreeFile>, QString>
Repository::applyWorkingCopyEdits(const QList<TreeFile> &committed) const
{
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    // No GIT_STATUS_OPT_UPDATE_INDEX: reading the working copy must never write the index.
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
        | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    git_status_list *rawList = nullptr;
    int rc = git_status_list_new(&rawList, m_handle.get(), &options);
    if (rc < 0)
        return QStringLiteral("reading the working copy status: %1").arg(lastErrorMessage(rc));
    const StatusListHandle list(rawList);

    QSet<QString> touched;
    const size_t count = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < count; ++i) {
        const git_status_entry *entry = git_status_byindex(list.get(), i);
        for (const git_diff_delta *delta : {entry->head_to_index, entry->index_to_workdir}) {
            if (!delta)
                continue;
            if (delta->old_file.path)
                touched.insert(QString::fromUtf8(delta->old_file.path));
            if (delta->new_file.path)
                touched.insert(QString::fromUtf8(delta->new_file.path));
        }
    }

    QMap<QString, TreeFile> byPath;
    for (const TreeFile &file : committed)
        byPath.insert(file.path, file);
    const QDir root(workingDirectory());
    for (const QString &path : std::as_const(touched)) {
        byPath.remove(path);
        const QFileInfo info(root.filePath(path));
        if (!info.isFile() || info.isSymLink())
            continue; // deleted on disk (or not a regular file): not part of the working copy
        QFile disk(info.filePath());
        if (!disk.open(QIODevice::ReadOnly))
            return QStringLiteral("%1: %2").arg(path, disk.errorString());
        TreeFile file;
        file.path = path;
        file.content = disk.readAll();
        file.fromDisk = true;
        git_oid oid;
        rc = git_odb_hash(&oid, file.content.constData(), size_t(file.content.size()),
                          GIT_OBJECT_BLOB);
        if (rc < 0)
            return QStringLiteral("%1: %2").arg(path, lastErrorMessage(rc));
        file.blobId = oidToString(oid);
        byPath.insert(path, std::move(file));
    }
    return QList<TreeFile>(byPath.cbegin(), byPath.cend());
}

std::variant<QByteArray, QString> Repository::read(const TreeFile &file) const
{
    if (file.fromDisk)
        return file.content;
    git_oid oid;
    const QByteArray id = file.blobId.toLatin1();
    int rc = git_oid_fromstr(&oid, id.constData());
    if (rc < 0)
        return QStringLiteral("%1: %2").arg(file.path, lastErrorMessage(rc));
    git_blob *raw = nullptr;
    rc = git_blob_lookup(&raw, m_handle.get(), &oid);
    if (rc < 0)
        return QStringLiteral("%1: %2").arg(file.path, lastErrorMessage(rc));
    const BlobHandle blob(raw);
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

QStringList Repository::remoteUrls() const
{
    StringArray names;
    int rc = git_remote_list(names.get(), m_handle.get());
    if (rc < 0) {
        qCWarning(lcGit) << "listing remotes:" << lastErrorMessage(rc);
        return {};
    }
    QStringList urls;
    for (size_t i = 0; i < (*names).count; ++i) {
        git_remote *raw = nullptr;
        rc = git_remote_lookup(&raw, m_handle.get(), (*names).strings[i]);
        if (rc < 0) {
            qCWarning(lcGit) << "remote" << (*names).strings[i] << lastErrorMessage(rc);
            continue;
        }
        const RemoteHandle remote(raw);
        if (const char *url = git_remote_url(remote.get()))
            urls.append(QString::fromUtf8(url));
    }
    return urls;
}

QList<Repository::Reference> Repository::references() const
{
    git_reference_iterator *raw = nullptr;
    int rc = git_reference_iterator_new(&raw, m_handle.get());
    if (rc < 0) {
        qCWarning(lcGit) << "listing references:" << lastErrorMessage(rc);
        return {};
    }
    const std::unique_ptr<git_reference_iterator,
                          Deleter<git_reference_iterator, git_reference_iterator_free>>
        iterator(raw);
    QList<Reference> references;
    git_reference *next = nullptr;
    while (git_reference_next(&next, iterator.get()) == 0) {
        const ReferenceHandle reference(next);
        Reference entry;
        if (git_reference_is_branch(reference.get()))
            entry.kind = Reference::Kind::Branch;
        else if (git_reference_is_remote(reference.get()))
            entry.kind = Reference::Kind::RemoteBranch;
        else if (git_reference_is_tag(reference.get()))
            entry.kind = Reference::Kind::Tag;
        else
            continue; // notes, stash, ...
        entry.name = QString::fromUtf8(git_reference_shorthand(reference.get()));
        if (entry.kind == Reference::Kind::RemoteBranch && entry.name.endsWith(u"/HEAD"))
            continue;
        git_object *peeled = nullptr;
        if (git_reference_peel(&peeled, reference.get(), GIT_OBJECT_COMMIT) < 0)
            continue; // a tag of a tree or blob
        const ObjectHandle commit(peeled);
        entry.commitId = oidToString(*git_object_id(commit.get()));
        references << entry;
    }
    std::sort(references.begin(), references.end(), [](const Reference &a, const Reference &b) {
        return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
    });
    return references;
}

std::variant<QList<CommitInfo>, QString>
Repository::log(const QString &spec, int maxCount, const std::function<bool()> &stopRequested) const
{
    const auto start = resolve(spec);
    if (const auto *message = std::get_if<QString>(&start))
        return *message;
    git_oid tip;
    if (!oidFromString(&tip, std::get<Revision>(start).commitId))
        return QStringLiteral("\u201c%1\u201d has no commit yet").arg(spec);

    git_revwalk *rawWalk = nullptr;
    int rc = git_revwalk_new(&rawWalk, m_handle.get());
    if (rc < 0)
        return QStringLiteral("history of %1: %2").arg(spec, lastErrorMessage(rc));
    const RevwalkHandle walk(rawWalk);
    rc = git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (rc >= 0)
        rc = git_revwalk_push(walk.get(), &tip);
    if (rc < 0)
        return QStringLiteral("history of %1: %2").arg(spec, lastErrorMessage(rc));

    QList<CommitInfo> commits;
    git_oid oid;
    while ((rc = git_revwalk_next(&oid, walk.get())) == 0) {
        if (stopRequested && stopRequested())
            return QStringLiteral("reading the history of %1 was stopped").arg(spec);
        git_commit *rawCommit = nullptr;
        rc = git_commit_lookup(&rawCommit, m_handle.get(), &oid);
        if (rc < 0)
            return QStringLiteral("commit %1: %2").arg(oidToString(oid), lastErrorMessage(rc));
        const CommitHandle commit(rawCommit);
        commits.append(commitInfoOf(commit.get()));
        if (maxCount > 0 && commits.size() >= maxCount)
            return commits;
    }
    if (rc != GIT_ITEROVER)
        return QStringLiteral("history of %1: %2").arg(spec, lastErrorMessage(rc));
    return commits;
}

std::variant<CommitInfo, QString> Repository::commit(const QString &id) const
{
    git_oid oid;
    if (!oidFromString(&oid, id))
        return QStringLiteral("\u201c%1\u201d is not a commit id").arg(id);
    git_commit *raw = nullptr;
    const int rc = git_commit_lookup(&raw, m_handle.get(), &oid);
    if (rc < 0)
        return QStringLiteral("commit %1: %2").arg(id, lastErrorMessage(rc));
    const CommitHandle commit(raw);
    return commitInfoOf(commit.get());
}

namespace {

// History walks read one commit header and one folder entry per commit, ten thousand times;
// git_commit_lookup and git_tree_lookup parse every header line and every tree entry into
// objects for that. These read the raw objects and take only what is asked.

// The tree and parent ids a raw commit names on its header lines (tree first, then parents).
bool readCommitHeader(git_odb_object *object, Repository::CommitHeader *header)
{
    const char *data = static_cast<const char *>(git_odb_object_data(object));
    const char *const end = data + git_odb_object_size(object);
    bool haveTree = false;
    while (data < end) {
        const char *newline =
            static_cast<const char *>(std::memchr(data, '\n', size_t(end - data)));
        if (!newline || newline == data)
            break; // the blank line before the message, or a truncated header
        const auto field = [&](const char *name, ObjectId *id) {
            const size_t length = std::strlen(name);
            git_oid oid;
            if (size_t(newline - data) != length + GIT_OID_SHA1_HEXSIZE
                || std::memcmp(data, name, length) != 0
                || git_oid_fromstrn(&oid, data + length, GIT_OID_SHA1_HEXSIZE) != 0)
                return false;
            *id = fromOid(oid);
            return true;
        };
        ObjectId id;
        if (!haveTree) {
            if (!field("tree ", &header->tree))
                return false;
            haveTree = true;
        } else if (field("parent ", &id)) {
            header->parents.append(id);
        } else {
            break; // author, committer, ...: no parent comes after them
        }
        data = newline + 1;
    }
    return haveTree;
}

// The id of entry @p name in raw tree @p object; 0 when it has none, 1 when found (@p isTree
// says whether it is a folder), -1 when the tree cannot be read.
int findTreeEntry(git_odb_object *object, const QByteArray &name, ObjectId *id, bool *isTree)
{
    const char *data = static_cast<const char *>(git_odb_object_data(object));
    const char *const end = data + git_odb_object_size(object);
    while (data < end) {
        const char *space = static_cast<const char *>(std::memchr(data, ' ', size_t(end - data)));
        if (!space)
            return -1;
        const char *entryName = space + 1;
        const char *nul =
            static_cast<const char *>(std::memchr(entryName, '\0', size_t(end - entryName)));
        if (!nul || end - nul < 1 + GIT_OID_SHA1_SIZE)
            return -1;
        if (nul - entryName == name.size()
            && std::memcmp(entryName, name.constData(), size_t(name.size())) == 0) {
            *id = ObjectId::fromRaw(reinterpret_cast<const unsigned char *>(nul + 1));
            // Modes are octal text; a folder's is "40000".
            *isTree = space - data == 5 && std::memcmp(data, "40000", 5) == 0;
            return 1;
        }
        data = nul + 1 + GIT_OID_SHA1_SIZE;
    }
    return 0;
}

// Object @p id of type @p type from @p odb; null with @p error when it cannot be read or is
// of another type.
OdbObjectHandle readObject(git_odb *odb, const ObjectId &id, git_object_t type, QString *error)
{
    const git_oid oid = toOid(id);
    git_odb_object *raw = nullptr;
    const int status = git_odb_read(&raw, odb, &oid);
    OdbObjectHandle object(raw);
    if (status < 0) {
        *error = lastErrorMessage(status);
        return nullptr;
    }
    if (git_odb_object_type(raw) != type) {
        *error =
            QStringLiteral("%1 is a %2, not a %3")
                .arg(id.toHex(), QLatin1String(git_object_type2string(git_odb_object_type(raw))),
                     QLatin1String(git_object_type2string(type)));
        return nullptr;
    }
    return object;
}

} // namespace

void Repository::OdbFree::operator()(git_odb *odb) const
{
    git_odb_free(odb);
}

git_odb *Repository::odb(QString *error) const
{
    if (!m_odb) {
        git_odb *raw = nullptr;
        const int rc = git_repository_odb(&raw, m_handle.get());
        if (rc < 0) {
            *error = lastErrorMessage(rc);
            return nullptr;
        }
        m_odb.reset(raw);
    }
    return m_odb.get();
}

bool Repository::isShallow() const
{
    // A fetch that deepens or cuts the clone while a walk runs changes the answer; this is
    // how long the old one may still be used.
    constexpr qint64 KeptFor = 1000; // ms
    if (!m_shallowCheck.isValid() || m_shallowCheck.elapsed() > KeptFor) {
        m_shallow = git_repository_is_shallow(m_handle.get()) == 1;
        m_shallowCheck.start();
    }
    return m_shallow;
}

std::variant<Repository::CommitHeader, QString> Repository::commitHeader(const ObjectId &id) const
{
    CommitHeader header;
    if (isShallow()) {
        // Only libgit2's commit parsing knows where the clone was cut (.git/shallow).
        const git_oid oid = toOid(id);
        git_commit *raw = nullptr;
        const int rc = git_commit_lookup(&raw, m_handle.get(), &oid);
        if (rc < 0)
            return QStringLiteral("commit %1: %2").arg(id.toHex(), lastErrorMessage(rc));
        const CommitHandle commit(raw);
        header.tree = fromOid(*git_commit_tree_id(commit.get()));
        for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i)
            header.parents.append(fromOid(*git_commit_parent_id(commit.get(), i)));
        return header;
    }
    QString error;
    git_odb *database = odb(&error);
    if (!database)
        return QStringLiteral("commit %1: %2").arg(id.toHex(), error);
    const OdbObjectHandle object = readObject(database, id, GIT_OBJECT_COMMIT, &error);
    if (!object)
        return QStringLiteral("commit %1: %2").arg(id.toHex(), error);
    if (!readCommitHeader(object.get(), &header))
        return QStringLiteral("commit %1: its header names no tree").arg(id.toHex());
    return header;
}

std::variant<Repository::CommitHeader, QString>
Repository::commitHeader(const QString &commitId) const
{
    const auto id = ObjectId::fromHex(commitId);
    if (!id)
        return QStringLiteral("\u201c%1\u201d is not a commit id").arg(commitId);
    return commitHeader(*id);
}

Repository::TreePath::TreePath(const QString &path)
    : m_text(normalisedFolder(path))
{
    for (const QString &name : m_text.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        m_names.append(name.toUtf8());
}

bool Repository::entryIds(const ObjectId &tree, const QList<TreePath> &paths, QList<ObjectId> *ids,
                          QString *error) const
{
    git_odb *database = odb(error);
    if (!database)
        return false;
    ids->resize(paths.size());
    // trees[d]: the folder at depth d (the root at 0) on the way to the previous path; the
    // first `valid` of them belong to it.
    QVarLengthArray<OdbObjectHandle, 4> trees;
    const QList<QByteArray> *previous = nullptr;
    qsizetype valid = 0;
    for (qsizetype p = 0; p < paths.size(); ++p) {
        const QList<QByteArray> &names = paths.at(p).names();
        qsizetype shared = 0;
        while (previous && shared < names.size() && shared < previous->size()
               && names.at(shared) == previous->at(shared))
            ++shared;
        // The folders reached through the names both paths share serve this one too.
        const qsizetype reusable = std::min(valid, shared + 1);
        ObjectId id = tree;
        bool isTree = true;
        bool found = true;
        qsizetype depth = 0;
        for (; depth < names.size(); ++depth) {
            if (!isTree) {
                found = false; // a file where the path goes on
                break;
            }
            if (depth >= reusable) {
                if (trees.size() <= depth)
                    trees.resize(depth + 1);
                trees[depth] = readObject(database, id, GIT_OBJECT_TREE, error);
                if (!trees[depth]) {
                    *error = QStringLiteral("%1: %2").arg(paths.at(p).text(), *error);
                    return false;
                }
            }
            const int result = findTreeEntry(trees[depth].get(), names.at(depth), &id, &isTree);
            if (result < 0) {
                *error =
                    QStringLiteral("%1: a tree on the way cannot be read").arg(paths.at(p).text());
                return false;
            }
            if (result == 0) {
                found = false;
                ++depth;
                break;
            }
        }
        (*ids)[p] = found ? id : ObjectId();
        previous = &names;
        valid = depth;
    }
    return true;
}

std::variant<QStringList, QString> Repository::entryIds(const QString &commitId,
                                                        const QStringList &paths) const
{
    auto header = commitHeader(commitId);
    if (auto *message = std::get_if<QString>(&header))
        return *message;
    QList<TreePath> treePaths;
    treePaths.reserve(paths.size());
    for (const QString &path : paths)
        treePaths.append(TreePath(path));
    QList<ObjectId> found;
    QString error;
    if (!entryIds(std::get<CommitHeader>(header).tree, treePaths, &found, &error))
        return QStringLiteral("%1 at %2").arg(error, commitId);
    QStringList result;
    result.reserve(found.size());
    for (const ObjectId &entry : std::as_const(found))
        result.append(entry.toHex());
    return result;
}

std::variant<QStringList, QString> Repository::parentIds(const QString &commitId) const
{
    auto header = commitHeader(commitId);
    if (auto *message = std::get_if<QString>(&header))
        return *message;
    QStringList ids;
    for (const ObjectId &parent : std::as_const(std::get<CommitHeader>(header).parents))
        ids << parent.toHex();
    return ids;
}

} // namespace gitops::git
