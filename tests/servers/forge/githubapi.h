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
    HttpResponse faultResponse(const FaultRule &rule) const override;
    QString mergeMessage(const PullRequestRecord &record) const override;

protected:
    bool isPublic(const HttpRequest &request) const override
    {
        return request.method == "GET" && request.path == u"/api/v3/meta";
    }
    QByteArray tokenOf(const HttpRequest &request) const override;
    HttpResponse unauthorized() const override;
    HttpResponse missingScope() const override;
    HttpResponse route(const HttpRequest &request) override;

private:
    HttpResponse list(const HttpRequest &request, const QString &project);
    HttpResponse create(const HttpRequest &request, const QString &project);
    HttpResponse addLabels(const HttpRequest &request, PullRequestRecord *record);
    QJsonObject toJson(const PullRequestRecord &record) const;
    // The shapes of GitHub's description (@octokit/openapi): every required property.
    QJsonObject simpleUser(const QString &login) const;
    QJsonObject repositoryJson(const QString &project) const;
    QJsonObject labelJson(const QString &project, const QString &name) const;
    static HttpResponse error(int status, const QString &message, const QJsonArray &errors = {});
};

} // namespace localforge
