#include "audit/kubeauditfile.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace gitops::audit {

namespace {

QString key(const QString &apiGroup, const QString &resource, const QString &namespaceName,
            const QString &name)
{
    return apiGroup + u'/' + resource + u'/' + namespaceName + u'/' + name;
}

// The string value that follows `"<field>":` at @p from in @p line (compact JSON as
// kube-apiserver writes it, whitespace allowed), without unescaping: names and verbs hold
// no escapes. Empty view when there is none.
QByteArrayView stringField(QByteArrayView line, QByteArrayView field, qsizetype from = 0,
                           qsizetype to = -1)
{
    if (to < 0)
        to = line.size();
    QByteArray needle;
    needle.reserve(field.size() + 3);
    needle += '"';
    needle += field;
    needle += "\":";
    const qsizetype at = line.sliced(0, to).indexOf(needle, from);
    if (at < 0)
        return {};
    qsizetype i = at + needle.size();
    while (i < to && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    if (i >= to || line[i] != '"')
        return {};
    const qsizetype start = i + 1;
    qsizetype end = start;
    while (end < to && line[end] != '"') {
        if (line[end] == '\\')
            ++end;
        ++end;
    }
    if (end >= to)
        return {};
    return line.sliced(start, end - start);
}

bool isWriteVerb(QByteArrayView verb)
{
    return verb == "create" || verb == "update" || verb == "patch" || verb == "delete";
}

QDateTime microTime(const QJsonValue &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.toUTC();
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out << item.toString();
    return out;
}

void leafPaths(const QJsonValue &value, const QString &path, QStringList &out, int depth)
{
    if (out.size() >= 200)
        return;
    if (value.isObject() && depth < 32 && !value.toObject().isEmpty()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            leafPaths(it.value(), path + u'.' + it.key(), out, depth + 1);
        return;
    }
    if (!path.isEmpty())
        out << path;
}

} // namespace

void AuditObjectSet::add(const QString &apiGroup, const QString &resource,
                         const QString &namespaceName, const QString &name)
{
    m_keys.insert(key(apiGroup, resource, namespaceName, name));
    m_names.insert(name.toUtf8());
}

bool AuditObjectSet::contains(const QString &apiGroup, const QString &resource,
                              const QString &namespaceName, const QString &name) const
{
    return m_keys.contains(key(apiGroup, resource, namespaceName, name));
}

bool parseKubeAuditRecord(const QByteArray &line, KubeAuditRecord *record)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    QJsonObject json = document.object();
    if (json.value(u"kind").toString() != u"Event"
        || !json.value(u"apiVersion").toString().startsWith(u"audit.k8s.io/")
        || !json.value(u"verb").isString() || !json.value(u"stage").isString())
        return false;
    KubeAuditRecord out;
    out.auditId = json.value(u"auditID").toString();
    out.verb = json.value(u"verb").toString();
    out.requestUri = json.value(u"requestURI").toString();
    const QJsonObject user = json.value(u"user").toObject();
    out.username = user.value(u"username").toString();
    out.groups = strings(user.value(u"groups"));
    out.sourceIps = strings(json.value(u"sourceIPs"));
    out.userAgent = json.value(u"userAgent").toString();
    const QJsonObject ref = json.value(u"objectRef").toObject();
    out.resource = ref.value(u"resource").toString();
    out.subresource = ref.value(u"subresource").toString();
    out.apiGroup = ref.value(u"apiGroup").toString();
    out.namespaceName = ref.value(u"namespace").toString();
    out.name = ref.value(u"name").toString();
    out.code = json.value(u"responseStatus").toObject().value(u"code").toInt();
    out.requestReceived = microTime(json.value(u"requestReceivedTimestamp"));
    out.stageTime = microTime(json.value(u"stageTimestamp"));
    const QUrl uri(out.requestUri);
    out.fieldManager =
        QUrlQuery(uri.query()).queryItemValue(QStringLiteral("fieldManager"), QUrl::FullyDecoded);
    if (out.fieldManager.isEmpty())
        out.fieldManager = out.userAgent.section(u'/', 0, 0);
    // Request level: the names of what the body sets, never its values (a Secret's data).
    const QJsonValue body = json.value(u"requestObject");
    if (body.isObject()) {
        QJsonObject fields = body.toObject();
        for (const char *bookkeeping : {"apiVersion", "kind"})
            fields.remove(QLatin1String(bookkeeping));
        QJsonObject metadata = fields.value(u"metadata").toObject();
        for (const char *bookkeeping :
             {"name", "namespace", "resourceVersion", "uid", "managedFields", "creationTimestamp"})
            metadata.remove(QLatin1String(bookkeeping));
        if (metadata.isEmpty())
            fields.remove(QStringLiteral("metadata"));
        else
            fields.insert(QStringLiteral("metadata"), metadata);
        leafPaths(fields, QString(), out.fields, 0);
    }
    json.remove(QStringLiteral("requestObject"));
    json.remove(QStringLiteral("responseObject"));
    out.evidence = json;
    *record = std::move(out);
    return true;
}

KubeAuditScan scanKubeAuditLog(QIODevice &device, const AuditObjectSet &objects,
                               const std::function<bool()> &stopRequested)
{
    KubeAuditScan scan;
    if (!device.isOpen() && !device.open(QIODevice::ReadOnly)) {
        scan.error = device.errorString();
        return scan;
    }
    const auto malformed = [&scan](qint64 lineNumber) {
        ++scan.malformed;
        if (scan.malformedLines.size() < 10)
            scan.malformedLines << lineNumber;
    };
    qint64 lineNumber = 0;
    QByteArray line;
    while (!device.atEnd()) {
        if (stopRequested && (lineNumber & 0xfff) == 0 && stopRequested()) {
            scan.stopped = true;
            break;
        }
        line = device.readLine();
        ++lineNumber;
        const QByteArrayView text = QByteArrayView(line).trimmed();
        if (text.isEmpty())
            continue;
        ++scan.lines;
        // A look before parsing: most lines are reads (get, list, watch) or other objects.
        if (!text.startsWith('{') || !text.endsWith('}')) {
            malformed(lineNumber);
            continue;
        }
        const QByteArrayView verb = stringField(text, "verb");
        if (verb.isEmpty()) {
            malformed(lineNumber);
            continue;
        }
        if (!isWriteVerb(verb))
            continue;
        const QByteArrayView stage = stringField(text, "stage");
        if (!stage.isEmpty() && stage != "ResponseComplete")
            continue;
        const qsizetype ref = text.indexOf("\"objectRef\":");
        if (ref < 0)
            continue; // a write with no object (a non-resource URL)
        const qsizetype refEnd = text.indexOf('}', ref);
        const QByteArrayView name = stringField(text, "name", ref, refEnd < 0 ? -1 : refEnd);
        if (!objects.hasName(name))
            continue;
        KubeAuditRecord record;
        if (!parseKubeAuditRecord(text.toByteArray(), &record)) {
            malformed(lineNumber);
            continue;
        }
        if (record.code < 200 || record.code >= 300
            || !objects.contains(record.apiGroup, record.resource, record.namespaceName,
                                 record.name))
            continue;
        scan.records << std::move(record);
    }
    return scan;
}

} // namespace gitops::audit
