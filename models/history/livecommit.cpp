#include "livecommit.h"

#include "drift/appdrift.h"
#include "drift/comparison.h"
#include "git/repositoryworker.h"
#include "workspace/desiredstate.h"
#include "workspace/workspacesession.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace gitops::history {

namespace {

// Fields a value sets: its scalars, and its empty maps and lists (which say "empty").
int leafCount(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return 1;
        int count = 0;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            count += leafCount(it.value());
        return count;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return 1;
        int count = 0;
        for (const QJsonValue &item : array)
            count += leafCount(item);
        return count;
    }
    return 1;
}

// The fields of a desired object that say what it is like, not which object it is.
int contentFields(QJsonObject desired)
{
    desired.remove(u"apiVersion");
    desired.remove(u"kind");
    QJsonObject metadata = desired.take(u"metadata").toObject();
    metadata.remove(u"name");
    metadata.remove(u"namespace");
    if (!metadata.isEmpty())
        desired.insert(QStringLiteral("metadata"), metadata);
    return desired.isEmpty() ? 0 : leafCount(desired);
}

// Objects a controller made from another (a Deployment's ReplicaSets) carry the app's
// labels but are not the app's, as compareWorkspace() says.
bool isOwned(const QJsonObject &object)
{
    return !object.value(u"metadata").toObject().value(u"ownerReferences").toArray().isEmpty();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// "main@sha1:<id>" (Flux 2), "main/<id>" (Flux 1), "<id>" (Argo CD) -> "<id>".
QString commitPart(const QString &revision)
{
    const qsizetype sha = revision.lastIndexOf(QLatin1String("sha1:"));
    if (sha >= 0)
        return revision.mid(sha + 5);
    const qsizetype slash = revision.lastIndexOf(QLatin1Char('/'));
    return slash >= 0 ? revision.mid(slash + 1) : revision;
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODate);
}

QString shortId(const QString &id)
{
    return id.left(8);
}

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("gitops::history::LiveCommit", text, nullptr, n);
}

// Argo CD records a multi-source sync as `revisions`; the first names this repository's
// source often enough, and one source is by far the common case.
QString argoRevision(const QJsonObject &entry)
{
    const QString single = entry.value(u"revision").toString();
    return single.isEmpty() ? entry.value(u"revisions").toArray().first().toString() : single;
}

} // namespace

QString liveMatchName(LiveMatch match)
{
    switch (match) {
    case LiveMatch::Exact:
        return QStringLiteral("exact");
    case LiveMatch::Closest:
        return QStringLiteral("closest");
    case LiveMatch::None:
        break;
    }
    return QStringLiteral("none");
}

QHash<QString, Deployment> LiveCommit::deploymentsByAppCommit() const
{
    QHash<QString, Deployment> deployments;
    if (!controller)
        return deployments;
    QList<Deployment> all = controller->history;
    all.prepend(controller->current);
    for (const Deployment &deployment : std::as_const(all)) {
        if (!deployment.appCommit.isEmpty() && !deployments.contains(deployment.appCommit))
            deployments.insert(deployment.appCommit, deployment);
    }
    return deployments;
}

LiveEvidence LiveEvidence::of(const WorkspaceSession &session)
{
    LiveEvidence evidence;
    evidence.objects = session.liveObjects();
    evidence.comparison.context = session.context();
    evidence.comparison.refusedLists = session.refusedLists();
    evidence.comparison.healthRules = session.healthRules();
    evidence.contextNamespace = session.contextNamespace();
    evidence.discovery = session.discoveryInfo();
    return evidence;
}

std::optional<ControllerRecord>
controllerRecordOf(const App &app, const QHash<manifest::ResourceId, QJsonObject> &objects)
{
    const bool flux =
        app.source == App::Source::FluxKustomization || app.tracking == App::Tracking::Flux;
    const bool argo =
        app.source == App::Source::ArgoCdApplication || app.tracking == App::Tracking::ArgoCd;
    if (!flux && !argo)
        return std::nullopt;
    const QString group =
        flux ? QStringLiteral("kustomize.toolkit.fluxcd.io") : QStringLiteral("argoproj.io");
    const QString kind = flux ? QStringLiteral("Kustomization") : QStringLiteral("Application");
    // A multi-source Application's apps are "name/path".
    const QString name = flux ? app.name : app.name.section(QLatin1Char('/'), 0, 0);
    // Defined in the cluster, the app says where: "Application argocd/shop in the cluster".
    const QString named = app.definedAt.section(QLatin1Char(' '), 1, 1);
    const QJsonObject *found = nullptr;
    manifest::ResourceId foundId;
    for (auto it = objects.cbegin(); it != objects.cend(); ++it) {
        const manifest::ResourceId &id = it.key();
        if (id.group != group || id.kind != kind || id.name != name)
            continue;
        if (!found || id.namespaceName + u'/' + id.name == named
            || (id.namespaceName < foundId.namespaceName
                && foundId.namespaceName + u'/' + foundId.name != named)) {
            found = &it.value();
            foundId = id;
        }
    }
    if (!found)
        return std::nullopt;

    ControllerRecord record;
    record.definition = kind + u' ' + foundId.namespaceName + u'/' + foundId.name;
    const QJsonObject status = found->value(u"status").toObject();
    const QJsonArray history = status.value(u"history").toArray();
    if (flux) {
        record.current.revision = status.value(u"lastAppliedRevision").toString();
        // Newest first already (kustomize-controller keeps the last five).
        for (const QJsonValue &value : history) {
            const QJsonObject entry = value.toObject();
            Deployment deployment;
            deployment.revision = entry.value(u"metadata").toObject().value(u"revision").toString();
            deployment.deployedAt = timeOf(entry.value(u"lastReconciled"));
            if (!deployment.revision.isEmpty())
                record.history << deployment;
        }
    } else {
        record.current.revision = argoRevision(status.value(u"sync").toObject());
        // Argo CD appends: newest last.
        for (qsizetype i = history.size() - 1; i >= 0; --i) {
            const QJsonObject entry = history.at(i).toObject();
            Deployment deployment;
            deployment.revision = argoRevision(entry);
            deployment.deployedAt = timeOf(entry.value(u"deployedAt"));
            const QJsonObject by = entry.value(u"initiatedBy").toObject();
            deployment.initiatedBy = by.value(u"automated").toBool()
                ? QStringLiteral("automated")
                : by.value(u"username").toString();
            if (!deployment.revision.isEmpty())
                record.history << deployment;
        }
    }
    if (!record.history.isEmpty()
        && record.history.constFirst().revision == record.current.revision) {
        record.current.deployedAt = record.history.constFirst().deployedAt;
        record.current.initiatedBy = record.history.constFirst().initiatedBy;
    }
    return record;
}

struct LiveCommitFinder::Evaluation
{
    int differences = 0;
    int agreeing = 0;
    int unknown = 0;
    /// The verdicts of the resources that are live.
    QHash<manifest::ResourceId, Verdict> resources;
};

LiveCommitFinder::LiveCommitFinder(const git::Repository &repository, App app,
                                   LiveEvidence evidence)
    : m_repository(repository)
    , m_app(std::move(app))
    , m_evidence(std::move(evidence))
    , m_reader(repository, m_app)
    , m_history(m_app)
    , m_options(drift::ComparisonOptions::forApp(m_app))
{
    QList<QJsonObject> definitions;
    const kube::TrackingFilter tracking = trackingFilterOf(m_app);
    for (auto it = m_evidence.objects.cbegin(); it != m_evidence.objects.cend(); ++it) {
        if (it.key().kind == u"CustomResourceDefinition"
            && it.key().group == u"apiextensions.k8s.io")
            definitions << it.value();
        if (!tracking.isEmpty() && tracking.matches(it.value()) && !isOwned(it.value()))
            m_tracked << it.key();
    }
    m_options.addCustomResourceDefinitions(definitions);
    // Health does not decide which commit runs; the built-in rules are enough.
    m_options.healthRules.reset();
}

DesiredState LiveEvidence::resolved(const AppDesiredState &state) const
{
    DesiredState desired;
    desired.apps = {state};
    return resolveDefaultNamespaces(std::move(desired), contextNamespace,
                                    [this](const QString &group, const QString &kind) {
                                        if (!discovery)
                                            return false;
                                        const kube::ApiResource type = discovery->find(group, kind);
                                        return type.isValid() && !type.namespaced;
                                    });
}

LiveCommitFinder::Evaluation LiveCommitFinder::evaluate(const AppDesiredState &state)
{
    const DesiredState desired = m_evidence.resolved(state);
    const AppDesiredState &app = desired.apps.constFirst();

    // What of the app besides a resource changes how it compares: its autoscalers and CRDs.
    QCryptographicHash rulesHash(QCryptographicHash::Sha1);
    for (const manifest::Resource &resource : app.resources) {
        if ((resource.id.group == u"autoscaling" && resource.id.kind == u"HorizontalPodAutoscaler")
            || (resource.id.group == u"apiextensions.k8s.io"
                && resource.id.kind == u"CustomResourceDefinition")) {
            rulesHash.addData(resource.id.toString().toUtf8());
            rulesHash.addData(compact(resource.object));
        }
    }
    const QByteArray rules = rulesHash.result();
    const drift::ComparisonOptions options = drift::withAppRules(m_options, app.resources);
    const QHash<QString, QString> &refused = m_evidence.comparison.refusedLists;

    Evaluation evaluation;
    QSet<manifest::ResourceId> desiredIds;
    for (const manifest::Resource &resource : app.resources) {
        desiredIds.insert(resource.id);
        const manifest::ResourceId &id = resource.id;
        if (resource.untrackable
            || (!refused.isEmpty()
                && (refused.contains(refusedListKey(id.group, id.kind, id.namespaceName))
                    || refused.contains(refusedListKey(id.group, id.kind, QString()))))) {
            ++evaluation.unknown;
            continue;
        }
        // The quick test: the same desired object as before (usually the very object the
        // previous commit's state shares) is not hashed again, and a hash already compared
        // is not compared again.
        LastSeen &last = m_lastSeen[id];
        if (last.key.isEmpty() || last.rules != rules || last.object != resource.object) {
            QCryptographicHash hash(QCryptographicHash::Sha1);
            hash.addData(id.toString().toUtf8());
            hash.addData(rules);
            hash.addData(compact(resource.object));
            last = LastSeen{resource.object, rules, hash.result()};
        }
        auto verdict = m_verdicts.constFind(last.key);
        if (verdict == m_verdicts.cend()) {
            Verdict computed;
            computed.synced = true;
            const QJsonObject live = m_evidence.objects.value(id);
            const drift::AppDrift drift =
                drift::compareApp({resource}, live.isEmpty() ? QList<QJsonObject>() : QList{live},
                                  app.app.destinationNamespace, options);
            for (const drift::ResourceDrift &result : drift.resources) {
                switch (result.status) {
                case drift::SyncStatus::Synced:
                    computed.agreeing += contentFields(result.desired);
                    break;
                case drift::SyncStatus::OutOfSync: {
                    const auto inDesired =
                        std::count_if(result.differences.cbegin(), result.differences.cend(),
                                      [](const drift::Difference &d) { return d.inDesired(); });
                    computed.differences += int(std::max<qsizetype>(1, result.differences.size()));
                    computed.agreeing +=
                        std::max(0, contentFields(result.desired) - int(inDesired));
                    computed.synced = false;
                    break;
                }
                case drift::SyncStatus::Missing:
                case drift::SyncStatus::Extraneous:
                    computed.differences += 1;
                    computed.synced = false;
                    break;
                case drift::SyncStatus::Unknown:
                    computed.unknown = true;
                    computed.synced = false;
                    break;
                }
            }
            verdict = m_verdicts.insert(last.key, computed);
        }
        if (verdict->unknown) {
            ++evaluation.unknown;
            continue;
        }
        evaluation.differences += verdict->differences;
        evaluation.agreeing += verdict->agreeing;
        if (m_evidence.objects.contains(id))
            evaluation.resources.insert(id, *verdict);
    }
    // What the app's controller marks as its own and this commit does not have.
    for (const manifest::ResourceId &id : std::as_const(m_tracked)) {
        if (!desiredIds.contains(id))
            ++evaluation.differences;
    }
    return evaluation;
}

std::optional<QString> LiveCommitFinder::inputKey(const QString &commitId, const QStringList &paths,
                                                  QString *error)
{
    auto inputs = m_history.inputPaths(m_repository, commitId, paths);
    if (auto *message = std::get_if<QString>(&inputs)) {
        *error = *message;
        return std::nullopt;
    }
    auto ids = m_repository.entryIds(commitId, std::get<QStringList>(inputs));
    if (auto *message = std::get_if<QString>(&ids)) {
        *error = *message;
        return std::nullopt;
    }
    return std::get<QStringList>(inputs).join(u'\n') + u'\0'
        + std::get<QStringList>(ids).join(u'\n');
}

std::variant<LiveCommit, QString> LiveCommitFinder::find(const QList<HistoryEntry> &candidates,
                                                         const git::JobControl &control)
{
    LiveCommit result;
    result.candidates = int(candidates.size());
    // Each candidate's folders: the app's own until the walk passes a rename.
    QList<QStringList> pathsAt;
    QStringList paths = m_app.paths;
    for (const HistoryEntry &entry : candidates) {
        pathsAt << paths;
        if (!entry.renamedFrom.isEmpty())
            paths = entry.renamedFrom;
    }

    QHash<manifest::ResourceId, ResourceLiveCommit> resources;
    QHash<manifest::ResourceId, int> resourceAgreeing;
    qsizetype best = -1;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        if (control.stopRequested()) {
            result.problems << tr("Stopped after %1 of %2 commits.").arg(i).arg(candidates.size());
            break;
        }
        const HistoryEntry &entry = candidates.at(i);
        auto stateOr = m_reader.read(entry.id, pathsAt.at(i), control.stopPredicate());
        if (auto *message = std::get_if<QString>(&stateOr))
            return *message;
        const AppDesiredState &state = *std::get<AppStateReader::StatePointer>(stateOr);
        CommitComparison comparison;
        comparison.commit = entry.id;
        if (!state.error.isEmpty()) {
            comparison.error = state.error;
            result.commits << comparison;
            result.problems
                << tr("Commit %1 could not be rendered: %2").arg(shortId(entry.id), state.error);
            continue;
        }
        const Evaluation evaluation = evaluate(state);
        comparison.differences = evaluation.differences;
        comparison.agreeing = evaluation.agreeing;
        result.commits << comparison;
        result.unknownResources = std::max(result.unknownResources, evaluation.unknown);
        for (auto it = evaluation.resources.cbegin(); it != evaluation.resources.cend(); ++it) {
            ResourceLiveCommit &resource = resources[it.key()];
            resource.id = it.key();
            if (resource.match == LiveMatch::Exact)
                continue; // a nearer commit matched already
            if (it->synced) {
                resource.match = LiveMatch::Exact;
                resource.commit = entry.id;
                resource.differences = 0;
            } else if (resource.commit.isEmpty() || it->differences < resource.differences) {
                resource.match =
                    it->agreeing >= it->differences ? LiveMatch::Closest : LiveMatch::None;
                resource.commit = resource.match == LiveMatch::Closest ? entry.id : QString();
                resource.differences = it->differences;
                resourceAgreeing[it.key()] = it->agreeing;
            }
        }
        control.reportProgress(i + 1, candidates.size(),
                               tr("Comparing commit %1 with live").arg(shortId(entry.id)));
        if (evaluation.differences == 0) {
            result.match = LiveMatch::Exact;
            result.commit = entry.id;
            best = -1;
            break;
        }
        if (best < 0 || evaluation.differences < result.commits.at(best).differences)
            best = result.commits.size() - 1;
    }
    if (result.match != LiveMatch::Exact && best >= 0) {
        const CommitComparison &closest = result.commits.at(best);
        if (closest.agreeing >= closest.differences) {
            result.match = LiveMatch::Closest;
            result.commit = closest.commit;
            result.differences = closest.differences;
        }
    }
    // The app's tracked objects that no commit compared has: nothing to match them with.
    for (const manifest::ResourceId &id : std::as_const(m_tracked)) {
        if (!resources.contains(id))
            resources.insert(id, ResourceLiveCommit{id, LiveMatch::None, QString(), 0});
    }
    result.resources = resources.values();
    std::sort(result.resources.begin(), result.resources.end(),
              [](const ResourceLiveCommit &a, const ResourceLiveCommit &b) {
                  return a.id.toString() < b.id.toString();
              });
    if (result.unknownResources > 0)
        result.problems << tr("%n resource(s) could not be compared (the cluster refused to "
                              "list them, or the server names them); the match leaves them out.",
                              result.unknownResources);

    QString error;
    readController(result, candidates, pathsAt, &error);
    if (!error.isEmpty())
        return error;
    return result;
}

void LiveCommitFinder::readController(LiveCommit &result, const QList<HistoryEntry> &candidates,
                                      const QList<QStringList> &pathsAt, QString *error)
{
    std::optional<ControllerRecord> record = controllerRecordOf(m_app, m_evidence.objects);
    if (!record)
        return;
    QHash<QString, QString> candidateKeys; // commit -> input key, computed as needed
    const auto resolve = [&](Deployment &deployment) {
        if (deployment.revision.isEmpty())
            return;
        auto resolved = m_repository.resolve(commitPart(deployment.revision));
        if (!std::holds_alternative<git::Revision>(resolved))
            return; // not in this repository (not fetched yet, or another repository)
        deployment.commit = std::get<git::Revision>(resolved).commitId;
        const std::optional<QString> key = inputKey(deployment.commit, m_app.paths, error);
        if (!key)
            return;
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            const QString &id = candidates.at(i).id;
            if (!candidateKeys.contains(id)) {
                const std::optional<QString> candidateKey = inputKey(id, pathsAt.at(i), error);
                if (!candidateKey)
                    return;
                candidateKeys.insert(id, *candidateKey);
            }
            if (candidateKeys.value(id) == *key) {
                deployment.appCommit = id;
                return;
            }
        }
    };
    resolve(record->current);
    for (Deployment &deployment : record->history) {
        if (!error->isEmpty())
            return;
        resolve(deployment);
    }
    if (!error->isEmpty())
        return;

    const Deployment &current = record->current;
    const QString says = tr("%1 says it synced %2").arg(record->definition, current.revision);
    if (current.revision.isEmpty()) {
        // Never synced: nothing to disagree with.
    } else if (current.commit.isEmpty()) {
        result.disagreement =
            tr("%1, which is not a commit of this repository (fetch it?)").arg(says);
    } else if (result.match == LiveMatch::None) {
        result.disagreement =
            tr("%1, but the live objects match none of the last %2 commits of the app: a "
               "manual change, or drift")
                .arg(says)
                .arg(result.commits.size());
    } else if (current.appCommit != result.commit) {
        const QString content = result.match == LiveMatch::Exact
            ? tr("the live objects are exactly commit %1").arg(shortId(result.commit))
            : tr("the live objects are closest to commit %1 (%n field(s) differ)",
                 result.differences)
                  .arg(shortId(result.commit));
        result.disagreement = current.appCommit.isEmpty()
            ? tr("%1, whose content is none of the app's last %2 commits, but %3: a manual "
                 "change or rollback")
                  .arg(says)
                  .arg(candidates.size())
                  .arg(content)
            : tr("%1 (the app as of commit %2), but %3: a manual change or rollback")
                  .arg(says, shortId(current.appCommit), content);
    }
    result.controller = std::move(*record);
}

std::variant<LiveCommit, QString> findLiveCommit(const git::Repository &repository,
                                                 const LiveCommitQuestion &question,
                                                 const git::JobControl &control)
{
    const AppHistory history(question.app);
    auto page = history.page(repository, HistoryCursor{question.from, {}},
                             std::max(1, question.limit), control);
    if (auto *message = std::get_if<QString>(&page))
        return *message;
    const HistoryPage &commits = std::get<HistoryPage>(page);
    LiveCommitFinder finder(repository, question.app, question.evidence);
    auto result = finder.find(commits.commits, control);
    if (auto *found = std::get_if<LiveCommit>(&result))
        found->moreHistory = !commits.next.atEnd();
    return result;
}

QFuture<std::variant<LiveCommit, QString>> findLiveCommit(git::RepositoryWorker &worker,
                                                          LiveCommitQuestion question)
{
    using Result = std::variant<LiveCommit, QString>;
    return worker.run<Result>(
        [question = std::move(question)](git::Repository &repository,
                                         const git::JobControl &control) -> Result {
            return findLiveCommit(repository, question, control);
        });
}

} // namespace gitops::history
