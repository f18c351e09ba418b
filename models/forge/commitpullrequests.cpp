#include "commitpullrequests.h"

#include "forge/forgeclient.h"
#include "forge/forgeconnection.h"

namespace gitops::forge {

namespace {

// Questions in flight at once: quick on a real forge, gentle on its rate limits.
constexpr int Parallel = 4;

} // namespace

CommitPullRequests::CommitPullRequests(QObject *parent)
    : QObject(parent)
    , m_connection(new ForgeConnection(this))
{ }

CommitPullRequests::~CommitPullRequests() = default;

void CommitPullRequests::setTokenSource(const QProcessEnvironment &environment, bool useKeychain)
{
    m_connection->setTokenSource(environment, useKeychain);
}

bool CommitPullRequests::isAsking() const
{
    return m_problem.isEmpty() && (m_connecting || m_asking > 0 || !m_queue.isEmpty());
}

void CommitPullRequests::ask(const QString &remoteUrl, const QStringList &commits)
{
    for (const QString &commit : commits) {
        if (!m_seen.contains(commit)) {
            m_seen << commit;
            m_queue << commit;
        }
    }
    if (!m_problem.isEmpty()) {
        Q_EMIT idle(m_problem);
        return;
    }
    if (m_client) {
        while (m_asking < Parallel && !m_queue.isEmpty())
            next();
        return;
    }
    if (m_connecting)
        return;
    m_connecting = true;
    m_connection->connectTo(remoteUrl, this, [this](const ForgeConnectionResult &result) {
        m_connecting = false;
        if (!result.connected()) {
            m_problem = result.error;
            m_queue.clear();
            Q_EMIT idle(m_problem);
            return;
        }
        m_client = result.client;
        if (m_queue.isEmpty())
            Q_EMIT idle(m_note);
        while (m_asking < Parallel && !m_queue.isEmpty())
            next();
    });
}

void CommitPullRequests::next()
{
    if (m_queue.isEmpty()) {
        if (m_asking == 0)
            Q_EMIT idle(m_note);
        return;
    }
    const QString commit = m_queue.takeFirst();
    ++m_asking;
    m_client->pullRequestsForCommit(
        commit, this, [this, commit](const QList<PullRequest> &pulls, const ForgeError &error) {
            --m_asking;
            if (error.isError()) {
                if (m_note.isEmpty())
                    m_note = tr("the forge did not say which pull request holds %1 (%2)")
                                 .arg(commit.left(8), error.text());
            } else {
                Q_EMIT answered(commit, pulls);
            }
            next();
        });
}

} // namespace gitops::forge
