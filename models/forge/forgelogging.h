#pragma once

#include <QLoggingCategory>

namespace gitops::forge {

// The forge module's category (STYLE.md rule 13), beside the ones in models/logging.h.
// Enable with QT_LOGGING_RULES="gitops.forge.debug=true". Requests are logged without
// tokens or bodies.
Q_DECLARE_LOGGING_CATEGORY(lcForge)

} // namespace gitops::forge
