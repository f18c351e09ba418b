#pragma once

#include <QString>

namespace kubeemu {

/// The type of a Kubernetes object: API group ("" for the core group), version and kind.
/// A plain value; every semantics function takes it to look up per-type rules.
struct TypeRef
{
    QString group;
    QString version;
    QString kind;

    /// "apps/v1", or "v1" for the core group: the form of an object's apiVersion.
    QString apiVersion() const
    {
        return group.isEmpty() ? version : group + QLatin1Char('/') + version;
    }
};

} // namespace kubeemu
