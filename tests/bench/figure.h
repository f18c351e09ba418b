#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace gitops::bench {

/// Runs @p work @p runs times (after one warm-up run), then prints
/// "BENCH <name> <median> ms" on stdout for scripts/bench to collect.
void measureMilliseconds(const QString &name, int runs, const std::function<void()> &work);

/// The longest gap between ticks of a 5 ms timer on the GUI thread between start() and
/// stop(): how long the event loop was kept from running.
class StallProbe : public QObject
{
public:
    StallProbe();
    void start();
    /// The longest gap since start(), in milliseconds.
    qint64 stop();

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

} // namespace gitops::bench
