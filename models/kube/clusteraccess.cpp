#include "kube/clusteraccess.h"

#include <QFile>

namespace gitops::kube {

namespace {

bool readFile(const QString &file, const QString &where, const QString &key, QByteArray *data,
              QString *error)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("%1: %2: cannot read %3: %4").arg(where, key, file, in.errorString());
        return false;
    }
    *data = in.readAll();
    return true;
}

} // namespace

QSslKey ClusterAccess::readPrivateKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

std::optional<ClusterAccess> ClusterAccess::resolve(const KubeConfig &config,
                                                    const QString &contextName, QString *error)
{
    const QString files = config.files.join(QStringLiteral(", "));
    const QString name = contextName.isEmpty() ? config.currentContext : contextName;
    if (name.isEmpty()) {
        *error =
            QStringLiteral("%1: current-context: not set, and no context was chosen").arg(files);
        return std::nullopt;
    }
    const ContextEntry *context = config.context(name);
    if (!context) {
        *error = QStringLiteral("%1: contexts: no context named \"%2\"").arg(files, name);
        return std::nullopt;
    }
    const ClusterEntry *cluster = config.cluster(context->cluster);
    if (!cluster) {
        *error = QStringLiteral("%1: context \"%2\" names cluster \"%3\", which no file defines")
                     .arg(context->definedIn, name, context->cluster);
        return std::nullopt;
    }
    ClusterAccess access;
    access.contextName = name;
    access.namespaceName =
        context->namespaceName.isEmpty() ? QStringLiteral("default") : context->namespaceName;
    access.cluster = *cluster;
    if (!context->user.isEmpty()) {
        const UserEntry *user = config.user(context->user);
        if (!user) {
            *error = QStringLiteral("%1: context \"%2\" names user \"%3\", which no file defines")
                         .arg(context->definedIn, name, context->user);
            return std::nullopt;
        }
        access.user = *user;
    }

    access.server = QUrl(cluster->server, QUrl::StrictMode);
    if (cluster->server.isEmpty() || !access.server.isValid()
        || (access.server.scheme() != u"https" && access.server.scheme() != u"http")
        || access.server.host().isEmpty()) {
        *error = QStringLiteral("%1: clusters[%2].server: \"%3\" is not an http(s) URL")
                     .arg(cluster->definedIn, cluster->name, cluster->server);
        return std::nullopt;
    }

    QByteArray ca = cluster->certificateAuthorityData;
    if (ca.isEmpty() && !cluster->certificateAuthority.isEmpty()
        && !readFile(cluster->certificateAuthority, cluster->definedIn,
                     QStringLiteral("certificate-authority"), &ca, error))
        return std::nullopt;
    if (!ca.isEmpty()) {
        access.caCertificates = QSslCertificate::fromData(ca, QSsl::Pem);
        if (access.caCertificates.isEmpty()) {
            *error =
                QStringLiteral("%1: certificate-authority%2: no PEM certificate in it")
                    .arg(cluster->definedIn,
                         cluster->certificateAuthorityData.isEmpty() ? QString()
                                                                     : QStringLiteral("-data"));
            return std::nullopt;
        }
    }
    access.insecureSkipTlsVerify = cluster->insecureSkipTlsVerify;
    if (access.insecureSkipTlsVerify)
        access.warnings << QStringLiteral(
                               "TLS certificate verification is off for cluster \"%1\" "
                               "(insecure-skip-tls-verify in %2): anyone on the network path "
                               "can read and change what the console sees")
                               .arg(cluster->name, cluster->definedIn);
    access.tlsServerName = cluster->tlsServerName;
    if (!cluster->proxyUrl.isEmpty()) {
        const QUrl proxyUrl(cluster->proxyUrl, QUrl::StrictMode);
        const QString scheme = proxyUrl.scheme();
        if (!proxyUrl.isValid() || proxyUrl.host().isEmpty()
            || (scheme != u"http" && scheme != u"https" && scheme != u"socks5")) {
            *error = QStringLiteral("%1: proxy-url: \"%2\" is not an http, https or socks5 URL")
                         .arg(cluster->definedIn, cluster->proxyUrl);
            return std::nullopt;
        }
        access.proxy = QNetworkProxy(
            scheme == u"socks5" ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
            proxyUrl.host(), quint16(proxyUrl.port(scheme == u"socks5" ? 1080 : 3128)),
            proxyUrl.userName(), proxyUrl.password());
    }

    const UserEntry &user = access.user;
    QByteArray certificate = user.clientCertificateData;
    if (certificate.isEmpty() && !user.clientCertificate.isEmpty()
        && !readFile(user.clientCertificate, user.definedIn, QStringLiteral("client-certificate"),
                     &certificate, error))
        return std::nullopt;
    QByteArray key = user.clientKeyData;
    if (key.isEmpty() && !user.clientKey.isEmpty()
        && !readFile(user.clientKey, user.definedIn, QStringLiteral("client-key"), &key, error))
        return std::nullopt;
    if (!certificate.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certificate, QSsl::Pem);
        if (chain.isEmpty()) {
            *error = QStringLiteral("%1: users[%2].client-certificate%3: no PEM certificate in it")
                         .arg(user.definedIn, user.name,
                              user.clientCertificateData.isEmpty() ? QString()
                                                                   : QStringLiteral("-data"));
            return std::nullopt;
        }
        access.clientCertificate = chain.first();
        access.clientKey = readPrivateKey(key);
        if (access.clientKey.isNull()) {
            *error = QStringLiteral("%1: users[%2].client-key%3: not a PEM RSA or EC private key")
                         .arg(user.definedIn, user.name,
                              user.clientKeyData.isEmpty() ? QString() : QStringLiteral("-data"));
            return std::nullopt;
        }
    }
    if (!user.username.isEmpty() && access.server.scheme() != u"https")
        access.warnings << QStringLiteral("user \"%1\" sends a password over plain http to %2")
                               .arg(user.name, cluster->server);
    return access;
}

} // namespace gitops::kube
