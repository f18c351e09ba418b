#pragma once

#include "flavorapi.h"

namespace localforge {

/// GitLab's REST API under /api/v4: projects by URL-encoded full path (subgroups
/// included) or numeric id, merge requests (list by source and target branch, create,
/// get). Tokens as `PRIVATE-TOKEN` or `Authorization: Bearer`; a duplicate is 409 with
/// `{"message":["Another open merge request already exists for this source branch: !N"]}`,
/// a token without `api` 403 `insufficient_scope`.
class GitLabApi : public FlavorApi
{
public:
    using FlavorApi::FlavorApi;

    QString basePath() const override { return QStringLiteral("/api/v4"); }
    testhttp::Response faultResponse(const FaultRule &rule) const override;
    QString mergeMessage(const PullRequestRecord &record) const override;

protected:
    QByteArray tokenOf(const testhttp::Request &request) const override;
    testhttp::Response unauthorized() const override;
    testhttp::Response missingScope() const override;
    testhttp::Response route(const testhttp::Request &request) override;

private:
    testhttp::Response list(const testhttp::Request &request, const QString &project);
    testhttp::Response create(const testhttp::Request &request, const QString &project);
    QJsonObject toJson(const PullRequestRecord &record);
    QJsonArray reviewersJson(const PullRequestRecord &record) const;
    /// GET merge_requests/:iid/diffs: old_path, new_path, modes, flags and each diff, paginated.
    testhttp::Response diffs(const testhttp::Request &request,
                             const PullRequestRecord &record) const;
    testhttp::Response searchProjects(const testhttp::Request &request);
    static testhttp::Response message(int status, const QJsonValue &message);
};

} // namespace localforge
