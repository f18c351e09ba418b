#include "audit/auditevent.h"

namespace gitops::audit {

QString sourceName(Source source)
{
    switch (source) {
    case Source::Commit:
        return QStringLiteral("commit");
    case Source::PullRequest:
        return QStringLiteral("pull-request");
    case Source::Sync:
        return QStringLiteral("sync");
    case Source::DirectWrite:
        return QStringLiteral("direct-write");
    case Source::AuditLog:
        return QStringLiteral("audit-log");
    case Source::Event:
        return QStringLiteral("event");
    }
    return QStringLiteral("unknown");
}

QString reviewedName(Reviewed reviewed)
{
    switch (reviewed) {
    case Reviewed::Yes:
        return QStringLiteral("yes");
    case Reviewed::No:
        return QStringLiteral("no");
    case Reviewed::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString precisionName(TimePrecision precision)
{
    switch (precision) {
    case TimePrecision::Second:
        return QStringLiteral("second");
    case TimePrecision::Millisecond:
        return QStringLiteral("millisecond");
    case TimePrecision::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString AuditEvent::resourceText() const
{
    if (resource.kind.isEmpty())
        return {};
    QString text = resource.group.isEmpty() ? resource.kind : resource.kind + u'.' + resource.group;
    if (!resource.namespaceName.isEmpty())
        text += u'/' + resource.namespaceName;
    return text + u'/' + resource.name;
}

} // namespace gitops::audit
