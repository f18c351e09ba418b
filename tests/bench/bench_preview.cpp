// Issue 15, performance: the edit preview while typing. A 2,000-line multi-document file of
// 100 Deployments in an app of 1,000 resources (900 ConfigMaps in a second file), opened in
// the real edit pane beside the side-by-side diff; digits are typed one at a time after the
// replicas of one Deployment and removed again, and each keystroke is timed to the diff showing the
// edited resource against live (the preview parses and compares off the GUI thread after the pane's
// typing debounce, which the figure includes). Prints the median and the longest, and the longest
// stall of the GUI thread while typing. Not a CTest test: build the target bench_preview and run it
// (scripts/bench does).

#include "figure.h"

#include "largefilepreview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace gitops;

namespace {

constexpr int keystrokes = 31;

[[noreturn]] void fail(const char *why)
{
    std::fprintf(stderr, "bench_preview: %s\n", why);
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    testing::LargeFilePreview scenario;
    if (scenario.file().count('\n') != 2000)
        fail("the file is not 2,000 lines");
    if (scenario.app().resources.size() != 1000)
        fail("the app does not have 1,000 resources");
    SideBySideDiffView &diff = scenario.diff();
    QSignalSpy updated(&diff, &SideBySideDiffView::updated);
    scenario.start();
    if (!updated.wait(10000))
        fail("the first preview never came");

    ManifestEditor *editor = scenario.editor();
    const QTextBlock replicas = scenario.replicasLine();
    if (!replicas.isValid())
        fail("no replicas line");
    QTextCursor cursor(replicas);
    cursor.movePosition(QTextCursor::EndOfBlock);
    editor->setTextCursor(cursor);

    QList<double> latencies;
    qint64 longestStall = 0;
    for (int i = 0; i < keystrokes; ++i) {
        updated.clear();
        bench::StallProbe probe;
        probe.start();
        QElapsedTimer timer;
        timer.start();
        // A digit, then its removal: every keystroke changes the preview, and the number
        // stays one that YAML reads as an integer.
        QTest::keyClick(editor, i % 2 == 0 ? Qt::Key_1 : Qt::Key_Backspace);
        if (!updated.wait(5000))
            fail("the diff did not follow a keystroke");
        latencies << timer.nsecsElapsed() / 1e6;
        longestStall = std::max(longestStall, probe.stop());
    }
    if (!diff.leftText().contains(QStringLiteral("replicas: 21")))
        fail("the diff does not show what was typed");
    std::sort(latencies.begin(), latencies.end());
    std::printf("# %d keystrokes (a digit, a backspace, ...) after .spec.replicas of web-50 "
                "(2,000-line file, 1,000 "
                "resources); the pane's typing debounce is part of each figure\n",
                keystrokes);
    std::printf("# keystroke to updated diff: median %.1f ms, longest %.1f ms; longest GUI "
                "stall %lld ms\n",
                latencies.at(latencies.size() / 2), latencies.constLast(), qlonglong(longestStall));
    std::printf("BENCH preview_keystroke_2000_lines_1000_resources %.1f ms\n",
                latencies.at(latencies.size() / 2));
    std::printf("BENCH preview_longest_stall %lld ms\n", qlonglong(longestStall));
    return 0;
}
