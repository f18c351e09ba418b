#pragma once

#include <QProcess>
#include <QString>

#include <memory>

namespace gitops::test {

/// A real OpenSSH sshd on 127.0.0.1 and a free port, for git over ssh in tests: a host key
/// generated for it, one authorized key, no passwords, the test's own user. Runs in the
/// foreground (-D) as a child that dies with the test process; stopped in the destructor.
class SshServer
{
public:
    /// Keeps its files (host key, config, authorized_keys) in @p folder.
    explicit SshServer(const QString &folder);
    ~SshServer();

    /// Generates the host key, authorizes @p publicKeyFile and starts sshd. False, with the
    /// reason in error(), when it cannot (no sshd here: the caller skips).
    bool start(const QString &publicKeyFile);
    quint16 port() const { return m_port; }
    QString user() const { return m_user; }
    /// "ssh://user@127.0.0.1:port" + @p path
    QString url(const QString &path) const;
    /// The known_hosts line that names this server's host key: "[127.0.0.1]:port ssh-ed25519 ..."
    QString knownHostsLine() const;
    QString hostPublicKeyFile() const;
    QString error() const { return m_error; }

    /// Runs @p program with @p arguments to completion; returns its stdout, or "" and sets
    /// error() when it fails.
    QString run(const QString &program, const QStringList &arguments);

private:
    QString m_folder;
    QString m_user;
    quint16 m_port = 0;
    QString m_error;
    std::unique_ptr<QProcess> m_sshd;
};

} // namespace gitops::test
