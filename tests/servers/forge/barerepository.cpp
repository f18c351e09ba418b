#include "barerepository.h"

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QTimeZone>

namespace localforge {

BareRepository::BareRepository(const QString &gitDir)
    : m_gitDir(gitDir)
{ }

bool BareRepository::exists() const
{
    return QDir(m_gitDir).exists(QStringLiteral("HEAD"));
}

namespace {

// git, gpg and gpgsm without the user's or the system's configuration.
QProcessEnvironment forgeEnvironment(const QString &gnupgHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!gnupgHome.isEmpty())
        env.insert(QStringLiteral("GNUPGHOME"), gnupgHome);
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Local Forge"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("forge@127.0.0.1"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Local Forge"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("forge@127.0.0.1"));
    return env;
}

} // namespace

bool BareRepository::git(const QStringList &arguments, QString *out, QString *error) const
{
    QProcess process;
    process.setProcessEnvironment(forgeEnvironment({}));
    process.start(QStringLiteral("git"),
                  QStringList{QStringLiteral("--git-dir"), m_gitDir} + arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(30000)) {
        if (error)
            *error = QStringLiteral("git %1: %2").arg(arguments.value(0), process.errorString());
        process.kill();
        process.waitForFinished(1000);
        return false;
    }
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error)
            *error = QString::fromUtf8(process.readAllStandardError()).trimmed();
        return false;
    }
    return true;
}

QString BareRepository::branchTip(const QString &branch) const
{
    QString out;
    if (branch.isEmpty()
        || !git({QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
                 QStringLiteral("refs/heads/%1^{commit}").arg(branch)},
                &out))
        return {};
    return out;
}

int BareRepository::commitsAhead(const QString &base, const QString &head) const
{
    const QString baseTip = branchTip(base);
    const QString headTip = branchTip(head);
    if (baseTip.isEmpty() || headTip.isEmpty())
        return -1;
    QString out;
    if (!git({QStringLiteral("rev-list"), QStringLiteral("--count"), baseTip + u".." + headTip},
             &out))
        return -1;
    return out.toInt();
}

bool BareRepository::isAncestor(const QString &commit, const QString &descendant) const
{
    if (commit.isEmpty() || descendant.isEmpty())
        return false;
    return git({QStringLiteral("merge-base"), QStringLiteral("--is-ancestor"), commit, descendant},
               nullptr);
}

QString BareRepository::merge(const QString &base, const QString &head, const QString &message,
                              QString *error) const
{
    const QString baseTip = branchTip(base);
    const QString headTip = branchTip(head);
    if (baseTip.isEmpty() || headTip.isEmpty()) {
        *error = QStringLiteral("branch %1 or %2 does not exist").arg(base, head);
        return {};
    }
    QString tree;
    if (!git({QStringLiteral("merge-tree"), QStringLiteral("--write-tree"), baseTip, headTip},
             &tree, error)) {
        *error = QStringLiteral("merge conflict between %1 and %2: %3").arg(base, head, tree);
        return {};
    }
    tree = tree.section(u'\n', 0, 0);
    QString commit;
    if (!git({QStringLiteral("commit-tree"), tree, QStringLiteral("-p"), baseTip,
              QStringLiteral("-p"), headTip, QStringLiteral("-m"), message},
             &commit, error))
        return {};
    if (!git({QStringLiteral("update-ref"), QStringLiteral("refs/heads/%1").arg(base), commit,
              baseTip},
             nullptr, error))
        return {};
    return commit;
}

QList<BareRepository::ChangedFile> BareRepository::changedFiles(const QString &baseCommit,
                                                                const QString &headCommit) const
{
    if (baseCommit.isEmpty() || headCommit.isEmpty() || baseCommit.startsWith(u'-')
        || headCommit.startsWith(u'-'))
        return {};
    const QString range = baseCommit + QStringLiteral("...") + headCommit;
    // -z: paths as they are, NUL after each field.
    QString raw;
    if (!git({QStringLiteral("diff"), QStringLiteral("--raw"), QStringLiteral("-z"),
              QStringLiteral("-M"), QStringLiteral("--no-abbrev"), range},
             &raw))
        return {};
    QList<ChangedFile> files;
    const QStringList fields = raw.split(QChar(0), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < fields.size();) {
        // ":100644 100644 OLD NEW M" then the path (two for R and C, whose status has a score).
        const QStringList header = fields.at(i++).mid(1).split(u' ');
        if (header.size() < 5 || i >= fields.size())
            break;
        ChangedFile file;
        file.oldMode = header.at(0);
        file.newMode = header.at(1);
        file.oldBlob = header.at(2);
        file.newBlob = header.at(3);
        file.status = header.at(4).at(0);
        if (file.status == u'R' || file.status == u'C') {
            file.previousPath = fields.at(i++);
            if (i >= fields.size())
                break;
        }
        file.path = fields.at(i++);
        files << file;
    }
    // The patches come in the same order as the raw entries (one diff queue).
    QString patch;
    if (!git({QStringLiteral("diff"), QStringLiteral("--no-color"), QStringLiteral("--no-ext-diff"),
              QStringLiteral("-M"), range},
             &patch))
        return files;
    const QStringList chunks =
        QString(u'\n' + patch).split(QStringLiteral("\ndiff --git "), Qt::SkipEmptyParts);
    if (chunks.size() != files.size())
        return files;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const qsizetype hunks = chunks.at(i).indexOf(QStringLiteral("\n@@"));
        if (hunks < 0)
            continue;
        ChangedFile &file = files[i];
        file.patch = chunks.at(i).mid(hunks + 1);
        if (!file.patch.endsWith(u'\n'))
            file.patch += u'\n';
        for (const QStringView line : QStringView(file.patch).split(u'\n')) {
            if (line.startsWith(u'+'))
                ++file.additions;
            else if (line.startsWith(u'-'))
                ++file.deletions;
        }
    }
    return files;
}

BareRepository::CommitObject BareRepository::commitObject(const QString &sha,
                                                          const Keyrings &keys) const
{
    CommitObject commit;
    QString raw;
    if (sha.isEmpty() || sha.startsWith(u'-')
        || !git({QStringLiteral("cat-file"), QStringLiteral("commit"), sha}, &raw))
        return commit;
    commit.found = true;
    const qsizetype end = raw.indexOf(QStringLiteral("\n\n"));
    const QStringList header = raw.left(end < 0 ? raw.size() : end).split(u'\n');
    commit.message = end < 0 ? QString() : raw.mid(end + 2);
    QStringList payload;
    bool inSignature = false;
    const auto person = [](const QString &line, QString *name, QString *email, QString *date) {
        const qsizetype open = line.indexOf(u'<');
        const qsizetype close = line.indexOf(u'>', open);
        *name = line.left(open).trimmed();
        *email = line.mid(open + 1, close - open - 1);
        const QString epoch = line.mid(close + 1).trimmed().section(u' ', 0, 0);
        *date =
            QDateTime::fromSecsSinceEpoch(epoch.toLongLong(), QTimeZone::UTC).toString(Qt::ISODate);
    };
    for (const QString &line : header) {
        if (inSignature && line.startsWith(u' ')) {
            commit.signature += u'\n' + line.mid(1);
            continue;
        }
        inSignature = false;
        if (line.startsWith(QStringLiteral("gpgsig "))) {
            commit.signature = line.mid(7);
            inSignature = true;
            continue;
        }
        payload << line;
        if (line.startsWith(QStringLiteral("tree ")))
            commit.tree = line.mid(5);
        else if (line.startsWith(QStringLiteral("parent ")))
            commit.parents << line.mid(7);
        else if (line.startsWith(QStringLiteral("author ")))
            person(line.mid(7), &commit.authorName, &commit.authorEmail, &commit.authorDate);
        else if (line.startsWith(QStringLiteral("committer ")))
            person(line.mid(10), &commit.committerName, &commit.committerEmail,
                   &commit.committerDate);
    }
    commit.payload = payload.join(u'\n') + QStringLiteral("\n\n") + commit.message;
    checkSignature(sha, keys, &commit);
    return commit;
}

int BareRepository::run(const QString &program, const QStringList &arguments,
                        const QString &gnupgHome, QByteArray *out, QByteArray *err) const
{
    QProcess process;
    process.setProcessEnvironment(forgeEnvironment(gnupgHome));
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(program, arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(1000);
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    if (err)
        *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void BareRepository::checkSignature(const QString &sha, const Keyrings &keys,
                                    CommitObject *commit) const
{
    SignatureCheck &check = commit->check;
    check.kind = signatureKind(commit->signature);
    if (check.kind == SignatureCheck::Kind::None)
        return;
    const QStringList gitDir{QStringLiteral("--git-dir"), m_gitDir};
    if (check.kind == SignatureCheck::Kind::Ssh) {
        if (keys.allowedSignersFile.isEmpty()) {
            check.status = SignatureCheck::Status::NotChecked;
            return;
        }
        const int status = run(QStringLiteral("git"),
                               gitDir
                                   + QStringList{QStringLiteral("-c"),
                                                 QStringLiteral("gpg.ssh.allowedSignersFile=")
                                                     + keys.allowedSignersFile,
                                                 QStringLiteral("verify-commit"), sha},
                               {}, nullptr, nullptr);
        check.status =
            status == 0 ? SignatureCheck::Status::Good : SignatureCheck::Status::UnknownKey;
        return;
    }
    if (keys.gnupgHome.isEmpty()) {
        check.status = SignatureCheck::Status::NotChecked;
        return;
    }
    // git picks gpg or gpgsm by the signature's armor; --raw gives their status lines.
    QByteArray status;
    const int exitCode =
        run(QStringLiteral("git"),
            gitDir + QStringList{QStringLiteral("verify-commit"), QStringLiteral("--raw"), sha},
            keys.gnupgHome, nullptr, &status);
    readVerifyStatus(status, exitCode, &check);
    const bool x509 = check.kind == SignatureCheck::Kind::X509;
    const QString program = x509 ? QStringLiteral("gpgsm") : QStringLiteral("gpg");
    QByteArray listing;
    if (run(program,
            x509 ? QStringList{QStringLiteral("--batch"), QStringLiteral("--with-colons"),
                               QStringLiteral("--list-keys")}
                 : QStringList{QStringLiteral("--batch"), QStringLiteral("--with-colons"),
                               QStringLiteral("--fixed-list-mode"), QStringLiteral("--list-keys")},
            keys.gnupgHome, &listing, nullptr)
        == 0)
        readKeyListing(listing, commit->committerEmail, &check);
    QByteArray dump;
    if (x509 && check.keyNumber > 0
        && run(program,
               {QStringLiteral("--batch"), QStringLiteral("--dump-cert"), check.primaryFingerprint},
               keys.gnupgHome, &dump, nullptr)
            == 0)
        readCertificateDump(dump, &check);
}

} // namespace localforge
