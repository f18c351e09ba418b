// Discovery answers (kube/discoveryinfo): an aggregated discovery document, the legacy
// /api and /apis group lists and a legacy APIResourceList, as any server may send them;
// the first byte says which. Whatever is kept can be found again by its kind and plural.

#include "fuzztarget.h"

#include "kube/discoveryinfo.h"

using namespace gitops::kube;

GITOPS_FUZZ_TARGET(discovery)
{
    gitops::fuzz::InputBytes input(data, size);
    const quint8 shape = input.byte();
    const QByteArray body = input.rest();
    DiscoveryInfo info;
    QString error;
    switch (shape % 3) {
    case 0:
        (void)info.addAggregated(body, &error);
        break;
    case 1:
        for (const QString &groupVersion : DiscoveryInfo::legacyGroupVersions(body, &error))
            FUZZ_CHECK(!groupVersion.isEmpty(), QString());
        break;
    default:
        (void)info.addLegacyResourceList(body, &error);
        break;
    }
    for (const ApiResource &resource : info.resources()) {
        FUZZ_CHECK(info.findPlural(resource.group, resource.plural).isValid(),
                   resource.displayName());
        (void)info.find(resource.group, resource.kind);
        (void)resource.collectionPath(QStringLiteral("default"));
        (void)resource.objectPath(QStringLiteral("default"), QStringLiteral("web"));
    }
    return 0;
}
