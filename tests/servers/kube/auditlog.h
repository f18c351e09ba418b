#pragma once

#include <QFile>
#include <QString>
#include <QStringList>

#include <chrono>

namespace kubeemu {

/// One request as kube-apiserver's audit backend records it at level Metadata, stage
/// ResponseComplete: who (user, groups, source IPs, user agent), what (verb, request URI,
/// objectRef) and how it ended (responseStatus), with its two timestamps.
struct AuditEntry
{
    QString verb;
    QString requestUri;
    QString username;
    QStringList groups;
    QString sourceIp;
    QString userAgent;
    QString resource; ///< plural
    QString subresource;
    QString namespaceName;
    QString name;
    QString apiGroup;
    QString apiVersion;
    int code = 200;
    QString reason; ///< Status.reason of a failure
    QString message; ///< Status.message of a failure
    bool allowed = true; ///< the authorizer's decision
    std::chrono::system_clock::time_point received;
};

/// Appends `audit.k8s.io/v1` Event lines to a file, one JSON object a line, as
/// kube-apiserver's --audit-log-path does (level Metadata: no request or response bodies).
/// Lives on the server's thread.
class AuditLogWriter
{
public:
    /// Opens @p path for appending; false with @p error naming the file and the reason.
    bool open(const QString &path, QString *error);
    bool isOpen() const { return m_file.isOpen(); }
    /// Writes @p entry, stamped now (stageTimestamp), and flushes the line.
    void write(const AuditEntry &entry);

    /// "2026-12-01T14:02:03.123456Z": metav1.MicroTime as the audit log writes it.
    static QString microTime(std::chrono::system_clock::time_point time);

private:
    QFile m_file;
};

} // namespace kubeemu
