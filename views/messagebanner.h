#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace gitops {

/// A non-modal banner across the top of the window for errors and warnings that need the
/// user's attention but must not block the window. Hidden until showMessage() is called;
/// the user closes it with its button or Escape.
class MessageBanner : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Error, Warning, Information };

    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &message);
    QString message() const;
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    Kind m_kind = Kind::Information;
    bool m_tinting = false;
};

} // namespace gitops
