#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace gitops {

namespace {

struct Original
{
    bool saved = false;
    QString style;
    QPalette palette;
};

Original &original()
{
    static Original value;
    return value;
}

Theme::Choice &chosen()
{
    static Theme::Choice value = Theme::Choice::System;
    return value;
}

} // namespace

void Theme::apply(Choice choice)
{
    Original &start = original();
    if (!start.saved) {
        start.saved = true;
        start.style = QApplication::style()->name();
        start.palette = QApplication::palette();
    }
    if (choice == chosen())
        return;
    chosen() = choice;
    if (choice == Choice::System) {
        if (QStyle *style = QStyleFactory::create(start.style))
            QApplication::setStyle(style);
        QApplication::setPalette(start.palette);
        return;
    }
    // Fusion draws the same everywhere and follows the palette fully, which the platform
    // styles do not all do.
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(choice == Choice::Dark ? darkPalette() : lightPalette());
}

Theme::Choice Theme::current()
{
    return chosen();
}

QPalette Theme::lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    const QPalette palette = fusion->standardPalette();
    delete fusion;
    return palette;
}

QPalette Theme::darkPalette()
{
    // Every text role at 7:1 or more on its background (WCAG AAA), disabled text at 4.5:1
    // on the window colour.
    const QColor window(0x30, 0x30, 0x32);
    const QColor base(0x1e, 0x1e, 0x20);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabled(0x9a, 0x9a, 0x9a);
    const QColor accent(0x3d, 0x8e, 0xe0);
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x28, 0x28, 0x2a));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3c));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa8));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3c));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4c));
    palette.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x42));
    palette.setColor(QPalette::Mid, QColor(0x28, 0x28, 0x2a));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x1a));
    palette.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x5f, 0x9e));
    palette.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    palette.setColor(QPalette::Link, accent.lighter(130));
    palette.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xe8));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x44, 0x46));
    return palette;
}

QString Theme::key(Choice choice)
{
    switch (choice) {
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    case Choice::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Choice Theme::fromKey(const QString &key)
{
    if (key == u"light")
        return Choice::Light;
    if (key == u"dark")
        return Choice::Dark;
    return Choice::System;
}

} // namespace gitops
