#pragma once

#include "git/transfer.h"

#include <QString>

#include <functional>
#include <optional>
#include <variant>

namespace gitops::git {

class Repository;

/// A configured remote of a Repository, for the two transfers a change request needs:
/// fetch one branch into refs/remotes/<remote>/<branch>, and push a new branch (never
/// forced, never to the target branch). Credentials as git's: for HTTPS git's own
/// credential helpers (approved or rejected by the outcome), else the fallback credential
/// (a forge token); for SSH the agent
/// (SSH_AUTH_SOCK), then ~/.ssh/id_ed25519, id_ecdsa, id_rsa, with host keys checked
/// against known_hosts (unknown and changed keys refused, showing the fingerprint).
/// libssh2 reads neither ~/.ssh/config (Host aliases, ProxyJump) nor Match blocks: use the
/// real host name and port in the remote URL. The checkout is never touched. Synchronous;
/// use it on the thread that owns the Repository (RepositoryWorker::fetch()/push()).
class Remote
{
public:
    Remote(Repository &repository, const QString &name);

    /// Called on this thread with each progress step.
    void setProgressHandler(std::function<void(const TransferProgress &)> handler);
    /// Asked between steps; a yes cancels the transfer.
    void setStopPredicate(std::function<bool()> stopRequested);
    /// The known_hosts file for SSH (default ~/.ssh/known_hosts).
    void setKnownHostsFile(const QString &file);
    /// Offered to an HTTPS remote when git's credential helpers have nothing for it (a forge
    /// token); never given to the helpers to keep.
    void setFallbackCredential(const std::optional<HttpsCredential> &credential);

    std::variant<FetchResult, RemoteError> fetch(const QString &branch);
    /// The remote's default branch: the short name of the branch its HEAD points at, asked
    /// of the remote itself (not refs/remotes/<remote>/HEAD, which a fetch never updates).
    std::variant<QString, RemoteError> defaultBranch();
    /// Pushes refs/heads/@p branch to the same name on the remote. Refuses when @p branch is
    /// @p targetBranch. A remote that answers gives a PushResult, also for refused refs.
    std::variant<PushResult, RemoteError> push(const QString &branch, const QString &targetBranch);

    /// @p url as it may be shown: no password, and no user name for HTTP(S) (where it may be
    /// a token).
    static QString displayUrl(const QString &url);

private:
    Repository &m_repository;
    QString m_name;
    std::function<void(const TransferProgress &)> m_progress;
    std::function<bool()> m_stopRequested;
    QString m_knownHostsFile;
    std::optional<HttpsCredential> m_fallback;
};

} // namespace gitops::git
