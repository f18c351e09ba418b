// Label selectors. The console's own (kube/trackingfilter: a workspace's `key` or
// `key=value` label) is sent to the server as a labelSelector and also applied to what
// comes back: whenever it sends one, the server must read it and select exactly the
// objects the console keeps. The local API server's parser (tests/servers/semantics/
// labelselector) is fuzzed too. First line: the label (or selector); then `key=value` lines
// are an object's labels.

#include "fuzztarget.h"

#include "kube/trackingfilter.h"
#include "labelselector.h"

using gitops::kube::TrackingFilter;

GITOPS_FUZZ_TARGET(labelselector)
{
    gitops::fuzz::InputBytes input(data, size);
    const QString first = QString::fromUtf8(input.line());
    QJsonObject labels;
    while (!input.atEnd()) {
        const QString line = QString::fromUtf8(input.line());
        const qsizetype equals = line.indexOf(u'=');
        labels.insert(equals < 0 ? line : line.left(equals),
                      equals < 0 ? QString() : line.mid(equals + 1));
    }

    QString error;
    const auto direct = kubeemu::LabelSelector::parse(first, &error);
    if (direct)
        (void)direct->matches(labels);
    else
        FUZZ_CHECK(!error.isEmpty(), first);

    const TrackingFilter filter = TrackingFilter::label(first);
    const QString selector = filter.labelSelector();
    if (selector.isEmpty())
        return 0;
    const auto server = kubeemu::LabelSelector::parse(selector, &error);
    FUZZ_CHECK(server.has_value(), selector + u": " + error);
    // The object carries the filter's own label too, so both answers are exercised.
    for (const bool withOwnLabel : {false, true}) {
        QJsonObject objectLabels = labels;
        if (withOwnLabel)
            objectLabels.insert(filter.labelKey, filter.labelValue);
        const QJsonObject object{
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("labels"), objectLabels}}}};
        FUZZ_CHECK(server->matches(objectLabels) == filter.matches(object), selector);
    }
    return 0;
}
