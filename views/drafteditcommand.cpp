#include "drafteditcommand.h"

namespace gitops {

DraftEditCommand::DraftEditCommand(PendingChange *change, const QString &path,
                                   std::optional<PendingChange::File> before,
                                   std::optional<PendingChange::File> after, Kind kind,
                                   const QString &text)
    : QUndoCommand(text)
    , m_change(change)
    , m_path(path)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_kind(kind)
{ }

void DraftEditCommand::undo()
{
    if (m_change)
        m_change->setFile(m_path, m_before);
}

void DraftEditCommand::redo()
{
    if (m_change)
        m_change->setFile(m_path, m_after);
}

int DraftEditCommand::id() const
{
    return m_kind == Kind::Typing ? 0x6564 : -1; // only typing merges
}

bool DraftEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const DraftEditCommand *>(other);
    if (next->m_change != m_change || next->m_path != m_path)
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace gitops
