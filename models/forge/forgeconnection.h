#pragma once

#include "forge/forgehost.h"
#include "forge/forgeremote.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <functional>
#include <memory>

namespace gitops::forge {

class ForgeClient;
class ForgeProbe;
class TokenStore;

/// How far connect() got: a client, or the reason there is none. A plain value; the
/// client it names belongs to the ForgeConnection.
struct ForgeConnectionResult
{
    enum class Problem {
        None,
        NoProject, ///< the remote URL names no project on a forge (a local path, file://)
        UnknownForge, ///< the host runs no forge the console knows (probed)
        NoToken, ///< neither the keychain nor the environment has a token for the host
        NoClient, ///< a forge without a client (Bitbucket)
    };
    Problem problem = Problem::None;
    QString error; ///< one sentence a person can act on; empty with a client
    ForgeRemote remote; ///< as far as it is known (the probed forge included)
    ForgeClient *client = nullptr;
    QString tokenSource; ///< where the token came from ("keychain", "GITHUB_TOKEN"), never it

    bool connected() const { return client != nullptr; }
};

/// The chain from a git remote URL to a forge client: the URL read as a project
/// (ForgeRemote::fromUrl(), with the user's per-host forges), the forge probed when the
/// host is no well-known one (ForgeProbe), a token (TokenStore: the keychain, else the
/// environment), then ForgeClient::create(). `pr list`, a change submission and the window
/// share it. Owns the probe, the token store and the client; lives on the thread that
/// created it, where the callback runs (unless @p context is gone first).
class ForgeConnection : public QObject
{
    Q_OBJECT

public:
    explicit ForgeConnection(QObject *parent = nullptr);
    ~ForgeConnection() override;

    /// The repository's per-host forges (its `gitops-console.yaml`); connectTo() puts the
    /// user's settings before them (configuredForgeHosts()).
    void setHosts(const QList<ForgeHost> &hosts) { m_hosts = hosts; }
    /// Where tokens come from: @p environment instead of the process's, and the keychain
    /// only when @p useKeychain (tests and scripted runs pass false: the environment alone).
    void setTokenSource(const QProcessEnvironment &environment, bool useKeychain);
    /// Tokens a person entered for this run only (by host, lower case): asked before the
    /// keychain and the environment, and never stored anywhere.
    void setSessionTokens(const QHash<QString, QByteArray> &tokens) { m_sessionTokens = tokens; }
    /// Longest wait for the probe and for each forge request.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    using Callback = std::function<void(const ForgeConnectionResult &result)>;
    /// Connects to the forge of @p remoteUrl; @p done once, with the client or the problem.
    /// A second call starts over (the client of the first is deleted).
    void connectTo(const QString &remoteUrl, QObject *context, Callback done);

    /// The client of the last successful connectTo(), else nullptr.
    ForgeClient *client() const { return m_client.get(); }

    /// The environment variable that holds a token for @p type (for messages).
    static QString tokenVariable(ForgeType type);

private:
    void withForge(const ForgeRemote &remote, QObject *context, Callback done);
    void withToken(const ForgeRemote &remote, const QByteArray &token, const QString &source,
                   const Callback &done);

    QList<ForgeHost> m_hosts;
    QHash<QString, QByteArray> m_sessionTokens;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    bool m_useKeychain = true;
    int m_timeoutMs = 30000;
    int m_generation = 0; ///< a new connectTo() makes the answers of an older one stale
    std::unique_ptr<ForgeProbe> m_probe;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<ForgeClient> m_client;
};

} // namespace gitops::forge
