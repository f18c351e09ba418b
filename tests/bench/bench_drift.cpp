// Issue 6, "Performance": 10,000 desired/live pairs compared on one thread (goal < 0.5 s).
// The pairs are the drift corpus' (tests/data/drift): objects as a real API server returns
// them, with managedFields, defaults and drift, repeated under distinct names. A second figure
// makes the unified diff text of every pair that drifts.
#include "figure.h"

#include "drift/comparison.h"
#include "drift/driftreport.h"
#include "manifest/manifestparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

using namespace gitops;

namespace {

constexpr int Pairs = 10000;
constexpr int Runs = 5;

struct Pair
{
    manifest::ResourceId id;
    QJsonObject desired;
    QJsonObject live;
    QHash<QString, int> lines;
};

QList<manifest::Resource> read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return manifest::parseManifests(file.readAll(), path).resources;
}

// Every desired object of the corpus with its live object, renamed so that no two pairs share
// an identity.
QList<Pair> corpusPairs()
{
    QList<Pair> base;
    const QDir corpus(QStringLiteral(GITOPS_DRIFT_CORPUS));
    for (const QString &name : corpus.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QList<manifest::Resource> live =
            read(corpus.filePath(name + QStringLiteral("/live.yaml")));
        for (manifest::Resource desired :
             read(corpus.filePath(name + QStringLiteral("/desired.yaml")))) {
            if (desired.id.namespaceName.isEmpty() && desired.id.kind != QLatin1String("Namespace")
                && !desired.id.kind.startsWith(QLatin1String("Cluster"))
                && desired.id.kind != QLatin1String("CustomResourceDefinition"))
                desired.id.namespaceName = QStringLiteral("default");
            for (const manifest::Resource &object : live) {
                if (drift::identityOf(object.object) == desired.id)
                    base.append({desired.id, desired.object, object.object, desired.fieldLines});
            }
        }
    }
    QList<Pair> pairs;
    pairs.reserve(Pairs);
    for (int i = 0; !base.isEmpty() && pairs.size() < Pairs; ++i) {
        Pair pair = base.at(i % base.size());
        pair.id.name += QLatin1Char('-') + QString::number(i);
        pairs.append(pair);
    }
    return pairs;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QList<Pair> pairs = corpusPairs();
    if (pairs.size() != Pairs) {
        std::fprintf(stderr, "bench_drift: could not read the drift corpus\n");
        return 1;
    }
    int drifted = 0;
    QList<drift::ResourceDrift> results;
    bench::measureMilliseconds(QStringLiteral("drift_compare_10000_pairs"), Runs, [&] {
        results.clear();
        results.reserve(pairs.size());
        drifted = 0;
        for (const Pair &pair : pairs) {
            results.append(
                drift::compareResource(pair.id, pair.desired, pair.live, {}, pair.lines));
            drifted += results.last().status != drift::SyncStatus::Synced;
        }
    });
    qsizetype characters = 0;
    bench::measureMilliseconds(QStringLiteral("drift_unified_diff_10000_pairs"), Runs, [&] {
        characters = 0;
        for (const drift::ResourceDrift &result : std::as_const(results))
            characters += drift::DriftReport::unifiedDiff(result).size();
    });
    std::fprintf(stderr, "bench_drift: %d of %d pairs drift, %lld characters of diff\n", drifted,
                 Pairs, static_cast<long long>(characters));
    return 0;
}
