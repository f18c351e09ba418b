#pragma once

// What every command of the command line shares: exit codes, output, errors, help, and the
// registry a command's own file adds it to (`gitops-console adopt` lives in adopt.cpp and
// registers itself there; cli.cpp dispatches).

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace gitops::cli {

enum ExitCode { Synced = 0, Drift = 1, Error = 2 };

/// Writes @p bytes to stdout as they are.
void write(const QByteArray &bytes);

/// The message on stderr; with -o json (@p json) also `{"error": message}` on stdout, so that
/// a script that reads only stdout sees why there is no answer. Returns Error.
int fail(const QString &message, bool json = false);

/// Why a command stops without its answer: @p message on stderr and, with -o json
/// (@p json), `{"error": message}` on stdout, whatever @p code is (1 for "nothing to do",
/// 2 for an error). Returns @p code.
int stopWith(int code, const QString &message, bool json);

/// Arguments after the options, for a command that takes none: the message, or "".
QString unexpectedArguments(const QCommandLineParser &parser, const char *command);

/// Whether --help (or --help-all) was given; if so, prints @p command's help.
bool helpRequested(const QCommandLineParser &parser, const QString &command);

/// `--repo DIR`, as every command that reads a repository takes it.
QCommandLineOption repositoryOption();

/// Runs a command: its arguments with "gitops-console COMMAND" first. Returns the exit code.
using Runner = int (*)(const QStringList &arguments);

struct Command
{
    const char *name;
    const char *summary; ///< one line for `gitops-console --help`
    Runner run;
    int order; ///< place in the help's list
};

/// Adds a command at static initialisation: `const CommandRegistration adopt{...};` in the
/// command's own file.
struct CommandRegistration
{
    CommandRegistration(const char *name, const char *summary, Runner run, int order);
};

/// Every registered command, in help order.
QList<Command> commands();

} // namespace gitops::cli
