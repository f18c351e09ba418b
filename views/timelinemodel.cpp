#include "timelinemodel.h"

#include "driftpresentationmodel.h"

#include "git/repositoryworker.h"

#include <QColor>
#include <QLocale>
#include <QThread>

namespace gitops {

TimelineModel::TimelineModel(std::shared_ptr<git::RepositoryWorker> worker, App app,
                             QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(std::move(worker))
    , m_app(std::move(app))
{ }

TimelineModel::~TimelineModel() = default;

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

TimelineModel::Markers TimelineModel::markersOf(int row) const
{
    const history::HistoryEntry &entry = m_entries.at(row);
    Markers markers;
    if (row == 0)
        markers |= HeadMarker;
    if (m_liveKnown && entry.id == m_live.commit) {
        if (m_live.match == history::LiveMatch::Exact)
            markers |= LiveMarker;
        else if (m_live.match == history::LiveMatch::Closest)
            markers |= ClosestMarker;
    }
    if (m_deployments.contains(entry.id))
        markers |= DeployedMarker;
    return markers;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const history::HistoryEntry &entry = m_entries.at(index.row());
    switch (role) {
    case IdRole:
        return entry.id;
    case AuthorRole:
        return entry.authorName;
    case SearchRole:
        return QStringList{entry.subject, entry.id, entry.authorName, entry.authorEmail}.join(
            u'\n');
    case MarkersRole:
        return int(markersOf(index.row()));
    case PullRequestUrlRole: {
        const QList<forge::PullRequest> pulls = m_pulls.value(entry.id);
        return pulls.isEmpty() ? QVariant() : QVariant(pulls.constFirst().webUrl);
    }
    default:
        break;
    }
    const auto column = Column(index.column());
    if (role == Qt::DisplayRole) {
        switch (column) {
        case GraphColumn: {
            const Markers markers = markersOf(index.row());
            QStringList words;
            if (markers & HeadMarker)
                words << tr("HEAD");
            if (markers & LiveMarker)
                words << tr("live");
            if (markers & ClosestMarker)
                words << tr("live~%1").arg(m_live.differences);
            if (markers & DeployedMarker)
                words << tr("deployed");
            return words.join(u' ');
        }
        case SubjectColumn:
            return entry.mergedParentCount > 0 ? tr("%1 (a merge)").arg(entry.subject)
                                               : entry.subject;
        case PullRequestColumn: {
            const auto it = m_pulls.constFind(entry.id);
            if (it == m_pulls.cend())
                return {};
            if (it->isEmpty())
                return tr("direct push, no PR");
            return tr("#%1 %2").arg(it->constFirst().number).arg(it->constFirst().title);
        }
        case CommitColumn:
            return entry.id.left(8);
        case AuthorColumn:
            return entry.authorName;
        case DateColumn:
            return DriftPresentationModel::ageText(entry.authorTime,
                                                   QDateTime::currentDateTimeUtc());
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ForegroundRole && column == PullRequestColumn) {
        const auto it = m_pulls.constFind(entry.id);
        if (it != m_pulls.cend() && it->isEmpty())
            return QColor(200, 110, 0); // amber: unreviewed, readable on light and dark
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case GraphColumn: {
            const Markers markers = markersOf(index.row());
            QStringList lines;
            if (markers & HeadMarker)
                lines << tr("HEAD: the desired state, what git says should run");
            if (markers & LiveMarker)
                lines << tr("Live: what runs in the cluster is exactly this commit");
            if (markers & ClosestMarker)
                lines << (m_live.differences == 1
                              ? tr("Live, closest: no commit matches what runs; this one "
                                   "differs in 1 field")
                              : tr("Live, closest: no commit matches what runs; this one "
                                   "differs in %1 fields")
                                    .arg(m_live.differences));
            if (markers & DeployedMarker) {
                const history::Deployment deployment = m_deployments.value(entry.id);
                lines << (deployment.deployedAt.isValid()
                              ? tr("Deployed by the controller (%1) on %2")
                                    .arg(deployment.initiatedBy.isEmpty()
                                             ? m_live.controller->definition
                                             : deployment.initiatedBy,
                                         QLocale().toString(deployment.deployedAt.toLocalTime(),
                                                            QLocale::LongFormat))
                              : tr("Deployed by the controller (%1)")
                                    .arg(m_live.controller->definition));
            }
            return lines.join(u'\n');
        }
        case SubjectColumn:
            return entry.renamedFrom.isEmpty()
                ? entry.subject
                : tr("%1\nThe app's folders moved here from %2")
                      .arg(entry.subject, entry.renamedFrom.join(QStringLiteral(", ")));
        case PullRequestColumn: {
            const auto it = m_pulls.constFind(entry.id);
            if (it == m_pulls.cend())
                return {};
            if (it->isEmpty())
                return tr("No pull request holds this commit: it was pushed directly, "
                          "unreviewed");
            QStringList lines;
            for (const forge::PullRequest &pull : *it)
                lines << tr("#%1 %2 (double-click opens %3)")
                             .arg(pull.number)
                             .arg(pull.title, pull.webUrl.toString());
            return lines.join(u'\n');
        }
        case CommitColumn:
            return entry.id;
        case AuthorColumn:
            return entry.authorEmail;
        case DateColumn:
            return QLocale().toString(entry.authorTime, QLocale::LongFormat);
        case ColumnCount:
            break;
        }
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case GraphColumn:
        return tr("Markers");
    case SubjectColumn:
        return tr("Subject");
    case PullRequestColumn:
        return tr("Pull Request");
    case CommitColumn:
        return tr("Commit");
    case AuthorColumn:
        return tr("Author");
    case DateColumn:
        return tr("Date");
    case ColumnCount:
        break;
    }
    return {};
}

bool TimelineModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_loading && m_error.isEmpty() && !atEnd();
}

void TimelineModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    m_started = true;
    using R = std::variant<history::HistoryPage, QString>;
    m_worker
        ->run<R>([history = history::AppHistory(m_app), from = m_next, count = m_pageSize](
                     git::Repository &repository, const git::JobControl &control) -> R {
            return history.page(repository, from, count, control);
        })
        .then(this, [this](const R &page) { finishPage(page); })
        .onCanceled(this, [this] { m_loading = false; });
}

void TimelineModel::finishPage(const std::variant<history::HistoryPage, QString> &result)
{
    Q_ASSERT(thread() == QThread::currentThread());
    m_loading = false;
    if (const auto *message = std::get_if<QString>(&result)) {
        m_error = *message;
        Q_EMIT failed(*message);
        return;
    }
    const history::HistoryPage &page = std::get<history::HistoryPage>(result);
    if (!page.commits.isEmpty()) {
        const int first = int(m_entries.size());
        beginInsertRows({}, first, first + int(page.commits.size()) - 1);
        m_entries += page.commits;
        endInsertRows();
        // Row 0 is HEAD, and markers may name commits that just arrived.
        Q_EMIT dataChanged(index(0, GraphColumn), index(rowCount() - 1, GraphColumn));
    }
    m_next = page.next;
    Q_EMIT pageLoaded();
    if (!m_wanted.isEmpty()) {
        const int row = rowOf(m_wanted);
        if (row >= 0 || atEnd()) {
            const QString wanted = std::exchange(m_wanted, QString());
            Q_EMIT rowLoaded(wanted, row);
        } else {
            fetchMore({});
        }
    }
}

int TimelineModel::rowOf(const QString &commitId) const
{
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == commitId)
            return int(row);
    }
    return -1;
}

void TimelineModel::loadUntil(const QString &commitId)
{
    const int row = rowOf(commitId);
    if (row >= 0 || atEnd() || !m_error.isEmpty()) {
        Q_EMIT rowLoaded(commitId, row);
        return;
    }
    m_wanted = commitId;
    fetchMore({});
}

void TimelineModel::setPullRequests(const QHash<QString, QList<forge::PullRequest>> &pulls)
{
    for (auto it = pulls.cbegin(); it != pulls.cend(); ++it)
        m_pulls.insert(it.key(), it.value());
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, PullRequestColumn), index(rowCount() - 1, PullRequestColumn));
}

void TimelineModel::setLive(const history::LiveCommit &live)
{
    m_live = live;
    m_liveKnown = true;
    m_deployments = live.deploymentsByAppCommit();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, GraphColumn), index(rowCount() - 1, GraphColumn));
}

} // namespace gitops
