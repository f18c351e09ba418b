#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace kubeemu {

/// A PEM certificate with its PEM private key.
struct KeyPair
{
    QByteArray certificatePem;
    QByteArray keyPem;
};

/// Who a verified client certificate says the caller is: CN is the user, O the groups,
/// as the real API server reads them.
struct CertificateIdentity
{
    QString user;
    QStringList groups;
};

/// A throw-away certificate authority made at start-up: it signs the server's certificate
/// and the client certificates written into the generated kubeconfig, and verifies the
/// client certificates callers present. EC P-256 keys. Not thread-safe.
class CertificateAuthority
{
public:
    /// A new CA with a fresh key, valid for 10 years. Returns nullptr and sets @p error on
    /// failure.
    static std::unique_ptr<CertificateAuthority> create(const QString &commonName, QString *error);
    ~CertificateAuthority();

    QByteArray certificatePem() const;

    /// A serving certificate for @p dnsNames and @p ipAddresses (subjectAltName).
    KeyPair issueServer(const QStringList &dnsNames, const QStringList &ipAddresses) const;
    /// A client certificate: CN = @p user, one O per group.
    KeyPair issueClient(const QString &user, const QStringList &groups) const;

    /// Verifies that the DER certificate @p der was signed by this CA and is valid now; on
    /// success returns true and fills @p identity from its subject.
    bool verifyClient(const QByteArray &der, CertificateIdentity *identity) const;

    struct Private;

private:
    explicit CertificateAuthority(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace kubeemu
