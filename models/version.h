#pragma once

#include <QString>

namespace gitops {

/// The product's version, as set by CMake's project(VERSION).
inline QString applicationVersion()
{
    return QStringLiteral(GITOPS_CONSOLE_VERSION);
}

} // namespace gitops
