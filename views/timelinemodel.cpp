#include "timelinemodel.h"

#include "driftpresentationmodel.h"

#include "git/repositoryworker.h"

#include <QColor>
#include <QLocale>
#include <QThread>

namespace gitops {

TimelineModel::TimelineModel(std::shared_ptr<git::RepositoryWorker> worker, std::optional<App> app,
                             QObject *parent)
    : QAbstractItemModel(parent)
    , m_worker(std::move(worker))
    , m_app(std::move(app))
{ }

void TimelineModel::setApp(const App &app)
{
    Q_ASSERT(!m_started);
    m_app = app;
}

TimelineModel::~TimelineModel() = default;

// An index's internal id: 0 on the first-parent line, 1 + the merge's row for a commit it
// merged.
QModelIndex TimelineModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_entries.size() ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.column() != 0
        || row >= m_merged.value(parent.row()).size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex TimelineModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_merged.value(parent.row()).size());
}

int TimelineModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const history::HistoryEntry &TimelineModel::entry(const QModelIndex &index) const
{
    Q_ASSERT(index.isValid() && index.model() == this);
    if (index.internalId() == 0)
        return m_entries.at(index.row());
    return m_merged.at(qsizetype(index.internalId() - 1)).at(index.row());
}

TimelineModel::Markers TimelineModel::markersOf(const QModelIndex &index) const
{
    const history::HistoryEntry &entry = this->entry(index);
    Markers markers;
    if (index.row() == 0 && !index.parent().isValid())
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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const history::HistoryEntry &entry = this->entry(index);
    switch (role) {
    case IdRole:
        return entry.id;
    case AuthorRole:
        return entry.authorName;
    case SearchRole:
        return QStringList{entry.subject, entry.id, entry.authorName, entry.authorEmail}.join(
            u'\n');
    case MarkersRole:
        return int(markersOf(index));
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
            const Markers markers = markersOf(index);
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
            if (entry.mergedParentCount == 0)
                return entry.subject;
            if (index.parent().isValid() || m_merged.at(index.row()).isEmpty())
                return tr("%1 (a merge)").arg(entry.subject);
            return m_merged.at(index.row()).size() == 1
                ? tr("%1 (a merge of 1 commit of the app)").arg(entry.subject)
                : tr("%1 (a merge of %2 commits of the app)")
                      .arg(entry.subject)
                      .arg(m_merged.at(index.row()).size());
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
            const Markers markers = markersOf(index);
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
    return !parent.isValid() && m_app && !m_loading && m_error.isEmpty() && !atEnd();
}

void TimelineModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    m_started = true;
    using R = std::variant<history::HistoryPage, QString>;
    m_worker
        ->run<R>([app = *m_app, from = m_next, count = m_pageSize](
                     git::Repository &repository, const git::JobControl &control) -> R {
            history::AppHistory history(app);
            history.setMergedCommits(true);
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
        for (const history::HistoryEntry &entry : page.commits)
            m_merged << page.merged.value(entry.id);
        endInsertRows();
        // Row 0 is HEAD, and markers may name commits that just arrived.
        columnChanged(GraphColumn);
    }
    m_next = page.next;
    Q_EMIT pageLoaded();
    if (!m_wanted.isEmpty()) {
        const int row = rowOrMergeOf(m_wanted);
        if (row >= 0 || atEnd()) {
            const QString wanted = std::exchange(m_wanted, QString());
            Q_EMIT rowLoaded(wanted, row);
        } else {
            fetchMore({});
        }
    }
}

void TimelineModel::columnChanged(int column)
{
    if (m_entries.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, column), index(rowCount() - 1, column));
    for (qsizetype row = 0; row < m_merged.size(); ++row) {
        if (const qsizetype count = m_merged.at(row).size(); count > 0) {
            const QModelIndex merge = index(int(row), 0);
            Q_EMIT dataChanged(index(0, column, merge), index(int(count) - 1, column, merge));
        }
    }
}

QModelIndex TimelineModel::indexOf(const QString &commitId) const
{
    if (const int row = rowOf(commitId); row >= 0)
        return index(row, 0);
    for (qsizetype row = 0; row < m_merged.size(); ++row) {
        const QList<history::HistoryEntry> &merged = m_merged.at(row);
        for (qsizetype child = 0; child < merged.size(); ++child) {
            if (merged.at(child).id == commitId)
                return index(int(child), 0, index(int(row), 0));
        }
    }
    return {};
}

int TimelineModel::rowOf(const QString &commitId) const
{
    for (qsizetype row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id == commitId)
            return int(row);
    }
    return -1;
}

int TimelineModel::rowOrMergeOf(const QString &commitId) const
{
    const QModelIndex index = indexOf(commitId);
    return !index.isValid() ? -1 : index.parent().isValid() ? index.parent().row() : index.row();
}

void TimelineModel::loadUntil(const QString &commitId)
{
    const int row = rowOrMergeOf(commitId);
    if (row >= 0 || atEnd() || !m_error.isEmpty() || !m_app) {
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
    columnChanged(PullRequestColumn);
}

void TimelineModel::setLive(const history::LiveCommit &live)
{
    m_live = live;
    m_liveKnown = true;
    m_deployments = live.deploymentsByAppCommit();
    columnChanged(GraphColumn);
}

} // namespace gitops
