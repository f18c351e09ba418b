#include "desiredstate.h"

#include <QJsonArray>
#include <QJsonObject>

namespace gitops {

DesiredState resolveDefaultNamespaces(
    DesiredState state, const QString &contextNamespace,
    const std::function<bool(const QString &group, const QString &kind)> &isClusterScoped)
{
    const bool fromContext = !contextNamespace.isEmpty();
    const QString fallback = fromContext ? contextNamespace : QStringLiteral("default");
    for (AppDesiredState &app : state.apps) {
        for (manifest::Resource &resource : app.resources) {
            if (resource.namespaceFrom == manifest::NamespaceFrom::None)
                continue;
            if (isClusterScoped && isClusterScoped(resource.id.group, resource.id.kind)) {
                resource.id.namespaceName.clear();
                resource.namespaceFrom = manifest::NamespaceFrom::None;
                continue;
            }
            if (resource.namespaceFrom == manifest::NamespaceFrom::Context
                || resource.namespaceFrom == manifest::NamespaceFrom::Default) {
                resource.id.namespaceName = fallback;
                resource.namespaceFrom = fromContext ? manifest::NamespaceFrom::Context
                                                     : manifest::NamespaceFrom::Default;
            }
        }
    }
    return state;
}

QString namespaceFromName(manifest::NamespaceFrom from)
{
    switch (from) {
    case manifest::NamespaceFrom::Manifest:
        return QStringLiteral("manifest");
    case manifest::NamespaceFrom::ArgoCdDestination:
        return QStringLiteral("application");
    case manifest::NamespaceFrom::FluxTargetNamespace:
        return QStringLiteral("targetNamespace");
    case manifest::NamespaceFrom::WorkspaceFile:
        return QStringLiteral("workspaceFile");
    case manifest::NamespaceFrom::Context:
        return QStringLiteral("context");
    case manifest::NamespaceFrom::Default:
        return QStringLiteral("default");
    case manifest::NamespaceFrom::None:
        break;
    }
    return {};
}

namespace {

// What Qt keeps besides the characters: a QString's or container's header, a QCborValue
// element (QJsonValue's storage), a QHash node.
constexpr qsizetype ContainerHeader = 32;
constexpr qsizetype JsonElement = 16;
constexpr qsizetype HashNode = 16;

qsizetype stringBytes(const QString &text)
{
    return ContainerHeader + 2 * text.size();
}

} // namespace

qsizetype approximateBytes(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        qsizetype bytes = ContainerHeader;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            bytes += 2 * JsonElement + 2 * it.key().size() + approximateBytes(it.value());
        return bytes;
    }
    case QJsonValue::Array: {
        qsizetype bytes = ContainerHeader;
        for (const QJsonValue &item : value.toArray())
            bytes += JsonElement + approximateBytes(item);
        return bytes;
    }
    case QJsonValue::String:
        return 2 * value.toString().size();
    default:
        return 0; // held in the element itself
    }
}

qsizetype approximateBytes(const manifest::Resource &resource)
{
    qsizetype bytes = qsizetype(sizeof(manifest::Resource)) + approximateBytes(resource.object)
        + stringBytes(resource.id.group) + stringBytes(resource.id.kind)
        + stringBytes(resource.id.namespaceName) + stringBytes(resource.id.name)
        + stringBytes(resource.apiVersion) + stringBytes(resource.file)
        + stringBytes(resource.blobId);
    for (auto it = resource.fieldLines.constBegin(); it != resource.fieldLines.constEnd(); ++it)
        bytes += HashNode + qsizetype(sizeof(int)) + stringBytes(it.key());
    for (const QString &field : resource.quotedFields)
        bytes += HashNode + stringBytes(field);
    return bytes;
}

qsizetype approximateBytes(const manifest::SourceNote &note)
{
    return qsizetype(sizeof(manifest::SourceNote)) + stringBytes(note.file)
        + 2 * stringBytes(note.message); // the Text holds the sentence and its arguments
}

qsizetype approximateBytes(const QList<manifest::Resource> &resources,
                           const QList<manifest::SourceNote> &notes)
{
    qsizetype bytes = 2 * ContainerHeader;
    for (const manifest::Resource &resource : resources)
        bytes += approximateBytes(resource);
    for (const manifest::SourceNote &note : notes)
        bytes += approximateBytes(note);
    return bytes;
}

qsizetype approximateBytes(const AppDesiredState &state)
{
    qsizetype bytes = qsizetype(sizeof(AppDesiredState)) + stringBytes(state.app.name)
        + 2 * stringBytes(state.error) + approximateBytes(state.resources, state.notes);
    for (const QString &path : state.app.paths)
        bytes += stringBytes(path);
    return bytes;
}

} // namespace gitops
