#include "forge/forgehost.h"

#include "forge/forgelogging.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>

namespace gitops::forge {

QString forgeTypeName(ForgeType type)
{
    switch (type) {
    case ForgeType::GitHub:
        return QStringLiteral("github");
    case ForgeType::GitLab:
        return QStringLiteral("gitlab");
    case ForgeType::Gitea:
        return QStringLiteral("gitea");
    case ForgeType::Bitbucket:
        return QStringLiteral("bitbucket");
    case ForgeType::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

ForgeType forgeTypeFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"github")
        return ForgeType::GitHub;
    if (lower == u"gitlab")
        return ForgeType::GitLab;
    if (lower == u"gitea" || lower == u"forgejo")
        return ForgeType::Gitea;
    if (lower == u"bitbucket")
        return ForgeType::Bitbucket;
    return ForgeType::Unknown;
}

std::variant<QList<ForgeHost>, ForgeHostsError> readForgeHosts(const QJsonValue &list,
                                                               const QString &path)
{
    if (list.isUndefined() || list.isNull())
        return QList<ForgeHost>();
    if (!list.isArray())
        return ForgeHostsError{
            path, Text(QT_TRANSLATE_NOOP("gitops::Text", "expected a list of forges"))};
    QList<ForgeHost> hosts;
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString at = path + u'/' + QString::number(i);
        if (!entries.at(i).isObject())
            return ForgeHostsError{
                at,
                Text(QT_TRANSLATE_NOOP("gitops::Text",
                                       "each forge must be a map of host, type and api"))};
        const QJsonObject entry = entries.at(i).toObject();
        for (auto it = entry.begin(); it != entry.end(); ++it) {
            if (it.key() != u"host" && it.key() != u"type" && it.key() != u"api")
                return ForgeHostsError{
                    at + u'/' + it.key(),
                    Text::sentence(
                        QT_TRANSLATE_NOOP("gitops::Text", "unknown field “%1” (host, type or api)"),
                        it.key())};
            if (!it.value().isString())
                return ForgeHostsError{at + u'/' + it.key(),
                                       Text(QT_TRANSLATE_NOOP("gitops::Text", "must be text"))};
        }
        ForgeHost host;
        host.host = entry.value(u"host").toString().trimmed();
        if (host.host.isEmpty() || host.host.contains(u'/') || host.host.contains(u':'))
            return ForgeHostsError{
                at + u"/host",
                Text(QT_TRANSLATE_NOOP("gitops::Text",
                                       "a forge needs a host name, without scheme, port or path "
                                       "(git.example.com)"))};
        const QString type = entry.value(u"type").toString();
        host.type = forgeTypeFromName(type);
        if (host.type == ForgeType::Unknown)
            return ForgeHostsError{
                at + u"/type",
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "unknown forge type “%1” (github, gitlab, "
                                                 "gitea, forgejo or bitbucket)"),
                               type)};
        const QString api = entry.value(u"api").toString();
        if (!api.isEmpty()) {
            host.api = QUrl(api, QUrl::StrictMode);
            if (!host.api.isValid() || host.api.host().isEmpty()
                || (host.api.scheme() != u"https" && host.api.scheme() != u"http"))
                return ForgeHostsError{
                    at + u"/api",
                    Text::sentence(
                        QT_TRANSLATE_NOOP("gitops::Text", "“%1” is no http or https URL"), api)};
        }
        hosts.append(host);
    }
    return hosts;
}

QList<ForgeHost> userForgeHosts(QSettings &settings)
{
    QJsonArray entries;
    const int size = settings.beginReadArray(QStringLiteral("forges"));
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        QJsonObject entry;
        for (const QString &key : settings.childKeys())
            entry.insert(key, settings.value(key).toString());
        entries.append(entry);
    }
    settings.endArray();
    QList<ForgeHost> hosts;
    // One bad entry does not hide the others: each is read on its own.
    for (qsizetype i = 0; i < entries.size(); ++i) {
        auto read = readForgeHosts(QJsonArray{entries.at(i)}, QStringLiteral("forges"));
        if (const auto *error = std::get_if<ForgeHostsError>(&read)) {
            qCWarning(lcForge).noquote()
                << "settings: forges entry" << i + 1 << "left out:" << error->message.toString();
            continue;
        }
        hosts += std::get<QList<ForgeHost>>(read);
    }
    return hosts;
}

QList<ForgeHost> userForgeHosts()
{
    QSettings settings;
    return userForgeHosts(settings);
}

QList<ForgeHost> configuredForgeHosts(const QList<ForgeHost> &repository)
{
    return userForgeHosts() + repository;
}

} // namespace gitops::forge
