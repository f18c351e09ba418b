#include "commitdetailpane.h"

#include "driftdescription.h"
#include "sidebysidediffview.h"

#include "drift/driftreport.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gitops {

namespace {

QTreeWidget *resourceList(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(name);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->header()->setStretchLastSection(true);
    return list;
}

// A note above a list and its side-by-side view, in one tab.
QWidget *diffTab(QLabel *note, QTreeWidget *list, SideBySideDiffView *diff, QWidget *parent)
{
    auto *tab = new QWidget(parent);
    auto *splitter = new QSplitter(Qt::Vertical, tab);
    splitter->addWidget(list);
    splitter->addWidget(diff);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(note);
    layout->addWidget(splitter, 1);
    return tab;
}

QString howText(history::ResourceChange::How how)
{
    switch (how) {
    case history::ResourceChange::How::Changed:
        return CommitDetailPane::tr("changed");
    case history::ResourceChange::How::Added:
        return CommitDetailPane::tr("added");
    case history::ResourceChange::How::Removed:
        return CommitDetailPane::tr("removed");
    }
    return {};
}

QString fileHowText(history::FileChange::How how)
{
    switch (how) {
    case history::FileChange::How::Modified:
        return CommitDetailPane::tr("modified");
    case history::FileChange::How::Added:
        return CommitDetailPane::tr("added");
    case history::FileChange::How::Deleted:
        return CommitDetailPane::tr("deleted");
    }
    return {};
}

} // namespace

CommitDetailPane::CommitDetailPane(QWidget *parent)
    : QTabWidget(parent)
    , m_changeNote(new QLabel(this))
    , m_changes(resourceList({tr("Resource"), tr("Change")}, QStringLiteral("commitChanges"), this))
    , m_changeDiff(new SideBySideDiffView(this))
    , m_rollbackNote(new QLabel(this))
    , m_rollback(resourceList({tr("Resource"), tr("Against live")},
                              QStringLiteral("rollbackPreview"), this))
    , m_rollbackDiff(new SideBySideDiffView(this))
    , m_message(new QPlainTextEdit(this))
    , m_files(resourceList({tr("File"), tr("Change")}, QStringLiteral("commitFiles"), this))
{
    setObjectName(QStringLiteral("commitDetail"));
    m_changeDiff->setObjectName(QStringLiteral("commitChangeDiff"));
    m_rollbackDiff->setObjectName(QStringLiteral("rollbackDiff"));
    m_rollbackNote->setObjectName(QStringLiteral("rollbackNote"));
    m_message->setObjectName(QStringLiteral("commitMessage"));
    m_message->setReadOnly(true);
    m_message->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_message->setMaximumBlockCount(2000);

    addTab(diffTab(m_changeNote, m_changes, m_changeDiff, this), tr("Changes in &Git"));
    addTab(diffTab(m_rollbackNote, m_rollback, m_rollbackDiff, this),
           tr("Rolling &Back Would Change"));
    auto *files = new QSplitter(Qt::Vertical, this);
    files->addWidget(m_message);
    files->addWidget(m_files);
    addTab(files, tr("&Message and Files"));

    connect(m_changes, &QTreeWidget::currentItemChanged, this,
            [this] { showChange(m_changes->indexOfTopLevelItem(m_changes->currentItem())); });
    connect(m_rollback, &QTreeWidget::currentItemChanged, this,
            [this] { showRollback(m_rollback->indexOfTopLevelItem(m_rollback->currentItem())); });
    clear(tr("Select a commit."));
}

void CommitDetailPane::clear(const QString &note)
{
    m_detail = {};
    m_changes->clear();
    m_rollback->clear();
    m_files->clear();
    m_message->clear();
    m_changeNote->setText(note);
    m_rollbackNote->setText(note);
    m_changeDiff->setTexts(QString(), QString());
    m_rollbackDiff->setTexts(QString(), QString());
}

void CommitDetailPane::setLoading(const QString &shortId)
{
    clear(tr("Reading commit %1…").arg(shortId));
}

void CommitDetailPane::setFailed(const QString &message)
{
    clear(tr("The commit could not be read: %1").arg(message));
}

void CommitDetailPane::setDetail(const history::CommitDetail &detail)
{
    clear(QString());
    m_detail = detail;
    const QString id = detail.commit.left(8);

    if (!detail.renderError.isEmpty())
        m_changeNote->setText(tr("The app could not be rendered here: %1").arg(detail.renderError));
    else if (detail.changes.isEmpty())
        m_changeNote->setText(tr("Commit %1 changes no rendered resource of the app (only "
                                 "files, comments or layout).")
                                  .arg(id));
    else
        m_changeNote->setText(detail.changes.size() == 1
                                  ? tr("Commit %1 changes 1 resource of the app:").arg(id)
                                  : tr("Commit %1 changes %2 resources of the app:")
                                        .arg(id)
                                        .arg(detail.changes.size()));
    for (const history::ResourceChange &change : detail.changes)
        new QTreeWidgetItem(m_changes, {change.id.toString(), howText(change.how)});

    if (!detail.liveKnown)
        m_rollbackNote->setText(
            detail.renderError.isEmpty()
                ? tr("Select a cluster context to see what rolling back would change in it.")
                : tr("The app could not be rendered at this commit."));
    else if (detail.rollback.isEmpty())
        m_rollbackNote->setText(tr("What runs is what commit %1 says: rolling back to it "
                                   "changes nothing in the cluster.")
                                    .arg(id));
    else
        m_rollbackNote->setText(
            detail.rollback.size() == 1
                ? tr("Rolling back to %1 would change 1 resource in the cluster (its desired "
                     "state on the left, live on the right):")
                      .arg(id)
                : tr("Rolling back to %1 would change %2 resources in the cluster (its desired "
                     "state on the left, live on the right):")
                      .arg(id)
                      .arg(detail.rollback.size()));
    for (const drift::ResourceDrift &resource : detail.rollback)
        new QTreeWidgetItem(m_rollback,
                            {resource.id.toString(), DriftDescription::verdict(resource)});

    m_message->setPlainText(detail.message);
    for (const history::FileChange &file : detail.files)
        new QTreeWidgetItem(m_files, {file.path, fileHowText(file.how)});
    for (QTreeWidget *list : {m_changes, m_rollback, m_files}) {
        list->resizeColumnToContents(0);
        if (list->topLevelItemCount() > 0)
            list->setCurrentItem(list->topLevelItem(0));
    }
}

void CommitDetailPane::showChange(int index)
{
    if (index < 0 || index >= m_detail.changes.size()) {
        m_changeDiff->setTexts(QString(), QString());
        return;
    }
    const history::ResourceChange &change = m_detail.changes.at(index);
    m_changeDiff->setCaptions(tr("Before %1").arg(m_detail.commit.left(8)),
                              tr("At %1").arg(m_detail.commit.left(8)));
    m_changeDiff->setAbsentSide(
        change.how == history::ResourceChange::How::Added         ? SideBySideDiffView::Side::Left
            : change.how == history::ResourceChange::How::Removed ? SideBySideDiffView::Side::Right
                                                                  : SideBySideDiffView::Side::None);
    m_changeDiff->setTexts(change.before, change.after);
}

void CommitDetailPane::showRollback(int index)
{
    if (index < 0 || index >= m_detail.rollback.size()) {
        m_rollbackDiff->setTexts(QString(), QString());
        return;
    }
    const drift::ResourceDrift &resource = m_detail.rollback.at(index);
    m_rollbackDiff->setCaptions(
        tr("At %1 (desired after the rollback)").arg(m_detail.commit.left(8)), tr("Live"));
    m_rollbackDiff->setAbsentSide(
        resource.status == drift::SyncStatus::Missing          ? SideBySideDiffView::Side::Right
            : resource.status == drift::SyncStatus::Extraneous ? SideBySideDiffView::Side::Left
                                                               : SideBySideDiffView::Side::None);
    m_rollbackDiff->setTexts(drift::DriftReport::desiredYaml(resource),
                             drift::DriftReport::liveYaml(resource));
}

} // namespace gitops
