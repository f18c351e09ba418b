#pragma once

#include "manifest/sourcenote.h"

#include <QList>
#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace gitops {

/// A YAML text editor for one manifest file: KSyntaxHighlighting's YAML highlighting, line
/// numbers in a margin, a band over the lines of the resource being looked at, and parse
/// errors underlined with the parser's message as their tooltip. Knows nothing of git or
/// undo: ManifestEditPane feeds it and takes its text. GUI thread.
class ManifestEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ManifestEditor(QWidget *parent = nullptr);
    ~ManifestEditor() override;

    /// Marks lines @p first to @p last (1-based, inclusive); 0, 0 marks none.
    void setMarkedLines(int first, int last);
    std::pair<int, int> markedLines() const { return {m_firstMarked, m_lastMarked}; }
    /// Underlines each error's place (from its column to the end of its line).
    void setErrors(const QList<manifest::SourceNote> &errors);
    QList<manifest::SourceNote> errors() const { return m_errors; }
    /// The error message shown for line @p line (1-based), if any.
    QString errorAt(int line) const;
    /// The width of the line number margin, in pixels.
    int lineNumberWidth() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    class LineNumbers;
    void paintLineNumbers(QPaintEvent *event);
    void updateSelections();
    void applyTheme();

    LineNumbers *m_lineNumbers;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QList<manifest::SourceNote> m_errors;
    int m_firstMarked = 0;
    int m_lastMarked = 0;
};

} // namespace gitops
