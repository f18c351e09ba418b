#pragma once

#include "typeref.h"

#include <QJsonObject>

namespace kubeemu {

/// Fills in the defaults the real API server writes on every create and update (the
/// SetDefaults_* functions of k8s.io/kubernetes pkg/apis/*/v1 plus the create-time fields its
/// strategies add), in place: workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
/// CronJob), Pods and every pod template (pod spec, containers, probes, volumes, canonical
/// resource quantities), Service (not the allocated clusterIP(s) and nodePorts, which the
/// server assigns), Secret (type; stringData folded into base64 data), Namespace (name label,
/// kubernetes finalizer), PersistentVolumeClaim, NetworkPolicy (policyTypes, port protocol),
/// RoleBinding subjects, autoscaling/v2 HorizontalPodAutoscaler (minReplicas, the CPU 80%
/// metric, a given behavior completed), CustomResourceDefinition (names.singular/listKind,
/// conversion strategy None).
/// For a Job the server sets metadata.uid first: the generated selector and labels use it.
/// Idempotent: defaulting a defaulted object changes nothing. Unknown kinds are left alone.
void applyDefaults(const TypeRef &type, QJsonObject &object);

} // namespace kubeemu
