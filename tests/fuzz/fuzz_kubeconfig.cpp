// kubeconfig files (kube/kubeconfig): any bytes parse to a configuration or an error, and
// what parses can be merged and looked up by every name it holds.

#include "fuzztarget.h"

#include "kube/kubeconfig.h"

using namespace gitops::kube;

GITOPS_FUZZ_TARGET(kubeconfig)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const KubeConfig config =
        KubeConfig::parse(bytes, QStringLiteral("/home/fuzz/.kube/config"), &error);
    if (!error.isEmpty())
        return 0;
    const KubeConfig merged = KubeConfig::merge({config, config});
    for (const ContextEntry &context : config.contexts) {
        FUZZ_CHECK(config.context(context.name) != nullptr, context.name);
        FUZZ_CHECK(merged.context(context.name) != nullptr, context.name);
        (void)config.cluster(context.cluster);
        (void)config.user(context.user);
    }
    for (const ClusterEntry &cluster : config.clusters)
        FUZZ_CHECK(merged.cluster(cluster.name) != nullptr, cluster.name);
    for (const UserEntry &user : config.users)
        FUZZ_CHECK(merged.user(user.name) != nullptr, user.name);
    FUZZ_CHECK(merged.contextNames().size() <= config.contextNames().size(),
               config.contextNames().join(u','));
    return 0;
}
