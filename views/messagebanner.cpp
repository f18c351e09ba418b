#include "messagebanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScopedValueRollback>
#include <QStyle>
#include <QToolButton>

namespace gitops {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message (Esc)"));
    m_close->setShortcut(QKeySequence(Qt::Key_Escape));

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &message)
{
    m_kind = kind;
    m_text->setText(message);
    const QStyle::StandardPixmap icon = kind == Kind::Error ? QStyle::SP_MessageBoxCritical
        : kind == Kind::Warning                             ? QStyle::SP_MessageBoxWarning
                                                            : QStyle::SP_MessageBoxInformation;
    const int side = fontMetrics().height() * 3 / 2;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(QSize(side, side), devicePixelRatioF()));
    applyColours();
    show();
}

QString MessageBanner::message() const
{
    return m_text->text();
}

void MessageBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    // A new theme: tint its window colour instead (setPalette() below sends this event
    // again, with the tint already right).
    if (event->type() == QEvent::PaletteChange && !m_tinting)
        applyColours();
}

void MessageBanner::applyColours()
{
    const QScopedValueRollback tinting(m_tinting, true);
    // Tint the window colour towards red or amber, so the banner reads in light and dark
    // palettes alike while the text keeps the palette's own contrast.
    const QColor base = parentWidget() ? parentWidget()->palette().color(QPalette::Window)
                                       : palette().color(QPalette::Window);
    const QColor accent = m_kind == Kind::Error ? QColor(220, 50, 47)
        : m_kind == Kind::Warning               ? QColor(230, 160, 20)
                                                : QColor(40, 130, 220);
    const qreal amount = 0.22;
    const QColor tint = QColor::fromRgbF(base.redF() + (accent.redF() - base.redF()) * amount,
                                         base.greenF() + (accent.greenF() - base.greenF()) * amount,
                                         base.blueF() + (accent.blueF() - base.blueF()) * amount);
    QPalette p = palette();
    p.setColor(QPalette::Window, tint);
    setPalette(p);
}

} // namespace gitops
