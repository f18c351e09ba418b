#include "forge/pullrequestwatch.h"

#include "forge/forgeclient.h"

#include <QTimer>

namespace gitops::forge {

PullRequestWatch::PullRequestWatch(ForgeClient *client, int number, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_number(number)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(defaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &PullRequestWatch::poll);
    if (client)
        connect(client, &QObject::destroyed, this, &PullRequestWatch::stop);
}

PullRequestWatch::~PullRequestWatch() = default;

void PullRequestWatch::setInterval(int milliseconds)
{
    m_timer->setInterval(qMax(1, milliseconds));
}

void PullRequestWatch::start()
{
    m_timer->start();
    poll();
}

void PullRequestWatch::stop()
{
    m_timer->stop();
}

bool PullRequestWatch::isActive() const
{
    return m_timer->isActive();
}

void PullRequestWatch::poll()
{
    // One read at a time: a slow forge must not pile requests up.
    if (!m_client || m_busy)
        return;
    m_busy = true;
    m_client->get(m_number, this, [this](const PullRequestResult &result) {
        m_busy = false;
        if (!m_timer->isActive())
            return;
        if (result.error.isError()) {
            using Kind = ForgeError::Kind;
            const Kind kind = result.error.kind;
            const bool transient = kind == Kind::Network || kind == Kind::ServerError
                || kind == Kind::RateLimited || kind == Kind::Protocol;
            if (!transient)
                stop();
            Q_EMIT problem(result.error, transient);
            return;
        }
        if (!result.pullRequest)
            return;
        const PullRequest now = *result.pullRequest;
        const bool moved = m_last.number == 0 || now.state != m_last.state
            || now.headSha != m_last.headSha || now.mergeCommit != m_last.mergeCommit;
        m_last = now;
        if (moved)
            Q_EMIT changed(now);
        if (!now.isOpen()) {
            stop();
            Q_EMIT finished(now);
        }
    });
}

} // namespace gitops::forge
