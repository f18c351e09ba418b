#pragma once

#include <QPalette>
#include <QString>

namespace gitops {

/// The application's look, chosen in View › Theme and remembered in the settings: the
/// platform's own style and palette, or Fusion with a light or a dark palette. Changes the
/// whole QApplication; widgets follow through their palette-change events. GUI thread.
class Theme
{
public:
    enum class Choice { System, Light, Dark };

    /// Applies @p choice to the application (System restores what it started with).
    static void apply(Choice choice);
    static Choice current();

    /// The Fusion palettes used for Light and Dark.
    static QPalette lightPalette();
    static QPalette darkPalette();

    /// How a choice is stored in the settings ("system", "light", "dark"), and back
    /// (anything unknown is System).
    static QString key(Choice choice);
    static Choice fromKey(const QString &key);
};

} // namespace gitops
