// Issue 15, performance: the edit preview while typing. A 2,000-line multi-document file of
// 100 Deployments in an app of 1,000 resources (900 ConfigMaps in a second file), opened in
// the real edit pane beside the side-by-side diff; digits are typed one at a time after the
// replicas of one Deployment and removed again, and each keystroke is timed to the diff showing the
// edited resource against live (the preview parses and compares off the GUI thread after the pane's
// typing debounce, which the figure includes). Prints the median and the longest, and the longest
// stall of the GUI thread while typing. Not a CTest test: build the target bench_preview and run it
// (scripts/bench does).

#include "figure.h"

#include "drift/driftreport.h"
#include "manifest/manifestparser.h"
#include "manifesteditor.h"
#include "manifesteditpane.h"
#include "pendingchange.h"
#include "sidebysidediffview.h"
#include "workspace/desiredstate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace gitops;

namespace {

constexpr int keystrokes = 31;

QByteArray deployments()
{
    QByteArray text;
    for (int i = 0; i < 100; ++i) {
        text += QStringLiteral("---\n# deployment %1\napiVersion: apps/v1\nkind: Deployment\n"
                               "metadata:\n  name: web-%1\n  namespace: demo\n"
                               "  labels: {app: web-%1, tier: front}\nspec:\n  replicas: 2\n"
                               "  selector:\n    matchLabels: {app: web-%1}\n  template:\n"
                               "    metadata:\n      labels: {app: web-%1}\n    spec:\n"
                               "      containers:\n        - name: web\n"
                               "          image: \"nginx:1.27\"\n"
                               "          ports: [{containerPort: 80}]\n")
                    .arg(i)
                    .toUtf8();
    }
    return text;
}

QByteArray configMaps()
{
    QByteArray text;
    for (int i = 0; i < 900; ++i)
        text += QStringLiteral("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
                               "settings-%1, namespace: demo}\ndata: {mode: production}\n")
                    .arg(i)
                    .toUtf8();
    return text;
}

[[noreturn]] void fail(const char *why)
{
    std::fprintf(stderr, "bench_preview: %s\n", why);
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    const QByteArray big = deployments();
    if (big.count('\n') != 2000)
        fail("the file is not 2,000 lines");
    AppDesiredState app;
    app.app.name = QStringLiteral("big");
    app.resources = manifest::parseManifests(big, QStringLiteral("big.yaml")).resources
        + manifest::parseManifests(configMaps(), QStringLiteral("others.yaml")).resources;
    if (app.resources.size() != 1000)
        fail("the app does not have 1,000 resources");
    const manifest::Resource target = app.resources.at(50);
    QJsonObject live = target.object;
    live.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), 2}});

    PendingChange change;
    change.setFile(QStringLiteral("big.yaml"),
                   PendingChange::File{QStringLiteral("big"),
                                       QStringLiteral("HEAD"),
                                       big,
                                       big,
                                       {},
                                       false,
                                       {}});
    ManifestEditPane pane(&change);
    SideBySideDiffView diff;
    pane.resize(900, 600);
    diff.resize(900, 600);
    pane.show();
    diff.show();
    QObject::connect(&pane, &ManifestEditPane::edited, &change,
                     [&change](const QString &path, const QByteArray &bytes) {
                         PendingChange::File file = *change.file(path);
                         file.current = bytes;
                         change.setFile(path, file);
                     });
    QObject::connect(&pane, &ManifestEditPane::previewed, &diff,
                     [&diff](const QString &, const EditPreview &preview) {
                         if (preview.resource)
                             diff.setTexts(drift::DriftReport::desiredYaml(*preview.resource),
                                           drift::DriftReport::liveYaml(*preview.resource));
                     });
    pane.showFile(QStringLiteral("big.yaml"), target.line, target.line + 19);
    pane.setPreviewTarget(app, target.id, live);
    QSignalSpy updated(&diff, &SideBySideDiffView::updated);
    if (!updated.wait(10000))
        fail("the first preview never came");

    ManifestEditor *editor = pane.editor();
    QTextBlock replicas = editor->document()->findBlockByNumber(target.line - 1);
    while (replicas.isValid() && !replicas.text().startsWith(QStringLiteral("  replicas: 2")))
        replicas = replicas.next();
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
