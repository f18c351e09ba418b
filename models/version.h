#pragma once

#include <QString>

namespace gitops {

/// The product's version, as set by CMake's project(VERSION). Defined in version.cpp, the
/// one file that sees the version, so that a new version rebuilds one file, not every target.
QString applicationVersion();

} // namespace gitops
