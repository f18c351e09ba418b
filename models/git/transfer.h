#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gitops::git {

/// How far a fetch or push has come. A plain value; safe to copy between threads.
struct TransferProgress
{
    enum class Stage { Receiving, Sending };
    Stage stage = Stage::Receiving;
    qint64 objects = 0;
    qint64 totalObjects = 0;
    qint64 bytes = 0;
};

/// What the remote did with one reference of a push.
struct RefUpdate
{
    enum class Status {
        Updated, ///< the remote has it now
        UpToDate, ///< the remote already had this commit there
        RejectedNonFastForward, ///< the remote branch has commits the pushed one lacks
        RejectedByServer, ///< a hook or a server rule refused it; see message
        /// the branch is protected on the server (GitHub's "protected branch hook declined",
        /// GitLab's "not allowed to push code to protected branches", Gitea's "Not allowed
        /// to push to protected branch"); the message has the server's words
        RejectedProtectedBranch,
    };
    QString ref; ///< on the remote: "refs/heads/gitops/scale-web"
    Status status = Status::Updated;
    /// For a person: the server's own words for a refusal (a hook's output included).
    QString message;
};

/// An SSH host key that was not accepted, for the "trust this host" question.
struct HostKey
{
    QString host;
    int port = 22;
    QString type; ///< "ssh-ed25519", ...
    QByteArray blob; ///< the key as the server sent it (SSH wire format)
    QString fingerprint; ///< "SHA256:..." as ssh-keygen -l prints it
    bool changed = false; ///< known_hosts names another key for this host
};

struct FetchResult
{
    QString trackingRef; ///< "refs/remotes/origin/main"
    QString commitId; ///< where it points now
};

struct PushResult
{
    QList<RefUpdate> refs;
    QStringList serverMessages; ///< "remote:" lines, hook output included

    bool succeeded() const
    {
        for (const RefUpdate &ref : refs)
            if (ref.status != RefUpdate::Status::Updated
                && ref.status != RefUpdate::Status::UpToDate)
                return false;
        return !refs.isEmpty();
    }
};

/// What an HTTPS remote is offered when git's own credential helpers have nothing for it: a
/// forge token as the forge's git server takes it (user name and token as password). A
/// plain value; the password is never logged or shown.
struct HttpsCredential
{
    QString username;
    QString password;
    QString source; ///< where it came from, for messages: "GITHUB_TOKEN", "keychain"
};

/// Why a fetch or push did not happen, naming the remote, its URL (never credentials) and
/// what to do. @c hostKey is set when an SSH host key was refused.
struct RemoteError
{
    QString message;
    std::optional<HostKey> hostKey = std::nullopt;
    bool cancelled = false;
    /// An HTTPS remote asked for credentials and neither git's credential helpers nor an
    /// HttpsCredential had any: a caller may find a forge token and try again.
    bool credentialsMissing = false;
    QString url = {}; ///< the remote's URL as it may be shown (Remote::displayUrl()), when known
};

} // namespace gitops::git
