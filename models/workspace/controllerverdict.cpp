#include "controllerverdict.h"

#include "drift/appdrift.h"

#include <QJsonArray>

namespace gitops {

namespace {

// Argo CD's OutOfSync covers what the console tells apart: changed, missing, extra.
bool sameSync(const QString &controller, drift::SyncStatus console)
{
    switch (console) {
    case drift::SyncStatus::Synced:
        return controller == QLatin1String("Synced");
    case drift::SyncStatus::OutOfSync:
    case drift::SyncStatus::Missing:
    case drift::SyncStatus::Extraneous:
        return controller == QLatin1String("OutOfSync");
    case drift::SyncStatus::Unknown:
        return true; // the console has no verdict to hold against it
    }
    return true;
}

QString argoSyncDisagreement(const QString &sync, const QString &health,
                             drift::SyncStatus consoleSync, const drift::Health &consoleHealth)
{
    QStringList differences;
    if (!sync.isEmpty() && sync != QLatin1String("Unknown") && !sameSync(sync, consoleSync))
        differences << QStringLiteral("Argo CD says %1, the console %2")
                           .arg(sync, drift::syncStatusName(consoleSync));
    if (!health.isEmpty() && health != QLatin1String("Unknown")
        && consoleHealth.status != drift::Health::Status::Unknown
        && health != drift::Health::name(consoleHealth.status))
        differences << QStringLiteral("Argo CD says %1, the console %2")
                           .arg(health, drift::Health::name(consoleHealth.status));
    return differences.join(QLatin1String("; "));
}

manifest::ResourceId idOf(const QJsonObject &entry)
{
    return {entry.value(u"group").toString(), entry.value(u"kind").toString(),
            entry.value(u"namespace").toString(), entry.value(u"name").toString()};
}

} // namespace

QString ControllerVerdict::controllerName() const
{
    switch (controller) {
    case Controller::ArgoCd:
        return QStringLiteral("argocd");
    case Controller::Flux:
        return QStringLiteral("flux");
    case Controller::None:
        break;
    }
    return {};
}

ControllerVerdict ControllerVerdict::fromDefinition(const QJsonObject &definition)
{
    ControllerVerdict verdict;
    const QString apiVersion = definition.value(u"apiVersion").toString();
    const QString kind = definition.value(u"kind").toString();
    const QJsonObject status = definition.value(u"status").toObject();
    if (apiVersion.startsWith(QLatin1String("argoproj.io/")) && kind == u"Application") {
        verdict.controller = Controller::ArgoCd;
        const QJsonObject sync = status.value(u"sync").toObject();
        verdict.sync = sync.value(u"status").toString();
        verdict.revision = sync.value(u"revision").toString();
        if (verdict.revision.isEmpty()) // a multi-source Application
            verdict.revision = sync.value(u"revisions").toArray().first().toString();
        const QJsonObject health = status.value(u"health").toObject();
        verdict.health = health.value(u"status").toString();
        verdict.message = health.value(u"message").toString();
        for (const QJsonValue &condition : status.value(u"conditions").toArray()) {
            // ComparisonError, SyncError, InvalidSpecError...: why a verdict may be stale.
            const QString type = condition.toObject().value(u"type").toString();
            if (type.endsWith(QLatin1String("Error"))) {
                verdict.message =
                    type + QLatin1String(": ") + condition.toObject().value(u"message").toString();
                break;
            }
        }
        for (const QJsonValue &value : status.value(u"resources").toArray()) {
            const QJsonObject entry = value.toObject();
            const QJsonObject entryHealth = entry.value(u"health").toObject();
            verdict.resources.insert(idOf(entry),
                                     {entry.value(u"status").toString(),
                                      entryHealth.value(u"status").toString(),
                                      entryHealth.value(u"message").toString()});
        }
        return verdict;
    }
    if (apiVersion.startsWith(QLatin1String("kustomize.toolkit.fluxcd.io/"))
        && kind == u"Kustomization") {
        verdict.controller = Controller::Flux;
        // "main@sha1:0123..." (Flux 2.x) or "main/0123..." (older): the id alone.
        QString revision = status.value(u"lastAppliedRevision").toString();
        if (const qsizetype colon = revision.lastIndexOf(u':'); colon >= 0)
            revision = revision.mid(colon + 1);
        else if (const qsizetype slash = revision.lastIndexOf(u'/'); slash >= 0)
            revision = revision.mid(slash + 1);
        verdict.revision = revision;
        for (const QJsonValue &value : status.value(u"conditions").toArray()) {
            const QJsonObject condition = value.toObject();
            if (condition.value(u"type").toString() != u"Ready")
                continue;
            const QString state = condition.value(u"status").toString();
            verdict.sync = state == u"True" ? QStringLiteral("Ready")
                : state == u"False"         ? QStringLiteral("NotReady")
                                            : QStringLiteral("Unknown");
            const QString reason = condition.value(u"reason").toString();
            const QString message = condition.value(u"message").toString();
            verdict.message = reason.isEmpty() ? message : reason + QLatin1String(": ") + message;
        }
        return verdict;
    }
    return verdict;
}

QString ControllerVerdict::disagreement(const drift::AppDrift &app) const
{
    if (!isKnown())
        return {};
    if (controller == Controller::ArgoCd)
        return argoSyncDisagreement(sync, health, app.status, app.health);
    // Flux: Ready means applied (and healthy where it waits for health); drift it has not
    // corrected yet, or a failure the console does not see, is a disagreement.
    if (sync == u"Ready" && app.status != drift::SyncStatus::Synced
        && app.status != drift::SyncStatus::Unknown)
        return QStringLiteral("Flux says Ready, the console %1")
            .arg(drift::syncStatusName(app.status));
    if (sync == u"NotReady" && app.status == drift::SyncStatus::Synced)
        return QStringLiteral("Flux says not ready (%1), the console Synced").arg(message);
    return {};
}

QString ControllerVerdict::disagreement(const drift::ResourceDrift &resource) const
{
    const auto found = resources.constFind(resource.id);
    if (controller != Controller::ArgoCd || found == resources.cend())
        return {};
    return argoSyncDisagreement(found->sync, found->health, resource.status, resource.health);
}

} // namespace gitops
