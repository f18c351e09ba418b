#pragma once

#include "forge/forgeclient.h"

namespace gitops::forge {

/// ForgeClient for Gitea and Forgejo (codeberg.org and self-hosted, sub-paths included):
/// `Authorization: token`; the pull request found by `pulls/{base}/{head}`, falling back
/// to the list when that one is closed (Gitea answers with the first for the pair);
/// labels by id, looked up by name; drafts by the "WIP: " title prefix; 409 read as
/// AlreadyExists.
class GiteaClient : public ForgeClient
{
    Q_OBJECT

public:
    GiteaClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent = nullptr);

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

    /// One pull request of Gitea's JSON.
    static PullRequest parse(const QJsonObject &json);

protected:
    void authorize(QNetworkRequest &request) const override;
    ForgeError errorFor(const Reply &reply) const override;
    std::pair<QString, QUrlQuery> openListRequest() const override;
    PullRequest parseOne(const QJsonObject &json) const override { return parse(json); }
    QUrlQuery pageQuery() const override;

private:
    void findInList(const QString &head, const QString &base, QObject *context,
                    PullRequestCallback done);
    void post(const PullRequestDraft &draft, const QJsonArray &labelIds, QObject *context,
              PullRequestCallback done);
};

} // namespace gitops::forge
