#pragma once

#include "fieldselector.h"
#include "labelselector.h"

#include <QJsonObject>

#include <optional>

namespace testhttp {
struct Request;
}

namespace kubeemu {

/// A request's labelSelector and fieldSelector: which objects a list, a watch or a
/// deletecollection is about. A value.
struct ObjectSelectors
{
    std::optional<LabelSelector> labels;
    std::optional<FieldSelector> fields;

    bool isEmpty() const { return !labels && !fields; }
    bool matches(const QJsonObject &object) const;

    /// The selectors of @p request's query; nullopt with @p error when one does not parse.
    static std::optional<ObjectSelectors> of(const testhttp::Request &request, QString *error);
};

} // namespace kubeemu
