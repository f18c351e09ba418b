// The watch stream decoder (kube/resourcewatch): the network delivers the stream cut
// anywhere; the fuzzer's first bytes choose the cuts. Read chunk by chunk it must give
// exactly the events (and leftover bytes) of the stream read in one piece.

#include "fuzztarget.h"

#include "kube/resourcewatch.h"

#include <algorithm>

using namespace gitops::kube;

GITOPS_FUZZ_TARGET(watchstream)
{
    gitops::fuzz::InputBytes input(data, size);
    QList<qsizetype> cuts(input.byte() % 16);
    for (qsizetype &cut : cuts)
        cut = input.number();
    const QByteArray stream = input.rest();
    for (qsizetype &cut : cuts)
        cut = stream.isEmpty() ? 0 : cut % (stream.size() + 1);
    std::sort(cuts.begin(), cuts.end());
    cuts.append(stream.size());

    ApiResource type;
    type.version = QStringLiteral("v1");
    type.kind = QStringLiteral("ConfigMap");
    type.plural = QStringLiteral("configmaps");

    QByteArray wholeBuffer;
    const QList<ResourceWatch::WatchEvent> whole =
        ResourceWatch::parseWatchEvents(ResourceWatch::takeLines(wholeBuffer, stream), type);

    QByteArray buffer;
    QList<ResourceWatch::WatchEvent> chunked;
    qsizetype from = 0;
    for (const qsizetype cut : std::as_const(cuts)) {
        chunked += ResourceWatch::parseWatchEvents(
            ResourceWatch::takeLines(buffer, stream.mid(from, cut - from)), type);
        from = cut;
    }
    FUZZ_CHECK(buffer == wholeBuffer, QString::fromUtf8(buffer.toHex()));
    FUZZ_CHECK(chunked.size() == whole.size(),
               QString::number(chunked.size()) + u" != " + QString::number(whole.size()));
    for (qsizetype i = 0; i < whole.size(); ++i) {
        FUZZ_CHECK(chunked.at(i).type == whole.at(i).type, QString::number(i));
        FUZZ_CHECK(chunked.at(i).object == whole.at(i).object, QString::number(i));
        if (whole.at(i).type != ResourceWatch::WatchEvent::Error
            && whole.at(i).type != ResourceWatch::WatchEvent::Bookmark)
            (void)ResourceWatch::keyOf(whole.at(i).object);
    }
    return 0;
}
