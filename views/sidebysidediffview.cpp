#include "sidebysidediffview.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QTextBlock>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

namespace gitops {

namespace {

constexpr int minimumFold = 4; // fewer hidden lines than this are not worth a fold line

KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

QColor blend(const QColor &base, const QColor &accent, qreal amount)
{
    return QColor::fromRgbF(base.redF() + (accent.redF() - base.redF()) * amount,
                            base.greenF() + (accent.greenF() - base.greenF()) * amount,
                            base.blueF() + (accent.blueF() - base.blueF()) * amount);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QPlainTextEdit *makeEditor(QWidget *parent)
{
    auto *editor = new QPlainTextEdit(parent);
    editor->setReadOnly(true);
    editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setCenterOnScroll(false);
    return editor;
}

} // namespace

struct SideBySideDiffView::Item
{
    int row = -1; ///< index into m_rows; -1 for a fold
    int foldStart = -1; ///< first row a fold hides
    int foldCount = 0;
};

SideBySideDiffView::SideBySideDiffView(QWidget *parent)
    : QWidget(parent)
    , m_leftCaption(new QLabel(this))
    , m_rightCaption(new QLabel(this))
    , m_position(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_left(makeEditor(this))
    , m_right(makeEditor(this))
    , m_leftHighlighter(new KSyntaxHighlighting::SyntaxHighlighter(m_left->document()))
    , m_rightHighlighter(new KSyntaxHighlighting::SyntaxHighlighter(m_right->document()))
{
    const KSyntaxHighlighting::Definition yaml =
        repository().definitionForName(QStringLiteral("YAML"));
    m_leftHighlighter->setDefinition(yaml);
    m_rightHighlighter->setDefinition(yaml);
    m_left->setObjectName(QStringLiteral("desiredEditor"));
    m_right->setObjectName(QStringLiteral("liveEditor"));

    for (QLabel *caption : {m_leftCaption, m_rightCaption}) {
        QFont font = caption->font();
        font.setBold(true);
        caption->setFont(font);
        // Captions name files and reasons: cut in the middle (whole in the tooltip), they
        // never widen the window.
        caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        caption->installEventFilter(this);
    }
    m_previous->setText(tr("Previous change"));
    m_previous->setToolTip(tr("Previous change (Alt+Up)"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_next->setText(tr("Next change"));
    m_next->setToolTip(tr("Next change (Alt+Down)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_previous, &QToolButton::clicked, this, &SideBySideDiffView::previousChange);
    connect(m_next, &QToolButton::clicked, this, &SideBySideDiffView::nextChange);
    for (const auto &[key, slot] :
         {std::pair{QKeySequence(Qt::ALT | Qt::Key_Down), &SideBySideDiffView::nextChange},
          std::pair{QKeySequence(Qt::ALT | Qt::Key_Up), &SideBySideDiffView::previousChange}}) {
        auto *shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    }

    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_position);
    navigation->addStretch();
    navigation->addWidget(m_previous);
    navigation->addWidget(m_next);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(navigation, 0, 0, 1, 2);
    layout->addWidget(m_leftCaption, 1, 0);
    layout->addWidget(m_rightCaption, 1, 1);
    layout->addWidget(m_left, 2, 0);
    layout->addWidget(m_right, 2, 1);
    layout->setRowStretch(2, 1);

    // One scroll position for both sides: rows are aligned, so line n faces line n.
    const auto follow = [this](QScrollBar *from, QScrollBar *to) {
        connect(from, &QScrollBar::valueChanged, this, [this, to](int value) {
            if (m_syncing)
                return;
            m_syncing = true;
            to->setValue(value);
            m_syncing = false;
        });
    };
    follow(m_left->verticalScrollBar(), m_right->verticalScrollBar());
    follow(m_right->verticalScrollBar(), m_left->verticalScrollBar());
    follow(m_left->horizontalScrollBar(), m_right->horizontalScrollBar());
    follow(m_right->horizontalScrollBar(), m_left->horizontalScrollBar());
    m_left->viewport()->installEventFilter(this);
    m_right->viewport()->installEventFilter(this);

    connect(&m_watcher, &QFutureWatcher<Alignment>::finished, this, [this] {
        if (m_watcher.future().resultCount() > 0)
            showAlignment(m_watcher.result());
    });
    applyTheme();
    setCaptions(tr("Desired (git)"), tr("Live (cluster)"));
    rebuild();
}

SideBySideDiffView::~SideBySideDiffView() = default;

QString SideBySideDiffView::leftCaption() const
{
    return m_leftCaption->toolTip();
}

QString SideBySideDiffView::rightCaption() const
{
    return m_rightCaption->toolTip();
}

void SideBySideDiffView::elideCaptions()
{
    for (QLabel *caption : {m_leftCaption, m_rightCaption}) {
        caption->setText(caption->fontMetrics().elidedText(caption->toolTip(), Qt::ElideMiddle,
                                                           caption->contentsRect().width()));
    }
}

void SideBySideDiffView::setCaptions(const QString &left, const QString &right)
{
    m_leftCaption->setToolTip(left);
    m_rightCaption->setToolTip(right);
    elideCaptions();
}

void SideBySideDiffView::setAbsentSide(Side side)
{
    if (side == m_absent)
        return;
    m_absent = side;
    m_leftCaption->setVisible(side != Side::Left);
    m_left->setVisible(side != Side::Left);
    m_rightCaption->setVisible(side != Side::Right);
    m_right->setVisible(side != Side::Right);
    rebuild();
}

void SideBySideDiffView::setPlaceholders(const QString &left, const QString &right)
{
    m_left->setPlaceholderText(left);
    m_right->setPlaceholderText(right);
}

void SideBySideDiffView::setContextLines(int lines)
{
    m_context = std::max(0, lines);
    rebuild();
}

void SideBySideDiffView::setTexts(const QString &left, const QString &right)
{
    // The texts are shown with their alignment, together: a rebuild in between (a theme,
    // a fold, a side) keeps drawing the texts the current rows were made for.
    m_updating = true;
    m_watcher.setFuture(QtConcurrent::run([left, right] {
        Alignment alignment{LineAlignment::lines(left), LineAlignment::lines(right), {}};
        alignment.rows = LineAlignment::align(alignment.left, alignment.right);
        return alignment;
    }));
}

void SideBySideDiffView::showAlignment(const Alignment &alignment)
{
    m_leftLines = alignment.left;
    m_rightLines = alignment.right;
    m_rows = alignment.rows;
    m_expanded.clear();
    m_currentChange = -1;
    m_updating = false;
    rebuild();
    if (m_pendingReveal) {
        const auto [left, right] = *m_pendingReveal;
        m_pendingReveal.reset();
        revealLines(left, right);
    }
    Q_EMIT updated();
}

void SideBySideDiffView::rebuild()
{
    // Which rows are near a change and stay visible; long unchanged runs become one line.
    const int rowCount = int(m_rows.size());
    QList<bool> keep(rowCount, false);
    for (int i = 0; i < rowCount; ++i) {
        if (m_rows.at(i).kind == AlignedRow::Kind::Same)
            continue;
        for (int j = std::max(0, i - m_context); j <= std::min(rowCount - 1, i + m_context); ++j)
            keep[j] = true;
    }
    m_items.clear();
    for (int i = 0; i < rowCount;) {
        if (keep.at(i)) {
            m_items.append({i, -1, 0});
            ++i;
            continue;
        }
        int end = i;
        while (end < rowCount && !keep.at(end))
            ++end;
        if (end - i >= minimumFold && !m_expanded.contains(i)) {
            m_items.append({-1, i, end - i});
        } else {
            for (int j = i; j < end; ++j)
                m_items.append({j, -1, 0});
        }
        i = end;
    }

    QStringList left;
    QStringList right;
    m_leftStates.clear();
    m_rightStates.clear();
    m_changeLines.clear();
    bool inChange = false;
    for (const Item &item : std::as_const(m_items)) {
        if (item.row < 0) {
            const QString text = item.foldCount == 1
                ? tr("⋯ 1 unchanged line")
                : tr("⋯ %1 unchanged lines").arg(item.foldCount);
            left << text;
            right << text;
            m_leftStates << LineState::Folded;
            m_rightStates << LineState::Folded;
            inChange = false;
            continue;
        }
        const AlignedRow &row = m_rows.at(item.row);
        left << (row.left >= 0 ? m_leftLines.at(row.left) : QString());
        right << (row.right >= 0 ? m_rightLines.at(row.right) : QString());
        switch (row.kind) {
        case AlignedRow::Kind::Same:
            m_leftStates << LineState::Same;
            m_rightStates << LineState::Same;
            break;
        case AlignedRow::Kind::Changed:
            m_leftStates << LineState::Changed;
            m_rightStates << LineState::Changed;
            break;
        case AlignedRow::Kind::Removed:
            m_leftStates << LineState::Removed;
            m_rightStates << LineState::Filler;
            break;
        case AlignedRow::Kind::Added:
            m_leftStates << LineState::Filler;
            m_rightStates << LineState::Added;
            break;
        }
        const bool changed = row.kind != AlignedRow::Kind::Same;
        if (changed && !inChange)
            m_changeLines << int(left.size() - 1);
        inChange = changed;
    }

    const int scroll = m_left->verticalScrollBar()->value();
    // The highlighter is attached before the text is set, so the new text is highlighted as
    // it arrives (setting text first leaves it unhighlighted until rehighlight()).
    m_left->setPlainText(left.join(u'\n'));
    m_right->setPlainText(right.join(u'\n'));
    m_left->verticalScrollBar()->setValue(scroll);
    applyMarks();

    // One side alone is one change from top to bottom: nothing to move between.
    const bool any = !m_changeLines.isEmpty() && m_absent == Side::None;
    m_previous->setEnabled(any);
    m_next->setEnabled(any);
    if ((m_rows.isEmpty() && m_leftLines.isEmpty() && m_rightLines.isEmpty())
        || m_absent != Side::None)
        m_position->clear();
    else if (!any)
        m_position->setText(tr("No differences"));
    else if (m_currentChange < 0)
        m_position->setText(m_changeLines.size() == 1 ? tr("1 change")
                                                      : tr("%1 changes").arg(m_changeLines.size()));
    else
        m_position->setText(
            tr("Change %1 of %2").arg(m_currentChange + 1).arg(m_changeLines.size()));
}

std::pair<int, int> SideBySideDiffView::leftMark(int line) const
{
    const Item item = m_items.value(line);
    if (item.row < 0 || m_rows.at(item.row).kind != AlignedRow::Kind::Changed)
        return {-1, -1};
    return {m_rows.at(item.row).leftStart, m_rows.at(item.row).leftEnd};
}

std::pair<int, int> SideBySideDiffView::rightMark(int line) const
{
    const Item item = m_items.value(line);
    if (item.row < 0 || m_rows.at(item.row).kind != AlignedRow::Kind::Changed)
        return {-1, -1};
    return {m_rows.at(item.row).rightStart, m_rows.at(item.row).rightEnd};
}

QString SideBySideDiffView::leftText() const
{
    return m_left->toPlainText();
}

QString SideBySideDiffView::rightText() const
{
    return m_right->toPlainText();
}

void SideBySideDiffView::applyMarks()
{
    const QPalette palette = this->palette();
    const QColor base = palette.color(QPalette::Base);
    const bool dark = isDark(palette);
    const QColor red = dark ? QColor(255, 90, 90) : QColor(220, 40, 40);
    const QColor green = dark ? QColor(80, 220, 120) : QColor(30, 160, 60);
    const QColor grey = palette.color(QPalette::Text);

    const auto selectionsFor = [&](QPlainTextEdit *editor, const QList<LineState> &states,
                                   bool leftSide) {
        QList<QTextEdit::ExtraSelection> selections;
        // One side alone is all added or all removed: tinting every line says nothing.
        if (m_absent != Side::None) {
            editor->setExtraSelections(selections);
            return;
        }
        const QColor accent = leftSide ? red : green;
        for (int line = 0; line < states.size(); ++line) {
            const LineState state = states.at(line);
            if (state == LineState::Same)
                continue;
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(editor->document()->findBlockByNumber(line));
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            switch (state) {
            case LineState::Filler:
                selection.format.setBackground(QBrush(blend(base, grey, 0.18), Qt::BDiagPattern));
                break;
            case LineState::Folded:
                selection.format.setBackground(blend(base, grey, 0.08));
                selection.format.setForeground(blend(base, grey, 0.6));
                selection.format.setFontItalic(true);
                break;
            default:
                selection.format.setBackground(blend(base, accent, dark ? 0.14 : 0.16));
                break;
            }
            selections << selection;
            if (state == LineState::Changed) {
                const auto [start, end] = leftSide ? leftMark(line) : rightMark(line);
                if (end > start) {
                    QTextEdit::ExtraSelection mark;
                    mark.cursor = QTextCursor(editor->document()->findBlockByNumber(line));
                    mark.cursor.setPosition(mark.cursor.block().position() + start);
                    mark.cursor.setPosition(mark.cursor.block().position() + end,
                                            QTextCursor::KeepAnchor);
                    mark.format.setBackground(blend(base, accent, dark ? 0.34 : 0.4));
                    selections << mark;
                }
            }
        }
        editor->setExtraSelections(selections);
    };
    selectionsFor(m_left, m_leftStates, true);
    selectionsFor(m_right, m_rightStates, false);
}

void SideBySideDiffView::applyTheme()
{
    // KSyntaxHighlighting's default dark theme (Breeze Dark) draws YAML keys in a purple that
    // reads below 3:1 on a dark base; GitHub Dark keeps every YAML style above 4.5:1.
    KSyntaxHighlighting::Theme theme;
    if (isDark(palette())) {
        theme = repository().theme(QStringLiteral("GitHub Dark"));
        if (!theme.isValid())
            theme = repository().defaultTheme(KSyntaxHighlighting::Repository::DarkTheme);
    } else {
        theme = repository().defaultTheme(KSyntaxHighlighting::Repository::LightTheme);
    }
    m_leftHighlighter->setTheme(theme);
    m_rightHighlighter->setTheme(theme);
    m_leftHighlighter->rehighlight();
    m_rightHighlighter->rehighlight();
    applyMarks();
}

void SideBySideDiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
    QWidget::changeEvent(event);
}

bool SideBySideDiffView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && (watched == m_leftCaption || watched == m_rightCaption))
        elideCaptions();
    if (event->type() == QEvent::MouseButtonRelease
        && (watched == m_left->viewport() || watched == m_right->viewport())) {
        QPlainTextEdit *editor = watched == m_left->viewport() ? m_left : m_right;
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const int line = editor->cursorForPosition(mouse->position().toPoint()).blockNumber();
        if (m_leftStates.value(line) == LineState::Folded) {
            expandFoldAt(line);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SideBySideDiffView::expandFoldAt(int line)
{
    const Item item = m_items.value(line);
    if (item.row >= 0)
        return;
    m_expanded.insert(item.foldStart);
    rebuild();
}

void SideBySideDiffView::expandAll()
{
    for (const Item &item : std::as_const(m_items)) {
        if (item.row < 0)
            m_expanded.insert(item.foldStart);
    }
    rebuild();
}

void SideBySideDiffView::nextChange()
{
    if (!m_changeLines.isEmpty())
        goToChange(std::min(int(m_changeLines.size()) - 1, m_currentChange + 1));
}

void SideBySideDiffView::previousChange()
{
    if (!m_changeLines.isEmpty())
        goToChange(std::max(0, m_currentChange - 1));
}

void SideBySideDiffView::goToChange(int index)
{
    m_currentChange = index;
    const int line = m_changeLines.at(index);
    for (QPlainTextEdit *editor : {m_left, m_right}) {
        QTextCursor cursor(editor->document()->findBlockByNumber(line));
        editor->setTextCursor(cursor);
    }
    // Show the change with a little context above it.
    m_left->verticalScrollBar()->setValue(std::max(0, line - 2));
    m_position->setText(tr("Change %1 of %2").arg(index + 1).arg(m_changeLines.size()));
}

bool SideBySideDiffView::revealText(const QString &needle)
{
    if (needle.isEmpty())
        return false;
    if (m_leftStates.contains(LineState::Folded))
        expandAll();
    const QStringList left = m_left->toPlainText().split(u'\n');
    const QStringList right = m_right->toPlainText().split(u'\n');
    int found = -1;
    for (int pass = 0; pass < 2 && found < 0; ++pass) {
        for (int line = 0; line < left.size() && found < 0; ++line) {
            const bool changed = m_leftStates.value(line) != LineState::Same;
            if ((pass == 0) != changed)
                continue;
            if (left.at(line).contains(needle) || right.value(line).contains(needle))
                found = line;
        }
    }
    if (found < 0)
        return false;
    for (QPlainTextEdit *editor : {m_left, m_right})
        editor->setTextCursor(QTextCursor(editor->document()->findBlockByNumber(found)));
    m_left->verticalScrollBar()->setValue(std::max(0, found - 2));
    return true;
}

int SideBySideDiffView::displayLineOf(bool left, int line)
{
    if (line < 0)
        return -1;
    for (int display = 0; display < int(m_items.size()); ++display) {
        const Item &item = m_items.at(display);
        if (item.row >= 0) {
            const AlignedRow &row = m_rows.at(item.row);
            if ((left ? row.left : row.right) == line)
                return display;
            continue;
        }
        for (int hidden = item.foldStart; hidden < item.foldStart + item.foldCount; ++hidden) {
            const AlignedRow &row = m_rows.at(hidden);
            if ((left ? row.left : row.right) == line) {
                expandFoldAt(display);
                return displayLineOf(left, line);
            }
        }
    }
    return -1;
}

bool SideBySideDiffView::revealLines(LineRange left, LineRange right)
{
    if (m_updating) {
        m_pendingReveal = std::pair{left, right};
        return left.first >= 0 || right.first >= 0;
    }
    m_pendingReveal.reset();
    // Unfold first (that rebuilds the display), then look the lines up again.
    displayLineOf(true, left.first);
    displayLineOf(true, left.last);
    displayLineOf(false, right.first);
    displayLineOf(false, right.last);
    const int leftFirst = displayLineOf(true, left.first);
    const int rightFirst = displayLineOf(false, right.first);
    const int top = leftFirst >= 0 && rightFirst >= 0 ? std::min(leftFirst, rightFirst)
                                                      : std::max(leftFirst, rightFirst);
    if (top < 0)
        return false;
    const auto select = [](QPlainTextEdit *editor, int first, int last, int fallback) {
        QTextCursor cursor(editor->document()->findBlockByNumber(first >= 0 ? first : fallback));
        if (first >= 0 && last >= first) {
            const QTextBlock end = editor->document()->findBlockByNumber(last);
            if (end.isValid())
                cursor.setPosition(end.position() + end.length() - 1, QTextCursor::KeepAnchor);
        }
        editor->setTextCursor(cursor);
    };
    select(m_left, leftFirst, displayLineOf(true, left.last), top);
    select(m_right, rightFirst, displayLineOf(false, right.last), top);
    m_left->verticalScrollBar()->setValue(std::max(0, top - 2));
    m_right->verticalScrollBar()->setValue(std::max(0, top - 2));
    return true;
}

int SideBySideDiffView::firstVisibleLine() const
{
    return m_left->verticalScrollBar()->value();
}

} // namespace gitops
