#pragma once

#include <QDateTime>
#include <QString>

namespace gitops::forge {

/// Why a forge request failed, typed the same for every forge, with the forge's own
/// message verbatim. A plain value; any thread.
struct ForgeError
{
    enum class Kind {
        None,
        BadToken, ///< 401: missing, expired or revoked token
        MissingScope, ///< the token lacks @c scope (`repo`, `api`, `write:repository`)
        Forbidden, ///< 403 for another reason (no access to the project)
        NotFound,
        AlreadyExists, ///< a pull request for this head and base is open
        Validation, ///< the forge refused the request's content ("No commits between ...")
        RateLimited, ///< try again at @c retryAt
        ServerError, ///< 5xx
        Network, ///< no answer: refused, dropped, timed out
        Protocol, ///< an answer the client cannot read
        Unsupported, ///< a forge the console has no client for
    };

    Kind kind = Kind::None;
    int status = 0; ///< HTTP status, 0 without an answer
    QString message; ///< the forge's words, or the transport's
    QString scope;
    QDateTime retryAt;
    QString host;

    bool isError() const { return kind != Kind::None; }
    /// One sentence a person can act on, e.g. "the token for github.com lacks the scope
    /// `repo` (403: Resource not accessible by personal access token)".
    QString text() const;
};

} // namespace gitops::forge
