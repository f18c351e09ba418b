#include "credentialhelper.h"

#include "logging.h"

#include <QProcess>

namespace gitops::git {

namespace {

QByteArray describe(const QUrl &url, const std::optional<CredentialHelper::Credential> &credential)
{
    // git credential's own format: key=value lines, ended by an empty line.
    QByteArray text = "protocol=" + url.scheme().toUtf8() + '\n';
    QString host = url.host();
    if (url.port() > 0)
        host += QLatin1Char(':') + QString::number(url.port());
    text += "host=" + host.toUtf8() + '\n';
    const QString path = url.path().mid(1);
    if (!path.isEmpty())
        text += "path=" + path.toUtf8() + '\n';
    const QString user = credential ? credential->username : url.userName();
    if (!user.isEmpty())
        text += "username=" + user.toUtf8() + '\n';
    if (credential)
        text += "password=" + credential->password.toUtf8() + '\n';
    return text + '\n';
}

} // namespace

CredentialHelper::CredentialHelper(const QString &workingDirectory)
    : m_workingDirectory(workingDirectory)
{ }

bool CredentialHelper::run(const QString &action, const QByteArray &input, QByteArray *output)
{
    QProcess git;
    git.setWorkingDirectory(m_workingDirectory);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    git.setProcessEnvironment(environment);
    git.start(QStringLiteral("git"), {QStringLiteral("credential"), action});
    if (!git.waitForStarted(10000)) {
        m_error =
            QStringLiteral("could not run git credential %1: %2").arg(action, git.errorString());
        return false;
    }
    git.write(input);
    git.closeWriteChannel();
    if (!git.waitForFinished(30000)) {
        git.kill();
        git.waitForFinished(1000);
        m_error = QStringLiteral("git credential %1 did not answer within 30 s").arg(action);
        return false;
    }
    if (output)
        *output = git.readAllStandardOutput();
    if (git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0) {
        // Its stderr says which helper failed; it holds no secret (the password is never
        // echoed), but keep it out of the log anyway and show only the first line.
        const QByteArray stderrText = git.readAllStandardError().trimmed();
        m_error = QStringLiteral("git credential %1 failed: %2")
                      .arg(action, QString::fromLocal8Bit(stderrText.split('\n').value(0)));
        return false;
    }
    return true;
}

std::optional<CredentialHelper::Credential> CredentialHelper::fill(const QUrl &url)
{
    m_error.clear();
    QByteArray answer;
    if (!run(QStringLiteral("fill"), describe(url, std::nullopt), &answer))
        return std::nullopt;
    Credential credential;
    for (const QByteArray &line : answer.split('\n')) {
        if (line.startsWith("username="))
            credential.username = QString::fromUtf8(line.mid(9));
        else if (line.startsWith("password="))
            credential.password = QString::fromUtf8(line.mid(9));
    }
    if (credential.username.isEmpty() && credential.password.isEmpty()) {
        m_error = QStringLiteral("no credential helper has credentials for it");
        return std::nullopt;
    }
    qCDebug(lcGit) << "credential helpers answered for" << url.host() << "user"
                   << credential.username;
    return credential;
}

void CredentialHelper::approve(const QUrl &url, const Credential &credential)
{
    if (!run(QStringLiteral("approve"), describe(url, credential), nullptr))
        qCWarning(lcGit) << m_error;
}

void CredentialHelper::reject(const QUrl &url, const Credential &credential)
{
    if (!run(QStringLiteral("reject"), describe(url, credential), nullptr))
        qCWarning(lcGit) << m_error;
}

} // namespace gitops::git
