#include "drift/healthrules.h"

#include "manifest/resourceid.h"
#include "manifest/yamldocument.h"

#include <QRegularExpression>

namespace gitops::drift {

namespace {

using L = QLatin1String;

const QLatin1String healthPrefix("resource.customizations.health.");
const QLatin1String blockKey("resource.customizations");

bool hasWildcard(const HealthRules::Rule &rule)
{
    return rule.group.contains(QLatin1Char('*')) || rule.kind.contains(QLatin1Char('*'));
}

bool globMatches(const QString &pattern, const QString &text)
{
    if (!pattern.contains(QLatin1Char('*')))
        return pattern == text;
    const QRegularExpression glob(QRegularExpression::wildcardToRegularExpression(
        pattern, QRegularExpression::NonPathWildcardConversion));
    return glob.match(text).hasMatch();
}

} // namespace

HealthRules HealthRules::fromArgoCdConfigMap(const QJsonObject &configMap)
{
    HealthRules result;
    const QJsonObject data = configMap.value(L("data")).toObject();

    // The older block first: keys of their own replace its rules for the same kind.
    const QString block = data.value(blockKey).toString();
    if (!block.trimmed().isEmpty()) {
        const auto parsed = manifest::parseYamlDocuments(block.toUtf8());
        if (const auto *error = std::get_if<manifest::YamlError>(&parsed)) {
            result.errors.append(
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "argocd-cm %1, line %2: %3"),
                               QString(blockKey), qint64(error->line), error->text));
        } else {
            for (const manifest::YamlDocument &document :
                 std::get<QList<manifest::YamlDocument>>(parsed)) {
                const QJsonObject entries = document.value.toObject();
                for (auto it = entries.begin(); it != entries.end(); ++it) {
                    const QString script = it.value().toObject().value(L("health.lua")).toString();
                    if (script.isEmpty())
                        continue;
                    // "group/Kind", or "Kind" for the core group.
                    const qsizetype slash = it.key().lastIndexOf(QLatin1Char('/'));
                    result.rules.append(
                        {slash < 0 ? QString() : it.key().left(slash),
                         slash < 0 ? it.key() : it.key().mid(slash + 1),
                         HealthScript{
                             script,
                             QStringLiteral("argocd-cm %1 \"%2\"").arg(blockKey, it.key())}});
                }
            }
        }
    }

    for (auto it = data.begin(); it != data.end(); ++it) {
        if (!it.key().startsWith(healthPrefix) || it.value().toString().isEmpty())
            continue;
        // "group_Kind", or "Kind" for the core group: kinds hold no '_'.
        const QString groupKind = it.key().mid(healthPrefix.size());
        const qsizetype underscore = groupKind.lastIndexOf(QLatin1Char('_'));
        const QString group = underscore < 0 ? QString() : groupKind.left(underscore);
        const QString kind = underscore < 0 ? groupKind : groupKind.mid(underscore + 1);
        result.rules.removeIf(
            [&](const Rule &rule) { return rule.group == group && rule.kind == kind; });
        result.rules.append(
            {group, kind,
             HealthScript{it.value().toString(), QStringLiteral("argocd-cm %1").arg(it.key())}});
    }
    return result;
}

const HealthScript *HealthRules::scriptFor(const QString &group, const QString &kind) const
{
    for (const Rule &rule : rules) {
        if (!hasWildcard(rule) && rule.group == group && rule.kind == kind)
            return &rule.script;
    }
    for (const Rule &rule : rules) {
        if (hasWildcard(rule) && globMatches(rule.group, group) && globMatches(rule.kind, kind))
            return &rule.script;
    }
    return nullptr;
}

Health HealthRules::healthOf(const QJsonObject &live, const HealthScript::Limits &limits) const
{
    if (live.isEmpty()
        || !live.value(L("metadata")).toObject().value(L("deletionTimestamp")).toString().isEmpty())
        return Health::of(live);
    const QString group = manifest::ResourceId::groupOf(live.value(L("apiVersion")).toString());
    if (const HealthScript *script = scriptFor(group, live.value(L("kind")).toString())) {
        Health health = script->run(live, limits);
        health.facts = HealthFact::of(live);
        return health;
    }
    return Health::of(live);
}

} // namespace gitops::drift
