#pragma once

// What `adopt` and `propose` share: the options that shape the change request, running the
// submission in the command line's event loop, and printing its outcome.

#include "change/changesubmission.h"

#include <QCommandLineOption>
#include <QList>
#include <QStringList>

#include <memory>

class QCommandLineParser;

namespace gitops::git {
class RepositoryWorker;
} // namespace gitops::git

namespace gitops::cli {

/// --branch, --title, --draft, --no-pr and -o, as `adopt` and `propose` take them.
struct ChangeRequestOptions
{
    QCommandLineOption branch{QStringLiteral("branch"),
                              QStringLiteral("The branch to push (default: gitops/APP/ and a "
                                             "hash of the change, the same for the same "
                                             "change)."),
                              QStringLiteral("name")};
    QCommandLineOption title{QStringLiteral("title"),
                             QStringLiteral("The commit's subject and the pull request's title."),
                             QStringLiteral("text")};
    QCommandLineOption draft{QStringLiteral("draft"),
                             QStringLiteral("Open the pull request as a draft.")};
    QCommandLineOption noPullRequest{QStringLiteral("no-pr"),
                                     QStringLiteral("Push the branch only; open no pull request.")};
    QCommandLineOption output{{QStringLiteral("o"), QStringLiteral("output")},
                              QStringLiteral("text (default) or json."),
                              QStringLiteral("format"),
                              QStringLiteral("text")};

    QCommandLineOption trustHost{
        QStringLiteral("trust-host"),
        QStringLiteral("Trust an SSH host that ~/.ssh/known_hosts does not know when its key "
                       "has exactly this fingerprint (as the refusal names it), and add it "
                       "there. A changed host key is always refused."),
        QStringLiteral("SHA256:...")};

    QList<QCommandLineOption> all() const
    {
        return {branch, title, draft, noPullRequest, output, trustHost};
    }
    /// Puts the branch, title, draft and --no-pr choices into @p request, and --trust-host
    /// into git::KnownHosts::setAcceptedFingerprint().
    void applyTo(const QCommandLineParser &parser, change::SubmissionRequest &request) const;
};

/// The exit-status paragraph both commands' help ends with.
QString changeRequestExitStatus(const QString &nothing);

/// Submits @p request through @p worker in the running event loop, prints the outcome
/// (`branch`, `commit`, `files`, the pull request; with @p json the object
/// {"branch","commit","files","pullRequest":{"number","url","state"}}) and ends the loop:
/// 0 done, 2 on an error (the failed step and git's or the forge's words on stderr, and
/// {"error"} on stdout with @p json). Steps go to stderr when it is a terminal. @p written
/// says what was written where (one line per edit, "FILE: what"): below the outcome as
/// text, on stderr with @p json (whose shape stays as it is).
void submitAndExit(const std::shared_ptr<git::RepositoryWorker> &worker,
                   const change::SubmissionRequest &request, bool json, QObject *parent,
                   const QStringList &written = {});

/// The outcome as -o json prints it.
QByteArray submissionJson(const change::SubmissionResult &result);
/// The outcome as text.
QString submissionText(const change::SubmissionResult &result);

} // namespace gitops::cli
