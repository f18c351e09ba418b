// Resource quantities (drift/quantity): any text parses or not, a quantity is the same as
// itself, and every quantity the local API server rewrites (its canonical spelling, as
// Kubernetes writes it back) is the same quantity to the console, or drift would be shown
// where the cluster only respelled a value.

#include "fuzztarget.h"

#include "drift/quantity.h"
#include "quantity.h" // the local API server's canonical spelling (tests/servers/semantics)

using gitops::drift::Quantity;

GITOPS_FUZZ_TARGET(quantity)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<Quantity> parsed = Quantity::parse(text);
    if (parsed)
        FUZZ_CHECK(Quantity::same(QJsonValue(text), QJsonValue(text)), text);
    bool ok = false;
    const QString canonical = kubeemu::canonicalQuantity(text, &ok);
    if (ok && parsed)
        FUZZ_CHECK(Quantity::same(QJsonValue(text), QJsonValue(canonical)),
                   text + u" -> " + canonical);
    bool isNumber = false;
    const double number = text.toDouble(&isNumber);
    if (isNumber)
        (void)Quantity::fromJson(QJsonValue(number));
    return 0;
}
