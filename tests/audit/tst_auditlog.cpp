// The audit join as pure functions: a Kubernetes audit log streamed (malformed lines counted,
// other objects and reads skipped, bodies never kept), managedFields entries joined with the
// records that made them, Events of owned objects, Argo CD history, commits with and without
// their pull requests, exports, filters.
#include "audit/auditexport.h"
#include "audit/auditlog.h"
#include "audit/kubeauditfile.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace gitops;
using namespace gitops::audit;
using namespace Qt::StringLiterals;

class tst_AuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scansOnlyTheAppsWrites();
    void keepsNoBodies();
    void joinsRecordsWithManagedFields();
    void eventsOfOwnedObjects();
    void recordsOfDeletedObjects();
    void controllerHistoryAndCommits();
    void fluxHistory();
    void exportsSayUnknown();
    void filters_data();
    void filters();
    void fieldPaths();
};

namespace {

QJsonObject json(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(text, &error).object();
    if (error.error != QJsonParseError::NoError)
        qFatal("test JSON: %s", qPrintable(error.errorString()));
    return object;
}

QByteArray record(const char *verb, const char *resource, const char *name, const char *manager,
                  const char *received, const char *stage = "ResponseComplete",
                  const char *subresource = "", int code = 200, const char *body = "")
{
    QByteArray line = R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata",)"
                      R"("auditID":"id-)"
        + QByteArray(name) + '-' + manager + '-' + received + R"(","stage":")" + stage
        + R"(","requestURI":"/apis/apps/v1/namespaces/shop/)" + resource + '/' + name
        + (QByteArray(subresource).isEmpty() ? QByteArray() : '/' + QByteArray(subresource))
        + "?fieldManager=" + manager + R"(","verb":")" + verb
        + R"(","user":{"username":"ada","groups":["devs","system:authenticated"]},)"
          R"j("sourceIPs":["10.0.0.7"],"userAgent":"kubectl/v1.32.3 (linux/amd64)",)j"
          R"("objectRef":{"resource":")"
        + resource + R"(","namespace":"shop","name":")" + name
        + R"(","apiGroup":"apps","apiVersion":"v1")"
        + (QByteArray(subresource).isEmpty()
               ? QByteArray()
               : R"(,"subresource":")" + QByteArray(subresource) + '"')
        + R"(},"responseStatus":{"metadata":{},"code":)" + QByteArray::number(code)
        + R"(},"requestReceivedTimestamp":")" + received + R"(.100000Z","stageTimestamp":")"
        + received + R"(.300000Z")" + body + "}";
    return line;
}

// The live Deployment: applied by argocd-controller, its status by the controller manager,
// then a hand edit, a scale and a patch.
QJsonObject liveDeployment()
{
    return json(R"({"apiVersion":"apps/v1","kind":"Deployment",
      "metadata":{"name":"web","namespace":"shop","uid":"u-web","managedFields":[
        {"manager":"argocd-controller","operation":"Apply","time":"2026-12-01T10:00:00Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:template":{"f:spec":{"f:containers":
         {"k:{\"name\":\"web\"}":{".":{},"f:name":{}}}}}}}},
        {"manager":"kube-controller-manager","operation":"Update","subresource":"status",
         "time":"2026-12-01T10:00:01Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{}}}},
        {"manager":"kubectl-edit","operation":"Update","time":"2026-12-01T11:00:05Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:template":{"f:spec":{"f:containers":
         {"k:{\"name\":\"web\"}":{"f:image":{}}}}}}}},
        {"manager":"kubectl","operation":"Update","subresource":"scale","time":"2026-12-01T11:00:07Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}},
        {"manager":"kubectl-patch","operation":"Update","time":"2026-12-01T11:00:09Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:tier":{}}}}}]}})");
}

QHash<QString, QString> plurals()
{
    return {{u"apps/Deployment"_s, u"deployments"_s},
            {u"/Secret"_s, u"secrets"_s},
            {u"apps/ReplicaSet"_s, u"replicasets"_s}};
}

// The event of @p source whose field manager or actor is @p needle, else whose summary holds it.
const AuditEvent *find(const AuditLog &log, Source source, const QString &needle)
{
    for (const AuditEvent &event : log.events) {
        if (event.source == source
            && (event.actor == needle
                || event.evidence.value(u"managedFields").toObject().value(u"manager") == needle))
            return &event;
    }
    for (const AuditEvent &event : log.events) {
        if (event.source == source && event.summary.contains(needle))
            return &event;
    }
    return nullptr;
}

} // namespace

void tst_AuditLog::scansOnlyTheAppsWrites()
{
    AuditObjectSet objects = auditObjects({liveDeployment()}, plurals());
    QVERIFY(objects.contains(u"apps"_s, u"deployments"_s, u"shop"_s, u"web"_s));
    QByteArray log;
    log += record("patch", "deployments", "web", "kubectl-edit", "2026-12-01T11:00:05") + '\n';
    log += record("get", "deployments", "web", "kubectl", "2026-12-01T11:00:06") + '\n';
    log += record("patch", "deployments", "web", "kubectl-edit", "2026-12-01T11:00:05",
                  "RequestReceived")
        + '\n';
    log += record("patch", "deployments", "other", "kubectl-edit", "2026-12-01T11:00:06") + '\n';
    log += record("patch", "deployments", "web", "kubectl-edit", "2026-12-01T11:00:06",
                  "ResponseComplete", "", 409)
        + '\n';
    log += "\n";
    log += "not json\n";
    log +=
        R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"patch","objectRef":{"name":"web")"
        "\n";
    log += R"({"kind":"Event"})"
           "\n";
    // A line cut short in a write to the app's object: no audit event either.
    log +=
        record("patch", "deployments", "web", "kubectl", "2026-12-01T11:00:07").chopped(1) + "x}\n";
    QBuffer buffer(&log);
    const KubeAuditScan scan = scanKubeAuditLog(buffer, objects);
    QVERIFY(scan.error.isEmpty());
    QCOMPARE(scan.lines, 9);
    QCOMPARE(scan.malformed, 4);
    QCOMPARE(scan.malformedLines, (QList<qint64>{7, 8, 9, 10}));
    QCOMPARE(scan.records.size(), 1);
    const KubeAuditRecord &kept = scan.records.first();
    QCOMPARE(kept.fieldManager, u"kubectl-edit"_s);
    QCOMPARE(kept.username, u"ada"_s);
    QCOMPARE(kept.groups, (QStringList{u"devs"_s, u"system:authenticated"_s}));
    QCOMPARE(kept.sourceIps, QStringList{u"10.0.0.7"_s});
    QCOMPARE(kept.stageTime, QDateTime(QDate(2026, 12, 1), QTime(11, 0, 5, 300), QTimeZone::UTC));
}

// Request level carries the body: only the names of what it sets are kept, never a value.
void tst_AuditLog::keepsNoBodies()
{
    const QByteArray line = record(
        "patch", "secrets", "db", "kubectl-patch", "2026-12-01T11:00:05", "ResponseComplete", "",
        200,
        R"(,"requestObject":{"data":{"password":"aHVudGVyMg=="},"stringData":{"token":"hunter2"}},)"
        R"("responseObject":{"data":{"password":"aHVudGVyMg=="}})");
    KubeAuditRecord parsed;
    QVERIFY(parseKubeAuditRecord(line, &parsed));
    QCOMPARE(parsed.fields, (QStringList{u".data.password"_s, u".stringData.token"_s}));
    const QByteArray evidence = QJsonDocument(parsed.evidence).toJson();
    QVERIFY(!evidence.contains("aHVudGVyMg"));
    QVERIFY(!evidence.contains("hunter2"));

    AuditInputs inputs;
    inputs.app.name = u"web"_s;
    inputs.liveObjects = {json(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"db",
        "namespace":"shop","uid":"u-db"},"data":{"password":"aHVudGVyMg=="}})")};
    inputs.plurals = {{u"/Secret"_s, u"secrets"_s}};
    parsed.apiGroup.clear(); // a core object
    inputs.auditRecords = {parsed};
    const AuditLog log = buildAuditLog(inputs);
    QCOMPARE(log.events.size(), 1);
    for (const QByteArray &text : {QJsonDocument(logJson(log)).toJson(), logCsv(log)}) {
        QVERIFY(!text.contains("aHVudGVyMg"));
        QVERIFY(!text.contains("hunter2"));
        QVERIFY(text.contains("password")); // the key's name is no secret
    }
}

void tst_AuditLog::joinsRecordsWithManagedFields()
{
    AuditInputs inputs;
    inputs.app.name = u"web"_s;
    inputs.appliers = {u"argocd-controller"_s};
    inputs.liveObjects = {liveDeployment()};
    inputs.plurals = plurals();
    const auto parse = [](const QByteArray &line) {
        KubeAuditRecord out;
        if (!parseKubeAuditRecord(line, &out))
            qFatal("record does not parse");
        return out;
    };
    inputs.auditRecords = {
        // An earlier edit whose managedFields time the later one replaced.
        parse(record("patch", "deployments", "web", "kubectl-edit", "2026-12-01T10:30:00")),
        parse(record("patch", "deployments", "web", "kubectl-edit", "2026-12-01T11:00:05")),
        parse(record("patch", "deployments", "web", "kubectl", "2026-12-01T11:00:07",
                     "ResponseComplete", "scale")),
        // The controller manager's status write: expected, not listed.
        parse(record("update", "deployments", "web", "kube-controller-manager",
                     "2026-12-01T10:00:01", "ResponseComplete", "status")),
    };
    const AuditLog log = buildAuditLog(inputs);

    const AuditEvent *edit = find(log, Source::DirectWrite, u"kubectl-edit"_s);
    QVERIFY(edit);
    QCOMPARE(edit->actor, u"ada"_s);
    QCOMPARE(edit->precision, TimePrecision::Millisecond);
    QCOMPARE(edit->time, QDateTime(QDate(2026, 12, 1), QTime(11, 0, 5, 300), QTimeZone::UTC));
    QCOMPARE(edit->reviewed, Reviewed::No);
    QVERIFY(edit->actorDetail.contains(u"field manager kubectl-edit"_s));
    QVERIFY(edit->actorDetail.contains(u"from 10.0.0.7"_s));
    QCOMPARE(edit->fields, QStringList{u".spec.template.spec.containers[name=\"web\"].image"_s});

    const AuditEvent *scale = find(log, Source::DirectWrite, u"kubectl"_s);
    QVERIFY(scale);
    QCOMPARE(scale->actor, u"ada"_s);
    QVERIFY(scale->summary.contains(u"through /scale"_s));

    // No record made the patch: the field manager is the actor, to the second.
    const AuditEvent *patch = find(log, Source::DirectWrite, u"kubectl-patch"_s);
    QVERIFY(patch);
    QCOMPARE(patch->actor, u"kubectl-patch"_s);
    QCOMPARE(patch->precision, TimePrecision::Second);

    const AuditEvent *applied = find(log, Source::Sync, u"argocd-controller"_s);
    QVERIFY(applied);
    QCOMPARE(applied->reviewed, Reviewed::Unknown);

    // The earlier edit stands alone; nothing of the controller manager shows.
    QList<const AuditEvent *> alone;
    for (const AuditEvent &event : log.events) {
        if (event.source == Source::AuditLog)
            alone << &event;
        QVERIFY(!event.actor.contains(u"kube-controller-manager"_s));
    }
    QCOMPARE(alone.size(), 1);
    QCOMPARE(alone.first()->time,
             QDateTime(QDate(2026, 12, 1), QTime(10, 30, 0, 300), QTimeZone::UTC));
    QCOMPARE(alone.first()->reviewed, Reviewed::No);
    QCOMPARE(log.events.size(), 5);
}

// An object git holds and the cluster no longer does: its deletion shows, by whom.
void tst_AuditLog::recordsOfDeletedObjects()
{
    const manifest::ResourceId gone{u"apps"_s, u"Deployment"_s, u"shop"_s, u"api"_s};
    const AuditObjectSet objects = auditObjects({}, plurals(), nullptr, {gone});
    QVERIFY(objects.contains(u"apps"_s, u"deployments"_s, u"shop"_s, u"api"_s));
    KubeAuditRecord deleted;
    QVERIFY(parseKubeAuditRecord(
        record("delete", "deployments", "api", "kubectl", "2026-12-01T12:00:00"), &deleted));
    AuditInputs inputs;
    inputs.app.name = u"web"_s;
    inputs.absentObjects = {gone};
    inputs.plurals = plurals();
    inputs.auditRecords = {deleted};
    const AuditLog log = buildAuditLog(inputs);
    QCOMPARE(log.events.size(), 1);
    QCOMPARE(log.events.first().source, Source::AuditLog);
    QCOMPARE(log.events.first().resource, gone);
    QCOMPARE(log.events.first().actor, u"ada"_s);
    QVERIFY(log.events.first().summary.startsWith(u"delete deployments by ada"_s));
    QCOMPARE(log.events.first().reviewed, Reviewed::No);
}

void tst_AuditLog::eventsOfOwnedObjects()
{
    AuditInputs inputs;
    inputs.app.name = u"web"_s;
    inputs.liveObjects = {liveDeployment()};
    inputs.ownedObjects = {
        json(R"({"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-1",
            "namespace":"shop","uid":"u-rs","ownerReferences":[{"uid":"u-web"}]}})"),
        json(R"({"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"api-1",
            "namespace":"shop","uid":"u-rs2","ownerReferences":[{"uid":"u-api"}]}})")};
    const auto event = [](const char *kind, const char *name, const char *uid, const char *reason) {
        return json(
            QByteArray(R"({"apiVersion":"v1","kind":"Event","metadata":{"name":"e","uid":"e-)")
            + uid + R"("},"involvedObject":{"apiVersion":"apps/v1","kind":")" + kind
            + R"(","namespace":"shop","name":")" + name + R"(","uid":")" + uid + R"("},"reason":")"
            + reason
            + R"(","message":"m","source":{"component":"deployment-controller"},)"
              R"("reportingComponent":"deployment-controller","count":2,)"
              R"("firstTimestamp":"2026-12-01T10:00:00Z","lastTimestamp":"2026-12-01T10:00:02Z"})");
    };
    inputs.kubeEvents = {event("Deployment", "web", "u-web", "ScalingReplicaSet"),
                         event("ReplicaSet", "web-1", "u-rs", "SuccessfulCreate"),
                         event("ReplicaSet", "api-1", "u-rs2", "SuccessfulCreate"),
                         event("Deployment", "api", "u-api", "ScalingReplicaSet")};
    const AuditLog log = buildAuditLog(inputs);
    QStringList seen;
    for (const AuditEvent &e : log.events) {
        if (e.source == Source::Event)
            seen << e.resource.name + u' ' + e.summary;
    }
    seen.sort();
    QCOMPARE(seen,
             (QStringList{u"web ScalingReplicaSet: m (2 times)"_s,
                          u"web-1 SuccessfulCreate: m (2 times)"_s}));
}

void tst_AuditLog::controllerHistoryAndCommits()
{
    AuditInputs inputs;
    inputs.app.name = u"web"_s;
    const QString reviewed = u"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
    const QString pushed = u"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s;
    const QString unasked = u"cccccccccccccccccccccccccccccccccccccccc"_s;
    const QString unapproved = u"dddddddddddddddddddddddddddddddddddddddd"_s;
    for (const QString &id : {reviewed, pushed, unasked, unapproved}) {
        CommitRecord commit;
        commit.id = id;
        commit.subject = u"change "_s + id.left(1);
        commit.authorName = u"Ada"_s;
        commit.authorEmail = u"ada@example.invalid"_s;
        commit.committerName = u"Ada"_s;
        commit.committerEmail = u"ada@example.invalid"_s;
        commit.commitTime = QDateTime(QDate(2026, 11, 1), QTime(9, 0), QTimeZone::UTC);
        commit.signature = CommitRecord::Signature::Signed;
        commit.link = u"https://github.com/o/r/commit/"_s + id;
        inputs.commits << commit;
    }
    forge::PullRequest merged;
    merged.number = 7;
    merged.title = u"Bump web"_s;
    merged.state = forge::PullRequest::State::Merged;
    merged.webUrl = QUrl(u"https://github.com/o/r/pull/7"_s);
    merged.base = u"main"_s;
    merged.author = u"ada"_s;
    merged.createdAt = QDateTime(QDate(2026, 11, 1), QTime(8, 0), QTimeZone::UTC);
    merged.mergedBy = u"carol"_s;
    merged.mergedAt = QDateTime(QDate(2026, 11, 1), QTime(8, 50), QTimeZone::UTC);
    merged.approvalsRead = true;
    merged.approvals = {{u"ada"_s, QDateTime(QDate(2026, 11, 1), QTime(8, 10), QTimeZone::UTC)},
                        {u"bob"_s, QDateTime(QDate(2026, 11, 1), QTime(8, 40), QTimeZone::UTC)}};
    inputs.pullRequests.insert(reviewed, {merged});
    inputs.pullRequests.insert(pushed, {});
    // Merged with only its author's approval: not reviewed.
    forge::PullRequest selfApproved = merged;
    selfApproved.number = 8;
    selfApproved.title = u"Quick fix"_s;
    selfApproved.webUrl = QUrl(u"https://github.com/o/r/pull/8"_s);
    selfApproved.mergedBy = u"ada"_s;
    selfApproved.approvals = {{u"ada"_s, {}}};
    inputs.pullRequests.insert(unapproved, {selfApproved});
    inputs.verifier = u"GitHub"_s;
    inputs.verifications.insert(reviewed, {true, u"valid"_s});
    inputs.verifications.insert(pushed, {false, u"unknown_key"_s});
    inputs.definition =
        json(QByteArray(R"({"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
        "metadata":{"name":"web","namespace":"argocd","uid":"u-app"},"status":{"history":[
        {"id":1,"revision":")")
             + reviewed.toLatin1()
             + R"(","deployedAt":"2026-11-01T09:05:00Z","initiatedBy":{"automated":true}},
        {"id":2,"revision":")"
             + pushed.toLatin1()
             + R"(","deployedAt":"2026-11-01T09:10:00Z","initiatedBy":{"username":"grace"}},
        {"id":3,"deployedAt":"2026-11-01T09:15:00Z"}]}})");
    const AuditLog log = buildAuditLog(inputs);

    const auto commit = [&](const QString &id) { return find(log, Source::Commit, id.left(12)); };
    QCOMPARE(commit(reviewed)->reviewed, Reviewed::Yes);
    QCOMPARE(commit(reviewed)->actorDetail,
             u"signed, verified by GitHub; merged through #7 Bump web, approved by bob"_s);
    QCOMPARE(commit(pushed)->reviewed, Reviewed::No);
    QCOMPARE(commit(pushed)->actorDetail,
             u"signed, not verified (unknown_key); pushed without a merged pull request"_s);
    QCOMPARE(commit(unapproved)->reviewed, Reviewed::No);
    QVERIFY2(commit(unapproved)->actorDetail.endsWith(u"approved only by its author ada"_s),
             qPrintable(commit(unapproved)->actorDetail));
    QCOMPARE(commit(unasked)->reviewed, Reviewed::Unknown);
    QCOMPARE(commit(unasked)->actor, u"Ada <ada@example.invalid>"_s);
    QCOMPARE(commit(unasked)->actorDetail, u"signed, not checked"_s);
    const QJsonObject signature =
        eventJson(*commit(pushed)).value(u"evidence").toObject().value(u"signature").toObject();
    QCOMPARE(signature.value(u"state").toString(), u"not-verified"_s);
    QCOMPARE(signature.value(u"checkedBy").toString(), u"GitHub"_s);
    QCOMPARE(signature.value(u"reason").toString(), u"unknown_key"_s);

    // The pull request's life: opened by ada, approved by ada and bob, merged by carol.
    QStringList lifecycle;
    for (const AuditEvent &event : log.events) {
        if (event.source == Source::PullRequest && event.evidence.value(u"number").toInt() == 7)
            lifecycle << event.time.toString(u"HH:mm"_s) + u' ' + event.actor + u' ' + event.summary
                    + u' ' + reviewedName(event.reviewed);
    }
    QCOMPARE(lifecycle,
             (QStringList{u"08:50 carol #7 merged by carol into main yes"_s,
                          u"08:40 bob #7 approved by bob at 2026-11-01T08:40:00Z yes"_s,
                          u"08:10 ada #7 approved by ada at 2026-11-01T08:10:00Z yes"_s,
                          u"08:00 ada #7 opened: Bump web yes"_s}));
    const AuditEvent *noTime = find(log, Source::PullRequest, u"#8 approved by ada"_s);
    QVERIFY(noTime);
    QVERIFY(!noTime->time.isValid());
    QCOMPARE(noTime->reviewed, Reviewed::No);
    QCOMPARE(eventJson(*noTime).value(u"evidence").toObject().value(u"approvedAt").toString(),
             u"unknown"_s);
    QVERIFY(!commit(unasked)->actorDetail.contains(u"committed by"_s));

    const AuditEvent *automated = find(log, Source::Sync, u"argocd (automated)"_s);
    QVERIFY(automated);
    QCOMPARE(automated->reviewed, Reviewed::Yes); // its commit came through #7
    QCOMPARE(automated->resource.kind, u"Application"_s);
    const AuditEvent *byHand = find(log, Source::Sync, u"grace"_s);
    QVERIFY(byHand);
    QCOMPARE(byHand->reviewed, Reviewed::No);
    // Argo CD before 2.11 records no initiator: unknown, not guessed.
    const AuditEvent *old = find(log, Source::Sync, u"history id 3"_s);
    QVERIFY(old);
    QVERIFY(old->actor.isEmpty());
    QCOMPARE(eventJson(*old).value(u"actor").toString(), u"unknown"_s);
    QCOMPARE(old->reviewed, Reviewed::Unknown);
    // Newest first.
    QCOMPARE(log.events.first().summary, old->summary);
}

// Flux keeps its last reconciliations, newest first, each with the revision it applied.
void tst_AuditLog::fluxHistory()
{
    AuditInputs inputs;
    inputs.app.name = u"web"_s;
    CommitRecord commit;
    commit.id = u"0123456789abcdef0123456789abcdef01234567"_s;
    commit.link = u"https://gitlab.com/o/r/-/commit/"_s + commit.id;
    inputs.commits = {commit};
    inputs.definition =
        json(R"({"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization",
        "metadata":{"name":"web","namespace":"flux-system","uid":"u-ks"},"status":{"history":[
        {"digest":"sha256:aa","firstReconciled":"2026-11-01T08:00:00Z",
         "lastReconciled":"2026-11-01T10:00:00Z","lastReconciledDuration":"1.2s",
         "lastReconciledStatus":"ReconciliationSucceeded","totalReconciliations":12,
         "metadata":{"revision":"main@sha1:0123456789abcdef0123456789abcdef01234567"}},
        {"digest":"sha256:bb","firstReconciled":"2026-10-30T08:00:00Z",
         "lastReconciled":"2026-10-31T08:00:00Z","lastReconciledStatus":"HealthCheckFailed",
         "totalReconciliations":3,"metadata":{"revision":"main@sha1:fedcba"}}]}})");
    const AuditLog log = buildAuditLog(inputs);
    QList<const AuditEvent *> syncs;
    for (const AuditEvent &event : log.events) {
        if (event.source == Source::Sync)
            syncs << &event;
    }
    QCOMPARE(syncs.size(), 2);
    QCOMPARE(syncs.at(0)->actor, u"kustomize-controller"_s);
    QCOMPARE(syncs.at(0)->resource.kind, u"Kustomization"_s);
    QCOMPARE(syncs.at(0)->time, QDateTime(QDate(2026, 11, 1), QTime(10, 0), QTimeZone::UTC));
    QVERIFY(syncs.at(0)->summary.contains(u"ReconciliationSucceeded, 12 reconciliations"_s));
    QCOMPARE(syncs.at(0)->link, commit.link); // the commit it applied is known
    QVERIFY(syncs.at(1)->summary.contains(u"HealthCheckFailed"_s));
    QVERIFY(syncs.at(1)->link.isEmpty());
    QCOMPARE(syncs.at(1)->reviewed, Reviewed::Unknown);
}

void tst_AuditLog::exportsSayUnknown()
{
    AuditEvent event;
    event.source = Source::AuditLog;
    event.app = u"web"_s;
    event.summary = u"patch, with \"quotes\"\nand a line"_s;
    event.resource = {u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s};
    event.fields = {u".spec.replicas"_s, u".metadata.labels.tier"_s};
    AuditLog log;
    log.events = {event};
    const QByteArray csv = logCsv(log);
    QCOMPARE(csv,
             QByteArray("time,precision,actor,actor_kind,source,app,resource,fields,summary,"
                        "reviewed,link,actor_detail\r\n"
                        "unknown,unknown,unknown,unknown,audit-log,web,Deployment.apps/shop/web,"
                        ".spec.replicas;.metadata.labels.tier,\"patch, with \"\"quotes\"\"\nand a "
                        "line\",unknown,,\r\n"));
    const QJsonObject one = logJson(log).value(u"events").toArray().first().toObject();
    QCOMPARE(one.value(u"time").toString(), u"unknown"_s);
    QCOMPARE(one.value(u"resource").toObject().value(u"ref").toString(),
             u"Deployment.apps/shop/web"_s);
    QCOMPARE(one.value(u"reviewed").toString(), u"unknown"_s);
    for (const char *member :
         {"time", "timePrecision", "actor", "actorKind", "actorDetail", "source", "app", "resource",
          "fields", "summary", "reviewed", "link", "evidence"})
        QVERIFY2(one.contains(QLatin1String(member)), member);
}

void tst_AuditLog::filters_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("since");
    QTest::addColumn<bool>("deployment");
    QTest::addColumn<bool>("commit");
    QTest::newRow("all") << QString() << QString() << true << true;
    QTest::newRow("resource") << u"Deployment.apps/shop/web"_s << QString() << true << true;
    QTest::newRow("bare kind") << u"deployment/shop/web"_s << QString() << true << true;
    QTest::newRow("other") << u"Secret/shop/web"_s << QString() << false << true;
    QTest::newRow("since") << QString() << u"2026-12-01T10:30:00Z"_s << true << false;
    QTest::newRow("after all") << QString() << u"2026-12-02T00:00:00Z"_s << false << false;
}

void tst_AuditLog::filters()
{
    QFETCH(QString, resource);
    QFETCH(QString, since);
    QFETCH(bool, deployment);
    QFETCH(bool, commit);
    AuditFilter filter;
    if (!resource.isEmpty()) {
        QString error;
        const auto id = AuditFilter::parseResource(resource, &error);
        QVERIFY2(id, qPrintable(error));
        filter.resource = *id;
    }
    filter.since = QDateTime::fromString(since, Qt::ISODate);
    AuditEvent write;
    write.resource = {u"apps"_s, u"Deployment"_s, u"shop"_s, u"web"_s};
    write.time = QDateTime(QDate(2026, 12, 1), QTime(11, 0), QTimeZone::UTC);
    AuditEvent change;
    change.source = Source::Commit;
    change.time = QDateTime(QDate(2026, 12, 1), QTime(9, 0), QTimeZone::UTC);
    QCOMPARE(filter.accepts(write), deployment);
    QCOMPARE(filter.accepts(change), commit);
}

void tst_AuditLog::fieldPaths()
{
    const QJsonObject fields = json(R"({"f:metadata":{"f:labels":{".":{},"f:tier":{}}},
        "f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}},
        "f:finalizers":{"v:\"x\"":{}}}})");
    QCOMPARE(audit::fieldPaths(fields),
             (QStringList{u".metadata.labels.tier"_s, u".spec.finalizers[=\"x\"]"_s,
                          u".spec.ports[port=80,protocol=\"TCP\"].port"_s}));
    QString error;
    QVERIFY(!AuditFilter::parseResource(u"web"_s, &error));
    QVERIFY(error.contains(u"KIND[.GROUP]/NAMESPACE/NAME"_s));
    const auto ns = AuditFilter::parseResource(u"Namespace/shop"_s, &error);
    QVERIFY(ns);
    QCOMPARE(ns->name, u"shop"_s);
    QVERIFY(ns->namespaceName.isEmpty());
}

QTEST_GUILESS_MAIN(tst_AuditLog)
#include "tst_auditlog.moc"
