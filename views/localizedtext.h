#pragma once

#include "text.h"

namespace gitops {

/// @p text in the language of the installed catalogue (English when none is): what the
/// window shows of a sentence the engine or the session built (a health message, an Unknown
/// reason).
QString localized(const Text &text);

} // namespace gitops
