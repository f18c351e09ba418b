#pragma once

#include "forge/pullrequest.h"
#include "history/apphistory.h"
#include "history/livecommit.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <memory>

namespace gitops {

namespace git {
class RepositoryWorker;
}

/// One app's commits for the timeline (issue 16, item 3), newest first: pages of
/// history::AppHistory loaded on the repository worker as the view asks for more
/// (canFetchMore()/fetchMore(), which views call while the user scrolls), never on the GUI
/// thread, with the HEAD, live and deploy markers of the last history::LiveCommit it was given.
/// Appends rows with begin/endInsertRows, marks with ranged dataChanged. GUI thread.
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        GraphColumn,
        SubjectColumn,
        PullRequestColumn,
        CommitColumn,
        AuthorColumn,
        DateColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the full commit id
        AuthorRole, ///< the author's name, for the author filter
        SearchRole, ///< subject, id and author, for the text filter
        MarkersRole, ///< Markers flags
        PullRequestUrlRole, ///< the web page of the commit's pull request (QUrl), if any
    };
    enum Marker {
        NoMarker = 0,
        HeadMarker = 1, ///< the desired state: the newest commit
        LiveMarker = 2, ///< live matches this commit exactly
        ClosestMarker = 4, ///< no commit matches; this one differs least
        DeployedMarker = 8, ///< the controller recorded deploying it
    };
    Q_DECLARE_FLAGS(Markers, Marker)

    TimelineModel(std::shared_ptr<git::RepositoryWorker> worker, App app,
                  QObject *parent = nullptr);
    ~TimelineModel() override;

    /// Commits per page (default 50).
    void setPageSize(int count) { m_pageSize = count; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const history::HistoryEntry &entry(int row) const { return m_entries.at(row); }
    /// The row of @p commitId among the loaded commits, -1 if it is not loaded.
    int rowOf(const QString &commitId) const;
    /// Loads pages until @p commitId is loaded or the history ends; then rowLoaded().
    void loadUntil(const QString &commitId);
    bool isLoading() const { return m_loading; }
    bool atEnd() const { return m_next.atEnd() && m_started; }
    QString error() const { return m_error; }

    void setLive(const history::LiveCommit &live);
    /// What the forge says about commits (the pull requests holding or merging each; none:
    /// pushed directly); commits it was not asked about show nothing.
    void setPullRequests(const QHash<QString, QList<forge::PullRequest>> &pulls);
    const history::LiveCommit &live() const { return m_live; }

Q_SIGNALS:
    /// A page was appended (or the history ended).
    void pageLoaded();
    /// loadUntil()'s commit is now at @p row (-1: the history has no such commit).
    void rowLoaded(const QString &commitId, int row);
    void failed(const QString &message);

private:
    Markers markersOf(int row) const;
    void finishPage(const std::variant<history::HistoryPage, QString> &page);

    std::shared_ptr<git::RepositoryWorker> m_worker;
    App m_app;
    QList<history::HistoryEntry> m_entries;
    history::HistoryCursor m_next{QStringLiteral("HEAD"), {}};
    bool m_started = false;
    bool m_loading = false;
    int m_pageSize = 50;
    QString m_error;
    QString m_wanted; ///< loadUntil()'s commit
    history::LiveCommit m_live;
    QHash<QString, history::Deployment> m_deployments;
    bool m_liveKnown = false;
    QHash<QString, QList<forge::PullRequest>> m_pulls;
};

} // namespace gitops

Q_DECLARE_OPERATORS_FOR_FLAGS(gitops::TimelineModel::Markers)
