#pragma once

// The local API server in-process for the kube tests, with kubeconfigs written the way
// users have them: YAML files whose clusters and users point at it.
#include "apiserver.h"
#include "kube/clusteraccess.h"
#include "kube/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace gitops::test {

class KubeTestServer
{
public:
    bool start(QString *error)
    {
        m_server = std::make_unique<kubeemu::ApiServer>();
        if (!m_server->start(0, error))
            return false;
        const QJsonObject config = QJsonDocument::fromJson(m_server->kubeconfig()).object();
        m_emulatorConfig = config;
        const QJsonObject cluster =
            config.value(u"clusters").toArray().at(0).toObject().value(u"cluster").toObject();
        m_caData = cluster.value(u"certificate-authority-data").toString();
        for (const QJsonValue &user : config.value(u"users").toArray()) {
            const QJsonObject entry = user.toObject();
            const QJsonObject fields = entry.value(u"user").toObject();
            if (entry.value(u"name").toString() == u"admin") {
                m_adminCertificate = fields.value(u"client-certificate-data").toString();
                m_adminKey = fields.value(u"client-key-data").toString();
            } else {
                m_tokens.insert(entry.value(u"name").toString(), fields.value(u"token").toString());
            }
        }
        return true;
    }

    kubeemu::ApiServer &server() { return *m_server; }
    QString url() const { return m_server->url(); }
    QString caData() const { return m_caData; }
    QString token(const QString &user) const { return m_tokens.value(user); }
    QString folder() const { return m_dir.path(); }

    /// A kubeconfig with cluster "emulator" (verified against its CA) and the given users
    /// section body and contexts; the admin user (client certificate) is always there.
    QByteArray kubeconfigYaml(const QByteArray &extraUsers = {},
                              const QByteArray &extraContexts = {}) const
    {
        QByteArray yaml = "apiVersion: v1\nkind: Config\ncurrent-context: admin\nclusters:\n"
                          "- name: emulator\n  cluster:\n    server: "
            + url().toUtf8() + "\n    certificate-authority-data: " + m_caData.toUtf8()
            + "\nusers:\n- name: admin\n  user:\n    client-certificate-data: "
            + m_adminCertificate.toUtf8() + "\n    client-key-data: " + m_adminKey.toUtf8()
            + "\n- name: reader\n  user:\n    token: " + token(QStringLiteral("reader")).toUtf8()
            + "\n- name: restricted\n  user:\n    token: "
            + token(QStringLiteral("restricted")).toUtf8() + "\n" + extraUsers
            + "contexts:\n- name: admin\n  context: {cluster: emulator, user: admin}\n"
              "- name: reader\n  context: {cluster: emulator, user: reader}\n"
              "- name: restricted\n  context: {cluster: emulator, user: restricted, namespace: "
              "team-a}\n"
            + extraContexts;
        return yaml;
    }

    /// Writes @p yaml as a kubeconfig file in the test folder and resolves @p context.
    std::optional<kube::ClusterAccess> access(const QString &context, const QByteArray &yaml = {})
    {
        const QString path = m_dir.filePath(QStringLiteral("kubeconfig"));
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return std::nullopt;
        out.write(yaml.isEmpty() ? kubeconfigYaml() : yaml);
        out.close();
        QString error;
        const kube::KubeConfig config = kube::KubeConfig::load({path}, &error);
        if (!error.isEmpty()) {
            qWarning("%s", qPrintable(error));
            return std::nullopt;
        }
        auto result = kube::ClusterAccess::resolve(config, context, &error);
        if (!result)
            qWarning("%s", qPrintable(error));
        return result;
    }

    /// Creates namespace @p name (idempotent).
    void createNamespace(const QString &name)
    {
        m_server->apply(
            QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("kind"), QStringLiteral("Namespace")},
                        {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), name}}}},
            QStringLiteral("test"));
    }

    static QJsonObject configMap(const QString &ns, const QString &name,
                                 const QString &value = QStringLiteral("v"),
                                 const QJsonObject &labels = {},
                                 const QJsonObject &annotations = {})
    {
        QJsonObject metadata{{QStringLiteral("name"), name}, {QStringLiteral("namespace"), ns}};
        if (!labels.isEmpty())
            metadata.insert(QStringLiteral("labels"), labels);
        if (!annotations.isEmpty())
            metadata.insert(QStringLiteral("annotations"), annotations);
        return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                           {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                           {QStringLiteral("metadata"), metadata},
                           {QStringLiteral("data"), QJsonObject{{QStringLiteral("k"), value}}}};
    }

private:
    std::unique_ptr<kubeemu::ApiServer> m_server;
    QTemporaryDir m_dir;
    QJsonObject m_emulatorConfig;
    QString m_caData;
    QString m_adminCertificate;
    QString m_adminKey;
    QHash<QString, QString> m_tokens;
};

} // namespace gitops::test
