// gitops-console: start-up only. Everything else lives in the models and views libraries.

#include "cli.h"
#include "mainwindow.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {

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
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QStringLiteral(
        "Compare the desired state of Kubernetes apps in git with the live state of a cluster."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.screenshot);
    parser.addOption(options.context);
    parser.addOption(options.select);
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

// Answers --help, --version and command-line errors without a display.
int runWithoutWindow(int argc, char *argv[], QCommandLineParser &parser, bool parsed)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    if (!parsed) {
        std::fprintf(stderr, "gitops-console: %s\nTry 'gitops-console --help'.\n",
                     qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("gitops-console %s\n", qPrintable(gitops::applicationVersion()));
        return 0;
    }
    std::fputs(qPrintable(parser.helpText()), stdout);
    return 0;
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

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    Options options;
    QCommandLineParser parser;
    describe(parser, options);
    const bool parsed = parser.parse(arguments);
    if (!parsed || parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version")))
        return runWithoutWindow(argc, argv, parser, parsed);
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "gitops-console: expected at most one repository, got %lld\n",
                     static_cast<long long>(parser.positionalArguments().size()));
        return 2;
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setDesktopFileName(QStringLiteral("gitops-console"));
    installTranslations(app);

    gitops::MainWindow window;
    window.show();

    const QString repository = parser.positionalArguments().value(0);
    const QString screenshot = parser.value(options.screenshot);
    const QString context = parser.value(options.context);
    const QString selection = parser.value(options.select);
    if (!context.isEmpty()) {
        // After the workspace opened, so that it wins over the context remembered for it.
        QObject::connect(
            &window, &gitops::MainWindow::workspaceShown, &window,
            [&window, context] { window.selectContext(context); }, Qt::SingleShotConnection);
    }
    if (!selection.isEmpty())
        window.selectWhenAvailable(selection);
    if (!screenshot.isEmpty()) {
        // Grab once start-up work is shown: at once without a repository, after it has been
        // opened (or failed to open), or once the selected resource shows its live diff.
        auto grab = [&window, screenshot] {
            // A moment for the layout to settle after the last change.
            QTimer::singleShot(200, &window, [&window, screenshot] {
                const bool saved = window.grab().save(screenshot, "PNG");
                if (!saved)
                    std::fprintf(stderr, "gitops-console: cannot write %s\n",
                                 qPrintable(QDir::toNativeSeparators(screenshot)));
                QCoreApplication::exit(saved ? 0 : 1);
            });
        };
        if (repository.isEmpty()) {
            grab();
        } else if (!selection.isEmpty()) {
            QObject::connect(&window, &gitops::MainWindow::resourceDisplayed, &window, grab);
            QTimer::singleShot(60000, &window, [selection] {
                std::fprintf(stderr, "gitops-console: %s was not shown within 60 s\n",
                             qPrintable(selection));
                QCoreApplication::exit(1);
            });
        } else {
            QObject::connect(&window, &gitops::MainWindow::workspaceShown, &window, grab);
        }
    }
    if (!repository.isEmpty())
        window.openWorkspace(repository);

    return QApplication::exec();
}
