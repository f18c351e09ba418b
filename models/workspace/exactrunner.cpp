#include "exactrunner.h"

#include "drift/comparisonoptions.h"
#include "kube/discoveryinfo.h"
#include "kube/kubeclient.h"

#include <QJsonDocument>

namespace gitops {

namespace {

// A few dry runs at a time, beside the watches.
constexpr int MaxInFlight = 4;

// What a dry run is compared against: a new spec, labels or annotations ask again; the
// status a controller keeps writing does not.
QString fingerprintOf(const QJsonObject &live)
{
    if (live.isEmpty())
        return QStringLiteral("absent");
    const QJsonObject metadata = live.value(u"metadata").toObject();
    if (!metadata.contains(u"generation"))
        return metadata.value(u"resourceVersion").toString();
    QJsonObject marks;
    marks.insert(QStringLiteral("g"), metadata.value(u"generation"));
    marks.insert(QStringLiteral("l"), metadata.value(u"labels"));
    marks.insert(QStringLiteral("a"), metadata.value(u"annotations"));
    return QString::fromUtf8(QJsonDocument(marks).toJson(QJsonDocument::Compact));
}

} // namespace

ExactRunner::ExactRunner(QObject *parent)
    : QObject(parent)
{ }

ExactRunner::~ExactRunner()
{
    cancelCalls();
}

void ExactRunner::setCluster(kube::KubeClient *client,
                             std::shared_ptr<const kube::DiscoveryInfo> discovery)
{
    if (client != m_client) {
        // The calls belong to the old client: cancelled, and asked again of the new one.
        for (Run &run : m_runs) {
            run.queue += QList<manifest::ResourceId>(run.inFlight.cbegin(), run.inFlight.cend());
            run.inFlight.clear();
        }
        cancelCalls();
    }
    m_client = client;
    m_discovery = std::move(discovery);
    if (!m_client)
        m_liveReady = false;
    send();
}

void ExactRunner::setLiveReady(bool ready)
{
    m_liveReady = ready;
    send();
}

void ExactRunner::start(const AppDesiredState &app, const manifest::ResourceId &first)
{
    Run &run = m_runs[app.app.name];
    if (run.resources.isEmpty()) {
        const drift::ComparisonOptions options = drift::ComparisonOptions::forApp(app.app);
        run.fieldManager = options.appliers.value(0, QStringLiteral("gitops-console"));
        QList<manifest::ResourceId> ids;
        ids.reserve(app.resources.size());
        for (const manifest::Resource &resource : app.resources) {
            ids << resource.id;
            run.resources.insert(resource.id, resource);
        }
        queue(run, ids);
    }
    // The resource the user looks at goes first.
    if (run.queue.removeOne(first))
        run.queue.prepend(first);
    send();
}

bool ExactRunner::stop(const QString &app)
{
    const auto run = m_runs.find(app);
    if (run == m_runs.end())
        return false;
    for (auto it = m_calls.begin(); it != m_calls.end();) {
        if (it.value().first == app) {
            it.key()->disconnect(this);
            it.key()->cancel();
            it = m_calls.erase(it);
        } else {
            ++it;
        }
    }
    m_runs.erase(run);
    send();
    return true;
}

void ExactRunner::setDesired(const DesiredState &desired)
{
    const QStringList apps = m_runs.keys();
    for (const QString &name : apps) {
        stop(name);
        for (const AppDesiredState &app : desired.apps) {
            if (app.app.name == name) {
                start(app);
                break;
            }
        }
        // An app gone from git keeps exact mode on, with nothing to ask.
        if (!m_runs.contains(name))
            m_runs.insert(name, Run());
    }
}

void ExactRunner::liveChanged(const QList<manifest::ResourceId> &ids)
{
    if (!m_live)
        return;
    for (Run &run : m_runs) {
        QList<manifest::ResourceId> again;
        for (const manifest::ResourceId &id : ids) {
            const auto asked = run.results.askedAgainst.constFind(id);
            if (asked != run.results.askedAgainst.cend() && *asked != fingerprintOf(m_live(id)))
                again << id;
        }
        if (!again.isEmpty()) {
            queue(run, again);
            run.announced = false;
        }
    }
    send();
}

void ExactRunner::queue(Run &run, const QList<manifest::ResourceId> &ids)
{
    for (const manifest::ResourceId &id : ids) {
        run.results.wouldBe.remove(id);
        run.results.failures.remove(id);
        run.results.askedAgainst.remove(id);
        if (!run.queue.contains(id) && !run.inFlight.contains(id))
            run.queue << id;
    }
}

void ExactRunner::send()
{
    if (!m_client || !m_discovery || !m_liveReady)
        return;
    for (auto it = m_runs.begin(); it != m_runs.end() && m_calls.size() < MaxInFlight; ++it) {
        const QString app = it.key();
        Run &run = it.value();
        while (m_calls.size() < MaxInFlight && !run.queue.isEmpty()) {
            const manifest::ResourceId id = run.queue.takeFirst();
            const auto resource = run.resources.constFind(id);
            if (resource == run.resources.cend())
                continue;
            const kube::ApiResource type = m_discovery->find(id.group, id.kind);
            if (!type.isValid()) {
                run.results.failures.insert(id, tr("The cluster does not serve %1.").arg(id.kind));
                continue;
            }
            run.inFlight.insert(id);
            run.results.askedAgainst.insert(id, fingerprintOf(m_live ? m_live(id) : QJsonObject()));
            kube::ApiCall *call =
                m_client->dryRunApply(type, resource->object, id.namespaceName, run.fieldManager);
            m_calls.insert(call, {app, id});
            connect(call, &kube::ApiCall::finished, this,
                    [this, call](const kube::ApiResponse &response) {
                        const auto [appName, id] = m_calls.take(call);
                        const auto run = m_runs.find(appName);
                        if (run != m_runs.end() && run->inFlight.remove(id)) {
                            if (response.error.kind != kube::ApiError::Kind::None)
                                run->results.failures.insert(id, response.error.message);
                            else
                                run->results.wouldBe.insert(
                                    id, QJsonDocument::fromJson(response.body).object());
                        }
                        send();
                        Q_EMIT answered();
                    });
        }
    }
}

void ExactRunner::cancelCalls()
{
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->cancel();
    }
    m_calls.clear();
}

bool ExactRunner::cancel()
{
    cancelCalls();
    bool cancelled = false;
    // Exact mode stays on only for apps whose dry runs are all in.
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (!it->queue.isEmpty() || !it->inFlight.isEmpty()) {
            it = m_runs.erase(it);
            cancelled = true;
        } else {
            ++it;
        }
    }
    return cancelled;
}

QHash<QString, ExactResults> ExactRunner::results() const
{
    QHash<QString, ExactResults> results;
    for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it)
        results.insert(it.key(), it->results);
    return results;
}

ExactRunner::Progress ExactRunner::progress() const
{
    Progress progress;
    for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it) {
        if (it->queue.isEmpty() && it->inFlight.isEmpty())
            continue;
        progress.apps << it.key();
        progress.done += int(it->results.count());
        progress.total += int(it->results.count() + it->queue.size() + it->inFlight.size());
    }
    return progress;
}

bool ExactRunner::takeCompletion(const QString &app)
{
    const auto run = m_runs.find(app);
    if (run == m_runs.end() || run->announced || !run->queue.isEmpty() || !run->inFlight.isEmpty()
        || run->results.count() < run->resources.size())
        return false;
    run->announced = true;
    return true;
}

} // namespace gitops
