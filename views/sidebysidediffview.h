#pragma once

#include <optional>

#include "textdiff/linealignment.h"

#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace gitops {

/// Two YAML texts side by side (desired on the left, live on the right): highlighted,
/// aligned line by line with filler lines, changed lines tinted and the changed characters
/// marked inside them, scrolled together, long unchanged runs folded ("42 unchanged lines",
/// click to expand), and next/previous change (Alt+Down / Alt+Up). The alignment is
/// computed on the thread pool; updated() says when the new texts are shown. GUI thread.
class SideBySideDiffView : public QWidget
{
    Q_OBJECT

public:
    /// What one display line of a side shows.
    enum class LineState { Same, Changed, Removed, Added, Filler, Folded };
    Q_ENUM(LineState)

    /// A side of the view; None where both exist.
    enum class Side { None, Left, Right };
    Q_ENUM(Side)

    explicit SideBySideDiffView(QWidget *parent = nullptr);
    ~SideBySideDiffView() override;

    void setCaptions(const QString &left, const QString &right);
    QString leftCaption() const;
    QString rightCaption() const;
    /// Hides the side of an object that does not exist (Missing: the right, Extraneous: the
    /// left): the other side takes the whole width, untinted, since every line of it differs.
    void setAbsentSide(Side side);
    Side absentSide() const { return m_absent; }
    /// What an empty side says instead of nothing (an object that could not be read).
    void setPlaceholders(const QString &left, const QString &right);
    void setTexts(const QString &left, const QString &right);
    /// True from setTexts() until updated(): the view still shows the texts before.
    bool isUpdating() const { return m_updating; }
    /// Unchanged lines kept around each change when folding (default 3).
    void setContextLines(int lines);

    QList<LineState> leftStates() const { return m_leftStates; }
    QList<LineState> rightStates() const { return m_rightStates; }
    QString leftText() const;
    QString rightText() const;
    /// Changed characters of a display line, [start, end) on each side; {-1, -1} if none.
    std::pair<int, int> leftMark(int line) const;
    std::pair<int, int> rightMark(int line) const;

    int changeCount() const { return int(m_changeLines.size()); }
    /// The change the view is at, 0-based; -1 before the first move.
    int currentChange() const { return m_currentChange; }
    /// The display line the view shows at the top of its window, for tests.
    int firstVisibleLine() const;

    QPlainTextEdit *leftEditor() const { return m_left; }
    QPlainTextEdit *rightEditor() const { return m_right; }

    /// Scrolls both sides to the first line that contains @p needle (changed lines first,
    /// expanding folds as needed) and puts the cursor there; false when none does.
    bool revealText(const QString &needle);
    /// A range of lines of the left text and of the right one (0-based, first and last;
    /// -1 where a side does not have the field).
    struct LineRange
    {
        int first = -1;
        int last = -1;
    };
    /// Scrolls both sides to a field's lines (expanding the fold that hides them) and
    /// selects them on each side that has them; false when neither side has its lines.
    /// Texts still being aligned are revealed in once they show.
    bool revealLines(LineRange left, LineRange right);

public Q_SLOTS:
    void nextChange();
    void previousChange();
    void expandAll();

Q_SIGNALS:
    void updated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Item; // one display line: a row, or a folded run of rows
    /// Two texts' lines and their alignment: rows index these lines, never others.
    struct Alignment
    {
        QStringList left;
        QStringList right;
        QList<AlignedRow> rows;
    };
    void showAlignment(const Alignment &alignment);
    void rebuild();
    void applyTheme();
    void applyMarks();
    void elideCaptions();
    void goToChange(int index);
    void expandFoldAt(int line);
    /// The display line that shows line @p line of the left (else right) text, expanding
    /// a fold that hides it; -1 if none does.
    int displayLineOf(bool left, int line);

    QLabel *m_leftCaption;
    QLabel *m_rightCaption;
    QLabel *m_position;
    QToolButton *m_previous;
    QToolButton *m_next;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    KSyntaxHighlighting::SyntaxHighlighter *m_leftHighlighter;
    KSyntaxHighlighting::SyntaxHighlighter *m_rightHighlighter;

    QStringList m_leftLines;
    QStringList m_rightLines;
    QList<AlignedRow> m_rows;
    QList<Item> m_items;
    QSet<int> m_expanded; ///< first rows of folds the user opened
    QList<LineState> m_leftStates;
    QList<LineState> m_rightStates;
    QList<int> m_changeLines;
    int m_currentChange = -1;
    int m_context = 3;
    Side m_absent = Side::None;
    bool m_syncing = false;
    QFutureWatcher<Alignment> m_watcher;
    bool m_updating = false;
    std::optional<std::pair<LineRange, LineRange>> m_pendingReveal;
};

} // namespace gitops
