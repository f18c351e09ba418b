#include "forge/forgelogging.h"

namespace gitops::forge {

Q_LOGGING_CATEGORY(lcForge, "gitops.forge", QtWarningMsg)

} // namespace gitops::forge
