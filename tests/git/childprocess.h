#pragma once

class QProcess;

namespace gitops::test {

/// Makes the process @p process starts die with the test (PR_SET_PDEATHSIG on Linux), so a
/// crashed test leaves no server running.
void dieWithTheTest(QProcess &process);

} // namespace gitops::test
