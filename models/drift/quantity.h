#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace gitops::drift {

/// A Kubernetes resource quantity ("500m", "0.5", "1Gi", "1e3") as an exact number of
/// nano-units, so that spellings the API server rewrites compare equal (`0.5` = `500m`,
/// `1Gi` = `1024Mi`). Precision below one nano-unit is rounded up, as the API server does.
/// A plain value.
class Quantity
{
public:
    /// The quantity @p text spells, or nothing when it is not a quantity.
    static std::optional<Quantity> parse(const QString &text);
    /// A JSON string or number as a quantity.
    static std::optional<Quantity> fromJson(const QJsonValue &value);

    /// Whether @p a and @p b spell the same quantity (false when either is none).
    static bool same(const QJsonValue &a, const QJsonValue &b);

    friend bool operator==(const Quantity &, const Quantity &) = default;

private:
    // Quantities beyond about +-1.7 * 10^29 units are compared by their text instead.
    __extension__ using Nanos = __int128;
    Nanos m_nanos = 0;
};

} // namespace gitops::drift
