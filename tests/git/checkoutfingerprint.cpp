#include "checkoutfingerprint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace gitops::test {

namespace {

QString hashOf(const QString &file)
{
    QFile in(file);
    if (!in.exists())
        return QStringLiteral("absent");
    if (!in.open(QIODevice::ReadOnly))
        return QStringLiteral("unreadable");
    return QString::fromLatin1(
        QCryptographicHash::hash(in.readAll(), QCryptographicHash::Sha256).toHex());
}

} // namespace

QStringList checkoutFingerprint(const QString &workingTree)
{
    const QDir root(workingTree);
    const QDir git(root.filePath(QStringLiteral(".git")));
    QStringList lines;
    QFile headFile(git.filePath(QStringLiteral("HEAD")));
    QString branchRef;
    if (headFile.open(QIODevice::ReadOnly)) {
        const QByteArray head = headFile.readAll().trimmed();
        if (head.startsWith("ref: "))
            branchRef = QString::fromUtf8(head.mid(5));
    }
    lines << QStringLiteral("HEAD ") + hashOf(git.filePath(QStringLiteral("HEAD")));
    lines << QStringLiteral("index ") + hashOf(git.filePath(QStringLiteral("index")));
    lines << QStringLiteral("packed-refs ") + hashOf(git.filePath(QStringLiteral("packed-refs")));
    lines << QStringLiteral("logs/HEAD ") + hashOf(git.filePath(QStringLiteral("logs/HEAD")));
    if (!branchRef.isEmpty()) {
        lines << branchRef + QLatin1Char(' ') + hashOf(git.filePath(branchRef));
        lines << QStringLiteral("logs/") + branchRef + QLatin1Char(' ')
                + hashOf(git.filePath(QStringLiteral("logs/") + branchRef));
    }
    QDirIterator files(workingTree, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = root.relativeFilePath(files.next());
        if (path == QLatin1String(".git") || path.startsWith(QLatin1String(".git/")))
            continue;
        const QFileInfo info(root.filePath(path));
        lines << QStringLiteral("worktree:%1 %2 %3")
                     .arg(path, QString::number(int(info.permissions()), 16),
                          hashOf(info.filePath()));
    }
    lines.sort();
    return lines;
}

} // namespace gitops::test
