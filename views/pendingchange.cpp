#include "pendingchange.h"

namespace gitops {

PendingChange::PendingChange(QObject *parent)
    : QObject(parent)
{ }

std::optional<PendingChange::File> PendingChange::file(const QString &path) const
{
    const auto it = m_files.constFind(path);
    if (it == m_files.cend())
        return std::nullopt;
    return *it;
}

QStringList PendingChange::changedPaths() const
{
    QStringList paths;
    for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
        if (it->current != it->original)
            paths << it.key();
    }
    return paths; // QMap: sorted
}

QStringList PendingChange::apps() const
{
    QStringList apps;
    for (const QString &path : changedPaths()) {
        const QString app = m_files.value(path).app;
        if (!apps.contains(app))
            apps << app;
    }
    apps.sort();
    return apps;
}

change::ChangeDraft PendingChange::draft() const
{
    change::ChangeDraft draft;
    for (const QString &path : changedPaths()) {
        const File &file = m_files[path];
        if (!file.removed)
            draft.files.insert(path, file.current);
        draft.summary << file.summary;
    }
    return draft;
}

QStringList PendingChange::removedPaths() const
{
    QStringList paths;
    for (const QString &path : changedPaths()) {
        if (m_files[path].removed)
            paths << path;
    }
    return paths;
}

void PendingChange::setFile(const QString &path, const std::optional<File> &file)
{
    const auto it = m_files.constFind(path);
    if (file ? (it != m_files.cend() && *it == *file) : it == m_files.cend())
        return;
    if (file)
        m_files.insert(path, *file);
    else
        m_files.remove(path);
    Q_EMIT fileChanged(path);
    Q_EMIT changed();
}

void PendingChange::clear()
{
    const QStringList paths = m_files.keys();
    m_files.clear();
    for (const QString &path : paths)
        Q_EMIT fileChanged(path);
    Q_EMIT changed();
}

} // namespace gitops
