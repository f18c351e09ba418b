#pragma once

#include "flavorapi.h"

namespace localforge {

/// Gitea's (and Forgejo's) REST API under /api/v1: pulls (list by state, the one from
/// `{base}/{head}`, create with label ids, get) and the repository's labels. Tokens as
/// `Authorization: token|Bearer`; a duplicate is 409 "pull request already exists for
/// these targets [...]", a token without `write:repository` 403.
class GiteaApi : public FlavorApi
{
public:
    using FlavorApi::FlavorApi;

    QString basePath() const override { return QStringLiteral("/api/v1"); }
    testhttp::Response faultResponse(const FaultRule &rule) const override;
    QString mergeMessage(const PullRequestRecord &record) const override;

protected:
    bool isPublic(const testhttp::Request &request) const override
    {
        return request.method == "GET" && request.path == u"/api/v1/version";
    }
    QByteArray tokenOf(const testhttp::Request &request) const override;
    testhttp::Response unauthorized() const override;
    testhttp::Response missingScope() const override;
    testhttp::Response route(const testhttp::Request &request) override;

private:
    testhttp::Response list(const testhttp::Request &request, const QString &project);
    testhttp::Response create(const testhttp::Request &request, const QString &project);
    /// GET pulls/{index}/files: ChangedFile items, paginated with `limit`.
    testhttp::Response files(const testhttp::Request &request,
                             const PullRequestRecord &record) const;
    QJsonObject toJson(const PullRequestRecord &record) const;
    QJsonObject label(const QString &name) const;
    testhttp::Response message(int status, const QString &text) const;
};

} // namespace localforge
