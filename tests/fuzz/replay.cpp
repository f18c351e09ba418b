// gitops-fuzz-replay TARGET PATH... [--mutations N] [--seconds S]
//
// The fuzz targets without libFuzzer (the dev and asan builds): runs TARGET's function over
// every file of each PATH (a corpus folder, or one file such as a crash libFuzzer kept),
// then over N deterministic mutations of those files (default 3000, stopped after S seconds,
// default 4), so a regression in any parser fails the test run under ASan+UBSan within
// seconds. The mutations are the same on every run: a failure reproduces.

#include "fuzztarget.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <random>
#include <string>

namespace gitops::fuzz {
namespace {

std::map<std::string, TargetFunction> &targets()
{
    static std::map<std::string, TargetFunction> table;
    return table;
}

QList<QByteArray> readInputs(const QString &path, bool *ok)
{
    QStringList files;
    const QFileInfo info(path);
    if (info.isDir()) {
        const QFileInfoList entries = QDir(path).entryInfoList(QDir::Files, QDir::Name);
        for (const QFileInfo &entry : entries)
            files.append(entry.filePath());
    } else {
        files.append(path);
    }
    QList<QByteArray> inputs;
    for (const QString &file : std::as_const(files)) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(file));
            *ok = false;
            continue;
        }
        inputs.append(in.readAll());
    }
    return inputs;
}

// Bytes that start or end structure in the formats the targets read.
constexpr char Interesting[] = "\n\r\t :-\"'{}[],#&*!|>%@`\\/~.0123456789\xff\x00";

QByteArray mutate(const QList<QByteArray> &inputs, std::mt19937 &random)
{
    auto below = [&random](qsizetype bound) {
        return bound <= 0 ? qsizetype(0)
                          : qsizetype(std::uniform_int_distribution<qint64>(0, bound - 1)(random));
    };
    QByteArray bytes = inputs.at(below(inputs.size()));
    const int steps = 1 + int(below(4));
    for (int step = 0; step < steps; ++step) {
        const qsizetype at = below(bytes.size() + 1);
        switch (below(8)) {
        case 0: // flip a bit
            if (!bytes.isEmpty())
                bytes[below(bytes.size())] ^= char(1 << below(8));
            break;
        case 1: // overwrite a byte with one that matters to a parser
            if (!bytes.isEmpty())
                bytes[below(bytes.size())] = Interesting[below(sizeof(Interesting) - 1)];
            break;
        case 2: // insert one
            bytes.insert(at, Interesting[below(sizeof(Interesting) - 1)]);
            break;
        case 3: // remove a run
            bytes.remove(at, 1 + below(16));
            break;
        case 4: // repeat a run
            bytes.insert(at, bytes.mid(at, 1 + below(32)));
            break;
        case 5: // cut short
            bytes.truncate(at);
            break;
        case 6: { // splice in a piece of another input
            const QByteArray &other = inputs.at(below(inputs.size()));
            const qsizetype from = below(other.size());
            bytes.insert(at, other.mid(from, 1 + below(64)));
            break;
        }
        default: // a number at its edges
            bytes.insert(
                at,
                QByteArrayView(std::array<const char *, 6>{"-1", "9223372036854775808", "1e309",
                                                           "0x", "-0", "1e-400"}[below(6)]));
            break;
        }
    }
    return bytes;
}

int usage()
{
    std::fprintf(stderr,
                 "usage: gitops-fuzz-replay TARGET PATH... [--mutations N] [--seconds S]\n"
                 "targets:");
    for (const auto &[name, function] : targets())
        std::fprintf(stderr, " %s", name.c_str());
    std::fprintf(stderr, "\n");
    return 2;
}

} // namespace

Registration::Registration(const char *name, TargetFunction function)
{
    targets()[name] = function;
}

} // namespace gitops::fuzz

int main(int argc, char **argv)
{
    using namespace gitops::fuzz;
    QStringList paths;
    int mutations = 3000;
    double seconds = 4;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--mutations") == 0 && i + 1 < argc)
            mutations = std::atoi(argv[++i]);
        else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
            seconds = std::atof(argv[++i]);
        else
            paths.append(QString::fromLocal8Bit(argv[i]));
    }
    if (argc < 3 || paths.isEmpty())
        return usage();
    const auto found = targets().find(argv[1]);
    if (found == targets().end())
        return usage();
    const TargetFunction run = found->second;

    bool ok = true;
    QList<QByteArray> inputs;
    for (const QString &path : std::as_const(paths))
        inputs += readInputs(path, &ok);
    if (!ok || inputs.isEmpty()) {
        std::fprintf(stderr, "%s: no inputs to run\n", argv[1]);
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    for (const QByteArray &input : std::as_const(inputs))
        run(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));

    std::mt19937 random(20261202u);
    int done = 0;
    while (done < mutations && clock.elapsed() < qint64(seconds * 1000)) {
        const QByteArray input = mutate(inputs, random);
        run(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
        ++done;
    }
    std::printf("%s: %lld inputs and %d mutations, no failure (%.1f s)\n", argv[1],
                qlonglong(inputs.size()), done, double(clock.elapsed()) / 1000);
    return 0;
}
