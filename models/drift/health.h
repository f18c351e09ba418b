#pragma once

#include "text.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace gitops::drift {

/// The health of a live object as its controllers judge it: Argo CD's built-in health checks
/// for the kinds it knows, kstatus' conventions (Ready, Reconciling, Stalled, observed
/// generation) for custom resources, with a message naming the condition, container state
/// or field that decided it. A plain value.
struct Health
{
    /// In increasing order of concern, the order apps aggregate by (Argo CD's order).
    enum class Status { Healthy, Suspended, Progressing, Missing, Degraded, Unknown };

    Status status = Status::Unknown;
    /// Why, in English (the CLI, JSON): text's English.
    QString message;
    /// Why, as a sentence the window shows in its language.
    Text text;

    Health() = default;
    Health(Status status, const Text &why)
        : status(status)
        , message(why.toString())
        , text(why)
    { }
    /// With words that are shown as they are (a controller's or a script's message).
    Health(Status status, const QString &words = QString())
        : Health(status, Text::verbatim(words))
    { }

    /// Health of @p live (a live object as the API server returns it). An object Argo CD has
    /// no rule for and that holds none of kstatus' conditions is Healthy once it exists; a
    /// custom resource's message then says that there is no health rule for it. A pure
    /// function.
    static Health of(const QJsonObject &live);
    /// The worse of @p a and @p b, for aggregating an app (@p a when they are as bad).
    static Health worse(const Health &a, const Health &b);

    static QString name(Status status);
    /// The status called @p name ("Healthy", "Degraded", ...), as Argo CD writes them.
    static std::optional<Status> statusNamed(const QString &name);

    friend bool operator==(const Health &, const Health &) = default;
};

} // namespace gitops::drift
