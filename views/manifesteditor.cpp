#include "manifesteditor.h"

#include "localizedtext.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace gitops {

namespace {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

class ManifestEditor::LineNumbers : public QWidget
{
public:
    explicit LineNumbers(ManifestEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    { }

    QSize sizeHint() const override { return {m_editor->lineNumberWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    ManifestEditor *m_editor;
};

ManifestEditor::ManifestEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumbers(new LineNumbers(this))
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
{
    setObjectName(QStringLiteral("manifestEditor"));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Undo goes through the document's stack (ManifestEditPane), not the editor's own.
    setUndoRedoEnabled(false);
    m_highlighter->setDefinition(syntaxRepository().definitionForName(QStringLiteral("YAML")));
    applyTheme();
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(lineNumberWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy != 0)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    setViewportMargins(lineNumberWidth(), 0, 0, 0);
}

ManifestEditor::~ManifestEditor() = default;

int ManifestEditor::lineNumberWidth() const
{
    const int digits = int(QString::number(std::max(1, blockCount())).size());
    return 8 + fontMetrics().horizontalAdvance(u'9') * std::max(digits, 3);
}

void ManifestEditor::setMarkedLines(int first, int last)
{
    m_firstMarked = first;
    m_lastMarked = last;
    updateSelections();
    m_lineNumbers->update();
}

void ManifestEditor::setErrors(const QList<manifest::SourceNote> &errors)
{
    m_errors = errors;
    updateSelections();
    m_lineNumbers->update();
}

QString ManifestEditor::errorAt(int line) const
{
    QStringList messages;
    for (const manifest::SourceNote &error : m_errors) {
        if (error.line == line)
            messages << localizedMessage(error);
    }
    return messages.join(u'\n');
}

void ManifestEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QColor highlight = palette().color(QPalette::Highlight);
    if (m_firstMarked > 0) {
        QTextEdit::ExtraSelection band;
        QColor tint = highlight;
        tint.setAlphaF(isDark(palette()) ? 0.22 : 0.12);
        band.format.setBackground(tint);
        band.format.setProperty(QTextFormat::FullWidthSelection, true);
        QTextCursor cursor(document()->findBlockByNumber(m_firstMarked - 1));
        const QTextBlock last = document()->findBlockByNumber(m_lastMarked - 1);
        if (last.isValid())
            cursor.setPosition(last.position() + std::max(0, last.length() - 1),
                               QTextCursor::KeepAnchor);
        else
            cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
        band.cursor = cursor;
        selections << band;
    }
    for (const manifest::SourceNote &error : std::as_const(m_errors)) {
        QTextBlock block = document()->findBlockByNumber(std::max(1, error.line) - 1);
        // An error at an empty line (the end of the file, say) is shown on the text before.
        while (block.isValid() && block.length() <= 1 && block.previous().isValid())
            block = block.previous();
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(QColor(0xd0, 0x30, 0x30));
        underline.format.setToolTip(localizedMessage(error));
        QTextCursor cursor(block);
        const int end = block.position() + std::max(0, block.length() - 1);
        const int start = std::min(block.position() + std::max(0, error.column - 1), end);
        // From the column to the end of the line; a place at a line's end marks its last
        // character, so that there is something to see.
        cursor.setPosition(start == end && start > block.position() ? start - 1 : start);
        cursor.setPosition(end, QTextCursor::KeepAnchor);
        underline.cursor = cursor;
        selections << underline;
    }
    setExtraSelections(selections);
}

void ManifestEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    const QPalette colours = palette();
    painter.fillRect(event->rect(), colours.color(QPalette::AlternateBase));
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber() + 1;
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    QSet<int> errorLines;
    for (const manifest::SourceNote &error : std::as_const(m_errors))
        errorLines.insert(error.line);
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool marked = number >= m_firstMarked && number <= m_lastMarked;
            if (marked)
                painter.fillRect(0, top, 3, height, colours.color(QPalette::Highlight));
            QColor ink = colours.color(QPalette::PlaceholderText);
            if (errorLines.contains(number))
                ink = QColor(0xd0, 0x30, 0x30);
            else if (marked)
                ink = colours.color(QPalette::Text);
            painter.setPen(ink);
            painter.drawText(0, top, m_lineNumbers->width() - 4, fontMetrics().height(),
                             Qt::AlignRight, QString::number(number));
        }
        block = block.next();
        top += height;
        ++number;
    }
}

void ManifestEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_lineNumbers->setGeometry(area.left(), area.top(), lineNumberWidth(), area.height());
}

bool ManifestEditor::event(QEvent *event)
{
    // Undo and redo are the window's (the document's stack): the editor's own are off, and
    // it must not swallow their keys.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
            event->ignore();
            return true;
        }
    }
    // An underlined error says its message where the pointer rests.
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QTextCursor cursor = cursorForPosition(viewport()->mapFrom(this, help->pos()));
        const QString message = errorAt(cursor.blockNumber() + 1);
        if (!message.isEmpty()) {
            QToolTip::showText(help->globalPos(), message, this);
            return true;
        }
        QToolTip::hideText();
    }
    return QPlainTextEdit::event(event);
}

void ManifestEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void ManifestEditor::applyTheme()
{
    KSyntaxHighlighting::Theme theme;
    if (isDark(palette())) {
        theme = syntaxRepository().theme(QStringLiteral("GitHub Dark"));
        if (!theme.isValid())
            theme = syntaxRepository().defaultTheme(KSyntaxHighlighting::Repository::DarkTheme);
    } else {
        theme = syntaxRepository().defaultTheme(KSyntaxHighlighting::Repository::LightTheme);
    }
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
    updateSelections();
}

} // namespace gitops
