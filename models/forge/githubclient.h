#pragma once

#include "forge/forgeclient.h"

namespace gitops::forge {

/// ForgeClient for github.com and GitHub Enterprise Server: `Authorization: Bearer`,
/// `X-GitHub-Api-Version: 2022-11-28`; pull requests found by `head=owner:branch`, labels
/// set through the issue, 422 "A pull request already exists" read as AlreadyExists.
class GitHubClient : public ForgeClient
{
    Q_OBJECT

public:
    GitHubClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent = nullptr);

    void findByHead(const QString &head, const QString &base, QObject *context,
                    PullRequestCallback done) override;
    void createPullRequest(const PullRequestDraft &draft, QObject *context,
                           PullRequestCallback done) override;
    void get(int number, QObject *context, PullRequestCallback done) override;
    void pullRequestsForCommit(const QString &sha, QObject *context,
                               PullRequestListCallback done) override;
    void readReviews(const PullRequest &pull, QObject *context, PullRequestCallback done) override;
    void verifyCommit(const QString &sha, QObject *context, VerificationCallback done) override;
    void changedFiles(int number, QObject *context, ChangedFilesCallback done) override;

    /// One pull request of GitHub's JSON.
    static PullRequest parse(const QJsonObject &json);

protected:
    void authorize(QNetworkRequest &request) const override;
    ForgeError errorFor(const Reply &reply) const override;
    std::pair<QString, QUrlQuery> openListRequest() const override;
    PullRequest parseOne(const QJsonObject &json) const override { return parse(json); }
};

} // namespace gitops::forge
