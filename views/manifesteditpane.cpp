#include "manifesteditpane.h"

#include "driftdescription.h"
#include "localizedtext.h"
#include "manifesteditor.h"

#include "git/repositoryworker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace gitops {

namespace {

// Long enough to let a burst of typing pass, short enough that the diff follows the typing.
constexpr int previewDelayMs = 60;

} // namespace

ManifestEditPane::ManifestEditPane(PendingChange *change, QWidget *parent)
    : QWidget(parent)
    , m_change(change)
    , m_files(new QComboBox(this))
    , m_where(new QLabel(this))
    , m_revert(new QToolButton(this))
    , m_editor(new ManifestEditor(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("manifestEditPane"));
    m_files->setObjectName(QStringLiteral("changeFiles"));
    m_files->setToolTip(tr("The files of the pending change"));
    m_files->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_where->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_revert->setText(tr("Revert File"));
    m_revert->setToolTip(tr("Drop your edits of this file: back to its bytes at the revision"));
    m_revert->setAutoRaise(true);
    m_status->setObjectName(QStringLiteral("editStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 4, 2);
    top->addWidget(m_files);
    top->addWidget(m_where, 1);
    top->addWidget(m_revert);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(previewDelayMs);
    connect(&m_debounce, &QTimer::timeout, this, &ManifestEditPane::startPreview);
    connect(&m_watcher, &QFutureWatcher<EditPreview>::finished, this, [this] {
        Q_ASSERT(thread() == QThread::currentThread());
        const bool current = m_running == m_generation;
        if (current) {
            m_preview = m_watcher.result();
            showPreview();
            Q_EMIT previewed(m_path, m_preview);
        }
        if (m_again) {
            m_again = false;
            startPreview();
        }
    });
    connect(m_editor->document(), &QTextDocument::contentsChanged, this, [this] {
        if (m_applying || m_path.isEmpty())
            return;
        Q_EMIT edited(m_path, editorBytes());
        schedulePreview();
    });
    connect(m_files, &QComboBox::activated, this,
            [this](int index) { showFile(m_files->itemData(index).toString()); });
    connect(m_revert, &QToolButton::clicked, this, [this] {
        if (!m_path.isEmpty())
            Q_EMIT revertRequested(m_path);
    });
    connect(m_change, &PendingChange::fileChanged, this, &ManifestEditPane::fileChanged);
    connect(m_change, &PendingChange::changed, this, &ManifestEditPane::fillFiles);
    showFile(QString());
}

ManifestEditPane::~ManifestEditPane()
{
    // A parse still running holds only values; its result goes nowhere.
}

void ManifestEditPane::showFile(const QString &path, int first, int last)
{
    const std::optional<PendingChange::File> file = m_change->file(path);
    m_path = file ? path : QString();
    m_editor->setReadOnly(!file);
    m_revert->setEnabled(file.has_value());
    fillFiles();
    if (!file) {
        m_where->clear();
        setEditorBytes({});
        m_editor->setPlaceholderText(tr("Choose Change › Edit Source in Git on a resource to edit "
                                        "its file here."));
        m_status->clear();
        return;
    }
    m_where->setText(tr("%1 at %2 (app %3)").arg(path, file->revision, file->app));
    m_where->setToolTip(m_where->text());
    setEditorBytes(file->current);
    m_editor->setMarkedLines(first, last);
    if (first > 0) {
        // The resource's first line near the top, where the eye starts.
        const QTextBlock block = m_editor->document()->findBlockByNumber(first - 1);
        m_editor->setTextCursor(QTextCursor(block));
        m_editor->verticalScrollBar()->setValue(std::max(0, first - 3));
    }
    schedulePreview();
}

void ManifestEditPane::fillFiles()
{
    const QSignalBlocker blocker(m_files);
    m_files->clear();
    const QStringList changed = m_change->changedPaths();
    for (const QString &path : m_change->paths()) {
        m_files->addItem(changed.contains(path) ? tr("%1 (edited)").arg(path) : path, path);
    }
    m_files->setCurrentIndex(m_files->findData(m_path));
    m_files->setVisible(m_files->count() > 1);
}

void ManifestEditPane::fileChanged(const QString &path)
{
    if (path != m_path)
        return;
    const std::optional<PendingChange::File> file = m_change->file(path);
    if (!file) {
        showFile(QString());
        return;
    }
    if (file->current == editorBytes())
        return; // the edit came from here
    // Undo, redo or an adoption: the text follows, the cursor stays near where it was.
    const int position = m_editor->textCursor().position();
    const int scroll = m_editor->verticalScrollBar()->value();
    setEditorBytes(file->current);
    QTextCursor cursor = m_editor->textCursor();
    cursor.setPosition(std::min(position, m_editor->document()->characterCount() - 1));
    m_editor->setTextCursor(cursor);
    m_editor->verticalScrollBar()->setValue(scroll);
    schedulePreview();
}

void ManifestEditPane::setEditorBytes(const QByteArray &bytes)
{
    // The editor holds '\n' lines; a file with CRLF line ends gets them back in editorBytes().
    m_crlf = bytes.contains("\r\n");
    QString text = QString::fromUtf8(bytes);
    if (m_crlf)
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    m_applying = true;
    m_editor->setPlainText(text);
    m_applying = false;
}

QByteArray ManifestEditPane::editorBytes() const
{
    QByteArray bytes = m_editor->toPlainText().toUtf8();
    if (m_crlf)
        bytes.replace("\n", "\r\n");
    return bytes;
}

void ManifestEditPane::setPreviewTarget(const AppDesiredState &app, const manifest::ResourceId &id,
                                        const QJsonObject &live, const QString &renderedNote)
{
    m_app = app;
    m_id = id;
    m_live = live;
    m_renderedNote = renderedNote;
    schedulePreview();
}

void ManifestEditPane::clearPreviewTarget()
{
    m_app.reset();
    m_id = {};
    m_live = {};
    m_renderedNote.clear();
    schedulePreview();
}

void ManifestEditPane::setRepository(const std::shared_ptr<git::RepositoryWorker> &worker)
{
    if (worker == m_repository.lock())
        return;
    m_repository = worker;
    // Another repository's copy renders nothing of this one.
    m_tree.reset();
    m_treeError.clear();
    m_treeWanted.clear();
    schedulePreview();
}

bool ManifestEditPane::rendersTarget() const
{
    return m_app && m_app->renderer == AppDesiredState::Renderer::Kustomize && !m_id.name.isEmpty()
        && !m_repository.expired();
}

void ManifestEditPane::schedulePreview()
{
    ++m_generation;
    if (m_path.isEmpty())
        return;
    m_debounce.start();
}

void ManifestEditPane::startPreview()
{
    if (m_path.isEmpty())
        return;
    if (m_watcher.isRunning()) {
        m_again = true; // the newest text follows as soon as this one is done
        if (m_stopRender)
            *m_stopRender = true; // a render of older text is not worth waiting for
        return;
    }
    m_running = m_generation;
    AppDesiredState app = m_app.value_or(AppDesiredState());
    if (rendersTarget()) {
        const std::optional<PendingChange::File> file = m_change->file(m_path);
        const QString revision = file ? file->revision : QString();
        if (m_treeWanted != revision && (!m_tree || m_tree->revision() != revision)) {
            // kustomize reads the app's other files (its bases, patches) from disk: the
            // revision is copied once, in the background, and the preview follows.
            m_tree.reset();
            m_treeError.clear();
            m_treeWanted = revision;
            m_status->setText(
                tr("Copying the files of %1 to render your edit with kustomize…").arg(revision));
            renderTreeFor(m_repository.lock(), revision)
                .then(this, [this, revision](const RenderTreeResult &result) {
                    if (revision != m_treeWanted)
                        return;
                    if (const auto *error = std::get_if<QString>(&result))
                        m_treeError = *error;
                    else
                        m_tree = std::get<std::shared_ptr<const change::RenderTree>>(result);
                    schedulePreview();
                });
            return;
        }
        if (!m_tree || m_tree->revision() != revision) {
            if (m_treeError.isEmpty())
                return; // the copy is being written; it asks for the preview when done
            m_preview = EditPreview();
            m_preview.errors = parseErrors(editorBytes(), m_path);
            m_preview.rendered = true;
            m_preview.renderError =
                tr("the files of %1 could not be copied: %2").arg(m_treeWanted, m_treeError);
            showPreview();
            Q_EMIT previewed(m_path, m_preview);
            return;
        }
        // Every file of the change as it is now, the one being typed in as typed.
        QMap<QString, std::optional<QByteArray>> files;
        for (const QString &path : m_change->paths()) {
            const PendingChange::File changed = *m_change->file(path);
            files.insert(path, changed.removed ? std::nullopt : std::optional(changed.current));
        }
        const QByteArray bytes = editorBytes();
        files.insert(m_path, bytes);
        auto stop = std::make_shared<std::atomic_bool>(false);
        m_stopRender = stop;
        m_watcher.setFuture(
            QtConcurrent::run([tree = m_tree, files, bytes, path = m_path, app = std::move(app),
                               id = m_id, live = m_live, stop] {
                const QList<manifest::SourceNote> errors = parseErrors(bytes, path);
                if (!errors.isEmpty())
                    return previewRendered(errors, {}, app, id, live);
                const change::EditedRender render =
                    tree->render(app, files, [stop] { return stop->load(); });
                return previewRendered({}, render, app, id, live);
            }));
        return;
    }
    // A rendered app's preview would compare the unrendered file: parse it for errors only.
    const manifest::ResourceId id =
        m_renderedNote.isEmpty() && m_app && app.renderer == AppDesiredState::Renderer::Plain
        ? m_id
        : manifest::ResourceId();
    m_watcher.setFuture(
        QtConcurrent::run([bytes = editorBytes(), file = m_path, app = std::move(app), id,
                           live = m_live] { return previewEdit(bytes, file, app, id, live); }));
}

void ManifestEditPane::showPreview()
{
    m_editor->setErrors(m_preview.errors);
    if (!m_preview.errors.isEmpty()) {
        const manifest::SourceNote &error = m_preview.errors.constFirst();
        m_status->setText(tr("Line %1, column %2: %3 — the diff shows the last text that parsed.")
                              .arg(error.line)
                              .arg(error.column)
                              .arg(localizedMessage(error)));
        return;
    }
    if (m_preview.rendered && !m_preview.renderError.isEmpty()) {
        m_status->setText(tr("Your edit does not render: %1 — the diff shows the last render "
                             "that worked.")
                              .arg(m_preview.renderError));
        return;
    }
    if (!m_preview.rendered && !m_renderedNote.isEmpty()) {
        m_status->setText(m_renderedNote);
        return;
    }
    if (!m_app || m_id.name.isEmpty()) {
        m_status->setText(tr("The file parses."));
        return;
    }
    if (m_preview.resourceGone) {
        m_status->setText(m_preview.rendered
                              ? tr("With your edit, %1 no longer renders %2.")
                                    .arg(m_app->app.name, m_id.toString())
                              : tr("The edited file no longer defines %1.").arg(m_id.toString()));
        return;
    }
    if (m_preview.resource)
        m_status->setText(
            m_preview.rendered
                ? tr("After your edit, as kustomize renders %1: %2")
                      .arg(m_app->app.name, DriftDescription::verdict(*m_preview.resource))
                : tr("After your edit: %1").arg(DriftDescription::verdict(*m_preview.resource)));
}

} // namespace gitops
