// Issue 13, item 5: commit of one changed file in a repository of 10,000 files and 10,000
// commits, and push of it to a local bare remote, side by side with git doing the same by
// hand (read-tree/hash-object/update-index into a temporary index, write-tree, commit-tree,
// update-ref, push). Not a CTest test: build the target bench_commitpush and run it.

#include "git/commitbuilder.h"
#include "git/remote.h"
#include "git/repository.h"

#include "fastimport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace gitops;
using bench::runGit;

namespace {

QString pathOf(int file)
{
    return QStringLiteral("apps/app%1/manifest%2.yaml")
        .arg(file / 100, 3, 10, QLatin1Char('0'))
        .arg(file % 100, 3, 10, QLatin1Char('0'));
}

QByteArray history(int files, int commits)
{
    QByteArray stream;
    for (int c = 0; c < commits; ++c) {
        stream += bench::commitHeader(c);
        if (c == 0) {
            for (int f = 0; f < files; ++f)
                stream += "M 100644 inline " + pathOf(f).toUtf8() + '\n'
                    + bench::blob("kind: ConfigMap\nmetadata:\n  name: m" + QByteArray::number(f)
                                  + '\n');
        } else {
            const int f = (c * 7919) % files;
            stream += "M 100644 inline " + pathOf(f).toUtf8() + '\n'
                + bench::blob("kind: ConfigMap\nmetadata:\n  name: m" + QByteArray::number(f)
                              + "\ndata:\n  rev: \"" + QByteArray::number(c) + "\"\n");
        }
        stream += '\n';
    }
    return stream;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = 10000;
    const int commits = 10000;
    const int runs = 7;
    QTemporaryDir dir;
    qputenv("HOME", QFile::encodeName(dir.path()));
    const QString work = dir.filePath(QStringLiteral("work"));
    const QString bare = dir.filePath(QStringLiteral("remote.git"));
    QDir().mkpath(work);

    QElapsedTimer setup;
    setup.start();
    bench::makeRepository(work, history(files, commits));
    runGit(work,
           {QStringLiteral("reset"), QStringLiteral("-q"), QStringLiteral("--hard"),
            QStringLiteral("main")});
    runGit(dir.path(),
           {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--bare"), work, bare});
    runGit(work, {QStringLiteral("remote"), QStringLiteral("add"), QStringLiteral("origin"), bare});
    std::printf(
        "setup: %d files, %s commits, %lld ms\n", files,
        runGit(work,
               {QStringLiteral("rev-list"), QStringLiteral("--count"), QStringLiteral("main")})
            .constData(),
        setup.elapsed());

    auto opened = git::Repository::open(work);
    auto repository = std::move(std::get<std::unique_ptr<git::Repository>>(opened));
    QList<double> oursCommit, oursPush, gitCommit, gitPush;
    for (int run = 0; run < runs; ++run) {
        const QString changed = pathOf((run * 31) % files);
        const QByteArray content = "kind: ConfigMap\nmetadata:\n  name: bench\ndata:\n  run: \""
            + QByteArray::number(run) + "\"\n";

        // Ours: CommitBuilder + Remote::push.
        const QString branch = QStringLiteral("ours/%1").arg(run);
        QElapsedTimer timer;
        timer.start();
        git::CommitRequest request;
        request.base = QStringLiteral("main");
        request.branch = branch;
        request.subject = QStringLiteral("bench");
        request.author =
            git::Identity{QStringLiteral("Bench"), QStringLiteral("bench@example.invalid"), {}};
        request.committer = request.author;
        request.edits = {git::FileEdit::write(changed, content)};
        const auto committed = git::CommitBuilder(*repository).commit(request);
        oursCommit << timer.nsecsElapsed() / 1e6;
        if (const auto *error = std::get_if<git::CommitError>(&committed))
            qFatal("commit: %s", qPrintable(error->message));
        timer.restart();
        const auto pushed =
            git::Remote(*repository, QStringLiteral("origin")).push(branch, QStringLiteral("main"));
        oursPush << timer.nsecsElapsed() / 1e6;
        if (!std::holds_alternative<git::PushResult>(pushed)
            || !std::get<git::PushResult>(pushed).succeeded())
            qFatal("push failed");

        // git by hand, worktree-free.
        const QString gitBranch = QStringLiteral("git/%1").arg(run);
        const QString index = dir.filePath(QStringLiteral("index-%1").arg(run));
        const QStringList indexEnvironment{QStringLiteral("GIT_INDEX_FILE=") + index};
        timer.restart();
        runGit(work, {QStringLiteral("read-tree"), QStringLiteral("main")}, {}, indexEnvironment);
        const QByteArray blob = runGit(
            work, {QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin")},
            content);
        runGit(work,
               {QStringLiteral("update-index"), QStringLiteral("--cacheinfo"),
                QStringLiteral("100644,%1,%2").arg(QString::fromLatin1(blob), changed)},
               {}, indexEnvironment);
        const QByteArray tree = runGit(work, {QStringLiteral("write-tree")}, {}, indexEnvironment);
        const QByteArray commit =
            runGit(work,
                   {QStringLiteral("commit-tree"), QString::fromLatin1(tree), QStringLiteral("-p"),
                    QStringLiteral("main"), QStringLiteral("-m"), QStringLiteral("bench")});
        runGit(work,
               {QStringLiteral("update-ref"), QStringLiteral("refs/heads/") + gitBranch,
                QString::fromLatin1(commit)});
        gitCommit << timer.nsecsElapsed() / 1e6;
        timer.restart();
        runGit(work,
               {QStringLiteral("push"), QStringLiteral("-q"), QStringLiteral("origin"), gitBranch});
        gitPush << timer.nsecsElapsed() / 1e6;
    }
    std::printf("median of %d runs      ours      git by hand   ours/git\n", runs);
    std::printf("commit 1 file      %7.1f ms  %7.1f ms      %.2f\n", median(oursCommit),
                median(gitCommit), median(oursCommit) / median(gitCommit));
    std::printf("push to local bare %7.1f ms  %7.1f ms      %.2f\n", median(oursPush),
                median(gitPush), median(oursPush) / median(gitPush));
    // For scripts/bench: one line per figure.
    std::printf("BENCH git_commit_1_file_10k_commits %.1f ms\n", median(oursCommit));
    std::printf("BENCH git_commit_by_hand_10k_commits %.1f ms\n", median(gitCommit));
    std::printf("BENCH git_push_local_bare %.1f ms\n", median(oursPush));
    std::printf("BENCH git_push_by_hand_local_bare %.1f ms\n", median(gitPush));
    return 0;
}
