#pragma once

#include "kube/clusteraccess.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>

#include <functional>
#include <optional>

class QProcess;

namespace gitops::kube {

/// What goes on one request to prove who the user is.
struct Credential
{
    QByteArray authorization; ///< the Authorization header's value; never logged
    QSslCertificate certificate; ///< from an exec plugin (static ones are in ClusterAccess)
    QSslKey key;
    QDateTime expires; ///< invalid: no expiry
};

/// Hands out the credentials of one kubeconfig user: a static token, a token file (read
/// again when it changes), username/password, or an exec plugin run asynchronously with
/// QProcess, whose credential is kept until its expirationTimestamp. Owned by its
/// KubeClient; lives on that client's thread.
class Authenticator : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const Credential &credential, const QString &error)>;

    explicit Authenticator(const ClusterAccess &access, QObject *parent = nullptr);
    ~Authenticator() override;

    /// Calls @p done (with @p context alive) with the credential or an error a person can
    /// act on. Immediate unless an exec plugin has to run.
    void obtain(QObject *context, const Callback &done);

    /// The server answered 401: forget the cached exec credential so that the next obtain()
    /// runs the plugin again. Returns whether a new attempt can bring a different
    /// credential (exec plugins and token files).
    bool invalidate();

    /// How often the exec plugin ran.
    int pluginRuns() const { return m_pluginRuns; }

    /// Parses a plugin's stdout (an ExecCredential of @p apiVersion).
    static std::optional<Credential> parseExecCredential(const QByteArray &output,
                                                         const QString &apiVersion, QString *error);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };

    void runPlugin();
    void pluginFinished();
    void finishWaiters(const Credential &credential, const QString &error);
    QByteArray execInfo() const;

    ClusterAccess m_access;
    std::optional<Credential> m_cached;
    QByteArray m_fileToken;
    QDateTime m_fileTokenModified;
    QProcess *m_process = nullptr;
    QList<Waiter> m_waiters;
    int m_pluginRuns = 0;
};

} // namespace gitops::kube
