#include "workspacecomparison.h"

#include "drift/appdrift.h"
#include "drift/comparison.h"
#include "drift/managedfields.h"
#include "workspace/appdiscovery.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace gitops {

kube::TrackingFilter trackingFilterOf(const App &app)
{
    switch (app.tracking) {
    case App::Tracking::ArgoCd:
        return kube::TrackingFilter::argoCd(app.name);
    case App::Tracking::Flux:
        return kube::TrackingFilter::flux(app.name);
    case App::Tracking::Label:
        return kube::TrackingFilter::label(app.trackingLabel);
    case App::Tracking::Unspecified:
        break;
    }
    return {};
}

namespace {

// Objects a controller made from another (a Deployment's ReplicaSets and Pods) carry the
// app's labels from their template, but are not the app's: never Extraneous.
bool isOwned(const QJsonObject &object)
{
    return !object.value(u"metadata").toObject().value(u"ownerReferences").toArray().isEmpty();
}

} // namespace

QString refusedListKey(const QString &group, const QString &kind, const QString &namespaceName)
{
    return group + u'/' + kind + u'/' + namespaceName;
}

namespace {

// What a dry run said replaces the comparison by field ownership, resource by resource.
drift::AppDrift withExactResults(drift::AppDrift drift, const AppDesiredState &appState,
                                 drift::ComparisonOptions options, const ExactResults &exact,
                                 const QHash<manifest::ResourceId, QJsonObject> &live)
{
    // The same expected writers as the comparison by field ownership (an HPA's replicas).
    options = drift::withAppRules(std::move(options), appState.resources);
    options.exact = true;
    QHash<manifest::ResourceId, const manifest::Resource *> desired;
    for (const manifest::Resource &resource : appState.resources)
        desired.insert(resource.id, &resource);
    for (drift::ResourceDrift &resource : drift.resources) {
        const manifest::Resource *source = desired.value(resource.id);
        if (!source)
            continue;
        if (const auto failure = exact.failures.constFind(resource.id);
            failure != exact.failures.cend()) {
            resource = drift::unknownResource(
                resource.id,
                QCoreApplication::translate("gitops::WorkspaceComparison",
                                            "The server's dry run failed: %1")
                    .arg(*failure),
                resource.desired, resource.desiredLines, resource.live);
        } else if (const auto wouldBe = exact.wouldBe.constFind(resource.id);
                   wouldBe != exact.wouldBe.cend()) {
            resource = drift::compareResource(resource.id, *wouldBe, live.value(resource.id),
                                              options, source->fieldLines);
        }
    }
    return drift::AppDrift::of(drift.resources);
}

} // namespace

namespace {

bool sameConditions(const WorkspaceComparison &a, const WorkspaceComparison &b)
{
    return a.context == b.context && a.unknownReason == b.unknownReason && a.partial == b.partial
        && a.healthRules == b.healthRules && a.exact == b.exact && a.refusedLists == b.refusedLists;
}

bool sameLastChange(const drift::FieldWriter &a, const drift::FieldWriter &b)
{
    return a.time == b.time && a.manager == b.manager && a.operation == b.operation;
}

} // namespace

drift::WorkspaceDrift compareWorkspace(const DesiredState &desired,
                                       const QHash<manifest::ResourceId, QJsonObject> &live,
                                       const WorkspaceComparison &how)
{
    return compareWorkspaceAgain(nullptr, desired, live, how).snapshot;
}

ComparedWorkspace compareWorkspaceAgain(const ComparedWorkspace *previous,
                                        const DesiredState &desired,
                                        const QHash<manifest::ResourceId, QJsonObject> &live,
                                        const WorkspaceComparison &how)
{
    const QString &unknownReason = how.unknownReason;
    const QString &context = how.context;
    const QHash<QString, ExactResults> &exact = how.exact;
    const QHash<QString, QString> &refused = how.refusedLists;
    QList<QJsonObject> definitions;
    for (auto it = live.cbegin(); it != live.cend(); ++it) {
        if (it.key().kind == u"CustomResourceDefinition"
            && it.key().group == u"apiextensions.k8s.io")
            definitions << it.value();
    }
    // The same apps from the same read of git (shared, so compared by address), the same
    // conditions and CRDs: every earlier verdict was made from the inputs the same
    // resources have now, apart from their live objects, which compareApp() compares.
    const bool sameBasis = previous
        && previous->desired.apps.constData() == desired.apps.constData()
        && previous->desired.apps.size() == desired.apps.size()
        && previous->snapshot.apps.size() == desired.apps.size()
        && sameConditions(previous->how, how) && previous->definitions == definitions;
    QHash<QString, const drift::AppWorkspaceDrift *> before;
    if (sameBasis) {
        for (const drift::AppWorkspaceDrift &app : previous->snapshot.apps)
            before.insert(app.name, &app);
        if (before.size() != previous->snapshot.apps.size())
            before.clear(); // two apps of one name: which was which is not known
    }
    drift::WorkspaceDrift snapshot;
    snapshot.revision =
        desired.revision.workingCopy ? desired.revision.spec : desired.revision.commitId;
    snapshot.context = context;
    snapshot.partial = how.partial;
    snapshot.error = desired.error;
    snapshot.notes = desired.notes;
    for (const AppDesiredState &appState : desired.apps) {
        drift::AppWorkspaceDrift app;
        app.name = appState.app.name;
        app.error = appState.error;
        app.errorText = appState.errorText;
        // The controller's verdict as its definition says now: its status changes without
        // git being read again.
        if (const auto definition = live.constFind(appState.app.definition);
            !appState.app.definition.name.isEmpty() && definition != live.cend())
            app.controller = ControllerVerdict::fromDefinition(*definition);
        app.notes = appState.notes;
        const drift::AppWorkspaceDrift *earlier = before.value(app.name);
        if (earlier) {
            // Git's side alone says these.
            app.sources = earlier->sources;
            app.inferredNamespaces = earlier->inferredNamespaces;
        } else {
            for (const manifest::Resource &resource : appState.resources) {
                app.sources.insert(resource.id, drift::SourceLocation::of(resource));
                if (resource.namespaceFrom != manifest::NamespaceFrom::Manifest
                    && resource.namespaceFrom != manifest::NamespaceFrom::None)
                    app.inferredNamespaces.insert(resource.id, resource.namespaceFrom);
            }
        }
        // The workspace file may say an app runs in another cluster than the one shown.
        const QString elsewhere = appState.app.source == App::Source::WorkspaceFile
                && !appState.app.destinationContext.isEmpty()
                && appState.app.destinationContext != context
            ? appState.app.destinationContext
            : QString();
        if (!unknownReason.isEmpty() || !elsewhere.isEmpty()) {
            QString reason = unknownReason;
            if (!elsewhere.isEmpty() && !context.isEmpty())
                reason = QCoreApplication::translate(
                             "gitops::WorkspaceSession",
                             "This app runs in context %1 (gitops-console.yaml); choose that "
                             "context to compare it")
                             .arg(elsewhere);
            QList<drift::ResourceDrift> unknown;
            for (const manifest::Resource &resource : appState.resources)
                unknown << drift::unknownResource(resource.id, reason, resource.object,
                                                  resource.fieldLines);
            app.drift = drift::AppDrift::of(unknown);
        } else {
            const kube::TrackingFilter tracking = trackingFilterOf(appState.app);
            QSet<manifest::ResourceId> wanted;
            for (const manifest::Resource &resource : appState.resources)
                wanted.insert(resource.id);
            QList<QJsonObject> objects;
            for (auto it = live.cbegin(); it != live.cend(); ++it) {
                if (wanted.contains(it.key())
                    || (!tracking.isEmpty() && tracking.matches(it.value())
                        && !isOwned(it.value()))) {
                    objects << it.value();
                    drift::FieldWriter change = drift::ManagedFields::newestWriter(it.value());
                    if (earlier) {
                        // Kept shared where it did not change, as the verdicts are.
                        const auto held = earlier->lastChanges.constFind(it.key());
                        if (held != earlier->lastChanges.cend() && sameLastChange(*held, change))
                            change = *held;
                    }
                    app.lastChanges.insert(it.key(), change);
                }
            }
            drift::ComparisonOptions options = drift::ComparisonOptions::forApp(appState.app);
            options.addCustomResourceDefinitions(definitions);
            options.healthRules = how.healthRules;
            // Exact mode's and refused lists' verdicts replace the comparison's below, so an
            // app with any is compared whole (its earlier verdicts are not all compareApp()'s).
            const bool reusable = earlier && !exact.contains(app.name) && refused.isEmpty();
            app.drift =
                drift::compareApp(appState.resources, objects, appState.app.destinationNamespace,
                                  options, reusable ? &earlier->drift : nullptr);
            if (const auto run = exact.constFind(app.name); run != exact.cend()) {
                app.exact = true;
                for (const manifest::Resource &resource : appState.resources) {
                    if (run->wouldBe.contains(resource.id) || run->failures.contains(resource.id))
                        app.dryRun.insert(resource.id);
                }
                app.exactTotal = int(appState.resources.size());
                app.exactDone = int(app.dryRun.size());
                app.drift = withExactResults(app.drift, appState, options, *run, live);
            }
            // What the server would not let us list is unknown, not missing.
            if (!refused.isEmpty()) {
                QList<drift::ResourceDrift> resources = app.drift.resources;
                bool changed = false;
                for (drift::ResourceDrift &resource : resources) {
                    const manifest::ResourceId &id = resource.id;
                    auto reason =
                        refused.constFind(refusedListKey(id.group, id.kind, id.namespaceName));
                    if (reason == refused.cend())
                        reason = refused.constFind(refusedListKey(id.group, id.kind, QString()));
                    if (reason != refused.cend()) {
                        resource = drift::unknownResource(id, *reason, resource.desired,
                                                          resource.desiredLines);
                        changed = true;
                    }
                }
                if (changed)
                    app.drift = drift::AppDrift::of(std::move(resources));
            }
        }
        // An app that could not be rendered has no verdict, whatever its resources say.
        if (!app.error.isEmpty()) {
            app.drift.status = drift::SyncStatus::Unknown;
            app.drift.health = {drift::Health::Status::Unknown, app.errorText};
        }
        snapshot.apps << app;
    }
    // App-of-apps: each child right after its parent (depth first), the rest as they were.
    const QHash<QString, QString> parents = parentApps(desired.apps);
    if (!parents.isEmpty()) {
        QList<drift::AppWorkspaceDrift> ordered;
        ordered.reserve(snapshot.apps.size());
        QList<bool> placed(snapshot.apps.size(), false);
        const std::function<void(const QString &)> placeChildren = [&](const QString &parent) {
            for (qsizetype i = 0; i < snapshot.apps.size(); ++i) {
                const drift::AppWorkspaceDrift &app = snapshot.apps.at(i);
                if (placed.at(i) || parents.value(app.name) != parent)
                    continue;
                placed[i] = true;
                ordered << app;
                ordered.last().parent = parent;
                placeChildren(app.name);
            }
        };
        placeChildren(QString());
        snapshot.apps = std::move(ordered);
    }
    return {std::move(snapshot), desired, how, std::move(definitions)};
}

} // namespace gitops
