#include "linealignment.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace gitops {

namespace {

enum class Edit { Keep, Remove, Add };

// Myers' O((N+M)D) shortest edit script over line ids.
std::vector<Edit> editScript(const std::vector<int> &a, const std::vector<int> &b)
{
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = n + m;
    // Diagonals k run from -max to max; reading k + 1 at k = max needs one slot more.
    std::vector<int> v(2 * max + 3, 0);
    std::vector<std::vector<int>> trace;
    const int offset = max + 1;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                ? v[offset + k + 1]
                : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    // Walk the trace back from (n, m) to (0, 0).
    std::vector<Edit> edits;
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int> &previous = trace[d];
        const int k = x - y;
        const bool down =
            k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1]);
        const int previousK = down ? k + 1 : k - 1;
        const int previousX = previous[offset + previousK];
        const int previousY = previousX - previousK;
        while (x > previousX && y > previousY) {
            edits.push_back(Edit::Keep);
            --x;
            --y;
        }
        edits.push_back(down ? Edit::Add : Edit::Remove);
        x = previousX;
        y = previousY;
    }
    while (x > 0 && y > 0) {
        edits.push_back(Edit::Keep);
        --x;
        --y;
    }
    std::reverse(edits.begin(), edits.end());
    return edits;
}

void markCharacters(AlignedRow &row, const QString &left, const QString &right)
{
    int prefix = 0;
    const int shorter = int(std::min(left.size(), right.size()));
    while (prefix < shorter && left.at(prefix) == right.at(prefix))
        ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix
           && left.at(left.size() - 1 - suffix) == right.at(right.size() - 1 - suffix))
        ++suffix;
    row.leftStart = prefix;
    row.leftEnd = int(left.size()) - suffix;
    row.rightStart = prefix;
    row.rightEnd = int(right.size()) - suffix;
}

} // namespace

QStringList LineAlignment::lines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList result = text.split(u'\n');
    if (text.endsWith(u'\n'))
        result.removeLast();
    return result;
}

QList<AlignedRow> LineAlignment::align(const QString &left, const QString &right)
{
    return align(lines(left), lines(right));
}

QList<AlignedRow> LineAlignment::align(const QStringList &left, const QStringList &right)
{
    // Lines become small integers, so that comparing them is cheap.
    QHash<QString, int> ids;
    const auto idsOf = [&ids](const QStringList &text) {
        std::vector<int> result;
        result.reserve(text.size());
        for (const QString &line : text) {
            auto it = ids.constFind(line);
            if (it == ids.constEnd())
                it = ids.insert(line, int(ids.size()));
            result.push_back(it.value());
        }
        return result;
    };
    const std::vector<int> a = idsOf(left);
    const std::vector<int> b = idsOf(right);
    const std::vector<Edit> edits = editScript(a, b);

    QList<AlignedRow> rows;
    int x = 0;
    int y = 0;
    size_t i = 0;
    while (i < edits.size()) {
        if (edits[i] == Edit::Keep) {
            rows.append({AlignedRow::Kind::Same, x++, y++});
            ++i;
            continue;
        }
        // A hunk: its removed and added lines, paired as changed lines in order.
        QList<int> removed;
        QList<int> added;
        while (i < edits.size() && edits[i] != Edit::Keep) {
            if (edits[i] == Edit::Remove)
                removed.append(x++);
            else
                added.append(y++);
            ++i;
        }
        const qsizetype pairs = std::min(removed.size(), added.size());
        for (qsizetype p = 0; p < pairs; ++p) {
            AlignedRow row{AlignedRow::Kind::Changed, removed.at(p), added.at(p)};
            markCharacters(row, left.at(row.left), right.at(row.right));
            rows.append(row);
        }
        for (qsizetype p = pairs; p < removed.size(); ++p)
            rows.append({AlignedRow::Kind::Removed, removed.at(p), -1});
        for (qsizetype p = pairs; p < added.size(); ++p)
            rows.append({AlignedRow::Kind::Added, -1, added.at(p)});
    }
    return rows;
}

} // namespace gitops
