#include "quantity.h"

#include <QRegularExpression>

namespace kubeemu {

namespace {

// 128-bit arithmetic keeps exact values up to 2^127, beyond any quantity used in practice;
// a larger one (thirty digits of Ei, "1e60") is kept as written (see canonicalQuantity()).
__extension__ typedef __int128 Int128;

enum class Format { BinarySI, DecimalSI, DecimalExponent };

QString toText(Int128 value)
{
    if (value == 0)
        return QStringLiteral("0");
    QString digits;
    while (value > 0) {
        digits.prepend(QLatin1Char(char('0' + int(value % 10))));
        value /= 10;
    }
    return digits;
}

/// @p value times @p base to the @p exponent (>= 0); false when that does not fit.
bool multiplyByPower(Int128 &value, Int128 base, int exponent)
{
    for (int i = 0; i < exponent; ++i) {
        if (value == 0)
            return true;
        if (__builtin_mul_overflow(value, base, &value))
            return false;
    }
    return true;
}

/// @p base to the @p exponent (>= 0, small enough to fit).
Int128 power(Int128 base, int exponent)
{
    Int128 result = 1;
    multiplyByPower(result, base, exponent);
    return result;
}

} // namespace

QString canonicalQuantity(const QString &text, bool *ok)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^([+-]?)([0-9]*)(?:\\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$"));
    const QRegularExpressionMatch match = pattern.match(text);
    const QString whole = match.captured(2);
    const QString fraction = match.captured(3);
    if (!match.hasMatch() || (whole.isEmpty() && fraction.isEmpty())
        || whole.size() + fraction.size() > 30) {
        if (ok)
            *ok = false;
        return text;
    }
    if (ok)
        *ok = true;
    const bool negative = match.captured(1) == QLatin1String("-");
    const QString suffix = match.captured(4);

    Format format = Format::DecimalSI;
    int exponent10 = 0; // value = digits * 10^exponent10 * 1024^exponent1024
    int exponent1024 = 0;
    bool hugeExponent = false;
    static const QStringList binary = {QStringLiteral("Ki"), QStringLiteral("Mi"),
                                       QStringLiteral("Gi"), QStringLiteral("Ti"),
                                       QStringLiteral("Pi"), QStringLiteral("Ei")};
    static const QHash<QString, int> decimal = {
        {QStringLiteral("n"), -9}, {QStringLiteral("u"), -6},
        {QStringLiteral("m"), -3}, {QString(), 0},
        {QStringLiteral("k"), 3},  {QStringLiteral("M"), 6},
        {QStringLiteral("G"), 9},  {QStringLiteral("T"), 12},
        {QStringLiteral("P"), 15}, {QStringLiteral("E"), 18}};
    if (binary.contains(suffix)) {
        format = Format::BinarySI;
        exponent1024 = int(binary.indexOf(suffix)) + 1;
    } else if (decimal.contains(suffix)) {
        exponent10 = decimal.value(suffix);
    } else {
        format = Format::DecimalExponent;
        // Below 10^-1000 every value rounds to 1n (or is 0): clamped, nothing changes. Above
        // 10^1000 only 0 fits in what this server computes exactly.
        bool fits = false;
        const qlonglong written = suffix.mid(1).toLongLong(&fits);
        const bool negativeExponent = suffix.at(1) == u'-';
        hugeExponent = !negativeExponent && (!fits || written > 1000);
        exponent10 = negativeExponent ? int(fits ? qMax(written, -1000LL) : -1000LL)
                                      : int(hugeExponent ? 0 : written);
    }

    // Exact value as mantissa * 10^scale, scale >= -9 after rounding up to nano precision.
    QString digits = whole + fraction;
    int scale = exponent10 - int(fraction.size());
    Int128 mantissa = 0;
    for (QChar c : digits)
        mantissa = mantissa * 10 + c.digitValue(); // at most 30 digits: fits
    // Beyond 128 bits the local server cannot spell the value exactly (Kubernetes can: its
    // Quantity falls back to arbitrary precision); it keeps such a value as written.
    auto tooLarge = [&] {
        if (ok)
            *ok = false;
        return text;
    };
    if (!multiplyByPower(mantissa, 1024, exponent1024) || (hugeExponent && mantissa != 0))
        return tooLarge();

    // Round away from zero to 10^-9, the finest precision a Quantity keeps.
    if (scale < -39) {
        // Below 10^-9 by more than 128 bits hold ("1e-3131"): the least that is not zero.
        mantissa = mantissa != 0 ? 1 : 0;
        scale = -9;
    } else if (scale < -9) {
        const Int128 divisor = power(10, -9 - scale);
        const bool remainder = mantissa % divisor != 0;
        mantissa /= divisor;
        if (remainder)
            mantissa += 1;
        scale = -9;
    }
    if (mantissa == 0)
        return QStringLiteral("0");

    if (format == Format::BinarySI) {
        // Binary format only for whole values of at least 1024.
        bool whole = scale >= 0;
        Int128 integer = mantissa;
        if (!whole) {
            const Int128 divisor = power(10, -scale);
            whole = mantissa % divisor == 0;
            integer = mantissa / divisor;
        } else if (!multiplyByPower(integer, 10, scale)) {
            return tooLarge();
        }
        if (whole && integer >= 1024) {
            int unit = 0;
            while (unit < 6 && integer % 1024 == 0) {
                integer /= 1024;
                ++unit;
            }
            QString out = (negative ? QStringLiteral("-") : QString()) + toText(integer);
            if (unit > 0)
                out += binary.at(unit - 1);
            return out;
        }
        format = Format::DecimalSI;
    }

    // Normalise: strip trailing zeros into the scale, then pick an exponent that is a multiple
    // of three and no larger than the scale.
    while (mantissa % 10 == 0) {
        mantissa /= 10;
        ++scale;
    }
    int exponent = scale >= 0 ? (scale / 3) * 3 : -(((-scale) + 2) / 3) * 3;
    if (format == Format::DecimalSI && exponent > 18)
        exponent = 18;
    if (!multiplyByPower(mantissa, 10, scale - exponent))
        return tooLarge();

    QString out = (negative ? QStringLiteral("-") : QString()) + toText(mantissa);
    if (format == Format::DecimalExponent) {
        if (exponent != 0)
            out += QLatin1Char('e') + QString::number(exponent);
    } else {
        out += decimal.key(exponent);
    }
    return out;
}

void canonicalizeQuantityMap(QJsonObject &map)
{
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it.value().isString()) {
            it.value() = canonicalQuantity(it.value().toString());
        } else if (it.value().isDouble()) {
            // A bare number in JSON (`cpu: 1`) is read as its decimal text.
            it.value() = canonicalQuantity(QString::number(it.value().toDouble(), 'g', 17));
        }
    }
}

} // namespace kubeemu
