#include "forge/tokenstore.h"

#include "forge/forgelogging.h"

#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace gitops::forge {

using namespace Qt::StringLiterals;

namespace {

// Runs @p job and calls @p done once: when it finishes, or with a "no answer" error after
// @p timeoutMs. A job that never answers (a KWallet waiting to be unlocked) stays a child
// of @p owner and is ignored.
void runBounded(QKeychain::Job *job, QObject *owner, int timeoutMs, QObject *context,
                std::function<void(QKeychain::Job *, const QString &timeout)> done)
{
    auto answered = std::make_shared<bool>(false);
    const QPointer<QObject> guard(context);
    auto finish = [answered, guard, context, done](QKeychain::Job *finished,
                                                   const QString &timeout) {
        if (*answered)
            return;
        *answered = true;
        if (context && !guard)
            return;
        done(finished, timeout);
    };
    job->setAutoDelete(true);
    // Never the plaintext QSettings fallback.
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, owner,
                     [finish](QKeychain::Job *finished) { finish(finished, QString()); });
    QTimer::singleShot(timeoutMs, owner, [finish, timeoutMs] {
        finish(nullptr,
               QStringLiteral("the keychain did not answer within %1 s (locked, or waiting "
                              "to be unlocked?)")
                   .arg(timeoutMs / 1000.0));
    });
    job->start();
}

// QtKeychain's own text can be as thin as "Unknown error": say what was tried.
QString keychainProblem(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        return QStringLiteral("no keychain service is running (Secret Service or KWallet): %1")
            .arg(job->errorString());
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("the keychain refused access: %1").arg(job->errorString());
    default:
        return QStringLiteral("the keychain could not be reached (no session D-Bus or wallet?): %1")
            .arg(job->errorString());
    }
}

} // namespace

std::optional<std::pair<QString, QByteArray>>
tokenFromEnvironment(ForgeType type, const QString &host, const QProcessEnvironment &environment)
{
    QStringList names;
    switch (type) {
    case ForgeType::GitHub:
        if (host.compare(u"github.com", Qt::CaseInsensitive) != 0
            && host.compare(u"api.github.com", Qt::CaseInsensitive) != 0)
            names << QStringLiteral("GH_ENTERPRISE_TOKEN")
                  << QStringLiteral("GITHUB_ENTERPRISE_TOKEN");
        names << QStringLiteral("GH_TOKEN") << QStringLiteral("GITHUB_TOKEN");
        break;
    case ForgeType::GitLab:
        names << QStringLiteral("GITLAB_TOKEN");
        break;
    case ForgeType::Gitea:
        names << QStringLiteral("GITEA_TOKEN");
        break;
    case ForgeType::Bitbucket:
    case ForgeType::Unknown:
        break;
    }
    for (const QString &name : names) {
        const QByteArray value = environment.value(name).trimmed().toUtf8();
        if (!value.isEmpty())
            return std::make_pair(name, value);
    }
    return std::nullopt;
}

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{ }

TokenStore::~TokenStore() = default;

void TokenStore::lookup(const QString &host, ForgeType type, QObject *context,
                        std::function<void(const TokenLookup &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(service(), this);
    job->setKey(keyFor(host));
    const QProcessEnvironment environment = m_environment;
    runBounded(
        job, this, m_timeoutMs, context,
        [this, host, type, environment, context, done](QKeychain::Job *finished,
                                                       const QString &timeout) {
            TokenLookup result;
            if (finished && finished->error() == QKeychain::NoError) {
                result.token = static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
                result.source = QStringLiteral("keychain");
            } else if (!finished) {
                result.problem = timeout;
            } else if (finished->error() != QKeychain::EntryNotFound) {
                result.problem = keychainProblem(finished);
            }
            if (!result.found()) {
                if (const auto fromEnvironment = tokenFromEnvironment(type, host, environment)) {
                    result.source = fromEnvironment->first;
                    result.token = fromEnvironment->second;
                }
            }
            if (!result.found()) {
                fromCli(host, type, result, context, done);
                return;
            }
            qCDebug(lcForge).noquote()
                << "token for" << host << "from" << result.source
                << (result.problem.isEmpty() ? QString()
                                             : u"(keychain: "_s + result.problem + u')');
            done(result);
        });
}

void TokenStore::fromCli(const QString &host, ForgeType type, TokenLookup result, QObject *context,
                         std::function<void(const TokenLookup &)> done)
{
    QString program;
    QStringList arguments;
    if (type == ForgeType::GitHub) {
        program = QStringLiteral("gh");
        arguments = {u"auth"_s, u"token"_s, u"--hostname"_s, host};
    } else if (type == ForgeType::GitLab) {
        program = QStringLiteral("glab");
        arguments = {u"auth"_s, u"status"_s, u"--hostname"_s, host, u"--show-token"_s};
    }
    // Looked up on the PATH the CLI would run with.
    const QString executable = program.isEmpty()
        ? QString()
        : QStandardPaths::findExecutable(
            program, m_environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts));
    const QPointer<QObject> guard(context);
    auto finish = [host, guard, context, done](const TokenLookup &lookup) {
        qCDebug(lcForge).noquote()
            << "token for" << host << "from"
            << (lookup.found() ? lookup.source : QStringLiteral("nowhere"))
            << (lookup.problem.isEmpty() ? QString() : u"("_s + lookup.problem + u')');
        if (context && !guard)
            return;
        done(lookup);
    };
    if (executable.isEmpty()) {
        finish(result);
        return;
    }

    auto *process = new QProcess(this);
    process->setProcessEnvironment(m_environment);
    process->setProgram(executable);
    process->setArguments(arguments);
    const QString command = program + u' ' + arguments.mid(0, 2).join(u' ');
    auto answered = std::make_shared<bool>(false);
    connect(process, &QProcess::finished, this,
            [process, type, result, command, answered, finish](int exitCode,
                                                               QProcess::ExitStatus status) {
                process->deleteLater();
                if (*answered)
                    return;
                *answered = true;
                TokenLookup lookup = result;
                const QByteArray out = process->readAllStandardOutput();
                const QByteArray err = process->readAllStandardError();
                if (status == QProcess::NormalExit && exitCode == 0) {
                    QByteArray token = out.trimmed();
                    if (type == ForgeType::GitLab) {
                        // glab prints "Token: glpat-..." among its status lines (on stderr).
                        static const QRegularExpression line(QStringLiteral("Token:\\s*(\\S+)"));
                        const QRegularExpressionMatch match =
                            line.match(QString::fromUtf8(out + '\n' + err));
                        token = match.hasMatch() ? match.captured(1).toUtf8() : QByteArray();
                    }
                    if (!token.isEmpty() && !token.contains(' ') && !token.contains('\n')) {
                        lookup.token = token;
                        lookup.source = command;
                    }
                }
                finish(lookup);
            });
    const int timeoutMs = m_timeoutMs;
    QTimer::singleShot(timeoutMs, process, [process, result, command, answered, finish, timeoutMs] {
        if (*answered)
            return;
        *answered = true;
        process->kill();
        TokenLookup lookup = result;
        const QString late =
            QStringLiteral("%1 did not answer within %2 s").arg(command).arg(timeoutMs / 1000.0);
        lookup.problem = lookup.problem.isEmpty() ? late : lookup.problem + u"; " + late;
        finish(lookup);
    });
    process->start();
}

void TokenStore::store(const QString &host, const QByteArray &token, QObject *context,
                       std::function<void(const QString &error)> done)
{
    auto *job = new QKeychain::WritePasswordJob(service(), this);
    job->setKey(keyFor(host));
    job->setBinaryData(token);
    runBounded(
        job, this, m_timeoutMs, context, [done](QKeychain::Job *finished, const QString &timeout) {
            if (!finished)
                done(timeout);
            else if (finished->error() != QKeychain::NoError)
                done(QStringLiteral("the token was not stored: %1").arg(keychainProblem(finished)));
            else
                done(QString());
        });
}

void TokenStore::forget(const QString &host, QObject *context,
                        std::function<void(const QString &error)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(service(), this);
    job->setKey(keyFor(host));
    runBounded(job, this, m_timeoutMs, context,
               [done](QKeychain::Job *finished, const QString &timeout) {
                   if (!finished)
                       done(timeout);
                   else if (finished->error() != QKeychain::NoError
                            && finished->error() != QKeychain::EntryNotFound)
                       done(keychainProblem(finished));
                   else
                       done(QString());
               });
}

} // namespace gitops::forge
