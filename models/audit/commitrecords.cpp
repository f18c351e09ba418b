#include "audit/commitrecords.h"

#include "forge/forgeremote.h"
#include "git/libgit2.h"
#include "history/apphistory.h"

namespace gitops::audit {

namespace {

// Whether the commit object carries a signature header (gpgsig, OpenPGP or ssh). Only its
// presence is read; verifying it needs the signer's keys.
CommitRecord::Signature signatureOf(const git::Repository &repository, const QString &id,
                                    QString *format)
{
    git_oid oid;
    if (!git::oidFromString(&oid, id))
        return CommitRecord::Signature::Unknown;
    git_buf signature = GIT_BUF_INIT;
    git_buf signedData = GIT_BUF_INIT;
    const int rc =
        git_commit_extract_signature(&signature, &signedData, repository.handle(), &oid, nullptr);
    if (rc == 0) {
        // The armour names the kind: ssh (gpg.format=ssh), OpenPGP, or X.509 (gpgsm).
        const QByteArray armour = QByteArray(signature.ptr, qsizetype(signature.size)).trimmed();
        *format = armour.startsWith("-----BEGIN SSH SIGNATURE-----") ? QStringLiteral("ssh")
            : armour.startsWith("-----BEGIN PGP SIGNATURE-----")     ? QStringLiteral("openpgp")
            : armour.startsWith("-----BEGIN SIGNED MESSAGE-----")    ? QStringLiteral("x509")
                                                                     : QString();
    }
    git_buf_dispose(&signature);
    git_buf_dispose(&signedData);
    if (rc == 0)
        return CommitRecord::Signature::Signed;
    return rc == GIT_ENOTFOUND ? CommitRecord::Signature::Unsigned
                               : CommitRecord::Signature::Unknown;
}

} // namespace

QString commitLink(const QString &remoteUrl, const QString &id)
{
    if (remoteUrl.isEmpty())
        return {};
    const forge::ForgeRemote remote = forge::ForgeRemote::fromUrl(remoteUrl);
    if (!remote.isValid() || remote.webUrl().isEmpty())
        return {};
    switch (remote.type()) {
    case forge::ForgeType::GitHub:
    case forge::ForgeType::Gitea:
        return remote.webUrl().toString() + QStringLiteral("/commit/") + id;
    case forge::ForgeType::GitLab:
        return remote.webUrl().toString() + QStringLiteral("/-/commit/") + id;
    case forge::ForgeType::Bitbucket:
        return remote.webUrl().toString() + QStringLiteral("/commits/") + id;
    case forge::ForgeType::Unknown:
        break;
    }
    return {};
}

std::variant<QList<CommitRecord>, QString>
readCommitRecords(const git::Repository &repository, const App &app, const QString &revision,
                  int maxCommits, const QString &remoteUrl, bool *truncated,
                  const git::JobControl &control)
{
    git::ensureLibGit2();
    const history::AppHistory history(app);
    QList<CommitRecord> records;
    history::HistoryCursor cursor{revision, {}};
    if (truncated)
        *truncated = false;
    while (!cursor.atEnd() && records.size() < maxCommits) {
        auto page =
            history.page(repository, cursor,
                         int(std::min<qsizetype>(100, maxCommits - records.size())), control);
        if (const QString *error = std::get_if<QString>(&page))
            return *error;
        const history::HistoryPage &found = std::get<history::HistoryPage>(page);
        for (const history::HistoryEntry &entry : found.commits) {
            CommitRecord record;
            record.id = entry.id;
            record.subject = entry.subject;
            record.authorName = entry.authorName;
            record.authorEmail = entry.authorEmail;
            record.authorTime = entry.authorTime;
            record.commitTime = entry.commitTime;
            record.parentIds = entry.parentIds;
            record.mergedParentCount = entry.mergedParentCount;
            auto commit = repository.commit(entry.id);
            if (const auto *info = std::get_if<git::CommitInfo>(&commit)) {
                record.committerName = info->committerName;
                record.committerEmail = info->committerEmail;
            }
            record.signature = signatureOf(repository, entry.id, &record.signatureFormat);
            record.link = commitLink(remoteUrl, entry.id);
            records << record;
        }
        if (found.stopped)
            return QStringLiteral("reading the history of %1 was stopped").arg(app.name);
        cursor = found.next;
    }
    if (truncated)
        *truncated = !cursor.atEnd();
    return records;
}

} // namespace gitops::audit
