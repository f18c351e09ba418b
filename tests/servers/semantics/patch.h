#pragma once

#include "mergekeys.h"
#include "typeref.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace kubeemu {

/// JSON merge patch (RFC 7386, `application/merge-patch+json`): objects merge recursively,
/// null deletes, everything else (arrays included) replaces.
QJsonObject jsonMergePatch(const QJsonObject &target, const QJsonObject &patch);

/// Strategic merge patch (`application/strategic-merge-patch+json`) over the built-in types'
/// merge keys (listSemantics): lists with a merge key merge item by item, sets of scalars
/// merge as unions, other lists replace. Directives: `$patch: delete | replace | merge` on
/// maps and list items, a `{"$patch": "replace"}` list element, `$deleteFromPrimitiveList/f`,
/// `$retainKeys`, `$setElementOrder/f`. Merged lists take apimachinery's order: the items the
/// patch (or its `$setElementOrder`) names in that order, interleaved with live-only items by
/// their old positions, so an item a patch adds without an order list comes first. Nothing and
/// *error on a
/// malformed patch (a list item without its merge key, an unknown directive). Custom resources
/// have no merge keys: check isBuiltInType() first, the real server refuses them (415).
std::optional<QJsonObject> strategicMergePatch(const TypeRef &type, const QJsonObject &target,
                                               const QJsonObject &patch, QString *error);

/// JSON patch (RFC 6902, `application/json-patch+json`) with RFC 6901 pointers: add, remove,
/// replace, move, copy, test. Nothing and *error (evanphx/json-patch's wording, which the real
/// server returns) when an operation does not apply.
std::optional<QJsonValue> jsonPatch(const QJsonValue &target, const QJsonArray &operations,
                                    QString *error);

} // namespace kubeemu
