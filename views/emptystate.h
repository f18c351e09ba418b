#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace gitops {

/// An honest "nothing here yet" panel: an icon, a title, one explaining sentence and an
/// optional button. Used wherever a view has no data, never filled with made-up content.
class EmptyState : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setIcon(const QIcon &icon);
    void setTitle(const QString &title);
    void setText(const QString &text);
    /// Shows a button that triggers @p action; nullptr hides it.
    void setAction(QAction *action);

    QString title() const;
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_button;
    QAction *m_action = nullptr;
};

} // namespace gitops
