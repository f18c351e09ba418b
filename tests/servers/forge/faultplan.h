#pragma once

#include "connection.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace localforge {

/// One injected fault: the next @c times requests whose method is @c method (empty: any)
/// and whose path contains @c path get @c status (500, 502, 429 with the flavor's
/// rate-limit headers announcing a reset in @c resetSeconds), or are dropped without an
/// answer, before the forge acts (`drop: "before"`) or after it has (`drop: "after"`: the
/// pull request exists, the client never hears of it), or answered without the header
/// @c withoutHeader (as a proxy that strips it).
struct FaultRule
{
    QByteArray method;
    QString path;
    int status = 0;
    QString drop; ///< "", "before" or "after"
    int times = 1; ///< -1: every time
    int resetSeconds = 60;
    QString message;
    QByteArray withoutHeader; ///< e.g. "Link": the answer, without this header
};

/// The faults the forge injects, from `--faults` or `POST /_forge/faults`:
/// `{"rules":[{"method":"POST","path":"/pulls","drop":"after","times":1}, ...]}`.
class FaultPlan
{
public:
    /// Replaces the rules; false (and @p error) when @p json is not such an object.
    bool load(const QJsonObject &json, QString *error);
    /// The rule that applies to @p request, counted as used.
    std::optional<FaultRule> take(const testhttp::Request &request);

private:
    QList<FaultRule> m_rules;
};

} // namespace localforge
