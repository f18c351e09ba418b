#include "localizedtext.h"

#include <QCoreApplication>

namespace gitops {

QString localized(const Text &text)
{
    return text.toString(
        [](const char *source) { return QCoreApplication::translate(Text::Context, source); });
}

QString localizedMessage(const manifest::SourceNote &note)
{
    return note.text.isEmpty() ? note.message : localized(note.text);
}

} // namespace gitops
