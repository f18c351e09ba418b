// `gitops-console adopt`: a resource's live values written back into git as a pull request
// (issue 15, item 6). The remote's target branch is fetched and compared with the cluster
// as `diff` compares (ClusterComparison), the resource's drifted fields (or the --field
// paths) become text edits of the file that defines it (change::adoptLiveValues()), and
// the change goes through change::ChangeSubmission: commit on a new branch, push, open
// the pull request.

#include "changerequest.h"
#include "clustercomparison.h"
#include "command.h"

#include "change/liveadoption.h"
#include "change/overlaypatch.h"
#include "change/renderedsource.h"
#include "git/repository.h"
#include "git/repositoryworker.h"
#include "manifest/yamldocument.h"
#include "workspace/appdiscovery.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace gitops::cli {

namespace {

/// KIND[.GROUP]/NAMESPACE/NAME, or KIND[.GROUP]/NAME for a cluster-scoped object.
std::optional<manifest::ResourceId> parseResource(const QString &text)
{
    const QStringList parts = text.split(u'/');
    if (parts.size() < 2 || parts.size() > 3 || parts.contains(QString()))
        return std::nullopt;
    manifest::ResourceId id;
    const QString type = parts.first();
    const qsizetype dot = type.indexOf(u'.');
    id.kind = dot < 0 ? type : type.left(dot);
    id.group = dot < 0 ? QString() : type.mid(dot + 1);
    id.namespaceName = parts.size() == 3 ? parts.at(1) : QString();
    id.name = parts.last();
    return id;
}

/// The branch an app's targetRevision names, or "" when it names none (HEAD, a commit, a
/// tag): then the change goes to the remote's default branch.
QString branchOf(const QString &targetRevision)
{
    static const QRegularExpression commit(QStringLiteral("^[0-9a-f]{7,40}$"));
    if (targetRevision.isEmpty() || targetRevision == u"HEAD"
        || targetRevision.startsWith(u"refs/tags/") || commit.match(targetRevision).hasMatch())
        return {};
    if (targetRevision.startsWith(u"refs/heads/"))
        return targetRevision.mid(11);
    return targetRevision;
}

QString resourceText(const manifest::ResourceId &id)
{
    const QString type = id.group.isEmpty() ? id.kind : QString(id.kind + u'.' + id.group);
    if (id.namespaceName.isEmpty())
        return type + u'/' + id.name;
    return type + u'/' + id.namespaceName + u'/' + id.name;
}

/// The document of @p bytes that holds the object @p id starting near @p line: the one of
/// that kind and name (nearest to the line when several are), as parseYamlDocuments()
/// counts documents; -1 when none is.
int documentOf(const QByteArray &bytes, const manifest::ResourceId &id, int line)
{
    const auto parsed = manifest::parseYamlDocuments(bytes);
    if (!std::holds_alternative<QList<manifest::YamlDocument>>(parsed))
        return -1;
    const auto &documents = std::get<QList<manifest::YamlDocument>>(parsed);
    int best = -1;
    int bestDistance = INT_MAX;
    for (qsizetype i = 0; i < documents.size(); ++i) {
        const QJsonObject object = documents.at(i).value.toObject();
        const QJsonObject metadata = object.value(u"metadata").toObject();
        if (object.value(u"kind").toString() != id.kind
            || metadata.value(u"name").toString() != id.name)
            continue;
        const int distance = std::abs(documents.at(i).line - line);
        if (distance < bestDistance) {
            best = int(i);
            bestDistance = distance;
        }
    }
    return best;
}

/// One run of `adopt`: fetch, compare, adopt, submit; each step ends the event loop on
/// failure with its exit code.
class Adoption : public QObject
{
public:
    struct Options
    {
        QString repository; ///< the root of the working tree
        QString context;
        QString app;
        manifest::ResourceId resource;
        QStringList fields;
        int timeoutSeconds = 0;
        bool json = false;
        change::SubmissionRequest request; ///< branch, title, draft, --no-pr
    };

    explicit Adoption(Options options)
        : m_options(std::move(options))
        , m_worker(std::make_shared<git::RepositoryWorker>(m_options.repository))
    { }

    void start() { fetch(m_options.request.targetBranch); }

private:
    // The target branch (empty: the remote's default), then the comparison at its tip.
    void fetch(const QString &branch)
    {
        auto *watcher =
            new QFutureWatcher<std::variant<change::FetchedTarget, git::RemoteError>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            if (watcher->future().resultCount() == 0) {
                QCoreApplication::exit(fail(QStringLiteral("fetching was cancelled"), json()));
                return;
            }
            const auto fetched = watcher->result();
            if (const auto *error = std::get_if<git::RemoteError>(&fetched)) {
                QCoreApplication::exit(fail(error->message, json()));
                return;
            }
            compare(std::get<change::FetchedTarget>(fetched));
        });
        watcher->setFuture(change::fetchTarget(*m_worker, m_options.request.remote, branch));
    }

    bool json() const { return m_options.json; }

    void exitWith(int code, const QString &message)
    {
        QCoreApplication::exit(stopWith(code, message, json()));
    }

    // What the cluster runs against what the target branch says (not the checkout: the
    // change goes on the target branch, and that is what the cluster deploys).
    void compare(const change::FetchedTarget &target)
    {
        m_target = target;
        ClusterQuestion question;
        question.folder = m_options.repository;
        question.revision = target.tip;
        question.context = m_options.context;
        question.app = m_options.app;
        question.timeoutSeconds = m_options.timeoutSeconds;
        m_comparison = std::make_unique<ClusterComparison>(question);
        connect(m_comparison.get(), &ClusterComparison::finished, this,
                [this](const drift::WorkspaceDrift &snapshot, const QString &error,
                       const QStringList &problems) {
                    for (const QString &problem : problems)
                        std::fprintf(stderr, "gitops-console: %s\n", qPrintable(problem));
                    if (!error.isEmpty()) {
                        exitWith(Error, error);
                        return;
                    }
                    compared(snapshot);
                });
        m_comparison->start();
    }

    void compared(const drift::WorkspaceDrift &snapshot)
    {
        const drift::AppWorkspaceDrift *app = nullptr;
        QStringList names;
        for (const drift::AppWorkspaceDrift &candidate : snapshot.apps) {
            names << candidate.name;
            if (candidate.name == m_options.app)
                app = &candidate;
        }
        if (!app) {
            exitWith(Error,
                     QStringLiteral("%1 at %2 has no app %3 (its apps: %4)")
                         .arg(m_target.branch, m_target.tip.left(12), m_options.app,
                              names.isEmpty() ? QStringLiteral("none")
                                              : names.join(QStringLiteral(", "))));
            return;
        }
        if (!app->error.isEmpty()) {
            exitWith(Error, QStringLiteral("%1: %2").arg(app->name, app->error));
            return;
        }
        const AppDesiredState *desired = m_comparison->desiredApp(app->name);
        // The change goes where the app's controller looks: its targetRevision's branch.
        // Learnt only now (the cluster's Application may say), so compare once more there.
        const QString follows = desired ? branchOf(desired->app.targetRevision) : QString();
        if (!follows.isEmpty() && follows != m_target.branch
            && m_options.request.targetBranch.isEmpty()) {
            m_options.request.targetBranch = follows;
            m_comparison.release()->deleteLater(); // this runs in its signal
            fetch(follows);
            return;
        }
        const bool rendered = desired && desired->renderer != AppDesiredState::Renderer::Plain;
        const manifest::ResourceId &wanted = m_options.resource;
        const drift::ResourceDrift *resource = nullptr;
        for (const drift::ResourceDrift &candidate : app->drift.resources) {
            const manifest::ResourceId &id = candidate.id;
            if (id.kind.compare(wanted.kind, Qt::CaseInsensitive) == 0
                && id.group.compare(wanted.group, Qt::CaseInsensitive) == 0
                && id.namespaceName == wanted.namespaceName && id.name == wanted.name)
                resource = &candidate;
        }
        if (!resource) {
            QStringList known;
            for (const drift::ResourceDrift &candidate : app->drift.resources)
                known << resourceText(candidate.id);
            exitWith(Error,
                     QStringLiteral("%1 has no %2 (its resources: %3)")
                         .arg(app->name, resourceText(wanted),
                              known.isEmpty() ? QStringLiteral("none")
                                              : known.join(QStringLiteral(", "))));
            return;
        }
        const QString name = resourceText(resource->id);
        switch (resource->status) {
        case drift::SyncStatus::Unknown:
            exitWith(Error,
                     QStringLiteral("%1 could not be compared: %2").arg(name, resource->reason));
            return;
        case drift::SyncStatus::Missing:
            exitWith(Drift,
                     QStringLiteral("nothing to adopt: %1 is not in the cluster (git "
                                    "defines it, the app has not deployed it)")
                         .arg(name));
            return;
        case drift::SyncStatus::Extraneous:
            if (!m_options.fields.isEmpty()) {
                exitWith(Drift,
                         QStringLiteral("nothing to adopt: git does not define %1 at all, so "
                                        "it has no fields to take; without --field, adopt "
                                        "adds the whole object to git")
                             .arg(name));
                return;
            }
            adoptObject(resource->live, desired ? desired->app.paths.value(0) : QString());
            return;
        case drift::SyncStatus::Synced:
        case drift::SyncStatus::OutOfSync:
            break;
        }
        QList<drift::Difference> differences;
        if (m_options.fields.isEmpty()) {
            differences = resource->differences;
        } else {
            QStringList drifted;
            for (const drift::Difference &difference : resource->differences)
                drifted << difference.path;
            for (const QString &field : m_options.fields) {
                const qsizetype at = drifted.indexOf(field);
                if (at < 0) {
                    exitWith(Error,
                             QStringLiteral("%1 does not drift at %2 (%3; paths as `diff -o "
                                            "json` writes them)")
                                 .arg(name, field,
                                      drifted.isEmpty() ? QStringLiteral("it drifts nowhere")
                                                        : QStringLiteral("it drifts at ")
                                              + drifted.join(QStringLiteral(", "))));
                    return;
                }
                differences << resource->differences.at(at);
            }
        }
        if (differences.isEmpty()) {
            exitWith(Drift,
                     QStringLiteral("nothing to adopt: %1 is live as %2 says")
                         .arg(name, m_target.branch));
            return;
        }
        const drift::SourceLocation source = app->sources.value(resource->id);
        const QString file = source.path;
        const int line = source.firstLine;
        if (file.isEmpty()) {
            exitWith(Error, QStringLiteral("no file of %1 defines %2").arg(app->name, name));
            return;
        }
        if (rendered || isKustomizationFile(file)) {
            if (desired && desired->renderer == AppDesiredState::Renderer::Helm) {
                exitWith(Drift,
                         QStringLiteral("nothing to adopt: %1 is rendered by Helm; "
                                        "adopt does not edit charts or values")
                             .arg(name));
                return;
            }
            // kustomize made the object from other files: a field goes into the one file
            // that literally holds it, as rendered.
            const QString apiVersion = [&] {
                for (const manifest::Resource &candidate :
                     desired ? desired->resources : QList<manifest::Resource>()) {
                    if (candidate.id == resource->id)
                        return candidate.object.value(u"apiVersion").toString();
                }
                return QString();
            }();
            findHolders(resource->id, differences,
                        desired ? desired->app.paths.value(0) : QString(), apiVersion);
            return;
        }
        readAndAdopt(file, line, resource->id, differences);
    }

    // An object the app runs that git does not name: the whole of it, as a new file in the
    // app's folder (change::adoptLiveObject()), named in its kustomization if it has one.
    void adoptObject(const QJsonObject &live, const QString &folder)
    {
        using R = std::variant<change::LiveObjectTarget, QString>;
        const QString tip = m_target.tip;
        auto future = m_worker->run<R>(
            [tip, folder](git::Repository &repository, const git::JobControl &) -> R {
                return change::readLiveObjectTarget(repository, tip, folder);
            });
        auto *watcher = new QFutureWatcher<R>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, live] {
            watcher->deleteLater();
            if (watcher->future().resultCount() == 0) {
                exitWith(Error, QStringLiteral("reading the app's folder was cancelled"));
                return;
            }
            const R read = watcher->result();
            if (const auto *error = std::get_if<QString>(&read)) {
                exitWith(Error, *error);
                return;
            }
            submit(change::adoptLiveObject(live, std::get<change::LiveObjectTarget>(read)),
                   m_options.resource);
        });
        watcher->setFuture(future);
    }

    void readAndAdopt(const QString &file, int line, const manifest::ResourceId &id,
                      const QList<drift::Difference> &differences)
    {
        using R = std::variant<QByteArray, QString>;
        const QString tip = m_target.tip;
        auto future = m_worker->run<R>(
            [tip, file](git::Repository &repository, const git::JobControl &) -> R {
                const auto revision = repository.resolve(tip);
                if (const auto *error = std::get_if<QString>(&revision))
                    return *error;
                const QString folder =
                    file.contains(u'/') ? file.left(file.lastIndexOf(u'/')) : QString();
                const auto files = repository.files(std::get<git::Revision>(revision), folder);
                if (const auto *error = std::get_if<QString>(&files))
                    return *error;
                for (const git::TreeFile &candidate : std::get<QList<git::TreeFile>>(files)) {
                    if (candidate.path == file)
                        return repository.read(candidate);
                }
                return QStringLiteral("%1 is not in %2").arg(file, tip.left(12));
            });
        auto *watcher = new QFutureWatcher<R>(this);
        connect(
            watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, file, line, id, differences] {
                watcher->deleteLater();
                if (watcher->future().resultCount() == 0) {
                    exitWith(Error, QStringLiteral("reading %1 was cancelled").arg(file));
                    return;
                }
                const R read = watcher->result();
                if (const auto *error = std::get_if<QString>(&read)) {
                    exitWith(Error, *error);
                    return;
                }
                const QByteArray &bytes = std::get<QByteArray>(read);
                const int document = documentOf(bytes, id, line);
                if (document < 0) {
                    exitWith(Error,
                             QStringLiteral("%1 holds no %2 named %3 at %4")
                                 .arg(file, id.kind, id.name, m_target.tip.left(12)));
                    return;
                }
                adopt({change::RenderedHolder{file, bytes, document, differences}}, {}, id, false);
            });
        watcher->setFuture(future);
    }

    // The kustomize app's files that hold the drifted fields: every YAML document of the
    // target's tree of the resource's kind and name (bases may live outside the app's
    // folder), and per field the one whose value there is the rendered one; a field no file
    // holds (or several do) goes into a patch in the app's own kustomization (its overlay),
    // as the window does (change::adoptRenderedLiveValues()).
    void findHolders(const manifest::ResourceId &id, const QList<drift::Difference> &differences,
                     const QString &overlayFolder, const QString &apiVersion)
    {
        struct Read
        {
            QList<change::RenderedCandidate> candidates;
            std::optional<change::KustomizeOverlay> overlay;
        };
        using R = std::variant<Read, QString>;
        const QString tip = m_target.tip;
        auto future =
            m_worker->run<R>([tip, id, overlayFolder](git::Repository &repository,
                                                      const git::JobControl &control) -> R {
                const auto revision = repository.resolve(tip);
                if (const auto *error = std::get_if<QString>(&revision))
                    return *error;
                const auto files = repository.files(std::get<git::Revision>(revision));
                if (const auto *error = std::get_if<QString>(&files))
                    return *error;
                Read read;
                QHash<QString, QByteArray> overlayFiles;
                const QByteArray name = id.name.toUtf8();
                for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(files)) {
                    if (control.stopRequested())
                        return QStringLiteral("cancelled");
                    const bool inOverlay = file.path.section(u'/', 0, -2) == overlayFolder;
                    if (isKustomizationFile(file.path)) {
                        if (!inOverlay || read.overlay)
                            continue;
                        const auto bytes = repository.read(file);
                        if (const auto *content = std::get_if<QByteArray>(&bytes))
                            read.overlay = change::KustomizeOverlay{file.path, *content, {}, {}};
                        continue;
                    }
                    if (!file.path.endsWith(u".yaml") && !file.path.endsWith(u".yml"))
                        continue;
                    const auto bytes = repository.read(file);
                    if (!std::holds_alternative<QByteArray>(bytes)
                        || !std::get<QByteArray>(bytes).contains(name))
                        continue;
                    if (inOverlay)
                        overlayFiles.insert(file.path, std::get<QByteArray>(bytes));
                    read.candidates += change::renderedCandidates(
                        file.path, std::get<QByteArray>(bytes), id.kind, id.name);
                }
                if (read.overlay) {
                    const QString patch =
                        change::overlayPatchFile(read.overlay->kustomizationFile, id);
                    if (overlayFiles.contains(patch))
                        read.overlay->existingPatch = overlayFiles.value(patch);
                }
                return read;
            });
        auto *watcher = new QFutureWatcher<R>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, id, differences, apiVersion] {
                    watcher->deleteLater();
                    if (watcher->future().resultCount() == 0) {
                        exitWith(Error, QStringLiteral("reading the app's files was cancelled"));
                        return;
                    }
                    const R read = watcher->result();
                    if (const auto *error = std::get_if<QString>(&read)) {
                        exitWith(Error, *error);
                        return;
                    }
                    const Read &found = std::get<Read>(read);
                    submit(change::adoptRenderedLiveValues(differences, id, apiVersion,
                                                           found.candidates, found.overlay),
                           id);
                });
        watcher->setFuture(future);
    }

    void adopt(const QList<change::RenderedHolder> &holders,
               QList<change::AdoptionRefusal> refusals, const manifest::ResourceId &id,
               bool rendered)
    {
        change::LiveAdoption adoption;
        for (const change::RenderedHolder &holder : holders) {
            change::AdoptionSource source;
            source.file = holder.file;
            source.bytes = holder.bytes;
            source.kind = id.kind;
            source.document = holder.document;
            source.rendered = rendered;
            const change::LiveAdoption made =
                change::adoptLiveValues(holder.differences, source, adoption.draft);
            adoption.draft = made.draft;
            refusals += made.refusals;
        }
        adoption.refusals = refusals;
        submit(adoption, id);
    }

    void submit(const change::LiveAdoption &adoption, const manifest::ResourceId &id)
    {
        for (const change::AdoptionRefusal &refusal : adoption.refusals)
            std::fprintf(stderr, "gitops-console: refused %s: %s\n", qPrintable(refusal.path),
                         qPrintable(refusal.reason));
        if (adoption.draft.isEmpty()) {
            exitWith(Drift,
                     adoption.refusals.isEmpty()
                         ? QStringLiteral("nothing to adopt")
                         : QStringLiteral("nothing to adopt: every field was refused"));
            return;
        }
        change::SubmissionRequest request = m_options.request;
        request.draft = adoption.draft;
        request.app = m_options.app;
        request.targetBranch = m_target.branch;
        request.draftBase = m_target.tip;
        const QString name = resourceText(id);
        if (request.title.isEmpty())
            request.title =
                QStringLiteral("%1: take the live values of %2 into git").arg(m_options.app, name);
        QString body = QStringLiteral("The live values of %1 (app %2), taken into git by "
                                      "`gitops-console adopt`:\n\n")
                           .arg(name, m_options.app);
        for (const QString &line : adoption.draft.summary)
            body += QStringLiteral("- %1\n").arg(line);
        if (!adoption.refusals.isEmpty()) {
            body += QStringLiteral("\nNot taken:\n\n");
            for (const change::AdoptionRefusal &refusal : adoption.refusals)
                body += QStringLiteral("- %1: %2\n").arg(refusal.path, refusal.reason);
        }
        request.body = body;
        submitAndExit(m_worker, request, json(), this, adoption.draft.summary);
    }

    Options m_options;
    std::shared_ptr<git::RepositoryWorker> m_worker;
    change::FetchedTarget m_target;
    std::unique_ptr<ClusterComparison> m_comparison;
};

int runAdopt(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral(
            "Takes the live values of a resource's drifted fields (or only the --field paths,\n"
            "written as `diff -o json` writes them) into git as a pull request: the remote's\n"
            "target branch is compared with the cluster as `diff` compares it, and each value\n"
            "becomes a text edit of the file that defines the resource (its comments, order\n"
            "and quoting kept); for a kustomize app, the one file that holds the field as\n"
            "kustomize renders it. A Secret's values are refused (they do not go into git),\n"
            "so are fields no one file holds and fields git does not set in a kustomize\n"
            "app; the reasons go to stderr.\n")
        + changeRequestExitStatus(QStringLiteral("nothing to adopt (no drift, or every field "
                                                 "refused)")));
    parser.addHelpOption();
    const QCommandLineOption repo = repositoryOption();
    const QCommandLineOption context(QStringLiteral("context"),
                                     QStringLiteral("The kubeconfig context (default: its "
                                                    "current one)."),
                                     QStringLiteral("name"));
    const QCommandLineOption app(QStringLiteral("app"), QStringLiteral("The app (required)."),
                                 QStringLiteral("name"));
    const QCommandLineOption resource(QStringLiteral("resource"),
                                      QStringLiteral("The resource (required): "
                                                     "KIND[.GROUP]/NAMESPACE/NAME, or "
                                                     "KIND[.GROUP]/NAME when cluster-scoped."),
                                      QStringLiteral("id"));
    const QCommandLineOption field(QStringLiteral("field"),
                                   QStringLiteral("Only this drifted field (repeatable), as "
                                                  "`diff -o json` writes it: .spec.replicas."),
                                   QStringLiteral("path"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Give up (exit 2) when the comparison has "
                                                    "no answer within <seconds>."),
                                     QStringLiteral("seconds"));
    const ChangeRequestOptions change;
    parser.addOptions({repo, context, app, resource, field, timeout});
    parser.addOptions(change.all());
    const bool parsed = parser.parse(arguments);
    const QString format = parser.value(change.output);
    const bool json = format == u"json";
    if (!parsed)
        return fail(parser.errorText(), json);
    if (helpRequested(parser, QStringLiteral("gitops-console adopt")))
        return Synced;
    if (const QString error = unexpectedArguments(parser, "adopt"); !error.isEmpty())
        return fail(error, json);
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return fail(QStringLiteral("adopt: unknown output format %1 (text or json)").arg(format));
    if (!parser.isSet(app) || parser.value(app).isEmpty())
        return fail(QStringLiteral("adopt: say which app: --app NAME"), json);
    if (!parser.isSet(resource))
        return fail(QStringLiteral("adopt: say which resource: --resource "
                                   "KIND[.GROUP]/NAMESPACE/NAME"),
                    json);
    const auto id = parseResource(parser.value(resource));
    if (!id)
        return fail(QStringLiteral("adopt: %1 is no resource; write KIND[.GROUP]/NAMESPACE/NAME "
                                   "(Deployment.apps/shop/web) or KIND[.GROUP]/NAME")
                        .arg(parser.value(resource)),
                    json);
    Adoption::Options options;
    if (parser.isSet(timeout)) {
        bool ok = false;
        options.timeoutSeconds = parser.value(timeout).toInt(&ok);
        if (!ok || options.timeoutSeconds <= 0)
            return fail(QStringLiteral("--timeout takes a whole number of seconds above 0, not %1")
                            .arg(parser.value(timeout)),
                        json);
    }
    auto opened = git::Repository::open(QDir(parser.value(repo)).absolutePath());
    if (const QString *error = std::get_if<QString>(&opened))
        return fail(*error, json);
    const auto &repository = std::get<std::unique_ptr<git::Repository>>(opened);
    if (repository->isBare())
        return fail(QStringLiteral("%1 is a bare repository; adopt needs a clone")
                        .arg(repository->gitDirectory()),
                    json);
    options.repository = repository->workingDirectory();
    options.context = parser.value(context);
    options.app = parser.value(app);
    options.resource = *id;
    options.fields = parser.values(field);
    options.json = json;
    change.applyTo(parser, options.request);

    Adoption adoption(options);
    QTimer::singleShot(0, &adoption, [&adoption] { adoption.start(); });
    return QCoreApplication::exec();
}

} // namespace

const CommandRegistration adopt{"adopt", "take a resource's live values into git as a pull request",
                                runAdopt, 40};

} // namespace gitops::cli
