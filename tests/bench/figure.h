#pragma once

#include <QString>

#include <functional>

namespace gitops::bench {

/// Runs @p work @p runs times (after one warm-up run), then prints
/// "BENCH <name> <median> ms" on stdout for scripts/bench to collect.
void measureMilliseconds(const QString &name, int runs, const std::function<void()> &work);

} // namespace gitops::bench
