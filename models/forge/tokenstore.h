#pragma once

#include "forge/forgehost.h"

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace gitops::forge {

/// Where a forge token came from, and why the keychain gave none. A plain value; the token
/// is never logged, only @c source.
struct TokenLookup
{
    QByteArray token;
    QString source; ///< "keychain", the environment variable's name, or the CLI command;
                    ///< empty: no token
    QString problem; ///< the keychain (or a CLI) could not be read: no service, locked,
                     ///< no answer

    bool found() const { return !token.isEmpty(); }
};

/// The first of the environment variables the forge's own CLI reads, for @p type at
/// @p host: GitHub GH_TOKEN, GITHUB_TOKEN (and GH_ENTERPRISE_TOKEN,
/// GITHUB_ENTERPRISE_TOKEN first on other hosts than github.com), GitLab GITLAB_TOKEN,
/// Gitea GITEA_TOKEN. The variable's name and its value.
std::optional<std::pair<QString, QByteArray>>
tokenFromEnvironment(ForgeType type, const QString &host, const QProcessEnvironment &environment);

/// Forge tokens per host: the system keychain (QtKeychain, service "gitops-console", key
/// `forge/HOST`), else the environment, else the forge CLI's own login (`gh auth token`,
/// `glab auth status --show-token`) where that CLI is installed. Every keychain call is bounded by
/// a timeout, so a locked wallet or a missing Secret Service never hangs the caller; without a
/// keychain nothing is written anywhere (no clear-text fallback). A CLI gets the same timeout.
/// Lives on the thread that created it; callbacks run there, unless @p context is gone.
class TokenStore : public QObject
{
    Q_OBJECT

public:
    explicit TokenStore(QObject *parent = nullptr);
    ~TokenStore() override;

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    /// For tests and the CLI: the environment read instead of the process's.
    void setEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    void lookup(const QString &host, ForgeType type, QObject *context,
                std::function<void(const TokenLookup &)> done);
    /// Stores @p token for @p host in the keychain; @p done gets "" or why it was not.
    void store(const QString &host, const QByteArray &token, QObject *context,
               std::function<void(const QString &error)> done);
    void forget(const QString &host, QObject *context,
                std::function<void(const QString &error)> done);

    static QString service() { return QStringLiteral("gitops-console"); }
    static QString keyFor(const QString &host) { return QStringLiteral("forge/") + host.toLower(); }

private:
    void fromCli(const QString &host, ForgeType type, TokenLookup result, QObject *context,
                 std::function<void(const TokenLookup &)> done);

    int m_timeoutMs = 5000;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

} // namespace gitops::forge
