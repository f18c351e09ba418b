#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace gitops::git {

/// One commit as Repository::log() lists it. A plain value; safe to copy between threads.
struct CommitInfo
{
    QString id; ///< full commit id
    QStringList parentIds;
    QString authorName;
    QString authorEmail;
    QDateTime authorTime; ///< with the author's own UTC offset
    QString committerName;
    QString committerEmail;
    QDateTime commitTime;
    QString summary; ///< the first paragraph of the message, on one line
    QString message; ///< the whole message
};

} // namespace gitops::git
