#pragma once

#include "text.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace gitops::drift {

/// One thing a live object's status reports besides the verdict, which the window lists
/// under a resource's health: a condition, or the state of a Pod's container (init
/// containers first). The words are the controller's, as it wrote them. A plain value.
struct HealthFact
{
    enum class Kind { Condition, ContainerRunning, ContainerWaiting, ContainerTerminated };

    Kind kind = Kind::Condition;
    /// The condition's type ("Ready"), or the container's name.
    QString name;
    /// A condition's status: "True", "False" or "Unknown".
    QString status;
    QString reason;
    QString message;
    /// A terminated container's exit code.
    int exitCode = 0;
    /// How often a container was restarted.
    int restarts = 0;

    /// What @p live's status reports: its conditions in their order, then the state of each
    /// init container and container. A pure function.
    static QList<HealthFact> of(const QJsonObject &live);

    friend bool operator==(const HealthFact &, const HealthFact &) = default;
};

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
    /// The conditions and container states behind the verdict (HealthFact::of()), for a
    /// resource's details; set by of() and HealthRules::healthOf(), empty for an app's.
    QList<HealthFact> facts;

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
    /// The worse of @p a and @p b, for aggregating an app (@p a when they are as bad),
    /// without the facts of either: they are about one object.
    static Health worse(const Health &a, const Health &b);

    static QString name(Status status);
    /// The status called @p name ("Healthy", "Degraded", ...), as Argo CD writes them.
    static std::optional<Status> statusNamed(const QString &name);

    friend bool operator==(const Health &, const Health &) = default;

private:
    /// of() without the facts.
    static Health verdictOf(const QJsonObject &live);
};

} // namespace gitops::drift
