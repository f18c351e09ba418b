#pragma once

#include "barerepository.h"
#include "connection.h"
#include "faultplan.h"
#include "pullrequeststore.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace localforge {

/// What the forge was started with.
struct ForgeSettings
{
    QString root; ///< bare repositories at ROOT/OWNER/REPO.git
    QByteArray token; ///< empty: every request may read and write
    QByteArray readToken; ///< may read; writes get the flavor's missing-scope answer
    QStringList labels; ///< the labels every repository has (Gitea needs their ids)
    QStringList users; ///< who may review (GitLab gives them ids 1...)
    /// Behave as behind a proxy that decodes %2F (GitLab's project paths then 404).
    bool decodeSlashes = false;
    /// The GnuPG home holding the users' OpenPGP keys (gpg) and X.509 certificates with
    /// the trusted roots in trustlist.txt (gpgsm); "": such signatures are never verified.
    QString gnupgHome;
};

/// One forge flavor's REST API (GitHub, GitLab or Gitea): its base path, how it reads
/// the token, and its answers, status codes and error bodies. Subclasses route; this
/// class checks tokens and holds what they share. Lives on the server's thread.
class FlavorApi
{
public:
    FlavorApi(const ForgeSettings &settings, PullRequestStore &store);
    virtual ~FlavorApi();
    FlavorApi(const FlavorApi &) = delete;
    FlavorApi &operator=(const FlavorApi &) = delete;

    /// `http://127.0.0.1:PORT`, once the server listens: the base of web and API URLs.
    void setOrigin(const QString &origin) { m_origin = origin; }
    virtual QString basePath() const = 0;
    /// Answers a request under basePath(): 401 for a bad token, the missing-scope answer
    /// for a write with the read token, else the route's answer.
    testhttp::Response serve(const testhttp::Request &request);
    /// What the flavor answers for an injected @p rule (500, 502, 429).
    virtual testhttp::Response faultResponse(const FaultRule &rule) const = 0;
    /// The message of the merge commit the forge's merge button writes.
    virtual QString mergeMessage(const PullRequestRecord &record) const = 0;

protected:
    enum class Access { None, Read, Write };

    /// Answered without a token, as the real forge does (GitHub's /meta, Gitea's /version).
    virtual bool isPublic(const testhttp::Request &) const { return false; }
    virtual QByteArray tokenOf(const testhttp::Request &request) const = 0;
    virtual testhttp::Response unauthorized() const = 0;
    virtual testhttp::Response missingScope() const = 0;
    virtual testhttp::Response route(const testhttp::Request &request) = 0;

    static testhttp::Response json(int status, const QJsonValue &value);
    /// The request path below basePath(), split at '/'.
    QStringList segments(const testhttp::Request &request) const;
    BareRepository repository(const QString &project) const;
    QString webUrl(const QString &project) const { return m_origin + u'/' + project; }
    QString apiUrl() const { return m_origin + basePath(); }
    /// The allowed-signers file POST /_forge/signers wrote, or "" when none was.
    QString allowedSignersFile() const;
    /// The keys signatures are checked with: allowedSignersFile() and the GnuPG home.
    BareRepository::Keyrings keyrings() const
    {
        return {allowedSignersFile(), m_settings.gnupgHome};
    }

    /// One page of @p items (page from the query's `page`, size from @p sizeName, at most
    /// @p maxSize) with a `Link` header; GitLab's X-Page headers when @p gitlabHeaders,
    /// X-Total-Count otherwise.
    QList<PullRequestRecord> paginate(const QList<PullRequestRecord> &items,
                                      const testhttp::Request &request, const QString &sizeName,
                                      int defaultSize, int maxSize, bool gitlabHeaders,
                                      testhttp::Response *response) const;

    /// The same page of a JSON list (the files of a pull request).
    QJsonArray paginate(const QJsonArray &items, const testhttp::Request &request,
                        const QString &sizeName, int defaultSize, int maxSize, bool gitlabHeaders,
                        testhttp::Response *response) const;

    /// The files pull request @p record changes, as the forges list them: what differs
    /// between the merge base of its base and head and its head. An open one's branches as
    /// they are now (a push to either counts, as on the forges), a merged or closed one's
    /// commits as they were when it was opened. @p headCommit: the head they were read at.
    QList<BareRepository::ChangedFile> changedFilesOf(const PullRequestRecord &record,
                                                      QString *headCommit = nullptr) const;

    /// The pull requests @p sha is part of: their merge commit, or one of their commits
    /// (reachable from the head, not from the base they were opened on). Oldest first.
    QList<PullRequestRecord> pullRequestsOf(const QString &project, const QString &sha) const;

    ForgeSettings m_settings;
    PullRequestStore &m_store;
    QString m_origin;

private:
    Access access(const testhttp::Request &request) const;
    /// Which of @p total items the request's page holds (offset, count), with the headers
    /// paginate() describes added to @p response.
    std::pair<qsizetype, qsizetype> pageOf(qsizetype total, const testhttp::Request &request,
                                           const QString &sizeName, int defaultSize, int maxSize,
                                           bool gitlabHeaders, testhttp::Response *response) const;
};

} // namespace localforge
