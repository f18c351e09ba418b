// The HTTP layer of the local servers: what a client's bytes parse to, which route answers,
// and what comes back on the wire, over a real socket.

#include "router.h"
#include "server.h"

#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using testhttp::ParseResult;

Q_DECLARE_METATYPE(ParseResult::Outcome)

class TestHttp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("chunked");
        QTest::addColumn<ParseResult::Outcome>("outcome");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        using O = ParseResult::Outcome;
        QTest::newRow("get") << QByteArray("GET /api/v1 HTTP/1.1\r\nHost: x\r\n\r\n") << true
                             << O::Complete << 0 << QByteArray();
        QTest::newRow("headers not done") << QByteArray("GET /api/v1 HTTP/1.1\r\nHost: x\r\n")
                                          << true << O::NeedMore << 0 << QByteArray();
        QTest::newRow("body with a length")
            << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << true
            << O::Complete << 0 << QByteArray("hello");
        QTest::newRow("body not all there")
            << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel") << true << O::NeedMore
            << 0 << QByteArray();
        QTest::newRow("chunked body")
            << QByteArray("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n")
            << true << O::Complete << 0 << QByteArray("hello world");
        QTest::newRow("chunked body without its last chunk")
            << QByteArray("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
            << true << O::NeedMore << 0 << QByteArray();
        QTest::newRow("chunked refused")
            << QByteArray("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
            << false << O::Refused << 411 << QByteArray();
        QTest::newRow("malformed request line")
            << QByteArray("GET /x\r\n\r\n") << true << O::Refused << 400 << QByteArray();
        QTest::newRow("not HTTP/1")
            << QByteArray("GET /x HTTP/2\r\n\r\n") << true << O::Refused << 400 << QByteArray();
        QTest::newRow("body too large")
            << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n") << true
            << O::Refused << 413 << QByteArray();
        QTest::newRow("header too large")
            << QByteArray("GET /x HTTP/1.1\r\nX: ") + QByteArray(70 * 1024, 'a') << true
            << O::Refused << 431 << QByteArray();
    }
    void parse()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, chunked);
        QFETCH(ParseResult::Outcome, outcome);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        testhttp::ParseLimits limits;
        limits.chunkedBodies = chunked;
        const ParseResult result = testhttp::parseRequest(bytes, limits);
        QCOMPARE(result.outcome, outcome);
        QCOMPARE(result.status, status);
        if (outcome == ParseResult::Outcome::Complete) {
            QCOMPARE(result.request.body, body);
            // The next request's bytes are left for the next call.
            const ParseResult first = testhttp::parseRequest(bytes + "GET /next HTTP/1.1", limits);
            QCOMPARE(first.outcome, ParseResult::Outcome::Complete);
            QCOMPARE(first.consumed, bytes.size());
            QCOMPARE(first.request.body, body);
        }
    }

    void pathsQueriesAndHeaders()
    {
        const ParseResult result = testhttp::parseRequest(
            "GET /api/v4/projects/group%2Fproject/merge_requests?state=opened&q=a+b%2Bc "
            "HTTP/1.0\r\nAccept: Application/JSON\r\nX-Token:  secret \r\n\r\n");
        QCOMPARE(result.outcome, ParseResult::Outcome::Complete);
        const testhttp::Request &request = result.request;
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.rawPath, QByteArray("/api/v4/projects/group%2Fproject/merge_requests"));
        QCOMPARE(request.path, QStringLiteral("/api/v4/projects/group/project/merge_requests"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("state")), QStringLiteral("opened"));
        // Form encoding, as Go reads it: '+' is a space, %2B a plus.
        QCOMPARE(request.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded),
                 QStringLiteral("a b+c"));
        QCOMPARE(request.header("accept"), QByteArray("Application/JSON"));
        QCOMPARE(request.header("x-token"), QByteArray("secret"));
        QVERIFY(request.closeAfterResponse); // HTTP/1.0
    }

    void routes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("handler");
        QTest::addColumn<QString>("rest");
        QTest::addColumn<QList<QByteArray>>("allowed");
        QTest::newRow("exact, any method")
            << QByteArray("DELETE") << QStringLiteral("/version") << QStringLiteral("version")
            << QString() << QList<QByteArray>();
        QTest::newRow("exact beats a prefix")
            << QByteArray("GET") << QStringLiteral("/api/") << QStringLiteral("core discovery")
            << QString() << QList<QByteArray>();
        QTest::newRow("longest prefix")
            << QByteArray("GET") << QStringLiteral("/api/v1/pods") << QStringLiteral("core")
            << QStringLiteral("v1/pods") << QList<QByteArray>();
        QTest::newRow("method of its own")
            << QByteArray("POST") << QStringLiteral("/_forge/merge") << QStringLiteral("merge")
            << QString() << QList<QByteArray>();
        QTest::newRow("wrong method") << QByteArray("GET") << QStringLiteral("/_forge/merge")
                                      << QString() << QString() << QList<QByteArray>{"POST", "PUT"};
        QTest::newRow("nothing") << QByteArray("GET") << QStringLiteral("/openapi/v2") << QString()
                                 << QString() << QList<QByteArray>();
    }
    void routes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, handler);
        QFETCH(QString, rest);
        QFETCH(QList<QByteArray>, allowed);
        testhttp::Router<QString> router;
        router.add({}, QStringLiteral("/version"), QStringLiteral("version"));
        router.add("GET", QStringLiteral("/api/"), QStringLiteral("core discovery"));
        router.addPrefix({}, QStringLiteral("/a"), QStringLiteral("anything under a"));
        router.addPrefix({}, QStringLiteral("/api/"), QStringLiteral("core"));
        router.add("POST", QStringLiteral("/_forge/merge"), QStringLiteral("merge"));
        router.add("PUT", QStringLiteral("/_forge/merge"), QStringLiteral("merge again"));
        const auto match = router.match(method, path);
        QCOMPARE(match.handler ? *match.handler : QString(), handler);
        QCOMPARE(match.rest, rest);
        QCOMPARE(match.allowed, allowed);
    }

    // Over a real socket: keep-alive, default headers, a chunked stream, a dropped answer.
    void servesOverTcp()
    {
        testhttp::Server server;
        server.setDefaultHeaders({{"Cache-Control", "no-cache, private"}});
        server.setHandler([](testhttp::Connection *connection, const testhttp::Request &request) {
            if (request.path == u"/stream") {
                connection->beginStream(200, "application/json");
                connection->writeChunk("{\"type\":\"ADDED\"}\n");
                const QPointer<testhttp::Connection> alive(connection);
                QTimer::singleShot(10, connection, [alive] {
                    if (alive) {
                        alive->writeChunk("{\"type\":\"DELETED\"}\n");
                        alive->endStream();
                    }
                });
            } else if (request.path == u"/drop") {
                testhttp::Response response;
                response.drop = true;
                connection->respond(response);
            } else {
                connection->respond(testhttp::Response::json(
                    201, QJsonObject{{QStringLiteral("echo"), QString::fromUtf8(request.body)}}));
            }
        });
        QString error;
        QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
        QVERIFY(!server.isTls());

        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.port());
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, 5000);
        QByteArray received;
        // Two requests in one write: answered in order on the same connection.
        client.write("POST /echo HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"
                     "GET /stream HTTP/1.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT((received += client.readAll()).endsWith("0\r\n\r\n"), 5000);
        QCOMPARE(received,
                 QByteArray("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                            "Cache-Control: no-cache, private\r\nContent-Length: 13\r\n\r\n"
                            "{\"echo\":\"hi\"}"
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            "Cache-Control: no-cache, private\r\nTransfer-Encoding: chunked\r\n\r\n"
                            "11\r\n{\"type\":\"ADDED\"}\n\r\n"
                            "13\r\n{\"type\":\"DELETED\"}\n\r\n0\r\n\r\n"));
        // A request the parser refuses is answered, then the connection closes.
        received.clear();
        client.write("GET /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(
            (received += client.readAll(), client.state() == QAbstractSocket::UnconnectedState),
            5000);
        received += client.readAll();
        QVERIFY2(received.startsWith("HTTP/1.1 413 Payload Too Large\r\n"), received.constData());
        QVERIFY(received.contains("Connection: close\r\n"));

        QTcpSocket dropped;
        dropped.connectToHost(QHostAddress::LocalHost, server.port());
        QTRY_COMPARE_WITH_TIMEOUT(dropped.state(), QAbstractSocket::ConnectedState, 5000);
        dropped.write("GET /drop HTTP/1.1\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(dropped.state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(dropped.readAll(), QByteArray());
    }

    void listenFailureNamesTheAddress()
    {
        testhttp::Server first;
        QString error;
        QVERIFY(first.listen(QHostAddress::LocalHost, 0, &error));
        testhttp::Server second;
        QVERIFY(!second.listen(QHostAddress::LocalHost, first.port(), &error));
        QVERIFY2(
            error.startsWith(QStringLiteral("cannot listen on 127.0.0.1:%1: ").arg(first.port())),
            qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestHttp)
#include "tst_http.moc"
