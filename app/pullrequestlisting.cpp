#include "pullrequestlisting.h"

#include "forge/forgeclient.h"
#include "forge/forgeconnection.h"

namespace gitops {

PullRequestListing::PullRequestListing(QObject *parent)
    : QObject(parent)
{ }

PullRequestListing::~PullRequestListing() = default;

void PullRequestListing::start(const QString &remoteUrl, const QString &headPrefix)
{
    m_remote = forge::ForgeRemote::fromUrl(remoteUrl);
    m_connection = std::make_unique<forge::ForgeConnection>();
    m_connection->connectTo(
        remoteUrl, this, [this, headPrefix](const forge::ForgeConnectionResult &result) {
            if (result.remote.isValid())
                m_remote = result.remote;
            if (!result.connected()) {
                fail(result.error);
                return;
            }
            result.client->listOpen(
                headPrefix, this,
                [this](const QList<forge::PullRequest> &requests, const forge::ForgeError &error) {
                    if (error.isError()) {
                        fail(error.text());
                        return;
                    }
                    m_done = true;
                    Q_EMIT finished(requests, QString());
                });
        });
}

void PullRequestListing::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished({}, error);
}

} // namespace gitops
