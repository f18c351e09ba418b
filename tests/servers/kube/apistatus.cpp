#include "apistatus.h"

namespace kubeemu {

namespace {

QJsonObject statusDetails(const QString &name, const QString &group, const QString &kind)
{
    QJsonObject result;
    if (!name.isEmpty())
        result.insert(QStringLiteral("name"), name);
    if (!group.isEmpty())
        result.insert(QStringLiteral("group"), group);
    if (!kind.isEmpty())
        result.insert(QStringLiteral("kind"), kind);
    return result;
}

} // namespace

QJsonObject ApiError::toStatus() const
{
    QJsonObject status{{QStringLiteral("kind"), QStringLiteral("Status")},
                       {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                       {QStringLiteral("metadata"), QJsonObject()},
                       {QStringLiteral("status"), QStringLiteral("Failure")},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("code"), code}};
    if (!reason.isEmpty())
        status.insert(QStringLiteral("reason"), reason);
    if (!details.isEmpty())
        status.insert(QStringLiteral("details"), details);
    return status;
}

ApiError ApiError::notFound(const QString &groupResource, const QString &name, const QString &group,
                            const QString &plural)
{
    return {404, QStringLiteral("NotFound"),
            QStringLiteral("%1 \"%2\" not found").arg(groupResource, name),
            statusDetails(name, group, plural)};
}

ApiError ApiError::alreadyExists(const QString &groupResource, const QString &name,
                                 const QString &group, const QString &plural)
{
    return {409, QStringLiteral("AlreadyExists"),
            QStringLiteral("%1 \"%2\" already exists").arg(groupResource, name),
            statusDetails(name, group, plural)};
}

ApiError ApiError::conflict(const QString &groupResource, const QString &name, const QString &group,
                            const QString &plural, const QString &why)
{
    return {409, QStringLiteral("Conflict"),
            QStringLiteral("Operation cannot be fulfilled on %1 \"%2\": %3")
                .arg(groupResource, name, why),
            statusDetails(name, group, plural)};
}

ApiError ApiError::forbidden(const QString &user, const QString &verb, const QString &plural,
                             const QString &group, const QString &ns, const QString &name)
{
    const QString resource = group.isEmpty() ? plural : plural + u'.' + group;
    QString message = name.isEmpty() ? resource + QStringLiteral(" is forbidden")
                                     : QStringLiteral("%1 \"%2\" is forbidden").arg(resource, name);
    message += QStringLiteral(": User \"%1\" cannot %2 resource \"%3\" in API group \"%4\"")
                   .arg(user, verb, plural, group);
    message += ns.isEmpty() ? QStringLiteral(" at the cluster scope")
                            : QStringLiteral(" in the namespace \"%1\"").arg(ns);
    return {403, QStringLiteral("Forbidden"), message, statusDetails(name, group, plural)};
}

ApiError ApiError::unauthorized()
{
    return {401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized"), {}};
}

ApiError ApiError::badRequest(const QString &message)
{
    return {400, QStringLiteral("BadRequest"), message, {}};
}

ApiError ApiError::methodNotAllowed(const QString &message)
{
    return {405, QStringLiteral("MethodNotAllowed"), message, {}};
}

ApiError ApiError::unsupportedMediaType(const QString &contentType)
{
    return {415,
            QStringLiteral("UnsupportedMediaType"),
            QStringLiteral("the body of the request was in an unknown format - accepted media "
                           "types include: application/json-patch+json, "
                           "application/merge-patch+json, application/apply-patch+yaml, "
                           "application/strategic-merge-patch+json (got %1)")
                .arg(contentType),
            {}};
}

ApiError ApiError::invalid(const QString &kind, const QString &name, const QString &group,
                           const QJsonArray &causes)
{
    QStringList parts;
    for (const QJsonValue &cause : causes) {
        const QJsonObject c = cause.toObject();
        parts << c.value(u"field").toString() + QStringLiteral(": ")
                + c.value(u"message").toString();
    }
    const QString what = group.isEmpty() ? kind : kind + u'.' + group;
    QJsonObject d = statusDetails(name, group, kind);
    d.insert(QStringLiteral("causes"), causes);
    const QString joined =
        parts.size() == 1 ? parts.first() : u'[' + parts.join(QStringLiteral(", ")) + u']';
    return {422, QStringLiteral("Invalid"),
            QStringLiteral("%1 \"%2\" is invalid: %3").arg(what, name, joined), d};
}

ApiError ApiError::gone(const QString &message)
{
    return {410, QStringLiteral("Expired"), message, {}};
}

ApiError ApiError::internal(const QString &message)
{
    return {500,
            QStringLiteral("InternalError"),
            QStringLiteral("Internal error occurred: %1").arg(message),
            {}};
}

ApiError ApiError::tooManyRequests(int retryAfterSeconds)
{
    QJsonObject d{{QStringLiteral("retryAfterSeconds"), retryAfterSeconds}};
    return {429, QStringLiteral("TooManyRequests"),
            QStringLiteral("the server has received too many requests and has asked us to try "
                           "again later"),
            d};
}

ApiError ApiError::unavailable(int retryAfterSeconds)
{
    QJsonObject d{{QStringLiteral("retryAfterSeconds"), retryAfterSeconds}};
    return {503, QStringLiteral("ServiceUnavailable"),
            QStringLiteral("the server is currently unable to handle the request"), d};
}

QJsonObject invalidCause(const QString &type, const QString &field, const QString &message)
{
    return {{QStringLiteral("reason"), type},
            {QStringLiteral("message"), message},
            {QStringLiteral("field"), field}};
}

} // namespace kubeemu
