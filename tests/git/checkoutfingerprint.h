#pragma once

#include <QString>
#include <QStringList>

namespace gitops::test {

/// What the user's checkout is, as lines "what sha256" sorted by what: HEAD, the index file,
/// the checked-out branch's ref (loose and packed) and its reflog, HEAD's reflog, and every
/// file of the working tree (path, permissions and bytes; untracked ones too). Two equal
/// fingerprints mean nothing the user has checked out was touched.
QStringList checkoutFingerprint(const QString &workingTree);

} // namespace gitops::test
