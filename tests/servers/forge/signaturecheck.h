#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace localforge {

/// What the forge learnt of one commit's signature: its kind, what `git verify-commit
/// --raw` (gpg's or gpgsm's status lines) said of it, and, when the forge's keyring knows
/// the key or certificate, who it belongs to. Each flavor turns it into its own words. A
/// plain value; the read* functions fill it from the programs' output bytes.
struct SignatureCheck
{
    enum class Kind { None, Ssh, OpenPgp, X509 };
    enum class Status {
        Unsigned,
        NotChecked, ///< the forge was given no keys of this kind
        Good, ///< the signature holds, by a key (a trusted certificate) the forge knows
        UnknownKey, ///< the forge's keyring lacks the key or certificate
        Bad, ///< the signature does not match the commit
        ExpiredKey,
        RevokedKey,
        UntrustedCertificate, ///< X.509: the certificate is known, its chain is not trusted
        Malformed, ///< gpg or gpgsm could not read the signature
    };

    Kind kind = Kind::None;
    Status status = Status::Unsigned;
    /// From the signature, also for an unknown key: the signing key's long id (OpenPGP)
    /// or the certificate's SHA-1 fingerprint (X.509).
    QString keyId;
    QString fingerprint; ///< the signing key's (subkey's) or certificate's fingerprint
    QString primaryFingerprint; ///< OpenPGP: the primary key's; X.509: the certificate's

    // From the forge's keyring, when it knows the key.
    int keyNumber = 0; ///< 1-based place in the keyring: the forge's id of the key
    QString primaryKeyId; ///< OpenPGP: the primary key's long id
    QStringList userIds; ///< OpenPGP: "Name <email>"; X.509: the subject DN
    QStringList emails; ///< the addresses the key or certificate names
    QString subject, issuer; ///< X.509 DNs (RFC 2253, as gpgsm prints them)
    QString serial; ///< X.509, hexadecimal
    int issuerNumber = 0; ///< X.509: the issuer certificate's keyNumber, 0 when not held
    QString subjectKeyId, authorityKeyId; ///< X.509, "AB:CD:...", empty when absent
    QString crlUrl; ///< X.509, empty when the certificate names none
    /// The committer's address is one the key or certificate names.
    bool emailMatches = false;

    /// Good and, for OpenPGP and X.509, made by a key that names the committer's address
    /// (ssh: the allowed-signers file already ties the key to an address).
    bool verified() const { return status == Status::Good && (kind == Kind::Ssh || emailMatches); }
    /// "Name" of the key's first user id ("" when unknown).
    QString signerName() const;
    QString signerEmail() const { return emails.value(0); }
};

/// The kind of a gpgsig header's signature, from its armor line.
SignatureCheck::Kind signatureKind(const QString &signature);
/// Reads gpg's or gpgsm's status lines (`[GNUPG:] GOODSIG ...`, as `git verify-commit
/// --raw` prints them on stderr) into @p check's status, key id and fingerprints.
/// @p exitCode is git's: a signature gpg calls good but git refuses (an X.509 chain gpgsm
/// does not trust) is not Good.
void readVerifyStatus(const QByteArray &status, int exitCode, SignatureCheck *check);
/// Reads `gpg --with-colons --fixed-list-mode --list-keys` or `gpgsm --with-colons
/// --list-keys` (the whole keyring) for the key @p check names, then whether it names
/// @p committerEmail.
void readKeyListing(const QByteArray &colons, const QString &committerEmail, SignatureCheck *check);
/// Reads `gpgsm --dump-cert` for the certificate's key identifiers and CRL address.
void readCertificateDump(const QByteArray &dump, SignatureCheck *check);

} // namespace localforge
