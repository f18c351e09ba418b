// gitops-console: start-up only. Everything else lives in the models and views libraries.

#include "auditview.h"
#include "cli.h"
#include "driftbrowser.h"
#include "itemmodels/drifttreemodel.h"
#include "mainwindow.h"
#include "messagebanner.h"
#include "timelinemodel.h"
#include "timelineview.h"
#include "version.h"
#include "workspace/workspacesession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <cstring>
#include <vector>

namespace {

enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

struct Options
{
    QCommandLineOption context{QStringLiteral("context"),
                               QStringLiteral("Compare with the kubeconfig context <name>."),
                               QStringLiteral("name")};
    QCommandLineOption select{QStringLiteral("select"),
                              QStringLiteral("Select the resource <key> (app/namespace/"
                                             "Kind.group/name) once it is loaded; with "
                                             "--screenshot, grab the window when it shows."),
                              QStringLiteral("key")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the window after start-up to the PNG "
                                                 "<file> and exit (needs no display with "
                                                 "QT_QPA_PLATFORM=offscreen)."),
                                  QStringLiteral("file")};
    QCommandLineOption history{QStringLiteral("history"),
                               QStringLiteral("Open the history of app <name> once the "
                                              "workspace is shown; with --screenshot, render "
                                              "that window instead, its live commit selected."),
                               QStringLiteral("name")};
    QCommandLineOption audit{QStringLiteral("audit"),
                             QStringLiteral("Open the audit log of app <name> once the "
                                            "workspace is shown; with --screenshot, render "
                                            "that window instead once the log is built."),
                             QStringLiteral("name")};
    QCommandLineOption auditLog{QStringLiteral("audit-log"),
                                QStringLiteral("Join the writes of Kubernetes audit log <file> "
                                               "(audit.k8s.io/v1, one JSON object a line) into "
                                               "the audit view, as its Audit Log File... button "
                                               "does."),
                                QStringLiteral("file")};
};

// The options QGuiApplication and QApplication take from the command line themselves
// (-style Fusion, -platform offscreen, -reverse, ...), with or without a value. The parser
// accepts them, hidden from --help (--help-all lists them), and leaves them to QApplication.
void acceptQtOptions(QCommandLineParser &parser)
{
    static const char *const withValue[] = {"platform",      "platformpluginpath",
                                            "platformtheme", "plugin",
                                            "qmljsdebugger", "qwindowgeometry",
                                            "geometry",      "qwindowicon",
                                            "icon",          "qwindowtitle",
                                            "title",         "session",
                                            "display",       "name",
                                            "style",         "stylesheet"};
    static const char *const flags[] = {"reverse", "widgetcount", "nograb", "dograb", "sync"};
    for (const char *name : withValue) {
        QCommandLineOption option(QString::fromLatin1(name), QString(), QStringLiteral("value"));
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
    for (const char *name : flags) {
        QCommandLineOption option(QString::fromLatin1(name), QString());
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
}

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(
        QStringLiteral("Compare the desired state of Kubernetes apps in git with the live state\n"
                       "of a cluster: in the window, or with a command and no window.\n\n")
        + gitops::commandSummary());
    // Qt's own options are single-dash words (-style), so are ours (-h, -v).
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.screenshot);
    parser.addOption(options.context);
    parser.addOption(options.select);
    parser.addOption(options.history);
    parser.addOption(options.audit);
    parser.addOption(options.auditLog);
    acceptQtOptions(parser);
    parser.addPositionalArgument(QStringLiteral("repository"),
                                 QStringLiteral("A git repository (or a folder inside one) to "
                                                "open as the workspace."),
                                 QStringLiteral("[repository]"));
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("gitops-console"));
    QCoreApplication::setApplicationName(QStringLiteral("gitops-console"));
    QCoreApplication::setApplicationVersion(gitops::applicationVersion());
}

// A mistake on the command line: said on stderr, before any window or display is needed.
int refuse(const QString &message)
{
    std::fprintf(stderr, "gitops-console: %s\nTry 'gitops-console --help'.\n", qPrintable(message));
    return UsageError;
}

// --help and `gitops-console help`, without a display.
int printHelp(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    Options options;
    QCommandLineParser parser;
    describe(parser, options);
    std::fputs(qPrintable(gitops::helpText(parser, QStringLiteral("gitops-console"))), stdout);
    return Success;
}

// --help-all: the help with Qt's own options, which only an application of the window's
// kind lists; the offscreen platform needs no display, and the program's name is what users
// type. QCommandLineParser::process() prints it and exits.
int printHelpWithQtOptions()
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    char program[] = "gitops-console";
    char option[] = "--help-all";
    char *arguments[] = {program, option, nullptr};
    int count = 2;
    QApplication app(count, arguments);
    setIdentity();
    Options options;
    QCommandLineParser parser;
    describe(parser, options);
    parser.process(app);
    return Success;
}

// `gitops-console help [COMMAND]`.
int runHelp(int argc, char *argv[])
{
    if (argc == 2)
        return printHelp(argc, argv);
    const QString command = QString::fromLocal8Bit(argv[2]);
    if (argc > 3)
        return refuse(QStringLiteral("help takes one command, got %1").arg(argc - 2));
    if (!gitops::isSubcommand(argv[2])) {
        const QString message = gitops::unknownCommandMessage(command);
        return refuse(message.isEmpty() ? QStringLiteral("unknown command '%1'").arg(command)
                                        : message);
    }
    char help[] = "--help";
    std::vector<char *> arguments{argv[0], argv[2], help, nullptr};
    return gitops::runSubcommand(3, arguments.data());
}

// The tree keys of @p model's resources, in tree order.
QStringList resourceKeys(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList keys;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(gitops::DriftTreeModel::NodeTypeRole)
                .value<gitops::DriftTreeModel::NodeType>()
            == gitops::DriftTreeModel::NodeType::Resource)
            keys << index.data(gitops::DriftTreeModel::KeyRole).toString();
        keys += resourceKeys(model, index);
    }
    return keys;
}

// --select KEY: once the tree holds everything it will hold (git's resources and the
// cluster's, the first complete snapshot), a key it does not have will never show. Say so
// at once, with the keys nearest to it; with --screenshot, that ends the run.
void checkSelection(gitops::MainWindow &window, const QString &key, bool exitWhenAbsent)
{
    // MainWindow tells no "tree loaded" yet; its session's first complete snapshot does
    // (MainWindow connects to it first, so the tree has that snapshot when this runs).
    auto *session = window.findChild<gitops::WorkspaceSession *>();
    if (!session)
        return;
    const auto absent = [key, exitWhenAbsent](const QString &why) {
        std::fprintf(stderr, "gitops-console: --select %s: %s\n", qPrintable(key), qPrintable(why));
        if (exitWhenAbsent)
            QCoreApplication::exit(UsageError);
    };
    // A repository that does not open has no tree at all. (The window keeps no workspace
    // then, and says why in its banner.)
    QObject::connect(
        &window, &gitops::MainWindow::workspaceShown, &window,
        [&window, absent] {
            if (window.workspace().root.isEmpty())
                absent(window.banner()->message());
        },
        Qt::SingleShotConnection);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = QObject::connect(
        session, &gitops::WorkspaceSession::snapshotChanged, &window,
        [&window, key, absent, connection](const gitops::drift::WorkspaceDrift &snapshot) {
            if (snapshot.partial)
                return;
            QObject::disconnect(*connection);
            const gitops::DriftTreeModel &model = *window.browser()->model();
            if (model.indexForKey(key).isValid())
                return;
            const QStringList keys = resourceKeys(model);
            absent(keys.isEmpty()
                       ? QStringLiteral("the workspace has no resources")
                       : QStringLiteral("no such resource; the nearest: %1")
                             .arg(gitops::closestMatches(key, keys, 3).join(QStringLiteral(", "))));
        });
}

// Renders @p widget to the PNG @p file a moment after the last change (for the layout to
// settle) and ends the run: 0 when it was written.
void saveAndExit(QWidget *widget, const QString &file, int settleMs)
{
    QTimer::singleShot(settleMs, widget, [widget, file] {
        const bool saved = widget->grab().save(file, "PNG");
        if (!saved)
            std::fprintf(stderr, "gitops-console: cannot write %s\n",
                         qPrintable(QDir::toNativeSeparators(file)));
        QCoreApplication::exit(saved ? Success : Failure);
    });
}

// --audit APP: the app's audit log; with --screenshot FILE, rendered once it is built (its
// newest event selected), which ends the run.
void openAuditLog(gitops::MainWindow &window, const QString &app, const QString &screenshot)
{
    gitops::AuditView *audit = window.openAudit(app);
    if (screenshot.isEmpty())
        return;
    QObject::connect(
        audit, &gitops::AuditView::built, audit,
        [audit, screenshot] { saveAndExit(audit->window(), screenshot, 500); },
        Qt::SingleShotConnection);
}

// --history APP: the app's timeline; with --screenshot FILE, rendered once its live commit
// (else HEAD) is selected and its detail shown, which ends the run.
void openHistory(gitops::MainWindow &window, const QString &app, const QString &screenshot)
{
    gitops::TimelineView *timeline = window.openTimeline(app);
    if (screenshot.isEmpty())
        return;
    if (!timeline) {
        std::fprintf(stderr, "gitops-console: --history %s: %s\n", qPrintable(app),
                     qPrintable(window.banner()->message()));
        QCoreApplication::exit(Failure);
        return;
    }
    const auto save = [timeline, screenshot] { saveAndExit(timeline, screenshot, 300); };
    // With the forge's pull requests in, when it is being asked.
    const auto grab = [timeline, save] {
        if (timeline->askingForge())
            QObject::connect(timeline, &gitops::TimelineView::pullRequestsKnown, timeline, save,
                             Qt::SingleShotConnection);
        else
            save();
    };
    QObject::connect(
        timeline, &gitops::TimelineView::liveFound, timeline,
        [timeline, grab] {
            QString target = timeline->model()->live().commit;
            if (target.isEmpty() && timeline->model()->rowCount() > 0)
                target = timeline->model()->entry(0).id;
            if (timeline->detailCommit() == target) {
                grab();
                return;
            }
            QObject::connect(timeline, &gitops::TimelineView::detailShown, timeline,
                             [target, grab](const QString &commit) {
                                 if (commit == target)
                                     grab();
                             });
            timeline->selectCommit(target);
        },
        Qt::SingleShotConnection);
    QTimer::singleShot(60000, timeline, [app] {
        std::fprintf(stderr, "gitops-console: the history of %s was not shown within 60 s\n",
                     qPrintable(app));
        QCoreApplication::exit(Failure);
    });
}

void installTranslations(QApplication &app)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("gitops-console"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
}

} // namespace

int main(int argc, char *argv[])
{
    // Subcommands (gitops-console diff ...) run headless, before any GUI object exists.
    if (argc > 1 && gitops::isSubcommand(argv[1]))
        return gitops::runSubcommand(argc, argv);
    if (argc > 1 && std::strcmp(argv[1], "help") == 0)
        return runHelp(argc, argv);

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    Options options;
    QCommandLineParser parser;
    describe(parser, options);
    // A first word that is neither a command nor a folder is most likely a mistyped command,
    // whose options this parser does not know.
    const QString first = arguments.value(1);
    const QString mistake = first.isEmpty() || first.startsWith(u'-')
        ? QString()
        : gitops::unknownCommandMessage(first);
    if (!parser.parse(arguments))
        return refuse(mistake.isEmpty() ? parser.errorText() : mistake);
    if (parser.isSet(QStringLiteral("help-all")))
        return printHelpWithQtOptions();
    if (parser.isSet(QStringLiteral("help")))
        return printHelp(argc, argv);
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("gitops-console %s\n", qPrintable(gitops::applicationVersion()));
        return Success;
    }
    const QStringList positional = parser.positionalArguments();
    const QString typo =
        positional.isEmpty() ? QString() : gitops::unknownCommandMessage(positional.first());
    if (positional.size() > 1) {
        if (!typo.isEmpty() && !gitops::suggestedCommand(positional.first()).isEmpty())
            return refuse(typo);
        return refuse(QStringLiteral("expected at most one repository, got %1: %2")
                          .arg(positional.size())
                          .arg(positional.join(u' ')));
    }
    if (!typo.isEmpty())
        return refuse(typo);

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setDesktopFileName(QStringLiteral("gitops-console"));
    installTranslations(app);

    gitops::MainWindow window;
    window.show();

    const QString repository = positional.value(0);
    const QString screenshot = parser.value(options.screenshot);
    const QString context = parser.value(options.context);
    const QString selection = parser.value(options.select);
    const QString historyApp = parser.value(options.history);
    const QString auditApp = parser.value(options.audit);
    const QString windowApp = historyApp.isEmpty() ? auditApp : historyApp;
    if (const QString file = parser.value(options.auditLog); !file.isEmpty())
        window.setAuditLogFile(QFileInfo(file).absoluteFilePath());
    if (!context.isEmpty()) {
        // After the workspace opened, so that it wins over the context remembered for it.
        QObject::connect(
            &window, &gitops::MainWindow::workspaceShown, &window,
            [&window, context] { window.selectContext(context); }, Qt::SingleShotConnection);
    }
    if (!selection.isEmpty()) {
        window.selectWhenAvailable(selection);
        checkSelection(window, selection, !screenshot.isEmpty());
    }
    if (!windowApp.isEmpty() && !repository.isEmpty()) {
        // Once git's side is read (the app is known) and the cluster listed.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(
            window.document()->session(), &gitops::WorkspaceSession::snapshotChanged, &window,
            [&window, historyApp, windowApp, screenshot,
             connection](const gitops::drift::WorkspaceDrift &snapshot) {
                if (snapshot.partial || !window.document()->session()->desiredApp(windowApp))
                    return;
                QObject::disconnect(*connection);
                if (!historyApp.isEmpty())
                    openHistory(window, historyApp, screenshot);
                else
                    openAuditLog(window, windowApp, screenshot);
            });
    }
    if (!screenshot.isEmpty() && windowApp.isEmpty()) {
        // Grab once start-up work is shown: at once without a repository, after it has been
        // opened (or failed to open), or once the selected resource shows its live diff.
        auto grab = [&window, screenshot] { saveAndExit(&window, screenshot, 200); };
        if (repository.isEmpty()) {
            grab();
        } else if (!selection.isEmpty()) {
            QObject::connect(&window, &gitops::MainWindow::resourceDisplayed, &window, grab);
            // The last resort, when the tree never loads (a cluster that does not answer).
            QTimer::singleShot(60000, &window, [selection] {
                std::fprintf(stderr, "gitops-console: %s was not shown within 60 s\n",
                             qPrintable(selection));
                QCoreApplication::exit(Failure);
            });
        } else {
            QObject::connect(&window, &gitops::MainWindow::workspaceShown, &window, grab);
        }
    }
    if (!repository.isEmpty())
        window.openWorkspace(repository);

    return QApplication::exec();
}
