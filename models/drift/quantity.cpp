#include "drift/quantity.h"

namespace gitops::drift {

namespace {

__extension__ using Int128 = __int128;

// Just below __int128's largest value (room for one more digit and the rounding): the
// digits times a suffix stay exact as far as the API server keeps them exact
// (30.10134351702202Ei is 3.47 * 10^33 before its scale applies, and must not lose digits,
// or it rounds to another quantity than the server's canonical spelling).
const Int128 limit = ((Int128(1) << 126) - 1) * 2 + 1 - 10;

bool multiply(Int128 &value, Int128 factor)
{
    if (value != 0 && (value > limit / factor || value < -limit / factor))
        return false;
    value *= factor;
    return true;
}

} // namespace

std::optional<Quantity> Quantity::parse(const QString &text)
{
    const QString s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    qsizetype i = 0;
    bool negative = false;
    if (s.at(i) == QLatin1Char('+') || s.at(i) == QLatin1Char('-')) {
        negative = s.at(i) == QLatin1Char('-');
        ++i;
    }
    // The digits as one integer and how many of them follow the point, kept exact until the
    // suffix and exponent are applied: a digit past the ninth after the point still counts
    // once a suffix scales it up (".0000000001k" is 100n, as the API server reads it).
    Int128 mantissa = 0;
    int scale = 0;
    bool roundUp = false; // a non-zero digit was dropped: round the magnitude up
    bool digits = false;
    for (; i < s.size() && s.at(i).isDigit(); ++i) {
        digits = true;
        if (!multiply(mantissa, 10))
            return std::nullopt;
        mantissa += s.at(i).digitValue();
    }
    if (i < s.size() && s.at(i) == QLatin1Char('.')) {
        ++i;
        for (; i < s.size() && s.at(i).isDigit(); ++i) {
            digits = true;
            if (mantissa <= limit / 10) {
                mantissa = mantissa * 10 + s.at(i).digitValue();
                ++scale;
            } else if (s.at(i) != QLatin1Char('0')) {
                roundUp = true;
            }
        }
    }
    if (!digits)
        return std::nullopt;
    const QString suffix = s.mid(i);
    Int128 factor = 1;
    int decimalExponent = 0;
    if (suffix.isEmpty()) {
    } else if (suffix.size() == 2 && suffix.at(1) == QLatin1Char('i')) {
        static const QString binary = QStringLiteral("KMGTPE");
        const qsizetype power = binary.indexOf(suffix.at(0));
        if (power < 0)
            return std::nullopt;
        for (qsizetype p = 0; p <= power; ++p)
            factor *= 1024;
    } else if (suffix.size() == 1 && QStringLiteral("numkMGTPE").contains(suffix.at(0))) {
        static const QString decimal = QStringLiteral("num kMGTPE");
        decimalExponent = int(decimal.indexOf(suffix.at(0)) - 3) * 3;
    } else if (suffix.at(0) == QLatin1Char('e') || suffix.at(0) == QLatin1Char('E')) {
        bool ok = false;
        decimalExponent = suffix.mid(1).toInt(&ok);
        if (!ok || decimalExponent < -40 || decimalExponent > 40)
            return std::nullopt;
    } else {
        return std::nullopt;
    }
    // Drops the last kept fraction digit, for room to scale the rest.
    const auto dropDigit = [&] {
        if (mantissa % 10 != 0)
            roundUp = true;
        mantissa /= 10;
        --scale;
    };
    while (!multiply(mantissa, factor)) {
        if (scale == 0)
            return std::nullopt;
        dropDigit();
    }
    // mantissa * 10^(exponent + 9 - scale) nano-units
    int exponent = decimalExponent + 9 - scale;
    for (; exponent > 0; --exponent) {
        if (!multiply(mantissa, 10))
            return std::nullopt;
    }
    for (; exponent < 0; ++exponent) {
        if (mantissa % 10 != 0)
            roundUp = true;
        mantissa /= 10;
    }
    Int128 nanos = mantissa;
    if (roundUp)
        nanos += 1;
    Quantity q;
    q.m_nanos = negative ? -nanos : nanos;
    return q;
}

std::optional<Quantity> Quantity::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return parse(value.toString());
    if (value.isDouble())
        return parse(QString::number(value.toDouble(), 'f', 9));
    return std::nullopt;
}

bool Quantity::same(const QJsonValue &a, const QJsonValue &b)
{
    const std::optional<Quantity> qa = fromJson(a);
    const std::optional<Quantity> qb = fromJson(b);
    return qa && qb && *qa == *qb;
}

} // namespace gitops::drift
