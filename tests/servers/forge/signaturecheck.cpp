#include "signaturecheck.h"

#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace localforge {

namespace {

// gpg and gpgsm escape ':' (and other bytes) in colon listings as \xNN.
QString unescapeColonField(const QByteArray &field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field.at(i) == '\\' && i + 3 < field.size() && field.at(i + 1) == 'x') {
            bool ok = false;
            const int byte = field.mid(i + 2, 2).toInt(&ok, 16);
            if (ok) {
                out.append(char(byte));
                i += 3;
                continue;
            }
        }
        out.append(field.at(i));
    }
    return QString::fromUtf8(out);
}

QString emailOf(const QString &userId)
{
    const qsizetype open = userId.lastIndexOf(u'<');
    const qsizetype close = userId.lastIndexOf(u'>');
    if (open >= 0 && close > open)
        return userId.mid(open + 1, close - open - 1);
    return userId.contains(u'@') && !userId.contains(u'=') ? userId : QString();
}

// "0102AB" -> "01:02:AB", as GitLab shows key identifiers.
QString colonHex(const QString &hex)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2)
        pairs << hex.mid(i, 2).toUpper();
    return pairs.join(u':');
}

} // namespace

QString SignatureCheck::signerName() const
{
    if (userIds.isEmpty())
        return {};
    const QString first = userIds.first();
    const qsizetype open = first.indexOf(u'<');
    return (open < 0 ? first : first.left(open)).trimmed();
}

SignatureCheck::Kind signatureKind(const QString &signature)
{
    if (signature.isEmpty())
        return SignatureCheck::Kind::None;
    if (signature.startsWith(QLatin1String("-----BEGIN SSH SIGNATURE-----")))
        return SignatureCheck::Kind::Ssh;
    // git's own test for gpg.format x509: gpgsm's CMS armor.
    if (signature.startsWith(QLatin1String("-----BEGIN SIGNED MESSAGE-----")))
        return SignatureCheck::Kind::X509;
    return SignatureCheck::Kind::OpenPgp;
}

void readVerifyStatus(const QByteArray &status, int exitCode, SignatureCheck *check)
{
    using Status = SignatureCheck::Status;
    std::optional<Status> result;
    QByteArray trust;
    for (const QByteArray &raw : status.split('\n')) {
        const QByteArray line = raw.trimmed();
        if (!line.startsWith("[GNUPG:] "))
            continue;
        const QList<QByteArray> fields = line.mid(9).split(' ');
        const QByteArray &keyword = fields.first();
        const QString first = QString::fromLatin1(fields.value(1));
        if (keyword == "GOODSIG" || keyword == "EXPKEYSIG" || keyword == "REVKEYSIG"
            || keyword == "EXPSIG" || keyword == "BADSIG") {
            check->keyId = first;
            result = keyword == "GOODSIG" ? Status::Good
                : keyword == "BADSIG"     ? Status::Bad
                : keyword == "REVKEYSIG"  ? Status::RevokedKey
                                          : Status::ExpiredKey;
        } else if (keyword == "ERRSIG") {
            // ERRSIG keyid pkalgo hashalgo class time rc [fpr]; rc 9: no public key.
            check->keyId = first;
            if (fields.size() > 7 && fields.at(7) != "-")
                check->fingerprint = QString::fromLatin1(fields.at(7));
            result = fields.value(6) == "9" ? Status::UnknownKey : Status::Malformed;
        } else if (keyword == "NO_PUBKEY") {
            result = Status::UnknownKey;
        } else if (keyword == "ERROR" && fields.value(1) == "verify.findkey") {
            // gpgsm: the signature does not carry the certificate and the keyring lacks it.
            result = Status::UnknownKey;
        } else if (keyword == "VALIDSIG") {
            // VALIDSIG fpr date time expire version reserved algo hash class [primary-fpr]
            check->fingerprint = first;
            check->primaryFingerprint =
                fields.size() > 10 ? QString::fromLatin1(fields.at(10)) : first;
        } else if (keyword.startsWith("TRUST_")) {
            trust = keyword;
        }
    }
    if (check->primaryFingerprint.isEmpty())
        check->primaryFingerprint = check->fingerprint;
    if (!result) {
        check->status = Status::Malformed;
        return;
    }
    check->status = *result;
    if (check->status != Status::Good)
        return;
    // OpenPGP: a key in the forge's keyring is the forge's user's key, whatever the web of
    // trust says (as on GitHub, GitLab and Gitea). X.509: gpgsm must trust the chain, which
    // git's exit code says too.
    if (check->kind == SignatureCheck::Kind::X509
        && (exitCode != 0 || (trust != "TRUST_FULLY" && trust != "TRUST_ULTIMATE")))
        check->status = Status::UntrustedCertificate;
    else if (exitCode != 0)
        check->status = Status::Bad;
}

void readKeyListing(const QByteArray &colons, const QString &committerEmail, SignatureCheck *check)
{
    const bool x509 = check->kind == SignatureCheck::Kind::X509;
    struct Block
    {
        QList<QList<QByteArray>> records;
        QStringList fingerprints;
    };
    QList<Block> blocks;
    for (const QByteArray &line : colons.split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split(':');
        const QByteArray &type = fields.first();
        if (type == "pub" || type == "crt" || type == "crs")
            blocks.append(Block{});
        if (blocks.isEmpty())
            continue;
        blocks.last().records << fields;
        if (type == "fpr")
            blocks.last().fingerprints << QString::fromLatin1(fields.value(9));
    }
    const auto matches = [check, x509](const QString &fingerprint) {
        if (fingerprint.isEmpty())
            return false;
        if (fingerprint == check->fingerprint || fingerprint == check->primaryFingerprint)
            return true;
        // Without VALIDSIG (a bad signature) only the key id is known: OpenPGP's long id is
        // the fingerprint's end, gpgsm names the certificate by its fingerprint.
        return !check->keyId.isEmpty()
            && (x509 ? fingerprint == check->keyId : fingerprint.endsWith(check->keyId));
    };
    for (qsizetype number = 0; number < blocks.size(); ++number) {
        const Block &block = blocks.at(number);
        if (std::none_of(block.fingerprints.cbegin(), block.fingerprints.cend(), matches))
            continue;
        check->keyNumber = int(number + 1);
        const QList<QByteArray> &head = block.records.first();
        if (x509) {
            check->serial = QString::fromLatin1(head.value(7));
            check->issuer = unescapeColonField(head.value(9));
            check->primaryFingerprint = block.fingerprints.value(0);
        } else {
            check->primaryKeyId = QString::fromLatin1(head.value(4));
            check->primaryFingerprint = block.fingerprints.value(0);
        }
        for (const QList<QByteArray> &record : block.records) {
            if (record.first() != "uid")
                continue;
            const QString userId = unescapeColonField(record.value(9));
            const QString email = emailOf(userId);
            if (!email.isEmpty())
                check->emails << email;
            // gpgsm lists the subject DN first, then the addresses as "<email>".
            if (x509 && check->subject.isEmpty() && email.isEmpty())
                check->subject = userId;
            if (!x509 || email.isEmpty())
                check->userIds << userId;
        }
        break;
    }
    if (x509 && !check->issuer.isEmpty()) {
        for (qsizetype number = 0; number < blocks.size() && check->issuerNumber == 0; ++number)
            for (const QList<QByteArray> &record : blocks.at(number).records)
                if (record.first() == "uid") {
                    // The first uid of a certificate is its subject.
                    if (unescapeColonField(record.value(9)) == check->issuer)
                        check->issuerNumber = int(number + 1);
                    break;
                }
    }
    check->emailMatches = std::any_of(
        check->emails.cbegin(), check->emails.cend(), [&committerEmail](const QString &email) {
            return email.compare(committerEmail, Qt::CaseInsensitive) == 0;
        });
}

void readCertificateDump(const QByteArray &dump, SignatureCheck *check)
{
    static const QRegularExpression field(QStringLiteral(R"(^\s*([A-Za-z.]+):\s*(.*)$)"));
    for (const QByteArray &line : dump.split('\n')) {
        const QRegularExpressionMatch match = field.match(QString::fromUtf8(line));
        if (!match.hasMatch())
            continue;
        const QString name = match.captured(1);
        const QString value = match.captured(2).trimmed();
        if (value.isEmpty() || value.startsWith(u'['))
            continue;
        if (name == u"subjKeyId")
            check->subjectKeyId = colonHex(value);
        else if (name == u"authKeyId.ki")
            check->authorityKeyId = colonHex(value);
        else if (name == u"crlDP" && check->crlUrl.isEmpty())
            check->crlUrl = value.section(u' ', 0, 0);
    }
}

} // namespace localforge
