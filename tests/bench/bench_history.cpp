// Issue 16, performance: one app's history in a repository of 10,000 commits and 200 app
// folders (its first page, and all of it, cold: a freshly opened repository each run), side by
// side with `git log --format=%H -- PATH` in the same run; and the commit the cluster runs
// found by content among the last 200 commits of an app of 500 resources (the worst case: the
// live commit is the 200th, so every candidate is compared). Not a CTest test: build the
// target bench_history and run it (scripts/bench does).

#include "fastimport.h"
#include "git/repository.h"
#include "history/apphistory.h"
#include "history/appstatereader.h"
#include "history/livecommit.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace gitops;
using gitops::bench::blob;
using gitops::bench::commitHeader;
using gitops::bench::makeRepository;
using gitops::bench::runGit;

namespace {

QString appFolder(int app)
{
    return QStringLiteral("apps/app%1").arg(app, 3, 10, QLatin1Char('0'));
}

QByteArray configMap(int app, int file, int revision)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app" + QByteArray::number(app) + "-"
        + QByteArray::number(file) + "\n  namespace: bench\ndata:\n  rev: \""
        + QByteArray::number(revision) + "\"\n";
}

// 10,000 commits over 200 app folders of 5 files: the first makes them all, each of the others
// changes one file in each of 1 to 3 apps (a fixed seed: the same repository every run).
QByteArray monorepo(int apps, int commits)
{
    QRandomGenerator random(16);
    QByteArray stream;
    for (int c = 0; c < commits; ++c) {
        stream += commitHeader(c);
        if (c == 0) {
            for (int a = 0; a < apps; ++a) {
                for (int f = 0; f < 5; ++f)
                    stream += "M 100644 inline " + appFolder(a).toUtf8() + "/cm"
                        + QByteArray::number(f) + ".yaml\n" + blob(configMap(a, f, 0));
            }
        } else {
            const int touched = 1 + int(random.bounded(3));
            for (int t = 0; t < touched; ++t) {
                const int a = int(random.bounded(apps));
                const int f = int(random.bounded(5));
                stream += "M 100644 inline " + appFolder(a).toUtf8() + "/cm" + QByteArray::number(f)
                    + ".yaml\n" + blob(configMap(a, f, c));
            }
        }
        stream += '\n';
    }
    return stream;
}

QByteArray deployment(int index, int revision)
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web"
        + QByteArray::number(index) + "\n  namespace: bench\n  labels: {app: web"
        + QByteArray::number(index)
        + "}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web"
        + QByteArray::number(index) + "}\n  template:\n    metadata:\n      labels: {app: web"
        + QByteArray::number(index)
        + "}\n    spec:\n      containers:\n        - name: web\n          image: "
          "registry.example/web:"
        + QByteArray::number(revision)
        + "\n          ports: [{containerPort: 8080}]\n          env:\n            - {name: "
          "MODE, value: production}\n          resources:\n            requests: {cpu: 100m, "
          "memory: 128Mi}\n";
}

// One app of 500 Deployments (a file each); each later commit changes one image.
QByteArray bigApp(int resources, int commits)
{
    QByteArray stream;
    for (int c = 0; c < commits; ++c) {
        stream += commitHeader(c);
        if (c == 0) {
            for (int r = 0; r < resources; ++r)
                stream += "M 100644 inline apps/big/web" + QByteArray::number(r) + ".yaml\n"
                    + blob(deployment(r, 0));
        } else {
            const int r = (c * 7919) % resources;
            stream += "M 100644 inline apps/big/web" + QByteArray::number(r) + ".yaml\n"
                + blob(deployment(r, c));
        }
        stream += '\n';
    }
    return stream;
}

std::unique_ptr<git::Repository> open(const QString &folder)
{
    auto opened = git::Repository::open(folder);
    if (auto *message = std::get_if<QString>(&opened))
        qFatal("%s", qPrintable(*message));
    return std::get<std::unique_ptr<git::Repository>>(std::move(opened));
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

App folderApp(const QString &path)
{
    App app;
    app.name = path;
    app.paths = {path};
    return app;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const int runs = 7;
    const int pageSize = 50;
    QTemporaryDir dir;

    QElapsedTimer setup;
    setup.start();
    const QString mono = makeRepository(dir.filePath(QStringLiteral("mono")), monorepo(200, 10000));
    const QString path = appFolder(42);
    const bool commitGraph =
        QFile::exists(mono + QStringLiteral("/.git/objects/info/commit-graph"));
    std::printf(
        "setup: %s commits, 200 app folders, commit-graph: %s, %lld ms\n",
        runGit(mono,
               {QStringLiteral("rev-list"), QStringLiteral("--count"), QStringLiteral("main")})
            .constData(),
        commitGraph ? "yes" : "no", setup.elapsed());

    // One app's history: the first page and all of it, each run on a repository opened anew.
    const App app = folderApp(path);
    QList<double> firstPage, whole, gitLog;
    qsizetype total = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        {
            const auto repository = open(mono);
            auto page =
                history::AppHistory(app).page(*repository, {QStringLiteral("main"), {}}, pageSize);
            if (!std::holds_alternative<history::HistoryPage>(page))
                qFatal("history: %s", qPrintable(std::get<QString>(page)));
        }
        firstPage << timer.nsecsElapsed() / 1e6;

        timer.restart();
        {
            const auto repository = open(mono);
            history::HistoryCursor cursor{QStringLiteral("main"), {}};
            total = 0;
            while (!cursor.atEnd()) {
                auto page = history::AppHistory(app).page(*repository, cursor, pageSize);
                const auto &read = std::get<history::HistoryPage>(page);
                total += read.commits.size();
                cursor = read.next;
            }
        }
        whole << timer.nsecsElapsed() / 1e6;

        timer.restart();
        const QByteArray ids = runGit(
            mono,
            {QStringLiteral("log"), QStringLiteral("--format=%H"), QStringLiteral("--"), path});
        gitLog << timer.nsecsElapsed() / 1e6;
        if (run == 0)
            std::printf("%s: %lld commits (git log: %lld)\n", qPrintable(path), qlonglong(total),
                        qlonglong(ids.count('\n') + 1));
    }
    std::printf("median of %d runs                       ours        git log -- PATH  ours/git\n",
                runs);
    std::printf("history, first page (%d), cold    %8.1f ms\n", pageSize, median(firstPage));
    std::printf("history, all of it, cold           %8.1f ms  %8.1f ms      %.2f\n", median(whole),
                median(gitLog), median(whole) / median(gitLog));

    // The live commit among the last 200 of an app of 500 resources, the 200th being live.
    setup.restart();
    const QString big = makeRepository(dir.filePath(QStringLiteral("big")), bigApp(500, 260));
    const App bigApp = folderApp(QStringLiteral("apps/big"));
    history::LiveEvidence evidence;
    QString liveCommit;
    {
        const auto repository = open(big);
        auto page =
            history::AppHistory(bigApp).page(*repository, {QStringLiteral("main"), {}}, 200);
        const auto &commits = std::get<history::HistoryPage>(page).commits;
        liveCommit = commits.constLast().id;
        history::AppStateReader reader(*repository, bigApp);
        auto state = reader.read(liveCommit);
        int uid = 0;
        for (const manifest::Resource &resource :
             std::get<history::AppStateReader::StatePointer>(state)->resources) {
            // What the API server adds: identity, versions, defaults a comparison ignores.
            QJsonObject live = resource.object;
            QJsonObject metadata = live.value(u"metadata").toObject();
            metadata.insert(QStringLiteral("uid"), QStringLiteral("uid-%1").arg(++uid));
            metadata.insert(QStringLiteral("resourceVersion"), QString::number(1000 + uid));
            metadata.insert(QStringLiteral("generation"), 1);
            metadata.insert(QStringLiteral("creationTimestamp"),
                            QStringLiteral("2026-12-01T00:00:00Z"));
            live.insert(QStringLiteral("metadata"), metadata);
            live.insert(QStringLiteral("status"),
                        QJsonObject{{QStringLiteral("replicas"), 2},
                                    {QStringLiteral("readyReplicas"), 2},
                                    {QStringLiteral("observedGeneration"), 1}});
            evidence.objects.insert(resource.id, live);
        }
    }
    std::printf("setup: an app of %lld resources, 260 commits, %lld ms\n",
                qlonglong(evidence.objects.size()), setup.elapsed());
    QList<double> liveTimes;
    history::LiveCommit found;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const auto repository = open(big);
        history::LiveCommitQuestion question;
        question.app = bigApp;
        question.limit = 200;
        question.evidence = evidence;
        auto result = history::findLiveCommit(*repository, question);
        liveTimes << timer.nsecsElapsed() / 1e6;
        if (auto *message = std::get_if<QString>(&result))
            qFatal("live commit: %s", qPrintable(*message));
        found = std::get<history::LiveCommit>(result);
    }
    // Of which: the app's desired state at each of the 200 commits, read from git.
    QList<double> stateTimes;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const auto repository = open(big);
        auto page =
            history::AppHistory(bigApp).page(*repository, {QStringLiteral("main"), {}}, 200);
        history::AppStateReader reader(*repository, bigApp);
        for (const history::HistoryEntry &entry : std::get<history::HistoryPage>(page).commits)
            reader.read(entry.id);
        stateTimes << timer.nsecsElapsed() / 1e6;
    }
    if (found.match != history::LiveMatch::Exact || found.commit != liveCommit)
        qFatal("live commit: expected %s exactly, found %s (%s)", qPrintable(liveCommit),
               qPrintable(found.commit), qPrintable(history::liveMatchName(found.match)));
    std::printf("live commit by content, 200th of 200 candidates, 500 resources, cold  %8.1f ms "
                "(%lld commits compared)\n",
                median(liveTimes), qlonglong(found.commits.size()));

    std::printf("  of which the history and the 200 desired states                 %8.1f ms\n",
                median(stateTimes));
    std::printf("BENCH history_first_page_10k_commits %.1f ms\n", median(firstPage));
    std::printf("BENCH history_all_10k_commits %.1f ms\n", median(whole));
    std::printf("BENCH git_log_path_10k_commits %.1f ms\n", median(gitLog));
    std::printf("BENCH live_commit_200_candidates_500_resources %.1f ms\n", median(liveTimes));
    std::printf("BENCH live_commit_desired_states_200_commits %.1f ms\n", median(stateTimes));
    return 0;
}
