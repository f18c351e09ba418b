#pragma once

#include "manifest/resourceid.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace gitops::audit {

/// Where an audit event comes from, as `gitops-console audit` names it.
enum class Source {
    Commit, ///< a commit of the app's history (git)
    PullRequest, ///< a pull/merge request of the forge
    Sync, ///< the app's controller applied or synced (status.history, its managedFields entry)
    DirectWrite, ///< a field manager other than the app's applier and expected controllers
    AuditLog, ///< a write in a Kubernetes audit log that nothing else accounts for
    Event, ///< a Kubernetes Event of one of the app's objects
};

/// Whether a change went through review. Unknown is said, never guessed.
enum class Reviewed { Yes, No, Unknown };

/// How precise an event's time is: git, managedFields and Events' timestamps count seconds;
/// audit records and Events' eventTime count microseconds, kept here to the millisecond (the
/// evidence holds the value as written).
enum class TimePrecision { Unknown, Second, Millisecond };

/// "commit", "pull-request", "sync", "direct-write", "audit-log", "event".
QString sourceName(Source source);
/// "yes", "no", "unknown".
QString reviewedName(Reviewed reviewed);
/// "second", "millisecond", "unknown".
QString precisionName(TimePrecision precision);

/// One thing that happened to an app or one of its resources, with who did it and the
/// evidence it was read from. A plain value; any thread. Empty strings are facts nobody
/// recorded: exports and the CLI print them as "unknown".
struct AuditEvent
{
    QDateTime time; ///< UTC; invalid when the source gives none
    TimePrecision precision = TimePrecision::Unknown;
    /// Who: a git author "Name <email>", a field manager, an audit-log user, a controller.
    QString actor;
    /// What the actor is: "git-author", "field-manager", "user", "controller".
    QString actorKind;
    /// More about the actor: the committer when it differs, the signature, the groups and
    /// user agent of an audit-log user, the manager behind a user.
    QString actorDetail;
    Source source = Source::Event;
    QString app;
    /// The object; empty kind for an event of the whole app (a commit).
    manifest::ResourceId resource;
    /// The fields touched, as structured-merge-diff prints paths (`.spec.replicas`); names
    /// only, never values.
    QStringList fields;
    /// One line for a person.
    QString summary;
    /// What the event was read from: the commit, the managedFields entry, the Event, the
    /// audit record (Metadata level: never a request or response body). Never a Secret value.
    QJsonObject evidence;
    Reviewed reviewed = Reviewed::Unknown;
    /// A page to see it on: the commit or pull request on the forge; empty when there is none.
    QString link;

    /// `KIND[.GROUP]/NAMESPACE/NAME` as `audit --resource` takes it ("Deployment.apps/shop/web",
    /// "Namespace/shop"), or "" for the whole app.
    QString resourceText() const;
};

} // namespace gitops::audit
