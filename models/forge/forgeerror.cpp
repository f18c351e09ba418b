#include "forge/forgeerror.h"

namespace gitops::forge {

QString ForgeError::text() const
{
    const QString detail = status > 0 ? QStringLiteral("%1: %2").arg(status).arg(message) : message;
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::BadToken:
        return QStringLiteral("%1 refused the token (%2); sign in again or store a new token")
            .arg(host, detail);
    case Kind::MissingScope:
        return QStringLiteral("the token for %1 lacks the scope `%2` (%3); create one with it")
            .arg(host, scope, detail);
    case Kind::Forbidden:
        return QStringLiteral("%1 does not let this token do that (%2)").arg(host, detail);
    case Kind::NotFound:
        return QStringLiteral("%1 has no such project or pull request, or the token cannot see "
                              "it (%2)")
            .arg(host, detail);
    case Kind::AlreadyExists:
        return QStringLiteral("%1 already has an open pull request for this branch (%2)")
            .arg(host, detail);
    case Kind::Validation:
        return QStringLiteral("%1 refused the pull request (%2)").arg(host, detail);
    case Kind::RateLimited:
        return retryAt.isValid()
            ? QStringLiteral("%1 is rate limiting this token until %2 (%3)")
                  .arg(host, retryAt.toLocalTime().toString(Qt::ISODate), detail)
            : QStringLiteral("%1 is rate limiting this token (%2)").arg(host, detail);
    case Kind::ServerError:
        return QStringLiteral("%1 failed (%2); try again later").arg(host, detail);
    case Kind::Network:
        return QStringLiteral("no answer from %1: %2").arg(host, message);
    case Kind::Protocol:
        return QStringLiteral("%1 answered in a way the console cannot read (%2)")
            .arg(host, detail);
    case Kind::Unsupported:
        return message;
    }
    return message;
}

} // namespace gitops::forge
