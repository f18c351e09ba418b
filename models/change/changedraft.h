#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gitops::change {

/// A change to a repository not yet committed: per repository-relative path the file's new
/// bytes, and one line per edit saying what it does, for the review and the commit message.
/// A plain value, safe to pass between threads.
struct ChangeDraft
{
    QMap<QString, QByteArray> files;
    QStringList summary;

    bool isEmpty() const { return files.isEmpty(); }
};

} // namespace gitops::change
