#pragma once

#include <QString>

namespace gitops::drift {

/// Line differences between two texts in the unified format of `diff -u`: `---`/`+++`
/// headers naming @p fromName and @p toName, hunks with @p context lines around each change.
/// Empty when the texts are equal. A pure function.
class UnifiedDiff
{
public:
    static QString between(const QString &from, const QString &to, const QString &fromName,
                           const QString &toName, int context = 3);
};

} // namespace gitops::drift
