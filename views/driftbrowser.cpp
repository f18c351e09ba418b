#include "driftbrowser.h"

#include "differencelist.h"
#include "driftdescription.h"
#include "driftpresentationmodel.h"
#include "emptystate.h"
#include "groupnamedelegate.h"
#include "itemmodels/driftfiltermodel.h"
#include "itemmodels/drifttreemodel.h"
#include "sidebysidediffview.h"

#include "drift/driftreport.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QIcon>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace gitops {

namespace {

// An extraneous object as a person reads it: without the bookkeeping the API server adds
// to every object (*Whole live object* shows it).
drift::ResourceDrift withoutServerNoise(drift::ResourceDrift resource)
{
    QJsonObject metadata = resource.live.value(u"metadata").toObject();
    for (const char *field :
         {"uid", "resourceVersion", "managedFields", "creationTimestamp", "generation", "selfLink"})
        metadata.remove(QLatin1String(field));
    QJsonObject annotations = metadata.value(u"annotations").toObject();
    annotations.remove(QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"));
    if (annotations.isEmpty())
        metadata.remove(QStringLiteral("annotations"));
    else
        metadata.insert(QStringLiteral("annotations"), annotations);
    resource.live.insert(QStringLiteral("metadata"), metadata);
    return resource;
}

} // namespace

DriftBrowser::DriftBrowser(QWidget *parent)
    : QWidget(parent)
    , m_model(new DriftTreeModel(this))
    , m_filter(new DriftFilterModel(this))
    , m_presentation(new DriftPresentationModel(this))
    , m_filterText(new QLineEdit(this))
    , m_kindFilter(new QComboBox(this))
    , m_namespaceFilter(new QComboBox(this))
    , m_tree(new QTreeView(this))
    , m_diffPages(new QStackedWidget(this))
    , m_hint(new EmptyState(this))
    , m_verdict(new QLabel(this))
    , m_diff(new SideBySideDiffView(this))
    , m_wholeLive(new QCheckBox(tr("Whole live object"), this))
    , m_exact(new QCheckBox(tr("Exact (server dry-run)"), this))
    , m_flatAction(new QAction(tr("F&lat List"), this))
    , m_wholeLiveAction(new QAction(tr("&Whole Live Object"), this))
    , m_exactAction(new QAction(tr("&Exact Comparison (Server Dry-Run)"), this))
    , m_exactState(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_differences(new DifferenceList(this))
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
    m_kindFilter->setObjectName(QStringLiteral("kindFilter"));
    m_kindFilter->setToolTip(tr("Show only resources of this kind"));
    // Fixed widths: the lists (not the filter text) show long kind names.
    m_kindFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_kindFilter->setMinimumContentsLength(18);
    m_namespaceFilter->setObjectName(QStringLiteral("namespaceFilter"));
    m_namespaceFilter->setToolTip(tr("Show only resources in this namespace"));
    m_namespaceFilter->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_namespaceFilter->setMinimumContentsLength(14);
    connect(m_kindFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setKind(m_kindFilter->currentData().toString()); });
    connect(m_namespaceFilter, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant ns = m_namespaceFilter->currentData();
        m_filter->setNamespace(ns.isValid() ? std::optional<QString>(ns.toString()) : std::nullopt);
    });
    filterBar->addWidget(m_kindFilter);
    filterBar->addWidget(m_namespaceFilter);
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
    // In the tree, app, namespace and kind are its levels: their columns start hidden and the
    // header's context menu shows them; the flat list shows them.
    m_tree->header()->setStretchLastSection(false);
    // Long names are cut in the middle (their ends tell them apart), never widening the tree.
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setItemDelegateForColumn(DriftTreeModel::NameColumn, new GroupNameDelegate(m_tree));
    m_tree->header()->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (const int column : {int(DriftTreeModel::KindColumn), int(DriftTreeModel::NamespaceColumn),
                             int(DriftTreeModel::AppColumn), int(DriftTreeModel::LastChangeColumn),
                             int(DriftTreeModel::ControllerColumn)}) {
        auto *toggle =
            new QAction(m_presentation->headerData(column, Qt::Horizontal).toString(), this);
        toggle->setCheckable(true);
        connect(toggle, &QAction::toggled, this,
                [this, column](bool shown) { m_tree->setColumnHidden(column, !shown); });
        m_tree->header()->addAction(toggle);
        m_columnToggles.insert(column, toggle);
    }
    m_columnToggles.value(DriftTreeModel::LastChangeColumn)->setChecked(true);
    // The controllers' verdicts show once the cluster defines an app (setSnapshot()).
    m_tree->setColumnHidden(DriftTreeModel::ControllerColumn, true);
    showGroupColumns(false);

    m_flatAction->setCheckable(true);
    m_flatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_flatAction->setStatusTip(tr("List every resource in one sortable list instead of the tree"));
    connect(m_flatAction, &QAction::toggled, this, &DriftBrowser::setFlat);
    m_wholeLiveAction->setCheckable(true);
    m_wholeLiveAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_wholeLiveAction->setStatusTip(
        tr("Show every live field, not only those git sets and the drifted ones"));
    m_exactAction->setCheckable(true);
    m_exactAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exactAction->setStatusTip(
        tr("Compare the selected resource's app with what the cluster would hold after applying "
           "git (a server-side dry-run apply of every resource, as kubectl diff --server-side "
           "does)"));
    // The check boxes beside the diff and the menu's actions are one setting each.
    connect(m_wholeLiveAction, &QAction::toggled, m_wholeLive, &QCheckBox::setChecked);
    connect(m_wholeLive, &QCheckBox::toggled, m_wholeLiveAction, &QAction::setChecked);
    connect(m_exactAction, &QAction::toggled, m_exact, &QCheckBox::setChecked);
    connect(m_exact, &QCheckBox::toggled, m_exactAction, &QAction::setChecked);

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
    // An app found after the first snapshot (one the cluster defines) opens like the others,
    // also when it arrives as the new parent of apps already shown (a layout change).
    connect(m_presentation, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent) {
                if (!parent.isValid())
                    openNewTopLevelRows();
            });
    connect(m_presentation, &QAbstractItemModel::layoutChanged, this,
            &DriftBrowser::openNewTopLevelRows);

    connect(m_differences, &DifferenceList::revealRequested, this, &DriftBrowser::revealDifference);
    m_details->setWordWrap(true);
    // Texts that hold names (a 240-character one is legal) wrap or cut, never widen the window.
    m_details->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_exactState->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_verdict->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMargin(8);
    m_tabs->addTab(m_differences, tr("Differences"));
    m_tabs->addTab(m_details, tr("Details"));

    m_wholeLive->setToolTip(m_wholeLiveAction->statusTip());
    connect(m_wholeLive, &QCheckBox::toggled, this, &DriftBrowser::showSelected);
    m_exact->setToolTip(m_exactAction->statusTip());
    connect(m_exact, &QCheckBox::clicked, this, [this](bool on) {
        const QString app = selectedApp();
        if (app.isEmpty())
            return;
        const drift::ResourceDrift *resource = selectedResource();
        Q_EMIT exactRequested(app, on, resource ? resource->id : manifest::ResourceId());
    });
    connect(m_exactAction, &QAction::triggered, m_exact, &QCheckBox::clicked);

    auto *right = new QSplitter(Qt::Vertical, this);
    auto *diffPane = new QWidget(right);
    auto *diffLayout = new QVBoxLayout(diffPane);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    auto *diffPage = new QWidget(m_diffPages);
    auto *diffPageLayout = new QVBoxLayout(diffPage);
    diffPageLayout->setContentsMargins(0, 0, 0, 0);
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    diffPageLayout->addWidget(m_verdict);
    diffPageLayout->addWidget(m_diff, 1);
    m_hint->setObjectName(QStringLiteral("selectionHint"));
    m_diffPages->addWidget(m_hint);
    m_diffPages->addWidget(diffPage);
    diffLayout->addWidget(m_diffPages, 1);
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
    // The tree's verdict columns and the two YAML sides both need room at 1200 px.
    m_splitter->setSizes({560, 640});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addLayout(filterBar);
    layout->addWidget(m_splitter, 1);
}

DriftBrowser::~DriftBrowser() = default;

void DriftBrowser::setSnapshot(const drift::WorkspaceDrift &snapshot)
{
    const bool first = m_model->rowCount() == 0;
    m_model->setSnapshot(snapshot);
    // The kinds and namespaces to choose from are the resources': the same when they are.
    if (!m_model->keptRows())
        updateChoices(snapshot);
    m_exactAction->setEnabled(!snapshot.context.isEmpty());
    m_exact->setEnabled(!snapshot.context.isEmpty());
    // The first time an app's controller says something, its column appears (the user may
    // hide it again from the header's menu).
    if (!m_controllerColumnShown
        && std::any_of(
            snapshot.apps.cbegin(), snapshot.apps.cend(),
            [](const drift::AppWorkspaceDrift &app) { return app.controller.isKnown(); })) {
        m_controllerColumnShown = true;
        m_columnToggles.value(DriftTreeModel::ControllerColumn)->setChecked(true);
        fitColumns();
    }
    if (first) {
        // Another workspace (or the same one again): its apps open like new ones.
        m_openedRows.clear();
        openNewTopLevelRows();
        fitColumns();
    }
    showSelected();
}

void DriftBrowser::updateChoices(const drift::WorkspaceDrift &snapshot)
{
    QSet<QString> kinds;
    QSet<QString> namespaces;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        for (const drift::ResourceDrift &resource : app.drift.resources) {
            kinds.insert(DriftTreeModel::kindName(resource.id));
            namespaces.insert(resource.id.namespaceName);
        }
    }
    // Refilled only when the choices change, keeping what the user picked.
    const auto refill = [](QComboBox *box, const QString &all, QStringList values,
                           const QString &emptyLabel, const std::function<void()> &showAll) {
        values.sort(Qt::CaseInsensitive);
        QStringList shown;
        for (int i = 1; i < box->count(); ++i)
            shown << box->itemData(i).toString();
        if (box->count() > 0 && shown == values)
            return;
        const QVariant current = box->currentData();
        int index = 0;
        {
            const QSignalBlocker blocker(box);
            box->clear();
            box->addItem(all);
            for (const QString &value : std::as_const(values))
                box->addItem(value.isEmpty() ? emptyLabel : value, value);
            if (current.isValid())
                index = box->findData(current);
            box->setCurrentIndex(std::max(index, 0));
        }
        if (index < 0) // what was picked is gone: show everything again
            showAll();
    };
    refill(m_kindFilter, tr("All kinds"), kinds.values(), QString(),
           [this] { m_filter->setKind(QString()); });
    refill(m_namespaceFilter, tr("All namespaces"), namespaces.values(), tr("(cluster-scoped)"),
           [this] { m_filter->setNamespace(std::nullopt); });
}

void DriftBrowser::openNewTopLevelRows()
{
    if (m_model->isFlat())
        return;
    for (int row = 0; row < m_presentation->rowCount(); ++row) {
        const QModelIndex index = m_presentation->index(row, 0);
        const QString key = index.data(DriftTreeModel::KeyRole).toString();
        if (!m_openedRows.contains(key)) {
            m_openedRows.insert(key);
            m_tree->expand(index);
        }
    }
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
    // Open the rows above it: a row moved under a new parent (an app found to be the child
    // of another) arrives folded, and scrollTo() opens none while the view is busy.
    for (QModelIndex above = index.parent(); above.isValid(); above = above.parent())
        m_tree->expand(above);
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
        showHint(source);
        return;
    }
    m_diffPages->setCurrentIndex(1);
    showResource(isPreviewing() ? *m_preview : *resource);
}

void DriftBrowser::setPreview(const QString &key, const std::optional<drift::ResourceDrift> &edited)
{
    if (!edited && !m_preview)
        return;
    if (edited && m_preview && key == m_previewKey && edited->desired == m_preview->desired
        && edited->live == m_preview->live)
        return;
    m_previewKey = edited ? key : QString();
    m_preview = edited;
    showSelected();
}

bool DriftBrowser::isPreviewing() const
{
    return m_preview && !m_previewKey.isEmpty() && m_previewKey == selectedKey();
}

void DriftBrowser::showHint(const QModelIndex &source)
{
    // Nothing to compare on a group row or with nothing selected: say what there is instead.
    m_diffPages->setCurrentIndex(0);
    m_shownKey.clear();
    m_differencesKey.clear();
    m_differences->setDifferences({});
    const QString select = tr("Select a resource to see git's side beside the cluster's.");
    const drift::WorkspaceDrift &snapshot = m_model->snapshot();
    const auto type = source.data(DriftTreeModel::NodeTypeRole).value<DriftTreeModel::NodeType>();
    const drift::AppWorkspaceDrift *app =
        appNamed(source.data(DriftTreeModel::AppNameRole).toString());
    if (source.isValid() && type == DriftTreeModel::NodeType::App && app) {
        m_hint->setTitle(app->name);
        const QString problem = app->problem();
        m_hint->setText(DriftDescription::appDetails(*app).section(QStringLiteral("<br>"), 1)
                        + QStringLiteral("<br><br>") + select.toHtmlEscaped());
        m_details->setText(DriftDescription::appDetails(*app));
        m_hint->setIcon(QIcon(
            QStringLiteral(":/icons/%1.svg")
                .arg(problem.isEmpty() ? QStringLiteral("app") : QStringLiteral("sync-unknown"))));
        return;
    }
    m_hint->setIcon(QIcon(QStringLiteral(":/icons/compare.svg")));
    if (source.isValid()) {
        const QString name = source.data().toString();
        m_hint->setTitle(name.isEmpty() && type == DriftTreeModel::NodeType::Namespace
                             ? tr("(cluster-scoped)")
                             : name);
        const QString counts =
            DriftDescription::counts(source.data(DriftTreeModel::ResourceCountRole).toInt(),
                                     source.data(DriftTreeModel::DriftedCountRole).toInt(),
                                     source.data(DriftTreeModel::UnknownCountRole).toInt());
        m_hint->setText(counts + u'\n' + select);
        m_details->setText(counts.toHtmlEscaped());
        return;
    }
    m_hint->setTitle(tr("Nothing selected"));
    m_hint->setText(DriftDescription::summary(snapshot) + u'\n' + select);
    m_details->setText(DriftDescription::summary(snapshot).toHtmlEscaped());
}

void DriftBrowser::revealDifference(const drift::Difference &difference)
{
    // By the field's JSON pointer in the texts shown: a field absent on one side shows
    // where its nearest parent is there (a label git lacks: live's labels).
    const auto linesOf = [](const drift::DriftReport::FieldLines &fields, QString pointer,
                            bool exact) -> SideBySideDiffView::LineRange {
        while (true) {
            const auto it = fields.constFind(pointer);
            if (it != fields.cend())
                return {it->first, exact ? it->last : it->first};
            if (pointer.isEmpty())
                return {};
            pointer.truncate(pointer.lastIndexOf(u'/'));
            exact = false;
        }
    };
    const QString desired =
        difference.desiredPointer.isEmpty() ? difference.livePointer : difference.desiredPointer;
    const QString live =
        difference.livePointer.isEmpty() ? difference.desiredPointer : difference.livePointer;
    m_diff->revealLines(linesOf(m_leftFields, desired, !difference.desiredPointer.isEmpty()),
                        linesOf(m_rightFields, live, !difference.livePointer.isEmpty()));
}

const drift::AppWorkspaceDrift *DriftBrowser::appNamed(const QString &name) const
{
    for (const drift::AppWorkspaceDrift &app : m_model->snapshot().apps) {
        if (app.name == name)
            return &app;
    }
    return nullptr;
}

QString DriftBrowser::selectedApp() const
{
    return m_tree->currentIndex().data(DriftTreeModel::AppNameRole).toString();
}

const drift::ResourceDrift *DriftBrowser::selectedResource() const
{
    return m_model->resource(
        m_filter->mapToSource(m_presentation->mapToSource(m_tree->currentIndex())));
}

void DriftBrowser::showResource(const drift::ResourceDrift &resource)
{
    // Exact mode is per app: the snapshot says whether this resource's verdict comes from a
    // server dry run yet.
    const drift::AppWorkspaceDrift *app = appNamed(selectedApp());
    const bool exact = app && app->exact;
    const bool dryRun = exact && app->dryRun.contains(resource.id);
    m_exact->setChecked(exact);
    if (!exact)
        m_exactState->clear();
    else if (app->exactDone < app->exactTotal)
        m_exactState->setText(tr("Server dry runs for %1: %2 of %3")
                                  .arg(app->name)
                                  .arg(app->exactDone)
                                  .arg(app->exactTotal));
    else
        m_exactState->setText(
            tr("Every resource of %1 compared with the server's dry run").arg(app->name));
    // Unknown is not drift: a resource that could not be compared exists in git and maybe in
    // the cluster, so its captions say why a side is empty, never that it is absent.
    const bool unknown = resource.status == drift::SyncStatus::Unknown;
    QString left = tr("Desired (git)");
    if (resource.desired.isEmpty() && unknown) {
        const QString where = app ? app->sources.value(resource.id).toString() : QString();
        left = where.isEmpty() ? tr("Desired (git): not compared")
                               : tr("Desired (git): in %1, not compared").arg(where);
    } else if (resource.desired.isEmpty()) {
        left = tr("Desired (git): not in git");
    } else if (isPreviewing()) {
        left = tr("Desired after your edit (not in git yet)");
    } else if (dryRun) {
        left = tr("Desired after apply (server dry-run)");
    } else if (exact) {
        left = tr("Desired (git), waiting for the server's dry run");
    }
    QString right = tr("Live (cluster)");
    if (resource.live.isEmpty())
        right = unknown ? tr("Live (cluster): not read from the cluster: %1").arg(resource.reason)
                        : tr("Live (cluster): not in the cluster");
    // One side alone: its caption says which one is absent.
    if (resource.status == drift::SyncStatus::Missing)
        left = tr("Desired (git), not in the cluster");
    else if (resource.status == drift::SyncStatus::Extraneous)
        right = tr("Live (cluster), not in git");
    m_diff->setPlaceholders(unknown ? tr("Shown once the cluster can be compared with git.")
                                    : QString(),
                            unknown ? resource.reason : QString());
    showTexts(resource, left, right);
}

void DriftBrowser::showExactFailure(const QString &app, const QString &message)
{
    if (app != selectedApp())
        return;
    m_exact->setChecked(false);
    m_exactState->setText(tr("Exact mode is not available: %1").arg(message));
}

QList<QAction *> DriftBrowser::viewActions() const
{
    return {m_flatAction, m_wholeLiveAction, m_exactAction};
}

void DriftBrowser::setFlat(bool flat)
{
    const QString key = selectedKey();
    m_model->setFlat(flat);
    m_flatAction->setChecked(flat);
    showGroupColumns(flat);
    if (!flat)
        m_tree->expandToDepth(0);
    if (!key.isEmpty())
        selectResource(key);
}

void DriftBrowser::showGroupColumns(bool shown)
{
    for (const int column : {int(DriftTreeModel::KindColumn), int(DriftTreeModel::NamespaceColumn),
                             int(DriftTreeModel::AppColumn)}) {
        m_columnToggles.value(column)->setChecked(shown);
        m_tree->setColumnHidden(column, !shown);
    }
    m_tree->setRootIsDecorated(!shown);
    fitColumns();
}

int DriftBrowser::cellWidth(const QString &text, bool icon) const
{
    // What the tree's delegate asks of the style for such a cell (QStyledItemDelegate::sizeHint).
    QStyleOptionViewItem option;
    option.initFrom(m_tree);
    option.font = m_tree->font();
    option.fontMetrics = m_tree->fontMetrics();
    option.text = text;
    option.features = QStyleOptionViewItem::HasDisplay;
    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    if (icon) {
        option.features |= QStyleOptionViewItem::HasDecoration;
        const int side = m_tree->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_tree);
        option.decorationSize = QSize(side, side);
        option.decorationPosition = QStyleOptionViewItem::Left;
    }
    return m_tree->style()
        ->sizeFromContents(QStyle::CT_ItemViewItem, &option, QSize(), m_tree)
        .width();
}

void DriftBrowser::fitColumns()
{
    // The verdict columns as wide as their longest word in this language, whatever the rows
    // say now: they never elide and never jump when a status changes.
    QHeaderView *header = m_tree->header();
    const auto fit = [&](int column, const QStringList &texts, bool icon) {
        int width = header->sectionSizeHint(column);
        for (const QString &text : texts)
            width = std::max(width, cellWidth(text, icon));
        header->resizeSection(column, width);
    };
    QStringList sync;
    for (int status = 0; status <= int(drift::SyncStatus::Unknown); ++status)
        sync << DriftPresentationModel::syncText(status);
    QStringList health;
    for (int status = 0; status <= int(drift::Health::Status::Unknown); ++status)
        health << DriftPresentationModel::healthText(status);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QStringList ages{DriftPresentationModel::ageText(now.addSecs(-59 * 60), now),
                           DriftPresentationModel::ageText(now.addSecs(-47 * 3600), now),
                           DriftPresentationModel::ageText(now.addDays(-99), now)};
    fit(DriftTreeModel::SyncColumn, sync, true);
    fit(DriftTreeModel::HealthColumn, health, true);
    fit(DriftTreeModel::LastChangeColumn, ages, false);
    for (const int column :
         {int(DriftTreeModel::KindColumn), int(DriftTreeModel::NamespaceColumn),
          int(DriftTreeModel::AppColumn), int(DriftTreeModel::ControllerColumn)}) {
        if (!m_tree->isColumnHidden(column))
            m_tree->resizeColumnToContents(column);
    }
    // The tree gives names what the verdicts leave; the flat list, whose app, kind and
    // namespace come after the verdicts, gives them a fixed share and scrolls the rest.
    if (!isFlat()) {
        header->setSectionResizeMode(DriftTreeModel::NameColumn, QHeaderView::Stretch);
        return;
    }
    header->setSectionResizeMode(DriftTreeModel::NameColumn, QHeaderView::Interactive);
    int verdicts = 0;
    for (const int column : {int(DriftTreeModel::SyncColumn), int(DriftTreeModel::HealthColumn),
                             int(DriftTreeModel::LastChangeColumn)})
        verdicts += m_tree->isColumnHidden(column) ? 0 : header->sectionSize(column);
    const int room = m_tree->viewport()->width() - verdicts;
    header->resizeSection(DriftTreeModel::NameColumn, std::clamp(room, 160, 360));
}

void DriftBrowser::showTexts(const drift::ResourceDrift &resource, const QString &leftCaption,
                             const QString &rightCaption)
{
    const QString key = selectedKey();
    // The same normalised YAML as `gitops-console diff` prints.
    drift::DriftReport::FieldLines leftFields;
    drift::DriftReport::FieldLines rightFields;
    const QString left = drift::DriftReport::desiredYaml(resource, &leftFields);
    const bool whole = m_wholeLive->isChecked();
    const QString right = resource.status == drift::SyncStatus::Extraneous && !whole
        ? drift::DriftReport::liveYaml(withoutServerNoise(resource),
                                       drift::DriftReport::LiveView::Whole, &rightFields)
        : drift::DriftReport::liveYaml(resource,
                                       whole ? drift::DriftReport::LiveView::Whole
                                             : drift::DriftReport::LiveView::Relevant,
                                       &rightFields);
    // An object that exists on one side only shows that side alone, whole.
    m_diff->setAbsentSide(
        resource.status == drift::SyncStatus::Missing          ? SideBySideDiffView::Side::Right
            : resource.status == drift::SyncStatus::Extraneous ? SideBySideDiffView::Side::Left
                                                               : SideBySideDiffView::Side::None);
    m_verdict->setText(isPreviewing()
                           ? tr("After your edit: %1").arg(DriftDescription::verdict(resource))
                           : DriftDescription::verdict(resource));
    // A live update that leaves this resource as it was keeps the view where the user is.
    m_diff->setCaptions(leftCaption, rightCaption);
    if (key != m_shownKey || left != m_shownLeft || right != m_shownRight) {
        m_diff->setTexts(left, right);
        m_shownKey = key;
        m_shownLeft = left;
        m_shownRight = right;
        m_leftFields = leftFields;
        m_rightFields = rightFields;
    }

    // The same resource again (a live update): keyed rows keep the selection and scroll;
    // another resource starts with nothing selected.
    if (key != m_differencesKey) {
        m_differences->setDifferences({});
        m_differencesKey = key;
    }
    m_differences->setDifferences(resource.differences);

    const QModelIndex current = m_tree->currentIndex();
    m_details->setText(
        DriftDescription::details(resource, current.data(DriftTreeModel::SourceRole).toString(),
                                  current.data(DriftTreeModel::NamespaceFromRole)));
    Q_EMIT resourceShown(key);
}

} // namespace gitops
