#include "kube/apiresource.h"

#include <QUrl>

namespace gitops::kube {

QString ApiResource::collectionPath(const QString &namespaceName) const
{
    QString path = group.isEmpty() ? QStringLiteral("/api/") + version
                                   : QStringLiteral("/apis/%1/%2").arg(group, version);
    if (namespaced && !namespaceName.isEmpty())
        path += QStringLiteral("/namespaces/")
            + QString::fromLatin1(QUrl::toPercentEncoding(namespaceName));
    return path + u'/' + plural;
}

QString ApiResource::objectPath(const QString &namespaceName, const QString &name) const
{
    return collectionPath(namespaceName) + u'/'
        + QString::fromLatin1(QUrl::toPercentEncoding(name));
}

} // namespace gitops::kube
