#pragma once

#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace gitops {

/// Whether @p argument (argv[1]) names a command-line subcommand ("diff") rather than an
/// option or a repository for the window.
bool isSubcommand(const char *argument);

/// Runs the subcommand in argv[1] without creating any widget: parses its options, prints
/// its output on stdout and problems on stderr. Returns the exit code: 0 when everything is
/// Synced, 1 when anything drifts, 2 on an error.
int runSubcommand(int argc, char *argv[]);

/// The subcommands with one line each, for the window's --help.
QString commandSummary();

/// The command @p word is a slip of the keyboard for ("statu" -> "status"), or "".
QString suggestedCommand(const QString &word);

/// What to tell someone who typed @p word where a command or a repository goes, when it is
/// neither (no such folder, no path separator): "unknown command 'statu' (did you mean
/// 'status'?)". Empty when @p word may well be a repository to open.
QString unknownCommandMessage(const QString &word);

/// Up to @p count of @p candidates nearest to @p word by edit distance, nearest first.
QStringList closestMatches(const QString &word, const QStringList &candidates, qsizetype count);

/// @p parser's help, its usage line naming @p command ("gitops-console status") rather than
/// the path the program was started by. Needs a QCoreApplication.
QString helpText(const QCommandLineParser &parser, const QString &command);

} // namespace gitops
