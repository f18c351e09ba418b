#include "drift/health.h"

#include "manifest/resourceid.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

// The rules follow Argo CD's built-in health checks (gitops-engine pkg/health and the
// resource_customizations Argo CD ships for PodDisruptionBudget and Flux) verdict for
// verdict; where they differ on purpose the comment says why. The messages are our own:
// every verdict that is not Healthy names the condition, container state or field that
// decided it, because Argo CD's are often empty.

namespace gitops::drift {

namespace {

using L = QLatin1String;
using Status = Health::Status;

// "a; b; c" of sentences.
Text joined(const std::vector<Text> &texts)
{
    Text all = texts.empty() ? Text() : texts.front();
    for (size_t i = 1; i < texts.size(); ++i)
        all = Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1; %2"), all, texts.at(i));
    return all;
}

QJsonObject member(const QJsonObject &object, QLatin1String key)
{
    return object.value(key).toObject();
}

QJsonObject condition(const QJsonArray &conditions, QLatin1String type)
{
    for (const QJsonValue &value : conditions) {
        if (value.toObject().value(L("type")).toString() == type)
            return value.toObject();
    }
    return {};
}

QJsonObject condition(const QJsonObject &status, QLatin1String type)
{
    return condition(status.value(L("conditions")).toArray(), type);
}

QString statusOf(const QJsonObject &condition)
{
    return condition.value(L("status")).toString();
}
bool isTrue(const QJsonObject &condition)
{
    return statusOf(condition) == L("True");
}

// "Ready=False ArtifactFailed: kustomization path not found": what a condition says, in
// the words kubectl describe uses.
QString describe(const QJsonObject &condition)
{
    QString text = condition.value(L("type")).toString() + QLatin1Char('=') + statusOf(condition);
    const QString reason = condition.value(L("reason")).toString();
    const QString message = condition.value(L("message")).toString().trimmed();
    if (!reason.isEmpty())
        text += QLatin1Char(' ') + reason;
    if (!message.isEmpty())
        text += QLatin1String(": ") + message;
    return text;
}

QString describeAll(const QJsonArray &conditions)
{
    QStringList texts;
    for (const QJsonValue &value : conditions)
        texts.append(describe(value.toObject()));
    return texts.join(QLatin1String("; "));
}

qint64 integer(const QJsonObject &object, QLatin1String key, qint64 fallback = 0)
{
    const QJsonValue value = object.value(key);
    return value.isDouble() ? value.toInteger() : fallback;
}

std::optional<qint64> optionalInteger(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

qint64 generationOf(const QJsonObject &live)
{
    return integer(member(live, L("metadata")), L("generation"));
}

Health waitingForGeneration(const QJsonObject &live, const QJsonObject &status)
{
    const Text observed = status.contains(L("observedGeneration"))
        ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "status.observedGeneration is %1"),
                         integer(status, L("observedGeneration")))
        : Text(QT_TRANSLATE_NOOP("gitops::Text", "no status.observedGeneration yet"));
    return {Status::Progressing,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                             "Waiting for the controller to observe "
                                             "generation %1 (%2)"),
                           generationOf(live), observed)};
}

// Deployments, DaemonSets and ReplicaSets: the controller has not seen the latest spec.
bool behind(const QJsonObject &live, const QJsonObject &status)
{
    return generationOf(live) > integer(status, L("observedGeneration"));
}

Health healthy(const QString &message = QString())
{
    return {Status::Healthy, message};
}
Health healthy(const Text &message)
{
    return {Status::Healthy, message};
}

Health deployment(const QJsonObject &live)
{
    const QJsonObject spec = member(live, L("spec"));
    const QJsonObject status = member(live, L("status"));
    if (spec.value(L("paused")).toBool())
        return {Status::Suspended,
                Text(QT_TRANSLATE_NOOP("gitops::Text", "Deployment is paused (spec.paused)"))};
    if (behind(live, status))
        return waitingForGeneration(live, status);
    // Argo CD looks at the reason only, whatever the condition's status.
    const QJsonObject progressing = condition(status, L("Progressing"));
    if (progressing.value(L("reason")).toString() == L("ProgressDeadlineExceeded"))
        return {Status::Degraded,
                Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "%1 (spec.progressDeadlineSeconds %2)"),
                    describe(progressing), integer(spec, L("progressDeadlineSeconds"), 600))};
    const std::optional<qint64> wanted = optionalInteger(spec, L("replicas"));
    const qint64 updated = integer(status, L("updatedReplicas"));
    const qint64 total = integer(status, L("replicas"));
    const qint64 available = integer(status, L("availableReplicas"));
    if (wanted && updated < *wanted)
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Rollout: %1 of %2 replicas "
                                                 "updated (status.updatedReplicas)"),
                               updated, *wanted)};
    if (total > updated)
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Rollout: %1 old replicas pending termination "
                                                 "(status.replicas %2, status.updatedReplicas %3)"),
                               total - updated, total, updated)};
    if (available < updated)
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Rollout: %1 of %2 updated replicas available "
                                                 "(status.availableReplicas)"),
                               available, updated)};
    return healthy();
}

Health statefulSet(const QJsonObject &live)
{
    const QJsonObject spec = member(live, L("spec"));
    const QJsonObject status = member(live, L("status"));
    // The StatefulSet controller always writes observedGeneration; none yet means unseen.
    if (integer(status, L("observedGeneration")) == 0 || behind(live, status))
        return waitingForGeneration(live, status);
    const std::optional<qint64> wanted = optionalInteger(spec, L("replicas"));
    const qint64 ready = integer(status, L("readyReplicas"));
    if (wanted && ready < *wanted)
        return {Status::Progressing,
                Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "%1 of %2 pods ready (status.readyReplicas)"),
                    ready, *wanted)};
    const QJsonObject strategy = member(spec, L("updateStrategy"));
    const QString type = strategy.value(L("type")).toString();
    const qint64 updated = integer(status, L("updatedReplicas"));
    if (type == L("RollingUpdate") && strategy.contains(L("rollingUpdate"))) {
        const std::optional<qint64> partition =
            optionalInteger(member(strategy, L("rollingUpdate")), L("partition"));
        if (wanted && partition && updated < *wanted - *partition)
            return {Status::Progressing,
                    Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                     "Rolling update: %1 of %2 pods updated "
                                                     "(status.updatedReplicas, partition %3)"),
                                   updated, *wanted - *partition, *partition)};
        return healthy();
    }
    if (type == L("OnDelete"))
        return healthy(Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "updateStrategy OnDelete: %1 of %2 pods updated"),
            updated, wanted.value_or(integer(status, L("replicas")))));
    const QString updateRevision = status.value(L("updateRevision")).toString();
    if (updateRevision != status.value(L("currentRevision")).toString())
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Rolling update: %1 pods at revision %2 "
                                                 "(status.currentRevision %3)"),
                               updated, updateRevision,
                               status.value(L("currentRevision")).toString())};
    return healthy();
}

Health daemonSet(const QJsonObject &live)
{
    const QJsonObject status = member(live, L("status"));
    if (behind(live, status))
        return waitingForGeneration(live, status);
    const qint64 wanted = integer(status, L("desiredNumberScheduled"));
    const qint64 updated = integer(status, L("updatedNumberScheduled"));
    const qint64 available = integer(status, L("numberAvailable"));
    // With OnDelete, pods take the new template only when someone deletes them: waiting for
    // them would be Progressing forever.
    const QString strategy =
        member(member(live, L("spec")), L("updateStrategy")).value(L("type")).toString();
    if (strategy == L("OnDelete"))
        return healthy(Text::sentence(
            QT_TRANSLATE_NOOP("gitops::Text", "updateStrategy OnDelete: %1 of %2 pods updated"),
            updated, wanted));
    if (updated < wanted)
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Rollout: %1 of %2 pods updated "
                                                 "(status.updatedNumberScheduled)"),
                               updated, wanted)};
    if (available < wanted)
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "Rollout: %1 of %2 pods available "
                                                 "(status.numberAvailable)"),
                               available, wanted)};
    return healthy();
}

Health replicaSet(const QJsonObject &live)
{
    const QJsonObject spec = member(live, L("spec"));
    const QJsonObject status = member(live, L("status"));
    if (behind(live, status))
        return waitingForGeneration(live, status);
    const QJsonObject failure = condition(status, L("ReplicaFailure"));
    if (isTrue(failure))
        return {Status::Degraded, describe(failure)};
    const std::optional<qint64> wanted = optionalInteger(spec, L("replicas"));
    const qint64 available = integer(status, L("availableReplicas"));
    if (wanted && available < *wanted)
        return {Status::Progressing,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "%1 of %2 replicas available "
                                                 "(status.availableReplicas)"),
                               available, *wanted)};
    return healthy();
}

// Pods.

Text containerLabel(const QJsonObject &containerStatus, bool init)
{
    const QString name = containerStatus.value(L("name")).toString();
    return init ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "init container %1"), name)
                : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "container %1"), name);
}

QString reasonAndMessage(const QJsonObject &state)
{
    const QString reason = state.value(L("reason")).toString();
    const QString message = state.value(L("message")).toString().trimmed();
    if (message.isEmpty())
        return reason;
    return reason.isEmpty() ? message : reason + QLatin1String(": ") + message;
}

// "status.phase Running", or that it is not set.
Text phaseText(const QString &phase)
{
    return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "status.phase %1"),
                          phase.isEmpty() ? Text(QT_TRANSLATE_NOOP("gitops::Text", "is not set"))
                                          : Text::verbatim(phase));
}

// "Error, exit code 1", "OOMKilled, exit code 137: ..."
Text terminatedText(const QJsonObject &terminated)
{
    const QString reason = terminated.value(L("reason")).toString();
    const Text code = Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "exit code %1"),
                                     integer(terminated, L("exitCode")));
    const Text text = reason.isEmpty()
        ? code
        : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1, %2"), reason, code);
    const QString message = terminated.value(L("message")).toString().trimmed();
    if (!message.isEmpty())
        return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: %2"), text, message);
    return text;
}

struct ContainerStatus
{
    QJsonObject status;
    bool init = false;
};

QList<ContainerStatus> containerStatuses(const QJsonObject &podStatus, bool withInit)
{
    QList<ContainerStatus> all;
    if (withInit) {
        for (const QJsonValue &value : podStatus.value(L("initContainerStatuses")).toArray())
            all.append({value.toObject(), true});
    }
    for (const QJsonValue &value : podStatus.value(L("containerStatuses")).toArray())
        all.append({value.toObject(), false});
    return all;
}

// Why a pending pod is pending, when the kubelet wrote no message: a waiting or failed
// container (init containers first, they run first), else the scheduler's condition.
Text pendingReason(const QJsonObject &status)
{
    for (const ContainerStatus &container : containerStatuses(status, true)) {
        const QJsonObject state = member(container.status, L("state"));
        const QJsonObject waiting = member(state, L("waiting"));
        if (!waiting.value(L("reason")).toString().isEmpty())
            return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 waiting: %2"),
                                  containerLabel(container.status, container.init),
                                  reasonAndMessage(waiting));
        const QJsonObject terminated = member(state, L("terminated"));
        if (!terminated.isEmpty() && integer(terminated, L("exitCode")) != 0)
            return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 terminated: %2"),
                                  containerLabel(container.status, container.init),
                                  terminatedText(terminated));
        if (container.init && state.contains(L("running")))
            return Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 is running"),
                                  containerLabel(container.status, true));
    }
    const QJsonObject scheduled = condition(status, L("PodScheduled"));
    if (statusOf(scheduled) == L("False"))
        return Text::verbatim(describe(scheduled));
    return Text::verbatim(QStringLiteral("status.phase Pending"));
}

Health pod(const QJsonObject &live)
{
    const QJsonObject status = member(live, L("status"));
    const QString podMessage = status.value(L("message")).toString();
    // The API server defaults the policy to Always; a manifest without it means Always.
    QString restartPolicy = member(live, L("spec")).value(L("restartPolicy")).toString();
    if (restartPolicy.isEmpty())
        restartPolicy = QStringLiteral("Always");
    const bool restarts = restartPolicy == L("Always");

    // Only for pods that restart: a hook pod (Never/OnFailure) waiting for its image must not
    // fail a sync that it may still finish, which is why Argo CD leaves those alone.
    if (restarts) {
        std::vector<Text> failing;
        for (const ContainerStatus &container : containerStatuses(status, false)) {
            const QJsonObject waiting = member(member(container.status, L("state")), L("waiting"));
            const QString reason = waiting.value(L("reason")).toString();
            if (reason.startsWith(L("Err")) || reason.endsWith(L("Error"))
                || reason.endsWith(L("BackOff")))
                failing.push_back(Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: %2"),
                                                 containerLabel(container.status, false),
                                                 reasonAndMessage(waiting)));
        }
        if (!failing.empty())
            return {Status::Degraded, joined(failing)};
    }

    const QString phase = status.value(L("phase")).toString();
    if (phase == L("Pending"))
        return {Status::Progressing,
                podMessage.isEmpty() ? pendingReason(status) : Text::verbatim(podMessage)};
    if (phase == L("Succeeded"))
        return healthy(podMessage);
    if (phase == L("Failed")) {
        if (!podMessage.isEmpty())
            return {Status::Degraded, podMessage};
        for (const ContainerStatus &container : containerStatuses(status, true)) {
            const QJsonObject terminated =
                member(member(container.status, L("state")), L("terminated"));
            if (!terminated.isEmpty()
                && (integer(terminated, L("exitCode")) != 0
                    || terminated.value(L("reason")).toString() == L("OOMKilled")
                    || !terminated.value(L("message")).toString().isEmpty()))
                return {Status::Degraded,
                        Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 terminated: %2"),
                                       containerLabel(container.status, container.init),
                                       terminatedText(terminated))};
        }
        return {Status::Degraded, QStringLiteral("status.phase Failed")};
    }
    if (phase == L("Running")) {
        if (!restarts)
            // Pods that do not restart run to completion (hooks, one-off tasks): they are on
            // their way, not done.
            return {Status::Progressing,
                    podMessage.isEmpty()
                        ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                           "Running until it completes "
                                                           "(spec.restartPolicy %1)"),
                                         restartPolicy)
                        : Text::verbatim(podMessage)};
        const QJsonObject ready = condition(status, L("Ready"));
        if (isTrue(ready))
            return healthy(podMessage);
        // Not ready after a container terminated: it crashed at least once.
        for (const ContainerStatus &container : containerStatuses(status, false)) {
            const QJsonObject terminated =
                member(member(container.status, L("lastState")), L("terminated"));
            if (terminated.isEmpty())
                continue;
            if (!podMessage.isEmpty())
                return {Status::Degraded, podMessage};
            return {Status::Degraded,
                    Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                     "%1 is not ready; last "
                                                     "terminated: %2 (restartCount "
                                                     "%3)"),
                                   containerLabel(container.status, false),
                                   terminatedText(terminated),
                                   integer(container.status, L("restartCount")))};
        }
        return {Status::Progressing,
                !podMessage.isEmpty() ? Text::verbatim(podMessage)
                    : ready.isEmpty()
                    ? Text(QT_TRANSLATE_NOOP("gitops::Text", "Waiting for the Ready condition"))
                    : Text::verbatim(describe(ready))};
    }
    return {Status::Unknown, podMessage.isEmpty() ? phaseText(phase) : Text::verbatim(podMessage)};
}

Health job(const QJsonObject &live)
{
    const QJsonObject status = member(live, L("status"));
    const QJsonArray conditions = status.value(L("conditions")).toArray();
    const QJsonObject failed = condition(conditions, L("Failed"));
    if (isTrue(failed))
        return {Status::Degraded, describe(failed)};
    const QJsonObject suspended = condition(conditions, L("Suspended"));
    if (isTrue(suspended))
        return {Status::Suspended, describe(suspended)};
    const QJsonObject complete = condition(conditions, L("Complete"));
    if (isTrue(complete))
        return healthy(complete.value(L("message")).toString());
    // Argo CD's documented rule; the controller adds the Suspended condition a moment later.
    // (Argo CD's code also calls a resumed Job, Suspended=False, Healthy while it still runs;
    // we keep calling it Progressing until it completes.)
    if (member(live, L("spec")).value(L("suspend")).toBool())
        return {Status::Suspended,
                Text(QT_TRANSLATE_NOOP("gitops::Text", "Job is suspended (spec.suspend)"))};
    const qint64 active = integer(status, L("active"));
    if (active > 0)
        return {
            Status::Progressing,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "Job is running (status.active %1)"),
                           active)};
    return {Status::Progressing, Text(QT_TRANSLATE_NOOP("gitops::Text", "Job is running"))};
}

// batch/v1 CronJobStatus holds no conditions: `active` lists the Jobs running now,
// `lastScheduleTime` is when the last Job was started and `lastSuccessfulTime` when a Job
// last completed. A schedule time after the last success (or no success at all) means
// the last run failed, once no Job is running any more.
Health cronJob(const QJsonObject &live)
{
    if (member(live, L("spec")).value(L("suspend")).toBool())
        return {Status::Suspended, Text(QT_TRANSLATE_NOOP("gitops::Text", "CronJob is suspended"))};
    const QJsonObject status = member(live, L("status"));
    const QJsonArray active = status.value(L("active")).toArray();
    if (!active.isEmpty()) {
        const QString name = active.first().toObject().value(L("name")).toString();
        return {Status::Progressing,
                name.isEmpty()
                    ? Text(QT_TRANSLATE_NOOP("gitops::Text", "A Job is running"))
                    : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "Job %1 is running"), name)};
    }
    const QString scheduled = status.value(L("lastScheduleTime")).toString();
    if (scheduled.isEmpty())
        return healthy();
    const QString succeeded = status.value(L("lastSuccessfulTime")).toString();
    if (succeeded.isEmpty())
        return {Status::Degraded,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "The run scheduled at %1 did not succeed; no run "
                                                 "has succeeded yet"),
                               scheduled)};
    const QDateTime scheduledAt = QDateTime::fromString(scheduled, Qt::ISODate);
    const QDateTime succeededAt = QDateTime::fromString(succeeded, Qt::ISODate);
    // Both are RFC 3339 in UTC as the API server writes them; compare the text if either
    // does not parse.
    const bool failedSince = scheduledAt.isValid() && succeededAt.isValid()
        ? scheduledAt > succeededAt
        : scheduled > succeeded;
    if (failedSince)
        return {Status::Degraded,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "The run scheduled at %1 did not succeed; the "
                                                 "last success was at %2"),
                               scheduled, succeeded)};
    return healthy();
}

Health withAddress(const QJsonObject &live, const Text &waiting)
{
    const QJsonArray ingress =
        member(member(live, L("status")), L("loadBalancer")).value(L("ingress")).toArray();
    if (ingress.isEmpty())
        return {Status::Progressing,
                Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "%1 (status.loadBalancer.ingress is empty)"),
                    waiting)};
    return healthy();
}

Health persistentVolumeClaim(const QJsonObject &live)
{
    const QString phase = member(live, L("status")).value(L("phase")).toString();
    if (phase == L("Bound"))
        return healthy();
    if (phase == L("Lost"))
        return {Status::Degraded,
                Text(QT_TRANSLATE_NOOP("gitops::Text",
                                       "The claim lost its volume (status.phase Lost)"))};
    if (phase == L("Pending"))
        return {
            Status::Progressing,
            Text(QT_TRANSLATE_NOOP("gitops::Text", "Waiting for a volume (status.phase Pending)"))};
    return {Status::Unknown, phaseText(phase)};
}

// HorizontalPodAutoscaler: AbleToScale or ScalingLimited True is Healthy; failing to get the
// scale or the metrics, or an invalid selector, is Degraded; anything else is waiting.
// Argo CD stops at the first condition that decides and the controller lists AbleToScale
// first, so Argo CD calls an autoscaler that can scale but cannot read its metrics Healthy;
// we look for a failure in every condition first and call it Degraded.
Health autoscalerConditions(const QJsonArray &conditions, const Text &none)
{
    if (conditions.isEmpty())
        return {Status::Progressing,
                Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "Waiting for the autoscaler to observe (%1)"),
                    none)};
    static const QList<std::pair<QLatin1String, QLatin1String>> failures = {
        {L("AbleToScale"), L("FailedGetScale")},
        {L("AbleToScale"), L("FailedUpdateScale")},
        {L("ScalingActive"), L("FailedGetResourceMetric")},
        {L("ScalingActive"), L("InvalidSelector")}};
    for (const QJsonValue &value : conditions) {
        const QJsonObject c = value.toObject();
        for (const auto &[type, reason] : failures) {
            if (c.value(L("type")).toString() == type && c.value(L("reason")).toString() == reason)
                return {Status::Degraded, describe(c)};
        }
    }
    for (const QJsonValue &value : conditions) {
        const QJsonObject c = value.toObject();
        const QString type = c.value(L("type")).toString();
        if ((type == L("AbleToScale") || type == L("ScalingLimited")) && isTrue(c))
            return healthy(c.value(L("message")).toString());
    }
    return {Status::Progressing,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                             "Waiting to autoscale: no AbleToScale=True or "
                                             "ScalingLimited=True condition (%1)"),
                           describeAll(conditions))};
}

Health autoscaler(const QJsonObject &live)
{
    // autoscaling/v1 has no conditions in its schema: the controller keeps them, as JSON,
    // in an annotation.
    if (live.value(L("apiVersion")).toString() == L("autoscaling/v1")) {
        static const QLatin1String key("autoscaling.alpha.kubernetes.io/conditions");
        const QJsonValue annotation =
            member(member(live, L("metadata")), L("annotations")).value(key);
        if (annotation.isUndefined())
            return autoscalerConditions(
                {}, Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "no %1 annotation"), key));
        QJsonParseError error;
        const QJsonDocument parsed =
            QJsonDocument::fromJson(annotation.toString().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !parsed.isArray())
            return {Status::Unknown,
                    Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                     "The %1 annotation is not a JSON list: %2"),
                                   key,
                                   error.error != QJsonParseError::NoError
                                       ? Text::verbatim(error.errorString())
                                       : Text(QT_TRANSLATE_NOOP("gitops::Text", "not a list")))};
        return autoscalerConditions(
            parsed.array(),
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "the %1 annotation is empty"), key));
    }
    return autoscalerConditions(
        member(live, L("status")).value(L("conditions")).toArray(),
        Text(QT_TRANSLATE_NOOP("gitops::Text", "no status.conditions yet")));
}

Health apiService(const QJsonObject &live)
{
    const QJsonObject available = condition(member(live, L("status")), L("Available"));
    if (available.isEmpty())
        return {Status::Progressing,
                Text(QT_TRANSLATE_NOOP("gitops::Text",
                                       "Waiting to be processed (no Available condition yet)"))};
    if (isTrue(available))
        return healthy(available.value(L("message")).toString());
    // Argo CD: an aggregated API that is not available (yet) is on its way, not failed.
    return {Status::Progressing, describe(available)};
}

// policy/PodDisruptionBudget, as the rule Argo CD ships: a False condition is Degraded,
// except InsufficientPods (fewer pods than minAvailable can be on purpose, as when an app
// is scaled down).
Health podDisruptionBudget(const QJsonObject &live)
{
    const QJsonArray conditions = member(live, L("status")).value(L("conditions")).toArray();
    if (conditions.isEmpty())
        return {
            Status::Progressing,
            Text(QT_TRANSLATE_NOOP("gitops::Text", "Waiting for status (no status.conditions)"))};
    for (const QJsonValue &value : conditions) {
        const QJsonObject c = value.toObject();
        if (statusOf(c) == L("False") && c.value(L("reason")).toString() != L("InsufficientPods"))
            return {Status::Degraded, describe(c)};
    }
    const QJsonObject last = conditions.last().toObject();
    return healthy(statusOf(last) == L("False") ? describe(last) : QString());
}

Health argoApplication(const QJsonObject &live)
{
    const QJsonObject health = member(member(live, L("status")), L("health"));
    const QString name = health.value(L("status")).toString();
    const QString message = health.value(L("message")).toString();
    if (name.isEmpty())
        return {Status::Progressing,
                Text(QT_TRANSLATE_NOOP(
                    "gitops::Text",
                    "Waiting for Argo CD to judge the Application (no status.health)"))};
    if (const std::optional<Status> status = Health::statusNamed(name))
        return {*status,
                *status == Status::Healthy || !message.isEmpty()
                    ? message
                    : QStringLiteral("status.health.status %1").arg(name)};
    return {
        Status::Unknown,
        Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "status.health.status %1 is not a health"),
                       name)};
}

Health argoWorkflow(const QJsonObject &live)
{
    const QJsonObject status = member(live, L("status"));
    const QString phase = status.value(L("phase")).toString();
    const QString message = status.value(L("message")).toString();
    const Text decided = message.isEmpty() ? phaseText(phase) : Text::verbatim(message);
    if (phase.isEmpty() || phase == L("Pending") || phase == L("Running"))
        return {Status::Progressing, decided};
    if (phase == L("Succeeded"))
        return healthy(message);
    if (phase == L("Failed") || phase == L("Error"))
        return {Status::Degraded, decided};
    return {Status::Unknown, decided};
}

// Flux objects, as the rules Argo CD ships for them: Ready=True (with Released=True for a
// HelmRelease, ArtifactInStorage=True for a GitRepository) is Healthy, Ready=Unknown while
// Reconciling=True is Progressing, anything else is Degraded.
Health fluxObject(const QJsonObject &live, const QString &kind)
{
    if (member(live, L("spec")).value(L("suspend")).toBool())
        return {Status::Suspended,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 is suspended (spec.suspend)"),
                               kind)};
    const QJsonArray conditions = member(live, L("status")).value(L("conditions")).toArray();
    if (conditions.isEmpty())
        return {Status::Progressing,
                Text(QT_TRANSLATE_NOOP("gitops::Text",
                                       "Waiting for reconciliation (no status.conditions yet)"))};
    const QJsonObject ready = condition(conditions, L("Ready"));
    const Text readyText = ready.isEmpty()
        ? Text(QT_TRANSLATE_NOOP("gitops::Text", "no Ready condition"))
        : Text::verbatim(describe(ready));
    if (statusOf(ready) == L("Unknown") && isTrue(condition(conditions, L("Reconciling"))))
        return {Status::Progressing, readyText};
    if (isTrue(ready)) {
        // Argo CD counts Ready, Released and TestSuccess together and wants exactly two, which
        // calls a release whose tests passed Degraded; any one of Released or TestSuccess
        // will do here.
        if (kind == L("HelmRelease") && !isTrue(condition(conditions, L("Released")))
            && !isTrue(condition(conditions, L("TestSuccess"))))
            return {Status::Degraded,
                    Text::sentence(
                        QT_TRANSLATE_NOOP("gitops::Text", "%1, but no Released=True condition"),
                        readyText)};
        if (kind == L("GitRepository") && !isTrue(condition(conditions, L("ArtifactInStorage"))))
            return {Status::Degraded,
                    Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                     "%1, but no ArtifactInStorage=True condition"),
                                   readyText)};
        return healthy(ready.value(L("message")).toString());
    }
    const QJsonObject outdated = condition(conditions, L("ArtifactOutdated"));
    if (isTrue(outdated))
        return {Status::Degraded, joined({readyText, Text::verbatim(describe(outdated))})};
    return {Status::Degraded, readyText};
}

// The API groups Kubernetes itself serves; anything else is a custom resource.
bool builtInGroup(const QString &group)
{
    static const QStringList groups = {QString(),
                                       QStringLiteral("apps"),
                                       QStringLiteral("batch"),
                                       QStringLiteral("autoscaling"),
                                       QStringLiteral("policy"),
                                       QStringLiteral("extensions"),
                                       QStringLiteral("networking.k8s.io"),
                                       QStringLiteral("rbac.authorization.k8s.io"),
                                       QStringLiteral("storage.k8s.io"),
                                       QStringLiteral("apiextensions.k8s.io"),
                                       QStringLiteral("apiregistration.k8s.io"),
                                       QStringLiteral("admissionregistration.k8s.io"),
                                       QStringLiteral("scheduling.k8s.io"),
                                       QStringLiteral("coordination.k8s.io"),
                                       QStringLiteral("node.k8s.io"),
                                       QStringLiteral("discovery.k8s.io"),
                                       QStringLiteral("certificates.k8s.io"),
                                       QStringLiteral("events.k8s.io"),
                                       QStringLiteral("flowcontrol.apiserver.k8s.io"),
                                       QStringLiteral("internal.apiserver.k8s.io"),
                                       QStringLiteral("resource.k8s.io"),
                                       QStringLiteral("storagemigration.k8s.io"),
                                       QStringLiteral("authentication.k8s.io"),
                                       QStringLiteral("authorization.k8s.io")};
    return groups.contains(group);
}

// kstatus' conventions, which Flux and many operators follow: a generation not yet
// observed or Reconciling=True is Progressing, Stalled=True is Degraded (whichever the
// list names first), then Ready decides. An object without them has no rule: Healthy once
// it exists, and a custom resource says so.
Health generic(const QJsonObject &live, const QString &group, const QString &kind)
{
    const QJsonObject status = member(live, L("status"));
    if (status.contains(L("observedGeneration"))
        && member(live, L("metadata")).contains(L("generation"))
        && integer(status, L("observedGeneration")) != generationOf(live))
        return waitingForGeneration(live, status);
    const QJsonArray conditions = status.value(L("conditions")).toArray();
    for (const QJsonValue &value : conditions) {
        const QJsonObject c = value.toObject();
        const QString type = c.value(L("type")).toString();
        if (type == L("Reconciling") && isTrue(c))
            return {Status::Progressing, describe(c)};
        if (type == L("Stalled") && isTrue(c))
            return {Status::Degraded, describe(c)};
    }
    const QJsonObject ready = condition(conditions, L("Ready"));
    if (isTrue(ready))
        return healthy(ready.value(L("message")).toString());
    if (statusOf(ready) == L("False"))
        return {Status::Degraded, describe(ready)};
    if (!ready.isEmpty())
        return {Status::Progressing, describe(ready)};
    if (builtInGroup(group))
        return healthy();
    const QString what = QStringLiteral("%1.%2").arg(kind, group);
    return healthy(conditions.isEmpty()
                       ? Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                          "No health rule for %1 and no "
                                                          "status.conditions: healthy once it "
                                                          "exists"),
                                        what)
                       : Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                          "No health rule for %1 and no Ready, "
                                                          "Reconciling or Stalled condition: "
                                                          "healthy once it exists"),
                                        what));
}

// An object the API server is deleting (finalizers still hold it) is on its way out. Argo
// CD's hook finalizer is its own and does not count.
std::optional<Health> deletion(const QJsonObject &live)
{
    const QJsonObject metadata = member(live, L("metadata"));
    const QString since = metadata.value(L("deletionTimestamp")).toString();
    if (since.isEmpty())
        return std::nullopt;
    QStringList finalizers;
    for (const QJsonValue &value : metadata.value(L("finalizers")).toArray())
        finalizers.append(value.toString());
    if (finalizers.contains(QStringLiteral("argocd.argoproj.io/hook-finalizer")))
        return std::nullopt;
    if (finalizers.isEmpty())
        return Health{Status::Progressing,
                      Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                       "Pending deletion "
                                                       "(metadata.deletionTimestamp %1)"),
                                     since)};
    return Health{Status::Progressing,
                  Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                   "Pending deletion (metadata.deletionTimestamp "
                                                   "%1); waiting for finalizers: %2"),
                                 since, finalizers.join(QLatin1String(", ")))};
}

} // namespace

QList<HealthFact> HealthFact::of(const QJsonObject &live)
{
    QList<HealthFact> facts;
    const QJsonObject status = member(live, L("status"));
    for (const QJsonValue &value : status.value(L("conditions")).toArray()) {
        const QJsonObject condition = value.toObject();
        HealthFact fact;
        fact.name = condition.value(L("type")).toString();
        fact.status = condition.value(L("status")).toString();
        fact.reason = condition.value(L("reason")).toString();
        fact.message = condition.value(L("message")).toString();
        facts.append(fact);
    }
    for (const QLatin1String field : {L("initContainerStatuses"), L("containerStatuses")}) {
        for (const QJsonValue &value : status.value(field).toArray()) {
            const QJsonObject container = value.toObject();
            const QJsonObject state = member(container, L("state"));
            HealthFact fact;
            fact.name = container.value(L("name")).toString();
            fact.restarts = container.value(L("restartCount")).toInt();
            if (state.contains(L("waiting"))) {
                const QJsonObject waiting = member(state, L("waiting"));
                fact.kind = Kind::ContainerWaiting;
                fact.reason = waiting.value(L("reason")).toString();
                fact.message = waiting.value(L("message")).toString();
            } else if (state.contains(L("terminated"))) {
                const QJsonObject terminated = member(state, L("terminated"));
                fact.kind = Kind::ContainerTerminated;
                fact.reason = terminated.value(L("reason")).toString();
                fact.message = terminated.value(L("message")).toString();
                fact.exitCode = terminated.value(L("exitCode")).toInt();
            } else {
                fact.kind = Kind::ContainerRunning;
            }
            facts.append(fact);
        }
    }
    return facts;
}

Health Health::of(const QJsonObject &live)
{
    Health health = verdictOf(live);
    health.facts = HealthFact::of(live);
    return health;
}

Health Health::verdictOf(const QJsonObject &live)
{
    if (live.isEmpty())
        return {Status::Missing, Text(QT_TRANSLATE_NOOP("gitops::Text", "not in the cluster"))};
    if (std::optional<Health> deleting = deletion(live))
        return *deleting;
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
            if (member(live, L("spec")).value(L("type")).toString() == L("LoadBalancer"))
                return withAddress(live,
                                   Text(QT_TRANSLATE_NOOP("gitops::Text",
                                                          "Waiting for a "
                                                          "load balancer "
                                                          "address")));
            return healthy();
        }
    }
    if (group == L("batch")) {
        if (kind == L("Job"))
            return job(live);
        if (kind == L("CronJob"))
            return cronJob(live);
    }
    if ((group == L("networking.k8s.io") || group == L("extensions")) && kind == L("Ingress"))
        return withAddress(live, Text(QT_TRANSLATE_NOOP("gitops::Text", "Waiting for an address")));
    if (group == L("autoscaling") && kind == L("HorizontalPodAutoscaler"))
        return autoscaler(live);
    if (group == L("apiregistration.k8s.io") && kind == L("APIService"))
        return apiService(live);
    if (group == L("policy") && kind == L("PodDisruptionBudget"))
        return podDisruptionBudget(live);
    if (group == L("argoproj.io")) {
        if (kind == L("Application"))
            return argoApplication(live);
        if (kind == L("Workflow"))
            return argoWorkflow(live);
    }
    if (group.endsWith(L(".toolkit.fluxcd.io")))
        return fluxObject(live, kind);
    return generic(live, group, kind);
}

Health Health::worse(const Health &a, const Health &b)
{
    Health worst = int(b.status) > int(a.status) ? b : a;
    worst.facts.clear();
    return worst;
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

std::optional<Health::Status> Health::statusNamed(const QString &name)
{
    for (Status status : {Status::Healthy, Status::Suspended, Status::Progressing, Status::Missing,
                          Status::Degraded, Status::Unknown}) {
        if (Health::name(status) == name)
            return status;
    }
    return std::nullopt;
}

} // namespace gitops::drift
