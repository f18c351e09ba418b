#pragma once

#include <QString>

#include <vector>

namespace gitops {

/// A sentence for a person as a value: an English source text with %1, %2... placeholders,
/// marked for translation with QT_TRANSLATE_NOOP under Text::Context, and its arguments,
/// each a Text in turn or verbatim words (names, numbers, what the cluster said, which are
/// never translated). The engine builds these where it decides; the CLI and JSON print the
/// English (toString()), the window renders it in its language (views' localized()), so one
/// sentence has one source for both. A plain value, usable on any thread.
///
///     Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 of %2 pods ready"), ready, wanted)
class Text
{
public:
    /// The catalogue context of every source text.
    static constexpr char Context[] = "gitops::Text";

    Text() = default;
    /// @p source must be a string literal marked with QT_TRANSLATE_NOOP("gitops::Text", ...).
    explicit Text(const char *source, std::vector<Text> arguments = {});

    template<typename... Arguments>
    static Text sentence(const char *source, const Arguments &...arguments)
    {
        return Text(source, {argument(arguments)...});
    }
    /// Words shown as they are, in every language.
    static Text verbatim(const QString &words);

    bool isEmpty() const;
    /// The English.
    QString toString() const;
    /// With each source text passed through @p translate (which gets Context's sources).
    QString toString(QString (*translate)(const char *source)) const;

    friend bool operator==(const Text &a, const Text &b) { return a.toString() == b.toString(); }

private:
    static Text argument(const Text &text) { return text; }
    static Text argument(const QString &words) { return verbatim(words); }
    static Text argument(qint64 number) { return verbatim(QString::number(number)); }

    const char *m_source = nullptr;
    QString m_words;
    std::vector<Text> m_arguments;
};

} // namespace gitops
