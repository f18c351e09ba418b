#pragma once

#include <QString>

namespace gitops::test {

/// Compares @p actual with the golden file @p referencePath (STYLE.md rule 12). On a
/// difference it fails the current test with `diff -u reference actual` as the message.
/// With GITOPS_REGENERATE_GOLDEN=1 in the environment it writes @p actual to the reference
/// instead and passes. Returns whether the test may go on.
bool matchesGoldenFile(const QString &actual, const QString &referencePath);

} // namespace gitops::test
