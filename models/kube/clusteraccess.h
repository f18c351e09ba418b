#pragma once

#include "kube/kubeconfig.h"

#include <QList>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace gitops::kube {

/// Everything needed to talk to one cluster as one user: a kubeconfig context resolved
/// into its server, TLS trust, proxy and credentials, with the files it names already
/// read. A plain value; any thread. Built by resolve(), which reads the certificate files.
struct ClusterAccess
{
    QString contextName;
    QString namespaceName; ///< the context's namespace, "default" when it names none
    QUrl server;
    QList<QSslCertificate> caCertificates; ///< empty: the system's
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    std::optional<QNetworkProxy> proxy;
    QSslCertificate clientCertificate;
    QSslKey clientKey;
    UserEntry user; ///< for token, tokenFile, basic and exec credentials
    ClusterEntry cluster; ///< for exec plugins' provideClusterInfo
    /// Things the user should know, e.g. that TLS verification is off.
    QStringList warnings;

    /// Resolves @p contextName (empty: current-context) of @p config; on failure returns
    /// nothing and an @p error naming the file and key at fault.
    static std::optional<ClusterAccess> resolve(const KubeConfig &config,
                                                const QString &contextName, QString *error);

    /// Reads a PEM private key, RSA or EC, in PKCS#1, SEC1 or PKCS#8 form.
    static QSslKey readPrivateKey(const QByteArray &pem);
};

} // namespace gitops::kube
