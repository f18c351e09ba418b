#include "audit/auditlog.h"

#include "drift/managedfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace gitops::audit {

namespace {

using manifest::ResourceId;

ResourceId idOf(const QJsonObject &object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    return {ResourceId::groupOf(object.value(u"apiVersion").toString()),
            object.value(u"kind").toString(), metadata.value(u"namespace").toString(),
            metadata.value(u"name").toString()};
}

QString uidOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"uid").toString();
}

QDateTime secondTime(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODate).toUTC();
}

QDateTime microTime(const QJsonValue &value)
{
    if (!value.isString() || value.toString().isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.toUTC();
}

QString person(const QString &name, const QString &email)
{
    if (email.isEmpty())
        return name;
    if (name.isEmpty())
        return u'<' + email + u'>';
    return name + QStringLiteral(" <") + email + u'>';
}

QString shortId(const QString &id)
{
    return id.left(12);
}

// "k:{"name":"web"}" -> `[name="web"]`, as structured-merge-diff prints a keyed item.
QString keyText(const QString &element)
{
    const QJsonObject keys = QJsonDocument::fromJson(element.mid(2).toUtf8()).object();
    QStringList parts;
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        const QJsonValue value = it.value();
        const QString text = value.isString()
            ? u'"' + value.toString() + u'"'
            : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1);
        parts << it.key() + u'=' + text;
    }
    return u'[' + parts.join(u',') + u']';
}

void collectPaths(const QJsonObject &node, const QString &path, QStringList &out)
{
    bool children = false;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString element = it.key();
        if (element == u".")
            continue;
        children = true;
        QString next = path;
        if (element.startsWith(u"f:"))
            next += u'.' + element.mid(2);
        else if (element.startsWith(u"k:"))
            next += keyText(element);
        else if (element.startsWith(u"v:"))
            next += u"[=" + element.mid(2) + u']';
        else if (element.startsWith(u"i:"))
            next += u'[' + element.mid(2) + u']';
        else
            next += u'.' + element;
        collectPaths(it.value().toObject(), next, out);
    }
    if (!children && !path.isEmpty())
        out << path;
}

QString fieldSummary(const QStringList &fields)
{
    if (fields.isEmpty())
        return QStringLiteral("no fields");
    if (fields.size() <= 3)
        return fields.join(QStringLiteral(", "));
    return QStringLiteral("%1 and %2 more")
        .arg(fields.mid(0, 2).join(QStringLiteral(", ")))
        .arg(fields.size() - 2);
}

// The audit record's actor detail: the manager behind the user, groups, agent, address.
QString recordDetail(const KubeAuditRecord &record)
{
    QStringList parts;
    if (!record.fieldManager.isEmpty())
        parts << QStringLiteral("field manager %1").arg(record.fieldManager);
    if (!record.groups.isEmpty())
        parts << QStringLiteral("groups %1").arg(record.groups.join(u','));
    if (!record.userAgent.isEmpty())
        parts << QStringLiteral("user agent %1").arg(record.userAgent);
    if (!record.sourceIps.isEmpty())
        parts << QStringLiteral("from %1").arg(record.sourceIps.join(u','));
    return parts.join(QStringLiteral("; "));
}

// The logins of @p pull's standing approvals by someone other than its author.
QStringList othersApprovals(const forge::PullRequest &pull)
{
    QStringList users;
    for (const forge::PullRequestApproval &approval : pull.approvals) {
        if (approval.user != pull.author && !users.contains(approval.user))
            users << approval.user;
    }
    return users;
}

// Reviewed: merged through a pull request that someone other than its author approved. No:
// pushed without a merged pull request, or merged without such an approval. Unknown: the
// forge was not asked, or did not say who approved or who opened it.
Reviewed commitReview(const AuditInputs &inputs, const QString &id, QString *link, QString *detail)
{
    const auto it = inputs.pullRequests.constFind(id);
    if (it == inputs.pullRequests.cend())
        return Reviewed::Unknown;
    for (const forge::PullRequest &pull : *it) {
        if (pull.state != forge::PullRequest::State::Merged)
            continue;
        *link = pull.webUrl.toString();
        const QString through =
            QStringLiteral("merged through #%1 %2").arg(pull.number).arg(pull.title);
        if (!pull.approvalsRead) {
            *detail = through + QStringLiteral(" (who approved it is unknown)");
            return Reviewed::Unknown;
        }
        if (pull.author.isEmpty()) {
            *detail = through + QStringLiteral(" (who opened it is unknown)");
            return Reviewed::Unknown;
        }
        const QStringList approvers = othersApprovals(pull);
        if (approvers.isEmpty()) {
            *detail = through
                + (pull.approvals.isEmpty()
                       ? QStringLiteral(", merged without an approval")
                       : QStringLiteral(", approved only by its author %1").arg(pull.author));
            return Reviewed::No;
        }
        *detail =
            through + QStringLiteral(", approved by %1").arg(approvers.join(QStringLiteral(", ")));
        return Reviewed::Yes;
    }
    *detail = QStringLiteral("pushed without a merged pull request");
    return Reviewed::No;
}

// "signed (ssh), verified by GitHub", "signed (ssh), not verified (unknown_key)", "signed
// (ssh), not checked", "unsigned", "signature unknown"; @p state is the JSON's word.
QString signatureText(const AuditInputs &inputs, const CommitRecord &commit, QString *state,
                      QString *reason)
{
    if (commit.signature == CommitRecord::Signature::Unsigned) {
        *state = QStringLiteral("unsigned");
        return QStringLiteral("unsigned");
    }
    if (commit.signature == CommitRecord::Signature::Unknown) {
        *state = QStringLiteral("unknown");
        return QStringLiteral("signature unknown");
    }
    const QString signedText = commit.signatureFormat.isEmpty()
        ? QStringLiteral("signed")
        : QStringLiteral("signed (%1)").arg(commit.signatureFormat);
    const auto found = inputs.verifications.constFind(commit.id);
    if (found == inputs.verifications.cend()) {
        *state = QStringLiteral("not-checked");
        return signedText + QStringLiteral(", not checked");
    }
    *reason = found->reason;
    if (found->verified) {
        *state = QStringLiteral("verified");
        return signedText + QStringLiteral(", verified by %1").arg(inputs.verifier);
    }
    *state = QStringLiteral("not-verified");
    return signedText
        + QStringLiteral(", not verified (%1)")
              .arg(found->reason.isEmpty() ? QStringLiteral("no reason given") : found->reason);
}

// One "pull-request" event of a merged pull request's life: opened, approved, merged.
AuditEvent pullEvent(const AuditInputs &inputs, const forge::PullRequest &pull,
                     const QStringList &commits, Reviewed reviewed, const QString &action)
{
    AuditEvent event;
    event.source = Source::PullRequest;
    event.app = inputs.app.name;
    event.actorKind = QStringLiteral("forge-user");
    event.reviewed = reviewed;
    event.link = pull.webUrl.toString();
    QJsonArray ids;
    for (const QString &commit : commits)
        ids.append(commit);
    event.evidence = {{QStringLiteral("pullRequest"), pull.webUrl.toString()},
                      {QStringLiteral("number"), pull.number},
                      {QStringLiteral("title"), pull.title},
                      {QStringLiteral("action"), action},
                      {QStringLiteral("author"), pull.author},
                      {QStringLiteral("commits"), ids}};
    return event;
}

void addPullRequests(const AuditInputs &inputs, QList<AuditEvent> &out)
{
    // Each merged pull request once, with the app's commits it brought.
    QList<forge::PullRequest> pulls;
    QHash<int, QStringList> commitsOf;
    QHash<int, Reviewed> verdict;
    for (const CommitRecord &commit : inputs.commits) {
        const auto it = inputs.pullRequests.constFind(commit.id);
        if (it == inputs.pullRequests.cend())
            continue;
        for (const forge::PullRequest &pull : *it) {
            if (pull.state != forge::PullRequest::State::Merged)
                continue;
            if (!commitsOf.contains(pull.number)) {
                pulls << pull;
                QString link;
                QString detail;
                verdict.insert(pull.number, commitReview(inputs, commit.id, &link, &detail));
            }
            commitsOf[pull.number] << commit.id;
            break;
        }
    }
    for (const forge::PullRequest &pull : std::as_const(pulls)) {
        const QStringList commits = commitsOf.value(pull.number);
        const Reviewed reviewed = verdict.value(pull.number);
        AuditEvent opened = pullEvent(inputs, pull, commits, reviewed, QStringLiteral("opened"));
        opened.time = pull.createdAt.toUTC();
        opened.actor = pull.author;
        opened.summary = QStringLiteral("#%1 opened: %2").arg(pull.number).arg(pull.title);
        // Newest first where times tie (a forge's seconds): merged, approvals, opened.
        QList<AuditEvent> life{opened};
        if (pull.approvalsRead) {
            for (const forge::PullRequestApproval &approval : pull.approvals) {
                AuditEvent approved =
                    pullEvent(inputs, pull, commits, reviewed, QStringLiteral("approved"));
                approved.time = approval.time.toUTC();
                approved.actor = approval.user;
                approved.summary =
                    QStringLiteral("#%1 approved by %2 at %3")
                        .arg(pull.number)
                        .arg(approval.user,
                             approval.time.isValid() ? approval.time.toUTC().toString(Qt::ISODate)
                                                     : QStringLiteral("a time unknown"));
                if (!approval.time.isValid())
                    approved.actorDetail = QStringLiteral("time unknown: the forge does not say "
                                                          "when an approval was given");
                else if (approval.user == pull.author)
                    approved.actorDetail = QStringLiteral("its author's own approval");
                approved.evidence.insert(QStringLiteral("approvedBy"), approval.user);
                approved.evidence.insert(
                    QStringLiteral("approvedAt"),
                    approval.time.isValid()
                        ? QJsonValue(approval.time.toUTC().toString(Qt::ISODate))
                        : QJsonValue(QStringLiteral("unknown")));
                life.prepend(approved);
            }
        }
        AuditEvent merged = pullEvent(inputs, pull, commits, reviewed, QStringLiteral("merged"));
        merged.time = pull.mergedAt.toUTC();
        merged.actor = pull.mergedBy;
        merged.summary =
            QStringLiteral("#%1 merged by %2 into %3")
                .arg(pull.number)
                .arg(pull.mergedBy.isEmpty() ? QStringLiteral("unknown") : pull.mergedBy,
                     pull.base.isEmpty() ? QStringLiteral("its base") : pull.base);
        merged.evidence.insert(QStringLiteral("mergedBy"), pull.mergedBy);
        merged.evidence.insert(QStringLiteral("mergeCommit"), pull.mergeCommit);
        life.prepend(merged);
        out << life;
    }
    for (AuditEvent &event : out) {
        if (event.source == Source::PullRequest)
            event.precision = event.time.isValid() ? TimePrecision::Second : TimePrecision::Unknown;
    }
}

void addCommits(const AuditInputs &inputs, QList<AuditEvent> &out)
{
    for (const CommitRecord &commit : inputs.commits) {
        AuditEvent event;
        event.time = commit.commitTime.toUTC();
        event.precision = event.time.isValid() ? TimePrecision::Second : TimePrecision::Unknown;
        event.actor = person(commit.authorName, commit.authorEmail);
        event.actorKind = QStringLiteral("git-author");
        QStringList detail;
        const QString committer = person(commit.committerName, commit.committerEmail);
        if (!committer.isEmpty() && committer != event.actor)
            detail << QStringLiteral("committed by %1").arg(committer);
        QString signatureState;
        QString signatureReason;
        detail << signatureText(inputs, commit, &signatureState, &signatureReason);
        event.source = Source::Commit;
        event.app = inputs.app.name;
        event.summary = QStringLiteral("%1 %2").arg(shortId(commit.id), commit.subject);
        event.link = commit.link;
        QString pullLink;
        QString review;
        event.reviewed = commitReview(inputs, commit.id, &pullLink, &review);
        if (!review.isEmpty())
            detail << review;
        event.actorDetail = detail.join(QStringLiteral("; "));
        QJsonArray parents;
        for (const QString &parent : commit.parentIds)
            parents.append(parent);
        QJsonObject signature{{QStringLiteral("state"), signatureState},
                              {QStringLiteral("format"), commit.signatureFormat}};
        if (signatureState == u"verified" || signatureState == u"not-verified") {
            signature.insert(QStringLiteral("checkedBy"), inputs.verifier);
            signature.insert(QStringLiteral("reason"), signatureReason);
        }
        event.evidence = {
            {QStringLiteral("commit"), commit.id},
            {QStringLiteral("subject"), commit.subject},
            {QStringLiteral("author"), person(commit.authorName, commit.authorEmail)},
            {QStringLiteral("authorTime"), commit.authorTime.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("committer"), committer},
            {QStringLiteral("commitTime"), commit.commitTime.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("parents"), parents},
            {QStringLiteral("signed"),
             commit.signature == CommitRecord::Signature::Unknown
                 ? QJsonValue(QStringLiteral("unknown"))
                 : QJsonValue(commit.signature == CommitRecord::Signature::Signed)},
            {QStringLiteral("signature"), signature}};
        if (!pullLink.isEmpty())
            event.evidence.insert(QStringLiteral("pullRequest"), pullLink);
        out << event;
    }
}

const CommitRecord *commitFor(const AuditInputs &inputs, const QString &revision)
{
    if (revision.size() < 7)
        return nullptr;
    for (const CommitRecord &commit : inputs.commits) {
        if (commit.id.startsWith(revision))
            return &commit;
    }
    return nullptr;
}

void addControllerHistory(const AuditInputs &inputs, QList<AuditEvent> &out)
{
    if (!inputs.definition)
        return;
    const QJsonObject &definition = *inputs.definition;
    const ResourceId id = idOf(definition);
    const QJsonArray history = definition.value(u"status").toObject().value(u"history").toArray();
    const bool argo = id.group == u"argoproj.io";
    for (const QJsonValue &value : history) {
        const QJsonObject entry = value.toObject();
        AuditEvent event;
        event.source = Source::Sync;
        event.app = inputs.app.name;
        event.resource = id;
        event.evidence = {{QStringLiteral("statusHistory"), entry}};
        QString revision;
        if (argo) {
            event.time = secondTime(entry.value(u"deployedAt"));
            revision = entry.value(u"revision").toString();
            const QJsonObject initiatedBy = entry.value(u"initiatedBy").toObject();
            if (!initiatedBy.value(u"username").toString().isEmpty()) {
                event.actor = initiatedBy.value(u"username").toString();
                event.actorKind = QStringLiteral("user");
                event.actorDetail = QStringLiteral("sync started by a user in Argo CD");
            } else if (initiatedBy.value(u"automated").toBool()) {
                event.actor = QStringLiteral("argocd (automated)");
                event.actorKind = QStringLiteral("controller");
                event.actorDetail = QStringLiteral("automated sync");
            }
            event.summary = QStringLiteral("Argo CD synced %1 (history id %2)")
                                .arg(revision.isEmpty() ? QStringLiteral("an unknown revision")
                                                        : shortId(revision))
                                .arg(entry.value(u"id").toInteger());
        } else {
            event.time = secondTime(entry.value(u"lastReconciled"));
            revision = entry.value(u"metadata").toObject().value(u"revision").toString();
            event.actor = QStringLiteral("kustomize-controller");
            event.actorKind = QStringLiteral("controller");
            event.summary =
                QStringLiteral("Flux applied %1 (%2, %3 reconciliations)")
                    .arg(revision.isEmpty() ? QStringLiteral("an unknown revision") : revision,
                         entry.value(u"lastReconciledStatus").toString(QStringLiteral("unknown")))
                    .arg(entry.value(u"totalReconciliations").toInteger());
            revision = revision.section(QStringLiteral("sha1:"), 1);
        }
        event.precision = event.time.isValid() ? TimePrecision::Second : TimePrecision::Unknown;
        // A sync's review is its commit's: known only when the forge was asked about it.
        if (const CommitRecord *commit = commitFor(inputs, revision)) {
            QString link;
            QString detail;
            event.reviewed = commitReview(inputs, commit->id, &link, &detail);
            event.link = commit->link;
        }
        out << event;
    }
}

struct ManagedWrite
{
    qsizetype event; // index into the events
    ResourceId id;
    QString manager;
    QString subresource;
    QDateTime time;
};

void addManagedFields(const AuditInputs &inputs, QList<AuditEvent> &out,
                      QList<ManagedWrite> &writes)
{
    for (const QJsonObject &object : inputs.liveObjects) {
        const ResourceId id = idOf(object);
        const drift::ManagedFields managed(object);
        for (const drift::ManagedFields::Entry &entry : managed.entries()) {
            const drift::FieldWriter &writer = entry.writer;
            if (inputs.expectedControllers.contains(writer.manager))
                continue;
            const bool applier = writer.subresource.isEmpty()
                && (inputs.appliers.isEmpty() ? writer.operation == u"Apply"
                                              : inputs.appliers.contains(writer.manager));
            AuditEvent event;
            event.time = secondTime(entry.timeText);
            event.precision = event.time.isValid() ? TimePrecision::Second : TimePrecision::Unknown;
            event.actor = writer.manager;
            event.actorKind = QStringLiteral("field-manager");
            event.source = applier ? Source::Sync : Source::DirectWrite;
            event.app = inputs.app.name;
            event.resource = id;
            event.fields = fieldPaths(entry.fields);
            const QString through = writer.subresource.isEmpty()
                ? QString()
                : QStringLiteral(" through /%1").arg(writer.subresource);
            event.summary =
                QStringLiteral("%1 %2%3, last write to %4")
                    .arg(applier ? QStringLiteral("applied by") : QStringLiteral("direct write by"),
                         writer.manager, through, fieldSummary(event.fields));
            event.actorDetail = QStringLiteral("operation %1%2; managedFields keeps only this "
                                               "manager's last write")
                                    .arg(writer.operation, through);
            QJsonObject managedEntry{{QStringLiteral("manager"), writer.manager},
                                     {QStringLiteral("operation"), writer.operation},
                                     {QStringLiteral("time"), entry.timeText},
                                     {QStringLiteral("fieldsType"), QStringLiteral("FieldsV1")},
                                     {QStringLiteral("fieldsV1"), entry.fields}};
            if (!writer.subresource.isEmpty())
                managedEntry.insert(QStringLiteral("subresource"), writer.subresource);
            event.evidence = {{QStringLiteral("managedFields"), managedEntry}};
            // A direct write went around git: unreviewed by definition. The applier's write
            // is as reviewed as the commit it applied, which this entry does not name.
            event.reviewed = applier ? Reviewed::Unknown : Reviewed::No;
            writes << ManagedWrite{out.size(), id, writer.manager, writer.subresource, event.time};
            out << event;
        }
    }
}

QString resourceKey(const ResourceId &id)
{
    return id.group + u'/' + id.kind;
}

void addAuditRecords(const AuditInputs &inputs, QList<AuditEvent> &out,
                     const QList<ManagedWrite> &writes)
{
    // objectRef (group, plural, namespace, name) -> the object's id.
    QHash<QString, ResourceId> ids;
    QList<ResourceId> objects = inputs.absentObjects;
    for (const QJsonObject &object : inputs.liveObjects)
        objects << idOf(object);
    for (const ResourceId &id : std::as_const(objects)) {
        const QString plural = inputs.plurals.value(resourceKey(id));
        if (!plural.isEmpty())
            ids.insert(id.group + u'/' + plural + u'/' + id.namespaceName + u'/' + id.name, id);
    }
    QSet<qsizetype> used;
    // Newest first, so that a manager's managedFields time takes its latest write.
    QList<qsizetype> order(inputs.auditRecords.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        return inputs.auditRecords.at(a).stageTime > inputs.auditRecords.at(b).stageTime;
    });
    QSet<qsizetype> joinedWrites;
    for (const qsizetype index : std::as_const(order)) {
        const KubeAuditRecord &record = inputs.auditRecords.at(index);
        if (inputs.expectedControllers.contains(record.fieldManager))
            continue;
        const auto found = ids.constFind(record.apiGroup + u'/' + record.resource + u'/'
                                         + record.namespaceName + u'/' + record.name);
        if (found == ids.cend())
            continue;
        const ResourceId id = *found;
        // The managedFields entry this write set: same object, manager and subresource, its
        // second between the request's arrival and its answer.
        const QDateTime arrived =
            record.requestReceived.addMSecs(-record.requestReceived.time().msec() - 1000);
        for (const ManagedWrite &write : writes) {
            if (joinedWrites.contains(write.event) || write.id != id
                || write.manager != record.fieldManager || write.subresource != record.subresource
                || !write.time.isValid() || write.time < arrived
                || write.time > record.stageTime.addSecs(1))
                continue;
            AuditEvent &event = out[write.event];
            event.actor = record.username;
            event.actorKind = QStringLiteral("user");
            event.actorDetail = recordDetail(record);
            event.time = record.stageTime;
            event.precision = TimePrecision::Millisecond;
            event.summary =
                QStringLiteral("%1 (%2 by %3)")
                    .arg(event.summary, record.verb,
                         record.username.isEmpty() ? QStringLiteral("unknown") : record.username);
            event.evidence.insert(QStringLiteral("auditRecord"), record.evidence);
            joinedWrites.insert(write.event);
            used.insert(index);
            break;
        }
        if (used.contains(index))
            continue;
        AuditEvent event;
        event.time = record.stageTime;
        event.precision =
            event.time.isValid() ? TimePrecision::Millisecond : TimePrecision::Unknown;
        event.actor = record.username;
        event.actorKind = QStringLiteral("user");
        event.actorDetail = recordDetail(record);
        event.source = Source::AuditLog;
        event.app = inputs.app.name;
        event.resource = id;
        event.fields = record.fields;
        const QString target = record.subresource.isEmpty()
            ? record.resource
            : record.resource + u'/' + record.subresource;
        event.summary =
            QStringLiteral("%1 %2 by %3 (field manager %4)")
                .arg(record.verb, target,
                     record.username.isEmpty() ? QStringLiteral("unknown") : record.username,
                     record.fieldManager.isEmpty() ? QStringLiteral("unknown")
                                                   : record.fieldManager);
        event.evidence = {{QStringLiteral("auditRecord"), record.evidence}};
        const bool applier = inputs.appliers.contains(record.fieldManager);
        event.reviewed = applier ? Reviewed::Unknown : Reviewed::No;
        out << event;
    }
}

void addKubeEvents(const AuditInputs &inputs, QList<AuditEvent> &out)
{
    // The app's objects, their definition, and what they own (ReplicaSets of Deployments,
    // and theirs), by uid.
    QSet<QString> uids;
    QSet<ResourceId> ids;
    for (const QJsonObject &object : inputs.liveObjects) {
        uids.insert(uidOf(object));
        ids.insert(idOf(object));
    }
    if (inputs.definition) {
        uids.insert(uidOf(*inputs.definition));
        ids.insert(idOf(*inputs.definition));
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const QJsonObject &owned : inputs.ownedObjects) {
            const QString uid = uidOf(owned);
            if (uids.contains(uid))
                continue;
            for (const QJsonValue &owner :
                 owned.value(u"metadata").toObject().value(u"ownerReferences").toArray()) {
                if (uids.contains(owner.toObject().value(u"uid").toString())) {
                    uids.insert(uid);
                    ids.insert(idOf(owned));
                    grew = true;
                    break;
                }
            }
        }
    }
    uids.remove(QString());
    for (const QJsonObject &kubeEvent : inputs.kubeEvents) {
        const QJsonObject involved = kubeEvent.value(u"involvedObject").toObject();
        const ResourceId id{ResourceId::groupOf(involved.value(u"apiVersion").toString()),
                            involved.value(u"kind").toString(),
                            involved.value(u"namespace").toString(),
                            involved.value(u"name").toString()};
        const QString uid = involved.value(u"uid").toString();
        if (uid.isEmpty() ? !ids.contains(id) : !uids.contains(uid))
            continue;
        AuditEvent event;
        if (const QDateTime last = secondTime(kubeEvent.value(u"lastTimestamp")); last.isValid()) {
            event.time = last;
            event.precision = TimePrecision::Second;
        } else if (const QDateTime at = microTime(kubeEvent.value(u"eventTime")); at.isValid()) {
            event.time = at;
            event.precision = TimePrecision::Millisecond;
        } else if (const QDateTime first = secondTime(kubeEvent.value(u"firstTimestamp"));
                   first.isValid()) {
            event.time = first;
            event.precision = TimePrecision::Second;
        }
        event.actor = kubeEvent.value(u"reportingComponent").toString();
        if (event.actor.isEmpty())
            event.actor = kubeEvent.value(u"source").toObject().value(u"component").toString();
        event.actorKind = QStringLiteral("controller");
        event.source = Source::Event;
        event.app = inputs.app.name;
        event.resource = id;
        const qint64 count = kubeEvent.value(u"count").toInteger();
        event.summary =
            QStringLiteral("%1: %2%3")
                .arg(kubeEvent.value(u"reason").toString(), kubeEvent.value(u"message").toString(),
                     count > 1 ? QStringLiteral(" (%1 times)").arg(count) : QString());
        QJsonObject evidence;
        for (const char *key :
             {"type", "reason", "message", "count", "firstTimestamp", "lastTimestamp", "eventTime",
              "source", "reportingComponent", "reportingInstance", "involvedObject"}) {
            const QJsonValue value = kubeEvent.value(QLatin1String(key));
            if (!value.isUndefined() && !value.isNull())
                evidence.insert(QLatin1String(key), value);
        }
        const QJsonObject metadata = kubeEvent.value(u"metadata").toObject();
        QJsonObject eventMetadata{{QStringLiteral("name"), metadata.value(u"name")},
                                  {QStringLiteral("namespace"), metadata.value(u"namespace")},
                                  {QStringLiteral("uid"), metadata.value(u"uid")}};
        // Flux names the revision it applied in an annotation.
        if (metadata.contains(u"annotations"))
            eventMetadata.insert(QStringLiteral("annotations"), metadata.value(u"annotations"));
        evidence.insert(QStringLiteral("metadata"), eventMetadata);
        event.evidence = {{QStringLiteral("event"), evidence}};
        out << event;
    }
}

bool newerFirst(const AuditEvent &a, const AuditEvent &b)
{
    if (a.time.isValid() != b.time.isValid())
        return a.time.isValid();
    return a.time > b.time;
}

} // namespace

QStringList defaultExpectedControllers()
{
    return {QStringLiteral("kube-controller-manager"), QStringLiteral("kube-scheduler"),
            QStringLiteral("kubelet"), QStringLiteral("kube-apiserver")};
}

QStringList fieldPaths(const QJsonObject &fieldsV1)
{
    QStringList out;
    collectPaths(fieldsV1, QString(), out);
    out.sort();
    return out;
}

AuditLog buildAuditLog(const AuditInputs &inputs)
{
    AuditLog log;
    log.notes = inputs.notes;
    QList<ManagedWrite> writes;
    addCommits(inputs, log.events);
    addPullRequests(inputs, log.events);
    addControllerHistory(inputs, log.events);
    addManagedFields(inputs, log.events, writes);
    addAuditRecords(inputs, log.events, writes);
    addKubeEvents(inputs, log.events);
    std::stable_sort(log.events.begin(), log.events.end(), newerFirst);
    return log;
}

void AuditLog::merge(const AuditLog &other)
{
    events += other.events;
    std::stable_sort(events.begin(), events.end(), newerFirst);
    for (const QString &note : other.notes) {
        if (!notes.contains(note))
            notes << note;
    }
}

AuditObjectSet auditObjects(const QList<QJsonObject> &liveObjects,
                            const QHash<QString, QString> &plurals, QStringList *unnamed,
                            const QList<ResourceId> &absentObjects)
{
    AuditObjectSet objects;
    QList<ResourceId> ids = absentObjects;
    for (const QJsonObject &object : liveObjects)
        ids << idOf(object);
    for (const ResourceId &id : std::as_const(ids)) {
        const QString plural = plurals.value(resourceKey(id));
        if (plural.isEmpty()) {
            if (unnamed)
                unnamed->append(id.toString());
            continue;
        }
        objects.add(id.group, plural, id.namespaceName, id.name);
    }
    return objects;
}

bool AuditFilter::accepts(const AuditEvent &event) const
{
    // Without a group, the kind of any group matches, as kubectl resolves a bare kind.
    if (!resource.kind.isEmpty() && !event.resource.kind.isEmpty()
        && (event.resource.kind.compare(resource.kind, Qt::CaseInsensitive) != 0
            || (!resource.group.isEmpty() && event.resource.group != resource.group)
            || event.resource.namespaceName != resource.namespaceName
            || event.resource.name != resource.name))
        return false;
    if (since.isValid() && (!event.time.isValid() || event.time < since))
        return false;
    if (until.isValid() && (!event.time.isValid() || event.time > until))
        return false;
    return true;
}

std::optional<ResourceId> AuditFilter::parseResource(const QString &text, QString *error)
{
    const QStringList parts = text.split(u'/');
    if ((parts.size() != 2 && parts.size() != 3)
        || std::any_of(parts.cbegin(), parts.cend(),
                       [](const QString &p) { return p.isEmpty(); })) {
        *error =
            QStringLiteral("--resource takes KIND[.GROUP]/NAMESPACE/NAME or KIND[.GROUP]/NAME, "
                           "not %1")
                .arg(text);
        return std::nullopt;
    }
    ResourceId id;
    const QString type = parts.first();
    const qsizetype dot = type.indexOf(u'.');
    id.kind = dot < 0 ? type : type.left(dot);
    id.group = dot < 0 ? QString() : type.mid(dot + 1);
    id.namespaceName = parts.size() == 3 ? parts.at(1) : QString();
    id.name = parts.last();
    return id;
}

AuditLog filtered(const AuditLog &log, const AuditFilter &filter)
{
    AuditLog out;
    out.notes = log.notes;
    for (const AuditEvent &event : log.events) {
        if (filter.accepts(event))
            out.events << event;
    }
    return out;
}

} // namespace gitops::audit
