#include "gitbuilder.h"

#include <QTest>

#include <git2.h>

namespace gitops::test {

namespace {

bool check(int rc, const char *what)
{
    if (rc >= 0)
        return true;
    const git_error *error = git_error_last();
    QTest::qFail(qPrintable(QStringLiteral("%1 failed: %2")
                                .arg(QLatin1String(what),
                                     QString::fromUtf8(error && error->message ? error->message
                                                                               : "unknown"))),
                 __FILE__, __LINE__);
    return false;
}

QString idText(const git_oid &oid)
{
    char text[GIT_OID_MAX_HEXSIZE + 1] = {};
    git_oid_tostr(text, sizeof text, &oid);
    return QString::fromLatin1(text);
}

git_signature *signature()
{
    git_signature *result = nullptr;
    // A fixed time keeps ids stable between runs.
    git_signature_new(&result, "Test Author", "author@example.invalid", 1767225600, 0);
    return result;
}

} // namespace

GitBuilder::GitBuilder(const QString &folder)
    : m_folder(folder)
{
    git_libgit2_init();
    git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    options.flags = GIT_REPOSITORY_INIT_MKPATH;
    options.initial_head = "main";
    const QByteArray path = folder.toUtf8();
    check(git_repository_init_ext(&m_repository, path.constData(), &options), "init");
}

GitBuilder::~GitBuilder()
{
    git_repository_free(m_repository);
    git_libgit2_shutdown();
}

QString GitBuilder::commit(const QString &branch, const QMap<QString, QByteArray> &changes,
                           const QString &message, const QStringList &mergeParents)
{
    const QByteArray refName = QByteArray("refs/heads/") + branch.toUtf8();
    git_index *index = nullptr;
    if (!check(git_index_new(&index), "index"))
        return {};
    std::unique_ptr<git_index, decltype(&git_index_free)> indexOwner(index, git_index_free);

    std::vector<git_commit *> parents;
    auto freeParents = qScopeGuard([&] {
        for (git_commit *parent : parents)
            git_commit_free(parent);
    });
    git_oid tip;
    if (git_reference_name_to_id(&tip, m_repository, refName.constData()) == 0) {
        git_commit *parent = nullptr;
        if (!check(git_commit_lookup(&parent, m_repository, &tip), "parent"))
            return {};
        parents.push_back(parent);
        git_tree *tree = nullptr;
        if (!check(git_commit_tree(&tree, parent), "parent tree"))
            return {};
        const int rc = git_index_read_tree(index, tree);
        git_tree_free(tree);
        if (!check(rc, "read tree"))
            return {};
    }
    for (const QString &id : mergeParents) {
        git_oid oid;
        const QByteArray text = id.toLatin1();
        git_commit *parent = nullptr;
        if (!check(git_oid_fromstr(&oid, text.constData()), "merge parent id")
            || !check(git_commit_lookup(&parent, m_repository, &oid), "merge parent"))
            return {};
        parents.push_back(parent);
    }
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        const QByteArray path = it.key().toUtf8();
        if (it.value().isNull()) {
            if (!check(git_index_remove_bypath(index, path.constData()), "remove"))
                return {};
            continue;
        }
        git_index_entry entry = {};
        entry.mode = GIT_FILEMODE_BLOB;
        entry.path = path.constData();
        if (!check(git_blob_create_from_buffer(&entry.id, m_repository, it.value().constData(),
                                               size_t(it.value().size())),
                   "blob")
            || !check(git_index_add(index, &entry), "add"))
            return {};
    }
    git_oid treeId;
    if (!check(git_index_write_tree_to(&treeId, index, m_repository), "write tree"))
        return {};
    git_tree *tree = nullptr;
    if (!check(git_tree_lookup(&tree, m_repository, &treeId), "tree"))
        return {};
    std::unique_ptr<git_tree, decltype(&git_tree_free)> treeOwner(tree, git_tree_free);
    git_signature *who = signature();
    std::unique_ptr<git_signature, decltype(&git_signature_free)> whoOwner(who, git_signature_free);
    git_oid commitId;
    const QByteArray text = message.toUtf8();
    std::vector<const git_commit *> constParents(parents.begin(), parents.end());
    if (!check(git_commit_create(&commitId, m_repository, refName.constData(), who, who, nullptr,
                                 text.constData(), tree, constParents.size(), constParents.data()),
               "commit"))
        return {};
    return idText(commitId);
}

void GitBuilder::tag(const QString &name, const QString &commitId, bool annotated)
{
    git_oid oid;
    const QByteArray id = commitId.toLatin1();
    const QByteArray tagName = name.toUtf8();
    git_object *target = nullptr;
    if (!check(git_oid_fromstr(&oid, id.constData()), "tag target id")
        || !check(git_object_lookup(&target, m_repository, &oid, GIT_OBJECT_COMMIT), "tag target"))
        return;
    git_oid tagId;
    if (annotated) {
        git_signature *who = signature();
        check(git_tag_create(&tagId, m_repository, tagName.constData(), target, who, "release", 0),
              "annotated tag");
        git_signature_free(who);
    } else {
        check(git_tag_create_lightweight(&tagId, m_repository, tagName.constData(), target, 0),
              "tag");
    }
    git_object_free(target);
}

void GitBuilder::remoteBranch(const QString &remote, const QString &branch, const QString &commitId)
{
    git_oid oid;
    const QByteArray id = commitId.toLatin1();
    const QByteArray name = QByteArray("refs/remotes/") + remote.toUtf8() + '/' + branch.toUtf8();
    git_reference *reference = nullptr;
    if (check(git_oid_fromstr(&oid, id.constData()), "remote branch id")
        && check(
            git_reference_create(&reference, m_repository, name.constData(), &oid, 1, "test fetch"),
            "remote branch"))
        git_reference_free(reference);
}

void GitBuilder::addRemote(const QString &name, const QString &url)
{
    git_remote *remote = nullptr;
    const QByteArray remoteName = name.toUtf8();
    const QByteArray remoteUrl = url.toUtf8();
    if (check(
            git_remote_create(&remote, m_repository, remoteName.constData(), remoteUrl.constData()),
            "remote"))
        git_remote_free(remote);
}

void GitBuilder::checkout(const QString &branch)
{
    const QByteArray refName = QByteArray("refs/heads/") + branch.toUtf8();
    if (!check(git_repository_set_head(m_repository, refName.constData()), "set head"))
        return;
    git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
    options.checkout_strategy = GIT_CHECKOUT_FORCE;
    check(git_checkout_head(m_repository, &options), "checkout");
}

} // namespace gitops::test
