#pragma once

#include "audit/auditevent.h"
#include "audit/kubeauditfile.h"
#include "forge/pullrequest.h"
#include "workspace/app.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace gitops::audit {

/// One commit of the app's history as the audit reads it. A plain value.
struct CommitRecord
{
    enum class Signature { Unsigned, Signed, Unknown };

    QString id;
    QString subject;
    QString authorName;
    QString authorEmail;
    QDateTime authorTime;
    QString committerName;
    QString committerEmail;
    QDateTime commitTime;
    QStringList parentIds;
    int mergedParentCount = 0;
    /// Signed: the commit carries a gpgsig header (not verified here).
    Signature signature = Signature::Unknown;
    /// What signed it: "ssh", "openpgp", "x509" (its armour says), "" when unsigned.
    QString signatureFormat;
    QString link; ///< the commit's page on the forge, if the remote names a known one
};

/// The field managers a cluster's own controllers write as: their writes are expected, never
/// direct writes (kube-controller-manager, kube-scheduler, kubelet, kube-apiserver).
QStringList defaultExpectedControllers();

/// Everything one app's audit log is joined from. Each list may be empty (a source that
/// could not be read; say why in notes). A plain value.
struct AuditInputs
{
    App app;
    QList<CommitRecord> commits;
    /// Commit id -> the pull requests the forge names for it. A commit absent from the map
    /// was not asked about (no forge, no token): its review is unknown.
    QHash<QString, QList<forge::PullRequest>> pullRequests;
    /// Commit id -> what the forge says of its signature; a signed commit absent from the
    /// map was not checked.
    QHash<QString, forge::CommitVerification> verifications;
    /// The forge that checked them, as a person names it ("GitHub").
    QString verifier;
    /// The app's live objects, with their managedFields (Secret values are never read).
    QList<QJsonObject> liveObjects;
    /// The app's objects git holds and the cluster does not (deleted, or never applied):
    /// their audit records still count ("who deleted it?").
    QList<manifest::ResourceId> absentObjects;
    /// Objects the app's objects own (ReplicaSets of its Deployments), for their Events.
    QList<QJsonObject> ownedObjects;
    /// Kubernetes Events (core v1) of the namespaces the app's objects live in.
    QList<QJsonObject> kubeEvents;
    /// The app's definition as the cluster holds it: an Argo CD Application or a Flux
    /// Kustomization, for status.history.
    std::optional<QJsonObject> definition;
    /// Writes of an audit log file to the app's objects (scanKubeAuditLog()).
    QList<KubeAuditRecord> auditRecords;
    /// "GROUP/Kind" -> the plural the API serves it under ("apps/Deployment" ->
    /// "deployments"), from discovery: how audit records name the app's objects.
    QHash<QString, QString> plurals;
    /// The field managers that deploy the app (ComparisonOptions::forApp()); empty: every
    /// manager whose operation is Apply.
    QStringList appliers;
    QStringList expectedControllers = defaultExpectedControllers();
    /// What could not be read, said on the log.
    QStringList notes;
};

/// The audit log of one or more apps: events newest first, and what could not be known.
/// An immutable value once built; share it between threads freely.
struct AuditLog
{
    QList<AuditEvent> events;
    QStringList notes;

    /// @p other's events and notes added, order kept newest first.
    void merge(const AuditLog &other);
};

/// Joins @p inputs into one app's log: commits (actor the author, reviewed from the pull
/// requests when the forge was asked), controller syncs (Argo CD and Flux status.history,
/// the applier's managedFields entries), direct writes (every other manager's entry but
/// the expected controllers', flagged unreviewed), Events of the app's objects and of the
/// objects they own, and audit-log writes: a write that a managedFields entry records (same
/// object and manager, within its second) becomes that entry's actor and exact time; the
/// others stay as audit-log events. Pure; any thread.
AuditLog buildAuditLog(const AuditInputs &inputs);

/// What `audit --resource --since --until` keep. A plain value.
struct AuditFilter
{
    /// Empty kind: every resource. Events of the whole app (commits) stay in either case.
    manifest::ResourceId resource;
    QDateTime since; ///< invalid: no bound
    QDateTime until;

    bool accepts(const AuditEvent &event) const;
    /// `KIND[.GROUP]/NAMESPACE/NAME` (or `KIND[.GROUP]/NAME` for cluster-scoped kinds), or
    /// nothing and @p error.
    static std::optional<manifest::ResourceId> parseResource(const QString &text, QString *error);
};

/// The objects of @p liveObjects (and @p absentObjects) as audit records name them, for
/// scanKubeAuditLog();
/// objects whose plural @p plurals does not know are left out and named in @p unnamed.
AuditObjectSet auditObjects(const QList<QJsonObject> &liveObjects,
                            const QHash<QString, QString> &plurals, QStringList *unnamed = nullptr,
                            const QList<manifest::ResourceId> &absentObjects = {});

/// @p log's events that @p filter accepts.
AuditLog filtered(const AuditLog &log, const AuditFilter &filter);

/// The readable paths of a FieldsV1 tree (`.spec.replicas`, `.spec.containers[name="web"]
/// .image`), leaves only, sorted; Secret values never appear in FieldsV1, only their keys.
QStringList fieldPaths(const QJsonObject &fieldsV1);

} // namespace gitops::audit
