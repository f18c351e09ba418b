#pragma once

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
        bool ssh = false; ///< an ssh signature (else OpenPGP)
        /// `git verify-commit` accepted the signature with the forge's allowed signers.
        bool verified = false;
    };
    /// Commit @p sha, its signature checked against @p allowedSignersFile (an ssh
    /// allowed-signers file; "" : none known, every signature is unverified).
    CommitObject commitObject(const QString &sha, const QString &allowedSignersFile) const;

private:
    bool git(const QStringList &arguments, QString *out, QString *error = nullptr) const;

    QString m_gitDir;
};

} // namespace localforge
