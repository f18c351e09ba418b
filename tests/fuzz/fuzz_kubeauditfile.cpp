// The audit-log reader (audit/kubeauditfile): lines of kube-apiserver's audit log as a
// file may hold them, cut short, mixed with anything. Every line that parses names an
// object; the scan over the whole file keeps only successful writes to the objects asked
// for, and counts what it could not read instead of failing.

#include "fuzztarget.h"

#include "audit/kubeauditfile.h"

#include <QBuffer>

using namespace gitops::audit;

GITOPS_FUZZ_TARGET(kubeauditfile)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    AuditObjectSet objects;
    for (const QByteArray &line : bytes.split('\n')) {
        KubeAuditRecord record;
        if (parseKubeAuditRecord(line, &record))
            objects.add(record.apiGroup, record.resource, record.namespaceName, record.name);
    }
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    const KubeAuditScan scan = scanKubeAuditLog(device, objects);
    FUZZ_CHECK(scan.error.isEmpty(), scan.error);
    FUZZ_CHECK(scan.malformed <= scan.lines, QString::number(scan.malformed));
    FUZZ_CHECK(scan.records.size() <= scan.lines, QString::number(scan.records.size()));
    for (const KubeAuditRecord &record : scan.records) {
        FUZZ_CHECK(
            objects.contains(record.apiGroup, record.resource, record.namespaceName, record.name),
            record.auditId);
        FUZZ_CHECK(record.code >= 200 && record.code < 300, QString::number(record.code));
    }
    return 0;
}
