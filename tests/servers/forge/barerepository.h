#pragma once

#include "signaturecheck.h"

#include <QString>
#include <QStringList>

namespace localforge {

/// One bare repository under the forge's root (`ROOT/OWNER/REPO.git`), read and written
/// with the real `git` (no user or system configuration). Synchronous: the local forge
/// answers one request at a time and git on a small test repository takes milliseconds.
class BareRepository
{
public:
    explicit BareRepository(const QString &gitDir);

    bool exists() const;
    QString gitDir() const { return m_gitDir; }

    /// The commit id @p branch points at; empty when there is no such branch.
    QString branchTip(const QString &branch) const;
    /// How many commits @p head has that @p base lacks; -1 when either is missing.
    int commitsAhead(const QString &base, const QString &head) const;
    /// Whether @p commit is @p descendant or one of its ancestors.
    bool isAncestor(const QString &commit, const QString &descendant) const;
    /// Writes a merge commit of @p head into @p base (as a forge's merge button does) and
    /// moves @p base to it; returns its id, or empty with @p error (conflicts included).
    QString merge(const QString &base, const QString &head, const QString &message,
                  QString *error) const;

    /// One file that differs between two commits, as `git diff --raw -M` names it.
    struct ChangedFile
    {
        QChar status; ///< A, C, D, M, R or T
        QString path; ///< where it is in the head (where it was, for a deleted file)
        QString previousPath; ///< where it was in the base, for a rename or copy
        QString oldMode, newMode; ///< "000000" where there is none
        QString oldBlob, newBlob; ///< full ids; all zeros where there is none
        QString patch; ///< its hunks ("@@ ..."), "" for a binary file or a bare rename
        int additions = 0;
        int deletions = 0;
    };
    /// The files a pull request from @p baseCommit to @p headCommit changes: what differs
    /// between their merge base and @p headCommit (`git diff base...head`, renames found as
    /// git finds them), ordered by path as git orders them. Empty when either is missing.
    QList<ChangedFile> changedFiles(const QString &baseCommit, const QString &headCommit) const;

    /// The keys the forge checks signatures with.
    struct Keyrings
    {
        /// An ssh allowed-signers file; "": no ssh key is known.
        QString allowedSignersFile;
        /// A GnuPG home whose public keyring (gpg) and certificates with trustlist.txt
        /// (gpgsm) are the forge users' keys; "": no OpenPGP or X.509 key is known.
        QString gnupgHome;
    };

    /// A commit as `git cat-file commit` holds it, with what a forge says of its signature.
    struct CommitObject
    {
        bool found = false;
        QString tree;
        QStringList parents;
        QString authorName, authorEmail, committerName, committerEmail;
        QString authorDate, committerDate; ///< ISO 8601, UTC
        QString message;
        QString signature; ///< the gpgsig header, "" when unsigned
        QString payload; ///< the commit without its signature: what was signed
        /// What `git verify-commit` said with the forge's keys, and whose key it is.
        SignatureCheck check;
        bool verified() const { return check.verified(); }
    };
    /// Commit @p sha, its signature checked by the real `git verify-commit` (ssh-keygen,
    /// gpg or gpgsm) against @p keys.
    CommitObject commitObject(const QString &sha, const Keyrings &keys) const;

private:
    bool git(const QStringList &arguments, QString *out, QString *error = nullptr) const;
    /// Runs @p program (GNUPGHOME=@p gnupgHome when set); its exit code, -1 when it did not
    /// finish.
    int run(const QString &program, const QStringList &arguments, const QString &gnupgHome,
            QByteArray *out, QByteArray *err) const;
    void checkSignature(const QString &sha, const Keyrings &keys, CommitObject *commit) const;

    QString m_gitDir;
};

} // namespace localforge
