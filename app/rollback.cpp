// `gitops-console rollback`: an app back to an older commit as a pull request (issue 16,
// item 5). --to REV restores the app's inputs (its folders, what its kustomizations reach,
// history::AppHistory::inputPaths) to what they are at REV, on top of the remote's target
// branch tip, every other path as the tip has it; --revert reverts REV itself. Submitted
// through change::ChangeSubmission like `adopt` and `propose`; the cluster is never written.

#include "changerequest.h"
#include "command.h"

#include "change/changesubmission.h"
#include "git/commitbuilder.h"
#include "git/repository.h"
#include "git/repositoryworker.h"
#include "history/rollbackplan.h"
#include "workspace/desiredstateloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace gitops::cli {

namespace {

class Rollback : public QObject
{
public:
    struct Options
    {
        QString repository;
        QString app;
        QString to;
        bool revert = false;
        bool json = false;
        bool titleGiven = false;
        change::SubmissionRequest request;
    };

    explicit Rollback(Options options)
        : m_options(std::move(options))
        , m_worker(std::make_shared<git::RepositoryWorker>(m_options.repository))
    { }

    void start()
    {
        m_loader.setRepository(m_worker.get());
        connect(&m_loader, &DesiredStateLoader::loaded, this, &Rollback::loaded);
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
        QStringList names;
        for (const AppDesiredState &candidate : state.apps) {
            names << candidate.app.name;
            if (candidate.app.name == m_options.app)
                m_app = candidate.app;
        }
        if (m_app.name.isEmpty()) {
            exitWith(Error,
                     QStringLiteral("HEAD has no app %1 (its apps: %2)")
                         .arg(m_options.app,
                              names.isEmpty() ? QStringLiteral("none")
                                              : names.join(QStringLiteral(", "))));
            return;
        }
        // The app's targetRevision when it names a branch, else the remote's default.
        if (const QString target = change::targetBranchOf(m_app.targetRevision); !target.isEmpty())
            m_options.request.targetBranch = target;
        if (m_options.revert) {
            revert();
            return;
        }
        // The tip the change goes on decides what differs from REV.
        fetchTargetThen(&Rollback::plan);
    }

    /// Fetches the target branch, then goes on with @p next on its tip.
    void fetchTargetThen(void (Rollback::*next)(const change::FetchedTarget &))
    {
        change::fetchTarget(*m_worker, m_options.request.remote, m_options.request.targetBranch)
            .then(
                this,
                [this, next](const std::variant<change::FetchedTarget, git::RemoteError> &fetched) {
                    if (const auto *error = std::get_if<git::RemoteError>(&fetched)) {
                        exitWith(Error, QStringLiteral("fetch failed: %1").arg(error->message));
                        return;
                    }
                    (this->*next)(std::get<change::FetchedTarget>(fetched));
                })
            .onCanceled(this, [this] { exitWith(Error, QStringLiteral("fetch cancelled")); });
    }

    void plan(const change::FetchedTarget &target)
    {
        m_options.request.targetBranch = target.branch;
        using R = std::variant<history::RollbackPlan, QString>;
        m_worker
            ->run<R>([app = m_app, to = m_options.to, tip = target.tip](
                         git::Repository &repository, const git::JobControl &control) -> R {
                return history::planRollback(repository, app, to, tip, control);
            })
            .then(this,
                  [this, target](const R &result) {
                      if (const auto *message = std::get_if<QString>(&result)) {
                          exitWith(Error, *message);
                          return;
                      }
                      submit(std::get<history::RollbackPlan>(result), target);
                  })
            .onCanceled(this, [this] { exitWith(Error, QStringLiteral("cancelled")); });
    }

    void submit(const history::RollbackPlan &plan, const change::FetchedTarget &target)
    {
        const QString revision = plan.revision.left(8);
        if (plan.isEmpty()) {
            exitWith(Drift,
                     QStringLiteral("nothing to roll back: app %1's inputs on %2 are "
                                    "already what they are at %3")
                         .arg(m_options.app, target.branch, revision));
            return;
        }
        change::SubmissionRequest request = m_options.request;
        request.app = m_options.app;
        request.restoredFolders = plan.restoredFolders;
        request.restoreRevision = plan.revision;
        request.draft.files = plan.files;
        request.removedFiles = plan.removedFiles;
        request.draftBase = target.tip;
        if (!m_options.titleGiven)
            request.title = QStringLiteral("Roll back %1 to %2 (%3)")
                                .arg(m_options.app, revision, plan.subject);
        // No cluster is read here: what the controller does on merge is said generally.
        request.body = history::rollbackDescription(
            m_options.app, plan, target.branch, {},
            QStringLiteral("Made by `gitops-console rollback`; merging it lets the app's "
                           "controller apply it."));
        submitAndExit(m_worker, request, m_options.json, this);
    }

    // A revert is checked on the fetched tip first: one that conflicts is refused, its files
    // named, unless --draft, which opens a draft pull request of the rest of it with the
    // conflicting files left as the tip has them, listed to resolve by hand.
    void revert() { fetchTargetThen(&Rollback::checkRevert); }

    void checkRevert(const change::FetchedTarget &target)
    {
        using Checked = std::pair<git::CommitInfo, git::PartialRevert>;
        using R = std::variant<Checked, QString>;
        m_worker
            ->run<R>([to = m_options.to, tip = target.tip](git::Repository &repository,
                                                           const git::JobControl &) -> R {
                const auto resolved = repository.resolve(to);
                if (const auto *message = std::get_if<QString>(&resolved))
                    return *message;
                auto commit = repository.commit(std::get<git::Revision>(resolved).commitId);
                if (const auto *message = std::get_if<QString>(&commit))
                    return *message;
                git::RevertRequest request;
                request.base = tip;
                request.commits = {std::get<git::CommitInfo>(commit).id};
                auto reverted = git::CommitBuilder(repository).revertLeavingConflicts(request);
                if (const auto *error = std::get_if<git::CommitError>(&reverted))
                    return error->message;
                return Checked{std::get<git::CommitInfo>(commit),
                               std::get<git::PartialRevert>(reverted)};
            })
            .then(this,
                  [this, target](const R &result) {
                      if (const auto *message = std::get_if<QString>(&result)) {
                          exitWith(Error, *message);
                          return;
                      }
                      const auto &[commit, reverted] = std::get<Checked>(result);
                      submitRevert(target, commit, reverted);
                  })
            .onCanceled(this, [this] { exitWith(Error, QStringLiteral("cancelled")); });
    }

    void submitRevert(const change::FetchedTarget &target, const git::CommitInfo &commit,
                      const git::PartialRevert &reverted)
    {
        change::SubmissionRequest request = m_options.request;
        request.app = m_options.app;
        request.targetBranch = target.branch;
        if (!m_options.titleGiven)
            request.title = QStringLiteral("Revert \"%1\"").arg(commit.summary);
        if (reverted.conflicts.isEmpty()) {
            request.revertedCommits = {commit.id};
            request.body = QStringLiteral("Reverts %1 (%2) for app %3.\n\nMade by "
                                          "`gitops-console rollback --revert`; merging it "
                                          "lets the app's controller apply it.\n")
                               .arg(commit.id, commit.summary, m_options.app);
            submitAndExit(m_worker, request, m_options.json, this);
            return;
        }
        QStringList conflicts;
        QStringList paths;
        for (const git::FileConflict &conflict : reverted.conflicts) {
            conflicts << QStringLiteral("%1 (%2)").arg(conflict.path, conflict.reason);
            paths << conflict.path;
        }
        paths.removeDuplicates();
        if (!request.draftPullRequest) {
            exitWith(Error,
                     QStringLiteral("the revert of %1 conflicts with later changes on %2 in %3; "
                                    "nothing was pushed (--draft opens a draft pull request "
                                    "with these files left as %2 has them, to resolve by hand)")
                         .arg(commit.id.left(8), target.branch, paths.join(QStringLiteral(", "))));
            return;
        }
        if (reverted.files.isEmpty()) {
            exitWith(Error,
                     QStringLiteral("nothing of the revert of %1 applies cleanly: every file it "
                                    "changes conflicts (%2)")
                         .arg(commit.id.left(8), paths.join(QStringLiteral(", "))));
            return;
        }
        // The rest of the revert as file edits on the tip; the conflicting files stay.
        for (const git::RevertedFile &file : reverted.files) {
            if (file.removed)
                request.removedFiles << file.path;
            else
                request.draft.files.insert(file.path, file.after);
        }
        request.draftBase = target.tip;
        request.body = history::revertDescription(
            m_options.app, {QStringLiteral("%1 %2").arg(commit.id, commit.summary)}, target.branch,
            target.tip, conflicts,
            QStringLiteral("Made by `gitops-console rollback --revert --draft`; merging it "
                           "lets the app's controller apply it."));
        std::fprintf(stderr,
                     "gitops-console: the revert conflicts in %s: left as %s has them, "
                     "listed in the draft pull request to resolve by hand\n",
                     qPrintable(paths.join(QStringLiteral(", "))), qPrintable(target.branch));
        submitAndExit(m_worker, request, m_options.json, this);
    }

    Options m_options;
    std::shared_ptr<git::RepositoryWorker> m_worker;
    DesiredStateLoader m_loader;
    App m_app;
};

int runRollback(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Rolls an app back as a pull request. --to REV restores the app's inputs (its\n"
            "folders and what its kustomizations reach) to what they are at REV, on top of\n"
            "the remote's target branch; every other path stays as the branch has it, so\n"
            "other apps' commits since then are kept. --revert reverts REV itself instead\n"
            "(a real revert: a file that does not revert cleanly is named and nothing is\n"
            "pushed; with --draft a draft pull request holds the rest of the revert, those\n"
            "files left as the branch has them and listed to resolve by hand). See\n"
            "`gitops-console history` for the commits and which one runs.\n")
        + changeRequestExitStatus(
            QStringLiteral("nothing to roll back (the app's inputs are REV's)")));
    parser.addHelpOption();
    const QCommandLineOption repo = repositoryOption();
    const QCommandLineOption app(QStringLiteral("app"), QStringLiteral("The app (required)."),
                                 QStringLiteral("name"));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("The commit to roll back to, or with --revert the "
                                               "commit to revert (required)."),
                                QStringLiteral("rev"));
    const QCommandLineOption revert(QStringLiteral("revert"),
                                    QStringLiteral("Revert the commit --to names instead."));
    const ChangeRequestOptions change;
    parser.addOptions({repo, app, to, revert});
    parser.addOptions(change.all());
    const bool parsed = parser.parse(arguments);
    const QString format = parser.value(change.output);
    const bool json = format == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (helpRequested(parser, QStringLiteral("gitops-console rollback")))
        return Synced;
    if (const QString error = unexpectedArguments(parser, "rollback"); !error.isEmpty())
        return fail(error, json);
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return fail(
            QStringLiteral("rollback: unknown output format %1 (text or json)").arg(format));
    if (!parser.isSet(app) || parser.value(app).isEmpty())
        return fail(QStringLiteral("rollback: say which app: --app NAME"), json);
    if (!parser.isSet(to) || parser.value(to).isEmpty())
        return fail(QStringLiteral("rollback: say to which commit: --to REV"), json);
    auto opened = git::Repository::open(QDir(parser.value(repo)).absolutePath());
    if (const QString *error = std::get_if<QString>(&opened))
        return fail(*error, json);
    const auto &repository = std::get<std::unique_ptr<git::Repository>>(opened);
    Rollback::Options options;
    options.repository =
        repository->isBare() ? repository->gitDirectory() : repository->workingDirectory();
    options.app = parser.value(app);
    options.to = parser.value(to);
    options.revert = parser.isSet(revert);
    options.json = json;
    options.titleGiven = parser.isSet(change.title);
    change.applyTo(parser, options.request);

    Rollback rollback(options);
    QTimer::singleShot(0, &rollback, [&rollback] { rollback.start(); });
    return QCoreApplication::exec();
}

} // namespace

const CommandRegistration rollback{"rollback", "an app back to an older commit, as a pull request",
                                   runRollback, 62};

} // namespace gitops::cli
