#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

namespace gitops::drift {

/// Who last wrote a field of a live object, as its metadata.managedFields records it: the
/// field manager ("kubectl-edit", "argocd-controller"), the operation ("Apply" or
/// "Update"), and when. Empty when no manager owns the field. A plain value.
struct FieldWriter
{
    QString manager;
    QString operation;
    QDateTime time;
    /// "status" or "scale" when the write went through a subresource.
    QString subresource;

    bool isValid() const { return !manager.isEmpty(); }
    friend bool operator==(const FieldWriter &, const FieldWriter &) = default;
};

/// One way a live object differs from its desired state: a value that changed, a field
/// git sets that is not live, or a field live still has that git used to set. Values are
/// QJsonValue::Undefined on the side where the field is absent; Secret values are already
/// masked. A plain value.
struct Difference
{
    /// Where, as structured-merge-diff prints field paths:
    /// `.spec.template.spec.containers[name="web"].image`, `.metadata.labels["app"]`.
    QString path;
    /// JSON pointers into the desired and the live object ("" when absent on that side).
    QString desiredPointer;
    QString livePointer;
    QJsonValue desired = QJsonValue(QJsonValue::Undefined);
    QJsonValue live = QJsonValue(QJsonValue::Undefined);
    /// The last writer of the live field (or of the nearest owned field above it).
    FieldWriter lastWriter;

    bool inDesired() const { return !desired.isUndefined(); }
    bool inLive() const { return !live.isUndefined(); }
};

} // namespace gitops::drift

Q_DECLARE_METATYPE(gitops::drift::FieldWriter)
