#include "auditview.h"

#include "audit/auditexport.h"
#include "commitdetailpane.h"
#include "git/repositoryworker.h"
#include "history/commitdetail.h"
#include "itemmodels/auditfiltermodel.h"
#include "kube/clusteraccess.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/livechangeset.h"
#include "kube/resourcewatch.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacesession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBrowser>
#include <QThread>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace gitops {

namespace {

using audit::Reviewed;
using audit::Source;

QString sourceText(Source source)
{
    switch (source) {
    case Source::Commit:
        return AuditView::tr("Commit");
    case Source::PullRequest:
        return AuditView::tr("Pull request");
    case Source::Sync:
        return AuditView::tr("Controller sync");
    case Source::DirectWrite:
        return AuditView::tr("Direct write");
    case Source::AuditLog:
        return AuditView::tr("Audit log");
    case Source::Event:
        return AuditView::tr("Event");
    }
    return {};
}

QString reviewedText(Reviewed reviewed)
{
    switch (reviewed) {
    case Reviewed::Yes:
        return AuditView::tr("Yes");
    case Reviewed::No:
        return AuditView::tr("No");
    case Reviewed::Unknown:
        return AuditView::tr("Unknown");
    }
    return {};
}

// The table's words in the language shown: headers, sources, reviewed, "unknown".
class AuditPresentationModel : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QIdentityProxyModel::headerData(section, orientation, role);
        switch (AuditEventModel::Column(section)) {
        case AuditEventModel::TimeColumn:
            return AuditView::tr("Time (UTC)");
        case AuditEventModel::ActorColumn:
            return AuditView::tr("Actor");
        case AuditEventModel::SourceColumn:
            return AuditView::tr("Source");
        case AuditEventModel::ResourceColumn:
            return AuditView::tr("Resource");
        case AuditEventModel::ChangeColumn:
            return AuditView::tr("What changed");
        case AuditEventModel::ReviewedColumn:
            return AuditView::tr("Reviewed");
        case AuditEventModel::ColumnCount:
            break;
        }
        return {};
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
            return QIdentityProxyModel::data(index, role);
        switch (AuditEventModel::Column(index.column())) {
        case AuditEventModel::ActorColumn: {
            const QString actor = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
            return actor.isEmpty() ? AuditView::tr("unknown") : actor;
        }
        case AuditEventModel::SourceColumn:
            return sourceText(Source(index.data(AuditEventModel::SourceRole).toInt()));
        case AuditEventModel::ResourceColumn: {
            const QString resource = QIdentityProxyModel::data(index, Qt::DisplayRole).toString();
            return resource.isEmpty()
                ? AuditView::tr("(app %1)").arg(index.data(AuditEventModel::AppRole).toString())
                : resource;
        }
        case AuditEventModel::ReviewedColumn:
            return reviewedText(Reviewed(index.data(AuditEventModel::ReviewedRole).toInt()));
        default:
            return QIdentityProxyModel::data(index, Qt::DisplayRole);
        }
    }
};

// The join of every source read, with the forge's answers, as the table shows it; run on the
// thread pool, for the first build and for every re-join after a watched Event.
AuditTable joinedTable(const audit::AuditGathering &gathering,
                       const QHash<QString, QList<forge::PullRequest>> &pulls, const QString &note,
                       const audit::CommitVerifications &verifications)
{
    audit::AuditLog log = audit::joinGathered(gathering, pulls, note, {}, verifications);
    if (gathering.scanned)
        log.notes.prepend(gathering.scanNote());
    return AuditTable::of(std::move(log));
}

} // namespace

AuditView::AuditView(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_document(document)
    , m_model(new AuditEventModel(this))
    , m_filter(new AuditFilterModel(this))
    , m_title(new QLabel(this))
    , m_table(new QTreeView(this))
    , m_evidence(new QTextBrowser(this))
    , m_commitDiff(new CommitDetailPane(this))
    , m_stateReader(std::make_shared<std::unique_ptr<history::AppStateReader>>())
    , m_count(new QLabel(this))
    , m_notes(new QLabel(this))
    , m_progressLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    m_rejoinTimer = new QTimer(this);
    // Events come in bursts (a rollout): one re-join for the burst.
    m_rejoinTimer->setSingleShot(true);
    m_rejoinTimer->setInterval(250);
    connect(m_rejoinTimer, &QTimer::timeout, this, &AuditView::rejoinEvents);
    if (m_document)
        connect(m_document->session(), &WorkspaceSession::snapshotChanged, this,
                &AuditView::snapshotChanged);
    setObjectName(QStringLiteral("AuditView"));
    resize(1100, 720);
    m_filter->setSourceModel(m_model);
    auto *presentation = new AuditPresentationModel(this);
    presentation->setSourceModel(m_filter);
    m_presentation = presentation;

    auto *layout = new QVBoxLayout(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    createFilterBar();

    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(m_presentation);
    m_table->setRootIsDecorated(false);
    m_table->setUniformRowHeights(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->header()->setStretchLastSection(false);
    m_table->header()->setSectionResizeMode(AuditEventModel::ChangeColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(u'0');
    m_table->setColumnWidth(AuditEventModel::TimeColumn, digit * 25);
    m_table->setColumnWidth(AuditEventModel::ActorColumn, digit * 26);
    m_table->setColumnWidth(AuditEventModel::SourceColumn, digit * 16);
    m_table->setColumnWidth(AuditEventModel::ResourceColumn, digit * 28);
    m_table->setColumnWidth(AuditEventModel::ReviewedColumn, digit * 10);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AuditView::showEvidence);

    m_evidence->setObjectName(QStringLiteral("auditEvidence"));
    m_evidence->setOpenExternalLinks(true);
    m_evidence->setPlaceholderText(tr("Select an event to see its evidence."));
    m_commitDiff->setObjectName(QStringLiteral("auditCommitDiff"));
    m_commitDiff->hide();
    // The audit shows what a commit changed; what rolling back would do is the timeline's.
    m_commitDiff->setTabVisible(m_commitDiff->indexOf(m_commitDiff->rollbackNote()->parentWidget()),
                                false);
    auto *below = new QSplitter(Qt::Horizontal, this);
    below->addWidget(m_evidence);
    below->addWidget(m_commitDiff);
    below->setStretchFactor(0, 2);
    below->setStretchFactor(1, 3);
    below->setChildrenCollapsible(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(below);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setObjectName(QStringLiteral("auditNotes"));
    layout->addWidget(m_notes);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addWidget(m_progressLabel);
    m_progress->setMaximumWidth(160);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    bottom->addWidget(m_progress);
    bottom->addStretch(1);
    m_fileButton = new QPushButton(tr("Audit Log &File…"), this);
    m_fileButton->setToolTip(tr("Join the writes a Kubernetes audit log file records "
                                "(audit.k8s.io/v1, one JSON object a line)"));
    connect(m_fileButton, &QPushButton::clicked, this, &AuditView::chooseAuditLogFile);
    m_refresh = new QPushButton(tr("&Read Again"), this);
    connect(m_refresh, &QPushButton::clicked, this, [this] { open(m_app, m_auditLogFile); });
    m_exportCsv = new QPushButton(tr("Export &CSV…"), this);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { chooseExport(Format::Csv); });
    m_exportJson = new QPushButton(tr("Export &JSON…"), this);
    connect(m_exportJson, &QPushButton::clicked, this, [this] { chooseExport(Format::Json); });
    for (QPushButton *button : {m_fileButton, m_refresh, m_exportCsv, m_exportJson})
        bottom->addWidget(button);
    layout->addLayout(bottom);
    setBusy({});
    updateCount();
}

AuditView::~AuditView() = default;

void AuditView::createFilterBar()
{
    auto *bar = new QHBoxLayout;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_sinceOn = new QCheckBox(tr("&From"), this);
    m_since = new QDateTimeEdit(now.addDays(-7), this);
    m_untilOn = new QCheckBox(tr("&To"), this);
    m_until = new QDateTimeEdit(now, this);
    for (QDateTimeEdit *edit : {m_since, m_until}) {
        edit->setTimeZone(QTimeZone::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &AuditView::applyFilters);
    }
    connect(m_sinceOn, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilOn, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_sinceOn, &QCheckBox::toggled, this, &AuditView::applyFilters);
    connect(m_untilOn, &QCheckBox::toggled, this, &AuditView::applyFilters);
    bar->addWidget(m_sinceOn);
    bar->addWidget(m_since);
    bar->addWidget(m_untilOn);
    bar->addWidget(m_until);

    m_actor = new QComboBox(this);
    m_actor->setToolTip(tr("Only the events of one actor"));
    m_actor->setMinimumContentsLength(14);
    m_actor->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source = new QComboBox(this);
    m_source->setToolTip(tr("Only the events of one source"));
    m_source->addItem(tr("Every source"), -1);
    for (Source source : {Source::Commit, Source::PullRequest, Source::Sync, Source::DirectWrite,
                          Source::AuditLog, Source::Event})
        m_source->addItem(sourceText(source), int(source));
    m_kind = new QComboBox(this);
    m_kind->setToolTip(tr("Only the events of one kind of resource"));
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_reviewed = new QComboBox(this);
    m_reviewed->setToolTip(tr("Whether the change went through review"));
    m_reviewed->addItem(tr("Reviewed or not"), -1);
    m_reviewed->addItem(tr("Reviewed"), int(Reviewed::Yes));
    m_reviewed->addItem(tr("Not reviewed"), int(Reviewed::No));
    m_reviewed->addItem(tr("Review unknown"), int(Reviewed::Unknown));
    for (QComboBox *box : {m_actor, m_source, m_kind, m_reviewed}) {
        connect(box, &QComboBox::currentIndexChanged, this, &AuditView::applyFilters);
        bar->addWidget(box);
    }
    bar->addStretch(1);
    static_cast<QVBoxLayout *>(layout())->addLayout(bar);

    // The text and the resource asked about on a line of their own: the text field stays
    // wide, and a long field path never widens the window.
    auto *second = new QHBoxLayout;
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("auditText"));
    m_text->setPlaceholderText(tr("Filter by actor, resource, field, summary…"));
    m_text->setClearButtonEnabled(true);
    // Every keystroke filters: the table's texts are prepared, so it is cheap, and a large
    // table filters on the thread pool, the count following once the rows are swapped in.
    connect(m_text, &QLineEdit::textChanged, m_filter, &AuditFilterModel::setText);
    connect(m_filter, &AuditFilterModel::filtered, this, &AuditView::updateCount);
    second->addWidget(m_text, 1);
    m_resourceChip = new QToolButton(this);
    m_resourceChip->setMaximumWidth(fontMetrics().horizontalAdvance(u'0') * 70);
    m_resourceChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_resourceChip->hide();
    connect(m_resourceChip, &QToolButton::clicked, this, [this] { showResource({}); });
    second->addWidget(m_resourceChip);
    static_cast<QVBoxLayout *>(layout())->addLayout(second);
}

void AuditView::open(const QString &app, const QString &auditLogFile)
{
    m_app = app;
    m_auditLogFile = auditLogFile;
    ++m_generation;
    m_rejoinTimer->stop();
    m_rejoining = false;
    m_rejoinAgain = false;
    m_eventsPending = false;
    m_eventWatches.clear(); // before the client they borrow
    m_kubeEvents.clear();
    m_ownedObjects.clear();
    m_liveObjects.clear();
    m_liveUids.clear();
    m_pulls.clear();
    m_forgeNote.clear();
    m_reader.reset();
    m_reviews.reset();
    m_client.reset();
    setWindowTitle(tr("Audit Log: %1").arg(app));
    m_title->setText(auditLogFile.isEmpty()
                         ? tr("Who changed %1, when and how").arg(app)
                         : tr("Who changed %1, when and how (with the audit log %2)")
                               .arg(app, QDir::toNativeSeparators(auditLogFile)));
    m_notes->clear();
    m_evidence->clear();
    m_commitDiff->hide();
    m_diffAsked.clear();
    m_diffShown.clear();
    // A new reader per app: it caches the app's states; the worker job holding the old one
    // keeps it alive until it is done.
    m_stateReader = std::make_shared<std::unique_ptr<history::AppStateReader>>();
    m_model->setTable({});
    updateCount();

    WorkspaceSession *session = m_document->session();
    m_scope = audit::auditScope(session->snapshot(), app);
    if (m_scope.apps.isEmpty()) {
        failed(tr("The workspace has no app %1.").arg(app));
        return;
    }
    if (session->context().isEmpty()) {
        // Git alone: the commits, with nothing from a cluster.
        clusterRead({});
        return;
    }
    QString error;
    const kube::KubeConfig config = kube::KubeConfig::fromEnvironment(&error);
    const std::optional<kube::ClusterAccess> access =
        kube::ClusterAccess::resolve(config, session->context(), &error);
    if (!access) {
        failed(error);
        return;
    }
    setBusy(tr("Reading the cluster's Events and app definitions…"));
    m_client = std::make_unique<kube::KubeClient>(*access);
    m_reader = std::make_unique<audit::ClusterAuditReader>(m_client.get());
    connect(m_reader.get(), &audit::ClusterAuditReader::finished, this, &AuditView::clusterRead);
    m_reader->read(m_scope.namespaces, m_scope.kinds);
}

bool AuditView::isBuilding() const
{
    return !m_progress->isHidden();
}

void AuditView::clusterRead(const audit::ClusterAuditSources &sources)
{
    const std::shared_ptr<git::RepositoryWorker> worker = m_document->session()->repository();
    if (!worker) {
        failed(tr("No repository is open."));
        return;
    }
    watchEvents(sources);
    setBusy(m_auditLogFile.isEmpty() ? tr("Reading the history…")
                                     : tr("Reading the history and the audit log file…"));
    const audit::AuditRequest request{m_document->session()->revision(), m_auditLogFile, 1000};
    const QList<audit::LiveAppObjects> apps = m_scope.apps;
    using Result = std::variant<audit::AuditGathering, QString>;
    QFuture<Result> future = worker->run<Result>(
        [request, apps, sources](git::Repository &repository, const git::JobControl &) {
            return Result(audit::gatherAudit(repository, request, apps, sources));
        });
    auto *watcher = new QFutureWatcher<Result>(this);
    const int generation = m_generation;
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        Q_ASSERT(QThread::currentThread() == thread());
        if (generation != m_generation)
            return;
        if (watcher->isCanceled() || watcher->future().resultCount() == 0) {
            failed(tr("Reading the history was cancelled."));
            return;
        }
        const Result result = watcher->result();
        if (const QString *error = std::get_if<QString>(&result)) {
            failed(*error);
            return;
        }
        gathered(std::get<audit::AuditGathering>(result));
    });
    watcher->setFuture(future);
}

void AuditView::gathered(const audit::AuditGathering &gathering)
{
    if (!gathering.error.isEmpty()) {
        failed(gathering.error);
        return;
    }
    m_gathering = gathering;
    const QStringList commits = gathering.commitIds();
    if (commits.isEmpty()) {
        reviewed({}, {});
        return;
    }
    setBusy(tr("Asking the forge which commits were reviewed…"));
    m_reviews = std::make_unique<audit::CommitReviewLookup>();
    const int generation = m_generation;
    m_reviews->checkSignatures(gathering.signedCommitIds());
    m_reviews->ask(gathering.remote, commits,
                   [this, generation](const QHash<QString, QList<forge::PullRequest>> &pulls,
                                      const QString &note) {
                       if (generation == m_generation)
                           reviewed(pulls, note);
                   });
}

void AuditView::reviewed(const QHash<QString, QList<forge::PullRequest>> &pulls,
                         const QString &note)
{
    setBusy(tr("Joining the sources…"));
    m_pulls = pulls;
    m_forgeNote = note;
    m_verifications = m_reviews ? m_reviews->verifications() : audit::CommitVerifications{};
    const audit::AuditGathering gathering = m_gathering;
    auto *watcher = new QFutureWatcher<AuditTable>(this);
    const int generation = m_generation;
    connect(watcher, &QFutureWatcher<AuditTable>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        Q_ASSERT(QThread::currentThread() == thread());
        if (generation == m_generation)
            showTable(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(joinedTable, gathering, pulls, note, m_verifications));
}

void AuditView::showTable(const AuditTable &table)
{
    setBusy({});
    m_model->setTable(table);
    m_notes->setText(table.log->notes.join(u'\n'));
    fillChoices();
    applyFilters();
    // Land on the newest event of the writer asked about, else the newest of all.
    int chosen = m_filter->rowCount() > 0 ? 0 : -1;
    for (int row = 0; !m_writer.isEmpty() && row < m_filter->rowCount(); ++row) {
        const audit::AuditEvent *event = m_filter->event(row);
        const QString manager =
            event->evidence.value(u"managedFields").toObject().value(u"manager").toString();
        if (manager == m_writer || event->actor == m_writer) {
            chosen = row;
            break;
        }
    }
    if (chosen >= 0)
        m_table->setCurrentIndex(m_presentation->index(chosen, 0));
    if (std::exchange(m_eventsPending, false))
        m_rejoinTimer->start();
    Q_EMIT built();
}

namespace {

QString uidOf(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"uid").toString();
}

QSet<QString> liveUids(const QList<audit::LiveAppObjects> &apps)
{
    QSet<QString> uids;
    for (const audit::LiveAppObjects &app : apps) {
        for (const QJsonObject &object : app.objects)
            uids.insert(uidOf(object));
    }
    uids.remove(QString());
    return uids;
}

} // namespace

void AuditView::watchEvents(const audit::ClusterAuditSources &sources)
{
    m_kubeEvents.clear();
    for (const QJsonObject &event : sources.events)
        m_kubeEvents.insert(kube::ResourceWatch::keyOf(event), event);
    m_ownedObjects.clear();
    for (const QJsonObject &owned : sources.ownedObjects)
        m_ownedObjects.insert(uidOf(owned), owned);
    m_liveObjects.clear();
    for (const audit::LiveAppObjects &app : std::as_const(m_scope.apps))
        m_liveObjects.insert(app.name, app.objects);
    m_liveUids = liveUids(m_scope.apps);
    if (!m_client)
        return;
    // The ReplicaSets too, as the reader listed them: a rollout's new one owns Pods whose
    // creation its Events tell.
    kube::ApiResource replicaSets;
    replicaSets.group = QStringLiteral("apps");
    replicaSets.version = QStringLiteral("v1");
    replicaSets.kind = QStringLiteral("ReplicaSet");
    replicaSets.plural = QStringLiteral("replicasets");
    replicaSets.verbs = {QStringLiteral("list"), QStringLiteral("watch")};
    for (const QString &namespaceName : std::as_const(m_scope.namespaces)) {
        auto watch =
            std::make_unique<kube::ResourceWatch>(m_client.get(), replicaSets, namespaceName);
        connect(watch.get(), &kube::ResourceWatch::changed, this, &AuditView::ownedChanged);
        watch->start();
        m_eventWatches.push_back(std::move(watch));
    }
    // Core v1 Events, as the reader listed them; the watch starts from its own list, and
    // only what differs from what was read is joined again.
    kube::ApiResource type;
    type.version = QStringLiteral("v1");
    type.kind = QStringLiteral("Event");
    type.plural = QStringLiteral("events");
    type.verbs = {QStringLiteral("list"), QStringLiteral("watch")};
    for (const QString &namespaceName : std::as_const(m_scope.namespaces)) {
        auto watch = std::make_unique<kube::ResourceWatch>(m_client.get(), type, namespaceName);
        connect(watch.get(), &kube::ResourceWatch::changed, this, &AuditView::eventsChanged);
        watch->start();
        m_eventWatches.push_back(std::move(watch));
    }
}

void AuditView::eventsChanged(const kube::LiveChangeSet &changes)
{
    bool differs = false;
    for (const QList<QJsonObject> *objects : {&changes.added, &changes.modified}) {
        for (const QJsonObject &event : *objects) {
            const QString key = kube::ResourceWatch::keyOf(event);
            QJsonObject &known = m_kubeEvents[key];
            if (known != event) {
                known = event;
                differs = true;
            }
        }
    }
    for (const QJsonObject &event : changes.deleted)
        differs = m_kubeEvents.remove(kube::ResourceWatch::keyOf(event)) > 0 || differs;
    if (differs)
        scheduleRejoin();
}

void AuditView::ownedChanged(const kube::LiveChangeSet &changes)
{
    // Only a ReplicaSet not seen before ties Events anew (its owner never changes); a
    // deleted one is kept, its Events still being the app's.
    bool added = false;
    for (const QList<QJsonObject> *objects : {&changes.added, &changes.modified}) {
        for (const QJsonObject &object : *objects) {
            const QString uid = uidOf(object);
            if (!uid.isEmpty() && !m_ownedObjects.contains(uid)) {
                m_ownedObjects.insert(uid, object);
                added = true;
            }
        }
    }
    if (added)
        scheduleRejoin();
}

void AuditView::snapshotChanged()
{
    if (m_app.isEmpty() || !m_model->table().log)
        return;
    const drift::WorkspaceDrift &snapshot = m_document->session()->snapshot();
    if (snapshot.partial)
        return; // a comparison under way names only some of the objects
    const audit::AuditScope scope = audit::auditScope(snapshot, m_app);
    QSet<QString> uids = liveUids(scope.apps);
    if (scope.apps.isEmpty() || uids == m_liveUids)
        return; // the same objects: their Events are tied already
    m_liveUids = std::move(uids);
    for (const audit::LiveAppObjects &app : scope.apps)
        m_liveObjects.insert(app.name, app.objects);
    scheduleRejoin();
}

void AuditView::scheduleRejoin()
{
    // Joined again once the log is shown: the log being built has the Events as read.
    if (m_model->table().log && !isBuilding())
        m_rejoinTimer->start();
    else
        m_eventsPending = true;
}

void AuditView::rejoinEvents()
{
    if (isBuilding() || !m_model->table().log)
        return;
    if (m_rejoining) {
        m_rejoinAgain = true;
        return;
    }
    m_rejoining = true;
    audit::AuditGathering gathering = m_gathering;
    const QList<QJsonObject> events = m_kubeEvents.values();
    const QList<QJsonObject> owned = m_ownedObjects.values();
    for (audit::AuditInputs &inputs : gathering.inputs) {
        inputs.kubeEvents = events;
        inputs.ownedObjects = owned;
        if (const auto live = m_liveObjects.constFind(inputs.app.name);
            live != m_liveObjects.cend())
            inputs.liveObjects = *live;
    }
    auto *watcher = new QFutureWatcher<AuditTable>(this);
    const int generation = m_generation;
    connect(watcher, &QFutureWatcher<AuditTable>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_rejoining = false;
        // The same rows but the new Events: the selection and the scroll position stay on
        // the event shown.
        const QModelIndex current = m_table->currentIndex();
        const audit::AuditEvent *selected =
            current.isValid() ? m_filter->event(current.row()) : nullptr;
        const std::optional<audit::AuditEvent> kept =
            selected ? std::optional(*selected) : std::nullopt;
        m_model->setTable(watcher->result());
        m_notes->setText(m_model->table().log->notes.join(u'\n'));
        fillChoices();
        applyFilters();
        for (int row = 0; kept && row < m_filter->rowCount(); ++row) {
            const audit::AuditEvent *event = m_filter->event(row);
            if (event->time == kept->time && event->source == kept->source
                && event->summary == kept->summary && event->resource == kept->resource) {
                m_table->setCurrentIndex(m_presentation->index(row, 0));
                break;
            }
        }
        Q_EMIT eventsUpdated();
        if (std::exchange(m_rejoinAgain, false))
            rejoinEvents();
    });
    watcher->setFuture(
        QtConcurrent::run(joinedTable, gathering, m_pulls, m_forgeNote, m_verifications));
}

void AuditView::failed(const QString &message)
{
    setBusy({});
    m_notes->setText(tr("The audit log could not be built: %1").arg(message));
    Q_EMIT built();
}

void AuditView::setBusy(const QString &message)
{
    m_progressLabel->setText(message);
    m_progressLabel->setVisible(!message.isEmpty());
    m_progress->setVisible(!message.isEmpty());
    m_refresh->setEnabled(message.isEmpty());
    m_fileButton->setEnabled(message.isEmpty());
}

void AuditView::fillChoices()
{
    const QSignalBlocker actorBlocker(m_actor);
    const QSignalBlocker kindBlocker(m_kind);
    const QString actor = m_actor->currentData().toString();
    const QString kind = m_kind->currentData().toString();
    m_actor->clear();
    m_actor->addItem(tr("Every actor"), QString());
    for (const QString &name : m_model->table().actors)
        m_actor->addItem(name, name);
    m_actor->setCurrentIndex(std::max(0, m_actor->findData(actor)));
    m_kind->clear();
    m_kind->addItem(tr("Every kind"), QString());
    for (const QString &name : m_model->table().kinds)
        m_kind->addItem(name, name);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
}

void AuditView::showResource(const manifest::ResourceId &resource, const QString &field,
                             const QString &writer)
{
    m_resource = resource;
    m_field = field;
    m_writer = writer;
    if (resource.kind.isEmpty()) {
        m_resourceChip->hide();
    } else {
        audit::AuditEvent named;
        named.resource = resource;
        const QString text = named.resourceText();
        const QString shown = field.isEmpty() ? text : tr("%1, field %2").arg(text, field);
        m_resourceChip->setToolTip(tr("Only %1 (and the app's own events); click to show every "
                                      "resource's events again")
                                       .arg(shown));
        m_resourceChip->setText(
            fontMetrics().elidedText(shown, Qt::ElideMiddle, m_resourceChip->maximumWidth() - 40)
            + QStringLiteral(" ✕"));
        m_resourceChip->show();
    }
    applyFilters();
}

void AuditView::applyFilters()
{
    audit::AuditFilter filter;
    filter.resource = m_resource;
    if (m_sinceOn->isChecked())
        filter.since = m_since->dateTime().toUTC();
    if (m_untilOn->isChecked())
        filter.until = m_until->dateTime().toUTC();
    m_filter->setFilter(filter);
    m_filter->setField(m_field);
    m_filter->setActor(m_actor->currentData().toString());
    const int source = m_source->currentData().toInt();
    m_filter->setSource(source < 0 ? std::nullopt : std::optional(Source(source)));
    m_filter->setKind(m_kind->currentData().toString());
    const int reviewed = m_reviewed->currentData().toInt();
    m_filter->setReviewed(reviewed < 0 ? std::nullopt : std::optional(Reviewed(reviewed)));
    updateCount();
}

void AuditView::updateCount()
{
    m_count->setText(tr("%1 of %2 events").arg(m_filter->rowCount()).arg(m_model->rowCount()));
    const bool rows = m_filter->rowCount() > 0;
    m_exportCsv->setEnabled(rows);
    m_exportJson->setEnabled(rows);
}

void AuditView::showEvidence()
{
    const QModelIndex current = m_table->currentIndex();
    const audit::AuditEvent *event = current.isValid() ? m_filter->event(current.row()) : nullptr;
    if (!event) {
        m_evidence->clear();
        m_commitDiff->hide();
        m_diffAsked.clear();
        return;
    }
    if (event->source == Source::Commit) {
        showCommitDiff(*event);
    } else {
        m_commitDiff->hide();
        m_diffAsked.clear();
    }
    const auto escaped = [](const QString &text) { return text.toHtmlEscaped(); };
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(escaped(event->summary));
    html += QStringLiteral("<table cellspacing=\"2\">");
    const auto row = [&](const QString &label, const QString &value) {
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><i>%1</i></td><td>%2</td></tr>").arg(label, value);
    };
    row(tr("When"), escaped(audit::timeText(*event)));
    row(tr("Who"), escaped(event->actor.isEmpty() ? tr("unknown") : event->actor));
    row(tr("About the actor"), escaped(event->actorDetail));
    row(tr("Source"), escaped(sourceText(event->source)));
    row(tr("Resource"), escaped(event->resourceText()));
    row(tr("Fields"), escaped(event->fields.join(QStringLiteral(", "))));
    row(tr("Reviewed"), escaped(reviewedText(event->reviewed)));
    if (!event->link.isEmpty())
        row(tr("Link"), QStringLiteral("<a href=\"%1\">%1</a>").arg(escaped(event->link)));
    html += QStringLiteral("</table>");
    // The record as read: the commit, the managedFields entry, the audit record (without
    // its bodies), the Event; the model never holds a Secret's value.
    html += QStringLiteral("<p><i>%1</i></p><pre>%2</pre>")
                .arg(tr("Evidence"),
                     escaped(QString::fromUtf8(
                         QJsonDocument(event->evidence).toJson(QJsonDocument::Indented))));
    m_evidence->setHtml(html);
}

void AuditView::showCommitDiff(const audit::AuditEvent &event)
{
    history::HistoryEntry entry;
    entry.id = event.evidence.value(u"commit").toString();
    for (const QJsonValue &parent : event.evidence.value(u"parents").toArray())
        entry.parentIds << parent.toString();
    m_commitDiff->show();
    if (entry.id.isEmpty()) {
        m_diffAsked.clear();
        m_commitDiff->setFailed(tr("The event names no commit."));
        return;
    }
    if (entry.id == m_diffAsked)
        return;
    m_diffAsked = entry.id;
    m_diffShown.clear();
    const std::shared_ptr<git::RepositoryWorker> worker = m_document->session()->repository();
    const AppDesiredState *desired = m_document->session()->desiredApp(event.app);
    if (!worker || !desired) {
        m_commitDiff->setFailed(tr("The app %1 is not in the workspace.").arg(event.app));
        m_diffShown = entry.id;
        Q_EMIT commitDiffReady(entry.id);
        return;
    }
    if (m_historyApp.name != event.app) {
        m_historyApp = desired->app;
        m_stateReader = std::make_shared<std::unique_ptr<history::AppStateReader>>();
    }
    m_commitDiff->setLoading(entry.id.left(8));
    // Rendering the commit and its parent may run kustomize: on the repository worker. The
    // diff is the commit's own; the rollback preview (live) belongs to the timeline.
    using R = std::variant<history::CommitDetail, QString>;
    worker
        ->run<R>([reader = m_stateReader, app = m_historyApp, entry](git::Repository &repository,
                                                                     const git::JobControl &) -> R {
            if (!*reader)
                *reader = std::make_unique<history::AppStateReader>(repository, app);
            return history::commitDetail(repository, **reader, app, entry, std::nullopt);
        })
        .then(this, [this, id = entry.id](const R &result) {
            if (id != m_diffAsked)
                return; // another event is selected meanwhile
            if (const auto *message = std::get_if<QString>(&result))
                m_commitDiff->setFailed(*message);
            else
                m_commitDiff->setDetail(std::get<history::CommitDetail>(result));
            m_diffShown = id;
            Q_EMIT commitDiffReady(id);
        });
}

QString AuditView::exportTo(const QString &path, Format format) const
{
    const audit::AuditLog log = m_filter->shownLog();
    const QByteArray bytes = format == Format::Csv
        ? audit::logCsv(log)
        : QJsonDocument(audit::logJson(log)).toJson(QJsonDocument::Indented);
    // QSaveFile: an existing file stays as it was unless every byte is written.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return file.errorString();
    return {};
}

void AuditView::chooseExport(Format format)
{
    auto *dialog =
        new QFileDialog(this, format == Format::Csv ? tr("Export as CSV") : tr("Export as JSON"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(format == Format::Csv ? tr("CSV files (*.csv)")
                                                : tr("JSON files (*.json)"));
    dialog->setDefaultSuffix(format == Format::Csv ? QStringLiteral("csv")
                                                   : QStringLiteral("json"));
    dialog->selectFile(QStringLiteral("audit-%1").arg(m_app));
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) {
        const QString error = exportTo(path, format);
        if (!error.isEmpty())
            QMessageBox::warning(
                this, tr("Export failed"),
                tr("%1 was not written: %2").arg(QDir::toNativeSeparators(path), error));
    });
    dialog->open();
}

void AuditView::chooseAuditLogFile()
{
    auto *dialog = new QFileDialog(this, tr("Kubernetes Audit Log File"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { open(m_app, path); });
    dialog->open();
}

} // namespace gitops
