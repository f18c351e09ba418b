// A list answer (kube/resourcewatch's parseListPage, what LiveState lists with): any body
// gives items or an error, and every item gets the type's apiVersion and kind and a key.

#include "fuzztarget.h"

#include "kube/resourcewatch.h"

using namespace gitops::kube;

GITOPS_FUZZ_TARGET(listpage)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    ApiResource type;
    type.group = QStringLiteral("apps");
    type.version = QStringLiteral("v1");
    type.kind = QStringLiteral("Deployment");
    type.plural = QStringLiteral("deployments");
    const ResourceWatch::ListPage page = ResourceWatch::parseListPage(body, type);
    FUZZ_CHECK(page.error.isEmpty() || page.items.isEmpty(), page.error);
    for (const QJsonObject &item : page.items) {
        FUZZ_CHECK(item.contains(u"apiVersion") && item.contains(u"kind"), QString());
        (void)ResourceWatch::keyOf(item);
    }
    return 0;
}
