#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace gitops::git {

/// Asks git's own credential helpers (`git credential fill`, `approve`, `reject`) for the
/// user's HTTPS credentials, as `git push` would: the helpers configured for the repository
/// (credential.helper in its, the user's or the system config) answer. Never prompts on a
/// terminal (GIT_TERMINAL_PROMPT=0) and never logs a password. Synchronous, for a worker
/// thread: each call runs one short `git` process.
class CredentialHelper
{
public:
    struct Credential
    {
        QString username;
        QString password;
    };

    /// @p workingDirectory decides which repository's config applies.
    explicit CredentialHelper(const QString &workingDirectory);

    /// The helpers' answer for @p url, or nothing (with the reason in error()).
    std::optional<Credential> fill(const QUrl &url);
    /// Tells the helpers the credential worked (a store keeps it) or did not (it is erased).
    void approve(const QUrl &url, const Credential &credential);
    void reject(const QUrl &url, const Credential &credential);

    QString error() const { return m_error; }

private:
    bool run(const QString &action, const QByteArray &input, QByteArray *output);

    QString m_workingDirectory;
    QString m_error;
};

} // namespace gitops::git
