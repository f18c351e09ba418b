#include "repository.h"

#include "logging.h"

#include <QDir>

namespace gitops::git {

namespace {

QString withoutTrailingSlash(const char *path)
{
    QString text = QString::fromUtf8(path ? path : "");
    while (text.size() > 1 && text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

} // namespace

Repository::Repository(RepositoryHandle handle)
    : m_handle(std::move(handle))
{ }

std::variant<std::unique_ptr<Repository>, QString> Repository::open(const QString &path)
{
    ensureLibGit2();
    const QString absolute = QDir(path).absolutePath();
    if (!QFileInfo(absolute).isDir())
        return QStringLiteral("%1: no such folder").arg(QDir::toNativeSeparators(absolute));

    git_repository *raw = nullptr;
    const QByteArray encoded = QFile::encodeName(absolute);
    const int rc = git_repository_open_ext(&raw, encoded.constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        return QStringLiteral("%1 is not inside a git repository")
            .arg(QDir::toNativeSeparators(absolute));
    if (rc < 0)
        return QStringLiteral("%1: %2").arg(
            QDir::toNativeSeparators(absolute), lastErrorMessage(rc));
    qCDebug(lcGit) << "opened" << absolute;
    return std::unique_ptr<Repository>(new Repository(RepositoryHandle(raw)));
}

QString Repository::workingDirectory() const
{
    return isBare() ? QString() : withoutTrailingSlash(git_repository_workdir(m_handle.get()));
}

QString Repository::gitDirectory() const
{
    return withoutTrailingSlash(git_repository_path(m_handle.get()));
}

bool Repository::isBare() const
{
    return git_repository_is_bare(m_handle.get()) == 1;
}

QString Repository::currentBranch() const
{
    git_reference *raw = nullptr;
    // HEAD of an unborn branch cannot be resolved, but still names the branch.
    if (git_repository_head_unborn(m_handle.get()) == 1) {
        if (git_reference_lookup(&raw, m_handle.get(), "HEAD") < 0)
            return {};
        const ReferenceHandle head(raw);
        const char *target = git_reference_symbolic_target(head.get());
        const QString name = QString::fromUtf8(target ? target : "");
        return name.startsWith(QLatin1String("refs/heads/")) ? name.mid(11) : QString();
    }
    if (git_repository_head_detached(m_handle.get()) == 1)
        return {};
    if (git_repository_head(&raw, m_handle.get()) < 0)
        return {};
    const ReferenceHandle head(raw);
    return QString::fromUtf8(git_reference_shorthand(head.get()));
}

QString Repository::headCommitId() const
{
    git_oid oid;
    if (git_reference_name_to_id(&oid, m_handle.get(), "HEAD") < 0)
        return {};
    char text[GIT_OID_MAX_HEXSIZE + 1] = {};
    git_oid_tostr(text, sizeof text, &oid);
    return QString::fromLatin1(text);
}

} // namespace gitops::git
