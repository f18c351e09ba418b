#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

struct git_repository;

namespace gitops::test {

/// Builds real git history with libgit2 for tests: commits on any branch (files added,
/// changed or removed), merges, tags, remotes, and a checkout to fill the working tree.
/// Every libgit2 failure fails the current test (QTest) and returns "".
/// Owns its repository handle; use on one thread.
class GitBuilder
{
public:
    /// Makes a new non-bare repository in @p folder whose HEAD is `refs/heads/main`.
    explicit GitBuilder(const QString &folder);
    ~GitBuilder();

    /// Commits on @p branch: its tip's files plus @p changes (a null QByteArray removes the
    /// path). @p mergeParents become extra parents (a merge). Returns the commit id.
    QString commit(const QString &branch, const QMap<QString, QByteArray> &changes,
                   const QString &message, const QStringList &mergeParents = {});
    /// A lightweight tag, or an annotated one when @p annotated.
    void tag(const QString &name, const QString &commitId, bool annotated);
    /// Creates `refs/remotes/<remote>/<branch>` at @p commitId, as a fetch would.
    void remoteBranch(const QString &remote, const QString &branch, const QString &commitId);
    void addRemote(const QString &name, const QString &url);
    /// Points HEAD at @p branch and writes its files into the working tree and index.
    void checkout(const QString &branch);

    QString folder() const { return m_folder; }

private:
    QString m_folder;
    git_repository *m_repository = nullptr;
};

} // namespace gitops::test
