// gitops-console: start-up only. Everything else lives in the models and views libraries.

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
    if (!screenshot.isEmpty()) {
        // Grab once start-up work is shown: at once without a repository, else after it
        // has been opened (or has failed to open).
        auto grab = [&window, screenshot] {
            QTimer::singleShot(0, &window, [&window, screenshot] {
                const bool saved = window.grab().save(screenshot, "PNG");
                if (!saved)
                    std::fprintf(stderr, "gitops-console: cannot write %s\n",
                        qPrintable(QDir::toNativeSeparators(screenshot)));
                QCoreApplication::exit(saved ? 0 : 1);
            });
        };
        if (repository.isEmpty())
            grab();
        else
            QObject::connect(&window, &gitops::MainWindow::workspaceShown, &window, grab);
    }
    if (!repository.isEmpty())
        window.openWorkspace(repository);

    return QApplication::exec();
}
