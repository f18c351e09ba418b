#include "defaults.h"

#include "quantity.h"

#include <QJsonArray>

namespace kubeemu {

namespace {

using Key = QLatin1String;

// Sets object[key] = value when the key is absent (or null, which the API treats as unset).
void setDefault(QJsonObject &object, QLatin1String key, const QJsonValue &value)
{
    if (!object.contains(key) || object.value(key).isNull())
        object.insert(key, value);
}

// Applies `edit` to the object at object[key], creating it when `create` is set.
template<typename Edit>
void editObject(QJsonObject &object, QLatin1String key, Edit edit, bool create = false)
{
    if (!object.value(key).isObject() && !create)
        return;
    QJsonObject child = object.value(key).toObject();
    edit(child);
    object.insert(key, child);
}

// Applies `edit` to every object element of the array at object[key].
template<typename Edit>
void editEach(QJsonObject &object, QLatin1String key, Edit edit)
{
    if (!object.value(key).isArray())
        return;
    QJsonArray array = object.value(key).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            continue;
        QJsonObject element = array.at(i).toObject();
        edit(element);
        array.replace(i, element);
    }
    object.insert(key, array);
}

void defaultFieldRef(QJsonObject &fieldRef)
{
    setDefault(fieldRef, Key("apiVersion"), QStringLiteral("v1"));
}

void defaultHttpGet(QJsonObject &action)
{
    setDefault(action, Key("path"), QStringLiteral("/"));
    setDefault(action, Key("scheme"), QStringLiteral("HTTP"));
}

void defaultProbe(QJsonObject &probe)
{
    setDefault(probe, Key("timeoutSeconds"), 1);
    setDefault(probe, Key("periodSeconds"), 10);
    setDefault(probe, Key("successThreshold"), 1);
    setDefault(probe, Key("failureThreshold"), 3);
    editObject(probe, Key("httpGet"), defaultHttpGet);
}

void defaultResources(QJsonObject &resources)
{
    for (QLatin1String key : {Key("limits"), Key("requests")})
        editObject(resources, key, canonicalizeQuantityMap);
}

// Always for a `:latest` or untagged image, else IfNotPresent; a digest pins the image.
QString pullPolicyFor(const QString &image)
{
    if (image.contains(QLatin1Char('@')))
        return QStringLiteral("IfNotPresent");
    const qsizetype slash = image.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = image.lastIndexOf(QLatin1Char(':'));
    if (colon <= slash)
        return QStringLiteral("Always");
    return image.mid(colon + 1) == QLatin1String("latest") ? QStringLiteral("Always")
                                                           : QStringLiteral("IfNotPresent");
}

void defaultContainer(QJsonObject &container, bool hostNetwork)
{
    if (container.contains(Key("image")))
        setDefault(container, Key("imagePullPolicy"),
                   pullPolicyFor(container.value(Key("image")).toString()));
    setDefault(container, Key("terminationMessagePath"), QStringLiteral("/dev/termination-log"));
    setDefault(container, Key("terminationMessagePolicy"), QStringLiteral("File"));
    // ResourceRequirements is a struct, not a pointer: the server always writes it.
    setDefault(container, Key("resources"), QJsonObject());
    editObject(container, Key("resources"), defaultResources);
    editEach(container, Key("ports"), [hostNetwork](QJsonObject &port) {
        setDefault(port, Key("protocol"), QStringLiteral("TCP"));
        if (hostNetwork && port.contains(Key("containerPort")))
            setDefault(port, Key("hostPort"), port.value(Key("containerPort")));
    });
    for (QLatin1String probe : {Key("livenessProbe"), Key("readinessProbe"), Key("startupProbe")})
        editObject(container, probe, defaultProbe);
    editObject(container, Key("lifecycle"), [](QJsonObject &lifecycle) {
        for (QLatin1String hook : {Key("postStart"), Key("preStop")})
            editObject(lifecycle, hook, [](QJsonObject &handler) {
                editObject(handler, Key("httpGet"), defaultHttpGet);
            });
    });
    editEach(container, Key("env"), [](QJsonObject &env) {
        editObject(env, Key("valueFrom"), [](QJsonObject &from) {
            editObject(from, Key("fieldRef"), defaultFieldRef);
            editObject(from, Key("resourceFieldRef"), [](QJsonObject &ref) {
                if (ref.value(Key("divisor")).isString())
                    ref.insert(Key("divisor"),
                               canonicalQuantity(ref.value(Key("divisor")).toString()));
            });
        });
    });
}

void defaultDownwardItems(QJsonObject &source)
{
    editEach(source, Key("items"),
             [](QJsonObject &item) { editObject(item, Key("fieldRef"), defaultFieldRef); });
}

void defaultVolume(QJsonObject &volume)
{
    static const QList<QLatin1String> sources = {Key("hostPath"),
                                                 Key("emptyDir"),
                                                 Key("gcePersistentDisk"),
                                                 Key("awsElasticBlockStore"),
                                                 Key("gitRepo"),
                                                 Key("secret"),
                                                 Key("nfs"),
                                                 Key("iscsi"),
                                                 Key("glusterfs"),
                                                 Key("persistentVolumeClaim"),
                                                 Key("rbd"),
                                                 Key("flexVolume"),
                                                 Key("cinder"),
                                                 Key("cephfs"),
                                                 Key("flocker"),
                                                 Key("downwardAPI"),
                                                 Key("fc"),
                                                 Key("azureFile"),
                                                 Key("configMap"),
                                                 Key("vsphereVolume"),
                                                 Key("quobyte"),
                                                 Key("azureDisk"),
                                                 Key("photonPersistentDisk"),
                                                 Key("projected"),
                                                 Key("portworxVolume"),
                                                 Key("scaleIO"),
                                                 Key("storageos"),
                                                 Key("csi"),
                                                 Key("ephemeral"),
                                                 Key("image")};
    bool hasSource = false;
    for (QLatin1String source : sources)
        hasSource = hasSource || volume.contains(source);
    if (!hasSource)
        volume.insert(Key("emptyDir"), QJsonObject());
    editObject(volume, Key("secret"),
               [](QJsonObject &s) { setDefault(s, Key("defaultMode"), 420); });
    editObject(volume, Key("configMap"),
               [](QJsonObject &s) { setDefault(s, Key("defaultMode"), 420); });
    editObject(volume, Key("downwardAPI"), [](QJsonObject &s) {
        setDefault(s, Key("defaultMode"), 420);
        defaultDownwardItems(s);
    });
    editObject(volume, Key("projected"), [](QJsonObject &s) {
        setDefault(s, Key("defaultMode"), 420);
        editEach(s, Key("sources"), [](QJsonObject &projection) {
            editObject(projection, Key("downwardAPI"), defaultDownwardItems);
            editObject(projection, Key("serviceAccountToken"), [](QJsonObject &token) {
                setDefault(token, Key("expirationSeconds"), 3600);
            });
        });
    });
    editObject(volume, Key("hostPath"),
               [](QJsonObject &s) { setDefault(s, Key("type"), QString()); });
    editObject(volume, Key("emptyDir"), [](QJsonObject &s) {
        if (s.value(Key("sizeLimit")).isString())
            s.insert(Key("sizeLimit"), canonicalQuantity(s.value(Key("sizeLimit")).toString()));
    });
    editObject(volume, Key("iscsi"), [](QJsonObject &s) {
        setDefault(s, Key("iscsiInterface"), QStringLiteral("default"));
    });
}

void defaultPodSpec(QJsonObject &spec)
{
    setDefault(spec, Key("dnsPolicy"), QStringLiteral("ClusterFirst"));
    setDefault(spec, Key("restartPolicy"), QStringLiteral("Always"));
    setDefault(spec, Key("securityContext"), QJsonObject());
    setDefault(spec, Key("terminationGracePeriodSeconds"), 30);
    setDefault(spec, Key("schedulerName"), QStringLiteral("default-scheduler"));
    // DeprecatedServiceAccount mirrors serviceAccountName (and the other way round).
    if (spec.contains(Key("serviceAccountName")))
        setDefault(spec, Key("serviceAccount"), spec.value(Key("serviceAccountName")));
    else if (spec.contains(Key("serviceAccount")))
        setDefault(spec, Key("serviceAccountName"), spec.value(Key("serviceAccount")));
    const bool hostNetwork = spec.value(Key("hostNetwork")).toBool();
    auto container = [hostNetwork](QJsonObject &c) { defaultContainer(c, hostNetwork); };
    editEach(spec, Key("containers"), container);
    editEach(spec, Key("initContainers"), container);
    editEach(spec, Key("ephemeralContainers"), container);
    editEach(spec, Key("volumes"), defaultVolume);
    editObject(spec, Key("overhead"), canonicalizeQuantityMap);
}

void defaultPodTemplate(QJsonObject &owner, QLatin1String key = Key("template"))
{
    editObject(owner, key, [](QJsonObject &tmpl) {
        // ObjectMeta.creationTimestamp is a struct: the real server writes null in templates.
        editObject(
            tmpl, Key("metadata"),
            [](QJsonObject &m) { setDefault(m, Key("creationTimestamp"), QJsonValue::Null); },
            true);
        editObject(tmpl, Key("spec"), defaultPodSpec, true);
    });
}

void defaultSpecReplicas(QJsonObject &spec)
{
    setDefault(spec, Key("replicas"), 1);
}

void defaultPvcSpecAndStatus(QJsonObject &claim)
{
    editObject(claim, Key("spec"), [](QJsonObject &spec) {
        setDefault(spec, Key("volumeMode"), QStringLiteral("Filesystem"));
        editObject(spec, Key("resources"), defaultResources);
    });
    editObject(
        claim, Key("status"),
        [](QJsonObject &s) { setDefault(s, Key("phase"), QStringLiteral("Pending")); }, true);
}

void defaultDeployment(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            defaultSpecReplicas(spec);
            editObject(
                spec, Key("strategy"),
                [](QJsonObject &strategy) {
                    setDefault(strategy, Key("type"), QStringLiteral("RollingUpdate"));
                    if (strategy.value(Key("type")).toString() == QLatin1String("RollingUpdate"))
                        editObject(
                            strategy, Key("rollingUpdate"),
                            [](QJsonObject &r) {
                                setDefault(r, Key("maxUnavailable"), QStringLiteral("25%"));
                                setDefault(r, Key("maxSurge"), QStringLiteral("25%"));
                            },
                            true);
                },
                true);
            setDefault(spec, Key("revisionHistoryLimit"), 10);
            setDefault(spec, Key("progressDeadlineSeconds"), 600);
            defaultPodTemplate(spec);
        },
        true);
}

void defaultStatefulSet(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            defaultSpecReplicas(spec);
            setDefault(spec, Key("podManagementPolicy"), QStringLiteral("OrderedReady"));
            editObject(
                spec, Key("updateStrategy"),
                [](QJsonObject &strategy) {
                    setDefault(strategy, Key("type"), QStringLiteral("RollingUpdate"));
                    if (strategy.value(Key("type")).toString() == QLatin1String("RollingUpdate"))
                        editObject(
                            strategy, Key("rollingUpdate"),
                            [](QJsonObject &r) { setDefault(r, Key("partition"), 0); }, true);
                },
                true);
            setDefault(spec, Key("revisionHistoryLimit"), 10);
            editObject(
                spec, Key("persistentVolumeClaimRetentionPolicy"),
                [](QJsonObject &policy) {
                    setDefault(policy, Key("whenDeleted"), QStringLiteral("Retain"));
                    setDefault(policy, Key("whenScaled"), QStringLiteral("Retain"));
                },
                true);
            editEach(spec, Key("volumeClaimTemplates"), [](QJsonObject &claim) {
                // The apps conversion writes the embedded claims' TypeMeta.
                setDefault(claim, Key("apiVersion"), QStringLiteral("v1"));
                setDefault(claim, Key("kind"), QStringLiteral("PersistentVolumeClaim"));
                editObject(
                    claim, Key("metadata"),
                    [](QJsonObject &m) {
                        setDefault(m, Key("creationTimestamp"), QJsonValue::Null);
                    },
                    true);
                defaultPvcSpecAndStatus(claim);
            });
            defaultPodTemplate(spec);
        },
        true);
}

void defaultDaemonSet(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            editObject(
                spec, Key("updateStrategy"),
                [](QJsonObject &strategy) {
                    setDefault(strategy, Key("type"), QStringLiteral("RollingUpdate"));
                    if (strategy.value(Key("type")).toString() == QLatin1String("RollingUpdate"))
                        editObject(
                            strategy, Key("rollingUpdate"),
                            [](QJsonObject &r) {
                                setDefault(r, Key("maxUnavailable"), 1);
                                setDefault(r, Key("maxSurge"), 0);
                            },
                            true);
                },
                true);
            setDefault(spec, Key("revisionHistoryLimit"), 10);
            defaultPodTemplate(spec);
        },
        true);
}

void defaultJob(QJsonObject &object)
{
    const QString uid = object.value(Key("metadata")).toObject().value(Key("uid")).toString();
    const QString name = object.value(Key("metadata")).toObject().value(Key("name")).toString();
    QJsonObject metadata = object.value(Key("metadata")).toObject();
    QJsonObject spec = object.value(Key("spec")).toObject();

    auto templateLabels = [&spec]() {
        return spec.value(Key("template"))
            .toObject()
            .value(Key("metadata"))
            .toObject()
            .value(Key("labels"))
            .toObject();
    };
    // SetDefaults_Job copies the template's labels to an unlabelled Job.
    auto copyLabels = [&]() {
        if (metadata.value(Key("labels")).toObject().isEmpty() && !templateLabels().isEmpty())
            metadata.insert(Key("labels"), templateLabels());
    };
    copyLabels();

    if (!spec.contains(Key("completions")) && !spec.contains(Key("parallelism"))) {
        spec.insert(Key("completions"), 1);
        spec.insert(Key("parallelism"), 1);
    }
    setDefault(spec, Key("parallelism"), 1);
    setDefault(spec, Key("backoffLimit"),
               spec.contains(Key("backoffLimitPerIndex")) ? 2147483647 : 6);
    setDefault(spec, Key("completionMode"), QStringLiteral("NonIndexed"));
    setDefault(spec, Key("suspend"), false);
    // JobPodReplacementPolicy (beta, on): Failed when a pod failure policy is set.
    setDefault(spec, Key("podReplacementPolicy"),
               spec.contains(Key("podFailurePolicy")) ? QStringLiteral("Failed")
                                                      : QStringLiteral("TerminatingOrFailed"));

    // The job strategy generates a selector on the Job's uid unless manualSelector is set.
    if (!uid.isEmpty() && !spec.value(Key("manualSelector")).toBool()) {
        if (!spec.contains(Key("selector")))
            spec.insert(
                Key("selector"),
                QJsonObject{{Key("matchLabels"),
                             QJsonObject{{Key("batch.kubernetes.io/controller-uid"), uid}}}});
        editObject(
            spec, Key("template"),
            [&](QJsonObject &tmpl) {
                editObject(
                    tmpl, Key("metadata"),
                    [&](QJsonObject &m) {
                        editObject(
                            m, Key("labels"),
                            [&](QJsonObject &labels) {
                                setDefault(labels, Key("batch.kubernetes.io/controller-uid"), uid);
                                setDefault(labels, Key("batch.kubernetes.io/job-name"), name);
                                setDefault(labels, Key("controller-uid"), uid);
                                setDefault(labels, Key("job-name"), name);
                            },
                            true);
                    },
                    true);
            },
            true);
    }
    // An unlabelled Job read back from storage shows the generated labels.
    copyLabels();
    defaultPodTemplate(spec);
    object.insert(Key("metadata"), metadata);
    object.insert(Key("spec"), spec);
}

void defaultCronJob(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            setDefault(spec, Key("concurrencyPolicy"), QStringLiteral("Allow"));
            setDefault(spec, Key("suspend"), false);
            setDefault(spec, Key("successfulJobsHistoryLimit"), 3);
            setDefault(spec, Key("failedJobsHistoryLimit"), 1);
            editObject(
                spec, Key("jobTemplate"),
                [](QJsonObject &jobTemplate) {
                    editObject(
                        jobTemplate, Key("metadata"),
                        [](QJsonObject &m) {
                            setDefault(m, Key("creationTimestamp"), QJsonValue::Null);
                        },
                        true);
                    editObject(
                        jobTemplate, Key("spec"),
                        [](QJsonObject &jobSpec) { defaultPodTemplate(jobSpec); }, true);
                },
                true);
        },
        true);
}

void defaultPod(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            defaultPodSpec(spec);
            setDefault(spec, Key("enableServiceLinks"), true);
            // SetDefaults_Pod: a limit without a request makes the request equal to the limit.
            auto requestsFromLimits = [](QJsonObject &container) {
                editObject(container, Key("resources"), [](QJsonObject &resources) {
                    const QJsonObject limits = resources.value(Key("limits")).toObject();
                    if (limits.isEmpty())
                        return;
                    QJsonObject requests = resources.value(Key("requests")).toObject();
                    for (auto it = limits.begin(); it != limits.end(); ++it)
                        if (!requests.contains(it.key()))
                            requests.insert(it.key(), it.value());
                    resources.insert(Key("requests"), requests);
                });
            };
            editEach(spec, Key("containers"), requestsFromLimits);
            editEach(spec, Key("initContainers"), requestsFromLimits);
        },
        true);
}

void defaultService(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            setDefault(spec, Key("type"), QStringLiteral("ClusterIP"));
            setDefault(spec, Key("sessionAffinity"), QStringLiteral("None"));
            const QString type = spec.value(Key("type")).toString();
            if (spec.value(Key("sessionAffinity")).toString() == QLatin1String("ClientIP"))
                editObject(
                    spec, Key("sessionAffinityConfig"),
                    [](QJsonObject &config) {
                        editObject(
                            config, Key("clientIP"),
                            [](QJsonObject &c) { setDefault(c, Key("timeoutSeconds"), 10800); },
                            true);
                    },
                    true);
            editEach(spec, Key("ports"), [type](QJsonObject &port) {
                setDefault(port, Key("protocol"), QStringLiteral("TCP"));
                setDefault(port, Key("targetPort"), port.value(Key("port")));
            });
            if (type != QLatin1String("ExternalName")) {
                setDefault(spec, Key("internalTrafficPolicy"), QStringLiteral("Cluster"));
                setDefault(spec, Key("ipFamilies"), QJsonArray{QStringLiteral("IPv4")});
                setDefault(spec, Key("ipFamilyPolicy"), QStringLiteral("SingleStack"));
            }
            if (type == QLatin1String("NodePort") || type == QLatin1String("LoadBalancer"))
                setDefault(spec, Key("externalTrafficPolicy"), QStringLiteral("Cluster"));
            if (type == QLatin1String("LoadBalancer"))
                setDefault(spec, Key("allocateLoadBalancerNodePorts"), true);
        },
        true);
    // Services always carry a status (loadBalancer: {}).
    editObject(
        object, Key("status"),
        [](QJsonObject &s) { setDefault(s, Key("loadBalancer"), QJsonObject()); }, true);
}

void defaultSecret(QJsonObject &object)
{
    setDefault(object, Key("type"), QStringLiteral("Opaque"));
    if (object.contains(Key("stringData"))) {
        QJsonObject data = object.value(Key("data")).toObject();
        const QJsonObject stringData = object.value(Key("stringData")).toObject();
        for (auto it = stringData.begin(); it != stringData.end(); ++it)
            data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
        object.insert(Key("data"), data);
        object.remove(Key("stringData"));
    }
}

void defaultNamespace(QJsonObject &object)
{
    editObject(
        object, Key("metadata"),
        [](QJsonObject &metadata) {
            const QString name = metadata.value(Key("name")).toString();
            if (name.isEmpty())
                return;
            editObject(
                metadata, Key("labels"),
                [&name](QJsonObject &labels) {
                    labels.insert(Key("kubernetes.io/metadata.name"), name);
                },
                true);
        },
        true);
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            setDefault(spec, Key("finalizers"), QJsonArray{QStringLiteral("kubernetes")});
        },
        true);
    editObject(
        object, Key("status"),
        [](QJsonObject &s) { setDefault(s, Key("phase"), QStringLiteral("Active")); }, true);
}

void defaultNetworkPolicy(QJsonObject &object)
{
    editObject(object, Key("spec"), [](QJsonObject &spec) {
        auto ports = [](QJsonObject &rule) {
            editEach(rule, Key("ports"), [](QJsonObject &port) {
                setDefault(port, Key("protocol"), QStringLiteral("TCP"));
            });
        };
        editEach(spec, Key("ingress"), ports);
        editEach(spec, Key("egress"), ports);
        if (spec.contains(Key("policyTypes")))
            return;
        QJsonArray types{QStringLiteral("Ingress")};
        if (!spec.value(Key("egress")).toArray().isEmpty())
            types.append(QStringLiteral("Egress"));
        spec.insert(Key("policyTypes"), types);
    });
}

// GenerateHPAScaleUpRules / GenerateHPAScaleDownRules: fill what a given rule set leaves out.
void defaultScalingRules(QJsonObject &rules, int window, const QJsonArray &policies)
{
    setDefault(rules, Key("stabilizationWindowSeconds"), window);
    setDefault(rules, Key("selectPolicy"), QStringLiteral("Max"));
    setDefault(rules, Key("policies"), policies);
}

void defaultHorizontalPodAutoscaler(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            setDefault(spec, Key("minReplicas"), 1);
            if (spec.value(Key("metrics")).toArray().isEmpty())
                spec.insert(
                    Key("metrics"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("type"), QStringLiteral("Resource")},
                        {QStringLiteral("resource"),
                         QJsonObject{
                             {QStringLiteral("name"), QStringLiteral("cpu")},
                             {QStringLiteral("target"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("Utilization")},
                                          {QStringLiteral("averageUtilization"), 80}}}}}}});
            // Metric targets hold quantities.
            editEach(spec, Key("metrics"), [](QJsonObject &metric) {
                for (QLatin1String source : {Key("resource"), Key("pods"), Key("object"),
                                             Key("external"), Key("containerResource")})
                    editObject(metric, source, [](QJsonObject &s) {
                        editObject(s, Key("target"), [](QJsonObject &target) {
                            for (QLatin1String q : {Key("value"), Key("averageValue")})
                                if (target.value(q).isString())
                                    target.insert(q, canonicalQuantity(target.value(q).toString()));
                        });
                    });
            });
            // Behavior is only completed when given.
            editObject(spec, Key("behavior"), [](QJsonObject &behavior) {
                auto policy = [](const char *kind, int value) {
                    return QJsonObject{{QStringLiteral("type"), QString::fromLatin1(kind)},
                                       {QStringLiteral("value"), value},
                                       {QStringLiteral("periodSeconds"), 15}};
                };
                editObject(
                    behavior, Key("scaleUp"),
                    [&](QJsonObject &up) {
                        defaultScalingRules(up, 0,
                                            QJsonArray{policy("Pods", 4), policy("Percent", 100)});
                    },
                    true);
                editObject(
                    behavior, Key("scaleDown"),
                    [&](QJsonObject &down) {
                        defaultScalingRules(down, 300, QJsonArray{policy("Percent", 100)});
                    },
                    true);
            });
        },
        true);
}

void defaultCustomResourceDefinition(QJsonObject &object)
{
    editObject(
        object, Key("spec"),
        [](QJsonObject &spec) {
            editObject(spec, Key("names"), [](QJsonObject &names) {
                const QString kind = names.value(Key("kind")).toString();
                if (kind.isEmpty())
                    return;
                setDefault(names, Key("singular"), kind.toLower());
                setDefault(names, Key("listKind"), QString(kind + QStringLiteral("List")));
            });
            editObject(
                spec, Key("conversion"),
                [](QJsonObject &c) { setDefault(c, Key("strategy"), QStringLiteral("None")); },
                true);
        },
        true);
}

void defaultRbacSubjects(QJsonObject &object)
{
    editEach(object, Key("subjects"), [](QJsonObject &subject) {
        const QString kind = subject.value(Key("kind")).toString();
        if (kind == QLatin1String("ServiceAccount"))
            setDefault(subject, Key("apiGroup"), QString());
        else if (kind == QLatin1String("User") || kind == QLatin1String("Group"))
            setDefault(subject, Key("apiGroup"), QStringLiteral("rbac.authorization.k8s.io"));
    });
}

} // namespace

void applyDefaults(const TypeRef &type, QJsonObject &object)
{
    const QString &kind = type.kind;
    if (type.group.isEmpty()) {
        if (kind == QLatin1String("Pod"))
            defaultPod(object);
        else if (kind == QLatin1String("PodTemplate"))
            defaultPodTemplate(object);
        else if (kind == QLatin1String("ReplicationController"))
            editObject(
                object, Key("spec"),
                [](QJsonObject &spec) {
                    defaultSpecReplicas(spec);
                    defaultPodTemplate(spec);
                },
                true);
        else if (kind == QLatin1String("Service"))
            defaultService(object);
        else if (kind == QLatin1String("Secret"))
            defaultSecret(object);
        else if (kind == QLatin1String("Namespace"))
            defaultNamespace(object);
        else if (kind == QLatin1String("PersistentVolumeClaim"))
            defaultPvcSpecAndStatus(object);
    } else if (type.group == QLatin1String("apps")) {
        if (kind == QLatin1String("Deployment"))
            defaultDeployment(object);
        else if (kind == QLatin1String("StatefulSet"))
            defaultStatefulSet(object);
        else if (kind == QLatin1String("DaemonSet"))
            defaultDaemonSet(object);
        else if (kind == QLatin1String("ReplicaSet"))
            editObject(
                object, Key("spec"),
                [](QJsonObject &spec) {
                    defaultSpecReplicas(spec);
                    defaultPodTemplate(spec);
                },
                true);
    } else if (type.group == QLatin1String("batch")) {
        if (kind == QLatin1String("Job"))
            defaultJob(object);
        else if (kind == QLatin1String("CronJob"))
            defaultCronJob(object);
    } else if (type.group == QLatin1String("networking.k8s.io")) {
        if (kind == QLatin1String("NetworkPolicy"))
            defaultNetworkPolicy(object);
    } else if (type.group == QLatin1String("autoscaling") && type.version == QLatin1String("v2")) {
        if (kind == QLatin1String("HorizontalPodAutoscaler"))
            defaultHorizontalPodAutoscaler(object);
    } else if (type.group == QLatin1String("apiextensions.k8s.io")) {
        if (kind == QLatin1String("CustomResourceDefinition"))
            defaultCustomResourceDefinition(object);
    } else if (type.group == QLatin1String("rbac.authorization.k8s.io")) {
        if (kind == QLatin1String("RoleBinding") || kind == QLatin1String("ClusterRoleBinding"))
            defaultRbacSubjects(object);
    }
}

} // namespace kubeemu
