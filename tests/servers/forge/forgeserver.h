#pragma once

#include "faultplan.h"
#include "flavorapi.h"
#include "githttpbackend.h"
#include "pullrequeststore.h"
#include "server.h"

#include <QJsonArray>
#include <QObject>

#include <memory>
#include <optional>

namespace localforge {

/// The local forge: one flavor's pull-request API over plain HTTP on 127.0.0.1, backed by
/// the bare repositories under its root, with injected faults and an admin API for tests
/// (no token needed), and git's smart HTTP for the repositories (`ROOT/OWNER/REPO.git`)
/// through `git http-backend`, the token as basic-auth password (the read token may
/// clone and fetch, not push). Admin API:
///   GET  /_forge/pulls                          every pull request, flavor-neutral JSON
///   POST /_forge/merge?project=P&number=N       a real merge commit into the base branch
///   POST /_forge/close?project=P&number=N       closed without merging
///   POST /_forge/faults   {"rules":[...]}       replaces the injected faults (FaultPlan)
///   POST /_forge/signers  allowed-signers file  the ssh keys commits are verified with
/// OpenPGP and X.509 signatures are verified with the GnuPG home of ForgeSettings::gnupgHome
/// (`--gnupghome`), each flavor reporting them in its own words.
/// Lives on the thread that created it.
class ForgeServer : public QObject
{
    Q_OBJECT

public:
    enum class Flavor { GitHub, GitLab, Gitea };
    static std::optional<Flavor> flavorFromName(const QString &name);

    ForgeServer(Flavor flavor, const ForgeSettings &settings, QObject *parent = nullptr);
    ~ForgeServer() override;

    /// Listens on 127.0.0.1:@p port (0: any free port).
    bool listen(quint16 port, QString *error);
    QString origin() const;
    bool setFaults(const QJsonObject &json, QString *error) { return m_faults.load(json, error); }
    QJsonArray state() const { return m_store.toJson(); }
    /// Appends every API request and its answer to @p path, one JSON object a line
    /// (method, path, query, request body, status, response body), to check them against a
    /// published API description.
    void recordTo(const QString &path) { m_recordPath = path; }

private:
    void handle(testhttp::Connection *connection, const testhttp::Request &request);
    testhttp::Response admin(const testhttp::Request &request);
    testhttp::Response finish(PullRequestRecord *record, bool merge);
    void serveGit(testhttp::Connection *connection, const testhttp::Request &request);

    testhttp::Server m_http;
    ForgeSettings m_settings;
    PullRequestStore m_store;
    std::unique_ptr<FlavorApi> m_api;
    FaultPlan m_faults;
    GitHttpBackend m_git;
    QString m_recordPath;
};

} // namespace localforge
