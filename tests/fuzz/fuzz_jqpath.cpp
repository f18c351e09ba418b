// jq path expressions of ignore rules (drift/jqpath): the first line is the expression,
// the rest a JSON object. Any expression parses or says why; every pointer it selects
// names a value of the object, and removing what it selects leaves a JSON object.

#include "fuzztarget.h"

#include "drift/jqpath.h"

#include <QJsonDocument>

using namespace gitops::drift;

GITOPS_FUZZ_TARGET(jqpath)
{
    gitops::fuzz::InputBytes input(data, size);
    const QString expression = QString::fromUtf8(input.line());
    QJsonObject object = QJsonDocument::fromJson(input.rest()).object();
    const JqPath path = JqPath::parse(expression);
    FUZZ_CHECK(path.isValid() == path.error().isEmpty(), path.error());
    const QStringList pointers = path.pointersIn(object);
    if (!path.isValid())
        FUZZ_CHECK(pointers.isEmpty(), pointers.join(u' '));
    for (const QString &pointer : pointers)
        FUZZ_CHECK(!gitops::fuzz::valueAtPointer(object, pointer).isUndefined(), pointer);
    const JqPath copy = path; // shares the parsed program
    copy.removeFrom(object);
    (void)copy.pointersIn(object);
    return 0;
}
