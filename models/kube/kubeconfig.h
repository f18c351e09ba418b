#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace gitops::kube {

/// An exec credential plugin (`users[].user.exec`), as kubectl runs it.
struct ExecConfig
{
    QString apiVersion; ///< client.authentication.k8s.io/v1 or v1beta1
    QString command; ///< absolute when the kubeconfig gave a relative path with a slash
    QStringList args;
    QList<std::pair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode; ///< Never, IfAvailable or Always
};

/// One `clusters[]` entry. Paths are absolute (resolved against the file's folder).
struct ClusterEntry
{
    QString name;
    QString server;
    QString certificateAuthority; ///< a file
    QByteArray certificateAuthorityData; ///< PEM, decoded from base64
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
    QString definedIn; ///< "file:line" of the entry, for error messages
};

/// One `users[]` entry. Paths are absolute; `-data` fields are decoded PEM.
struct UserEntry
{
    QString name;
    QString clientCertificate;
    QByteArray clientCertificateData;
    QString clientKey;
    QByteArray clientKeyData;
    QString token;
    QString tokenFile;
    QString username;
    QString password;
    std::optional<ExecConfig> exec;
    QString definedIn;
};

/// One `contexts[]` entry.
struct ContextEntry
{
    QString name;
    QString cluster;
    QString user;
    QString namespaceName;
    QString definedIn;
};

/// A kubeconfig, read by kubectl's rules: one file parsed by parse(), several merged by
/// merge() (the first file to set a name or a field wins), found by defaultFiles() from
/// KUBECONFIG or ~/.kube/config. A plain value; any thread.
class KubeConfig
{
public:
    /// Parses one kubeconfig file's @p bytes; @p path names it in errors and is where
    /// relative paths resolve. On error returns an empty config and sets @p error to a
    /// message naming the file, line and key.
    static KubeConfig parse(const QByteArray &bytes, const QString &path, QString *error);

    /// Merges files in KUBECONFIG order: the first to define a cluster, user or context
    /// name keeps it, the first non-empty current-context wins.
    static KubeConfig merge(const QList<KubeConfig> &configs);

    /// The files kubectl would read: @p kubeconfigVariable split on ':' (empty entries
    /// dropped, duplicates once), else @p home/.kube/config.
    static QStringList defaultFiles(const QString &kubeconfigVariable, const QString &home);

    /// Reads and merges @p files. Files that do not exist are skipped, as kubectl does,
    /// unless none exists; any other read or parse error fails the whole load.
    static KubeConfig load(const QStringList &files, QString *error);

    /// load(defaultFiles(KUBECONFIG, home folder)): what kubectl would read right now.
    static KubeConfig fromEnvironment(QString *error);

    /// The files this config was read from, in order.
    QStringList files;
    QString currentContext;
    QList<ClusterEntry> clusters;
    QList<UserEntry> users;
    QList<ContextEntry> contexts;

    const ClusterEntry *cluster(const QString &name) const;
    const UserEntry *user(const QString &name) const;
    const ContextEntry *context(const QString &name) const;
    QStringList contextNames() const;
};

} // namespace gitops::kube
