#include "libgit2.h"

namespace gitops::git {

void ensureLibGit2()
{
    static const bool initialised = [] {
        git_libgit2_init();
        // Objects read from the repository are not hashed again on every read, as git itself
        // does not: packs carry their own checksums, and the verification was half the time
        // of a history walk (bench_history). Objects the console writes are still hashed.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        return true;
    }();
    Q_UNUSED(initialised);
}

QString lastErrorMessage(int code)
{
    const git_error *error = git_error_last();
    if (error && error->message && *error->message)
        return QString::fromUtf8(error->message);
    return QStringLiteral("libgit2 error %1").arg(code);
}

bool oidFromString(git_oid *oid, const QString &text)
{
    const QByteArray latin = text.toLatin1();
    return latin.size() == GIT_OID_SHA1_HEXSIZE && git_oid_fromstr(oid, latin.constData()) == 0;
}

QString oidToString(const git_oid &oid)
{
    char text[GIT_OID_MAX_HEXSIZE + 1] = {};
    git_oid_tostr(text, sizeof text, &oid);
    return QString::fromLatin1(text);
}

} // namespace gitops::git
