#pragma once

#include "forge/pullrequest.h"
#include "history/apphistory.h"
#include "history/livecommit.h"

#include <QAbstractItemModel>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace gitops {

namespace git {
class RepositoryWorker;
}

/// One app's commits for the timeline (issue 16, item 3), newest first: pages of
/// history::AppHistory loaded on the repository worker as the view asks for more
/// (canFetchMore()/fetchMore(), which views call while the user scrolls), never on the GUI
/// thread, with the HEAD, live and deploy markers of the last history::LiveCommit it was given.
/// A tree of two levels: the first-parent line at the top, and under a merge the commits it
/// merged that change the app (HistoryPage::merged), newest first, as children of its
/// column 0. Appends rows with begin/endInsertRows, marks with ranged dataChanged. GUI thread.
class TimelineModel : public QAbstractItemModel
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

    /// The history of @p app; nullopt while the workspace's apps are still being read: then
    /// the model has no rows and fetches nothing until setApp().
    TimelineModel(std::shared_ptr<git::RepositoryWorker> worker, std::optional<App> app,
                  QObject *parent = nullptr);
    ~TimelineModel() override;

    /// The app, once known (before any page was asked for).
    void setApp(const App &app);
    bool appKnown() const { return m_app.has_value(); }

    /// Commits per page (default 50).
    void setPageSize(int count) { m_pageSize = count; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// The first-parent line's commit at @p row.
    const history::HistoryEntry &entry(int row) const { return m_entries.at(row); }
    /// The commit at @p index (of this model): on the first-parent line or merged.
    const history::HistoryEntry &entry(const QModelIndex &index) const;
    /// The row of @p commitId on the first-parent line, -1 if it is not loaded there.
    int rowOf(const QString &commitId) const;
    /// Where @p commitId is among the loaded commits, merged ones too (column 0); invalid
    /// when it is not loaded.
    QModelIndex indexOf(const QString &commitId) const;
    /// The commits merge row @p row merged that change the app.
    const QList<history::HistoryEntry> &mergedAt(int row) const { return m_merged.at(row); }
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
    /// loadUntil()'s commit is now at @p row, or merged by the merge at @p row (-1: the
    /// history has no such commit).
    void rowLoaded(const QString &commitId, int row);
    void failed(const QString &message);

private:
    Markers markersOf(const QModelIndex &index) const;
    int rowOrMergeOf(const QString &commitId) const;
    /// dataChanged() of @p column in every loaded row, merged ones too.
    void columnChanged(int column);
    void finishPage(const std::variant<history::HistoryPage, QString> &page);

    std::shared_ptr<git::RepositoryWorker> m_worker;
    std::optional<App> m_app;
    QList<history::HistoryEntry> m_entries;
    QList<QList<history::HistoryEntry>> m_merged; ///< per row of m_entries
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
