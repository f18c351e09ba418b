// Forge answers (forge/githubclient, gitlabclient, giteaclient, forgeclient, forgeprobe):
// the JSON of a pull request, an error body and a probe answer, as any server (or a proxy
// in front of it) may send them; the first byte chooses the forge.

#include "fuzztarget.h"

#include "forge/forgeprobe.h"
#include "forge/giteaclient.h"
#include "forge/githubclient.h"
#include "forge/gitlabclient.h"

#include <QJsonDocument>

using namespace gitops::forge;

namespace {
// The answer parsers every client shares are protected: reach them from a subclass.
struct SharedParsers : GitHubClient
{
    using ForgeClient::epochHeader;
    using ForgeClient::messageOf;
};
} // namespace

GITOPS_FUZZ_TARGET(forgejson)
{
    gitops::fuzz::InputBytes input(data, size);
    const quint8 forge = input.byte();
    const QByteArray body = input.rest();
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    PullRequest pr;
    switch (forge % 3) {
    case 0:
        pr = GitHubClient::parse(json);
        (void)ForgeProbe::identify(QStringLiteral("https://git.example.com/api/v3/meta"), 200,
                                   body);
        break;
    case 1:
        pr = GitLabClient::parse(json);
        (void)ForgeProbe::identify(QStringLiteral("https://git.example.com/api/v4/version"), 200,
                                   body);
        break;
    default:
        pr = GiteaClient::parse(json);
        (void)ForgeProbe::identify(QStringLiteral("https://git.example.com/api/v1/version"), 200,
                                   body);
        break;
    }
    (void)pullRequestStateName(pr.state);
    (void)adoptablePullRequest({pr, pr});
    const QString message = SharedParsers::messageOf(body);
    FUZZ_CHECK(message.size() <= 300 || QJsonDocument::fromJson(body).isObject(),
               QString::number(message.size()));
    (void)SharedParsers::epochHeader(body.left(32));
    return 0;
}
