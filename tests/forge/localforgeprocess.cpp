#include "localforgeprocess.h"

#include "childprocess.h"
#include "gitfixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrl>
#include <QUrlQuery>

#include <csignal>

namespace gitops::test {

LocalForgeProcess::LocalForgeProcess(const QString &flavor)
    : m_flavor(flavor)
{ }

LocalForgeProcess::~LocalForgeProcess()
{
    stop();
}

QString LocalForgeProcess::project() const
{
    return m_flavor == u"gitlab" ? QStringLiteral("acme/platform/deploy")
                                 : QStringLiteral("acme/deploy");
}

QString LocalForgeProcess::apiBase() const
{
    if (m_flavor == u"gitlab")
        return m_url + QStringLiteral("/api/v4");
    if (m_flavor == u"gitea")
        return m_url + QStringLiteral("/api/v1");
    return m_url + QStringLiteral("/api/v3");
}

QString LocalForgeProcess::bareRepository() const
{
    return m_dir.filePath(QStringLiteral("root/") + project() + QStringLiteral(".git"));
}

bool LocalForgeProcess::start(const QString &executable, const QStringList &arguments,
                              QString *error)
{
    const QString work = m_dir.filePath(QStringLiteral("work"));
    if (makeRepository(work).isEmpty()) {
        *error = QStringLiteral("could not make the repository");
        return false;
    }
    QDir().mkpath(QFileInfo(bareRepository()).path());
    runGit(work,
           {QStringLiteral("clone"), QStringLiteral("--quiet"), QStringLiteral("--bare"), work,
            bareRepository()});

    endWithTheTest(m_process);
    m_process.setProgram(executable);
    m_process.setArguments(
        QStringList{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--flavor"),
                    m_flavor, QStringLiteral("--root"), m_dir.filePath(QStringLiteral("root")),
                    QStringLiteral("--token"), QString::fromLatin1(writeToken()),
                    QStringLiteral("--read-token"), QString::fromLatin1(readToken())}
        + arguments);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (!m_process.canReadLine()
            && !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_process.state() != QProcess::Running)
                break;
            continue;
        }
        const QByteArray line = m_process.readLine().trimmed();
        if (line.startsWith("listening on ")) {
            m_url = QString::fromUtf8(line.mid(13));
            return true;
        }
    }
    *error = QStringLiteral("local-forge did not start: %1")
                 .arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
    stop();
    return false;
}

void LocalForgeProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString LocalForgeProcess::pushBranch(const QString &branch, const QString &file)
{
    const QString work = m_dir.filePath(QStringLiteral("work"));
    runGit(work,
           {QStringLiteral("checkout"), QStringLiteral("--quiet"), QStringLiteral("-B"), branch,
            QStringLiteral("main")});
    QFile out(QDir(work).filePath(file));
    QDir().mkpath(QFileInfo(out.fileName()).path()); // `apps/web/deploy.yaml`
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(branch.toUtf8() + '\n');
    out.close();
    runGit(work, {QStringLiteral("add"), file});
    runGit(work,
           {QStringLiteral("commit"), QStringLiteral("--quiet"), QStringLiteral("-m"),
            QStringLiteral("Change on ") + branch});
    runGit(work,
           {QStringLiteral("push"), QStringLiteral("--quiet"), QStringLiteral("--force"),
            bareRepository(), branch});
    runGit(work, {QStringLiteral("checkout"), QStringLiteral("--quiet"), QStringLiteral("main")});
    return branchTip(branch);
}

QString LocalForgeProcess::branchTip(const QString &branch) const
{
    return runGit(m_dir.path(),
                  {QStringLiteral("--git-dir"), bareRepository(), QStringLiteral("rev-parse"),
                   QStringLiteral("refs/heads/") + branch});
}

QStringList LocalForgeProcess::parents(const QString &commit) const
{
    return runGit(m_dir.path(),
                  {QStringLiteral("--git-dir"), bareRepository(), QStringLiteral("rev-parse"),
                   commit + QStringLiteral("^@")})
        .split(u'\n', Qt::SkipEmptyParts);
}

LocalForgeProcess::Answer LocalForgeProcess::call(const QByteArray &method,
                                                  const QString &pathAndQuery,
                                                  const QByteArray &body)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(m_url + pathAndQuery));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(15000);
    Answer answer;
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    reply->deleteLater();
    return answer;
}

QJsonArray LocalForgeProcess::pulls()
{
    return QJsonDocument::fromJson(call("GET", QStringLiteral("/_forge/pulls")).body).array();
}

int LocalForgeProcess::finish(int number, bool merge)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("project"), project());
    query.addQueryItem(QStringLiteral("number"), QString::number(number));
    return call("POST",
                (merge ? QStringLiteral("/_forge/merge?") : QStringLiteral("/_forge/close?"))
                    + query.toString(QUrl::FullyEncoded))
        .status;
}

int LocalForgeProcess::mergeAs(int number, const QString &user)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("project"), project());
    query.addQueryItem(QStringLiteral("number"), QString::number(number));
    query.addQueryItem(QStringLiteral("user"), user);
    return call("POST", QStringLiteral("/_forge/merge?") + query.toString(QUrl::FullyEncoded))
        .status;
}

int LocalForgeProcess::review(int number, const QString &user, const QString &state)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("project"), project());
    query.addQueryItem(QStringLiteral("number"), QString::number(number));
    query.addQueryItem(QStringLiteral("user"), user);
    query.addQueryItem(QStringLiteral("state"), state);
    return call("POST", QStringLiteral("/_forge/review?") + query.toString(QUrl::FullyEncoded))
        .status;
}

bool LocalForgeProcess::setSigners(const QByteArray &allowedSigners)
{
    return call("POST", QStringLiteral("/_forge/signers"), allowedSigners).status == 200;
}

bool LocalForgeProcess::setFaults(const QJsonObject &rules)
{
    return call("POST", QStringLiteral("/_forge/faults"),
                QJsonDocument(rules).toJson(QJsonDocument::Compact))
               .status
        == 200;
}

QString LocalForgeProcess::remoteUrlWithToken() const
{
    QUrl url(remoteUrl());
    url.setUserName(QStringLiteral("x-access-token"));
    url.setPassword(QString::fromLatin1(writeToken()));
    return url.toString();
}

} // namespace gitops::test
