#pragma once

#include "forge/forgeremote.h"
#include "forge/pullrequest.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace gitops {

namespace forge {
class ForgeConnection;
} // namespace forge

/// `gitops-console pr list`: the open pull/merge requests on a remote's forge whose head
/// branch the console made (forge::changeBranchPrefix()): the forge and its client from
/// forge::ForgeConnection (the remote URL, probed when the host is not a well-known one, a
/// token from the keychain or the environment), then one listing. Every step is
/// asynchronous; finished() comes once, with the requests or the step that failed. Lives on
/// the thread of the command line's event loop.
class PullRequestListing : public QObject
{
    Q_OBJECT

public:
    explicit PullRequestListing(QObject *parent = nullptr);
    ~PullRequestListing() override;

    /// Starts with @p remoteUrl; @p headPrefix narrows the head branches (an app's).
    void start(const QString &remoteUrl, const QString &headPrefix);

    const forge::ForgeRemote &remote() const { return m_remote; }

Q_SIGNALS:
    /// @p error is empty on success.
    void finished(const QList<gitops::forge::PullRequest> &requests, const QString &error);

private:
    void fail(const QString &error);

    forge::ForgeRemote m_remote;
    std::unique_ptr<forge::ForgeConnection> m_connection;
    bool m_done = false;
};

} // namespace gitops
