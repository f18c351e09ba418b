#pragma once

#include <QObject>
#include <QTimer>

namespace kubeemu {

class ApiServer;

/// Simulated controllers (--controllers): a moment after a change, Deployments get a
/// ReplicaSet and Pods (with ownerReferences) and a status; StatefulSets and DaemonSets get
/// a status; HorizontalPodAutoscalers set their target's replicas through the scale
/// subresource. An image tagged `broken` never becomes ready and ends with
/// Progressing=False, ProgressDeadlineExceeded. Writes as kube-controller-manager, as the
/// real controllers do, and records the Events they record: ScalingReplicaSet on the
/// Deployment (deployment-controller), SuccessfulCreate and SuccessfulDelete on the
/// ReplicaSet (replicaset-controller). Lives on the server's thread.
class SimulatedControllers : public QObject
{
    Q_OBJECT

public:
    explicit SimulatedControllers(ApiServer *server, int delayMs = 300);

private:
    void reconcile();
    void reconcileDeployments();
    void reconcileSets(const QString &kind);
    void reconcileAutoscalers();

    ApiServer *m_server;
    QTimer m_timer;
};

} // namespace kubeemu
