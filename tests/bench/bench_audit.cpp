// The audit log join under load (issue 17, "Performance"): a generated Kubernetes audit log
// of 1,000,000 records (Metadata level, as kube-apiserver writes it: reads, writes by people
// and by controllers, over 5,000 objects) streamed and joined for one app of 20
// Deployments (goal: under 5 s, memory flat), and what each kept event costs in memory.
#include "figure.h"

#include "audit/auditlog.h"
#include "audit/kubeauditfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <malloc.h>

#include <cstdio>

using namespace gitops::audit;

namespace {

constexpr int records = 1'000'000;
constexpr int objects = 5'000;
constexpr int appObjects = 20;

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    return statm.readAll().split(' ').value(1).toLongLong() * 4096;
}

QByteArray name(int i)
{
    return QByteArray::number(i).rightJustified(5, '0').prepend("web-");
}

// One line as kube-apiserver's log backend writes it at level Metadata.
QByteArray line(int i)
{
    static const char *const verbs[] = {"get",    "list", "watch", "get",    "patch",
                                        "update", "get",  "list",  "update", "create"};
    const char *verb = verbs[i % 10];
    const int object = (i * 7919) % objects;
    const bool controller = i % 3 == 0;
    const QByteArray user =
        controller ? "system:serviceaccount:kube-system:deployment-controller" : "ada@example.com";
    const QByteArray agent = controller
        ? "kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/abc/system:serviceaccount:"
          "kube-system:deployment-controller"
        : "kubectl/v1.32.3 (linux/amd64) kubernetes/32cc146";
    const QByteArray manager = controller ? "kube-controller-manager" : "kubectl-edit";
    const QByteArray subresource = controller && QByteArrayView(verb) == "update" ? "status" : "";
    const int second = i / 200;
    const QByteArray time = QByteArray("2026-12-01T") + QByteArray::number(10 + second / 3600) + ':'
        + QByteArray::number(second / 60 % 60).rightJustified(2, '0') + ':'
        + QByteArray::number(second % 60).rightJustified(2, '0') + '.'
        + QByteArray::number(i % 1000000).rightJustified(6, '0') + 'Z';
    QByteArray uri = "/apis/apps/v1/namespaces/shop/deployments/" + name(object);
    if (!subresource.isEmpty())
        uri += '/' + subresource;
    if (QByteArrayView(verb) == "patch" || QByteArrayView(verb) == "update")
        uri += "?fieldManager=" + manager;
    return R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":")"
        + QByteArray::number(i)
        + R"(-6f2a-4c1e-9b7d-1d2e3f4a5b6c","stage":"ResponseComplete",)"
          R"("requestURI":")"
        + uri + R"(","verb":")" + verb + R"(","user":{"username":")" + user
        + R"(","groups":["system:authenticated"]},"sourceIPs":["10.0.3.17"],"userAgent":")" + agent
        + R"(","objectRef":{"resource":"deployments","namespace":"shop","name":")" + name(object)
        + R"(","apiGroup":"apps","apiVersion":"v1")"
        + (subresource.isEmpty() ? QByteArray() : R"(,"subresource":")" + subresource + '"')
        + R"(},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":")" + time
        + R"(","stageTimestamp":")" + time
        + R"(","annotations":{"authorization.k8s.io/decision":"allow",)"
          R"("authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding"}})"
        + '\n';
}

QJsonObject liveDeployment(int i)
{
    QByteArray text = R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME",
        "namespace":"shop","uid":"uid-NAME","managedFields":[
        {"manager":"argocd-controller","operation":"Apply","time":"2026-12-01T10:00:00Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}},
        {"manager":"kubectl-edit","operation":"Update","time":"2026-12-01T11:23:19Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:template":{"f:spec":{"f:containers":
         {"k:{\"name\":\"web\"}":{"f:image":{}}}}}}}}]}})";
    text.replace("NAME", name(i));
    return QJsonDocument::fromJson(text).object();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.log"));
    {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        QByteArray chunk;
        for (int i = 0; i < records; ++i) {
            chunk += line(i);
            if (chunk.size() > (1 << 20)) {
                out.write(chunk);
                chunk.clear();
            }
        }
        out.write(chunk);
    }
    const qint64 fileBytes = QFile(path).size();

    // The app's objects: every 250th of the 5,000, so that its records are spread out.
    AuditInputs inputs;
    inputs.app.name = QStringLiteral("web");
    inputs.appliers = {QStringLiteral("argocd-controller")};
    inputs.plurals = {{QStringLiteral("apps/Deployment"), QStringLiteral("deployments")}};
    for (int i = 0; i < appObjects; ++i)
        inputs.liveObjects << liveDeployment(i * (objects / appObjects));
    const AuditObjectSet set = auditObjects(inputs.liveObjects, inputs.plurals);

    qint64 kept = 0;
    qint64 events = 0;
    gitops::bench::measureMilliseconds(QStringLiteral("audit_log_1m_records_one_app"), 3, [&] {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        KubeAuditScan scan = scanKubeAuditLog(file, set);
        AuditInputs joined = inputs;
        joined.auditRecords = std::move(scan.records);
        kept = joined.auditRecords.size();
        events = buildAuditLog(joined).events.size();
    });

    // Memory: what the kept records and the joined log hold, over what the process held.
    malloc_trim(0);
    const qint64 before = residentBytes();
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    KubeAuditScan scan = scanKubeAuditLog(file, set);
    inputs.auditRecords = std::move(scan.records);
    const AuditLog log = buildAuditLog(inputs);
    malloc_trim(0);
    const qint64 after = residentBytes();
    std::printf("BENCH audit_log_bytes_per_kept_event %lld bytes\n",
                static_cast<long long>((after - before) / qMax<qint64>(1, log.events.size())));
    std::printf("BENCH audit_log_resident_growth %.1f MB\n", double(after - before) / 1e6);
    std::printf("# %lld bytes of log, %lld records kept, %lld events in the app's log\n",
                static_cast<long long>(fileBytes), static_cast<long long>(kept),
                static_cast<long long>(events));
    return 0;
}
