#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace gitops::audit {

/// One write of a Kubernetes audit log (an `audit.k8s.io/v1` Event at stage
/// ResponseComplete whose verb is create, update, patch or delete), read at Metadata level:
/// request and response bodies are never kept, only the names of the fields a request body
/// sets. A plain value.
struct KubeAuditRecord
{
    QString auditId;
    QString verb;
    QString requestUri;
    QString username;
    QStringList groups;
    QStringList sourceIps;
    QString userAgent;
    /// The field manager the server recorded the write under: the request's fieldManager,
    /// else the user agent's first word (what kube-apiserver does).
    QString fieldManager;
    QString resource; ///< objectRef.resource: "deployments"
    QString subresource;
    QString apiGroup;
    QString namespaceName;
    QString name;
    int code = 0; ///< responseStatus.code
    QDateTime requestReceived; ///< UTC, microseconds
    QDateTime stageTime;
    /// Leaf paths a Request-level body sets (`.spec.replicas`); names only.
    QStringList fields;
    /// The record as written, without requestObject and responseObject.
    QJsonObject evidence;
};

/// The objects whose writes to keep: objectRef (apiGroup, resource, namespace, name).
class AuditObjectSet
{
public:
    void add(const QString &apiGroup, const QString &resource, const QString &namespaceName,
             const QString &name);
    bool contains(const QString &apiGroup, const QString &resource, const QString &namespaceName,
                  const QString &name) const;
    /// Whether any object has this name: the cheap test made before a line is parsed.
    bool hasName(QByteArrayView name) const { return m_names.contains(name.toByteArray()); }
    bool isEmpty() const { return m_keys.isEmpty(); }

private:
    QSet<QString> m_keys;
    QSet<QByteArray> m_names;
};

/// What reading an audit log found.
struct KubeAuditScan
{
    QList<KubeAuditRecord> records; ///< the kept writes, in file order
    qint64 lines = 0; ///< non-empty lines read
    qint64 malformed = 0; ///< lines that are no audit event (not JSON, cut short, no verb)
    /// 1-based numbers of the first malformed lines (at most 10), for the message.
    QList<qint64> malformedLines;
    QString error; ///< the file could not be read at all
    bool stopped = false;
};

/// Reads @p device line by line (never whole): each line an `audit.k8s.io/v1` Event as
/// kube-apiserver's --audit-log-path writes it. Keeps the successful (2xx) writes at stage
/// ResponseComplete to objects in @p objects; reads, other stages and other objects are
/// skipped after a look at the line, without parsing it. Malformed lines are counted, never
/// fatal. @p stopRequested is asked every few thousand lines. Pure apart from reading
/// @p device; any thread.
KubeAuditScan scanKubeAuditLog(QIODevice &device, const AuditObjectSet &objects,
                               const std::function<bool()> &stopRequested = {});

/// Parses one audit log line; false when it is no audit event. Kept for tests and callers
/// that already hold a line.
bool parseKubeAuditRecord(const QByteArray &line, KubeAuditRecord *record);

} // namespace gitops::audit
