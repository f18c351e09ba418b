#include "remote.h"

#include "git/credentialhelper.h"
#include "git/knownhosts.h"
#include "git/libgit2.h"
#include "git/repository.h"
#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>
#include <QUrl>

#include <mutex>

namespace gitops::git {

namespace {

/// The transfer's state that libgit2's callbacks read and write (their payload).
struct Session
{
    QString remoteName;
    QString url;
    QString workingDirectory;
    QString knownHostsFile;
    const std::function<void(const TransferProgress &)> *progress = nullptr;
    const std::function<bool()> *stopRequested = nullptr;

    int passwordAttempts = 0;
    std::optional<CredentialHelper::Credential> offered; ///< by git's credential helpers
    std::optional<HttpsCredential> fallback;
    bool fallbackOffered = false;
    bool credentialsMissing = false;
    QString credentialProblem;
    int keyAttempts = 0;
    QString keyProblem;
    std::optional<HostKey> refusedHost;
    bool cancelled = false;

    QStringList serverLines;
    QByteArray partialLine;
    QMap<QString, QString> refStatus; // remote ref -> "" (ok) or the server's reason
    QMap<QString, bool> upToDate;
    QByteArray watchedRef; // fetch: the tracking ref, reported even when unchanged
    bool watchedRefSeen = false;

    bool stop()
    {
        if (stopRequested && *stopRequested && (*stopRequested)())
            cancelled = true;
        return cancelled;
    }
    void report(const TransferProgress &step) const
    {
        if (progress && *progress)
            (*progress)(step);
    }
    QUrl credentialUrl() const { return QUrl(url); }
};

bool isHttp(const QString &url)
{
    return url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"));
}

int sshPort(const QString &url)
{
    const QUrl parsed(url);
    return parsed.scheme() == QLatin1String("ssh") ? parsed.port(22) : 22;
}

/// Whether the private key @p file is encrypted (OpenSSH's own format or PEM).
bool isPassphraseProtected(const QString &file)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = in.read(64 * 1024);
    if (text.contains("ENCRYPTED"))
        return true; // PEM: "Proc-Type: 4,ENCRYPTED" or "BEGIN ENCRYPTED PRIVATE KEY"
    const QByteArray begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    const qsizetype start = text.indexOf(begin);
    const qsizetype end = text.indexOf("-----END OPENSSH PRIVATE KEY-----");
    if (start < 0 || end < start)
        return false;
    // openssh-key-v1: magic, then the cipher name as a length-prefixed string.
    const QByteArray blob =
        QByteArray::fromBase64(text.mid(start + begin.size(), end - start - begin.size()));
    const QByteArray magic("openssh-key-v1\0", 15);
    if (!blob.startsWith(magic) || blob.size() < magic.size() + 4)
        return false;
    const auto *p = reinterpret_cast<const uchar *>(blob.constData()) + magic.size();
    const qsizetype length = (qsizetype(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    return blob.mid(magic.size() + 4, length) != "none";
}

int credentialsCallback(git_credential **out, const char *url, const char *usernameFromUrl,
                        unsigned int allowedTypes, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    if (session->stop())
        return GIT_EUSER;
    const QString display = Remote::displayUrl(QString::fromUtf8(url));

    if ((allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && isHttp(session->url)) {
        CredentialHelper helper(session->workingDirectory);
        if (session->passwordAttempts++ > 0) {
            // Asked again: the server refused what was given. Say so, and stop rather than
            // loop.
            if (session->fallbackOffered) {
                session->credentialProblem =
                    QStringLiteral("the server refused the forge token for %1 (%2): it may "
                                   "have expired or lack the right to push (GitHub: repo or "
                                   "contents write; GitLab: write_repository; Gitea: "
                                   "write:repository); store a new one")
                        .arg(display, session->fallback->source);
                return GIT_EAUTH;
            }
            if (session->offered)
                helper.reject(session->credentialUrl(), *session->offered);
            session->offered.reset();
            session->credentialProblem =
                QStringLiteral("the server refused the credentials for %1; correct them in "
                               "your git credential helper (or run git push once by hand to "
                               "be asked again)")
                    .arg(display);
            return GIT_EAUTH;
        }
        session->offered = helper.fill(session->credentialUrl());
        if (!session->offered && session->fallback) {
            // Not the helpers': never approved to them, so never stored by them.
            session->fallbackOffered = true;
            const QByteArray user = session->fallback->username.toUtf8();
            const QByteArray password = session->fallback->password.toUtf8();
            const int rc =
                git_credential_userpass_plaintext_new(out, user.constData(), password.constData());
            return rc < 0 ? rc : 0;
        }
        if (!session->offered) {
            session->credentialsMissing = true;
            session->credentialProblem =
                QStringLiteral("%1 asks for credentials and git's credential helpers have none "
                               "(%2); store them with a credential helper "
                               "(git config credential.helper) or run git push once by hand")
                    .arg(display, helper.error());
            return GIT_EAUTH;
        }
        const QByteArray user = session->offered->username.toUtf8();
        const QByteArray password = session->offered->password.toUtf8();
        const int rc =
            git_credential_userpass_plaintext_new(out, user.constData(), password.constData());
        return rc < 0 ? rc : 0;
    }

    const QByteArray user =
        usernameFromUrl && *usernameFromUrl ? QByteArray(usernameFromUrl) : QByteArray("git");
    if (allowedTypes & GIT_CREDENTIAL_USERNAME)
        return git_credential_username_new(out, user.constData());

    if (allowedTypes & GIT_CREDENTIAL_SSH_KEY) {
        // The agent first, then the key files ssh itself would try, one per attempt. A key
        // file under a passphrase is not offered: nothing here may prompt for it.
        QStringList keys;
        QStringList protectedKeys;
        if (!qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK"))
            keys << QString();
        const QDir ssh(QDir::home().filePath(QStringLiteral(".ssh")));
        for (const char *name : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
            const QString file = ssh.filePath(QLatin1String(name));
            if (!QFileInfo::exists(file))
                continue;
            if (isPassphraseProtected(file))
                protectedKeys << QStringLiteral("~/.ssh/") + QLatin1String(name);
            else
                keys << file;
        }
        const int attempt = session->keyAttempts++;
        if (attempt >= keys.size()) {
            if (keys.isEmpty() && !protectedKeys.isEmpty())
                session->keyProblem =
                    QStringLiteral("%1 needs a passphrase, which is not asked for here: add it "
                                   "to your ssh-agent (ssh-add %1) and try again")
                        .arg(protectedKeys.join(QLatin1String(", ")));
            else if (keys.isEmpty())
                session->keyProblem =
                    QStringLiteral("no ssh key to offer %1: start ssh-agent and ssh-add your "
                                   "key, or create ~/.ssh/id_ed25519")
                        .arg(display);
            else
                session->keyProblem =
                    QStringLiteral("the server refused every ssh key offered (%1) for user %2; "
                                   "add your public key to the account, or ssh-add the right key")
                        .arg(keys.contains(QString())
                                 ? QStringLiteral("the agent's keys and %1 key files")
                                       .arg(keys.size() - 1)
                                 : QStringLiteral("%1 key files").arg(keys.size()),
                             QString::fromUtf8(user));
            return GIT_EAUTH;
        }
        if (keys.at(attempt).isEmpty())
            return git_credential_ssh_key_from_agent(out, user.constData());
        const QByteArray privateKey = QFile::encodeName(keys.at(attempt));
        const QByteArray publicKey = privateKey + ".pub";
        return git_credential_ssh_key_new(
            out, user.constData(),
            QFileInfo::exists(QString::fromLocal8Bit(publicKey)) ? publicKey.constData() : nullptr,
            privateKey.constData(), nullptr);
    }
    return GIT_PASSTHROUGH;
}

int certificateCallback(git_cert *cert, int valid, const char *host, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
        return valid ? 0 : GIT_PASSTHROUGH; // TLS: libgit2's own verdict stands
    const auto *hostKey = reinterpret_cast<const git_cert_hostkey *>(cert);
    if (!(hostKey->type & GIT_CERT_SSH_RAW)) {
        session->keyProblem = QStringLiteral("the server's host key could not be read");
        return GIT_ECERTIFICATE;
    }
    HostKey key;
    key.host = QString::fromUtf8(host);
    key.port = sshPort(session->url);
    key.blob = QByteArray(hostKey->hostkey, qsizetype(hostKey->hostkey_len));
    key.type = KnownHosts::typeOf(key.blob);
    key.fingerprint = KnownHosts::fingerprint(key.blob);
    const KnownHosts knownHosts(session->knownHostsFile);
    const KnownHosts::Verdict verdict = knownHosts.check(key.host, key.port, key.type, key.blob);
    if (verdict == KnownHosts::Verdict::Known)
        return 0;
    key.changed = verdict != KnownHosts::Verdict::Unknown;
    if (!key.changed && key.fingerprint == KnownHosts::acceptedFingerprint()) {
        // Trusted by an explicit choice of this very fingerprint (--trust-host).
        const QString problem = knownHosts.trust(key);
        if (problem.isEmpty())
            return 0;
        session->keyProblem = QStringLiteral("trusting %1: %2").arg(key.fingerprint, problem);
        return GIT_ECERTIFICATE;
    }
    session->refusedHost = key;
    return GIT_ECERTIFICATE;
}

int transferCallback(const git_indexer_progress *stats, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    if (session->stop())
        return GIT_EUSER;
    session->report({TransferProgress::Stage::Receiving, qint64(stats->received_objects),
                     qint64(stats->total_objects), qint64(stats->received_bytes)});
    return 0;
}

int pushTransferCallback(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    if (session->stop())
        return GIT_EUSER;
    session->report(
        {TransferProgress::Stage::Sending, qint64(current), qint64(total), qint64(bytes)});
    return 0;
}

int sidebandCallback(const char *text, int length, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    // Whole lines are the server's messages (a hook's output among them); lines ended by
    // '\r' are its progress counters, overwritten in place on a terminal.
    for (int i = 0; i < length; ++i) {
        const char c = text[i];
        if (c == '\n') {
            const QString line = QString::fromUtf8(session->partialLine).trimmed();
            if (!line.isEmpty())
                session->serverLines << line;
            session->partialLine.clear();
        } else if (c == '\r') {
            session->partialLine.clear();
        } else {
            session->partialLine.append(c);
        }
    }
    return session->stop() ? GIT_EUSER : 0;
}

int readyCallback(git_remote *, int, void *payload)
{
    return static_cast<Session *>(payload)->stop() ? GIT_EUSER : 0;
}

int negotiationCallback(const git_push_update **updates, size_t count, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    // The last moment before anything is sent.
    if (session->stop())
        return GIT_EUSER;
    for (size_t i = 0; i < count; ++i)
        session->upToDate.insert(QString::fromUtf8(updates[i]->dst_refname),
                                 git_oid_equal(&updates[i]->src, &updates[i]->dst));
    return 0;
}

int updateReferenceCallback(const char *refname, const char *status, void *payload)
{
    auto *session = static_cast<Session *>(payload);
    session->refStatus.insert(QString::fromUtf8(refname),
                              status ? QString::fromUtf8(status) : QString());
    return 0;
}

int updateRefsCallback(const char *refname, const git_oid *, const git_oid *, git_refspec *,
                       void *payload)
{
    auto *session = static_cast<Session *>(payload);
    if (session->watchedRef == refname)
        session->watchedRefSeen = true;
    return 0;
}

git_remote_callbacks callbacksFor(Session *session)
{
    git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
    callbacks.credentials = credentialsCallback;
    callbacks.certificate_check = certificateCallback;
    callbacks.transfer_progress = transferCallback;
    callbacks.sideband_progress = sidebandCallback;
    callbacks.push_transfer_progress = pushTransferCallback;
    callbacks.push_negotiation = negotiationCallback;
    callbacks.push_update_reference = updateReferenceCallback;
    callbacks.update_refs = updateRefsCallback;
    callbacks.remote_ready = readyCallback;
    callbacks.payload = session;
    return callbacks;
}

void setTimeoutsOnce()
{
    // Process-wide: a server that stops answering must not hang a job for ever.
    static std::once_flag once;
    std::call_once(once, [] {
        if (git_libgit2_opts(GIT_OPT_SET_SERVER_CONNECT_TIMEOUT, 15000) < 0
            || git_libgit2_opts(GIT_OPT_SET_SERVER_TIMEOUT, 60000) < 0)
            qCWarning(lcGit) << "setting network timeouts:" << lastErrorMessage(-1);
    });
}

/// The message for a transfer that failed with @p rc, naming the remote and what to do.
/// A remote looked up by name, and the state of one transfer with it.
struct Connection
{
    RemoteHandle remote;
    Session session;
};

/// The remote called @p name in @p repository's config, with a session for a transfer in
/// @p direction (its push URL when it has one), or why there is no such remote.
std::variant<Connection, RemoteError>
connectionTo(const Repository &repository, const QString &name, git_direction direction,
             const QString &knownHostsFile, const std::optional<HttpsCredential> &fallback,
             const std::function<void(const TransferProgress &)> *progress,
             const std::function<bool()> *stopRequested)
{
    git_remote *raw = nullptr;
    const int rc = git_remote_lookup(&raw, repository.handle(), name.toUtf8().constData());
    if (rc < 0)
        return RemoteError{QStringLiteral("no remote \u201c%1\u201d: %2; add it with git remote "
                                          "add")
                               .arg(name, lastErrorMessage(rc))};
    Connection connection;
    connection.remote.reset(raw);
    Session &session = connection.session;
    session.remoteName = name;
    const char *pushUrl =
        direction == GIT_DIRECTION_PUSH ? git_remote_pushurl(connection.remote.get()) : nullptr;
    session.url = QString::fromUtf8(pushUrl ? pushUrl : git_remote_url(connection.remote.get()));
    session.workingDirectory =
        repository.isBare() ? repository.gitDirectory() : repository.workingDirectory();
    session.knownHostsFile = knownHostsFile;
    session.fallback = fallback;
    session.progress = progress;
    session.stopRequested = stopRequested;
    return connection;
}

RemoteError failureOf(const Session &session, const QString &doing, int rc)
{
    const QString where =
        QStringLiteral("%1 (%2)").arg(session.remoteName, Remote::displayUrl(session.url));
    RemoteError error;
    error.url = Remote::displayUrl(session.url);
    error.credentialsMissing = session.credentialsMissing;
    if (session.cancelled) {
        error.message = QStringLiteral("%1 %2 was cancelled").arg(doing, where);
        error.cancelled = true;
        return error;
    }
    if (session.refusedHost) {
        const HostKey &key = *session.refusedHost;
        const QString name =
            key.port == 22 ? key.host : QStringLiteral("[%1]:%2").arg(key.host).arg(key.port);
        error.hostKey = key;
        error.message = key.changed
            ? QStringLiteral("%1 %2: the host key of %3 has CHANGED (it is now %4 %5). Someone "
                             "may be intercepting the connection; if the server's key really "
                             "changed, remove its old line from %6 and connect again")
                  .arg(doing, where, name, key.type, key.fingerprint, session.knownHostsFile)
            : QStringLiteral("%1 %2: the host %3 is not known (%4 key %5); if that is the "
                             "server's fingerprint, trust this host (in the window, or with "
                             "--trust-host %5 on the command line)")
                  .arg(doing, where, name, key.type, key.fingerprint);
        return error;
    }
    if (!session.credentialProblem.isEmpty()) {
        error.message = QStringLiteral("%1 %2: %3").arg(doing, where, session.credentialProblem);
        return error;
    }
    if (!session.keyProblem.isEmpty()) {
        error.message = QStringLiteral("%1 %2: %3").arg(doing, where, session.keyProblem);
        return error;
    }
    QString reason = lastErrorMessage(rc);
    // libgit2 may quote the URL it used, credentials and all.
    reason.replace(session.url, Remote::displayUrl(session.url));
    QString advice = QStringLiteral("check the remote's URL and that the server is reachable");
    if (rc == GIT_EAUTH)
        advice = QStringLiteral("check your credentials for it");
    // libgit2 names other HTTP refusals only by their code.
    if (reason.contains(QLatin1String("status code: 403"))) {
        reason = QStringLiteral("the server refused access (HTTP 403)");
        advice = QStringLiteral("the credentials were accepted but may not allow this; check that "
                                "the account or token may push to the repository");
    } else if (reason.contains(QLatin1String("status code: 404"))) {
        reason = QStringLiteral("no such repository (HTTP 404)");
        advice = QStringLiteral("check the repository path in the URL, and that your account "
                                "can see it");
    }
    error.message = QStringLiteral("%1 %2: %3; %4").arg(doing, where, reason, advice);
    return error;
}

} // namespace

Remote::Remote(Repository &repository, const QString &name)
    : m_repository(repository)
    , m_name(name)
    , m_knownHostsFile(KnownHosts::defaultFile())
{ }

void Remote::setProgressHandler(std::function<void(const TransferProgress &)> handler)
{
    m_progress = std::move(handler);
}

void Remote::setStopPredicate(std::function<bool()> stopRequested)
{
    m_stopRequested = std::move(stopRequested);
}

void Remote::setKnownHostsFile(const QString &file)
{
    m_knownHostsFile = file;
}

void Remote::setFallbackCredential(const std::optional<HttpsCredential> &credential)
{
    m_fallback = credential;
}

QString Remote::displayUrl(const QString &url)
{
    QUrl parsed(url);
    if (!parsed.isValid() || parsed.scheme().isEmpty() || parsed.scheme().size() == 1)
        return url; // a path, or scp-like user@host:path, which holds no password
    parsed.setPassword(QString());
    if (parsed.scheme().startsWith(QLatin1String("http")))
        parsed.setUserName(QString());
    return parsed.toString();
}

std::variant<FetchResult, RemoteError> Remote::fetch(const QString &branch)
{
    setTimeoutsOnce();
    auto opened = connectionTo(m_repository, m_name, GIT_DIRECTION_FETCH, m_knownHostsFile,
                               m_fallback, &m_progress, &m_stopRequested);
    if (auto *error = std::get_if<RemoteError>(&opened))
        return *error;
    auto &[remote, session] = std::get<Connection>(opened);

    const QByteArray trackingRef = "refs/remotes/" + m_name.toUtf8() + '/' + branch.toUtf8();
    const QByteArray refspec = "+refs/heads/" + branch.toUtf8() + ':' + trackingRef;
    char *specs[] = {const_cast<char *>(refspec.constData())};
    const git_strarray refspecs = {specs, 1};
    git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
    options.callbacks = callbacksFor(&session);
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    // No FETCH_HEAD; but report the branch even when unchanged, so a missing one shows.
    options.update_fetchhead = GIT_REMOTE_UPDATE_REPORT_UNCHANGED;
    session.watchedRef = trackingRef;

    const QByteArray reflog = "gitops-console: fetch " + branch.toUtf8();
    int rc = git_remote_fetch(remote.get(), &refspecs, &options, reflog.constData());
    if (rc < 0)
        return failureOf(session, QStringLiteral("fetching %1 from").arg(branch), rc);
    if (session.offered)
        CredentialHelper(session.workingDirectory)
            .approve(session.credentialUrl(), *session.offered);
    if (!session.watchedRefSeen)
        return RemoteError{QStringLiteral("%1 (%2) has no branch \u201c%3\u201d")
                               .arg(m_name, displayUrl(session.url), branch)};
    git_oid oid;
    rc = git_reference_name_to_id(&oid, m_repository.handle(), trackingRef.constData());
    if (rc < 0)
        return RemoteError{
            QStringLiteral("%1: %2").arg(QString::fromUtf8(trackingRef), lastErrorMessage(rc))};
    qCDebug(lcGit) << "fetched" << branch << "from" << m_name;
    return FetchResult{QString::fromUtf8(trackingRef), oidToString(oid)};
}

std::variant<QString, RemoteError> Remote::defaultBranch()
{
    setTimeoutsOnce();
    auto opened = connectionTo(m_repository, m_name, GIT_DIRECTION_FETCH, m_knownHostsFile,
                               m_fallback, &m_progress, &m_stopRequested);
    if (auto *error = std::get_if<RemoteError>(&opened))
        return *error;
    auto &[remote, session] = std::get<Connection>(opened);

    const git_remote_callbacks callbacks = callbacksFor(&session);
    int rc = git_remote_connect(remote.get(), GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr);
    if (rc < 0)
        return failureOf(session, QStringLiteral("asking for the default branch of"), rc);
    git_buf buffer = GIT_BUF_INIT;
    rc = git_remote_default_branch(&buffer, remote.get());
    const QString head = rc < 0 ? QString() : QString::fromUtf8(buffer.ptr);
    const QString reason = rc < 0 ? lastErrorMessage(rc) : QString();
    git_buf_dispose(&buffer);
    git_remote_disconnect(remote.get());
    if (session.offered)
        CredentialHelper(session.workingDirectory)
            .approve(session.credentialUrl(), *session.offered);
    if (rc == GIT_ENOTFOUND || (rc >= 0 && !head.startsWith(QLatin1String("refs/heads/"))))
        return RemoteError{QStringLiteral("%1 (%2) names no default branch (its HEAD leads to no "
                                          "branch); say which branch the change is for")
                               .arg(m_name, displayUrl(session.url))};
    if (rc < 0)
        return RemoteError{QStringLiteral("asking for the default branch of %1 (%2): %3")
                               .arg(m_name, displayUrl(session.url), reason)};
    return head.mid(int(qstrlen("refs/heads/")));
}

std::variant<PushResult, RemoteError> Remote::push(const QString &branch,
                                                   const QString &targetBranch)
{
    setTimeoutsOnce();
    if (branch.isEmpty())
        return RemoteError{QStringLiteral("no branch to push")};
    if (branch == targetBranch)
        return RemoteError{QStringLiteral("refusing to push to %1's target branch \u201c%2\u201d: "
                                          "a change goes on a branch of its own")
                               .arg(m_name, branch)};
    const QByteArray localRef = "refs/heads/" + branch.toUtf8();
    git_oid localOid;
    int rc = git_reference_name_to_id(&localOid, m_repository.handle(), localRef.constData());
    if (rc < 0)
        return RemoteError{QStringLiteral("no branch \u201c%1\u201d to push").arg(branch)};

    auto opened = connectionTo(m_repository, m_name, GIT_DIRECTION_PUSH, m_knownHostsFile,
                               m_fallback, &m_progress, &m_stopRequested);
    if (auto *error = std::get_if<RemoteError>(&opened))
        return *error;
    auto &[remote, session] = std::get<Connection>(opened);

    // No leading '+': the remote's history is never rewritten.
    const QByteArray refspec = localRef + ':' + localRef;
    char *specs[] = {const_cast<char *>(refspec.constData())};
    const git_strarray refspecs = {specs, 1};
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.callbacks = callbacksFor(&session);
    rc = git_remote_push(remote.get(), &refspecs, &options);

    const QString where = QStringLiteral("%1 (%2)").arg(m_name, displayUrl(session.url));
    PushResult result;
    result.serverMessages = session.serverLines;
    const QString remoteRef = QString::fromUtf8(localRef);
    if (rc == GIT_ENONFASTFORWARD) {
        result.refs << RefUpdate{remoteRef, RefUpdate::Status::RejectedNonFastForward,
                                 QStringLiteral("%1 on %2 has commits that %3 does not; fetch it "
                                                "and build the change again, or use a new "
                                                "branch name")
                                     .arg(branch, where, branch)};
        return result;
    }
    if (rc < 0)
        return failureOf(session, QStringLiteral("pushing %1 to").arg(branch), rc);
    if (session.offered)
        CredentialHelper(session.workingDirectory)
            .approve(session.credentialUrl(), *session.offered);

    for (auto it = session.refStatus.cbegin(); it != session.refStatus.cend(); ++it) {
        RefUpdate update;
        update.ref = it.key();
        if (it.value().isEmpty()) {
            update.status = session.upToDate.value(it.key()) ? RefUpdate::Status::UpToDate
                                                             : RefUpdate::Status::Updated;
        } else if (it.value().contains(QLatin1String("non-fast-forward"))
                   || it.value().contains(QLatin1String("fetch first"))) {
            update.status = RefUpdate::Status::RejectedNonFastForward;
            update.message = QStringLiteral("%1 on %2 has commits that %3 does not (%4)")
                                 .arg(branch, where, branch, it.value());
        } else {
            const QString serverWords = session.serverLines.join(QLatin1Char('\n'));
            // Each forge words it its own way; all of them say "protected branch".
            const bool protectedBranch =
                it.value().contains(QLatin1String("protected branch"), Qt::CaseInsensitive)
                || serverWords.contains(QLatin1String("protected branch"), Qt::CaseInsensitive);
            update.status = protectedBranch ? RefUpdate::Status::RejectedProtectedBranch
                                            : RefUpdate::Status::RejectedByServer;
            QString message = protectedBranch
                ? QStringLiteral("%1 refused %2 because the branch is protected there (%3); "
                                 "push to a branch of another name, or ask the repository's "
                                 "maintainers about its protection rules")
                      .arg(where, branch, it.value())
                : QStringLiteral("%1 refused %2: %3").arg(where, branch, it.value());
            if (!session.serverLines.isEmpty())
                message += QLatin1String("\n") + session.serverLines.join(QLatin1Char('\n'));
            update.message = message;
        }
        result.refs << update;
    }
    qCDebug(lcGit) << "pushed" << branch << "to" << m_name << "refs" << result.refs.size();
    return result;
}

} // namespace gitops::git
