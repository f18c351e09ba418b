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
    HttpResponse faultResponse(const FaultRule &rule) const override;
    QString mergeMessage(const PullRequestRecord &record) const override;

protected:
    bool isPublic(const HttpRequest &request) const override
    {
        return request.method == "GET" && request.path == u"/api/v1/version";
    }
    QByteArray tokenOf(const HttpRequest &request) const override;
    HttpResponse unauthorized() const override;
    HttpResponse missingScope() const override;
    HttpResponse route(const HttpRequest &request) override;

private:
    HttpResponse list(const HttpRequest &request, const QString &project);
    HttpResponse create(const HttpRequest &request, const QString &project);
    QJsonObject toJson(const PullRequestRecord &record) const;
    QJsonObject label(const QString &name) const;
    HttpResponse message(int status, const QString &text) const;
};

} // namespace localforge
