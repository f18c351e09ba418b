#include "figure.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace gitops::bench {

void measureMilliseconds(const QString &name, int runs, const std::function<void()> &work)
{
    work(); // warm-up: first-time loading of plugins and fonts is not what we measure
    std::vector<double> samples;
    samples.reserve(runs);
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    const size_t middle = samples.size() / 2;
    const double median =
        samples.size() % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    std::printf("BENCH %s %.3f ms\n", qPrintable(name), median);
    std::fflush(stdout);
}

StallProbe::StallProbe()
{
    m_timer.setInterval(5);
    QObject::connect(&m_timer, &QTimer::timeout, this,
                     [this] { m_longest = std::max(m_longest, m_clock.restart()); });
}

void StallProbe::start()
{
    m_longest = 0;
    m_clock.start();
    m_timer.start();
}

qint64 StallProbe::stop()
{
    m_timer.stop();
    return std::max(m_longest, m_clock.elapsed());
}

} // namespace gitops::bench
