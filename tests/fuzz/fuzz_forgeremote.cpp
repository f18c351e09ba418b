// Remote URLs and forge detection (forge/forgeremote, forge/forgeprobe): the first line is
// a remote URL as `git remote` prints it, the second a host of the user's forge settings.
// Any URL gives a forge remote or an error; a valid one has a host and a project, and its
// web, compare and probe URLs can be built.

#include "fuzztarget.h"

#include "forge/forgeprobe.h"
#include "forge/forgeremote.h"

using namespace gitops::forge;

GITOPS_FUZZ_TARGET(forgeremote)
{
    gitops::fuzz::InputBytes input(data, size);
    const QString url = QString::fromUtf8(input.line());
    const quint8 type = input.byte();
    const QString host = QString::fromUtf8(input.line());
    QList<ForgeHost> hosts;
    if (!host.isEmpty())
        hosts.append({host, ForgeType(type % 5), QUrl(QString::fromUtf8(input.line()))});
    const ForgeRemote remote = ForgeRemote::fromUrl(url, hosts);
    if (!remote.isValid()) {
        FUZZ_CHECK(!remote.error().isEmpty() || remote.host().isEmpty(), url);
        return 0;
    }
    FUZZ_CHECK(!remote.host().isEmpty(), url);
    FUZZ_CHECK(!remote.projectPath().isEmpty(), url);
    (void)remote.owner();
    (void)remote.name();
    (void)remote.webUrl();
    (void)remote.compareUrl(QStringLiteral("main"), QStringLiteral("gitops-console/change"));
    (void)remote.unknownForgeHint();
    (void)ForgeProbe::candidateRoots(remote);
    const ForgeRemote typed = remote.withForge(ForgeType::GitLab, QUrl());
    (void)typed.apiBase();
    return 0;
}
