#pragma once

#include "manifest/sourcenote.h"
#include "text.h"

namespace gitops {

/// @p text in the language of the installed catalogue (English when none is): what the
/// window shows of a sentence the engine or the session built (a health message, an Unknown
/// reason).
QString localized(const Text &text);
/// What @p note says, without its file and line, in the window's language (its message as
/// written when it was made from words only).
QString localizedMessage(const manifest::SourceNote &note);

} // namespace gitops
