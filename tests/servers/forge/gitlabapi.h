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
    HttpResponse faultResponse(const FaultRule &rule) const override;
    QString mergeMessage(const PullRequestRecord &record) const override;

protected:
    QByteArray tokenOf(const HttpRequest &request) const override;
    HttpResponse unauthorized() const override;
    HttpResponse missingScope() const override;
    HttpResponse route(const HttpRequest &request) override;

private:
    HttpResponse list(const HttpRequest &request, const QString &project);
    HttpResponse create(const HttpRequest &request, const QString &project);
    QJsonObject toJson(const PullRequestRecord &record);
    QJsonArray reviewersJson(const PullRequestRecord &record) const;
    HttpResponse searchProjects(const HttpRequest &request);
    static HttpResponse message(int status, const QJsonValue &message);
};

} // namespace localforge
