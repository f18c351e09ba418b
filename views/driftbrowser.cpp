#include "driftbrowser.h"

#include "driftpresentationmodel.h"
#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"
#include "sidebysidediffview.h"

#include "drift/driftreport.h"
#include "drift/yamlwriter.h"

#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTabWidget>
#include <QTime>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gitops {

namespace {

enum DifferenceColumn { PathColumn, DesiredColumn, LiveColumn, WriterColumn };

QString valueText(const QJsonValue &value)
{
    if (value.isUndefined())
        return QString();
    if (value.isObject() || value.isArray())
        return QString::fromUtf8(
            value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return drift::YamlWriter::scalar(value);
}

// The last field name of a structured-merge-diff path, to find its line in the YAML.
QString leafKey(const QString &path)
{
    QString leaf = path.section(u'.', -1);
    const qsizetype bracket = leaf.indexOf(u'[');
    if (bracket == 0 && leaf.startsWith(QStringLiteral("[\"")))
        return leaf.mid(2, leaf.size() - 4) + u':';
    if (bracket > 0)
        leaf.truncate(bracket);
    return leaf + u':';
}

} // namespace

DriftBrowser::DriftBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new DriftTreeModel(this))
    , m_filter(new DriftFilterModel(this))
    , m_presentation(new DriftPresentationModel(this))
    , m_filterText(new QLineEdit(this))
    , m_tree(new QTreeView(this))
    , m_diff(new SideBySideDiffView(this))
    , m_wholeLive(new QCheckBox(tr("Whole live object"), this))
    , m_exact(new QCheckBox(tr("Exact (server dry-run)"), this))
    , m_exactState(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_differences(new QTreeWidget(this))
    , m_details(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_filter->setSourceModel(m_model);
    m_presentation->setSourceModel(m_filter);

    m_filterText->setPlaceholderText(tr("Filter by name, kind, namespace or label (Ctrl+F)"));
    m_filterText->setClearButtonEnabled(true);
    connect(m_filterText, &QLineEdit::textChanged, m_filter, &DriftFilterModel::setText);

    auto *filterBar = new QHBoxLayout;
    filterBar->addWidget(m_filterText, 1);
    using Status = DriftFilterModel::Status;
    const std::pair<Status, QString> statuses[] = {{Status::OutOfSync, tr("OutOfSync")},
                                                   {Status::Missing, tr("Missing")},
                                                   {Status::Extraneous, tr("Extraneous")},
                                                   {Status::Degraded, tr("Degraded")},
                                                   {Status::Progressing, tr("Progressing")}};
    for (const auto &[status, label] : statuses) {
        auto *button = new QToolButton(this);
        button->setText(label);
        button->setCheckable(true);
        button->setProperty("status", int(status));
        button->setToolTip(tr("Show only resources that are %1").arg(label));
        connect(button, &QToolButton::toggled, this, &DriftBrowser::updateStatusFilter);
        filterBar->addWidget(button);
        m_statusButtons << button;
    }

    m_tree->setModel(m_presentation);
    m_tree->setObjectName(QStringLiteral("resourceTree"));
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(DriftTreeModel::NameColumn, Qt::AscendingOrder);
    // Kind and namespace are the tree's own levels; their columns can be shown from the
    // header's context menu.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->resizeSection(DriftTreeModel::NameColumn, 300);
    m_tree->setColumnHidden(DriftTreeModel::KindColumn, true);
    m_tree->setColumnHidden(DriftTreeModel::NamespaceColumn, true);
    m_tree->header()->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const int column :
         {int(DriftTreeModel::KindColumn), int(DriftTreeModel::NamespaceColumn)}) {
        auto *toggle =
            new QAction(m_presentation->headerData(column, Qt::Horizontal).toString(), this);
        toggle->setCheckable(true);
        connect(toggle, &QAction::toggled, this,
                [this, column](bool shown) { m_tree->setColumnHidden(column, !shown); });
        m_tree->header()->addAction(toggle);
    }
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DriftBrowser::showSelected);
    // Filtering shows matches inside collapsed groups.
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, [this] {
        if (m_filter->isFiltering())
            m_tree->expandAll();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_filter->isFiltering())
            m_tree->expandAll();
    });

    m_differences->setObjectName(QStringLiteral("differences"));
    m_differences->setHeaderLabels({tr("Path"), tr("Desired"), tr("Live"), tr("Last written by")});
    m_differences->setRootIsDecorated(false);
    m_differences->setUniformRowHeights(true);
    connect(m_differences, &QTreeWidget::itemActivated, this, &DriftBrowser::revealDifference);
    connect(m_differences, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { revealDifference(item); });
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMargin(8);
    m_tabs->addTab(m_differences, tr("Differences"));
    m_tabs->addTab(m_details, tr("Details"));

    m_wholeLive->setToolTip(
        tr("Show every live field, not only those git sets and the drifted ones"));
    connect(m_wholeLive, &QCheckBox::toggled, this, &DriftBrowser::showSelected);
    m_exact->setToolTip(tr("Compare live with what the cluster would hold after applying git "
                           "(a server-side dry-run apply, as kubectl diff --server-side does)"));
    connect(m_exact, &QCheckBox::toggled, this, [this] {
        m_exactKey.clear();
        m_shownKey.clear(); // show the selected resource again, in the new mode
        showSelected();
    });

    auto *right = new QSplitter(Qt::Vertical, this);
    auto *diffPane = new QWidget(right);
    auto *diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(m_diff, 1);
    auto *options = new QHBoxLayout;
    options->addWidget(m_wholeLive);
    options->addWidget(m_exact);
    options->addWidget(m_exactState, 1);
    diffLayout->addLayout(options);
    right->addWidget(diffPane);
    right->addWidget(m_tabs);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);

    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({560, 840});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(filterBar);
    layout->addWidget(m_splitter, 1);
}

DriftBrowser::~DriftBrowser() = default;

void DriftBrowser::setSnapshot(const DriftSnapshot &snapshot)
{
    const bool first = m_model->rowCount() == 0;
    m_model->setSnapshot(snapshot);
    if (first) {
        m_tree->expandToDepth(0);
        for (int column = DriftTreeModel::KindColumn; column < DriftTreeModel::ColumnCount;
             ++column)
            m_tree->resizeColumnToContents(column);
    }
    showSelected();
}

QString DriftBrowser::selectedKey() const
{
    return m_tree->currentIndex().data(DriftTreeModel::KeyRole).toString();
}

bool DriftBrowser::selectResource(const QString &key)
{
    const QModelIndex source = m_model->indexForKey(key);
    if (!source.isValid())
        return false;
    const QModelIndex index = m_presentation->mapFromSource(m_filter->mapFromSource(source));
    if (!index.isValid())
        return false;
    m_tree->scrollTo(index);
    m_tree->setCurrentIndex(index);
    return true;
}

void DriftBrowser::focusFilter()
{
    m_filterText->setFocus(Qt::ShortcutFocusReason);
    m_filterText->selectAll();
}

void DriftBrowser::updateStatusFilter()
{
    QSet<DriftFilterModel::Status> statuses;
    for (QToolButton *button : std::as_const(m_statusButtons)) {
        if (button->isChecked())
            statuses.insert(DriftFilterModel::Status(button->property("status").toInt()));
    }
    m_filter->setStatuses(statuses);
    if (m_filter->isFiltering())
        m_tree->expandAll();
}

void DriftBrowser::showSelected()
{
    const QModelIndex source =
        m_filter->mapToSource(m_presentation->mapToSource(m_tree->currentIndex()));
    const drift::ResourceDrift *resource = m_model->resource(source);
    if (!resource) {
        const QString error = source.data(DriftTreeModel::ErrorRole).toString();
        m_details->setText(error);
        return;
    }
    showResource(*resource);
    const QString where = source.data(DriftTreeModel::SourceRole).toString();
    if (!where.isEmpty())
        m_details->setText(m_details->text() + QStringLiteral("<br>")
                           + tr("Defined in %1").arg(where.toHtmlEscaped()));
}

QString DriftBrowser::selectedApp() const
{
    QModelIndex index = m_tree->currentIndex();
    while (index.parent().isValid())
        index = index.parent();
    return m_model->snapshot()
        .apps.value(m_filter->mapToSource(m_presentation->mapToSource(index)).row())
        .name;
}

void DriftBrowser::showResource(const drift::ResourceDrift &resource)
{
    const QString key = selectedKey();
    if (m_exact->isChecked()) {
        // The dry run answers later (showExact); until then the view says it is waiting.
        if (m_exactKey != key) {
            m_exactKey = key;
            m_exactState->setText(tr("Asking the cluster for a dry run…"));
            Q_EMIT exactRequested(selectedApp(), resource.id);
        }
        return;
    }
    m_exactState->clear();
    showTexts(resource,
              resource.desired.isEmpty() ? tr("Desired (git): not in git") : tr("Desired (git)"));
}

void DriftBrowser::showExact(const QString &app, const drift::ResourceDrift &result)
{
    // The answer may come after the user moved on: show it only for the selected resource.
    const drift::ResourceDrift *selected = m_model->resource(
        m_filter->mapToSource(m_presentation->mapToSource(m_tree->currentIndex())));
    if (!m_exact->isChecked() || app != selectedApp() || !selected || selected->id != result.id)
        return;
    m_exactState->setText(tr("Dry run at %1").arg(QLocale().toString(QTime::currentTime())));
    m_shownKey.clear();
    showTexts(result, tr("Desired after apply (server dry-run)"));
}

void DriftBrowser::showExactFailure(const QString &app, const manifest::ResourceId &id,
                                    const QString &message)
{
    Q_UNUSED(app);
    Q_UNUSED(id);
    if (m_exact->isChecked())
        m_exactState->setText(tr("Dry run failed: %1").arg(message));
}

void DriftBrowser::showTexts(const drift::ResourceDrift &resource, const QString &leftCaption)
{
    const QString key = selectedKey();
    // The same normalised YAML as `gitops-console diff` prints.
    const QString left = drift::DriftReport::desiredYaml(resource);
    const QString right = drift::DriftReport::liveYaml(
        resource,
        m_wholeLive->isChecked() ? drift::DriftReport::LiveView::Whole
                                 : drift::DriftReport::LiveView::Relevant);
    // A live update that leaves this resource as it was keeps the view where the user is.
    if (key != m_shownKey || left != m_shownLeft || right != m_shownRight) {
        m_diff->setCaptions(leftCaption,
                            resource.live.isEmpty() ? tr("Live (cluster): not in the cluster")
                                                    : tr("Live (cluster)"));
        m_diff->setTexts(left, right);
        m_shownKey = key;
        m_shownLeft = left;
        m_shownRight = right;
    }

    m_differences->clear();
    for (const drift::Difference &difference : resource.differences) {
        QString writer;
        if (difference.lastWriter.isValid()) {
            writer = tr("%1 (%2) %3")
                         .arg(difference.lastWriter.manager, difference.lastWriter.operation,
                              QLocale().toString(difference.lastWriter.time.toLocalTime(),
                                                 QLocale::ShortFormat));
        }
        auto *item = new QTreeWidgetItem(
            m_differences,
            {difference.path,
             difference.inDesired() ? valueText(difference.desired) : tr("(not set)"),
             difference.inLive() ? valueText(difference.live) : tr("(not set)"), writer});
        for (int column = PathColumn; column <= WriterColumn; ++column)
            item->setToolTip(column, item->text(column));
    }
    // Long paths and values are cut rather than pushing the other columns out of sight;
    // tooltips hold them whole.
    for (int column = PathColumn; column <= WriterColumn; ++column) {
        m_differences->resizeColumnToContents(column);
        m_differences->setColumnWidth(
            column, std::min(m_differences->columnWidth(column), column == PathColumn ? 380 : 220));
    }

    QStringList details;
    details << tr("<b>%1</b>").arg(resource.id.toString().toHtmlEscaped());
    details << tr("Sync: %1").arg(DriftPresentationModel::syncText(int(resource.status)));
    if (!resource.reason.isEmpty())
        details << tr("Reason: %1").arg(resource.reason.toHtmlEscaped());
    details << tr("Health: %1").arg(DriftPresentationModel::healthText(int(resource.health.status)))
            + (resource.health.message.isEmpty()
                   ? QString()
                   : QStringLiteral(" — ") + resource.health.message.toHtmlEscaped());
    m_details->setText(details.join(QStringLiteral("<br>")));
    Q_EMIT resourceShown(key);
}

void DriftBrowser::revealDifference(QTreeWidgetItem *item)
{
    if (item)
        m_diff->revealText(leafKey(item->text(PathColumn)));
}

} // namespace gitops
