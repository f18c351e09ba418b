#include "mainwindow.h"

#include "auditview.h"
#include "changerequests.h"
#include "comparepane.h"
#include "differencelist.h"
#include "driftbrowser.h"
#include "emptystate.h"
#include "localizedtext.h"
#include "messagebanner.h"
#include "pendingchange.h"
#include "sidebysidediffview.h"
#include "theme.h"
#include "timelineview.h"
#include "version.h"
#include "workspace/workspacesession.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace gitops {

namespace {

constexpr int maxRecentWorkspaces = 8;

const QString recentKey = QStringLiteral("workspace/recent");
const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString splitterKey = QStringLiteral("window/splitter");
const QString browserSplitterKey = QStringLiteral("window/browserSplitter");
const QString contextKey = QStringLiteral("workspace/context/%1");
const QString flatKey = QStringLiteral("browser/flat");
const QString themeKey = QStringLiteral("view/theme");

QIcon themedIcon(const QString &name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_banner(new MessageBanner(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_resourceEmpty(new EmptyState(this))
    , m_compare(new ComparePane(this))
    , m_contextStatus(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_browser(new DriftBrowser(this))
{
    // The open workspace; the session the widgets below talk to is its own.
    m_document = new WorkspaceDocument(this);
    m_session = m_document->session();
    setWindowTitle(tr("GitOps Console"));
    setWindowIcon(themedIcon(QStringLiteral("gitops-console")));
    setObjectName(QStringLiteral("MainWindow"));

    createActions();
    m_changes = new ChangeRequests(m_document, m_browser, m_banner, this);
    createMenus();
    createWorkspaceBar();

    m_resourceEmpty->setIcon(themedIcon(QStringLiteral("repository")));
    m_resourceEmpty->setObjectName(QStringLiteral("resourceArea"));
    m_compare->setObjectName(QStringLiteral("compareArea"));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_resourceEmpty);
    m_splitter->addWidget(m_compare);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    m_pages->addWidget(m_splitter);
    m_pages->addWidget(m_browser);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_contextStatus->setText(tr("No cluster context selected"));
    createProgressIndicator();
    statusBar()->addPermanentWidget(m_contextStatus);

    connect(m_document, &WorkspaceDocument::opened, this, &MainWindow::showWorkspace);
    // F5 reads the references again: a branch made meanwhile shows in the revision picker.
    connect(m_document, &WorkspaceDocument::infoChanged, this, [this](const WorkspaceInfo &info) {
        m_workspace = info;
        fillRevisions(info);
    });
    connect(m_session, &WorkspaceSession::snapshotChanged, this, &MainWindow::showSnapshot);
    connect(m_session, &WorkspaceSession::progress, this, &MainWindow::showProgress);
    connect(m_session, &WorkspaceSession::problem, this, [this](const QString &message) {
        m_banner->showMessage(MessageBanner::Kind::Warning, message);
    });
    connect(m_browser, &DriftBrowser::exactRequested, m_session, &WorkspaceSession::setAppExact);
    connect(m_session, &WorkspaceSession::exactFailed, m_browser, &DriftBrowser::showExactFailure);
    connect(m_browser, &DriftBrowser::resourceShown, this, [this](const QString &key) {
        if (m_pendingSelection.isEmpty() || key != m_pendingSelection)
            return;
        const bool live = !m_session->context().isEmpty() && !m_session->snapshot().partial;
        if (!live)
            return;
        // Wait for the side-by-side view to show the new texts, then say so once. It may
        // show them already: the same resource selected again with the same texts (its
        // app moved under its parent app, say) gives no new update.
        m_pendingSelection.clear();
        if (!m_browser->diffView()->isUpdating()) {
            Q_EMIT resourceDisplayed();
            return;
        }
        connect(m_browser->diffView(), &SideBySideDiffView::updated, this,
                &MainWindow::resourceDisplayed, Qt::SingleShotConnection);
    });

    showNoWorkspace();
    rebuildRecentMenu();
    fillContexts();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_openAction =
        new QAction(themedIcon(QStringLiteral("repository")), tr("&Open Repository…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a git repository that holds the desired state"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseWorkspace);

    m_refreshAction = new QAction(tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setStatusTip(tr("Read the workspace again"));
    m_refreshAction->setEnabled(false);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (!m_workspace.root.isEmpty())
            m_document->refresh();
    });

    m_findAction = new QAction(tr("&Filter Resources"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setStatusTip(tr("Filter the resources by name, kind, namespace or label"));
    m_findAction->setEnabled(false);
    connect(m_findAction, &QAction::triggered, this, [this] { m_browser->focusFilter(); });

    m_stopAction = new QAction(themedIcon(QStringLiteral("stop")), tr("&Stop Loading"), this);
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stopAction->setStatusTip(tr("Stop listing the cluster and the server's dry runs"));
    m_stopAction->setEnabled(false);
    connect(m_stopAction, &QAction::triggered, m_session, &WorkspaceSession::cancel);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About GitOps Console"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions(m_changes->editActions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    view->addAction(m_stopAction);
    view->addSeparator();
    view->addAction(m_findAction);
    view->addActions(m_browser->viewActions());
    createAuditActions(view);
    // The selected app's rollback timeline (issue 16), also on the tree's context menu.
    m_historyAction = new QAction(tr("App H&istory…"), this);
    m_historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_historyAction->setStatusTip(
        tr("The selected app's commits, the one the cluster runs, and rollback"));
    connect(m_historyAction, &QAction::triggered, this, [this] { openTimeline(); });
    view->addAction(m_historyAction);
    m_browser->tree()->addAction(m_historyAction);
    view->addSeparator();
    QMenu *theme = view->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(this);
    const std::pair<Theme::Choice, QString> choices[] = {{Theme::Choice::System, tr("&System")},
                                                         {Theme::Choice::Light, tr("&Light")},
                                                         {Theme::Choice::Dark, tr("&Dark")}};
    for (const auto &[choice, label] : choices) {
        QAction *action = theme->addAction(label);
        action->setObjectName(QStringLiteral("theme-") + Theme::key(choice));
        action->setCheckable(true);
        action->setChecked(choice == Theme::current());
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [choice] {
            Theme::apply(choice);
            QSettings().setValue(themeKey, Theme::key(choice));
        });
    }

    menuBar()->addMenu(m_changes->menu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createWorkspaceBar()
{
    QToolBar *bar = addToolBar(tr("Workspace"));
    bar->setObjectName(QStringLiteral("workspaceBar"));
    bar->setMovable(false);

    bar->addWidget(new QLabel(tr("Workspace:"), bar));
    m_workspaceButton = new QToolButton(bar);
    m_workspaceButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_workspaceButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_workspaceButton->setMenu(m_recentMenu);
    connect(m_workspaceButton, &QToolButton::clicked, m_openAction, &QAction::trigger);
    bar->addWidget(m_workspaceButton);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr("Context:"), bar));
    m_contextCombo = new QComboBox(bar);
    m_contextCombo->setPlaceholderText(tr("No cluster context selected"));
    m_contextCombo->setMinimumContentsLength(24);
    m_contextCombo->setToolTip(tr("The kubeconfig context whose cluster is compared with git"));
    connect(m_contextCombo, &QComboBox::activated, this,
            [this](int index) { selectContext(m_contextCombo->itemText(index)); });
    bar->addWidget(m_contextCombo);
    bar->addSeparator();

    auto *revisionLabel = new QLabel(tr("&Revision:"), bar);
    bar->addWidget(revisionLabel);
    m_revisionCombo = new QComboBox(bar);
    m_revisionCombo->setObjectName(QStringLiteral("revisionSelector"));
    m_revisionCombo->setEditable(true);
    m_revisionCombo->setInsertPolicy(QComboBox::NoInsert);
    m_revisionCombo->setMinimumContentsLength(22);
    m_revisionCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_revisionCombo->setToolTip(
        tr("The git revision whose manifests are the desired state: a branch, a tag, a commit "
           "(\"HEAD~3\", an id), or the working tree with uncommitted edits"));
    m_revisionCombo->setEnabled(false);
    revisionLabel->setBuddy(m_revisionCombo);
    connect(m_revisionCombo, &QComboBox::activated, this, [this](int index) {
        // A listed entry carries its spec; typed text is the spec itself.
        const QString spec = m_revisionCombo->itemText(index) == m_revisionCombo->currentText()
            ? m_revisionCombo->itemData(index).toString()
            : QString();
        selectRevision(spec.isEmpty() ? m_revisionCombo->currentText().trimmed() : spec);
    });
    connect(m_revisionCombo->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        const int index = m_revisionCombo->findText(m_revisionCombo->currentText());
        const QString spec = index >= 0 ? m_revisionCombo->itemData(index).toString()
                                        : m_revisionCombo->currentText().trimmed();
        selectRevision(spec);
    });
    bar->addWidget(m_revisionCombo);
}

void MainWindow::createProgressIndicator()
{
    m_progressLabel = new QLabel(this);
    m_progressBar = new QProgressBar(this);
    m_progressBar->setMaximumWidth(160);
    m_progressBar->setMaximumHeight(fontMetrics().height());
    m_progressBar->setTextVisible(false);
    m_stopButton = new QToolButton(this);
    m_stopButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_stopButton->setAutoRaise(true);
    m_stopButton->setText(tr("Cancel"));
    connect(m_stopButton, &QToolButton::clicked, m_stopAction, &QAction::trigger);
    statusBar()->addWidget(m_progressLabel);
    statusBar()->addWidget(m_progressBar);
    statusBar()->addWidget(m_stopButton);
    showProgress({});
}

void MainWindow::showProgress(const SessionProgress &progress)
{
    const bool busy = !progress.isIdle();
    QString text = progress.message;
    if (progress.total > 0)
        text = tr("%1 %2/%3").arg(progress.message).arg(progress.done).arg(progress.total);
    m_progressLabel->setText(text);
    m_progressLabel->setVisible(busy);
    m_progressBar->setVisible(busy);
    m_progressBar->setRange(0, progress.total); // 0..0: busy without a count
    m_progressBar->setValue(progress.done);
    m_stopAction->setEnabled(progress.cancellable);
    m_stopButton->setVisible(progress.cancellable);
    m_stopButton->setToolTip(m_stopAction->statusTip() + u' '
                             + m_stopAction->shortcut().toString(QKeySequence::NativeText));
}

void MainWindow::fillRevisions(const WorkspaceInfo &info)
{
    // Filled again by a refresh: the revision being read stays chosen.
    const QString shown = m_session->revision();
    m_revisionCombo->clear();
    const QString commit = info.headCommit.left(8);
    QString head;
    if (info.headCommit.isEmpty())
        head = tr("HEAD (%1, no commits yet)").arg(info.branch);
    else if (info.branch.isEmpty())
        head = tr("HEAD (detached at %1)").arg(commit);
    else
        head = tr("HEAD (%1 at %2)").arg(info.branch, commit);
    m_revisionCombo->addItem(themedIcon(QStringLiteral("commit")), head, QStringLiteral("HEAD"));
    m_revisionCombo->addItem(themedIcon(QStringLiteral("working-tree")),
                             tr("Working tree (uncommitted edits)"),
                             git::Revision::workingCopySpec());
    using Kind = git::Repository::Reference::Kind;
    for (const git::Repository::Reference &reference : info.references) {
        const QString icon =
            reference.kind == Kind::Tag ? QStringLiteral("tag") : QStringLiteral("branch");
        const int index = m_revisionCombo->count();
        m_revisionCombo->addItem(themedIcon(icon), reference.name, reference.name);
        m_revisionCombo->setItemData(index, reference.commitId.left(8), Qt::ToolTipRole);
    }
    const int index = m_revisionCombo->findData(shown);
    if (index >= 0)
        m_revisionCombo->setCurrentIndex(index);
    else if (!shown.isEmpty())
        m_revisionCombo->setEditText(shown);
    else
        m_revisionCombo->setCurrentIndex(0);
    m_revisionCombo->setEnabled(true);
    // Wide enough for HEAD's whole text (its branch may be long); the list shows the rest.
    const QFontMetrics metrics = m_revisionCombo->fontMetrics();
    const int letters = metrics.horizontalAdvance(head) / metrics.horizontalAdvance(u'x') + 2;
    m_revisionCombo->setMinimumContentsLength(std::clamp(letters, 22, 48));
}

void MainWindow::selectRevision(const QString &spec)
{
    if (spec.isEmpty() || m_workspace.root.isEmpty())
        return;
    const int index = m_revisionCombo->findData(spec);
    if (index >= 0)
        m_revisionCombo->setCurrentIndex(index);
    else
        m_revisionCombo->setEditText(spec);
    m_session->setRevision(spec);
}

void MainWindow::openWorkspace(const QString &path)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_document->open(path);
}

void MainWindow::showWorkspace(const WorkspaceInfo &info)
{
    statusBar()->clearMessage();
    if (!info.isValid()) {
        m_banner->showMessage(MessageBanner::Kind::Error,
                              tr("Could not open the workspace. %1").arg(info.error));
        Q_EMIT workspaceShown();
        return;
    }
    m_banner->hide();
    m_workspace = info;
    rememberWorkspace(info.root);

    setWindowTitle(tr("%1 — GitOps Console").arg(info.name));
    m_workspaceButton->setText(info.name);
    m_workspaceButton->setToolTip(QDir::toNativeSeparators(info.root));
    fillRevisions(info);
    m_refreshAction->setEnabled(true);

    m_resourceEmpty->setTitle(tr("Reading apps…"));
    m_resourceEmpty->setText(tr("Discovering the apps of %1 and rendering their manifests.")
                                 .arg(QDir::toNativeSeparators(info.root)));
    m_resourceEmpty->setAction(nullptr);
    m_compare->setEmptyReason(tr("Nothing to compare yet"),
                              tr("Select a resource once the apps are read."));
    // The context remembered for this workspace, else the kubeconfig's current one.
    const QString remembered =
        QSettings().value(contextKey.arg(info.root), m_session->currentContext()).toString();
    if (m_contextCombo->findText(remembered) >= 0)
        selectContext(remembered);
    Q_EMIT workspaceShown();
}

void MainWindow::fillContexts()
{
    const QString error = m_session->loadKubeConfig();
    m_contextCombo->clear();
    m_contextCombo->addItems(m_session->contexts());
    m_contextCombo->setCurrentIndex(-1);
    m_contextCombo->setEnabled(m_contextCombo->count() > 0);
    if (!error.isEmpty())
        m_contextCombo->setToolTip(tr("No kubeconfig could be read: %1").arg(error));
    // No kubeconfig at all is a state (no cluster to compare with); a broken one is a
    // problem the user can fix, named with its file and line.
    if (!error.isEmpty() && m_session->kubeConfigFound())
        m_banner->showMessage(MessageBanner::Kind::Warning,
                              tr("The kubeconfig could not be read: %1").arg(error));
}

void MainWindow::selectContext(const QString &context)
{
    m_contextCombo->setCurrentIndex(m_contextCombo->findText(context));
    m_contextStatus->setText(context.isEmpty() ? tr("No cluster context selected")
                                               : tr("Context: %1").arg(context));
    if (!m_workspace.root.isEmpty() && !context.isEmpty())
        QSettings().setValue(contextKey.arg(m_workspace.root), context);
    m_session->setContext(context);
}

void MainWindow::selectWhenAvailable(const QString &key)
{
    m_pendingSelection = key;
    m_browser->selectResource(key);
}

void MainWindow::showSnapshot(const drift::WorkspaceDrift &snapshot)
{
    if (snapshot.apps.isEmpty()) {
        m_pages->setCurrentIndex(0);
        m_findAction->setEnabled(false);
        if (!snapshot.error.isEmpty()) {
            // Not "no apps": git's side could not be read at all (a revision that does not
            // exist, say).
            m_resourceEmpty->setTitle(tr("Git's side could not be read"));
            m_resourceEmpty->setText(snapshot.error);
            return;
        }
        // The user's own list of apps that does not read: no apps, and this is why.
        QStringList errors;
        for (const manifest::SourceNote &note : snapshot.notes) {
            if (note.kind == manifest::SourceNote::Kind::Error)
                errors << localized(note.toText());
        }
        if (!errors.isEmpty()) {
            m_resourceEmpty->setTitle(tr("Git's side could not be read"));
            m_resourceEmpty->setText(errors.join(u'\n'));
            return;
        }
        m_resourceEmpty->setTitle(tr("No apps found"));
        m_resourceEmpty->setText(
            tr("No Argo CD Application, Flux Kustomization, gitops-console.yaml or folder of "
               "manifests was found in %1.")
                .arg(QDir::toNativeSeparators(m_workspace.root)));
        return;
    }
    m_pages->setCurrentIndex(1);
    m_findAction->setEnabled(true);
    m_browser->setSnapshot(snapshot);
    showReadProblems(snapshot);
    if (!m_pendingSelection.isEmpty() && m_browser->selectedKey() != m_pendingSelection)
        m_browser->selectResource(m_pendingSelection);
}

void MainWindow::showReadProblems(const drift::WorkspaceDrift &snapshot)
{
    // What git's side could not be read from, file:line:col first so that it can be found:
    // a YAML error in one file still lets the rest of its app load, and would go unnoticed.
    QStringList lines;
    for (const manifest::SourceNote &note : snapshot.notes) {
        if (note.kind == manifest::SourceNote::Kind::Error)
            lines << localized(note.toText());
    }
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        if (!app.error.isEmpty())
            lines << tr("%1: %2").arg(app.name, localized(app.errorSentence()));
        const QList<Text> errors = app.readErrors();
        for (const Text &error : errors)
            lines << tr("%1: %2").arg(app.name, localized(error));
    }
    if (lines == m_shownProblems)
        return; // said already (and maybe closed by the user)
    const bool ours = m_banner->isVisible() && m_banner->message() == m_problemText;
    m_shownProblems = lines;
    if (lines.isEmpty()) {
        if (ours)
            m_banner->hide();
        m_problemText.clear();
        return;
    }
    constexpr int shownLines = 6;
    QStringList shown = lines.mid(0, shownLines);
    for (QString &line : shown)
        line = line.toHtmlEscaped();
    if (lines.size() > shownLines)
        shown << tr("… and %n more (see each app's Details)", nullptr,
                    int(lines.size() - shownLines));
    m_problemText = tr("Git's side could not be read completely:") + QStringLiteral("<br>")
        + shown.join(QStringLiteral("<br>"));
    m_banner->showMessage(MessageBanner::Kind::Error, m_problemText);
}

void MainWindow::showNoWorkspace()
{
    m_workspaceButton->setText(tr("Open Repository…"));
    m_workspaceButton->setIcon(themedIcon(QStringLiteral("repository")));
    m_workspaceButton->setToolTip(m_openAction->statusTip());
    m_revisionCombo->clear();
    m_revisionCombo->setEnabled(false);
    m_resourceEmpty->setTitle(tr("Open a repository…"));
    m_resourceEmpty->setText(tr("Open the git repository that holds your cluster's desired "
                                "state to browse its apps and resources."));
    m_resourceEmpty->setAction(m_openAction);
    m_compare->setEmptyReason(tr("Nothing to compare"),
                              tr("Desired state from git appears here beside the live state "
                                 "from the cluster once a repository is open and a resource "
                                 "is selected."));
}

void MainWindow::chooseWorkspace()
{
    auto *dialog =
        new QFileDialog(this, tr("Open Repository"),
                        m_workspace.root.isEmpty() ? QDir::homePath() : m_workspace.root);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openWorkspace);
    dialog->open();
}

void MainWindow::rememberWorkspace(const QString &root)
{
    QSettings settings;
    QStringList recent = settings.value(recentKey).toStringList();
    recent.removeAll(root);
    recent.prepend(root);
    while (recent.size() > maxRecentWorkspaces)
        recent.removeLast();
    settings.setValue(recentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(recentKey).toStringList();
    for (const QString &root : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(root));
        connect(action, &QAction::triggered, this, [this, root] { openWorkspace(root); });
    }
    if (recent.isEmpty()) {
        QAction *none = m_recentMenu->addAction(tr("No recent workspaces"));
        none->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        QAction *clear = m_recentMenu->addAction(tr("Clear List"));
        connect(clear, &QAction::triggered, this, [this] {
            QSettings().remove(recentKey);
            rebuildRecentMenu();
        });
    }
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About GitOps Console"));
    box->setIconPixmap(themedIcon(QStringLiteral("gitops-console")).pixmap(64, 64));
    box->setText(tr("<b>GitOps Console %1</b>").arg(applicationVersion()));
    box->setInformativeText(tr("Desired state from git beside live state from the cluster, "
                               "for operators who work the GitOps way."));
    box->open();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const Theme::Choice theme = Theme::fromKey(settings.value(themeKey).toString());
    Theme::apply(theme);
    if (QAction *chosen = findChild<QAction *>(QStringLiteral("theme-") + Theme::key(theme)))
        chosen->setChecked(true);
    if (!restoreGeometry(settings.value(geometryKey).toByteArray()))
        resize(1200, 760);
    restoreState(settings.value(stateKey).toByteArray());
    m_splitter->restoreState(settings.value(splitterKey).toByteArray());
    m_browser->splitter()->restoreState(settings.value(browserSplitterKey).toByteArray());
    m_browser->setFlat(settings.value(flatKey, false).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    settings.setValue(splitterKey, m_splitter->saveState());
    settings.setValue(browserSplitterKey, m_browser->splitter()->saveState());
    settings.setValue(flatKey, m_browser->isFlat());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Nothing lost: a change not yet submitted is only dropped when the user says so.
    const QStringList pending = m_changes->pending()->changedPaths();
    if (!m_discardOnClose && !pending.isEmpty()) {
        event->ignore();
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Pending Change"),
                                    tr("The pending change to %1 is not submitted.")
                                        .arg(pending.join(QStringLiteral(", "))),
                                    QMessageBox::Discard | QMessageBox::Cancel, this);
        box->setObjectName(QStringLiteral("pendingChangeOnClose"));
        box->setInformativeText(
            tr("Close the window and discard it, or cancel and review it (Change › Review "
               "Change…)."));
        box->setDefaultButton(QMessageBox::Cancel);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::buttonClicked, this, [this, box](QAbstractButton *button) {
            if (box->standardButton(button) != QMessageBox::Discard)
                return;
            m_discardOnClose = true;
            close();
        });
        box->open();
        return;
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

TimelineView *MainWindow::openTimeline(const QString &app)
{
    QString name = app.isEmpty() ? m_browser->selectedApp() : app;
    if (name.isEmpty() && !m_session->snapshot().apps.isEmpty())
        name = m_session->snapshot().apps.constFirst().name;
    if (name.isEmpty() || !m_document->repository()) {
        m_banner->showMessage(MessageBanner::Kind::Warning,
                              tr("Open a workspace with an app to see its history."));
        return nullptr;
    }
    auto *timeline = new TimelineView(m_document, m_changes, name, this);
    timeline->show();
    return timeline;
}

// The audit view (issue 17): for the selected app from the View menu, and from a drifted
// field in the Differences list, filtered to its resource and field.
void MainWindow::createAuditActions(QMenu *menu)
{
    m_auditAction = new QAction(tr("&Audit Log…"), this);
    m_auditAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_auditAction->setStatusTip(
        tr("Who changed the selected app's resources, when, through which path, and whether "
           "it was reviewed"));
    m_auditAction->setEnabled(false);
    connect(m_auditAction, &QAction::triggered, this, [this] { openAudit(); });
    m_whoChangedAction = new QAction(tr("W&ho Changed This?"), this);
    m_whoChangedAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    m_whoChangedAction->setStatusTip(
        tr("The audit log of the selected difference's field: who wrote it, when and how"));
    m_whoChangedAction->setEnabled(false);
    connect(m_whoChangedAction, &QAction::triggered, this, &MainWindow::showWhoChanged);
    menu->addSeparator();
    menu->addAction(m_auditAction);
    menu->addAction(m_whoChangedAction);
    DifferenceList *differences = m_browser->differences();
    differences->addAction(m_whoChangedAction);
    const auto update = [this] {
        const bool apps = !m_session->snapshot().apps.isEmpty();
        m_auditAction->setEnabled(apps);
        m_whoChangedAction->setEnabled(
            apps && m_browser->selectedResource()
            && !m_browser->differences()->selectedDifferences().isEmpty());
    };
    connect(differences, &DifferenceList::chosenChanged, this, update);
    connect(m_session, &WorkspaceSession::snapshotChanged, this, update);
}

AuditView *MainWindow::openAudit(const QString &app)
{
    QString name = app.isEmpty() ? m_browser->selectedApp() : app;
    if (name.isEmpty() && !m_session->snapshot().apps.isEmpty())
        name = m_session->snapshot().apps.constFirst().name;
    if (!m_audit)
        m_audit = new AuditView(m_document, this);
    m_audit->showResource({});
    m_audit->open(name, m_auditLogFile);
    m_audit->show();
    m_audit->raise();
    m_audit->activateWindow();
    return m_audit;
}

void MainWindow::showWhoChanged()
{
    const drift::ResourceDrift *resource = m_browser->selectedResource();
    const QList<drift::Difference> chosen = m_browser->differences()->selectedDifferences();
    if (!resource || chosen.isEmpty())
        return;
    const drift::Difference &difference = chosen.constFirst();
    const manifest::ResourceId id = resource->id;
    AuditView *view = openAudit(m_browser->selectedApp());
    view->showResource(id, difference.path, difference.lastWriter.manager);
}

} // namespace gitops
