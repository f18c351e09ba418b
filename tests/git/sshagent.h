#pragma once

#include <QProcess>
#include <QString>

#include <memory>

namespace gitops::test {

/// A real ssh-agent listening on a socket in a test folder, holding the keys added to it.
/// Runs in the foreground (-D) as a child that dies with the test process; stopped in the
/// destructor. Does not set SSH_AUTH_SOCK itself: socket() is for the test to export.
class SshAgent
{
public:
    explicit SshAgent(const QString &folder);
    ~SshAgent();

    bool start();
    /// ssh-add @p privateKeyFile; false with the reason in error().
    bool add(const QString &privateKeyFile);
    QString socket() const { return m_socket; }
    QString error() const { return m_error; }

private:
    QString m_socket;
    QString m_error;
    std::unique_ptr<QProcess> m_agent;
};

} // namespace gitops::test
