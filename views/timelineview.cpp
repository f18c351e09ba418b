#include "timelineview.h"

#include "changerequests.h"
#include "changereviewdialog.h"
#include "commitdetailpane.h"
#include "pendingchange.h"
#include "timelinedelegate.h"
#include "timelinemodel.h"

#include "change/changesubmission.h"
#include "forge/commitpullrequests.h"
#include "git/commitbuilder.h"
#include "git/repositoryworker.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacesession.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QThread>
#include <QTreeView>
#include <QVBoxLayout>

namespace gitops {

namespace {

// How many of the app's commits are compared with live (as `gitops-console history`).
constexpr int Candidates = 200;

} // namespace

TimelineView::TimelineView(WorkspaceDocument *document, ChangeRequests *changes,
                           const QString &appName, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_document(document)
    , m_changes(changes)
    , m_authorProxy(new QSortFilterProxyModel(this))
    , m_textProxy(new QSortFilterProxyModel(this))
    , m_list(new QTreeView(this))
    , m_textFilter(new QLineEdit(this))
    , m_authorFilter(new QComboBox(this))
    , m_liveStatus(new QLabel(this))
    , m_liveProgress(new QProgressBar(this))
    , m_detail(new CommitDetailPane(this))
    , m_rollbackButton(new QPushButton(tr("&Roll Back to This Commit…"), this))
    , m_revertButton(new QPushButton(tr("Re&vert This Commit…"), this))
    , m_liveAction(new QAction(tr("Go to &Live Commit"), this))
    , m_headAction(new QAction(tr("Go to &HEAD"), this))
    , m_reader(std::make_shared<std::unique_ptr<history::AppStateReader>>())
    , m_forgeStatus(new QLabel(this))
    , m_pulls(new forge::CommitPullRequests(this))
{
    setObjectName(QStringLiteral("timeline"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_app.name = appName;
    setWindowTitle(tr("History of %1").arg(appName));
    resize(1200, 860);

    // Opened while the workspace's apps are still being read (right after the window shows
    // it), the app's folders are not known yet: the history starts once they are (start()).
    m_model = new TimelineModel(document->repository(), std::nullopt, this);
    m_authorProxy->setSourceModel(m_model);
    m_authorProxy->setFilterRole(TimelineModel::AuthorRole);
    m_textProxy->setSourceModel(m_authorProxy);
    m_textProxy->setFilterRole(TimelineModel::SearchRole);
    m_textProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    // A merged commit that matches keeps its merge shown.
    m_authorProxy->setRecursiveFilteringEnabled(true);
    m_textProxy->setRecursiveFilteringEnabled(true);

    m_list->setObjectName(QStringLiteral("timelineList"));
    m_list->setModel(m_textProxy);
    // A merge's merged commits fold under it (Right unfolds, Left folds); the fold's arrow
    // is in the subject column, so the markers' line runs on unbroken.
    m_list->setRootIsDecorated(true);
    m_list->setItemsExpandable(true);
    m_list->setTreePosition(TimelineModel::SubjectColumn);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    // Shift/Ctrl select a range of commits to revert together; the current one is "this".
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setItemDelegateForColumn(TimelineModel::GraphColumn, new TimelineDelegate(this));
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(TimelineModel::SubjectColumn, QHeaderView::Stretch);
    m_list->setColumnWidth(TimelineModel::GraphColumn, 130);
    m_list->setColumnWidth(TimelineModel::CommitColumn, 90);
    m_list->setColumnWidth(TimelineModel::PullRequestColumn, 200);
    m_list->setColumnWidth(TimelineModel::AuthorColumn, 120);
    m_list->setColumnWidth(TimelineModel::DateColumn, 110);

    m_textFilter->setObjectName(QStringLiteral("timelineFilter"));
    m_textFilter->setPlaceholderText(tr("Filter by subject, commit id or author"));
    m_textFilter->setClearButtonEnabled(true);
    m_authorFilter->setObjectName(QStringLiteral("timelineAuthor"));
    m_authorFilter->addItem(tr("All authors"));
    m_authorFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_liveStatus->setObjectName(QStringLiteral("liveStatus"));
    m_liveStatus->setWordWrap(true);
    m_liveProgress->setMaximumWidth(160);
    m_liveProgress->hide();
    m_rollbackButton->setObjectName(QStringLiteral("rollbackButton"));
    m_rollbackButton->setEnabled(false);
    m_rollbackButton->setToolTip(tr("Restore the app's files to what they are at the selected "
                                    "commit, on top of the target branch, and review it as a "
                                    "pull request"));
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_revertButton->setEnabled(false);
    m_revertButton->setToolTip(tr("Undo only what the selected commit changed, as a real revert "
                                  "on top of the target branch, and review it as a pull "
                                  "request; for a revert that conflicts, its files are named "
                                  "and you choose: a draft pull request or nothing"));

    auto *filters = new QHBoxLayout;
    auto *filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_textFilter);
    filters->addWidget(filterLabel);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_authorFilter);
    auto *live = new QHBoxLayout;
    live->addWidget(m_liveStatus, 1);
    live->addWidget(m_liveProgress);
    m_forgeStatus->setObjectName(QStringLiteral("forgeStatus"));
    m_forgeStatus->setWordWrap(true);
    live->addWidget(m_forgeStatus, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_rollbackButton);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(live);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    // Keyboard: arrows, Page Up/Down, Home/End move in the list; these jump and filter.
    m_liveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_liveAction->setEnabled(false);
    m_headAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    auto *findAction = new QAction(tr("&Find"), this);
    findAction->setShortcut(QKeySequence::Find);
    for (QAction *action : {m_liveAction, m_headAction, findAction}) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    connect(findAction, &QAction::triggered, this, [this] {
        m_textFilter->setFocus();
        m_textFilter->selectAll();
    });
    connect(m_liveAction, &QAction::triggered, this,
            [this] { selectCommit(m_model->live().commit); });
    connect(m_headAction, &QAction::triggered, this, [this] {
        if (m_model->rowCount() > 0)
            selectCommit(m_model->entry(0).id);
    });
    connect(m_rollbackButton, &QPushButton::clicked, this, &TimelineView::rollBack);
    connect(m_revertButton, &QPushButton::clicked, this, &TimelineView::revert);

    connect(m_textFilter, &QLineEdit::textChanged, this, &TimelineView::applyFilters);
    connect(m_authorFilter, &QComboBox::currentIndexChanged, this, &TimelineView::applyFilters);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TimelineView::selectionChanged);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TimelineView::updateButtons);
    // A pull request's link opens in the browser.
    connect(m_list, &QAbstractItemView::doubleClicked, this, [](const QModelIndex &index) {
        const QUrl url = index.data(TimelineModel::PullRequestUrlRole).toUrl();
        if (index.column() == TimelineModel::PullRequestColumn && url.isValid())
            QDesktopServices::openUrl(url);
    });
    connect(m_pulls, &forge::CommitPullRequests::answered, this,
            [this](const QString &commit, const QList<forge::PullRequest> &pulls) {
                m_model->setPullRequests({{commit, pulls}});
            });
    connect(m_pulls, &forge::CommitPullRequests::idle, this, [this](const QString &note) {
        if (!m_pulls->problem().isEmpty())
            m_forgeStatus->setText(tr("Pull requests unknown: %1").arg(note));
        else if (!note.isEmpty())
            m_forgeStatus->setText(tr("Some pull requests are unknown: %1").arg(note));
        else
            m_forgeStatus->clear();
        Q_EMIT pullRequestsKnown();
    });
    connect(m_model, &TimelineModel::pageLoaded, this, [this] {
        fillAuthors();
        askForge();
        if (!m_list->currentIndex().isValid() && m_textProxy->rowCount() > 0)
            m_list->selectionModel()->setCurrentIndex(
                m_textProxy->index(0, TimelineModel::SubjectColumn),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    });
    connect(m_model, &TimelineModel::failed, this, [this](const QString &message) {
        m_liveStatus->setText(tr("The history could not be read: %1").arg(message));
    });
    connect(m_model, &TimelineModel::rowLoaded, this, [this](const QString &commit, int row) {
        if (commit != m_wanted)
            return;
        m_wanted.clear();
        const QModelIndex source = m_model->indexOf(commit);
        const QModelIndex index = m_textProxy->mapFromSource(m_authorProxy->mapFromSource(
            source.isValid() ? source.siblingAtColumn(TimelineModel::SubjectColumn) : source));
        if (row >= 0 && index.isValid()) {
            if (index.parent().isValid())
                m_list->expand(index.parent()); // a merged commit: its merge unfolds
            // That commit alone, whatever keys are held (a range is the user's own).
            m_list->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_list->scrollTo(index);
        }
    });

    connect(&m_liveWatcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        m_liveProgress->setRange(0, m_liveWatcher.progressMaximum());
        m_liveProgress->setValue(value);
    });
    connect(&m_liveWatcher, &QFutureWatcherBase::finished, this, [this] {
        Q_ASSERT(thread() == QThread::currentThread());
        m_liveProgress->hide();
        if (m_liveWatcher.isCanceled() || m_liveWatcher.future().resultCount() == 0) {
            m_liveStatus->setText(tr("The search for the live commit was stopped."));
            Q_EMIT liveFound();
            return;
        }
        showLive(m_liveWatcher.result());
    });

    connect(document->session(), &WorkspaceSession::snapshotChanged, this, [this] {
        if (!m_model->appKnown()) {
            if (m_document->session()->desired())
                start();
            return;
        }
        if (m_waitingForLive && m_document->session()->liveSynced()) {
            m_waitingForLive = false;
            findLive();
        }
    });
    if (document->session()->desired())
        start();
    else
        m_liveStatus->setText(tr("Reading the workspace's apps…"));
}

void TimelineView::start()
{
    const AppDesiredState *desired = m_document->session()->desiredApp(m_app.name);
    if (desired) {
        const QString name = m_app.name;
        m_app = desired->app;
        m_app.name = name;
    }
    m_model->setApp(m_app);
    if (!desired) {
        m_liveStatus->setText(
            tr("The workspace has no app %1 at the revision shown.").arg(m_app.name));
        return;
    }
    m_model->fetchMore({});
    findLive();
}

TimelineView::~TimelineView()
{
    m_liveWatcher.cancel();
}

QString TimelineView::selectedCommit() const
{
    return m_list->currentIndex().data(TimelineModel::IdRole).toString();
}

void TimelineView::selectCommit(const QString &commitId)
{
    if (commitId.isEmpty())
        return;
    m_wanted = commitId;
    m_model->loadUntil(commitId);
}

void TimelineView::findLive()
{
    WorkspaceSession *session = m_document->session();
    if (session->context().isEmpty() || !session->clusterError().isEmpty()) {
        m_waitingForLive = true; // a context chosen, or the cluster reachable, later
        m_liveStatus->setText(session->context().isEmpty()
                                  ? tr("No cluster context is selected: which commit runs is not "
                                       "known.")
                                  : tr("The cluster cannot be read (%1): which commit runs is not "
                                       "known.")
                                        .arg(session->clusterError()));
        Q_EMIT liveFound();
        return;
    }
    if (!session->liveSynced()) {
        // Asked again once the cluster's objects are all listed (snapshotChanged).
        m_liveStatus->setText(tr("Waiting for the cluster's objects…"));
        m_waitingForLive = true;
        return;
    }
    m_evidence = history::LiveEvidence::of(*session);
    history::LiveCommitQuestion question;
    question.app = m_app;
    question.limit = Candidates;
    question.evidence = *m_evidence;
    m_liveStatus->setText(tr("Finding the commit the cluster runs, by content…"));
    m_liveProgress->setRange(0, 0);
    m_liveProgress->show();
    m_liveWatcher.setFuture(history::findLiveCommit(*m_document->repository(), question));
}

void TimelineView::showLive(const std::variant<history::LiveCommit, QString> &result)
{
    if (const auto *message = std::get_if<QString>(&result)) {
        m_liveStatus->setText(tr("The live commit could not be found: %1").arg(*message));
        Q_EMIT liveFound();
        return;
    }
    const history::LiveCommit &live = std::get<history::LiveCommit>(result);
    m_model->setLive(live);
    const QString id = live.commit.left(8);
    QString text;
    switch (live.match) {
    case history::LiveMatch::Exact:
        text = tr("Live: the cluster runs exactly commit %1.").arg(id);
        break;
    case history::LiveMatch::Closest:
        text = live.differences == 1
            ? tr("Live: no commit matches exactly; closest is %1 (1 field differs).").arg(id)
            : tr("Live: no commit matches exactly; closest is %1 (%2 fields differ).")
                  .arg(id)
                  .arg(live.differences);
        break;
    case history::LiveMatch::None:
        text = live.resources.isEmpty()
            ? tr("Live: the cluster has none of the app's objects.")
            : tr("Live: none of the app's last %1 commits compared matches what runs.")
                  .arg(live.commits.size());
        break;
    }
    if (!live.disagreement.isEmpty())
        text += u' ' + tr("The controller disagrees: %1").arg(live.disagreement);
    m_liveStatus->setText(text);
    m_liveStatus->setToolTip(live.problems.join(u'\n'));
    m_liveAction->setEnabled(!live.commit.isEmpty());
    Q_EMIT liveFound();
}

void TimelineView::fillAuthors()
{
    QStringList authors;
    const auto add = [&authors](const history::HistoryEntry &entry) {
        if (!authors.contains(entry.authorName))
            authors << entry.authorName;
    };
    for (int row = 0; row < m_model->rowCount(); ++row) {
        add(m_model->entry(row));
        for (const history::HistoryEntry &merged : m_model->mergedAt(row))
            add(merged);
    }
    authors.sort(Qt::CaseInsensitive);
    for (const QString &author : std::as_const(authors)) {
        if (m_authorFilter->findText(author, Qt::MatchExactly) < 0)
            m_authorFilter->addItem(author, author);
    }
}

void TimelineView::applyFilters()
{
    const QString author = m_authorFilter->currentData().toString();
    m_authorProxy->setFilterRegularExpression(
        author.isEmpty() ? QRegularExpression()
                         : QRegularExpression(QRegularExpression::anchoredPattern(
                             QRegularExpression::escape(author))));
    m_textProxy->setFilterFixedString(m_textFilter->text().trimmed());
    // A filter that hides everything loaded asks for older pages.
    if (m_textProxy->rowCount() == 0 && m_model->canFetchMore({}))
        m_model->fetchMore({});
}

void TimelineView::selectionChanged()
{
    const QModelIndex current = m_list->currentIndex();
    const QModelIndex source = m_authorProxy->mapToSource(m_textProxy->mapToSource(current));
    updateButtons();
    if (!source.isValid()) {
        m_shownCommit.clear();
        return;
    }
    const history::HistoryEntry entry = m_model->entry(source);
    if (entry.id == m_shownCommit)
        return;
    m_shownCommit = entry.id;
    m_detailCommit.clear();
    m_detail->setLoading(entry.id.left(8));
    WorkspaceSession *session = m_document->session();
    if (session->liveSynced() && !session->context().isEmpty() && session->clusterError().isEmpty())
        m_evidence = history::LiveEvidence::of(*session);
    using R = std::variant<history::CommitDetail, QString>;
    m_document->repository()
        ->run<R>([reader = m_reader, app = m_app, entry, evidence = m_evidence](
                     git::Repository &repository, const git::JobControl &) -> R {
            if (!*reader)
                *reader = std::make_unique<history::AppStateReader>(repository, app);
            return history::commitDetail(repository, **reader, app, entry, evidence);
        })
        .then(this, [this, id = entry.id](const R &result) {
            if (id != m_shownCommit)
                return; // the user moved on meanwhile
            if (const auto *message = std::get_if<QString>(&result))
                m_detail->setFailed(*message);
            else
                m_detail->setDetail(std::get<history::CommitDetail>(result));
            m_detailCommit = id;
            Q_EMIT detailShown(id);
        });
}

void TimelineView::setTokenSource(const QProcessEnvironment &environment, bool useKeychain)
{
    m_pulls->setTokenSource(environment, useKeychain);
}

void TimelineView::askForge()
{
    QStringList commits;
    for (; m_pullsAsked < m_model->rowCount(); ++m_pullsAsked)
        commits << m_model->entry(m_pullsAsked).id;
    if (commits.isEmpty())
        return;
    if (!m_remoteUrl.isEmpty()) {
        m_pulls->ask(m_remoteUrl, commits);
        return;
    }
    m_forgeStatus->setText(tr("Asking the forge for pull requests…"));
    m_waitingCommits += commits;
    if (m_waitingCommits.size() > commits.size())
        return; // the remote is being read
    // The forge of the remote changes are submitted to.
    using R = std::variant<QStringList, QString>;
    m_document->repository()
        ->run<R>([](git::Repository &repository, const git::JobControl &) -> R {
            return repository.remoteUrls();
        })
        .then(this, [this](const R &urls) {
            const QStringList remotes = std::holds_alternative<QStringList>(urls)
                ? std::get<QStringList>(urls)
                : QStringList();
            if (remotes.isEmpty()) {
                m_noRemote = true;
                m_forgeStatus->setText(tr("Pull requests unknown: the repository has no remote."));
                Q_EMIT pullRequestsKnown();
                return;
            }
            m_remoteUrl = remotes.constFirst();
            m_pulls->ask(m_remoteUrl, std::exchange(m_waitingCommits, {}));
        });
}

QStringList TimelineView::selectedCommits() const
{
    // Newest first: the first-parent line's order, a merge's merged commits after it.
    QList<std::pair<std::pair<int, int>, QString>> rows;
    for (const QModelIndex &index : m_list->selectionModel()->selectedRows()) {
        const QModelIndex source = m_authorProxy->mapToSource(m_textProxy->mapToSource(index));
        if (!source.isValid())
            continue;
        const std::pair<int, int> key = source.parent().isValid()
            ? std::pair{source.parent().row(), source.row() + 1}
            : std::pair{source.row(), 0};
        rows.append({key, m_model->entry(source).id});
    }
    std::sort(rows.begin(), rows.end());
    QStringList commits;
    for (const auto &row : std::as_const(rows))
        commits << row.second;
    if (commits.isEmpty() && !selectedCommit().isEmpty())
        commits << selectedCommit();
    return commits;
}

void TimelineView::updateButtons()
{
    const QModelIndex source =
        m_authorProxy->mapToSource(m_textProxy->mapToSource(m_list->currentIndex()));
    // Rolling back to HEAD changes nothing; reverting the first commit has nothing before it.
    m_rollbackButton->setEnabled(source.isValid() && (source.parent().isValid() || source.row() > 0)
                                 && !m_planning);
    const QStringList commits = selectedCommits();
    const bool revertible =
        std::all_of(commits.cbegin(), commits.cend(), [this](const QString &id) {
            const QModelIndex index = m_model->indexOf(id);
            return index.isValid() && !m_model->entry(index).parentIds.isEmpty();
        });
    m_revertButton->setEnabled(!commits.isEmpty() && revertible && !m_planning);
    m_revertButton->setText(commits.size() > 1
                                ? tr("Re&vert the %1 Selected Commits…").arg(commits.size())
                                : tr("Re&vert This Commit…"));
}

void TimelineView::refuse(const QString &message)
{
    m_planning = false;
    updateButtons();
    m_liveStatus->setText(message);
    Q_EMIT rollbackRefused(message);
}

void TimelineView::rollBack()
{
    propose(false);
}

void TimelineView::revert()
{
    propose(true);
}

void TimelineView::propose(bool revert)
{
    const QString commit = selectedCommit();
    if (commit.isEmpty() || m_planning)
        return;
    if (!m_changes->pending()->isEmpty()) {
        refuse(tr("A change is pending already: submit or discard it before rolling back."));
        return;
    }
    m_planning = true;
    m_rollbackButton->setEnabled(false);
    m_revertButton->setEnabled(false);
    m_liveStatus->setText(revert ? tr("Planning the revert of %1…").arg(commit.left(8))
                                 : tr("Planning the rollback to %1…").arg(commit.left(8)));
    const std::shared_ptr<git::RepositoryWorker> worker = m_document->repository();
    // The change goes on the target branch as the remote has it now.
    change::fetchTarget(*worker, QStringLiteral("origin"),
                        change::targetBranchOf(m_app.targetRevision))
        .then(this,
              [this, worker, commit, commits = selectedCommits(),
               revert](const std::variant<change::FetchedTarget, git::RemoteError> &fetched) {
                  if (const auto *error = std::get_if<git::RemoteError>(&fetched)) {
                      refuse(tr("The target branch could not be fetched: %1").arg(error->message));
                      return;
                  }
                  const change::FetchedTarget target = std::get<change::FetchedTarget>(fetched);
                  if (revert)
                      planRevert(target, commits);
                  else
                      planRollback(target, commit);
              })
        .onCanceled(this, [this] { refuse(tr("The rollback was cancelled.")); });
}

void TimelineView::planRollback(const change::FetchedTarget &target, const QString &commit)
{
    using Planned = std::pair<history::RollbackPlan, QList<history::RollbackFile>>;
    using R = std::variant<Planned, QString>;
    m_document->repository()
        ->run<R>([app = m_app, commit, tip = target.tip](git::Repository &repository,
                                                         const git::JobControl &control) -> R {
            auto plan = history::planRollback(repository, app, commit, tip, control);
            if (const auto *message = std::get_if<QString>(&plan))
                return *message;
            auto files = history::rollbackFiles(repository, std::get<history::RollbackPlan>(plan));
            if (const auto *message = std::get_if<QString>(&files))
                return *message;
            return Planned{std::get<history::RollbackPlan>(plan),
                           std::get<QList<history::RollbackFile>>(files)};
        })
        .then(this,
              [this, target](const R &result) {
                  if (const auto *message = std::get_if<QString>(&result)) {
                      refuse(tr("The rollback could not be planned: %1").arg(*message));
                      return;
                  }
                  const auto &[plan, files] = std::get<Planned>(result);
                  if (plan.isEmpty()) {
                      refuse(tr("Nothing to roll back: the app's files on %1 are already what "
                                "they are at %2.")
                                 .arg(target.branch, plan.revision.left(8)));
                      return;
                  }
                  const QString description = history::rollbackDescription(
                      m_app.name, plan, target.branch, {},
                      history::mergeEffect(m_app, m_document->session()->liveObjects()));
                  handOver(files, plan.tip, plan.revision,
                           tr("Roll back %1 to %2 (%3)")
                               .arg(m_app.name, plan.revision.left(8), plan.subject),
                           description);
              })
        .onCanceled(this, [this] { refuse(tr("The rollback was cancelled.")); });
}

void TimelineView::planRevert(const change::FetchedTarget &target, const QStringList &commits,
                              bool leaveConflicts)
{
    using R = std::variant<git::PartialRevert, git::CommitError>;
    m_document->repository()
        ->run<R>([commits, tip = target.tip, leaveConflicts](git::Repository &repository,
                                                             const git::JobControl &) -> R {
            git::RevertRequest request;
            request.base = tip;
            request.commits = commits; // newest first: each applies to what the later left
            git::CommitBuilder builder(repository);
            if (leaveConflicts)
                return builder.revertLeavingConflicts(request);
            auto files = builder.revertedFiles(request);
            if (auto *error = std::get_if<git::CommitError>(&files))
                return std::move(*error);
            return git::PartialRevert{std::get<QList<git::RevertedFile>>(std::move(files)), {}};
        })
        .then(this,
              [this, target, commits](const R &result) {
                  QStringList shortIds;
                  QStringList lines;
                  for (const QString &commit : commits) {
                      const QModelIndex index = m_model->indexOf(commit);
                      shortIds << commit.left(8);
                      lines << QStringLiteral("%1 %2").arg(
                          commit, index.isValid() ? m_model->entry(index).subject : QString());
                  }
                  const QString commit = shortIds.join(QStringLiteral(", "));
                  if (const auto *error = std::get_if<git::CommitError>(&result)) {
                      if (error->conflicts.isEmpty())
                          refuse(tr("The revert could not be made: %1").arg(error->message));
                      else
                          askAboutConflicts(target, commits, error->conflicts);
                      return;
                  }
                  const git::PartialRevert &reverted = std::get<git::PartialRevert>(result);
                  QList<history::RollbackFile> files;
                  for (const git::RevertedFile &file : reverted.files)
                      files << history::RollbackFile{file.path, file.before, file.after,
                                                     file.removed};
                  QStringList conflicts;
                  for (const git::FileConflict &conflict : reverted.conflicts)
                      conflicts << QStringLiteral("%1 (%2)").arg(conflict.path, conflict.reason);
                  if (files.isEmpty()) {
                      refuse(conflicts.isEmpty()
                                 ? tr("Nothing to revert: %1 at %2 already lacks what %3 "
                                      "changed.")
                                       .arg(target.branch, target.tip.left(8), commit)
                                 : tr("Nothing of the revert of %1 applies cleanly: every file "
                                      "it changes conflicts (%2). Roll back to a commit "
                                      "instead.")
                                       .arg(commit, conflicts.join(QStringLiteral(", "))));
                      return;
                  }
                  const QString description = history::revertDescription(
                      m_app.name, lines, target.branch, target.tip, conflicts,
                      history::mergeEffect(m_app, m_document->session()->liveObjects()));
                  const QModelIndex first = m_model->indexOf(commits.constFirst());
                  const QString title = commits.size() == 1
                      ? tr("Revert \"%1\"")
                            .arg(first.isValid() ? m_model->entry(first).subject : commit)
                      : tr("Revert %1 commits of %2").arg(commits.size()).arg(m_app.name);
                  handOver(files, target.tip, commits.constFirst(), title, description);
                  // Conflicts to resolve by hand: a draft until someone has.
                  if (!conflicts.isEmpty() && m_changes->review())
                      m_changes->review()->draftToggle()->setChecked(true);
              })
        .onCanceled(this, [this] { refuse(tr("The revert was cancelled.")); });
}

void TimelineView::askAboutConflicts(const change::FetchedTarget &target,
                                     const QStringList &commits,
                                     const QList<git::FileConflict> &conflicts)
{
    QStringList files;
    for (const git::FileConflict &conflict : conflicts) {
        const QString file = tr("%1 (%2)").arg(conflict.path, conflict.reason);
        if (!files.contains(file))
            files << file;
    }
    QStringList shortIds;
    for (const QString &commit : commits)
        shortIds << commit.left(8);
    const QString commit = shortIds.join(QStringLiteral(", "));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("The Revert Conflicts"),
                                tr("The revert of %1 conflicts with later changes on %2 in:\n\n%3")
                                    .arg(commit, target.branch, files.join(u'\n')),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("revertConflicts"));
    box->setInformativeText(
        tr("Open a draft pull request with the rest of the revert: these files stay as %1 has "
           "them (no conflict markers) and the pull request lists them, to be resolved by hand "
           "before it is merged. Or cancel, and nothing is proposed.")
            .arg(target.branch));
    QPushButton *draft = box->addButton(tr("Open &Draft Pull Request"), QMessageBox::AcceptRole);
    draft->setObjectName(QStringLiteral("openDraft"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_conflicts = box;
    connect(box, &QDialog::finished, this, [this, box, draft, target, commits, commit, files] {
        if (box->clickedButton() == draft) {
            m_liveStatus->setText(tr("Planning the revert of %1, its conflicts left to resolve "
                                     "by hand…")
                                      .arg(commit));
            planRevert(target, commits, true);
            return;
        }
        refuse(tr("The revert of %1 conflicts with later changes in %2; it was not proposed.")
                   .arg(commit, files.join(QStringLiteral(", "))));
    });
    box->open();
}

void TimelineView::handOver(const QList<history::RollbackFile> &files, const QString &tip,
                            const QString &revision, const QString &title,
                            const QString &description)
{
    m_planning = false;
    updateButtons();
    m_liveStatus->setText(tr("%1: in the review.").arg(title));
    m_changes->proposeFiles(m_app.name, files, tip, revision, title, description);
    Q_EMIT rollbackProposed();
}

} // namespace gitops
