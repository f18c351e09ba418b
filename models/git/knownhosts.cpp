#include "knownhosts.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QRandomGenerator>

namespace gitops::git {

namespace {

QString hostPattern(const QString &host, int port)
{
    return port == 22 || port <= 0 ? host : QStringLiteral("[%1]:%2").arg(host).arg(port);
}

bool nameMatches(const QByteArray &name, const QByteArray &wanted)
{
    if (name.startsWith("|1|")) {
        const QList<QByteArray> parts = name.mid(3).split('|');
        if (parts.size() != 2)
            return false;
        const QByteArray salt = QByteArray::fromBase64(parts.at(0));
        return QMessageAuthenticationCode::hash(wanted, salt, QCryptographicHash::Sha1)
            == QByteArray::fromBase64(parts.at(1));
    }
    // Wildcards and negations are rare for git hosts; compare exactly, case-insensitively.
    return name.compare(wanted, Qt::CaseInsensitive) == 0;
}

/// Whether @p file names any host hashed, as `HashKnownHosts yes` makes ssh write them.
bool usesHashedNames(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    while (!in.atEnd())
        if (in.readLine().trimmed().startsWith("|1|"))
            return true;
    return false;
}

QMutex acceptedMutex;
QString accepted;

} // namespace

void KnownHosts::setAcceptedFingerprint(const QString &fingerprint)
{
    const QMutexLocker lock(&acceptedMutex);
    accepted = fingerprint;
}

QString KnownHosts::acceptedFingerprint()
{
    const QMutexLocker lock(&acceptedMutex);
    return accepted;
}

KnownHosts::KnownHosts(const QString &file)
    : m_file(file)
{ }

QString KnownHosts::defaultFile()
{
    return QDir::home().filePath(QStringLiteral(".ssh/known_hosts"));
}

KnownHosts::Verdict KnownHosts::check(const QString &host, int port, const QString &type,
                                      const QByteArray &blob) const
{
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return Verdict::Unknown;
    const QByteArray wanted = hostPattern(host, port).toUtf8();
    const QByteArray wantedType = type.toUtf8();
    bool otherKey = false;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QList<QByteArray> fields = line.simplified().split(' ');
        bool revoked = false;
        if (fields.value(0).startsWith('@')) {
            revoked = fields.value(0) == "@revoked";
            if (!revoked)
                continue; // @cert-authority: host certificates are not used here
            fields.removeFirst();
        }
        if (fields.size() < 3)
            continue;
        bool named = false;
        for (const QByteArray &name : fields.at(0).split(','))
            named = named || nameMatches(name, wanted);
        if (!named)
            continue;
        const bool sameKey = QByteArray::fromBase64(fields.at(2)) == blob;
        if (revoked && sameKey)
            return Verdict::Revoked;
        if (sameKey)
            return Verdict::Known;
        // Another key of the same type is a changed key; another type may simply be a
        // second key the server also has.
        if (fields.at(1) == wantedType)
            otherKey = true;
    }
    return otherKey ? Verdict::Changed : Verdict::Unknown;
}

QString KnownHosts::trust(const HostKey &key) const
{
    if (key.changed)
        return QStringLiteral("the key of %1 changed; remove the old line from %2 yourself if "
                              "the change is expected")
            .arg(hostPattern(key.host, key.port), m_file);
    const QFileInfo info(m_file);
    if (!QDir().mkpath(info.absolutePath()))
        return QStringLiteral("cannot create %1").arg(info.absolutePath());
    QByteArray name = hostPattern(key.host, key.port).toUtf8();
    if (usesHashedNames(m_file)) {
        QByteArray salt(20, Qt::Uninitialized);
        QRandomGenerator::system()->generate(salt.begin(), salt.end());
        name = "|1|" + salt.toBase64() + '|'
            + QMessageAuthenticationCode::hash(name, salt, QCryptographicHash::Sha1).toBase64();
    }
    QFile file(m_file);
    if (!file.open(QIODevice::Append | QIODevice::Text))
        return QStringLiteral("%1: %2").arg(m_file, file.errorString());
    const QByteArray line = name + ' ' + key.type.toUtf8() + ' ' + key.blob.toBase64() + '\n';
    if (file.write(line) != line.size())
        return QStringLiteral("%1: %2").arg(m_file, file.errorString());
    return {};
}

QString KnownHosts::fingerprint(const QByteArray &blob)
{
    QByteArray hash = QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toBase64();
    while (hash.endsWith('='))
        hash.chop(1);
    return QStringLiteral("SHA256:") + QString::fromLatin1(hash);
}

QString KnownHosts::typeOf(const QByteArray &blob)
{
    if (blob.size() < 4)
        return {};
    const quint32 length = (quint32(uchar(blob.at(0))) << 24) | (quint32(uchar(blob.at(1))) << 16)
        | (quint32(uchar(blob.at(2))) << 8) | quint32(uchar(blob.at(3)));
    if (length > quint32(blob.size() - 4))
        return {};
    return QString::fromLatin1(blob.mid(4, qsizetype(length)));
}

} // namespace gitops::git
