#include "commitsigner.h"

#include "git/libgit2.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryFile>

namespace gitops::git {

namespace {

QString configString(git_config *config, const char *name)
{
    const char *value = nullptr;
    if (git_config_get_string(&value, config, name) < 0 || !value)
        return {};
    return QString::fromUtf8(value);
}

QString expandHome(const QString &path)
{
    return path.startsWith(QLatin1String("~/")) ? QDir::home().filePath(path.mid(2)) : path;
}

} // namespace

std::variant<CommitSigner, QString> CommitSigner::fromConfig(git_repository *repository)
{
    git_config *raw = nullptr;
    int rc = git_repository_config_snapshot(&raw, repository);
    if (rc < 0)
        return QStringLiteral("reading git config: %1").arg(lastErrorMessage(rc));
    const ConfigHandle config(raw);
    CommitSigner signer;
    int enabled = 0;
    rc = git_config_get_bool(&enabled, config.get(), "commit.gpgsign");
    if (rc == GIT_ENOTFOUND || (rc == 0 && !enabled))
        return signer;
    if (rc < 0)
        return QStringLiteral("commit.gpgsign: %1").arg(lastErrorMessage(rc));
    signer.m_enabled = true;
    signer.m_format = configString(config.get(), "gpg.format");
    if (signer.m_format.isEmpty())
        signer.m_format = QStringLiteral("openpgp");
    signer.m_key = configString(config.get(), "user.signingkey");
    if (signer.m_format == QLatin1String("ssh")) {
        signer.m_program = configString(config.get(), "gpg.ssh.program");
        if (signer.m_program.isEmpty())
            signer.m_program = QStringLiteral("ssh-keygen");
        if (signer.m_key.isEmpty())
            return QStringLiteral("commit.gpgsign asks for an ssh signature but user.signingkey "
                                  "is not set; set it to your key file (git config --global "
                                  "user.signingkey ~/.ssh/id_ed25519.pub)");
    } else if (signer.m_format == QLatin1String("openpgp")) {
        signer.m_program = configString(config.get(), "gpg.openpgp.program");
        if (signer.m_program.isEmpty())
            signer.m_program = configString(config.get(), "gpg.program");
        if (signer.m_program.isEmpty())
            signer.m_program = QStringLiteral("gpg");
        if (signer.m_key.isEmpty()) {
            // git signs with the committer's identity then; so does gpg's default key.
            git_signature *rawSignature = nullptr;
            if (git_signature_default(&rawSignature, repository) == 0) {
                const SignatureHandle committer(rawSignature);
                signer.m_key = QStringLiteral("%1 <%2>").arg(QString::fromUtf8(committer->name),
                                                             QString::fromUtf8(committer->email));
            }
        }
    } else {
        return QStringLiteral("gpg.format \u201c%1\u201d is not supported (use ssh or openpgp)")
            .arg(signer.m_format);
    }
    return signer;
}

std::variant<QByteArray, QString> CommitSigner::sign(const QByteArray &commit) const
{
    QStringList arguments;
    std::unique_ptr<QTemporaryFile> keyFile;
    if (m_format == QLatin1String("ssh")) {
        QString key = expandHome(m_key);
        if (key.startsWith(QLatin1String("key::"))) {
            keyFile = std::make_unique<QTemporaryFile>();
            if (!keyFile->open())
                return QStringLiteral("signing the commit: %1").arg(keyFile->errorString());
            keyFile->write(key.mid(5).toUtf8() + '\n');
            keyFile->flush();
            key = keyFile->fileName();
        }
        // From standard input to standard output; a public key file means "its private
        // half is in the agent".
        arguments = {QStringLiteral("-Y"),  QStringLiteral("sign"), QStringLiteral("-n"),
                     QStringLiteral("git"), QStringLiteral("-f"),   key};
    } else {
        arguments = {QStringLiteral("--status-fd=2"),   QStringLiteral("--batch"),
                     QStringLiteral("--pinentry-mode"), QStringLiteral("error"),
                     QStringLiteral("-bsau"),           m_key};
    }
    QProcess signer;
    signer.start(m_program, arguments);
    if (!signer.waitForStarted(10000))
        return QStringLiteral("signing the commit (gpg.format %1): cannot run %2: %3")
            .arg(m_format, m_program, signer.errorString());
    signer.write(commit);
    signer.closeWriteChannel();
    if (!signer.waitForFinished(60000)) {
        signer.kill();
        signer.waitForFinished(1000);
        return QStringLiteral("signing the commit: %1 did not finish within 60 s").arg(m_program);
    }
    const QByteArray signature = signer.readAllStandardOutput();
    const QByteArray errors = signer.readAllStandardError();
    const bool created = m_format == QLatin1String("ssh")
        ? signature.contains("BEGIN SSH SIGNATURE")
        : errors.contains("SIG_CREATED");
    if (signer.exitStatus() != QProcess::NormalExit || signer.exitCode() != 0 || !created) {
        QString reason = QString::fromLocal8Bit(errors).trimmed();
        if (reason.isEmpty())
            reason = QStringLiteral("exit code %1").arg(signer.exitCode());
        return QStringLiteral("signing the commit with %1 (gpg.format %2, user.signingkey %3) "
                              "failed: %4")
            .arg(m_program, m_format, m_key, reason);
    }
    return signature;
}

} // namespace gitops::git
