#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

struct git_repository;

namespace gitops::git {

/// Signs commits the way `git commit` does when the user's config asks for it
/// (commit.gpgsign; gpg.format "ssh" or "openpgp"; user.signingkey; gpg.ssh.program,
/// gpg.program): with the user's own `ssh-keygen -Y sign -n git` or `gpg -bsau`, so a forge
/// shows the commit verified. Never prompts; a key that needs a passphrase must be in the
/// agent. Synchronous (runs one short process); use it on the repository's thread.
class CommitSigner
{
public:
    /// What the configuration of @p repository asks for, or why it cannot be honoured.
    static std::variant<CommitSigner, QString> fromConfig(git_repository *repository);

    /// Whether commits must be signed at all.
    bool enabled() const { return m_enabled; }
    /// The signature of the commit object text @p commit, ASCII-armoured, or the reason it
    /// could not be made (naming the config and the program's own words).
    std::variant<QByteArray, QString> sign(const QByteArray &commit) const;

private:
    bool m_enabled = false;
    QString m_format; // "ssh" or "openpgp"
    QString m_key;
    QString m_program;
};

} // namespace gitops::git
