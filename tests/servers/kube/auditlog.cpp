#include "auditlog.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUuid>

namespace kubeemu {

bool AuditLogWriter::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = QStringLiteral("--audit-log %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

QString AuditLogWriter::microTime(std::chrono::system_clock::time_point time)
{
    using namespace std::chrono;
    const qint64 micros = duration_cast<microseconds>(time.time_since_epoch()).count();
    const QDateTime seconds = QDateTime::fromSecsSinceEpoch(micros / 1000000, QTimeZone::UTC);
    return seconds.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'.'
        + QStringLiteral("%1").arg(micros % 1000000, 6, 10, QLatin1Char('0')) + u'Z';
}

void AuditLogWriter::write(const AuditEntry &entry)
{
    if (!m_file.isOpen())
        return;
    // Empty optional fields are left out, as the real encoder's omitempty tags do. (Keys come
    // out sorted; readers of the log do not depend on their order.)
    QJsonObject objectRef;
    if (!entry.resource.isEmpty())
        objectRef.insert(QStringLiteral("resource"), entry.resource);
    if (!entry.namespaceName.isEmpty())
        objectRef.insert(QStringLiteral("namespace"), entry.namespaceName);
    if (!entry.name.isEmpty())
        objectRef.insert(QStringLiteral("name"), entry.name);
    if (!entry.apiGroup.isEmpty())
        objectRef.insert(QStringLiteral("apiGroup"), entry.apiGroup);
    objectRef.insert(QStringLiteral("apiVersion"), entry.apiVersion);
    if (!entry.subresource.isEmpty())
        objectRef.insert(QStringLiteral("subresource"), entry.subresource);
    QJsonObject status{{QStringLiteral("metadata"), QJsonObject()},
                       {QStringLiteral("code"), entry.code}};
    if (entry.code >= 300) {
        status.insert(QStringLiteral("status"), QStringLiteral("Failure"));
        status.insert(QStringLiteral("message"), entry.message);
        status.insert(QStringLiteral("reason"), entry.reason);
    }
    QJsonArray groups;
    for (const QString &group : entry.groups)
        groups.append(group);
    const QJsonObject event{
        {QStringLiteral("kind"), QStringLiteral("Event")},
        {QStringLiteral("apiVersion"), QStringLiteral("audit.k8s.io/v1")},
        {QStringLiteral("level"), QStringLiteral("Metadata")},
        {QStringLiteral("auditID"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("stage"), QStringLiteral("ResponseComplete")},
        {QStringLiteral("requestURI"), entry.requestUri},
        {QStringLiteral("verb"), entry.verb},
        {QStringLiteral("user"),
         QJsonObject{{QStringLiteral("username"), entry.username},
                     {QStringLiteral("groups"), groups}}},
        {QStringLiteral("sourceIPs"), QJsonArray{entry.sourceIp}},
        {QStringLiteral("userAgent"), entry.userAgent},
        {QStringLiteral("objectRef"), objectRef},
        {QStringLiteral("responseStatus"), status},
        {QStringLiteral("requestReceivedTimestamp"), microTime(entry.received)},
        {QStringLiteral("stageTimestamp"), microTime(std::chrono::system_clock::now())},
        {QStringLiteral("annotations"),
         QJsonObject{{QStringLiteral("authorization.k8s.io/decision"),
                      entry.allowed ? QStringLiteral("allow") : QStringLiteral("forbid")},
                     {QStringLiteral("authorization.k8s.io/reason"), QString()}}}};
    m_file.write(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

} // namespace kubeemu
