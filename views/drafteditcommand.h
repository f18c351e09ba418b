#pragma once

#include "pendingchange.h"

#include <QPointer>
#include <QUndoCommand>

#include <optional>

namespace gitops {

/// One edit of a PendingChange on the document's QUndoStack (STYLE.md: edits go through
/// the document): the file's state before and after. Consecutive typing in the same file
/// merges into one step, so Ctrl+Z undoes a burst of typing, not one character. GUI thread.
class DraftEditCommand : public QUndoCommand
{
public:
    enum class Kind { Adoption, Typing };

    DraftEditCommand(PendingChange *change, const QString &path,
                     std::optional<PendingChange::File> before,
                     std::optional<PendingChange::File> after, Kind kind, const QString &text);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    QPointer<PendingChange> m_change;
    QString m_path;
    std::optional<PendingChange::File> m_before;
    std::optional<PendingChange::File> m_after;
    Kind m_kind;
};

} // namespace gitops
