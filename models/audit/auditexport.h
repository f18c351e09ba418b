#pragma once

#include "audit/auditlog.h"

#include <QByteArray>
#include <QJsonObject>

namespace gitops::audit {

/// The time as exports write it: ISO 8601 UTC, with milliseconds when the source has them;
/// "unknown" when there is none.
QString timeText(const AuditEvent &event);

/// One event as the JSON export writes it (the README documents the shape; it is stable:
/// members are added, never renamed or removed).
QJsonObject eventJson(const AuditEvent &event);

/// {"events": [eventJson...], "notes": [...]}: the JSON export of @p log.
QJsonObject logJson(const AuditLog &log);

/// The CSV export of @p log (RFC 4180: a header line, CRLF line ends, fields quoted when they
/// hold a comma, a quote or a line break): time, precision, actor, actor_kind, source, app,
/// resource, fields (separated by ";"), summary, reviewed, link, actor_detail.
QByteArray logCsv(const AuditLog &log);

} // namespace gitops::audit
