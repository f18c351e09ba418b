// `gitops-console propose`: the uncommitted edits under an app's paths as a pull request
// (issue 15, items 5 and 6). The working-tree files are read (never written) against HEAD,
// copied into a change, and submitted through change::ChangeSubmission on top of the
// remote's target branch; the working tree, index and branch stay as they are.

#include "changerequest.h"
#include "command.h"

#include "git/repository.h"
#include "git/repositoryworker.h"
#include "workspace/desiredstateloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace gitops::cli {

namespace {

/// The working tree's edits of some folders against HEAD: new bytes, removed paths.
struct WorkingEdits
{
    QMap<QString, QByteArray> written;
    QStringList removed;
    QString head;
};

bool isUnder(const QString &path, const QString &folder, bool recurse)
{
    if (folder.isEmpty())
        return recurse || !path.contains(u'/');
    if (!path.startsWith(folder + u'/'))
        return false;
    return recurse || !path.mid(folder.size() + 1).contains(u'/');
}

/// One run of `propose`: read the app, collect the edits, submit.
class Proposal : public QObject
{
public:
    struct Options
    {
        QString repository;
        QString app;
        bool json = false;
        change::SubmissionRequest request;
    };

    explicit Proposal(Options options)
        : m_options(std::move(options))
        , m_worker(std::make_shared<git::RepositoryWorker>(m_options.repository))
    { }

    void start()
    {
        m_loader.setRepository(m_worker.get());
        connect(&m_loader, &DesiredStateLoader::loaded, this, &Proposal::loaded);
        m_loader.load(QStringLiteral("HEAD"));
    }

private:
    void exitWith(int code, const QString &message)
    {
        QCoreApplication::exit(stopWith(code, message, m_options.json));
    }

    void loaded(const DesiredState &state)
    {
        if (!state.error.isEmpty()) {
            exitWith(Error, state.error);
            return;
        }
        const AppDesiredState *app = nullptr;
        QStringList names;
        for (const AppDesiredState &candidate : state.apps) {
            names << candidate.app.name;
            if (candidate.app.name == m_options.app)
                app = &candidate;
        }
        if (!app) {
            exitWith(Error,
                     QStringLiteral("HEAD has no app %1 (its apps: %2)")
                         .arg(m_options.app,
                              names.isEmpty() ? QStringLiteral("none")
                                              : names.join(QStringLiteral(", "))));
            return;
        }
        // A kustomization reads what its folder holds below it; a plain folder app only
        // its own files unless it recurses.
        const bool recurse = app->app.recurse || app->renderer != AppDesiredState::Renderer::Plain;
        const QStringList folders = app->app.paths;
        m_paths = folders;
        const QString target = app->app.targetRevision;
        // The app's targetRevision when it names a branch, else the remote's default.
        if (!target.isEmpty() && target != u"HEAD" && !target.startsWith(u"refs/tags/"))
            m_options.request.targetBranch =
                target.startsWith(u"refs/heads/") ? target.mid(11) : target;

        using R = std::variant<WorkingEdits, QString>;
        auto future = m_worker->run<R>(
            [folders, recurse](git::Repository &repository, const git::JobControl &) -> R {
                const auto head = repository.resolve(QStringLiteral("HEAD"));
                if (const auto *error = std::get_if<QString>(&head))
                    return *error;
                const auto working = repository.resolve(git::Revision::workingCopySpec());
                if (const auto *error = std::get_if<QString>(&working))
                    return *error;
                WorkingEdits edits;
                edits.head = std::get<git::Revision>(head).commitId;
                for (const QString &folder : folders) {
                    const auto before = repository.files(std::get<git::Revision>(head), folder);
                    if (const auto *error = std::get_if<QString>(&before))
                        return *error;
                    const auto after = repository.files(std::get<git::Revision>(working), folder);
                    if (const auto *error = std::get_if<QString>(&after))
                        return *error;
                    QSet<QString> present;
                    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(after)) {
                        present.insert(file.path);
                        if (file.fromDisk && isUnder(file.path, folder, recurse))
                            edits.written.insert(file.path, file.content);
                    }
                    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(before)) {
                        if (!present.contains(file.path) && isUnder(file.path, folder, recurse))
                            edits.removed << file.path;
                    }
                }
                edits.removed.sort();
                edits.removed.removeDuplicates();
                return edits;
            });
        auto *watcher = new QFutureWatcher<R>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            if (watcher->future().resultCount() == 0) {
                exitWith(Error, QStringLiteral("reading the working tree was cancelled"));
                return;
            }
            const R read = watcher->result();
            if (const auto *error = std::get_if<QString>(&read)) {
                exitWith(Error, *error);
                return;
            }
            submit(std::get<WorkingEdits>(read));
        });
        watcher->setFuture(future);
    }

    void submit(const WorkingEdits &edits)
    {
        if (edits.written.isEmpty() && edits.removed.isEmpty()) {
            QStringList shown;
            for (const QString &path : std::as_const(m_paths))
                shown << (path.isEmpty() ? QStringLiteral("the repository's root") : path);
            exitWith(Drift,
                     QStringLiteral("nothing to propose: no uncommitted edits under %1")
                         .arg(shown.join(QStringLiteral(", "))));
            return;
        }
        change::SubmissionRequest request = m_options.request;
        request.app = m_options.app;
        request.draft.files = edits.written;
        request.removedFiles = edits.removed;
        request.draftBase = edits.head;
        QString body = QStringLiteral("Working-tree edits of app %1, proposed by "
                                      "`gitops-console propose`:\n\n")
                           .arg(m_options.app);
        for (auto it = edits.written.cbegin(); it != edits.written.cend(); ++it)
            body += QStringLiteral("- %1\n").arg(it.key());
        for (const QString &path : edits.removed)
            body += QStringLiteral("- %1 (removed)\n").arg(path);
        request.body = body;
        submitAndExit(m_worker, request, m_options.json, this);
    }

    Options m_options;
    std::shared_ptr<git::RepositoryWorker> m_worker;
    DesiredStateLoader m_loader;
    QStringList m_paths;
};

int runPropose(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Proposes the uncommitted edits under an app's paths (changed, new and deleted\n"
            "files, as `git status` shows them) as a pull request. The edits are copied into\n"
            "the change; the working tree itself is left as it is. When the target branch\n"
            "changed a file you edited since your HEAD, the file is named and nothing is\n"
            "pushed.\n")
        + changeRequestExitStatus(QStringLiteral("nothing to propose (no edits under the "
                                                 "app's paths)")));
    parser.addHelpOption();
    const QCommandLineOption repo = repositoryOption();
    const QCommandLineOption app(QStringLiteral("app"), QStringLiteral("The app (required)."),
                                 QStringLiteral("name"));
    const ChangeRequestOptions change;
    parser.addOptions({repo, app});
    parser.addOptions(change.all());
    const bool parsed = parser.parse(arguments);
    const QString format = parser.value(change.output);
    const bool json = format == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (helpRequested(parser, QStringLiteral("gitops-console propose")))
        return Synced;
    if (const QString error = unexpectedArguments(parser, "propose"); !error.isEmpty())
        return fail(error, json);
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return fail(QStringLiteral("propose: unknown output format %1 (text or json)").arg(format));
    if (!parser.isSet(app) || parser.value(app).isEmpty())
        return fail(QStringLiteral("propose: say which app: --app NAME"), json);
    if (!parser.isSet(change.title) || parser.value(change.title).trimmed().isEmpty())
        return fail(QStringLiteral("propose: say what the change is: --title TEXT"), json);
    auto opened = git::Repository::open(QDir(parser.value(repo)).absolutePath());
    if (const QString *error = std::get_if<QString>(&opened))
        return fail(*error, json);
    const auto &repository = std::get<std::unique_ptr<git::Repository>>(opened);
    if (repository->isBare())
        return fail(QStringLiteral("%1 is a bare repository: it has no working tree to propose")
                        .arg(repository->gitDirectory()),
                    json);
    Proposal::Options options;
    options.repository = repository->workingDirectory();
    options.app = parser.value(app);
    options.json = json;
    change.applyTo(parser, options.request);

    Proposal proposal(options);
    QTimer::singleShot(0, &proposal, [&proposal] { proposal.start(); });
    return QCoreApplication::exec();
}

} // namespace

const CommandRegistration propose{
    "propose", "the uncommitted edits under an app's paths as a pull request", runPropose, 41};

} // namespace gitops::cli
