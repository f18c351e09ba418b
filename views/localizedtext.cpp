#include "localizedtext.h"

#include <QCoreApplication>

namespace gitops {

QString localized(const Text &text)
{
    return text.toString(
        [](const char *source) { return QCoreApplication::translate(Text::Context, source); });
}

} // namespace gitops
