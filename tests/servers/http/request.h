#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrlQuery>

namespace testhttp {

/// One parsed HTTP/1.1 request.
struct Request
{
    QByteArray method;
    QByteArray rawPath; ///< as sent, still percent-encoded (GitLab's `group%2Fproject`)
    QString path; ///< percent-decoded, without the query
    QUrlQuery query; ///< form-encoded as Go's url.ParseQuery reads it: '+' is a space
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QByteArray body;
    bool closeAfterResponse = false; ///< `Connection: close`, or HTTP/1.0

    QByteArray header(const char *lowerCaseName) const
    {
        return headers.value(QByteArray(lowerCaseName));
    }
};

/// What a server accepts from a client.
struct ParseLimits
{
    qsizetype maxHeaderBytes = 64 * 1024;
    qsizetype maxBodyBytes = 64 * 1024 * 1024;
    /// Chunked request bodies (git sends large pushes so). Off: 411, send a Content-Length.
    bool chunkedBodies = true;
};

/// What the bytes received so far hold.
struct ParseResult
{
    enum class Outcome {
        Complete, ///< request holds one request; consumed bytes of the buffer were it
        NeedMore, ///< not a whole request yet
        Refused, ///< answer status with message and close the connection
    };
    Outcome outcome = Outcome::NeedMore;
    Request request;
    qsizetype consumed = 0;
    int status = 0;
    QByteArray message;
};

/// Parses the first request in @p buffer (the bytes a connection received and has not yet
/// consumed). A pure function: the connection keeps the bytes and the state.
ParseResult parseRequest(const QByteArray &buffer, const ParseLimits &limits = {});

} // namespace testhttp
