#pragma once

// A drift::Difference as the comparison makes it, for the live-adoption tests.
#include "drift/difference.h"

#include <QJsonValue>
#include <QString>

namespace gitops::test {

/// The field at @p path (JSON pointer @p pointer): @p desired in git, @p live in the
/// cluster; an Undefined side has no pointer (the field is only on the other side).
inline drift::Difference difference(const QString &path, const QString &pointer,
                                    const QJsonValue &desired, const QJsonValue &live)
{
    drift::Difference d;
    d.path = path;
    d.desiredPointer = desired.isUndefined() ? QString() : pointer;
    d.livePointer = live.isUndefined() ? QString() : pointer;
    d.desired = desired;
    d.live = live;
    return d;
}

} // namespace gitops::test
