#include "text.h"

namespace gitops {

Text::Text(const char *source, std::vector<Text> arguments)
    : m_source(source)
    , m_arguments(std::move(arguments))
{ }

Text Text::verbatim(const QString &words)
{
    Text text;
    text.m_words = words;
    return text;
}

bool Text::isEmpty() const
{
    return m_source ? *m_source == '\0' : m_words.isEmpty();
}

QString Text::toString() const
{
    return toString(nullptr);
}

QString Text::toString(QString (*translate)(const char *source)) const
{
    if (!m_source)
        return m_words;
    const QString pattern = translate ? translate(m_source) : QString::fromUtf8(m_source);
    // One pass, as QString::arg() with several arguments does: an argument that itself holds
    // "%2" (a cluster's message may) stays as it is.
    QString result;
    result.reserve(pattern.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'%' && i + 1 < pattern.size() && pattern.at(i + 1).isDigit()) {
            qsizetype end = i + 1;
            int number = 0;
            while (end < pattern.size() && end < i + 3 && pattern.at(end).isDigit())
                number = number * 10 + pattern.at(end++).digitValue();
            if (number >= 1 && size_t(number) <= m_arguments.size()) {
                result += m_arguments.at(size_t(number) - 1).toString(translate);
                i = end - 1;
                continue;
            }
        }
        result += c;
    }
    return result;
}

} // namespace gitops
