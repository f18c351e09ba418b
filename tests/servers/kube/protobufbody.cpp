#include "protobufbody.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>

#include <k8s.io/api/apps/v1/generated.pb.h>
#include <k8s.io/api/autoscaling/v2/generated.pb.h>
#include <k8s.io/api/batch/v1/generated.pb.h>
#include <k8s.io/api/core/v1/generated.pb.h>
#include <k8s.io/api/networking/v1/generated.pb.h>
#include <k8s.io/api/rbac/v1/generated.pb.h>
#include <k8s.io/apimachinery/pkg/runtime/generated.pb.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>

#include <memory>
#include <string>
#include <unordered_set>

namespace kubeemu {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char magic[] = {'k', '8', 's', '\0'};

// The descriptors of every compiled group, named once so that the linker keeps their
// generated files (a static library drops objects nothing refers to) and their
// registration in the generated pool runs.
const std::initializer_list<const Descriptor *> &compiledGroups()
{
    static const std::initializer_list<const Descriptor *> groups{
        k8s::io::api::core::v1::Pod::descriptor(),
        k8s::io::api::apps::v1::Deployment::descriptor(),
        k8s::io::api::batch::v1::Job::descriptor(),
        k8s::io::api::networking::v1::Ingress::descriptor(),
        k8s::io::api::rbac::v1::Role::descriptor(),
        k8s::io::api::autoscaling::v2::HorizontalPodAutoscaler::descriptor(),
    };
    return groups;
}

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QByteArray bytesOf(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

// Go's time.Duration.String(), which metav1.Duration marshals to JSON: "1h2m3.5s", "0s".
QString goDuration(qint64 nanoseconds)
{
    if (nanoseconds == 0)
        return QStringLiteral("0s");
    const bool negative = nanoseconds < 0;
    quint64 n = negative ? quint64(-nanoseconds) : quint64(nanoseconds);
    QString text;
    if (n < 1000000000ULL) {
        // Below a second Go picks ns, µs or ms.
        if (n < 1000)
            text = QString::number(n) + QStringLiteral("ns");
        else if (n < 1000000)
            text = QString::number(double(n) / 1e3, 'g', 15) + QStringLiteral("µs");
        else
            text = QString::number(double(n) / 1e6, 'g', 15) + QStringLiteral("ms");
    } else {
        const quint64 hours = n / 3600000000000ULL;
        n %= 3600000000000ULL;
        const quint64 minutes = n / 60000000000ULL;
        n %= 60000000000ULL;
        const QString seconds = QString::number(double(n) / 1e9, 'g', 15) + u's';
        if (hours > 0)
            text = QString::number(hours) + u'h' + QString::number(minutes) + u'm' + seconds;
        else if (minutes > 0)
            text = QString::number(minutes) + u'm' + seconds;
        else
            text = seconds;
    }
    return negative ? QString(u'-' + text) : text;
}

QJsonValue messageToJson(const Message &message, QString *error);

// Go marshals a metav1.Time or MicroTime that is zero as null.
QJsonValue timeToJson(const Message &message, bool micro)
{
    const Descriptor *descriptor = message.GetDescriptor();
    const Reflection *reflection = message.GetReflection();
    const qint64 seconds = reflection->GetInt64(message, descriptor->FindFieldByName("seconds"));
    const int nanos = reflection->GetInt32(message, descriptor->FindFieldByName("nanos"));
    // (A zero Go time.Time marshals to nothing; its Unix seconds are those of year 1.)
    if ((seconds == 0 && nanos == 0) || seconds == -62135596800LL)
        return QJsonValue::Null;
    const QDateTime when = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::UTC);
    if (!micro)
        return when.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    return QString(when.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss."))
                   + QStringLiteral("%1").arg(nanos / 1000, 6, 10, QLatin1Char('0')) + u'Z');
}

// The types whose JSON is not an object of their fields, as their Go MarshalJSON writes them.
std::optional<QJsonValue> specialToJson(const Message &message, QString *error)
{
    const Descriptor *descriptor = message.GetDescriptor();
    const Reflection *reflection = message.GetReflection();
    const std::string &name = descriptor->full_name();
    if (name == "k8s.io.apimachinery.pkg.api.resource.Quantity")
        return fromStd(reflection->GetString(message, descriptor->FindFieldByName("string")));
    if (name == "k8s.io.apimachinery.pkg.util.intstr.IntOrString") {
        if (reflection->GetInt64(message, descriptor->FindFieldByName("type")) == 1)
            return fromStd(reflection->GetString(message, descriptor->FindFieldByName("strVal")));
        return reflection->GetInt32(message, descriptor->FindFieldByName("intVal"));
    }
    if (name == "k8s.io.apimachinery.pkg.apis.meta.v1.Time")
        return timeToJson(message, false);
    if (name == "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime")
        return timeToJson(message, true);
    if (name == "k8s.io.apimachinery.pkg.apis.meta.v1.Duration")
        return goDuration(reflection->GetInt64(message, descriptor->FindFieldByName("duration")));
    if (name == "k8s.io.apimachinery.pkg.runtime.RawExtension"
        || name == "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1") {
        const QByteArray raw = bytesOf(reflection->GetString(
            message, descriptor->FindFieldByName(name.back() == '1' ? "Raw" : "raw")));
        if (raw.isEmpty())
            return QJsonValue::Null;
        if (raw.startsWith(QByteArray(magic, 4))) {
            std::optional<QJsonObject> object = decodeProtobufObject(raw, error);
            if (!object)
                return QJsonValue::Undefined;
            return *object;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = QStringLiteral("%1 does not hold JSON: %2")
                         .arg(fromStd(name), parseError.errorString());
            return QJsonValue::Undefined;
        }
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    return std::nullopt;
}

// Whether a zero that came on the wire stays in the JSON, as a real server's Go code does
// it: the generated Go code writes every non-pointer scalar, zero or not, and encoding/json
// then leaves out the zeros of the omitempty ones (`status.replicas`, `hostNetwork`); a
// pointer field is on the wire only when set, so its zero is the user's (`--replicas=0`,
// `enableServiceLinks: false`, a volume's `defaultMode: 0`), and a field without omitempty
// (`containerPort`) is always written. The .proto files do not record either: the list comes
// from the Go types at build time (gozerofields.py), by full protobuf name.
bool keepsZero(const FieldDescriptor *field)
{
    static const std::unordered_set<std::string> kept{
#include "gozerofields.inc"
    };
    return kept.count(std::string(field->full_name())) > 0;
}

std::optional<QJsonValue> scalarToJson(const Message &message, const FieldDescriptor *field,
                                       int index, QString *error)
{
    const Reflection *reflection = message.GetReflection();
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
        return repeated ? reflection->GetRepeatedInt32(message, field, index)
                        : reflection->GetInt32(message, field);
    case FieldDescriptor::CPPTYPE_INT64:
        return qint64(repeated ? reflection->GetRepeatedInt64(message, field, index)
                               : reflection->GetInt64(message, field));
    case FieldDescriptor::CPPTYPE_UINT32:
        return qint64(repeated ? reflection->GetRepeatedUInt32(message, field, index)
                               : reflection->GetUInt32(message, field));
    case FieldDescriptor::CPPTYPE_UINT64:
        return qint64(repeated ? reflection->GetRepeatedUInt64(message, field, index)
                               : reflection->GetUInt64(message, field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
        return repeated ? reflection->GetRepeatedDouble(message, field, index)
                        : reflection->GetDouble(message, field);
    case FieldDescriptor::CPPTYPE_FLOAT:
        return double(repeated ? reflection->GetRepeatedFloat(message, field, index)
                               : reflection->GetFloat(message, field));
    case FieldDescriptor::CPPTYPE_BOOL:
        return repeated ? reflection->GetRepeatedBool(message, field, index)
                        : reflection->GetBool(message, field);
    case FieldDescriptor::CPPTYPE_ENUM:
        return fromStd((repeated ? reflection->GetRepeatedEnum(message, field, index)
                                 : reflection->GetEnum(message, field))
                           ->name());
    case FieldDescriptor::CPPTYPE_STRING: {
        const std::string value = repeated ? reflection->GetRepeatedString(message, field, index)
                                           : reflection->GetString(message, field);
        // Go's []byte marshals to base64 (a Secret's data).
        if (field->type() == FieldDescriptor::TYPE_BYTES)
            return QString::fromLatin1(bytesOf(value).toBase64());
        return fromStd(value);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
        const Message &child = repeated ? reflection->GetRepeatedMessage(message, field, index)
                                        : reflection->GetMessage(message, field);
        QJsonValue value = messageToJson(child, error);
        if (value.isUndefined())
            return std::nullopt;
        return value;
    }
    }
    return std::nullopt;
}

// The Go structs embedded with `json:",inline"` in the compiled groups (found with grep in
// their types.go): a field of their own on the wire, their fields merged into the parent in
// JSON (a Probe's httpGet, a Volume's configMap, a SecretKeySelector's name).
bool isInline(const FieldDescriptor *field)
{
    static const QSet<QByteArray> inlined{
        "volumeSource/k8s.io.api.core.v1.VolumeSource",
        "persistentVolumeSource/k8s.io.api.core.v1.PersistentVolumeSource",
        "localObjectReference/k8s.io.api.core.v1.LocalObjectReference",
        "handler/k8s.io.api.core.v1.ProbeHandler",
        "ephemeralContainerCommon/k8s.io.api.core.v1.EphemeralContainerCommon",
        "ingressRuleValue/k8s.io.api.networking.v1.IngressRuleValue",
    };
    return field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated()
        && inlined.contains(
            QByteArray::fromStdString(field->name() + '/' + field->message_type()->full_name()));
}

bool isZero(const QJsonValue &value)
{
    return (value.isString() && value.toString().isEmpty())
        || (value.isDouble() && value.toDouble() == 0) || (value.isBool() && !value.toBool());
}

QJsonValue messageToJson(const Message &message, QString *error)
{
    if (std::optional<QJsonValue> special = specialToJson(message, error))
        return *special;
    if (!error->isEmpty())
        return QJsonValue::Undefined;
    const Reflection *reflection = message.GetReflection();
    std::vector<const FieldDescriptor *> fields;
    // Only what was on the wire: proto2 optional fields that are set, repeated ones that are
    // not empty.
    reflection->ListFields(message, &fields);
    QJsonObject object;
    for (const FieldDescriptor *field : fields) {
        const QString name = fromStd(field->name());
        if (field->is_map()) {
            const FieldDescriptor *key = field->message_type()->map_key();
            const FieldDescriptor *value = field->message_type()->map_value();
            QJsonObject map;
            for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
                const Message &entry = reflection->GetRepeatedMessage(message, field, i);
                const std::optional<QJsonValue> k = scalarToJson(entry, key, 0, error);
                const std::optional<QJsonValue> v = scalarToJson(entry, value, 0, error);
                if (!k || !v)
                    return QJsonValue::Undefined;
                map.insert(k->toVariant().toString(), *v);
            }
            object.insert(name, map);
        } else if (field->is_repeated()) {
            QJsonArray array;
            for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
                const std::optional<QJsonValue> v = scalarToJson(message, field, i, error);
                if (!v)
                    return QJsonValue::Undefined;
                array.append(*v);
            }
            object.insert(name, array);
        } else {
            const std::optional<QJsonValue> v = scalarToJson(message, field, 0, error);
            if (!v)
                return QJsonValue::Undefined;
            if (isZero(*v) && !keepsZero(field))
                continue;
            if (isInline(field)) {
                const QJsonObject inner = v->toObject();
                for (auto it = inner.constBegin(); it != inner.constEnd(); ++it)
                    object.insert(it.key(), it.value());
                continue;
            }
            object.insert(name, *v);
        }
    }
    return object;
}

// "v1" → k8s.io.api.core.v1, "apps/v1" → k8s.io.api.apps.v1, "rbac.authorization.k8s.io/v1"
// → k8s.io.api.rbac.v1: the packages of the .proto files.
std::string messageName(const QString &apiVersion, const QString &kind)
{
    const qsizetype slash = apiVersion.indexOf(u'/');
    const QString group = slash < 0 ? QStringLiteral("core") : apiVersion.left(slash);
    const QString version = apiVersion.mid(slash + 1);
    const QString name =
        QStringLiteral("k8s.io.api.") + group.section(u'.', 0, 0) + u'.' + version + u'.' + kind;
    return name.toStdString();
}

} // namespace

bool isProtobufMediaType(const QByteArray &contentType)
{
    return contentType.split(';').first().trimmed() == "application/vnd.kubernetes.protobuf";
}

std::optional<QJsonObject> decodeProtobufObject(const QByteArray &body, QString *error)
{
    (void)compiledGroups();
    if (!body.startsWith(QByteArray(magic, 4))) {
        *error = QStringLiteral("the protobuf body does not start with the k8s\\0 magic");
        return std::nullopt;
    }
    k8s::io::apimachinery::pkg::runtime::Unknown envelope;
    if (!envelope.ParseFromArray(body.constData() + 4, int(body.size() - 4))) {
        *error = QStringLiteral("the protobuf body holds no runtime.Unknown");
        return std::nullopt;
    }
    if (!envelope.contentencoding().empty()) {
        *error = QStringLiteral("unsupported content encoding %1")
                     .arg(fromStd(envelope.contentencoding()));
        return std::nullopt;
    }
    const QString apiVersion = fromStd(envelope.typemeta().apiversion());
    const QString kind = fromStd(envelope.typemeta().kind());
    const Descriptor *descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
            messageName(apiVersion, kind));
    if (!descriptor) {
        *error = QStringLiteral("the emulator cannot decode %1 %2 from protobuf; send it as JSON")
                     .arg(apiVersion, kind);
        return std::nullopt;
    }
    const std::unique_ptr<Message> message(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
    if (!message->ParseFromString(envelope.raw())) {
        *error = QStringLiteral("the protobuf body does not hold a valid %1").arg(kind);
        return std::nullopt;
    }
    QString conversionError;
    const QJsonValue value = messageToJson(*message, &conversionError);
    if (!value.isObject()) {
        *error = conversionError.isEmpty()
            ? QStringLiteral("the protobuf body does not hold an object")
            : conversionError;
        return std::nullopt;
    }
    QJsonObject object = value.toObject();
    // The envelope carries the type; the object inside has none.
    QJsonObject typed{{QStringLiteral("apiVersion"), apiVersion}, {QStringLiteral("kind"), kind}};
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        typed.insert(it.key(), it.value());
    return typed;
}

} // namespace kubeemu
