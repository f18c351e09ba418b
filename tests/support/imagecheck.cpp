#include "imagecheck.h"

#include <QHash>

#include <algorithm>
#include <cstdlib>

namespace gitops::test {

ImageContent inspect(const QImage &source)
{
    ImageContent content;
    if (source.isNull())
        return content;
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    QHash<QRgb, qsizetype> counts;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++counts[line[x]];
    }
    content.distinctColours = int(counts.size());
    QRgb background = 0;
    qsizetype most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > most) {
            most = it.value();
            background = it.key();
        }
    }
    qsizetype foreground = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const int distance = std::abs(qRed(it.key()) - qRed(background))
            + std::abs(qGreen(it.key()) - qGreen(background))
            + std::abs(qBlue(it.key()) - qBlue(background));
        if (distance > 48)
            foreground += it.value();
    }
    content.foregroundShare = double(foreground) / double(image.width() * image.height());
    return content;
}

} // namespace gitops::test
