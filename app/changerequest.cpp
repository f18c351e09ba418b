#include "changerequest.h"

#include "command.h"
#include "git/knownhosts.h"
#include "git/repositoryworker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace gitops::cli {

void ChangeRequestOptions::applyTo(const QCommandLineParser &parser,
                                   change::SubmissionRequest &request) const
{
    request.branch = parser.value(branch);
    if (parser.isSet(title))
        request.title = parser.value(title);
    request.draftPullRequest = parser.isSet(draft);
    request.openPullRequest = !parser.isSet(noPullRequest);
    git::KnownHosts::setAcceptedFingerprint(parser.value(trustHost));
}

QString changeRequestExitStatus(const QString &nothing)
{
    return QStringLiteral(
               "\nThe change is committed on a new branch on top of the remote's target branch\n"
               "(in git's object database: the checkout, index and working tree stay as they\n"
               "are), pushed, and the pull request opened on the remote's forge (GitHub,\n"
               "GitLab, Gitea; the token from the keychain or GITHUB_TOKEN, GITLAB_TOKEN,\n"
               "GITEA_TOKEN). Run again, the same change lands on the same branch and pull\n"
               "request.\n\nExit status: 0 done, 1 %1,\n2 on an error.")
        .arg(nothing);
}

QByteArray submissionJson(const change::SubmissionResult &result)
{
    QJsonValue pullRequest = QJsonValue::Null;
    if (result.pullRequest)
        pullRequest = QJsonObject{
            {QStringLiteral("number"), result.pullRequest->number},
            {QStringLiteral("url"), result.pullRequest->webUrl.toString()},
            {QStringLiteral("state"), forge::pullRequestStateName(result.pullRequest->state)}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("branch"), result.branch},
                           {QStringLiteral("commit"), result.commitId},
                           {QStringLiteral("files"), QJsonArray::fromStringList(result.files)},
                           {QStringLiteral("pullRequest"), pullRequest}})
        .toJson(QJsonDocument::Indented);
}

QString submissionText(const change::SubmissionResult &result)
{
    QString text =
        QStringLiteral("branch        %1\ncommit        %2\nfiles         %3\n")
            .arg(result.branch, result.commitId, result.files.join(QStringLiteral(", ")));
    if (result.pullRequest) {
        text += QStringLiteral("pull request  #%1 (%2%3) %4\n")
                    .arg(QString::number(result.pullRequest->number),
                         forge::pullRequestStateName(result.pullRequest->state),
                         result.pullRequestCreated ? QStringLiteral(", opened now")
                                                   : QStringLiteral(", opened before"),
                         result.pullRequest->webUrl.toString());
    } else if (!result.compareUrl.isEmpty()) {
        text += QStringLiteral("open one at   %1\n").arg(result.compareUrl.toString());
    }
    return text;
}

void submitAndExit(const std::shared_ptr<git::RepositoryWorker> &worker,
                   const change::SubmissionRequest &request, bool json, QObject *parent,
                   const QStringList &written)
{
    auto *submission = new change::ChangeSubmission(worker, parent);
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    QObject::connect(submission, &change::ChangeSubmission::stepStarted, submission,
                     [terminal](change::SubmissionStep, const QString &text) {
                         if (terminal)
                             std::fprintf(stderr, "gitops-console: %s\n", qPrintable(text));
                     });
    // Words without an amount (a rate-limit wait) are worth a line; byte counts are not.
    QObject::connect(submission, &change::ChangeSubmission::progress, submission,
                     [said = QString()](qint64, qint64 total, const QString &text) mutable {
                         if (total != 0 || text.isEmpty() || text == said)
                             return;
                         said = text;
                         std::fprintf(stderr, "gitops-console: %s\n", qPrintable(text));
                     });
    QObject::connect(
        submission, &change::ChangeSubmission::finished, submission,
        [json, written](const change::SubmissionResult &result) {
            if (!result.warning.isEmpty())
                std::fprintf(stderr, "gitops-console: %s\n", qPrintable(result.warning));
            if (!result.succeeded()) {
                QString message = result.cancelled ? QStringLiteral("cancelled") : result.error;
                if (result.failedStep)
                    message =
                        QStringLiteral("%1 failed: %2")
                            .arg(change::ChangeSubmission::stepName(*result.failedStep), message);
                QCoreApplication::exit(fail(message, json));
                return;
            }
            QString lines;
            for (const QString &line : written)
                lines += (lines.isEmpty() ? QStringLiteral("written       ")
                                          : QStringLiteral("              "))
                    + line + u'\n';
            if (json) {
                write(submissionJson(result));
                for (const QString &line : written)
                    std::fprintf(stderr, "gitops-console: written %s\n", qPrintable(line));
            } else {
                write((submissionText(result) + lines).toUtf8());
            }
            QCoreApplication::exit(Synced);
        });
    submission->start(request);
}

} // namespace gitops::cli
