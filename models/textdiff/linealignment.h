#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace gitops {

/// One row of a side-by-side view: a line of the left text, of the right text, or both.
struct AlignedRow
{
    enum class Kind {
        Same, ///< equal lines on both sides
        Changed, ///< a line replaced by another
        Removed, ///< only on the left (the right shows a filler)
        Added, ///< only on the right (the left shows a filler)
    };
    Kind kind = Kind::Same;
    int left = -1; ///< line index in the left text, -1 for a filler
    int right = -1; ///< line index in the right text, -1 for a filler
    /// For Changed rows: the differing characters, [start, end) in each line.
    int leftStart = 0;
    int leftEnd = 0;
    int rightStart = 0;
    int rightEnd = 0;
};

/// Two texts aligned line by line for a side-by-side diff (Myers' algorithm on lines; in
/// each hunk, removed and added lines are paired as changed lines, the rest get fillers).
/// A pure function: safe on any thread.
class LineAlignment
{
public:
    static QList<AlignedRow> align(const QStringList &left, const QStringList &right);
    static QList<AlignedRow> align(const QString &left, const QString &right);

    /// The lines of a text as the aligner sees them: a final newline ends the last line
    /// rather than starting an empty one.
    static QStringList lines(const QString &text);
};

} // namespace gitops
