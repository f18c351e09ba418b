#include "audit/clusterauditreader.h"

#include "kube/apiresource.h"
#include "kube/discovery.h"
#include "kube/discoveryinfo.h"
#include "kube/kubeclient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gitops::audit {

ClusterAuditReader::ClusterAuditReader(kube::KubeClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

ClusterAuditReader::~ClusterAuditReader() = default;

void ClusterAuditReader::read(const QStringList &namespaces, const QSet<QString> &kinds)
{
    m_namespaces = namespaces;
    m_kinds = kinds;
    m_discovery = new kube::Discovery(m_client, this);
    connect(m_discovery, &kube::Discovery::ready, this, &ClusterAuditReader::discovered);
    connect(m_discovery, &kube::Discovery::failed, this, [this](const kube::ApiError &error) {
        m_sources.problems << QStringLiteral("discovery: %1").arg(error.text());
        done();
    });
    m_discovery->refresh();
}

void ClusterAuditReader::discovered(const std::shared_ptr<const kube::DiscoveryInfo> &info)
{
    if (m_pending > 0 || m_finished)
        return; // a refresh after the first answer
    for (const QString &kind : std::as_const(m_kinds)) {
        const kube::ApiResource type = info->find(kind.section(u'/', 0, 0), kind.section(u'/', 1));
        if (type.isValid())
            m_sources.plurals.insert(kind, type.plural);
    }
    // Counted before any list starts: one may fail at once.
    m_pending = 1;
    const kube::ApiResource events = info->find(QString(), QStringLiteral("Event"));
    const kube::ApiResource replicaSets =
        info->find(QStringLiteral("apps"), QStringLiteral("ReplicaSet"));
    for (const QString &ns : std::as_const(m_namespaces)) {
        if (events.isValid())
            list(events, ns, &ClusterAuditSources::events);
        if (replicaSets.isValid())
            list(replicaSets, ns, &ClusterAuditSources::ownedObjects);
    }
    for (const auto &[group, kind] : {std::pair{"argoproj.io", "Application"},
                                      std::pair{"kustomize.toolkit.fluxcd.io", "Kustomization"},
                                      std::pair{"source.toolkit.fluxcd.io", "GitRepository"}}) {
        const kube::ApiResource type = info->find(QLatin1String(group), QLatin1String(kind));
        if (type.isValid())
            list(type, QString(), &ClusterAuditSources::definitions);
    }
    --m_pending;
    if (m_pending == 0)
        done();
}

void ClusterAuditReader::list(const kube::ApiResource &type, const QString &namespaceName,
                              QList<QJsonObject> ClusterAuditSources::*into,
                              const QString &continueToken)
{
    kube::ApiRequest request;
    request.path = type.collectionPath(namespaceName);
    request.query.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (!continueToken.isEmpty())
        request.query.addQueryItem(QStringLiteral("continue"), continueToken);
    request.verb = QStringLiteral("list");
    request.resource = type.displayName();
    request.namespaceName = namespaceName;
    ++m_pending;
    kube::ApiCall *call = m_client->send(request);
    connect(call, &kube::ApiCall::finished, this,
            [this, type, namespaceName, into](const kube::ApiResponse &response) {
                if (response.error.isError()) {
                    m_sources.problems << response.error.text();
                } else {
                    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
                    const QString kind = type.kind;
                    const QString apiVersion = type.apiVersion();
                    for (const QJsonValue &item : body.value(u"items").toArray()) {
                        QJsonObject object = item.toObject();
                        // Items of a list carry no kind of their own on every server.
                        object.insert(QStringLiteral("kind"), kind);
                        object.insert(QStringLiteral("apiVersion"), apiVersion);
                        (m_sources.*into) << object;
                    }
                    const QString next =
                        body.value(u"metadata").toObject().value(u"continue").toString();
                    if (!next.isEmpty())
                        list(type, namespaceName, into, next);
                }
                if (--m_pending == 0)
                    done();
            });
}

void ClusterAuditReader::done()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_sources);
}

} // namespace gitops::audit
