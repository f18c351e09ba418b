#pragma once

#include "drift/health.h"
#include "drift/healthscript.h"
#include "text.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace gitops::drift {

/// The health rules a cluster's Argo CD holds in its argocd-cm ConfigMap: the
/// `resource.customizations.health.<group>_<kind>` keys (`<kind>` alone for the core group)
/// and the `health.lua` entries of the older `resource.customizations` block, whose group
/// and kind may hold `*` wildcards. An exact rule wins over a wildcard one, a key of its own
/// over the block, as in Argo CD. A plain value; healthOf() is a pure function.
struct HealthRules
{
    struct Rule
    {
        QString group; ///< may hold '*' (the older block only)
        QString kind; ///< may hold '*' (the older block only)
        HealthScript script;
    };

    QList<Rule> rules;
    /// What could not be read (the older block's YAML), for a warning: English through
    /// toString(), the window's language through views' localized().
    QList<Text> errors;

    /// The rules of @p configMap (argocd-cm as the API server returns it).
    static HealthRules fromArgoCdConfigMap(const QJsonObject &configMap);

    /// The user's script for @p group / @p kind, or nullptr.
    const HealthScript *scriptFor(const QString &group, const QString &kind) const;

    /// Health of @p live: the user's script where one matches (an object being deleted is
    /// Progressing first, as in Argo CD), else the built-in rules of Health::of().
    Health healthOf(const QJsonObject &live, const HealthScript::Limits &limits = {}) const;
};

} // namespace gitops::drift
