#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace gitops::test {

/// Runs the local-forge executable of one flavor for a test: a fresh forge on a free port
/// of 127.0.0.1 over one bare repository (`acme/deploy`, or `acme/platform/deploy` for
/// GitLab, to exercise nested groups) made with the real git in a temporary folder, with a
/// token that may write and one that may only read. Talks to the forge's admin API
/// synchronously (tests only). Stopped with SIGTERM when destroyed.
class LocalForgeProcess
{
public:
    explicit LocalForgeProcess(const QString &flavor);
    ~LocalForgeProcess();
    LocalForgeProcess(const LocalForgeProcess &) = delete;
    LocalForgeProcess &operator=(const LocalForgeProcess &) = delete;

    static QByteArray writeToken() { return "forge-write-token-1"; }
    static QByteArray readToken() { return "forge-read-token-2"; }

    /// Makes the repository and starts @p executable; false (and @p error) when it does not
    /// say "listening on ..." within 20 s.
    bool start(const QString &executable, const QStringList &arguments, QString *error);
    void stop();

    QString flavor() const { return m_flavor; }
    QString url() const { return m_url; }
    QString project() const;
    /// The https-style clone URL a user's remote would hold.
    QString remoteUrl() const { return m_url + u'/' + project() + QStringLiteral(".git"); }
    /// remoteUrl() with the write token as basic-auth password, for the test's own git (which
    /// then needs no credential helper); the forge reads no user name.
    QString remoteUrlWithToken() const;
    QString apiBase() const;

    /// Commits @p file (a path: its folders are made) on a new branch @p branch off main and
    /// pushes it; the commit id.
    QString pushBranch(const QString &branch, const QString &file);
    /// The commit @p branch of the bare repository points at.
    QString branchTip(const QString &branch) const;
    /// The parents of @p commit in the bare repository.
    QStringList parents(const QString &commit) const;

    /// Every pull request the forge holds (GET /_forge/pulls).
    QJsonArray pulls();
    /// POST /_forge/merge or /_forge/close for pull request @p number; the answer's status.
    int finish(int number, bool merge);
    /// POST /_forge/merge as @p user (the pull request's merged_by); the answer's status.
    int mergeAs(int number, const QString &user);
    /// POST /_forge/review: @p user submits a review in @p state (APPROVED,
    /// CHANGES_REQUESTED, COMMENTED) of pull request @p number; the answer's status.
    int review(int number, const QString &user, const QString &state = QStringLiteral("APPROVED"));
    /// POST /_forge/signers: the ssh allowed-signers file the forge verifies signatures with.
    bool setSigners(const QByteArray &allowedSigners);
    /// POST /_forge/faults.
    bool setFaults(const QJsonObject &rules);

private:
    struct Answer
    {
        int status = 0;
        QByteArray body;
    };
    Answer call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {});
    QString bareRepository() const;

    QString m_flavor;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_url;
};

} // namespace gitops::test
