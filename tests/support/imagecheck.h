#pragma once

#include <QImage>

namespace gitops::test {

/// What a person would see in a rendered image, reduced to numbers a test can assert on.
struct ImageContent
{
    int distinctColours = 0;
    /// Share of pixels that differ clearly from the most common colour (the background).
    double foregroundShare = 0.0;
};

ImageContent inspect(const QImage &image);

} // namespace gitops::test
