#include "itemmodels/driftsnapshot.h"

#include <QJsonArray>
#include <QJsonObject>

namespace gitops {

LastChange LastChange::of(const QJsonObject &live)
{
    // managedFields times are RFC 3339 in UTC ("2026-11-29T07:30:00Z"): as text they sort
    // like the times they name, so only the newest is parsed.
    const QJsonArray entries = live.value(u"metadata").toObject().value(u"managedFields").toArray();
    QJsonObject newest;
    QString newestTime;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QString time = entry.value(u"time").toString();
        if (!time.isEmpty() && time >= newestTime) {
            newestTime = time;
            newest = entry;
        }
    }
    LastChange change;
    if (newestTime.isEmpty())
        return change;
    change.time = QDateTime::fromString(newestTime, Qt::ISODate);
    change.manager = newest.value(u"manager").toString();
    change.operation = newest.value(u"operation").toString();
    return change;
}

QStringList AppSnapshot::readErrors() const
{
    // Notes read "file:line:col: error: message" (manifest::SourceNote::toString()).
    static const QString label = QStringLiteral(": error: ");
    QStringList errors;
    for (const QString &note : notes) {
        const qsizetype at = note.indexOf(label);
        if (at >= 0)
            errors << note.left(at) + QStringLiteral(": ") + note.mid(at + label.size());
    }
    return errors;
}

QString AppSnapshot::problem() const
{
    return error.isEmpty() ? readErrors().join(u'\n') : error;
}

} // namespace gitops
