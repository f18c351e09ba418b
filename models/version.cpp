#include "version.h"

namespace gitops {

QString applicationVersion()
{
    return QStringLiteral(GITOPS_CONSOLE_VERSION);
}

} // namespace gitops
