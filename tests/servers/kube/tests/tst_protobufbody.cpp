// The protobuf decoder of the local API server, fed bodies built with the same generated
// classes from the official .proto files (kubectl's own writes are in tst_kubectl).
#include "protobufbody.h"

#include <k8s.io/api/apps/v1/generated.pb.h>
#include <k8s.io/api/core/v1/generated.pb.h>
#include <k8s.io/apimachinery/pkg/runtime/generated.pb.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace core = k8s::io::api::core::v1;
namespace apps = k8s::io::api::apps::v1;

class tst_ProtobufBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantitiesAndIntOrString();
    void timesKeepTheirPrecision();
    void bytesBecomeBase64();
    void rawExtensionIsEmbeddedJson();
    void onlyWhatWasSet();
    void zerosAsTheGoTypesDeclareThem();
    void errorsNameTheProblem();

private:
    static QByteArray envelope(const char *apiVersion, const char *kind,
                               const google::protobuf::Message &object);
    static QJsonObject decode(const QByteArray &body);
};

QByteArray tst_ProtobufBody::envelope(const char *apiVersion, const char *kind,
                                      const google::protobuf::Message &object)
{
    k8s::io::apimachinery::pkg::runtime::Unknown unknown;
    unknown.mutable_typemeta()->set_apiversion(apiVersion);
    unknown.mutable_typemeta()->set_kind(kind);
    unknown.set_raw(object.SerializeAsString());
    const std::string bytes = unknown.SerializeAsString();
    return QByteArray("k8s\0", 4) + QByteArray(bytes.data(), qsizetype(bytes.size()));
}

QJsonObject tst_ProtobufBody::decode(const QByteArray &body)
{
    QString error;
    const std::optional<QJsonObject> object = kubeemu::decodeProtobufObject(body, &error);
    if (!object)
        qWarning("decode failed: %s", qPrintable(error));
    return object.value_or(QJsonObject{});
}

void tst_ProtobufBody::quantitiesAndIntOrString()
{
    core::Pod pod;
    pod.mutable_metadata()->set_name("api");
    core::Container *container = pod.mutable_spec()->add_containers();
    container->set_name("api");
    (*container->mutable_resources()->mutable_limits())["cpu"].set_string("500m");
    (*container->mutable_resources()->mutable_requests())["memory"].set_string("1Gi");
    auto *probePort =
        container->mutable_livenessprobe()->mutable_handler()->mutable_httpget()->mutable_port();
    probePort->set_type(1);
    probePort->set_strval("http");
    auto *readyPort =
        container->mutable_readinessprobe()->mutable_handler()->mutable_tcpsocket()->mutable_port();
    readyPort->set_type(0);
    readyPort->set_intval(8080);
    // Embedded Go structs (json:",inline") are merged into their parent.
    core::EnvVar *env = container->add_env();
    env->set_name("PASSWORD");
    auto *key = env->mutable_valuefrom()->mutable_secretkeyref();
    key->mutable_localobjectreference()->set_name("db");
    key->set_key("password");
    core::Volume *volume = pod.mutable_spec()->add_volumes();
    volume->set_name("config");
    volume->mutable_volumesource()->mutable_configmap()->mutable_localobjectreference()->set_name(
        "settings");

    const QJsonObject object = decode(envelope("v1", "Pod", pod));
    QCOMPARE(object[u"apiVersion"].toString(), QStringLiteral("v1"));
    QCOMPARE(object[u"kind"].toString(), QStringLiteral("Pod"));
    const QJsonObject decoded = object[u"spec"][u"containers"][0].toObject();
    QCOMPARE(decoded[u"resources"].toObject(),
             (QJsonObject{{QStringLiteral("limits"),
                           QJsonObject{{QStringLiteral("cpu"), QStringLiteral("500m")}}},
                          {QStringLiteral("requests"),
                           QJsonObject{{QStringLiteral("memory"), QStringLiteral("1Gi")}}}}));
    QCOMPARE(decoded[u"livenessProbe"][u"httpGet"][u"port"].toString(), QStringLiteral("http"));
    QVERIFY(decoded[u"readinessProbe"][u"tcpSocket"][u"port"].isDouble());
    QCOMPARE(decoded[u"env"][0][u"valueFrom"][u"secretKeyRef"].toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("db")},
                          {QStringLiteral("key"), QStringLiteral("password")}}));
    QCOMPARE(object[u"spec"][u"volumes"][0].toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("config")},
                          {QStringLiteral("configMap"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("settings")}}}}));
    QCOMPARE(decoded[u"readinessProbe"][u"tcpSocket"][u"port"].toInt(), 8080);
}

void tst_ProtobufBody::timesKeepTheirPrecision()
{
    core::Event event;
    event.mutable_metadata()->set_name("api.1");
    // 2025-03-04T05:06:07.123456789Z
    event.mutable_firsttimestamp()->set_seconds(1741064767);
    event.mutable_firsttimestamp()->set_nanos(123456789);
    event.mutable_eventtime()->set_seconds(1741064767);
    event.mutable_eventtime()->set_nanos(123456789);
    // A zero Go time.Time is marshalled as an empty message, and as null in JSON.
    event.mutable_lasttimestamp();

    const QJsonObject object = decode(envelope("v1", "Event", event));
    QCOMPARE(object[u"firstTimestamp"].toString(), QStringLiteral("2025-03-04T05:06:07Z"));
    QCOMPARE(object[u"eventTime"].toString(), QStringLiteral("2025-03-04T05:06:07.123456Z"));
    QVERIFY(object.contains(u"lastTimestamp"));
    QVERIFY(object[u"lastTimestamp"].isNull());
}

void tst_ProtobufBody::bytesBecomeBase64()
{
    core::Secret secret;
    secret.mutable_metadata()->set_name("tls");
    const std::string binary("\0\xff\xfe key", 7);
    (*secret.mutable_data())["tls.key"] = binary;
    (*secret.mutable_stringdata())["note"] = "plain";

    const QJsonObject object = decode(envelope("v1", "Secret", secret));
    QCOMPARE(object[u"data"][u"tls.key"].toString(),
             QString::fromLatin1(QByteArray(binary.data(), 7).toBase64()));
    QCOMPARE(object[u"stringData"][u"note"].toString(), QStringLiteral("plain"));
}

void tst_ProtobufBody::rawExtensionIsEmbeddedJson()
{
    apps::ControllerRevision revision;
    revision.mutable_metadata()->set_name("web-1");
    revision.mutable_data()->set_raw(R"({"spec":{"template":{"x":[1,"two"]}}})");
    revision.set_revision(1);

    const QJsonObject object = decode(envelope("apps/v1", "ControllerRevision", revision));
    QCOMPARE(object[u"apiVersion"].toString(), QStringLiteral("apps/v1"));
    QCOMPARE(object[u"revision"].toInt(), 1);
    QCOMPARE(object[u"data"][u"spec"][u"template"][u"x"].toArray(),
             (QJsonArray{1, QStringLiteral("two")}));
}

void tst_ProtobufBody::onlyWhatWasSet()
{
    // Go's generated code writes every non-pointer field; encoding/json then omits the empty
    // ones, and so must the emulator. Pointer fields keep a zero the user chose.
    apps::Deployment deployment;
    deployment.mutable_metadata()->set_name("web");
    deployment.mutable_metadata()->set_namespace_("");
    deployment.mutable_metadata()->set_generation(0);
    deployment.mutable_spec()->set_replicas(0);
    deployment.mutable_spec()->set_minreadyseconds(0);
    deployment.mutable_spec()->mutable_template_()->mutable_spec()->set_hostnetwork(false);

    const QJsonObject object = decode(envelope("apps/v1", "Deployment", deployment));
    QCOMPARE(object[u"metadata"].toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("web")}}));
    const QJsonObject spec = object[u"spec"].toObject();
    QVERIFY(spec.contains(u"replicas"));
    QCOMPARE(spec[u"replicas"].toInt(-1), 0);
    QVERIFY(!spec.contains(u"minReadySeconds"));
    QVERIFY(!spec.contains(u"selector"));
    QCOMPARE(spec[u"template"][u"spec"].toObject(), QJsonObject{});
}

void tst_ProtobufBody::zerosAsTheGoTypesDeclareThem()
{
    // As kubectl's Go code sends a Deployment: every non-pointer field written, zero or not
    // (the whole status), and the pointers the user set.
    apps::Deployment deployment;
    deployment.mutable_metadata()->set_name("web");
    deployment.mutable_status()->set_replicas(0);
    deployment.mutable_status()->set_observedgeneration(0);
    core::PodSpec *pod = deployment.mutable_spec()->mutable_template_()->mutable_spec();
    pod->set_enableservicelinks(false);
    core::Volume *volume = pod->add_volumes();
    volume->set_name("settings");
    core::ConfigMapVolumeSource *configMap = volume->mutable_volumesource()->mutable_configmap();
    configMap->mutable_localobjectreference()->set_name("settings");
    configMap->set_defaultmode(0);
    configMap->set_optional(false);
    core::ContainerPort *port = pod->add_containers()->add_ports();
    port->set_containerport(0);
    port->set_hostport(0);

    const QJsonObject object = decode(envelope("apps/v1", "Deployment", deployment));
    // DeploymentStatus's fields are omitempty scalars: a new object's status is empty, as a
    // real server stores it.
    QCOMPARE(object[u"status"].toObject(), QJsonObject{});
    const QJsonObject spec = object[u"spec"][u"template"][u"spec"].toObject();
    // Pointers: the user's false and 0 stay.
    QCOMPARE(spec[u"enableServiceLinks"], QJsonValue(false));
    QCOMPARE(spec[u"volumes"][0][u"configMap"].toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("settings")},
                          {QStringLiteral("defaultMode"), 0},
                          {QStringLiteral("optional"), false}}));
    // containerPort has no omitempty (Go always writes it); hostPort has.
    QCOMPARE(spec[u"containers"][0][u"ports"][0].toObject(),
             (QJsonObject{{QStringLiteral("containerPort"), 0}}));
}

void tst_ProtobufBody::errorsNameTheProblem()
{
    QString error;
    QVERIFY(!kubeemu::decodeProtobufObject("{\"kind\":\"Pod\"}", &error));
    QVERIFY2(error.contains(QStringLiteral("magic")), qPrintable(error));

    error.clear();
    QVERIFY(!kubeemu::decodeProtobufObject(QByteArray("k8s\0\xff\xff\xff", 7), &error));
    QVERIFY2(error.contains(QStringLiteral("runtime.Unknown")), qPrintable(error));

    error.clear();
    core::ConfigMap map;
    QVERIFY(!kubeemu::decodeProtobufObject(envelope("argoproj.io/v1alpha1", "Application", map),
                                           &error));
    QCOMPARE(error,
             QStringLiteral("the emulator cannot decode argoproj.io/v1alpha1 Application "
                            "from protobuf; send it as JSON"));

    error.clear();
    core::Pod pod;
    pod.mutable_metadata()->set_name("x");
    QByteArray body = envelope("v1", "ConfigMap", pod);
    body.chop(1);
    QVERIFY(!kubeemu::decodeProtobufObject(body, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ProtobufBody)
#include "tst_protobufbody.moc"
