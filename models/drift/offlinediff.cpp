#include "drift/offlinediff.h"

#include "manifest/manifestparser.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace gitops::drift {

namespace {

// Every manifest under @p path: the file itself, or the files of a folder in name order.
QList<manifest::Resource> readResources(const QString &path, OfflineDiff::Result &result)
{
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        QDirIterator it(
            path, {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")},
            QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        std::sort(files.begin(), files.end());
    } else if (info.exists()) {
        files << path;
    } else {
        result.errors << QStringLiteral("%1: no such file or folder").arg(path);
        return {};
    }
    QList<manifest::Resource> resources;
    for (const QString &file : std::as_const(files)) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            result.errors << QStringLiteral("%1: %2").arg(file, in.errorString());
            continue;
        }
        const manifest::ParsedManifests parsed = manifest::parseManifests(in.readAll(), file);
        for (const manifest::SourceNote &note : parsed.notes) {
            if (note.kind == manifest::SourceNote::Kind::Error)
                result.errors << note.toString();
            else
                result.warnings << note.toString();
        }
        resources << parsed.resources;
    }
    return resources;
}

} // namespace

OfflineDiff::Result OfflineDiff::run(const QString &desiredPath, const QString &livePath,
                                     const QString &defaultNamespace,
                                     const ComparisonOptions &options)
{
    Result result;
    const QList<manifest::Resource> desired = readResources(desiredPath, result);
    const QList<manifest::Resource> liveResources = readResources(livePath, result);
    if (!result.errors.isEmpty())
        return result;
    QList<QJsonObject> live;
    live.reserve(liveResources.size());
    for (const manifest::Resource &resource : liveResources)
        live << resource.object;
    result.app = compareApp(
        desired, live, defaultNamespace.isEmpty() ? QStringLiteral("default") : defaultNamespace,
        options);
    return result;
}

} // namespace gitops::drift
