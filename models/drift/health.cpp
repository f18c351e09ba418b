#include "drift/health.h"

#include "manifest/resourceid.h"

#include <QDateTime>
#include <QJsonArray>

namespace gitops::drift {

namespace {

using L = QLatin1String;
using Status = Health::Status;

QJsonObject condition(const QJsonObject &status, QLatin1String type)
{
    for (const QJsonValue &value : status.value(L("conditions")).toArray()) {
        if (value.toObject().value(L("type")).toString() == type)
            return value.toObject();
    }
    return {};
}

bool isTrue(const QJsonObject &condition)
{
    return condition.value(L("status")).toString() == L("True");
}
bool isFalse(const QJsonObject &condition)
{
    return condition.value(L("status")).toString() == L("False");
}

QString messageOf(const QJsonObject &condition, const QString &fallback)
{
    const QString message = condition.value(L("message")).toString();
    return message.isEmpty() ? fallback : message;
}

qint64 integer(const QJsonObject &object, QLatin1String key, qint64 fallback = 0)
{
    const QJsonValue value = object.value(key);
    return value.isDouble() ? value.toInteger() : fallback;
}

// The controller has not seen the latest spec yet.
bool stale(const QJsonObject &live, const QJsonObject &status)
{
    const qint64 generation = integer(live.value(L("metadata")).toObject(), L("generation"));
    return status.contains(L("observedGeneration"))
        && integer(status, L("observedGeneration")) < generation;
}

Health deployment(const QJsonObject &live)
{
    const QJsonObject spec = live.value(L("spec")).toObject();
    const QJsonObject status = live.value(L("status")).toObject();
    if (spec.value(L("paused")).toBool())
        return {Status::Suspended, QStringLiteral("Deployment is paused")};
    const QJsonObject progressing = condition(status, L("Progressing"));
    if (progressing.value(L("reason")).toString() == L("ProgressDeadlineExceeded"))
        return {
            Status::Degraded,
            messageOf(progressing, QStringLiteral("Deployment exceeded its progress deadline"))};
    if (status.isEmpty() || stale(live, status))
        return {Status::Progressing, QStringLiteral("Waiting for the rollout to be observed")};
    const qint64 wanted = integer(spec, L("replicas"), 1);
    const qint64 updated = integer(status, L("updatedReplicas"));
    const qint64 total = integer(status, L("replicas"));
    const qint64 available = integer(status, L("availableReplicas"));
    if (updated < wanted)
        return {Status::Progressing,
                QStringLiteral("%1 of %2 replicas updated").arg(updated).arg(wanted)};
    if (total > updated)
        return {Status::Progressing,
                QStringLiteral("%1 old replicas pending termination").arg(total - updated)};
    if (available < updated)
        return {Status::Progressing,
                QStringLiteral("%1 of %2 updated replicas available").arg(available).arg(updated)};
    return {Status::Healthy, QString()};
}

Health statefulSet(const QJsonObject &live)
{
    const QJsonObject spec = live.value(L("spec")).toObject();
    const QJsonObject status = live.value(L("status")).toObject();
    if (status.isEmpty() || stale(live, status))
        return {Status::Progressing, QStringLiteral("Waiting for the rollout to be observed")};
    const qint64 wanted = integer(spec, L("replicas"), 1);
    const qint64 ready = integer(status, L("readyReplicas"));
    if (ready < wanted)
        return {Status::Progressing,
                QStringLiteral("%1 of %2 replicas ready").arg(ready).arg(wanted)};
    const QString strategy = spec.value(L("updateStrategy")).toObject().value(L("type")).toString();
    if (strategy != L("OnDelete") && status.contains(L("updateRevision"))
        && status.value(L("currentRevision")) != status.value(L("updateRevision")))
        return {Status::Progressing, QStringLiteral("Rolling update in progress")};
    return {Status::Healthy, QString()};
}

Health daemonSet(const QJsonObject &live)
{
    const QJsonObject status = live.value(L("status")).toObject();
    if (status.isEmpty() || stale(live, status))
        return {Status::Progressing, QStringLiteral("Waiting for the rollout to be observed")};
    const qint64 wanted = integer(status, L("desiredNumberScheduled"));
    const qint64 updated = integer(status, L("updatedNumberScheduled"));
    const qint64 available = integer(status, L("numberAvailable"));
    if (updated < wanted)
        return {Status::Progressing,
                QStringLiteral("%1 of %2 pods updated").arg(updated).arg(wanted)};
    if (available < wanted)
        return {Status::Progressing,
                QStringLiteral("%1 of %2 pods available").arg(available).arg(wanted)};
    return {Status::Healthy, QString()};
}

Health replicaSet(const QJsonObject &live)
{
    const QJsonObject spec = live.value(L("spec")).toObject();
    const QJsonObject status = live.value(L("status")).toObject();
    const QJsonObject failure = condition(status, L("ReplicaFailure"));
    if (isTrue(failure))
        return {Status::Degraded, messageOf(failure, QStringLiteral("Replica failure"))};
    if (status.isEmpty() || stale(live, status))
        return {Status::Progressing, QStringLiteral("Waiting for the rollout to be observed")};
    const qint64 wanted = integer(spec, L("replicas"), 1);
    const qint64 available = integer(status, L("availableReplicas"));
    if (available < wanted)
        return {Status::Progressing,
                QStringLiteral("%1 of %2 replicas available").arg(available).arg(wanted)};
    return {Status::Healthy, QString()};
}

Health pod(const QJsonObject &live)
{
    const QJsonObject status = live.value(L("status")).toObject();
    static const QStringList failing = {QStringLiteral("CrashLoopBackOff"),
                                        QStringLiteral("ImagePullBackOff"),
                                        QStringLiteral("ErrImagePull"),
                                        QStringLiteral("InvalidImageName"),
                                        QStringLiteral("CreateContainerConfigError"),
                                        QStringLiteral("CreateContainerError")};
    for (const char *list : {"initContainerStatuses", "containerStatuses"}) {
        for (const QJsonValue &value : status.value(QLatin1String(list)).toArray()) {
            const QJsonObject waiting =
                value.toObject().value(L("state")).toObject().value(L("waiting")).toObject();
            const QString reason = waiting.value(L("reason")).toString();
            if (failing.contains(reason))
                return {Status::Degraded,
                        QStringLiteral("%1: %2").arg(value.toObject().value(L("name")).toString(),
                                                     reason)};
        }
    }
    const QString phase = status.value(L("phase")).toString();
    if (phase == L("Succeeded"))
        return {Status::Healthy, QString()};
    if (phase == L("Failed"))
        return {Status::Degraded, status.value(L("message")).toString()};
    if (phase == L("Running")) {
        if (isTrue(condition(status, L("Ready"))))
            return {Status::Healthy, QString()};
        return {Status::Progressing, QStringLiteral("Containers are not ready")};
    }
    if (phase == L("Pending") || phase.isEmpty())
        return {Status::Progressing, QStringLiteral("Pending")};
    return {Status::Unknown, status.value(L("message")).toString()};
}

Health job(const QJsonObject &live)
{
    const QJsonObject status = live.value(L("status")).toObject();
    const QJsonObject failed = condition(status, L("Failed"));
    if (isTrue(failed))
        return {Status::Degraded, messageOf(failed, QStringLiteral("Job failed"))};
    if (isTrue(condition(status, L("Complete"))))
        return {Status::Healthy, QString()};
    if (live.value(L("spec")).toObject().value(L("suspend")).toBool())
        return {Status::Suspended, QStringLiteral("Job is suspended")};
    return {Status::Progressing, QStringLiteral("Job is running")};
}

// batch/v1 CronJobStatus holds no conditions: `active` lists the Jobs running now,
// `lastScheduleTime` is when the last Job was started and `lastSuccessfulTime` when a Job
// last completed. A schedule time after the last success (or no success at all) means
// the last run failed, once no Job is running any more.
Health cronJob(const QJsonObject &live)
{
    if (live.value(L("spec")).toObject().value(L("suspend")).toBool())
        return {Status::Suspended, QStringLiteral("CronJob is suspended")};
    const QJsonObject status = live.value(L("status")).toObject();
    const QJsonArray active = status.value(L("active")).toArray();
    if (!active.isEmpty()) {
        const QString name = active.first().toObject().value(L("name")).toString();
        return {Status::Progressing,
                name.isEmpty() ? QStringLiteral("A Job is running")
                               : QStringLiteral("Job %1 is running").arg(name)};
    }
    const QString scheduled = status.value(L("lastScheduleTime")).toString();
    if (scheduled.isEmpty())
        return {Status::Healthy, QString()};
    const QString succeeded = status.value(L("lastSuccessfulTime")).toString();
    if (succeeded.isEmpty())
        return {Status::Degraded,
                QStringLiteral("The run scheduled at %1 did not succeed; no run has succeeded yet")
                    .arg(scheduled)};
    const QDateTime scheduledAt = QDateTime::fromString(scheduled, Qt::ISODate);
    const QDateTime succeededAt = QDateTime::fromString(succeeded, Qt::ISODate);
    // Both are RFC 3339 in UTC as the API server writes them; compare the text if either
    // does not parse.
    const bool failedSince = scheduledAt.isValid() && succeededAt.isValid()
        ? scheduledAt > succeededAt
        : scheduled > succeeded;
    if (failedSince)
        return {
            Status::Degraded,
            QStringLiteral("The run scheduled at %1 did not succeed; the last success was at %2")
                .arg(scheduled, succeeded)};
    return {Status::Healthy, QString()};
}

Health withAddress(const QJsonObject &live, const QString &waiting)
{
    const QJsonArray ingress = live.value(L("status"))
                                   .toObject()
                                   .value(L("loadBalancer"))
                                   .toObject()
                                   .value(L("ingress"))
                                   .toArray();
    if (ingress.isEmpty())
        return {Status::Progressing, waiting};
    return {Status::Healthy, QString()};
}

Health persistentVolumeClaim(const QJsonObject &live)
{
    const QString phase = live.value(L("status")).toObject().value(L("phase")).toString();
    if (phase == L("Bound"))
        return {Status::Healthy, QString()};
    if (phase == L("Lost"))
        return {Status::Degraded, QStringLiteral("The claim lost its volume")};
    return {Status::Progressing, QStringLiteral("Waiting for a volume")};
}

Health autoscaler(const QJsonObject &live)
{
    const QJsonObject status = live.value(L("status")).toObject();
    if (status.value(L("conditions")).toArray().isEmpty())
        return {Status::Progressing, QStringLiteral("Waiting for the autoscaler to observe")};
    for (QLatin1String type : {L("AbleToScale"), L("ScalingActive")}) {
        const QJsonObject c = condition(status, type);
        const QString reason = c.value(L("reason")).toString();
        // ScalingActive=False with ScalingDisabled is a workload scaled to zero on purpose.
        if (isFalse(c) && reason != L("ScalingDisabled"))
            return {Status::Degraded, messageOf(c, reason)};
    }
    return {Status::Healthy, QString()};
}

Health argoApplication(const QJsonObject &live)
{
    const QJsonObject health = live.value(L("status")).toObject().value(L("health")).toObject();
    const QString status = health.value(L("status")).toString();
    const QString message = health.value(L("message")).toString();
    for (Status s : {Status::Healthy, Status::Suspended, Status::Progressing, Status::Missing,
                     Status::Degraded, Status::Unknown}) {
        if (Health::name(s) == status)
            return {s, message};
    }
    return {Status::Unknown, message};
}

Health fluxObject(const QJsonObject &live)
{
    if (live.value(L("spec")).toObject().value(L("suspend")).toBool())
        return {Status::Suspended, QStringLiteral("Reconciliation is suspended")};
    const QJsonObject status = live.value(L("status")).toObject();
    const QJsonObject ready = condition(status, L("Ready"));
    if (stale(live, status))
        return {Status::Progressing, QStringLiteral("Waiting for reconciliation")};
    if (isTrue(ready))
        return {Status::Healthy, ready.value(L("message")).toString()};
    if (isFalse(ready)) {
        if (ready.value(L("reason")).toString() == L("Progressing"))
            return {Status::Progressing, ready.value(L("message")).toString()};
        return {Status::Degraded, messageOf(ready, QStringLiteral("Not ready"))};
    }
    return {Status::Progressing, QStringLiteral("Waiting for reconciliation")};
}

Health generic(const QJsonObject &live)
{
    const QJsonObject status = live.value(L("status")).toObject();
    for (QLatin1String type : {L("Ready"), L("Available")}) {
        const QJsonObject c = condition(status, type);
        if (isTrue(c))
            return {Status::Healthy, c.value(L("message")).toString()};
        if (isFalse(c))
            return {Status::Degraded, messageOf(c, QStringLiteral("%1 is False").arg(type))};
    }
    return {Status::Healthy, QString()};
}

} // namespace

Health Health::of(const QJsonObject &live)
{
    if (live.isEmpty())
        return {Status::Missing, QStringLiteral("not in the cluster")};
    const QString group = manifest::ResourceId::groupOf(live.value(L("apiVersion")).toString());
    const QString kind = live.value(L("kind")).toString();
    if (group == L("apps")) {
        if (kind == L("Deployment"))
            return deployment(live);
        if (kind == L("StatefulSet"))
            return statefulSet(live);
        if (kind == L("DaemonSet"))
            return daemonSet(live);
        if (kind == L("ReplicaSet"))
            return replicaSet(live);
    }
    if (group.isEmpty()) {
        if (kind == L("Pod"))
            return pod(live);
        if (kind == L("PersistentVolumeClaim"))
            return persistentVolumeClaim(live);
        if (kind == L("Service")) {
            if (live.value(L("spec")).toObject().value(L("type")).toString() == L("LoadBalancer"))
                return withAddress(live, QStringLiteral("Waiting for a load balancer address"));
            return {Status::Healthy, QString()};
        }
    }
    if (group == L("batch")) {
        if (kind == L("Job"))
            return job(live);
        if (kind == L("CronJob"))
            return cronJob(live);
    }
    if (group == L("networking.k8s.io") && kind == L("Ingress"))
        return withAddress(live, QStringLiteral("Waiting for an address"));
    if (group == L("autoscaling") && kind == L("HorizontalPodAutoscaler"))
        return autoscaler(live);
    if (group == L("argoproj.io") && kind == L("Application"))
        return argoApplication(live);
    if (group.endsWith(L(".toolkit.fluxcd.io")))
        return fluxObject(live);
    return generic(live);
}

Health Health::worse(const Health &a, const Health &b)
{
    return int(b.status) > int(a.status) ? b : a;
}

QString Health::name(Status status)
{
    switch (status) {
    case Status::Healthy:
        return QStringLiteral("Healthy");
    case Status::Suspended:
        return QStringLiteral("Suspended");
    case Status::Progressing:
        return QStringLiteral("Progressing");
    case Status::Missing:
        return QStringLiteral("Missing");
    case Status::Degraded:
        return QStringLiteral("Degraded");
    case Status::Unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

} // namespace gitops::drift
