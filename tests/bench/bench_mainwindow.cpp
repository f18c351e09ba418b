// Start-up cost of the main window: construct, lay out and render it once.
#include "figure.h"
#include "mainwindow.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    gitops::bench::measureMilliseconds(QStringLiteral("mainwindow.construct_and_render"), 21, [] {
        gitops::MainWindow window;
        window.resize(1200, 760);
        window.show();
        QCoreApplication::processEvents();
        window.grab();
    });
    return 0;
}
