#pragma once

#include "forge/forgeerror.h"
#include "forge/pullrequest.h"

#include <QObject>
#include <QPointer>

class QTimer;

namespace gitops::forge {

class ForgeClient;

/// Follows one pull request until it is merged or closed, by reading it back every
/// interval (30 s by default; forges' webhooks do not reach a desktop): changed() when its
/// state, head or merge commit moved, finished() once merged or closed. Transient
/// failures (network, server errors, rate limits) are reported by problem() and polling
/// goes on; a bad token or a pull request that is gone stops it. Does not own the client;
/// stops when the client is destroyed. Lives on the client's thread.
class PullRequestWatch : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultIntervalMs = 30000;

    PullRequestWatch(ForgeClient *client, int number, QObject *parent = nullptr);
    ~PullRequestWatch() override;

    void setInterval(int milliseconds);
    /// Reads it now, then every interval.
    void start();
    void stop();
    bool isActive() const;

    int number() const { return m_number; }
    /// What was last read (number 0 before the first answer).
    PullRequest last() const { return m_last; }

Q_SIGNALS:
    void changed(const gitops::forge::PullRequest &pullRequest);
    void finished(const gitops::forge::PullRequest &pullRequest);
    void problem(const gitops::forge::ForgeError &error, bool stillWatching);

private:
    void poll();

    QPointer<ForgeClient> m_client;
    int m_number;
    QTimer *m_timer;
    PullRequest m_last;
    bool m_busy = false;
};

} // namespace gitops::forge
