#include "drift/unifieddiff.h"

#include <QList>
#include <QStringList>

#include <vector>

namespace gitops::drift {

namespace {

struct Edit
{
    enum Kind { Same, Remove, Add } kind;
    qsizetype from; // line index in `from` (Same, Remove)
    qsizetype to; // line index in `to` (Same, Add)
};

QStringList linesOf(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// Longest common subsequence over the lines between the common head and tail; the texts
// are small (one object), so the quadratic table is fine.
QList<Edit> editsBetween(const QStringList &a, const QStringList &b)
{
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head
           && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    std::vector<int> table(size_t((n + 1) * (m + 1)), 0);
    auto at = [&](qsizetype i, qsizetype j) -> int & { return table[size_t(i * (m + 1) + j)]; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            at(i, j) = a.at(head + i) == b.at(head + j) ? at(i + 1, j + 1) + 1
                                                        : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    QList<Edit> edits;
    for (qsizetype k = 0; k < head; ++k)
        edits.append({Edit::Same, k, k});
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(head + i) == b.at(head + j)) {
            edits.append({Edit::Same, head + i, head + j});
            ++i;
            ++j;
        } else if (j < m && (i == n || at(i, j + 1) > at(i + 1, j))) {
            edits.append({Edit::Add, -1, head + j});
            ++j;
        } else {
            edits.append({Edit::Remove, head + i, -1});
            ++i;
        }
    }
    for (qsizetype k = 0; k < tail; ++k)
        edits.append({Edit::Same, a.size() - tail + k, b.size() - tail + k});
    return edits;
}

QString range(qsizetype start, qsizetype count)
{
    // diff -u numbers an empty range by the line before it.
    const qsizetype first = count == 0 ? start : start + 1;
    return count == 1 ? QString::number(first)
                      : QString::number(first) + QLatin1Char(',') + QString::number(count);
}

} // namespace

QString UnifiedDiff::between(const QString &from, const QString &to, const QString &fromName,
                             const QString &toName, int context)
{
    if (from == to)
        return QString();
    const QStringList a = linesOf(from);
    const QStringList b = linesOf(to);
    const QList<Edit> edits = editsBetween(a, b);

    QString out =
        QLatin1String("--- ") + fromName + QLatin1String("\n+++ ") + toName + QLatin1Char('\n');
    qsizetype k = 0;
    while (k < edits.size()) {
        while (k < edits.size() && edits.at(k).kind == Edit::Same)
            ++k;
        if (k == edits.size())
            break;
        // A hunk: from `context` lines before this change to `context` lines after the last
        // change that is no more than 2 * context lines further.
        const qsizetype start = std::max<qsizetype>(0, k - context);
        qsizetype end = k;
        qsizetype lastChange = k;
        while (end < edits.size()) {
            if (edits.at(end).kind != Edit::Same)
                lastChange = end;
            else if (end - lastChange > 2 * context)
                break;
            ++end;
        }
        end = std::min<qsizetype>(edits.size(), lastChange + 1 + context);
        qsizetype fromStart = -1;
        qsizetype toStart = -1;
        qsizetype fromCount = 0;
        qsizetype toCount = 0;
        QString body;
        for (qsizetype e = start; e < end; ++e) {
            const Edit &edit = edits.at(e);
            if (edit.kind != Edit::Add) {
                if (fromStart < 0)
                    fromStart = edit.from;
                ++fromCount;
            }
            if (edit.kind != Edit::Remove) {
                if (toStart < 0)
                    toStart = edit.to;
                ++toCount;
            }
            if (edit.kind == Edit::Same)
                body += QLatin1Char(' ') + a.at(edit.from) + QLatin1Char('\n');
            else if (edit.kind == Edit::Remove)
                body += QLatin1Char('-') + a.at(edit.from) + QLatin1Char('\n');
            else
                body += QLatin1Char('+') + b.at(edit.to) + QLatin1Char('\n');
        }
        // An empty side starts where the other side's preceding line was.
        if (fromStart < 0) {
            fromStart = 0;
            for (qsizetype e = start; e-- > 0;) {
                if (edits.at(e).kind != Edit::Add) {
                    fromStart = edits.at(e).from + 1;
                    break;
                }
            }
        }
        if (toStart < 0) {
            toStart = 0;
            for (qsizetype e = start; e-- > 0;) {
                if (edits.at(e).kind != Edit::Remove) {
                    toStart = edits.at(e).to + 1;
                    break;
                }
            }
        }
        out += QLatin1String("@@ -") + range(fromStart, fromCount) + QLatin1String(" +")
            + range(toStart, toCount) + QLatin1String(" @@\n") + body;
        k = end;
    }
    return out;
}

} // namespace gitops::drift
