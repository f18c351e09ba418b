#pragma once

#include "connection.h"

#include <QObject>
#include <QString>

#include <functional>

namespace localforge {

/// Git's smart HTTP for the bare repositories under the forge's root, served by the real
/// `git http-backend` (CGI) run once per request: clone and fetch (upload-pack) and push
/// (receive-pack, enabled by naming the authenticated user in REMOTE_USER). The caller
/// checks the token. Processes are children of @p context and die with it.
class GitHttpBackend
{
public:
    explicit GitHttpBackend(const QString &root);

    /// Whether @p path is a smart-HTTP path (`/OWNER/REPO.git/info/refs`, `.../git-upload-pack`,
    /// `.../git-receive-pack`).
    static bool handles(const QString &path);
    static bool isPush(const testhttp::Request &request);

    /// Runs git http-backend for @p request as @p user and calls @p done with its answer.
    void serve(const testhttp::Request &request, const QString &user, QObject *context,
               std::function<void(const testhttp::Response &)> done) const;

    /// Reads a CGI answer (headers, a blank line, the body) into a response.
    static testhttp::Response parseCgi(const QByteArray &output);

private:
    QString m_root;
};

} // namespace localforge
