// Issue 16, performance: scrolling the rollback timeline never stalls the GUI over 50 ms. A
// repository of 4,000 commits, 3,000 of them changing the app apps/web (the others another
// app), opened in the window with no cluster; the app's timeline is scrolled to its end a
// page at a time as a user clicks below the scroll bar's handle, each page loaded on the
// repository worker as the list reaches its end. The timeline is opened as soon as the
// window shows the workspace, before its apps are read (it once stayed empty then). Prints
// the longest stall of the GUI thread (a 5 ms timer probe) while opening (to the first page)
// and while scrolling (from the first page to the last row), and the times to both.
// Not a CTest test: build the target bench_timeline and run it (scripts/bench does).
#include "fastimport.h"
#include "figure.h"

#include "mainwindow.h"
#include "timelinemodel.h"
#include "timelineview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>

#include <cstdio>

using namespace gitops;

namespace {

constexpr int appCommits = 3000;
constexpr int otherCommits = 1000;

QByteArray configMap(const QByteArray &name, int revision)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  namespace: bench\ndata:\n  rev: \"" + QByteArray::number(revision) + "\"\n";
}

// Every fourth commit changes apps/api, the others one of apps/web's three files.
QByteArray fleetHistory()
{
    QByteArray stream;
    for (int c = 0; c < appCommits + otherCommits; ++c) {
        stream += bench::commitHeader(c);
        if (c == 0) {
            for (int f = 0; f < 3; ++f)
                stream += "M 100644 inline apps/web/cm" + QByteArray::number(f) + ".yaml\n"
                    + bench::blob(configMap("web-" + QByteArray::number(f), 0));
            stream += "M 100644 inline apps/api/cm.yaml\n" + bench::blob(configMap("api", 0));
        } else if (c % 4 == 3) {
            stream += "M 100644 inline apps/api/cm.yaml\n" + bench::blob(configMap("api", c));
        } else {
            const QByteArray file = QByteArray::number(c % 3);
            stream += "M 100644 inline apps/web/cm" + file + ".yaml\n"
                + bench::blob(configMap("web-" + file, c));
        }
        stream += '\n';
    }
    return stream;
}

bool waitFor(const std::function<bool()> &done, int milliseconds)
{
    QElapsedTimer deadline;
    deadline.start();
    while (!done() && deadline.elapsed() < milliseconds)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    return done();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       dir.filePath(QStringLiteral("settings")));
    // No cluster: the timeline's git side alone.
    const QString kubeconfig = dir.filePath(QStringLiteral("kubeconfig"));
    QFile(kubeconfig).open(QIODevice::WriteOnly);
    qputenv("KUBECONFIG", QFile::encodeName(kubeconfig));

    QElapsedTimer setup;
    setup.start();
    // The history is written as of commit 0 (the commit header's dates) and counted.
    const QString repository =
        bench::makeRepository(dir.filePath(QStringLiteral("fleet")), fleetHistory());
    std::printf("setup: %s commits, %d of apps/web, %lld ms\n",
                bench::runGit(
                    repository,
                    {QStringLiteral("rev-list"), QStringLiteral("--count"), QStringLiteral("main")})
                    .constData(),
                appCommits, setup.elapsed());

    MainWindow window;
    window.resize(1300, 800);
    window.show();
    bool shown = false;
    QObject::connect(&window, &MainWindow::workspaceShown, &window, [&] { shown = true; });
    window.openWorkspace(repository);
    if (!waitFor([&] { return shown; }, 60000)) {
        std::fprintf(stderr, "bench_timeline: the workspace never showed\n");
        return 1;
    }

    // Opened as soon as the window shows the workspace, while it still reads its apps (the
    // window's own work then counts in the opening's stall, not in the scrolling's).
    bench::StallProbe opening;
    bench::StallProbe probe;
    QElapsedTimer clock;
    opening.start();
    clock.start();
    TimelineView *timeline = window.openTimeline(QStringLiteral("apps/web"));
    if (!timeline) {
        std::fprintf(stderr, "bench_timeline: no timeline of apps/web\n");
        return 1;
    }
    timeline->resize(1200, 800);
    TimelineModel *model = timeline->model();
    QScrollBar *scrollBar = timeline->list()->verticalScrollBar();
    if (!waitFor([&] { return model->rowCount() > 0; }, 30000)) {
        std::fprintf(stderr, "bench_timeline: no first page (%s): %s %s\n",
                     model->isLoading() ? "still loading" : "not loading",
                     qPrintable(model->error()), qPrintable(timeline->liveStatus()->text()));
        return 1;
    }
    const qint64 firstPageMs = clock.elapsed();
    const qint64 openingStall = opening.stop();
    probe.start();

    // A click below the handle every 50 ms (a user holding the mouse there repeats faster),
    // until the last commit is loaded and the list is at its end.
    int pages = 0;
    const auto atLastRow = [&] {
        return model->atEnd() && !model->isLoading() && model->rowCount() == appCommits
            && scrollBar->value() == scrollBar->maximum();
    };
    QElapsedTimer deadline;
    deadline.start();
    while (!atLastRow() && deadline.elapsed() < 300000) {
        scrollBar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        ++pages;
        QElapsedTimer step;
        step.start();
        while (step.elapsed() < 50)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
    const qint64 lastRowMs = clock.elapsed();
    const qint64 longestStall = probe.stop();
    if (!atLastRow()) {
        std::fprintf(stderr, "bench_timeline: %d of %d commits after %d pages; %s\n",
                     model->rowCount(), appCommits, pages, qPrintable(model->error()));
        return 1;
    }
    std::printf("scrolled %d pages\n", pages);
    std::printf("BENCH timeline.first_page_%d %lld ms\n", appCommits,
                static_cast<long long>(firstPageMs));
    std::printf("BENCH timeline.last_row_%d %lld ms\n", appCommits,
                static_cast<long long>(lastRowMs));
    std::printf("BENCH timeline.longest_gui_stall_opening %lld ms\n",
                static_cast<long long>(openingStall));
    std::printf("BENCH timeline.longest_gui_stall_scrolling %lld ms\n",
                static_cast<long long>(longestStall));
    return 0;
}
