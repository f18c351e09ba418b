// Issue 5, "Performance": a generated repository of 10,000 resources in 2,000 files.
// Figures: reading one revision from scratch (goal < 1 s), reading a revision that changes
// one file after the previous one (goal < 50 ms), parsing the same bytes in memory, and
// PyYAML's C loader (yaml.load_all with CSafeLoader) on the same bytes in the same run,
// with the ratio (how many times faster we are; goal > 1).
#include "gitbuilder.h"

#include "git/repository.h"
#include "manifest/manifestparser.h"
#include "workspace/desiredstatereader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

constexpr int Files = 2000;
constexpr int FilesPerApp = 5;
constexpr int Runs = 5;

QByteArray manifestFile(int index, int replicas)
{
    const QByteArray name = "svc-" + QByteArray::number(index);
    const QByteArray ns = "team-" + QByteArray::number(index / (FilesPerApp * 10));
    return "apiVersion: apps/v1\n"
           "kind: Deployment\n"
           "metadata:\n"
           "  name: "
        + name + "\n  namespace: " + ns
        + "\n"
          "  labels: &labels\n"
          "    app.kubernetes.io/name: "
        + name
        + "\n"
          "    app.kubernetes.io/part-of: shop\n"
          "spec:\n"
          "  replicas: "
        + QByteArray::number(replicas)
        + "\n"
          "  selector:\n"
          "    matchLabels: *labels\n"
          "  template:\n"
          "    metadata:\n"
          "      labels: *labels\n"
          "      annotations:\n"
          "        prometheus.io/scrape: \"true\"\n"
          "        prometheus.io/port: \"9090\"\n"
          "    spec:\n"
          "      containers:\n"
          "        - name: app\n"
          "          image: registry.example.com/shop/"
        + name
        + ":1.4.2\n"
          "          args: [\"--port=8080\", \"--log-level=info\"]\n"
          "          ports:\n"
          "            - name: http\n"
          "              containerPort: 8080\n"
          "          env:\n"
          "            - name: FEATURE_FLAG\n"
          "              value: \"on\"\n"
          "          resources:\n"
          "            requests: {cpu: 100m, memory: 128Mi}\n"
          "            limits: {cpu: 500m, memory: 256Mi}\n"
          "          readinessProbe:\n"
          "            httpGet: {path: /healthz, port: http}\n"
          "            periodSeconds: 10\n"
          "---\n"
          "apiVersion: v1\n"
          "kind: Service\n"
          "metadata:\n"
          "  name: "
        + name + "\n  namespace: " + ns
        + "\n"
          "spec:\n"
          "  selector:\n"
          "    app.kubernetes.io/name: "
        + name
        + "\n"
          "  ports:\n"
          "    - name: http\n"
          "      port: 80\n"
          "      targetPort: http\n"
          "---\n"
          "apiVersion: v1\n"
          "kind: ConfigMap\n"
          "metadata:\n"
          "  name: "
        + name + "-config\n  namespace: " + ns
        + "\n"
          "data:\n"
          "  LOG_FORMAT: json\n"
          "  TIMEOUT: \"30s\"\n"
          "  config.yaml: |\n"
          "    server:\n"
          "      port: 8080\n"
          "    cache:\n"
          "      enabled: true\n"
          "---\n"
          "apiVersion: v1\n"
          "kind: ServiceAccount\n"
          "metadata:\n"
          "  name: "
        + name + "\n  namespace: " + ns
        + "\n"
          "---\n"
          "apiVersion: autoscaling/v2\n"
          "kind: HorizontalPodAutoscaler\n"
          "metadata:\n"
          "  name: "
        + name + "\n  namespace: " + ns
        + "\n"
          "spec:\n"
          "  scaleTargetRef:\n"
          "    apiVersion: apps/v1\n"
          "    kind: Deployment\n"
          "    name: "
        + name
        + "\n"
          "  minReplicas: 2\n"
          "  maxReplicas: 10\n"
          "  metrics:\n"
          "    - type: Resource\n"
          "      resource:\n"
          "        name: cpu\n"
          "        target: {type: Utilization, averageUtilization: 70}\n";
}

QString pathOf(int index)
{
    return u"apps/app-%1/file-%2.yaml"_s.arg(index / FilesPerApp).arg(index % FilesPerApp);
}

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const size_t middle = samples.size() / 2;
    return samples.size() % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}

void print(const char *name, double value, const char *unit)
{
    std::printf("BENCH %s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

git::Revision resolve(const git::Repository &repository, const QString &spec)
{
    return std::get<git::Revision>(repository.resolve(spec));
}

// PyYAML's C loader over the same files, already in memory, timed inside Python so that
// the interpreter's start-up is not counted. Returns the median in ms, or -1.
double pyyamlMilliseconds(const QString &folder)
{
    const QString script = uR"(
import glob, os, statistics, sys, time, yaml
paths = sorted(glob.glob(os.path.join(sys.argv[1], '**', '*.yaml'), recursive=True))
data = [open(p, 'rb').read() for p in paths]
samples = []
for run in range(int(sys.argv[2]) + 1):
    start = time.perf_counter()
    count = 0
    for d in data:
        for doc in yaml.load_all(d, Loader=yaml.CSafeLoader):
            count += 1
    samples.append((time.perf_counter() - start) * 1000)
print(len(paths), count, statistics.median(samples[1:]))
)"_s;
    QProcess python;
    python.start(u"python3"_s, {u"-c"_s, script, folder, QString::number(Runs)});
    if (!python.waitForFinished(600000) || python.exitCode() != 0) {
        std::fprintf(stderr, "python3 with PyYAML failed: %s\n",
                     python.readAllStandardError().constData());
        return -1;
    }
    const QList<QByteArray> fields = python.readAllStandardOutput().trimmed().split(' ');
    if (fields.size() != 3 || fields.at(1).toInt() != Files * 5) {
        std::fprintf(stderr, "PyYAML read an unexpected number of documents\n");
        return -1;
    }
    return fields.at(2).toDouble();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString repositoryFolder = dir.filePath(u"repository"_s);
    const QString plainFolder = dir.filePath(u"plain"_s);

    QMap<QString, QByteArray> files;
    for (int i = 0; i < Files; ++i)
        files.insert(pathOf(i), manifestFile(i, 2));
    {
        test::GitBuilder builder(repositoryFolder);
        builder.commit(u"main"_s, files, u"10,000 resources"_s);
        builder.commit(u"main"_s, {{pathOf(777), manifestFile(777, 3)}}, u"one file"_s);
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString path = QDir(plainFolder).filePath(it.key());
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        out.write(it.value());
    }

    auto opened = git::Repository::open(repositoryFolder);
    if (!std::holds_alternative<std::unique_ptr<git::Repository>>(opened)) {
        std::fprintf(stderr, "%s\n", qPrintable(std::get<QString>(opened)));
        return 1;
    }
    const auto &repository = std::get<std::unique_ptr<git::Repository>>(opened);
    const git::Revision before = resolve(*repository, u"HEAD~1"_s);
    const git::Revision after = resolve(*repository, u"HEAD"_s);

    { // check once that the figures measure the real thing
        DesiredStateReader reader(*repository);
        const DesiredState state = reader.read(before);
        qsizetype resources = 0;
        for (const AppDesiredState &appState : state.apps)
            resources += appState.resources.size();
        if (resources != Files * 5 || !state.conflicts.isEmpty()) {
            std::fprintf(stderr, "read %lld resources, %lld conflicts\n", qlonglong(resources),
                         qlonglong(state.conflicts.size()));
            return 1;
        }
        reader.read(after);
        if (reader.parseCount() != Files + 1) {
            std::fprintf(stderr, "the second revision parsed %d files\n",
                         reader.parseCount() - Files);
            return 1;
        }
    }

    std::vector<double> fullReads;
    for (int run = 0; run <= Runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        DesiredStateReader reader(*repository);
        reader.read(before);
        if (run > 0) // the first run is a warm-up
            fullReads.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double fullRead = median(fullReads);
    print("desiredstate_read_revision_10k", fullRead, "ms");

    std::vector<double> incremental;
    for (int run = 0; run < Runs; ++run) {
        DesiredStateReader reader(*repository);
        reader.read(before);
        QElapsedTimer timer;
        timer.start();
        reader.read(after);
        incremental.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    print("desiredstate_read_one_file_changed", median(incremental), "ms");

    std::vector<double> parsing;
    for (int run = 0; run <= Runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            manifest::parseManifests(it.value(), it.key());
        if (run > 0) // the first run is a warm-up
            parsing.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    const double ours = median(parsing);
    print("manifest_parse_10k_in_memory", ours, "ms");

    const double pyyaml = pyyamlMilliseconds(plainFolder);
    if (pyyaml < 0)
        return 1;
    print("pyyaml_csafeloader_10k_in_memory", pyyaml, "ms");
    // Parsing alone, one thread each: the like-for-like comparison.
    print("manifest_parse_speedup_over_pyyaml", pyyaml / ours, "x");
    // The whole read (git, discovery, parsing on every core) against PyYAML's parse alone.
    print("desiredstate_read_speedup_over_pyyaml", pyyaml / fullRead, "x");
    return 0;
}
