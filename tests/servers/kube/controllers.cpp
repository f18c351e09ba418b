#include "controllers.h"

#include "apiserver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace kubeemu {

namespace {

const QString manager = QStringLiteral("kube-controller-manager");

QJsonObject field(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

QJsonObject condition(const QString &type, bool status, const QString &reason,
                      const QString &message, const QString &time)
{
    return {{QStringLiteral("type"), type},
            {QStringLiteral("status"), status ? QStringLiteral("True") : QStringLiteral("False")},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("message"), message},
            {QStringLiteral("lastUpdateTime"), time},
            {QStringLiteral("lastTransitionTime"), time}};
}

QJsonObject ownerReference(const QJsonObject &owner)
{
    const QJsonObject metadata = field(owner, "metadata");
    return {{QStringLiteral("apiVersion"), owner.value(u"apiVersion")},
            {QStringLiteral("kind"), owner.value(u"kind")},
            {QStringLiteral("name"), metadata.value(u"name")},
            {QStringLiteral("uid"), metadata.value(u"uid")},
            {QStringLiteral("controller"), true},
            {QStringLiteral("blockOwnerDeletion"), true}};
}

// The Event a controller's recorder creates about @p involved (core v1, as client-go's
// legacy recorder writes it: named after the object and the time in nanoseconds, source and
// reportingComponent the controller, count 1).
QJsonObject eventAbout(const QJsonObject &involved, const QString &component, const QString &reason,
                       const QString &message)
{
    const QJsonObject metadata = field(involved, "metadata");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString time = now.toString(Qt::ISODate);
    const qint64 nanos = now.toMSecsSinceEpoch() * 1000000;
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("Event")},
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("name"),
                          QStringLiteral("%1.%2").arg(metadata.value(u"name").toString(),
                                                      QString::number(nanos, 16))},
                         {QStringLiteral("namespace"), metadata.value(u"namespace")}}},
            {QStringLiteral("involvedObject"),
             QJsonObject{{QStringLiteral("apiVersion"), involved.value(u"apiVersion")},
                         {QStringLiteral("kind"), involved.value(u"kind")},
                         {QStringLiteral("name"), metadata.value(u"name")},
                         {QStringLiteral("namespace"), metadata.value(u"namespace")},
                         {QStringLiteral("uid"), metadata.value(u"uid")},
                         {QStringLiteral("resourceVersion"), metadata.value(u"resourceVersion")}}},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("message"), message},
            {QStringLiteral("source"), QJsonObject{{QStringLiteral("component"), component}}},
            {QStringLiteral("firstTimestamp"), time},
            {QStringLiteral("lastTimestamp"), time},
            {QStringLiteral("count"), 1},
            {QStringLiteral("type"), QStringLiteral("Normal")},
            {QStringLiteral("eventTime"), QJsonValue::Null},
            {QStringLiteral("reportingComponent"), component},
            {QStringLiteral("reportingInstance"), QString()}};
}

const QString deploymentController = QStringLiteral("deployment-controller");
const QString replicaSetController = QStringLiteral("replicaset-controller");

} // namespace

SimulatedControllers::SimulatedControllers(ApiServer *server, int delayMs)
    : QObject(server)
    , m_server(server)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(delayMs);
    connect(&m_timer, &QTimer::timeout, this, &SimulatedControllers::reconcile);
    connect(server, &ApiServer::objectWritten, this, [this](const QString &storageKey) {
        if (storageKey.startsWith(u"apps/")
            || storageKey == u"autoscaling/horizontalpodautoscalers")
            m_timer.start();
    });
    m_timer.start();
}

void SimulatedControllers::reconcile()
{
    reconcileAutoscalers();
    reconcileDeployments();
    reconcileSets(QStringLiteral("StatefulSet"));
    reconcileSets(QStringLiteral("DaemonSet"));
}

void SimulatedControllers::reconcileDeployments()
{
    const auto deploymentType = m_server->registry().byKind(
        QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("Deployment"));
    const auto replicaSetType = m_server->registry().byKind(
        QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("ReplicaSet"));
    const auto podType =
        m_server->registry().byKind(QString(), QStringLiteral("v1"), QStringLiteral("Pod"));
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);

    QList<QJsonObject> deployments;
    for (const StoredObject *stored :
         m_server->store().list(deploymentType->storageKey(), QString()))
        deployments << stored->object;
    for (const QJsonObject &deployment : std::as_const(deployments)) {
        const QJsonObject metadata = field(deployment, "metadata");
        const QJsonObject spec = field(deployment, "spec");
        const QString ns = metadata.value(u"namespace").toString();
        const QString name = metadata.value(u"name").toString();
        const qint64 generation = metadata.value(u"generation").toInteger();
        if (field(deployment, "status").value(u"observedGeneration").toInteger() == generation)
            continue;
        const int replicas = spec.value(u"replicas").toInt(1);
        QJsonObject podTemplate = field(spec, "template");
        const bool broken = [&] {
            for (const QJsonValue &c : field(podTemplate, "spec").value(u"containers").toArray()) {
                if (c.toObject().value(u"image").toString().endsWith(u":broken"))
                    return true;
            }
            return false;
        }();
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(QJsonDocument(podTemplate).toJson(QJsonDocument::Compact),
                                     QCryptographicHash::Sha256)
                .toHex()
                .left(10));

        // The current ReplicaSet, and older ones scaled to zero.
        QJsonObject templateMetadata = field(podTemplate, "metadata");
        QJsonObject labels = field(templateMetadata, "labels");
        labels.insert(QStringLiteral("pod-template-hash"), hash);
        templateMetadata.insert(QStringLiteral("labels"), labels);
        podTemplate.insert(QStringLiteral("metadata"), templateMetadata);
        QJsonObject selector = field(spec, "selector");
        QJsonObject matchLabels = field(selector, "matchLabels");
        matchLabels.insert(QStringLiteral("pod-template-hash"), hash);
        selector.insert(QStringLiteral("matchLabels"), matchLabels);
        const QString replicaSetName = name + u'-' + hash;
        for (const StoredObject *stored :
             m_server->store().list(replicaSetType->storageKey(), ns)) {
            const QJsonObject rsMetadata = field(stored->object, "metadata");
            const QJsonArray owners = rsMetadata.value(u"ownerReferences").toArray();
            if (owners.isEmpty() || owners.at(0).toObject().value(u"uid") != metadata.value(u"uid"))
                continue;
            const QString rsName = rsMetadata.value(u"name").toString();
            const int had = field(stored->object, "spec").value(u"replicas").toInt();
            if (rsName != replicaSetName && had != 0
                && std::holds_alternative<QJsonObject>(
                    m_server->scale(*replicaSetType, ns, rsName, 0, manager)))
                m_server->recordEvent(eventAbout(
                    deployment, deploymentController, QStringLiteral("ScalingReplicaSet"),
                    QStringLiteral("Scaled down replica set %1 from %2 to 0")
                        .arg(rsName)
                        .arg(had)));
        }
        const StoredObject *current =
            m_server->store().get(replicaSetType->storageKey(), ns, replicaSetName);
        const int before = current ? field(current->object, "spec").value(u"replicas").toInt() : 0;
        const QJsonObject replicaSet{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")},
                                     {QStringLiteral("kind"), QStringLiteral("ReplicaSet")},
                                     {QStringLiteral("metadata"),
                                      QJsonObject{{QStringLiteral("name"), replicaSetName},
                                                  {QStringLiteral("namespace"), ns},
                                                  {QStringLiteral("labels"), labels},
                                                  {QStringLiteral("ownerReferences"),
                                                   QJsonArray{ownerReference(deployment)}}}},
                                     {QStringLiteral("spec"),
                                      QJsonObject{{QStringLiteral("replicas"), replicas},
                                                  {QStringLiteral("selector"), selector},
                                                  {QStringLiteral("template"), podTemplate}}}};
        const auto appliedSet = m_server->apply(replicaSet, manager, true);
        if (!std::holds_alternative<QJsonObject>(appliedSet))
            continue;
        const QJsonObject storedSet = std::get<QJsonObject>(appliedSet);
        if (before != replicas)
            m_server->recordEvent(eventAbout(
                deployment, deploymentController, QStringLiteral("ScalingReplicaSet"),
                QStringLiteral("Scaled %1 replica set %2 from %3 to %4")
                    .arg(replicas > before ? QStringLiteral("up") : QStringLiteral("down"),
                         replicaSetName)
                    .arg(before)
                    .arg(replicas)));
        const int ready = broken ? 0 : replicas;
        QJsonObject setStatus{{QStringLiteral("observedGeneration"),
                               field(storedSet, "metadata").value(u"generation")},
                              {QStringLiteral("replicas"), replicas},
                              {QStringLiteral("fullyLabeledReplicas"), replicas},
                              {QStringLiteral("availableReplicas"), ready},
                              {QStringLiteral("readyReplicas"), ready}};
        if (ready == 0) {
            setStatus.remove(QStringLiteral("availableReplicas"));
            setStatus.remove(QStringLiteral("readyReplicas"));
        }
        m_server->updateStatus(*replicaSetType, ns, replicaSetName, setStatus, manager);

        // Pods of the current ReplicaSet: as many as wanted, ready unless the image is broken.
        QStringList pods;
        for (const StoredObject *stored : m_server->store().list(podType->storageKey(), ns)) {
            const QJsonArray owners =
                field(stored->object, "metadata").value(u"ownerReferences").toArray();
            if (!owners.isEmpty()
                && owners.at(0).toObject().value(u"uid")
                    == field(storedSet, "metadata").value(u"uid"))
                pods << field(stored->object, "metadata").value(u"name").toString();
        }
        for (qsizetype i = replicas; i < pods.size(); ++i) {
            if (std::holds_alternative<QJsonObject>(
                    m_server->deleteObject(*podType, ns, pods.at(i))))
                m_server->recordEvent(
                    eventAbout(storedSet, replicaSetController, QStringLiteral("SuccessfulDelete"),
                               QStringLiteral("Deleted pod: %1").arg(pods.at(i))));
        }
        for (qsizetype i = pods.size(); i < replicas; ++i) {
            QJsonObject podMetadata = templateMetadata;
            podMetadata.insert(QStringLiteral("name"),
                               QString(replicaSetName + u'-' + QString::number(i)));
            podMetadata.insert(QStringLiteral("namespace"), ns);
            podMetadata.insert(QStringLiteral("ownerReferences"),
                               QJsonArray{ownerReference(storedSet)});
            const QJsonObject pod{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                  {QStringLiteral("kind"), QStringLiteral("Pod")},
                                  {QStringLiteral("metadata"), podMetadata},
                                  {QStringLiteral("spec"), field(podTemplate, "spec")}};
            const auto created = m_server->apply(pod, manager, true);
            if (!std::holds_alternative<QJsonObject>(created))
                continue;
            m_server->recordEvent(eventAbout(
                storedSet, replicaSetController, QStringLiteral("SuccessfulCreate"),
                QStringLiteral("Created pod: %1").arg(podMetadata.value(u"name").toString())));
            QJsonArray containerStatuses;
            for (const QJsonValue &c : field(podTemplate, "spec").value(u"containers").toArray()) {
                const QJsonObject container = c.toObject();
                const QJsonObject state = broken
                    ? QJsonObject{{QStringLiteral("waiting"),
                                   QJsonObject{{QStringLiteral("reason"),
                                                QStringLiteral("ImagePullBackOff")},
                                               {QStringLiteral("message"),
                                                QStringLiteral("Back-off pulling image \"%1\"")
                                                    .arg(container.value(u"image").toString())}}}}
                    : QJsonObject{{QStringLiteral("running"),
                                   QJsonObject{{QStringLiteral("startedAt"), time}}}};
                containerStatuses.append(
                    QJsonObject{{QStringLiteral("name"), container.value(u"name")},
                                {QStringLiteral("image"), container.value(u"image")},
                                {QStringLiteral("ready"), !broken},
                                {QStringLiteral("restartCount"), 0},
                                {QStringLiteral("state"), state}});
            }
            const QJsonObject podStatus{
                {QStringLiteral("phase"),
                 broken ? QStringLiteral("Pending") : QStringLiteral("Running")},
                {QStringLiteral("conditions"),
                 QJsonArray{condition(QStringLiteral("Ready"), !broken,
                                      broken ? QStringLiteral("ContainersNotReady") : QString(),
                                      QString(), time)}},
                {QStringLiteral("containerStatuses"), containerStatuses}};
            m_server->updateStatus(*podType, ns, podMetadata.value(u"name").toString(), podStatus,
                                   manager);
        }

        QJsonObject status{
            {QStringLiteral("observedGeneration"), generation},
            {QStringLiteral("replicas"), replicas},
            {QStringLiteral("updatedReplicas"), replicas},
            {QStringLiteral("readyReplicas"), ready},
            {QStringLiteral("availableReplicas"), ready},
            {QStringLiteral("conditions"),
             QJsonArray{
                 condition(QStringLiteral("Available"), !broken,
                           broken ? QStringLiteral("MinimumReplicasUnavailable")
                                  : QStringLiteral("MinimumReplicasAvailable"),
                           broken ? QStringLiteral("Deployment does not have minimum availability.")
                                  : QStringLiteral("Deployment has minimum availability."),
                           time),
                 condition(QStringLiteral("Progressing"), !broken,
                           broken ? QStringLiteral("ProgressDeadlineExceeded")
                                  : QStringLiteral("NewReplicaSetAvailable"),
                           broken ? QStringLiteral("ReplicaSet \"%1\" has timed out progressing.")
                                        .arg(replicaSetName)
                                  : QStringLiteral("ReplicaSet \"%1\" has successfully progressed.")
                                        .arg(replicaSetName),
                           time)}}};
        if (broken)
            status.insert(QStringLiteral("unavailableReplicas"), replicas);
        if (ready == 0)
            status.remove(QStringLiteral("readyReplicas"));
        m_server->updateStatus(*deploymentType, ns, name, status, manager);
    }
}

void SimulatedControllers::reconcileSets(const QString &kind)
{
    const auto type =
        m_server->registry().byKind(QStringLiteral("apps"), QStringLiteral("v1"), kind);
    QList<QJsonObject> objects;
    for (const StoredObject *stored : m_server->store().list(type->storageKey(), QString()))
        objects << stored->object;
    for (const QJsonObject &object : std::as_const(objects)) {
        const QJsonObject metadata = field(object, "metadata");
        const qint64 generation = metadata.value(u"generation").toInteger();
        if (field(object, "status").value(u"observedGeneration").toInteger() == generation)
            continue;
        bool broken = false;
        for (const QJsonValue &c :
             field(field(field(object, "spec"), "template"), "spec").value(u"containers").toArray())
            broken = broken || c.toObject().value(u"image").toString().endsWith(u":broken");
        QJsonObject status{{QStringLiteral("observedGeneration"), generation}};
        if (kind == u"DaemonSet") {
            status.insert(QStringLiteral("desiredNumberScheduled"), 1);
            status.insert(QStringLiteral("currentNumberScheduled"), 1);
            status.insert(QStringLiteral("updatedNumberScheduled"), 1);
            status.insert(QStringLiteral("numberReady"), broken ? 0 : 1);
            status.insert(QStringLiteral("numberAvailable"), broken ? 0 : 1);
            status.insert(QStringLiteral("numberMisscheduled"), 0);
            if (broken)
                status.insert(QStringLiteral("numberUnavailable"), 1);
        } else {
            const int replicas = field(object, "spec").value(u"replicas").toInt(1);
            status.insert(QStringLiteral("replicas"), replicas);
            status.insert(QStringLiteral("updatedReplicas"), replicas);
            status.insert(QStringLiteral("currentReplicas"), replicas);
            status.insert(QStringLiteral("availableReplicas"), broken ? 0 : replicas);
            if (!broken)
                status.insert(QStringLiteral("readyReplicas"), replicas);
        }
        m_server->updateStatus(*type, metadata.value(u"namespace").toString(),
                               metadata.value(u"name").toString(), status, manager);
    }
}

void SimulatedControllers::reconcileAutoscalers()
{
    const auto hpaType =
        m_server->registry().byKind(QStringLiteral("autoscaling"), QStringLiteral("v2"),
                                    QStringLiteral("HorizontalPodAutoscaler"));
    QList<QJsonObject> autoscalers;
    for (const StoredObject *stored : m_server->store().list(hpaType->storageKey(), QString()))
        autoscalers << stored->object;
    for (const QJsonObject &hpa : std::as_const(autoscalers)) {
        const QJsonObject metadata = field(hpa, "metadata");
        const QString ns = metadata.value(u"namespace").toString();
        const QJsonObject spec = field(hpa, "spec");
        const QJsonObject target = field(spec, "scaleTargetRef");
        const QString apiVersion = target.value(u"apiVersion").toString(QStringLiteral("apps/v1"));
        const auto targetType = m_server->registry().byKind(apiVersion.section(u'/', 0, 0),
                                                            apiVersion.section(u'/', 1, 1),
                                                            target.value(u"kind").toString());
        if (!targetType)
            continue;
        const StoredObject *workload =
            m_server->store().get(targetType->storageKey(), ns, target.value(u"name").toString());
        if (!workload)
            continue;
        // With no metrics to read, the autoscaler holds its target at the minimum.
        const int desired = spec.value(u"minReplicas").toInt(1);
        const int current = field(workload->object, "spec").value(u"replicas").toInt(1);
        if (current != desired)
            m_server->scale(*targetType, ns, target.value(u"name").toString(), desired, manager);
        const QJsonObject status{{QStringLiteral("currentReplicas"), current},
                                 {QStringLiteral("desiredReplicas"), desired}};
        if (field(hpa, "status") != status)
            m_server->updateStatus(*hpaType, ns, metadata.value(u"name").toString(), status,
                                   manager);
    }
}

} // namespace kubeemu
