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

QList<Text> AppSnapshot::readErrors() const
{
    QList<Text> errors;
    for (const manifest::SourceNote &note : notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            errors << Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1: %2"), note.location(),
                                     note.why());
    }
    return errors;
}

QStringList AppSnapshot::noteLines() const
{
    QStringList lines;
    for (const manifest::SourceNote &note : notes)
        lines << note.toString();
    return lines;
}

QList<Text> AppSnapshot::problems() const
{
    if (!error.isEmpty())
        return {errorSentence()};
    return readErrors();
}

QString AppSnapshot::problem() const
{
    QStringList lines;
    for (const Text &line : problems())
        lines << line.toString();
    return lines.join(u'\n');
}

} // namespace gitops
