#include "pullrequestlisting.h"

#include "forge/changebranch.h"
#include "forge/forgeclient.h"
#include "forge/forgeconnection.h"
#include "git/repositoryworker.h"
#include "history/apphistory.h"
#include "workspace/desiredstateloader.h"

namespace gitops {

QStringList pathsTouching(const QStringList &changed, const QStringList &inputs)
{
    QStringList result;
    for (const QString &path : changed) {
        for (const QString &input : inputs) {
            if (input.isEmpty() || path == input
                || (path.startsWith(input) && path.at(input.size()) == u'/')) {
                result << path;
                break;
            }
        }
    }
    return result;
}

PullRequestListing::PullRequestListing(QObject *parent)
    : QObject(parent)
{ }

PullRequestListing::~PullRequestListing() = default;

void PullRequestListing::start(const QString &remoteUrl, const QString &headPrefix)
{
    m_remote = forge::ForgeRemote::fromUrl(remoteUrl);
    list(remoteUrl, headPrefix, std::nullopt);
}

void PullRequestListing::startForApp(const QString &repository, const QString &remoteUrl,
                                     const QString &app)
{
    m_remote = forge::ForgeRemote::fromUrl(remoteUrl);
    // The branch the console would make for the app, less its content hash.
    const QString branch = forge::changeBranchName(app, {});
    const QString prefix = branch.left(branch.lastIndexOf(u'/') + 1);
    m_worker = std::make_unique<git::RepositoryWorker>(repository);
    m_loader = std::make_unique<DesiredStateLoader>();
    m_loader->setRepository(m_worker.get());
    connect(m_loader.get(), &DesiredStateLoader::loaded, this,
            [this, app, remoteUrl, prefix](const DesiredState &state) {
                if (!state.error.isEmpty()) {
                    fail(state.error);
                    return;
                }
                std::optional<App> found;
                QStringList names;
                for (const AppDesiredState &candidate : state.apps) {
                    names << candidate.app.name;
                    if (candidate.app.name == app)
                        found = candidate.app;
                }
                if (!found) {
                    fail(QStringLiteral("HEAD has no app %1 (its apps: %2)")
                             .arg(app,
                                  names.isEmpty() ? QStringLiteral("none")
                                                  : names.join(QStringLiteral(", "))));
                    return;
                }
                using Inputs = std::variant<QStringList, QString>;
                m_worker
                    ->run<Inputs>(
                        [history = history::AppHistory(*found), commit = state.revision.commitId](
                            git::Repository &repository, const git::JobControl &) -> Inputs {
                            return history.inputPaths(repository, commit);
                        })
                    .then(this,
                          [this, remoteUrl, prefix](const Inputs &inputs) {
                              if (const QString *error = std::get_if<QString>(&inputs)) {
                                  fail(*error);
                                  return;
                              }
                              list(remoteUrl, prefix, std::get<QStringList>(inputs));
                          })
                    .onCanceled(this, [this] { fail(QStringLiteral("cancelled")); });
            });
    m_loader->load(QStringLiteral("HEAD"));
}

void PullRequestListing::list(const QString &remoteUrl, const QString &headPrefix,
                              const std::optional<QStringList> &inputs)
{
    m_connection = std::make_unique<forge::ForgeConnection>();
    m_connection->connectTo(
        remoteUrl, this, [this, headPrefix, inputs](const forge::ForgeConnectionResult &result) {
            if (result.remote.isValid())
                m_remote = result.remote;
            if (!result.connected()) {
                fail(result.error);
                return;
            }
            // For an app, every open request: anyone's branch may touch its paths.
            forge::ForgeClient *client = result.client;
            client->listOpen(
                inputs ? QString() : headPrefix, this,
                [this, client, headPrefix, inputs](const QList<forge::PullRequest> &requests,
                                                   const forge::ForgeError &error) {
                    if (error.isError()) {
                        fail(error.text());
                        return;
                    }
                    if (inputs)
                        readFiles(client, requests, headPrefix, *inputs);
                    else
                        succeed(requests);
                });
        });
}

void PullRequestListing::readFiles(forge::ForgeClient *client,
                                   const QList<forge::PullRequest> &open, const QString &headPrefix,
                                   const QStringList &inputs)
{
    if (open.isEmpty()) {
        succeed({});
        return;
    }
    // All at once: the network access manager sends a few at a time over its connections.
    auto pending = std::make_shared<qsizetype>(open.size());
    for (const forge::PullRequest &request : open) {
        const int number = request.number;
        client->changedFiles(number, this,
                             [this, number, pending, open, headPrefix,
                              inputs](const QStringList &paths, const forge::ForgeError &error) {
                                 if (m_done)
                                     return;
                                 if (error.isError()) {
                                     fail(QStringLiteral("the files of #%1: %2")
                                              .arg(QString::number(number), error.text()));
                                     return;
                                 }
                                 m_touches.insert(number, pathsTouching(paths, inputs));
                                 if (--*pending > 0)
                                     return;
                                 QList<forge::PullRequest> listed;
                                 for (const forge::PullRequest &candidate : open) {
                                     if (candidate.head.startsWith(headPrefix)
                                         || !m_touches.value(candidate.number).isEmpty())
                                         listed << candidate;
                                     else
                                         m_touches.remove(candidate.number);
                                 }
                                 succeed(listed);
                             });
    }
}

void PullRequestListing::succeed(const QList<forge::PullRequest> &requests)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(requests, QString());
}

void PullRequestListing::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished({}, error);
}

} // namespace gitops
