#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace kubeemu {

/// A failed request as the real API server reports it: an HTTP code and a `Status` object
/// (kind Status, status Failure, message, reason, details, code).
struct ApiError
{
    int code = 500;
    QString reason;
    QString message;
    QJsonObject details;

    QJsonObject toStatus() const;

    // The errors the real server writes, with its wording.
    static ApiError notFound(const QString &groupResource, const QString &name,
                             const QString &group, const QString &plural);
    static ApiError alreadyExists(const QString &groupResource, const QString &name,
                                  const QString &group, const QString &plural);
    static ApiError conflict(const QString &groupResource, const QString &name,
                             const QString &group, const QString &plural, const QString &why);
    static ApiError forbidden(const QString &user, const QString &verb, const QString &plural,
                              const QString &group, const QString &ns, const QString &name);
    static ApiError unauthorized();
    static ApiError badRequest(const QString &message);
    static ApiError methodNotAllowed(const QString &message);
    static ApiError unsupportedMediaType(const QString &contentType);
    /// 422 Invalid; each cause is {reason, message, field}.
    static ApiError invalid(const QString &kind, const QString &name, const QString &group,
                            const QJsonArray &causes);
    static ApiError gone(const QString &message);
    static ApiError internal(const QString &message);
    static ApiError tooManyRequests(int retryAfterSeconds);
    static ApiError unavailable(int retryAfterSeconds);
};

/// One cause of a 422 Invalid, as field.ErrorList prints it.
QJsonObject invalidCause(const QString &type, const QString &field, const QString &message);

} // namespace kubeemu
