#pragma once

#include "change/changedraft.h"
#include "drift/difference.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

namespace gitops::git {
class Repository;
}

namespace gitops::change {

/// Where a resource's desired state is written: its file (repository-relative), the
/// file's bytes, the document that holds it, its kind, and whether it was rendered (by
/// kustomize) rather than read as written.
struct AdoptionSource
{
    QString file;
    QByteArray bytes;
    int document = 0;
    QString kind;
    bool rendered = false;
};

/// A field that was not taken into git, and why.
struct AdoptionRefusal
{
    QString path;
    QString reason;
};

/// What adopting live values gives: the draft with the edits made, and the fields refused.
struct LiveAdoption
{
    ChangeDraft draft;
    QList<AdoptionRefusal> refusals;
};

/// The edits that make git say what live says for @p differences of one resource (issue
/// 15, item 2): a changed value takes the live value, a field only live has is inserted,
/// a field live removed is removed; each is a text edit of @p source (applyYamlEdit()),
/// added to @p base (edits of the same file build on each other). Refused, with the
/// reason: a Secret's values (secrets do not go into git), a field of a rendered
/// resource that @p source's document does not literally hold as rendered (renderedSources():
/// a patch, a transformer or a generator sets it, or git does not set it), and whatever
/// applyYamlEdit() refuses. A pure function.
LiveAdoption adoptLiveValues(const QList<drift::Difference> &differences,
                             const AdoptionSource &source, const ChangeDraft &base = {});

/// A live object as a manifest for git (issue 15, item 2): what the API server populates
/// left out (status; metadata uid, resourceVersion, generation, creationTimestamp,
/// managedFields, selfLink, ownerReferences; the last-applied-configuration and
/// deployment revision annotations) and so are the defaults the server gives built-in kinds
/// where the value is the default (a Deployment's strategy and revisionHistoryLimit, a pod
/// spec's dnsPolicy and terminationGracePeriodSeconds, a container's terminationMessagePath
/// and imagePullPolicy, a Service's clusterIP, type and ports' protocol and targetPort...):
/// the server gives them again, so leaving them out changes nothing. A pure function.
QJsonObject manifestOfLiveObject(const QJsonObject &live);

/// Where a whole live object goes in git: the app's folder (repository-relative), the files
/// it holds already (repository-relative), and its kustomization if it has one.
struct LiveObjectTarget
{
    QString folder;
    QStringList existingFiles;
    QString kustomizationFile; ///< "" when the folder has none
    QByteArray kustomization;
    QString commit; ///< the full id of the commit the folder was read at
};

/// @p folder of @p repository at @p revision as a LiveObjectTarget: its files and its
/// kustomization, read through the object database (never the checkout). Reads the
/// repository: for the thread that owns it (RepositoryWorker).
std::variant<LiveObjectTarget, QString>
readLiveObjectTarget(git::Repository &repository, const QString &revision, const QString &folder);

/// The file that adds @p live, an object the app runs but git does not name, to git: a new
/// file in @p target's folder named from its kind and name ("configmap-web-settings.yaml",
/// "-2" and on when the name is taken) holding manifestOfLiveObject(), and for a kustomize
/// folder the file added to the kustomization's `resources:` as a text edit. Refused, with
/// the reason: a Secret (its values do not go into git), an object without kind or name.
/// A pure function.
LiveAdoption adoptLiveObject(const QJsonObject &live, const LiveObjectTarget &target);

} // namespace gitops::change
