#include "driftpresentationmodel.h"

#include "driftdescription.h"
#include "itemmodels/drifttreemodel.h"

#include <QColor>
#include <QDateTime>
#include <QGuiApplication>
#include <QIcon>
#include <QLocale>
#include <QPalette>

namespace gitops {

namespace {

using Column = DriftTreeModel::Column;
using NodeType = DriftTreeModel::NodeType;

QIcon icon(const QString &name)
{
    // Cached: the tree asks for icons on every paint.
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(QStringLiteral(":/icons/%1.svg").arg(name)));
    return *it;
}

// The resource behind @p index, through the proxies (the filter) down to the tree model.
const drift::ResourceDrift *resourceAt(const QModelIndex &index)
{
    QModelIndex at = index;
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(at.model()))
        at = proxy->mapToSource(at);
    const auto *tree = qobject_cast<const DriftTreeModel *>(at.model());
    return tree ? tree->resource(at) : nullptr;
}

// The app of an app row behind @p index, as resourceAt().
const drift::AppWorkspaceDrift *appAt(const QModelIndex &index)
{
    QModelIndex at = index;
    while (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(at.model()))
        at = proxy->mapToSource(at);
    const auto *tree = qobject_cast<const DriftTreeModel *>(at.model());
    return tree ? tree->app(at) : nullptr;
}

} // namespace

DriftPresentationModel::DriftPresentationModel(QObject *parent)
    : QIdentityProxyModel(parent)
{ }

QString DriftPresentationModel::syncText(int status)
{
    switch (drift::SyncStatus(status)) {
    case drift::SyncStatus::Synced:
        return tr("Synced");
    case drift::SyncStatus::OutOfSync:
        return tr("OutOfSync");
    case drift::SyncStatus::Missing:
        return tr("Missing");
    case drift::SyncStatus::Extraneous:
        return tr("Extraneous");
    case drift::SyncStatus::Unknown:
        return tr("Unknown");
    }
    return {};
}

QString DriftPresentationModel::healthText(int status)
{
    switch (drift::Health::Status(status)) {
    case drift::Health::Status::Healthy:
        return tr("Healthy");
    case drift::Health::Status::Suspended:
        return tr("Suspended");
    case drift::Health::Status::Progressing:
        return tr("Progressing");
    case drift::Health::Status::Missing:
        return tr("Missing");
    case drift::Health::Status::Degraded:
        return tr("Degraded");
    case drift::Health::Status::Unknown:
        return tr("Unknown");
    }
    return {};
}

QString DriftPresentationModel::ageText(const QDateTime &time, const QDateTime &now)
{
    const qint64 seconds = time.secsTo(now);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 48 * 3600)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n days ago", nullptr, int(seconds / 86400)); // 2 or more
}

QString DriftPresentationModel::countText(const QString &label, int total, int drifted, int unknown)
{
    // Unknown is not drift: what could not be compared is counted on its own.
    if (drifted > 0 && unknown > 0)
        return tr("%1  %2 of %3 drifted, %4 unknown")
            .arg(label)
            .arg(drifted)
            .arg(total)
            .arg(unknown);
    if (drifted > 0)
        return tr("%1  %2 of %3 drifted").arg(label).arg(drifted).arg(total);
    if (unknown > 0)
        return tr("%1  %2 of %3 unknown").arg(label).arg(unknown).arg(total);
    return tr("%1  %2").arg(label).arg(total);
}

QIcon DriftPresentationModel::syncIcon(int status)
{
    switch (drift::SyncStatus(status)) {
    case drift::SyncStatus::Synced:
        return icon(QStringLiteral("sync-synced"));
    case drift::SyncStatus::OutOfSync:
        return icon(QStringLiteral("sync-outofsync"));
    case drift::SyncStatus::Missing:
        return icon(QStringLiteral("sync-missing"));
    case drift::SyncStatus::Extraneous:
        return icon(QStringLiteral("sync-extraneous"));
    case drift::SyncStatus::Unknown:
        return icon(QStringLiteral("sync-unknown"));
    }
    return {};
}

QIcon DriftPresentationModel::healthIcon(int status)
{
    switch (drift::Health::Status(status)) {
    case drift::Health::Status::Healthy:
        return icon(QStringLiteral("health-healthy"));
    case drift::Health::Status::Suspended:
        return icon(QStringLiteral("health-suspended"));
    case drift::Health::Status::Progressing:
        return icon(QStringLiteral("health-progressing"));
    case drift::Health::Status::Missing:
        return icon(QStringLiteral("health-missing"));
    case drift::Health::Status::Degraded:
        return icon(QStringLiteral("health-degraded"));
    case drift::Health::Status::Unknown:
        return icon(QStringLiteral("health-unknown"));
    }
    return {};
}

QVariant DriftPresentationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    // The source's own values (index.data() would come back here).
    const auto raw = [&](int sourceRole) { return QIdentityProxyModel::data(index, sourceRole); };
    const auto type = raw(DriftTreeModel::NodeTypeRole).value<NodeType>();
    const bool group = type != NodeType::Resource;
    const QString error = raw(DriftTreeModel::ErrorRole).toString();
    switch (index.column()) {
    case Column::NameColumn:
        if (role == Qt::DisplayRole && group) {
            const QString name = raw(role).toString();
            const int total = raw(DriftTreeModel::ResourceCountRole).toInt();
            const int drifted = raw(DriftTreeModel::DriftedCountRole).toInt();
            const int unknown = raw(DriftTreeModel::UnknownCountRole).toInt();
            const QString label =
                name.isEmpty() && type == NodeType::Namespace ? tr("(cluster-scoped)") : name;
            return countText(label, total, drifted, unknown);
        }
        if (role == Qt::DecorationRole && type == NodeType::App)
            return icon(QStringLiteral("app"));
        if (!group) {
            // A resource the pending change touches: marked until it is submitted or dropped.
            const QString pending = raw(DriftTreeModel::PendingChangeRole).toString();
            if (!pending.isEmpty() && role == Qt::DecorationRole)
                return icon(QStringLiteral("branch"));
            if (!pending.isEmpty() && role == Qt::ToolTipRole)
                return tr("Changed in the pending change request '%1'").arg(pending);
        }
        break;
    case Column::SyncColumn: {
        const int status = raw(DriftTreeModel::SyncRole).toInt();
        if (role == Qt::DisplayRole)
            return syncText(status);
        if (role == Qt::DecorationRole)
            return syncIcon(status);
        break;
    }
    case Column::HealthColumn: {
        const int status = raw(DriftTreeModel::HealthRole).toInt();
        if (role == Qt::DisplayRole)
            return group && type != NodeType::App ? QVariant() : QVariant(healthText(status));
        if (role == Qt::DecorationRole)
            return group && type != NodeType::App ? QVariant() : QVariant(healthIcon(status));
        break;
    }
    case Column::ControllerColumn: {
        // The controller's own verdict; "≠" and both verdicts in the tooltip where it differs
        // from the console's.
        const QString verdict = raw(Qt::DisplayRole).toString();
        const QString disagreement = raw(DriftTreeModel::ControllerDisagreementRole).toString();
        if (verdict.isEmpty())
            break;
        if (role == Qt::DisplayRole)
            return disagreement.isEmpty() ? verdict : QStringLiteral("\u2260 ") + verdict;
        if (role == Qt::ToolTipRole) {
            const QString message = raw(DriftTreeModel::ControllerMessageRole).toString();
            QStringList lines;
            lines << (disagreement.isEmpty() ? tr("The controller agrees: %1").arg(verdict)
                                             : disagreement);
            if (!message.isEmpty())
                lines << message;
            return lines.join(u'\n');
        }
        if (role == Qt::ForegroundRole && !disagreement.isEmpty()) {
            const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
            return dark ? QColor(255, 190, 90) : QColor(160, 90, 0);
        }
        break;
    }
    case Column::LastChangeColumn: {
        const auto change = raw(DriftTreeModel::LastChangeRole).value<drift::FieldWriter>();
        if (!change.time.isValid())
            break;
        if (role == Qt::DisplayRole)
            return ageText(change.time, QDateTime::currentDateTimeUtc());
        if (role == Qt::ToolTipRole)
            return tr("%1 by %2 (%3)")
                .arg(QLocale().toString(change.time.toLocalTime(), QLocale::LongFormat),
                     change.manager, change.operation);
        break;
    }
    default:
        break;
    }
    if (role == Qt::ToolTipRole && index.column() == Column::SyncColumn
        && raw(DriftTreeModel::ExactRole).toBool() && !group)
        return tr("Compared with the server's dry run of git (exact mode)");
    if (role == Qt::ToolTipRole && !error.isEmpty()) {
        // A resource's reason, an app's problem, in the window's language.
        const drift::ResourceDrift *resource = resourceAt(index);
        if (resource)
            return DriftDescription::reason(*resource);
        const drift::AppWorkspaceDrift *app = appAt(index);
        return app ? DriftDescription::appProblem(*app) : error;
    }
    if (role == Qt::ForegroundRole && !error.isEmpty() && type == NodeType::App) {
        // Red that reads at 4.5:1 on the view's base colour, light or dark.
        const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
        return dark ? QColor(255, 120, 120) : QColor(200, 40, 40);
    }
    return QIdentityProxyModel::data(index, role);
}

QVariant DriftPresentationModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QIdentityProxyModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::NameColumn:
        return tr("Name");
    case Column::KindColumn:
        return tr("Kind");
    case Column::NamespaceColumn:
        return tr("Namespace");
    case Column::AppColumn:
        return tr("App");
    case Column::ControllerColumn:
        return tr("Controller");
    case Column::LastChangeColumn:
        return tr("Last change");
    case Column::SyncColumn:
        return tr("Sync");
    case Column::HealthColumn:
        return tr("Health");
    case Column::ColumnCount:
        break;
    }
    return {};
}

} // namespace gitops
