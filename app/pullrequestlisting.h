#pragma once

#include "forge/forgeremote.h"
#include "forge/pullrequest.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace gitops {

class DesiredStateLoader;

namespace git {
class RepositoryWorker;
} // namespace git

namespace forge {
class ForgeClient;
class ForgeConnection;
} // namespace forge

/// The paths of @p changed that are one of @p inputs or lie inside one (an input is a file
/// or a folder; "" is the repository's root), in @p changed's order. Pure.
QStringList pathsTouching(const QStringList &changed, const QStringList &inputs);

/// `gitops-console pr list`: the open pull/merge requests on a remote's forge whose head
/// branch the console made (forge::changeBranchPrefix()): the forge and its client from
/// forge::ForgeConnection (the remote URL, probed when the host is not a well-known one, a
/// token from the keychain or the environment), then one listing. With startForApp(), also
/// those of anyone, on any branch, whose changed files touch the app's inputs: one
/// ForgeClient::changedFiles() request per open pull request. Every step is asynchronous;
/// finished() comes once, with the requests or the step that failed. Lives on the thread of
/// the command line's event loop.
class PullRequestListing : public QObject
{
    Q_OBJECT

public:
    explicit PullRequestListing(QObject *parent = nullptr);
    ~PullRequestListing() override;

    /// Starts with @p remoteUrl; @p headPrefix narrows the head branches.
    void start(const QString &remoteUrl, const QString &headPrefix);
    /// Starts with @p remoteUrl for app @p app of the repository at @p repository: the open
    /// requests on the app's branches (forge::changeBranchName()) and those whose changed
    /// files touch the app's inputs at HEAD (its folders, what its kustomizations reach and
    /// where a kustomization file could appear: history::AppHistory::inputPaths(), the app
    /// as DesiredStateLoader finds it), each once, newest first.
    void startForApp(const QString &repository, const QString &remoteUrl, const QString &app);

    const forge::ForgeRemote &remote() const { return m_remote; }
    /// After startForApp(): the paths pull request @p number changes that are the app's
    /// inputs (pathsTouching()); empty for one listed for its branch alone.
    QStringList touches(int number) const { return m_touches.value(number); }

Q_SIGNALS:
    /// @p error is empty on success.
    void finished(const QList<gitops::forge::PullRequest> &requests, const QString &error);

private:
    /// The forge's open requests on @p headPrefix branches, or (with @p inputs) on those
    /// and touching @p inputs.
    void list(const QString &remoteUrl, const QString &headPrefix,
              const std::optional<QStringList> &inputs);
    void readFiles(forge::ForgeClient *client, const QList<forge::PullRequest> &open,
                   const QString &headPrefix, const QStringList &inputs);
    void succeed(const QList<forge::PullRequest> &requests);
    void fail(const QString &error);

    forge::ForgeRemote m_remote;
    QHash<int, QStringList> m_touches;
    // The loader borrows the worker: declared after it, destroyed before it.
    std::unique_ptr<git::RepositoryWorker> m_worker;
    std::unique_ptr<DesiredStateLoader> m_loader;
    std::unique_ptr<forge::ForgeConnection> m_connection;
    bool m_done = false;
};

} // namespace gitops
