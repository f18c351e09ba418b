#pragma once

#include <QIdentityProxyModel>

class QDateTime;

namespace gitops {

/// Presentation of the resource tree (STYLE.md rule 4): translated headers and status
/// names, sync and health icons, counts on group rows ("shop  2 of 24 drifted, 3 unknown"), the age
/// of the last change with its writer as tooltip, an app's error in red with the message as
/// tooltip. Sits on DriftTreeModel or a proxy of it.
class DriftPresentationModel : public QIdentityProxyModel
{
    Q_OBJECT

public:
    explicit DriftPresentationModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString syncText(int status);
    static QString healthText(int status);
    /// A group row's label: "shop  2 of 5 drifted, 3 unknown".
    static QString countText(const QString &label, int total, int drifted, int unknown);
    static QIcon syncIcon(int status);
    static QIcon healthIcon(int status);
    /// How long ago @p time was, as the "Last change" column says it ("5 min ago").
    static QString ageText(const QDateTime &time, const QDateTime &now);
};

} // namespace gitops
