#include "changereviewdialog.h"

#include "driftpresentationmodel.h"
#include "pendingchange.h"
#include "sidebysidediffview.h"

#include "drift/unifieddiff.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace gitops {

namespace {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository instance;
    return instance;
}

QString stepName(change::SubmissionStep step)
{
    switch (step) {
    case change::SubmissionStep::Fetch:
        return ChangeReviewDialog::tr("fetching the target branch");
    case change::SubmissionStep::Commit:
        return ChangeReviewDialog::tr("committing");
    case change::SubmissionStep::Push:
        return ChangeReviewDialog::tr("pushing the branch");
    case change::SubmissionStep::PullRequest:
        return ChangeReviewDialog::tr("opening the pull request");
    }
    return {};
}

QString howName(ChangedResource::How how)
{
    switch (how) {
    case ChangedResource::How::Changed:
        return ChangeReviewDialog::tr("changed");
    case ChangedResource::How::Added:
        return ChangeReviewDialog::tr("added");
    case ChangedResource::How::Removed:
        return ChangeReviewDialog::tr("removed");
    }
    return {};
}

// "OutOfSync" (and its health where the change alters it), or what stands for a side that
// has no verdict.
QString sideText(const std::optional<drift::ResourceDrift> &side, bool computed, bool withHealth)
{
    if (!side)
        return computed ? ChangeReviewDialog::tr("not in git")
                        : ChangeReviewDialog::tr("not computed");
    const QString sync = DriftPresentationModel::syncText(int(side->status));
    return withHealth ? ChangeReviewDialog::tr("%1, %2").arg(
               sync, DriftPresentationModel::healthText(int(side->health.status)))
                      : sync;
}

QString verdictText(const ResourceVerdict &verdict)
{
    if (!verdict.unknown.isEmpty())
        return verdict.unknown;
    const bool healthChanges = verdict.before && verdict.after
        && verdict.before->health.status != verdict.after->health.status;
    if (!verdict.before && !verdict.after && !verdict.computed)
        return ChangeReviewDialog::tr("not computed");
    return ChangeReviewDialog::tr("%1 → %2").arg(
        sideText(verdict.before, true, healthChanges),
        sideText(verdict.after, verdict.computed, healthChanges));
}

QString verdictToolTip(const ResourceVerdict &verdict)
{
    QStringList lines;
    const auto describe = [](const std::optional<drift::ResourceDrift> &side) {
        if (!side)
            return QString();
        QStringList fields;
        for (const drift::Difference &difference : side->differences)
            fields << difference.path;
        QString text = ChangeReviewDialog::tr("%1, %2").arg(
            DriftPresentationModel::syncText(int(side->status)),
            DriftPresentationModel::healthText(int(side->health.status)));
        if (!fields.isEmpty())
            text += u' '
                + ChangeReviewDialog::tr("(differs in %1)").arg(fields.join(QStringLiteral(", ")));
        return text;
    };
    if (verdict.before)
        lines << ChangeReviewDialog::tr("Now (git as the edit began, against live): %1")
                     .arg(describe(verdict.before));
    if (verdict.after)
        lines << ChangeReviewDialog::tr("After the change (against live): %1")
                     .arg(describe(verdict.after));
    if (!verdict.note.isEmpty())
        lines << verdict.note;
    return lines.join(u'\n');
}

} // namespace

ChangeReviewDialog::ChangeReviewDialog(PendingChange *change, QWidget *parent)
    : QDialog(parent)
    , m_change(change)
    , m_tabs(new QTabWidget(this))
    , m_unified(new QPlainTextEdit(this))
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(m_unified->document()))
    , m_sideBySide(new SideBySideDiffView(this))
    , m_files(new QTreeWidget(this))
    , m_resources(new QTreeWidget(this))
    , m_target(new QLineEdit(this))
    , m_branch(new QLineEdit(this))
    , m_title(new QLineEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_labels(new QLineEdit(this))
    , m_reviewers(new QLineEdit(this))
    , m_draft(new QCheckBox(tr("Open as a &draft pull request"), this))
    , m_openPullRequest(new QCheckBox(tr("Open a &pull request (else push the branch only)"), this))
    , m_outcome(new QLabel(this))
    , m_submit(new QPushButton(tr("&Submit"), this))
    , m_close(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("changeReview"));
    setWindowTitle(tr("Review Change"));
    setModal(false);
    resize(980, 720);

    m_unified->setObjectName(QStringLiteral("reviewUnifiedDiff"));
    m_unified->setReadOnly(true);
    m_unified->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_unified->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter->setDefinition(syntaxRepository().definitionForName(QStringLiteral("Diff")));
    m_highlighter->setTheme(
        syntaxRepository().defaultTheme(palette().color(QPalette::Base).lightness() < 128
                                            ? KSyntaxHighlighting::Repository::DarkTheme
                                            : KSyntaxHighlighting::Repository::LightTheme));
    m_sideBySide->setCaptions(tr("At the revision"), tr("After the change"));
    m_files->setHeaderLabels({tr("File")});
    m_files->setRootIsDecorated(false);
    auto *sideBySide = new QSplitter(Qt::Horizontal, this);
    sideBySide->addWidget(m_files);
    sideBySide->addWidget(m_sideBySide);
    sideBySide->setStretchFactor(1, 4);
    connect(m_files, &QTreeWidget::currentItemChanged, this,
            [this] { showFile(m_files->indexOfTopLevelItem(m_files->currentItem())); });
    m_tabs->addTab(m_unified, tr("&Unified Diff"));
    m_tabs->addTab(sideBySide, tr("Side &by Side"));

    m_resources->setObjectName(QStringLiteral("reviewResources"));
    m_resources->setHeaderLabels(
        {tr("Resource"), tr("App"), tr("File"), tr("Change"), tr("Against live: now → after")});
    m_resources->setRootIsDecorated(false);
    m_resources->header()->setStretchLastSection(true);

    m_target->setObjectName(QStringLiteral("reviewTarget"));
    m_target->setPlaceholderText(tr("the remote's default branch"));
    m_branch->setObjectName(QStringLiteral("reviewBranch"));
    m_title->setObjectName(QStringLiteral("reviewTitle"));
    m_body->setObjectName(QStringLiteral("reviewBody"));
    m_body->setTabChangesFocus(true);
    m_labels->setObjectName(QStringLiteral("reviewLabels"));
    m_labels->setPlaceholderText(tr("comma-separated, where the forge has labels"));
    m_reviewers->setObjectName(QStringLiteral("reviewReviewers"));
    m_reviewers->setPlaceholderText(tr("comma-separated logins"));
    m_openPullRequest->setChecked(true);
    connect(m_openPullRequest, &QCheckBox::toggled, m_draft, &QWidget::setEnabled);
    m_outcome->setObjectName(QStringLiteral("reviewOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::RichText);
    m_outcome->setOpenExternalLinks(true); // QDesktopServices: the browser
    m_outcome->setTextInteractionFlags(Qt::TextBrowserInteraction);

    auto *form = new QFormLayout;
    form->addRow(tr("&Target branch:"), m_target);
    form->addRow(tr("&Branch:"), m_branch);
    form->addRow(tr("T&itle:"), m_title);
    form->addRow(tr("D&escription:"), m_body);
    form->addRow(tr("&Labels:"), m_labels);
    form->addRow(tr("Revie&wers:"), m_reviewers);
    form->addRow(QString(), m_openPullRequest);
    form->addRow(QString(), m_draft);

    auto *buttons = new QDialogButtonBox(this);
    m_submit->setObjectName(QStringLiteral("reviewSubmit"));
    m_submit->setDefault(true);
    buttons->addButton(m_submit, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(m_submit, &QPushButton::clicked, this, [this] { Q_EMIT submitRequested(request()); });
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_running)
            Q_EMIT cancelRequested();
        else
            close();
    });

    auto *top = new QSplitter(Qt::Vertical, this);
    top->addWidget(m_tabs);
    top->addWidget(m_resources);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(top, 3);
    layout->addLayout(form, 2);
    layout->addWidget(m_outcome);
    layout->addWidget(buttons);

    connect(m_change, &PendingChange::changed, this, &ChangeReviewDialog::refresh);
    refresh();
}

ChangeReviewDialog::~ChangeReviewDialog() = default;

void ChangeReviewDialog::setContext(const ReviewContext &context)
{
    m_context = context;
    if (m_target->text().isEmpty() || m_target->text() == m_shownTarget) {
        m_target->setText(context.targetBranch);
        m_shownTarget = context.targetBranch;
    }
    m_target->setToolTip(context.targetNote);
    if (m_context.basis)
        refresh(); // the verdicts need the basis
    else
        fillTexts();
}

void ChangeReviewDialog::refresh()
{
    const QStringList paths = m_change->changedPaths();
    if (paths.isEmpty()) {
        // Submitted (or discarded): what was submitted stays readable beside the outcome.
        m_submit->setEnabled(false);
        return;
    }
    QString unified;
    QList<ChangedFile> files;
    for (const QString &path : paths) {
        const PendingChange::File file = *m_change->file(path);
        unified += drift::UnifiedDiff::between(
            QString::fromUtf8(file.original), QString::fromUtf8(file.current),
            QStringLiteral("a/") + path, QStringLiteral("b/") + path);
        files.append({path, file.app, file.original, file.current, file.revision, file.removed});
    }
    m_unified->setPlainText(unified);
    const QString shown = m_files->currentItem() ? m_files->currentItem()->text(0) : QString();
    m_files->clear();
    for (const QString &path : paths)
        new QTreeWidgetItem(m_files, {path});
    const int index = std::max(0, int(paths.indexOf(shown)));
    if (m_files->topLevelItemCount() > 0)
        m_files->setCurrentItem(m_files->topLevelItem(index));
    else
        showFile(-1);
    m_submit->setEnabled(!paths.isEmpty() && !m_running);
    // Which resources the files define differently, and their verdicts against live before
    // and after: parsed and compared on the thread pool.
    const VerdictBasis basis = m_context.basis ? m_context.basis() : VerdictBasis();
    // Every other app that reads a changed file is reviewed with it too (each overlay of an
    // edited base): the kustomize apps' inputs at the commit the edit began from, read once
    // in the background, then the verdicts again.
    QString commit;
    for (const QString &path : paths) {
        commit = m_change->file(path)->commit;
        if (!commit.isEmpty())
            break;
    }
    if (!commit.isEmpty() && m_context.repository && commit != m_inputsCommit
        && commit != m_inputsWanted) {
        m_inputsWanted = commit;
        QList<App> kustomize;
        for (const AppDesiredState &app : basis.apps) {
            if (app.renderer == AppDesiredState::Renderer::Kustomize)
                kustomize << app.app;
        }
        appInputsFor(m_context.repository, commit, kustomize)
            .then(this, [this, commit](const AppInputs &inputs) {
                if (commit != m_inputsWanted)
                    return;
                m_inputs = inputs;
                m_inputsCommit = commit;
                refresh();
            });
    }
    files =
        withEveryAppReading(files, basis.apps, commit == m_inputsCommit ? m_inputs : AppInputs());
    // A kustomize app's verdicts after the change: the app rendered with the change's files,
    // from a copy of the revision's (written once, in the background).
    QString revision;
    for (const ChangedFile &file : std::as_const(files)) {
        const auto app = basis.apps.constFind(file.app);
        if (app != basis.apps.cend() && app->renderer == AppDesiredState::Renderer::Kustomize) {
            revision = file.revision;
            break;
        }
    }
    if (m_stopRender)
        *m_stopRender = true; // the verdicts of the change as it was are not wanted any more
    m_stopRender.reset();
    std::shared_ptr<const change::RenderTree> tree;
    QString treeError;
    if (!revision.isEmpty() && !m_context.repository)
        treeError = tr("no repository is open to read the app's other files from");
    if (!revision.isEmpty() && m_context.repository) {
        if (m_tree && m_tree->revision() == revision) {
            tree = m_tree;
        } else if (m_treeWanted == revision) {
            treeError = m_treeError; // empty: being written, refresh() follows
        } else {
            m_tree.reset();
            m_treeError.clear();
            m_treeWanted = revision;
            // A copy still in use elsewhere is handed over at once, within this call; one
            // written now comes later and refreshes the verdicts.
            const auto inside = std::make_shared<bool>(true);
            renderTreeFor(m_context.repository, revision)
                .then(this, [this, revision, inside](const RenderTreeResult &result) {
                    if (revision != m_treeWanted)
                        return;
                    if (const auto *error = std::get_if<QString>(&result))
                        m_treeError = *error;
                    else
                        m_tree = std::get<std::shared_ptr<const change::RenderTree>>(result);
                    if (!*inside)
                        refresh();
                });
            *inside = false;
            if (m_tree && m_tree->revision() == revision)
                tree = m_tree;
            else
                treeError = m_treeError;
        }
    }
    if (tree) {
        auto stop = std::make_shared<std::atomic_bool>(false);
        m_stopRender = stop;
        verdictsFrom(QtConcurrent::run([files, basis, tree, stop] {
            return changeVerdicts(
                files, basis, renderChange(files, basis, *tree, [stop] { return stop->load(); }));
        }));
    } else {
        QHash<QString, AppRenders> renders;
        if (!treeError.isEmpty()) {
            // Said per resource: the app's files could not be copied for its render.
            for (const ChangedFile &file : std::as_const(files)) {
                AppRenders failed;
                failed.after.error = m_context.repository
                    ? tr("the files of %1 could not be copied: %2").arg(revision, treeError)
                    : treeError;
                renders.insert(file.app, failed);
            }
        }
        verdictsFrom(QtConcurrent::run(
            [files, basis, renders] { return changeVerdicts(files, basis, renders); }));
    }
    fillTexts();
}

void ChangeReviewDialog::verdictsFrom(QFuture<QList<ResourceVerdict>> future)
{
    // The newest change's verdicts win over those of an older one still being computed.
    const quint64 generation = ++m_verdictGeneration;
    future.then(this, [this, generation](const QList<ResourceVerdict> &verdicts) {
        if (generation != m_verdictGeneration)
            return;
        showVerdicts(verdicts);
    });
}

void ChangeReviewDialog::showVerdicts(const QList<ResourceVerdict> &verdicts)
{
    Q_ASSERT(thread() == QThread::currentThread());
    m_resources->clear();
    for (const ResourceVerdict &verdict : verdicts) {
        const ChangedResource &resource = verdict.resource;
        // A chart's values name no resource: the row stands for all it renders.
        const QString name =
            verdict.id.name.isEmpty() ? tr("the chart's resources") : verdict.id.toString();
        auto *item = new QTreeWidgetItem(
            m_resources,
            {name, verdict.app, resource.file, howName(resource.how), verdictText(verdict)});
        item->setToolTip(ResourceNameColumn, name);
        item->setToolTip(ResourceAppColumn, verdict.app);
        item->setToolTip(ResourceFileColumn, resource.file);
        item->setToolTip(VerdictColumn, verdictToolTip(verdict));
    }
    for (int column = 0; column < m_resources->columnCount() - 1; ++column)
        m_resources->resizeColumnToContents(column);
    fillTexts();
}

void ChangeReviewDialog::showFile(int index)
{
    const QStringList paths = m_change->changedPaths();
    if (index < 0 || index >= paths.size()) {
        m_sideBySide->setTexts(QString(), QString());
        return;
    }
    const PendingChange::File file = *m_change->file(paths.at(index));
    m_sideBySide->setCaptions(tr("%1 at %2").arg(paths.at(index), file.revision),
                              tr("%1 after the change").arg(paths.at(index)));
    m_sideBySide->setTexts(QString::fromUtf8(file.original), QString::fromUtf8(file.current));
}

void ChangeReviewDialog::fillTexts()
{
    // Prefilled fields follow the change until the user writes in them.
    const QString branch = defaultBranch();
    if (m_branch->text().isEmpty() || m_branch->text() == m_shownBranch) {
        m_branch->setText(branch);
        m_shownBranch = branch;
    }
    const QString title = defaultTitle();
    if (m_title->text().isEmpty() || m_title->text() == m_shownTitle) {
        m_title->setText(title);
        m_shownTitle = title;
    }
    const QString body = defaultBody();
    if (m_body->toPlainText().isEmpty() || m_body->toPlainText() == m_shownBody) {
        m_body->setPlainText(body);
        m_shownBody = body;
    }
}

QString ChangeReviewDialog::defaultBranch() const
{
    change::SubmissionRequest request;
    request.app = m_change->apps().join(u'-');
    request.targetBranch = m_target->text().trimmed();
    request.draft = m_change->draft();
    return change::ChangeSubmission::branchFor(request);
}

QString ChangeReviewDialog::defaultTitle() const
{
    return titleFor(m_change, m_context.title);
}

QString ChangeReviewDialog::titleFor(const PendingChange *change, const QString &contextTitle)
{
    if (!contextTitle.isEmpty())
        return contextTitle;
    const QStringList apps = change->apps();
    QStringList fields;
    bool handEdited = false;
    for (const QString &path : change->changedPaths()) {
        const PendingChange::File file = *change->file(path);
        handEdited = handEdited || file.handEdited;
        for (const QString &line : file.summary) {
            // "apps/web/web.yaml: .spec.replicas 2 → 5 (live)": the field's path.
            const QString field = line.section(QStringLiteral(": "), 1).section(u' ', 0, 0);
            if (field.startsWith(u'.') && !fields.contains(field))
                fields << field;
        }
    }
    const QString app = apps.join(QStringLiteral(", "));
    if (!fields.isEmpty() && !handEdited)
        return tr("%1: take live %2 into git").arg(app, fields.join(QStringLiteral(", ")));
    const QStringList paths = change->changedPaths();
    return tr("%1: edit %2").arg(app, paths.join(QStringLiteral(", ")));
}

QString ChangeReviewDialog::defaultBody() const
{
    QStringList lines;
    const QStringList apps = m_change->apps();
    // The other apps that render the changed files (overlays of an edited base).
    QStringList others;
    for (int i = 0; i < m_resources->topLevelItemCount(); ++i) {
        const QString app = m_resources->topLevelItem(i)->text(ResourceAppColumn);
        if (!app.isEmpty() && !apps.contains(app) && !others.contains(app))
            others << app;
    }
    if (m_context.description.isEmpty())
        lines << tr("App: %1").arg(apps.join(QStringLiteral(", ")));
    else
        lines << m_context.description.trimmed();
    if (!others.isEmpty())
        lines << tr("Also changes what %1 render (the changed files are among their inputs).")
                     .arg(others.join(QStringLiteral(", ")));
    if (m_resources->topLevelItemCount() > 0) {
        lines << QString() << tr("Resources:");
        for (int i = 0; i < m_resources->topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = m_resources->topLevelItem(i);
            // Named with its app when the change reaches several.
            const QString name = others.isEmpty()
                ? item->text(ResourceNameColumn)
                : tr("%1 in %2").arg(item->text(ResourceNameColumn), item->text(ResourceAppColumn));
            const QString verdict = item->text(VerdictColumn);
            lines << (verdict.isEmpty() ? tr("- %1 (%2)").arg(name, item->text(ResourceHowColumn))
                                        : tr("- %1 (%2; against live: %3)")
                                              .arg(name, item->text(ResourceHowColumn), verdict));
        }
    }
    if (!m_context.description.isEmpty())
        return lines.join(u'\n');
    bool handEdited = false;
    QStringList edits;
    for (const QString &path : m_change->changedPaths()) {
        const PendingChange::File file = *m_change->file(path);
        handEdited = handEdited || file.handEdited;
        for (const QString &line : file.summary)
            edits << tr("- %1").arg(line);
    }
    if (!edits.isEmpty())
        lines << QString() << tr("Fields:") << edits;
    lines << QString();
    const bool adopted = !edits.isEmpty();
    if (adopted && !m_context.context.isEmpty())
        lines << tr("Made with GitOps Console: the live values were read from the cluster of "
                    "context %1 and written into the files as text edits (comments and layout "
                    "kept).")
                     .arg(m_context.context);
    if (handEdited)
        lines << tr("Made with GitOps Console: the files were edited in its manifest editor.");
    return lines.join(u'\n');
}

change::SubmissionRequest ChangeReviewDialog::request() const
{
    change::SubmissionRequest request;
    request.draft = m_change->draft();
    request.removedFiles = m_change->removedPaths();
    request.app = m_change->apps().join(u'-');
    request.targetBranch = m_target->text().trimmed();
    // The commit the files were read at: a target branch that moved on since is detected
    // (the draft rebased on its tip, or the files changed meanwhile named).
    for (const QString &path : m_change->changedPaths()) {
        request.draftBase = m_change->file(path)->commit;
        if (!request.draftBase.isEmpty())
            break;
    }
    const QString branch = m_branch->text().trimmed();
    // The default stays empty: the submission names the branch from the same content.
    request.branch = branch == defaultBranch() ? QString() : branch;
    request.title = m_title->text().trimmed();
    request.body = m_body->toPlainText();
    const auto list = [](const QLineEdit *field) {
        QStringList items;
        for (const QString &item : field->text().split(u',', Qt::SkipEmptyParts)) {
            if (!item.trimmed().isEmpty())
                items << item.trimmed();
        }
        return items;
    };
    request.labels = list(m_labels);
    request.reviewers = list(m_reviewers);
    request.draftPullRequest = m_draft->isChecked();
    request.openPullRequest = m_openPullRequest->isChecked();
    return request;
}

void ChangeReviewDialog::setRunning(bool running)
{
    m_running = running;
    m_submit->setEnabled(!running && !m_change->changedPaths().isEmpty());
    m_close->setText(running ? tr("Cancel Submission") : tr("Close"));
    for (QWidget *field :
         {static_cast<QWidget *>(m_target), static_cast<QWidget *>(m_branch),
          static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_body),
          static_cast<QWidget *>(m_labels), static_cast<QWidget *>(m_reviewers),
          static_cast<QWidget *>(m_draft), static_cast<QWidget *>(m_openPullRequest)})
        field->setEnabled(!running);
    if (running)
        m_outcome->setText(tr("Submitting…"));
}

void ChangeReviewDialog::showResult(const change::SubmissionResult &result)
{
    setRunning(false);
    if (result.cancelled) {
        m_outcome->setText(tr("Cancelled. Submit again to finish it: it lands on the same branch "
                              "and pull request."));
        m_submit->setText(tr("&Retry"));
        return;
    }
    if (!result.succeeded()) {
        const QString step =
            result.failedStep ? stepName(*result.failedStep) : tr("preparing the change");
        m_outcome->setText(tr("<b>Failed while %1:</b> %2<br>Retry lands on the same branch "
                              "and pull request.")
                               .arg(step.toHtmlEscaped(), result.error.toHtmlEscaped()));
        m_submit->setText(tr("&Retry"));
        return;
    }
    m_submit->setText(tr("&Submit"));
    QString text;
    if (result.pullRequest) {
        const QString url = result.pullRequest->webUrl.toString();
        text = (result.pullRequestCreated ? tr("Pull request #%1 opened: %2")
                                          : tr("Pull request #%1 updated: %2"))
                   .arg(result.pullRequest->number)
                   .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                            .arg(url.toHtmlEscaped(), url.toHtmlEscaped()));
    } else {
        text = tr("Branch %1 pushed (commit %2).")
                   .arg(result.branch.toHtmlEscaped(), result.commitId.left(8));
        if (result.compareUrl.isValid())
            text += u' '
                + tr("Open a pull request: %1")
                      .arg(QStringLiteral("<a href=\"%1\">%2</a>")
                               .arg(result.compareUrl.toString().toHtmlEscaped(),
                                    result.compareUrl.toString().toHtmlEscaped()));
    }
    if (!result.warning.isEmpty())
        text += QStringLiteral("<br>") + result.warning.toHtmlEscaped();
    m_outcome->setText(text);
    m_close->setText(tr("Close"));
}

} // namespace gitops
