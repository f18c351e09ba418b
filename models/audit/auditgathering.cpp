#include "audit/auditgathering.h"

#include "audit/commitrecords.h"
#include "drift/comparisonoptions.h"
#include "forge/forgeclient.h"
#include "forge/forgeprobe.h"
#include "forge/tokenstore.h"
#include "workspace/appdiscovery.h"
#include "workspace/desiredstatereader.h"

#include <QFile>

#include <algorithm>
#include <memory>

namespace gitops::audit {

AuditScope auditScope(const drift::WorkspaceDrift &snapshot, const QString &app)
{
    AuditScope scope;
    for (const drift::AppWorkspaceDrift &shown : snapshot.apps) {
        if (!app.isEmpty() && shown.name != app)
            continue;
        LiveAppObjects live{shown.name, {}, {}};
        for (const drift::ResourceDrift &resource : shown.drift.resources) {
            if (resource.live.isEmpty()) {
                // Gone from the cluster: who deleted it is in the audit log, if anywhere.
                if (resource.status == drift::SyncStatus::Missing) {
                    live.absent << resource.id;
                    scope.kinds.insert(resource.id.group + u'/' + resource.id.kind);
                }
                continue;
            }
            live.objects << resource.live;
            scope.kinds.insert(resource.id.group + u'/' + resource.id.kind);
            if (!resource.id.namespaceName.isEmpty()
                && !scope.namespaces.contains(resource.id.namespaceName))
                scope.namespaces << resource.id.namespaceName;
        }
        scope.apps << live;
    }
    return scope;
}

QStringList AuditGathering::commitIds() const
{
    QStringList ids;
    QSet<QString> seen;
    for (const AuditInputs &app : inputs) {
        for (const CommitRecord &commit : app.commits) {
            if (!seen.contains(commit.id)) {
                seen.insert(commit.id);
                ids << commit.id;
            }
        }
    }
    return ids;
}

QStringList AuditGathering::signedCommitIds() const
{
    QStringList ids;
    QSet<QString> seen;
    for (const AuditInputs &app : inputs) {
        for (const CommitRecord &commit : app.commits) {
            if (commit.signature == CommitRecord::Signature::Signed && !seen.contains(commit.id)) {
                seen.insert(commit.id);
                ids << commit.id;
            }
        }
    }
    return ids;
}

QString AuditGathering::scanNote() const
{
    if (!scanned)
        return {};
    QString said =
        QStringLiteral("audit log %1: %2 lines read, %3 writes to the apps' objects kept")
            .arg(auditLogFile)
            .arg(scan.lines)
            .arg(kept);
    if (scan.malformed > 0) {
        QStringList lines;
        for (const qint64 line : scan.malformedLines)
            lines << QString::number(line);
        said += QStringLiteral(", %1 malformed lines skipped (line %2%3)")
                    .arg(scan.malformed)
                    .arg(lines.join(QStringLiteral(", ")),
                         scan.malformed > lines.size() ? QStringLiteral(", ...") : QString());
    }
    return said;
}

AuditGathering gatherAudit(const git::Repository &repository, const AuditRequest &request,
                           const QList<LiveAppObjects> &apps, const ClusterAuditSources &sources)
{
    AuditGathering answer;
    answer.auditLogFile = request.auditLogFile;
    auto resolved = repository.resolve(request.revision);
    if (const QString *error = std::get_if<QString>(&resolved)) {
        answer.error = *error;
        return answer;
    }
    DesiredStateReader reader(repository);
    const DesiredState state = reader.read(
        std::get<git::Revision>(resolved), {},
        sources.definitions.isEmpty() ? std::nullopt : std::optional(sources.definitions));
    if (!state.error.isEmpty()) {
        answer.error = state.error;
        return answer;
    }
    const QString remote = repository.remoteUrls().value(0);

    // Every app's objects as audit records name them: one pass over the file for all.
    QList<QJsonObject> allObjects;
    QList<manifest::ResourceId> allAbsent;
    for (const LiveAppObjects &app : apps) {
        allObjects += app.objects;
        allAbsent += app.absent;
    }
    QStringList unnamed;
    const AuditObjectSet objects = auditObjects(allObjects, sources.plurals, &unnamed, allAbsent);
    QList<KubeAuditRecord> records;
    if (!request.auditLogFile.isEmpty()) {
        QFile file(request.auditLogFile);
        if (!file.open(QIODevice::ReadOnly)) {
            answer.error = QStringLiteral("%1: %2").arg(request.auditLogFile, file.errorString());
            return answer;
        }
        answer.scan = scanKubeAuditLog(file, objects);
        answer.scanned = true;
        if (!answer.scan.error.isEmpty()) {
            answer.error = QStringLiteral("%1: %2").arg(request.auditLogFile, answer.scan.error);
            return answer;
        }
        records = std::move(answer.scan.records);
        answer.scan.records.clear();
        answer.kept = records.size();
    }

    for (const LiveAppObjects &live : apps) {
        AuditInputs inputs;
        const auto found =
            std::find_if(state.apps.cbegin(), state.apps.cend(),
                         [&](const AppDesiredState &d) { return d.app.name == live.name; });
        if (found == state.apps.cend()) {
            inputs.app.name = live.name;
            inputs.notes << QStringLiteral("%1: not found in git, so its commits are not read")
                                .arg(live.name);
        } else {
            inputs.app = found->app;
            bool truncated = false;
            auto commits = readCommitRecords(repository, inputs.app, request.revision,
                                             request.maxCommits, remote, &truncated);
            if (const QString *error = std::get_if<QString>(&commits))
                inputs.notes << QStringLiteral("%1: its history could not be read: %2")
                                    .arg(live.name, *error);
            else
                inputs.commits = std::get<QList<CommitRecord>>(commits);
            if (truncated)
                inputs.notes << QStringLiteral("%1: only its newest %2 commits are read")
                                    .arg(live.name)
                                    .arg(request.maxCommits);
        }
        inputs.appliers = drift::ComparisonOptions::forApp(inputs.app).appliers;
        inputs.liveObjects = live.objects;
        inputs.ownedObjects = sources.ownedObjects;
        inputs.kubeEvents = sources.events;
        inputs.plurals = sources.plurals;
        // The definition that makes this app: the cluster object whose app it is.
        for (const QJsonObject &definition : sources.definitions) {
            const QString kind = definition.value(u"kind").toString();
            if (kind != u"Application" && kind != u"Kustomization")
                continue;
            QList<QJsonObject> alone{definition};
            for (const QJsonObject &other : sources.definitions) {
                if (other.value(u"kind").toString() == u"GitRepository")
                    alone << other;
            }
            const AppDiscovery defined = appsFromCluster(alone, repository.remoteUrls());
            if (std::any_of(defined.apps.cbegin(), defined.apps.cend(),
                            [&](const App &app) { return app.name == live.name; })) {
                inputs.definition = definition;
                break;
            }
        }
        // The records of this app's objects only.
        inputs.absentObjects = live.absent;
        const AuditObjectSet own =
            auditObjects(live.objects, sources.plurals, nullptr, live.absent);
        for (const KubeAuditRecord &record : std::as_const(records)) {
            if (own.contains(record.apiGroup, record.resource, record.namespaceName, record.name))
                inputs.auditRecords << record;
        }
        answer.inputs << inputs;
    }
    if (!request.auditLogFile.isEmpty() && !unnamed.isEmpty())
        answer.notes << QStringLiteral("the cluster does not say how it names %1, so the "
                                       "audit log is not read for them")
                            .arg(unnamed.join(QStringLiteral(", ")));
    answer.remote = remote;
    return answer;
}

AuditLog joinGathered(const AuditGathering &gathering,
                      const QHash<QString, QList<forge::PullRequest>> &pullRequests,
                      const QString &forgeNote, const AuditFilter &filter,
                      const CommitVerifications &verifications)
{
    AuditLog log;
    log.notes = gathering.notes;
    if (!forgeNote.isEmpty())
        log.notes << forgeNote;
    for (AuditInputs inputs : gathering.inputs) {
        inputs.pullRequests = pullRequests;
        inputs.verifications = verifications.bySha;
        inputs.verifier = verifications.forge;
        log.merge(buildAuditLog(inputs));
    }
    return filtered(log, filter);
}

CommitReviewLookup::CommitReviewLookup(QObject *parent)
    : QObject(parent)
{ }

CommitReviewLookup::~CommitReviewLookup() = default;

void CommitReviewLookup::ask(const QString &remoteUrl, const QStringList &commits, Done done)
{
    m_commits = commits;
    m_done = std::move(done);
    if (remoteUrl.isEmpty()) {
        finish(QStringLiteral("the repository has no remote: whether commits were reviewed "
                              "is unknown"));
        return;
    }
    m_remote = forge::ForgeRemote::fromUrl(remoteUrl);
    if (!m_remote.isValid()) {
        finish(QStringLiteral("the remote %1 names no project on a forge: whether commits "
                              "were reviewed is unknown")
                   .arg(remoteUrl));
        return;
    }
    if (m_remote.type() != forge::ForgeType::Unknown) {
        withForge(m_remote);
        return;
    }
    m_probe = std::make_unique<forge::ForgeProbe>();
    m_probe->probe(
        m_remote, this, [this](const forge::ForgeRemote &remote, const QString &problem) {
            if (remote.type() == forge::ForgeType::Unknown) {
                finish(
                    QStringLiteral("%1 runs no forge the console knows%2: "
                                   "whether commits were reviewed is unknown")
                        .arg(m_remote.host(),
                             problem.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(problem)));
                return;
            }
            withForge(remote);
        });
}

void CommitReviewLookup::withForge(const forge::ForgeRemote &remote)
{
    m_remote = remote;
    m_tokens = std::make_unique<forge::TokenStore>();
    m_tokens->lookup(remote.host(), remote.type(), this, [this](const forge::TokenLookup &lookup) {
        if (!lookup.found()) {
            finish(QStringLiteral("no forge token for %1 (%2): whether commits were "
                                  "reviewed is unknown")
                       .arg(m_remote.host(),
                            lookup.problem.isEmpty()
                                ? QStringLiteral("none in the keychain or the environment")
                                : lookup.problem));
            return;
        }
        forge::ForgeError error;
        m_client = forge::ForgeClient::create(m_remote, lookup.token, &error);
        if (!m_client) {
            finish(error.text());
            return;
        }
        m_verifications.forge = m_remote.type() == forge::ForgeType::GitHub
            ? QStringLiteral("GitHub")
            : m_remote.type() == forge::ForgeType::GitLab ? QStringLiteral("GitLab")
                                                          : QStringLiteral("Gitea");
        for (int i = 0; i < 4; ++i)
            next();
    });
}

void CommitReviewLookup::next()
{
    if (m_next >= m_commits.size()) {
        verifyNext();
        return;
    }
    const QString sha = m_commits.at(m_next++);
    ++m_asking;
    m_client->pullRequestsForCommit(
        sha, this,
        [this, sha](const QList<forge::PullRequest> &pulls, const forge::ForgeError &error) {
            if (error.isError()) {
                --m_asking;
                if (m_problem.isEmpty())
                    m_problem = QStringLiteral("%1 did not say which pull requests hold some "
                                               "commits (%2): their review is unknown")
                                    .arg(m_remote.host(), error.text());
                next();
                return;
            }
            enrich(sha, pulls);
        });
}

// The merged pull requests of @p sha read again for who opened, approved and merged them
// (once per pull request), then the commit's answer kept.
void CommitReviewLookup::enrich(const QString &sha, QList<forge::PullRequest> pulls)
{
    auto state = std::make_shared<std::pair<QList<forge::PullRequest>, int>>(pulls, 1);
    const auto settle = [this, sha, state] {
        if (--state->second > 0)
            return;
        m_pulls.insert(sha, state->first);
        --m_asking;
        next();
    };
    for (qsizetype i = 0; i < state->first.size(); ++i) {
        const forge::PullRequest &pull = state->first.at(i);
        if (pull.state != forge::PullRequest::State::Merged)
            continue;
        if (const auto known = m_reviewed.constFind(pull.number); known != m_reviewed.cend()) {
            state->first[i] = *known;
            continue;
        }
        ++state->second;
        m_client->readReviews(
            pull, this, [this, state, i, settle](const forge::PullRequestResult &result) {
                if (result.pullRequest && !result.error.isError()) {
                    state->first[i] = *result.pullRequest;
                    m_reviewed.insert(result.pullRequest->number, *result.pullRequest);
                } else if (m_problem.isEmpty()) {
                    m_problem = QStringLiteral("%1 did not say who approved #%2 (%3): its "
                                               "review is unknown")
                                    .arg(m_remote.host())
                                    .arg(state->first.at(i).number)
                                    .arg(result.error.text());
                }
                settle();
            });
    }
    settle();
}

void CommitReviewLookup::verifyNext()
{
    if (m_nextSigned >= m_signed.size()) {
        finishIfDone();
        return;
    }
    const QString sha = m_signed.at(m_nextSigned++);
    ++m_asking;
    m_client->verifyCommit(
        sha, this,
        [this, sha](const forge::CommitVerification &verification, const forge::ForgeError &error) {
            --m_asking;
            if (!error.isError())
                m_verifications.bySha.insert(sha, verification);
            else if (m_problem.isEmpty())
                m_problem = QStringLiteral("%1 did not say whether it "
                                           "verifies the signature of %2 (%3)")
                                .arg(m_remote.host(), sha.left(8), error.text());
            verifyNext();
        });
}

void CommitReviewLookup::finishIfDone()
{
    if (m_asking == 0 && m_next >= m_commits.size() && m_nextSigned >= m_signed.size())
        finish(m_problem);
}

void CommitReviewLookup::finish(const QString &note)
{
    if (m_finished)
        return;
    m_finished = true;
    m_done(m_pulls, note);
}

} // namespace gitops::audit
