#include "objectselectors.h"

#include "request.h"

namespace kubeemu {

bool ObjectSelectors::matches(const QJsonObject &object) const
{
    if (object.isEmpty())
        return false;
    const QJsonObject labelMap = object.value(u"metadata").toObject().value(u"labels").toObject();
    return (!labels || labels->matches(labelMap)) && (!fields || fields->matches(object));
}

std::optional<ObjectSelectors> ObjectSelectors::of(const testhttp::Request &request, QString *error)
{
    ObjectSelectors selectors;
    const QString labelText =
        request.query.queryItemValue(QStringLiteral("labelSelector"), QUrl::FullyDecoded);
    const QString fieldText =
        request.query.queryItemValue(QStringLiteral("fieldSelector"), QUrl::FullyDecoded);
    if (!labelText.isEmpty() && !(selectors.labels = LabelSelector::parse(labelText, error)))
        return std::nullopt;
    if (!fieldText.isEmpty() && !(selectors.fields = FieldSelector::parse(fieldText, error)))
        return std::nullopt;
    return selectors;
}

} // namespace kubeemu
