#pragma once

#include "git/transfer.h"

#include <QByteArray>
#include <QString>

namespace gitops::git {

/// An OpenSSH known_hosts file, read the way ssh reads it: plain and hashed (|1|salt|hash)
/// host names, "[host]:port" for ports other than 22, comma-separated names, @revoked
/// markers. libgit2's own check cannot tell an unknown host from a changed key; this one
/// can. Reads the file on each check; not thread-affine.
class KnownHosts
{
public:
    enum class Verdict { Known, Unknown, Changed, Revoked };

    /// @p file: usually ~/.ssh/known_hosts (defaultFile()).
    explicit KnownHosts(const QString &file);
    static QString defaultFile();

    Verdict check(const QString &host, int port, const QString &type, const QByteArray &blob) const;
    /// Appends a line for the key, making the file and its folder when needed: the
    /// "trust this host" action. Returns the reason when it cannot.
    /// Hashed (|1|salt|hash) when the file has hashed names already, else plain.
    QString trust(const HostKey &key) const;

    /// The command line's --trust-host: an unknown host whose key has exactly this
    /// fingerprint ("SHA256:...") is trusted (appended) when a transfer meets it; a changed
    /// key never is. Empty (the default): none. Process-wide, as a command runs one change.
    static void setAcceptedFingerprint(const QString &fingerprint);
    static QString acceptedFingerprint();

    /// "SHA256:<base64 without padding>", as ssh-keygen -l prints it.
    static QString fingerprint(const QByteArray &blob);
    /// The key type named inside an SSH wire-format key blob ("ssh-ed25519").
    static QString typeOf(const QByteArray &blob);

private:
    QString m_file;
};

} // namespace gitops::git
