#pragma once

#include "forge/forgeclient.h"

namespace gitops::forge {

/// ForgeClient for GitLab (gitlab.com and self-hosted, nested groups included):
/// `PRIVATE-TOKEN`, the project by its URL-encoded full path, merge requests found by
/// `source_branch`/`target_branch`, drafts by the "Draft: " title prefix, 409 "Another
/// open merge request already exists" read as AlreadyExists. The project's numeric id is
/// read once and used from then on; where the path is not found (a proxy that decodes %2F
/// breaks it), the id is found by a project search instead.
class GitLabClient : public ForgeClient
{
    Q_OBJECT

public:
    GitLabClient(const ForgeRemote &remote, const QByteArray &token, QObject *parent = nullptr);

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
    void listOpen(const QString &headPrefix, QObject *context,
                  PullRequestListCallback done) override;

    /// One merge request of GitLab's JSON.
    static PullRequest parse(const QJsonObject &json);

protected:
    void authorize(QNetworkRequest &request) const override;
    ForgeError errorFor(const Reply &reply) const override;
    std::pair<QString, QUrlQuery> openListRequest() const override;

    PullRequest parseOne(const QJsonObject &json) const override { return parse(json); }

private:
    QString projectPath() const;
    /// Learns the project's numeric id (once), then runs @p then.
    void withProject(QObject *context, std::function<void(const ForgeError &)> then);
    /// GitLab names reviewers by id: each username looked up in turn.
    void resolveUsers(QStringList usernames, QJsonArray ids, QObject *context,
                      std::function<void(const QJsonArray &, const ForgeError &)> done);
    void post(const PullRequestDraft &draft, const QJsonArray &reviewerIds, QObject *context,
              PullRequestCallback done);

    qint64 m_projectId = 0;
};

} // namespace gitops::forge
