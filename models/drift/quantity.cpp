#include "drift/quantity.h"

namespace gitops::drift {

namespace {

__extension__ using Int128 = __int128;

// 10^30 nano-units: beyond this the value is not representable with headroom.
const Int128 limit = Int128(1000000000000000LL) * Int128(1000000000000000LL);

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
    Int128 whole = 0;
    Int128 fraction = 0; // in nano-units
    int fractionDigits = 0;
    bool roundUp = false;
    bool digits = false;
    for (; i < s.size() && s.at(i).isDigit(); ++i) {
        digits = true;
        if (!multiply(whole, 10))
            return std::nullopt;
        whole += s.at(i).digitValue();
    }
    if (i < s.size() && s.at(i) == QLatin1Char('.')) {
        ++i;
        for (; i < s.size() && s.at(i).isDigit(); ++i) {
            digits = true;
            if (fractionDigits < 9) {
                fraction = fraction * 10 + s.at(i).digitValue();
                ++fractionDigits;
            } else if (s.at(i) != QLatin1Char('0')) {
                roundUp = true;
            }
        }
    }
    if (!digits)
        return std::nullopt;
    for (int d = fractionDigits; d < 9; ++d)
        fraction *= 10;
    Int128 nanos = 0;
    if (!multiply(whole, 1000000000))
        return std::nullopt;
    nanos = whole + fraction;

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
    if (!multiply(nanos, factor))
        return std::nullopt;
    for (; decimalExponent > 0; --decimalExponent) {
        if (!multiply(nanos, 10))
            return std::nullopt;
    }
    for (; decimalExponent < 0; ++decimalExponent) {
        if (nanos % 10 != 0)
            roundUp = true;
        nanos /= 10;
    }
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
