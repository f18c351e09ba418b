#pragma once

#include "drift/health.h"

#include <QJsonObject>
#include <QString>

#include <cstddef>

namespace gitops::drift {

/// One of the user's Argo CD health scripts (argocd-cm's
/// `resource.customizations.health.<group_kind>`), run the way Argo CD runs it: the live
/// object is the global `obj`, the script returns a table `{status = ..., message = ...}`.
/// Each run has its own Lua 5.4 state, a sandbox with only the base (without load, loadfile,
/// dofile, collectgarbage, print), string (without dump), table and math libraries, text
/// chunks only (no bytecode), and budgets for instructions, memory and time. A script that
/// fails, runs out of a budget or returns no valid status gives Unknown with the reason,
/// never a crash. A plain value; run() is a pure function, safe on any thread.
struct HealthScript
{
    struct Limits
    {
        qint64 instructions = 10'000'000;
        std::size_t memoryBytes = 32u * 1024 * 1024;
        int milliseconds = 1000;
    };

    /// The script's text, and where it came from ("argocd-cm
    /// resource.customizations.health.cert-manager.io_Certificate"), named in every verdict.
    QString source;
    QString origin;

    /// The verdict of the script on @p live. Its message says it came from the user's Argo CD
    /// rule.
    Health run(const QJsonObject &live, const Limits &limits) const;
    Health run(const QJsonObject &live) const { return run(live, Limits()); }
};

} // namespace gitops::drift
