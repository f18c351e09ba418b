#pragma once

namespace gitops {

/// Whether @p argument (argv[1]) names a command-line subcommand ("diff") rather than an
/// option or a repository for the window.
bool isSubcommand(const char *argument);

/// Runs the subcommand in argv[1] without creating any widget: parses its options, prints
/// its output on stdout and problems on stderr. Returns the exit code: 0 when everything is
/// Synced, 1 when anything drifts, 2 on an error.
int runSubcommand(int argc, char *argv[]);

} // namespace gitops
