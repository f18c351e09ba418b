#include "changerequests.h"

#include "changereviewdialog.h"
#include "differencelist.h"
#include "drafteditcommand.h"
#include "driftbrowser.h"
#include "forgetokendialog.h"
#include "manifesteditor.h"
#include "manifesteditpane.h"
#include "messagebanner.h"
#include "pendingchange.h"
#include "trusthostdialog.h"

#include "change/liveadoption.h"
#include "change/overlaypatch.h"
#include "change/renderedsource.h"
#include "git/repositoryworker.h"
#include "itemmodels/drifttreemodel.h"
#include "workspace/appdiscovery.h"
#include "workspace/workspacedocument.h"
#include "workspace/workspacesession.h"

#include <QAction>
#include <QDesktopServices>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QtConcurrentRun>

namespace gitops {

namespace {

// A field a controller keeps writing: taking its live value into git would fight the
// controller (or freeze what it decides), so it is refused with the reason.
QString controllerOwned(const drift::Difference &difference)
{
    const drift::FieldWriter &writer = difference.lastWriter;
    const bool autoscaler = writer.manager == u"kube-controller-manager"
        || writer.manager.contains(QLatin1String("autoscaler"), Qt::CaseInsensitive)
        || writer.manager.startsWith(QLatin1String("keda"));
    if (!autoscaler || writer.subresource != u"scale")
        return {};
    return ChangeRequests::tr("%1 wrote it through the scale subresource: an autoscaler "
                              "(HorizontalPodAutoscaler) owns this field, and git would fight it")
        .arg(writer.manager);
}

QString rendererName(AppDesiredState::Renderer renderer)
{
    return renderer == AppDesiredState::Renderer::Helm ? QStringLiteral("Helm")
                                                       : QStringLiteral("kustomize");
}

} // namespace

ChangeRequests::ChangeRequests(WorkspaceDocument *document, DriftBrowser *browser,
                               MessageBanner *banner, QMainWindow *window)
    : QObject(window)
    , m_document(document)
    , m_browser(browser)
    , m_banner(banner)
    , m_window(window)
    , m_pending(new PendingChange(this))
    , m_pane(new ManifestEditPane(m_pending, window))
    , m_dock(new QDockWidget(tr("Edit in Git"), window))
    , m_menu(new QMenu(tr("&Change"), window))
    , m_pendingButton(new QToolButton(window))
    , m_submissionLabel(new QLabel(window))
    , m_submissionBar(new QProgressBar(window))
    , m_submissionCancel(new QToolButton(window))
{
    QUndoStack *stack = document->undoStack();
    m_undoAction = stack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_redoAction = stack->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(QKeySequence::Redo)});

    m_adoptAction = new QAction(tr("&Take Live Value into Git"), this);
    m_adoptAction->setObjectName(QStringLiteral("adoptLiveValue"));
    m_adoptAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_adoptAction->setStatusTip(tr("Write the live value of the selected differences into the "
                                   "resource's file in git, as a pending change"));
    connect(m_adoptAction, &QAction::triggered, this,
            [this] { adopt(m_browser->differences()->selectedDifferences()); });
    m_adoptResourceAction = new QAction(tr("Take All Live Values of the &Resource into Git"), this);
    m_adoptResourceAction->setObjectName(QStringLiteral("adoptResource"));
    m_adoptResourceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_adoptResourceAction->setStatusTip(
        tr("Write every drifted field of the selected resource into its file in git"));
    connect(m_adoptResourceAction, &QAction::triggered, this, [this] {
        if (const drift::ResourceDrift *resource = m_browser->selectedResource())
            adopt(resource->differences);
    });
    m_adoptObjectAction = new QAction(tr("&Add the Live Object to Git"), this);
    m_adoptObjectAction->setObjectName(QStringLiteral("adoptObject"));
    m_adoptObjectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
    m_adoptObjectAction->setStatusTip(
        tr("Write the selected resource, which only the cluster has, into a new file of its "
           "app's folder in git"));
    connect(m_adoptObjectAction, &QAction::triggered, this, &ChangeRequests::adoptObject);
    m_editAction = new QAction(tr("&Edit Source in Git"), this);
    m_editAction->setObjectName(QStringLiteral("editSource"));
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_editAction->setStatusTip(tr("Edit the file that defines the selected resource"));
    connect(m_editAction, &QAction::triggered, this, &ChangeRequests::editSource);
    m_reviewAction = new QAction(tr("Re&view Change…"), this);
    m_reviewAction->setObjectName(QStringLiteral("reviewChange"));
    m_reviewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_reviewAction->setStatusTip(tr("Review the pending change and open its pull request"));
    connect(m_reviewAction, &QAction::triggered, this, &ChangeRequests::showReview);
    m_discardAction = new QAction(tr("&Discard Change"), this);
    m_discardAction->setStatusTip(tr("Drop every edit of the pending change (Undo brings it "
                                     "back)"));
    connect(m_discardAction, &QAction::triggered, this, &ChangeRequests::discard);

    m_menu->addAction(m_adoptAction);
    m_menu->addAction(m_adoptResourceAction);
    m_menu->addAction(m_adoptObjectAction);
    m_menu->addAction(m_editAction);
    m_menu->addAction(m_dock->toggleViewAction());
    m_menu->addSeparator();
    m_menu->addAction(m_reviewAction);
    m_menu->addAction(m_discardAction);
    m_menu->addSeparator();
    m_submittedMenu = m_menu->addMenu(tr("&Submitted Changes"));
    m_submittedMenu->setEnabled(false);

    // Per field and per selection in the Differences list, per resource on the tree.
    DifferenceList *differences = m_browser->differences();
    differences->setContextMenuPolicy(Qt::ActionsContextMenu);
    differences->addActions({m_adoptAction, m_adoptResourceAction, m_editAction});
    m_browser->tree()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_browser->tree()->addActions({m_adoptResourceAction, m_adoptObjectAction, m_editAction});
    connect(differences, &DifferenceList::chosenChanged, this, &ChangeRequests::updateActions);

    m_dock->setObjectName(QStringLiteral("editDock"));
    m_dock->setWidget(m_pane);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    m_pendingButton->setObjectName(QStringLiteral("pendingChange"));
    m_pendingButton->setAutoRaise(true);
    m_pendingButton->setToolTip(m_reviewAction->statusTip());
    connect(m_pendingButton, &QToolButton::clicked, this, &ChangeRequests::showReview);
    m_submissionLabel->setObjectName(QStringLiteral("submissionStatus"));
    m_submissionLabel->setTextFormat(Qt::RichText);
    m_submissionLabel->setOpenExternalLinks(true); // the pull request opens in the browser
    m_submissionBar->setMaximumWidth(120);
    m_submissionBar->setMaximumHeight(window->fontMetrics().height());
    m_submissionBar->setTextVisible(false);
    m_submissionCancel->setObjectName(QStringLiteral("submissionCancel"));
    m_submissionCancel->setText(tr("Cancel"));
    m_submissionCancel->setAutoRaise(true);
    m_submissionCancel->setToolTip(tr("Stop the submission; submitting again finishes it on the "
                                      "same branch and pull request"));
    connect(m_submissionCancel, &QToolButton::clicked, this, [this] {
        if (m_submission)
            m_submission->cancel();
    });
    window->statusBar()->addPermanentWidget(m_submissionLabel);
    window->statusBar()->addPermanentWidget(m_submissionBar);
    window->statusBar()->addPermanentWidget(m_submissionCancel);
    window->statusBar()->addPermanentWidget(m_pendingButton);
    m_submissionLabel->hide();
    m_submissionBar->hide();
    m_submissionCancel->hide();

    connect(m_pane, &ManifestEditPane::edited, this, &ChangeRequests::typed);
    connect(m_pane, &ManifestEditPane::revertRequested, this, &ChangeRequests::revertFile);
    connect(m_pane, &ManifestEditPane::previewed, this, &ChangeRequests::previewed);
    connect(m_pending, &PendingChange::changed, this, &ChangeRequests::updatePending);
    connect(m_pending, &PendingChange::changed, this, &ChangeRequests::updateMarks);
    connect(m_browser, &DriftBrowser::resourceShown, this, [this] {
        updateActions();
        updatePreviewTarget();
    });
    connect(m_document, &WorkspaceDocument::opened, this, [this](const WorkspaceInfo &info) {
        if (!info.isValid())
            return;
        // Another repository: its undo stack starts empty, and so does the change.
        m_pending->clear();
        delete m_submission;
        m_submission = nullptr;
        if (m_review)
            m_review->close();
    });
    updatePending();
    updateActions();
}

ChangeRequests::~ChangeRequests() = default;

ChangeReviewDialog *ChangeRequests::review() const
{
    return m_review;
}

QList<QAction *> ChangeRequests::editActions() const
{
    return {m_undoAction, m_redoAction};
}

std::optional<ChangeRequests::Source> ChangeRequests::sourceOfSelected(QString *why) const
{
    const drift::ResourceDrift *resource = m_browser->selectedResource();
    if (!resource) {
        *why = tr("Select a resource first.");
        return std::nullopt;
    }
    const QString appName = m_browser->selectedApp();
    const AppDesiredState *app = m_document->session()->desiredApp(appName);
    if (!app) {
        *why = tr("The app %1 is being read again; try again once it is shown.").arg(appName);
        return std::nullopt;
    }
    for (const manifest::Resource &candidate : app->resources) {
        if (candidate.id != resource->id)
            continue;
        Source source;
        source.app = appName;
        // Shown in the review's captions ("at a1b2c3d4") and read at.
        source.revision =
            drift::WorkspaceDrift::shortRevision(m_document->session()->snapshot().revision);
        source.resource = candidate;
        source.rendered = app->renderer != AppDesiredState::Renderer::Plain;
        source.renderer = rendererName(app->renderer);
        return source;
    }
    *why = resource->status == drift::SyncStatus::Extraneous
        ? tr("%1 is not in git; Add the Live Object to Git writes it into a new file.")
              .arg(resource->id.toString())
        : tr("%1 is not in git.").arg(resource->id.toString());
    return std::nullopt;
}

void ChangeRequests::withBytes(
    const Source &source,
    std::function<void(const QByteArray &, const QByteArray &, const QString &, const QString &)>
        then)
{
    const QString path = source.resource.file;
    if (const std::optional<PendingChange::File> file = m_pending->file(path)) {
        then(file->original, file->current, file->commit, QString());
        return;
    }
    const std::shared_ptr<git::RepositoryWorker> worker = m_document->repository();
    if (!worker) {
        then({}, {}, {}, tr("No repository is open."));
        return;
    }
    // The bytes, and the commit they were read at (the working copy's: HEAD's).
    using Read = std::variant<std::pair<QByteArray, QString>, QString>;
    const QString revision = source.revision;
    worker
        ->run<Read>([revision, path](git::Repository &repository, const git::JobControl &) -> Read {
            const auto resolved = repository.resolve(revision);
            if (const auto *error = std::get_if<QString>(&resolved))
                return Read(std::in_place_index<1>, *error);
            const auto files =
                repository.files(std::get<git::Revision>(resolved), path.section(u'/', 0, -2));
            if (const auto *error = std::get_if<QString>(&files))
                return Read(std::in_place_index<1>, *error);
            const git::Revision &at = std::get<git::Revision>(resolved);
            for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(files)) {
                if (file.path != path)
                    continue;
                const auto bytes = repository.read(file);
                if (const auto *error = std::get_if<QString>(&bytes))
                    return Read(std::in_place_index<1>, *error);
                return Read(std::in_place_index<0>, std::get<QByteArray>(bytes), at.commitId);
            }
            return Read(std::in_place_index<1>,
                        ChangeRequests::tr("%1 is not in revision %2").arg(path, revision));
        })
        .then(this, [this, path, then = std::move(then)](const Read &read) {
            if (const auto *error = std::get_if<QString>(&read)) {
                then({}, {}, {}, tr("%1 could not be read: %2").arg(path, *error));
                return;
            }
            // An edit made while the file was read builds on top of it.
            if (const std::optional<PendingChange::File> file = m_pending->file(path)) {
                then(file->original, file->current, file->commit, QString());
            } else {
                const auto &[bytes, commit] = std::get<0>(read);
                then(bytes, bytes, commit, QString());
            }
        });
}

void ChangeRequests::adopt(const QList<drift::Difference> &differences)
{
    QString why;
    const std::optional<Source> source = sourceOfSelected(&why);
    if (source && differences.isEmpty())
        why = tr("%1 has no drifted field to take into git.").arg(source->resource.id.toString());
    if (!source || differences.isEmpty()) {
        refuse(why);
        Q_EMIT adoptionDone({why});
        return;
    }
    withBytes(*source,
              [this, source = *source, differences](const QByteArray &original,
                                                    const QByteArray &current,
                                                    const QString &commit, const QString &error) {
                  if (!error.isEmpty()) {
                      refuse(error);
                      Q_EMIT adoptionDone({error});
                      return;
                  }
                  adoptInto(source, differences, original, current, commit);
              });
}

void ChangeRequests::adoptObject()
{
    const drift::ResourceDrift *resource = m_browser->selectedResource();
    const QString appName = m_browser->selectedApp();
    const AppDesiredState *app = resource ? m_document->session()->desiredApp(appName) : nullptr;
    const std::shared_ptr<git::RepositoryWorker> worker = m_document->repository();
    QString why;
    if (!resource)
        why = tr("Select a resource first.");
    else if (resource->status != drift::SyncStatus::Extraneous || resource->live.isEmpty())
        why =
            tr("%1 is in git already: take its live values instead.").arg(resource->id.toString());
    else if (!app)
        why = tr("The app %1 is being read again; try again once it is shown.").arg(appName);
    else if (!worker)
        why = tr("No repository is open.");
    if (!why.isEmpty()) {
        refuse(why);
        Q_EMIT adoptionDone({why});
        return;
    }
    const QJsonObject live = resource->live;
    const QString id = resource->id.toString();
    // Read at, and shown as the new file's revision ("at a1b2c3d4").
    const QString revision =
        drift::WorkspaceDrift::shortRevision(m_document->session()->snapshot().revision);
    const QString folder = app->app.paths.value(0);
    using Read = std::variant<change::LiveObjectTarget, QString>;
    worker
        ->run<Read>(
            [revision, folder](git::Repository &repository, const git::JobControl &) -> Read {
                return change::readLiveObjectTarget(repository, revision, folder);
            })
        .then(this, [this, live, id, appName, revision](const Read &read) {
            if (const auto *error = std::get_if<QString>(&read)) {
                const QString message = tr("The app's folder could not be read: %1").arg(*error);
                refuse(message);
                Q_EMIT adoptionDone({message});
                return;
            }
            // The folder as the pending change has it: its kustomization edited, its new
            // files taken (so that a second object gets a name of its own).
            change::LiveObjectTarget target = std::get<change::LiveObjectTarget>(read);
            if (!target.kustomizationFile.isEmpty()) {
                if (const std::optional<PendingChange::File> file =
                        m_pending->file(target.kustomizationFile))
                    target.kustomization = file->current;
            }
            for (const QString &path : m_pending->paths()) {
                if (path.section(u'/', 0, -2) == target.folder
                    && !target.existingFiles.contains(path))
                    target.existingFiles << path;
            }
            const change::LiveAdoption adoption = change::adoptLiveObject(live, target);
            QStringList refusals;
            for (const change::AdoptionRefusal &refusal : adoption.refusals)
                refusals << refusal.reason;
            if (!refusals.isEmpty() || adoption.draft.files.isEmpty()) {
                if (refusals.isEmpty())
                    refusals << tr("%1 gave nothing to write").arg(id);
                refuse(tr("Not taken into git:") + u'\n' + refusals.join(u'\n'));
                Q_EMIT adoptionDone(refusals);
                return;
            }
            QUndoStack *stack = m_document->undoStack();
            stack->beginMacro(tr("Add %1 to Git").arg(id));
            QStringList paths;
            for (auto it = adoption.draft.files.cbegin(); it != adoption.draft.files.cend(); ++it) {
                // Not in the change yet: the kustomization as read, or a new file.
                const std::optional<PendingChange::File> before = m_pending->file(it.key());
                const QByteArray asRead =
                    it.key() == target.kustomizationFile ? target.kustomization : QByteArray();
                PendingChange::File file = before.value_or(PendingChange::File{appName,
                                                                               revision,
                                                                               asRead,
                                                                               asRead,
                                                                               {},
                                                                               false,
                                                                               target.commit});
                file.current = it.value();
                for (const QString &line : adoption.draft.summary) {
                    if (line.startsWith(it.key() + QStringLiteral(": ")))
                        file.summary << line;
                }
                stack->push(new DraftEditCommand(m_pending, it.key(), before, file,
                                                 DraftEditCommand::Kind::Adoption, QString()));
                paths << it.key();
            }
            stack->endMacro();
            m_window->statusBar()->showMessage(tr("%1 added to git in %2 (pending change)")
                                                   .arg(id, paths.join(QStringLiteral(", "))),
                                               8000);
            Q_EMIT adoptionDone({});
        });
}

void ChangeRequests::adoptInto(const Source &source, const QList<drift::Difference> &differences,
                               const QByteArray &original, const QByteArray &current,
                               const QString &commit)
{
    const QString path = source.resource.file;
    QStringList refusals;
    QList<drift::Difference> allowed;
    for (const drift::Difference &difference : differences) {
        const QString owner = controllerOwned(difference);
        if (!owner.isEmpty()) {
            refusals << tr("%1: %2").arg(difference.path, owner);
            continue;
        }
        allowed << difference;
    }
    if (source.rendered) {
        adoptRendered(source, allowed, refusals);
        return;
    }
    const std::variant<int, QString> document = documentOf(current, source.resource);
    if (const auto *error = std::get_if<QString>(&document)) {
        refusals << *error;
        refuse(tr("Not taken into git: %1").arg(*error));
        Q_EMIT adoptionDone(refusals);
        return;
    }
    change::AdoptionSource adoptionSource;
    adoptionSource.file = path;
    adoptionSource.bytes = current;
    adoptionSource.document = std::get<int>(document);
    adoptionSource.kind = source.resource.id.kind;
    adoptionSource.rendered = source.rendered;
    const change::LiveAdoption adoption = change::adoptLiveValues(allowed, adoptionSource);
    for (const change::AdoptionRefusal &refusal : adoption.refusals)
        refusals << tr("%1: %2").arg(refusal.path, refusal.reason);
    const auto edited = adoption.draft.files.constFind(path);
    if (edited != adoption.draft.files.cend() && *edited != current) {
        const std::optional<PendingChange::File> before = m_pending->file(path);
        PendingChange::File after = before.value_or(
            PendingChange::File{source.app, source.revision, original, current, {}, false, commit});
        after.current = *edited;
        after.summary << adoption.draft.summary;
        const int taken = int(adoption.draft.summary.size());
        m_document->undoStack()->push(
            new DraftEditCommand(m_pending, path, before, after, DraftEditCommand::Kind::Adoption,
                                 taken == 1 ? tr("Take a Live Value into Git")
                                            : tr("Take %1 Live Values into Git").arg(taken)));
        m_window->statusBar()->showMessage(tr("%1: live values taken into %2 (pending change)")
                                               .arg(source.resource.id.toString(), path),
                                           8000);
    }
    if (!refusals.isEmpty())
        refuse(tr("Not taken into git:") + u'\n' + refusals.join(u'\n'));
    Q_EMIT adoptionDone(refusals);
}

void ChangeRequests::adoptRendered(const Source &source, const QList<drift::Difference> &allowed,
                                   const QStringList &refusals)
{
    // As `gitops-console adopt` does: every YAML document of the revision's tree of the
    // resource's kind and name (its base, an overlay's patch; bases may live outside the
    // app's folder) is a candidate, and change::renderedSources() names per field the one
    // that literally holds the rendered value.
    const std::shared_ptr<git::RepositoryWorker> worker = m_document->repository();
    if (!worker) {
        refuse(tr("No repository is open."));
        Q_EMIT adoptionDone(refusals + QStringList{tr("No repository is open.")});
        return;
    }
    struct Read
    {
        QString commit;
        QList<std::pair<QString, QByteArray>> files;
        /// The app's own kustomization (its overlay): where a patch for a field no file
        /// holds goes.
        QString kustomizationPath;
        QByteArray kustomization;
    };
    using Result = std::variant<Read, QString>;
    const QString revision = source.revision;
    const QByteArray name = source.resource.id.name.toUtf8();
    const AppDesiredState *app = m_document->session()->desiredApp(source.app);
    const QString overlayFolder = app ? app->app.paths.value(0) : QString();
    worker
        ->run<Result>([revision, name, overlayFolder](git::Repository &repository,
                                                      const git::JobControl &control) -> Result {
            Read read;
            const auto resolved = repository.resolve(revision);
            if (const auto *error = std::get_if<QString>(&resolved))
                return Result(std::in_place_index<1>, *error);
            read.commit = std::get<git::Revision>(resolved).commitId;
            const auto files = repository.files(std::get<git::Revision>(resolved));
            if (const auto *error = std::get_if<QString>(&files))
                return Result(std::in_place_index<1>, *error);
            for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(files)) {
                if (control.stopRequested())
                    break;
                if (isKustomizationFile(file.path) && !overlayFolder.isEmpty()
                    && file.path.section(u'/', 0, -2) == overlayFolder) {
                    const auto bytes = repository.read(file);
                    if (const auto *content = std::get_if<QByteArray>(&bytes)) {
                        read.kustomizationPath = file.path;
                        read.kustomization = *content;
                    }
                    continue;
                }
                if ((!file.path.endsWith(u".yaml") && !file.path.endsWith(u".yml"))
                    || isKustomizationFile(file.path))
                    continue;
                const auto bytes = repository.read(file);
                if (const auto *content = std::get_if<QByteArray>(&bytes);
                    content && content->contains(name))
                    read.files.append({file.path, *content});
            }
            return Result(std::in_place_index<0>, read);
        })
        .then(this, [this, source, allowed, refusals](const Result &result) {
            QStringList refused = refusals;
            if (const auto *error = std::get_if<QString>(&result)) {
                const QString message = tr("The app's files could not be read: %1").arg(*error);
                refuse(message);
                Q_EMIT adoptionDone(refused << message);
                return;
            }
            const Read &read = std::get<Read>(result);
            // A file the pending change holds is read as the change has it.
            QList<change::RenderedCandidate> candidates;
            QHash<QString, PendingChange::File> files;
            for (const auto &[path, bytes] : read.files) {
                const std::optional<PendingChange::File> pending = m_pending->file(path);
                PendingChange::File file = pending.value_or(PendingChange::File{source.app,
                                                                                source.revision,
                                                                                bytes,
                                                                                bytes,
                                                                                {},
                                                                                false,
                                                                                read.commit});
                files.insert(path, file);
                candidates += change::renderedCandidates(
                    path, file.current, source.resource.id.kind, source.resource.id.name);
            }
            // As `gitops-console adopt` does (change::adoptRenderedLiveValues()): the one
            // file that holds a field, else a strategic-merge patch in the app's overlay.
            std::optional<change::KustomizeOverlay> overlay;
            if (!read.kustomizationPath.isEmpty()) {
                const PendingChange::File kustomization =
                    m_pending->file(read.kustomizationPath)
                        .value_or(PendingChange::File{source.app,
                                                      source.revision,
                                                      read.kustomization,
                                                      read.kustomization,
                                                      {},
                                                      false,
                                                      read.commit});
                files.insert(read.kustomizationPath, kustomization);
                overlay =
                    change::KustomizeOverlay{read.kustomizationPath, kustomization.current, {}, {}};
                const QString patchFile =
                    change::overlayPatchFile(read.kustomizationPath, source.resource.id);
                if (files.contains(patchFile))
                    overlay->existingPatch = files.value(patchFile).current;
                else if (const std::optional<PendingChange::File> pending =
                             m_pending->file(patchFile))
                    overlay->existingPatch = pending->current;
                if (!files.contains(patchFile)) {
                    // A new file: nothing at the revision.
                    files.insert(
                        patchFile,
                        m_pending->file(patchFile).value_or(PendingChange::File{source.app,
                                                                                source.revision,
                                                                                {},
                                                                                {},
                                                                                {},
                                                                                false,
                                                                                read.commit}));
                }
            }
            const change::LiveAdoption adoption = change::adoptRenderedLiveValues(
                allowed, source.resource.id, source.resource.object.value(u"apiVersion").toString(),
                candidates, overlay);
            for (const change::AdoptionRefusal &refusal : adoption.refusals)
                refused << tr("%1: %2").arg(refusal.path, refusal.reason);
            QList<std::pair<QString, PendingChange::File>> edits;
            for (auto it = adoption.draft.files.cbegin(); it != adoption.draft.files.cend(); ++it) {
                PendingChange::File file = files.value(it.key());
                if (file.current == it.value())
                    continue;
                file.current = it.value();
                for (const QString &line : adoption.draft.summary) {
                    if (line.startsWith(it.key() + QStringLiteral(": ")))
                        file.summary << line;
                }
                edits.append({it.key(), file});
            }
            const int taken = int(adoption.draft.summary.size());
            if (!edits.isEmpty()) {
                QUndoStack *stack = m_document->undoStack();
                stack->beginMacro(taken == 1 ? tr("Take a Live Value into Git")
                                             : tr("Take %1 Live Values into Git").arg(taken));
                QStringList paths;
                for (const auto &[path, file] : edits) {
                    stack->push(new DraftEditCommand(m_pending, path, m_pending->file(path), file,
                                                     DraftEditCommand::Kind::Adoption, QString()));
                    paths << path;
                }
                stack->endMacro();
                m_window->statusBar()->showMessage(
                    tr("%1: live values taken into %2 (pending change)")
                        .arg(source.resource.id.toString(), paths.join(QStringLiteral(", "))),
                    8000);
            }
            if (!refused.isEmpty())
                refuse(tr("Not taken into git:") + u'\n' + refused.join(u'\n'));
            Q_EMIT adoptionDone(refused);
        });
}

void ChangeRequests::editSource()
{
    QString why;
    const std::optional<Source> source = sourceOfSelected(&why);
    if (!source) {
        refuse(why);
        return;
    }
    withBytes(*source,
              [this, source = *source](const QByteArray &original, const QByteArray &,
                                       const QString &commit, const QString &error) {
                  if (!error.isEmpty())
                      refuse(error);
                  else
                      openInEditor(source, original, commit);
              });
}

void ChangeRequests::openInEditor(const Source &source, const QByteArray &original,
                                  const QString &commit)
{
    const QString path = source.resource.file;
    if (!m_pending->file(path)) {
        // Opening a file is no edit: nothing for the undo stack until the user types.
        m_pending->setFile(path,
                           PendingChange::File{source.app,
                                               source.revision,
                                               original,
                                               original,
                                               {},
                                               false,
                                               commit});
    }
    // A rendered resource's line is in its kustomization, not the object's own lines.
    int first = source.rendered ? 0 : source.resource.line;
    int last = first;
    for (const int line : source.resource.fieldLines)
        last = first > 0 ? std::max(last, line) : 0;
    m_pane->showFile(path, first, last);
    m_dock->show();
    m_dock->raise();
    m_pane->editor()->setFocus(Qt::OtherFocusReason);
    m_previewKey.clear(); // ask for a preview of the selected resource again
    updatePreviewTarget();
}

void ChangeRequests::typed(const QString &path, const QByteArray &bytes)
{
    const std::optional<PendingChange::File> before = m_pending->file(path);
    if (!before || before->current == bytes)
        return;
    PendingChange::File after = *before;
    after.current = bytes;
    after.handEdited = true;
    const QString line = tr("%1: edited by hand").arg(path);
    if (!after.summary.contains(line))
        after.summary << line;
    m_document->undoStack()->push(new DraftEditCommand(m_pending, path, before, after,
                                                       DraftEditCommand::Kind::Typing,
                                                       tr("Typing in %1").arg(path)));
}

void ChangeRequests::revertFile(const QString &path)
{
    const std::optional<PendingChange::File> before = m_pending->file(path);
    if (!before || before->current == before->original)
        return;
    PendingChange::File after = *before;
    after.current = after.original;
    after.summary.clear();
    after.handEdited = false;
    m_document->undoStack()->push(new DraftEditCommand(m_pending, path, before, after,
                                                       DraftEditCommand::Kind::Adoption,
                                                       tr("Revert %1").arg(path)));
}

void ChangeRequests::discard()
{
    const QStringList paths = m_pending->paths();
    if (paths.isEmpty())
        return;
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Discard Change"));
    for (const QString &path : paths)
        stack->push(new DraftEditCommand(m_pending, path, m_pending->file(path), std::nullopt,
                                         DraftEditCommand::Kind::Adoption, QString()));
    stack->endMacro();
}

void ChangeRequests::updateActions()
{
    const drift::ResourceDrift *resource = m_browser->selectedResource();
    const bool inGit = resource && !resource->desired.isEmpty();
    const bool drifted =
        inGit && !resource->differences.isEmpty() && resource->status != drift::SyncStatus::Unknown;
    m_adoptAction->setEnabled(drifted
                              && !m_browser->differences()->selectedDifferences().isEmpty());
    m_adoptResourceAction->setEnabled(drifted);
    m_adoptObjectAction->setEnabled(resource && resource->status == drift::SyncStatus::Extraneous
                                    && !resource->live.isEmpty());
    m_editAction->setEnabled(inGit);
}

void ChangeRequests::updatePending()
{
    const int files = int(m_pending->changedPaths().size());
    m_pendingButton->setText(files == 1 ? tr("Pending change: 1 file")
                                        : tr("Pending change: %1 files").arg(files));
    m_pendingButton->setVisible(files > 0);
    m_reviewAction->setEnabled(files > 0);
    m_discardAction->setEnabled(!m_pending->paths().isEmpty());
    updatePreviewTarget();
}

void ChangeRequests::updatePreviewTarget()
{
    const QString key = m_browser->selectedKey();
    QString why;
    const std::optional<Source> source = sourceOfSelected(&why);
    const drift::ResourceDrift *resource = m_browser->selectedResource();
    const std::optional<PendingChange::File> file =
        source ? m_pending->file(source->resource.file) : std::nullopt;
    if (!source || !resource || !file) {
        if (!m_previewKey.isEmpty()) {
            m_previewKey.clear();
            m_previewLive = {};
            m_pane->clearPreviewTarget();
        }
        m_browser->setPreview(key, std::nullopt);
        return;
    }
    const QString path = source->resource.file;
    const int first = source->rendered ? 0 : source->resource.line;
    int last = first;
    for (const int line : source->resource.fieldLines)
        last = first > 0 ? std::max(last, line) : 0;
    if (m_pane->shownPath() != path)
        m_pane->showFile(path, first, last);
    else
        m_pane->editor()->setMarkedLines(first, last);
    if (key == m_previewKey && resource->live == m_previewLive)
        return;
    m_previewKey = key;
    m_previewLive = resource->live;
    // A kustomize app is rendered with the edit (the pane reads its other files from the
    // repository); a Helm chart is not.
    const QString note = source->rendered && source->renderer == u"Helm"
        ? tr("%1 is a Helm chart, which the console does not render: the diff above still "
             "shows git's revision; the review shows the file diff.")
              .arg(source->app)
        : QString();
    m_pane->setRepository(m_document->repository());
    m_pane->setPreviewTarget(*m_document->session()->desiredApp(source->app), resource->id,
                             resource->live, note);
}

void ChangeRequests::previewed(const QString &path, const EditPreview &preview)
{
    const QString key = m_browser->selectedKey();
    const std::optional<PendingChange::File> file = m_pending->file(path);
    if (!file || file->current == file->original || key.isEmpty() || key != m_previewKey) {
        m_browser->setPreview(key, std::nullopt);
        return;
    }
    if (preview.resource)
        m_browser->setPreview(key, preview.resource);
    else if (preview.resourceGone)
        m_browser->setPreview(key, std::nullopt);
    // A parse error keeps the last preview that parsed; the pane says so.
}

void ChangeRequests::showReview()
{
    if (m_pending->isEmpty()) {
        refuse(tr("There is no pending change to review: take a live value into git or edit a "
                  "resource's source first."));
        return;
    }
    if (!m_review) {
        m_review = new ChangeReviewDialog(m_pending, m_window);
        m_review->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_review, &ChangeReviewDialog::submitRequested, this, &ChangeRequests::submit);
        connect(m_review, &ChangeReviewDialog::cancelRequested, this, [this] {
            if (m_submission)
                m_submission->cancel();
        });
    }
    ReviewContext context;
    context.context = m_document->session()->context();
    const QStringList apps = m_pending->apps();
    const AppDesiredState *app =
        apps.isEmpty() ? nullptr : m_document->session()->desiredApp(apps.constFirst());
    const QString target = change::targetBranchOf(app ? app->app.targetRevision : QString());
    if (!target.isEmpty()) {
        context.targetBranch = target;
        context.targetNote =
            tr("The branch %1's controller follows (its targetRevision)").arg(apps.constFirst());
    } else {
        context.targetNote = tr("The app names no branch it follows: the remote's default "
                                "branch");
    }
    context.title = m_proposalTitle;
    context.description = m_proposalDescription;
    // The verdicts before and after: the apps as the window read them (every one: another
    // app may read the change's files, an overlay of an edited base), live as it is now.
    context.basis = [self = QPointer<ChangeRequests>(this)] {
        VerdictBasis basis;
        if (!self)
            return basis;
        const WorkspaceSession *session = self->m_document->session();
        if (const std::optional<DesiredState> &desired = session->desired()) {
            for (const AppDesiredState &app : desired->apps)
                basis.apps.insert(app.app.name, app);
        }
        basis.live = session->liveObjects();
        return basis;
    };
    context.repository = m_document->repository();
    m_review->setContext(context);
    connect(m_review->title(), &QLineEdit::textChanged, this, &ChangeRequests::showMarks,
            Qt::UniqueConnection);
    m_review->show();
    m_review->raise();
    m_review->activateWindow();
}

void ChangeRequests::proposeFiles(const QString &app, const QList<history::RollbackFile> &files,
                                  const QString &base, const QString &revision,
                                  const QString &title, const QString &description)
{
    if (!m_pending->isEmpty()) {
        refuse(tr("A change is pending already: submit or discard it first."));
        return;
    }
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(title);
    for (const history::RollbackFile &file : files) {
        PendingChange::File pending;
        pending.app = app;
        pending.revision = base.left(8);
        pending.original = file.before;
        pending.current = file.after;
        pending.summary = {tr("%1: as at %2").arg(file.path, revision.left(8))};
        pending.commit = base;
        pending.removed = file.removed;
        stack->push(new DraftEditCommand(m_pending, file.path, m_pending->file(file.path), pending,
                                         DraftEditCommand::Kind::Adoption, title));
    }
    stack->endMacro();
    m_proposalTitle = title;
    m_proposalDescription = description;
    connect(m_pending, &PendingChange::changed, this, &ChangeRequests::forgetProposal,
            Qt::UniqueConnection);
    showReview();
}

void ChangeRequests::updateMarks()
{
    // Which resources the change touches: its files parsed on the thread pool; a newer
    // change's answer wins over an older one still running.
    const quint64 generation = ++m_marksGeneration;
    QList<ChangedFile> files;
    QHash<QString, AppDesiredState> apps;
    for (const QString &path : m_pending->changedPaths()) {
        const PendingChange::File file = *m_pending->file(path);
        files.append({path, file.app, file.original, file.current});
        if (!apps.contains(file.app)) {
            if (const AppDesiredState *app = m_document->session()->desiredApp(file.app))
                apps.insert(file.app, *app);
        }
    }
    if (files.isEmpty()) {
        m_marked.clear();
        showMarks();
        return;
    }
    QtConcurrent::run([files, apps] {
        return touchedResources(files, apps);
    }).then(this, [this, generation](const QList<manifest::ResourceId> &touched) {
        if (generation != m_marksGeneration)
            return;
        m_marked = touched;
        showMarks();
    });
}

void ChangeRequests::showMarks()
{
    const QString title = m_review && !m_review->title()->text().trimmed().isEmpty()
        ? m_review->title()->text().trimmed()
        : ChangeReviewDialog::titleFor(m_pending, m_proposalTitle);
    m_browser->model()->setPendingChange(m_marked, title);
}

void ChangeRequests::forgetProposal()
{
    // Undone, discarded or submitted: a later change is made from its edits again.
    if (m_pending->isEmpty()) {
        m_proposalTitle.clear();
        m_proposalDescription.clear();
    }
}

void ChangeRequests::submit(const change::SubmissionRequest &request)
{
    if (!m_document->repository()) {
        refuse(tr("No repository is open."));
        return;
    }
    if (m_submission && m_submission->isRunning())
        return;
    if (!m_submission) {
        m_submission = new change::ChangeSubmission(m_document->repository(), this);
        if (m_tokenSource)
            m_submission->setTokenSource(m_tokenSource->first, m_tokenSource->second);
        connect(m_submission, &change::ChangeSubmission::stepStarted, this,
                [this](change::SubmissionStep, const QString &text) {
                    m_submissionLabel->setText(
                        tr("Submitting the change: %1").arg(text.toHtmlEscaped()));
                    m_submissionBar->setRange(0, 0);
                });
        connect(m_submission, &change::ChangeSubmission::progress, this,
                [this](qint64 done, qint64 total, const QString &text) {
                    // A rate-limit wait, say, has words but no amount.
                    if (total == 0 && !text.isEmpty())
                        m_submissionLabel->setText(
                            tr("Submitting the change: %1").arg(text.toHtmlEscaped()));
                    m_submissionBar->setRange(0, total > 0 ? 1000 : 0);
                    m_submissionBar->setValue(total > 0 ? int(done * 1000 / total) : 0);
                });
        connect(m_submission, &change::ChangeSubmission::finished, this,
                &ChangeRequests::submissionEnded);
    }
    m_submissionLabel->setText(tr("Submitting the change…"));
    m_submissionLabel->setToolTip(QString());
    m_submissionLabel->show();
    m_submissionBar->setRange(0, 0);
    m_submissionBar->show();
    m_submissionCancel->show();
    if (m_review)
        m_review->setRunning(true);
    m_lastRequest = request;
    m_submission->start(request);
}

void ChangeRequests::setTokenSource(const QProcessEnvironment &environment, bool useKeychain)
{
    m_tokenSource = std::pair(environment, useKeychain);
    if (m_submission)
        m_submission->setTokenSource(environment, useKeychain);
}

ForgeTokenDialog *ChangeRequests::tokenDialog() const
{
    return m_tokenDialog;
}

void ChangeRequests::askForToken(const change::SubmissionResult &result)
{
    if (m_tokenDialog)
        return;
    // Before the pull request step, the token is wanted for git's HTTPS transport too.
    const bool forGit =
        result.failedStep && *result.failedStep != change::SubmissionStep::PullRequest;
    m_tokenDialog = new ForgeTokenDialog(result.tokenHost, result.tokenForge, forGit, m_window);
    m_tokenDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_tokenDialog, &ForgeTokenDialog::tokenChosen, this,
            [this](const QString &host, const QByteArray &token) {
                if (!m_submission || m_submission->isRunning())
                    return;
                // The retry opens the request with it (on the branch pushed already), and
                // pushes with it where git's credential helpers have nothing for the remote.
                m_submission->setSessionToken(host, token);
                submit(m_lastRequest);
            });
    m_tokenDialog->open();
}

void ChangeRequests::submissionEnded(const change::SubmissionResult &result)
{
    m_submissionBar->hide();
    m_submissionCancel->hide();
    if (m_review)
        m_review->showResult(result);
    if (result.cancelled) {
        m_submissionLabel->setText(tr("Submission cancelled; the change is still pending."));
    } else if (!result.succeeded()) {
        m_submissionLabel->setText(tr("Submitting failed: %1").arg(result.error.toHtmlEscaped()));
        m_submissionLabel->setToolTip(result.error);
        if (!result.tokenHost.isEmpty())
            askForToken(result);
        if (result.refusedHostKey && !m_window->findChild<TrustHostDialog *>()) {
            // Host, port, key type and fingerprint for a person to compare; trusted, the
            // same request runs again.
            auto *dialog =
                new TrustHostDialog(*result.refusedHostKey, m_lastRequest.knownHostsFile, m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &TrustHostDialog::trusted, this, [this] {
                if (m_submission && !m_submission->isRunning())
                    submit(m_lastRequest);
            });
            dialog->open();
        }
    } else {
        m_submitted << result;
        QString text;
        QUrl url;
        if (result.pullRequest) {
            url = result.pullRequest->webUrl;
            text = tr("Pull request #%1").arg(result.pullRequest->number);
            m_submissionLabel->setText(
                tr("Submitted: <a href=\"%1\">%2</a>").arg(url.toString().toHtmlEscaped(), text));
        } else {
            url = result.compareUrl;
            text = tr("Branch %1").arg(result.branch);
            m_submissionLabel->setText(
                tr("Submitted: branch %1 pushed").arg(result.branch.toHtmlEscaped()));
        }
        QAction *entry = m_submittedMenu->addAction(text);
        entry->setEnabled(url.isValid());
        connect(entry, &QAction::triggered, this, [url] { QDesktopServices::openUrl(url); });
        m_submittedMenu->setEnabled(true);
        // The change is in its pull request now: the draft and its steps go.
        m_window->statusBar()->clearMessage();
        m_pending->clear();
        m_document->undoStack()->clear();
        m_browser->setPreview(m_browser->selectedKey(), std::nullopt);
    }
    Q_EMIT submissionFinished(result);
}

void ChangeRequests::refuse(const QString &message)
{
    QString html = message.toHtmlEscaped();
    html.replace(u'\n', QStringLiteral("<br>"));
    m_banner->showMessage(MessageBanner::Kind::Warning, html);
}

} // namespace gitops
