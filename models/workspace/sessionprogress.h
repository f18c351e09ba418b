#pragma once

#include <QString>

namespace gitops {

/// What a WorkspaceSession is busy with, for the status bar.
struct SessionProgress
{
    QString message; ///< empty when idle
    int done = 0;
    int total = 0; ///< 0: nothing to count
    bool cancellable = false; ///< WorkspaceSession::cancel() stops it

    bool isIdle() const { return message.isEmpty(); }
    bool operator==(const SessionProgress &) const = default;
};

} // namespace gitops
