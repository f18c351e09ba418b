#pragma once

#include "flavorapi.h"

namespace localforge {

/// GitHub's REST API as GitHub Enterprise Server serves it, under /api/v3: pulls (list
/// with `head=owner:branch`, create, get), issue labels, /meta. Tokens as
/// `Authorization: Bearer|token`; errors as GitHub words them (422 "Validation Failed"
/// with `errors[]`, "A pull request already exists for owner:branch.").
class GitHubApi : public FlavorApi
{
public:
    using FlavorApi::FlavorApi;

    QString basePath() const override { return QStringLiteral("/api/v3"); }
    testhttp::Response faultResponse(const FaultRule &rule) const override;
    QString mergeMessage(const PullRequestRecord &record) const override;

protected:
    bool isPublic(const testhttp::Request &request) const override
    {
        return request.method == "GET" && request.path == u"/api/v3/meta";
    }
    QByteArray tokenOf(const testhttp::Request &request) const override;
    testhttp::Response unauthorized() const override;
    testhttp::Response missingScope() const override;
    testhttp::Response route(const testhttp::Request &request) override;

private:
    testhttp::Response list(const testhttp::Request &request, const QString &project);
    testhttp::Response create(const testhttp::Request &request, const QString &project);
    /// GET pulls/{n}/files: diff-entry items, paginated like the lists.
    testhttp::Response files(const testhttp::Request &request,
                             const PullRequestRecord &record) const;
    testhttp::Response addLabels(const testhttp::Request &request, PullRequestRecord *record);
    QJsonObject toJson(const PullRequestRecord &record) const;
    // The shapes of GitHub's description (@octokit/openapi): every required property.
    QJsonObject simpleUser(const QString &login) const;
    QJsonObject repositoryJson(const QString &project) const;
    QJsonObject labelJson(const QString &project, const QString &name) const;
    QJsonObject reviewJson(const PullRequestRecord &record, const ReviewRecord &review) const;
    /// GET /repos/{o}/{r}/commits/{ref}: the commit with its `verification`.
    testhttp::Response commit(const QString &project, const QString &sha) const;
    static testhttp::Response error(int status, const QString &message,
                                    const QJsonArray &errors = {});
};

} // namespace localforge
