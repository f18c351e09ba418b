#include "certificates.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QDateTime>

namespace kubeemu {

namespace {

struct PkeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
struct BioFree
{
    void operator()(BIO *p) const { BIO_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;
using Bio = std::unique_ptr<BIO, BioFree>;

Pkey newKey()
{
    return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, size);
}

QByteArray toPem(X509 *cert)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert);
    return bioContents(bio.get());
}

QByteArray toPem(EVP_PKEY *key)
{
    Bio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioContents(bio.get());
}

void addName(X509_NAME *name, const char *field, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(utf8.constData()), -1, -1,
                               0);
}

void addExtension(X509 *cert, X509 *issuer, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (extension) {
        X509_add_ext(cert, extension, -1);
        X509_EXTENSION_free(extension);
    }
}

// An unsigned certificate for @p subjectKey, issued by @p issuer (self-issued when null).
Cert makeCertificate(EVP_PKEY *subjectKey, X509 *issuer, const QString &commonName,
                     const QStringList &organisations, int days)
{
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // positive
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    // Back-date by an hour so that clocks a little behind still accept it.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(days) * 24 * 3600);
    X509_set_pubkey(cert.get(), subjectKey);
    X509_NAME *name = X509_get_subject_name(cert.get());
    for (const QString &organisation : organisations)
        addName(name, "O", organisation);
    addName(name, "CN", commonName);
    X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
    return cert;
}

} // namespace

struct CertificateAuthority::Private
{
    Pkey key;
    Cert cert;
};

CertificateAuthority::CertificateAuthority(std::unique_ptr<Private> d)
    : d(std::move(d))
{ }

CertificateAuthority::~CertificateAuthority() = default;

std::unique_ptr<CertificateAuthority> CertificateAuthority::create(const QString &commonName,
                                                                   QString *error)
{
    auto d = std::make_unique<Private>();
    d->key = newKey();
    if (!d->key) {
        *error = QStringLiteral("cannot generate the CA key");
        return nullptr;
    }
    d->cert = makeCertificate(d->key.get(), nullptr, commonName, {}, 3650);
    addExtension(d->cert.get(), d->cert.get(), NID_basic_constraints,
                 QByteArrayLiteral("critical,CA:TRUE"));
    addExtension(d->cert.get(), d->cert.get(), NID_key_usage,
                 QByteArrayLiteral("critical,keyCertSign,cRLSign,digitalSignature"));
    addExtension(d->cert.get(), d->cert.get(), NID_subject_key_identifier,
                 QByteArrayLiteral("hash"));
    if (!X509_sign(d->cert.get(), d->key.get(), EVP_sha256())) {
        *error = QStringLiteral("cannot sign the CA certificate");
        return nullptr;
    }
    return std::unique_ptr<CertificateAuthority>(new CertificateAuthority(std::move(d)));
}

QByteArray CertificateAuthority::certificatePem() const
{
    return toPem(d->cert.get());
}

KeyPair CertificateAuthority::issueServer(const QStringList &dnsNames,
                                          const QStringList &ipAddresses) const
{
    Pkey key = newKey();
    Cert cert = makeCertificate(key.get(), d->cert.get(),
                                dnsNames.value(0, QStringLiteral("kube-emulator")), {}, 365);
    QStringList alternatives;
    for (const QString &name : dnsNames)
        alternatives << QStringLiteral("DNS:") + name;
    for (const QString &address : ipAddresses)
        alternatives << QStringLiteral("IP:") + address;
    addExtension(cert.get(), d->cert.get(), NID_basic_constraints, QByteArrayLiteral("CA:FALSE"));
    addExtension(cert.get(), d->cert.get(), NID_key_usage,
                 QByteArrayLiteral("critical,digitalSignature,keyEncipherment"));
    addExtension(cert.get(), d->cert.get(), NID_ext_key_usage, QByteArrayLiteral("serverAuth"));
    addExtension(cert.get(), d->cert.get(), NID_authority_key_identifier,
                 QByteArrayLiteral("keyid:always"));
    addExtension(cert.get(), d->cert.get(), NID_subject_alt_name,
                 alternatives.join(QLatin1Char(',')).toLatin1());
    X509_sign(cert.get(), d->key.get(), EVP_sha256());
    return {toPem(cert.get()), toPem(key.get())};
}

KeyPair CertificateAuthority::issueClient(const QString &user, const QStringList &groups) const
{
    Pkey key = newKey();
    Cert cert = makeCertificate(key.get(), d->cert.get(), user, groups, 365);
    addExtension(cert.get(), d->cert.get(), NID_basic_constraints, QByteArrayLiteral("CA:FALSE"));
    addExtension(cert.get(), d->cert.get(), NID_key_usage,
                 QByteArrayLiteral("critical,digitalSignature,keyEncipherment"));
    addExtension(cert.get(), d->cert.get(), NID_ext_key_usage, QByteArrayLiteral("clientAuth"));
    addExtension(cert.get(), d->cert.get(), NID_authority_key_identifier,
                 QByteArrayLiteral("keyid:always"));
    X509_sign(cert.get(), d->key.get(), EVP_sha256());
    return {toPem(cert.get()), toPem(key.get())};
}

bool CertificateAuthority::verifyClient(const QByteArray &der, CertificateIdentity *identity) const
{
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    Cert cert(d2i_X509(nullptr, &data, der.size()));
    if (!cert)
        return false;
    if (X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(d->cert.get())) != 0)
        return false;
    if (X509_verify(cert.get(), d->key.get()) != 1)
        return false;
    if (X509_cmp_current_time(X509_get0_notBefore(cert.get())) >= 0
        || X509_cmp_current_time(X509_get0_notAfter(cert.get())) <= 0)
        return false;

    CertificateIdentity who;
    X509_NAME *name = X509_get_subject_name(cert.get());
    for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
        X509_NAME_ENTRY *entry = X509_NAME_get_entry(name, i);
        const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
        unsigned char *utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
        if (length < 0)
            continue;
        const QString value = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
        OPENSSL_free(utf8);
        if (nid == NID_commonName)
            who.user = value;
        else if (nid == NID_organizationName)
            who.groups << value;
    }
    if (who.user.isEmpty())
        return false;
    *identity = who;
    return true;
}

} // namespace kubeemu
