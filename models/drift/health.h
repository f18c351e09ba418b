#pragma once

#include <QJsonObject>
#include <QString>

namespace gitops::drift {

/// The health of a live object as its controllers judge it (the rules Argo CD's health
/// checks and kstatus follow), with a short reason a person can read. A plain value.
struct Health
{
    /// In increasing order of concern, the order apps aggregate by.
    enum class Status { Healthy, Suspended, Progressing, Missing, Degraded, Unknown };

    Status status = Status::Unknown;
    QString message;

    /// Health of @p live (a live object as the API server returns it). Kinds without a rule
    /// and without status conditions are Healthy once they exist. A pure function.
    static Health of(const QJsonObject &live);
    /// The worse of @p a and @p b, for aggregating an app.
    static Health worse(const Health &a, const Health &b);

    static QString name(Status status);

    friend bool operator==(const Health &, const Health &) = default;
};

} // namespace gitops::drift
