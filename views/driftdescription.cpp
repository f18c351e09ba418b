#include "driftdescription.h"

#include "driftpresentationmodel.h"
#include "localizedtext.h"

#include <algorithm>
#include <utility>

namespace gitops {

namespace {

// What the controllers report in the live object's status (HealthFact::of()): its
// conditions, and for Pods the state of each container with its reason. HTML lines for the
// Details tab.
QStringList healthDetails(const QList<drift::HealthFact> &facts)
{
    using Kind = drift::HealthFact::Kind;
    QStringList lines;
    if (std::any_of(facts.cbegin(), facts.cend(),
                    [](const drift::HealthFact &fact) { return fact.kind == Kind::Condition; }))
        lines << DriftDescription::tr("<b>Conditions</b>");
    for (const drift::HealthFact &fact : facts) {
        QString line;
        switch (fact.kind) {
        case Kind::Condition:
            line = DriftDescription::tr("%1: %2").arg(fact.name, fact.status);
            if (!fact.reason.isEmpty())
                line += QStringLiteral(" (") + fact.reason + u')';
            if (!fact.message.isEmpty())
                line += QStringLiteral(" — ") + fact.message;
            lines << line.toHtmlEscaped();
            continue;
        case Kind::ContainerWaiting:
            line = DriftDescription::tr("Container %1: waiting (%2) %3")
                       .arg(fact.name, fact.reason, fact.message);
            break;
        case Kind::ContainerTerminated:
            line = DriftDescription::tr("Container %1: terminated (%2, exit code %3)")
                       .arg(fact.name, fact.reason)
                       .arg(fact.exitCode);
            break;
        case Kind::ContainerRunning:
            line = DriftDescription::tr("Container %1: running").arg(fact.name);
            break;
        }
        if (fact.restarts > 0)
            line += u' ' + DriftDescription::tr("— restarts: %1").arg(fact.restarts);
        lines << line.trimmed().toHtmlEscaped();
    }
    return lines;
}

struct Counts
{
    int total = 0;
    int drifted = 0;
    int unknown = 0;

    void add(const drift::AppDrift &drift)
    {
        for (const drift::ResourceDrift &resource : drift.resources) {
            ++total;
            if (resource.status == drift::SyncStatus::Unknown)
                ++unknown;
            else if (resource.status != drift::SyncStatus::Synced)
                ++drifted;
        }
    }

    // "64 resources: 2 drifted, 3 unknown, 59 synced"
    QString text() const
    {
        QStringList parts;
        if (drifted > 0)
            parts << DriftDescription::tr("%1 drifted").arg(drifted);
        if (unknown > 0)
            parts << DriftDescription::tr("%1 unknown").arg(unknown);
        const int synced = total - drifted - unknown;
        if (synced > 0)
            parts << DriftDescription::tr("%1 synced").arg(synced);
        // English without (s) plurals: the two forms are two strings.
        const QString resources = total == 1 ? DriftDescription::tr("1 resource")
                                             : DriftDescription::tr("%1 resources").arg(total);
        return parts.isEmpty()
            ? resources
            : DriftDescription::tr("%1: %2").arg(resources, parts.join(QStringLiteral(", ")));
    }
};

} // namespace

QString DriftDescription::namespaceOrigin(const QString &namespaceName,
                                          manifest::NamespaceFrom from)
{
    switch (from) {
    case manifest::NamespaceFrom::ArgoCdDestination:
        return tr("Namespace %1: the Argo CD Application's destination (the manifest names none)")
            .arg(namespaceName);
    case manifest::NamespaceFrom::FluxTargetNamespace:
        return tr("Namespace %1: the Flux Kustomization's targetNamespace").arg(namespaceName);
    case manifest::NamespaceFrom::WorkspaceFile:
        return tr("Namespace %1: the destination in gitops-console.yaml (the manifest names none)")
            .arg(namespaceName);
    case manifest::NamespaceFrom::Context:
        return tr("Namespace %1: the kubeconfig context's, where kubectl apply puts a manifest "
                  "that names none")
            .arg(namespaceName);
    case manifest::NamespaceFrom::Default:
        return tr("Namespace %1: neither the manifest, its app nor the context names one")
            .arg(namespaceName);
    case manifest::NamespaceFrom::Manifest:
    case manifest::NamespaceFrom::None:
        break;
    }
    return {};
}

QString DriftDescription::reason(const drift::ResourceDrift &resource)
{
    // A reason set in words only (no sentence behind it) shows as it is.
    return resource.reasonText.isEmpty() ? resource.reason : localized(resource.reasonText);
}

QString DriftDescription::healthMessage(const drift::Health &health)
{
    return health.text.isEmpty() ? health.message : localized(health.text);
}

QString DriftDescription::details(const drift::ResourceDrift &resource, const QString &source,
                                  const QVariant &namespaceFrom)
{
    QStringList details;
    details << tr("<b>%1</b>").arg(resource.id.toString().toHtmlEscaped());
    details << tr("Sync: %1").arg(DriftPresentationModel::syncText(int(resource.status)));
    if (!resource.reason.isEmpty())
        details << tr("Reason: %1").arg(reason(resource).toHtmlEscaped());
    details << tr("Health: %1").arg(DriftPresentationModel::healthText(int(resource.health.status)))
            + (resource.health.message.isEmpty()
                   ? QString()
                   : QStringLiteral(" — ") + healthMessage(resource.health).toHtmlEscaped());
    details << healthDetails(resource.health.facts);
    if (!source.isEmpty())
        details << tr("Defined in %1").arg(source.toHtmlEscaped());
    if (namespaceFrom.isValid())
        details << namespaceOrigin(resource.id.namespaceName,
                                   manifest::NamespaceFrom(namespaceFrom.toInt()))
                       .toHtmlEscaped();
    return details.join(QStringLiteral("<br>"));
}

QString DriftDescription::appDetails(const drift::AppWorkspaceDrift &app)
{
    Counts counts;
    counts.add(app.drift);
    QStringList lines{tr("<b>%1</b>").arg(app.name.toHtmlEscaped()), counts.text().toHtmlEscaped()};
    if (!app.error.isEmpty())
        lines << tr("Could not be read: %1").arg(localized(app.errorSentence()).toHtmlEscaped());
    const QList<Text> errors = app.readErrors();
    if (!errors.isEmpty())
        lines << tr("<b>Files that could not be read</b>");
    for (const Text &error : errors)
        lines << localized(error).toHtmlEscaped();
    // What was left out on purpose (a binary file, a document that is no Kubernetes object,
    // a source the console does not render): the verdict does not cover it.
    bool first = true;
    for (const manifest::SourceNote &note : app.notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            continue;
        if (std::exchange(first, false))
            lines << tr("<b>Not compared</b>");
        lines << localized(note.toText()).toHtmlEscaped();
    }
    return lines.join(QStringLiteral("<br>"));
}

QString DriftDescription::appProblem(const drift::AppWorkspaceDrift &app)
{
    QStringList lines;
    for (const Text &problem : app.problems())
        lines << localized(problem);
    return lines.join(u'\n');
}

QString DriftDescription::verdict(const drift::ResourceDrift &resource)
{
    switch (resource.status) {
    case drift::SyncStatus::Synced:
        return tr("Synced: the live object matches git. Unchanged lines are folded; click one to "
                  "open it.");
    case drift::SyncStatus::OutOfSync:
        return resource.differences.size() == 1
            ? tr("OutOfSync: the live object differs from git in one field.")
            : tr("OutOfSync: the live object differs from git in %1 fields.")
                  .arg(resource.differences.size());
    case drift::SyncStatus::Missing:
        return tr("Missing: in git, not in the cluster. Git's side is shown whole.");
    case drift::SyncStatus::Extraneous:
        return tr("Extraneous: in the cluster and tracked by the app, not in git. The live object "
                  "is shown whole; Change › Add the Live Object to Git writes it into a new "
                  "file.");
    case drift::SyncStatus::Unknown:
        return tr("Unknown: not compared. %1").arg(reason(resource));
    }
    return {};
}

QString DriftDescription::counts(int total, int drifted, int unknown)
{
    Counts counts;
    counts.total = total;
    counts.drifted = drifted;
    counts.unknown = unknown;
    return counts.text();
}

QString DriftDescription::summary(const drift::WorkspaceDrift &snapshot)
{
    Counts counts;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps)
        counts.add(app.drift);
    const QString apps =
        snapshot.apps.size() == 1 ? tr("1 app") : tr("%1 apps").arg(snapshot.apps.size());
    return tr("%1, %2.").arg(apps, counts.text());
}

} // namespace gitops
