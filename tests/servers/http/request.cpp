#include "request.h"

#include <QUrl>

namespace testhttp {

namespace {

ParseResult refused(int status, const QByteArray &message)
{
    ParseResult result;
    result.outcome = ParseResult::Outcome::Refused;
    result.status = status;
    result.message = message;
    return result;
}

} // namespace

ParseResult parseRequest(const QByteArray &buffer, const ParseLimits &limits)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (buffer.size() > limits.maxHeaderBytes)
            return refused(431, "request header too large");
        return {};
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return refused(400, "malformed request line");
    ParseResult result;
    Request &request = result.request;
    request.method = requestLine.at(0);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const QByteArray target = requestLine.at(1);
    const qsizetype question = target.indexOf('?');
    request.rawPath = question < 0 ? target : target.left(question);
    request.path = QUrl::fromPercentEncoding(request.rawPath);
    if (question >= 0) {
        QByteArray query = target.mid(question + 1);
        query.replace('+', "%20");
        request.query.setQuery(QString::fromUtf8(query));
    }

    if (request.headers.contains("transfer-encoding")) {
        if (!limits.chunkedBodies || request.header("transfer-encoding").toLower() != "chunked")
            return refused(411, "chunked request bodies are not supported; send Content-Length");
        qsizetype at = headerEnd + 4;
        while (true) {
            const qsizetype lineEnd = buffer.indexOf("\r\n", at);
            if (lineEnd < 0)
                return {};
            bool ok = false;
            const qsizetype size =
                buffer.mid(at, lineEnd - at).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || request.body.size() + size > limits.maxBodyBytes)
                return refused(413, "bad or too large chunked body");
            if (buffer.size() < lineEnd + 2 + size + 2)
                return {};
            if (size == 0) {
                result.consumed = lineEnd + 4; // the last chunk, no trailers
                break;
            }
            request.body += buffer.mid(lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    } else {
        qsizetype bodyLength = 0;
        if (request.headers.contains("content-length")) {
            bool ok = false;
            bodyLength = request.header("content-length").toLongLong(&ok);
            if (!ok || bodyLength < 0 || bodyLength > limits.maxBodyBytes)
                return refused(413, "request body too large");
        }
        result.consumed = headerEnd + 4 + bodyLength;
        if (buffer.size() < result.consumed)
            return {};
        request.body = buffer.mid(headerEnd + 4, bodyLength);
    }
    request.closeAfterResponse =
        request.header("connection").toLower() == "close" || requestLine.at(2) == "HTTP/1.0";
    result.outcome = ParseResult::Outcome::Complete;
    return result;
}

} // namespace testhttp
