#pragma once

#include "forge/pullrequest.h"

#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace gitops::forge {

class ForgeClient;
class ForgeConnection;

/// Which pull requests hold each of some commits, asked of the forge of a git remote: the
/// forge found and a token taken once (ForgeConnection), then ForgeClient::
/// pullRequestsForCommit() a few commits at a time. Commits can be added while it asks (a
/// timeline's next page). An empty answer means the commit was pushed directly. The
/// timeline and `gitops-console history` share it. Lives on the thread that created it.
class CommitPullRequests : public QObject
{
    Q_OBJECT

public:
    explicit CommitPullRequests(QObject *parent = nullptr);
    ~CommitPullRequests() override;

    /// Where the token comes from (ForgeConnection::setTokenSource()); before ask().
    void setTokenSource(const QProcessEnvironment &environment, bool useKeychain);

    /// Asks about @p commits of the repository whose remote is @p remoteUrl (the first
    /// call's remote stays the one asked). Commits asked before are not asked again.
    void ask(const QString &remoteUrl, const QStringList &commits);
    /// Answers or the forge's refusal are still to come.
    bool isAsking() const;
    /// Why the forge cannot be asked at all ("" while it can).
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void answered(const QString &commit, const QList<gitops::forge::PullRequest> &pulls);
    /// Every commit asked so far has its answer, or none will come (problem() says why);
    /// @p note names what went wrong with some commits or the forge ("" when nothing did).
    void idle(const QString &note);

private:
    void next();

    ForgeConnection *m_connection;
    ForgeClient *m_client = nullptr;
    bool m_connecting = false;
    QString m_problem;
    QString m_note;
    QStringList m_queue;
    QStringList m_seen;
    int m_asking = 0;
};

} // namespace gitops::forge
