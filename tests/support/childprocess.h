#pragma once

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>

namespace gitops::test {

/// Makes @p process (a server a test starts: the local API server, the local forge) end
/// when the test process does, also when the test crashes or is killed before it can stop
/// it: a server left running holds the build environment's lock and a port. Linux only, as
/// the tests are. Call before start().
inline void endWithTheTest(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

} // namespace gitops::test
