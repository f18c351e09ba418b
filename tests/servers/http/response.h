#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

class QJsonObject;

namespace testhttp {

using Headers = QList<std::pair<QByteArray, QByteArray>>;

/// One answer, written with a Content-Length. `drop` asks the connection to close without
/// writing it, as a network failure would (fault injection).
struct Response
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    Headers headers;
    bool drop = false;

    /// @p body as compact JSON.
    static Response json(int status, const QJsonObject &body,
                         const QByteArray &contentType = "application/json");
    static Response text(int status, const QByteArray &body);
};

/// "Not Found" for 404: the reason phrase of a status line.
QByteArray reasonPhrase(int status);

} // namespace testhttp
