#pragma once

#include "forge/forgeremote.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;

namespace gitops::forge {

/// Finds the forge behind a remote whose host neither the settings nor the well-known
/// hosts name, by asking what each forge answers without a token: GitHub Enterprise
/// `/api/v3/meta`, GitLab `/api/v4/version` (a 401 identifies it too), Gitea and Forgejo
/// `/api/v1/version`, at the host's root and under the https remote's first path segment
/// (GitLab's relative URL root, Gitea's sub-path). Sends no token. Each host's answer is
/// remembered for the process, by every probe (a host that answered nothing is asked
/// again). Owns one QNetworkAccessManager; lives on the thread that created it; callbacks
/// run there, unless @p context is gone.
class ForgeProbe : public QObject
{
    Q_OBJECT

public:
    explicit ForgeProbe(QObject *parent = nullptr);
    ~ForgeProbe() override;

    using Callback = std::function<void(const ForgeRemote &remote, const QString &problem)>;

    /// @p remote with its forge found (type() stays Unknown, with @p problem, when none
    /// answered). A remote whose forge is known already is passed through at once.
    void probe(const ForgeRemote &remote, QObject *context, Callback done);

    /// Where the probe looks: "" (the host's root) and, for an https remote of three or
    /// more path segments, its first segment ("/gitlab").
    static QStringList candidateRoots(const ForgeRemote &remote);
    /// What the answer of @p endpoint (`/api/v3/meta`, `/api/v4/version`,
    /// `/api/v1/version`) with @p status and @p body says: the forge, or Unknown.
    static ForgeType identify(const QString &endpoint, int status, const QByteArray &body);

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

private:
    struct Attempt
    {
        QString root;
        QString endpoint;
    };
    void next(const ForgeRemote &remote, const QUrl &origin, QList<Attempt> attempts,
              QObject *context, Callback done);

    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
};

} // namespace gitops::forge
