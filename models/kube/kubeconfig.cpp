#include "kube/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <yaml-cpp/yaml.h>

namespace gitops::kube {

namespace {

// Errors say where: "file:line: key: problem", so that a person can open the file there.
class ParseError
{
public:
    QString text;
};

QString location(const QString &path, const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0)
        return path;
    return QStringLiteral("%1:%2").arg(path).arg(mark.line + 1);
}

[[noreturn]] void fail(const QString &path, const YAML::Node &node, const QString &key,
                       const QString &problem)
{
    throw ParseError{QStringLiteral("%1: %2: %3").arg(location(path, node), key, problem)};
}

QString scalar(const QString &path, const YAML::Node &node, const QString &key)
{
    if (!node || node.IsNull())
        return {};
    if (!node.IsScalar())
        fail(path, node, key, QStringLiteral("expected a string"));
    return QString::fromStdString(node.Scalar());
}

bool boolean(const QString &path, const YAML::Node &node, const QString &key)
{
    const QString text = scalar(path, node, key);
    if (text.isEmpty() || text == u"false" || text == u"False" || text == u"FALSE")
        return false;
    if (text == u"true" || text == u"True" || text == u"TRUE")
        return true;
    fail(path, node, key, QStringLiteral("expected true or false, not \"%1\"").arg(text));
}

QByteArray base64(const QString &path, const YAML::Node &node, const QString &key)
{
    const QString text = scalar(path, node, key);
    if (text.isEmpty())
        return {};
    const auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1().simplified().replace(' ', QByteArray()),
                                       QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        fail(path, node, key, QStringLiteral("not valid base64"));
    return *decoded;
}

QString resolvedPath(const QString &kubeconfigPath, const QString &value)
{
    if (value.isEmpty() || QDir::isAbsolutePath(value))
        return value;
    // kubectl resolves relative paths against the folder of the file that names them.
    if (value.startsWith(QStringLiteral("~/")))
        return QDir::homePath() + value.mid(1);
    return QDir::cleanPath(QFileInfo(kubeconfigPath).absoluteDir().filePath(value));
}

YAML::Node mapping(const QString &path, const YAML::Node &parent, const char *name,
                   const QString &key)
{
    const YAML::Node node = parent[name];
    if (node && !node.IsNull() && !node.IsMap())
        fail(path, node, key, QStringLiteral("expected a mapping"));
    return node;
}

// Named entries: `clusters: [{name: x, cluster: {...}}]`.
template<typename Entry, typename Read>
QList<Entry> namedList(const QString &path, const YAML::Node &root, const char *listKey,
                       const char *itemKey, Read read)
{
    QList<Entry> entries;
    const YAML::Node list = root[listKey];
    if (!list || list.IsNull())
        return entries;
    const QString listName = QString::fromLatin1(listKey);
    if (!list.IsSequence())
        fail(path, list, listName, QStringLiteral("expected a list"));
    QSet<QString> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const YAML::Node item = list[i];
        const QString key = QStringLiteral("%1[%2]").arg(listName).arg(i);
        if (!item.IsMap())
            fail(path, item, key,
                 QStringLiteral("expected a mapping with name and %1")
                     .arg(QString::fromLatin1(itemKey)));
        const QString name = scalar(path, item["name"], key + QStringLiteral(".name"));
        if (name.isEmpty())
            fail(path, item, key + QStringLiteral(".name"), QStringLiteral("missing"));
        if (seen.contains(name))
            fail(path, item, key + QStringLiteral(".name"),
                 QStringLiteral("\"%1\" is defined twice").arg(name));
        seen.insert(name);
        const QString itemPath = key + u'.' + QString::fromLatin1(itemKey);
        const YAML::Node body = mapping(path, item, itemKey, itemPath);
        Entry entry = read(body ? body : YAML::Node(YAML::NodeType::Map), itemPath);
        entry.name = name;
        entry.definedIn = location(path, item);
        entries.append(entry);
    }
    return entries;
}

QString authProviderReplacement(const QString &provider)
{
    if (provider == u"gcp")
        return QStringLiteral("gke-gcloud-auth-plugin (gcloud components install "
                              "gke-gcloud-auth-plugin)");
    if (provider == u"azure")
        return QStringLiteral(
            "kubelogin (github.com/Azure/kubelogin; kubelogin convert-kubeconfig)");
    if (provider == u"oidc")
        return QStringLiteral("kubelogin (github.com/int128/kubelogin, \"kubectl oidc-login\")");
    return QStringLiteral("the exec credential plugin your provider documents");
}

ExecConfig readExec(const QString &path, const YAML::Node &node, const QString &key)
{
    ExecConfig exec;
    exec.apiVersion = scalar(path, node["apiVersion"], key + QStringLiteral(".apiVersion"));
    if (exec.apiVersion != u"client.authentication.k8s.io/v1"
        && exec.apiVersion != u"client.authentication.k8s.io/v1beta1")
        fail(path, node, key + QStringLiteral(".apiVersion"),
             exec.apiVersion.isEmpty()
                 ? QStringLiteral("missing; use client.authentication.k8s.io/v1")
                 : QStringLiteral("\"%1\" is not supported; use "
                                  "client.authentication.k8s.io/v1 or v1beta1")
                       .arg(exec.apiVersion));
    exec.command = scalar(path, node["command"], key + QStringLiteral(".command"));
    if (exec.command.isEmpty())
        fail(path, node, key + QStringLiteral(".command"), QStringLiteral("missing"));
    // Only a relative path with a separator is relative to the kubeconfig; a bare name is
    // looked up in PATH.
    if (exec.command.contains(u'/'))
        exec.command = resolvedPath(path, exec.command);
    const YAML::Node args = node["args"];
    if (args && !args.IsNull()) {
        if (!args.IsSequence())
            fail(path, args, key + QStringLiteral(".args"), QStringLiteral("expected a list"));
        for (std::size_t i = 0; i < args.size(); ++i)
            exec.args << scalar(path, args[i], key + QStringLiteral(".args[%1]").arg(i));
    }
    const YAML::Node env = node["env"];
    if (env && !env.IsNull()) {
        if (!env.IsSequence())
            fail(path, env, key + QStringLiteral(".env"), QStringLiteral("expected a list"));
        for (std::size_t i = 0; i < env.size(); ++i) {
            const QString envKey = key + QStringLiteral(".env[%1]").arg(i);
            if (!env[i].IsMap())
                fail(path, env[i], envKey, QStringLiteral("expected name and value"));
            const QString name = scalar(path, env[i]["name"], envKey + QStringLiteral(".name"));
            if (name.isEmpty())
                fail(path, env[i], envKey + QStringLiteral(".name"), QStringLiteral("missing"));
            exec.env.append(
                {name, scalar(path, env[i]["value"], envKey + QStringLiteral(".value"))});
        }
    }
    exec.installHint = scalar(path, node["installHint"], key + QStringLiteral(".installHint"));
    exec.provideClusterInfo =
        boolean(path, node["provideClusterInfo"], key + QStringLiteral(".provideClusterInfo"));
    exec.interactiveMode =
        scalar(path, node["interactiveMode"], key + QStringLiteral(".interactiveMode"));
    if (exec.interactiveMode.isEmpty()) {
        // v1 makes the field required; v1beta1 defaulted it.
        if (exec.apiVersion.endsWith(u"/v1"))
            fail(path, node, key + QStringLiteral(".interactiveMode"),
                 QStringLiteral("required for client.authentication.k8s.io/v1 (Never, "
                                "IfAvailable or Always)"));
        exec.interactiveMode = QStringLiteral("IfAvailable");
    } else if (exec.interactiveMode != u"Never" && exec.interactiveMode != u"IfAvailable"
               && exec.interactiveMode != u"Always") {
        fail(
            path, node, key + QStringLiteral(".interactiveMode"),
            QStringLiteral("\"%1\" is not Never, IfAvailable or Always").arg(exec.interactiveMode));
    }
    return exec;
}

KubeConfig parseDocument(const QByteArray &bytes, const QString &path)
{
    YAML::Node root;
    try {
        root = YAML::Load(bytes.toStdString());
    } catch (const YAML::Exception &e) {
        throw ParseError{QStringLiteral("%1:%2: not valid YAML: %3")
                             .arg(path)
                             .arg(e.mark.line + 1)
                             .arg(QString::fromStdString(e.msg))};
    }
    KubeConfig config;
    config.files << path;
    if (!root || root.IsNull())
        return config; // an empty file is an empty config, as for kubectl
    if (!root.IsMap())
        fail(path, root, QStringLiteral("(top level)"),
             QStringLiteral("expected a mapping with clusters, users and contexts"));
    const QString kind = scalar(path, root["kind"], QStringLiteral("kind"));
    if (!kind.isEmpty() && kind != u"Config")
        fail(path, root["kind"], QStringLiteral("kind"),
             QStringLiteral("\"%1\" is not a kubeconfig (kind: Config)").arg(kind));
    config.currentContext =
        scalar(path, root["current-context"], QStringLiteral("current-context"));

    config.clusters = namedList<ClusterEntry>(
        path, root, "clusters", "cluster", [&](const YAML::Node &node, const QString &key) {
            ClusterEntry cluster;
            cluster.server = scalar(path, node["server"], key + QStringLiteral(".server"));
            cluster.certificateAuthority =
                resolvedPath(path,
                             scalar(path, node["certificate-authority"],
                                    key + QStringLiteral(".certificate-authority")));
            cluster.certificateAuthorityData =
                base64(path, node["certificate-authority-data"],
                       key + QStringLiteral(".certificate-authority-data"));
            cluster.insecureSkipTlsVerify =
                boolean(path, node["insecure-skip-tls-verify"],
                        key + QStringLiteral(".insecure-skip-tls-verify"));
            cluster.tlsServerName =
                scalar(path, node["tls-server-name"], key + QStringLiteral(".tls-server-name"));
            cluster.proxyUrl = scalar(path, node["proxy-url"], key + QStringLiteral(".proxy-url"));
            if (cluster.insecureSkipTlsVerify
                && (!cluster.certificateAuthority.isEmpty()
                    || !cluster.certificateAuthorityData.isEmpty()))
                fail(path, node, key + QStringLiteral(".insecure-skip-tls-verify"),
                     QStringLiteral("cannot be combined with a certificate authority"));
            return cluster;
        });

    config.users = namedList<UserEntry>(
        path, root, "users", "user", [&](const YAML::Node &node, const QString &key) {
            UserEntry user;
            if (const YAML::Node provider = node["auth-provider"]; provider && !provider.IsNull()) {
                const QString name = provider.IsMap()
                    ? scalar(path, provider["name"], key + QStringLiteral(".auth-provider.name"))
                    : QString();
                fail(path, provider, key + QStringLiteral(".auth-provider"),
                     QStringLiteral("the \"%1\" auth provider was removed from kubectl; "
                                    "use an exec plugin instead: %2")
                         .arg(name, authProviderReplacement(name)));
            }
            user.clientCertificate =
                resolvedPath(path,
                             scalar(path, node["client-certificate"],
                                    key + QStringLiteral(".client-certificate")));
            user.clientCertificateData = base64(path, node["client-certificate-data"],
                                                key + QStringLiteral(".client-certificate-data"));
            user.clientKey = resolvedPath(
                path, scalar(path, node["client-key"], key + QStringLiteral(".client-key")));
            user.clientKeyData =
                base64(path, node["client-key-data"], key + QStringLiteral(".client-key-data"));
            user.token = scalar(path, node["token"], key + QStringLiteral(".token"));
            user.tokenFile = resolvedPath(
                path, scalar(path, node["tokenFile"], key + QStringLiteral(".tokenFile")));
            user.username = scalar(path, node["username"], key + QStringLiteral(".username"));
            user.password = scalar(path, node["password"], key + QStringLiteral(".password"));
            const bool hasCertificate =
                !user.clientCertificate.isEmpty() || !user.clientCertificateData.isEmpty();
            const bool hasKey = !user.clientKey.isEmpty() || !user.clientKeyData.isEmpty();
            if (hasCertificate != hasKey)
                fail(path, node,
                     key
                         + (hasCertificate ? QStringLiteral(".client-key")
                                           : QStringLiteral(".client-certificate")),
                     QStringLiteral("missing: a client certificate needs its key and the key its "
                                    "certificate"));
            const bool hasToken = !user.token.isEmpty() || !user.tokenFile.isEmpty();
            const bool hasBasic = !user.username.isEmpty() || !user.password.isEmpty();
            if (hasToken && hasBasic)
                fail(path, node, key,
                     QStringLiteral("more than one authentication method (token and "
                                    "username/password); only one is allowed"));
            if (const YAML::Node exec = mapping(path, node, "exec", key + QStringLiteral(".exec"));
                exec && !exec.IsNull())
                user.exec = readExec(path, exec, key + QStringLiteral(".exec"));
            return user;
        });

    config.contexts = namedList<ContextEntry>(
        path, root, "contexts", "context", [&](const YAML::Node &node, const QString &key) {
            ContextEntry context;
            context.cluster = scalar(path, node["cluster"], key + QStringLiteral(".cluster"));
            context.user = scalar(path, node["user"], key + QStringLiteral(".user"));
            context.namespaceName =
                scalar(path, node["namespace"], key + QStringLiteral(".namespace"));
            return context;
        });
    return config;
}

template<typename Entry>
const Entry *findNamed(const QList<Entry> &entries, const QString &name)
{
    for (const Entry &entry : entries) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

template<typename Entry>
void mergeNamed(QList<Entry> &into, const QList<Entry> &from)
{
    for (const Entry &entry : from) {
        if (!findNamed(into, entry.name))
            into.append(entry);
    }
}

} // namespace

KubeConfig KubeConfig::parse(const QByteArray &bytes, const QString &path, QString *error)
{
    try {
        return parseDocument(bytes, path);
    } catch (const ParseError &e) {
        *error = e.text;
    } catch (const YAML::Exception &e) {
        // Conversions inside yaml-cpp can still throw on odd input; never let them escape.
        *error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(e.what()));
    }
    return {};
}

KubeConfig KubeConfig::merge(const QList<KubeConfig> &configs)
{
    KubeConfig merged;
    for (const KubeConfig &config : configs) {
        merged.files += config.files;
        if (merged.currentContext.isEmpty())
            merged.currentContext = config.currentContext;
        mergeNamed(merged.clusters, config.clusters);
        mergeNamed(merged.users, config.users);
        mergeNamed(merged.contexts, config.contexts);
    }
    return merged;
}

QStringList KubeConfig::defaultFiles(const QString &kubeconfigVariable, const QString &home)
{
    QStringList files;
    for (const QString &file : kubeconfigVariable.split(u':', Qt::SkipEmptyParts)) {
        if (!files.contains(file))
            files << file;
    }
    if (files.isEmpty())
        files << QDir(home).filePath(QStringLiteral(".kube/config"));
    return files;
}

KubeConfig KubeConfig::load(const QStringList &files, QString *error)
{
    QList<KubeConfig> configs;
    for (const QString &file : files) {
        QFile in(file);
        if (!in.exists())
            continue;
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot read: %2").arg(file, in.errorString());
            return {};
        }
        QString parseError;
        KubeConfig config = parse(in.readAll(), file, &parseError);
        if (!parseError.isEmpty()) {
            *error = parseError;
            return {};
        }
        configs.append(config);
    }
    if (configs.isEmpty()) {
        *error = QStringLiteral("no kubeconfig found (looked for %1)")
                     .arg(files.join(QStringLiteral(", ")));
        return {};
    }
    return merge(configs);
}

KubeConfig KubeConfig::fromEnvironment(QString *error)
{
    return load(defaultFiles(qEnvironmentVariable("KUBECONFIG"), QDir::homePath()), error);
}

const ClusterEntry *KubeConfig::cluster(const QString &name) const
{
    return findNamed(clusters, name);
}

const UserEntry *KubeConfig::user(const QString &name) const
{
    return findNamed(users, name);
}

const ContextEntry *KubeConfig::context(const QString &name) const
{
    return findNamed(contexts, name);
}

QStringList KubeConfig::contextNames() const
{
    QStringList names;
    for (const ContextEntry &context : contexts)
        names << context.name;
    return names;
}

} // namespace gitops::kube
