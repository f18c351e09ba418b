#include "kube/authenticator.h"

#include "logging.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace gitops::kube {

namespace {

constexpr int pluginTimeoutMs = 120000;

QString pluginName(const ExecConfig &exec)
{
    return QFileInfo(exec.command).fileName();
}

} // namespace

Authenticator::Authenticator(const ClusterAccess &access, QObject *parent)
    : QObject(parent)
    , m_access(access)
{ }

Authenticator::~Authenticator()
{
    if (m_process) {
        // QProcess's destructor kills the child; it must not report back into a dying object.
        m_process->disconnect(this);
    }
}

std::optional<Credential> Authenticator::parseExecCredential(const QByteArray &output,
                                                             const QString &apiVersion,
                                                             QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (!document.isObject()) {
        *error = QStringLiteral("did not print an ExecCredential as JSON (%1)")
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(u"kind").toString() != u"ExecCredential") {
        *error = QStringLiteral("printed kind \"%1\", expected ExecCredential")
                     .arg(root.value(u"kind").toString());
        return std::nullopt;
    }
    if (root.value(u"apiVersion").toString() != apiVersion) {
        *error = QStringLiteral("printed apiVersion \"%1\", but the kubeconfig asks for \"%2\"")
                     .arg(root.value(u"apiVersion").toString(), apiVersion);
        return std::nullopt;
    }
    const QJsonObject status = root.value(u"status").toObject();
    Credential credential;
    const QString token = status.value(u"token").toString();
    if (!token.isEmpty())
        credential.authorization = "Bearer " + token.toUtf8();
    const QByteArray certificate = status.value(u"clientCertificateData").toString().toUtf8();
    const QByteArray key = status.value(u"clientKeyData").toString().toUtf8();
    if (!certificate.isEmpty() || !key.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certificate, QSsl::Pem);
        credential.key = ClusterAccess::readPrivateKey(key);
        if (chain.isEmpty() || credential.key.isNull()) {
            *error = QStringLiteral("printed clientCertificateData/clientKeyData that are not "
                                    "a PEM certificate and key");
            return std::nullopt;
        }
        credential.certificate = chain.first();
    }
    if (token.isEmpty() && credential.certificate.isNull()) {
        *error = QStringLiteral("printed neither status.token nor status.clientCertificateData");
        return std::nullopt;
    }
    const QString expiry = status.value(u"expirationTimestamp").toString();
    if (!expiry.isEmpty()) {
        credential.expires = QDateTime::fromString(expiry, Qt::ISODateWithMs);
        if (!credential.expires.isValid()) {
            *error = QStringLiteral("printed expirationTimestamp \"%1\", not an RFC 3339 time")
                         .arg(expiry);
            return std::nullopt;
        }
    }
    return credential;
}

void Authenticator::obtain(QObject *context, const Callback &done)
{
    const UserEntry &user = m_access.user;
    if (user.exec) {
        if (m_cached
            && (!m_cached->expires.isValid()
                || m_cached->expires > QDateTime::currentDateTimeUtc().addSecs(10))) {
            done(*m_cached, {});
            return;
        }
        m_cached.reset();
        m_waiters.append({context, done});
        if (!m_process)
            runPlugin();
        return;
    }
    Credential credential;
    if (!user.token.isEmpty()) {
        credential.authorization = "Bearer " + user.token.toUtf8();
    } else if (!user.tokenFile.isEmpty()) {
        // Re-read when the file changes: projected service-account tokens rotate in place.
        const QFileInfo info(user.tokenFile);
        if (!m_fileTokenModified.isValid() || info.lastModified() != m_fileTokenModified) {
            QFile in(user.tokenFile);
            if (!in.open(QIODevice::ReadOnly)) {
                done(Credential(),
                     QStringLiteral("%1: users[%2].tokenFile: cannot read %3: %4")
                         .arg(user.definedIn, user.name, user.tokenFile, in.errorString()));
                return;
            }
            m_fileToken = in.readAll().trimmed();
            m_fileTokenModified = info.lastModified();
        }
        credential.authorization = "Bearer " + m_fileToken;
    } else if (!user.username.isEmpty()) {
        credential.authorization =
            "Basic " + (user.username + u':' + user.password).toUtf8().toBase64();
    }
    done(credential, {});
}

bool Authenticator::invalidate()
{
    if (m_access.user.exec) {
        m_cached.reset();
        return true;
    }
    if (!m_access.user.tokenFile.isEmpty()) {
        m_fileTokenModified = {};
        return true;
    }
    return false;
}

QByteArray Authenticator::execInfo() const
{
    const ExecConfig &exec = *m_access.user.exec;
    QJsonObject spec{{QStringLiteral("interactive"), false}};
    if (exec.provideClusterInfo) {
        QJsonObject cluster{{QStringLiteral("server"), m_access.cluster.server}};
        if (!m_access.cluster.tlsServerName.isEmpty())
            cluster.insert(QStringLiteral("tls-server-name"), m_access.cluster.tlsServerName);
        if (m_access.cluster.insecureSkipTlsVerify)
            cluster.insert(QStringLiteral("insecure-skip-tls-verify"), true);
        QByteArray ca = m_access.cluster.certificateAuthorityData;
        if (ca.isEmpty()) {
            for (const QSslCertificate &certificate : m_access.caCertificates)
                ca += certificate.toPem();
        }
        if (!ca.isEmpty())
            cluster.insert(QStringLiteral("certificate-authority-data"),
                           QString::fromLatin1(ca.toBase64()));
        if (!m_access.cluster.proxyUrl.isEmpty())
            cluster.insert(QStringLiteral("proxy-url"), m_access.cluster.proxyUrl);
        spec.insert(QStringLiteral("cluster"), cluster);
    }
    const QJsonObject info{{QStringLiteral("apiVersion"), exec.apiVersion},
                           {QStringLiteral("kind"), QStringLiteral("ExecCredential")},
                           {QStringLiteral("spec"), spec}};
    return QJsonDocument(info).toJson(QJsonDocument::Compact);
}

void Authenticator::runPlugin()
{
    const ExecConfig &exec = *m_access.user.exec;
    if (exec.interactiveMode == u"Always") {
        finishWaiters(Credential(),
                      QStringLiteral("%1: users[%2].exec: the plugin %3 needs an interactive "
                                     "terminal (interactiveMode: Always); run kubectl once in "
                                     "a terminal, or set interactiveMode to IfAvailable")
                          .arg(m_access.user.definedIn, m_access.user.name, pluginName(exec)));
        return;
    }
    ++m_pluginRuns;
    m_process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : exec.env)
        environment.insert(name, value);
    environment.insert(QStringLiteral("KUBERNETES_EXEC_INFO"), QString::fromUtf8(execInfo()));
    m_process->setProcessEnvironment(environment);
    m_process->setProgram(exec.command);
    m_process->setArguments(exec.args);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::finished, this, &Authenticator::pluginFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            pluginFinished();
    });
    QTimer::singleShot(pluginTimeoutMs, m_process, [process = m_process] { process->kill(); });
    qCDebug(lcKube) << "running exec credential plugin" << exec.command;
    m_process->start();
}

void Authenticator::pluginFinished()
{
    QProcess *process = m_process;
    if (!process)
        return;
    m_process = nullptr;
    process->deleteLater();
    const ExecConfig &exec = *m_access.user.exec;
    const QString where =
        QStringLiteral("%1: users[%2].exec").arg(m_access.user.definedIn, m_access.user.name);
    if (process->error() == QProcess::FailedToStart) {
        QString message = QStringLiteral("%1: cannot run the credential plugin \"%2\": %3")
                              .arg(where, exec.command, process->errorString());
        if (!exec.installHint.isEmpty())
            message += u'\n' + exec.installHint.trimmed();
        finishWaiters(Credential(), message);
        return;
    }
    if (process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0) {
        const QString stderrText = QString::fromUtf8(process->readAllStandardError()).trimmed();
        finishWaiters(
            Credential(),
            QStringLiteral("%1: the credential plugin \"%2\" failed (exit code %3)%4")
                .arg(where, exec.command)
                .arg(process->exitCode())
                .arg(stderrText.isEmpty() ? QString() : QStringLiteral(": ") + stderrText));
        return;
    }
    QString error;
    const std::optional<Credential> credential =
        parseExecCredential(process->readAllStandardOutput(), exec.apiVersion, &error);
    if (!credential) {
        finishWaiters(
            Credential(),
            QStringLiteral("%1: the credential plugin \"%2\" %3").arg(where, exec.command, error));
        return;
    }
    m_cached = credential;
    finishWaiters(*credential, {});
}

void Authenticator::finishWaiters(const Credential &credential, const QString &error)
{
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(credential, error);
    }
}

} // namespace gitops::kube
