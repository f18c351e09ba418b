#include "forge/changebranch.h"

#include <QCryptographicHash>

namespace gitops::forge {

QString changeBranchName(const QString &app, const QByteArray &content)
{
    QString slug;
    bool separator = false;
    for (const QChar c : app.trimmed().toLower()) {
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
        if (plain) {
            slug += c;
            separator = false;
        } else if (!separator) {
            slug += u'-';
            separator = true;
        }
    }
    while (slug.contains(u".."))
        slug.replace(QStringLiteral(".."), QStringLiteral("."));
    while (slug.startsWith(u'.') || slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'.') || slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.endsWith(u".lock"))
        slug.chop(5);
    if (slug.isEmpty())
        slug = QStringLiteral("app");
    const QByteArray digest = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    return changeBranchPrefix() + slug + u'/' + QString::fromLatin1(digest.left(12));
}

} // namespace gitops::forge
