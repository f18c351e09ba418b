#include "pathglob.h"

namespace gitops {

QRegularExpression argoCdGlob(const QString &pattern)
{
    QString expression;
    int braces = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size()) {
            expression += QRegularExpression::escape(pattern.at(++i));
        } else if (c == u'*') {
            expression += QLatin1String(".*");
        } else if (c == u'?') {
            expression += u'.';
        } else if (c == u'[') {
            const qsizetype end = pattern.indexOf(u']', i + 2);
            if (end < 0)
                return QRegularExpression(QStringLiteral("(")); // invalid: matches nothing
            QString set = pattern.mid(i + 1, end - i - 1);
            if (set.startsWith(u'!'))
                set[0] = u'^';
            expression += u'[' + set.replace(QLatin1String("\\"), QLatin1String("\\\\")) + u']';
            i = end;
        } else if (c == u'{') {
            ++braces;
            expression += QLatin1String("(?:");
        } else if (c == u',' && braces > 0) {
            expression += u'|';
        } else if (c == u'}' && braces > 0) {
            --braces;
            expression += u')';
        } else {
            expression += QRegularExpression::escape(c);
        }
    }
    if (braces != 0)
        return QRegularExpression(QStringLiteral("("));
    return QRegularExpression(QRegularExpression::anchoredPattern(expression));
}

} // namespace gitops
