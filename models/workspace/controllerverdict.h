#pragma once

#include "manifest/resourceid.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace gitops {

namespace drift {
struct AppDrift;
struct ResourceDrift;
} // namespace drift

/// What the app's own controller says about it, read from the status of its definition in
/// the cluster (issue 20, item 4): Argo CD's sync and health, per app and per resource
/// (`status.resources[]`), or Flux's Ready condition. Beside the console's own verdict, a
/// second opinion: a disagreement is often the console's stricter comparison, sometimes a
/// controller that is stuck. A plain value.
struct ControllerVerdict
{
    enum class Controller { None, ArgoCd, Flux };

    /// One resource as the controller lists it (Argo CD only).
    struct Resource
    {
        QString sync; ///< "Synced", "OutOfSync", "Unknown"
        QString health; ///< "Healthy", "Progressing", ...; empty when it judges none
        QString message;
    };

    Controller controller = Controller::None;
    /// Argo CD: status.sync.status; Flux: "Ready", "NotReady" or "Unknown" (its Ready
    /// condition), empty when the status says nothing yet.
    QString sync;
    /// Argo CD: status.health.status; Flux: none.
    QString health;
    /// The commit it last synced or applied (Flux's `main@sha1:...` as the id alone).
    QString revision;
    /// Why, in the controller's words: Argo CD's health message or first error condition,
    /// Flux's Ready reason and message.
    QString message;
    QHash<manifest::ResourceId, Resource> resources;

    bool isKnown() const { return controller != Controller::None && !sync.isEmpty(); }
    /// "argocd" or "flux", for JSON.
    QString controllerName() const;

    /// From an Argo CD Application or a Flux Kustomization as the cluster holds it; None
    /// for anything else.
    static ControllerVerdict fromDefinition(const QJsonObject &definition);

    /// Where the controller's verdict on the app differs from @p app's (sync, and for Argo
    /// CD health), in words naming both; empty when they agree or nothing is known.
    QString disagreement(const drift::AppDrift &app) const;
    /// The same for one resource (Argo CD's status.resources).
    QString disagreement(const drift::ResourceDrift &resource) const;
};

} // namespace gitops
