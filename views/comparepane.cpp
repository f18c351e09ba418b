#include "comparepane.h"

#include "emptystate.h"

#include <QFrame>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>

namespace gitops {

namespace {

QLabel *sideCaption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(6, 4, 6, 4);
    return label;
}

} // namespace

ComparePane::ComparePane(QWidget *parent)
    : QWidget(parent)
    , m_empty(new EmptyState(this))
{
    auto *divider = new QFrame(this);
    divider->setFrameShape(QFrame::HLine);
    divider->setFrameShadow(QFrame::Sunken);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(sideCaption(tr("Desired (git)"), this), 0, 0);
    layout->addWidget(sideCaption(tr("Live (cluster)"), this), 0, 1);
    layout->addWidget(divider, 1, 0, 1, 2);
    layout->addWidget(m_empty, 2, 0, 1, 2);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(2, 1);

    m_empty->setIcon(QIcon(QStringLiteral(":/icons/compare.svg")));
}

void ComparePane::setEmptyReason(const QString &title, const QString &text)
{
    m_empty->setTitle(title);
    m_empty->setText(text);
}

} // namespace gitops
