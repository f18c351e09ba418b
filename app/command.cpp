#include "command.h"

#include "cli.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace gitops::cli {

namespace {

QList<Command> &registry()
{
    static QList<Command> registered;
    return registered;
}

} // namespace

void write(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

int fail(const QString &message, bool json)
{
    std::fprintf(stderr, "gitops-console: %s\n", qPrintable(message));
    if (json)
        write(QJsonDocument(QJsonObject{{QStringLiteral("error"), message}})
                  .toJson(QJsonDocument::Indented));
    return Error;
}

int stopWith(int code, const QString &message, bool json)
{
    if (code == Error)
        return fail(message, json);
    std::fprintf(stderr, "gitops-console: %s\n", qPrintable(message));
    if (json)
        write(QJsonDocument(QJsonObject{{QStringLiteral("error"), message}})
                  .toJson(QJsonDocument::Indented));
    return code;
}

QString unexpectedArguments(const QCommandLineParser &parser, const char *command)
{
    if (parser.positionalArguments().isEmpty())
        return {};
    return QStringLiteral("%1: unexpected argument %2 (the repository goes after --repo)")
        .arg(QLatin1String(command), parser.positionalArguments().join(u' '));
}

bool helpRequested(const QCommandLineParser &parser, const QString &command)
{
    // --help-all adds Qt's options, which no command takes.
    if (!parser.isSet(QStringLiteral("help")) && !parser.isSet(QStringLiteral("help-all")))
        return false;
    std::fputs(qPrintable(helpText(parser, command)), stdout);
    return true;
}

QCommandLineOption repositoryOption()
{
    return {QStringLiteral("repo"), QStringLiteral("The repository (default: the current folder)."),
            QStringLiteral("dir"), QStringLiteral(".")};
}

CommandRegistration::CommandRegistration(const char *name, const char *summary, Runner run,
                                         int order)
{
    QList<Command> &registered = registry();
    registered.append({name, summary, run, order});
    std::stable_sort(registered.begin(), registered.end(),
                     [](const Command &a, const Command &b) { return a.order < b.order; });
}

QList<Command> commands()
{
    return registry();
}

} // namespace gitops::cli
