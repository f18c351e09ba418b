#include "githttpbackend.h"

#include <QProcess>

namespace localforge {

GitHttpBackend::GitHttpBackend(const QString &root)
    : m_root(root)
{ }

bool GitHttpBackend::handles(const QString &path)
{
    return path.contains(u".git/")
        && (path.endsWith(u"/info/refs") || path.endsWith(u"/git-upload-pack")
            || path.endsWith(u"/git-receive-pack"));
}

bool GitHttpBackend::isPush(const testhttp::Request &request)
{
    return request.path.endsWith(u"/git-receive-pack")
        || request.query.queryItemValue(QStringLiteral("service")) == u"git-receive-pack";
}

testhttp::Response GitHttpBackend::parseCgi(const QByteArray &output)
{
    testhttp::Response response;
    qsizetype end = output.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    if (end < 0) {
        end = output.indexOf("\n\n");
        skip = 2;
    }
    if (end < 0) {
        response.status = 502;
        response.contentType = "text/plain";
        response.body = "git http-backend gave no headers\n";
        return response;
    }
    response.contentType = "application/octet-stream";
    for (const QByteArray &line : output.left(end).split('\n')) {
        const QByteArray trimmed = line.trimmed();
        const qsizetype colon = trimmed.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = trimmed.left(colon).trimmed();
        const QByteArray value = trimmed.mid(colon + 1).trimmed();
        if (name.compare("Status", Qt::CaseInsensitive) == 0)
            response.status = value.left(3).toInt();
        else if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            response.contentType = value;
        else
            response.headers.emplaceBack(name, value);
    }
    response.body = output.mid(end + skip);
    return response;
}

void GitHttpBackend::serve(const testhttp::Request &request, const QString &user, QObject *context,
                           std::function<void(const testhttp::Response &)> done) const
{
    auto *process = new QProcess(context);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("GIT_PROJECT_ROOT"), m_root);
    env.insert(QStringLiteral("GIT_HTTP_EXPORT_ALL"), QStringLiteral("1"));
    env.insert(QStringLiteral("PATH_INFO"), request.path);
    env.insert(QStringLiteral("QUERY_STRING"), request.query.toString(QUrl::FullyEncoded));
    env.insert(QStringLiteral("REQUEST_METHOD"), QString::fromLatin1(request.method));
    env.insert(QStringLiteral("CONTENT_TYPE"), QString::fromLatin1(request.header("content-type")));
    env.insert(QStringLiteral("CONTENT_LENGTH"), QString::number(request.body.size()));
    env.insert(QStringLiteral("REMOTE_ADDR"), QStringLiteral("127.0.0.1"));
    if (!user.isEmpty())
        env.insert(QStringLiteral("REMOTE_USER"), user); // enables receive-pack
    const QByteArray encoding = request.header("content-encoding");
    if (!encoding.isEmpty())
        env.insert(QStringLiteral("HTTP_CONTENT_ENCODING"), QString::fromLatin1(encoding));
    const QByteArray protocol = request.header("git-protocol");
    if (!protocol.isEmpty())
        env.insert(QStringLiteral("GIT_PROTOCOL"), QString::fromLatin1(protocol));
    process->setProcessEnvironment(env);
    QObject::connect(process, &QProcess::finished, context, [process, done] {
        process->deleteLater();
        const QByteArray output = process->readAllStandardOutput();
        if (process->exitStatus() != QProcess::NormalExit || output.isEmpty()) {
            testhttp::Response failure;
            failure.status = 500;
            failure.contentType = "text/plain";
            failure.body = process->readAllStandardError();
            done(failure);
            return;
        }
        done(parseCgi(output));
    });
    QObject::connect(process, &QProcess::errorOccurred, context,
                     [process, done](QProcess::ProcessError error) {
                         if (error != QProcess::FailedToStart)
                             return;
                         process->deleteLater();
                         testhttp::Response failure;
                         failure.status = 500;
                         failure.contentType = "text/plain";
                         failure.body = "git http-backend: " + process->errorString().toUtf8();
                         done(failure);
                     });
    process->start(QStringLiteral("git"), {QStringLiteral("http-backend")});
    process->write(request.body);
    process->closeWriteChannel();
}

} // namespace localforge
